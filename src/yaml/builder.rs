//! The builder: saphyr-parser events to a JSON value and its node locations, within the limits
//! on depth and alias expansion, refusing duplicate and null keys.

use super::*;
use crate::source::Position;
use saphyr_parser::{ScalarStyle, Tag};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

/// A collection being built.
pub(super) enum Container {
    Seq(Vec<Value>),
    Map {
        map: Map<String, Value>,
        /// The key read, waiting for its value, and where it starts.
        key: Option<(String, Position)>,
    },
}

pub(super) struct Frame {
    pub(super) container: Container,
    /// The collection's node in [`Locations`] (id and hash), if it could be recorded.
    pub(super) node: Option<(u32, u64)>,
    /// Anchor id to record the finished collection under (0: none).
    pub(super) anchor: usize,
    /// Node count when the collection started, to count its nodes.
    pub(super) nodes_at_start: usize,
    /// Text byte count when the collection started, to count its text.
    pub(super) bytes_at_start: usize,
}

/// A finished anchored node, for aliases to copy.
pub(super) enum Anchor {
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
pub(super) enum Slot {
    /// It is a mapping key.
    Key,
    /// It is a value, located at this node (id and hash) if it could be recorded.
    Value(Option<(u32, u64)>),
}

/// Builds the value from events with an explicit stack, never recursing on input depth.
pub(super) struct Builder<'l> {
    pub(super) limits: &'l Limits,
    pub(super) stack: Vec<Frame>,
    pub(super) locations: Locations,
    /// Finished anchored nodes, by anchor id.
    pub(super) anchors: HashMap<usize, Anchor>,
    /// Nodes in the value so far, counting those aliases copied.
    pub(super) nodes: usize,
    /// Bytes of scalar text in the value so far, counting those aliases copied.
    pub(super) bytes: usize,
    /// Bytes of scalar text aliases copied.
    pub(super) copied_bytes: usize,
    pub(super) aliases: usize,
    pub(super) root: Option<Value>,
    /// The root is an empty plain scalar (a document with nothing in it).
    pub(super) root_is_blank: bool,
}

impl<'l> Builder<'l> {
    /// A builder for a document of `text_len` bytes.
    pub(super) fn new(limits: &'l Limits, text_len: usize) -> Self {
        // About one node every 16 bytes in a register's files (`key: value` lines, list items).
        let nodes = (text_len / 16).min(limits.max_nodes);
        Builder {
            limits,
            stack: Vec::new(),
            locations: Locations::with_capacity(nodes),
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
    pub(super) fn count_node(&mut self, pos: Position) -> Result<(), YamlError> {
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
    pub(super) fn begin(&mut self, pos: Position) -> Slot {
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
    pub(super) fn finish(&mut self, value: Value) {
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

    pub(super) fn scalar(
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
    pub(super) fn set_key(&mut self, key: String, pos: Position) -> Result<(), YamlError> {
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

    pub(super) fn start(
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

    pub(super) fn end(&mut self) {
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

    pub(super) fn alias(&mut self, id: usize, pos: Position) -> Result<(), YamlError> {
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
    pub(super) fn lookup(&self, id: u32) -> Value {
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

/// The string a scalar value stands for as a mapping key.
pub(super) fn key_of_value(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

pub(super) fn is_null_key(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> bool {
    match tag {
        None => style == ScalarStyle::Plain && is_null(text),
        Some(t) => t.is_yaml_core_schema() && t.suffix == "null",
    }
}
