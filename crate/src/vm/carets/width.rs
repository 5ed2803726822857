//! Display width: how many columns of a terminal a character takes, as tracebacks count it.

use super::wide_chars::{WIDE, WIDE_ONLY_NEWER};
use crate::profile::Python;

/// Two columns for East Asian Wide and Fullwidth characters, one for the rest, as each
/// version's `unicodedata` says (3.13's Unicode 15.1 made a few more characters wide).
pub(super) fn char_width(c: char, python: Python) -> usize {
    if c.is_ascii() {
        return 1;
    }
    let c = c as u32;
    let within = |runs: &[(u32, u32)]| {
        let i = runs.partition_point(|&(_, last)| last < c);
        runs.get(i).is_some_and(|&(first, _)| first <= c)
    };
    if within(WIDE) || (python == Python::P313 && within(WIDE_ONLY_NEWER)) {
        2
    } else {
        1
    }
}

/// The width of the first `n` characters of `chars`.
pub(super) fn width(chars: &[char], n: usize, python: Python) -> usize {
    chars.iter().take(n).map(|&c| char_width(c, python)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_narrow() {
        for python in [Python::P313, Python::P312] {
            assert_eq!(char_width('a', python), 1);
            assert_eq!(char_width('é', python), 1);
            assert_eq!(char_width('日', python), 2);
            assert_eq!(char_width('！', python), 2); // fullwidth
            assert_eq!(char_width('🐍', python), 2);
        }
        // U+31EF became wide in Unicode 15.1
        assert_eq!(char_width('\u{31ef}', Python::P313), 2);
        assert_eq!(char_width('\u{31ef}', Python::P312), 1);
        let chars: Vec<char> = "'日本' +".chars().collect();
        assert_eq!(width(&chars, chars.len(), Python::P313), 8);
        assert_eq!(width(&chars, 2, Python::P313), 3);
    }
}
