//! The source lines under a traceback's `File` line, with carets under the failing expression,
//! drawn as each CPython version draws them.
//!
//! 3.12 draws in C for every traceback: the instruction's first line, anchors for binary
//! operators and subscripts on a single line, carets to the end of the line for a range that
//! goes on. 3.13 draws in Python (`traceback.py`) for uncaught errors: every line of the range
//! (`py313`), anchors for calls too, and a rule that hides them under `x = f()`; its C printer,
//! used by "Exception ignored in", draws none. Anchors come from re-parsing the failing
//! segment (`anchors`); both versions count display width (`width`).

mod anchors;
mod py313;
mod wide_chars;
mod width;

use crate::profile::Python;
use crate::source::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaretStyle {
    /// No caret lines (3.13's C traceback printer).
    Off,
    /// 3.12's C printer: anchors for binary operators and subscripts.
    C312,
    /// 3.13's `traceback` module: anchors for calls too, every line of the range.
    Py313,
}

impl CaretStyle {
    /// An uncaught error's traceback (3.13: the `traceback` module; 3.12: C).
    pub(crate) fn uncaught(python: Python) -> CaretStyle {
        match python {
            Python::P313 => CaretStyle::Py313,
            Python::P312 => CaretStyle::C312,
        }
    }

    /// "Exception ignored in" (the C printer in both; 3.13's draws no carets).
    pub(crate) fn unraisable(python: Python) -> CaretStyle {
        match python {
            Python::P313 => CaretStyle::Off,
            Python::P312 => CaretStyle::C312,
        }
    }
}

/// `str.isspace`, as the `traceback` module of 3.13 (the only one asking) sees it.
fn py_space(c: char) -> bool {
    super::unicode::is_space(c, Python::P313)
}

/// The indentation the C printers strip.
fn c_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0c')
}

/// What a traceback entry shows under its `File` line: source lines and caret lines, each
/// with its 4-space margin and newline. `span` is the byte range of the failing instruction
/// (empty when unknown), which starts on the entry's `line`.
pub(crate) fn frame_source(style: CaretStyle, src: &str, index: &LineIndex, line: u32, span: (u32, u32)) -> String {
    let text = index.line_text(src, line);
    if text.trim().is_empty() {
        return String::new();
    }
    let position = (span.1 > span.0).then(|| index.span(src, span.0, span.1)).filter(|s| s.line == line);
    let Some(s) = position else {
        return format!(
            "    {}\n",
            if style == CaretStyle::Py313 { text.trim() } else { text.trim_start_matches(c_indent) }
        );
    };
    let (start, end) = (s.col as usize, s.end_col as usize);
    match style {
        CaretStyle::Py313 => {
            let lines: Vec<&str> = (line..=s.end_line).map(|l| index.line_text(src, l)).collect();
            py313::frame_lines(&lines, start, end)
        }
        CaretStyle::C312 | CaretStyle::Off => {
            // the C printers keep trailing whitespace
            let mut out = format!("    {}\n", text.trim_start_matches(c_indent));
            if style == CaretStyle::C312 {
                if let Some(carets) = caret_line_312(text, start, end, s.end_line != line) {
                    out.push_str(&format!("    {carets}\n"));
                }
            }
            out
        }
    }
}

