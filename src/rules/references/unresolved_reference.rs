//! RP021 `unresolved-reference`: a reference names an id that does not exist.

use crate::diagnostics::Diagnostic;
use crate::model::{
    Activity, MEASURES_DIR, MEASURES_FILE, RecipientKind, Sourced, VENDORS_DIR, VENDORS_FILE,
};
use crate::rules::{Context, Rule};
use std::collections::HashSet;
use std::path::Path;

declare_rule! {
    /// The check behind [`crate::catalogue::references::UNRESOLVED_REFERENCE`], which holds its documentation.
    pub struct UnresolvedReference = crate::catalogue::references::UNRESOLVED_REFERENCE;
}

impl Rule for UnresolvedReference {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let r = ctx.register;
        let vendors = Known::new(
            r.vendors.iter().map(|v| v.item.id.as_str()),
            catalogue_files(
                r.vendors.iter().map(|v| v.file.as_path()),
                VENDORS_FILE,
                VENDORS_DIR,
            ),
        );
        let measures = Known::new(
            r.measures.iter().map(|m| m.item.id.as_str()),
            catalogue_files(
                r.measures.iter().map(|m| m.file.as_path()),
                MEASURES_FILE,
                MEASURES_DIR,
            ),
        );
        for a in &r.activities {
            let act = &a.item;
            let categories = Known::new(
                act.data_categories.iter().map(|c| c.id.as_str()),
                "this activity's data_categories".to_string(),
            );
            let subjects = Known::new(
                act.data_subjects.iter().map(|s| s.id.as_str()),
                "this activity's data_subjects".to_string(),
            );
            let mut found = Vec::new();
            let mut check = |known: &Known<'_>, pointer: String, what: &str, id: &str| {
                if !known.has(id) {
                    found.push(known.missing(a, &pointer, what, id));
                }
            };
            for (i, rec) in act.recipients.iter().enumerate() {
                match &rec.vendor {
                    // A vendor whose entry failed to load is reported once, where it failed.
                    Some(id) if r.gaps.vendors.covers(id) => {}
                    Some(id) => check(&vendors, format!("/recipients/{i}/vendor"), "vendor", id),
                    None if rec.kind == RecipientKind::Vendor => out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/recipients/{i}"),
                                "recipient of kind `vendor` names no vendor",
                            )
                            .help(format!(
                                "add `vendor: <id>` naming an entry of {}",
                                vendors.place
                            )),
                    ),
                    None => {}
                }
                for (j, c) in rec.data_categories.iter().enumerate() {
                    let pointer = format!("/recipients/{i}/data_categories/{j}");
                    check(&categories, pointer, "data category", c);
                }
            }
            for (i, t) in act.transfers.iter().enumerate() {
                if let Some(id) = &t.vendor
                    && !r.gaps.vendors.covers(id)
                {
                    check(&vendors, format!("/transfers/{i}/vendor"), "vendor", id);
                }
            }
            for (i, m) in act.security_measures.iter().enumerate() {
                if r.gaps.measures.covers(m) {
                    continue;
                }
                check(
                    &measures,
                    format!("/security_measures/{i}"),
                    "security measure",
                    m,
                );
            }
            for (i, rule) in act.retention.iter().enumerate() {
                for (j, c) in rule.data_categories.iter().enumerate() {
                    let pointer = format!("/retention/{i}/data_categories/{j}");
                    check(&categories, pointer, "data category", c);
                }
                for (j, s) in rule.data_subjects.iter().enumerate() {
                    let pointer = format!("/retention/{i}/data_subjects/{j}");
                    check(&subjects, pointer, "data subject category", s);
                }
            }
            out.extend(found);
        }
    }
}

/// The ids a reference may name, in the order they are defined, and where they are defined.
struct Known<'r> {
    ids: Vec<&'r str>,
    set: HashSet<&'r str>,
    place: String,
}

impl<'r> Known<'r> {
    fn new(ids: impl Iterator<Item = &'r str>, place: String) -> Self {
        let ids: Vec<&str> = ids.collect();
        let set = ids.iter().copied().collect();
        Known { ids, set, place }
    }

    fn has(&self, id: &str) -> bool {
        self.set.contains(id)
    }

    /// The finding for `id`, which is not among these ids: the closest one, and the list.
    fn missing(&self, a: &Sourced<Activity>, pointer: &str, what: &str, id: &str) -> Diagnostic {
        let mut help = crate::suggest::did_you_mean(id, &self.ids);
        if self.ids.is_empty() {
            help.push_str(&format!("{} defines none", self.place));
        } else {
            // A duplicated id (RP020) is listed once.
            let mut seen = HashSet::new();
            let listed: Vec<&str> = self
                .ids
                .iter()
                .copied()
                .filter(|k| seen.insert(*k))
                .collect();
            help.push_str(&format!(
                "known ids in {}: {}",
                self.place,
                listed.join(", ")
            ));
        }
        UnresolvedReference::META
            .on_activity(a, pointer, format!("{what} `{id}` does not exist"))
            .help(help)
    }
}

/// The files a catalogue of the register was read from, as the register names them:
/// `vendors.yaml`, `vendors/eu.yaml` (up to three by name, else `the N files of vendors/`), or,
/// when it has no entry at all, the two places where entries would be.
fn catalogue_files<'a>(files: impl Iterator<Item = &'a Path>, file: &str, folder: &str) -> String {
    let mut seen = HashSet::new();
    let mut in_file = false;
    let mut in_folder = Vec::new();
    for path in files.filter(|p| seen.insert(*p)) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match path.parent().and_then(Path::file_name) {
            Some(parent) if parent == folder => in_folder.push(format!("{folder}/{name}")),
            _ => in_file = true,
        }
    }
    let mut places = Vec::new();
    if in_file {
        places.push(file.to_string());
    }
    match in_folder.len() {
        0 if !in_file => return format!("{file} or {folder}/*.yaml"),
        0 => {}
        1..=3 => places.extend(in_folder),
        n => places.push(format!("the {n} files of {folder}/")),
    }
    match places.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}
