//! Syntax errors in CPython's words and places.
//!
//! Ruff's parser finds the same programs wrong as CPython's, but it words and
//! places its errors its own way and recovers to report them all. CPython
//! reports one error, chosen by rules of its own: a tokenizer error anywhere in
//! the file (an unterminated string, a stray bracket, a bad number, a bad
//! dedent) wins over a parser error; a bracket still open at the end wins over
//! a parser error on a later line; otherwise the parser's first error, worded
//! by the grammar's "invalid_" rules ("expected ':'", "Perhaps you forgot a
//! comma?", "cannot assign to literal here", ...). This module redoes those
//! choices: `scan` is a small tokenizer of its own (one pass, no recursion)
//! for CPython's tokenizer errors, and `parser_error` rewords Ruff's first
//! error with the help of Ruff's tokens and tree. It runs only on a program
//! Ruff already refused, so it can never refuse a program CPython runs.
//!
//! `render` draws the error as each version prints it: 3.13's traceback
//! module and 3.12's C code place and size the carets differently.

use super::{LineIndex, SyntaxErr};
use crate::profile::Python;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{ExceptHandler, ExprRef, ModModule, Stmt, UnaryOp};
use ruff_python_parser::{InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType, Parsed};
use ruff_text_size::{Ranged, TextRange};

/// The exception a syntax error raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    Syntax,
    Indentation,
    Tab,
}

impl ErrorType {
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::Syntax => "SyntaxError",
            ErrorType::Indentation => "IndentationError",
            ErrorType::Tab => "TabError",
        }
    }
}

/// A SyntaxError's location attributes as CPython sets them: 1-based lines,
/// 1-based character offsets; `end_offset` may be 0 or -1 (no end).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub lineno: u32,
    pub offset: i64,
    pub end_lineno: u32,
    pub end_offset: i64,
}

impl Location {
    /// The location of a byte range.
    pub fn of(src: &str, lines: &LineIndex, start: u32, end: u32) -> Location {
        Location {
            lineno: lines.line(start),
            offset: lines.col(src, start) as i64 + 1,
            end_lineno: lines.line(end),
            end_offset: lines.col(src, end) as i64 + 1,
        }
    }
}

fn error(src: &str, lines: &LineIndex, ty: ErrorType, message: String, start: u32, end: u32) -> SyntaxErr {
    SyntaxErr { message, start, end, not_supported: false, ty, loc: Location::of(src, lines, start, end) }
}

/// An error at a byte range with CPython's location attributes set apart.
fn placed(message: String, ty: ErrorType, start: u32, end: u32, loc: Location) -> SyntaxErr {
    SyntaxErr { message, start, end, not_supported: false, ty, loc }
}

/// The error CPython reports for a program Ruff refused (`parsed` has errors).
pub(super) fn cpython_error(src: &str, parsed: &Parsed<ModModule>, python: Python) -> SyntaxErr {
    let lines = LineIndex::new(src);
    let scanned = scan(src, &lines, python);
    if let Some(e) = scanned.error {
        return e;
    }
    // Ruff's first error (in the order it found them: an invalid target is
    // found after the errors inside its statement, as in CPython's second pass)
    let Some(first) = parsed.errors().first() else {
        return error(src, &lines, ErrorType::Syntax, "invalid syntax".into(), 0, 0);
    };
    let mut err = parser_error(src, &lines, parsed, first, python);
    // 3.12's parser gives its offsets in bytes of the line
    if python == Python::P312 && err.loc == Location::of(src, &lines, err.start, err.end) {
        let byte_col = |at: u32| (at - lines.line_start(lines.line(at))) as i64 + 1;
        err.loc.offset = byte_col(err.start);
        err.loc.end_offset = byte_col(err.end);
    }
    if let Some((bracket, at)) = scanned.unclosed {
        // the parser ran into the end inside the bracket, or failed on a later line
        let end = (first.location.end().to_u32() as usize).min(src.len());
        let rest_blank = src.get(end..).unwrap_or("").lines().all(|l| {
            let t = l.trim_start();
            t.is_empty() || t.starts_with('#')
        });
        if rest_blank || lines.line(end as u32) > lines.line(at) {
            let loc = Location { end_offset: 0, ..Location::of(src, &lines, at, at) };
            return placed(format!("'{}' was never closed", bracket as char), ErrorType::Syntax, at, at + 1, loc);
        }
    }
    err
}

// ---------------------------------------------------------------- the tokenizer's errors

struct Scanned {
    error: Option<SyntaxErr>,
    /// The innermost bracket still open at the end, and its byte offset.
    unclosed: Option<(u8, u32)>,
}

/// A string being scanned: its quote, whether triple-quoted, whether an
/// f-string, where it starts (its prefix), and the bracket depth inside its
/// current replacement field (0: in the literal part).
struct StrFrame {
    quote: u8,
    triple: bool,
    fstring: bool,
    start: usize,
    depth: u32,
    /// A backslash before its own quote (3.13 then asks whether the end quote was escaped).
    escaped_quote: bool,
}

