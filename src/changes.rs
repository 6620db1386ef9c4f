//! What changed between two versions of the registers: activities, vendors and measures added,
//! removed, replaced or changed field by field, transfers gained or lost, and the changes with a
//! legal consequence marked: a new sub-processor (notice to the controllers, Art. 28(2)), a new
//! third country (Chapter V), a new special category (DPIA screening, Art. 35), a changed legal
//! basis (Art. 6, 13(3)), a longer retention (Art. 5(1)(e)). Plain data; `ropa diff` prints it
//! and the change notice is made from it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::duration::Duration;
use crate::legal;
use crate::model::{Activity, Language, Register, RetentionRule, Vendor};
use crate::overview::{TransferLine, spell_period, transfers, yaml_name};

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
                out.legal.extend(activity_marks(a, x, b, y, &replacing));
                if !fields.is_empty() || !tx.is_empty() {
                    out.activities.push(ItemChange {
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
                out.legal.extend(new_activity_marks(y, &tx));
                out.activities.push(ItemChange {
                    id: id.to_string(),
                    name: y.name.clone(),
                    change: Change::Added,
                    replaced_by: None,
                    fields: Vec::new(),
                    transfers: tx,
                });
            }
            (Some(x), None) => out.activities.push(ItemChange {
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

/// Items of a catalogue added, removed or changed, by id.
fn catalogue_changes<'a>(
    before: impl Iterator<Item = (&'a str, &'a str, Value)>,
    after: impl Iterator<Item = (&'a str, &'a str, Value)>,
) -> Vec<ItemChange> {
    let old: BTreeMap<&str, (&str, Value)> = before.map(|(id, n, v)| (id, (n, v))).collect();
    let new: BTreeMap<&str, (&str, Value)> = after.map(|(id, n, v)| (id, (n, v))).collect();
    let ids: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    let mut out = Vec::new();
    for id in ids {
        let (change, name, fields) = match (old.get(id), new.get(id)) {
            (Some((_, x)), Some((n, y))) => {
                let mut fields = Vec::new();
                diff_values("", x, y, &mut fields);
                if fields.is_empty() {
                    continue;
                }
                (Change::Changed, *n, fields)
            }
            (None, Some((n, _))) => (Change::Added, *n, Vec::new()),
            (Some((n, _)), None) => (Change::Removed, *n, Vec::new()),
            (None, None) => continue,
        };
        out.push(ItemChange {
            id: id.to_string(),
            name: name.to_string(),
            change,
            replaced_by: None,
            fields,
            transfers: Vec::new(),
        });
    }
    out
}

/// Vendors added, removed, changed; a removed vendor is `replaced` when an added one took its
/// place in an activity's recipients, or else offers the same service in the same role.
fn vendor_changes(a: &Register, b: &Register) -> Vec<ItemChange> {
    let value = |v: &Vendor| to_value(v);
    let mut out = catalogue_changes(
        a.vendors
            .iter()
            .map(|v| (v.item.id.as_str(), v.item.name.as_str(), value(&v.item))),
        b.vendors
            .iter()
            .map(|v| (v.item.id.as_str(), v.item.name.as_str(), value(&v.item))),
    );
    let added: Vec<String> = out
        .iter()
        .filter(|c| c.change == Change::Added)
        .map(|c| c.id.clone())
        .collect();
    for c in out.iter_mut().filter(|c| c.change == Change::Removed) {
        if let Some(by) = replacement(a, b, &c.id, &added) {
            c.change = Change::Replaced;
            c.replaced_by = Some(by);
        }
    }
    out
}

/// The added vendor that took `gone`'s place, if one did: among the added vendors that an
/// activity naming `gone` now names instead, the one offering the same service in the same role,
/// else the only one; failing that, an added vendor with the same service and role.
fn replacement(a: &Register, b: &Register, gone: &str, added: &[String]) -> Option<String> {
    let old = a.vendor(gone)?;
    let same_service = |id: &str| {
        b.vendor(id).is_some_and(|v| {
            v.item.role == old.item.role
                && v.item
                    .service
                    .trim()
                    .eq_ignore_ascii_case(old.item.service.trim())
        })
    };
    let mut candidates: BTreeSet<&str> = BTreeSet::new();
    for x in &a.activities {
        if !vendor_ids(&x.item).contains(gone) {
            continue;
        }
        if let Some(y) = b.activity(&x.item.id) {
            let now = vendor_ids(&y.item);
            if !now.contains(gone) {
                candidates.extend(
                    added
                        .iter()
                        .map(String::as_str)
                        .filter(|id| now.contains(id)),
                );
            }
        }
    }
    candidates
        .iter()
        .find(|id| same_service(id))
        .or_else(|| {
            (candidates.len() == 1)
                .then(|| candidates.first())
                .flatten()
        })
        .map(|id| id.to_string())
        .or_else(|| added.iter().find(|id| same_service(id)).cloned())
}

fn vendor_ids(a: &Activity) -> BTreeSet<&str> {
    a.recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref())
        .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        .collect()
}

/// Sub-processors of an activity: the vendors it names whose role is processor or
/// sub-processor.
fn sub_processors<'r>(r: &'r Register, a: &'r Activity) -> BTreeSet<&'r str> {
    vendor_ids(a)
        .into_iter()
        .filter(|id| r.vendor(id).is_some_and(|v| v.item.role.is_processor()))
        .collect()
}

fn transfer_changes(a: &Register, x: &Activity, b: &Register, y: &Activity) -> Vec<TransferChange> {
    let before: BTreeSet<TransferLine> = transfers(a, x).into_iter().collect();
    let after: BTreeSet<TransferLine> = transfers(b, y).into_iter().collect();
    let mut out: Vec<TransferChange> = after
        .difference(&before)
        .map(|t| TransferChange {
            change: Change::Added,
            transfer: t.clone(),
        })
        .collect();
    out.extend(before.difference(&after).map(|t| TransferChange {
        change: Change::Removed,
        transfer: t.clone(),
    }));
    out
}

fn canonical_country(code: &str) -> String {
    legal::country(code).map_or_else(|| code.trim().to_uppercase(), |c| c.code.clone())
}

/// Marks of a new activity: its third countries and special categories are new too (there is no
/// sub-processor notice for a processing that did not exist).
fn new_activity_marks(y: &Activity, tx: &[TransferChange]) -> Vec<Mark> {
    let mut marks = Vec::new();
    let countries: BTreeSet<String> = tx
        .iter()
        .map(|t| canonical_country(&t.transfer.country))
        .collect();
    for c in countries {
        marks.push(Mark {
            legal: Legal::NewThirdCountry,
            activity: Some(y.id.clone()),
            vendor: None,
            replaces: None,
            message: format!(
                "new activity `{}` transfers data to {}",
                y.id,
                country_label(&c)
            ),
        });
    }
    for c in y
        .data_categories
        .iter()
        .filter(|c| c.special_category.is_some() || c.criminal_data)
    {
        marks.push(special_mark(y, c));
    }
    marks
}

fn country_label(code: &str) -> String {
    match legal::country_name(code, Language::En) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

fn special_mark(y: &Activity, c: &crate::model::DataCategory) -> Mark {
    let what = match c.special_category {
        Some(s) => format!("special category `{}`", yaml_name(&s)),
        None => "data relating to criminal convictions and offences".to_string(),
    };
    Mark {
        legal: Legal::NewSpecialCategory,
        activity: Some(y.id.clone()),
        vendor: None,
        replaces: None,
        message: format!(
            "activity `{}` now processes {what} in data category `{}`",
            y.id, c.id
        ),
    }
}

/// The legal marks of an activity present in both versions.
fn activity_marks(
    a: &Register,
    x: &Activity,
    b: &Register,
    y: &Activity,
    replacing: &HashMap<&str, &str>,
) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mark = |legal: Legal, vendor: Option<&str>, replaces: Option<&str>, message: String| Mark {
        legal,
        activity: Some(y.id.clone()),
        vendor: vendor.map(str::to_string),
        replaces: replaces.map(str::to_string),
        message,
    };
    // Art. 28(2): sub-processors of a processor activity.
    if !y.role.is_controller() {
        let before = sub_processors(a, x);
        let after = sub_processors(b, y);
        let gone: BTreeSet<&str> = before.difference(&after).copied().collect();
        for id in after.difference(&before) {
            // A replacement, when the catalogue says so and the activity dropped the other.
            let replaces = replacing.get(id).copied().filter(|r| gone.contains(r));
            let name = b.vendor(id).map_or(*id, |v| v.item.name.as_str());
            let message = match replaces {
                Some(r) => format!(
                    "processor activity `{}` engages sub-processor `{id}` ({name}) in place of `{r}`",
                    y.id
                ),
                None => format!(
                    "processor activity `{}` engages a new sub-processor `{id}` ({name})",
                    y.id
                ),
            };
            marks.push(mark(Legal::NewSubProcessor, Some(id), replaces, message));
        }
    }
    // Chapter V: third countries.
    let countries = |r: &Register, act: &Activity| -> BTreeMap<String, TransferLine> {
        transfers(r, act)
            .into_iter()
            .map(|t| (canonical_country(&t.country), t))
            .collect()
    };
    let before = countries(a, x);
    for (c, t) in countries(b, y) {
        if !before.contains_key(&c) {
            let how = if t.mechanism.is_empty() {
                "with no transfer mechanism recorded".to_string()
            } else {
                format!("under `{}`", t.mechanism)
            };
            marks.push(mark(
                Legal::NewThirdCountry,
                t.vendor.as_deref(),
                None,
                format!(
                    "activity `{}` now transfers data to {} ({}) {how}",
                    y.id,
                    country_label(&c),
                    t.importer
                ),
            ));
        }
    }
    // Art. 9 and 10: special categories.
    let old: HashMap<&str, &crate::model::DataCategory> = x
        .data_categories
        .iter()
        .map(|c| (c.id.as_str(), c))
        .collect();
    for c in &y.data_categories {
        let was = old.get(c.id.as_str());
        let new_special = c.special_category.is_some()
            && was.is_none_or(|w| w.special_category != c.special_category);
        let new_criminal = c.criminal_data && was.is_none_or(|w| !w.criminal_data);
        if new_special || new_criminal {
            marks.push(special_mark(y, c));
        }
    }
    // Art. 6: legal bases, purpose by purpose.
    for (i, (p, q)) in x.purposes.iter().zip(&y.purposes).enumerate() {
        if let (Some(before), after) = (p.legal_basis, q.legal_basis)
            && Some(before) != after
        {
            marks.push(mark(
                Legal::ChangedLegalBasis,
                None,
                None,
                format!(
                    "purpose {} of `{}` ({}) changed its legal basis from `{}` to `{}`",
                    i + 1,
                    y.id,
                    q.description,
                    yaml_name(&before),
                    after
                        .map(|a| yaml_name(&a))
                        .unwrap_or_else(|| "none".to_string())
                ),
            ));
        }
    }
    // Art. 5(1)(e): retention, rule by rule (matched by the data they cover, else by place).
    for (r, s) in matched_retention(x, y) {
        if let (Some(before), Some(after)) = (longest(r), longest(s))
            && after.1 > before.1
        {
            marks.push(mark(
                Legal::LongerRetention,
                None,
                None,
                format!(
                    "activity `{}` keeps {} longer: {} instead of {}",
                    y.id,
                    retention_subject(s),
                    after.0,
                    before.0
                ),
            ));
        }
    }
    marks
}

fn retention_subject(r: &RetentionRule) -> String {
    if r.data_categories.is_empty() {
        r.scope.clone().unwrap_or_else(|| "data".to_string())
    } else {
        format!("`{}`", r.data_categories.join("`, `"))
    }
}

/// Pairs of retention rules of two versions of an activity covering the same data categories;
/// rules with no match pair by position.
fn matched_retention<'a>(
    x: &'a Activity,
    y: &'a Activity,
) -> Vec<(&'a RetentionRule, &'a RetentionRule)> {
    let key = |r: &RetentionRule| {
        let mut k = r.data_categories.clone();
        k.sort();
        k
    };
    let old: HashMap<Vec<String>, &RetentionRule> = x
        .retention
        .iter()
        .filter(|r| !r.data_categories.is_empty())
        .map(|r| (key(r), r))
        .collect();
    y.retention
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let by_key = (!s.data_categories.is_empty())
                .then(|| old.get(&key(s)).copied())
                .flatten();
            by_key.or_else(|| x.retention.get(i)).map(|r| (r, s))
        })
        .collect()
}

