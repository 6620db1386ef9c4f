//! Writing a register file as YAML, with comments: the importer's notes on values it could not
//! place stand on the line above the field they concern.

use std::collections::BTreeMap;

use serde_json::Value;

/// Comments to write above fields, by JSON pointer (`""` for the top of the file).
pub type Comments = BTreeMap<String, Vec<String>>;

/// `value` (an object) as YAML, with `header` lines as comments at the top and `comments` above
/// the fields they point at.
pub fn to_yaml(value: &Value, header: &[String], comments: &Comments) -> String {
    let mut out = String::new();
    for line in header {
        comment(&mut out, 0, line);
    }
    for line in comments.get("").into_iter().flatten() {
        comment(&mut out, 0, line);
    }
    if let Value::Object(map) = value {
        mapping(&mut out, map, 0, "", comments, false);
    }
    out
}

fn comment(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        out.push_str(&" ".repeat(indent));
        out.push_str("# ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// A mapping's entries at `indent`; with `in_item`, the first entry follows a `- ` already written.
fn mapping(
    out: &mut String,
    map: &serde_json::Map<String, Value>,
    indent: usize,
    pointer: &str,
    comments: &Comments,
    in_item: bool,
) {
    for (i, (key, v)) in map.iter().enumerate() {
        let mut here = format!("{pointer}/");
        crate::yaml::push_escaped(&mut here, key);
        let first_in_item = in_item && i == 0;
        if let Some(lines) = comments.get(&here) {
            if first_in_item {
                // A comment cannot stand between `- ` and the first key: put it after.
                out.push('\n');
                for line in lines {
                    comment(out, indent, line);
                }
                out.push_str(&" ".repeat(indent));
            } else {
                for line in lines {
                    comment(out, indent, line);
                }
            }
        }
        if !first_in_item {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&scalar_key(key));
        out.push(':');
        value(out, v, indent, &here, comments);
    }
}

fn value(out: &mut String, v: &Value, indent: usize, pointer: &str, comments: &Comments) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            mapping(out, map, indent + 2, pointer, comments, false);
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            for (i, item) in items.iter().enumerate() {
                let here = format!("{pointer}/{i}");
                for line in comments.get(&here).into_iter().flatten() {
                    comment(out, indent + 2, line);
                }
                out.push_str(&" ".repeat(indent + 2));
                out.push_str("- ");
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        mapping(out, map, indent + 4, &here, comments, true);
                    }
                    other => {
                        out.push_str(&scalar(other));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Array(_) => out.push_str(" []\n"),
        other => {
            out.push(' ');
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn scalar_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.is_empty()
    {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// A scalar: plain when YAML reads it back as the same string, else double-quoted.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if plain_ok(s) => s.clone(),
        Value::String(s) => quoted(s),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn quoted(s: &str) -> String {
    // A JSON string is a YAML 1.2 double-quoted scalar.
    serde_json::to_string(s).unwrap_or_default()
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if is_date(s) {
        return true;
    }
    first.is_alphabetic()
        && s.trim() == s
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s
            .chars()
            .any(|c| c.is_control() || "{}[],&*!|>'\"%@`#".contains(c) || c == '\u{feff}')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        )
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_nested_yaml_with_comments_that_reads_back() {
        let value = json!({
            "id": "a",
            "name": "Paie: salariés # 1",
            "created": "2024-01-31",
            "purposes": [{"description": "Payer", "legal_basis": "contract"}, {"description": "yes"}],
            "empty": [],
            "nested": {"x": "line\nbreak", "n": 3, "b": true}
        });
        let mut comments = Comments::new();
        comments.insert(
            "/purposes/0/legal_basis".into(),
            vec!["review: basis guessed".into()],
        );
        comments.insert(
            "/purposes/1/description".into(),
            vec!["first key of an item".into()],
        );
        comments.insert("/name".into(), vec!["from column B".into()]);
        let text = to_yaml(&value, &["Imported".into()], &comments);
        assert!(text.starts_with("# Imported\n"), "{text}");
        assert!(
            text.contains("    # review: basis guessed\n    legal_basis: contract\n"),
            "{text}"
        );
        let doc = crate::yaml::parse_str(&text, &crate::yaml::Limits::default())
            .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(doc.value, value, "{text}");
    }
}