/// Finds the first error CPython's tokenizer reports, in one pass.
fn scan(src: &str, lines: &LineIndex, python: Python) -> Scanned {
    let b = src.as_bytes();
    let mut brackets: Vec<(u8, usize)> = Vec::new();
    let mut indents: Vec<(u32, u32)> = vec![(0, 0)];
    let mut strings: Vec<StrFrame> = Vec::new();
    let mut line_start = true;
    let mut i = 0;
    let fail = |ty: ErrorType, message: String, start: usize, end: usize| Scanned {
        error: Some(error(src, lines, ty, message, start as u32, end as u32)),
        unclosed: None,
    };
    let line_len = |at: usize| lines.line_text(src, lines.line(at as u32)).chars().count() as i64;
    while i < b.len() {
        // inside a string (or an f-string's replacement field)
        if let Some(top) = strings.last_mut() {
            let c = b[i];
            if top.depth == 0 || c == top.quote {
                if c == b'\\' {
                    if b.get(i + 1) == Some(&top.quote) {
                        top.escaped_quote = true;
                    }
                    i += if b.get(i + 1) == Some(&b'\r') && b.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
                    continue;
                }
                if c == top.quote && (!top.triple || (b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c))) {
                    i += if top.triple { 3 } else { 1 };
                    strings.pop();
                    continue;
                }
                if c == b'\n' && !top.triple {
                    return unterminated(src, lines, python, top, lines.line(i as u32));
                }
                if top.fstring && c == b'{' {
                    if b.get(i + 1) == Some(&b'{') {
                        i += 2;
                        continue;
                    }
                    top.depth = 1;
                }
                i += 1;
                continue;
            }
            // a replacement field: brackets, nested strings
            match c {
                b'\n' if !top.triple => return unterminated(src, lines, python, top, lines.line(i as u32)),
                b'(' | b'[' | b'{' => top.depth += 1,
                b')' | b']' | b'}' => top.depth -= 1,
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    strings.push(StrFrame {
                        quote: c,
                        triple,
                        fstring: false,
                        start: i,
                        depth: 0,
                        escaped_quote: false,
                    });
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        if line_start {
            line_start = false;
            let (mut col, mut alt, mut j) = (0u32, 0u32, i);
            while j < b.len() {
                match b[j] {
                    b' ' => {
                        col += 1;
                        alt += 1;
                    }
                    b'\t' => {
                        col = (col / 8 + 1) * 8;
                        alt += 1;
                    }
                    b'\x0c' => {
                        col = 0;
                        alt = 0;
                    }
                    _ => break,
                }
                j += 1;
            }
            i = j;
            if j >= b.len() || matches!(b[j], b'#' | b'\n' | b'\r') || !brackets.is_empty() {
                continue;
            }
            let &(top, top_alt) = indents.last().unwrap_or(&(0, 0));
            let tab_error = || {
                let lineno = lines.line(j as u32);
                let loc = Location { lineno, offset: 1, end_lineno: lineno, end_offset: 0 };
                let message = "inconsistent use of tabs and spaces in indentation".to_string();
                Scanned { error: Some(placed(message, ErrorType::Tab, j as u32, j as u32, loc)), unclosed: None }
            };
            if col == top {
                if alt != top_alt {
                    return tab_error();
                }
            } else if col > top {
                if alt <= top_alt {
                    return tab_error();
                }
                indents.push((col, alt));
            } else {
                while indents.len() > 1 && indents.last().is_some_and(|&(c, _)| col < c) {
                    indents.pop();
                }
                let &(top, top_alt) = indents.last().unwrap_or(&(0, 0));
                if col != top {
                    let start = lines.line_start(lines.line(j as u32));
                    let lineno = lines.line(j as u32);
                    let loc = Location { lineno, offset: line_len(j) + 1, end_lineno: lineno, end_offset: -1 };
                    let message = "unindent does not match any outer indentation level".to_string();
                    return Scanned {
                        error: Some(placed(message, ErrorType::Indentation, start, j as u32, loc)),
                        unclosed: None,
                    };
                }
                if alt != top_alt {
                    return tab_error();
                }
            }
            continue;
        }
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\x0c' | b'\r' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\n' => {
                i += 1;
                line_start = brackets.is_empty();
            }
            b'\\' => {
                let next = if b.get(i + 1) == Some(&b'\r') { i + 2 } else { i + 1 };
                if b.get(next) == Some(&b'\n') && next + 1 < b.len() {
                    i = next + 1;
                } else if b.get(next) == Some(&b'\n') || next >= b.len() {
                    let lineno = lines.line(i as u32);
                    let loc = Location { lineno, offset: line_len(i) + 1, end_lineno: lineno, end_offset: -1 };
                    let message = "unexpected EOF while parsing".to_string();
                    return Scanned {
                        error: Some(placed(message, ErrorType::Syntax, i as u32, i as u32 + 1, loc)),
                        unclosed: None,
                    };
                } else {
                    let message = "unexpected character after line continuation character".to_string();
                    return fail(ErrorType::Syntax, message, i + 1, i + 1);
                }
            }
            b'(' | b'[' | b'{' => {
                brackets.push((c, i));
                i += 1;
            }
            b')' | b']' | b'}' => {
                let Some((open, at)) = brackets.pop() else {
                    return fail(ErrorType::Syntax, format!("unmatched '{}'", c as char), i, i);
                };
                if matching(open) != c {
                    let mut message = format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        c as char, open as char
                    );
                    if lines.line(at as u32) != lines.line(i as u32) {
                        message += &format!(" on line {}", lines.line(at as u32));
                    }
                    return fail(ErrorType::Syntax, message, i, i);
                }
                i += 1;
            }
            b'\'' | b'"' => {
                let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                strings.push(StrFrame { quote: c, triple, fstring: false, start: i, depth: 0, escaped_quote: false });
                i += if triple { 3 } else { 1 };
            }
            _ if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) => {
                match number(b, i) {
                    Ok(end) => i = end,
                    Err((message, start, end)) => {
                        let lineno = lines.line(i as u32);
                        let col = |at: usize| lines.col(src, at as u32) as i64;
                        let loc = Location { lineno, offset: col(start), end_lineno: lineno, end_offset: col(end) };
                        return Scanned {
                            error: Some(placed(message, ErrorType::Syntax, start as u32, end as u32, loc)),
                            unclosed: None,
                        };
                    }
                }
            }
            _ if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let Some(ch) = src.get(i..).and_then(|r| r.chars().next()) else {
                    i += 1;
                    continue;
                };
                if c >= 0x80 && !identifier(ch, true) {
                    return fail(ErrorType::Syntax, invalid_character(ch), i, i);
                }
                let start = i;
                i += ch.len_utf8();
                while let Some(ch) = src.get(i..).and_then(|r| r.chars().next()) {
                    if ch.is_ascii_alphanumeric() || ch == '_' || (!ch.is_ascii() && identifier(ch, false)) {
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                }
                let word = src.get(start..i).unwrap_or("").to_ascii_lowercase();
                if let Some(&q) = b.get(i).filter(|&&q| q == b'\'' || q == b'"') {
                    if matches!(word.as_str(), "r" | "u" | "b" | "br" | "rb" | "f" | "fr" | "rf") {
                        let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
                        let fstring = word.contains('f');
                        strings.push(StrFrame { quote: q, triple, fstring, start, depth: 0, escaped_quote: false });
                        i += if triple { 3 } else { 1 };
                    }
                }
            }
            _ => i += 1,
        }
    }
    if let Some(top) = strings.last() {
        // only a triple-quoted string (or one at the very end) is still open
        let last_line = lines.line(src.len() as u32).max(1);
        let last_line = if src.ends_with('\n') { last_line - 1 } else { last_line };
        return unterminated(src, lines, python, top, last_line.max(1));
    }
    Scanned { error: None, unclosed: brackets.last().map(|&(c, at)| (c, at as u32)) }
}

/// Whether a non-ASCII character may stand in a name: gcplay's table, or a
/// letter or digit in CPython's Unicode database (which CPython may accept
/// where gcplay refuses).
fn identifier(c: char, first: bool) -> bool {
    use crate::vm::unicode::{is, ALPHA, NUMERIC};
    super::identifier_char(c, first) || is(c, ALPHA, Python::P313) || is(c, NUMERIC, Python::P313)
}

