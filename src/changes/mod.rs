//! What changed between two versions of the registers: activities, vendors and measures added,
//! removed, replaced or changed field by field, transfers gained or lost, and the changes with a
//! legal consequence marked: a new sub-processor (notice to the controllers, Art. 28(2)), a new
//! third country (Chapter V), a new special category (DPIA screening, Art. 35), a changed legal
//! basis (Art. 6, 13(3)), a longer retention (Art. 5(1)(e)). Plain data; `ropa diff` prints it
//! and the change notice is made from it.

mod catalogues;
mod fields;
mod marks;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::duration::Duration;
use crate::model::{Activity, Language, Register, RetentionRule, Vendor};
use crate::overview::{TransferLine, spell_period, transfers, yaml_name};
use catalogues::{catalogue_changes, vendor_changes};
pub use fields::{diff_values, value_text};
use marks::{activity_marks, new_activity_marks, transfer_changes};

/// How an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// New in the second version.
    Added,
    /// Gone from the second version.
    Removed,
    /// Gone, and another item took its place.
    Replaced,
    /// In both, with different content.
    Changed,
}

impl Change {
    /// The word for the change.
    pub fn word(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Replaced => "replaced",
            Change::Changed => "changed",
        }
    }
}

/// One field that differs, by its path in the file (`purposes[0].legal_basis`, list items with
/// an id by their id: `data_categories[health]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's path.
    pub path: String,
    /// The value before (`null` when the field was absent).
    pub before: Value,
    /// The value after (`null` when the field is gone).
    pub after: Value,
}

/// Changes with a legal consequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Legal {
    /// A processor activity uses a sub-processor it did not use: the controllers must be told
    /// beforehand and may object (Art. 28(2)).
    NewSubProcessor,
    /// Data goes to a third country it did not go to (Chapter V; inform the data subjects,
    /// Art. 13(1)(f), 14(1)(f)).
    NewThirdCountry,
    /// A special category of data (Art. 9) or data on criminal convictions (Art. 10) is processed
    /// that was not: screen the activity for a DPIA again (Art. 35).
    NewSpecialCategory,
    /// A purpose's legal basis changed (Art. 6; the information of Art. 13(1)(c) changes).
    ChangedLegalBasis,
    /// Data is kept longer than before (storage limitation, Art. 5(1)(e); Art. 13(2)(a)).
    LongerRetention,
}

impl Legal {
    /// What to do, in a few words.
    pub fn consequence(self) -> &'static str {
        match self {
            Legal::NewSubProcessor => "Art. 28(2) notice to the controllers due",
            Legal::NewThirdCountry => {
                "new third country: transfer safeguard and information of data subjects"
            }
            Legal::NewSpecialCategory => "new special category: DPIA screening (Art. 35)",
            Legal::ChangedLegalBasis => {
                "changed legal basis: information of data subjects (Art. 13(1)(c))"
            }
            Legal::LongerRetention => {
                "longer retention: storage limitation (Art. 5(1)(e)) and information (Art. 13(2)(a))"
            }
        }
    }
}

/// A change with a legal consequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    /// What kind of consequence.
    pub legal: Legal,
    /// The activity it concerns.
    pub activity: Option<String>,
    /// The vendor it concerns (the new sub-processor, the importer).
    pub vendor: Option<String>,
    /// For a new sub-processor that takes another's place: the one it replaces.
    pub replaces: Option<String>,
    /// What happened, in a sentence.
    pub message: String,
}

/// An activity, vendor or measure that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    /// Its id.
    pub id: String,
    /// Its name (or title), from the newest version that has it.
    pub name: String,
    /// How it changed.
    pub change: Change,
    /// For a replaced vendor: the vendor that took its place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// The fields that differ (for `changed`).
    pub fields: Vec<FieldChange>,
    /// Transfers outside the EEA gained (`added`) or lost (`removed`), for activities.
    pub transfers: Vec<TransferChange>,
}

/// A transfer gained or lost by an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferChange {
    /// `added` or `removed`.
    pub change: Change,
    /// The transfer.
    #[serde(flatten)]
    pub transfer: TransferLine,
}

