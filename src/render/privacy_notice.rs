//! The information notice of Art. 13 (data collected from the data subject) and Art. 14 (data
//! obtained elsewhere) for one category of data subjects, across the controller activities that
//! concern it.
//!
//! Every statement of the notice is a [`Fact`]: a text taken from one field of the register, with
//! that field's place (`activities/x.yaml#/purposes/0/legal_basis`), or, when the register does not
//! state it, no text and the place where it belongs, so that the draft says "not stated in the
//! register" instead of inventing. The rights of Art. 15-22 and 77 are the only standard text, with
//! their article numbers. `tests/notice.rs` walks the view and checks every fact against its field.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{anyhow, bail};
use serde::Serialize;

use crate::legal;
use crate::model::{Activity, LegalBasis, ProvisionRequirement, Register, Sourced, Vendor};

use super::RenderOptions;
use super::view::{self, DateView, Translations};

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
    /// The place of the recipients when there are none.
    pub recipients_missing: Option<Fact>,
    /// Transfers outside the EEA.
    pub transfers: Vec<NoticeTransfer>,
    /// The place of the transfers when none is recorded.
    pub transfers_missing: Option<Fact>,
    /// Retention rules, each spelled out.
    pub retention: Vec<Fact>,
    /// The place of the retention rules when there are none.
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
    /// The DPO's name (Art. 13(1)(b)).
    pub dpo_name: Fact,
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

/// The data-subject categories that controller activities name: `(id, name, number of
/// activities)`, sorted by id.
pub fn audiences(register: &Register) -> Vec<(String, String, usize)> {
    let mut found: std::collections::BTreeMap<String, (String, usize)> = Default::default();
    for a in register.activities.iter().map(|a| &a.item) {
        if !a.role.is_controller() {
            continue;
        }
        for s in &a.data_subjects {
            let entry = found
                .entry(s.id.clone())
                .or_insert_with(|| (s.name.clone(), 0));
            entry.1 += 1;
        }
    }
    found
        .into_iter()
        .map(|(id, (name, n))| (id, name, n))
        .collect()
}