fn matching(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn unterminated(src: &str, lines: &LineIndex, python: Python, s: &StrFrame, detected: u32) -> Scanned {
    let what = match (s.triple, s.fstring) {
        (false, false) => "string literal",
        (false, true) => "f-string literal",
        (true, false) => "triple-quoted string literal",
        (true, true) => "triple-quoted f-string literal",
    };
    let mut message = format!("unterminated {what} (detected at line {detected})");
    if python == Python::P313 && !s.triple && s.escaped_quote {
        message += "; perhaps you escaped the end quote?";
    }
    Scanned {
        error: Some(error(src, lines, ErrorType::Syntax, message, s.start as u32, s.start as u32)),
        unclosed: None,
    }
}

fn invalid_character(c: char) -> String {
    let code = c as u32;
    let printable = !(c.is_whitespace()
        || c.is_control()
        || matches!(code, 0xad | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x2064 | 0xfeff));
    if printable {
        format!("invalid character '{c}' (U+{code:04X})")
    } else {
        format!("invalid non-printable character U+{code:04X}")
    }
}

/// The end of the number literal at `i`, or CPython's tokenizer error and the
/// byte offsets its offset and end offset name (as 1-based columns, which is
/// how CPython's come out: one column left of the character it read last).
fn number(b: &[u8], i: usize) -> Result<usize, (String, usize, usize)> {
    let digits = |mut j: usize, ok: &dyn Fn(u8) -> bool| -> Result<usize, usize> {
        // digits with single underscores between them; Err(at) on a dangling underscore
        while j < b.len() {
            if ok(b[j]) {
                j += 1;
            } else if b[j] == b'_' {
                if b.get(j + 1).is_some_and(|&d| ok(d)) {
                    j += 1;
                } else {
                    return Err(j + 1);
                }
            } else {
                break;
            }
        }
        Ok(j)
    };
    let decimal = |d: u8| d.is_ascii_digit();
    let bad_decimal = |at: usize| ("invalid decimal literal".to_string(), at, at);
    if b[i] == b'0' && b.get(i + 1).is_some_and(|c| matches!(c, b'x' | b'X' | b'o' | b'O' | b'b' | b'B')) {
        let (kind, radix) = match b[i + 1].to_ascii_lowercase() {
            b'x' => ("hexadecimal", 16),
            b'o' => ("octal", 8),
            _ => ("binary", 2),
        };
        let ok = |d: u8| (d as char).is_digit(radix);
        let invalid = |at: usize| (["invalid ", kind, " literal"].concat(), at, at);
        let bad_digit = |at: usize| (format!("invalid digit '{}' in {kind} literal", b[at] as char), at + 1, at + 1);
        let mut j = i + 2;
        if b.get(j) == Some(&b'_') {
            j += 1;
        }
        if !b.get(j).is_some_and(|&d| ok(d)) {
            if radix != 16 && b.get(j).is_some_and(u8::is_ascii_digit) {
                return Err(bad_digit(j));
            }
            return Err(invalid(j));
        }
        let end = digits(j, &ok).map_err(invalid)?;
        if radix != 16 && b.get(end).is_some_and(u8::is_ascii_digit) {
            return Err(bad_digit(end));
        }
        return end_of_number(b, end).map_err(invalid);
    }
    let mut j = if b[i] == b'.' { i } else { digits(i, &decimal).map_err(bad_decimal)? };
    let int_end = j;
    let mut float = false;
    if b.get(j) == Some(&b'.') {
        float = true;
        j += 1;
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            j = digits(j, &decimal).map_err(bad_decimal)?;
        }
    }
    if b.get(j).is_some_and(|c| matches!(c, b'e' | b'E')) {
        let mut k = j + 1;
        if b.get(k).is_some_and(|c| matches!(c, b'+' | b'-')) {
            k += 1;
        }
        if b.get(k).is_some_and(u8::is_ascii_digit) {
            float = true;
            j = digits(k, &decimal).map_err(bad_decimal)?;
        } else if end_of_number(b, j).is_ok() {
            // `1else`, `1e`... only a keyword may follow
            return Ok(j);
        } else {
            // CPython reads back to the `e` when no sign follows it
            return Err(bad_decimal(if k == j + 1 { j } else { k }));
        }
    }
    if b.get(j).is_some_and(|c| matches!(c, b'j' | b'J')) {
        return end_of_number(b, j + 1).map_err(|at| ("invalid imaginary literal".to_string(), at, at));
    }
    if !float && b[i] == b'0' && b[i..int_end].iter().any(|&d| d != b'0' && d != b'_') {
        let message =
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
        return Err((message.to_string(), i + 1, i + 2));
    }
    end_of_number(b, j).map_err(bad_decimal)
}

/// A number may be followed by a keyword (CPython warns) but by no other name.
fn end_of_number(b: &[u8], j: usize) -> Result<usize, usize> {
    let Some(&c) = b.get(j) else { return Ok(j) };
    if !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80) {
        return Ok(j);
    }
    let rest = &b[j..];
    for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
        if rest.starts_with(kw.as_bytes()) {
            return Ok(j);
        }
    }
    Err(j)
}

// ---------------------------------------------------------------- the parser's errors

