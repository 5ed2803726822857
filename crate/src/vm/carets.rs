//! The line of carets under a traceback's source line, drawn as each CPython version draws it.
//!
//! 3.12 draws them in C for every traceback; 3.13 draws them in Python (`traceback.py`) for
//! uncaught errors, with anchors for calls too and a rule that hides them under `x = f()`, and
//! draws none in the C path used by "Exception ignored in". Anchors come from re-parsing the
//! failing segment, as CPython does: `~` for operands, `^` for the operator, the brackets or
//! the call's parentheses.

use crate::profile::Python;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CaretStyle {
    /// No caret lines (3.13's C traceback printer).
    Off,
    /// 3.12's C printer: anchors for binary operators and subscripts.
    C312,
    /// 3.13's `traceback` module: anchors for calls too.
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

/// The caret line (without its 4-space margin or newline) for the failing segment
/// `start..end` (character columns) of `line`, or `None` when CPython shows none.
/// `multi_line` says the segment goes on past this line.
pub(crate) fn caret_line(style: CaretStyle, line: &str, start: usize, end: usize, multi_line: bool) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let last = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    let end = if multi_line { last } else { end.min(chars.len()) };
    if end <= start || start < indent {
        return None;
    }
    let segment: String = chars[start..end].iter().collect();
    let (anchors, show) = match style {
        CaretStyle::Off => return None,
        CaretStyle::C312 => {
            let anchors = if multi_line { None } else { anchors_312(&segment) };
            (anchors, anchors.is_some() || !(start == indent && end == last))
        }
        CaretStyle::Py313 => {
            if multi_line {
                // 3.13 prints every line of a multi-line segment; gcplay shows the first only,
                // so it draws no carets rather than wrong ones.
                return None;
            }
            let anchors = anchors_313(&segment);
            let dedented: String = chars[indent..].iter().collect();
            let show = if assigns_or_returns_whole_call(&dedented, start - indent, end - indent) {
                false
            } else {
                anchors.is_some() || start > indent || chars[end..].iter().any(|c| !c.is_whitespace())
            };
            (anchors, show)
        }
    };
    if !show {
        return None;
    }
    let (primary, secondary) = if anchors.is_some() { ('~', '^') } else { ('^', '^') };
    let mut out = String::new();
    for col in indent..end {
        let within = anchors.is_some_and(|(l, r)| col >= start + l && col < start + r);
        out.push(if col < start {
            ' '
        } else if within {
            secondary
        } else {
            primary
        });
    }
    Some(out)
}

/// Character index of byte offset `b` in `s`.
fn char_at(s: &str, b: usize) -> usize {
    s.get(..b.min(s.len())).map_or(0, |p| p.chars().count())
}

fn parse_expr_stmt(src: &str) -> Option<Expr> {
    let parsed = crate::source::parse(src).ok()?;
    let body = &parsed.syntax().body;
    if body.len() != 1 {
        return None;
    }
    match &body[0] {
        Stmt::Expr(e) => Some((*e.value).clone()),
        _ => None,
    }
}

/// 3.12: the segment parsed as it is; binary operators and subscripts.
fn anchors_312(segment: &str) -> Option<(usize, usize)> {
    let expr = parse_expr_stmt(segment)?;
    let chars: Vec<char> = segment.chars().collect();
    let c = |b: usize| char_at(segment, b);
    match &expr {
        Expr::BinOp(op) => {
            let right_start = c(op.right.range().start().to_usize());
            let mut found = None;
            let mut i = c(op.left.range().end().to_usize());
            while i < right_start {
                if chars[i].is_whitespace() {
                    i += 1;
                    continue;
                }
                let mut r = i + 1;
                if i + 1 < right_start && !chars[i + 1].is_whitespace() {
                    r += 1;
                }
                found = Some((i, r));
                if i + 1 < right_start && chars[i] == ')' {
                    i += 1;
                    continue;
                }
                break;
            }
            found
        }
        Expr::Subscript(sub) => {
            let mut l = c(sub.value.range().end().to_usize());
            let mut r = c(sub.slice.range().end().to_usize()) + 1;
            while l < chars.len() && chars[l] != '[' {
                l += 1;
            }
            while r < chars.len() && chars[r] != ']' {
                r += 1;
            }
            if r < chars.len() {
                r += 1;
            }
            Some((l, r))
        }
        _ => None,
    }
}

