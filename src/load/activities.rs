//! Activities: the files of `activities/` (or those named on the command line), each loaded
//! whole, and named after the id it holds.

use std::path::{Path, PathBuf};

use super::files::{self, Parsed};
use super::{ACTIVITIES_DIR, LoadOutcome};
use crate::catalogue::loading;
use crate::diagnostics::Diagnostic;
use crate::model::{Activity, Register, Sourced};

/// The activity files to load: those `only` names (read without listing the folder, so that
/// the time depends on the files given), or every YAML file of `activities/`, with a finding for
/// each entry that looks like one but is not read.
pub(super) fn paths(
    dir: &Path,
    only: Option<&[PathBuf]>,
    outcome: &mut LoadOutcome,
) -> Vec<PathBuf> {
    if let Some(files) = only {
        return files.to_vec();
    }
    let folder = dir.join(ACTIVITIES_DIR);
    match files::yaml_files(&folder, ACTIVITIES_DIR) {
        Ok((found, ignored)) => {
            for (path, why) in ignored {
                outcome
                    .diagnostics
                    .push(files::ignored_entry(path, why, ACTIVITIES_DIR));
            }
            found
        }
        Err(e) => {
            let d = files::unreadable_folder(&folder, ACTIVITIES_DIR, &e, "activity files");
            outcome.diagnostics.push(d);
            Vec::new()
        }
    }
}

/// Add the parsed activities to the register; an activity whose file failed to load leaves a
/// gap, so that checks over every activity do not run on the others alone.
pub(super) fn absorb(
    register: &mut Register,
    paths: &[PathBuf],
    parsed: Vec<Parsed<Activity>>,
    outcome: &mut LoadOutcome,
) {
    let dir = register.root.clone();
    register.activities.reserve(paths.len());
    outcome.activity_files.reserve(paths.len());
    for (path, parsed) in paths.iter().zip(parsed) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(activity) = super::absorb(outcome, parsed) else {
            register.gaps.activities = true;
            outcome
                .activity_files
                .push((dir.clone(), stem, path.clone()));
            continue;
        };
        if activity.id != stem {
            outcome
                .diagnostics
                .push(misnamed(path, &activity.id, &stem));
        }
        outcome
            .activity_files
            .push((dir.clone(), activity.id.clone(), path.clone()));
        register.activities.push(Sourced {
            file: path.as_path().into(),
            pointer: String::new(),
            item: activity,
        });
    }
}

/// The finding for an activity whose file is not named after its id.
fn misnamed(path: &Path, id: &str, stem: &str) -> Diagnostic {
    Diagnostic::new(
        &loading::FILE_NAME_MISMATCH,
        format!(
            "activity `{id}` is in a file named `{}`",
            path.file_name().unwrap_or_default().to_string_lossy()
        ),
    )
    .at(path.to_path_buf(), "/id")
    .activity(id.to_string())
    .help(format!(
        "rename the file to `{id}.yaml` or change the id to `{stem}`"
    ))
}
