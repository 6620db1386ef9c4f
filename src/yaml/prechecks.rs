//! Checks made on the bytes and the text before parsing: size, byte-order mark, tab indentation.

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
