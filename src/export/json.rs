//! The resolved register as JSON: each activity as written, next to what its references
//! resolve to (vendors, measures, data category names, the safeguard each transfer relies on),
//! its retention durations normalised, and its open findings. The shape is versioned and has its
//! own JSON Schema (`schemas/export.schema.json`, from [`schema`]).

use std::collections::HashMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::{ExportInput, Finding};
use crate::duration::Duration;
use crate::legal;
use crate::model::{
    Activity, Measure, Organisation, Party, RetentionPhase, SccModule, Sourced, TransferMechanism,
    Vendor,
};

/// Version of the JSON shape; bumped only on incompatible changes.
pub const VERSION: u32 = 1;

/// File name of the export's JSON Schema in `schemas/`.
pub const SCHEMA_FILE: &str = "export.schema.json";

/// `ropa export json`: a register resolved for other programs.
// Its activities are resolved one at a time as they are written ([`ExportedActivities`]), so
// that an export never holds the whole resolved register.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExportedRegister<'a> {
    /// Version of this JSON shape (see `schemas/export.schema.json`).
    pub format_version: u32,
    /// The export date (`--as-of`).
    pub exported: NaiveDate,
    /// The register's version: a git commit, or its latest update date.
    pub register_version: String,
    /// The organisation that keeps the register.
    pub organisation: Organisation,
    /// Its representative in the Union.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representative: Option<Party>,
    /// Its data protection officer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Party>,
    /// The vendors catalogue, as written.
    pub vendors: Vec<Vendor>,
    /// The security measures catalogue, as written.
    pub measures: Vec<Measure>,
    /// The activities, in file order.
    pub activities: ExportedActivities<'a>,
    /// Open findings that belong to no activity (register settings, catalogues).
    pub findings: Vec<Finding>,
    /// Count of open findings per severity, activities included.
    pub summary: Summary,
}

/// Counts of open findings.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Summary {
    /// Activities exported.
    pub activities: usize,
    /// Open errors.
    pub errors: usize,
    /// Open warnings.
    pub warnings: usize,
    /// Open infos.
    pub infos: usize,
}

/// The activities of the register, each resolved when it is written.
#[derive(Debug, Clone)]
pub struct ExportedActivities<'a> {
    activities: &'a [Sourced<Activity>],
    vendors: HashMap<&'a str, &'a Vendor>,
    measures: HashMap<&'a str, &'a Measure>,
    /// The open findings of each activity, by its place in `activities`.
    findings: Vec<Vec<Finding>>,
}

impl ExportedActivities<'_> {
    /// The activities resolved, in file order.
    pub fn iter(&self) -> impl Iterator<Item = ExportedActivity<'_>> {
        self.activities
            .iter()
            .zip(&self.findings)
            .map(|(a, findings)| ExportedActivity {
                record: &a.item,
                resolved: resolve(&a.item, &self.vendors, &self.measures),
                findings,
            })
    }
}

impl Serialize for ExportedActivities<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Described in the schema as the list it is written as.
impl JsonSchema for ExportedActivities<'_> {
    fn inline_schema() -> bool {
        <Vec<ExportedActivity<'static>>>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<ExportedActivity<'static>>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Vec<ExportedActivity<'static>>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<ExportedActivity<'static>>>::json_schema(generator)
    }
}

/// One activity: the record as written, its references resolved, its findings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExportedActivity<'a> {
    /// The record, exactly as in `activities/<id>.yaml`.
    pub record: &'a Activity,
    /// What the record's references and durations resolve to, item by item.
    pub resolved: Resolved,
    /// Open findings about this activity.
    pub findings: &'a [Finding],
}

/// Resolved references of an activity. Each list is aligned with the record's list of the same
/// name: item `i` resolves item `i`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Resolved {
    /// The recipients, with the vendor each one names.
    pub recipients: Vec<ResolvedRecipient>,
    /// The security measures the record names, from the catalogue (unknown ids left out).
    pub security_measures: Vec<Measure>,
    /// The retention rules, with category names and normalised durations.
    pub retention: Vec<ResolvedRetention>,
    /// The transfers, with the importer and the safeguard relied on.
    pub transfers: Vec<ResolvedTransfer>,
}

/// A recipient resolved.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ResolvedRecipient {
    /// Its name: the vendor's name for a vendor.
    pub name: String,
    /// The vendor, when the recipient names one that the catalogue holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<Vendor>,
    /// Names of the data categories it receives (all when empty).
    pub data_categories: Vec<String>,
}

