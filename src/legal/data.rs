//! The dated legal data: `eu.json` embedded in the binary, parsed and checked once.

use super::*;
use crate::model::{
    ActivityRole, Art9Condition, Art22Exception, Art35Case, AuthorisationKind, CnilDpiaType,
    CnilHeading, EndAction, LegalBasis, MeasureCategory, Operation, ProcessorObligation,
    RecipientKind, RetentionPhase, SccModule, SpecialCategory, TransferFrequency, VendorRole,
    Wp248Criterion,
};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// All the legal data of `eu.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LegalData {
    /// The date the facts were gathered: nothing later is known to this data.
    pub as_of: NaiveDate,
    /// The main documents the data comes from.
    pub sources: Vec<Source>,
    /// Countries with their names; the EEA members are flagged.
    pub countries: Vec<Country>,
    /// Art. 45 adequacy decisions, in force or past.
    pub adequacy: Vec<Adequacy>,
    /// The Commission's sets of standard contractual clauses.
    pub scc_sets: Vec<SccSet>,
    /// Chapter V transfer mechanisms, one per [`TransferMechanism`].
    pub transfer_mechanisms: Vec<MechanismInfo>,
    /// Art. 6(1) legal bases.
    pub legal_bases: Vec<Term<LegalBasis>>,
    /// Art. 9(1) special categories.
    pub special_categories: Vec<Term<SpecialCategory>>,
    /// Art. 9(2) conditions.
    pub art9_conditions: Vec<Term<Art9Condition>>,
    /// The nine WP248 rev.01 criteria.
    pub wp248_criteria: Vec<Term<Wp248Criterion>>,
    /// The Art. 35(3) cases.
    pub art35_cases: Vec<Term<Art35Case>>,
    /// The seventeen example headings of Annex III of Decision (EU) 2021/915.
    pub measure_categories: Vec<Term<MeasureCategory>>,
    /// The security headings of the CNIL register sheet.
    pub cnil_headings: Vec<Term<CnilHeading>>,
    /// Art. 4(2) processing operations.
    pub operations: Vec<Term<Operation>>,
    /// Art. 28(3)(a)-(h) stipulations.
    pub processor_obligations: Vec<Term<ProcessorObligation>>,
    /// CNIL retention lifecycle phases.
    pub retention_phases: Vec<Term<RetentionPhase>>,
    /// What happens to data at the end of retention.
    pub end_actions: Vec<Term<EndAction>>,
    /// The modules of the SCC of Decision (EU) 2021/914.
    pub scc_modules: Vec<Term<SccModule>>,
    /// The organisation's roles in an activity.
    pub activity_roles: Vec<Term<ActivityRole>>,
    /// A vendor's roles towards the organisation.
    pub vendor_roles: Vec<Term<VendorRole>>,
    /// Kinds of recipient.
    pub recipient_kinds: Vec<Term<RecipientKind>>,
    /// Transfer frequencies (SCC Annex I.B).
    pub transfer_frequencies: Vec<Term<TransferFrequency>>,
    /// Kinds of sub-processor authorisation (Art. 28(2)).
    pub authorisation_kinds: Vec<Term<AuthorisationKind>>,
    /// Processing that an adequacy decision leaves out of its scope, referred to by
    /// [`Adequacy::excludes`].
    pub adequacy_exclusions: Vec<Term<AdequacyExclusion>>,
    /// The CNIL's list of processing operations that require a DPIA (Art. 35(4)).
    pub cnil_dpia_list: Vec<Term<CnilDpiaType>>,
    /// The exceptions of Art. 22(2) to the ban on solely automated decisions.
    pub art22_exceptions: Vec<Term<Art22Exception>>,
}

/// The legal data embedded in the binary, parsed on first use.
///
/// The file is fixed at build time and checked by this module's tests, so parsing can only fail
/// during development.
// Build-time data: `eu.json` is embedded by `include_str!` and parsed by the tests on every run.
#[allow(clippy::expect_used)]
pub fn eu() -> &'static LegalData {
    static DATA: OnceLock<LegalData> = OnceLock::new();
    DATA.get_or_init(|| {
        parse(EU_JSON).expect("src/legal/eu.json is invalid; run `cargo test --lib legal`")
    })
}

/// Parses and checks legal data in the format of `eu.json`: every table keyed by a model enum
/// must have exactly one entry per variant, and references between tables must resolve.
pub fn parse(text: &str) -> anyhow::Result<LegalData> {
    let data: LegalData = serde_json::from_str(text)?;
    let problems = data.problems();
    if problems.is_empty() {
        Ok(data)
    } else {
        anyhow::bail!("invalid legal data:\n- {}", problems.join("\n- "))
    }
}

impl LegalData {
    /// Everything wrong with the data, as sentences.
    pub(super) fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |table: &str, missing: Vec<String>| {
            out.extend(missing.into_iter().map(|m| format!("{table}: {m}")));
        };
        check(
            "transfer_mechanisms",
            table_problems(self.transfer_mechanisms.iter().map(|m| &m.key)),
        );
        check("legal_bases", term_problems(&self.legal_bases));
        check(
            "special_categories",
            term_problems(&self.special_categories),
        );
        check("art9_conditions", term_problems(&self.art9_conditions));
        check("wp248_criteria", term_problems(&self.wp248_criteria));
        check("art35_cases", term_problems(&self.art35_cases));
        check(
            "measure_categories",
            term_problems(&self.measure_categories),
        );
        check("cnil_headings", term_problems(&self.cnil_headings));
        check("operations", term_problems(&self.operations));
        check(
            "processor_obligations",
            term_problems(&self.processor_obligations),
        );
        check("retention_phases", term_problems(&self.retention_phases));
        check("end_actions", term_problems(&self.end_actions));
        check("scc_modules", term_problems(&self.scc_modules));
        check("activity_roles", term_problems(&self.activity_roles));
        check("vendor_roles", term_problems(&self.vendor_roles));
        check("recipient_kinds", term_problems(&self.recipient_kinds));
        check(
            "transfer_frequencies",
            term_problems(&self.transfer_frequencies),
        );
        check(
            "authorisation_kinds",
            term_problems(&self.authorisation_kinds),
        );
        check(
            "adequacy_exclusions",
            term_problems(&self.adequacy_exclusions),
        );
        check("cnil_dpia_list", term_problems(&self.cnil_dpia_list));
        check("art22_exceptions", term_problems(&self.art22_exceptions));

