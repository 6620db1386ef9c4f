//! The register at a glance: tables of activities, vendors, transfers, retention and reviews
//! (`ropa list`), and one activity, vendor or measure with its references resolved (`ropa show`).
//! Plain data: the command-line layer lays the tables out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::bail;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use crate::duration::Duration;
use crate::legal;
use crate::model::{Activity, Register, RetentionPeriod, Vendor};

/// What `ropa list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// One row per activity.
    Activities,
    /// One row per vendor of the catalogue.
    Vendors,
    /// One row per transfer outside the EEA, declared or through a recipient vendor.
    Transfers,
    /// One row per retention rule.
    Retention,
    /// One row per activity: last review, next one due, overdue or not.
    Reviews,
}

/// Filters of `ropa list`: each keeps the rows that match, all must match.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// An activity's role (`controller`, `joint_controller`, `processor`), or for vendors a
    /// vendor's role.
    pub role: Option<String>,
    /// An activity's owner, whatever the case.
    pub owner: Option<String>,
    /// A country code: activities transferring there or using a vendor located there, vendors
    /// located there, transfers to it.
    pub country: Option<String>,
    /// A vendor id: activities naming it, that vendor, its transfers.
    pub vendor: Option<String>,
}

/// A table: column names and rows of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Column names (lower-case keys, also the JSON keys).
    pub headers: Vec<&'static str>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The rows as JSON objects keyed by column name, in column order.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    let map: serde_json::Map<String, Value> = self
                        .headers
                        .iter()
                        .zip(row)
                        .map(|(h, c)| (h.to_string(), Value::String(c.clone())))
                        .collect();
                    Value::Object(map)
                })
                .collect(),
        )
    }

    /// RFC 4180 CSV with a header line.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
            let quoted: Vec<String> = cells.map(csv_cell).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        line(&mut self.headers.iter().copied(), &mut out);
        for row in &self.rows {
            line(&mut row.iter().map(String::as_str), &mut out);
        }
        out
    }
}

