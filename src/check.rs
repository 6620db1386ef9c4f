//! A check run: load every register under a path, run the rules, apply waivers and the configured
//! severities, and locate every finding. The result is a [`Report`] for a formatter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::bail;
use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Report, Severity};
use crate::load::{self, Selection, closest};
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

/// Findings that stop a file from loading: no setting can lower them, since the file's content
/// is unknown to every other check.
const FATAL: &[&str] = &[
    "RP001", "RP002", "RP003", "RP004", "RP005", "RP006", "RP007", "RP008", "RP009", "RP010",
    "RP011", "RP012",
];

/// Check every register under `path`. Fails for usage errors only (no register, unknown rule in
/// an override); problems in the register are findings in the report.
pub fn check(path: &Path, options: &CheckOptions) -> anyhow::Result<Report> {
    check_paths(&[path.to_path_buf()], options)
}

/// Check what `paths` name (see [`load::select`]): whole registers, and activity files checked
/// against their register's settings and catalogues. For a register of which only some
/// activities are checked, the report keeps the findings about those files (and the errors that
/// stop its settings or catalogues from loading), and lists the checks that need the whole
/// register in [`Report::skipped`].
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> anyhow::Result<Report> {
    for (selector, _) in &options.overrides {
        if rules::find(selector).is_none() {
            bail!("unknown rule `{selector}`: run `ropa rules` to list codes and names");
        }
    }
    let selections = load::select(paths)?;
    let mut outcome = load::load_selected(&selections);
    let mut diagnostics = Vec::new();
    for register in &outcome.registers {
        diagnostics.extend(check_register(register, options));
    }
    // Loading findings follow the settings of the register whose file they are about.
    let no_settings = BTreeMap::new();
    for d in &outcome.diagnostics {
        let settings = d
            .file
            .as_deref()
            // The innermost register holding the file: registers may nest.
            .and_then(|f| {
                outcome
                    .registers
                    .iter()
                    .filter(|r| f.starts_with(&r.root))
                    .max_by_key(|r| r.root.components().count())
            })
            .map_or(&no_settings, |r| &r.config.item.settings.rules);
        if let Some(d) = configure(d.clone(), settings, &options.overrides) {
            diagnostics.push(d);
        }
    }
    let partial: Vec<&Selection> = selections
        .iter()
        .filter(|s| s.activities.is_some())
        .collect();
    if !partial.is_empty() {
        diagnostics.retain(|d| about_selected(d, &partial));
    }
    outcome.locate(&mut diagnostics);
    let registers = outcome.registers.iter().map(|r| r.root.clone()).collect();
    let mut report = Report {
        diagnostics,
        sources: std::mem::take(&mut outcome.sources),
        registers,
        activities: std::mem::take(&mut outcome.activity_files),
        skipped: if partial.is_empty() {
            Vec::new()
        } else {
            WHOLE_REGISTER_CHECKS.to_vec()
        },
    };
    report.sort();
    // Freeing a large register node by node takes as long as a rule pass; use every core.
    {
        use rayon::prelude::*;
        outcome
            .registers
            .into_par_iter()
            .for_each(|r| r.activities.into_par_iter().for_each(drop));
    }
    Ok(report)
}

/// The checks that only a whole register allows, skipped when only some of its activity files
/// are checked.
const WHOLE_REGISTER_CHECKS: &[&str] = &[
    "ids unique across activities (duplicate-id)",
    "vendors that no activity names (unused-vendor)",
    "entries of activities/ that are not read (ignored-file)",
];

/// Whether a finding is about what a partial check selected: one of its activity files, or an
/// error that stops the register's settings or catalogues from loading (the activities could
/// not be checked against them). Findings about a register loaded whole are all kept.
fn about_selected(d: &Diagnostic, partial: &[&Selection]) -> bool {
    let Some(file) = d.file.as_deref() else {
        return true;
    };
    let Some(selection) = partial
        .iter()
        .filter(|s| file.starts_with(&s.root))
        .max_by_key(|s| s.root.components().count())
    else {
        return true;
    };
    let activities = selection.activities.as_deref().unwrap_or_default();
    activities
        .binary_search_by(|a| a.as_path().cmp(file))
        .is_ok()
        || (FATAL.contains(&d.code) && file.parent() == Some(selection.root.as_path()))
}