/// Ruff's first error in CPython's words.
fn parser_error(src: &str, lines: &LineIndex, parsed: &Parsed<ModModule>, e: &ParseError, python: Python) -> SyntaxErr {
    let tokens: Vec<Token> = parsed
        .tokens()
        .iter()
        .filter(|tok| !matches!(tok.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .cloned()
        .collect();
    let tokens = &tokens[..];
    let (s, t) = (e.location.start().to_u32(), e.location.end().to_u32());
    let k = tokens.partition_point(|tok| tok.start().to_u32() < s);
    let tok = tokens.get(k).filter(|tok| tok.start().to_u32() == s);
    let kind_at = |k: usize| tokens.get(k).map(Token::kind);
    let prev = significant_before(tokens, k);
    let generic = || {
        let (a, z) = tok.map(|tok| (tok.start().to_u32(), tok.end().to_u32())).unwrap_or((s, t.max(s + 1)));
        let z = if z > src.len() as u32 { a } else { z };
        error(src, lines, ErrorType::Syntax, "invalid syntax".into(), a, z)
    };
    let syntax = |message: &str, a: u32, z: u32| error(src, lines, ErrorType::Syntax, message.into(), a, z);
    match &e.error {
        _ if comprehension_target(tokens, k).is_some() => {
            let (a, z) = comprehension_target(tokens, k).unwrap_or((s, t));
            syntax("did you forget parentheses around the comprehension target?", a, z)
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Colon, found: TokenKind::Newline }
            if logical_line_start(tokens, k).is_some_and(|f| compound_keyword(tokens[f].kind())) =>
        {
            syntax("expected ':'", s, t)
        }
        // `def`, `try`, `finally` and `else` must have their colon next, whatever follows
        ParseErrorType::ExpectedToken { expected: TokenKind::Colon, .. }
            if logical_line_start(tokens, k).is_some_and(|f| {
                matches!(tokens[f].kind(), TokenKind::Def | TokenKind::Try | TokenKind::Finally | TokenKind::Else)
            }) =>
        {
            syntax("expected ':'", s, t)
        }
        // `{1: 2, 3}`: a key without its value
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found: TokenKind::Rbrace | TokenKind::Comma | TokenKind::For,
        } if in_braces(tokens, k) => match element_start(tokens, k) {
            Some(a) if a < k => {
                syntax("':' expected after dictionary key", tokens[a].start().to_u32(), tokens[k - 1].end().to_u32())
            }
            _ => generic(),
        },
        ParseErrorType::ExpectedKeywordParam => {
            // Ruff points at the `*` itself (`def f(*)`) or past it (`def f(*, **k)`)
            let star = (0..(k + 1).min(tokens.len())).rev().find(|&j| tokens[j].kind() == TokenKind::Star);
            // CPython points at a def's `*`, and at the colon that ends a lambda's parameters
            // (a lambda whose colon came before the `*` is a default value's, not the opener)
            let lambda = star.and_then(|j| {
                let mut colon = false;
                for i in (0..j).rev() {
                    match tokens[i].kind() {
                        TokenKind::Colon => colon = true,
                        TokenKind::Def => return None,
                        TokenKind::Lambda if !colon => {
                            return (j + 1..tokens.len()).find(|&n| tokens[n].kind() != TokenKind::Comma)
                        }
                        TokenKind::Lambda => colon = false,
                        _ => {}
                    }
                }
                None
            });
            match lambda.or(star) {
                Some(j) => {
                    syntax("named arguments must follow bare *", tokens[j].start().to_u32(), tokens[j].end().to_u32())
                }
                None => generic(),
            }
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Lpar, .. }
            if prev.is_some_and(|p| tokens[p].kind() == TokenKind::Name)
                && prev.and_then(|p| significant_before(tokens, p)).and_then(kind_at) == Some(TokenKind::Def) =>
        {
            syntax("expected '('", s, t)
        }
        ParseErrorType::ExpectedToken { found: TokenKind::Equal, .. } => {
            named_hint(src, lines, tokens, k).unwrap_or_else(generic)
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace, .. } => {
            forgot_comma(src, lines, tokens, k).unwrap_or_else(generic)
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Comma, found } => {
            if is_augmented(*found) && !in_brackets(tokens, k) {
                let first = logical_line_start(tokens, k).unwrap_or(k);
                let end = prev.map_or(s, |p| tokens[p].end().to_u32());
                return syntax(
                    "'tuple' is an illegal expression for augmented assignment",
                    tokens[first].start().to_u32(),
                    end,
                );
            }
            forgot_comma(src, lines, tokens, k).unwrap_or_else(generic)
        }
        ParseErrorType::SimpleStatementsOnSameLine => legacy_print(src, lines, tokens, k).unwrap_or_else(generic),
        ParseErrorType::UnexpectedIndentation => {
            let lineno = lines.line(s);
            let width = lines.col(src, t) as i64;
            let loc = Location { lineno, offset: width, end_lineno: lineno, end_offset: -1 };
            placed("unexpected indent".into(), ErrorType::Indentation, s, t, loc)
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block after") => {
            expected_block(src, lines, tokens, k, s, t, m)
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => {
            let trailing = |tok: &Token| {
                matches!(
                    tok.kind(),
                    TokenKind::Dedent
                        | TokenKind::Newline
                        | TokenKind::NonLogicalNewline
                        | TokenKind::Comment
                        | TokenKind::EndOfFile
                )
            };
            if tokens.get(k..).is_none_or(|rest| rest.iter().all(trailing)) {
                // the try block ends the file: CPython reading a file places the
                // error on its last line (blank or a comment too) at offset 0, so
                // no caret is drawn
                let body = src.strip_suffix('\n').map_or(src, |b| b.strip_suffix('\r').unwrap_or(b));
                let end = body.len() as u32;
                let lineno = lines.line(end);
                let loc = Location { lineno, offset: 0, end_lineno: lineno, end_offset: -1 };
                return placed("expected 'except' or 'finally' block".into(), ErrorType::Syntax, end, end, loc);
            }
            syntax("expected 'except' or 'finally' block", s, t)
        }
        ParseErrorType::OtherError(m) if m == "Expected one or more exception types" => {
            syntax("expected one or more exception types", s, t)
        }
        ParseErrorType::OtherError(m) if m == "Expected a parameter name" => {
            // `f(1=2)`, `f(a.b=1)`: a keyword argument that is not a name
            match tokens.get(k..).and_then(|rest| rest.iter().position(|x| x.kind() == TokenKind::Equal)) {
                Some(n) => {
                    let eq = &tokens[k + n];
                    syntax("expression cannot contain assignment, perhaps you meant \"==\"?", s, eq.end().to_u32())
                }
                None => generic(),
            }
        }
        ParseErrorType::EmptyImportNames
            if python == Python::P313
                && matches!(tok.map(Token::kind), Some(TokenKind::Newline | TokenKind::EndOfFile) | None) =>
        {
            syntax("Expected one or more names after 'import'", s, s)
        }
        ParseErrorType::PositionalAfterKeywordArgument | ParseErrorType::PositionalAfterKeywordUnpacking => {
            // CPython places it at the call's closing parenthesis (the last token it read)
            let close =
                open_bracket(tokens, k).map(|o| skip_group(tokens, o)).and_then(|e| tokens.get(e.checked_sub(1)?));
            let (a, z) = close.map_or((s, t), |c| (c.start().to_u32(), c.end().to_u32()));
            let message = if matches!(e.error, ParseErrorType::PositionalAfterKeywordArgument) {
                "positional argument follows keyword argument"
            } else {
                "positional argument follows keyword argument unpacking"
            };
            syntax(message, a, z)
        }
        ParseErrorType::ExpectedToken { expected: TokenKind::Else, .. } => {
            if_without_else(src, lines, tokens, k).unwrap_or_else(generic)
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            let message = "iterable argument unpacking follows keyword argument unpacking";
            match python {
                Python::P313 => {
                    let start =
                        prev.and_then(|p| significant_before(tokens, p)).map_or(s, |p| tokens[p].end().to_u32());
                    syntax(message, start, t)
                }
                Python::P312 => syntax(message, s, s + 1),
            }
        }
        ParseErrorType::ParamAfterVarKeywordParam => syntax("arguments cannot follow var-keyword argument", s, t),
        ParseErrorType::OtherError(m) if m == "Trailing comma not allowed" => {
            // CPython fails at the token after the comma (`with a, :`, `import a,`)
            let (a, z) = tokens.get(k + 1).map_or((t, t), |x| (x.start().to_u32(), x.end().to_u32()));
            if logical_line_start(tokens, k).and_then(kind_at) == Some(TokenKind::From) {
                syntax("trailing comma not allowed without surrounding parentheses", a, z)
            } else {
                syntax("invalid syntax", a, z)
            }
        }
        ParseErrorType::OtherError(m) if m == "Only one '*' parameter allowed" => {
            syntax("* argument may appear only once", s, s + 1)
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            syntax("parameter without a default follows parameter with a default", s, t)
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            syntax("Generator expression must be parenthesized", s, t)
        }
        ParseErrorType::FStringError(InterpolatedStringErrorType::InvalidConversionFlag)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(InterpolatedStringErrorType::InvalidConversionFlag)) => {
            match src.get(s as usize..).and_then(|r| r.chars().next()) {
                Some('}' | ':') | None => syntax("f-string: missing conversion character", s, t),
                Some(c) => {
                    syntax(&format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"), s, t)
                }
            }
        }
        ParseErrorType::FStringError(InterpolatedStringErrorType::SingleRbrace)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(InterpolatedStringErrorType::SingleRbrace)) => {
            syntax("f-string: single '}' is not allowed", s, s + 1)
        }
        // the whole literal is underlined
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            let j = tokens.partition_point(|x| x.end().to_u32() <= s);
            let (a, z) = tokens.get(j).map_or((s, t), |x| (x.start().to_u32(), x.end().to_u32()));
            syntax("bytes can only contain ASCII literal characters", a, z)
        }
        ParseErrorType::FStringError(InterpolatedStringErrorType::UnclosedLbrace)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(InterpolatedStringErrorType::UnclosedLbrace)) => {
            syntax("f-string: expecting '}'", s, s)
        }
        ParseErrorType::ExpectedExpression => {
            let before = prev.map(|p| tokens[p].kind());
            let opener = prev.and_then(|p| significant_before(tokens, p)).and_then(kind_at);
            match (tok.map(Token::kind), before) {
                // 3.13: `[*]`, `{*, 1}`: a star with nothing to unpack first in a display
                (_, Some(TokenKind::Star))
                    if python == Python::P313 && matches!(opener, Some(TokenKind::Lsqb | TokenKind::Lbrace)) =>
                {
                    syntax("Invalid star expression", s, t)
                }
                (Some(TokenKind::Rbrace), Some(TokenKind::Lbrace)) => {
                    syntax("f-string: valid expression required before '}'", s, t)
                }
                (Some(TokenKind::FStringEnd), Some(TokenKind::Lbrace)) => syntax("f-string: expecting '}'", s, t),
                // `f(x=)`
                (Some(TokenKind::Rpar | TokenKind::Comma), Some(TokenKind::Equal))
                    if prev.is_some_and(|p| p > 0 && tokens[p - 1].kind() == TokenKind::Name)
                        && in_brackets(tokens, k) =>
                {
                    let p = prev.unwrap_or(k);
                    syntax(
                        "expected argument value expression",
                        tokens[p - 1].start().to_u32(),
                        tokens[p].end().to_u32(),
                    )
                }
                (Some(TokenKind::Rbrace | TokenKind::Comma), Some(TokenKind::Colon)) if in_braces(tokens, k) => {
                    let p = prev.map_or(s, |p| tokens[p].start().to_u32());
                    syntax("expression expected after dictionary key and ':'", p, p + 1)
                }
                (Some(TokenKind::Rpar | TokenKind::Comma), Some(TokenKind::Star)) if python == Python::P313 => {
                    syntax("Invalid star expression", s, t)
                }
                // `<>` is one token to CPython
                (Some(TokenKind::Greater), Some(TokenKind::Less))
                    if prev.is_some_and(|p| tokens[p].end().to_u32() == s) =>
                {
                    syntax("invalid syntax", prev.map_or(s, |p| tokens[p].start().to_u32()), t)
                }
                _ => generic(),
            }
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) if in_fstring(tokens, k) => {
            syntax("f-string: expecting '}'", s, s)
        }
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            invalid_target(src, lines, parsed, tokens, &e.error, e.location).unwrap_or_else(generic)
        }
        _ => generic(),
    }
}

