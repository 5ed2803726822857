//! Source text: the nesting guard, parsing with Ruff's parser, and positions.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::ModModule;
use ruff_python_ast::PySourceType;
use ruff_python_parser::{parse_unchecked_source, LexicalErrorType, ParseError, ParseErrorType, Parsed};
use ruff_text_size::Ranged;

use crate::profile::Python;

pub mod errors;
mod ident_chars;

pub use errors::{ErrorType, Location};

/// CPython's tokenizer refuses more than 200 nested brackets; the parser
/// recurses, so we refuse before parsing, as CPython does.
pub const MAX_NESTING: usize = 200;
/// CPython's tokenizer limit on indentation levels.
pub const MAX_INDENT: usize = 100;

/// A position range in the source: 1-based lines, 0-based character columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    #[serde(rename = "endLine")]
    pub end_line: u32,
    #[serde(rename = "endCol")]
    pub end_col: u32,
}

/// Maps byte offsets to lines and columns.
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }
    /// 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
    pub fn line_start(&self, line: u32) -> u32 {
        self.starts[(line as usize - 1).min(self.starts.len() - 1)]
    }
    /// 0-based character column of a byte offset.
    pub fn col(&self, src: &str, offset: u32) -> u32 {
        let start = self.line_start(self.line(offset)) as usize;
        let end = (offset as usize).min(src.len());
        src.get(start..end).map(|s| s.chars().count() as u32).unwrap_or(0)
    }
    pub fn span(&self, src: &str, start: u32, end: u32) -> Span {
        Span {
            line: self.line(start),
            col: self.col(src, start),
            end_line: self.line(end),
            end_col: self.col(src, end),
        }
    }
    /// The source text between two byte offsets.
    pub fn text<'a>(&self, src: &'a str, start: u32, end: u32) -> &'a str {
        src.get(start as usize..end as usize).unwrap_or("")
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text<'a>(&self, src: &'a str, line: u32) -> &'a str {
        let i = line as usize - 1;
        if i >= self.starts.len() {
            return "";
        }
        let start = self.starts[i] as usize;
        let end = self.starts.get(i + 1).map(|&e| e as usize).unwrap_or(src.len());
        src[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// A syntax error in CPython's terms, or a refusal of what gcplay's parsing
/// does not model (`not_supported`).
#[derive(Clone, Debug)]
pub struct SyntaxErr {
    pub message: String,
    pub start: u32,
    pub end: u32,
    /// gcplay refuses the program (CPython may well run it): a NotSupported error, not a SyntaxError.
    pub not_supported: bool,
    /// The exception CPython raises (SyntaxError, IndentationError, TabError).
    pub ty: ErrorType,
    /// CPython's location attributes, which place the caret line.
    pub loc: Location,
}

impl SyntaxErr {
    /// A SyntaxError over a byte range.
    pub fn syntax(src: &str, message: &str, start: u32, end: u32) -> SyntaxErr {
        let loc = Location::of(src, &LineIndex::new(src), start, end);
        SyntaxErr { message: message.into(), start, end, not_supported: false, ty: ErrorType::Syntax, loc }
    }

    /// A SyntaxError of CPython's symtable or compiler: its offsets count the
    /// line's bytes (the tree's columns), as CPython's do.
    pub fn compiler(src: &str, message: &str, start: u32, end: u32) -> SyntaxErr {
        let lines = LineIndex::new(src);
        let byte_col = |at: u32| (at - lines.line_start(lines.line(at))) as i64 + 1;
        let mut err = SyntaxErr::syntax(src, message, start, end);
        err.loc.offset = byte_col(start);
        err.loc.end_offset = byte_col(end);
        err
    }

    fn refusal(src: &str, what: &str, start: u32, end: u32) -> SyntaxErr {
        SyntaxErr {
            message: format!("not supported in gcplay: {what} (docs/language.md lists what is)"),
            not_supported: true,
            ..SyntaxErr::syntax(src, "", start, end)
        }
    }

    /// The error's stderr text: CPython's, as `python` prints it (a refusal in the same layout).
    pub fn render(&self, filename: &str, src: &str, python: Python) -> String {
        errors::render(filename, src, self, python)
    }

    /// The exception type's name, or NotSupported for a refusal.
    pub fn type_name(&self) -> &'static str {
        if self.not_supported {
            "NotSupported"
        } else {
            self.ty.name()
        }
    }
}

