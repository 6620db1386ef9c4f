//! The view of a register that templates receive: every reference resolved, every label and
//! duration spelled out in the document's language, measures grouped, dates formatted, so that a
//! template only lays things out and never re-implements logic.
//!
//! Every struct here is serialised into the template context as is; templates/README.md lists
//! the variables. Optional values are always present in the context, as `null` when absent, so
//! `{% if x %}` works everywhere. Text from the register is passed through unchanged: escaping is
//! the template engine's job (HTML autoescape, Markdown escape).

mod activity;
mod agreement;
mod assessment;
mod data;
mod measures;
mod organisation;
mod recipients;
mod retention;
mod shared;
mod transfers;

use crate::duration::Duration;
use crate::legal::{self, TermTable};
use crate::model::{Activity, Language, Register, TransferMechanism, Vendor, yaml_name};
pub use activity::*;
pub use agreement::*;
pub use assessment::*;
use chrono::{Datelike, NaiveDate};
pub use data::*;
pub use measures::*;
pub use organisation::*;
pub use recipients::*;
pub use retention::*;
use serde::Serialize;
use shared::SharedViews;
pub use shared::{Shared, sharing, template_value};
use std::collections::{BTreeMap, HashMap};
pub use transfers::*;

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

fn term_label<T: TermTable + Serialize>(value: T, lang: Language) -> LabelView {
    let term = legal::term(value);
    LabelView {
        key: yaml_name(&value),
        label: legal::label(&value, lang).to_string(),
        article: term.and_then(|t| t.article(lang)).map(str::to_string),
        number: term.and_then(|t| t.number),
    }
}

fn mechanism_label(mechanism: TransferMechanism, lang: Language) -> LabelView {
    let info = legal::mechanism_info(mechanism);
    LabelView {
        key: yaml_name(&mechanism),
        label: info.label(lang).to_string(),
        article: Some(info.article(lang).to_string()),
        number: None,
    }
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
    /// The record's statement that no representative is designated (`no_representative`):
    /// only then may a document print "None".
    pub representative_statement: Option<String>,
    /// True when the organisation is established in the EEA (`organisation.country`): Art. 27
    /// does not apply and documents print "Not applicable".
    pub representative_not_applicable: bool,
    /// Its DPO.
    pub dpo: Option<PartyView>,
    /// The record's statement that no DPO is designated (`no_dpo`): only then may a document
    /// print "None".
    pub dpo_statement: Option<String>,
    /// A "correspondant informatique et libertés" designated before 25 May 2018, printed as
    /// such (never as a DPO).
    pub former_cil: Option<CilView>,
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
    /// True when every activity of the document states that no processor handles its data
    /// (`processors_statement`): only then may the list say there is none.
    pub processors_stated_none: bool,
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
    /// Whether the lists of activities hold each one's whole view (the change notice), or stay
    /// empty (a document rendered by [`crate::render::Renderer`], whose lists hold summaries
    /// and which renders each activity's body when its template asks, and the site, which
    /// makes each activity's page on its own).
    pub activity_views: bool,
    /// The vendors of the `subprocessors` list.
    pub vendors: Vec<&'a Vendor>,
    /// The vendor filter, if any.
    pub vendor: Option<&'a str>,
}

/// Build the view of a document.
pub fn document(register: &Register, t: &Translations, o: &ViewOptions<'_>) -> DocumentView {
    // A document whose lists hold every activity's view (the change notice) shares what they
    // show alike.
    let shared = o.activity_views.then(|| SharedViews::new(register));
    let b = Builder {
        register,
        t,
        lang: o.lang,
        shared: shared.as_ref(),
    };
    let (controller_activities, processor_activities): (Vec<_>, Vec<_>) = o
        .activities
        .iter()
        .filter(|_| o.activity_views)
        .map(|a| b.activity(a))
        .partition(|a| a.summary.is_controller);
    let ordered = controller_activities
        .iter()
        .chain(&processor_activities)
        .cloned()
        .collect();
    // The names of the activities using each vendor, in one pass over the activities.
    let mut users: HashMap<&str, Vec<String>> = o
        .vendors
        .iter()
        .map(|v| (v.id.as_str(), Vec::new()))
        .collect();
    for a in &o.activities {
        for id in vendors_used(a) {
            if let Some(names) = users.get_mut(id) {
                names.push(a.name.clone());
            }
        }
    }
    let subprocessors = o
        .vendors
        .iter()
        .map(|v| {
            let mut row = b.subprocessor(v);
            row.activities = users.get(v.id.as_str()).cloned().unwrap_or_default();
            row
        })
        .collect();
    let config = &register.config.item;
    DocumentView {
        document: o.document.to_string(),
        lang: lang_code(o.lang).to_string(),
        format: o.format.to_string(),
        generated: DateView::new(o.as_of, o.lang),
        version: version_text(o.version, o.lang),
        organisation: OrganisationView::new(&config.organisation),
        representative: config.representative.as_ref().map(PartyView::new),
        representative_statement: config.no_representative.clone(),
        representative_not_applicable: config
            .organisation
            .country
            .as_deref()
            .is_some_and(legal::is_eea),
        dpo: config.dpo.as_ref().map(PartyView::new),
        dpo_statement: config.no_dpo.clone(),
        former_cil: config.former_cil.as_ref().map(|c| CilView::new(c, o.lang)),
        activity: o.activity.map(|a| b.activity(a)),
        activities: ordered,
        controller_activities,
        processor_activities,
        subprocessors,
        processors_stated_none: !o.activities.is_empty()
            && o.activities
                .iter()
                .all(|a| a.processors_statement.is_some()),
        vendor: o.vendor.map(|id| {
            register
                .vendor(id)
                .map_or_else(|| id.to_string(), |v| v.item.name.clone())
        }),
    }
}

