//! The view of a register that templates receive: every reference resolved, every label and
//! duration spelled out in the document's language, measures grouped, dates formatted, so that a
//! template only lays things out and never re-implements logic.
//!
//! Every struct here is serialised into the template context as is; templates/README.md lists
//! the variables. Optional values are always present in the context, as `null` when absent, so
//! `{% if x %}` works everywhere. Text from the register is passed through unchanged: escaping is
//! the template engine's job (HTML autoescape, Markdown escape).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::duration::Duration;
use crate::legal::{self, TermTable};
use crate::model::{
    Activity, DataCategory, Language, Measure, Organisation, Party, Person, RecipientKind,
    Register, RetentionRule, Safeguard, TransferMechanism, Vendor,
};

/// One translation table: fixed labels, headings and sentences by key.
pub type Translations = BTreeMap<String, String>;

/// A date, in ISO form and written out in the document's language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateView {
    /// `2024-03-14`.
    pub iso: String,
    /// `14 March 2024` / `14 mars 2024` (`1er mars 2024` on the first of the month).
    pub text: String,
}

impl DateView {
    /// Format `date` in `lang`.
    pub fn new(date: NaiveDate, lang: Language) -> DateView {
        DateView {
            iso: date.format("%Y-%m-%d").to_string(),
            text: format_date(date, lang),
        }
    }
}

/// `14 March 2024` in English, `14 mars 2024` (`1er mars 2024`) in French.
pub fn format_date(date: NaiveDate, lang: Language) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = date.month0() as usize;
    match lang {
        Language::En => format!("{} {} {}", date.day(), EN[month], date.year()),
        Language::Fr if date.day() == 1 => format!("1er {} {}", FR[month], date.year()),
        Language::Fr => format!("{} {} {}", date.day(), FR[month], date.year()),
    }
}

/// A value of a closed list (legal basis, operation, heading...) with its label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelView {
    /// The key as written in the register, for example `legitimate_interests`.
    pub key: String,
    /// The label in the document's language, for example `Intérêts légitimes`.
    pub label: String,
    /// The article, for example `Art. 6(1)(f)`, where the law gives one.
    pub article: Option<String>,
    /// The number in its list (Annex III heading number, WP248 criterion), where it has one.
    pub number: Option<u8>,
}

fn key_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn term_label<T: TermTable + Serialize>(value: T, lang: Language) -> LabelView {
    let term = legal::term(value);
    LabelView {
        key: key_of(&value),
        label: legal::label(&value, lang).to_string(),
        article: term.and_then(|t| t.article(lang)).map(str::to_string),
        number: term.and_then(|t| t.number),
    }
}

fn mechanism_label(mechanism: TransferMechanism, lang: Language) -> LabelView {
    let info = legal::mechanism_info(mechanism);
    LabelView {
        key: key_of(&mechanism),
        label: info.label(lang).to_string(),
        article: Some(info.article(lang).to_string()),
        number: None,
    }
}

/// A natural person.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonView {
    /// Full name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
}

impl PersonView {
    fn new(p: &Person) -> PersonView {
        PersonView {
            name: p.name.clone(),
            position: p.position.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
        }
    }
}

/// A party with contact details: DPO, representative, controller, joint controller.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyView {
    /// Name.
    pub name: String,
    /// What the party is, as written.
    pub description: Option<String>,
    /// Postal address (may hold line breaks).
    pub address: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// Contact person.
    pub contact: Option<PersonView>,
    /// The party's own DPO.
    pub dpo: Option<PersonView>,
}

impl PartyView {
    fn new(p: &Party) -> PartyView {
        PartyView {
            name: p.name.clone(),
            description: p.description.clone(),
            address: p.address.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            contact: p.contact.as_ref().map(PersonView::new),
            dpo: p.dpo.as_ref().map(PersonView::new),
        }
    }
}

/// The organisation that keeps the register.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OrganisationView {
    /// Legal name.
    pub name: String,
    /// Legal form (`SAS`).
    pub legal_form: Option<String>,
    /// Name followed by the legal form, for example `Octopush SAS`.
    pub full_name: String,
    /// Registration number and registry.
    pub registration: Option<String>,
    /// Share capital, as written.
    pub share_capital: Option<String>,
    /// Postal address (may hold line breaks).
    pub address: Option<String>,
    /// General e-mail address.
    pub email: Option<String>,
    /// General telephone number.
    pub phone: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// The head of the organisation.
    pub head: Option<PersonView>,
    /// Whether it is a public authority or body.
    pub public_authority: bool,
}

impl OrganisationView {
    fn new(o: &Organisation) -> OrganisationView {
        let full_name = match &o.legal_form {
            Some(form) if !o.name.ends_with(form.as_str()) => format!("{} {form}", o.name),
            _ => o.name.clone(),
        };
        OrganisationView {
            name: o.name.clone(),
            legal_form: o.legal_form.clone(),
            full_name,
            registration: o.registration.clone(),
            share_capital: o.share_capital.clone(),
            address: o.address.clone(),
            email: o.email.clone(),
            phone: o.phone.clone(),
            website: o.website.clone(),
            head: o.head.as_ref().map(PersonView::new),
            public_authority: o.public_authority,
        }
    }
}

/// A purpose with its legal basis.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PurposeView {
    /// The purpose, as written.
    pub description: String,
    /// The Art. 6(1) legal basis, labelled.
    pub legal_basis: Option<LabelView>,
    /// The legitimate interest pursued.
    pub legitimate_interest: Option<String>,
    /// Reference of the legitimate interests assessment.
    pub lia_reference: Option<String>,
    /// Where consent is recorded.
    pub consent_record: Option<String>,
    /// The legal obligation or task, with its reference.
    pub legal_reference: Option<String>,
}

/// A category of data subjects.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SubjectView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Details.
    pub description: Option<String>,
    /// Vulnerable data subjects.
    pub vulnerable: bool,
}

