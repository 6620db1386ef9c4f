//! Dated legal facts (EEA, adequacy, SCCs, GDPR labels) from `eu.json`, embedded in the binary.
//!
//! Legal facts change: adequacy decisions are adopted, renewed and struck down, and standard
//! contractual clauses are replaced. They are kept here as data with a date, a source (URL or
//! ELI) and a tag saying how well each was verified, never as constants in the rules. The data
//! file is `src/legal/eu.json`; [`eu()`] parses it once. Its tables are keyed by the serde names
//! of the enums of [`crate::model`], and [`parse`] checks that every variant has an entry.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{
    ActivityRole, AdequacyExclusion, Art9Condition, Art35Case, AuthorisationKind, CnilDpiaType,
    CnilHeading, EndAction, Language, LegalBasis, MeasureCategory, Operation, ProcessorObligation,
    RecipientKind, RetentionPhase, SccModule, SpecialCategory, TransferFrequency,
    TransferMechanism, VendorRole, Wp248Criterion,
};

/// The embedded data file.
const EU_JSON: &str = include_str!("eu.json");

/// Returned by [`label`] for a value without an entry; [`parse`] rejects such data, so it is
/// never seen with the embedded file.
const MISSING_LABEL: &str = "?";

// ---------------------------------------------------------------------------------------------
// Data types
// ---------------------------------------------------------------------------------------------

/// How well a fact was verified (the tags of the project's GDPR reference notes).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Checked against the legal text or an official copy of it.
    #[serde(rename = "V")]
    Verified,
    /// From secondary sources only (commentary, press, other projects' notes).
    #[serde(rename = "S")]
    Secondary,
    /// Unverified: a default that a user can override, never settled law.
    #[serde(rename = "U")]
    Unverified,
}

/// A text in English and French.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        }
    }
}

/// A document the data was gathered from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short identifier.
    pub id: String,
    /// Title of the document.
    pub title: String,
    /// URL or ELI.
    pub url: String,
}

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
}

/// A country (or territory) with its names.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code in capitals.
    pub code: String,
    /// Short name in English and French.
    pub name: Text,
    /// Member State of the European Union.
    pub eu: bool,
    /// Member of the European Economic Area (the EU-27 plus Iceland, Liechtenstein and Norway).
    pub eea: bool,
    /// Other codes accepted for it: `UK` for `GB`, `EL` (the EU's code) for `GR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The Member State a region with its own ISO code belongs to: the outermost regions
    /// (Art. 349, 355(1) TFEU) and the Åland Islands (Art. 355(4) TFEU) are inside the Union.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the membership and names were verified.
    pub tag: Tag,
    /// Source (URL or ELI).
    pub source: String,
}

/// What an adequacy decision covers.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum JurisdictionKind {
    /// A country.
    Country,
    /// A territory (Crown dependency, autonomous territory).
    Territory,
    /// An international organisation.
    InternationalOrganisation,
}

/// A condition the importer must meet for an adequacy decision to cover it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Self-certified on the EU-US Data Privacy Framework List (`Vendor::dpf_certified`).
    DpfCertified,
    /// A commercial organisation subject to Canada's PIPEDA (`Vendor::subject_to_pipeda`).
    SubjectToPipeda,
    /// Self-certified under the former Safe Harbour principles (history only).
    SafeHarbourCertified,
    /// Self-certified under the former EU-US Privacy Shield (history only).
    PrivacyShieldCertified,
    /// A private-sector operator, not a public authority (the Japanese decision covers only
    /// business operators under the APPI).
    PrivateSector,
}

/// A judgment that invalidated a decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Invalidation {
    /// Date of the judgment.
    pub date: NaiveDate,
    /// The case, with its ECLI.
    pub case: String,
    /// Source (URL).
    pub source: String,
}

/// An Art. 45 adequacy decision.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Adequacy {
    /// Unique identifier of the entry, for example `us-2023-1795`.
    pub id: String,
    /// ISO 3166-1 alpha-2 code of the country or territory, or an identifier (`EPO`) for an
    /// international organisation.
    pub jurisdiction: String,
    /// Country, territory or international organisation.
    pub kind: JurisdictionKind,
    /// Name, for international organisations (countries take theirs from [`LegalData::countries`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Other names an international organisation is known by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Decision number, for example `(EU) 2023/1795`; `None` where it is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// Date of adoption.
    pub adopted: NaiveDate,
    /// Date from which the decision applies (the adoption date unless the source gives another).
    pub in_force: NaiveDate,
    /// Last day the decision applies (inclusive), for decisions that expire or were invalidated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The judgment that invalidated it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalidated: Option<Invalidation>,
    /// A condition the importer must meet to be covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<Requirement>,
    /// The part of the jurisdiction's recipients the decision covers, where it is limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// Processing the decision leaves out of its scope, by key of
    /// [`LegalData::adequacy_exclusions`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<AdequacyExclusion>,
    /// Notes for maintainers (renewals, pending challenges, unverified details).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI or URL).
    pub source: String,
}

