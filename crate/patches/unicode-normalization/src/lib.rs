//! gcplay's stand-in for the `unicode-normalization` crate. Ruff's parser
//! calls `nfkc()` on identifiers with non-ASCII characters, as Python
//! normalizes identifiers to NFKC; the crate's tables are a large part of the
//! wasm. Here `nfkc()` is the identity, which is exact for every program gcplay
//! runs: before compiling, gcplay refuses as not supported any identifier with
//! a non-ASCII character NFKC could change (`crate/src/source.rs`, which keeps
//! the table of the characters it accepts).

/// The normalization Ruff's parser asks for.
pub trait UnicodeNormalization<I: Iterator<Item = char>> {
    /// The characters of the text, unchanged: see the crate's documentation.
    fn nfkc(self) -> I;
}

impl<'a> UnicodeNormalization<std::str::Chars<'a>> for &'a str {
    fn nfkc(self) -> std::str::Chars<'a> {
        self.chars()
    }
}

#[cfg(test)]
mod tests {
    use super::UnicodeNormalization;

    #[test]
    fn nfkc_is_the_identity() {
        for s in ["", "name", "größe", "π_2", "ﬁ"] {
            assert_eq!(s.nfkc().collect::<String>(), s);
        }
    }
}