/// One activity's view, for callers that go through a register one activity at a time (the
/// exports) instead of holding the view of every activity at once.
pub fn activity(
    register: &Register,
    t: &Translations,
    lang: Language,
    a: &Activity,
) -> ActivityView {
    Builder {
        register,
        t,
        lang,
        shared: None,
    }
    .activity(a)
}

/// The views of many activities of one register, made one at a time (a register's bodies, the
/// site's pages): what they show alike is made once and shared (see [`Shared`]).
pub struct ActivityViews<'r> {
    register: &'r Register,
    t: &'r Translations,
    lang: Language,
    shared: SharedViews<'r>,
}

impl<'r> ActivityViews<'r> {
    pub fn new(register: &'r Register, t: &'r Translations, lang: Language) -> Self {
        ActivityViews {
            register,
            t,
            lang,
            shared: SharedViews::new(register),
        }
    }

    /// One activity's view (as [`activity`]).
    pub fn activity(&self, a: &Activity) -> ActivityView {
        Builder {
            register: self.register,
            t: self.t,
            lang: self.lang,
            shared: Some(&self.shared),
        }
        .activity(a)
    }
}

/// What the lists of a document hold of one activity (see [`ActivitySummary`]).
pub fn summary(
    register: &Register,
    t: &Translations,
    lang: Language,
    a: &Activity,
) -> ActivitySummary {
    Builder {
        register,
        t,
        lang,
        shared: None,
    }
    .summary(a)
}

/// One vendor's view, without the activities that use it (left empty).
pub fn subprocessor(
    register: &Register,
    t: &Translations,
    lang: Language,
    v: &Vendor,
) -> SubprocessorView {
    Builder {
        register,
        t,
        lang,
        shared: None,
    }
    .subprocessor(v)
}

/// The register's version as documents print it: a date (the version of a register outside
/// git) written out in the document's language, so that no ISO date reaches a French document;
/// anything else (a commit, a label) as given.
pub fn version_text(version: &str, lang: Language) -> String {
    NaiveDate::parse_from_str(version, "%Y-%m-%d")
        .map_or_else(|_| version.to_string(), |d| format_date(d, lang))
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
    vendors_used(activity).contains(&vendor)
}

/// The vendors the activity names as recipients or transfer importers, each once, in order.
fn vendors_used(activity: &Activity) -> Vec<&str> {
    let mut named: Vec<&str> = Vec::new();
    let recipients = activity
        .recipients
        .iter()
        .filter_map(|r| r.vendor.as_deref());
    let importers = activity
        .transfers
        .iter()
        .filter_map(|t| t.vendor.as_deref());
    for id in recipients.chain(importers) {
        // An activity names a handful of vendors: a scan of its own list is enough.
        if !named.contains(&id) {
            named.push(id);
        }
    }
    named
}

struct Builder<'a> {
    register: &'a Register,
    t: &'a Translations,
    lang: Language,
    /// The views a document's activities share, for a builder that makes many of them.
    shared: Option<&'a SharedViews<'a>>,
}

impl Builder<'_> {
    /// A translation; the key itself when the table lacks it.
    fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

impl Builder<'_> {
    /// A translation with `{name}` placeholders filled in (see [`fill`]).
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.tr(key), values)
    }
}

impl Builder<'_> {
    fn date(&self, d: NaiveDate) -> DateView {
        DateView::new(d, self.lang)
    }
}

impl Builder<'_> {
    /// A duration spelled out; the text as written when it does not parse.
    fn spell(&self, iso: &str) -> String {
        Duration::parse(iso).map_or_else(|_| iso.to_string(), |d| d.spell(self.lang))
    }
}

impl Builder<'_> {
    fn country_name(&self, code: &str) -> String {
        legal::country_name(code, self.lang).map_or_else(|| code.to_string(), str::to_string)
    }
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
mod tests;
