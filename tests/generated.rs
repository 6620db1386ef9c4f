//! Generated files stay in step with the code: the JSON Schemas in schemas/ and the rule
//! reference in src/rules/REFERENCE.md. Regenerate with `cargo run -- schema --out schemas` and
//! `cargo run -- rules --markdown > src/rules/REFERENCE.md`.

use std::path::Path;

use ropa::schema::{FileKind, schema_text};

#[test]
fn schemas_are_up_to_date() {
    for kind in FileKind::ALL {
        let path = Path::new("schemas").join(kind.schema_file_name());
        let committed =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            committed == schema_text(kind),
            "{} is stale: run `cargo run -- schema --out schemas` and commit the result",
            path.display()
        );
    }
}

#[test]
fn rule_reference_is_up_to_date() {
    let committed = std::fs::read_to_string("src/rules/REFERENCE.md").expect("REFERENCE.md");
    assert!(
        committed == ropa::rules::reference_markdown(),
        "src/rules/REFERENCE.md is stale: run `cargo run -- rules --markdown > src/rules/REFERENCE.md`"
    );
}

#[test]
fn register_files_name_their_schema_for_editors() {
    let mut checked = 0;
    for register in std::fs::read_dir("registers").expect("registers/") {
        let root = register.unwrap().path();
        if !root.is_dir() {
            continue;
        }
        let mut files = vec![
            (root.join("ropa.yaml"), FileKind::Register, "../../schemas/"),
            (
                root.join("vendors.yaml"),
                FileKind::Vendors,
                "../../schemas/",
            ),
            (
                root.join("measures.yaml"),
                FileKind::Measures,
                "../../schemas/",
            ),
        ];
        if let Ok(entries) = std::fs::read_dir(root.join("activities")) {
            for e in entries {
                files.push((e.unwrap().path(), FileKind::Activity, "../../../schemas/"));
            }
        }
        for (path, kind, prefix) in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let expected = format!(
                "# yaml-language-server: $schema={prefix}{}",
                kind.schema_file_name()
            );
            assert_eq!(
                text.lines().next(),
                Some(expected.as_str()),
                "{} must start with the schema comment",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no register files found");
}