/// Whether token `k` is inside an f-string's replacement field.
fn in_fstring(tokens: &[Token], k: usize) -> bool {
    let mut depth = 0i32;
    for tok in &tokens[..k.min(tokens.len())] {
        match tok.kind() {
            TokenKind::FStringStart => depth += 1,
            TokenKind::FStringEnd => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// The index of the last token before `k` that is not trivia.
fn significant_before(tokens: &[Token], k: usize) -> Option<usize> {
    (0..k.min(tokens.len()))
        .rev()
        .find(|&j| !matches!(tokens[j].kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
}

/// The first token of the logical line holding token `k`.
fn logical_line_start(tokens: &[Token], k: usize) -> Option<usize> {
    let mut j = k.min(tokens.len());
    while j > 0 {
        let kind = tokens[j - 1].kind();
        if matches!(kind, TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::Semi) {
            break;
        }
        j -= 1;
    }
    (j..tokens.len()).find(|&f| !matches!(tokens[f].kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
}

fn compound_keyword(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::If
            | TokenKind::Elif
            | TokenKind::Else
            | TokenKind::For
            | TokenKind::While
            | TokenKind::Def
            | TokenKind::Class
            | TokenKind::With
            | TokenKind::Try
            | TokenKind::Except
            | TokenKind::Finally
            | TokenKind::Async
    )
}

fn is_augmented(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::PlusEqual
            | TokenKind::MinusEqual
            | TokenKind::StarEqual
            | TokenKind::SlashEqual
            | TokenKind::PercentEqual
            | TokenKind::AmperEqual
            | TokenKind::VbarEqual
            | TokenKind::CircumflexEqual
            | TokenKind::LeftShiftEqual
            | TokenKind::RightShiftEqual
            | TokenKind::DoubleStarEqual
            | TokenKind::DoubleSlashEqual
            | TokenKind::AtEqual
    )
}

/// The innermost bracket open at token `k`, if any (its token index).
fn open_bracket(tokens: &[Token], k: usize) -> Option<usize> {
    let mut depth = 0u32;
    for j in (0..k.min(tokens.len())).rev() {
        match tokens[j].kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 {
                    return Some(j);
                }
                depth -= 1;
            }
            TokenKind::Newline => return None,
            _ => {}
        }
    }
    None
}

/// `[a, b for x in y]`, `{a, for x in y}`: the items before the `for` at token
/// `k`, with a comma among them, which CPython's invalid_comprehension underlines.
fn comprehension_target(tokens: &[Token], k: usize) -> Option<(u32, u32)> {
    let o = open_bracket(tokens, k)?;
    if tokens.get(k)?.kind() != TokenKind::For || !matches!(tokens[o].kind(), TokenKind::Lsqb | TokenKind::Lbrace) {
        return None;
    }
    let (mut depth, mut comma) = (0i32, false);
    for t in &tokens[o + 1..k] {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            TokenKind::Comma if depth == 0 => comma = true,
            TokenKind::Colon | TokenKind::Lambda if depth == 0 => return None,
            _ => {}
        }
    }
    let last = significant_before(tokens, k)?;
    (comma && last > o).then(|| (tokens[o + 1].start().to_u32(), tokens[last].end().to_u32()))
}

fn in_brackets(tokens: &[Token], k: usize) -> bool {
    open_bracket(tokens, k).is_some()
}

fn in_braces(tokens: &[Token], k: usize) -> bool {
    open_bracket(tokens, k).is_some_and(|j| tokens[j].kind() == TokenKind::Lbrace)
}

/// The index just past the bracketed group opening at `k` (or the end).
fn skip_group(tokens: &[Token], k: usize) -> usize {
    let mut depth = 0u32;
    let mut j = k;
    while j < tokens.len() {
        match tokens[j].kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            TokenKind::Newline | TokenKind::EndOfFile => return j,
            _ => {}
        }
        j += 1;
    }
    j
}

/// The index just past the expression starting at token `k`, if one starts
/// there: operands and binary operators, as CPython's `bitwise_or` (`bitwise`)
/// or `disjunction`.
fn expression_end(tokens: &[Token], mut k: usize, bitwise: bool) -> Option<usize> {
    let kind = |k: usize| tokens.get(k).map_or(TokenKind::EndOfFile, Token::kind);
    loop {
        while matches!(
            kind(k),
            TokenKind::Minus | TokenKind::Plus | TokenKind::Tilde | TokenKind::Not | TokenKind::Await
        ) {
            k += 1;
        }
        match kind(k) {
            TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis => k += 1,
            TokenKind::String | TokenKind::FStringStart => {
                while matches!(kind(k), TokenKind::String | TokenKind::FStringStart) {
                    if kind(k) == TokenKind::String {
                        k += 1;
                    } else {
                        k = (k..tokens.len()).find(|&j| tokens[j].kind() == TokenKind::FStringEnd)? + 1;
                    }
                }
            }
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => k = skip_group(tokens, k),
            TokenKind::Match | TokenKind::Case | TokenKind::Type | TokenKind::Lazy => k += 1,
            _ => return None,
        }
        loop {
            match kind(k) {
                TokenKind::Lpar | TokenKind::Lsqb => k = skip_group(tokens, k),
                TokenKind::Dot if kind(k + 1) == TokenKind::Name => k += 2,
                _ => break,
            }
        }
        match kind(k) {
            TokenKind::Plus
            | TokenKind::Minus
            | TokenKind::Star
            | TokenKind::Slash
            | TokenKind::DoubleSlash
            | TokenKind::Percent
            | TokenKind::At
            | TokenKind::DoubleStar
            | TokenKind::Vbar
            | TokenKind::Amper
            | TokenKind::CircumFlex
            | TokenKind::LeftShift
            | TokenKind::RightShift => k += 1,
            TokenKind::EqEqual
            | TokenKind::NotEqual
            | TokenKind::Less
            | TokenKind::Greater
            | TokenKind::LessEqual
            | TokenKind::GreaterEqual
            | TokenKind::In
            | TokenKind::And
            | TokenKind::Or
                if !bitwise =>
            {
                k += 1
            }
            TokenKind::Is if !bitwise => k += if kind(k + 1) == TokenKind::Not { 2 } else { 1 },
            TokenKind::Not if !bitwise && kind(k + 1) == TokenKind::In => k += 2,
            _ => return Some(k),
        }
    }
}

/// `if x = 1:`: CPython's hint for `=` where a condition or an element is expected.
fn named_hint(src: &str, lines: &LineIndex, tokens: &[Token], k: usize) -> Option<SyntaxErr> {
    let name = k.checked_sub(1).filter(|&p| tokens[p].kind() == TokenKind::Name)?;
    let before = name.checked_sub(1).map(|p| tokens[p].kind());
    let condition = matches!(before, Some(TokenKind::If | TokenKind::Elif | TokenKind::While))
        || (in_brackets(tokens, k) && matches!(before, Some(TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Comma)));
    if !condition {
        return None;
    }
    let end = expression_end(tokens, k + 1, true)?;
    if matches!(tokens.get(end).map(Token::kind), Some(TokenKind::Equal | TokenKind::ColonEqual)) {
        return None;
    }
    let message = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string();
    Some(error(src, lines, ErrorType::Syntax, message, tokens[name].start().to_u32(), tokens[end - 1].end().to_u32()))
}

/// `[1 2]`, `f(a b)`: two expressions in brackets with nothing between them.
fn forgot_comma(src: &str, lines: &LineIndex, tokens: &[Token], k: usize) -> Option<SyntaxErr> {
    let open = open_bracket(tokens, k)?;
    // a parameter list holds no expressions
    if open >= 2 && tokens[open - 1].kind() == TokenKind::Name && tokens[open - 2].kind() == TokenKind::Def {
        return None;
    }
    let a = element_start(tokens, k)?;
    if a >= k
        || (tokens[a].kind() == TokenKind::Name && tokens.get(a + 1).map(Token::kind) == Some(TokenKind::String))
        || tokens[a].kind().is_soft_keyword()
        || expression_end(tokens, a, false) != Some(k)
    {
        return None;
    }
    let end = expression_end(tokens, k, false)?;
    let message = "invalid syntax. Perhaps you forgot a comma?".to_string();
    Some(error(src, lines, ErrorType::Syntax, message, tokens[a].start().to_u32(), tokens[end - 1].end().to_u32()))
}

/// `x = 1 if y`: a conditional expression without its `else`.
fn if_without_else(src: &str, lines: &LineIndex, tokens: &[Token], k: usize) -> Option<SyntaxErr> {
    let mut depth = 0u32;
    let mut j = k;
    let mut seen_if = false;
    while j > 0 {
        match tokens[j - 1].kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if depth > 0 => depth -= 1,
            TokenKind::If if depth == 0 => seen_if = true,
            TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::Comma
            | TokenKind::Colon
            | TokenKind::Equal
            | TokenKind::ColonEqual
            | TokenKind::Newline
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::Return
            | TokenKind::Lambda
            | TokenKind::Yield
                if depth == 0 =>
            {
                break
            }
            _ => {}
        }
        j -= 1;
    }
    if !seen_if || j >= k || k == 0 {
        return None;
    }
    let message = "expected 'else' after 'if' expression".to_string();
    Some(error(src, lines, ErrorType::Syntax, message, tokens[j].start().to_u32(), tokens[k - 1].end().to_u32()))
}

