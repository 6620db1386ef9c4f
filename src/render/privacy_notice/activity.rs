//! One controller activity as the notice states it: purposes and bases, data, recipients,
//! transfers, retention, sources and whether the data must be provided.

use crate::legal;
use crate::model::{Activity, LegalBasis, ProvisionRequirement, Sourced};

use super::super::view;
use super::builder::NoticeBuilder;
use super::*;

impl NoticeBuilder<'_> {
    pub(super) fn activity(&self, s: &Sourced<Activity>) -> NoticeActivity {
        let a = &s.item;
        let purposes = self.purposes(s);
        let data_categories = self.data_categories(s);
        let recipients = self.recipients(s);
        let transfers = self.transfers(s);
        let retention = self.retention(s);
        let recipients_statement = self.statement(
            s,
            "/recipients_statement",
            recipients.is_empty(),
            a.recipients_statement.as_ref(),
        );
        let transfers_statement = self.statement(
            s,
            "/transfers_statement",
            transfers.is_empty(),
            a.transfers_statement.as_ref(),
        );
        let retention_statement = self.statement(
            s,
            "/retention_statement",
            retention.is_empty(),
            a.retention_statement.as_ref(),
        );
        let sources = self.sources(s, &data_categories);
        let obtained_elsewhere = !sources.is_empty();
        let collected_from_subject = a.sources.is_empty()
            && a.data_categories.iter().any(|c| c.source.is_none())
            || a.data_provision.is_some();
        let provision = self.provision(s);
        let missing = |suffix: &str, empty: bool| self.missing(s, suffix, empty);
        NoticeActivity {
            id: a.id.clone(),
            name: self.text(s, "/name", Some(&a.name)),
            description: self.present(s, "/description", a.description.as_ref()),
            purposes_missing: missing("/purposes", purposes.is_empty()),
            purposes,
            data_categories_missing: missing("/data_categories", data_categories.is_empty()),
            data_categories,
            recipients_missing: missing(
                "/recipients",
                recipients.is_empty() && recipients_statement.is_none(),
            ),
            recipients_statement,
            recipients,
            transfers_missing: missing(
                "/transfers",
                transfers.is_empty() && transfers_statement.is_none(),
            ),
            transfers_statement,
            transfers,
            retention_missing: missing(
                "/retention",
                retention.is_empty() && retention_statement.is_none(),
            ),
            retention_statement,
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

    /// The transfers outside the EEA.
    fn transfers(&self, s: &Sourced<Activity>) -> Vec<NoticeTransfer> {
        s.item
            .transfers
            .iter()
            .enumerate()
            .map(|(i, tr)| self.transfer(s, i, tr))
            .collect()
    }

    /// The record's statement at `suffix` (that there is no recipient, transfer...). A statement
    /// counts only where the record lists nothing (`empty`): a list wins over it.
    fn statement(
        &self,
        s: &Sourced<Activity>,
        suffix: &str,
        empty: bool,
        value: Option<&String>,
    ) -> Option<Fact> {
        empty.then(|| self.present(s, suffix, value)).flatten()
    }

    /// A fact the record does not state, pointing at where it belongs, when `empty`.
    fn missing(&self, s: &Sourced<Activity>, suffix: &str, empty: bool) -> Option<Fact> {
        empty.then(|| Fact {
            text: None,
            article: None,
            source: self.place(s, suffix),
            labelled: false,
        })
    }

    /// Where the data comes from: the activity's sources, then those of its data categories.
    fn sources(&self, s: &Sourced<Activity>, data_categories: &[NoticeCategory]) -> Vec<Fact> {
        let mut sources: Vec<Fact> = s
            .item
            .sources
            .iter()
            .enumerate()
            .map(|(i, src)| self.text(s, &format!("/sources/{i}"), Some(src)))
            .collect();
        sources.extend(data_categories.iter().filter_map(|c| c.source.clone()));
        sources
    }

    /// The purposes, each with its basis and what its basis entails.
    fn purposes(&self, s: &Sourced<Activity>) -> Vec<NoticePurpose> {
        let a = &s.item;
        let lang = self.lang;
        a.purposes
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
            .collect()
    }

    /// The categories of data, with the special ones labelled.
    fn data_categories(&self, s: &Sourced<Activity>) -> Vec<NoticeCategory> {
        let a = &s.item;
        let lang = self.lang;
        a.data_categories
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
            .collect()
    }

    /// The recipients, named from the vendors catalogue where they are vendors.
    fn recipients(&self, s: &Sourced<Activity>) -> Vec<NoticeRecipient> {
        let a = &s.item;
        a.recipients
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
            .collect()
    }

    /// The retention rules: as written, or spelled out like the register sheet.
    fn retention(&self, s: &Sourced<Activity>) -> Vec<Fact> {
        let a = &s.item;
        view::activity(self.register, self.t, self.lang, a)
            .retention
            .iter()
            .enumerate()
            .map(|(i, r)| Fact {
                text: Some(match &r.text {
                    Some(text) => text.clone(),
                    None => format!("{}{} {}", r.applies_to, self.tr("colon"), r.spelled),
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
    }

    /// Whether the data must be provided (Art. 13(2)(e)).
    fn provision(&self, s: &Sourced<Activity>) -> Option<NoticeProvision> {
        let a = &s.item;
        a.data_provision.as_ref().map(|p| NoticeProvision {
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
        })
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
}
