//! The GDPR rule set: one file per rule, `src/rules/<area>/<rule_name>.rs`, each with a stable
//! code, a kebab-case name, a default severity and one documentation text (its doc comment) that
//! feeds `ropa explain`, `ropa rules`, SARIF and the rule reference (src/rules/REFERENCE.md).
//! Analysis shared by an area's rules lives in the area's `mod.rs`; helpers for unit tests in
//! [`testing`]. Rules read the model and return diagnostics; they never do I/O, and never set
//! levels or waivers (that is `crate::policy`, which runs after them).
//!
//! # Adding a rule
//! 1. Pick the next free code in its area's hundred (`ropa rules` lists them; a code is never
//!    reused) and a kebab-case name saying what is wrong (`missing-legal-basis`).
//! 2. Write `src/rules/<area>/<rule_name>.rs`: `//!` one line, then `declare_rule! { /// docs
//!    pub struct Name { code, name, severity, summary } }` with the doc sections `## What it
//!    checks`, `## Why` (the article), `## Example`, `## How to fix`, and `impl Rule for Name`
//!    whose `check` pushes `Self::META.diagnostic(..)` / `Self::META.on_activity(..)` findings.
//!    Copy a short rule such as `reviews/review_overdue.rs`.
//! 3. In the area's `mod.rs`: `mod <rule_name>;`, `pub use <rule_name>::Name;`, and `&Name` in
//!    its `RULES`. (A new area also needs `mod <area>;` and `rules.extend(<area>::RULES)` in
//!    `gather()` below.) The catalogue, `ropa rules`, `ropa explain`, SARIF and settings pick it
//!    up from there.
//! 4. Fixtures: `tests/fixtures/rules/<CODE>-<name>/{fail,pass}/` (a test fails without them;
//!    a `ropa.yaml` only if the rule needs settings other than tests/fixtures/rules/ropa.yaml),
//!    then accept the new snapshot (`INSTA_UPDATE=always cargo test --test rule_fixtures`).
//! 5. Regenerate the reference: `cargo run -- rules --markdown > src/rules/REFERENCE.md`.

use chrono::NaiveDate;

use crate::catalogue::{self, Catalogue, Code};
use crate::diagnostics::Diagnostic;
use crate::model::{Activity, Register, Sourced};

/// Declares a rule: a unit struct whose doc comment is its documentation, and its catalogue
/// entry ([`Code`]) as `META`.
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
            pub const META: $crate::catalogue::Code = $crate::catalogue::Code {
                code: $code,
                name: $rname,
                default_severity: $crate::catalogue::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
                fatal: false,
            };
        }
        impl $crate::rules::Described for $name {
            fn meta(&self) -> &'static $crate::catalogue::Code {
                &Self::META
            }
        }
    };
    // A rule whose code the catalogue declares (`crate::catalogue::references`, `::text`).
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident = $entry:path;
    ) => {
        $(#[doc = $doc])*
        pub struct $name;
        impl $name {
            /// This rule's catalogue entry.
            pub const META: &'static $crate::catalogue::Code = &$entry;
        }
        impl $crate::rules::Described for $name {
            fn meta(&self) -> &'static $crate::catalogue::Code {
                Self::META
            }
        }
    };
}

mod completeness;
mod dpia;
mod lawfulness;
mod processors;
mod references;
mod retention;
mod reviews;
mod special_data;
#[cfg(test)]
pub(crate) mod testing;
mod text;
mod transfers;

/// A rule's catalogue entry (the name rules used before the catalogue held every code).
pub type RuleMeta = Code;

impl Code {
    /// A finding of this code about a node of an activity.
    pub fn on_activity(
        &'static self,
        activity: &Sourced<Activity>,
        pointer: &str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(message)
            .at(activity.file.clone(), activity.at(pointer))
            .activity(activity.item.id.clone())
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
    fn meta(&self) -> &'static Code;
}

/// A check over a register.
pub trait Rule: Described + Sync {
    /// Append findings about the register to `out`.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Every rule, in code order (gathered once per run).
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static dyn Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(gather)
}

fn gather() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = Vec::new();
    rules.extend(text::RULES);
    rules.extend(references::RULES);
    rules.extend(completeness::RULES);
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

/// The whole catalogue: the loader's and the policy stage's codes and every rule's (built once).
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::new(catalogue::stage_codes().chain(all().iter().map(|r| r.meta())))
    })
}

/// The rule with this code or name.
pub fn find(selector: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().matches(selector))
}

/// Run every rule that is not turned off on a register, appending the findings to `out`.
/// Rules run in parallel; their findings are concatenated in code order, so the result does not
/// depend on scheduling. `out` grows once, by the findings and the room it already had to spare
/// (for the caller's own findings after): the findings of 100,000 activities take about a
/// hundred megabytes, and growing by doubling would copy them and hold two copies.
pub fn run(ctx: &Context<'_>, enabled: impl Fn(&Code) -> bool + Sync, out: &mut Vec<Diagnostic>) {
    use rayon::prelude::*;
    let parts: Vec<Vec<Diagnostic>> = all()
        .par_iter()
        .filter(|rule| enabled(rule.meta()))
        .map(|rule| {
            let mut found = Vec::new();
            rule.check(ctx, &mut found);
            found
        })
        .collect();
    let spare = out.capacity() - out.len();
    out.reserve_exact(parts.iter().map(Vec::len).sum::<usize>() + spare);
    for part in parts {
        out.extend(part);
    }
}

/// The rule reference as Markdown: every rule's code, name, severity, summary and documentation.
/// Committed as src/rules/REFERENCE.md; a test fails when it is stale.
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# ropa rule reference\n\nGenerated by `ropa rules --markdown`; do not edit by hand.\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n",
    );
    let codes = catalogue().codes();
    for m in codes {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            m.code,
            m.code.to_lowercase(),
            m.name,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    for m in codes {
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
        for m in catalogue().codes() {
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
        for m in catalogue().codes() {
            let doc = m.documentation();
            for section in ["## What it checks", "## Why", "## Example", "## How to fix"] {
                assert!(
                    doc.contains(section),
                    "{} lacks the section `{section}`",
                    m.code
                );
            }
        }
    }
}