/// The changes of one register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterChanges {
    /// The register's folder, relative to the repository's top.
    pub register: PathBuf,
    /// `added`, `removed` or `changed`.
    pub change: Change,
    /// Fields of `ropa.yaml` that differ.
    pub organisation: Vec<FieldChange>,
    /// Activities added, removed or changed.
    pub activities: Vec<ItemChange>,
    /// Vendors added, removed, replaced or changed.
    pub vendors: Vec<ItemChange>,
    /// Measures added, removed or changed.
    pub measures: Vec<ItemChange>,
    /// Changes with a legal consequence.
    pub legal: Vec<Mark>,
}

/// Everything that changed between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The first version's label.
    pub from: String,
    /// The second version's label.
    pub to: String,
    /// Registers with changes, by folder.
    pub registers: Vec<RegisterChanges>,
    /// What could not be compared: files that do not load at one of the versions.
    pub problems: Vec<String>,
}

impl Changes {
    /// Every legal mark, register by register.
    pub fn marks(&self) -> impl Iterator<Item = (&Path, &Mark)> {
        self.registers
            .iter()
            .flat_map(|r| r.legal.iter().map(move |m| (r.register.as_path(), m)))
    }
}

/// One side of a comparison: its label, its registers by folder, and what did not load.
pub struct Side<'a> {
    /// How the version is named.
    pub label: &'a str,
    /// Registers that load, by folder.
    pub registers: &'a [(PathBuf, Register)],
    /// Activities that do not load, by register folder.
    pub unloaded: &'a [(PathBuf, String)],
    /// Registers whose `ropa.yaml` does not load.
    pub broken: &'a [PathBuf],
}

/// Compare two versions. Items that do not load on one side are neither compared nor reported
/// as added or removed (the problems say why).
pub fn compare(before: &Side<'_>, after: &Side<'_>, problems: Vec<String>) -> Changes {
    let old: BTreeMap<&Path, &Register> = before
        .registers
        .iter()
        .map(|(k, r)| (k.as_path(), r))
        .collect();
    let new: BTreeMap<&Path, &Register> = after
        .registers
        .iter()
        .map(|(k, r)| (k.as_path(), r))
        .collect();
    let keys: BTreeSet<&Path> = old.keys().chain(new.keys()).copied().collect();
    let mut registers = Vec::new();
    for key in keys {
        let skipped = |side: &Side<'_>| side.broken.iter().any(|b| b == key);
        if skipped(before) || skipped(after) {
            continue;
        }
        let unloaded: BTreeSet<&str> = before
            .unloaded
            .iter()
            .chain(after.unloaded)
            .filter(|(r, _)| r == key)
            .map(|(_, id)| id.as_str())
            .collect();
        let changes = match (old.get(key), new.get(key)) {
            (Some(a), Some(b)) => compare_register(key, a, b, &unloaded),
            (None, Some(b)) => whole_register(key, b, Change::Added),
            (Some(a), None) => whole_register(key, a, Change::Removed),
            (None, None) => continue,
        };
        if !is_unchanged(&changes) {
            registers.push(changes);
        }
    }
    Changes {
        from: before.label.to_string(),
        to: after.label.to_string(),
        registers,
        problems,
    }
}

fn is_unchanged(c: &RegisterChanges) -> bool {
    c.change == Change::Changed
        && c.organisation.is_empty()
        && c.activities.is_empty()
        && c.vendors.is_empty()
        && c.measures.is_empty()
}

/// A register that appeared or disappeared as a whole: its items listed, no marks (there is
/// nobody to notify of a register that did not exist).
fn whole_register(key: &Path, r: &Register, change: Change) -> RegisterChanges {
    let item = |id: &str, name: &str| ItemChange {
        id: id.to_string(),
        name: name.to_string(),
        change,
        replaced_by: None,
        fields: Vec::new(),
        transfers: Vec::new(),
    };
    RegisterChanges {
        register: key.to_path_buf(),
        change,
        organisation: Vec::new(),
        activities: r
            .activities
            .iter()
            .map(|a| item(&a.item.id, &a.item.name))
            .collect(),
        vendors: r
            .vendors
            .iter()
            .map(|v| item(&v.item.id, &v.item.name))
            .collect(),
        measures: r
            .measures
            .iter()
            .map(|m| item(&m.item.id, m.item.title.as_deref().unwrap_or(&m.item.id)))
            .collect(),
        legal: Vec::new(),
    }
}

