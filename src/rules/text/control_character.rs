//! RP015 `control-character`: register text holds a control or bidirectional-control character.

use rayon::prelude::*;
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
        // Activities on every core, their findings in the activities' order.
        let found: Vec<Diagnostic> = r
            .activities
            .par_iter()
            .flat_map_iter(|a| {
                let mut found = Vec::new();
                scan_item(a, Some(&a.item.id), &mut found);
                found
            })
            .collect();
        out.extend(found);
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

/// Whether `item` may hold a hidden character in a key or a value: it is serialised as JSON to
/// nowhere, through a formatter that looks only at the text of strings (the most common case,
/// no hidden character, then costs no JSON bytes and no copy of the item).
fn may_hold_hidden<T: Serialize>(item: &T) -> bool {
    let mut serializer = serde_json::Serializer::with_formatter(std::io::sink(), Lookout);
    // A hidden character stops the serialisation with an error, as does any other failure:
    // either way the item is looked at closely.
    item.serialize(&mut serializer).is_err()
}

/// A JSON formatter that writes nothing of its own and fails at the first hidden character:
/// serde_json hands it each string's text in fragments, and escapes for the characters it
/// escapes (a control character arrives as its escape, never as a fragment).
struct Lookout;

impl serde_json::ser::Formatter for Lookout {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if controls::may_hide(fragment, false) && fragment.contains(controls::is_hidden) {
            return Err(std::io::Error::other("hidden character"));
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        match escape {
            // A quote, a backslash, a tab or a line feed is ordinary text.
            CharEscape::Quote
            | CharEscape::ReverseSolidus
            | CharEscape::Tab
            | CharEscape::LineFeed => Ok(()),
            _ => Err(std::io::Error::other("hidden character")),
        }
    }
}

/// Call `found` with the pointer of every string of `value`, keys included, in one pass.
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

    /// Exactly the hidden characters stop the look, wherever they stand in a string, in keys
    /// and in values: every Unicode scalar value is tried.
    #[test]
    fn the_quick_look_flags_every_hidden_character_and_no_other() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let mut map = std::collections::BTreeMap::new();
            map.insert("k", text.as_str());
            let hidden = crate::controls::is_hidden(c);
            assert_eq!(
                may_hold_hidden(&map),
                hidden,
                "U+{:04X} in a value",
                u32::from(c)
            );
            let mut map = std::collections::BTreeMap::new();
            map.insert(text.as_str(), 1);
            assert_eq!(
                may_hold_hidden(&map),
                hidden,
                "U+{:04X} in a key",
                u32::from(c)
            );
        }
    }
}