impl Adequacy {
    /// Whether the decision applies on `date`: in force, and not expired or invalidated.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force <= date && self.valid_until.is_none_or(|end| date <= end)
    }

    /// The jurisdiction's name in `lang` (its code when no name is known).
    pub fn name(&self, lang: Language) -> &str {
        match &self.name {
            Some(name) => name.get(lang),
            None => country_name(&self.jurisdiction, lang).unwrap_or(&self.jurisdiction),
        }
    }
}

/// A set of standard contractual clauses adopted by the Commission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SccSet {
    /// Decision number, for example `(EU) 2021/914`.
    pub id: String,
    /// The transfer mechanism these clauses are, `None` for clauses that are not a Chapter V
    /// mechanism (the controller-processor clauses of Decision (EU) 2021/915).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// Title.
    pub title: Text,
    /// Date of adoption.
    pub adopted: NaiveDate,
    /// Date from which the clauses can be used.
    pub applies_from: NaiveDate,
    /// Contracts had to be concluded before this date (exclusive) to keep their effect until
    /// `valid_until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concluded_before: Option<NaiveDate>,
    /// Last day the clauses provide appropriate safeguards (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Whether the set is a transfer mechanism (Art. 46(2)(c), or 46(5) for the pre-GDPR sets).
    pub transfer_mechanism: bool,
    /// Its modules (2021/914 only).
    #[serde(default)]
    pub modules: Vec<SccModule>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI).
    pub source: String,
}

impl SccSet {
    /// Whether the clauses can be relied on on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.applies_from <= date && self.valid_until.is_none_or(|end| date <= end)
    }
}

/// The family a transfer mechanism belongs to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MechanismKind {
    /// Art. 45 adequacy decision.
    Adequacy,
    /// Art. 46 appropriate safeguards.
    AppropriateSafeguard,
    /// Art. 49 derogation for specific situations.
    Derogation,
    /// An invalidated mechanism that can no longer be relied on.
    Invalidated,
}

/// A Chapter V transfer mechanism.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MechanismInfo {
    /// The mechanism.
    pub key: TransferMechanism,
    /// Label in English and French.
    pub label: Text,
    /// The GDPR article, in English and French citation form.
    pub article: Text,
    /// Family of the mechanism.
    pub kind: MechanismKind,
    /// The DPV IRI, where DPV has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<String>,
    /// Whether it is a set of standard contractual clauses (including SCCs whose version the
    /// record does not state).
    pub scc: bool,
    /// The SCC set (its id in [`LegalData::scc_sets`]) whose dates govern validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scc_set: Option<String>,
    /// False for a mechanism that can never be relied on (the Privacy Shield).
    pub valid: bool,
    /// Needs the authorisation of the supervisory authority (Art. 46(3)).
    #[serde(default)]
    pub needs_authorisation: bool,
    /// Not available to public authorities exercising their public powers (Art. 49(3)).
    #[serde(default)]
    pub not_for_public_authorities: bool,
    /// The assessment and safeguards must be documented in the record (Art. 30(1)(e), 49(6)).
    #[serde(default)]
    pub needs_documentation: bool,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (ELI or URL).
    pub source: String,
}

impl MechanismInfo {
    /// Label in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        self.label.get(lang)
    }

    /// Article in `lang`, for example `Art. 46(2)(c)` or `article 46, paragraphe 2, point c)`.
    pub fn article(&self, lang: Language) -> &str {
        self.article.get(lang)
    }

    /// Whether it is an Art. 49 derogation (including the compelling legitimate interests of the
    /// second subparagraph of Art. 49(1)).
    pub fn is_derogation(&self) -> bool {
        self.kind == MechanismKind::Derogation
    }

    /// Whether it is a set of standard contractual clauses (including SCCs whose version the
    /// record does not state, which have no [`SccSet`]).
    pub fn is_scc(&self) -> bool {
        self.scc
    }
}