/// A category of personal data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DataCategoryView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// The heading the category is listed under in the source, if any.
    pub group: Option<String>,
    /// The data items, as written.
    pub description: Option<String>,
    /// True for special-category (Art. 9) or criminal-offence (Art. 10) data: mark it.
    pub sensitive: bool,
    /// The Art. 9(1) category, labelled.
    pub special_category: Option<LabelView>,
    /// The Art. 9(2) condition relied on, labelled.
    pub art9_condition: Option<LabelView>,
    /// Art. 10 data.
    pub criminal_data: bool,
    /// For Art. 10 data, the authority or law that authorises it.
    pub art10_authorisation: Option<String>,
    /// Where the data comes from.
    pub source: Option<String>,
    /// Tools named as processing it.
    pub tools: Vec<String>,
    /// The retention rules that cover this category, spelled out (see [`RetentionView::summary`]).
    pub retention: Vec<String>,
}

/// A recipient of the data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecipientView {
    /// Kind of recipient, labelled.
    pub kind: LabelView,
    /// Name: the vendor's name from the catalogue for vendors.
    pub name: String,
    /// What it receives or does: the activity's description, else the vendor's service.
    pub description: Option<String>,
    /// The vendor's id, for vendors.
    pub vendor_id: Option<String>,
    /// The vendor's role, labelled, for vendors.
    pub vendor_role: Option<LabelView>,
    /// Names of the data categories it receives (empty: all).
    pub data_categories: Vec<String>,
    /// True for internal departments.
    pub internal: bool,
}

/// One period of a retention rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PeriodView {
    /// Lifecycle phase, labelled, when the register says which.
    pub phase: Option<LabelView>,
    /// The duration spelled out (`3 ans`; a range `12 à 24 mois`), if the period has one.
    pub duration: Option<String>,
    /// The starting event.
    pub from: Option<String>,
    /// The ending event.
    pub until: Option<String>,
    /// Conditional variants, spelled: `secteur de l’optique : 5 ans`.
    pub variants: Vec<String>,
    /// The whole period in one phrase: `Archivage intermédiaire : 12 mois`.
    pub text: String,
}

/// A retention rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RetentionView {
    /// The rule as the DPO wrote it, when given.
    pub text: Option<String>,
    /// What the rule covers: its scope, else its data categories, else its subject categories,
    /// else "all data".
    pub applies_to: String,
    /// Names of the data categories it covers.
    pub data_categories: Vec<String>,
    /// Names of the subject categories it covers.
    pub data_subjects: Vec<String>,
    /// Scope, as written.
    pub scope: Option<String>,
    /// The periods.
    pub periods: Vec<PeriodView>,
    /// Events that end retention earlier.
    pub early_end: Vec<String>,
    /// What happens at the end, labelled.
    pub end_action: Option<LabelView>,
    /// The law or guideline that justifies it.
    pub legal_reference: Option<String>,
    /// The rule spelled out from its structure (periods, early end, end action).
    pub spelled: String,
    /// What to print: the DPO's text when given, else [`RetentionView::spelled`].
    pub summary: String,
}

/// A place of processing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceView {
    /// Country code.
    pub country: Option<String>,
    /// Country name in the document's language.
    pub country_name: Option<String>,
    /// Region named instead of a country.
    pub region: Option<String>,
    /// City or data centre.
    pub place: Option<String>,
    /// What happens there.
    pub description: Option<String>,
    /// Whether the country is outside the EEA (false when unknown).
    pub outside_eea: bool,
    /// The place in one phrase: `Paris, France (Localisation des serveurs)`.
    pub text: String,
}

/// A transfer safeguard for one destination.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SafeguardView {
    /// Destination country code.
    pub country: String,
    /// Destination country name.
    pub country_name: String,
    /// The mechanism, labelled.
    pub mechanism: Option<LabelView>,
    /// The SCC module, labelled.
    pub scc_module: Option<LabelView>,
    /// Reference of the document that records it.
    pub reference: Option<String>,
    /// Date of that document.
    pub date: Option<DateView>,
    /// Supplementary measures.
    pub supplementary_measures: Vec<String>,
    /// Documentation of an Art. 49(1) second-subparagraph transfer.
    pub documentation: Option<String>,
    /// The safeguard in one phrase: `États-Unis : Clauses contractuelles types (...) — reference`.
    pub text: String,
}

/// A contract.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContractView {
    /// Title or reference.
    pub reference: Option<String>,
    /// Date.
    pub date: Option<DateView>,
    /// Where it can be read.
    pub url: Option<String>,
}

/// A processor or sub-processor, as a row of a sub-processors table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SubprocessorView {
    /// Vendor id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Registered legal name.
    pub legal_name: Option<String>,
    /// Role towards the organisation, labelled.
    pub role: LabelView,
    /// The service it performs.
    pub service: String,
    /// What it does with the data: its processing description, else its service.
    pub processing_description: String,
    /// Postal address.
    pub address: Option<String>,
    /// Contact person.
    pub contact: Option<PersonView>,
    /// Web site.
    pub website: Option<String>,
    /// Places of processing.
    pub places: Vec<PlaceView>,
    /// Places in one phrase, `; `-separated, or "not stated".
    pub places_text: String,
    /// Whether data goes outside the EEA (a place or a safeguard outside it).
    pub outside_eea: bool,
    /// Names of the countries outside the EEA.
    pub outside_eea_countries: Vec<String>,
    /// "Yes (United States)", "No", or "Not stated" when no place is known.
    pub transfer_text: String,
    /// Transfer safeguards.
    pub safeguards: Vec<SafeguardView>,
    /// Safeguards in one phrase; "not applicable" when every place is in the EEA; "not stated"
    /// when data leaves the EEA without a recorded safeguard, or when no country is known.
    pub safeguards_text: String,
    /// The mechanisms relied on, labelled, without repeats.
    pub mechanisms: Vec<LabelView>,
    /// Certifications.
    pub certifications: Vec<String>,
    /// The Art. 28 contract.
    pub contract: Option<ContractView>,
    /// Self-certified under the EU-US Data Privacy Framework.
    pub dpf_certified: bool,
    /// Names of the activities (in this document) that use it.
    pub activities: Vec<String>,
}

