//! The organisation keeping the register, its DPO, its representative and contact people.

use crate::model::{Organisation, Party, Person};
use serde::Serialize;

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
    pub(super) fn new(p: &Person) -> PersonView {
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
    pub(super) fn new(p: &Party) -> PartyView {
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
    /// Free notes about the organisation, as written.
    pub notes: Option<String>,
}

impl OrganisationView {
    pub(super) fn new(o: &Organisation) -> OrganisationView {
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
            notes: o.notes.clone(),
        }
    }
}

/// A French "correspondant informatique et libertés" designated before 25 May 2018: printed
/// as such, never as a DPO.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CilView {
    /// Name of the person or organisation.
    pub name: String,
    /// What the source says of the CIL.
    pub description: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Date of the designation.
    pub designated: Option<super::DateView>,
    /// Date the designation ended.
    pub until: Option<super::DateView>,
}

impl CilView {
    pub(super) fn new(c: &crate::model::FormerCil, lang: crate::model::Language) -> CilView {
        CilView {
            name: c.name.clone(),
            description: c.description.clone(),
            address: c.address.clone(),
            email: c.email.clone(),
            designated: c.designated.map(|d| super::DateView::new(d, lang)),
            until: c.until.map(|d| super::DateView::new(d, lang)),
        }
    }
}
