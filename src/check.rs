//! A check run: load every register under a path, run the rules with the configured severities,
//! apply waivers, and locate every finding. The result is a [`Report`] for a formatter.

use std::path::Path;

use anyhow::bail;
use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Report, Severity};
use crate::load;
use crate::model::{Register, RuleLevel};
use crate::rules::{self, Context, RuleMeta, waivers};

/// How to run a check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The date the register is checked on.
    pub as_of: NaiveDate,
    /// Severity overrides for this run (`--deny`, `--warn`, `--allow`), in order; later wins.
    pub overrides: Vec<(String, RuleLevel)>,
}

/// Check every register under `path`. Fails for usage errors only (no register, unknown rule in
/// an override); problems in the register are findings in the report.
pub fn check(path: &Path, options: &CheckOptions) -> anyhow::Result<Report> {
    for (selector, _) in &options.overrides {
        if rules::find(selector).is_none() {
            bail!("unknown rule `{selector}`: run `ropa rules` to list codes and names");
        }
    }
    let outcome = load::load(path)?;
    let mut diagnostics = outcome.diagnostics.clone();
    for register in &outcome.registers {
        diagnostics.extend(check_register(register, options));
    }
    outcome.locate(&mut diagnostics);
    let mut report = Report {
        diagnostics,
        sources: outcome.sources.clone(),
        registers: outcome.registers.iter().map(|r| r.root.clone()).collect(),
        activities: outcome.activity_files.clone(),
    };
    report.sort();
    Ok(report)
}

/// Run the rules on one loaded register: configured severities, then waivers.
pub fn check_register(register: &Register, options: &CheckOptions) -> Vec<Diagnostic> {
    let ctx = Context {
        register,
        as_of: options.as_of,
    };
    let settings = &register.config.item.settings;
    let mut out = Vec::new();
    for selector in settings.rules.keys() {
        if rules::find(selector).is_none() {
            out.push(
                waivers_unknown_rule()
                    .diagnostic(format!("setting names unknown rule `{selector}`"))
                    .at(
                        register.config.file.clone(),
                        format!(
                            "/settings/rules/{}",
                            selector.replace('~', "~0").replace('/', "~1")
                        ),
                    )
                    .help("use a code or name listed by `ropa rules`"),
            );
        }
    }
    // The level configured for a rule, if any: the register's setting, then the run's overrides.
    let configured = |meta: &RuleMeta| -> Option<RuleLevel> {
        let mut level = settings
            .rules
            .iter()
            .filter(|(k, _)| meta.matches(k))
            .map(|(_, v)| *v)
            .next_back();
        for (selector, l) in &options.overrides {
            if meta.matches(selector) {
                level = Some(*l);
            }
        }
        level
    };
    let mut found = rules::run(&ctx, |m| configured(m) != Some(RuleLevel::Off));
    waivers::apply(&ctx, &mut found);
    let all = rules::all();
    found.retain_mut(|d| {
        let Some(rule) = all.iter().find(|r| r.meta().code == d.code) else {
            return true;
        };
        match configured(rule.meta()) {
            // A rule that is not configured keeps the severity it chose for each finding.
            None => true,
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Error) => {
                d.severity = Severity::Error;
                true
            }
            Some(RuleLevel::Warning) => {
                d.severity = Severity::Warning;
                true
            }
            Some(RuleLevel::Info) => {
                d.severity = Severity::Info;
                true
            }
        }
    });
    out.extend(found);
    out
}

fn waivers_unknown_rule() -> &'static RuleMeta {
    &waivers::UnknownRule::META
}
