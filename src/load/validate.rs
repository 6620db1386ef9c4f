//! Schema findings: a file's JSON Schema errors as diagnostics that name the item and field at
//! fault (`vendors[2] (id: aws): missing required field `service``), with a located position and
//! a help that says what to write.

use std::path::Path;

use serde_json::Value;

use crate::catalogue::loading;
use crate::diagnostics::Diagnostic;
use crate::schema::{self, FileKind};
use crate::yaml::{self, Locations};

/// One schema finding and the JSON pointer of the node it is about (for an unknown field, the
/// key's pointer).
pub(super) struct SchemaError {
    pub pointer: String,
    pub diagnostic: Diagnostic,
}

/// The schema errors of a file's value, in the schema's order; none when the file is valid.
pub(super) fn schema_errors(
    kind: FileKind,
    value: &Value,
    path: &Path,
    locations: &Locations,
) -> Vec<SchemaError> {
    let validator = schema::validator(kind);
    // Most files are valid: the boolean check is much cheaper than collecting located errors.
    if validator.is_valid(value) {
        return Vec::new();
    }
    let root = schema::json_schema_cached(kind);
    let mut errors = Vec::new();
    for error in validator.iter_errors(value) {
        expand(error.to_owned(), value, &mut errors);
    }
    let mut out = Vec::new();
    for error in errors {
        let pointer = error.instance_path().as_str().to_string();
        match error.kind() {
            jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                let allowed = schema::schema_at(root, &pointer)
                    .map(schema::allowed_properties)
                    .unwrap_or_default();
                for key in unexpected {
                    let mut key_pointer = format!("{pointer}/");
                    yaml::push_escaped(&mut key_pointer, key);
                    let position = locations
                        .key(&key_pointer)
                        .unwrap_or_else(|| locations.find(&pointer));
                    let mut help = crate::suggest::did_you_mean(key, &allowed);
                    help.push_str(&format!("expected one of: {}", allowed.join(", ")));
                    let place = Place::of(&pointer, value);
                    let message = place.prefixed(format!("unknown field `{key}`"));
                    out.push(SchemaError {
                        pointer: key_pointer,
                        diagnostic: Diagnostic::new(&loading::UNKNOWN_FIELD, message)
                            .at_position(path, position)
                            .help(help),
                    });
                }
            }
            other => {
                let (message, help) = describe(root, &pointer, value, other, &error.to_string());
                let message = Place::of(&pointer, value).prefixed(message);
                let position = locations.find(&pointer);
                let mut d = Diagnostic::new(&loading::SCHEMA_VIOLATION, message)
                    .at(path, pointer.clone())
                    .help(help);
                d.position = Some(position);
                out.push(SchemaError {
                    pointer,
                    diagnostic: d,
                });
            }
        }
    }
    out
}

/// The errors to report for one validation error. An optional field's schema is `anyOf` its
/// type and `null`: when the value is not null, the null branch says nothing useful, so the
/// errors of the other branch are reported instead (found the same way, for nested options).
/// Without this a typo inside `dpo:` or `dpia:` would be reported as the whole block failing
/// `anyOf`, with no field name, no "did you mean" and the block's position.
fn expand(
    error: jsonschema::ValidationError<'static>,
    instance: &Value,
    out: &mut Vec<jsonschema::ValidationError<'static>>,
) {
    use jsonschema::error::{TypeKind, ValidationErrorKind as K};
    let pointer = error.instance_path().as_str().to_string();
    let not_null = instance.pointer(&pointer).is_some_and(|v| !v.is_null());
    let branches = match error.kind() {
        K::AnyOf { context } | K::OneOfNotValid { context } if not_null => context,
        _ => {
            out.push(error);
            return;
        }
    };
    let is_null_branch = |branch: &Vec<jsonschema::ValidationError<'static>>| {
        !branch.is_empty()
            && branch.iter().all(|e| {
                e.instance_path().as_str() == pointer
                    && matches!(
                        e.kind(),
                        K::Type {
                            kind: TypeKind::Single(jsonschema::JsonType::Null)
                        }
                    )
            })
    };
    let mut others = branches
        .iter()
        .enumerate()
        .filter(|(_, b)| !is_null_branch(b))
        .map(|(i, _)| i);
    let only = match (others.next(), others.next()) {
        (Some(only), None) if branches.len() > 1 => only,
        _ => {
            out.push(error);
            return;
        }
    };
    if let K::AnyOf { context } | K::OneOfNotValid { context } = error.into_parts().kind {
        for e in context.into_iter().nth(only).unwrap_or_default() {
            expand(e, instance, out);
        }
    }
}

