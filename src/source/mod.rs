//! Source files, positions and line lookup: the bottom layer every diagnostic points into.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

mod positions;

pub use positions::{PointerHasher, Positions};

/// A position in a source file: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// A position from 1-based line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// A loaded text file and the start of each of its lines, indexed on first use (most files of a
/// large register never need it).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user named it.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
    /// Whether each line is ASCII, where a column is also a byte offset.
    ascii_lines: OnceLock<Vec<bool>>,
    /// Where the nodes of the parsed file stand, for locating findings; `None` when the file
    /// did not parse.
    pub positions: Option<Positions>,
}

impl SourceFile {
    /// A file with this text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
            ascii_lines: OnceLock::new(),
            positions: None,
        }
    }

    /// This file with the positions of its parsed nodes.
    pub fn with_positions(mut self, positions: Option<Positions>) -> Self {
        self.positions = positions;
        self
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// The text of a 1-based line, without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &str {
        let starts = self.line_starts();
        if line == 0 || line > starts.len() {
            return "";
        }
        let start = starts[line - 1];
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Whether a 1-based line is pure ASCII (its columns are then byte offsets); false past the
    /// end. All lines are looked at once, on first use, so asking costs the same for every line.
    pub fn line_is_ascii(&self, line: usize) -> bool {
        let ascii = self.ascii_lines.get_or_init(|| {
            (1..=self.line_count())
                .map(|n| self.line(n).is_ascii())
                .collect()
        });
        line.checked_sub(1)
            .and_then(|i| ascii.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

/// Every file read during a run, by path, so formatters can quote the offending line.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: HashMap<PathBuf, Arc<SourceFile>>,
}

impl SourceMap {
    /// Remember a file.
    pub fn insert(&mut self, file: Arc<SourceFile>) {
        self.files.insert(file.path.clone(), file);
    }
    /// The file at this path, if it was read.
    pub fn get(&self, path: &Path) -> Option<&SourceFile> {
        self.files.get(path).map(|f| f.as_ref())
    }
    /// Merge another map into this one.
    pub fn extend(&mut self, other: SourceMap) {
        self.files.extend(other.files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_lines() {
        let f = SourceFile::new("a.yaml", "ab\néé: x\n\nlast".to_string());
        assert_eq!(f.position(0), Position::new(1, 1));
        assert_eq!(f.position(3), Position::new(2, 1));
        // 'x' is after two 2-byte chars, ':' and ' ': byte 3+4+2 = 9, column 5
        assert_eq!(f.position(9), Position::new(2, 5));
        assert_eq!(f.line(2), "éé: x");
        assert_eq!(f.line(3), "");
        assert_eq!(f.line(4), "last");
        assert_eq!(f.line(5), "");
        assert_eq!(f.line_count(), 4);
        assert!(f.line_is_ascii(1) && !f.line_is_ascii(2) && f.line_is_ascii(4));
        assert!(!f.line_is_ascii(5));
    }
}
