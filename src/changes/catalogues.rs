//! The catalogues between two versions: vendors added, removed or replaced, measures changed.

use super::marks::vendor_ids;
use super::*;

/// Items of a catalogue added, removed or changed, by id.
pub(super) fn catalogue_changes<'a>(
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
pub(super) fn vendor_changes(a: &Register, b: &Register) -> Vec<ItemChange> {
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
pub(super) fn replacement(
    a: &Register,
    b: &Register,
    gone: &str,
    added: &[String],
) -> Option<String> {
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
