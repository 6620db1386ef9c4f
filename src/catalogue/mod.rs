//! The code catalogue: every code ropa reports (RP001…), each one `&'static` [`Code`] with its
//! name, default severity, summary, documentation and whether it is fatal. A finding holds a
//! reference to its entry, so a code and its name cannot disagree and no stage looks a code up
//! by string.
//!
//! The codes of the loader ([`loading`]), of the policy stage ([`policy`]) and of the reference
//! checks ([`references`], RP020 and RP021) and of the text check ([`text`], RP015), the rules
//! in the loader's hundred, are declared here;
//! every other rule declares its own code next to its check (`crate::rules`), and
//! `crate::rules::catalogue()` gathers them all into one [`Catalogue`].

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

/// Declares a catalogue entry: a `static` [`Code`] whose doc comment is its documentation.
macro_rules! declare_code {
    (
        $(#[doc = $doc:literal])*
        pub static $name:ident = {
            code: $code:literal,
            name: $cname:literal,
            severity: $sev:ident,
            fatal: $fatal:literal,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::catalogue::Code = $crate::catalogue::Code {
            code: $code,
            name: $cname,
            default_severity: $crate::catalogue::Severity::$sev,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            fatal: $fatal,
        };
    };
}

pub mod loading;
pub mod policy;
pub mod references;
pub mod text;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed: the register is incomplete or unlawful as written.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One entry of the catalogue: what a code means.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// Stable code, never reused: `RP` and three digits.
    pub code: &'static str,
    /// Kebab-case name of the problem, e.g. `missing-legal-basis`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line: what the code reports.
    pub summary: &'static str,
    /// The documentation, as Markdown with the sections What it checks, Why, Example, How to fix.
    pub doc: &'static str,
    /// Whether the finding stops a file from loading: no setting can lower or waive it.
    pub fatal: bool,
}

impl Code {
    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// Whether `selector` names this code, by code (any case) or by name.
    pub fn matches(&self, selector: &str) -> bool {
        self.code.eq_ignore_ascii_case(selector) || self.name == selector
    }
}

impl PartialEq<str> for Code {
    /// A code equals its code string (`RP200`), so tests and filters can write `d.code == "RP200"`.
    fn eq(&self, other: &str) -> bool {
        self.code == other
    }
}

impl fmt::Display for Code {
    /// The code, e.g. `RP200`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// The codes found by a stage rather than by a rule: loading, then policy.
pub fn stage_codes() -> impl Iterator<Item = &'static Code> {
    loading::ALL.iter().chain(policy::ALL).copied()
}

/// Every code, in code order, indexed by code and by name.
#[derive(Debug)]
pub struct Catalogue {
    codes: Vec<&'static Code>,
    /// Upper-case code or name to its place in `codes`.
    index: HashMap<String, usize>,
}

impl Catalogue {
    /// A catalogue of these codes, sorted by code.
    pub fn new(codes: impl IntoIterator<Item = &'static Code>) -> Self {
        let mut codes: Vec<&'static Code> = codes.into_iter().collect();
        codes.sort_by_key(|c| c.code);
        let mut index = HashMap::with_capacity(codes.len() * 2);
        for (i, c) in codes.iter().enumerate() {
            index.insert(c.code.to_ascii_uppercase(), i);
            index.insert(c.name.to_string(), i);
        }
        Catalogue { codes, index }
    }

    /// Every code, in code order.
    pub fn codes(&self) -> &[&'static Code] {
        &self.codes
    }

    /// The entry a selector names, by code (any case) or by name.
    pub fn find(&self, selector: &str) -> Option<&'static Code> {
        let i = self
            .index
            .get(selector)
            .or_else(|| self.index.get(&selector.to_ascii_uppercase()))?;
        let code = self.codes[*i];
        code.matches(selector).then_some(code)
    }

    /// The place of a code in [`Catalogue::codes`].
    pub fn position(&self, code: &Code) -> Option<usize> {
        self.index.get(code.code).copied()
    }

    /// Every name, for "did you mean".
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.codes.iter().map(|c| c.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_codes_are_fatal_up_to_unreadable_file() {
        for code in stage_codes() {
            assert_eq!(
                code.fatal,
                code.code <= loading::UNREADABLE_FILE.code,
                "{}",
                code.code
            );
        }
    }

    #[test]
    fn find_by_code_in_any_case_and_by_exact_name() {
        let catalogue = Catalogue::new(stage_codes());
        let by_code = catalogue.find("rp010").map(|c| c.name);
        assert_eq!(by_code, Some("schema-violation"));
        let by_name = catalogue.find("schema-violation").map(|c| c.code);
        assert_eq!(by_name, Some(loading::SCHEMA_VIOLATION.code));
        assert!(catalogue.find("SCHEMA-VIOLATION").is_none());
        assert!(catalogue.find("nothing").is_none());
    }
}
