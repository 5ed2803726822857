//! Unicode in the source (docs/language.md): what gcplay's parser does not do
//! as CPython's is refused before anything runs, with "not supported" and the
//! source range; what it accepts runs as CPython runs it (the corpus case
//! `322_lang_unicode_source` compares that with CPython's own output).

use gcplay::{run, ErrorKind, Options};

/// Runs `src` and checks it is refused as not supported at (line, column, end column).
fn assert_refused(src: &str, line: u32, col: u32, end_col: u32, message: &str) {
    let out = run(src, &Options::default());
    assert_eq!(out.exit_code, 1, "{src}");
    assert_eq!(out.stdout, "", "nothing runs: {src}");
    assert!(out.stderr.contains("NotSupported: not supported in gcplay"), "{}", out.stderr);
    assert!(out.stderr.contains(message), "{}", out.stderr);
    let e = out.error.expect("error");
    assert_eq!(e.kind, ErrorKind::NotSupported);
    assert_eq!((e.span.line, e.span.col, e.span.end_line, e.span.end_col), (line, col, line, end_col), "{src}");
}

#[test]
fn character_names_outside_the_table_are_refused() {
    assert_refused(
        "print(1)\nprint('a \\N{SNOWMAN} b')\n",
        2,
        9,
        20,
        "the character name 'SNOWMAN' in a \\N{...} escape",
    );
    // CPython's SyntaxError (no such name) is refused too: gcplay cannot tell the two apart.
    assert_refused("x = f'{1}\\N{NO SUCH NAME}'\n", 1, 9, 25, "'NO SUCH NAME'");
    // aliases are not in the table
    assert_refused("x = '\\N{LINE FEED}'\n", 1, 5, 18, "'LINE FEED'");
}

#[test]
fn identifiers_nfkc_would_change_are_refused() {
    let src = "x = 1\nﬁle = 2\nprint(ﬁle)\n";
    assert_refused(src, 2, 0, 1, "the character 'ﬁ' (U+FB01) in an identifier");
    assert_refused("def f(ｘ):\n    return ｘ\n", 1, 6, 7, "'ｘ' (U+FF58)");
    assert_refused("cafe\u{301} = 1\n", 1, 4, 5, "(U+0301)");
}

#[test]
fn what_is_accepted_runs() {
    let src = "größe = 2\nclass Ñu:\n    año = '\\N{bullet}'\nprint(größe, Ñu.año, '\\N{GREEK SMALL LETTER PI}')\nprint('ﬁ', r'\\N{SNOWMAN}')\n";
    let out = run(src, &Options::default());
    assert_eq!((out.exit_code, out.stdout.as_str(), out.stderr.as_str()), (0, "2 • π\nﬁ \\N{SNOWMAN}\n", ""));
}