/// Run the rules on one loaded register, apply its waivers, then the configured severities.
pub fn check_register(register: &Register, options: &CheckOptions) -> Vec<Diagnostic> {
    let ctx = Context {
        register,
        as_of: options.as_of,
    };
    let settings = &register.config.item.settings.rules;
    let mut found = rule_settings_findings(register);
    found.extend(rules::run(&ctx, |m| {
        level(m, settings, &options.overrides) != Some(RuleLevel::Off)
    }));
    waivers::apply(&ctx, &mut found);
    found
        .into_iter()
        .filter_map(|d| configure(d, settings, &options.overrides))
        .collect()
}

/// Settings that name no rule, and rules set by two keys (code and name).
fn rule_settings_findings(register: &Register) -> Vec<Diagnostic> {
    let settings = &register.config.item.settings.rules;
    let pointer = |selector: &str| {
        let mut pointer = String::from("/settings/rules/");
        crate::yaml::push_escaped(&mut pointer, selector);
        pointer
    };
    let mut found = Vec::new();
    for rule in rules::all() {
        let meta = rule.meta();
        let keys: Vec<&String> = settings.keys().filter(|k| meta.matches(k)).collect();
        // `level` applies the last key in the map's order.
        if let [.., applied] = keys.as_slice()
            && keys.len() > 1
        {
            for key in &keys[..keys.len() - 1] {
                found.push(
                    waivers::DuplicateRuleSetting::META
                        .diagnostic(format!(
                            "rule {} ({}) is also set by `{applied}`, which applies; this setting is ignored",
                            meta.code, meta.name
                        ))
                        .at(register.config.file.clone(), pointer(key))
                        .key()
                        .help("keep one setting per rule"),
                );
            }
        }
    }
    found.extend(unknown_rule_settings(register, settings, pointer));
    found
}

/// Settings that name no rule.
fn unknown_rule_settings(
    register: &Register,
    settings: &BTreeMap<String, RuleLevel>,
    pointer: impl Fn(&str) -> String,
) -> Vec<Diagnostic> {
    let names: Vec<String> = rules::all()
        .iter()
        .map(|r| r.meta().name.to_string())
        .collect();
    settings
        .keys()
        .filter(|selector| rules::find(selector).is_none())
        .map(|selector| {
            let mut help = match closest(selector, &names) {
                Some(s) => format!("did you mean `{s}`? "),
                None => String::new(),
            };
            help.push_str("use a code or name listed by `ropa rules`");
            waivers::UnknownRule::META
                .diagnostic(format!("setting names unknown rule `{selector}`"))
                .at(register.config.file.clone(), pointer(selector))
                .key()
                .help(help)
        })
        .collect()
}

/// The level configured for a rule, if any: the register's setting, then the run's overrides.
fn level(
    meta: &RuleMeta,
    settings: &BTreeMap<String, RuleLevel>,
    overrides: &[(String, RuleLevel)],
) -> Option<RuleLevel> {
    let mut level = settings
        .iter()
        .filter(|(k, _)| meta.matches(k))
        .map(|(_, v)| *v)
        .next_back();
    for (selector, l) in overrides {
        if meta.matches(selector) {
            level = Some(*l);
        }
    }
    level
}

