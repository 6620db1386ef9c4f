//! Loading registers: find them under a path, read and parse every file in parallel, validate each
//! against its JSON Schema, and deserialise it into the model, keeping every node's location.
//!
//! [`discover`] finds registers, `files` reads one file safely, `validate` turns schema errors
//! into findings, `catalogues` loads vendors and measures entry by entry, `activities` loads the
//! activity files.

mod activities;
mod catalogues;
mod discover;
mod files;
mod validate;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Activity, Register, RegisterFile, Sourced};
use crate::read::RegisterRoot;
use crate::schema::FileKind;
use crate::source::SourceMap;

pub use crate::model::{
    ACTIVITIES_DIR, MEASURES_DIR, MEASURES_FILE, REGISTER_FILE, VENDORS_DIR, VENDORS_FILE,
};
pub use discover::{Selection, discover, select};
use files::Parsed;

/// What loading found: the registers that loaded, the problems, and the files read.
#[derive(Debug, Default)]
pub struct LoadOutcome {
    /// Registers whose files all parsed and validated (activities that failed are left out).
    pub registers: Vec<Register>,
    /// Loading and schema findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, for quoting lines and locating findings.
    pub sources: SourceMap,
    /// Activity files seen, loaded or not: (register directory, id or file stem, file).
    pub activity_files: Vec<(PathBuf, String, PathBuf)>,
}

impl LoadOutcome {
    /// Fill in line and column of every diagnostic that only has a pointer, from the positions
    /// kept with each file's text (see [`crate::source::Positions`]): no file is parsed again.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        diagnostics.par_iter_mut().for_each(|d| {
            if d.position.is_some() {
                return;
            }
            let (Some(file), Some(pointer)) = (&d.file, &d.pointer) else {
                return;
            };
            let Some(positions) = self.sources.get(file).and_then(|s| s.positions.as_ref()) else {
                return;
            };
            let key = if d.on_key {
                positions.key(pointer)
            } else {
                None
            };
            d.position = Some(key.unwrap_or_else(|| positions.find(pointer)));
        });
    }
}

/// Load every register under `path`. Fails only when no register can be found; problems inside
/// files are diagnostics.
pub fn load(path: &Path) -> anyhow::Result<LoadOutcome> {
    let dirs = discover(path)?;
    let mut outcome = LoadOutcome::default();
    for dir in dirs {
        load_into(&dir, None, &mut outcome);
    }
    Ok(outcome)
}

/// Load what `selections` name. A register of which only some activities are loaded is marked
/// [`Register::partial`].
pub fn load_selected(selections: &[Selection]) -> LoadOutcome {
    let mut outcome = LoadOutcome::default();
    for s in selections {
        load_into(&s.root, s.activities.as_deref(), &mut outcome);
    }
    outcome
}

/// Load the one register in `dir`, or the problems that stop it from loading.
pub fn load_register(dir: &Path) -> Result<Register, Vec<Diagnostic>> {
    let mut outcome = LoadOutcome::default();
    load_into(dir, None, &mut outcome);
    let failed = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    match outcome.registers.pop() {
        Some(register) if !failed => Ok(register),
        _ => {
            let mut diagnostics = std::mem::take(&mut outcome.diagnostics);
            outcome.locate(&mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// Load the register in `dir` into `outcome`: its settings, catalogues, and the activity files
/// `only` names (each a regular file), or every file of `activities/`.
fn load_into(dir: &Path, only: Option<&[PathBuf]>, outcome: &mut LoadOutcome) {
    let config_path = dir.join(REGISTER_FILE);
    let activity_paths = activities::paths(dir, only, outcome);
    // Files are read only when they resolve inside the register's real folder.
    let root = RegisterRoot::new(dir, &[ACTIVITIES_DIR, VENDORS_DIR, MEASURES_DIR]);
    let config = files::parse_file::<RegisterFile>(&config_path, FileKind::Register, &root);
    let vendors = catalogues::load(dir, &root, &catalogues::VENDORS);
    let measures = catalogues::load(dir, &root, &catalogues::MEASURES);
    let parsed: Vec<Parsed<Activity>> = activity_paths
        .par_iter()
        .map(|p| files::parse_file::<Activity>(p, FileKind::Activity, &root))
        .collect();

    let mut register = Register {
        root: dir.to_path_buf(),
        config: Sourced {
            file: config_path.into(),
            pointer: String::new(),
            item: RegisterFile::default(),
        },
        vendors: Vec::new(),
        measures: Vec::new(),
        activities: Vec::new(),
        index: Default::default(),
        partial: only.is_some(),
        gaps: Default::default(),
    };
    let config_ok = match absorb(outcome, config) {
        Some(value) => {
            register.config.item = value;
            true
        }
        None => false,
    };
    outcome.diagnostics.extend(vendors.diagnostics);
    outcome.diagnostics.extend(measures.diagnostics);
    for source in vendors.sources.into_iter().chain(measures.sources) {
        outcome.sources.insert(source);
    }
    register.vendors = vendors.items;
    register.gaps.vendors = vendors.gap;
    register.measures = measures.items;
    register.gaps.measures = measures.gap;
    activities::absorb(&mut register, &activity_paths, parsed, outcome);
    if config_ok {
        outcome.registers.push(register);
    }
}

/// Take a parsed file's findings and text into `outcome`, and give back its value.
fn absorb<T>(outcome: &mut LoadOutcome, parsed: Parsed<T>) -> Option<T> {
    outcome.diagnostics.extend(parsed.diagnostics);
    if let Some(source) = parsed.source {
        outcome.sources.insert(source);
    }
    parsed.value
}