/// The source as CPython's tokenizer reads it: "\r\n" and a lone "\r" end a
/// line as "\n" does (and tracebacks show the lines so split).
pub fn universal_newlines(src: &str) -> std::borrow::Cow<'_, str> {
    if src.contains('\r') {
        src.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        src.into()
    }
}

/// Scan for bracket nesting and indentation deeper than CPython allows,
/// skipping strings and comments. Runs in one pass without recursion.
pub fn check_nesting(src: &str) -> Result<(), SyntaxErr> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    let mut indents: Vec<usize> = vec![0];
    while i < b.len() {
        let c = b[i];
        if line_start && depth == 0 {
            let mut w = 0;
            let mut j = i;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                w += if b[j] == b'\t' { 8 - w % 8 } else { 1 };
                j += 1;
            }
            line_start = false;
            if j < b.len() && b[j] != b'\n' && b[j] != b'#' && b[j] != b'\r' {
                if w > *indents.last().unwrap_or(&0) {
                    indents.push(w);
                    if indents.len() > MAX_INDENT {
                        return Err(SyntaxErr::syntax(src, "too many levels of indentation", j as u32, j as u32));
                    }
                } else {
                    while indents.len() > 1 && *indents.last().unwrap_or(&0) > w {
                        indents.pop();
                    }
                }
            }
            i = j;
            continue;
        }
        match c {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\n' => line_start = true,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(SyntaxErr::syntax(src, "too many nested parentheses", i as u32, i as u32 + 1));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'\'' | b'"' => {
                i = skip_string(b, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Index just past the string literal starting at `i` (single or triple quoted).
fn skip_string(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let triple = i + 2 < b.len() && b[i + 1] == q && b[i + 2] == q;
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < b.len() {
        if b[j] == b'\\' {
            j += 2;
            continue;
        }
        if triple {
            if b[j] == q && j + 2 < b.len() && b[j + 1] == q && b[j + 2] == q {
                return j + 3;
            }
        } else if b[j] == q || b[j] == b'\n' {
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

/// Parse a module, refusing over-deep nesting first, and then what the parser
/// does not do as CPython's: `\N{...}` names outside its table and identifiers
/// NFKC could change (docs/language.md, "Unicode in the source"). Syntax
/// errors are CPython 3.13's.
pub fn parse(src: &str) -> Result<Parsed<ModModule>, SyntaxErr> {
    parse_as(src, Python::P313)
}

/// `parse`, with the syntax error `python` reports (3.12 and 3.13 word and place a few differently).
pub fn parse_as(src: &str, python: Python) -> Result<Parsed<ModModule>, SyntaxErr> {
    check_nesting(src)?;
    let parsed = parse_unchecked_source(src, PySourceType::Python);
    if let Some(first) = parsed.errors().first() {
        if let Some(refusal) = refusal(src, first) {
            return Err(refusal);
        }
        return Err(errors::cpython_error(src, &parsed, python));
    }
    check_identifiers(src, parsed.tokens())?;
    Ok(parsed)
}

/// A parse error that is gcplay's own limit rather than CPython's error.
fn refusal(src: &str, e: &ParseError) -> Option<SyntaxErr> {
    let (start, end) = (e.location.start().to_u32(), e.location.end().to_u32());
    // The parser's names are a small table (crate/patches/unicode_names2): a name
    // it does not know may be one CPython knows.
    if e.error == ParseErrorType::Lexical(LexicalErrorType::UnicodeError) {
        let (s, t) = (start as usize, end as usize);
        if src.get(..s).is_some_and(|b| b.ends_with("\\N{")) && src.get(t..).is_some_and(|a| a.starts_with('}')) {
            let what = format!("the character name '{}' in a \\N{{...}} escape", &src[s..t]);
            return Some(SyntaxErr::refusal(src, &what, start - 3, end + 1));
        }
    }
    None
}

/// Python normalizes identifiers to NFKC; gcplay's parser does not (its NFKC,
/// crate/patches/unicode-normalization, is the identity), so an identifier
/// with a non-ASCII character is accepted only when that character is one NFKC
/// leaves alone whatever surrounds it, and one CPython 3.12 and 3.13 both
/// accept there (`ident_chars.rs`, generated by `ident_chars.py`). Anything
/// else is refused, at the character.
fn check_identifiers(src: &str, tokens: &[Token]) -> Result<(), SyntaxErr> {
    for token in tokens.iter().filter(|t| t.kind() == TokenKind::Name) {
        let range = token.range();
        let text = &src[range];
        if text.is_ascii() {
            continue;
        }
        for (i, c) in text.char_indices() {
            if !c.is_ascii() && !identifier_char(c, i == 0) {
                let start = range.start().to_u32() + i as u32;
                let what = format!("the character '{c}' (U+{:04X}) in an identifier", c as u32);
                return Err(SyntaxErr::refusal(src, &what, start, start + c.len_utf8() as u32));
            }
        }
    }
    Ok(())
}

/// Whether a non-ASCII character may stand in an identifier (at its start if
/// `first`) as gcplay accepts them (see `check_identifiers`).
fn identifier_char(c: char, first: bool) -> bool {
    let c = c as u32;
    // The runs are in order: only the last one starting at or before `c` can hold it.
    identifier_runs().take_while(|&(start, _, _)| start <= c).any(|(_, end, starts)| c < end && (starts || !first))
}

/// The numbers of a generated table: little-endian base-128 varints.
pub(crate) fn varints(bytes: &'static [u8]) -> impl Iterator<Item = u32> {
    let mut bytes = bytes.iter().copied();
    std::iter::from_fn(move || {
        let (mut n, mut shift) = (0u32, 0);
        for b in bytes.by_ref() {
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    })
}

/// The runs of `ident_chars::RUNS`: (first code point, end, whether they may start an identifier).
fn identifier_runs() -> impl Iterator<Item = (u32, u32, bool)> {
    let mut numbers = varints(ident_chars::RUNS);
    let mut next = 0x80;
    std::iter::from_fn(move || {
        let (gap, run) = (numbers.next()?, numbers.next()?);
        let start = next + gap;
        next = start + run / 2;
        Some((start, next, run & 1 == 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_guard_refuses_201_brackets() {
        let deep = format!("x = {}1{}", "(".repeat(201), ")".repeat(201));
        let err = check_nesting(&deep).unwrap_err();
        assert_eq!(err.message, "too many nested parentheses");
        let ok = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
        assert!(check_nesting(&ok).is_ok());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let s = format!("x = '{}'  # {}\n", "(".repeat(300), "[".repeat(300));
        assert!(check_nesting(&s).is_ok());
    }

    #[test]
    fn line_index_maps_offsets() {
        let src = "a = 1\nbb = 2\n";
        let li = LineIndex::new(src);
        assert_eq!(li.line(0), 1);
        assert_eq!(li.line(6), 2);
        assert_eq!(li.col(src, 8), 2);
        assert_eq!(li.line_text(src, 2), "bb = 2");
    }

    fn refusal(src: &str) -> SyntaxErr {
        let err = parse(src).expect_err("refused");
        assert!(err.not_supported, "{err:?}");
        assert!(err.message.contains("not supported"), "{err:?}");
        err
    }

    #[test]
    fn character_names_in_the_table_parse() {
        for src in
            ["x = '\\N{BULLET}'\n", "x = f'\\N{em dash}{1}'\n", "x = r'\\N{SNOWMAN}'\n", "x = '\\\\N{SNOWMAN}'\n"]
        {
            assert!(parse(src).is_ok(), "{src}");
        }
    }

    #[test]
    fn other_character_names_are_refused_at_the_escape() {
        let src = "x = 1\ny = 'a \\N{SNOWMAN} b'\n";
        let err = refusal(src);
        assert_eq!(&src[err.start as usize..err.end as usize], "\\N{SNOWMAN}");
        assert!(err.message.contains("'SNOWMAN'"), "{}", err.message);
        let src = "print(f'{1}\\N{NO SUCH NAME}')\n";
        let err = refusal(src);
        assert_eq!(&src[err.start as usize..err.end as usize], "\\N{NO SUCH NAME}");
    }

    #[test]
    fn other_escape_errors_stay_syntax_errors() {
        let err = parse("x = '\\u12'\n").expect_err("error");
        assert!(!err.not_supported, "{err:?}");
        let err = parse("x = (\n").expect_err("error");
        assert!(!err.not_supported, "{err:?}");
        // not an identifier character, before or after NFKC: CPython's SyntaxError too
        let err = parse("x² = 1\n").expect_err("error");
        assert!(!err.not_supported, "{err:?}");
    }

    #[test]
    fn identifiers_nfkc_leaves_alone_parse() {
        for src in [
            "größe = 1\n",
            "π = 3.14\nprint(π)\n",
            "class Ñu:\n    def método(self): pass\n",
            "变量 = 1\n",
            "x·y = 1\n",
            "가 = 1\n",
            "f(ключ=1)\n",
            "s = 'ﬁ ² Ａ'  # ﬁ\n",
        ] {
            assert!(parse(src).is_ok(), "{src}");
        }
    }

    #[test]
    fn identifiers_nfkc_would_change_are_refused_at_the_character() {
        // a ligature, a black-letter capital, a full-width letter, a combining accent, a math letter
        for (src, bad) in [
            ("ﬁle = 1\n", "ﬁ"),
            ("ℌ = 1\n", "ℌ"),
            ("Ａ = 1\n", "Ａ"),
            ("cafe\u{301} = 1\n", "\u{301}"),
            ("print(𝐱)\n", "𝐱"),
        ] {
            let err = refusal(src);
            assert_eq!(&src[err.start as usize..err.end as usize], bad, "{src}");
        }
        // in an f-string's expression, an attribute, a keyword argument
        refusal("print(f'{ﬁ}')\n");
        refusal("x.ﬁ = 1\n");
        refusal("f(ﬁ=1)\n");
    }

    #[test]
    fn identifier_characters() {
        for c in ['é', 'ß', 'π', 'Ω', 'ж', '中', 'ñ', '가'] {
            assert!(identifier_char(c, true) && identifier_char(c, false), "{c}");
        }
        // may continue an identifier, not start one
        for c in ['\u{b7}', '\u{660}', '\u{203f}'] {
            assert!(!identifier_char(c, true) && identifier_char(c, false), "{c:?}");
        }
        // NFKC changes them, or they may combine with what precedes, or they are not identifier characters
        for c in ['ﬁ', '²', 'ª', 'Ａ', 'ℌ', '\u{301}', '\u{1161}', '\u{bbe}', '€', '\u{a0}', '\u{10ffff}'] {
            assert!(!identifier_char(c, false), "{c:?}");
        }
    }

    #[test]
    fn identifier_table_agrees_with_the_lexer() {
        // What gcplay accepts, Ruff's lexer must take as part of a name (Unicode's XID properties).
        let mut last = 0x80;
        let mut count = 0;
        for (start, end, starts) in identifier_runs() {
            assert!(last <= start && start < end && end <= 0x110000);
            for c in (start..end).filter_map(char::from_u32) {
                assert!(unicode_ident::is_xid_continue(c), "{c:?}");
                assert!(!starts || unicode_ident::is_xid_start(c), "{c:?}");
                count += 1;
            }
            last = end;
        }
        assert_eq!(count, 134_780, "as ident_chars.rs says");
    }
}