/// A clearer message and help for a schema error, about the field named by `pointer` (the
/// caller names the entry that holds it).
fn describe(
    root: &Value,
    pointer: &str,
    instance: &Value,
    kind: &jsonschema::error::ValidationErrorKind,
    fallback: &str,
) -> (String, String) {
    use jsonschema::error::ValidationErrorKind as K;
    let field = pointer.rsplit('/').next().filter(|s| !s.is_empty());
    let place = Place::of(pointer, instance);
    let what = match &place.field {
        Some(f) => format!("`{f}`"),
        None if place.item.is_some() => "the entry".to_string(),
        None => "the file".to_string(),
    };
    let allowed = schema::schema_at(root, pointer)
        .map(|node| schema::allowed_values(root, node))
        .unwrap_or_default();
    let actual = instance.pointer(pointer);
    match kind {
        K::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let within = match &place.field {
                Some(f) => format!(" in `{f}`"),
                None => String::new(),
            };
            (
                format!("missing required field `{name}`{within}"),
                format!("add `{name}:` here"),
            )
        }
        K::OneOfNotValid { .. } | K::AnyOf { .. } | K::Enum { .. } | K::Constant { .. }
            if !allowed.is_empty() =>
        {
            not_allowed(actual, &allowed, &what)
        }
        K::Type { kind: expected } => (
            format!("{what} has the wrong type: found {}", type_name(actual)),
            wrong_type_help(expected, field.is_some(), fallback),
        ),
        K::Format { format } => (
            format!("{what} is not a valid {format}"),
            format_help(format, fallback),
        ),
        K::MinLength { .. } => (
            format!("{what} is empty"),
            "write it out: an empty text records nothing".to_string(),
        ),
        K::Pattern { pattern } => (
            format!("{what} does not match the expected pattern `{pattern}`"),
            pattern_help(pattern),
        ),
        _ => (
            fallback.to_string(),
            "see the JSON Schema in schemas/ for what is expected".to_string(),
        ),
    }
}

/// The message and help for a value outside the allowed ones, suggesting the closest.
fn not_allowed(actual: Option<&Value>, allowed: &[String], what: &str) -> (String, String) {
    let got = actual
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
        .unwrap_or_default();
    let mut help = actual
        .and_then(Value::as_str)
        .map(|s| crate::suggest::did_you_mean(s, allowed))
        .unwrap_or_default();
    help.push_str(&format!("expected one of: {}", allowed.join(", ")));
    (format!("`{got}` is not a valid value for {what}"), help)
}

/// What a value is, in words: "a list", "nothing (null)".
fn type_name(actual: Option<&Value>) -> &'static str {
    match actual {
        Some(Value::Null) => "nothing (null)",
        Some(Value::Bool(_)) => "a boolean",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "a string",
        Some(Value::Array(_)) => "a list",
        Some(Value::Object(_)) => "a mapping",
        None => "a value",
    }
}

/// How to write a value of the expected type; `in_field` is false for the file itself.
fn wrong_type_help(
    expected: &jsonschema::error::TypeKind,
    in_field: bool,
    fallback: &str,
) -> String {
    use jsonschema::JsonType as T;
    let expects = |t: T| match expected {
        jsonschema::error::TypeKind::Single(one) => *one == t,
        jsonschema::error::TypeKind::Multiple(set) => set.contains(t),
    };
    if !in_field {
        "the file must be a mapping of `key: value` lines; see schemas/ for what it may hold"
            .to_string()
    } else if expects(T::String) {
        format!("{fallback}; quote the value if it should be text")
    } else if expects(T::Boolean) {
        "write `true` or `false`; in YAML 1.2 `yes`, `no`, `on` and `off` are text, not booleans"
            .to_string()
    } else if expects(T::Integer) || expects(T::Number) {
        "write a number, without quotes".to_string()
    } else if expects(T::Object) {
        "write a mapping (`key: value` lines, indented below the key) here".to_string()
    } else if expects(T::Array) {
        "write a list here: `- item` lines indented below the key, or `[a, b]`".to_string()
    } else {
        fallback.to_string()
    }
}