/// 3.12's caret line under `line` (without its margin) for the failing segment `start..end`
/// (character columns), or `None` when it draws none. `multi_line` says the segment goes on
/// past this line: the carets then run to the line's last non-blank character.
fn caret_line_312(line: &str, start: usize, end: usize, multi_line: bool) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let indent = chars.iter().take_while(|&&c| c_indent(c)).count();
    let end = if multi_line {
        // CPython looks for that character among the line's first N UTF-8 bytes, N its
        // length in characters, and takes the byte index for a character column: elsewhere
        // than that character when the line has non-ASCII ones.
        let bytes = line.as_bytes();
        let mut i = chars.len();
        while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | 0x0c) {
            i -= 1;
        }
        i
    } else {
        end.min(chars.len())
    };
    if end <= start || start < indent {
        return None;
    }
    let anchors = if multi_line { None } else { anchors::anchors_312(&chars[start..end].iter().collect::<String>()) };
    // none when the carets would run from the indentation to the end of the line, blanks included
    if anchors.is_none() && end - start == chars.len() - indent {
        return None;
    }
    let (primary, secondary) = if anchors.is_some() { ('~', '^') } else { ('^', '^') };
    let mut out = String::new();
    for (col, &c) in chars.iter().enumerate().take(end).skip(indent) {
        let within = anchors.is_some_and(|(l, r)| col >= start + l && col < start + r);
        let mark = if col < start {
            ' '
        } else if within {
            secondary
        } else {
            primary
        };
        out.extend(std::iter::repeat_n(mark, width::char_width(c, Python::P312)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an entry shows for the failing segment `seg` (its first occurrence) of `src`.
    fn show(style: CaretStyle, src: &str, seg: &str) -> String {
        let start = src.find(seg).unwrap();
        let index = LineIndex::new(src);
        let line = index.line(start as u32);
        frame_source(style, src, &index, line, (start as u32, (start + seg.len()) as u32))
    }

    // Each expectation is what CPython 3.12.1 / 3.13.0 printed for the same source.
    #[test]
    fn binary_operators() {
        let src = "def f(a, b):\n    return a // b\n";
        let drawn = "    return a // b\n           ~~^^~~\n";
        assert_eq!(show(CaretStyle::C312, src, "a // b"), drawn);
        assert_eq!(show(CaretStyle::Py313, src, "a // b"), drawn);
        assert_eq!(show(CaretStyle::Off, src, "a // b"), "    return a // b\n");
    }

    #[test]
    fn subscripts() {
        let src = "    x = [1][5] + 1";
        assert_eq!(show(CaretStyle::C312, src, "[1][5]"), "    x = [1][5] + 1\n        ~~~^^^\n");
        assert_eq!(show(CaretStyle::Py313, src, "[1][5]"), "    x = [1][5] + 1\n        ~~~^^^\n");
    }

    #[test]
    fn calls() {
        assert_eq!(show(CaretStyle::C312, "k()", "k()"), "    k()\n");
        assert_eq!(show(CaretStyle::Py313, "k()", "k()"), "    k()\n    ~^^\n");
        let src = "    y = h(1, 0)";
        assert_eq!(show(CaretStyle::C312, src, "h(1, 0)"), "    y = h(1, 0)\n        ^^^^^^^\n");
        assert_eq!(show(CaretStyle::Py313, src, "h(1, 0)"), "    y = h(1, 0)\n");
        assert_eq!(show(CaretStyle::Py313, "return f(x)", "f(x)"), "    return f(x)\n");
        assert_eq!(show(CaretStyle::Py313, "return o.f(x)", "o.f(x)"), "    return o.f(x)\n           ~~~^^^\n");
    }

    #[test]
    fn whole_lines_without_anchors() {
        let src = "raise ValueError(1)";
        assert_eq!(show(CaretStyle::C312, src, src), "    raise ValueError(1)\n");
        assert_eq!(show(CaretStyle::Py313, src, src), "    raise ValueError(1)\n");
        assert_eq!(show(CaretStyle::Py313, "x.y", "x.y"), "    x.y\n");
        assert_eq!(show(CaretStyle::Py313, "x.y  # why", "x.y"), "    x.y  # why\n    ^^^\n");
        // 3.12 keeps trailing blanks, and counts them as part of the line
        let src = "f()   ";
        assert_eq!(show(CaretStyle::C312, src, "f()"), "    f()   \n    ^^^\n");
        assert_eq!(show(CaretStyle::Py313, src, "f()"), "    f()\n    ~^^\n");
    }

    #[test]
    fn several_lines() {
        let src = "x = (a\n     + b)\n";
        assert_eq!(show(CaretStyle::C312, src, "a\n     + b"), "    x = (a\n         ^\n");
        assert_eq!(
            show(CaretStyle::Py313, src, "a\n     + b"),
            "    x = (a\n         ~\n         + b)\n         ^~~\n"
        );
        let src = "t = total(\n    1,\n    2,\n    3,\n    4,\n)\n";
        let call = &src[4..src.len() - 1];
        assert_eq!(
            show(CaretStyle::Py313, src, call),
            "    t = total(\n        1,\n    ...<2 lines>...\n        4,\n    )\n"
        );
    }

    #[test]
    fn display_width() {
        let src = "y = {}; x = ('日本', y['日本語'])";
        let drawn = Some("                         ~^^^^^^^^^^");
        assert_eq!(show(CaretStyle::C312, src, "y['日本語']").lines().nth(1), drawn);
        assert_eq!(show(CaretStyle::Py313, src, "y['日本語']").lines().nth(1), drawn);
        // 3.12 runs the carets of a line that goes on short of its end (a byte index taken
        // for a character column)
        let src = "x = ('日本' +   \n 1)";
        assert_eq!(show(CaretStyle::C312, src, "'日本' +   \n 1").lines().nth(1), Some("         ^^^^^^^^^^"));
        // 3.13 compares UTF-8 columns with character columns: carets under a whole `x = f(...)`
        assert_eq!(show(CaretStyle::Py313, "x = f('日本')", "f('日本')"), "    x = f('日本')\n        ~^^^^^^^^\n");
    }
}