/// A transfer to a third country or international organisation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TransferView {
    /// Destination country code.
    pub country: Option<String>,
    /// Destination: country name, or the international organisation, or "not stated".
    pub destination: String,
    /// Whether the destination is outside the EEA (true for an organisation or an unnamed
    /// destination: a transfer is declared because data leaves).
    pub outside_eea: bool,
    /// The importer: the vendor's name, else the importer as written.
    pub importer: Option<String>,
    /// The importer's vendor id.
    pub vendor_id: Option<String>,
    /// What is transferred, as written.
    pub description: Option<String>,
    /// Frequency, labelled.
    pub frequency: Option<LabelView>,
    /// The mechanism: the transfer's own, else the vendor's safeguard for the country.
    pub mechanism: Option<LabelView>,
    /// The SCC module, labelled.
    pub scc_module: Option<LabelView>,
    /// Reference of the vendor's safeguard document, when the mechanism comes from it.
    pub reference: Option<String>,
    /// Art. 49(1) documentation.
    pub documentation: Option<String>,
    /// Supplementary measures taken with the mechanism (the transfer's own, else the vendor
    /// safeguard's).
    pub supplementary_measures: Vec<String>,
}

/// A way data leaves the EEA: a declared transfer, or a sub-processor with a place or a
/// safeguard outside the EEA that no transfer already covers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExitView {
    /// Destination: country names, the international organisation, or "not stated".
    pub destination: String,
    /// The importer: vendor name or importer as written.
    pub importer: Option<String>,
    /// What is transferred, as written.
    pub description: Option<String>,
    /// Frequency, labelled.
    pub frequency: Option<LabelView>,
    /// The safeguards in one phrase (mechanism, SCC module, reference), or "not stated".
    pub safeguards: String,
}

/// A security measure.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureView {
    /// Identifier.
    pub id: String,
    /// Short title.
    pub title: Option<String>,
    /// The measure.
    pub description: String,
    /// Annex III heading, labelled (with its number).
    pub category: LabelView,
    /// CNIL heading, labelled (`other` when the measure has none).
    pub cnil_heading: LabelView,
}

/// Measures under one heading.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeasureGroup {
    /// The heading's key.
    pub key: String,
    /// Its number in its list (1-17 for Annex III, 1-7 for the CNIL sheet).
    pub number: Option<u8>,
    /// Its label.
    pub label: String,
    /// The measures under it, in the activity's order (may be empty).
    pub measures: Vec<MeasureView>,
}

/// How sub-processors are authorised.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AuthorisationView {
    /// Specific or general, labelled.
    pub kind: LabelView,
    /// Notice of changes, spelled out.
    pub notice: Option<String>,
    /// The terms, as written.
    pub text: Option<String>,
}

/// The Art. 28(3) terms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AgreementView {
    /// Title and version of the contract.
    pub reference: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// Where it can be read.
    pub url: Option<String>,
    /// Subject-matter of the processing.
    pub subject_matter: Option<String>,
    /// Duration of the processing, as written.
    pub duration: Option<String>,
    /// Art. 28(3) stipulations, labelled (with their article).
    pub obligations: Vec<LabelView>,
    /// Breach notification deadline, spelled out (`36 heures`).
    pub breach_notification: Option<String>,
    /// Sub-processor authorisation.
    pub sub_processor_authorisation: Option<AuthorisationView>,
    /// What happens at the end of the services.
    pub end_of_services: Option<String>,
    /// Other commitments, as written.
    pub commitments: Vec<String>,
}

/// DPIA screening and result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DpiaView {
    /// WP248 criteria met, labelled.
    pub criteria: Vec<LabelView>,
    /// Art. 35(3) cases, labelled.
    pub art35_3: Vec<LabelView>,
    /// Whether a DPIA was carried out.
    pub done: bool,
    /// Reference of the DPIA.
    pub reference: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// Conclusion.
    pub conclusion: Option<String>,
}

/// One processing activity, ready to print.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActivityView {
    /// Identifier (safe in anchors and file names).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Owning business function.
    pub owner: Option<String>,
    /// The organisation's role, labelled.
    pub role: LabelView,
    /// True for Art. 30(1) controller records (controller or joint controller).
    pub is_controller: bool,
    /// True for Art. 30(2) processor records.
    pub is_processor: bool,
    /// The record's kind: "Controller record (Art. 30(1))" / "Processor record (Art. 30(2))".
    pub record_kind: String,
    /// Controllers on whose behalf the organisation acts (processor records).
    pub controllers: Vec<PartyView>,
    /// Joint controllers.
    pub joint_controllers: Vec<PartyView>,
    /// Categories of processing carried out for each controller.
    pub processing_categories: Vec<String>,
    /// Created.
    pub created: DateView,
    /// Last updated.
    pub updated: DateView,
    /// Last reviewed (defaults to `updated`).
    pub reviewed: DateView,
    /// Next planned review.
    pub next_review: Option<DateView>,
    /// Purposes.
    pub purposes: Vec<PurposeView>,
    /// Purposes' descriptions joined with `; `.
    pub purposes_text: String,
    /// Operations (nature of the processing), labelled.
    pub operations: Vec<LabelView>,
    /// Operations' labels joined with `, `.
    pub operations_text: String,
    /// Data subject categories.
    pub data_subjects: Vec<SubjectView>,
    /// Data categories.
    pub data_categories: Vec<DataCategoryView>,
    /// The sensitive ones (Art. 9 or 10) among them.
    pub sensitive_data: Vec<DataCategoryView>,
    /// What the record says about special categories, as written.
    pub special_categories_statement: Option<String>,
    /// Sources of the data.
    pub sources: Vec<String>,
    /// All recipients.
    pub recipients: Vec<RecipientView>,
    /// Internal recipients.
    pub internal_recipients: Vec<RecipientView>,
    /// Other recipients (vendors, authorities, partners, others).
    pub external_recipients: Vec<RecipientView>,
    /// Retention rules.
    pub retention: Vec<RetentionView>,
    /// Transfers.
    pub transfers: Vec<TransferView>,
    /// Processors and sub-processors among the recipients and importers.
    pub subprocessors: Vec<SubprocessorView>,
    /// Every way data leaves the EEA: transfers, then sub-processors outside it.
    pub exits_eea: Vec<ExitView>,
    /// Whether any data leaves the EEA (`exits_eea` is not empty).
    pub leaves_eea: bool,
    /// Security measures, in the activity's order.
    pub measures: Vec<MeasureView>,
    /// All seventeen Annex III headings of Decision 2021/915, each with its measures.
    pub measures_by_category: Vec<MeasureGroup>,
    /// The seven CNIL headings, each with its measures.
    pub measures_by_cnil_heading: Vec<MeasureGroup>,
    /// The Art. 28(3) terms.
    pub processing_agreement: Option<AgreementView>,
    /// Automated decision-making.
    pub automated_decision_making: Option<String>,
    /// DPIA.
    pub dpia: Option<DpiaView>,
    /// Free notes.
    pub notes: Option<String>,
}

