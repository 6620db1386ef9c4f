//! Where each node stands: JSON pointers to line and column of keys and values, and the
//! escaping of pointer segments.

use super::*;
use crate::source::{PointerHasher, Position, Positions};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// One located node. Its pointer is its parent's plus `/segment`, so each key's text is stored
/// once however deep the nodes below it go.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    /// Parent node, or [`NONE`] for the root.
    pub(super) parent: u32,
    /// Byte range of this node's escaped pointer segment in [`Locations::segments`].
    pub(super) segment: (u32, u32),
    /// Line and column where the node starts.
    pub(super) value: (u32, u32),
    /// Line and column where its mapping key starts; line 0 if it has none.
    pub(super) key: (u32, u32),
    /// The next node whose pointer has the same hash, or [`NONE`].
    pub(super) next: u32,
}

/// Where a node goes in [`Locations`].
pub(super) enum Segment<'a> {
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
    pub(super) segments: String,
    pub(super) nodes: Vec<Node>,
    /// First node of each pointer hash.
    pub(super) heads: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// Keyed hashing of pointers, so crafted keys cannot make lookups slow.
    pub(super) hasher: PointerHasher,
}

impl Locations {
    /// Empty locations with room for about `nodes` nodes, so that the tables are not grown
    /// (and copied) node by node.
    pub(super) fn with_capacity(nodes: usize) -> Self {
        Locations {
            segments: String::with_capacity(nodes * 8),
            nodes: Vec::with_capacity(nodes),
            heads: HashMap::with_capacity_and_hasher(nodes, Default::default()),
            hasher: PointerHasher::default(),
        }
    }

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

    pub(super) fn root_hash(&self) -> u64 {
        self.hasher.root()
    }

    pub(super) fn child_hash(&self, parent: u64, segment: &str) -> u64 {
        self.hasher.child(parent, segment)
    }

    /// The compact table of these positions that loading keeps with the file's text: the
    /// node [`Locations::node`] finds first for each pointer hash; with the positions of
    /// mapping keys when `keys`.
    pub fn positions(&self, keys: bool) -> Positions {
        Positions::new(
            self.hasher.clone(),
            self.heads.iter().filter_map(|(&hash, &id)| {
                let node = self.nodes.get(id as usize)?;
                Some((hash, node.value, Some(node.key).filter(|k| k.0 != 0)))
            }),
            keys,
        )
    }

    /// Record a node under `parent` (id and hash); returns its own id and hash.
    pub(super) fn add(
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

    pub(super) fn segment(&self, node: &Node) -> &str {
        let (start, end) = node.segment;
        self.segments
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    pub(super) fn parent(&self, id: u32) -> Option<u32> {
        self.nodes
            .get(id as usize)
            .map(|n| n.parent)
            .filter(|&p| p < id)
    }

    /// The node at a pointer.
    pub(super) fn node(&self, pointer: &str) -> Option<&Node> {
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
    pub(super) fn child(&self, parent: (u32, u64), key: &str) -> Option<&Node> {
        let mut escaped = String::new();
        push_escaped(&mut escaped, key);
        let hash = self.child_hash(parent.1, &escaped);
        self.chain(hash)
            .find(|node| node.parent == parent.0 && self.segment(node) == escaped)
    }

    /// The nodes whose pointers have this hash.
    pub(super) fn chain(&self, hash: u64) -> impl Iterator<Item = &Node> {
        let mut id = self.heads.get(&hash).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let node = self.nodes.get(id as usize)?;
            // Chains run from newer to older nodes; anything else would be a cycle.
            id = if node.next < id { node.next } else { NONE };
            Some(node)
        })
    }

    /// Whether a node's pointer is `pointer`, comparing segments from the last one up.
    pub(super) fn has_pointer(&self, node: &Node, pointer: &str) -> bool {
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

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(super) fn to_position((line, column): (u32, u32)) -> Position {
    Position::new(line as usize, column as usize)
}

pub(super) fn key_or_value(node: &Node) -> Position {
    if node.key.0 == 0 {
        to_position(node.value)
    } else {
        to_position(node.key)
    }
}

/// A hasher for keys that are already keyed hashes.
#[derive(Default)]
pub(super) struct Prehashed(u64);

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

/// A JSON pointer segment's key (RFC 6901).
pub fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
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
