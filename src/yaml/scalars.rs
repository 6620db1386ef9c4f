//! YAML 1.2 core-schema scalars: plain text resolved to null, booleans, integers and floats.

use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Number, Value};

/// Resolve a scalar by the YAML 1.2 core schema: tags first, then quoted styles are strings,
/// then plain scalars by their text.
pub(super) fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            let bad =
                |what: &str| format!("`{text}` is not {what}, as its tag !!{} says", tag.suffix);
            return match tag.suffix.as_str() {
                "str" => Ok(Value::String(text.to_owned())),
                "null" => Ok(Value::Null),
                "bool" => parse_bool(text)
                    .map(Value::Bool)
                    .ok_or_else(|| bad("a boolean")),
                "int" => parse_int(text).ok_or_else(|| bad("an integer")),
                "float" => parse_int(text)
                    .or_else(|| parse_float(text))
                    .ok_or_else(|| bad("a number")),
                // `!!binary`, `!!timestamp`, `!!set` on a scalar...: a register holds none.
                _ => Err(unsupported_tag(tag)),
            };
        }
        // The non-specific tag `!` makes a string; any other tag (`!custom`) would be silently
        // dropped, so it is refused.
        if (tag.handle.is_empty() && tag.suffix == "!")
            || (tag.handle == "!" && tag.suffix.is_empty())
        {
            return Ok(Value::String(text.to_owned()));
        }
        return Err(unsupported_tag(tag));
    }
    // A copy the size of the text: the parser's own buffer has room to spare, which the
    // register would keep for as long as it is loaded.
    if style != ScalarStyle::Plain {
        return Ok(Value::String(text.to_owned()));
    }
    if is_null(text) {
        return Ok(Value::Null);
    }
    if let Some(b) = parse_bool(text) {
        return Ok(Value::Bool(b));
    }
    if let Some(int) = parse_int(text) {
        return Ok(int);
    }
    if is_decimal(text) {
        // An integer too big for 64 bits: keep its digits rather than round it to a float.
        return Ok(Value::String(text.to_owned()));
    }
    Ok(parse_float(text).unwrap_or_else(|| Value::String(text.to_owned())))
}

/// Whether the text is a decimal integer, `[-+]?[0-9]+`.
pub(super) fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub(super) fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Core schema integers: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. Ones too big for 64 bits
/// are not resolved (they stay strings).
pub(super) fn parse_int(text: &str) -> Option<Value> {
    if let Some(oct) = text.strip_prefix("0o") {
        if !oct.is_empty() && oct.bytes().all(|b| matches!(b, b'0'..=b'7')) {
            return u64::from_str_radix(oct, 8).ok().map(Value::from);
        }
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u64::from_str_radix(hex, 16).ok().map(Value::from);
        }
        return None;
    }
    if !is_decimal(text) {
        return None;
    }
    if text.starts_with('-') {
        text.parse::<i64>().ok().map(Value::from)
    } else {
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        unsigned.parse::<u64>().ok().map(Value::from)
    }
}

/// Core schema floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`. Infinities and
/// NaN (`.inf`, `.nan`, ...) have no JSON number, so they stay strings, as do overflows.
pub(super) fn parse_float(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_digits = digits(&mut i);
    let mut frac_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = digits(&mut i);
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    let f: f64 = text.parse().ok()?;
    Number::from_f64(f).map(Value::Number)
}

/// The message for a tag the register format does not use.
pub(super) fn unsupported_tag(tag: &Tag) -> String {
    format!(
        "the tag `{}` is not supported: a register holds plain text, numbers, booleans, lists and mappings",
        tag_text(tag)
    )
}

/// A tag as it is written: `!!binary` for the core schema's, `!custom` for a local one.
pub(super) fn tag_text(tag: &Tag) -> String {
    if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        tag.to_string()
    }
}

/// Whether a tag on a mapping (`map`) or a sequence (`seq`) is the core schema's own.
pub(super) fn collection_tag_ok(tag: &Tag, kind: &str) -> bool {
    (tag.is_yaml_core_schema() && tag.suffix == kind)
        || (tag.handle.is_empty() && tag.suffix == "!")
        || (tag.handle == "!" && tag.suffix.is_empty())
}