/// The first token of the bracketed element (list item, argument, key or
/// value) that token `k` is in.
fn element_start(tokens: &[Token], k: usize) -> Option<usize> {
    let open = open_bracket(tokens, k)?;
    let mut depth = 0u32;
    let mut a = k;
    while a > open + 1 {
        match tokens[a - 1].kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth = depth.saturating_sub(1),
            TokenKind::Comma
            | TokenKind::Colon
            | TokenKind::Equal
            | TokenKind::ColonEqual
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::For
            | TokenKind::Lambda
            | TokenKind::Yield
            | TokenKind::Star
            | TokenKind::DoubleStar
                if depth == 0 =>
            {
                break
            }
            _ => {}
        }
        a -= 1;
    }
    Some(a)
}

/// `print "a"`, `exec code`: Python 2's statements.
fn legacy_print(src: &str, lines: &LineIndex, tokens: &[Token], k: usize) -> Option<SyntaxErr> {
    let p = k.checked_sub(1)?;
    let name = &src[tokens[p].range()];
    if tokens[p].kind() != TokenKind::Name
        || !(name == "print" || name == "exec")
        || logical_line_start(tokens, k) != Some(p)
    {
        return None;
    }
    let mut end = expression_end(tokens, k, false)?;
    while tokens.get(end).map(Token::kind) == Some(TokenKind::Comma) {
        match expression_end(tokens, end + 1, false) {
            Some(e) => end = e,
            None => {
                end += 1;
                break;
            }
        }
    }
    let message = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    Some(error(src, lines, ErrorType::Syntax, message, tokens[p].start().to_u32(), tokens[end - 1].end().to_u32()))
}

/// `if x:` with no indented block after it.
fn expected_block(src: &str, lines: &LineIndex, tokens: &[Token], k: usize, s: u32, t: u32, ruff: &str) -> SyntaxErr {
    let what = if ruff.contains("function definition") {
        "function definition".to_string()
    } else if ruff.contains("`class` definition") {
        "class definition".to_string()
    } else {
        let word = ruff.split('`').nth(1).unwrap_or("if");
        format!("'{word}' statement")
    };
    let colon = (0..k.min(tokens.len())).rev().find(|&j| tokens[j].kind() == TokenKind::Colon);
    let header = colon.and_then(|c| logical_line_start(tokens, c)).map_or(s, |f| tokens[f].start().to_u32());
    let message = format!("expected an indented block after {what} on line {}", lines.line(header));
    let at_end = tokens
        .get(k)
        .is_none_or(|tok| tok.start().to_u32() != s || matches!(tok.kind(), TokenKind::Newline | TokenKind::EndOfFile));
    if at_end {
        // at the end of the file: its last line
        let last = src.trim_end_matches('\n').len() as u32;
        let lineno = lines.line(last.max(s.min(src.len() as u32)));
        let loc = Location { lineno, offset: 0, end_lineno: lineno, end_offset: -1 };
        return placed(message, ErrorType::Indentation, s, s, loc);
    }
    error(src, lines, ErrorType::Indentation, message, s, t)
}

