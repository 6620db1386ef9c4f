//! Transfers, vendors and sub-processors as documents show them: places, safeguards, contracts,
//! and the exits of data outside the EEA.

use super::*;
use crate::legal::{self};
use crate::model::{Safeguard, Transfer, Vendor};
use serde::Serialize;
use std::collections::HashMap;

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
    /// The vendor, as every row that names it shows it: its fields are the row's own in
    /// templates (`s.name`).
    #[serde(flatten)]
    pub vendor: Shared<ProcessorView>,
    /// Names of the activities (in this document) that use it.
    pub activities: Vec<String>,
}

/// A row reads as its vendor: `row.name` is `row.vendor.name`.
impl std::ops::Deref for SubprocessorView {
    type Target = ProcessorView;
    fn deref(&self) -> &ProcessorView {
        &self.vendor
    }
}

/// What a row of a sub-processors table shows of its vendor, whichever activities use it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProcessorView {
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
    /// Free notes about the vendor, as written (kept off the public list).
    pub notes: Option<String>,
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
    /// Names of the categories of data subjects whose data is transferred (SCC Annex I.B);
    /// empty: the record does not say.
    pub data_subjects: Vec<String>,
    /// Names of the categories of personal data transferred; empty: the record does not say.
    pub data_categories: Vec<String>,
    /// The special-category or criminal-offence data among them.
    pub sensitive_data: Vec<String>,
    /// True when the transfer declares its categories and none of them is special-category or
    /// criminal-offence data: "None" is derived, not assumed.
    pub no_sensitive_data: bool,
    /// Purposes of the transfer, as written; empty: the record does not say.
    pub purposes: Vec<String>,
    /// How long the importer keeps the data, as written.
    pub retention: Option<String>,
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
    /// Categories of data subjects whose data is transferred, as the transfer declares them
    /// (Annex I.B of Decision 2021/914); empty: not stated.
    pub data_subjects: Vec<String>,
    /// Categories of personal data transferred; empty: not stated.
    pub data_categories: Vec<String>,
    /// Sensitive data transferred, among those categories.
    pub sensitive_data: Vec<String>,
    /// True when none of the declared categories is sensitive (see [`TransferView`]).
    pub no_sensitive_data: bool,
    /// Purposes of the transfer; empty: not stated.
    pub purposes: Vec<String>,
    /// Retention by the importer, as written.
    pub retention: Option<String>,
}

impl Builder<'_> {
    pub(super) fn exits(
        &self,
        transfers: &[TransferView],
        subs: &[SubprocessorView],
    ) -> Vec<ExitView> {
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
                    data_subjects: t.data_subjects.clone(),
                    data_categories: t.data_categories.clone(),
                    sensitive_data: t.sensitive_data.clone(),
                    no_sensitive_data: t.no_sensitive_data,
                    purposes: t.purposes.clone(),
                    retention: t.retention.clone(),
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
                    data_subjects: Vec::new(),
                    data_categories: Vec::new(),
                    sensitive_data: Vec::new(),
                    no_sensitive_data: false,
                    purposes: Vec::new(),
                    retention: None,
                });
            }
        }
        exits
    }
}

impl Builder<'_> {
    pub(super) fn place(&self, l: &crate::model::Location) -> PlaceView {
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
}

impl Builder<'_> {
    pub(super) fn safeguard(&self, s: &Safeguard) -> SafeguardView {
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
}

impl Builder<'_> {
    /// A vendor's row, without the activities that use it (left empty): the vendor's view is
    /// made once for the activities of a document that name it.
    pub(super) fn subprocessor(&self, v: &Vendor) -> SubprocessorView {
        let vendor = match self.shared {
            Some(shared) => shared.vendors.get(&v.id, || self.processor(v)),
            None => Shared::new(self.processor(v)),
        };
        SubprocessorView {
            vendor,
            activities: Vec::new(),
        }
    }

    fn processor(&self, v: &Vendor) -> ProcessorView {
        let places: Vec<PlaceView> = v.locations.iter().map(|l| self.place(l)).collect();
        let safeguards: Vec<SafeguardView> = v
            .transfer_safeguards
            .iter()
            .map(|s| self.safeguard(s))
            .collect();
        let outside = self.countries_outside_eea(v);
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
                .join(&self.tr("list_separator"))
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
        let places_text = if places.is_empty() {
            self.tr("not_stated")
        } else {
            places
                .iter()
                .map(|p| p.text.clone())
                .collect::<Vec<_>>()
                .join(&self.tr("list_separator"))
        };
        ProcessorView {
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
            places_text,
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
            notes: v.notes.clone(),
        }
    }

    /// The names of the countries outside the EEA where a vendor processes data or has a
    /// safeguard for, once each, in the order the record gives them.
    fn countries_outside_eea(&self, v: &Vendor) -> Vec<String> {
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
        outside
    }
}

impl Builder<'_> {
    /// A transfer, completed by the safeguard its vendor records for the country.
    pub(super) fn transfer(
        &self,
        t: &Transfer,
        names: &Names,
        sensitive: &HashMap<&str, bool>,
    ) -> TransferView {
        let lang = self.lang;
        let vendor = t.vendor.as_deref().and_then(|id| self.register.vendor(id));
        // Matched like the rules match it: `UK` and `GB` are one country.
        let safeguard = vendor
            .zip(t.country.as_deref())
            .and_then(|(v, c)| legal::vendor_safeguard(&v.item, c))
            .map(|(_, s)| s);
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
            data_subjects: t.data_subjects.iter().map(|id| names.subject(id)).collect(),
            data_categories: t
                .data_categories
                .iter()
                .map(|id| names.category(id))
                .collect(),
            sensitive_data: t
                .data_categories
                .iter()
                .filter(|id| sensitive.get(id.as_str()) == Some(&true))
                .map(|id| names.category(id))
                .collect(),
            // Derivable only when the transfer declares its categories and each is a category
            // of the activity that the record does not mark special or criminal.
            no_sensitive_data: !t.data_categories.is_empty()
                && t.data_categories
                    .iter()
                    .all(|id| sensitive.get(id.as_str()) == Some(&false)),
            purposes: t.purposes.clone(),
            retention: t.retention.clone(),
        }
    }
}
