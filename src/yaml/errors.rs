//! YAML loading errors: what went wrong, where, and what to do, each kind with its catalogue code.

use super::*;
use crate::catalogue::{Code, loading};
use crate::source::Position;
use saphyr_parser::{Marker, ScanError, Tag};
use std::fmt;

/// What went wrong while loading YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YamlErrorKind {
    /// Not well-formed YAML, or a value its explicit tag refuses.
    Syntax,
    /// A mapping repeats a key.
    DuplicateKey,
    /// Mappings and sequences nested deeper than [`Limits::max_depth`].
    TooDeep,
    /// Aliases used too often, or expanding to too many nodes.
    TooManyAliases,
    /// The file exceeds [`Limits::max_bytes`] or [`Limits::max_nodes`].
    TooLarge,
    /// The bytes are not UTF-8.
    NotUtf8,
    /// The file starts with a byte order mark.
    ByteOrderMark,
    /// A line is indented with a tab.
    TabIndent,
    /// The file holds no document (only whitespace and comments).
    Empty,
    /// A mapping key that is not a scalar, or is null.
    UnsupportedKey,
}

impl YamlErrorKind {
    /// The catalogue entry of the error.
    pub fn code(&self) -> &'static Code {
        match self {
            YamlErrorKind::Syntax | YamlErrorKind::UnsupportedKey => &loading::YAML_SYNTAX,
            YamlErrorKind::DuplicateKey => &loading::DUPLICATE_KEY,
            YamlErrorKind::TooDeep => &loading::NESTING_TOO_DEEP,
            YamlErrorKind::TooManyAliases => &loading::ALIAS_LIMIT,
            YamlErrorKind::TooLarge => &loading::FILE_TOO_LARGE,
            YamlErrorKind::NotUtf8 => &loading::NOT_UTF8,
            YamlErrorKind::ByteOrderMark => &loading::BYTE_ORDER_MARK,
            YamlErrorKind::TabIndent => &loading::TAB_INDENTATION,
            YamlErrorKind::Empty => &loading::EMPTY_FILE,
        }
    }
}

/// A YAML loading error, with a position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What kind of error.
    pub kind: YamlErrorKind,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where: 1-based line and column (in characters).
    pub position: Position,
}

impl YamlError {
    pub(super) fn new(
        kind: YamlErrorKind,
        position: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        YamlError {
            kind,
            message: message.into(),
            help: help.into(),
            position,
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}",
            self.position.line, self.position.column, self.message
        )
    }
}

impl std::error::Error for YamlError {}

/// Load one YAML document from raw file bytes: checks size, byte order mark and UTF-8 (reporting
/// the first bad byte's position), then [`parse_str`].
pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Document, YamlError> {
    check_size(bytes.len(), limits)?;
    check_bom(bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The valid prefix is UTF-8 by definition; count lines and characters in it.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        YamlError::new(
            YamlErrorKind::NotUtf8,
            Position::new(line, column),
            format!(
                "the file is not valid UTF-8: byte 0x{byte:02X} at offset {} is not part of a UTF-8 character",
                e.valid_up_to()
            ),
            "save the file with UTF-8 encoding",
        )
    })?;
    parse_str(text, limits)
}

pub(super) fn position(marker: Marker) -> Position {
    Position::new(marker.line().max(1), marker.col() + 1)
}

pub(super) fn syntax_error(e: &ScanError, limits: &Limits, text: &str) -> YamlError {
    // The scanner allows at most 255 nested flow collections, and looks ahead far enough
    // through `[[[[...` to hit that before we see the events deeper than `max_depth`.
    if e.info() == "recursion limit exceeded" {
        return too_deep(position(*e.marker()), limits.max_depth.min(255));
    }
    let info = e.info();
    if let Some((key, quoted)) = colon_in_plain_value(info, *e.marker(), text) {
        return YamlError::new(
            YamlErrorKind::Syntax,
            position(*e.marker()),
            format!(
                "invalid YAML: the value of `{key}` holds `: ` (a colon and a space), which YAML reads as a second key ({info})"
            ),
            format!("put the value in quotes: `{quoted}`"),
        );
    }
    let (message, help) = if info.contains("quoted scalar") {
        (
            format!("invalid YAML: the quoted text that starts here is not closed ({info})"),
            "close the quote on the same line, or indent its continuation lines further than the key",
        )
    } else if info.contains("end of stream") {
        (
            format!("invalid YAML: the file ends inside an unfinished value ({info})"),
            "close the quote, `[` or `{` opened before this point",
        )
    } else {
        (
            format!("invalid YAML: {info}"),
            "check the indentation, quoting and punctuation at and just before this position",
        )
    };
    YamlError::new(YamlErrorKind::Syntax, position(*e.marker()), message, help)
}

/// For `key: text : more`, refused because the second `: ` would start a mapping inside a plain
/// value: the key and the line with its value quoted (`key: "text : more"`).
fn colon_in_plain_value(info: &str, marker: Marker, text: &str) -> Option<(String, String)> {
    if info != "mapping values are not allowed in this context" {
        return None;
    }
    let line = text.lines().nth(marker.line().checked_sub(1)?)?;
    let column = line
        .char_indices()
        .nth(marker.col())
        .map_or(line.len(), |(i, _)| i);
    let key_end = line.get(..column)?.find(": ")?;
    let key = line[..key_end].trim_start();
    let value = line[key_end + 2..].trim_start();
    // A plain value ends at a comment; a quoted or flow value is another mistake.
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    if key.is_empty() || value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let mut escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    // A long line is shown by its start: the help stays one short line.
    if let Some((cut, _)) = escaped.char_indices().nth(80) {
        escaped.truncate(cut);
        escaped.push('…');
    }
    let name = key.trim_start_matches("- ").trim();
    Some((name.to_string(), format!("{key}: \"{escaped}\"")))
}

pub(super) fn too_deep(pos: Position, depth: usize) -> YamlError {
    YamlError::new(
        YamlErrorKind::TooDeep,
        pos,
        format!("mappings and sequences are nested more than {depth} levels deep"),
        "flatten the structure",
    )
}

pub(super) fn null_key(pos: Position) -> YamlError {
    YamlError::new(
        YamlErrorKind::UnsupportedKey,
        pos,
        "a mapping key must not be empty or null",
        "write a key before the `:`, or quote it (\"null\") if it is meant as text",
    )
}

pub(super) fn tag_error(
    message: String,
    pos: Position,
    text: &str,
    tag: Option<&Tag>,
) -> YamlError {
    let tag = tag.map(super::scalars::tag_text).unwrap_or_default();
    YamlError::new(
        YamlErrorKind::Syntax,
        pos,
        message,
        format!("remove the tag `{tag}` or change the value `{text}`"),
    )
}
