//! The JUnit XML format, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).
//!
//! One `<testsuite>` per register (named after its directory), one `<testcase>` per activity
//! (classname: the register, name: the activity id), and one per other file with findings
//! (`ropa.yaml`, `vendors.yaml`, `measures.yaml`), named after the file. A test case fails when
//! one of its findings fails the run at the threshold; its other findings (below the threshold,
//! or waived) are listed in `<system-out>`.
//!
//! ```xml
//! <testsuites name="ropa" tests="2" failures="1" errors="0" skipped="0">
//!   <testsuite name="registers/a" tests="2" failures="1" errors="0" skipped="0">
//!     <testcase classname="registers/a" name="billing" file="registers/a/activities/billing.yaml">
//!       <failure message="1 finding" type="error">registers/a/activities/billing.yaml:4:5 RP021 ...</failure>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::sarif::slash_path;
use super::{Diagnostic, Report, Severity};

/// Name of the suite that holds findings not attached to any file or register.
const UNATTACHED_SUITE: &str = "ropa";
/// Name of the test case that holds findings not attached to any file.
const UNATTACHED_CASE: &str = "(no file)";

/// A test case being built.
struct Case<'a> {
    name: String,
    file: Option<String>,
    findings: Vec<&'a Diagnostic>,
}

/// A suite being built: the activities of the register in report order, then other files.
struct Suite<'a> {
    dir: Option<PathBuf>,
    activities: Vec<Case<'a>>,
    files: Vec<Case<'a>>,
    /// Name of a case of `files` to its place.
    file_index: HashMap<String, usize>,
}

impl<'a> Suite<'a> {
    fn new(dir: Option<PathBuf>) -> Self {
        Suite {
            dir,
            activities: Vec::new(),
            files: Vec::new(),
            file_index: HashMap::new(),
        }
    }

    fn name(&self) -> String {
        match &self.dir {
            Some(d) => slash_path(d),
            None => UNATTACHED_SUITE.to_string(),
        }
    }

    fn file_case(&mut self, name: String, file: Option<String>) -> &mut Case<'a> {
        let i = match self.file_index.get(&name) {
            Some(&i) => i,
            None => {
                self.file_index.insert(name.clone(), self.files.len());
                self.files.push(Case {
                    name,
                    file,
                    findings: Vec::new(),
                });
                self.files.len() - 1
            }
        };
        &mut self.files[i]
    }
}

