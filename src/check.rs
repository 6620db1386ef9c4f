//! A check run, as one pipeline read top to bottom: load every register under a path → run the
//! rules → apply the policy (levels, waivers, settings findings) → locate every finding. The
//! result is a [`Report`] for a formatter.

use std::path::Path;

use chrono::NaiveDate;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Report};
use crate::load::{self, LoadOutcome as Loaded};
use crate::model::{Register, RuleLevel};
use crate::policy::{self, Levels};
use crate::rules::{self, Context};

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
    let catalogue = rules::catalogue();
    policy::check_overrides(catalogue, &options.overrides)?;
    let mut loaded = load::load(path)?;
    let mut diagnostics = Vec::new();
    for register in &loaded.registers {
        diagnostics.extend(check_register(catalogue, register, options));
    }
    diagnostics.extend(loading_findings(catalogue, &loaded, options));
    loaded.locate(&mut diagnostics);
    let mut report = Report {
        diagnostics,
        sources: std::mem::take(&mut loaded.sources),
        registers: loaded.registers.iter().map(|r| r.root.clone()).collect(),
        activities: std::mem::take(&mut loaded.activity_files),
    };
    report.sort();
    free(loaded);
    Ok(report)
}

/// One loaded register: its settings findings and the rules' findings, waived and levelled by
/// its policy.
pub fn check_register(
    catalogue: &Catalogue,
    register: &Register,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let levels = Levels::new(
        catalogue,
        &register.config.item.settings.rules,
        &options.overrides,
    );
    let ctx = Context {
        register,
        as_of: options.as_of,
    };
    let mut found = policy::settings::findings(catalogue, register);
    found.extend(rules::run(&ctx, |code| levels.enabled(code)));
    policy::waivers::apply(catalogue, register, options.as_of, &mut found);
    found.into_iter().filter_map(|d| levels.apply(d)).collect()
}

/// The loader's findings, each levelled by the settings of the innermost register holding its
/// file (registers may nest).
fn loading_findings(
    catalogue: &Catalogue,
    loaded: &Loaded,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let levels: Vec<Levels> = loaded
        .registers
        .iter()
        .map(|r| Levels::new(catalogue, &r.config.item.settings.rules, &options.overrides))
        .collect();
    let outside = Levels::new(catalogue, &Default::default(), &options.overrides);
    let levels_of = |file: Option<&Path>| {
        let inner = loaded
            .registers
            .iter()
            .enumerate()
            .filter(|(_, r)| file.is_some_and(|f| f.starts_with(&r.root)))
            .max_by_key(|(_, r)| r.root.components().count());
        inner.map_or(&outside, |(i, _)| &levels[i])
    };
    loaded
        .diagnostics
        .iter()
        .filter_map(|d| levels_of(d.file.as_deref()).apply(d.clone()))
        .collect()
}

/// Freeing a large register node by node takes as long as a rule pass; use every core.
fn free(loaded: Loaded) {
    use rayon::prelude::*;
    loaded
        .registers
        .into_par_iter()
        .for_each(|r| r.activities.into_par_iter().for_each(drop));
}
