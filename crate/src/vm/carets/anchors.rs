//! What re-parsing the failing segment tells the caret line: where the operator or the
//! brackets are (the anchors, drawn `^` between operands drawn `~`), and whether the
//! segment is the call of a whole `x = f(...)` or `return f(...)`, which 3.13 leaves bare.

use super::py_space;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

/// The anchored range of a segment: from `left` (inclusive) to `right` (exclusive), each a
/// (line, character column) in the segment's lines, where the segment's first line starts
/// at column 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Anchors {
    pub left: (usize, usize),
    pub right: (usize, usize),
}

/// Character index of byte offset `b` in `s`.
fn char_at(s: &str, b: usize) -> usize {
    s.get(..b.min(s.len())).map_or(0, |p| p.chars().count())
}

fn parse_expr_stmt(src: &str) -> Option<Expr> {
    let mut body = crate::source::parse(src).ok()?.into_syntax().body;
    match (body.pop(), body.is_empty()) {
        (Some(Stmt::Expr(e)), true) => Some(*e.value),
        _ => None,
    }
}

/// 3.12 (single lines only): the segment parsed as it is; binary operators and subscripts.
/// Character columns of the anchored range.
pub(super) fn anchors_312(segment: &str) -> Option<(usize, usize)> {
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

/// The segment's lines as characters, and positions in them found from byte offsets of the
/// text the parser saw.
struct Lines<'a> {
    text: &'a str,
    /// Bytes before the segment in the parsed text.
    skip: usize,
    chars: Vec<Vec<char>>,
}

impl Lines<'_> {
    /// (line, character column) of byte offset `b` of the parsed text.
    fn pos(&self, b: usize) -> (usize, usize) {
        let b = b.saturating_sub(self.skip).min(self.text.len());
        let before = &self.text[..b];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (before.matches('\n').count(), before[line_start..].chars().count())
    }

    /// The first character at or after (line, col), moving past the ends of lines.
    fn valid(&self, (mut line, mut col): (usize, usize)) -> Option<(usize, usize)> {
        while line < self.chars.len() && col >= self.chars[line].len() {
            line += 1;
            col = 0;
        }
        (line < self.chars.len()).then_some((line, col))
    }

    /// The first character from (line, col) on that satisfies `stop`, skipping the rest of a
    /// line at a comment or a backslash.
    fn until(&self, mut at: (usize, usize), stop: impl Fn(char) -> bool) -> Option<(usize, usize)> {
        loop {
            let ch = self.chars[at.0][at.1];
            at = if ch == '\\' || ch == '#' {
                self.valid((at.0 + 1, 0))?
            } else if !stop(ch) {
                self.valid((at.0, at.1 + 1))?
            } else {
                return Some(at);
            };
        }
    }
}

/// 3.13: the segment (one line or several) parsed inside parentheses; binary operators,
/// subscripts and calls.
pub(super) fn anchors_313(segment: &str) -> Option<Anchors> {
    const PREFIX: usize = 2; // "(\n"
    let expr = parse_expr_stmt(&format!("(\n{segment}\n)"))?;
    let lines =
        Lines { text: segment, skip: PREFIX, chars: segment.split('\n').map(|l| l.chars().collect()).collect() };
    let end_of = |e: &Expr| lines.pos(e.range().end().to_usize());
    match &expr {
        Expr::BinOp(op) => {
            let (line, col) = lines.until(lines.valid(end_of(&op.left))?, |ch| !py_space(ch) && ch != ')')?;
            let text = &lines.chars[line];
            let right = lines.pos(op.right.range().start().to_usize());
            // the operator is one or two characters, on one line, before the right operand
            let mut end = col + 1;
            if end < text.len()
                && (right.0 > line || end < right.1)
                && !py_space(text[end])
                && !matches!(text[end], '\\' | '#')
            {
                end += 1;
            }
            Some(Anchors { left: (line, col), right: (line, end) })
        }
        Expr::Subscript(sub) => {
            let left = lines.until(lines.valid(end_of(&sub.value))?, |ch| ch == '[')?;
            Some(Anchors { left, right: end_of(&expr) })
        }
        Expr::Call(call) => {
            let left = lines.until(lines.valid(end_of(&call.func))?, |ch| ch == '(')?;
            Some(Anchors { left, right: end_of(&expr) })
        }
        _ => None,
    }
}

/// 3.13 draws no carets when the shown lines parse to nothing, or to `x = f(...)` or
/// `return f(...)` whose call is exactly the segment: from character column `start` of the
/// first line to `end` of the last. CPython compares the call's UTF-8 columns with those
/// character columns, so a non-ASCII character before either end keeps the carets.
pub(super) fn hides_carets(lines: &[String], start: usize, end: usize) -> bool {
    let text = lines.join("\n");
    let Ok(parsed) = crate::source::parse(&text) else { return false };
    let value = match parsed.syntax().body.first() {
        None => return true,
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
    // (line, UTF-8 column) of a byte offset
    let at = |b: usize| {
        let before = &text[..b];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (before.matches('\n').count(), b - line_start)
    };
    at(value.range().start().to_usize()) == (0, start) && at(value.range().end().to_usize()) == (lines.len() - 1, end)
}
