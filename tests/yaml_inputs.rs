//! Bad YAML inputs: each is refused with the right kind, position and message.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ropa::source::Position;
use ropa::yaml::{Limits, YamlError, YamlErrorKind, parse_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/yaml")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn refused(bytes: &[u8]) -> YamlError {
    refused_with(bytes, &Limits::default())
}

fn refused_with(bytes: &[u8], limits: &Limits) -> YamlError {
    match parse_bytes(bytes, limits) {
        Ok(doc) => panic!("loaded: {}", doc.value),
        Err(e) => e,
    }
}

#[track_caller]
fn assert_error(e: &YamlError, kind: YamlErrorKind, line: usize, column: usize, text: &str) {
    assert_eq!(e.kind, kind, "{e:?}");
    assert_eq!(e.position, Position::new(line, column), "{e:?}");
    assert!(
        e.message.contains(text),
        "message {:?} lacks {text:?}",
        e.message
    );
    assert!(!e.help.is_empty(), "{e:?}");
}

#[test]
fn valid_register_loads_with_locations() {
    let doc = parse_bytes(&fixture("register.yaml"), &Limits::default()).expect("loads");
    assert_eq!(doc.value["transfers"], "no");
    assert_eq!(doc.value["retention"][1]["duration"], "P6Y");
    let l = &doc.locations;
    assert_eq!(l.value("/controller/name"), Some(Position::new(4, 9)));
    assert_eq!(l.key("/retention/1/duration"), Some(Position::new(10, 5)));
    assert_eq!(
        l.value("/retention/1/duration"),
        Some(Position::new(10, 15))
    );
    assert_eq!(l.find("/retention/1/missing"), Position::new(9, 5));
}

#[test]
fn duplicate_key() {
    let e = refused(&fixture("duplicate_key.yaml"));
    assert_error(&e, YamlErrorKind::DuplicateKey, 7, 1, "`name`");
    assert!(e.message.contains("line 1"), "{}", e.message);
    assert_eq!(e.help, "remove one of them; YAML maps cannot repeat a key");
    let code = e.kind.code();
    assert_eq!((code.code, code.name), ("RP002", "duplicate-key"));
}