/// What CPython calls an expression in its messages ("cannot assign to ...").
fn expr_name(e: ExprRef) -> &'static str {
    match e {
        ExprRef::Attribute(_) => "attribute",
        ExprRef::Subscript(_) => "subscript",
        ExprRef::Starred(_) => "starred",
        ExprRef::Name(_) => "name",
        ExprRef::List(_) => "list",
        ExprRef::Tuple(_) => "tuple",
        ExprRef::Lambda(_) => "lambda",
        ExprRef::Call(_) => "function call",
        ExprRef::BoolOp(_) | ExprRef::BinOp(_) | ExprRef::UnaryOp(_) => "expression",
        ExprRef::Generator(_) => "generator expression",
        ExprRef::Yield(_) | ExprRef::YieldFrom(_) => "yield expression",
        ExprRef::Await(_) => "await expression",
        ExprRef::ListComp(_) => "list comprehension",
        ExprRef::SetComp(_) => "set comprehension",
        ExprRef::DictComp(_) => "dict comprehension",
        ExprRef::Dict(_) => "dict literal",
        ExprRef::Set(_) => "set display",
        ExprRef::FString(_) | ExprRef::TString(_) => "f-string expression",
        ExprRef::NoneLiteral(_) => "None",
        ExprRef::BooleanLiteral(b) if b.value => "True",
        ExprRef::BooleanLiteral(_) => "False",
        ExprRef::EllipsisLiteral(_) => "ellipsis",
        ExprRef::Compare(_) => "comparison",
        ExprRef::If(_) => "conditional expression",
        ExprRef::Named(_) => "named expression",
        _ => "literal",
    }
}

/// Whether the statement around `range` is an assignment whose first target holds it.
fn in_first_target(body: &[Stmt], range: TextRange) -> bool {
    let Some(s) = body.iter().find(|s| s.range().contains_range(range)) else { return false };
    let inside = |b: &[Stmt]| in_first_target(b, range);
    match s {
        Stmt::Assign(a) => a.targets.first().is_some_and(|t| t.range().contains_range(range)),
        Stmt::FunctionDef(f) => inside(&f.body),
        Stmt::ClassDef(c) => inside(&c.body),
        Stmt::If(i) => inside(&i.body) || i.elif_else_clauses.iter().any(|c| inside(&c.body)),
        Stmt::For(f) => inside(&f.body) || inside(&f.orelse),
        Stmt::While(w) => inside(&w.body) || inside(&w.orelse),
        Stmt::With(w) => inside(&w.body),
        Stmt::Try(t) => {
            inside(&t.body)
                || t.handlers.iter().any(|h| {
                    let ExceptHandler::ExceptHandler(h) = h;
                    inside(&h.body)
                })
                || inside(&t.orelse)
                || inside(&t.finalbody)
        }
        Stmt::Match(m) => m.cases.iter().any(|c| inside(&c.body)),
        _ => false,
    }
}

/// Assignment, deletion and augmented-assignment targets CPython refuses.
fn invalid_target(
    src: &str,
    lines: &LineIndex,
    parsed: &Parsed<ModModule>,
    tokens: &[Token],
    kind: &ParseErrorType,
    range: TextRange,
) -> Option<SyntaxErr> {
    let module = parsed.syntax();
    if !module.range().contains_range(range) {
        return None;
    }
    // the target's kind: its text parsed alone (in brackets, as it may span lines)
    let text = src.get(range.start().to_usize()..range.end().to_usize())?;
    let parsed = ruff_python_parser::parse_module(&format!("({text})")).ok()?;
    let [Stmt::Expr(e)] = parsed.syntax().body.as_slice() else { return None };
    let expr = ExprRef::from(&*e.value);
    if matches!(expr, ExprRef::Starred(_)) {
        return None;
    }
    let name = expr_name(expr);
    let (s, t) = (range.start().to_u32(), range.end().to_u32());
    // a bare `yield` between `=`s has a grammar rule of its own; in brackets it is a target like any other
    let bracketed = src[..range.start().to_usize()].trim_end().ends_with('(');
    let bare_yield = matches!(expr, ExprRef::Yield(_) | ExprRef::YieldFrom(_)) && !bracketed;
    let message = match kind {
        ParseErrorType::InvalidAssignmentTarget if bare_yield => {
            "assignment to yield expression not possible".to_string()
        }
        ParseErrorType::InvalidDeleteTarget => ["cannot delete ", name].concat(),
        // `yield += 1` is a yield statement followed by an operator it cannot take
        ParseErrorType::InvalidAugmentedAssignmentTarget if bare_yield => {
            let k = tokens.partition_point(|tok| tok.start() < range.end());
            let (a, z) = tokens.get(k).map_or((t, t), |x| (x.start().to_u32(), x.end().to_u32()));
            return Some(error(src, lines, ErrorType::Syntax, "invalid syntax".into(), a, z));
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            ["'", name, "' is an illegal expression for augmented assignment"].concat()
        }
        ParseErrorType::InvalidNamedAssignmentTarget => ["cannot use assignment expressions with ", name].concat(),
        ParseErrorType::InvalidAnnotatedAssignmentTarget => "illegal target for annotation".to_string(),
        _ => {
            // only the statement's first target is read as an expression (where `==` was meant)
            let assign = in_first_target(&module.body, range);
            // the brackets closing around the target come before its `=`
            let wraps = src[..range.start().to_usize()].trim_end_matches([' ', '(']).len();
            let wraps = src[wraps..range.start().to_usize()].matches('(').count();
            let mut k = tokens.partition_point(|tok| tok.start() < range.end());
            for _ in 0..wraps {
                if tokens.get(k).map(Token::kind) == Some(TokenKind::Rpar) {
                    k += 1;
                }
            }
            let hint = assign
                && !matches!(
                    expr,
                    ExprRef::Compare(_)
                        | ExprRef::BoolOp(_)
                        | ExprRef::Lambda(_)
                        | ExprRef::If(_)
                        | ExprRef::Named(_)
                        | ExprRef::BooleanLiteral(_)
                        | ExprRef::NoneLiteral(_)
                        | ExprRef::List(_)
                        | ExprRef::Tuple(_)
                        | ExprRef::Generator(_)
                )
                && !matches!(expr, ExprRef::UnaryOp(u) if u.op == UnaryOp::Not)
                && tokens.get(k).map(Token::kind) == Some(TokenKind::Equal)
                && expression_end(tokens, k + 1, true).is_some_and(|e| {
                    !matches!(tokens.get(e).map(Token::kind), Some(TokenKind::Equal | TokenKind::ColonEqual))
                });
            if hint {
                ["cannot assign to ", name, " here. Maybe you meant '==' instead of '='?"].concat()
            } else {
                ["cannot assign to ", name].concat()
            }
        }
    };
    Some(error(src, lines, ErrorType::Syntax, message, s, t))
}

// ---------------------------------------------------------------- the traceback text