/// The context of a document: what every template receives (next to `t`, the translation
/// table).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentView {
    /// `sheet`, `register`, `annex` or `subprocessors`.
    pub document: String,
    /// `en` or `fr`.
    pub lang: String,
    /// `md` or `html`.
    pub format: String,
    /// Generation date (the `--as-of` date, never the clock).
    pub generated: DateView,
    /// The register's version: a git commit or the latest update date.
    pub version: String,
    /// The organisation.
    pub organisation: OrganisationView,
    /// Its representative in the Union.
    pub representative: Option<PartyView>,
    /// Its DPO.
    pub dpo: Option<PartyView>,
    /// The activity of a `sheet` or `annex`.
    pub activity: Option<ActivityView>,
    /// Every activity of the document: controller records, then processor records.
    pub activities: Vec<ActivityView>,
    /// Controller records (Art. 30(1)).
    pub controller_activities: Vec<ActivityView>,
    /// Processor records (Art. 30(2)).
    pub processor_activities: Vec<ActivityView>,
    /// Processors and sub-processors of the organisation (the `subprocessors` list).
    pub subprocessors: Vec<SubprocessorView>,
    /// The vendor the document is restricted to, if any.
    pub vendor: Option<String>,
}

/// What goes into a [`DocumentView`] besides the register.
pub struct ViewOptions<'a> {
    /// Document name.
    pub document: &'a str,
    /// Language.
    pub lang: Language,
    /// `md` or `html`.
    pub format: &'a str,
    /// Generation date.
    pub as_of: NaiveDate,
    /// Version string.
    pub version: &'a str,
    /// The single activity of a sheet or annex.
    pub activity: Option<&'a Activity>,
    /// The activities of the document.
    pub activities: Vec<&'a Activity>,
    /// The vendors of the `subprocessors` list.
    pub vendors: Vec<&'a Vendor>,
    /// The vendor filter, if any.
    pub vendor: Option<&'a str>,
}

/// Build the view of a document.
pub fn document(register: &Register, t: &Translations, o: &ViewOptions<'_>) -> DocumentView {
    let b = Builder {
        register,
        t,
        lang: o.lang,
    };
    let activities: Vec<ActivityView> = o.activities.iter().map(|a| b.activity(a)).collect();
    let (controller_activities, processor_activities): (Vec<_>, Vec<_>) =
        activities.iter().cloned().partition(|a| a.is_controller);
    let mut ordered = controller_activities.clone();
    ordered.extend(processor_activities.iter().cloned());
    let subprocessors = o
        .vendors
        .iter()
        .map(|v| {
            let mut row = b.subprocessor(v);
            row.activities = o
                .activities
                .iter()
                .filter(|a| uses_vendor(a, &v.id))
                .map(|a| a.name.clone())
                .collect();
            row
        })
        .collect();
    let config = &register.config.item;
    DocumentView {
        document: o.document.to_string(),
        lang: lang_code(o.lang).to_string(),
        format: o.format.to_string(),
        generated: DateView::new(o.as_of, o.lang),
        version: o.version.to_string(),
        organisation: OrganisationView::new(&config.organisation),
        representative: config.representative.as_ref().map(PartyView::new),
        dpo: config.dpo.as_ref().map(PartyView::new),
        activity: o.activity.map(|a| b.activity(a)),
        activities: ordered,
        controller_activities,
        processor_activities,
        subprocessors,
        vendor: o.vendor.map(|id| {
            register
                .vendor(id)
                .map_or_else(|| id.to_string(), |v| v.item.name.clone())
        }),
    }
}

/// `en` or `fr`.
pub fn lang_code(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::Fr => "fr",
    }
}

/// Whether the activity names the vendor as a recipient or a transfer importer.
pub fn uses_vendor(activity: &Activity, vendor: &str) -> bool {
    activity
        .recipients
        .iter()
        .any(|r| r.vendor.as_deref() == Some(vendor))
        || activity
            .transfers
            .iter()
            .any(|t| t.vendor.as_deref() == Some(vendor))
}

struct Builder<'a> {
    register: &'a Register,
    t: &'a Translations,
    lang: Language,
}