#[test]
fn ten_thousand_nested_brackets() {
    // saphyr's scanner reads ahead through the brackets and stops at its own limit of 255.
    let text = "[".repeat(10_000);
    let e = refused(text.as_bytes());
    assert_error(&e, YamlErrorKind::TooDeep, 1, 256, "64 levels");

    let text = format!("a: {}\n", "{b: ".repeat(10_000));
    let e = refused(text.as_bytes());
    assert_error(&e, YamlErrorKind::TooDeep, 1, 256, "64 levels");

    // Block collections are checked as they open: the 65th level is refused.
    let text = format!("{}{}", "- ".repeat(10_000), "x");
    let e = refused(text.as_bytes());
    assert_error(&e, YamlErrorKind::TooDeep, 1, 129, "64 levels");

    let text: String = (0..2_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let e = refused(text.as_bytes());
    assert_error(&e, YamlErrorKind::TooDeep, 65, 65, "64 levels");
}

#[test]
fn billion_laughs() {
    let started = Instant::now();
    let e = refused(&fixture("billion_laughs.yaml"));
    // The seventh level would take the value past a million nodes at its first alias.
    assert_error(
        &e,
        YamlErrorKind::TooManyAliases,
        8,
        8,
        "more than 1000000 nodes",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn file_over_the_size_limit() {
    let limits = Limits {
        max_bytes: 16,
        ..Limits::default()
    };
    let e = refused_with(b"name: a register over sixteen bytes\n", &limits);
    assert_error(&e, YamlErrorKind::TooLarge, 1, 1, "limit of 16 bytes");
    assert!(parse_bytes(b"name: short\n", &limits).is_ok());
}

#[test]
fn invalid_utf8() {
    // Latin-1 "é" (0xE9) after "note: café au lait, " on line 2: 20 characters before it.
    let e = refused(b"name: Payroll\nnote: caf\xc3\xa9 au lait, \xe9t\xe9\n");
    assert_error(&e, YamlErrorKind::NotUtf8, 2, 21, "0xE9");
    assert!(e.message.contains("offset 35"), "{}", e.message);
}

#[test]
fn byte_order_mark() {
    let e = refused(b"\xef\xbb\xbfname: Payroll\n");
    assert_error(&e, YamlErrorKind::ByteOrderMark, 1, 1, "byte order mark");
}

#[test]
fn tab_indentation() {
    let e = refused(&fixture("tab_indent.yaml"));
    assert_error(&e, YamlErrorKind::TabIndent, 3, 1, "tab");
}

#[test]
fn empty_file() {
    for text in ["", "\n", "   \n\n"] {
        let e = refused(text.as_bytes());
        assert_error(&e, YamlErrorKind::Empty, 1, 1, "the file is empty");
    }
}

#[test]
fn comment_only_file() {
    let e = refused(&fixture("comment_only.yaml"));
    assert_error(&e, YamlErrorKind::Empty, 1, 1, "expected a mapping");
}

#[test]
fn unclosed_quote() {
    let e = refused(&fixture("unclosed_quote.yaml"));
    assert_error(&e, YamlErrorKind::Syntax, 2, 10, "quoted scalar");

    let e = refused(b"name: Payroll\npurpose: 'paying staff\n");
    assert_error(&e, YamlErrorKind::Syntax, 2, 10, "unexpected end of stream");
}

/// An unquoted French "texte : suite": the hint shows the value quoted.
#[test]
fn colon_and_space_inside_a_plain_value() {
    let e = refused("id: a\nname: texte : suite\n".as_bytes());
    assert_error(&e, YamlErrorKind::Syntax, 2, 13, "mapping values");
    assert_eq!(
        e.message,
        "invalid YAML: the value of `name` holds `: ` (a colon and a space), which YAML reads as a second key (mapping values are not allowed in this context)"
    );
    assert_eq!(e.help, "put the value in quotes: `name: \"texte : suite\"`");
    // Nested, in a list, with quotes and a comment: the quoted form is still valid YAML.
    let e = refused(b"purposes:\n  - name: la \"paie\" : mensuelle # note\n");
    assert_error(&e, YamlErrorKind::Syntax, 2, 21, "the value of `name`");
    assert_eq!(
        e.help,
        "put the value in quotes: `- name: \"la \\\"paie\\\" : mensuelle\"`"
    );
    let fixed = "purposes:\n  - name: \"la \\\"paie\\\" : mensuelle\"\n";
    let doc = parse_bytes(fixed.as_bytes(), &Limits::default()).expect("the quoted form loads");
    assert_eq!(doc.value["purposes"][0]["name"], "la \"paie\" : mensuelle");
}

/// The same through `ropa check`: file, line and column, and the hint.
#[test]
fn colon_and_space_hint_reaches_the_check_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ropa.yaml"), "name: texte : suite\n").unwrap();
    let output = assert_cmd::cargo::cargo_bin_cmd!("ropa")
        .current_dir(dir.path())
        .args(["check", ".", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let expected = "error[RP001]: invalid YAML: the value of `name` holds `: ` (a colon and a space), which YAML reads as a second key (mapping values are not allowed in this context)
 --> ./ropa.yaml:1:13
  |
1 | name: texte : suite
  |             ^
  = help: put the value in quotes: `name: \"texte : suite\"`
";
    assert!(text.starts_with(expected), "{text}");
}

#[test]
fn bad_indentation() {
    let e = refused(&fixture("bad_indentation.yaml"));
    assert_error(&e, YamlErrorKind::Syntax, 3, 2, "did not find expected key");
}

#[test]
fn two_documents() {
    let e = refused(&fixture("two_documents.yaml"));
    assert_error(
        &e,
        YamlErrorKind::Syntax,
        2,
        1,
        "only one YAML document per file",
    );
}

/// Pseudo-random inputs built from YAML's punctuation never panic the loader.
#[test]
fn arbitrary_inputs_do_not_panic() {
    const PIECES: &[&str] = &[
        "a", ": ", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ",", "&x ", "*x", "? ", "|", ">-",
        "\"", "'", "#", "!!str ", "!", "---\n", "...", "~", "0x1F", ".inf", "é", "\r\n", "%YAML",
        "<<: ", "@", "`", "\\",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let limits = Limits {
        max_depth: 8,
        max_aliases: 16,
        max_nodes: 500,
        ..Limits::default()
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        if let Ok(doc) = parse_bytes(text.as_bytes(), &limits) {
            let _ = doc.locations.find("/a/0/x");
        }
    }
}
