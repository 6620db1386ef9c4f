//! Field-by-field differences between two JSON values, by path.

use super::*;

/// The fields that differ between two JSON values, by path. Lists whose items all have an `id`
/// are matched by id; other lists of mappings by position; lists of plain values as a whole.
pub fn diff_values(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
            for k in keys {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                diff_values(
                    &child,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if has_ids(a) && has_ids(b) => {
            diff_by_id(path, a, b, out);
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(Value::is_object) => {
            diff_by_content(path, a, b, out);
        }
        // A list that appears or disappears is reported whole, not item by item.
        _ => {
            let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
            if empty(before) && empty(after) {
                return;
            }
            out.push(FieldChange {
                path: path.to_string(),
                before: before.clone(),
                after: after.clone(),
            });
        }
    }
}

/// Lists whose items all have an `id`: items matched by id.
fn diff_by_id(path: &str, a: &[Value], b: &[Value], out: &mut Vec<FieldChange>) {
    let id = |v: &Value| {
        v.get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let old: HashMap<String, &Value> = a.iter().map(|v| (id(v), v)).collect();
    let new: HashMap<String, &Value> = b.iter().map(|v| (id(v), v)).collect();
    for v in b {
        let k = id(v);
        diff_values(
            &format!("{path}[{k}]"),
            old.get(&k).copied().unwrap_or(&Value::Null),
            v,
            out,
        );
    }
    for v in a.iter().filter(|v| !new.contains_key(&id(v))) {
        diff_values(&format!("{path}[{}]", id(v)), v, &Value::Null, out);
    }
}

/// Lists of mappings without ids: items found unchanged on both sides are left alone, wherever
/// they moved; the others pair up in order (a changed item), the rest are added or removed.
/// Paths give the position in the newer list (in the older one for a removed item).
fn diff_by_content(path: &str, a: &[Value], b: &[Value], out: &mut Vec<FieldChange>) {
    // Items found unchanged on both sides are left alone, wherever they moved; the
    // others pair up in order (a changed item), the rest are added or removed. Paths
    // give the position in the newer list (in the older one for a removed item).
    let mut unchanged: HashMap<String, usize> = HashMap::new();
    for v in a {
        *unchanged.entry(v.to_string()).or_default() += 1;
    }
    let mut added: Vec<usize> = Vec::new();
    for (i, v) in b.iter().enumerate() {
        match unchanged.get_mut(&v.to_string()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(i),
        }
    }
    let mut removed: Vec<usize> = Vec::new();
    for (i, v) in a.iter().enumerate() {
        if let Some(n) = unchanged.get_mut(&v.to_string())
            && *n > 0
        {
            *n -= 1;
            removed.push(i);
        }
    }
    for k in 0..added.len().max(removed.len()) {
        let (before, after, at) = match (removed.get(k), added.get(k)) {
            (Some(&r), Some(&n)) => (&a[r], &b[n], n),
            (None, Some(&n)) => (&Value::Null, &b[n], n),
            (Some(&r), None) => (&a[r], &Value::Null, r),
            (None, None) => continue,
        };
        diff_values(&format!("{path}[{at}]"), before, after, out);
    }
}

fn has_ids(items: &[Value]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|v| v.get("id").is_some_and(Value::is_string))
}

/// A value in a line of text: plain for text and numbers, flow YAML-like for the rest.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) => s.replace('\n', " "),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k}: {}", value_text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_by_path_lists_by_id() {
        let a = json!({"name": "A", "cats": [{"id": "x", "n": 1}, {"id": "y", "n": 2}], "ops": ["a"], "p": [{"b": 1}]});
        let b = json!({"name": "B", "cats": [{"id": "y", "n": 3}, {"id": "z", "n": 4}], "ops": ["a", "b"], "p": [{"b": 2}]});
        let mut out = Vec::new();
        diff_values("", &a, &b, &mut out);
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["name", "cats[y].n", "cats[z]", "cats[x]", "ops", "p[0].b"]
        );
        assert_eq!(out[3].after, Value::Null);
    }

    #[test]
    fn items_without_ids_that_did_not_change_are_not_reported_when_others_move() {
        let a = json!({"r": [{"k": "a"}, {"k": "b", "v": 1}, {"k": "c"}]});
        let b = json!({"r": [{"k": "a"}, {"k": "b", "v": 2}, {"k": "x"}, {"k": "c"}]});
        let mut out = Vec::new();
        diff_values("", &a, &b, &mut out);
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["r[1].v", "r[2]"]);
        assert_eq!(out[1].before, Value::Null);
    }

    #[test]
    fn absent_and_empty_lists_are_the_same() {
        let mut out = Vec::new();
        diff_values("", &json!({"a": []}), &json!({}), &mut out);
        assert!(out.is_empty());
    }
}
