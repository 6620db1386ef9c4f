//! The changes with a legal consequence: new sub-processors (Art. 28(2)), new third countries
//! (Chapter V), new special categories (Art. 35), changed legal bases (Art. 6), longer retention
//! (Art. 5(1)(e)); and the transfers an activity gains or loses.

use super::*;
use crate::legal;

pub(super) fn vendor_ids(a: &Activity) -> BTreeSet<&str> {
    a.recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref())
        .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        .collect()
}

/// Sub-processors of an activity: the vendors it names whose role is processor or
/// sub-processor.
pub(super) fn sub_processors<'r>(r: &'r Register, a: &'r Activity) -> BTreeSet<&'r str> {
    vendor_ids(a)
        .into_iter()
        .filter(|id| r.vendor(id).is_some_and(|v| v.item.role.is_processor()))
        .collect()
}

pub(super) fn transfer_changes(
    a: &Register,
    x: &Activity,
    b: &Register,
    y: &Activity,
) -> Vec<TransferChange> {
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

pub(super) fn canonical_country(code: &str) -> String {
    legal::country(code).map_or_else(|| code.trim().to_uppercase(), |c| c.code.clone())
}

/// Marks of a new activity: its third countries and special categories are new too (there is no
/// sub-processor notice for a processing that did not exist).
pub(super) fn new_activity_marks(y: &Activity, tx: &[TransferChange]) -> Vec<Mark> {
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

pub(super) fn country_label(code: &str) -> String {
    match legal::country_name(code, Language::En) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

pub(super) fn special_mark(y: &Activity, c: &crate::model::DataCategory) -> Mark {
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

/// A legal mark about activity `y`.
fn mark(
    y: &Activity,
    legal: Legal,
    vendor: Option<&str>,
    replaces: Option<&str>,
    message: String,
) -> Mark {
    Mark {
        legal,
        activity: Some(y.id.clone()),
        vendor: vendor.map(str::to_string),
        replaces: replaces.map(str::to_string),
        message,
    }
}

/// The legal marks of an activity present in both versions.
pub(super) fn activity_marks(
    a: &Register,
    x: &Activity,
    b: &Register,
    y: &Activity,
    replacing: &HashMap<&str, &str>,
) -> Vec<Mark> {
    let mut marks = Vec::new();
    sub_processor_marks(a, x, b, y, replacing, &mut marks);
    third_country_marks(a, x, b, y, &mut marks);
    basis_and_data_marks(x, y, &mut marks);
    marks
}

/// Art. 28(2): sub-processors a processor activity engages, new or in place of another.
fn sub_processor_marks(
    a: &Register,
    x: &Activity,
    b: &Register,
    y: &Activity,
    replacing: &HashMap<&str, &str>,
    marks: &mut Vec<Mark>,
) {
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
            marks.push(mark(y, Legal::NewSubProcessor, Some(id), replaces, message));
        }
    }
}

/// Chapter V: third countries the activity now transfers to.
fn third_country_marks(
    a: &Register,
    x: &Activity,
    b: &Register,
    y: &Activity,
    marks: &mut Vec<Mark>,
) {
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
                y,
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
}

/// New special categories (Art. 9, 10), changed legal bases (Art. 6), longer retention (Art.
/// 5(1)(e)).
fn basis_and_data_marks(x: &Activity, y: &Activity, marks: &mut Vec<Mark>) {
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
                y,
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
                y,
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
}

pub(super) fn retention_subject(r: &RetentionRule) -> String {
    if r.data_categories.is_empty() {
        r.scope.clone().unwrap_or_else(|| "data".to_string())
    } else {
        format!("`{}`", r.data_categories.join("`, `"))
    }
}

/// Pairs of retention rules of two versions of an activity covering the same data categories;
/// rules with no match pair by position.
pub(super) fn matched_retention<'a>(
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
pub(super) fn longest(r: &RetentionRule) -> Option<(String, f64)> {
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
                    best = Some((spell_period(p, Language::En), days));
                }
            }
        }
    }
    best
}