/// How to write a value of a string format (date, e-mail, URI).
fn format_help(format: &str, fallback: &str) -> String {
    match format {
        "date" => "write a real calendar date as YYYY-MM-DD, e.g. 2024-03-14".to_string(),
        "email" => {
            "write a plain address such as dpo@example.org: no quotes, spaces or angle brackets"
                .to_string()
        }
        "uri" => {
            "write the full address, starting with https://, without spaces or quotes".to_string()
        }
        _ => fallback.to_string(),
    }
}

/// The help for a value that does not match a schema pattern.
fn pattern_help(pattern: &str) -> String {
    if pattern.contains("A-Z]{2}") {
        "use an ISO 3166-1 alpha-2 country code in capitals, e.g. FR, US, NO".to_string()
    } else if pattern.contains("a-z0-9") {
        "use lower-case letters, digits and dashes, e.g. `customer-accounts`".to_string()
    } else {
        format!("the value must match {pattern}")
    }
}
/// Where a node is, in words: the list entry that holds it (`vendors[2] (id: aws)`), and its
/// field inside that entry (`role`, `data_categories[4]`). Messages name entries this way
/// rather than by a bare index.
struct Place {
    /// The innermost list entry that is a mapping, with its id when it has one.
    item: Option<String>,
    /// The path from that entry (or the file's root) to the node; `None` for the entry itself.
    field: Option<String>,
}

impl Place {
    fn of(pointer: &str, instance: &Value) -> Place {
        let segments: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        // The last segment that indexes a list entry which is a mapping.
        let mut node = instance;
        let mut item_end = None;
        let mut item_id = None;
        for (i, segment) in segments.iter().enumerate() {
            node = match node {
                Value::Array(items) => {
                    match segment.parse::<usize>().ok().and_then(|n| items.get(n)) {
                        Some(next) => {
                            if let Value::Object(map) = next {
                                item_end = Some(i + 1);
                                item_id = map.get("id").and_then(Value::as_str);
                            }
                            next
                        }
                        None => break,
                    }
                }
                Value::Object(map) => match map.get(segment) {
                    Some(next) => next,
                    None => break,
                },
                _ => break,
            };
        }
        let item = item_end.map(|end| {
            let path = path_text(&segments[..end]);
            match item_id {
                Some(id) => format!("{path} (id: {id})"),
                None => path,
            }
        });
        let rest = &segments[item_end.unwrap_or(0)..];
        let field = (!rest.is_empty()).then(|| path_text(rest));
        Place { item, field }
    }

    /// The message, after the entry it is about.
    fn prefixed(&self, message: String) -> String {
        match &self.item {
            Some(item) => format!("{item}: {message}"),
            None => message,
        }
    }
}

/// Pointer segments as a path: `vendors[2].contact`.
fn path_text(segments: &[String]) -> String {
    let mut out = String::new();
    for segment in segments {
        if segment.parse::<usize>().is_ok() && !out.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn places_name_the_entry_by_index_and_id() {
        let value = json!({
            "vendors": [{"id": "a"}, {"id": "aws", "contact": {"email": "x"}}, {"name": "n"}],
            "data_categories": ["x", "y"],
        });
        let place = Place::of("/vendors/1/contact/email", &value);
        assert_eq!(place.item.as_deref(), Some("vendors[1] (id: aws)"));
        assert_eq!(place.field.as_deref(), Some("contact.email"));
        let place = Place::of("/vendors/2", &value);
        assert_eq!(place.item.as_deref(), Some("vendors[2]"));
        assert_eq!(place.field, None);
        let place = Place::of("/data_categories/1", &value);
        assert_eq!(place.item, None);
        assert_eq!(place.field.as_deref(), Some("data_categories[1]"));
        assert_eq!(
            Place::of("/vendors/1/role", &value).prefixed("bad".into()),
            "vendors[1] (id: aws): bad"
        );
    }
}