/// A retention rule resolved.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ResolvedRetention {
    /// Names of the data categories it covers.
    pub data_categories: Vec<String>,
    /// Names of the subject categories it covers.
    pub data_subjects: Vec<String>,
    /// Its periods with normalised durations.
    pub periods: Vec<NormalisedPeriod>,
}

/// A retention period with its durations in canonical ISO 8601 and in days.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NormalisedPeriod {
    /// Lifecycle phase, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<RetentionPhase>,
    /// The fixed duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<NormalisedDuration>,
    /// The shortest duration of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<NormalisedDuration>,
    /// The longest duration of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<NormalisedDuration>,
    /// The event that starts the clock.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The event that ends the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// A duration normalised.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NormalisedDuration {
    /// As written.
    pub written: String,
    /// Canonical ISO 8601 (zero components left out), when it parses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// Length in days (a year is 365.25 days, a month 30.4375), rounded to the day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u64>,
}

/// A transfer resolved.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ResolvedTransfer {
    /// The destination country's canonical code (`GB` for `UK`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The destination country's English name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// Whether the destination is in the EEA.
    pub in_eea: bool,
    /// The importer: the vendor's name, else the importer as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importer: Option<String>,
    /// The mechanism relied on: the transfer's own, else the vendor's safeguard for the country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// The article of that mechanism.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mechanism_article: Option<String>,
    /// The SCC module.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scc_module: Option<SccModule>,
    /// Reference of the vendor's safeguard document, when the mechanism comes from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safeguard_reference: Option<String>,
}

/// The export, pretty-printed with a final newline, written to `out` as it is made.
pub fn write(input: &ExportInput<'_>, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(input))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The JSON Schema of the export, pretty-printed with a final newline.
pub fn schema() -> String {
    let mut schema = schemars::schema_for!(ExportedRegister);
    schema.insert(
        "$id".into(),
        format!("https://ropa.dev/schemas/{SCHEMA_FILE}").into(),
    );
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Build the export: the findings sorted out, the activities left to be resolved as they are
/// written.
pub fn build<'a>(input: &ExportInput<'a>) -> ExportedRegister<'a> {
    let register = input.register;
    let vendors: HashMap<&str, &Vendor> = register
        .vendors
        .iter()
        .map(|v| (v.item.id.as_str(), &v.item))
        .collect();
    let measures: HashMap<&str, &Measure> = register
        .measures
        .iter()
        .map(|m| (m.item.id.as_str(), &m.item))
        .collect();
    let mut by_activity: HashMap<&str, Vec<Finding>> = HashMap::new();
    let mut summary = Summary {
        activities: register.activities.len(),
        ..Summary::default()
    };
    let mut general = Vec::new();
    for f in &input.findings {
        match f.severity.as_str() {
            "error" => summary.errors += 1,
            "warning" => summary.warnings += 1,
            _ => summary.infos += 1,
        }
        match &f.activity {
            Some(id) => by_activity.entry(id.as_str()).or_default().push(f.clone()),
            None => general.push(f.clone()),
        }
    }
    // An id written twice gets its findings once, on its first activity.
    let findings = register
        .activities
        .iter()
        .map(|a| by_activity.remove(a.item.id.as_str()).unwrap_or_default())
        .collect();
    let activities = ExportedActivities {
        activities: &register.activities,
        vendors,
        measures,
        findings,
    };
    let config = &register.config.item;
    ExportedRegister {
        format_version: VERSION,
        exported: input.as_of,
        register_version: input.view.version.clone(),
        organisation: config.organisation.clone(),
        representative: config.representative.clone(),
        dpo: config.dpo.clone(),
        vendors: register.vendors.iter().map(|v| v.item.clone()).collect(),
        measures: register.measures.iter().map(|m| m.item.clone()).collect(),
        activities,
        findings: general,
        summary,
    }
}

