//! Which activities a document covers: the eligible ones, the one a sheet or annex is about,
//! and the file names documents are written under.

use anyhow::{anyhow, bail};

use super::{Document, view};
use crate::model::{Activity, Language, Register};

/// The activities a document covers (before `--activity`): all of them, or for `annex` the
/// processor records; only those naming `vendor` when given. In register order.
pub fn eligible_activities<'r>(
    document: Document,
    register: &'r Register,
    vendor: Option<&str>,
) -> Vec<&'r Activity> {
    crate::work::count(
        crate::work::Work::ActivitiesListed,
        register.activities.len(),
    );
    register
        .activities
        .iter()
        .map(|a| &a.item)
        .filter(|a| document != Document::Annex || !a.role.is_controller())
        .filter(|a| vendor.is_none_or(|v| view::uses_vendor(a, v)))
        .collect()
}

/// Refuse activities that would be written to the same file: each document of a folder (a sheet
/// per activity, a page of the site) is named after its activity's id, and two activities with
/// one id (`a.yaml` and `a.yml`) would leave only one of their two documents.
pub fn refuse_shared_ids(activities: &[&Activity]) -> anyhow::Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(activities.len());
    for a in activities {
        if !seen.insert(a.id.as_str()) {
            bail!(
                "two activities have the id `{}`, and each document is named after its activity's id: give each activity its own id (`ropa check` reports where, as duplicate-id)",
                a.id.escape_debug()
            );
        }
    }
    Ok(())
}

pub(super) fn find_activity<'r>(register: &'r Register, id: &str) -> anyhow::Result<&'r Activity> {
    register.activity(id).map(|a| &a.item).ok_or_else(|| {
        let ids: Vec<String> = register
            .activities
            .iter()
            .map(|a| a.item.id.clone())
            .collect();
        anyhow!(
            "no activity `{id}` in {}{}",
            register.root.display(),
            suggestion(id, &ids)
        )
    })
}

/// The activity a sheet or an annex is about: the one named, else the only one eligible (see
/// [`eligible_activities`]); an error that lists them when there are several.
pub(super) fn select_activity<'r>(
    document: Document,
    register: &'r Register,
    activity: Option<&str>,
    vendor: Option<&str>,
) -> anyhow::Result<&'r Activity> {
    match activity {
        Some(id) => {
            let a = find_activity(register, id)?;
            if document == Document::Annex && a.role.is_controller() {
                bail!(
                    "`{id}` is a controller record: the annex describes processing carried out on behalf of a controller (Art. 28(3)), so it is made for processor activities; render `sheet` for this one"
                );
            }
            Ok(a)
        }
        // Listing the eligible activities scans the register: done only when no activity is
        // named (`-o DIR/` names each one in turn).
        None => match eligible_activities(document, register, vendor).as_slice() {
            [one] => Ok(one),
            [] => bail!(
                "{} has no {} to render {} for",
                register.root.display(),
                if document == Document::Annex {
                    "processor activity"
                } else {
                    "activity"
                },
                document.with_article()
            ),
            many => bail!(
                "{} has {} activities for {}: name one with --activity ({}), or give -o DIR/ to write one file per activity",
                register.root.display(),
                many.len(),
                document.with_article(),
                many.iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    }
}

pub(super) fn suggestion(word: &str, candidates: &[String]) -> String {
    match crate::suggest::closest(word, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("; known: {}", candidates.join(", ")),
    }
}

/// Whether `id` is safe in a file name: `^[a-z0-9][a-z0-9-]*$` (no `/`, no `..`, no dot).
pub fn is_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The file name of a document: `<doc>-<id>.<lang>.<ext>` for one activity, `<doc>.<lang>.<ext>`
/// otherwise. Fails for an id that could escape the output folder.
pub fn output_file_name(
    document: Document,
    activity: Option<&str>,
    lang: Language,
    ext: &str,
) -> anyhow::Result<String> {
    let lang = view::lang_code(lang);
    match activity {
        Some(id) if !is_safe_id(id) => bail!(
            "activity id `{}` cannot be used in a file name: ids are lower-case letters, digits and dashes",
            id.escape_debug()
        ),
        Some(id) => Ok(format!("{}-{id}.{lang}.{ext}", document.name())),
        None => Ok(format!("{}.{lang}.{ext}", document.name())),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_the_folder_are_refused() {
        assert!(is_safe_id("gestion-du-service-zerosix"));
        assert!(is_safe_id("a1"));
        for bad in ["", "../x", "a/b", "..", "A", "-a", "a.b", "a b", "a\\b"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
        assert_eq!(
            output_file_name(Document::Sheet, Some("x-1"), Language::Fr, "md").unwrap(),
            "sheet-x-1.fr.md"
        );
        assert!(output_file_name(Document::Annex, Some("../etc"), Language::En, "html").is_err());
        assert_eq!(
            output_file_name(Document::Register, None, Language::En, "pdf").unwrap(),
            "register.en.pdf"
        );
    }
}