/// Apply the configured level to a finding: `None` when its rule is turned off. A rule that is
/// not configured keeps the severity it chose for each finding.
fn configure(
    mut d: Diagnostic,
    settings: &BTreeMap<String, RuleLevel>,
    overrides: &[(String, RuleLevel)],
) -> Option<Diagnostic> {
    crate::work::count(crate::work::Work::FindingsConfigured, 1);
    if FATAL.contains(&d.code) {
        return Some(d);
    }
    let Some(rule) = rules::find(d.code) else {
        return Some(d);
    };
    match level(rule.meta(), settings, overrides) {
        None => {}
        Some(RuleLevel::Off) => return None,
        Some(RuleLevel::Error) => d.severity = Severity::Error,
        Some(RuleLevel::Warning) => d.severity = Severity::Warning,
        Some(RuleLevel::Info) => d.severity = Severity::Info,
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::{Work, take};

    /// A register of `n` activities, each with three purposes without a legal basis (three
    /// findings), one declared transfer to an EEA country (one more) and three waivers: one
    /// covering the three findings, one scoped to a purpose, one covering nothing.
    fn register(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("activities")).unwrap();
        std::fs::write(
            root.join("ropa.yaml"),
            "organisation:\n  name: Work SAS\n  address: 1 rue de la Paix, Paris\n  email: privacy@work.example\n",
        )
        .unwrap();
        for i in 0..n {
            std::fs::write(
                root.join(format!("activities/a{i}.yaml")),
                format!(
                    "id: a{i}\nname: Activity {i}\ndescription: Activity number {i}.\nowner: Operations\nrole: controller\ncreated: 2024-01-15\nupdated: 2026-06-01\npurposes:\n  - description: One\n  - description: Two\n  - description: Three\noperations: [collection]\ndata_subjects:\n  - id: customers\n    name: Customers\ndata_categories:\n  - id: identity\n    name: Identity\nrecipients:\n  - kind: internal\n    name: Customer service\nretention:\n  - periods:\n      - duration: P1Y\n    end_action: delete\ntransfers:\n  - country: DE\nwaivers:\n  - rule: RP200\n    reason: Under review.\n    approved_by: DPO\n    expires: 2027-12-31\n  - rule: RP200\n    pointer: /purposes/1\n    reason: Under review.\n    approved_by: DPO\n    expires: 2027-12-31\n  - rule: RP700\n    reason: Planned.\n    approved_by: DPO\n    expires: 2027-12-31\n"
                ),
            )
            .unwrap();
        }
        dir
    }

    /// The counted work of a check of `n` activities, on one thread.
    fn work(n: usize) -> ([usize; 3], Report) {
        let dir = register(n);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        pool.install(|| {
            for kind in [
                Work::WaiverCandidates,
                Work::LocationSteps,
                Work::FindingsConfigured,
            ] {
                take(kind);
            }
            let options = CheckOptions {
                as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                overrides: Vec::new(),
            };
            let report = check(dir.path(), &options).unwrap();
            (
                [
                    take(Work::WaiverCandidates),
                    take(Work::LocationSteps),
                    take(Work::FindingsConfigured),
                ],
                report,
            )
        })
    }

    /// Four times the activities, findings and waivers: four times the work, not sixteen.
    #[test]
    fn work_on_findings_and_waivers_grows_linearly() {
        let (small, report) = work(1_000);
        let codes =
            |r: &Report, code: &str| r.diagnostics.iter().filter(|d| d.code == code).count();
        // Every activity: three waived findings, one transfer within the EEA, one unused waiver.
        assert_eq!(report.waived(), 3_000);
        assert_eq!(codes(&report, "RP506"), 1_000);
        assert_eq!(codes(&report, "RP901"), 1_000);
        let (large, report) = work(4_000);
        assert_eq!(report.waived(), 12_000);
        for (i, what) in ["waiver candidates", "location steps", "findings configured"]
            .iter()
            .enumerate()
        {
            assert!(small[i] >= 1_000, "{what}: {small:?}");
            let ratio = large[i] as f64 / small[i] as f64;
            assert!(
                (3.6..=4.4).contains(&ratio),
                "{what} grew {ratio:.2}x for 4x the register ({} to {})",
                small[i],
                large[i]
            );
        }
    }
}
