//! YAML 1.2 to JSON values with source locations, from saphyr-parser events, within limits.

mod builder;
mod errors;
mod pointers;
mod prechecks;
mod scalars;

use crate::source::Position;
use builder::*;
pub use errors::*;
pub use pointers::*;
use prechecks::*;
use saphyr_parser::{Event, Parser};
use scalars::*;
use serde_json::{Map, Value};

/// Bounds on what one YAML file may cost to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes (default 8 MiB).
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences (default 64).
    pub max_depth: usize,
    /// Most alias uses (`*name`) accepted in one file (default 1000).
    pub max_aliases: usize,
    /// Most nodes in the loaded value, counting every node an alias expands to (default 1,000,000).
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 8 * 1024 * 1024,
            max_depth: 64,
            max_aliases: 1000,
            max_nodes: 1_000_000,
        }
    }
}

/// A loaded YAML document: its value as JSON and where each node came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's value.
    pub value: Value,
    /// Source positions of the value's nodes, by JSON pointer.
    pub locations: Locations,
}

/// No node: the root's parent, the end of a hash chain.
const NONE: u32 = u32::MAX;

/// Load one YAML document from text: YAML 1.2 core schema, one document, string keys, no tabs
/// in indentation, within `limits`.
pub fn parse_str(text: &str, limits: &Limits) -> Result<Document, YamlError> {
    match parse_events(text, limits) {
        // A JSON-style surrogate pair (`"\ud83d\ude00"`) is one character written in two
        // escapes; the YAML scanner takes each half alone and refuses it.
        Err(e) if e.message.contains("invalid Unicode character escape code") => {
            match prechecks::join_surrogate_pairs(text) {
                Some(joined) => parse_events(&joined, limits)
                    .ok()
                    .filter(|d| !prechecks::holds_joined_escape(&d.value))
                    .ok_or(e),
                None => Err(e),
            }
        }
        other => other,
    }
}

/// Refuse a tag on a mapping or a sequence other than the core schema's own (`!!set`, `!!omap`,
/// `!custom`): it would be silently dropped.
fn check_collection_tag(
    tag: Option<&saphyr_parser::Tag>,
    kind: &str,
    pos: Position,
) -> Result<(), YamlError> {
    match tag {
        Some(tag) if !collection_tag_ok(tag, kind) => Err(YamlError::new(
            YamlErrorKind::Syntax,
            pos,
            unsupported_tag(tag),
            format!("remove the tag `{}`", tag_text(tag)),
        )),
        _ => Ok(()),
    }
}

