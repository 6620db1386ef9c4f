//! `ropa show`: one activity, vendor or measure with its references resolved, as JSON or text.

use super::*;

/// An activity, vendor or measure `id` of the registers, as JSON with its references resolved:
/// recipients and transfers with their vendor, security measures with their entry, and for a
/// vendor or measure the activities that use it. Fails with the known ids when none has it.
pub fn show(registers: &[Register], id: &str) -> anyhow::Result<Value> {
    let mut found = Vec::new();
    for register in registers {
        if let Some(a) = register.activity(id) {
            found.push(show_activity(register, &a.item));
        }
        if let Some(v) = register.vendor(id) {
            found.push(show_vendor(register, &v.item));
        }
        if let Some(m) = register.measure(id) {
            let used_by: Vec<&str> = register
                .activities
                .iter()
                .filter(|a| a.item.security_measures.iter().any(|s| s == id))
                .map(|a| a.item.id.as_str())
                .collect();
            let mut value = json!({"kind": "measure"});
            merge(
                &mut value,
                serde_json::to_value(&m.item).unwrap_or_default(),
            );
            value["used_by"] = json!(used_by);
            found.push(value);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let ids: Vec<String> = registers
                .iter()
                .flat_map(|r| {
                    r.activities
                        .iter()
                        .map(|a| a.item.id.clone())
                        .chain(r.vendors.iter().map(|v| v.item.id.clone()))
                        .chain(r.measures.iter().map(|m| m.item.id.clone()))
                })
                .collect();
            bail!(
                "no activity, vendor or measure `{id}`{}",
                suggestion(id, &ids)
            )
        }
        n => bail!(
            "`{id}` names {n} items (an activity and a vendor, or items of several registers): give the register's folder"
        ),
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, from) {
        a.extend(b);
    }
}

fn show_activity(register: &Register, a: &Activity) -> Value {
    let mut value = json!({"kind": "activity"});
    merge(&mut value, serde_json::to_value(a).unwrap_or_default());
    let vendor_summary = |id: &str| {
        register.vendor(id).map(|v| {
            json!({
                "name": v.item.name,
                "role": yaml_name(&v.item.role),
                "service": v.item.service,
                "countries": vendor_countries(&v.item),
            })
        })
    };
    if let Some(Value::Array(recipients)) = value.get_mut("recipients") {
        for r in recipients {
            if let Some(id) = r.get("vendor").and_then(Value::as_str).map(str::to_string) {
                r["vendor_entry"] = vendor_summary(&id).unwrap_or(Value::Null);
            }
        }
    }
    if let Some(Value::Array(transfers)) = value.get_mut("transfers") {
        for t in transfers {
            if let Some(id) = t.get("vendor").and_then(Value::as_str).map(str::to_string) {
                t["vendor_entry"] = vendor_summary(&id).unwrap_or(Value::Null);
            }
        }
    }
    let measures: Vec<Value> = a
        .security_measures
        .iter()
        .map(|id| match register.measure(id) {
            Some(m) => json!({
                "id": id,
                "category": yaml_name(&m.item.category),
                "title": m.item.title,
                "description": m.item.description,
            }),
            None => json!({"id": id, "missing": true}),
        })
        .collect();
    value["security_measures"] = Value::Array(measures);
    let (last, due) = review_dates(register, a);
    value["review"] = json!({"last": last, "due": due});
    value
}

fn show_vendor(register: &Register, v: &Vendor) -> Value {
    let mut value = json!({"kind": "vendor"});
    merge(&mut value, serde_json::to_value(v).unwrap_or_default());
    let used_by: BTreeMap<&str, &str> = register
        .activities
        .iter()
        .filter(|a| activity_vendors(&a.item).contains(v.id.as_str()))
        .map(|a| (a.item.id.as_str(), a.item.name.as_str()))
        .collect();
    value["used_by"] = json!(used_by);
    value
}

/// A JSON value as indented `key: value` lines, for reading (nulls, empty lists and `false`
/// are left out).
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write_text(value, 0, &mut out);
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.replace('\n', " / "),
        other => other.to_string(),
    }
}

fn write_text(value: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter().filter(|(_, v)| !is_empty(v)) {
                match v {
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        write_text(v, indent + 1, out);
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter().filter(|v| !is_empty(v)) {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        let mut inner = String::new();
                        write_text(item, indent + 1, &mut inner);
                        // The first line of the item takes the dash.
                        let inner = inner.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                        out.push_str(&inner);
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let t = Table {
            headers: vec!["a", "b"],
            rows: vec![
                vec!["x, y".into(), "=SUM(A1)".into()],
                vec!["\"q\"".into(), "".into()],
            ],
        };
        assert_eq!(
            t.to_csv(),
            "a,b\r\n\"x, y\",'=SUM(A1)\r\n\"\"\"q\"\"\",\r\n"
        );
    }

    #[test]
    fn text_lists_nested_values() {
        let v = json!({"id": "a", "empty": [], "items": [{"x": 1, "y": "two"}, "z"]});
        assert_eq!(to_text(&v), "id: a\nitems:\n  - x: 1\n    y: two\n  - z\n");
    }
}