fn resolve(
    a: &Activity,
    vendors: &HashMap<&str, &Vendor>,
    measures: &HashMap<&str, &Measure>,
) -> Resolved {
    let categories: HashMap<&str, &str> = a
        .data_categories
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let subjects: HashMap<&str, &str> = a
        .data_subjects
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let names = |ids: &[String], table: &HashMap<&str, &str>| -> Vec<String> {
        ids.iter()
            .map(|id| {
                table
                    .get(id.as_str())
                    .map_or(id.as_str(), |n| n)
                    .to_string()
            })
            .collect()
    };
    let recipients = a
        .recipients
        .iter()
        .map(|r| {
            let vendor = r.vendor.as_deref().and_then(|id| vendors.get(id)).copied();
            ResolvedRecipient {
                name: vendor
                    .map(|v| v.name.clone())
                    .or_else(|| r.name.clone())
                    .or_else(|| r.vendor.clone())
                    .unwrap_or_default(),
                vendor: vendor.cloned(),
                data_categories: names(&r.data_categories, &categories),
            }
        })
        .collect();
    let retention = a
        .retention
        .iter()
        .map(|r| ResolvedRetention {
            data_categories: names(&r.data_categories, &categories),
            data_subjects: names(&r.data_subjects, &subjects),
            periods: r
                .periods
                .iter()
                .map(|p| NormalisedPeriod {
                    phase: p.phase,
                    duration: p.duration.as_deref().map(normalise),
                    min: p.range.as_ref().map(|r| normalise(&r.min)),
                    max: p.range.as_ref().map(|r| normalise(&r.max)),
                    from: p.from.clone(),
                    until: p.until.clone(),
                })
                .collect(),
        })
        .collect();
    let transfers = a
        .transfers
        .iter()
        .map(|t| resolve_transfer(t, vendors))
        .collect();
    Resolved {
        recipients,
        security_measures: a
            .security_measures
            .iter()
            .filter_map(|id| measures.get(id.as_str()).map(|m| (*m).clone()))
            .collect(),
        retention,
        transfers,
    }
}

/// A transfer with its country named and the safeguard it relies on (its own, else its
/// vendor's).
fn resolve_transfer(
    t: &crate::model::Transfer,
    vendors: &HashMap<&str, &Vendor>,
) -> ResolvedTransfer {
    let country = t.country.as_deref().and_then(legal::country);
    let vendor = t.vendor.as_deref().and_then(|id| vendors.get(id)).copied();
    let relied = relied_on(t, vendor);
    let mechanism = relied.mechanism;
    ResolvedTransfer {
        country: country
            .map(|c| c.code.clone())
            .or_else(|| t.country.clone()),
        country_name: country.map(|c| c.name.get(crate::model::Language::En).to_string()),
        in_eea: country.is_some_and(|c| c.eea),
        importer: vendor
            .map(|v| v.name.clone())
            .or_else(|| t.importer.clone()),
        mechanism,
        mechanism_article: mechanism.map(|m| {
            legal::mechanism_info(m)
                .article(crate::model::Language::En)
                .to_string()
        }),
        scc_module: relied.scc_module,
        safeguard_reference: relied.reference,
    }
}

/// The safeguard a transfer relies on: its own mechanism, else its vendor's safeguard for the
/// destination country (countries compared by canonical code, so `UK` finds `GB`).
#[derive(Debug, Clone, Default)]
pub struct ReliedOn {
    /// The mechanism.
    pub mechanism: Option<TransferMechanism>,
    /// The SCC module.
    pub scc_module: Option<SccModule>,
    /// The reference of the vendor's safeguard document, when the mechanism comes from it.
    pub reference: Option<String>,
}

/// See [`ReliedOn`].
pub fn relied_on(t: &crate::model::Transfer, vendor: Option<&Vendor>) -> ReliedOn {
    if t.mechanism.is_some() {
        return ReliedOn {
            mechanism: t.mechanism,
            scc_module: t.scc_module,
            reference: None,
        };
    }
    let code = |c: &str| legal::country(c).map_or_else(|| c.to_string(), |c| c.code.clone());
    let wanted = t.country.as_deref().map(code);
    let safeguard = vendor.and_then(|v| {
        v.transfer_safeguards
            .iter()
            .find(|s| wanted.as_deref() == Some(code(&s.country).as_str()))
    });
    match safeguard {
        Some(s) => ReliedOn {
            mechanism: s.mechanism,
            scc_module: t.scc_module.or(s.scc_module),
            reference: s.reference.clone(),
        },
        None => ReliedOn {
            scc_module: t.scc_module,
            ..ReliedOn::default()
        },
    }
}

fn normalise(written: &str) -> NormalisedDuration {
    let parsed = Duration::parse(written).ok();
    NormalisedDuration {
        written: written.to_string(),
        iso: parsed.map(|d| d.to_string()),
        // Retention periods are far below 2^53 days.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        days: parsed.map(|d| d.approx_days().round() as u64),
    }
}