/// The error as CPython prints it when a script does not compile.
pub fn render(filename: &str, src: &str, err: &SyntaxErr, python: Python) -> String {
    let lines = LineIndex::new(src);
    let loc = err.loc;
    let last = lines.line(src.len() as u32);
    let lineno = loc.lineno.clamp(1, last.max(1));
    let text = line_with_newline(src, &lines, lineno);
    let mut out = ["  File \"", filename, "\", line ", &loc.lineno.max(1).to_string(), "\n"].concat();
    match python {
        Python::P313 => lines_313(&mut out, text, loc),
        Python::P312 => lines_312(&mut out, text, err.ty, loc),
    }
    out += err.ty.name();
    out += ": ";
    out += &err.message;
    out.push('\n');
    out
}

fn line_with_newline<'a>(src: &'a str, lines: &LineIndex, lineno: u32) -> &'a str {
    let start = lines.line_start(lineno) as usize;
    let end = src[start..].find('\n').map_or(src.len(), |n| start + n + 1);
    &src[start..end]
}

/// 3.13 (the traceback module): the line without its indentation, and carets
/// from `offset` to `end_offset` unless they would point into the indentation.
fn lines_313(out: &mut String, text: &str, loc: Location) {
    let rtext = text.trim_end_matches('\n');
    let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
    let rlen = rtext.chars().count() as i64;
    let tlen = text.chars().count() as i64;
    let spaces = rlen - ltext.chars().count() as i64;
    let mut offset = loc.offset;
    let mut end = if loc.lineno == loc.end_lineno {
        if loc.end_offset != 0 {
            loc.end_offset
        } else {
            offset
        }
    } else {
        rlen + 1
    };
    if tlen > 0 && offset > tlen {
        offset = rlen + 1;
    }
    if tlen > 0 && end > tlen {
        end = rlen + 1;
    }
    if offset >= end || end < 0 {
        end = offset + 1;
    }
    let (col, end_col) = (offset - 1 - spaces, end - 1 - spaces);
    *out += "    ";
    *out += ltext;
    out.push('\n');
    if col >= 0 {
        *out += "    ";
        out.extend(ltext.chars().take(col as usize).map(|c| if c.is_whitespace() { c } else { ' ' }));
        *out += &"^".repeat((end_col - col).max(0) as usize);
        out.push('\n');
    }
}

/// 3.12 (pythonrun.c): the line without its indentation; one caret for an
/// IndentationError, else carets from `offset` to `end_offset` (in bytes of
/// the line when the error spans lines).
fn lines_312(out: &mut String, text: &str, ty: ErrorType, loc: Location) {
    let size = text.len() as i64;
    let offset = loc.offset;
    let mut end = if loc.end_lineno > loc.lineno { size } else { loc.end_offset };
    if end > size + 1 {
        end = size + 1;
    }
    let carets = if ty != ErrorType::Syntax || end <= 0 || end <= offset { 1 } else { end - offset };
    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    let mut col = offset - 1 - (text.len() - stripped.len()) as i64;
    let len = stripped.strip_suffix('\n').unwrap_or(stripped).len() as i64;
    col = col.min(len);
    *out += "    ";
    *out += stripped;
    if !stripped.ends_with('\n') {
        out.push('\n');
    }
    if col >= 0 {
        *out += "    ";
        *out += &" ".repeat(col as usize);
        *out += &"^".repeat(carets as usize);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::parse_as;

    fn err(src: &str, python: Python) -> SyntaxErr {
        let parsed = parse_as(src, python).map(|_| ()).expect_err("a syntax error");
        assert!(!parsed.not_supported, "{parsed:?}");
        parsed
    }

    fn text(src: &str, python: Python) -> String {
        err(src, python).render("t.py", src, python)
    }

    #[test]
    fn messages_and_types() {
        for (src, ty, message) in [
            ("x = (1,\ny = 2\n", ErrorType::Syntax, "'(' was never closed"),
            ("if x\n    pass\n", ErrorType::Syntax, "expected ':'"),
            ("print 'a'\n", ErrorType::Syntax, "Missing parentheses in call to 'print'. Did you mean print(...)?"),
            (
                "f() = 1\n",
                ErrorType::Syntax,
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
            ),
            ("x = f() = 1\n", ErrorType::Syntax, "cannot assign to function call"),
            ("[1 2]\n", ErrorType::Syntax, "invalid syntax. Perhaps you forgot a comma?"),
            ("[a, b for a in c]\n", ErrorType::Syntax, "did you forget parentheses around the comprehension target?"),
            ("(a, b for a in c)\n", ErrorType::Syntax, "invalid syntax"),
            ("{1: 2, 3 for a in c}\n", ErrorType::Syntax, "':' expected after dictionary key"),
            ("x = 'abc\n", ErrorType::Syntax, "unterminated string literal (detected at line 1)"),
            ("a b\nx = 'abc\n", ErrorType::Syntax, "unterminated string literal (detected at line 2)"),
            ("x = 1\n  y = 2\n", ErrorType::Indentation, "unexpected indent"),
            (
                "for i in x:\npass\n",
                ErrorType::Indentation,
                "expected an indented block after 'for' statement on line 1",
            ),
            ("if x:\n    a\n  b\n", ErrorType::Indentation, "unindent does not match any outer indentation level"),
            ("if x:\n        a\n\tb\n", ErrorType::Tab, "inconsistent use of tabs and spaces in indentation"),
            ("x = 1abc\n", ErrorType::Syntax, "invalid decimal literal"),
            ("x = 1 € 2\n", ErrorType::Syntax, "invalid character '€' (U+20AC)"),
            ("a b\n", ErrorType::Syntax, "invalid syntax"),
        ] {
            let e = err(src, Python::P313);
            assert_eq!((e.ty, e.message.as_str()), (ty, message), "{src:?}");
        }
    }

    #[test]
    fn the_versions_draw_carets_their_own_way() {
        let src = "if x:\npass\n";
        assert!(text(src, Python::P313).contains("    pass\n    ^^^^\nIndentationError"));
        assert!(text(src, Python::P312).contains("    pass\n    ^\nIndentationError"));
        // an unexpected indent has no caret line in either
        let src = "x = 1\n  y = 2\n";
        for python in [Python::P313, Python::P312] {
            assert_eq!(text(src, python), "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n");
        }
        let src = "f(**x, *y)\n";
        assert!(text(src, Python::P313).contains("    f(**x, *y)\n         ^^^^\n"));
        assert!(text(src, Python::P312).contains("    f(**x, *y)\n           ^\n"));
    }

    #[test]
    fn odd_sources_neither_panic_nor_pass() {
        for src in [
            "\\",
            "x = \\é\n",
            "'\\é",
            "f'{\n",
            "f'{x:{'\n",
            "x = (\r\n1\r\n",
            "\t\tx\n y\n",
            "é é\n",
            "0x\n",
            "1e\n",
            "1_\n",
            "0b12\n",
            "x = [1,\n",
            "def f(:\n",
            "class\n",
            "print(*)\n",
            "\"\"\"\n",
            "x = 1 if\n",
            "(\n)\n)\n",
            "if True:\n    pass\n  else:\n",
        ] {
            let e = err(src, Python::P313);
            let _ = e.render("t.py", src, Python::P312);
            let _ = e.render("t.py", src, Python::P313);
        }
    }
}
