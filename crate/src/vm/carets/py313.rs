//! 3.13's `traceback` module: every line of the failing instruction's range, dedented
//! together, each followed by its caret line; a long range keeps its first and last lines and
//! those around the anchors, and says `...<N lines>...` for each gap.

use super::anchors;
use super::py_space;
use super::width::width;
use crate::profile::Python;

/// The text under a `File` line for an instruction that runs from character column `start`
/// of `lines[0]` to `end` of the last line (the lines without their newlines).
pub(super) fn frame_lines(lines: &[&str], start: usize, end: usize) -> String {
    let original_first = lines[0].trim_end_matches(py_space).chars().count();
    let lines = dedent(lines.iter().map(|l| l.trim_end_matches(py_space).to_string()).collect());
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let last = chars.len() - 1;
    let shift = original_first - chars[0].len();
    let (start, end) = (start.saturating_sub(shift), end.saturating_sub(shift));
    let display = |line: usize, col: usize| width(&chars[line], col, Python::P313);

    let segment = if last == 0 {
        chars[0][start.min(end)..end.min(chars[0].len())].iter().collect()
    } else {
        let first: String = chars[0][start.min(chars[0].len())..].iter().collect();
        let final_part: String = chars[last][..end.min(chars[last].len())].iter().collect();
        [first].into_iter().chain(lines[1..last].iter().cloned()).chain([final_part]).collect::<Vec<_>>().join("\n")
    };
    let anchors = anchors::anchors_313(&segment).filter(|a| a.left.0 <= last && a.right.0 <= last);
    let show = if anchors::hides_carets(&lines, start, end) {
        false
    } else {
        anchors.is_some()
            || chars[0][..start.min(chars[0].len())].iter().any(|&c| !py_space(c))
            || chars[last].get(end..).is_some_and(|rest| rest.iter().any(|&c| !py_space(c)))
    };

    // Anchors as display columns on their lines (those on the first line counted from the
    // segment's start).
    let from_line_start = |(line, col): (usize, usize)| (line, if line == 0 { col + start } else { col });
    let anchored = anchors.map(|a| {
        let (l, c) = from_line_start(a.left);
        let (r, d) = from_line_start(a.right);
        ((l, display(l, c)), (r, display(r, d)))
    });
    let (primary, secondary) = if anchors.is_some() { ('~', '^') } else { ('^', '^') };
    let (dp_start, dp_end) = (display(0, start), display(last, end));

    // a shown line and its caret line
    let output_line = |n: usize| -> Vec<String> {
        if !show {
            return vec![lines[n].clone()];
        }
        let indent = chars[n].iter().take_while(|&&c| py_space(c)).count();
        let count = if n == last { dp_end } else { display(n, chars[n].len()) };
        let carets = (0..count)
            .map(|col| {
                let within = anchored.is_some_and(|((l, lc), (r, rc))| {
                    (n > l || (n == l && col >= lc)) && (n < r || (n == r && col < rc))
                });
                if col < indent || (n == 0 && col < dp_start) {
                    ' '
                } else if within {
                    secondary
                } else {
                    primary
                }
            })
            .collect();
        vec![lines[n].clone(), carets]
    };

    // a sorted set (a vector: a BTreeSet would cost the wasm more than it is worth)
    let mut shown = vec![0, last];
    if let Some(a) = anchors {
        for line in [a.left.0, a.right.0] {
            shown.extend(line.saturating_sub(1)..=(line + 1).min(last));
        }
    }
    shown.sort_unstable();
    shown.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut previous = None;
    for &n in &shown {
        match previous.map(|p| n - p) {
            Some(2) => out.extend(output_line(n - 1)),
            Some(gap) if gap > 2 => out.push(format!("...<{} lines>...", gap - 1)),
            _ => {}
        }
        out.extend(output_line(n));
        previous = Some(n);
    }
    let mut text = String::new();
    for line in dedent(out) {
        text.push_str("    ");
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// Python's `textwrap.dedent` on lines: lines of only spaces and tabs become empty, and the
/// longest run of spaces and tabs that starts every other line is removed.
fn dedent(lines: Vec<String>) -> Vec<String> {
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| if l.trim_start_matches([' ', '\t']).is_empty() { String::new() } else { l })
        .collect();
    let mut margin: Option<&str> = None;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        margin = Some(match margin {
            None => indent,
            Some(m) => {
                let common = m.bytes().zip(indent.bytes()).take_while(|(a, b)| a == b).count();
                &m[..common]
            }
        });
    }
    let margin = margin.unwrap_or("").to_string();
    lines
        .into_iter()
        .map(|l| match l.strip_prefix(margin.as_str()) {
            Some(rest) => rest.to_string(),
            None => l,
        })
        .collect()
}