fn csv_cell(cell: &str) -> String {
    // A cell starting with = + - @ would be a formula to a spreadsheet: prefix it with a quote
    // mark so that register text is never evaluated.
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// The YAML name of an enum value (`legal_obligation`), as written in the register.
pub fn yaml_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Check the filters against the registers: an unknown vendor or role is a usage error.
pub fn validate_filters(
    listing: Listing,
    registers: &[Register],
    filters: &Filters,
) -> anyhow::Result<()> {
    if let Some(role) = &filters.role {
        let allowed: &[&str] = if listing == Listing::Vendors {
            &[
                "processor",
                "sub_processor",
                "controller",
                "joint_controller",
                "authority",
            ]
        } else {
            &["controller", "joint_controller", "processor"]
        };
        if !allowed.contains(&role.as_str()) {
            bail!(
                "unknown role `{role}`: expected one of {}",
                allowed.join(", ")
            );
        }
    }
    if let Some(id) = &filters.vendor
        && !registers.iter().any(|r| r.vendor(id).is_some())
    {
        let ids: Vec<String> = registers
            .iter()
            .flat_map(|r| r.vendors.iter().map(|v| v.item.id.clone()))
            .collect();
        bail!("no vendor `{id}` in the catalogue{}", suggestion(id, &ids));
    }
    if let Some(c) = &filters.country
        && legal::country(c).is_none()
    {
        bail!("`{c}` is not an ISO 3166-1 alpha-2 country code known to ropa (e.g. FR, US, GB)");
    }
    Ok(())
}

/// "; did you mean `x`?" or the list of known ids.
pub fn suggestion(word: &str, candidates: &[String]) -> String {
    match crate::suggest::closest(word, candidates) {
        Some(s) => format!("; did you mean `{s}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("; known: {}", candidates.join(", ")),
    }
}

/// The table of `listing` over `registers`, filtered. `as_of` dates the reviews. A `register`
/// column comes first when there are several registers.
pub fn table(
    listing: Listing,
    registers: &[Register],
    filters: &Filters,
    as_of: NaiveDate,
) -> Table {
    let several = registers.len() > 1;
    let mut headers: Vec<&'static str> = Vec::new();
    if several {
        headers.push("register");
    }
    headers.extend(match listing {
        Listing::Activities => vec![
            "id", "name", "role", "purposes", "bases", "owner", "updated",
        ],
        Listing::Vendors => vec![
            "id",
            "name",
            "role",
            "service",
            "countries",
            "contract",
            "activities",
        ],
        Listing::Transfers => vec!["activity", "importer", "country", "mechanism"],
        Listing::Retention => vec!["activity", "data", "duration", "end"],
        Listing::Reviews => vec!["activity", "last", "due", "overdue"],
    });
    let mut rows = Vec::new();
    for register in registers {
        let name = register.root.file_name().map_or_else(
            || register.root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut register_rows = match listing {
            Listing::Vendors => vendor_rows(register, filters),
            _ => {
                let activities: Vec<&Activity> = register
                    .activities
                    .iter()
                    .map(|a| &a.item)
                    .filter(|a| keeps_activity(register, a, filters))
                    .collect();
                match listing {
                    Listing::Activities => activities.iter().map(|a| activity_row(a)).collect(),
                    Listing::Transfers => activities
                        .iter()
                        .flat_map(|a| transfer_rows(register, a, filters))
                        .collect(),
                    Listing::Retention => {
                        activities.iter().flat_map(|a| retention_rows(a)).collect()
                    }
                    Listing::Reviews => activities
                        .iter()
                        .map(|a| review_row(register, a, as_of))
                        .collect(),
                    Listing::Vendors => Vec::new(),
                }
            }
        };
        if several {
            for row in &mut register_rows {
                row.insert(0, name.clone());
            }
        }
        rows.extend(register_rows);
    }
    Table { headers, rows }
}

/// Whether two country codes name the same country (`UK` and `GB` do).
fn same_country(a: &str, b: &str) -> bool {
    let canonical =
        |c: &str| legal::country(c).map_or_else(|| c.trim().to_uppercase(), |c| c.code.clone());
    canonical(a) == canonical(b)
}

/// Countries where a vendor processes data: its locations and its safeguards' countries.
fn vendor_countries(v: &Vendor) -> BTreeSet<String> {
    v.locations
        .iter()
        .filter_map(|l| l.country.clone())
        .chain(v.transfer_safeguards.iter().map(|s| s.country.clone()))
        .map(|c| c.to_uppercase())
        .collect()
}

/// Vendor ids an activity names (recipients and transfers).
fn activity_vendors(a: &Activity) -> BTreeSet<&str> {
    a.recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref())
        .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        .collect()
}

fn keeps_activity(register: &Register, a: &Activity, f: &Filters) -> bool {
    if f.role.as_ref().is_some_and(|r| *r != yaml_name(&a.role)) {
        return false;
    }
    if let Some(owner) = &f.owner
        && !a
            .owner
            .as_deref()
            .is_some_and(|o| o.eq_ignore_ascii_case(owner))
    {
        return false;
    }
    let vendors = activity_vendors(a);
    if f.vendor.as_deref().is_some_and(|v| !vendors.contains(v)) {
        return false;
    }
    if let Some(country) = &f.country {
        let same = |c: &str| same_country(c, country);
        let direct = a
            .transfers
            .iter()
            .any(|t| t.country.as_deref().is_some_and(same));
        let through = vendors
            .iter()
            .filter_map(|id| register.vendor(id))
            .any(|v| vendor_countries(&v.item).iter().any(|c| same(c)));
        if !direct && !through {
            return false;
        }
    }
    true
}

fn activity_row(a: &Activity) -> Vec<String> {
    let purposes: Vec<&str> = a.purposes.iter().map(|p| p.description.as_str()).collect();
    let bases: BTreeSet<String> = a
        .purposes
        .iter()
        .filter_map(|p| p.legal_basis.as_ref())
        .map(yaml_name)
        .collect();
    vec![
        a.id.clone(),
        a.name.clone(),
        yaml_name(&a.role),
        purposes.join("; "),
        bases.into_iter().collect::<Vec<_>>().join(", "),
        a.owner.clone().unwrap_or_default(),
        a.updated.to_string(),
    ]
}

fn vendor_rows(register: &Register, f: &Filters) -> Vec<Vec<String>> {
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
    for a in &register.activities {
        for id in activity_vendors(&a.item) {
            users.entry(id).or_default().push(a.item.id.as_str());
        }
    }
    register
        .vendors
        .iter()
        .map(|v| &v.item)
        .filter(|v| f.role.as_ref().is_none_or(|r| *r == yaml_name(&v.role)))
        .filter(|v| f.vendor.as_ref().is_none_or(|id| *id == v.id))
        .filter(|v| {
            f.country
                .as_ref()
                .is_none_or(|c| vendor_countries(v).iter().any(|vc| same_country(vc, c)))
        })
        .filter(|v| {
            f.owner.is_none()
                || users.get(v.id.as_str()).is_some_and(|ids| {
                    ids.iter().any(|id| {
                        register
                            .activity(id)
                            .is_some_and(|a| keeps_activity(register, &a.item, f))
                    })
                })
        })
        .map(|v| {
            let contract = match &v.contract {
                Some(c) => [c.reference.clone(), c.date.map(|d| d.to_string())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                None => String::new(),
            };
            let contract = if contract.is_empty() && v.contract.is_some() {
                "yes".to_string()
            } else {
                contract
            };
            vec![
                v.id.clone(),
                v.name.clone(),
                yaml_name(&v.role),
                v.service.clone(),
                vendor_countries(v)
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", "),
                contract,
                users
                    .get(v.id.as_str())
                    .map(|ids| ids.join(", "))
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// One transfer of an activity in a list: importer, destination, mechanism.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TransferLine {
    /// The importer: a vendor's name, or the transfer's `importer` text.
    pub importer: String,
    /// The vendor's id, when the importer is a catalogued vendor.
    pub vendor: Option<String>,
    /// The destination country code, or the international organisation.
    pub country: String,
    /// The mechanism's YAML name, or empty when none is recorded.
    pub mechanism: String,
}

/// Every transfer outside the EEA of an activity: its declared transfers, then the non-EEA
/// countries of its recipient vendors that no declared transfer covers (with the vendor's
/// safeguard for that country). Sorted, each once.
pub fn transfers(register: &Register, a: &Activity) -> Vec<TransferLine> {
    let mut out = BTreeSet::new();
    for t in &a.transfers {
        let destination = t
            .country
            .clone()
            .or_else(|| t.international_organisation.clone())
            .unwrap_or_default();
        if t.country.as_deref().is_some_and(legal::is_eea) {
            continue;
        }
        let vendor = t.vendor.as_deref().and_then(|id| register.vendor(id));
        let mechanism = t.mechanism.or_else(|| {
            vendor.and_then(|v| safeguard(&v.item, &destination).and_then(|s| s.mechanism))
        });
        out.insert(TransferLine {
            importer: vendor
                .map(|v| v.item.name.clone())
                .or_else(|| t.importer.clone())
                .or_else(|| t.vendor.clone())
                .unwrap_or_default(),
            vendor: t.vendor.clone(),
            country: destination,
            mechanism: mechanism.map(|m| yaml_name(&m)).unwrap_or_default(),
        });
    }
    for id in a.recipients.iter().filter_map(|r| r.vendor.as_deref()) {
        let Some(v) = register.vendor(id) else {
            continue;
        };
        for country in vendor_countries(&v.item) {
            if legal::is_eea(&country) {
                continue;
            }
            let declared = a.transfers.iter().any(|t| {
                t.country
                    .as_deref()
                    .is_some_and(|c| same_country(c, &country))
                    && t.vendor.as_deref().is_none_or(|tv| tv == id)
            });
            if declared {
                continue;
            }
            out.insert(TransferLine {
                importer: v.item.name.clone(),
                vendor: Some(id.to_string()),
                mechanism: safeguard(&v.item, &country)
                    .and_then(|s| s.mechanism)
                    .map(|m| yaml_name(&m))
                    .unwrap_or_default(),
                country,
            });
        }
    }
    out.into_iter().collect()
}

fn safeguard<'v>(v: &'v Vendor, country: &str) -> Option<&'v crate::model::Safeguard> {
    v.transfer_safeguards
        .iter()
        .find(|s| same_country(&s.country, country))
}

fn transfer_rows(register: &Register, a: &Activity, f: &Filters) -> Vec<Vec<String>> {
    transfers(register, a)
        .into_iter()
        .filter(|t| {
            f.country
                .as_ref()
                .is_none_or(|c| same_country(&t.country, c))
        })
        .filter(|t| f.vendor.is_none() || t.vendor == f.vendor)
        .map(|t| vec![a.id.clone(), t.importer, t.country, t.mechanism])
        .collect()
}

/// A retention period in words: "5 years from end of the contract", "until the subscriber
/// unsubscribes", "12 to 24 months".
pub fn spell_period(p: &RetentionPeriod) -> String {
    let spell = |d: &str| {
        Duration::parse(d).map_or_else(|_| d.to_string(), |d| d.spell(crate::model::Language::En))
    };
    let mut parts = Vec::new();
    if let Some(d) = &p.duration {
        parts.push(spell(d));
    }
    if let Some(r) = &p.range {
        parts.push(format!("{} to {}", spell(&r.min), spell(&r.max)));
    }
    if let Some(from) = &p.from {
        parts.push(format!("from {from}"));
    }
    if let Some(until) = &p.until {
        parts.push(format!("until {until}"));
    }
    for v in &p.variants {
        parts.push(format!("({}: {})", v.condition, spell(&v.duration)));
    }
    parts.join(" ")
}

fn retention_rows(a: &Activity) -> Vec<Vec<String>> {
    let names: HashMap<&str, &str> = a
        .data_categories
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    a.retention
        .iter()
        .map(|r| {
            let mut data: Vec<&str> = r
                .data_categories
                .iter()
                .map(|id| names.get(id.as_str()).copied().unwrap_or(id.as_str()))
                .collect();
            if let Some(scope) = &r.scope {
                data.push(scope);
            }
            let duration = if r.periods.is_empty() {
                r.text.clone().unwrap_or_default()
            } else {
                r.periods
                    .iter()
                    .map(spell_period)
                    .collect::<Vec<_>>()
                    .join(", then ")
            };
            vec![
                a.id.clone(),
                data.join(", "),
                duration,
                r.end_action.map(|e| yaml_name(&e)).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The last review of an activity and when the next one is due.
pub fn review_dates(register: &Register, a: &Activity) -> (NaiveDate, Option<NaiveDate>) {
    let last = a.reviewed.unwrap_or(a.updated);
    let months = register.config.item.settings.review_interval_months;
    let due = a
        .next_review
        .or_else(|| last.checked_add_months(Months::new(months)));
    (last, due)
}

fn review_row(register: &Register, a: &Activity, as_of: NaiveDate) -> Vec<String> {
    let (last, due) = review_dates(register, a);
    let overdue = match due {
        Some(d) if d < as_of => format!("yes, {} days", (as_of - d).num_days()),
        Some(_) => "no".to_string(),
        None => String::new(),
    };
    vec![
        a.id.clone(),
        last.to_string(),
        due.map(|d| d.to_string()).unwrap_or_default(),
        overdue,
    ]
}

/// An activity, vendor or measure `id` of the registers, as JSON with its references resolved:
/// recipients and transfers with their vendor, security measures with their entry, and for a
/// vendor or measure the activities that use it. Fails with the known ids when none has it.
pub fn show(registers: &[Register], id: &str) -> anyhow::Result<Value> {
    let mut found = Vec::new();
    for register in registers {
        if let Some(a) = register.activity(id) {
            found.push(show_activity(register, &a.item));
        }
        if let Some(v) = register.vendor(id) {
            found.push(show_vendor(register, &v.item));
        }
        if let Some(m) = register.measure(id) {
            let used_by: Vec<&str> = register
                .activities
                .iter()
                .filter(|a| a.item.security_measures.iter().any(|s| s == id))
                .map(|a| a.item.id.as_str())
                .collect();
            let mut value = json!({"kind": "measure"});
            merge(
                &mut value,
                serde_json::to_value(&m.item).unwrap_or_default(),
            );
            value["used_by"] = json!(used_by);
            found.push(value);
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let ids: Vec<String> = registers
                .iter()
                .flat_map(|r| {
                    r.activities
                        .iter()
                        .map(|a| a.item.id.clone())
                        .chain(r.vendors.iter().map(|v| v.item.id.clone()))
                        .chain(r.measures.iter().map(|m| m.item.id.clone()))
                })
                .collect();
            bail!(
                "no activity, vendor or measure `{id}`{}",
                suggestion(id, &ids)
            )
        }
        n => bail!(
            "`{id}` names {n} items (an activity and a vendor, or items of several registers): give the register's folder"
        ),
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, from) {
        a.extend(b);
    }
}

fn show_activity(register: &Register, a: &Activity) -> Value {
    let mut value = json!({"kind": "activity"});
    merge(&mut value, serde_json::to_value(a).unwrap_or_default());
    let vendor_summary = |id: &str| {
        register.vendor(id).map(|v| {
            json!({
                "name": v.item.name,
                "role": yaml_name(&v.item.role),
                "service": v.item.service,
                "countries": vendor_countries(&v.item),
            })
        })
    };
    if let Some(Value::Array(recipients)) = value.get_mut("recipients") {
        for r in recipients {
            if let Some(id) = r.get("vendor").and_then(Value::as_str).map(str::to_string) {
                r["vendor_entry"] = vendor_summary(&id).unwrap_or(Value::Null);
            }
        }
    }
    if let Some(Value::Array(transfers)) = value.get_mut("transfers") {
        for t in transfers {
            if let Some(id) = t.get("vendor").and_then(Value::as_str).map(str::to_string) {
                t["vendor_entry"] = vendor_summary(&id).unwrap_or(Value::Null);
            }
        }
    }
    let measures: Vec<Value> = a
        .security_measures
        .iter()
        .map(|id| match register.measure(id) {
            Some(m) => json!({
                "id": id,
                "category": yaml_name(&m.item.category),
                "title": m.item.title,
                "description": m.item.description,
            }),
            None => json!({"id": id, "missing": true}),
        })
        .collect();
    value["security_measures"] = Value::Array(measures);
    let (last, due) = review_dates(register, a);
    value["review"] = json!({"last": last, "due": due});
    value
}

fn show_vendor(register: &Register, v: &Vendor) -> Value {
    let mut value = json!({"kind": "vendor"});
    merge(&mut value, serde_json::to_value(v).unwrap_or_default());
    let used_by: BTreeMap<&str, &str> = register
        .activities
        .iter()
        .filter(|a| activity_vendors(&a.item).contains(v.id.as_str()))
        .map(|a| (a.item.id.as_str(), a.item.name.as_str()))
        .collect();
    value["used_by"] = json!(used_by);
    value
}

/// A JSON value as indented `key: value` lines, for reading (nulls, empty lists and `false`
/// are left out).
pub fn to_text(value: &Value) -> String {
    let mut out = String::new();
    write_text(value, 0, &mut out);
    out
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.replace('\n', " / "),
        other => other.to_string(),
    }
}

fn write_text(value: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter().filter(|(_, v)| !is_empty(v)) {
                match v {
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        write_text(v, indent + 1, out);
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter().filter(|v| !is_empty(v)) {
                match item {
                    Value::Object(_) | Value::Array(_) => {
                        let mut inner = String::new();
                        write_text(item, indent + 1, &mut inner);
                        // The first line of the item takes the dash.
                        let inner = inner.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                        out.push_str(&inner);
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let t = Table {
            headers: vec!["a", "b"],
            rows: vec![
                vec!["x, y".into(), "=SUM(A1)".into()],
                vec!["\"q\"".into(), "".into()],
            ],
        };
        assert_eq!(
            t.to_csv(),
            "a,b\r\n\"x, y\",'=SUM(A1)\r\n\"\"\"q\"\"\",\r\n"
        );
    }

    #[test]
    fn text_lists_nested_values() {
        let v = json!({"id": "a", "empty": [], "items": [{"x": 1, "y": "two"}, "z"]});
        assert_eq!(to_text(&v), "id: a\nitems:\n  - x: 1\n    y: two\n  - z\n");
    }
}