/// Render a report as JUnit XML; a test case fails when a finding fails the run at `fail_on`.
pub fn render(report: &Report, fail_on: Severity) -> String {
    let mut suites = build(report);
    for s in &mut suites {
        s.files.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let fails = |c: &Case<'_>| c.findings.iter().any(|d| d.fails(fail_on));
    let total_tests: usize = suites
        .iter()
        .map(|s| s.activities.len() + s.files.len())
        .sum();
    let total_failures: usize = suites
        .iter()
        .map(|s| {
            s.activities
                .iter()
                .chain(&s.files)
                .filter(|c| fails(c))
                .count()
        })
        .sum();

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"ropa\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\" skipped=\"0\">"
    );
    for s in &suites {
        let name = escape_attr(&s.name());
        let cases: Vec<&Case<'_>> = s.activities.iter().chain(&s.files).collect();
        let failures = cases.iter().filter(|c| fails(c)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
            cases.len()
        );
        for c in cases {
            write_case(&mut out, &name, c, fail_on);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn write_case(out: &mut String, classname: &str, case: &Case<'_>, fail_on: Severity) {
    let _ = write!(
        out,
        "    <testcase classname=\"{classname}\" name=\"{}\"",
        escape_attr(&case.name)
    );
    if let Some(file) = &case.file {
        let _ = write!(out, " file=\"{}\"", escape_attr(file));
    }
    let (failing, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        case.findings.iter().partition(|d| d.fails(fail_on));
    if failing.is_empty() && other.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if !failing.is_empty() {
        let worst = failing
            .iter()
            .map(|d| d.severity)
            .max()
            .unwrap_or(Severity::Error);
        let message = if failing.len() == 1 {
            "1 finding".to_string()
        } else {
            format!("{} findings", failing.len())
        };
        let body: Vec<String> = failing.iter().map(|d| line(d)).collect();
        let _ = writeln!(
            out,
            "      <failure message=\"{message}\" type=\"{}\">{}</failure>",
            worst.as_str(),
            escape_text(&body.join("\n"))
        );
    }
    if !other.is_empty() {
        let body: Vec<String> = other
            .iter()
            .map(|d| match &d.waiver {
                Some(w) => format!(
                    "{} [{}, waived: {} (approved by {}, until {})]",
                    line(d),
                    d.severity.as_str(),
                    w.reason,
                    w.approved_by,
                    w.expires
                ),
                None => format!("{} [{}]", line(d), d.severity.as_str()),
            })
            .collect();
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            escape_text(&body.join("\n"))
        );
    }
    out.push_str("    </testcase>\n");
}

/// `file:line:col CODE name: message`, with as much of the location as is known.
fn line(d: &Diagnostic) -> String {
    let location = match (&d.file, d.position) {
        (Some(f), Some(p)) => format!("{}:{}:{} ", slash_path(f), p.line, p.column),
        (Some(f), None) => format!("{} ", slash_path(f)),
        (None, _) => String::new(),
    };
    format!("{location}{} {}: {}", d.code, d.code.name, d.message)
}

/// Suites by register directory: sorted, the findings attached to no file last.
type Suites<'a> = BTreeMap<(bool, PathBuf), Suite<'a>>;

/// The suite of `dir` (`None`: findings attached to no file), made if it is new.
fn suite<'s, 'a>(suites: &'s mut Suites<'a>, dir: Option<&Path>) -> &'s mut Suite<'a> {
    let key = (
        dir.is_none(),
        dir.map(Path::to_path_buf).unwrap_or_default(),
    );
    suites
        .entry(key)
        .or_insert_with(|| Suite::new(dir.map(Path::to_path_buf)))
}

/// Group the report into suites and test cases, suites sorted by register directory. Each
/// finding is placed by a lookup (its activity by file or id, its register by the file's
/// folders), so the cost grows with the findings and activities, not their product.
fn build(report: &Report) -> Vec<Suite<'_>> {
    let mut suites: Suites<'_> = BTreeMap::new();
    for dir in &report.registers {
        suite(&mut suites, Some(dir));
    }
    // Where each activity's case is, by its file and (for findings without a file) by its id;
    // the first activity wins, as the report lists them.
    let mut by_file: HashMap<&Path, (&Path, usize)> = HashMap::new();
    let mut by_id: HashMap<&str, (&Path, usize)> = HashMap::new();
    for (dir, id, file) in &report.activities {
        let target = suite(&mut suites, Some(dir));
        let at = (dir.as_path(), target.activities.len());
        target.activities.push(Case {
            name: id.clone(),
            file: Some(slash_path(file)),
            findings: Vec::new(),
        });
        by_file.entry(file.as_path()).or_insert(at);
        by_id.entry(id.as_str()).or_insert(at);
    }
    for d in &report.diagnostics {
        let activity = match &d.file {
            Some(f) => by_file.get(&**f),
            None => d.activity.as_deref().and_then(|id| by_id.get(id)),
        };
        if let Some(&(dir, i)) = activity {
            suite(&mut suites, Some(dir)).activities[i].findings.push(d);
            continue;
        }
        match &d.file {
            Some(file) => {
                // The deepest known register holding the file, else the file's own folder (a
                // register whose ropa.yaml failed to load is still named after its directory).
                let dir = file
                    .ancestors()
                    .find(|dir| suites.contains_key(&(false, dir.to_path_buf())))
                    .or_else(|| file.parent())
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let name = file
                    .strip_prefix(&dir)
                    .map(slash_path)
                    .unwrap_or_else(|_| slash_path(file));
                suite(&mut suites, Some(&dir))
                    .file_case(name, Some(slash_path(file)))
                    .findings
                    .push(d);
            }
            None => {
                suite(&mut suites, None)
                    .file_case(UNATTACHED_CASE.to_string(), None)
                    .findings
                    .push(d);
            }
        }
    }
    suites.into_values().collect()
}

/// Escape text content: markup characters, and characters XML 1.0 cannot hold at all.
pub fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// Escape an attribute value: as text, and line breaks and tabs too so that they survive
/// attribute-value normalisation.
pub fn escape_attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            // Not allowed in XML 1.0, not even as a character reference, or (DEL, C1,
            // bidirectional controls) acting on the terminal that shows the log: the code point.
            c if c < ' ' || super::hidden(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{loading, policy};
    use crate::source::Position;

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        assert_eq!(
            escape_text("<&\"'>\t\n\r\u{1b}"),
            "&lt;&amp;&quot;&apos;&gt;\t\n&#13;\\u{1b}"
        );
        assert_eq!(escape_attr("a\tb\nc"), "a&#9;b&#10;c");
        // Allowed in XML, but they would act on the terminal that shows the log.
        assert_eq!(
            escape_text("\u{7f}\u{9b}\u{202e}é"),
            "\\u{7f}\\u{9b}\\u{202e}é"
        );
    }

    #[test]
    fn findings_outside_activities_go_to_a_case_named_after_the_file() {
        let report = Report {
            diagnostics: vec![
                Diagnostic::new(&loading::SCHEMA_VIOLATION, "bad")
                    .severity(Severity::Error)
                    .at_position(
                        std::path::Path::new("regs/a/vendors.yaml"),
                        Position::new(2, 3),
                    ),
                Diagnostic::new(&loading::FILE_NAME_MISMATCH, "w")
                    .severity(Severity::Warning)
                    .at_position(
                        std::path::Path::new("regs/a/activities/x.yaml"),
                        Position::new(5, 1),
                    ),
                Diagnostic::new(&policy::UNKNOWN_RULE, "loose").severity(Severity::Info),
            ],
            registers: vec!["regs/a".into()],
            activities: vec![(
                "regs/a".into(),
                "x".into(),
                "regs/a/activities/x.yaml".into(),
            )],
            ..Report::default()
        };
        let xml = render(&report, Severity::Error);
        assert!(xml.contains(
            "<testsuites name=\"ropa\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\">"
        ));
        assert!(xml.contains("<testcase classname=\"regs/a\" name=\"vendors.yaml\""));
        assert!(xml.contains("regs/a/vendors.yaml:2:3 RP010 schema-violation: bad"));
        assert!(xml.contains("<system-out>regs/a/activities/x.yaml:5:1 RP013"));
        assert!(xml.contains("<testsuite name=\"ropa\" tests=\"1\" failures=\"0\""));
        // At the warning threshold the activity fails too.
        let xml = render(&report, Severity::Warning);
        assert!(xml.contains("tests=\"3\" failures=\"2\""));
    }
}