/// An entry of a label table: one variant of a model enum with its labels and, where the law
/// gives them, its article, letter or number and DPV IRI.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Term<K> {
    /// The variant.
    pub key: K,
    /// Label in English and French.
    pub label: Text,
    /// The article, in English and French citation form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Text>,
    /// The letter of the point in the article, for example `a` for Art. 6(1)(a).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// The number in a numbered list, for example 3 for the third WP248 criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u8>,
    /// The DPV IRI, where the reference gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpv: Option<String>,
    /// The words of the provision in the English text of the Regulation, where a finding
    /// quotes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Notes for maintainers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How well the entry was verified.
    pub tag: Tag,
    /// Source (URL or ELI).
    pub source: String,
}

impl<K> Term<K> {
    /// Label in `lang`.
    pub fn label(&self, lang: Language) -> &str {
        self.label.get(lang)
    }

    /// Article in `lang`, where the entry has one.
    pub fn article(&self, lang: Language) -> Option<&str> {
        self.article.as_ref().map(|a| a.get(lang))
    }
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

/// The legal data embedded in the binary, parsed on first use.
///
/// The file is fixed at build time and checked by this module's tests, so parsing can only fail
/// during development.
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
    fn problems(&self) -> Vec<String> {
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
        out
    }
}

fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn term_problems<K: Serialize + JsonSchema>(terms: &[Term<K>]) -> Vec<String> {
    table_problems(terms.iter().map(|t| &t.key))
}

/// Keys missing from or repeated in a table keyed by the enum `K`.
fn table_problems<'a, K: Serialize + JsonSchema + 'a>(
    keys: impl Iterator<Item = &'a K>,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for key in keys {
        let name = serde_name(key);
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

/// The serde name of a unit enum variant (empty for anything else).
pub fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
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

// ---------------------------------------------------------------------------------------------
// Countries
// ---------------------------------------------------------------------------------------------

/// The country with this ISO 3166-1 alpha-2 code or alias (`UK`, `EL`), in any case and with
/// surrounding spaces ignored.
pub fn country(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    eu().countries.iter().find(|c| {
        c.code.eq_ignore_ascii_case(code) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    })
}

/// Whether the country is a member of the European Economic Area (EU-27, Iceland, Liechtenstein,
/// Norway). Unknown codes are not.
pub fn is_eea(country_code: &str) -> bool {
    country(country_code).is_some_and(|c| c.eea)
}

/// Whether the country is a Member State of the European Union.
pub fn is_eu(country_code: &str) -> bool {
    country(country_code).is_some_and(|c| c.eu)
}

/// The EEA members (states, not the regions with their own code), in the order of the data file.
pub fn eea_members() -> impl Iterator<Item = &'static Country> {
    eu().countries
        .iter()
        .filter(|c| c.eea && c.part_of.is_none())
}

/// The country's short name in `lang`, for the codes the data knows.
pub fn country_name(code: &str, lang: Language) -> Option<&'static str> {
    country(code).map(|c| c.name.get(lang))
}

// ---------------------------------------------------------------------------------------------
// Adequacy
// ---------------------------------------------------------------------------------------------

/// The adequacy decision that covers the country on `date`, if any (the most recent one when a
/// renewal overlaps its predecessor).
///
/// Check [`Adequacy::requires`]: the US and Canadian decisions cover only some recipients.
pub fn adequacy_on(country_code: &str, date: NaiveDate) -> Option<&'static Adequacy> {
    let code = &country(country_code)?.code;
    eu().adequacy
        .iter()
        .filter(|a| a.kind != JurisdictionKind::InternationalOrganisation)
        .filter(|a| &a.jurisdiction == code && a.in_force_on(date))
        .max_by_key(|a| a.in_force)
}

/// The adequacy decision that covers the international organisation named `name` on `date`,
/// matched on its identifier, English or French name, or an alias, ignoring case.
pub fn organisation_adequacy_on(name: &str, date: NaiveDate) -> Option<&'static Adequacy> {
    let name = name.trim();
    eu().adequacy
        .iter()
        .filter(|a| a.kind == JurisdictionKind::InternationalOrganisation && a.in_force_on(date))
        .filter(|a| {
            let names = a.name.iter().flat_map(|n| [n.en.as_str(), n.fr.as_str()]);
            std::iter::once(a.jurisdiction.as_str())
                .chain(names)
                .chain(a.aliases.iter().map(String::as_str))
                .any(|n| n.eq_ignore_ascii_case(name))
        })
        .max_by_key(|a| a.in_force)
}

