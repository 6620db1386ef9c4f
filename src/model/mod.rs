//! The register as plain data: organisation, catalogues and processing activities, with the serde and
//! schemars derives that make the YAML format and its published JSON Schemas.
//!
//! Field names follow the words of the Regulation (Art. 30, Art. 28(3)), the CNIL "fiche de registre"
//! and the annexes of the Commission's standard contractual clauses, so that documents can be made
//! from them. Every doc comment here becomes a `description` in schemas/.

mod activity;
mod dpia;
mod measures;
mod publication;
mod register_file;
mod retention;
#[cfg(test)]
pub(crate) mod testing;
mod transfers;
mod vendors;

pub use activity::*;
pub use dpia::*;
pub use measures::*;
pub use publication::{
    DataProvision, ProvisionRequirement, PublishedNotice, SupervisoryAuthority, Visibility,
};
pub use register_file::*;
pub use retention::*;
use serde::Serialize;
pub use transfers::*;
pub use vendors::*;

/// Name of the file that marks a register directory.
pub const REGISTER_FILE: &str = "ropa.yaml";

/// Name of the vendors catalogue.
pub const VENDORS_FILE: &str = "vendors.yaml";

/// Name of the measures catalogue.
pub const MEASURES_FILE: &str = "measures.yaml";

/// Folder of further vendor files (`vendors/*.yaml`, each a `vendors:` list), for a catalogue
/// too large for one file or kept one vendor per file.
pub const VENDORS_DIR: &str = "vendors";

/// Folder of further measure files (`measures/*.yaml`, each a `measures:` list).
pub const MEASURES_DIR: &str = "measures";

/// Folder of activity files.
pub const ACTIVITIES_DIR: &str = "activities";

/// The YAML name of an enum value as written in the register (`legal_obligation`, `health`):
/// its serde name; empty for anything that is not a unit variant.
pub fn yaml_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A stable identifier: lower-case letters, digits and dashes. Used in file names and references.
pub type Id = String;

/// An ISO 3166-1 alpha-2 country code in capitals, for example `FR`, `US`, `NO` (Norway).
pub type CountryCode = String;

/// An ISO-8601 duration such as `P3Y`, `P12M`, `P90D` or `PT36H`.
pub type IsoDuration = String;

fn default_review_interval() -> u32 {
    12
}

fn default_dpia_interval() -> u32 {
    36
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_public(v: &Visibility) -> bool {
    v.is_public()
}

/// An item of the register with the file it came from and its JSON pointer inside that file, so
/// that findings about it can be reported at the right line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The file, as the user named it (relative paths stay relative). Shared with every finding
    /// about the item, so that a finding does not copy the path.
    pub file: std::sync::Arc<std::path::Path>,
    /// JSON pointer of the item inside the file: `""` for a whole file, `/vendors/3` for an entry.
    pub pointer: String,
    /// The item.
    pub item: T,
}

impl<T> Sourced<T> {
    /// The pointer of a field or sub-item of this item, e.g. `at("/purposes/0")`.
    pub fn at(&self, suffix: &str) -> String {
        format!("{}{}", self.pointer, suffix)
    }
}

/// What of a register failed to load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gaps {
    /// An activity file failed to load: checks over every activity do not run.
    pub activities: bool,
    /// Vendors that failed to load.
    pub vendors: CatalogueGap,
    /// Measures that failed to load.
    pub measures: CatalogueGap,
}

/// The entries of a catalogue that failed to load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogueGap {
    /// A whole file of the catalogue failed to load: any id may have been in it.
    pub whole: bool,
    /// The ids of the entries that failed to load.
    pub ids: std::collections::BTreeSet<String>,
}

impl CatalogueGap {
    /// Whether an entry with this id may have failed to load.
    pub fn covers(&self, id: &str) -> bool {
        self.whole || self.ids.contains(id)
    }

    /// Record an entry that failed to load, by its id; one without a readable id could be any.
    pub fn add(&mut self, id: Option<String>) {
        match id {
            Some(id) => {
                self.ids.insert(id);
            }
            None => self.whole = true,
        }
    }
}

/// One register: a directory with `ropa.yaml`, its catalogues and its activities.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The register's directory.
    pub root: std::path::PathBuf,
    /// `ropa.yaml`.
    pub config: Sourced<RegisterFile>,
    /// `vendors.yaml` entries.
    pub vendors: Vec<Sourced<Vendor>>,
    /// `measures.yaml` entries.
    pub measures: Vec<Sourced<Measure>>,
    /// `activities/*.yaml`, sorted by file name.
    pub activities: Vec<Sourced<Activity>>,
    /// Vendors, measures and activities by id, built on the first lookup (a register is not
    /// changed once loaded); `IdIndex::default()` when building a register by hand.
    pub index: IdIndex,
    /// Only some of the activities were loaded (`ropa check FILE...`): checks that need every
    /// activity (ids unique across activities, vendors no activity names) do not run.
    pub partial: bool,
    /// What failed to load: checks do not report what follows from a missing piece (a reference
    /// to a vendor whose entry was invalid, a vendor named only by an activity that failed).
    pub gaps: Gaps,
}

impl Register {
    /// The vendor with this id (the first, if several share it).
    pub fn vendor(&self, id: &str) -> Option<&Sourced<Vendor>> {
        let at = self
            .index
            .vendors
            .get_or_init(|| by_id(&self.vendors, |v| &v.id));
        at.get(id).and_then(|&i| self.vendors.get(i))
    }
    /// The measure with this id (the first, if several share it).
    pub fn measure(&self, id: &str) -> Option<&Sourced<Measure>> {
        let at = self
            .index
            .measures
            .get_or_init(|| by_id(&self.measures, |m| &m.id));
        at.get(id).and_then(|&i| self.measures.get(i))
    }
    /// The activity with this id (the first, if several share it).
    pub fn activity(&self, id: &str) -> Option<&Sourced<Activity>> {
        let at = self
            .index
            .activities
            .get_or_init(|| by_id(&self.activities, |a| &a.id));
        at.get(id).and_then(|&i| self.activities.get(i))
    }
}

/// Positions of a register's items by id, so that resolving a reference costs the same in a
/// catalogue of 50,000 vendors as in one of 5.
#[derive(Default)]
pub struct IdIndex {
    vendors: std::sync::OnceLock<std::collections::HashMap<Box<str>, usize>>,
    measures: std::sync::OnceLock<std::collections::HashMap<Box<str>, usize>>,
    activities: std::sync::OnceLock<std::collections::HashMap<Box<str>, usize>>,
}

fn by_id<T>(
    items: &[Sourced<T>],
    id: impl Fn(&T) -> &String,
) -> std::collections::HashMap<Box<str>, usize> {
    let mut map = std::collections::HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(&item.item).as_str().into()).or_insert(i);
    }
    map
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

/// A copy builds its own index when first asked.
impl Clone for IdIndex {
    fn clone(&self) -> Self {
        IdIndex::default()
    }
}

/// The index is derived from the register's items, which are compared.
impl PartialEq for IdIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
