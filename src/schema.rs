//! JSON Schemas of the register files, generated from the model, and the validators built from
//! them. The same schemas are published in schemas/ for editors and used by `ropa check`.

use std::sync::OnceLock;

use serde_json::Value;

use crate::model::{Activity, MeasuresFile, RegisterFile, VendorsFile};

/// The kinds of file a register holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `ropa.yaml`.
    Register,
    /// `vendors.yaml`.
    Vendors,
    /// `measures.yaml`.
    Measures,
    /// `activities/*.yaml`.
    Activity,
}

impl FileKind {
    /// Every kind, in the order schemas are written.
    pub const ALL: [FileKind; 4] = [
        FileKind::Register,
        FileKind::Vendors,
        FileKind::Measures,
        FileKind::Activity,
    ];

    /// File name of the published schema, e.g. `activity.schema.json`.
    pub fn schema_file_name(self) -> &'static str {
        match self {
            FileKind::Register => "register.schema.json",
            FileKind::Vendors => "vendors.schema.json",
            FileKind::Measures => "measures.schema.json",
            FileKind::Activity => "activity.schema.json",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The JSON Schema of a kind of file, generated from the model.
pub fn json_schema(kind: FileKind) -> Value {
    let mut schema = match kind {
        FileKind::Register => schemars::schema_for!(RegisterFile),
        FileKind::Vendors => schemars::schema_for!(VendorsFile),
        FileKind::Measures => schemars::schema_for!(MeasuresFile),
        FileKind::Activity => schemars::schema_for!(Activity),
    }
    .to_value();
    if let Value::Object(map) = &mut schema {
        map.insert(
            "$id".into(),
            Value::String(format!(
                "https://ropa.dev/schemas/{}",
                kind.schema_file_name()
            )),
        );
    }
    schema
}

/// The schema as the pretty-printed text committed in schemas/ (with a final newline).
pub fn schema_text(kind: FileKind) -> String {
    let mut text = serde_json::to_string_pretty(&json_schema(kind)).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of a kind of file, generated once per run.
pub fn json_schema_cached(kind: FileKind) -> &'static Value {
    static SCHEMAS: OnceLock<Vec<Value>> = OnceLock::new();
    &SCHEMAS.get_or_init(|| FileKind::ALL.iter().map(|&k| json_schema(k)).collect())[kind.index()]
}

/// The compiled validator of a kind of file, built once.
// Build-time data: the schemas are generated from our own types (see the comment below).
#[allow(clippy::expect_used)]
pub fn validator(kind: FileKind) -> &'static jsonschema::Validator {
    static VALIDATORS: OnceLock<Vec<jsonschema::Validator>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        FileKind::ALL
            .iter()
            .map(|&k| {
                jsonschema::options()
                    .should_validate_formats(true)
                    .build(json_schema_cached(k))
                    // The schemas are generated from our own types; a failure is a bug that the
                    // test suite catches on every kind.
                    .expect("generated schema compiles")
            })
            .collect()
    });
    &all[kind.index()]
}

/// The sub-schema that describes the node at `pointer` of an instance, following `$ref`,
/// `properties`, `items`, `additionalProperties` and the first object branch of `anyOf`/`oneOf`.
pub fn schema_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = resolve(root, root)?;
    for segment in pointer.split('/').skip(1) {
        let segment = crate::yaml::unescape(segment);
        node = object_branch(root, node)?;
        node = if let Some(p) = node.get("properties").and_then(|p| p.get(segment.as_ref())) {
            p
        } else if let Some(items) = node.get("items") {
            items
        } else {
            node.get("additionalProperties").filter(|v| v.is_object())?
        };
        node = resolve(root, node)?;
    }
    object_branch(root, node).or(Some(node))
}

/// The property names a schema node allows, sorted.
pub fn allowed_properties(node: &Value) -> Vec<String> {
    let mut names: Vec<String> = node
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// The constant values a schema node allows (`enum`, or `oneOf` of `const`s), if it is such a list.
pub fn allowed_values(root: &Value, node: &Value) -> Vec<String> {
    let node = resolve(root, node).unwrap_or(node);
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            let mut out = Vec::new();
            for b in branches {
                let b = resolve(root, b).unwrap_or(b);
                if let Some(c) = b.get("const").and_then(Value::as_str) {
                    out.push(c.to_string());
                } else if let Some(e) = b.get("enum").and_then(Value::as_array) {
                    out.extend(e.iter().filter_map(|v| v.as_str().map(str::to_string)));
                } else if b.get("type").and_then(Value::as_str) == Some("null") {
                    continue;
                } else {
                    let nested = allowed_values(root, b);
                    if nested.is_empty() {
                        return Vec::new();
                    }
                    out.extend(nested);
                }
            }
            return out;
        }
    }
    Vec::new()
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    let mut node = node;
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let path = r.strip_prefix('#')?;
                node = root.pointer(path)?;
            }
            None => return Some(node),
        }
    }
    None
}

fn object_branch<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    let node = resolve(root, node)?;
    if node.get("properties").is_some() || node.get("items").is_some() {
        return Some(node);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = node.get(key).and_then(Value::as_array) {
            for b in branches {
                if let Some(found) = object_branch(root, b) {
                    return Some(found);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles() {
        for kind in FileKind::ALL {
            let _ = validator(kind);
        }
    }

    #[test]
    fn schema_at_follows_refs_and_items() {
        let root = json_schema(FileKind::Activity);
        let node = schema_at(&root, "/retention/0/periods/1").expect("found");
        let names = allowed_properties(node);
        assert!(names.contains(&"duration".to_string()), "{names:?}");
        let basis = schema_at(&root, "/purposes/0/legal_basis").expect("found");
        let values = allowed_values(&root, basis);
        assert!(
            values.contains(&"legitimate_interests".to_string()),
            "{values:?}"
        );
    }
}
