//! RP015 `control-character`: register text holds a control or bidirectional-control character.

use serde::Serialize;
use serde_json::Value;

use crate::controls;
use crate::diagnostics::Diagnostic;
use crate::model::Sourced;
use crate::rules::{Context, Rule};

declare_rule! {
    /// The check behind [`crate::catalogue::text::CONTROL_CHARACTER`], which holds its documentation.
    pub struct ControlCharacter = crate::catalogue::text::CONTROL_CHARACTER;
}

impl Rule for ControlCharacter {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let r = ctx.register;
        scan_item(&r.config, None, out);
        for v in &r.vendors {
            scan_item(v, None, out);
        }
        for m in &r.measures {
            scan_item(m, None, out);
        }
        for a in &r.activities {
            scan_item(a, Some(&a.item.id), out);
        }
    }
}

/// Report each text of one item that holds a hidden character.
fn scan_item<T: Serialize>(item: &Sourced<T>, activity: Option<&str>, out: &mut Vec<Diagnostic>) {
    if !may_hold_hidden(&item.item) {
        return;
    }
    // The model serialises to the shape it was read from: its pointers are the file's.
    let Ok(value) = serde_json::to_value(&item.item) else {
        return;
    };
    let mut pointer = item.pointer.clone();
    walk(&value, &mut pointer, &mut |pointer, text| {
        let mut hidden = text.chars().filter(|c| controls::is_hidden(*c));
        let Some(first) = hidden.next() else {
            return;
        };
        let others = hidden.count();
        let more = match others {
            0 => String::new(),
            1 => ", and 1 other control or bidirectional character".to_string(),
            n => format!(", and {n} other control or bidirectional characters"),
        };
        let field = if pointer.is_empty() { "/" } else { pointer };
        let mut d = ControlCharacter::META
            .diagnostic(format!(
                "`{field}` holds {}{more}",
                controls::describe(first)
            ))
            .at(item.file.clone(), pointer.to_string())
            .help("delete the character (or the `\\u…`, `\\e`, `\\a` escape that writes it): it can hide or reorder text for whoever reads the register, and act on a terminal");
        if let Some(id) = activity {
            d = d.activity(id.to_string());
        }
        out.push(d);
    });
}

/// Call `found` with the pointer of every string of `value`, keys included, in one pass.
/// Whether any text or key of `item` may hold a hidden character: its JSON text has every key
/// and string, with the control characters escaped (so behind a backslash) and the others as
/// they are. Most items have none, and writing JSON costs a fraction of building the value
/// tree that locates them.
fn may_hold_hidden<T: Serialize>(item: &T) -> bool {
    thread_local! {
        static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    JSON.with_borrow_mut(|json| {
        json.clear();
        if serde_json::to_writer(&mut *json, item).is_err() {
            return true;
        }
        hidden_in_json(json)
    })
}

/// Whether JSON text written by serde_json holds a hidden character: a control character is
/// escaped behind a backslash (only tab and line feed, `\t` and `\n`, are not hidden); DEL and
/// the other hidden characters are written as they are. Bytes are looked at one by one, and a
/// character decoded only where a byte is not ASCII.
fn hidden_in_json(json: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        i += match b {
            b'\\' if matches!(json.get(i + 1), Some(b'n' | b't' | b'"' | b'\\')) => 2,
            b'\\' | 0x7f => return true,
            0..0x80 => 1,
            _ => {
                // A character is at most 4 bytes: decode those, not the rest of the text.
                let head = json.get(i..json.len().min(i + 4)).unwrap_or_default();
                let valid = match std::str::from_utf8(head) {
                    Ok(text) => text,
                    Err(e) => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or_default())
                        .unwrap_or_default(),
                };
                match valid.chars().next() {
                    Some(c) if !controls::is_hidden(c) => c.len_utf8(),
                    _ => return true,
                }
            }
        };
    }
    false
}

fn walk(value: &Value, pointer: &mut String, found: &mut dyn FnMut(&str, &str)) {
    let len = pointer.len();
    match value {
        Value::String(text) => found(pointer, text),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{i}"));
                walk(item, pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                found(pointer, key);
                walk(item, pointer, found);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::may_hold_hidden;

    /// The quick look lets no hidden character through: escaped controls, DEL, C1 controls and
    /// bidirectional controls, in keys and in values; it passes plain and accented text.
    #[test]
    fn the_quick_look_misses_no_hidden_character() {
        for hidden in [
            "\u{1b}[2J",
            "a\u{7f}",
            "\u{85}",
            "x\u{202e}y",
            "\u{200f}",
            "\r",
            "é\u{2066}",
        ] {
            let mut map = std::collections::BTreeMap::new();
            map.insert("name", hidden);
            assert!(may_hold_hidden(&map), "{hidden:?} as a value");
            let mut map = std::collections::BTreeMap::new();
            map.insert(hidden, "name");
            assert!(may_hold_hidden(&map), "{hidden:?} as a key");
        }
        for plain in [
            "Payroll",
            "Données de santé",
            "tab\tand\nline",
            "日本",
            "quote \" and \\",
        ] {
            assert!(!may_hold_hidden(&vec![plain]), "{plain:?}");
        }
    }
}