/// Every adequacy decision recorded for the country, past or present, oldest first.
pub fn adequacy_history(country_code: &str) -> Vec<&'static Adequacy> {
    let Some(code) = country(country_code).map(|c| &c.code) else {
        return Vec::new();
    };
    let mut out: Vec<_> = eu()
        .adequacy
        .iter()
        .filter(|a| &a.jurisdiction == code)
        .collect();
    out.sort_by_key(|a| a.in_force);
    out
}

// ---------------------------------------------------------------------------------------------
// Transfer mechanisms and SCCs
// ---------------------------------------------------------------------------------------------

/// What the data says about a transfer mechanism: labels, article, family, validity.
pub fn mechanism_info(mechanism: TransferMechanism) -> &'static MechanismInfo {
    eu().transfer_mechanisms
        .iter()
        .find(|m| m.key == mechanism)
        .expect("parse() checks that every transfer mechanism has an entry")
}

/// The set of standard contractual clauses a mechanism is, if it is one.
pub fn scc_set(mechanism: TransferMechanism) -> Option<&'static SccSet> {
    let id = mechanism_info(mechanism).scc_set.as_ref()?;
    eu().scc_sets.iter().find(|s| &s.id == id)
}

/// Whether `mechanism` is a set of standard contractual clauses that provides appropriate
/// safeguards on `date`: the 2021/914 clauses from 27 June 2021, the former sets until
/// 27 December 2022. False for every mechanism that is not a known SCC set, including
/// `standard_contractual_clauses` (version not stated), whose validity cannot be told.
pub fn scc_valid_on(mechanism: TransferMechanism, date: NaiveDate) -> bool {
    scc_set(mechanism).is_some_and(|s| s.transfer_mechanism && s.in_force_on(date))
}

/// Whether `mechanism` can be relied on on `date` as far as the legal data knows: SCC sets within
/// their dates, never the Privacy Shield, the others (including SCCs of unstated version)
/// always. Whether an adequacy decision covers the destination is [`adequacy_on`]'s question.
pub fn mechanism_valid_on(mechanism: TransferMechanism, date: NaiveDate) -> bool {
    let info = mechanism_info(mechanism);
    info.valid && (info.scc_set.is_none() || scc_valid_on(mechanism, date))
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

/// A model enum whose variants have English and French labels in the legal data.
pub trait Labelled: Copy + PartialEq + 'static {
    /// The labels of this value.
    fn text(&self) -> Option<&'static Text>;
}

/// A model enum labelled by a table of [`Term`]s.
pub trait TermTable: Labelled {
    /// The table.
    fn terms() -> &'static [Term<Self>];
}

macro_rules! term_table {
    ($($ty:ty => $field:ident),* $(,)?) => {$(
        impl TermTable for $ty {
            fn terms() -> &'static [Term<Self>] {
                &eu().$field
            }
        }
        impl Labelled for $ty {
            fn text(&self) -> Option<&'static Text> {
                term(*self).map(|t| &t.label)
            }
        }
    )*};
}

term_table! {
    LegalBasis => legal_bases,
    SpecialCategory => special_categories,
    Art9Condition => art9_conditions,
    Wp248Criterion => wp248_criteria,
    Art35Case => art35_cases,
    MeasureCategory => measure_categories,
    CnilHeading => cnil_headings,
    Operation => operations,
    ProcessorObligation => processor_obligations,
    RetentionPhase => retention_phases,
    EndAction => end_actions,
    SccModule => scc_modules,
    ActivityRole => activity_roles,
    VendorRole => vendor_roles,
    RecipientKind => recipient_kinds,
    TransferFrequency => transfer_frequencies,
    AuthorisationKind => authorisation_kinds,
    AdequacyExclusion => adequacy_exclusions,
    CnilDpiaType => cnil_dpia_list,
}

impl Labelled for TransferMechanism {
    fn text(&self) -> Option<&'static Text> {
        Some(&mechanism_info(*self).label)
    }
}

/// The label of a model enum value in `lang`, for example `Intérêts légitimes` for
/// `LegalBasis::LegitimateInterests` in French.
pub fn label<T: Labelled>(value: &T, lang: Language) -> &'static str {
    value.text().map_or(MISSING_LABEL, |t| t.get(lang))
}

