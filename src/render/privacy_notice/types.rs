//! What the notice template receives: facts with their place in the register.

use serde::Serialize;

use super::super::view::DateView;

/// One statement of the notice and where the register holds it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Fact {
    /// The text, as written in the register or the label of a value of a closed list; `None`
    /// when the register does not state it.
    pub text: Option<String>,
    /// The article of the law for a labelled value (`Art. 6(1)(f)`).
    pub article: Option<String>,
    /// The field: `<file relative to the register>#<JSON pointer>`.
    pub source: String,
    /// True when `text` is the label of a value (a legal basis, a mechanism), not the value as
    /// written; false when it is the register's own words.
    pub labelled: bool,
}

/// A purpose with its basis.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticePurpose {
    /// The purpose.
    pub description: Fact,
    /// The Art. 6(1) basis, labelled with its article.
    pub legal_basis: Fact,
    /// The legitimate interest pursued, for a purpose on legitimate interests (Art. 13(1)(d)).
    pub legitimate_interest: Option<Fact>,
    /// The law or task relied on, for a legal obligation or public task.
    pub legal_reference: Option<Fact>,
    /// The data subject may object to it (Art. 21(1)): legitimate interests or public task.
    pub objectable: bool,
    /// The data subject may withdraw consent (Art. 7(3), 13(2)(c)).
    pub consent: bool,
}

/// A category of personal data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeCategory {
    /// Name.
    pub name: Fact,
    /// The data items.
    pub description: Option<Fact>,
    /// The Art. 9(1) special category, labelled.
    pub special_category: Option<Fact>,
    /// Criminal-offence data (Art. 10).
    pub criminal_data: bool,
    /// Where it comes from, when the category says so.
    pub source: Option<Fact>,
}

/// A recipient.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeRecipient {
    /// Name: the vendor's name from the catalogue, else the recipient's own.
    pub name: Fact,
    /// What it does: the recipient's description, else the vendor's service.
    pub description: Option<Fact>,
}

/// A transfer outside the EEA.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeTransfer {
    /// The destination country (its name) or international organisation.
    pub destination: Fact,
    /// The importer.
    pub importer: Option<Fact>,
    /// The mechanism, labelled with its article; not stated when the register has none.
    pub mechanism: Fact,
    /// Where the safeguard can be consulted: the document that records it.
    pub reference: Option<Fact>,
}

/// Whether the data must be provided (Art. 13(2)(e)).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeProvision {
    /// The requirement, as a sentence.
    pub requirement: Fact,
    /// The consequences of not providing the data.
    pub consequences: Option<Fact>,
}

/// One activity, as the notice presents it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeActivity {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: Fact,
    /// What the processing is.
    pub description: Option<Fact>,
    /// Purposes with their bases (empty: `purposes_missing`).
    pub purposes: Vec<NoticePurpose>,
    /// The place of the purposes when there are none.
    pub purposes_missing: Option<Fact>,
    /// Categories of data.
    pub data_categories: Vec<NoticeCategory>,
    /// The place of the categories when there are none.
    pub data_categories_missing: Option<Fact>,
    /// Recipients.
    pub recipients: Vec<NoticeRecipient>,
    /// The record's statement that the data has no recipient, when it lists none.
    pub recipients_statement: Option<Fact>,
    /// The place of the recipients when the record neither lists nor states them.
    pub recipients_missing: Option<Fact>,
    /// Transfers outside the EEA.
    pub transfers: Vec<NoticeTransfer>,
    /// The record's statement that nothing is transferred outside the EEA, when it lists none.
    pub transfers_statement: Option<Fact>,
    /// The place of the transfers when the record neither lists nor states them.
    pub transfers_missing: Option<Fact>,
    /// Retention rules, each spelled out.
    pub retention: Vec<Fact>,
    /// What the record says of retention where no rule sets a period, as written.
    pub retention_statement: Option<Fact>,
    /// The place of the retention rules when the record neither sets nor states them.
    pub retention_missing: Option<Fact>,
    /// The sources of data obtained elsewhere (Art. 14(2)(f)).
    pub sources: Vec<Fact>,
    /// True when some data is obtained elsewhere than from the data subject (Art. 14).
    pub obtained_elsewhere: bool,
    /// Whether providing the data is required (only where data is collected from the person).
    pub provision: Option<NoticeProvision>,
    /// The place of the provision when the register does not state it.
    pub provision_missing: Option<Fact>,
    /// Automated decision-making, including profiling (Art. 22), as the register states it.
    pub automated_decision_making: Fact,
}

/// A right of the data subject, standard text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeRight {
    /// `access`, `rectification`...
    pub key: String,
    /// Its name.
    pub title: String,
    /// The article (`Art. 15`).
    pub article: String,
    /// What it is, in a sentence.
    pub text: String,
}

/// Something the register does not state, for the draft's summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Gap {
    /// What is missing, in words.
    pub what: String,
    /// The activity concerned, when it is about one.
    pub activity: Option<String>,
    /// Where it belongs.
    pub source: String,
}

/// What the notice template receives (with `t`, the translation table).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NoticeView {
    /// `notice`.
    pub document: String,
    /// `en` or `fr`.
    pub lang: String,
    /// `md` or `html`.
    pub format: String,
    /// Generation date.
    pub generated: DateView,
    /// Register version.
    pub version: String,
    /// The data-subject category's id.
    pub subjects_id: String,
    /// Its name, from the first activity that names it.
    pub subjects: Fact,
    /// The articles the notice answers: `Article 13`, `Article 14` or `Articles 13 and 14`.
    pub articles: String,
    /// The controller's identity (Art. 13(1)(a)).
    pub controller_name: Fact,
    /// Its address.
    pub controller_address: Fact,
    /// Its e-mail address.
    pub controller_email: Fact,
    /// Its telephone number.
    pub controller_phone: Option<Fact>,
    /// Its web site.
    pub controller_website: Option<Fact>,
    /// The representative in the Union (Art. 13(1)(a)), where there is one.
    pub representative: Option<Fact>,
    /// The DPO's name (Art. 13(1)(b)); `None` when the record states that there is no DPO.
    pub dpo_name: Option<Fact>,
    /// The record's statement that there is no DPO (`no_dpo`), with why.
    pub dpo_statement: Option<Fact>,
    /// The DPO's e-mail address.
    pub dpo_email: Option<Fact>,
    /// The DPO's postal address.
    pub dpo_address: Option<Fact>,
    /// The activities, in register order.
    pub activities: Vec<NoticeActivity>,
    /// The purposes the data subject may object to (legitimate interests, public task), shown
    /// apart and first (Art. 21(4)).
    pub objection: Vec<Fact>,
    /// Some purpose rests on consent: the right to withdraw it.
    pub consent: bool,
    /// The rights of Art. 15-22, standard text.
    pub rights: Vec<NoticeRight>,
    /// The supervisory authority (Art. 13(2)(d), 77).
    pub authority_name: Fact,
    /// Its web site.
    pub authority_website: Option<Fact>,
    /// Its address.
    pub authority_address: Option<Fact>,
    /// Everything the register does not state, in order.
    pub gaps: Vec<Gap>,
}
