//! Diagnostics as data: what a check found, where, and how bad it is. Each output format lives in
//! its own file and renders a [`Report`]; nothing here prints.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

pub use crate::catalogue::Severity;
use crate::catalogue::{Catalogue, Code};
use crate::source::{Position, SourceMap};

/// Text from the register made safe for a terminal: control characters (escape sequences, line
/// breaks, bells), bidirectional overrides and byte order marks are shown escaped (`\u{1b}`,
/// `\n`), so that a register cannot restyle, clear or reorder what the reader sees, and each
/// finding stays on its lines.
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_where(text, hidden)
}

/// Text of several lines made safe for a terminal, as [`printable`] but keeping its line breaks
/// and tabs: for listings and reports that quote the register.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| hidden(c) && c != '\n' && c != '\t')
}

/// `text` with the characters `shown` picks written as Rust escapes (`\u{1b}`, `\n`).
fn escape_where(text: &str, shown: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !may_hide(text) || !text.contains(&shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if shown(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a character would act on a terminal or reorder text rather than show: control
/// characters, bidirectional controls (overrides, isolates, marks), byte order marks.
pub(crate) fn hidden(c: char) -> bool {
    c.is_control() || crate::controls::is_bidi(c) || c == '\u{feff}'
}

/// Whether `text` may hold a [`hidden`] character, from its bytes (see [`crate::controls::may_hide`]).
pub(crate) fn may_hide(text: &str) -> bool {
    crate::controls::may_hide(text, true)
}

/// The formats a report is written in (`ropa check --format`). Adding one: a variant here, its
/// file in this folder, and its arm in [`Format::write`]; the command line, its help and the
/// tests that run every format take the list from this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings with the offending line, for people.
    Human,
    /// A stable JSON shape, for scripts.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
}

impl Format {
    /// Write `report` in this format, as `options` say.
    pub fn write(
        self,
        report: &Report,
        catalogue: &Catalogue,
        options: &WriteOptions<'_>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            Format::Human => human::write(report, options.colour, out),
            Format::Json => json::write(report, out),
            Format::Sarif => sarif::write(report, catalogue, options.root, options.help_uri, out),
            Format::Github => github::write(report, options.show_waived, out),
            Format::Junit => out.write_all(junit::render(report, options.fail_on).as_bytes()),
        }
    }
}

/// How to write a report, beyond its format; each field matters to some formats only.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions<'a> {
    /// Colour the human format.
    pub colour: bool,
    /// The lowest severity that fails the run, for JUnit, which counts failures.
    pub fail_on: Severity,
    /// The repository's root, which SARIF URIs are relative to.
    pub root: &'a std::path::Path,
    /// Include waived findings in the GitHub format (left out by default).
    pub show_waived: bool,
    /// Where the rule reference is published, for SARIF's `helpUri` (none by default).
    pub help_uri: Option<&'a str>,
}

impl Default for WriteOptions<'_> {
    fn default() -> Self {
        WriteOptions {
            colour: false,
            fail_on: Severity::Error,
            root: std::path::Path::new("."),
            show_waived: false,
            help_uri: None,
        }
    }
}

/// A waiver that covers a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedWaiver {
    /// Why the finding is accepted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it expires.
    pub expires: chrono::NaiveDate,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The catalogue entry of its code: code, name, documentation.
    pub code: &'static Code,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The file the finding is about, as the user named it (shared with the item it is about).
    pub file: Option<Arc<Path>>,
    /// JSON pointer of the offending node in that file.
    pub pointer: Option<String>,
    /// Line and column of the offending node (filled from the pointer after the rules ran).
    pub position: Option<Position>,
    /// Id of the activity the finding belongs to, if any.
    pub activity: Option<String>,
    /// The waiver that covers the finding, if any: a waived finding never fails a run. Shared by
    /// every finding the waiver covers.
    pub waiver: Option<Arc<AppliedWaiver>>,
    /// Whether the finding is about the key of the mapping entry at `pointer` rather than its value.
    pub on_key: bool,
}

impl Diagnostic {
    /// A finding of a code at its default severity; locate it with [`Diagnostic::at`].
    pub fn new(code: &'static Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity,
            message: message.into(),
            help: None,
            file: None,
            pointer: None,
            position: None,
            activity: None,
            waiver: None,
            on_key: false,
        }
    }

    /// Point at a node of a file by JSON pointer.
    pub fn at(mut self, file: impl Into<Arc<Path>>, pointer: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self.pointer = Some(pointer.into());
        self
    }

    /// Point at the key of the entry at the pointer, not its value. Loading keeps the positions
    /// of keys for the register's settings file only (`ropa.yaml`); in other files the finding
    /// is located at the value.
    pub fn key(mut self) -> Self {
        self.on_key = true;
        self
    }

    /// Point at a known line and column of a file.
    pub fn at_position(mut self, file: impl Into<Arc<Path>>, position: Position) -> Self {
        self.file = Some(file.into());
        self.position = Some(position);
        self
    }

    /// Give the finding another severity than its code's default.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Add a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach to an activity.
    pub fn activity(mut self, id: impl Into<String>) -> Self {
        self.activity = Some(id.into());
        self
    }

    /// Whether the finding counts towards the exit code at this threshold.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.waiver.is_none() && self.severity >= threshold
    }

    /// Sort key: file, line, column, code, message.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            self.file.as_deref(),
            self.position,
            self.code.code,
            self.message.as_str(),
        )
    }
}

impl Code {
    /// A finding of this code at its default severity.
    pub fn diagnostic(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self, message)
    }
}

/// Everything a check run produced: the findings, the files they point into, and what was checked.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for quoting lines.
    pub sources: SourceMap,
    /// Registers checked (their directories).
    pub registers: Vec<PathBuf>,
    /// Activities checked: (register directory, activity id, file).
    pub activities: Vec<(PathBuf, String, PathBuf)>,
    /// Checks that did not run because only some activity files of a register were checked.
    pub skipped: Vec<&'static str>,
}

impl Report {
    /// Count of unwaived findings per severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut c = (0, 0, 0);
        for d in self.diagnostics.iter().filter(|d| d.waiver.is_none()) {
            match d.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => c.2 += 1,
            }
        }
        c
    }

    /// Number of waived findings.
    pub fn waived(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.waiver.is_some())
            .count()
    }

    /// Whether any finding fails the run at this threshold.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.fails(threshold))
    }

    /// Sort findings into their stable order.
    pub fn sort(&mut self) {
        sort(&mut self.diagnostics);
    }
}

/// How many of `diagnostics` fail `ropa check` by default: errors, not waived (the number the
/// documents' draft banner shows).
pub fn open_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.fails(Severity::Error))
        .count()
}

/// Sort findings into the stable order of a report: file, line, column, code, message.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan that lets most text through as it is finds every hidden character.
    #[test]
    fn the_byte_scan_misses_no_hidden_character() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        let mut count = 0;
        for c in all.filter(|&c| hidden(c)) {
            count += 1;
            assert!(may_hide(&format!("text {c} text")), "{c:?}");
            assert_eq!(
                printable(&format!("a{c}")),
                format!("a{}", c.escape_default())
            );
        }
        // C0, DEL, C1, the 12 bidirectional controls and the byte order mark.
        assert_eq!(count, 32 + 1 + 32 + 12 + 1);
        assert!(!may_hide("Données des clients et des prospects (2026)"));
        // Guillemets (0xC2) and dashes (0xE2) share a first byte with hidden characters.
        assert!(may_hide("« prospects » – 2026"));
        assert_eq!(printable("« prospects » – 2026"), "« prospects » – 2026");
    }
}
