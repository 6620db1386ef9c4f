//! YAML 1.2 to JSON values with source locations, from saphyr-parser events, within limits.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Number, Value};

use crate::catalogue::{Code, loading};
use crate::source::Position;

/// Bounds on what one YAML file may cost to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted file, in bytes (default 8 MiB).
    pub max_bytes: usize,
    /// Deepest accepted nesting of mappings and sequences (default 64).
    pub max_depth: usize,
    /// Most alias uses (`*name`) accepted in one file (default 1000).
    pub max_aliases: usize,
    /// Most nodes in the loaded value, counting every node an alias expands to (default 1,000,000).
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 8 * 1024 * 1024,
            max_depth: 64,
            max_aliases: 1000,
            max_nodes: 1_000_000,
        }
    }
}

/// A loaded YAML document: its value as JSON and where each node came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's value.
    pub value: Value,
    /// Source positions of the value's nodes, by JSON pointer.
    pub locations: Locations,
}

/// No node: the root's parent, the end of a hash chain.
const NONE: u32 = u32::MAX;

/// One located node. Its pointer is its parent's plus `/segment`, so each key's text is stored
/// once however deep the nodes below it go.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Parent node, or [`NONE`] for the root.
    parent: u32,
    /// Byte range of this node's escaped pointer segment in [`Locations::segments`].
    segment: (u32, u32),
    /// Line and column where the node starts.
    value: (u32, u32),
    /// Line and column where its mapping key starts; line 0 if it has none.
    key: (u32, u32),
    /// The next node whose pointer has the same hash, or [`NONE`].
    next: u32,
}

/// Where a node goes in [`Locations`].
enum Segment<'a> {
    Root,
    Index(usize),
    /// An unescaped mapping key.
    Key(&'a str),
}

/// Source positions of a document's nodes, by RFC 6901 JSON pointer.
///
/// Every node written in the file has a value position; mapping entries also have a key
/// position. Nodes copied in by an alias only have the alias's position, at the alias's pointer.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// Escaped pointer segments of all nodes, end to end.
    segments: String,
    nodes: Vec<Node>,
    /// First node of each pointer hash.
    heads: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Keyed hashing of pointers, so crafted keys cannot make lookups slow.
    hasher: RandomState,
}

impl Locations {
    /// Location of the node at this RFC 6901 JSON pointer (`""` = root, `"/retention/2/duration"`).
    pub fn value(&self, pointer: &str) -> Option<Position> {
        self.node(pointer).map(|n| to_position(n.value))
    }

    /// Location of the key of the mapping entry at this pointer (for unknown or duplicate key
    /// errors), falling back to the value's location.
    pub fn key(&self, pointer: &str) -> Option<Position> {
        self.node(pointer).map(key_or_value)
    }

    /// Nearest location: this pointer's, else that of its closest ancestor that has one (for
    /// "missing property" errors); line 1, column 1 if none has.
    pub fn find(&self, pointer: &str) -> Position {
        let mut p = pointer;
        loop {
            if let Some(node) = self.node(p) {
                return to_position(node.value);
            }
            if p.is_empty() {
                return Position::new(1, 1);
            }
            p = p.get(..p.rfind('/').unwrap_or(0)).unwrap_or_default();
        }
    }

