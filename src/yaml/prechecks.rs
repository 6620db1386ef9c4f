//! Checks made on the bytes and the text before parsing: size, byte-order mark, tab indentation,
//! the `%YAML` version; and the rewriting of JSON-style surrogate pairs.

use super::*;
use crate::source::Position;

pub(super) fn check_size(len: usize, limits: &Limits) -> Result<(), YamlError> {
    if len > limits.max_bytes {
        return Err(YamlError::new(
            YamlErrorKind::TooLarge,
            Position::new(1, 1),
            format!(
                "the file is {len} bytes, more than the limit of {} bytes",
                limits.max_bytes
            ),
            "split the file into smaller ones",
        ));
    }
    Ok(())
}

pub(super) fn check_bom(bytes: &[u8]) -> Result<(), YamlError> {
    let (message, help) = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (
            "the file starts with a UTF-8 byte order mark",
            "save the file as UTF-8 without a byte order mark (BOM)",
        )
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        (
            "the file starts with a UTF-16 byte order mark; it must be UTF-8",
            "save the file as UTF-8 without a byte order mark (BOM)",
        )
    } else {
        return Ok(());
    };
    Err(YamlError::new(
        YamlErrorKind::ByteOrderMark,
        Position::new(1, 1),
        message,
        help,
    ))
}

/// Refuse tabs in the leading whitespace of a line that has content, outside block scalars
/// (`|`, `>`), whose lines are told by their indentation. Blank and comment-only lines may
/// hold tabs.
pub(super) fn check_tabs(text: &str) -> Result<(), YamlError> {
    if !text.as_bytes().contains(&b'\t') {
        return Ok(());
    }
    // Indentation of the line that opened the block scalar we are in, if any.
    let mut block: Option<usize> = None;
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        let lead = line
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        let rest = line.get(lead..).unwrap_or_default();
        if let Some(indent) = block {
            if rest.is_empty() || spaces > indent {
                continue;
            }
            block = None;
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(tab) = line.get(..lead).and_then(|l| l.find('\t')) {
            return Err(YamlError::new(
                YamlErrorKind::TabIndent,
                Position::new(index + 1, tab + 1),
                "a tab is used for indentation; YAML indents with spaces only",
                "replace the tabs at the start of this line with spaces",
            ));
        }
        if opens_block_scalar(rest) {
            block = Some(spaces);
        }
    }
    Ok(())
}

/// Whether a line's content ends with a block scalar header (`|`, `>-`, `|2+`, ...), possibly
/// followed by a comment.
pub(super) fn opens_block_scalar(content: &str) -> bool {
    let content = match content.find(" #") {
        Some(i) => content.get(..i).unwrap_or(content),
        None => content,
    };
    let last = content.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
    let mut chars = last.chars();
    if !matches!(chars.next(), Some('|' | '>')) {
        return false;
    }
    let indicators: Vec<char> = chars.collect();
    let chomp = |c: &char| matches!(c, '+' | '-');
    let digit = |c: &char| matches!(c, '1'..='9');
    match indicators.as_slice() {
        [] => true,
        [a] => chomp(a) || digit(a),
        [a, b] => (chomp(a) && digit(b)) || (digit(a) && chomp(b)),
        _ => false,
    }
}

/// Refuse a `%YAML` directive for a version other than 1.x: the file was written for a YAML
/// this reader does not know. (Directives stand at the start of a line, before `---`.)
pub(super) fn check_version(text: &str) -> Result<(), YamlError> {
    // Nearly every file has no directive: one search of the text, not a look at every line.
    if !text.contains("%YAML") {
        return Ok(());
    }
    for (index, line) in text.lines().enumerate() {
        if line.starts_with("---") {
            break;
        }
        let Some(version) = line.strip_prefix("%YAML") else {
            continue;
        };
        let version = version.split('#').next().unwrap_or_default().trim();
        let major = version.split('.').next().unwrap_or_default();
        if major != "1" {
            return Err(YamlError::new(
                YamlErrorKind::Syntax,
                Position::new(index + 1, 1),
                format!("the file declares YAML {version}; only YAML 1.x is read"),
                "remove the `%YAML` line, or write `%YAML 1.2`",
            ));
        }
    }
    Ok(())
}

/// The text with every escaped UTF-16 surrogate pair (`\ud83d\ude00`) written as one
/// 32-bit escape (`\U0001F600`); `None` when there is none. The escape's backslash must not be
/// escaped itself.
pub(super) fn join_surrogate_pairs(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let pair = (|| {
            let high = escaped_unit(bytes.get(i..i + 6)?)?;
            let low = escaped_unit(bytes.get(i + 6..i + 12)?)?;
            if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            Some(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        })();
        match pair {
            Some(code) => {
                out.push_str(text.get(copied..i)?);
                out.push_str(&format!("\\U{code:08X}"));
                i += 12;
                copied = i;
                changed = true;
            }
            // An escaped backslash is skipped whole, so `\\\ud83d` is not an escape.
            None => i += 2,
        }
    }
    out.push_str(text.get(copied..)?);
    changed.then_some(out)
}

/// The code unit of a `\uXXXX` escape.
fn escaped_unit(escape: &[u8]) -> Option<u32> {
    let hex = escape.strip_prefix(b"\\u")?;
    u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Whether a string of the value holds a `\U0001XXXX` escape as text: then the rewriting of
/// surrogate pairs touched a scalar where escapes are not read (plain or single-quoted), and
/// the original error stands.
pub(super) fn holds_joined_escape(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains("\\U000"),
        Value::Array(items) => items.iter().any(holds_joined_escape),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.contains("\\U000") || holds_joined_escape(v)),
        _ => false,
    }
}
