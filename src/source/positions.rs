//! Where a parsed file's nodes stand, by the keyed hash of their JSON pointer: kept with the
//! file's text after loading, so that a finding is located without parsing the file again.

use std::hash::BuildHasher;

use foldhash::quality::RandomState;

use super::Position;
use crate::work::{Work, count};

/// The hashing of JSON pointers segment by segment: a pointer's hash is its parent's hash
/// combined with its last escaped segment. Keyed per run with a random seed, so that crafted
/// keys cannot make lookups slow or make two pointers collide on purpose; foldhash's quality
/// hasher rather than the standard library's SipHash, which showed in profiles of `check`
/// (every node of every file is hashed).
#[derive(Debug, Clone, Default)]
pub struct PointerHasher(RandomState);

impl PointerHasher {
    /// The hash of the root pointer `""`.
    pub fn root(&self) -> u64 {
        self.0.hash_one(())
    }

    /// The hash of `parent`'s pointer followed by `/segment` (`segment` escaped, RFC 6901).
    pub fn child(&self, parent: u64, segment: &str) -> u64 {
        self.0.hash_one((parent, segment))
    }

    /// The hashes of `pointer` and of each of its ancestors, the root's first; `None` for a
    /// pointer that is neither empty nor starts with `/`.
    fn lineage(&self, pointer: &str) -> Option<Vec<u64>> {
        let mut hashes = vec![self.root()];
        if !pointer.is_empty() {
            for segment in pointer.strip_prefix('/')?.split('/') {
                let parent = hashes.last().copied().unwrap_or_default();
                hashes.push(self.child(parent, segment));
            }
        }
        Some(hashes)
    }
}

/// One node: its pointer's hash and the line and column of its value.
#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    value: (u32, u32),
}

/// The positions of a document's nodes by pointer hash: 16 bytes a node (24 with its mapping
/// key's), about a fifth of what the parser's full locations take with their pointer text and
/// index, and enough to locate a finding. Two distinct pointers of one file share a 64-bit keyed
/// hash with a probability of about n²/2⁶⁵ for n nodes; the key is random, so it cannot be
/// aimed at.
#[derive(Debug, Clone)]
pub struct Positions {
    hasher: PointerHasher,
    /// Sorted by hash; one entry per hash.
    entries: Box<[Entry]>,
    /// The line and column of each entry's mapping key (line 0 when it has none), in the order
    /// of `entries`; empty when the keys' positions were not kept.
    keys: Box<[(u32, u32)]>,
}

impl Positions {
    /// The positions of nodes given as (pointer hash, value position, key position), hashed
    /// with `hasher`, one node per hash (a parser's table of pointers has them so); of two
    /// nodes given with one hash, one is kept. The keys' positions are kept when `keys`
    /// (a third of the memory; see [`Positions::key`]).
    pub fn new(
        hasher: PointerHasher,
        nodes: impl IntoIterator<Item = (u64, (u32, u32), Option<(u32, u32)>)>,
        keys: bool,
    ) -> Self {
        let mut nodes: Vec<_> = nodes
            .into_iter()
            .map(|(hash, value, key)| (hash, value, key.unwrap_or((0, 0))))
            .collect();
        // Unstable: no buffer to allocate, and the hashes are distinct.
        nodes.sort_unstable_by_key(|n| n.0);
        nodes.dedup_by_key(|n| n.0);
        let entries = nodes
            .iter()
            .map(|&(hash, value, _)| Entry { hash, value })
            .collect();
        let keys = if keys {
            nodes.iter().map(|n| n.2).collect()
        } else {
            Box::default()
        };
        Positions {
            hasher,
            entries,
            keys,
        }
    }

    /// The index of the entry with this hash.
    fn index(&self, hash: u64) -> Option<usize> {
        count(Work::LocationSteps, 1);
        self.entries.binary_search_by_key(&hash, |e| e.hash).ok()
    }

    fn entry(&self, hash: u64) -> Option<&Entry> {
        self.index(hash).and_then(|i| self.entries.get(i))
    }

    /// Where the node at `pointer` starts: its mapping key if it has one and the keys'
    /// positions were kept (for unknown or duplicate keys), else its value.
    pub fn key(&self, pointer: &str) -> Option<Position> {
        let hash = *self.hasher.lineage(pointer)?.last()?;
        let i = self.index(hash)?;
        let value = self.entries.get(i)?.value;
        let (line, column) = match self.keys.get(i) {
            Some(&key) if key.0 != 0 => key,
            _ => value,
        };
        Some(Position::new(line as usize, column as usize))
    }

    /// Where the value at `pointer` starts, else that of its closest ancestor that has one (for
    /// "missing property" findings); line 1, column 1 if none has.
    pub fn find(&self, pointer: &str) -> Position {
        let found = self.hasher.lineage(pointer).and_then(|hashes| {
            hashes
                .iter()
                .rev()
                .find_map(|&h| self.entry(h))
                .map(|e| Position::new(e.value.0 as usize, e.value.1 as usize))
        });
        found.unwrap_or(Position::new(1, 1))
    }

    /// Number of nodes located.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no node is located.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