    /// Number of located nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether no node is located.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn root_hash(&self) -> u64 {
        self.hasher.hash_one(())
    }

    fn child_hash(&self, parent: u64, segment: &str) -> u64 {
        self.hasher.hash_one((parent, segment))
    }

    /// Record a node under `parent` (id and hash); returns its own id and hash.
    fn add(
        &mut self,
        parent: Option<(u32, u64)>,
        segment: Segment<'_>,
        value: Position,
        key: Option<Position>,
    ) -> Option<(u32, u64)> {
        let id = u32::try_from(self.nodes.len())
            .ok()
            .filter(|&id| id != NONE)?;
        let start = self.segments.len();
        match segment {
            Segment::Root => {}
            // Writing to a String cannot fail.
            Segment::Index(i) => drop(write!(self.segments, "{i}")),
            Segment::Key(k) => push_escaped(&mut self.segments, k),
        }
        let end = self.segments.len();
        let (parent, hash) = match parent {
            None => (NONE, self.root_hash()),
            Some((p, h)) => (
                p,
                self.child_hash(h, self.segments.get(start..).unwrap_or_default()),
            ),
        };
        let next = self.heads.insert(hash, id).unwrap_or(NONE);
        self.nodes.push(Node {
            parent,
            segment: (to_u32(start), to_u32(end)),
            value: (to_u32(value.line), to_u32(value.column)),
            key: key.map_or((0, 0), |k| (to_u32(k.line), to_u32(k.column))),
            next,
        });
        Some((id, hash))
    }

    fn segment(&self, node: &Node) -> &str {
        let (start, end) = node.segment;
        self.segments
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    fn parent(&self, id: u32) -> Option<u32> {
        self.nodes
            .get(id as usize)
            .map(|n| n.parent)
            .filter(|&p| p < id)
    }

    /// The node at a pointer.
    fn node(&self, pointer: &str) -> Option<&Node> {
        let mut hash = self.root_hash();
        if !pointer.is_empty() {
            for segment in pointer.strip_prefix('/')?.split('/') {
                hash = self.child_hash(hash, segment);
            }
        }
        self.chain(hash).find(|node| {
            crate::work::count(crate::work::Work::LocationSteps, 1);
            self.has_pointer(node, pointer)
        })
    }

    /// The child of node `parent` (id and hash) under an unescaped key.
    fn child(&self, parent: (u32, u64), key: &str) -> Option<&Node> {
        let mut escaped = String::new();
        push_escaped(&mut escaped, key);
        let hash = self.child_hash(parent.1, &escaped);
        self.chain(hash)
            .find(|node| node.parent == parent.0 && self.segment(node) == escaped)
    }

    /// The nodes whose pointers have this hash.
    fn chain(&self, hash: u64) -> impl Iterator<Item = &Node> {
        let mut id = self.heads.get(&hash).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let node = self.nodes.get(id as usize)?;
            // Chains run from newer to older nodes; anything else would be a cycle.
            id = if node.next < id { node.next } else { NONE };
            Some(node)
        })
    }

    /// Whether a node's pointer is `pointer`, comparing segments from the last one up.
    fn has_pointer(&self, node: &Node, pointer: &str) -> bool {
        let mut rest = pointer;
        let mut node = *node;
        loop {
            if node.parent == NONE {
                return rest.is_empty();
            }
            let Some(slash) = rest.rfind('/') else {
                return false;
            };
            if rest.get(slash + 1..) != Some(self.segment(&node)) {
                return false;
            }
            rest = rest.get(..slash).unwrap_or_default();
            match self.nodes.get(node.parent as usize) {
                Some(parent) => node = *parent,
                None => return false,
            }
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_position((line, column): (u32, u32)) -> Position {
    Position::new(line as usize, column as usize)
}

fn key_or_value(node: &Node) -> Position {
    if node.key.0 == 0 {
        to_position(node.value)
    } else {
        to_position(node.key)
    }
}

/// A hasher for keys that are already keyed hashes.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

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
    fn new(
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

/// Load one YAML document from text: YAML 1.2 core schema, one document, string keys, no tabs
/// in indentation, within `limits`.
pub fn parse_str(text: &str, limits: &Limits) -> Result<Document, YamlError> {
    check_size(text.len(), limits)?;
    check_bom(text.as_bytes())?;
    check_tabs(text)?;
    let mut builder = Builder::new(limits);
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| syntax_error(&e, limits))?;
        let pos = position(span.start);
        match event {
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        pos,
                        "only one YAML document per file; a second document starts here",
                        "put each document in its own file, or remove this `---` line",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                builder.scalar(text, style, anchor, tag.as_deref(), pos)?;
            }
            Event::SequenceStart(anchor, _) => {
                builder.start(Container::Seq(Vec::new()), anchor, pos)?;
            }
            Event::MappingStart(anchor, _) => {
                builder.start(
                    Container::Map {
                        map: Map::new(),
                        key: None,
                    },
                    anchor,
                    pos,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => builder.end(),
            Event::Alias(id) => builder.alias(id, pos)?,
        }
    }
    match builder.root {
        Some(value) if documents > 0 && !builder.root_is_blank => Ok(Document {
            value,
            locations: builder.locations,
        }),
        _ => Err(YamlError::new(
            YamlErrorKind::Empty,
            Position::new(1, 1),
            "the file is empty; expected a mapping (`key: value` lines)",
            "write the document's content, or delete the file",
        )),
    }
}

fn check_size(len: usize, limits: &Limits) -> Result<(), YamlError> {
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

fn check_bom(bytes: &[u8]) -> Result<(), YamlError> {
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
fn check_tabs(text: &str) -> Result<(), YamlError> {
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
fn opens_block_scalar(content: &str) -> bool {
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

fn position(marker: Marker) -> Position {
    Position::new(marker.line().max(1), marker.col() + 1)
}

fn syntax_error(e: &ScanError, limits: &Limits) -> YamlError {
    // The scanner allows at most 255 nested flow collections, and looks ahead far enough
    // through `[[[[...` to hit that before we see the events deeper than `max_depth`.
    if e.info() == "recursion limit exceeded" {
        return too_deep(position(*e.marker()), limits.max_depth.min(255));
    }
    let info = e.info();
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

/// A collection being built.
enum Container {
    Seq(Vec<Value>),
    Map {
        map: Map<String, Value>,
        /// The key read, waiting for its value, and where it starts.
        key: Option<(String, Position)>,
    },
}

struct Frame {
    container: Container,
    /// The collection's node in [`Locations`] (id and hash), if it could be recorded.
    node: Option<(u32, u64)>,
    /// Anchor id to record the finished collection under (0: none).
    anchor: usize,
    /// Node count when the collection started, to count its nodes.
    nodes_at_start: usize,
    /// Text byte count when the collection started, to count its text.
    bytes_at_start: usize,
}

/// A finished anchored node, for aliases to copy.
enum Anchor {
    /// A scalar, kept as is.
    Scalar(Value),
    /// A collection, found in the value being built through its node in [`Locations`] (it is
    /// never copied before an alias needs it, so nested anchors cost no memory).
    Collection {
        node: u32,
        nodes: usize,
        bytes: usize,
    },
}

/// Where the next node goes.
enum Slot {
    /// It is a mapping key.
    Key,
    /// It is a value, located at this node (id and hash) if it could be recorded.
    Value(Option<(u32, u64)>),
}

/// Builds the value from events with an explicit stack, never recursing on input depth.
struct Builder<'l> {
    limits: &'l Limits,
    stack: Vec<Frame>,
    locations: Locations,
    /// Finished anchored nodes, by anchor id.
    anchors: HashMap<usize, Anchor>,
    /// Nodes in the value so far, counting those aliases copied.
    nodes: usize,
    /// Bytes of scalar text in the value so far, counting those aliases copied.
    bytes: usize,
    /// Bytes of scalar text aliases copied.
    copied_bytes: usize,
    aliases: usize,
    root: Option<Value>,
    /// The root is an empty plain scalar (a document with nothing in it).
    root_is_blank: bool,
}

impl<'l> Builder<'l> {
    fn new(limits: &'l Limits) -> Self {
        Builder {
            limits,
            stack: Vec::new(),
            locations: Locations::default(),
            anchors: HashMap::new(),
            nodes: 0,
            bytes: 0,
            copied_bytes: 0,
            aliases: 0,
            root: None,
            root_is_blank: false,
        }
    }

    /// Count one written node.
    fn count_node(&mut self, pos: Position) -> Result<(), YamlError> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(YamlError::new(
                YamlErrorKind::TooLarge,
                pos,
                format!("the file has more than {} nodes", self.limits.max_nodes),
                "split the file into smaller ones",
            ));
        }
        Ok(())
    }

    /// Decide where the next node goes, and record its location if it is a value.
    fn begin(&mut self, pos: Position) -> Slot {
        let (parent, segment, key) = match self.stack.last() {
            None => (None, Segment::Root, None),
            Some(frame) => {
                let (segment, key) = match &frame.container {
                    Container::Seq(items) => (Segment::Index(items.len()), None),
                    Container::Map { key: None, .. } => return Slot::Key,
                    Container::Map {
                        key: Some((k, kpos)),
                        ..
                    } => (Segment::Key(k), Some(*kpos)),
                };
                match frame.node {
                    Some(parent) => (Some(parent), segment, key),
                    None => return Slot::Value(None),
                }
            }
        };
        Slot::Value(self.locations.add(parent, segment, pos, key))
    }

    /// Put a finished value into its parent, or make it the root.
    fn finish(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(frame) => match &mut frame.container {
                Container::Seq(items) => items.push(value),
                Container::Map { map, key } => {
                    if let Some((k, _)) = key.take() {
                        map.insert(k, value);
                    }
                }
            },
        }
    }

    fn scalar(
        &mut self,
        text: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        pos: Position,
    ) -> Result<(), YamlError> {
        self.count_node(pos)?;
        self.bytes = self.bytes.saturating_add(text.len());
        match self.begin(pos) {
            Slot::Key => {
                let value = if anchor != 0 {
                    let value =
                        resolve(&text, style, tag).map_err(|m| tag_error(m, pos, &text, tag))?;
                    self.anchors.insert(anchor, Anchor::Scalar(value.clone()));
                    Some(value)
                } else {
                    None
                };
                let key = match value {
                    Some(v) => key_of_value(v),
                    None if is_null_key(&text, style, tag) => None,
                    None => Some(text.into_owned()),
                };
                let Some(key) = key else {
                    return Err(null_key(pos));
                };
                if key == "<<" && style == ScalarStyle::Plain && tag.is_none() {
                    return Err(YamlError::new(
                        YamlErrorKind::Syntax,
                        pos,
                        "`<<` is a merge key, a YAML 1.1 feature that YAML 1.2 does not have",
                        "write the keys out in this mapping; an alias (`*name`) can still repeat a whole value",
                    ));
                }
                self.set_key(key, pos)
            }
            Slot::Value(_) => {
                let value =
                    resolve(&text, style, tag).map_err(|m| tag_error(m, pos, &text, tag))?;
                if self.stack.is_empty() {
                    self.root_is_blank = text.is_empty()
                        && style == ScalarStyle::Plain
                        && tag.is_none()
                        && anchor == 0;
                }
                if anchor != 0 {
                    self.anchors.insert(anchor, Anchor::Scalar(value.clone()));
                }
                self.finish(value);
                Ok(())
            }
        }
    }

    /// Record a mapping key, refusing a repeated one.
    fn set_key(&mut self, key: String, pos: Position) -> Result<(), YamlError> {
        let Some(Frame {
            container: Container::Map { map, key: slot },
            node,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        if map.contains_key(&key) {
            let first = node.and_then(|parent| self.locations.child(parent, &key));
            let message = match first {
                Some(first) => format!(
                    "duplicate key `{key}`: it is already on line {}",
                    key_or_value(first).line
                ),
                None => format!("duplicate key `{key}`"),
            };
            return Err(YamlError::new(
                YamlErrorKind::DuplicateKey,
                pos,
                message,
                "remove one of them; YAML maps cannot repeat a key",
            ));
        }
        *slot = Some((key, pos));
        Ok(())
    }

    fn start(
        &mut self,
        container: Container,
        anchor: usize,
        pos: Position,
    ) -> Result<(), YamlError> {
        self.count_node(pos)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(too_deep(pos, self.limits.max_depth));
        }
        let Slot::Value(node) = self.begin(pos) else {
            return Err(YamlError::new(
                YamlErrorKind::UnsupportedKey,
                pos,
                "a mapping key must be a scalar, not a mapping or sequence",
                "use a plain text key",
            ));
        };
        self.stack.push(Frame {
            container,
            node,
            anchor,
            nodes_at_start: self.nodes.saturating_sub(1),
            bytes_at_start: self.bytes,
        });
        Ok(())
    }

    fn end(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let value = match frame.container {
            Container::Seq(items) => Value::Array(items),
            Container::Map { map, .. } => Value::Object(map),
        };
        if let (true, Some((node, _))) = (frame.anchor != 0, frame.node) {
            let anchor = Anchor::Collection {
                node,
                nodes: self.nodes.saturating_sub(frame.nodes_at_start),
                bytes: self.bytes.saturating_sub(frame.bytes_at_start),
            };
            self.anchors.insert(frame.anchor, anchor);
        }
        self.finish(value);
    }

    fn alias(&mut self, id: usize, pos: Position) -> Result<(), YamlError> {
        self.aliases += 1;
        if self.aliases > self.limits.max_aliases {
            return Err(YamlError::new(
                YamlErrorKind::TooManyAliases,
                pos,
                format!(
                    "more than {} aliases (`*name`) in one file",
                    self.limits.max_aliases
                ),
                "write the values out instead of repeating them with aliases",
            ));
        }
        let (nodes, bytes) = match self.anchors.get(&id) {
            Some(Anchor::Scalar(value)) => (1, value.as_str().map_or(0, str::len)),
            Some(Anchor::Collection { nodes, bytes, .. }) => (*nodes, *bytes),
            None => {
                return Err(YamlError::new(
                    YamlErrorKind::Syntax,
                    pos,
                    "this alias refers to a node that contains it (a recursive alias)",
                    "aliases can only repeat a node that is complete",
                ));
            }
        };
        let nodes = self.nodes.saturating_add(nodes);
        let copied_bytes = self.copied_bytes.saturating_add(bytes);
        if nodes > self.limits.max_nodes || copied_bytes > self.limits.max_bytes {
            let message = if nodes > self.limits.max_nodes {
                format!(
                    "aliases expand to more than {} nodes (an alias bomb?)",
                    self.limits.max_nodes
                )
            } else {
                format!(
                    "aliases copy more than {} bytes of text (an alias bomb?)",
                    self.limits.max_bytes
                )
            };
            return Err(YamlError::new(
                YamlErrorKind::TooManyAliases,
                pos,
                message,
                "write the values out instead of repeating them with aliases",
            ));
        }
        self.nodes = nodes;
        self.copied_bytes = copied_bytes;
        self.bytes = self.bytes.saturating_add(bytes);
        let value = match self.anchors.get(&id) {
            Some(Anchor::Scalar(value)) => value.clone(),
            Some(Anchor::Collection { node, .. }) => self.lookup(*node),
            None => Value::Null,
        };
        match self.begin(pos) {
            Slot::Key => match key_of_value(value) {
                Some(key) => self.set_key(key, pos),
                None => Err(YamlError::new(
                    YamlErrorKind::UnsupportedKey,
                    pos,
                    "a mapping key must be a non-null scalar; this alias is not",
                    "use a plain text key",
                )),
            },
            Slot::Value(_) => {
                self.finish(value);
                Ok(())
            }
        }
    }

    /// A copy of the finished collection at node `id`, found below the open collections.
    fn lookup(&self, id: u32) -> Value {
        // Nodes from the wanted one up to (not including) the nearest open collection.
        let mut chain = Vec::new();
        let mut current = id;
        let open = loop {
            if let Some(frame) = self
                .stack
                .iter()
                .rev()
                .find(|f| f.node.map(|(n, _)| n) == Some(current))
            {
                break frame;
            }
            if chain.len() > self.limits.max_depth {
                return Value::Null;
            }
            chain.push(current);
            match self.locations.parent(current) {
                Some(parent) => current = parent,
                None => return Value::Null,
            }
        };
        let mut segments = chain.iter().rev().filter_map(|&n| {
            let node = self.locations.nodes.get(n as usize)?;
            Some(self.locations.segment(node))
        });
        let Some(first) = segments.next() else {
            return Value::Null;
        };
        let mut value = match &open.container {
            Container::Seq(items) => first.parse::<usize>().ok().and_then(|i| items.get(i)),
            Container::Map { map, .. } => map.get(unescape(first).as_ref()),
        };
        for segment in segments {
            value = match value {
                Some(Value::Array(items)) => {
                    segment.parse::<usize>().ok().and_then(|i| items.get(i))
                }
                Some(Value::Object(map)) => map.get(unescape(segment).as_ref()),
                _ => None,
            };
        }
        value.cloned().unwrap_or(Value::Null)
    }
}

/// A JSON pointer segment's key (RFC 6901).
pub fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

fn too_deep(pos: Position, depth: usize) -> YamlError {
    YamlError::new(
        YamlErrorKind::TooDeep,
        pos,
        format!("mappings and sequences are nested more than {depth} levels deep"),
        "flatten the structure",
    )
}

fn null_key(pos: Position) -> YamlError {
    YamlError::new(
        YamlErrorKind::UnsupportedKey,
        pos,
        "a mapping key must not be empty or null",
        "write a key before the `:`, or quote it (\"null\") if it is meant as text",
    )
}

/// The string a scalar value stands for as a mapping key.
fn key_of_value(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn is_null_key(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    match tag {
        None => style == ScalarStyle::Plain && is_null(text),
        Some(t) => t.is_yaml_core_schema() && t.suffix == "null",
    }
}

fn tag_error(message: String, pos: Position, text: &str, tag: Option<&Tag>) -> YamlError {
    let tag = tag.map(|t| t.to_string()).unwrap_or_default();
    YamlError::new(
        YamlErrorKind::Syntax,
        pos,
        message,
        format!("remove the tag `{tag}` or change the value `{text}`"),
    )
}

/// Resolve a scalar by the YAML 1.2 core schema: tags first, then quoted styles are strings,
/// then plain scalars by their text.
fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
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
                _ => Ok(Value::String(text.to_owned())),
            };
        }
        // The non-specific tag `!` makes a string; other tags are not ours to interpret.
        if (tag.handle.is_empty() && tag.suffix == "!")
            || (tag.handle == "!" && tag.suffix.is_empty())
        {
            return Ok(Value::String(text.to_owned()));
        }
    }
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
fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Core schema integers: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. Ones too big for 64 bits
/// are not resolved (they stay strings).
fn parse_int(text: &str) -> Option<Value> {
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
fn parse_float(text: &str) -> Option<Value> {
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

/// Append a key to a JSON pointer, escaping `~` and `/` (RFC 6901).
/// Append a mapping key to a JSON pointer as one RFC 6901 segment (`~` as `~0`, `/` as `~1`).
pub fn push_escaped(path: &mut String, key: &str) {
    if !key.contains(['~', '/']) {
        path.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(text: &str) -> Document {
        match parse_str(text, &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => panic!("{text:?} did not load: {e:?}"),
        }
    }

    fn fail(text: &str) -> YamlError {
        match parse_str(text, &Limits::default()) {
            Ok(doc) => panic!("{text:?} loaded: {:?}", doc.value),
            Err(e) => e,
        }
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position::new(line, column))
    }

    #[test]
    fn core_schema_scalars() {
        let doc = load(concat!(
            "norway: NO\nlower: no\nyes: yes\non: on\ntilde: ~\nnull_word: Null\nempty:\n",
            "hex: 0x1F\noctal: 0o17\nint: -42\nplus: +7\nleading_zero: 007\nfloat: 1.5\n",
            "exp: 1e3\ndot: .5\ninf: .inf\nneg_inf: -.Inf\nnan: .NaN\nhuge: 123456789012345678901234567890\n",
            "quoted: \"true\"\nsingle: '12'\ntagged: !!str 12\ntagged_int: !!int \"7\"\n",
            "nonspecific: ! 12\ncustom: !thing 12\nbools: [true, True, TRUE, false, False, FALSE]\n",
            "date: 2024-03-14\nunderscore: 1_000\nversion: 1.2.3\nliteral: |\n  true\n",
        ));
        assert_eq!(
            doc.value,
            json!({
                "norway": "NO", "lower": "no", "yes": "yes", "on": "on",
                "tilde": null, "null_word": null, "empty": null,
                "hex": 31, "octal": 15, "int": -42, "plus": 7, "leading_zero": 7,
                "float": 1.5, "exp": 1000.0, "dot": 0.5,
                "inf": ".inf", "neg_inf": "-.Inf", "nan": ".NaN",
                "huge": "123456789012345678901234567890",
                "quoted": "true", "single": "12", "tagged": "12", "tagged_int": 7,
                "nonspecific": "12", "custom": 12,
                "bools": [true, true, true, false, false, false],
                "date": "2024-03-14", "underscore": "1_000", "version": "1.2.3",
                "literal": "true\n",
            })
        );
    }

    #[test]
    fn bad_tagged_values_are_syntax_errors() {
        let e = fail("a: !!int twelve\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(1, 4));
        assert!(
            e.message.contains("`twelve` is not an integer"),
            "{}",
            e.message
        );
        assert_eq!(fail("a: !!bool yes\n").kind, YamlErrorKind::Syntax);
    }

    #[test]
    fn merge_keys_are_refused_by_name() {
        let e = fail("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(3, 3));
        assert!(e.message.contains("merge key"), "{}", e.message);
        // Quoted, it is an ordinary key.
        assert_eq!(load("\"<<\": 1\n").value, json!({"<<": 1}));
    }

    const REGISTER: &str = "\
name: Payroll
retention:
  - category: staff records
    duration: P10Y
  - category: payslips
    duration: P6Y
tags: [hr, 'pay']
";

    #[test]
    fn nested_pointers_have_line_and_column() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.value(""), at(1, 1));
        assert_eq!(l.value("/name"), at(1, 7));
        assert_eq!(l.value("/retention"), at(3, 3));
        assert_eq!(l.value("/retention/0"), at(3, 5));
        assert_eq!(l.value("/retention/1/duration"), at(6, 15));
        assert_eq!(l.value("/tags/1"), at(7, 12));
        assert_eq!(l.value("/retention/2"), None);
        assert_eq!(l.value("/nope"), None);
        assert_eq!(l.len(), 12);
    }

    #[test]
    fn key_and_value_positions_differ() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.key("/retention/1/duration"), at(6, 5));
        assert_eq!(l.value("/retention/1/duration"), at(6, 15));
        assert_eq!(l.key("/retention"), at(2, 1));
        // Sequence items and the root have no key: fall back to the value.
        assert_eq!(l.key("/retention/1"), at(5, 5));
        assert_eq!(l.key(""), at(1, 1));
        assert_eq!(l.key("/nope"), None);
    }

    #[test]
    fn find_falls_back_to_the_nearest_ancestor() {
        let doc = load(REGISTER);
        let l = &doc.locations;
        assert_eq!(l.find("/retention/1/lawful_basis"), Position::new(5, 5));
        assert_eq!(l.find("/retention/1/duration"), Position::new(6, 15));
        assert_eq!(l.find("/controller/name"), Position::new(1, 1));
        assert_eq!(l.find(""), Position::new(1, 1));
        assert_eq!(Locations::default().find("/a"), Position::new(1, 1));
    }

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let doc = load("\"a/b\": 1\nm~n:\n  ~/: x\n");
        assert_eq!(doc.value, json!({"a/b": 1, "m~n": {"~/": "x"}}));
        assert_eq!(doc.locations.value("/a~1b"), at(1, 8));
        assert_eq!(doc.locations.key("/a~1b"), at(1, 1));
        assert_eq!(doc.locations.value("/m~0n/~0~1"), at(3, 7));
        assert_eq!(doc.locations.key("/m~0n/~0~1"), at(3, 3));
    }

    #[test]
    fn flow_collections_and_tags_point_at_their_first_character() {
        let doc = load("a: {b: [1, {c: 2}]}\nd: !!str 5\n");
        let l = &doc.locations;
        assert_eq!(l.value("/a"), at(1, 4));
        assert_eq!(l.value("/a/b"), at(1, 8));
        assert_eq!(l.value("/a/b/1/c"), at(1, 16));
        assert_eq!(l.key("/a/b/1/c"), at(1, 13));
        assert_eq!(l.value("/d"), at(2, 4));
    }

    #[test]
    fn aliases_copy_the_anchored_value() {
        let doc = load("base: &b {x: 1, y: [2]}\ncopy: *b\nname: &n Ann\nk:\n  *n : v\n");
        assert_eq!(
            doc.value,
            json!({"base": {"x": 1, "y": [2]}, "copy": {"x": 1, "y": [2]}, "name": "Ann", "k": {"Ann": "v"}})
        );
        assert_eq!(doc.locations.value("/copy"), at(2, 7));
        // Nodes inside the copy are located at the alias.
        assert_eq!(doc.locations.value("/copy/y/0"), None);
        assert_eq!(doc.locations.find("/copy/y/0"), Position::new(2, 7));
        assert_eq!(doc.locations.key("/k/Ann"), at(5, 3));
    }

    #[test]
    fn aliases_find_anchors_in_finished_and_open_collections() {
        let text = "\
outer:
  list:
    - &first {a/b: [1, &inner {deep: x}]}
    - *inner
  same: *first
later: [*inner, *first]
";
        let doc = load(text);
        let first = json!({"a/b": [1, {"deep": "x"}]});
        assert_eq!(
            doc.value,
            json!({
                "outer": {"list": [first.clone(), {"deep": "x"}], "same": first.clone()},
                "later": [{"deep": "x"}, first],
            })
        );
    }

    #[test]
    fn aliases_cannot_copy_more_text_than_the_size_limit() {
        let limits = Limits {
            max_bytes: 100,
            ..Limits::default()
        };
        let text = format!("a: &a {}\nb: [*a, *a]\n", "x".repeat(60));
        let e = parse_str(&text, &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyAliases);
        assert_eq!(e.position, Position::new(2, 9));
        assert!(e.message.contains("100 bytes"), "{}", e.message);
    }

    #[test]
    fn recursive_alias_is_refused() {
        let e = fail("a: &a [1, *a]\n");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.position, Position::new(1, 11));
    }

    #[test]
    fn alias_count_limit() {
        let limits = Limits {
            max_aliases: 2,
            ..Limits::default()
        };
        let e = parse_str("a: &a 1\nb: [*a, *a, *a]\n", &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooManyAliases);
        assert_eq!(e.position, Position::new(2, 13));
    }

    #[test]
    fn node_limit() {
        let limits = Limits {
            max_nodes: 5,
            ..Limits::default()
        };
        let e = parse_str("a: 1\nb: 2\nc: 3\n", &limits).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::TooLarge);
        assert_eq!(e.position, Position::new(3, 1));
    }

    #[test]
    fn keys_must_be_non_null_scalars() {
        let e = fail("[a, b]: 1\n");
        assert_eq!(e.kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(e.position, Position::new(1, 1));
        let e = fail("a: 1\n~: 2\n");
        assert_eq!(e.kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(e.position, Position::new(2, 1));
        assert_eq!(fail("{null: 1}").kind, YamlErrorKind::UnsupportedKey);
        assert_eq!(fail("? {a: 1}\n: 2\n").kind, YamlErrorKind::UnsupportedKey);
        // Quoted or scalar-looking keys are text.
        let doc = load("\"null\": 1\ntrue: 2\n3: 4\nNO: 5\n");
        assert_eq!(doc.value, json!({"null": 1, "true": 2, "3": 4, "NO": 5}));
    }

    #[test]
    fn duplicate_keys_in_nested_and_flow_maps() {
        let e = fail("a:\n  b: 1\n  c: 2\n  b: 3\n");
        assert_eq!(e.kind, YamlErrorKind::DuplicateKey);
        assert_eq!(e.position, Position::new(4, 3));
        assert!(
            e.message.contains("`b`") && e.message.contains("line 2"),
            "{}",
            e.message
        );
        let e = fail("{x: 1, x: 2}");
        assert_eq!(e.position, Position::new(1, 8));
        // The same key in sibling maps is fine.
        load("- b: 1\n- b: 2\n");
    }

    #[test]
    fn tabs_are_refused_in_indentation_only() {
        let e = fail("a:\n  \tb: 1\n");
        assert_eq!(e.kind, YamlErrorKind::TabIndent);
        assert_eq!(e.position, Position::new(2, 3));
        // Tabs inside block scalars, on blank lines, before comments and after content are fine.
        let doc = load("text: |\n  keep\n  \tindented\n\t\nnote: >-\n    x\n\t# c\nv: a\tb\n");
        assert_eq!(
            doc.value,
            json!({"text": "keep\n\tindented\n", "note": "x", "v": "a\tb"})
        );
        // A line back at the parent's indentation ends the block scalar.
        let e = fail("text: |\n  keep\n\tnext: 1\n");
        assert_eq!(e.position, Position::new(3, 1));
    }

    #[test]
    fn block_scalar_headers() {
        for yes in [
            "|", ">", "a: |", "- >-", "k: |+", "k: >2", "k: |2-", "k: |-1", "k: | # c",
        ] {
            assert!(opens_block_scalar(yes), "{yes}");
        }
        for no in ["a: b", "a: '|'x", "a: |x", "a: |++", "k: ||", "a: b>"] {
            assert!(!opens_block_scalar(no), "{no}");
        }
    }

    #[test]
    fn empty_documents() {
        for text in ["", "\n\n", "# c\n", "---\n", "--- # c\n...\n"] {
            let e = fail(text);
            assert_eq!(e.kind, YamlErrorKind::Empty, "{text:?}");
            assert_eq!(e.position, Position::new(1, 1));
        }
        assert_eq!(load("~\n").value, Value::Null);
        assert_eq!(load("--- []\n").value, json!([]));
    }

    #[test]
    fn utf8_checks_in_parse_bytes() {
        let e = parse_bytes(b"a: 1\nb: \xc3\xa9\xff\n", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::NotUtf8);
        assert_eq!(e.position, Position::new(2, 5));
        let e = parse_bytes(b"\xff\xfea\x00", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::ByteOrderMark);
        let e = parse_str("\u{feff}a: 1", &Limits::default()).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::ByteOrderMark);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let doc = load("émoji: 😀😀\nx: [ü, ß]\n");
        assert_eq!(doc.locations.value("/émoji"), at(1, 8));
        assert_eq!(doc.locations.value("/x/1"), at(2, 8));
    }

    #[test]
    fn crlf_line_breaks() {
        let doc = load("a: 1\r\nb:\r\n  - x\r\n");
        assert_eq!(doc.value, json!({"a": 1, "b": ["x"]}));
        assert_eq!(doc.locations.value("/b/0"), at(3, 5));
    }

    #[test]
    fn every_node_of_a_large_document_is_located() {
        let mut text = String::new();
        for i in 0..2000 {
            text.push_str(&format!("k{i}:\n  - [a, {{x/{i}: {i}}}]\n"));
        }
        let doc = load(&text);
        assert_eq!(doc.locations.len(), 1 + 2000 * 5);
        for i in 0..2000 {
            let line = 2 * i + 1;
            assert_eq!(doc.locations.key(&format!("/k{i}")), at(line, 1));
            assert_eq!(doc.locations.value(&format!("/k{i}/0/1")), at(line + 1, 9));
            let leaf = format!("/k{i}/0/1/x~1{i}");
            assert_eq!(doc.locations.key(&leaf), at(line + 1, 10));
            assert_eq!(doc.locations.value(&format!("/k{i}/0/1/x/{i}")), None);
        }
        assert_eq!(doc.locations.value("/k1/0/1/"), None);
        assert_eq!(doc.locations.value("k1"), None);
        assert_eq!(load("a: {\"\": 1}").locations.value("/a/"), at(1, 9));
    }
}