/// Build the notice for the data subjects `subjects` (a `data_subjects` id).
pub fn notice_view(
    register: &Register,
    subjects: &str,
    t: &Translations,
    opts: &RenderOptions,
) -> anyhow::Result<NoticeView> {
    let activities: Vec<&Sourced<Activity>> = register
        .activities
        .iter()
        .filter(|a| a.item.role.is_controller())
        .filter(|a| a.item.data_subjects.iter().any(|s| s.id == subjects))
        .collect();
    let Some(first) = activities.first() else {
        let known = audiences(register);
        if known.is_empty() {
            bail!(
                "{} has no controller activity with data subjects: a notice is made for the data subjects of controller activities",
                register.root.display()
            );
        }
        let ids: Vec<String> = known.iter().map(|(id, _, _)| id.clone()).collect();
        let hint = match crate::load::closest(subjects, &ids) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => String::new(),
        };
        bail!(
            "no controller activity of {} names the data subjects `{subjects}`{hint} (known: {})",
            register.root.display(),
            known
                .iter()
                .map(|(id, name, n)| format!(
                    "{id} ({name}, {n} activit{})",
                    if *n == 1 { "y" } else { "ies" }
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let b = NoticeBuilder::new(register, t, opts);
    let subject_index = first
        .item
        .data_subjects
        .iter()
        .position(|s| s.id == subjects)
        .unwrap_or(0);
    let subject_fact = b.text(
        first,
        &format!("/data_subjects/{subject_index}/name"),
        Some(&first.item.data_subjects[subject_index].name),
    );
    let built: Vec<NoticeActivity> = activities.iter().map(|a| b.activity(a)).collect();
    let org = &register.config.item.organisation;
    let config = &register.config.item;
    let cfg = &register.config;
    let objection: Vec<Fact> = built
        .iter()
        .flat_map(|a| a.purposes.iter())
        .filter(|p| p.objectable)
        .map(|p| p.description.clone())
        .collect();
    let consent = built.iter().flat_map(|a| &a.purposes).any(|p| p.consent);
    let collected = built
        .iter()
        .any(|a| a.provision.is_some() || a.provision_missing.is_some());
    let elsewhere = built.iter().any(|a| a.obtained_elsewhere);
    let articles = match (collected, elsewhere) {
        (true, true) | (false, false) => b.tr("notice_articles_both"),
        (true, false) => b.tr("notice_articles_13"),
        (false, true) => b.tr("notice_articles_14"),
    };
    let authority = config.settings.supervisory_authority.as_ref();
    let dpo = config.dpo.as_ref();
    let mut view = NoticeView {
        document: "notice".into(),
        lang: view::lang_code(opts.lang).into(),
        format: opts.format.ext().into(),
        generated: DateView::new(opts.as_of, opts.lang),
        version: opts.version.clone(),
        subjects_id: subjects.to_string(),
        subjects: subject_fact,
        articles,
        controller_name: b.text(cfg, "/organisation/name", Some(&org.name)),
        controller_address: b.text(cfg, "/organisation/address", org.address.as_ref()),
        controller_email: b.text(cfg, "/organisation/email", org.email.as_ref()),
        controller_phone: b.present(cfg, "/organisation/phone", org.phone.as_ref()),
        controller_website: b.present(cfg, "/organisation/website", org.website.as_ref()),
        representative: config
            .representative
            .as_ref()
            .map(|r| b.text(cfg, "/representative/name", Some(&r.name))),
        dpo_name: b.text(cfg, "/dpo/name", dpo.map(|d| &d.name)),
        dpo_email: dpo.and_then(|d| b.present(cfg, "/dpo/email", d.email.as_ref())),
        dpo_address: dpo.and_then(|d| b.present(cfg, "/dpo/address", d.address.as_ref())),
        activities: built,
        objection,
        consent,
        rights: b.rights(),
        authority_name: b.text(
            cfg,
            "/settings/supervisory_authority/name",
            authority.map(|a| &a.name),
        ),
        authority_website: authority.and_then(|a| {
            b.present(
                cfg,
                "/settings/supervisory_authority/website",
                a.website.as_ref(),
            )
        }),
        authority_address: authority.and_then(|a| {
            b.present(
                cfg,
                "/settings/supervisory_authority/address",
                a.address.as_ref(),
            )
        }),
        gaps: Vec::new(),
    };
    view.gaps = gaps(&view, t);
    Ok(view)
}

/// Render the notice for `subjects` in the format of `opts`.
pub fn render_notice(
    register: &Register,
    subjects: &str,
    opts: &RenderOptions,
) -> anyhow::Result<String> {
    let dir = super::templates_dir(register, opts);
    let t = super::translations(opts.lang, dir.as_deref())?;
    let view = notice_view(register, subjects, &t, opts)?;
    let print = super::PrintView::new(
        &t,
        "notice",
        t.get("notice_title").cloned().unwrap_or_default(),
        &super::full_name(register),
        opts,
    );
    super::render_template(
        "notice",
        &view,
        &t,
        opts.format,
        dir.as_deref(),
        super::Extras {
            map: None,
            print: &print,
            french: opts.lang == crate::model::Language::Fr,
            draft: super::draft_banner(&t, opts.draft_errors).as_deref(),
        },
    )
}

/// The gaps of a view, in the order the notice shows them.
fn gaps(view: &NoticeView, t: &Translations) -> Vec<Gap> {
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let mut out = Vec::new();
    let mut push = |fact: &Fact, key: &str, activity: Option<&str>| {
        if fact.text.is_none() {
            out.push(Gap {
                what: tr(key),
                activity: activity.map(str::to_string),
                source: fact.source.clone(),
            });
        }
    };
    push(
        &view.controller_address,
        "notice_gap_controller_address",
        None,
    );
    push(&view.controller_email, "notice_gap_controller_email", None);
    push(&view.dpo_name, "notice_gap_dpo", None);
    for a in &view.activities {
        let name = a.name.text.as_deref();
        if let Some(f) = &a.purposes_missing {
            push(f, "notice_gap_purposes", name);
        }
        for p in &a.purposes {
            push(&p.legal_basis, "notice_gap_legal_basis", name);
            if let Some(f) = &p.legitimate_interest {
                push(f, "notice_gap_legitimate_interest", name);
            }
        }
        if let Some(f) = &a.data_categories_missing {
            push(f, "notice_gap_data_categories", name);
        }
        if let Some(f) = &a.recipients_missing {
            push(f, "notice_gap_recipients", name);
        }
        if let Some(f) = &a.transfers_missing {
            push(f, "notice_gap_transfers", name);
        }
        for tr in &a.transfers {
            push(&tr.mechanism, "notice_gap_mechanism", name);
        }
        if let Some(f) = &a.retention_missing {
            push(f, "notice_gap_retention", name);
        }
        if let Some(f) = &a.provision_missing {
            push(f, "notice_gap_provision", name);
        }
        push(&a.automated_decision_making, "notice_gap_automated", name);
    }
    push(&view.authority_name, "notice_gap_authority", None);
    out
}

struct NoticeBuilder<'a> {
    register: &'a Register,
    t: &'a Translations,
    lang: crate::model::Language,
    opts: &'a RenderOptions,
    vendors: HashMap<&'a str, (usize, &'a Vendor)>,
}

impl<'a> NoticeBuilder<'a> {
    fn new(register: &'a Register, t: &'a Translations, opts: &'a RenderOptions) -> Self {
        NoticeBuilder {
            register,
            t,
            lang: opts.lang,
            opts,
            vendors: register
                .vendors
                .iter()
                .enumerate()
                .map(|(i, v)| (v.item.id.as_str(), (i, &v.item)))
                .collect(),
        }
    }

    fn tr(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// `file#pointer` of a field of a sourced item.
    fn place<T>(&self, item: &Sourced<T>, suffix: &str) -> String {
        format!(
            "{}#{}",
            relative(&self.register.root, &item.file),
            item.at(suffix)
        )
    }

    fn vendor_place(&self, index: usize, suffix: &str) -> String {
        match self.register.vendors.get(index) {
            Some(v) => self.place(v, suffix),
            None => format!("vendors.yaml#/vendors/{index}{suffix}"),
        }
    }

    /// A fact as written, or not stated.
    fn text<T>(&self, item: &Sourced<T>, suffix: &str, value: Option<&String>) -> Fact {
        Fact {
            text: value.filter(|v| !v.trim().is_empty()).cloned(),
            article: None,
            source: self.place(item, suffix),
            labelled: false,
        }
    }

    /// A fact as written, only when the register holds it.
    fn present<T>(&self, item: &Sourced<T>, suffix: &str, value: Option<&String>) -> Option<Fact> {
        let fact = self.text(item, suffix, value);
        fact.text.is_some().then_some(fact)
    }

    fn labelled<T>(
        &self,
        item: &Sourced<T>,
        suffix: &str,
        text: Option<String>,
        article: Option<String>,
    ) -> Fact {
        Fact {
            text,
            article,
            source: self.place(item, suffix),
            labelled: true,
        }
    }

    fn activity(&self, s: &Sourced<Activity>) -> NoticeActivity {
        let a = &s.item;
        let lang = self.lang;
        let purposes: Vec<NoticePurpose> = a
            .purposes
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = format!("/purposes/{i}");
                let basis = p.legal_basis;
                let term = basis.and_then(legal::term);
                NoticePurpose {
                    description: self.text(s, &format!("{at}/description"), Some(&p.description)),
                    legal_basis: self.labelled(
                        s,
                        &format!("{at}/legal_basis"),
                        basis.map(|b| legal::label(&b, lang).to_string()),
                        term.and_then(|t| t.article(lang)).map(str::to_string),
                    ),
                    legitimate_interest: (basis == Some(LegalBasis::LegitimateInterests)).then(
                        || {
                            self.text(
                                s,
                                &format!("{at}/legitimate_interest"),
                                p.legitimate_interest.as_ref(),
                            )
                        },
                    ),
                    legal_reference: matches!(
                        basis,
                        Some(LegalBasis::LegalObligation | LegalBasis::PublicTask)
                    )
                    .then(|| {
                        self.present(
                            s,
                            &format!("{at}/legal_reference"),
                            p.legal_reference.as_ref(),
                        )
                    })
                    .flatten(),
                    objectable: matches!(
                        basis,
                        Some(LegalBasis::LegitimateInterests | LegalBasis::PublicTask)
                    ),
                    consent: basis == Some(LegalBasis::Consent),
                }
            })
            .collect();
        let data_categories: Vec<NoticeCategory> = a
            .data_categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let at = format!("/data_categories/{i}");
                NoticeCategory {
                    name: self.text(s, &format!("{at}/name"), Some(&c.name)),
                    description: self.present(
                        s,
                        &format!("{at}/description"),
                        c.description.as_ref(),
                    ),
                    special_category: c.special_category.map(|sc| {
                        self.labelled(
                            s,
                            &format!("{at}/special_category"),
                            Some(legal::label(&sc, lang).to_string()),
                            legal::term(sc)
                                .and_then(|t| t.article(lang))
                                .map(str::to_string),
                        )
                    }),
                    criminal_data: c.criminal_data,
                    source: self.present(s, &format!("{at}/source"), c.source.as_ref()),
                }
            })
            .collect();
        let recipients: Vec<NoticeRecipient> = a
            .recipients
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let at = format!("/recipients/{i}");
                let vendor = r.vendor.as_deref().and_then(|id| self.vendors.get(id));
                let name = match (vendor, &r.name) {
                    (Some((vi, v)), _) => Fact {
                        text: Some(v.name.clone()),
                        article: None,
                        source: self.vendor_place(*vi, "/name"),
                        labelled: false,
                    },
                    (None, name) => self.text(s, &format!("{at}/name"), name.as_ref()),
                };
                let description = match (&r.description, vendor) {
                    (Some(d), _) => self.present(s, &format!("{at}/description"), Some(d)),
                    (None, Some((vi, v))) => Some(Fact {
                        text: Some(v.service.clone()),
                        article: None,
                        source: self.vendor_place(*vi, "/service"),
                        labelled: false,
                    }),
                    (None, None) => None,
                };
                NoticeRecipient { name, description }
            })
            .collect();
        let transfers: Vec<NoticeTransfer> = a
            .transfers
            .iter()
            .enumerate()
            .map(|(i, tr)| self.transfer(s, i, tr))
            .collect();
        let retention: Vec<Fact> = {
            let doc = view::document(
                self.register,
                self.t,
                &view::ViewOptions {
                    document: "notice",
                    lang,
                    format: self.opts.format.ext(),
                    as_of: self.opts.as_of,
                    version: &self.opts.version,
                    activity: None,
                    activities: vec![a],
                    vendors: Vec::new(),
                    vendor: None,
                },
            );
            doc.activities
                .first()
                .map(|v| {
                    v.retention
                        .iter()
                        .enumerate()
                        .map(|(i, r)| Fact {
                            text: Some(match &r.text {
                                Some(text) => text.clone(),
                                None => {
                                    format!("{}{} {}", r.applies_to, self.tr("colon"), r.spelled)
                                }
                            }),
                            article: None,
                            source: self.place(
                                s,
                                &if r.text.is_some() {
                                    format!("/retention/{i}/text")
                                } else {
                                    format!("/retention/{i}")
                                },
                            ),
                            labelled: r.text.is_none(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut sources: Vec<Fact> = a
            .sources
            .iter()
            .enumerate()
            .map(|(i, src)| self.text(s, &format!("/sources/{i}"), Some(src)))
            .collect();
        sources.extend(data_categories.iter().filter_map(|c| c.source.clone()));
        let obtained_elsewhere = !sources.is_empty();
        let collected_from_subject = a.sources.is_empty()
            && a.data_categories.iter().any(|c| c.source.is_none())
            || a.data_provision.is_some();
        let provision = a.data_provision.as_ref().map(|p| NoticeProvision {
            requirement: self.labelled(
                s,
                "/data_provision/requirement",
                Some(self.tr(match p.requirement {
                    ProvisionRequirement::Statutory => "notice_provision_statutory",
                    ProvisionRequirement::Contractual => "notice_provision_contractual",
                    ProvisionRequirement::ContractPrerequisite => {
                        "notice_provision_contract_prerequisite"
                    }
                    ProvisionRequirement::Voluntary => "notice_provision_voluntary",
                })),
                None,
            ),
            consequences: self.present(s, "/data_provision/consequences", p.consequences.as_ref()),
        });
        let missing = |suffix: &str, empty: bool| {
            empty.then(|| Fact {
                text: None,
                article: None,
                source: self.place(s, suffix),
                labelled: false,
            })
        };
        NoticeActivity {
            id: a.id.clone(),
            name: self.text(s, "/name", Some(&a.name)),
            description: self.present(s, "/description", a.description.as_ref()),
            purposes_missing: missing("/purposes", purposes.is_empty()),
            purposes,
            data_categories_missing: missing("/data_categories", data_categories.is_empty()),
            data_categories,
            recipients_missing: missing("/recipients", recipients.is_empty()),
            recipients,
            transfers_missing: missing("/transfers", transfers.is_empty()),
            transfers,
            retention_missing: missing("/retention", retention.is_empty()),
            retention,
            sources,
            obtained_elsewhere,
            provision_missing: missing(
                "/data_provision",
                provision.is_none() && collected_from_subject,
            ),
            provision,
            automated_decision_making: self.text(
                s,
                "/automated_decision_making",
                a.automated_decision_making
                    .as_ref()
                    .map(|m| m.text().to_string())
                    .as_ref(),
            ),
        }
    }

    fn transfer(
        &self,
        s: &Sourced<Activity>,
        i: usize,
        tr: &crate::model::Transfer,
    ) -> NoticeTransfer {
        let at = format!("/transfers/{i}");
        let lang = self.lang;
        let destination = match (&tr.country, &tr.international_organisation) {
            (Some(c), _) => self.labelled(
                s,
                &format!("{at}/country"),
                Some(legal::country_name(c, lang).unwrap_or(c).to_string()),
                None,
            ),
            (None, Some(o)) => self.text(s, &format!("{at}/international_organisation"), Some(o)),
            (None, None) => self.text(s, &format!("{at}/country"), None),
        };
        let vendor = tr.vendor.as_deref().and_then(|id| self.vendors.get(id));
        let importer = match (vendor, &tr.importer) {
            (Some((vi, v)), _) => Some(Fact {
                text: Some(v.name.clone()),
                article: None,
                source: self.vendor_place(*vi, "/name"),
                labelled: false,
            }),
            (None, Some(name)) => self.present(s, &format!("{at}/importer"), Some(name)),
            (None, None) => None,
        };
        let safeguard = vendor.and_then(|(vi, v)| {
            v.transfer_safeguards
                .iter()
                .enumerate()
                .find(|(_, g)| Some(&g.country) == tr.country.as_ref())
                .map(|(gi, g)| (*vi, gi, g))
        });
        let mechanism_fact = |m: crate::model::TransferMechanism, source: String| {
            let info = legal::mechanism_info(m);
            Fact {
                text: Some(info.label(lang).to_string()),
                article: Some(info.article(lang).to_string()),
                source,
                labelled: true,
            }
        };
        let recorded = safeguard.and_then(|(vi, gi, g)| g.mechanism.map(|m| (vi, gi, g, m)));
        let (mechanism, reference) = match (tr.mechanism, recorded) {
            (Some(m), _) => (
                mechanism_fact(m, self.place(s, &format!("{at}/mechanism"))),
                None,
            ),
            (None, Some((vi, gi, g, m))) => (
                mechanism_fact(
                    m,
                    self.vendor_place(vi, &format!("/transfer_safeguards/{gi}/mechanism")),
                ),
                g.reference.as_ref().map(|r| Fact {
                    text: Some(r.clone()),
                    article: None,
                    source: self.vendor_place(vi, &format!("/transfer_safeguards/{gi}/reference")),
                    labelled: false,
                }),
            ),
            (None, None) => (self.text(s, &format!("{at}/mechanism"), None), None),
        };
        NoticeTransfer {
            destination,
            importer,
            mechanism,
            reference,
        }
    }

    fn rights(&self) -> Vec<NoticeRight> {
        [
            ("access", "Art. 15"),
            ("rectification", "Art. 16"),
            ("erasure", "Art. 17"),
            ("restriction", "Art. 18"),
            ("notification", "Art. 19"),
            ("portability", "Art. 20"),
            ("objection", "Art. 21"),
            ("automated", "Art. 22"),
        ]
        .into_iter()
        .map(|(key, article)| NoticeRight {
            key: key.to_string(),
            title: self.tr(&format!("notice_right_{key}")),
            article: match self.lang {
                crate::model::Language::En => article.to_string(),
                crate::model::Language::Fr => {
                    format!("article {}", article.trim_start_matches("Art. "))
                }
            },
            text: self.tr(&format!("notice_right_{key}_text")),
        })
        .collect()
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Error for a wrong `--subjects`, kept apart for the CLI.
pub fn no_subjects_given(register: &Register) -> anyhow::Error {
    let known = audiences(register);
    anyhow!(
        "a notice is for one category of data subjects: name it with --subjects ID ({})",
        if known.is_empty() {
            "this register has no controller activity with data subjects".to_string()
        } else {
            known
                .iter()
                .map(|(id, name, _)| format!("{id}: {name}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )
}
