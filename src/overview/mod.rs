//! The register at a glance: tables of activities, vendors, transfers, retention and reviews
//! (`ropa list`), and one activity, vendor or measure with its references resolved (`ropa show`).
//! Plain data: the command-line layer lays the tables out.

mod rows;
mod show;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::bail;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use crate::duration::Duration;
use crate::legal::{self, same_country};
use crate::model::{Activity, Language, Register, RetentionPeriod, Vendor};

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

pub use crate::model::yaml_name;

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
                    Listing::Retention => activities
                        .iter()
                        .flat_map(|a| retention_rows(a, language_of(register)))
                        .collect(),
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

use rows::*;
pub use rows::{TransferLine, review_dates, spell_period, transfers};
pub use show::{show, to_text};
