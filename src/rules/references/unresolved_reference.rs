//! RP021 `unresolved-reference`: a reference names an id that does not exist.

use crate::diagnostics::Diagnostic;
use crate::model::{
    Activity, MEASURES_DIR, MEASURES_FILE, RecipientKind, Register, Sourced, VENDORS_DIR,
    VENDORS_FILE,
};
use crate::rules::{Context, Rule};
use std::cell::OnceCell;
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
                r.vendors.iter().map(|v| &*v.file),
                VENDORS_FILE,
                VENDORS_DIR,
            ),
        );
        let measures = Known::new(
            r.measures.iter().map(|m| m.item.id.as_str()),
            catalogue_files(
                r.measures.iter().map(|m| &*m.file),
                MEASURES_FILE,
                MEASURES_DIR,
            ),
        );
        for a in &r.activities {
            let mut refs = References {
                register: r,
                activity: a,
                vendors: &vendors,
                measures: &measures,
                categories: Known::new(
                    a.item.data_categories.iter().map(|c| c.id.as_str()),
                    "this activity's data_categories".to_string(),
                ),
                subjects: Known::new(
                    a.item.data_subjects.iter().map(|s| s.id.as_str()),
                    "this activity's data_subjects".to_string(),
                ),
                found: Vec::new(),
            };
            refs.recipients(out);
            refs.transfers_and_measures();
            refs.retention();
            out.extend(refs.found);
        }
    }
}

/// The references of one activity being checked, with the ids each may name.
struct References<'r, 'k> {
    register: &'r Register,
    activity: &'r Sourced<Activity>,
    vendors: &'k Known<'r>,
    measures: &'k Known<'r>,
    categories: Known<'r>,
    subjects: Known<'r>,
    /// The unresolved references, in the order of the activity's fields.
    found: Vec<Diagnostic>,
}

impl References<'_, '_> {
    /// Report `id` at `pointer` unless `known` holds it.
    fn check(&mut self, known: Which, pointer: String, what: &str, id: &str) {
        let known = match known {
            Which::Vendors => self.vendors,
            Which::Measures => self.measures,
            Which::Categories => &self.categories,
            Which::Subjects => &self.subjects,
        };
        if !known.has(id) {
            let finding = known.missing(self.activity, &pointer, what, id);
            self.found.push(finding);
        }
    }

    /// Recipients' vendors and data categories; a recipient of kind `vendor` that names none is
    /// reported at once, to `out`.
    fn recipients(&mut self, out: &mut Vec<Diagnostic>) {
        let (r, a) = (self.register, self.activity);
        for (i, rec) in a.item.recipients.iter().enumerate() {
            match &rec.vendor {
                // A vendor whose entry failed to load is reported once, where it failed.
                Some(id) if r.gaps.vendors.covers(id) => {}
                Some(id) => self.check(
                    Which::Vendors,
                    format!("/recipients/{i}/vendor"),
                    "vendor",
                    id,
                ),
                None if rec.kind == RecipientKind::Vendor => out.push(
                    UnresolvedReference::META
                        .on_activity(
                            a,
                            &format!("/recipients/{i}"),
                            "recipient of kind `vendor` names no vendor",
                        )
                        .help(format!(
                            "add `vendor: <id>` naming an entry of {}",
                            self.vendors.place
                        )),
                ),
                None => {}
            }
            for (j, c) in rec.data_categories.iter().enumerate() {
                let pointer = format!("/recipients/{i}/data_categories/{j}");
                self.check(Which::Categories, pointer, "data category", c);
            }
        }
    }

    /// Transfers' vendors, then security measures (entries that failed to load left out).
    fn transfers_and_measures(&mut self) {
        let (r, a) = (self.register, self.activity);
        for (i, t) in a.item.transfers.iter().enumerate() {
            if let Some(id) = &t.vendor
                && !r.gaps.vendors.covers(id)
            {
                self.check(
                    Which::Vendors,
                    format!("/transfers/{i}/vendor"),
                    "vendor",
                    id,
                );
            }
        }
        for (i, m) in a.item.security_measures.iter().enumerate() {
            if !r.gaps.measures.covers(m) {
                let pointer = format!("/security_measures/{i}");
                self.check(Which::Measures, pointer, "security measure", m);
            }
        }
    }