/// 3.13: the segment parsed inside parentheses; binary operators, subscripts and calls.
fn anchors_313(segment: &str) -> Option<(usize, usize)> {
    const PREFIX: usize = 2; // "(\n"
    let wrapped = format!("(\n{segment}\n)");
    let expr = parse_expr_stmt(&wrapped)?;
    let chars: Vec<char> = segment.chars().collect();
    let c = |b: usize| char_at(segment, b.saturating_sub(PREFIX));
    // the first character at or after `i` that satisfies `stop`
    let until = |mut i: usize, stop: &dyn Fn(char) -> bool| {
        while i < chars.len() && !stop(chars[i]) {
            i += 1;
        }
        (i < chars.len()).then_some(i)
    };
    match &expr {
        Expr::BinOp(op) => {
            let l = until(c(op.left.range().end().to_usize()), &|ch| !ch.is_whitespace() && ch != ')')?;
            let mut r = l + 1;
            if r < chars.len()
                && r < c(op.right.range().start().to_usize())
                && !chars[r].is_whitespace()
                && !matches!(chars[r], '\\' | '#')
            {
                r += 1;
            }
            Some((l, r))
        }
        Expr::Subscript(sub) => {
            let l = until(c(sub.value.range().end().to_usize()), &|ch| ch == '[')?;
            Some((l, c(sub.range().end().to_usize())))
        }
        Expr::Call(call) => {
            let l = until(c(call.func.range().end().to_usize()), &|ch| ch == '(')?;
            Some((l, c(call.range().end().to_usize())))
        }
        _ => None,
    }
}

/// 3.13 hides the carets of `return f(...)` and `x = f(...)` when the call is the whole line.
fn assigns_or_returns_whole_call(dedented: &str, start: usize, end: usize) -> bool {
    let Ok(parsed) = crate::source::parse(dedented) else { return false };
    let value = match parsed.syntax().body.first() {
        Some(Stmt::Return(r)) => match r.value.as_deref() {
            Some(v @ Expr::Call(call)) if matches!(*call.func, Expr::Name(_)) => v,
            _ => return false,
        },
        Some(Stmt::Assign(a)) if a.targets.len() == 1 && matches!(a.targets[0], Expr::Name(_)) => match &*a.value {
            v @ Expr::Call(_) => v,
            _ => return false,
        },
        _ => return false,
    };
    char_at(dedented, value.range().start().to_usize()) == start
        && char_at(dedented, value.range().end().to_usize()) == end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(style: CaretStyle, line: &str, seg: &str) -> Option<String> {
        let start = line.find(seg).unwrap();
        caret_line(style, line, start, start + seg.len(), false)
    }

    // Each expectation is what CPython 3.12.1 / 3.13.0 printed for the same line.
    #[test]
    fn binary_operators() {
        let line = "    return a // b";
        assert_eq!(draw(CaretStyle::C312, line, "a // b").as_deref(), Some("       ~~^^~~"));
        assert_eq!(draw(CaretStyle::Py313, line, "a // b").as_deref(), Some("       ~~^^~~"));
        assert_eq!(draw(CaretStyle::Off, line, "a // b"), None);
    }

    #[test]
    fn subscripts() {
        let line = "    x = [1][5] + 1";
        assert_eq!(draw(CaretStyle::C312, line, "[1][5]").as_deref(), Some("    ~~~^^^"));
        assert_eq!(draw(CaretStyle::Py313, line, "[1][5]").as_deref(), Some("    ~~~^^^"));
    }

    #[test]
    fn calls() {
        assert_eq!(draw(CaretStyle::C312, "k()", "k()"), None);
        assert_eq!(draw(CaretStyle::Py313, "k()", "k()").as_deref(), Some("~^^"));
        let line = "    y = h(1, 0)";
        assert_eq!(draw(CaretStyle::C312, line, "h(1, 0)").as_deref(), Some("    ^^^^^^^"));
        assert_eq!(draw(CaretStyle::Py313, line, "h(1, 0)"), None);
        assert_eq!(draw(CaretStyle::Py313, "return f(x)", "f(x)"), None);
        assert_eq!(draw(CaretStyle::Py313, "return o.f(x)", "o.f(x)").as_deref(), Some("       ~~~^^^"));
    }

    #[test]
    fn whole_lines_without_anchors() {
        assert_eq!(draw(CaretStyle::C312, "raise ValueError(1)", "raise ValueError(1)"), None);
        assert_eq!(draw(CaretStyle::Py313, "raise ValueError(1)", "raise ValueError(1)"), None);
        assert_eq!(draw(CaretStyle::Py313, "x.y", "x.y"), None);
        assert_eq!(draw(CaretStyle::Py313, "x.y  # why", "x.y").as_deref(), Some("^^^"));
    }
}