impl Builder<'_> {
    /// A translation; the key itself when the table lacks it.
    fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A translation with `{name}` placeholders filled in (see [`fill`]).
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.tr(key), values)
    }

    fn date(&self, d: NaiveDate) -> DateView {
        DateView::new(d, self.lang)
    }

    /// A duration spelled out; the text as written when it does not parse.
    fn spell(&self, iso: &str) -> String {
        Duration::parse(iso).map_or_else(|_| iso.to_string(), |d| d.spell(self.lang))
    }

    fn country_name(&self, code: &str) -> String {
        legal::country_name(code, self.lang).map_or_else(|| code.to_string(), str::to_string)
    }

    fn activity(&self, a: &Activity) -> ActivityView {
        let lang = self.lang;
        let purposes: Vec<PurposeView> = a
            .purposes
            .iter()
            .map(|p| PurposeView {
                description: p.description.clone(),
                legal_basis: p.legal_basis.map(|b| term_label(b, lang)),
                legitimate_interest: p.legitimate_interest.clone(),
                lia_reference: p.lia_reference.clone(),
                consent_record: p.consent_record.clone(),
                legal_reference: p.legal_reference.clone(),
            })
            .collect();
        let operations: Vec<LabelView> =
            a.operations.iter().map(|o| term_label(*o, lang)).collect();
        let names = Names::new(a);
        let retention: Vec<RetentionView> = a
            .retention
            .iter()
            .map(|r| self.retention(r, &names))
            .collect();
        let data_categories: Vec<DataCategoryView> = a
            .data_categories
            .iter()
            .zip(covering_rules(a))
            .map(|(c, rules)| self.data_category(c, &rules, &retention))
            .collect();
        let recipients: Vec<RecipientView> = a
            .recipients
            .iter()
            .map(|r| {
                let vendor = r.vendor.as_deref().and_then(|id| self.register.vendor(id));
                let name = match (vendor, &r.name, &r.vendor) {
                    (Some(v), _, _) => v.item.name.clone(),
                    (None, Some(n), _) => n.clone(),
                    (None, None, Some(id)) => id.clone(),
                    (None, None, None) => self.tr("not_stated"),
                };
                RecipientView {
                    kind: term_label(r.kind, lang),
                    name,
                    description: r
                        .description
                        .clone()
                        .or_else(|| vendor.map(|v| v.item.service.clone())),
                    vendor_id: r.vendor.clone(),
                    vendor_role: vendor.map(|v| term_label(v.item.role, lang)),
                    data_categories: r
                        .data_categories
                        .iter()
                        .map(|id| names.category(id))
                        .collect(),
                    internal: r.kind == RecipientKind::Internal,
                }
            })
            .collect();
        let transfers: Vec<TransferView> = a
            .transfers
            .iter()
            .map(|t| {
                let vendor = t.vendor.as_deref().and_then(|id| self.register.vendor(id));
                let safeguard = vendor.and_then(|v| {
                    v.item
                        .transfer_safeguards
                        .iter()
                        .find(|s| Some(&s.country) == t.country.as_ref())
                });
                let mechanism = t.mechanism.or(safeguard.and_then(|s| s.mechanism));
                let scc_module = t.scc_module.or(safeguard.and_then(|s| s.scc_module));
                let destination = match (&t.country, &t.international_organisation) {
                    (Some(c), _) => self.country_name(c),
                    (None, Some(o)) => o.clone(),
                    (None, None) => self.tr("not_stated"),
                };
                TransferView {
                    country: t.country.clone(),
                    destination,
                    outside_eea: t.country.as_deref().is_none_or(|c| !legal::is_eea(c)),
                    importer: vendor
                        .map(|v| v.item.name.clone())
                        .or_else(|| t.importer.clone())
                        .or_else(|| t.vendor.clone()),
                    vendor_id: t.vendor.clone(),
                    description: t.description.clone(),
                    frequency: t.frequency.map(|f| term_label(f, lang)),
                    mechanism: mechanism.map(|m| mechanism_label(m, lang)),
                    scc_module: scc_module.map(|m| term_label(m, lang)),
                    reference: if t.mechanism.is_none() {
                        safeguard.and_then(|s| s.reference.clone())
                    } else {
                        None
                    },
                    documentation: t.documentation.clone(),
                    supplementary_measures: if t.supplementary_measures.is_empty() {
                        safeguard
                            .map(|s| s.supplementary_measures.clone())
                            .unwrap_or_default()
                    } else {
                        t.supplementary_measures.clone()
                    },
                }
            })
            .collect();
        let mut subprocessor_ids: Vec<&str> = Vec::new();
        for id in a
            .recipients
            .iter()
            .filter_map(|r| r.vendor.as_deref())
            .chain(a.transfers.iter().filter_map(|t| t.vendor.as_deref()))
        {
            if !subprocessor_ids.contains(&id) {
                subprocessor_ids.push(id);
            }
        }
        let subprocessors: Vec<SubprocessorView> = subprocessor_ids
            .iter()
            .filter_map(|id| self.register.vendor(id))
            .filter(|v| v.item.role.is_processor())
            .map(|v| {
                let mut row = self.subprocessor(&v.item);
                row.activities = vec![a.name.clone()];
                row
            })
            .collect();
        let measures: Vec<MeasureView> = a
            .security_measures
            .iter()
            .filter_map(|id| self.register.measure(id))
            .map(|m| self.measure(&m.item))
            .collect();
        let measures_by_category = group(
            legal::eu()
                .measure_categories
                .iter()
                .map(|t| (t.key, t.number, t.label(lang))),
            &measures,
            |m| &m.category.key,
        );
        let measures_by_cnil_heading = group(
            legal::eu()
                .cnil_headings
                .iter()
                .map(|t| (t.key, t.number, t.label(lang))),
            &measures,
            |m| &m.cnil_heading.key,
        );
        let exits_eea = self.exits(&transfers, &subprocessors);
        let leaves_eea = !exits_eea.is_empty();
        let role = term_label(a.role, lang);
        let is_controller = a.role.is_controller();
        ActivityView {
            id: a.id.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            owner: a.owner.clone(),
            record_kind: self.tr(if is_controller {
                "controller_record"
            } else {
                "processor_record"
            }),
            role,
            is_controller,
            is_processor: !is_controller,
            controllers: a.controllers.iter().map(PartyView::new).collect(),
            joint_controllers: a.joint_controllers.iter().map(PartyView::new).collect(),
            processing_categories: a.processing_categories.clone(),
            created: self.date(a.created),
            updated: self.date(a.updated),
            reviewed: self.date(a.reviewed.unwrap_or(a.updated)),
            next_review: a.next_review.map(|d| self.date(d)),
            purposes_text: a
                .purposes
                .iter()
                .map(|p| p.description.trim_end_matches('.').to_string())
                .collect::<Vec<_>>()
                .join("; "),
            purposes,
            operations_text: operations
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    if i == 0 {
                        o.label.clone()
                    } else {
                        lower_first(&o.label)
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            operations,
            data_subjects: a
                .data_subjects
                .iter()
                .map(|s| SubjectView {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                    vulnerable: s.vulnerable,
                })
                .collect(),
            sensitive_data: data_categories
                .iter()
                .filter(|c| c.sensitive)
                .cloned()
                .collect(),
            data_categories,
            special_categories_statement: a.special_categories_statement.clone(),
            sources: a.sources.clone(),
            internal_recipients: recipients.iter().filter(|r| r.internal).cloned().collect(),
            external_recipients: recipients.iter().filter(|r| !r.internal).cloned().collect(),
            recipients,
            retention,
            transfers,
            subprocessors,
            exits_eea,
            leaves_eea,
            measures,
            measures_by_category,
            measures_by_cnil_heading,
            processing_agreement: a.processing_agreement.as_ref().map(|p| AgreementView {
                reference: p.reference.clone(),
                date: p.date.map(|d| self.date(d)),
                url: p.url.clone(),
                subject_matter: p.subject_matter.clone(),
                duration: p.duration.clone(),
                obligations: p.obligations.iter().map(|o| term_label(*o, lang)).collect(),
                breach_notification: p.breach_notification.as_deref().map(|d| self.spell(d)),
                sub_processor_authorisation: p.sub_processor_authorisation.as_ref().map(|s| {
                    AuthorisationView {
                        kind: term_label(s.kind, lang),
                        notice: s.notice.as_deref().map(|d| self.spell(d)),
                        text: s.text.clone(),
                    }
                }),
                end_of_services: p.end_of_services.clone(),
                commitments: p.commitments.clone(),
            }),
            automated_decision_making: a.automated_decision_making.clone(),
            dpia: a.dpia.as_ref().map(|d| DpiaView {
                criteria: d.criteria.iter().map(|c| term_label(*c, lang)).collect(),
                art35_3: d.art35_3.iter().map(|c| term_label(*c, lang)).collect(),
                done: d.done,
                reference: d.reference.clone(),
                date: d.date.map(|x| self.date(x)),
                conclusion: d.conclusion.clone(),
            }),
            notes: a.notes.clone(),
        }
    }

    fn exits(&self, transfers: &[TransferView], subs: &[SubprocessorView]) -> Vec<ExitView> {
        let mut exits: Vec<ExitView> = transfers
            .iter()
            .filter(|t| t.outside_eea)
            .map(|t| {
                let safeguards = match &t.mechanism {
                    Some(m) => {
                        let mut parts = vec![m.label.clone()];
                        if let Some(module) = &t.scc_module {
                            parts.push(module.label.clone());
                        }
                        if let Some(r) = &t.reference {
                            parts.push(r.clone());
                        }
                        if let Some(d) = &t.documentation {
                            parts.push(d.clone());
                        }
                        parts.extend(t.supplementary_measures.iter().cloned());
                        parts.join(" — ")
                    }
                    None => t
                        .documentation
                        .clone()
                        .unwrap_or_else(|| self.tr("not_stated")),
                };
                ExitView {
                    destination: t.destination.clone(),
                    importer: t.importer.clone(),
                    description: t.description.clone(),
                    frequency: t.frequency.clone(),
                    safeguards,
                }
            })
            .collect();
        for s in subs.iter().filter(|s| s.outside_eea) {
            let covered = transfers.iter().any(|t| {
                t.vendor_id.as_deref() == Some(s.id.as_str())
                    && t.country
                        .as_deref()
                        .is_none_or(|c| s.outside_eea_countries.contains(&self.country_name(c)))
            });
            if !covered {
                exits.push(ExitView {
                    destination: s.outside_eea_countries.join(", "),
                    importer: Some(s.name.clone()),
                    description: Some(s.service.clone()),
                    frequency: None,
                    safeguards: s.safeguards_text.clone(),
                });
            }
        }
        exits
    }

    fn data_category(
        &self,
        c: &DataCategory,
        covering_rules: &[usize],
        retention: &[RetentionView],
    ) -> DataCategoryView {
        let covering = covering_rules
            .iter()
            .filter_map(|&i| retention.get(i))
            .map(|view| view.summary.clone())
            .collect();
        DataCategoryView {
            id: c.id.clone(),
            name: c.name.clone(),
            group: c.group.clone(),
            description: c.description.clone(),
            sensitive: c.special_category.is_some() || c.criminal_data,
            special_category: c.special_category.map(|s| term_label(s, self.lang)),
            art9_condition: c.art9_condition.map(|s| term_label(s, self.lang)),
            criminal_data: c.criminal_data,
            art10_authorisation: c.art10_authorisation.clone(),
            source: c.source.clone(),
            tools: c.tools.clone(),
            retention: covering,
        }
    }

    fn retention(&self, r: &RetentionRule, names: &Names<'_>) -> RetentionView {
        let lang = self.lang;
        let data_categories: Vec<String> = r
            .data_categories
            .iter()
            .map(|id| names.category(id))
            .collect();
        let data_subjects: Vec<String> =
            r.data_subjects.iter().map(|id| names.subject(id)).collect();
        let applies_to = if let Some(scope) = &r.scope {
            scope.clone()
        } else if !data_categories.is_empty() {
            data_categories.join(", ")
        } else if !data_subjects.is_empty() {
            data_subjects.join(", ")
        } else {
            self.tr("all_data")
        };
        let periods: Vec<PeriodView> = r
            .periods
            .iter()
            .map(|p| {
                let duration = match (&p.duration, &p.range) {
                    (Some(d), _) => Some(self.spell(d)),
                    (None, Some(range)) => Some(self.spell_range(&range.min, &range.max)),
                    (None, None) => None,
                };
                let variants: Vec<String> = p
                    .variants
                    .iter()
                    .map(|v| {
                        self.fill(
                            "retention_variant",
                            &[
                                ("condition", &v.condition),
                                ("duration", &self.spell(&v.duration)),
                            ],
                        )
                    })
                    .collect();
                let mut parts = Vec::new();
                match (&duration, &p.from) {
                    (Some(d), Some(from)) => parts.push(self.fill(
                        "retention_duration_from",
                        &[("duration", d), ("event", from)],
                    )),
                    (Some(d), None) => parts.push(d.clone()),
                    (None, Some(from)) => {
                        parts.push(self.fill("retention_from", &[("event", from)]))
                    }
                    (None, None) => {}
                }
                if let Some(until) = &p.until {
                    parts.push(self.fill("retention_until", &[("event", until)]));
                }
                if !variants.is_empty() {
                    parts.push(format!("({})", variants.join("; ")));
                }
                let phase = p.phase.map(|ph| term_label(ph, lang));
                let period = parts.join(" ");
                let text = match (&phase, period.is_empty()) {
                    (Some(ph), true) => ph.label.clone(),
                    (Some(ph), false) => self.fill(
                        "retention_period",
                        &[("phase", &ph.label), ("period", &period)],
                    ),
                    (None, false) => period,
                    (None, true) => self.tr("not_stated"),
                };
                PeriodView {
                    phase,
                    duration,
                    from: p.from.clone(),
                    until: p.until.clone(),
                    variants,
                    text,
                }
            })
            .collect();
        let mut spelled = periods
            .iter()
            .map(|p| p.text.clone())
            .collect::<Vec<_>>()
            .join(&self.tr("retention_then"));
        if !r.early_end.is_empty() {
            spelled.push_str(&self.fill(
                "retention_early_end",
                &[("events", &r.early_end.join(", "))],
            ));
        }
        let end_action = r.end_action.map(|e| term_label(e, lang));
        if let Some(e) = &end_action {
            spelled.push_str(&self.fill("retention_end_action", &[("action", &e.label)]));
        }
        if let Some(reference) = &r.legal_reference {
            if spelled.is_empty() {
                spelled.push_str(reference);
            } else {
                spelled.push_str(&format!(" ({reference})"));
            }
        }
        // Without periods, the early end or end action opens the phrase: no leading separator.
        let spelled = spelled.trim_start_matches([';', ' ']);
        let mut spelled = spelled.to_string();
        if spelled.is_empty() {
            spelled = self.tr("not_stated");
        }
        RetentionView {
            text: r.text.clone(),
            applies_to,
            data_categories,
            data_subjects,
            scope: r.scope.clone(),
            summary: r.text.clone().unwrap_or_else(|| spelled.clone()),
            spelled,
            periods,
            early_end: r.early_end.clone(),
            end_action,
            legal_reference: r.legal_reference.clone(),
        }
    }

    /// `12 à 24 mois` when both ends are in the same single unit, else `1 an à 18 mois`.
    fn spell_range(&self, min: &str, max: &str) -> String {
        let (lo, hi) = (self.spell(min), self.spell(max));
        let split = |s: &str| {
            s.split_once(' ')
                .filter(|(n, unit)| n.parse::<u32>().is_ok() && !unit.contains(' '))
                .map(|(n, unit)| (n.to_string(), unit.to_string()))
        };
        match (split(&lo), split(&hi)) {
            (Some((n1, u1)), Some((n2, u2))) if u1 == u2 => self.fill(
                "retention_range",
                &[("min", &n1), ("max", &format!("{n2} {u2}"))],
            ),
            _ => self.fill("retention_range", &[("min", &lo), ("max", &hi)]),
        }
    }

    fn measure(&self, m: &Measure) -> MeasureView {
        MeasureView {
            id: m.id.clone(),
            title: m.title.clone(),
            description: m.description.clone(),
            category: term_label(m.category, self.lang),
            cnil_heading: term_label(
                m.cnil_heading.unwrap_or(crate::model::CnilHeading::Other),
                self.lang,
            ),
        }
    }

    fn place(&self, l: &crate::model::Location) -> PlaceView {
        let country_name = l.country.as_deref().map(|c| self.country_name(c));
        let mut core: Vec<String> = Vec::new();
        if let Some(p) = &l.place {
            core.push(p.clone());
        }
        if let Some(c) = &country_name {
            core.push(c.clone());
        } else if let Some(r) = &l.region {
            core.push(r.clone());
        }
        let mut text = core.join(", ");
        if let Some(d) = &l.description {
            text = if text.is_empty() {
                d.clone()
            } else {
                format!("{text} ({d})")
            };
        }
        PlaceView {
            country: l.country.clone(),
            country_name,
            region: l.region.clone(),
            place: l.place.clone(),
            description: l.description.clone(),
            outside_eea: l.country.as_deref().is_some_and(|c| !legal::is_eea(c)),
            text,
        }
    }

    fn safeguard(&self, s: &Safeguard) -> SafeguardView {
        let lang = self.lang;
        let country_name = self.country_name(&s.country);
        let mechanism = s.mechanism.map(|m| mechanism_label(m, lang));
        let scc_module = s.scc_module.map(|m| term_label(m, lang));
        let mut what: Vec<String> = Vec::new();
        if let Some(m) = &mechanism {
            what.push(m.label.clone());
        }
        if let Some(m) = &scc_module {
            what.push(m.label.clone());
        }
        if let Some(r) = &s.reference {
            what.push(r.clone());
        }
        if what.is_empty() {
            what.push(self.tr("not_stated"));
        }
        SafeguardView {
            text: format!("{country_name}{} {}", self.tr("colon"), what.join(" — ")),
            country: s.country.clone(),
            country_name,
            mechanism,
            scc_module,
            reference: s.reference.clone(),
            date: s.date.map(|d| self.date(d)),
            supplementary_measures: s.supplementary_measures.clone(),
            documentation: s.documentation.clone(),
        }
    }

    fn subprocessor(&self, v: &Vendor) -> SubprocessorView {
        let places: Vec<PlaceView> = v.locations.iter().map(|l| self.place(l)).collect();
        let safeguards: Vec<SafeguardView> = v
            .transfer_safeguards
            .iter()
            .map(|s| self.safeguard(s))
            .collect();
        let mut outside: Vec<String> = Vec::new();
        for code in v
            .locations
            .iter()
            .filter_map(|l| l.country.as_deref())
            .chain(v.transfer_safeguards.iter().map(|s| s.country.as_str()))
        {
            let name = self.country_name(code);
            if !legal::is_eea(code) && !outside.contains(&name) {
                outside.push(name);
            }
        }
        let outside_eea = !outside.is_empty();
        // Whether data stays in the EEA is known only when a country is.
        let unknown = !outside_eea && places.iter().all(|p| p.country.is_none());
        let transfer_text = if outside_eea {
            self.fill("yes_countries", &[("countries", &outside.join(", "))])
        } else if unknown {
            self.tr("not_stated")
        } else {
            self.tr("no")
        };
        let safeguards_text = if !safeguards.is_empty() {
            safeguards
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
                .join("; ")
        } else if outside_eea || unknown {
            self.tr("not_stated")
        } else {
            self.tr("not_applicable")
        };
        let mut mechanisms: Vec<LabelView> = Vec::new();
        for m in safeguards.iter().filter_map(|s| s.mechanism.clone()) {
            if !mechanisms.contains(&m) {
                mechanisms.push(m);
            }
        }
        SubprocessorView {
            id: v.id.clone(),
            name: v.name.clone(),
            legal_name: v.legal_name.clone(),
            role: term_label(v.role, self.lang),
            service: v.service.clone(),
            processing_description: v
                .processing_description
                .clone()
                .unwrap_or_else(|| v.service.clone()),
            address: v.address.clone(),
            contact: v.contact.as_ref().map(PersonView::new),
            website: v.website.clone(),
            places_text: if places.is_empty() {
                self.tr("not_stated")
            } else {
                places
                    .iter()
                    .map(|p| p.text.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            places,
            outside_eea,
            outside_eea_countries: outside,
            transfer_text,
            safeguards,
            safeguards_text,
            mechanisms,
            certifications: v.certifications.clone(),
            contract: v.contract.as_ref().map(|c| ContractView {
                reference: c.reference.clone(),
                date: c.date.map(|d| self.date(d)),
                url: c.url.clone(),
            }),
            dpf_certified: v.dpf_certified,
            activities: Vec::new(),
        }
    }
}

/// `Enregistrement` -> `enregistrement`, for labels in the middle of a sentence.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The names of an activity's data categories and subject categories by id, so that a lookup
/// costs the same however many there are (a rule may list tens of thousands).
struct Names<'a> {
    categories: HashMap<&'a str, &'a str>,
    subjects: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(a: &'a Activity) -> Self {
        let mut categories = HashMap::with_capacity(a.data_categories.len());
        for c in &a.data_categories {
            categories.entry(c.id.as_str()).or_insert(c.name.as_str());
        }
        let mut subjects = HashMap::with_capacity(a.data_subjects.len());
        for s in &a.data_subjects {
            subjects.entry(s.id.as_str()).or_insert(s.name.as_str());
        }
        Names {
            categories,
            subjects,
        }
    }

    /// A data category's name; its id when the activity has no such category.
    fn category(&self, id: &str) -> String {
        self.categories.get(id).unwrap_or(&id).to_string()
    }

    /// A subject category's name; its id when the activity has no such category.
    fn subject(&self, id: &str) -> String {
        self.subjects.get(id).unwrap_or(&id).to_string()
    }
}

/// For each data category (by index), the indices of the retention rules that cover it, in rule
/// order: those that name it, and those that name no category, subject or scope (they cover
/// everything). One pass over the rules' lists, not one per category.
fn covering_rules(a: &Activity) -> Vec<Vec<usize>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut universal = Vec::new();
    for (i, rule) in a.retention.iter().enumerate() {
        if rule.data_categories.is_empty() && rule.data_subjects.is_empty() && rule.scope.is_none()
        {
            universal.push(i);
        }
        for id in &rule.data_categories {
            let rules = by_id.entry(id.as_str()).or_default();
            if rules.last() != Some(&i) {
                rules.push(i);
            }
        }
    }
    a.data_categories
        .iter()
        .map(|c| {
            let mut rules = universal.clone();
            rules.extend(by_id.get(c.id.as_str()).into_iter().flatten());
            rules.sort_unstable();
            rules.dedup();
            rules
        })
        .collect()
}