fn parse_events(text: &str, limits: &Limits) -> Result<Document, YamlError> {
    check_size(text.len(), limits)?;
    check_bom(text.as_bytes())?;
    check_tabs(text)?;
    check_version(text)?;
    let mut builder = Builder::new(limits, text.len());
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| syntax_error(&e, limits, text))?;
        let pos = position(span.start);
        match event {
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        pos,
                        "only one YAML document per file; a second document starts here",
                        "put each document in its own file, or remove this `---` line",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                builder.scalar(text, style, anchor, tag.as_deref(), pos)?;
            }
            Event::SequenceStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "seq", pos)?;
                builder.start(Container::Seq(Vec::new()), anchor, pos)?;
            }
            Event::MappingStart(anchor, tag) => {
                check_collection_tag(tag.as_deref(), "map", pos)?;
                builder.start(
                    Container::Map {
                        map: Map::new(),
                        key: None,
                    },
                    anchor,
                    pos,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.end(),
            Event::Alias(id) => builder.alias(id, pos)?,
        }
    }
    match builder.root {
        Some(value) if documents > 0 && !builder.root_is_blank => Ok(Document {
            value,
            locations: builder.locations,
        }),
        _ => Err(YamlError::new(
            YamlErrorKind::Empty,
            Position::new(1, 1),
            "the file is empty; expected a mapping (`key: value` lines)",
            "write the document's content, or delete the file",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(text: &str) -> Document {
        match parse_str(text, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => panic!("{text:?} did not load: {e:?}"),
        }
    }

    fn fail(text: &str) -> YamlError {
        match parse_str(text, &Limits::default()) {
            Ok(doc) => panic!("{text:?} loaded: {:?}", doc.value),
            Err(e) => e,
        }
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position::new(line, column))
    }

    #[test]
    fn core_schema_scalars() {
        let doc = load(concat!(
            "norway: NO\nlower: no\nyes: yes\non: on\ntilde: ~\nnull_word: Null\nempty:\n",
            "hex: 0x1F\noctal: 0o17\nint: -42\nplus: +7\nleading_zero: 007\nfloat: 1.5\n",
            "exp: 1e3\ndot: .5\ninf: .inf\nneg_inf: -.Inf\nnan: .NaN\nhuge: 123456789012345678901234567890\n",
            "quoted: \"true\"\nsingle: '12'\ntagged: !!str 12\ntagged_int: !!int \"7\"\n",
            "nonspecific: ! 12\nbools: [true, True, TRUE, false, False, FALSE]\n",
            "date: 2024-03-14\nunderscore: 1_000\nversion: 1.2.3\nliteral: |\n  true\n",
        ));
        assert_eq!(
            doc.value,
            json!({
                "norway": "NO", "lower": "no", "yes": "yes", "on": "on",
                "tilde": null, "null_word": null, "empty": null,
                "hex": 31, "octal": 15, "int": -42, "plus": 7, "leading_zero": 7,
                "float": 1.5, "exp": 1000.0, "dot": 0.5,
                "inf": ".inf", "neg_inf": "-.Inf", "nan": ".NaN",
                "huge": "123456789012345678901234567890",
                "quoted": "true", "single": "12", "tagged": "12", "tagged_int": 7,
                "nonspecific": "12",
                "bools": [true, true, true, false, false, false],
                "date": "2024-03-14", "underscore": "1_000", "version": "1.2.3",
                "literal": "true\n",
            })
        );
    }

    #[test]
    fn bad_tagged_values_are_syntax_errors() {
        let e = fail("a: !!int twelve\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(1, 4));
        assert!(
            e.message.contains("`twelve` is not an integer"),
            "{}",
            e.message
        );
        assert_eq!(fail("a: !!bool yes\n").kind, YamlErrorKind::Syntax);
    }

    #[test]
    fn tags_other_than_the_core_schema_are_refused() {
        for (text, tag) in [
            ("a: !custom x\n", "!custom"),
            ("a: !!binary aGVsbG8=\n", "!!binary"),
            ("a: !!set {x: null}\n", "!!set"),
            ("a: !!omap [x: 1]\n", "!!omap"),
            ("a: !!timestamp 2024-01-01\n", "!!timestamp"),
        ] {
            let e = fail(text);
            assert_eq!(e.kind, YamlErrorKind::Syntax, "{text}");
            assert_eq!(e.position, Position::new(1, 4), "{text}");
            assert!(
                e.message.contains(&format!("`{tag}` is not supported")),
                "{e:?}"
            );
        }
        // The core schema's own tags, and the non-specific `!`, still load.
        assert_eq!(
            load("a: !!str 1\nb: !!map {c: ! 2}\nd: !!seq [1]\n").value,
            json!({"a": "1", "b": {"c": "2"}, "d": [1]})
        );
    }

    #[test]
    fn a_yaml_directive_other_than_1_x_is_refused() {
        let e = fail("%YAML 9.9\n---\na: 1\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(1, 1));
        assert!(e.message.contains("YAML 9.9"), "{}", e.message);
        assert_eq!(load("%YAML 1.2\n---\na: 1\n").value, json!({"a": 1}));
        assert_eq!(load("%YAML 1.1\n---\na: 1\n").value, json!({"a": 1}));
    }

    #[test]
    fn json_surrogate_pairs_are_one_character() {
        assert_eq!(
            load("a: \"\\ud83d\\ude00 ok\"\nb: \"\\u00e9\"\n").value,
            json!({"a": "\u{1f600} ok", "b": "\u{e9}"})
        );
        // A lone half is still an error, and a plain scalar keeps its backslashes.
        assert_eq!(fail("a: \"\\ud83d\"\n").kind, YamlErrorKind::Syntax);
        assert_eq!(
            load("a: \\ud83d\\ude00\n").value,
            json!({"a": "\\ud83d\\ude00"})
        );
    }

    #[test]
    fn merge_keys_are_refused_by_name() {
        let e = fail("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(3, 3));
        assert!(e.message.contains("merge key"), "{}", e.message);
        // Quoted, it is an ordinary key.
        assert_eq!(load("\"<<\": 1\n").value, json!({"<<": 1}));
    }

    const REGISTER: &str = "\
name: Payroll
retention:
  - category: staff records
    duration: P10Y
  - category: payslips
    duration: P6Y
tags: [hr, 'pay']
";

    #[test]
    fn nested_pointers_have_line_and_column() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.value(""), at(1, 1));
        assert_eq!(l.value("/name"), at(1, 7));
        assert_eq!(l.value("/retention"), at(3, 3));
        assert_eq!(l.value("/retention/0"), at(3, 5));
        assert_eq!(l.value("/retention/1/duration"), at(6, 15));
        assert_eq!(l.value("/tags/1"), at(7, 12));
        assert_eq!(l.value("/retention/2"), None);
        assert_eq!(l.value("/nope"), None);
        assert_eq!(l.len(), 12);
    }

    #[test]
    fn key_and_value_positions_differ() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.key("/retention/1/duration"), at(6, 5));
        assert_eq!(l.value("/retention/1/duration"), at(6, 15));
        assert_eq!(l.key("/retention"), at(2, 1));
        // Sequence items and the root have no key: fall back to the value.
        assert_eq!(l.key("/retention/1"), at(5, 5));
        assert_eq!(l.key(""), at(1, 1));
        assert_eq!(l.key("/nope"), None);
    }

    #[test]
    fn find_falls_back_to_the_nearest_ancestor() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.find("/retention/1/lawful_basis"), Position::new(5, 5));
        assert_eq!(l.find("/retention/1/duration"), Position::new(6, 15));
        assert_eq!(l.find("/controller/name"), Position::new(1, 1));
        assert_eq!(l.find(""), Position::new(1, 1));
        assert_eq!(Locations::default().find("/a"), Position::new(1, 1));
    }

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let doc = load("\"a/b\": 1\nm~n:\n  ~/: x\n");
        assert_eq!(doc.value, json!({"a/b": 1, "m~n": {"~/": "x"}}));
        assert_eq!(doc.locations.value("/a~1b"), at(1, 8));
        assert_eq!(doc.locations.key("/a~1b"), at(1, 1));
        assert_eq!(doc.locations.value("/m~0n/~0~1"), at(3, 7));
        assert_eq!(doc.locations.key("/m~0n/~0~1"), at(3, 3));
    }

    /// The compact positions kept after loading locate every pointer as the parser's full
    /// locations do: keys, values, escaped segments, sequence items, aliases, and the nearest
    /// ancestor of a pointer that is not in the file.
    #[test]
    fn kept_positions_agree_with_the_parsers_locations() {
        let doc = load(
            "\"a/b\": 1\nm~n:\n  ~/: x\nlist:\n  - {c: 2, d: [3, 4]}\n  - e: f\nbase: &b {x: 1}\ncopy: *b\n",
        );
        let l = &doc.locations;
        let p = l.positions(true);
        assert_eq!(p.len(), l.len());
        // Without the keys' positions, a key is located at its value.
        let values_only = l.positions(false);
        let pointers = [
            "",
            "/a~1b",
            "/m~0n",
            "/m~0n/~0~1",
            "/list",
            "/list/0",
            "/list/0/c",
            "/list/0/d/1",
            "/list/1/e",
            "/base/x",
            "/copy",
            "/copy/x",
        ];
        for pointer in pointers {
            assert_eq!(p.key(pointer), l.key(pointer), "key of {pointer}");
            assert_eq!(p.find(pointer), l.find(pointer), "value of {pointer}");
            assert_eq!(values_only.key(pointer), l.value(pointer), "{pointer}");
            assert_eq!(values_only.find(pointer), l.find(pointer), "{pointer}");
        }
        assert_eq!(Some(p.find("/list/1/missing/deeper")), at(6, 5));
        assert_eq!(p.find("/list/9"), l.find("/list/9"));
        assert_eq!(p.key("/nowhere"), None);
        assert_eq!(Some(p.find("no-slash")), at(1, 1));
    }

    #[test]
    fn flow_collections_and_tags_point_at_their_first_character() {
        let doc = load("a: {b: [1, {c: 2}]}\nd: !!str 5\n");
        let l = &doc.locations;
        assert_eq!(l.value("/a"), at(1, 4));
        assert_eq!(l.value("/a/b"), at(1, 8));
        assert_eq!(l.value("/a/b/1/c"), at(1, 16));
        assert_eq!(l.key("/a/b/1/c"), at(1, 13));
        assert_eq!(l.value("/d"), at(2, 4));
    }

    #[test]
    fn aliases_copy_the_anchored_value() {
        let doc = load("base: &b {x: 1, y: [2]}\ncopy: *b\nname: &n Ann\nk:\n  *n : v\n");
        assert_eq!(
            doc.value,
            json!({"base": {"x": 1, "y": [2]}, "copy": {"x": 1, "y": [2]}, "name": "Ann", "k": {"Ann": "v"}})
        );
        assert_eq!(doc.locations.value("/copy"), at(2, 7));
        // Nodes inside the copy are located at the alias.
        assert_eq!(doc.locations.value("/copy/y/0"), None);
        assert_eq!(doc.locations.find("/copy/y/0"), Position::new(2, 7));
        assert_eq!(doc.locations.key("/k/Ann"), at(5, 3));
    }

    #[test]
    fn aliases_find_anchors_in_finished_and_open_collections() {
        let text = "\
outer:
  list:
    - &first {a/b: [1, &inner {deep: x}]}
    - *inner
  same: *first
later: [*inner, *first]
";
        let doc = load(text);
        let first = json!({"a/b": [1, {"deep": "x"}]});
        assert_eq!(
            doc.value,
            json!({
                "outer": {"list": [first.clone(), {"deep": "x"}], "same": first.clone()},
                "later": [{"deep": "x"}, first],
            })
        );
    }

    #[test]
    fn aliases_cannot_copy_more_text_than_the_size_limit() {
        let limits = Limits {
            max_bytes: 100,
            ..Limits::default()
        };
        let text = format!("a: &a {}\nb: [*a, *a]\n", "x".repeat(60));
        let e = parse_str(&text, &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyAliases);
        assert_eq!(e.position, Position::new(2, 9));
        assert!(e.message.contains("100 bytes"), "{}", e.message);
    }

    #[test]
    fn recursive_alias_is_refused() {
        let e = fail("a: &a [1, *a]\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(1, 11));
    }

    #[test]
    fn alias_count_limit() {
        let limits = Limits {
            max_aliases: 2,
            ..Limits::default()
        };
        let e = parse_str("a: &a 1\nb: [*a, *a, *a]\n", &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyAliases);
        assert_eq!(e.position, Position::new(2, 13));
    }

    #[test]
    fn node_limit() {
        let limits = Limits {
            max_nodes: 5,
            ..Limits::default()
        };
        let e = parse_str("a: 1\nb: 2\nc: 3\n", &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooLarge);
        assert_eq!(e.position, Position::new(3, 1));
    }

    #[test]
    fn keys_must_be_non_null_scalars() {
        let e = fail("[a, b]: 1\n");
        assert_eq!(e.kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(e.position, Position::new(1, 1));
        let e = fail("a: 1\n~: 2\n");
        assert_eq!(e.kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(e.position, Position::new(2, 1));
        assert_eq!(fail("{null: 1}").kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(fail("? {a: 1}\n: 2\n").kind, YamlErrorKind::UnsupportedKey);
        // Quoted or scalar-looking keys are text.
        let doc = load("\"null\": 1\ntrue: 2\n3: 4\nNO: 5\n");
        assert_eq!(doc.value, json!({"null": 1, "true": 2, "3": 4, "NO": 5}));
    }

    #[test]
    fn duplicate_keys_in_nested_and_flow_maps() {
        let e = fail("a:\n  b: 1\n  c: 2\n  b: 3\n");
        assert_eq!(e.kind, YamlErrorKind::DuplicateKey);
        assert_eq!(e.position, Position::new(4, 3));
        assert!(
            e.message.contains("`b`") && e.message.contains("line 2"),
            "{}",
            e.message
        );
        let e = fail("{x: 1, x: 2}");
        assert_eq!(e.position, Position::new(1, 8));
        // The same key in sibling maps is fine.
        load("- b: 1\n- b: 2\n");
    }

    #[test]
    fn tabs_are_refused_in_indentation_only() {
        let e = fail("a:\n  \tb: 1\n");
        assert_eq!(e.kind, YamlErrorKind::TabIndent);
        assert_eq!(e.position, Position::new(2, 3));
        // Tabs inside block scalars, on blank lines, before comments and after content are fine.
        let doc = load("text: |\n  keep\n  \tindented\n\t\nnote: >-\n    x\n\t# c\nv: a\tb\n");
        assert_eq!(
            doc.value,
            json!({"text": "keep\n\tindented\n", "note": "x", "v": "a\tb"})
        );
        // A line back at the parent's indentation ends the block scalar.
        let e = fail("text: |\n  keep\n\tnext: 1\n");
        assert_eq!(e.position, Position::new(3, 1));
    }

    #[test]
    fn block_scalar_headers() {
        for yes in [
            "|", ">", "a: |", "- >-", "k: |+", "k: >2", "k: |2-", "k: |-1", "k: | # c",
        ] {
            assert!(opens_block_scalar(yes), "{yes}");
        }
        for no in ["a: b", "a: '|'x", "a: |x", "a: |++", "k: ||", "a: b>"] {
            assert!(!opens_block_scalar(no), "{no}");
        }
    }

    #[test]
    fn empty_documents() {
        for text in ["", "\n\n", "# c\n", "---\n", "--- # c\n...\n"] {
            let e = fail(text);
            assert_eq!(e.kind, YamlErrorKind::Empty, "{text:?}");
            assert_eq!(e.position, Position::new(1, 1));
        }
        assert_eq!(load("~\n").value, Value::Null);
        assert_eq!(load("--- []\n").value, json!([]));
    }

    #[test]
    fn utf8_checks_in_parse_bytes() {
        let e = parse_bytes(b"a: 1\nb: \xc3\xa9\xff\n", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::NotUtf8);
        assert_eq!(e.position, Position::new(2, 5));
        let e = parse_bytes(b"\xff\xfea\x00", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::ByteOrderMark);
        let e = parse_str("\u{feff}a: 1", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::ByteOrderMark);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let doc = load("émoji: 😀😀\nx: [ü, ß]\n");
        assert_eq!(doc.locations.value("/émoji"), at(1, 8));
        assert_eq!(doc.locations.value("/x/1"), at(2, 8));
    }

    #[test]
    fn crlf_line_breaks() {
        let doc = load("a: 1\r\nb:\r\n  - x\r\n");
        assert_eq!(doc.value, json!({"a": 1, "b": ["x"]}));
        assert_eq!(doc.locations.value("/b/0"), at(3, 5));
    }

    #[test]
    fn every_node_of_a_large_document_is_located() {
        let mut text = String::new();
        for i in 0..2000 {
            text.push_str(&format!("k{i}:\n  - [a, {{x/{i}: {i}}}]\n"));
        }
        let doc = load(&text);
        assert_eq!(doc.locations.len(), 1 + 2000 * 5);
        for i in 0..2000 {
            let line = 2 * i + 1;
            assert_eq!(doc.locations.key(&format!("/k{i}")), at(line, 1));
            assert_eq!(doc.locations.value(&format!("/k{i}/0/1")), at(line + 1, 9));
            let leaf = format!("/k{i}/0/1/x~1{i}");
            assert_eq!(doc.locations.key(&leaf), at(line + 1, 10));
            assert_eq!(doc.locations.value(&format!("/k{i}/0/1/x/{i}")), None);
        }
        assert_eq!(doc.locations.value("/k1/0/1/"), None);
        assert_eq!(doc.locations.value("k1"), None);
        assert_eq!(load("a: {\"\": 1}").locations.value("/a/"), at(1, 9));
    }
}