        self.country_problems(&mut out);
        self.adequacy_problems(&mut out);
        self.scc_problems(&mut out);
        out
    }

    /// Country codes well formed and unique, statuses consistent with the Member State a
    /// territory is part of.
    fn country_problems(&self, out: &mut Vec<String>) {
        let mut codes = BTreeSet::new();
        for c in &self.countries {
            for code in std::iter::once(&c.code).chain(&c.aliases) {
                if !is_country_code(code) {
                    out.push(format!("countries: `{code}` is not two capital letters"));
                }
                if !codes.insert(code.as_str()) {
                    out.push(format!("countries: `{code}` appears twice"));
                }
            }
            if c.eu && !c.eea {
                out.push(format!(
                    "countries: {} is in the EU but not the EEA",
                    c.code
                ));
            }
            if let Some(state) = &c.part_of {
                let member = self.countries.iter().find(|m| &m.code == state);
                if !member.is_some_and(|m| m.eu == c.eu && m.eea == c.eea && m.part_of.is_none()) {
                    out.push(format!(
                    "countries: {} is part of `{state}`, which is not a Member State with the same status",
                    c.code
                ));
                }
            }
        }
    }

    /// Adequacy decisions: unique ids, known jurisdictions, dates in order.
    fn adequacy_problems(&self, out: &mut Vec<String>) {
        let mut ids = BTreeSet::new();
        for a in &self.adequacy {
            if !ids.insert(a.id.as_str()) {
                out.push(format!("adequacy: id `{}` appears twice", a.id));
            }
            let is_org = a.kind == JurisdictionKind::InternationalOrganisation;
            if is_org && a.name.is_none() {
                out.push(format!("adequacy {}: an organisation needs a name", a.id));
            }
            if !is_org && !self.countries.iter().any(|c| c.code == a.jurisdiction) {
                out.push(format!(
                    "adequacy {}: `{}` is not in countries",
                    a.id, a.jurisdiction
                ));
            }
            if a.in_force < a.adopted || a.valid_until.is_some_and(|end| end < a.in_force) {
                out.push(format!("adequacy {}: dates out of order", a.id));
            }
            let valid_after_judgment = a
                .invalidated
                .as_ref()
                .is_some_and(|inv| a.valid_until.is_none_or(|end| end >= inv.date));
            if valid_after_judgment {
                out.push(format!(
                    "adequacy {}: valid_until must be before the invalidation",
                    a.id
                ));
            }
        }
    }

    /// Sets of standard contractual clauses and the mechanisms that refer to them.
    fn scc_problems(&self, out: &mut Vec<String>) {
        for s in &self.scc_sets {
            if s.applies_from < s.adopted || s.valid_until.is_some_and(|end| end < s.applies_from) {
                out.push(format!("scc_sets {}: dates out of order", s.id));
            }
            if s.transfer_mechanism != s.mechanism.is_some() {
                out.push(format!(
                    "scc_sets {}: a transfer mechanism needs a `mechanism` key and only then",
                    s.id
                ));
            }
        }
        for m in &self.transfer_mechanisms {
            if m.scc_set.is_some() && !m.scc {
                out.push(format!(
                    "transfer_mechanisms: {:?} has an scc_set but scc is false",
                    m.key
                ));
            }
            if let Some(id) = &m.scc_set {
                match self.scc_sets.iter().find(|s| &s.id == id) {
                    Some(s) if s.mechanism == Some(m.key) => {}
                    Some(_) => out.push(format!(
                        "transfer_mechanisms: scc_set `{id}` belongs to another mechanism"
                    )),
                    None => out.push(format!("transfer_mechanisms: no scc_set `{id}`")),
                }
            }
        }
    }
}

pub(super) fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

pub(super) fn term_problems<K: Serialize + JsonSchema>(terms: &[Term<K>]) -> Vec<String> {
    table_problems(terms.iter().map(|t| &t.key))
}

/// Keys missing from or repeated in a table keyed by the enum `K`.
pub(super) fn table_problems<'a, K: Serialize + JsonSchema + 'a>(
    keys: impl Iterator<Item = &'a K>,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for key in keys {
        let name = crate::model::yaml_name(key);
        if !seen.insert(name.clone()) {
            out.push(format!("`{name}` appears twice"));
        }
    }
    for name in variant_names::<K>() {
        if !seen.contains(&name) {
            out.push(format!("`{name}` has no entry"));
        }
    }
    out
}

/// The serde names of all variants of a unit-only enum, read from its JSON Schema.
pub(crate) fn variant_names<T: JsonSchema>() -> Vec<String> {
    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("const", serde_json::Value::String(s)) => out.push(s.clone()),
                        ("enum", serde_json::Value::Array(items)) => {
                            out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_owned)))
                        }
                        _ => collect(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
    let schema = schemars::schema_for!(T);
    let mut out = Vec::new();
    collect(schema.as_value(), &mut out);
    out
}
