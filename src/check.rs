//! A check run, as one pipeline read top to bottom: load every register under a path → run the
//! rules → apply the policy (levels, waivers, settings findings) → locate every finding. The
//! result is a [`Report`] for a formatter.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Diagnostic, Report};
use crate::load::{self, LoadOutcome as Loaded, Selection};
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
    check_paths(&[path.to_path_buf()], options)
}

/// Check what `paths` name (see [`load::select`]): whole registers, and activity files checked
/// against their register's settings and catalogues. For a register of which only some
/// activities are checked, the report keeps the findings about those files (and the errors that
/// stop its settings or catalogues from loading), and lists the checks that need the whole
/// register in [`Report::skipped`].
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> anyhow::Result<Report> {
    let catalogue = rules::catalogue();
    policy::check_overrides(catalogue, &options.overrides)?;
    let selections = load::select(paths)?;
    let mut loaded = load::load_selected(&selections);
    let mut diagnostics = findings(catalogue, &loaded, options);
    let partial: Vec<&Selection> = selections
        .iter()
        .filter(|s| s.activities.is_some())
        .collect();
    if !partial.is_empty() {
        diagnostics.retain(|d| about_selected(d, &partial));
    }
    loaded.locate(&mut diagnostics);
    let mut report = Report {
        diagnostics,
        sources: std::mem::take(&mut loaded.sources),
        registers: loaded.registers.iter().map(|r| r.root.clone()).collect(),
        activities: std::mem::take(&mut loaded.activity_files),
        skipped: if partial.is_empty() {
            Vec::new()
        } else {
            WHOLE_REGISTER_CHECKS.to_vec()
        },
    };
    // The register is no longer needed: free it before sorting, which takes room of its own.
    free(loaded);
    report.sort();
    Ok(report)
}

/// A register and its findings, located.
pub type Checked = (Register, Vec<Diagnostic>);

/// Load the one register in `dir` and check it, reading its files once: for commands that need
/// both the register and its findings (exports). `Err` holds the located problems that stop the
/// register from loading.
pub fn load_and_check(
    dir: &Path,
    options: &CheckOptions,
) -> anyhow::Result<Result<Checked, Vec<Diagnostic>>> {
    load_one_then(dir, options, |catalogue, loaded| {
        let mut diagnostics = findings(catalogue, loaded, options);
        loaded.locate(&mut diagnostics);
        diagnostics
    })
}

/// Load the one register in `dir` and count the errors (not waived) its check finds, as
/// [`load_and_check`] does but without locating the findings: for the documents' draft banner,
/// which shows only their number.
pub fn load_and_count_errors(
    dir: &Path,
    options: &CheckOptions,
) -> anyhow::Result<Result<(Register, usize), Vec<Diagnostic>>> {
    load_one_then(dir, options, |catalogue, loaded| {
        crate::diagnostics::open_errors(&findings(catalogue, loaded, options))
    })
}

/// Load the one register in `dir` and return it with what `then` makes of it; or the located
/// problems that stop it from loading.
fn load_one_then<T>(
    dir: &Path,
    options: &CheckOptions,
    then: impl FnOnce(&Catalogue, &mut Loaded) -> T,
) -> anyhow::Result<Result<(Register, T), Vec<Diagnostic>>> {
    let catalogue = rules::catalogue();
    policy::check_overrides(catalogue, &options.overrides)?;
    let mut loaded = load::load_selected(&[Selection {
        root: dir.to_path_buf(),
        activities: None,
    }]);
    let failed = loaded
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error);
    if failed || loaded.registers.len() != 1 {
        let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
        loaded.locate(&mut diagnostics);
        return Ok(Err(diagnostics));
    }
    let made = then(catalogue, &mut loaded);
    Ok(loaded
        .registers
        .pop()
        .map(|register| (register, made))
        .ok_or_else(Vec::new))
}

/// Every finding about `loaded`: the rules' and the loader's, levelled and waived, not located.
fn findings(catalogue: &Catalogue, loaded: &Loaded, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for register in &loaded.registers {
        let found = check_register(catalogue, register, options);
        // The first register's findings are taken as they are, not copied.
        if diagnostics.is_empty() {
            diagnostics = found;
        } else {
            diagnostics.extend(found);
        }
    }
    diagnostics.extend(loading_findings(catalogue, loaded, options));
    diagnostics
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
        || (d.code.fatal && file.parent() == Some(selection.root.as_path()))
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
    // Room for the waivers' own findings (at most one each), so that the findings are not
    // copied to grow once the rules have run.
    found.reserve_exact(
        register
            .activities
            .iter()
            .map(|a| a.item.waivers.len())
            .sum(),
    );
    rules::run(&ctx, |code| levels.enabled(code), &mut found);
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
    // The innermost register of a file is its nearest folder that is a register's root.
    let roots: std::collections::HashMap<&Path, usize> = loaded
        .registers
        .iter()
        .enumerate()
        .map(|(i, r)| (r.root.as_path(), i))
        .collect();
    let levels_of = |file: Option<&Path>| {
        file.and_then(|f| f.ancestors().find_map(|a| roots.get(a)))
            .map_or(&outside, |&i| &levels[i])
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
