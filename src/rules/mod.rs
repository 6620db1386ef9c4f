//! The GDPR rule set: one file per rule, each with a stable code, a kebab-case name, a default
//! severity and one documentation text (its doc comment) that feeds `ropa explain`, `ropa rules`,
//! SARIF and docs/rules.md. Rules read the model and return diagnostics; they never do I/O.

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, Register, Sourced};

/// Declares a rule: a unit struct whose doc comment is its documentation, and its metadata.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            /// This rule's code, name, severity and documentation.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                default_severity: $crate::diagnostics::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
        impl $crate::rules::Described for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}

mod completeness;
mod dpia;
mod lawfulness;
mod loading;
mod notices;
mod processors;
mod references;
mod retention;
mod reviews;
mod special_data;
mod transfers;
pub mod waivers;

/// What describes a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable code, never reused: `RP` and three digits.
    pub code: &'static str,
    /// Kebab-case name of the problem, e.g. `missing-legal-basis`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The documentation, as Markdown with the sections What it checks, Why, Example, How to fix.
    pub doc: &'static str,
}

impl RuleMeta {
    /// A finding of this rule at its default severity.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code, self.name, self.default_severity, message)
    }

    /// A finding of this rule about a node of an activity.
    pub fn on_activity(
        &self,
        activity: &Sourced<Activity>,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(message)
            .at(activity.file.clone(), activity.at(pointer))
            .activity(activity.item.id.clone())
    }

    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// Whether `selector` names this rule, by code or by name.
    pub fn matches(&self, selector: &str) -> bool {
        self.code.eq_ignore_ascii_case(selector) || self.name == selector
    }
}

/// What a rule sees: one register and the date the check is made on.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The register.
    pub register: &'a Register,
    /// The check date: every time-dependent rule uses it, never the clock.
    pub as_of: NaiveDate,
}

/// What `declare_rule!` gives every rule: its metadata.
pub trait Described {
    /// Code, name, severity and documentation.
    fn meta(&self) -> &'static RuleMeta;
}

/// A check over a register.
pub trait Rule: Described + Sync {
    /// Append findings about the register to `out`. Rules that only document loading errors do
    /// nothing here.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Every rule, in code order (gathered once per run).
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(gather)
}

fn gather() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    rules.extend(loading::RULES);
    rules.extend(references::RULES);
    rules.extend(waivers::RULES);
    rules.extend(completeness::RULES);
    rules.extend(notices::RULES);
    rules.extend(lawfulness::RULES);
    rules.extend(special_data::RULES);
    rules.extend(retention::RULES);
    rules.extend(transfers::RULES);
    rules.extend(processors::RULES);
    rules.extend(dpia::RULES);
    rules.extend(reviews::RULES);
    rules.sort_by_key(|r| r.meta().code);
    rules
}

/// The rule with this code or name.
pub fn find(selector: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().matches(selector))
}

/// Run every rule that is not turned off on a register.
/// Rules run in parallel; their findings are concatenated in code order, so the result does not
/// depend on scheduling.
pub fn run(ctx: &Context<'_>, enabled: impl Fn(&RuleMeta) -> bool + Sync) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    all()
        .par_iter()
        .filter(|rule| enabled(rule.meta()))
        .map(|rule| {
            let mut out = Vec::new();
            rule.check(ctx, &mut out);
            out
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// The rule reference as Markdown: every rule's code, name, severity, summary and documentation.
/// Committed as src/rules/REFERENCE.md; a test fails when it is stale.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# ropa rule reference\n\nGenerated by `ropa rules --markdown`; do not edit by hand.\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    let rules = all();
    for r in rules {
        let m = r.meta();
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    for r in rules {
        let m = r.meta();
        out.push_str(&format!(
            "\n## {}\n\n`{}` · default severity: {} · {}\n\n",
            m.code,
            m.name,
            m.default_severity.as_str(),
            m.summary
        ));
        // Demote the rule's own headings one level below the rule's heading.
        for line in m.documentation().lines() {
            if let Some(h) = line.strip_prefix("## ") {
                out.push_str(&format!("### {h}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all() {
            let m = rule.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(
                m.code.len() == 5
                    && m.code.starts_with("RP")
                    && m.code[2..].chars().all(|c| c.is_ascii_digit()),
                "bad code {}",
                m.code
            );
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "bad name {}",
                m.name
            );
        }
    }

    #[test]
    fn every_rule_documents_every_section() {
        for rule in all() {
            let doc = rule.meta().documentation();
            for section in ["## What it checks", "## Why", "## Example", "## How to fix"] {
                assert!(
                    doc.contains(section),
                    "{} lacks the section `{section}`",
                    rule.meta().code
                );
            }
        }
    }
}