fn to_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

fn compare_register(
    key: &Path,
    a: &Register,
    b: &Register,
    unloaded: &BTreeSet<&str>,
) -> RegisterChanges {
    let mut out = RegisterChanges {
        register: key.to_path_buf(),
        change: Change::Changed,
        organisation: Vec::new(),
        activities: Vec::new(),
        vendors: Vec::new(),
        measures: Vec::new(),
        legal: Vec::new(),
    };
    diff_values(
        "",
        &to_value(&a.config.item),
        &to_value(&b.config.item),
        &mut out.organisation,
    );

    out.vendors = vendor_changes(a, b);
    // Added vendor → the vendor it replaced.
    let replacing: HashMap<&str, &str> = out
        .vendors
        .iter()
        .filter_map(|c| Some((c.replaced_by.as_deref()?, c.id.as_str())))
        .collect();
    activity_changes(
        a,
        b,
        unloaded,
        &replacing,
        &mut out.activities,
        &mut out.legal,
    );
    out.measures = catalogue_changes(
        a.measures.iter().map(|m| {
            (
                m.item.id.as_str(),
                m.item.title.as_deref().unwrap_or(&m.item.id),
                to_value(&m.item),
            )
        }),
        b.measures.iter().map(|m| {
            (
                m.item.id.as_str(),
                m.item.title.as_deref().unwrap_or(&m.item.id),
                to_value(&m.item),
            )
        }),
    );
    out
}

/// Activities added, removed or changed, by id, with their transfers and legal marks.
fn activity_changes(
    a: &Register,
    b: &Register,
    unloaded: &BTreeSet<&str>,
    replacing: &HashMap<&str, &str>,
    activities: &mut Vec<ItemChange>,
    legal: &mut Vec<Mark>,
) {
    // Activities, by id.
    let old: BTreeMap<&str, &Activity> = a
        .activities
        .iter()
        .map(|x| (x.item.id.as_str(), &x.item))
        .collect();
    let new: BTreeMap<&str, &Activity> = b
        .activities
        .iter()
        .map(|x| (x.item.id.as_str(), &x.item))
        .collect();
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for id in ids {
        if unloaded.contains(id) {
            continue;
        }
        match (old.get(id), new.get(id)) {
            (Some(x), Some(y)) => {
                let mut fields = Vec::new();
                diff_values("", &to_value(x), &to_value(y), &mut fields);
                let tx = transfer_changes(a, x, b, y);
                legal.extend(activity_marks(a, x, b, y, replacing));
                if !fields.is_empty() || !tx.is_empty() {
                    activities.push(ItemChange {
                        id: id.to_string(),
                        name: y.name.clone(),
                        change: Change::Changed,
                        replaced_by: None,
                        fields,
                        transfers: tx,
                    });
                }
            }
            (None, Some(y)) => {
                let tx: Vec<TransferChange> = transfers(b, y)
                    .into_iter()
                    .map(|t| TransferChange {
                        change: Change::Added,
                        transfer: t,
                    })
                    .collect();
                legal.extend(new_activity_marks(y, &tx));
                activities.push(ItemChange {
                    id: id.to_string(),
                    name: y.name.clone(),
                    change: Change::Added,
                    replaced_by: None,
                    fields: Vec::new(),
                    transfers: tx,
                });
            }
            (Some(x), None) => activities.push(ItemChange {
                id: id.to_string(),
                name: x.name.clone(),
                change: Change::Removed,
                replaced_by: None,
                fields: Vec::new(),
                transfers: Vec::new(),
            }),
            (None, None) => {}
        }
    }
}
