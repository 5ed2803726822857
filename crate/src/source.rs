//! Source text: the nesting guard, parsing with Ruff's parser, and positions.

use ruff_python_ast::ModModule;
use ruff_python_parser::{parse_module, Parsed};

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

/// A syntax error in CPython's terms.
#[derive(Clone, Debug)]
pub struct SyntaxErr {
    pub message: String,
    pub start: u32,
    pub end: u32,
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
                        return Err(SyntaxErr {
                            message: "too many levels of indentation".into(),
                            start: j as u32,
                            end: j as u32,
                        });
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
                    return Err(SyntaxErr {
                        message: "too many nested parentheses".into(),
                        start: i as u32,
                        end: i as u32 + 1,
                    });
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

/// Parse a module, refusing over-deep nesting first.
pub fn parse(src: &str) -> Result<Parsed<ModModule>, SyntaxErr> {
    check_nesting(src)?;
    parse_module(src).map_err(|e| SyntaxErr {
        message: cpython_message(&e.error.to_string()),
        start: e.location.start().to_u32(),
        end: e.location.end().to_u32(),
    })
}

/// Ruff's messages, in CPython's words where the two differ on common mistakes.
fn cpython_message(ruff: &str) -> String {
    let lower = ruff.to_ascii_lowercase();
    if lower.contains("unexpected indentation") {
        "unexpected indent".into()
    } else if lower.contains("expected an indented block") {
        "expected an indented block".into()
    } else if lower.contains("missing closing quote") {
        "unterminated string literal".into()
    } else {
        "invalid syntax".into()
    }
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
}