/// Group measures under every heading of a list, in the list's order.
fn group<K: Serialize>(
    headings: impl Iterator<Item = (K, Option<u8>, &'static str)>,
    measures: &[MeasureView],
    key: impl Fn(&MeasureView) -> &String,
) -> Vec<MeasureGroup> {
    headings
        .map(|(k, number, label)| {
            let k = key_of(&k);
            MeasureGroup {
                measures: measures.iter().filter(|m| *key(m) == k).cloned().collect(),
                key: k,
                number,
                label: label.to_string(),
            }
        })
        .collect()
}

/// Fill the `{name}` placeholders of a translation in one pass over the translation only: the
/// values are register text, copied as they are, never read as a template themselves (a
/// `duration: "{event}{event}"` stays that text). An unknown placeholder is kept as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn fill_substitutes_in_the_translation_only() {
        let filled = super::fill(
            "from {event} for {duration}, {unknown} {",
            &[("event", "{duration}{event}"), ("duration", "P1Y")],
        );
        assert_eq!(filled, "from {duration}{event} for P1Y, {unknown} {");
    }
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap();
        assert_eq!(format_date(d, Language::Fr), "14 mars 2024");
        assert_eq!(format_date(d, Language::En), "14 March 2024");
        let first = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
        assert_eq!(format_date(first, Language::Fr), "1er mai 2019");
    }
}