/// The full entry of a model enum value: labels, article, letter or number, DPV IRI, source.
pub fn term<T: TermTable>(value: T) -> Option<&'static Term<T>> {
    T::terms().iter().find(|t| t.key == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn embedded_file_parses_and_checks() {
        let data = parse(EU_JSON).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(data.as_of, d("2026-11-23"));
        assert!(!data.sources.is_empty());
    }

    #[test]
    fn every_field_of_the_file_is_read() {
        // deny_unknown_fields rejects typos; this checks nothing is dropped on the way either.
        fn strip_nulls(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(map) => {
                    map.retain(|_, v| !v.is_null() && *v != serde_json::json!([]));
                    map.values_mut().for_each(strip_nulls);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
                _ => {}
            }
        }
        let mut raw: serde_json::Value = serde_json::from_str(EU_JSON).unwrap();
        let mut back = serde_json::to_value(eu()).unwrap();
        strip_nulls(&mut raw);
        strip_nulls(&mut back);
        assert_eq!(raw, back);
    }

    #[test]
    fn problems_are_reported() {
        let mut data = eu().clone();
        data.legal_bases.pop();
        data.transfer_mechanisms
            .push(data.transfer_mechanisms[0].clone());
        data.adequacy[0].jurisdiction = "XX".into();
        let text = serde_json::to_string(&data).unwrap();
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("legal_bases: `legitimate_interests` has no entry"),
            "{err}"
        );
        assert!(err.contains("`adequacy_decision` appears twice"), "{err}");
        assert!(err.contains("`XX` is not in countries"), "{err}");
        assert!(parse("{}").is_err());
        assert!(parse(r#"{"as_of": "2026-11-23", "typo": 1}"#).is_err());
    }

    #[test]
    fn eea_has_thirty_members() {
        assert_eq!(eea_members().count(), 30);
        let states = eu()
            .countries
            .iter()
            .filter(|c| c.eu && c.part_of.is_none());
        assert_eq!(states.count(), 27);
        // Outermost regions and the Åland Islands are inside the Union; overseas countries and
        // territories are not (Art. 349, 355 TFEU).
        for code in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
            assert!(is_eu(code) && is_eea(code), "{code}");
        }
        for code in ["NC", "PF", "BL", "PM", "WF", "GL", "AW", "CW", "SX", "GI"] {
            assert!(country(code).is_some() && !is_eea(code), "{code}");
        }
        for code in ["NO", "IS", "LI", "FR", "DE", "IE", "no", " fr ", "EL"] {
            assert!(is_eea(code), "{code}");
        }
        for code in ["CH", "GB", "UK", "US", "", "XX", "NOR", "é"] {
            assert!(!is_eea(code), "{code}");
        }
        assert!(is_eu("FR") && !is_eu("NO"));
    }

    #[test]
    fn country_names() {
        assert_eq!(country_name("NO", Language::En), Some("Norway"));
        assert_eq!(country_name("NO", Language::Fr), Some("Norvège"));
        assert_eq!(country_name("UK", Language::Fr), Some("Royaume-Uni"));
        assert_eq!(country_name("US", Language::Fr), Some("États-Unis"));
        assert_eq!(country_name("ZZ", Language::En), None);
        let required = [
            "US", "IN", "CN", "SG", "AU", "BR", "MA", "TN", "PH", "UA", "RU", "TR", "ZA", "MX",
            "AE", "HK", "TW", "VN", "ID", "EG",
        ];
        for code in required {
            assert!(country(code).is_some(), "{code}");
        }
        for a in &eu().adequacy {
            assert!(!a.name(Language::En).is_empty() && !a.name(Language::Fr).is_empty());
            if a.kind != JurisdictionKind::InternationalOrganisation {
                assert!(country(&a.jurisdiction).is_some(), "{}", a.id);
            }
        }
        for c in &eu().countries {
            assert!(!c.name.en.is_empty() && !c.name.fr.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn us_adequacy_requires_dpf() {
        let dpf = adequacy_on("US", d("2024-01-01")).expect("DPF in force");
        assert_eq!(dpf.decision.as_deref(), Some("(EU) 2023/1795"));
        assert_eq!(dpf.requires, Some(Requirement::DpfCertified));
        assert!(adequacy_on("US", d("2023-07-09")).is_none());
        assert!(adequacy_on("US", d("2023-07-10")).is_some());
        // History: Privacy Shield, then Safe Harbour, each ending the day before its judgment.
        let ps = adequacy_on("US", d("2018-01-01")).unwrap();
        assert_eq!(ps.decision.as_deref(), Some("(EU) 2016/1250"));
        assert!(adequacy_on("US", d("2020-07-16")).is_none());
        assert!(adequacy_on("US", d("2020-07-15")).is_some());
        assert_eq!(
            adequacy_on("US", d("2010-01-01")).unwrap().requires,
            Some(Requirement::SafeHarbourCertified)
        );
        assert!(adequacy_on("US", d("2015-10-06")).is_none());
        assert_eq!(adequacy_history("US").len(), 3);
    }

    #[test]
    fn brazil_from_january_2026() {
        assert!(adequacy_on("BR", d("2026-02-01")).is_some());
        assert!(adequacy_on("BR", d("2026-01-26")).is_some());
        assert!(adequacy_on("BR", d("2025-12-01")).is_none());
    }

    #[test]
    fn uk_renewed_to_2031() {
        let a = adequacy_on("GB", d("2030-06-01")).expect("UK renewal");
        assert_eq!(a.valid_until, Some(d("2031-12-27")));
        assert!(adequacy_on("UK", d("2031-12-27")).is_some());
        assert!(adequacy_on("GB", d("2031-12-28")).is_none());
        assert_eq!(
            adequacy_on("GB", d("2022-01-01"))
                .unwrap()
                .decision
                .as_deref(),
            Some("(EU) 2021/1772")
        );
        assert!(adequacy_on("GB", d("2021-06-27")).is_none());
    }

    #[test]
    fn other_adequacy_decisions() {
        let today = d("2026-11-23");
        for code in [
            "CH", "CA", "AR", "GG", "IM", "JE", "FO", "AD", "IL", "UY", "NZ", "JP", "KR", "GB",
            "US", "BR",
        ] {
            assert!(adequacy_on(code, today).is_some(), "{code}");
        }
        for code in ["IN", "CN", "FR", "XX", ""] {
            assert!(adequacy_on(code, today).is_none(), "{code}");
        }
        let ca = adequacy_on("CA", today).unwrap();
        assert_eq!(ca.requires, Some(Requirement::SubjectToPipeda));
        assert!(ca.scope.is_some());
        assert_eq!(adequacy_on("CH", today).unwrap().requires, None);
        let epo = organisation_adequacy_on("European Patent Organisation", today).unwrap();
        assert_eq!(
            epo.name(Language::Fr),
            "Organisation européenne des brevets"
        );
        assert!(organisation_adequacy_on("epo", today).is_some());
        assert!(organisation_adequacy_on("EPO", d("2025-07-14")).is_none());
        assert!(organisation_adequacy_on("United Nations", today).is_none());
        assert!(adequacy_on("EPO", today).is_none());
    }

    /// Every adequacy entry with its dates, scope conditions and source, pinned: a change to the
    /// legal data shows up here as a reviewable diff.
    #[test]
    fn adequacy_entries_with_their_scope_and_sources() {
        let mut out = String::new();
        for a in &eu().adequacy {
            out.push_str(&format!(
                "{} | {} | {} | adopted {} | in force {}{} | tag {:?}\n",
                a.id,
                a.name(Language::En),
                a.decision.as_deref().unwrap_or("number not known"),
                a.adopted,
                a.in_force,
                a.valid_until
                    .map_or_else(String::new, |d| format!(" to {d}")),
                a.tag
            ));
            if let Some(r) = a.requires {
                out.push_str(&format!("  requires: {}\n", serde_name(&r)));
            }
            if let Some(scope) = &a.scope {
                out.push_str(&format!("  scope: {}\n", scope.en));
            }
            for e in &a.excludes {
                let t = term(*e).expect("parse() checks every exclusion has an entry");
                out.push_str(&format!(
                    "  excludes {}: {} [{}; {}]\n",
                    serde_name(e),
                    t.label.en,
                    t.article(Language::En).unwrap_or(""),
                    t.source
                ));
            }
            if let Some(inv) = &a.invalidated {
                out.push_str(&format!("  invalidated {} by {}\n", inv.date, inv.case));
            }
            out.push_str(&format!("  source: {}\n", a.source));
        }
        insta::assert_snapshot!(out);
    }

    #[test]
    fn adequacy_scopes() {
        let today = d("2026-11-23");
        let kr = adequacy_on("KR", today).unwrap();
        assert_eq!(
            kr.excludes,
            vec![
                AdequacyExclusion::KrCreditInformation,
                AdequacyExclusion::KrMissionaryActivities,
                AdequacyExclusion::KrCandidateNomination
            ]
        );
        let jp = adequacy_on("JP", today).unwrap();
        assert_eq!(jp.requires, Some(Requirement::PrivateSector));
        let uk_before = adequacy_on("GB", d("2024-01-01")).unwrap();
        assert_eq!(
            uk_before.excludes,
            vec![AdequacyExclusion::GbImmigrationControl]
        );
        assert!(adequacy_on("GB", today).unwrap().excludes.is_empty());
        let epo = organisation_adequacy_on("EPO", today).unwrap();
        assert_eq!(epo.decision.as_deref(), Some("(EU) 2025/1382"));
        assert_eq!(epo.adopted, d("2025-07-15"));
    }

    #[test]
    fn every_iso_3166_code_is_known() {
        // 249 ISO 3166-1 codes, plus XK, the code the EU institutions use for Kosovo.
        assert_eq!(eu().countries.len(), 250);
        for c in &eu().countries {
            assert!(c.part_of.is_none() || c.eu, "{}", c.code);
        }
    }

    #[test]
    fn scc_validity() {
        use TransferMechanism::*;
        for old in [Scc2001497, Scc2004915, Scc201087] {
            assert!(scc_valid_on(old, d("2022-12-01")), "{old:?}");
            assert!(scc_valid_on(old, d("2022-12-27")), "{old:?}");
            assert!(!scc_valid_on(old, d("2023-01-01")), "{old:?}");
            assert!(!mechanism_valid_on(old, d("2023-01-01")), "{old:?}");
            assert_eq!(
                scc_set(old).unwrap().concluded_before,
                Some(d("2021-09-27"))
            );
        }
        assert!(scc_valid_on(Scc2021914, d("2023-01-01")));
        assert!(scc_valid_on(Scc2021914, d("2021-06-27")));
        assert!(!scc_valid_on(Scc2021914, d("2021-06-26")));
        assert_eq!(scc_set(Scc2021914).unwrap().modules.len(), 4);
        assert!(!scc_valid_on(StandardContractualClauses, d("2024-01-01")));
        assert!(mechanism_valid_on(
            StandardContractualClauses,
            d("2024-01-01")
        ));
        assert!(mechanism_info(StandardContractualClauses).is_scc());
        assert!(mechanism_info(Scc201087).is_scc());
        assert!(!mechanism_info(BindingCorporateRules).is_scc());
        assert!(!scc_valid_on(BindingCorporateRules, d("2024-01-01")));
        assert!(mechanism_valid_on(BindingCorporateRules, d("2024-01-01")));
        let c2p = eu()
            .scc_sets
            .iter()
            .find(|s| s.id == "(EU) 2021/915")
            .unwrap();
        assert!(!c2p.transfer_mechanism && c2p.mechanism.is_none());
    }

    #[test]
    fn privacy_shield_never_valid() {
        for date in ["2016-08-01", "2019-01-01", "2024-01-01"] {
            assert!(!mechanism_valid_on(
                TransferMechanism::PrivacyShield,
                d(date)
            ));
            assert!(!scc_valid_on(TransferMechanism::PrivacyShield, d(date)));
        }
        let info = mechanism_info(TransferMechanism::PrivacyShield);
        assert!(!info.valid);
        assert_eq!(info.kind, MechanismKind::Invalidated);
    }

    #[test]
    fn mechanism_details() {
        use TransferMechanism::*;
        let cli = mechanism_info(CompellingLegitimateInterests);
        assert!(cli.is_derogation() && cli.needs_documentation && cli.not_for_public_authorities);
        assert_eq!(cli.article(Language::En), "Art. 49(1), second subparagraph");
        assert_eq!(
            cli.dpv.as_deref(),
            Some("https://w3id.org/dpv/legal/eu/gdpr#A49-2")
        );
        assert!(mechanism_info(DerogationLegalClaims).is_derogation());
        assert!(!mechanism_info(DerogationLegalClaims).not_for_public_authorities);
        assert!(!mechanism_info(Scc2021914).is_derogation());
        assert!(mechanism_info(AdHocClauses).needs_authorisation);
        assert_eq!(
            mechanism_info(Scc2021914).article(Language::En),
            "Art. 46(2)(c)"
        );
        assert_eq!(
            mechanism_info(BindingCorporateRules).label(Language::Fr),
            "Règles d’entreprise contraignantes"
        );
        assert_eq!(
            label(&AdequacyDecision, Language::Fr),
            "Décision d’adéquation"
        );
    }

    #[test]
    fn legal_basis_terms() {
        let f = term(LegalBasis::LegitimateInterests).unwrap();
        assert_eq!(f.letter.as_deref(), Some("f"));
        assert_eq!(f.article(Language::En), Some("Art. 6(1)(f)"));
        assert_eq!(
            f.dpv.as_deref(),
            Some("https://w3id.org/dpv/legal/eu/gdpr#A6-1-f")
        );
        assert_eq!(label(&LegalBasis::Consent, Language::Fr), "Consentement");
        assert_eq!(
            label(&LegalBasis::Contract, Language::Fr),
            "Exécution d’un contrat"
        );
        // Art. 6(1)(e) covers both branches: a task in the public interest, or official authority.
        assert_eq!(
            label(&LegalBasis::PublicTask, Language::Fr),
            "Exécution d’une mission d’intérêt public ou relevant de l’exercice de l’autorité publique"
        );
        // Art. 9(2)(d) is limited to bodies with a political, philosophical, religious or
        // trade-union aim, and to members, former members and regular contacts.
        let d = label(&Art9Condition::NotForProfitBody, Language::Fr);
        assert!(
            d.contains("finalité politique, philosophique, religieuse ou syndicale"),
            "{d}"
        );
        assert!(d.contains("anciens membres"), "{d}");
        let d = label(&Art9Condition::NotForProfitBody, Language::En);
        assert!(
            d.contains("trade-union aim") && d.contains("former members"),
            "{d}"
        );
        let j = term(Art9Condition::ArchivingResearchStatistics).unwrap();
        assert_eq!(j.letter.as_deref(), Some("j"));
        assert_eq!(
            j.dpv.as_deref(),
            Some("https://w3id.org/dpv/legal/eu/gdpr#A9-2-j")
        );
        assert_eq!(
            label(&CnilHeading::AccessControl, Language::Fr),
            "Contrôle d’accès des utilisateurs"
        );
        assert_eq!(
            label(&MeasureCategory::PseudonymisationEncryption, Language::Fr),
            "Mesures de pseudonymisation et de chiffrement des données à caractère personnel"
        );
        assert_eq!(
            term(MeasureCategory::PortabilityErasure).unwrap().number,
            Some(17)
        );
        assert_eq!(
            term(Wp248Criterion::PreventsRights).unwrap().number,
            Some(9)
        );
    }

    /// Every variant of `T`, found from its JSON Schema and deserialized from its serde name.
    fn all<T: JsonSchema + serde::de::DeserializeOwned>() -> Vec<T> {
        let names = variant_names::<T>();
        assert!(!names.is_empty(), "{}", std::any::type_name::<T>());
        names
            .into_iter()
            .map(|n| serde_json::from_value(serde_json::Value::String(n)).unwrap())
            .collect()
    }

    fn assert_labelled<T: Labelled + JsonSchema + serde::de::DeserializeOwned + std::fmt::Debug>(
        expected: usize,
    ) {
        let values = all::<T>();
        assert_eq!(values.len(), expected, "{}", std::any::type_name::<T>());
        for v in values {
            for lang in [Language::En, Language::Fr] {
                let text = label(&v, lang);
                assert!(!text.is_empty() && text != MISSING_LABEL, "{v:?} {lang:?}");
                assert_eq!(text.trim(), text, "{v:?} {lang:?}");
            }
        }
    }

    #[test]
    fn every_model_enum_variant_has_labels() {
        assert_labelled::<LegalBasis>(6);
        assert_labelled::<SpecialCategory>(8);
        assert_labelled::<Art9Condition>(10);
        assert_labelled::<TransferMechanism>(22);
        assert_labelled::<Wp248Criterion>(9);
        assert_labelled::<Art35Case>(3);
        assert_labelled::<MeasureCategory>(17);
        assert_labelled::<CnilHeading>(7);
        assert_labelled::<Operation>(15);
        assert_labelled::<ProcessorObligation>(8);
        assert_labelled::<RetentionPhase>(3);
        assert_labelled::<EndAction>(3);
        assert_labelled::<SccModule>(4);
        assert_labelled::<ActivityRole>(3);
        assert_labelled::<VendorRole>(5);
        assert_labelled::<RecipientKind>(5);
        assert_labelled::<TransferFrequency>(2);
        assert_labelled::<AuthorisationKind>(2);
    }

    #[test]
    fn every_entry_has_a_source() {
        let data = eu();
        let mut sources: Vec<&str> = Vec::new();
        sources.extend(data.countries.iter().map(|c| c.source.as_str()));
        sources.extend(data.adequacy.iter().map(|a| a.source.as_str()));
        sources.extend(data.scc_sets.iter().map(|s| s.source.as_str()));
        sources.extend(data.transfer_mechanisms.iter().map(|m| m.source.as_str()));
        sources.extend(data.legal_bases.iter().map(|t| t.source.as_str()));
        sources.extend(data.measure_categories.iter().map(|t| t.source.as_str()));
        for s in sources {
            assert!(s.starts_with("http://") || s.starts_with("https://"), "{s}");
        }
    }
}