    /// The data categories and subject categories retention rules name.
    fn retention(&mut self) {
        let a = self.activity;
        for (i, rule) in a.item.retention.iter().enumerate() {
            for (j, c) in rule.data_categories.iter().enumerate() {
                let pointer = format!("/retention/{i}/data_categories/{j}");
                self.check(Which::Categories, pointer, "data category", c);
            }
            for (j, s) in rule.data_subjects.iter().enumerate() {
                let pointer = format!("/retention/{i}/data_subjects/{j}");
                self.check(Which::Subjects, pointer, "data subject category", s);
            }
        }
    }
}

/// Which ids a reference may name.
#[derive(Clone, Copy)]
enum Which {
    Vendors,
    Measures,
    Categories,
    Subjects,
}

/// The ids a reference may name, in the order they are defined, and where they are defined.
struct Known<'r> {
    ids: Vec<&'r str>,
    set: HashSet<&'r str>,
    place: String,
    /// What the help says of the ids: their list when it is short, else how many. Made at the
    /// first finding and shared by the others; most activities have none.
    listing: OnceCell<String>,
}

/// A catalogue of at most this many ids is listed in full in each finding's help.
const LISTED_IDS: usize = 20;

/// "Did you mean" is looked for among at most this many ids, so that each finding costs a
/// bounded time however large the catalogue (a scan per finding would grow with findings ×
/// ids).
const SUGGESTED_AMONG: usize = 1_000;

impl<'r> Known<'r> {
    fn new(ids: impl Iterator<Item = &'r str>, place: String) -> Self {
        let ids: Vec<&str> = ids.collect();
        let set: HashSet<&str> = ids.iter().copied().collect();
        Known {
            ids,
            set,
            place,
            listing: OnceCell::new(),
        }
    }

    fn listing(&self) -> &str {
        self.listing.get_or_init(|| {
            let place = &self.place;
            if self.set.is_empty() {
                format!("{place} defines none")
            } else if self.set.len() <= LISTED_IDS {
                // A duplicated id (RP020) is listed once.
                let mut seen = HashSet::new();
                let listed: Vec<&str> = self
                    .ids
                    .iter()
                    .copied()
                    .filter(|k| seen.insert(*k))
                    .collect();
                format!("known ids in {place}: {}", listed.join(", "))
            } else {
                format!(
                    "{place} defines {} ids; check the spelling there",
                    self.set.len()
                )
            }
        })
    }

    fn has(&self, id: &str) -> bool {
        self.set.contains(id)
    }

    /// The finding for `id`, which is not among these ids: the closest one, and the list.
    fn missing(&self, a: &Sourced<Activity>, pointer: &str, what: &str, id: &str) -> Diagnostic {
        let mut help = if self.ids.len() <= SUGGESTED_AMONG {
            crate::suggest::did_you_mean(id, &self.ids)
        } else {
            String::new()
        };
        help.push_str(self.listing());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_catalogue_is_listed_and_a_long_one_counted() {
        let short = Known::new(["a", "b", "a"].into_iter(), "vendors.yaml".into());
        assert_eq!(short.listing(), "known ids in vendors.yaml: a, b");
        let ids: Vec<String> = (0..=LISTED_IDS).map(|i| format!("v{i}")).collect();
        let long = Known::new(ids.iter().map(String::as_str), "vendors.yaml".into());
        assert_eq!(
            long.listing(),
            "vendors.yaml defines 21 ids; check the spelling there"
        );
        let none = Known::new(std::iter::empty(), "measures.yaml".into());
        assert_eq!(none.listing(), "measures.yaml defines none");
    }

    /// The help of a finding costs the same whatever the catalogue's size: beyond
    /// `SUGGESTED_AMONG` ids no closest id is looked for.
    #[test]
    fn no_suggestion_is_searched_for_in_a_very_large_catalogue() {
        let a = Sourced {
            file: std::path::Path::new("activities/a.yaml").into(),
            pointer: String::new(),
            item: crate::model::testing::activity_with(serde_json::json!({})),
        };
        let small = Known::new(["vendor-1"].into_iter(), "vendors.yaml".into());
        let help = |d: Diagnostic| d.help.unwrap_or_default();
        assert!(help(small.missing(&a, "/x", "vendor", "vendor-2")).starts_with("did you mean"));
        let ids: Vec<String> = (0..=SUGGESTED_AMONG)
            .map(|i| format!("vendor-{i}"))
            .collect();
        let large = Known::new(ids.iter().map(String::as_str), "vendors/".into());
        assert_eq!(
            help(large.missing(&a, "/x", "vendor", "vendor-x")),
            "vendors/ defines 1001 ids; check the spelling there"
        );
    }
}