/// The longest stated period of a retention rule, spelled out, with its length in days.
fn longest(r: &RetentionRule) -> Option<(String, f64)> {
    let mut best: Option<(String, f64)> = None;
    for p in &r.periods {
        let mut lengths: Vec<&str> = Vec::new();
        lengths.extend(p.duration.as_deref());
        if let Some(range) = &p.range {
            lengths.push(&range.max);
        }
        lengths.extend(p.variants.iter().map(|v| v.duration.as_str()));
        for l in lengths {
            if let Ok(d) = Duration::parse(l) {
                let days = d.approx_days();
                if best.as_ref().is_none_or(|(_, b)| days > *b) {
                    best = Some((spell_period(p), days));
                }
            }
        }
    }
    best
}

/// The fields that differ between two JSON values, by path. Lists whose items all have an `id`
/// are matched by id; other lists of mappings by position; lists of plain values as a whole.
pub fn diff_values(path: &str, before: &Value, after: &Value, out: &mut Vec<FieldChange>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
            for k in keys {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                diff_values(
                    &child,
                    a.get(k).unwrap_or(&Value::Null),
                    b.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if has_ids(a) && has_ids(b) => {
            let id = |v: &Value| {
                v.get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let old: HashMap<String, &Value> = a.iter().map(|v| (id(v), v)).collect();
            let new: HashMap<String, &Value> = b.iter().map(|v| (id(v), v)).collect();
            for v in b {
                let k = id(v);
                diff_values(
                    &format!("{path}[{k}]"),
                    old.get(&k).copied().unwrap_or(&Value::Null),
                    v,
                    out,
                );
            }
            for v in a.iter().filter(|v| !new.contains_key(&id(v))) {
                diff_values(&format!("{path}[{}]", id(v)), v, &Value::Null, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(Value::is_object) => {
            // Items found unchanged on both sides are left alone, wherever they moved; the
            // others pair up in order (a changed item), the rest are added or removed. Paths
            // give the position in the newer list (in the older one for a removed item).
            let mut unchanged: HashMap<String, usize> = HashMap::new();
            for v in a {
                *unchanged.entry(v.to_string()).or_default() += 1;
            }
            let mut added: Vec<usize> = Vec::new();
            for (i, v) in b.iter().enumerate() {
                match unchanged.get_mut(&v.to_string()) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => added.push(i),
                }
            }
            let mut removed: Vec<usize> = Vec::new();
            for (i, v) in a.iter().enumerate() {
                if let Some(n) = unchanged.get_mut(&v.to_string())
                    && *n > 0
                {
                    *n -= 1;
                    removed.push(i);
                }
            }
            for k in 0..added.len().max(removed.len()) {
                let (before, after, at) = match (removed.get(k), added.get(k)) {
                    (Some(&r), Some(&n)) => (&a[r], &b[n], n),
                    (None, Some(&n)) => (&Value::Null, &b[n], n),
                    (Some(&r), None) => (&a[r], &Value::Null, r),
                    (None, None) => continue,
                };
                diff_values(&format!("{path}[{at}]"), before, after, out);
            }
        }
        // A list that appears or disappears is reported whole, not item by item.
        _ => {
            let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
            if empty(before) && empty(after) {
                return;
            }
            out.push(FieldChange {
                path: path.to_string(),
                before: before.clone(),
                after: after.clone(),
            });
        }
    }
}

fn has_ids(items: &[Value]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|v| v.get("id").is_some_and(Value::is_string))
}

/// A value in a line of text: plain for text and numbers, flow YAML-like for the rest.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) => s.replace('\n', " "),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{k}: {}", value_text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_by_path_lists_by_id() {
        let a = json!({"name": "A", "cats": [{"id": "x", "n": 1}, {"id": "y", "n": 2}], "ops": ["a"], "p": [{"b": 1}]});
        let b = json!({"name": "B", "cats": [{"id": "y", "n": 3}, {"id": "z", "n": 4}], "ops": ["a", "b"], "p": [{"b": 2}]});
        let mut out = Vec::new();
        diff_values("", &a, &b, &mut out);
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["name", "cats[y].n", "cats[z]", "cats[x]", "ops", "p[0].b"]
        );
        assert_eq!(out[3].after, Value::Null);
    }

    #[test]
    fn items_without_ids_that_did_not_change_are_not_reported_when_others_move() {
        let a = json!({"r": [{"k": "a"}, {"k": "b", "v": 1}, {"k": "c"}]});
        let b = json!({"r": [{"k": "a"}, {"k": "b", "v": 2}, {"k": "x"}, {"k": "c"}]});
        let mut out = Vec::new();
        diff_values("", &a, &b, &mut out);
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["r[1].v", "r[2]"]);
        assert_eq!(out[1].before, Value::Null);
    }

    #[test]
    fn absent_and_empty_lists_are_the_same() {
        let mut out = Vec::new();
        diff_values("", &json!({"a": []}), &json!({}), &mut out);
        assert!(out.is_empty());
    }
}
