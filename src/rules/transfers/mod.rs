//! Transfers to third countries (Chapter V, Art. 30(1)(e), 30(2)(c)): every transfer is declared,
//! framed by a mechanism that is valid on the check date, and documented as the mechanism
//! requires. Every legal fact (EEA membership, adequacy decisions, SCC dates) comes from
//! [`crate::legal`].

mod location_without_country;
mod scc_module_mismatch;
mod scc_module_missing;
mod scc_version_unstated;
mod scc_without_assessment;
mod transfer_within_eea;
mod transfer_without_destination;
mod transfer_without_safeguard;
mod undeclared_transfer;
mod undocumented_compelling_interests;
mod unknown_country;

use super::{Rule, RuleMeta};
use crate::diagnostics::Diagnostic;
use crate::legal::{self, Requirement, same_country, vendor_safeguard as safeguard_for};
use crate::model::{
    Activity, ActivityRole, Language, Register, SccModule, Sourced, Transfer, TransferFrequency,
    TransferMechanism, Vendor, VendorRole,
};
use chrono::NaiveDate;
pub use location_without_country::LocationWithoutCountry;
pub use scc_module_missing::SccModuleMissing;
pub use scc_version_unstated::SccVersionUnstated;
pub use transfer_within_eea::TransferWithinEea;
pub use transfer_without_safeguard::TransferWithoutSafeguard;
pub use undeclared_transfer::UndeclaredTransfer;
pub use undocumented_compelling_interests::UndocumentedCompellingInterests;

pub(super) const RULES: &[&dyn Rule] = &[
    &UndeclaredTransfer,
    &TransferWithoutSafeguard,
    &UndocumentedCompellingInterests,
    &SccVersionUnstated,
    &SccModuleMissing,
    &LocationWithoutCountry,
    &TransferWithinEea,
    &unknown_country::UnknownCountry,
    &transfer_without_destination::TransferWithoutDestination,
    &scc_module_mismatch::SccModuleMismatch,
    &scc_without_assessment::SccWithoutAssessment,
];

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// `United States (US)`, or the code alone when the legal data does not know it.
fn country_label(code: &str) -> String {
    match legal::country_name(code, Language::En) {
        Some(name) => format!("{name} ({})", code.trim()),
        None => format!("`{}`", code.trim()),
    }
}

fn vendor_label(v: &Vendor) -> String {
    format!("vendor `{}` ({})", v.id, v.name)
}

/// Whether a declared transfer lists this country for this vendor: same country, and it names
/// this vendor or no vendor at all.
fn lists(t: &Transfer, country: &str, vendor: &str) -> bool {
    t.country
        .as_deref()
        .is_some_and(|c| same_country(c, country))
        && t.vendor.as_deref().is_none_or(|v| v == vendor)
}

/// The non-EEA countries a vendor processes in, once each, with the index of the first location
/// naming each.
fn third_countries(vendor: &Vendor) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for (j, loc) in vendor.locations.iter().enumerate() {
        // Unknown codes are left to unknown-country.
        if let Some(c) = loc.country.as_deref()
            && legal::country(c).is_some()
            && !legal::is_eea(c)
            && !out.iter().any(|(_, seen)| same_country(seen, c))
        {
            out.push((j, c));
        }
    }
    out
}

/// The vendors an activity names as recipients, once each, with the first recipient's index.
fn recipient_vendors<'r>(
    register: &'r Register,
    act: &Activity,
) -> Vec<(usize, &'r Sourced<Vendor>)> {
    let mut out: Vec<(usize, &Sourced<Vendor>)> = Vec::new();
    for (i, rec) in act.recipients.iter().enumerate() {
        if let Some(v) = rec.vendor.as_deref().and_then(|id| register.vendor(id))
            && !out.iter().any(|(_, seen)| seen.item.id == v.item.id)
        {
            out.push((i, v));
        }
    }
    out
}

/// The recipients that are not catalogued vendors (partners, authorities, other recipients) and
/// receive the data in a known country outside the EEA, with their index.
fn outside_recipients(
    act: &Activity,
) -> impl Iterator<Item = (usize, &str, &crate::model::Recipient)> {
    act.recipients.iter().enumerate().filter_map(|(i, r)| {
        let c = r.country.as_deref()?;
        let known = legal::country(c).is_some();
        (r.vendor.is_none() && known && !legal::is_eea(c)).then_some((i, c, r))
    })
}

/// A recipient that is not a catalogued vendor, in words.
fn recipient_label(r: &crate::model::Recipient) -> String {
    let kind = crate::model::yaml_name(&r.kind);
    match &r.name {
        Some(name) => format!("{kind} recipient `{name}`"),
        None => format!("an unnamed {kind} recipient"),
    }
}

/// The SCC module that usually fits: the importer's role seen from the organisation's role in
/// the activity (`None` when the organisation's role is unknown, as for a vendor's safeguards).
fn usual_module(organisation: Option<ActivityRole>, importer: VendorRole) -> Option<SccModule> {
    let exporter_is_processor = match organisation {
        Some(role) => !role.is_controller(),
        None => importer == VendorRole::SubProcessor,
    };
    match (exporter_is_processor, importer) {
        (false, VendorRole::Processor | VendorRole::SubProcessor) => Some(SccModule::Two),
        (true, VendorRole::Processor | VendorRole::SubProcessor) => Some(SccModule::Three),
        (false, VendorRole::Controller | VendorRole::JointController) => Some(SccModule::One),
        (true, VendorRole::Controller | VendorRole::JointController) => Some(SccModule::Four),
        (_, VendorRole::Authority) => None,
    }
}

fn module_hint(module: Option<SccModule>) -> String {
    match module {
        Some(m) => format!(
            "`scc_module: {}` ({})",
            crate::model::yaml_name(&m),
            legal::label(&m, Language::En)
        ),
        None => "the `scc_module` that matches the parties' roles (one to four)".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Flows: the transfers an activity makes, declared or implied by its recipients' locations
// ---------------------------------------------------------------------------------------------

/// Where the mechanism of a flow comes from.
#[derive(Debug, Clone, Copy)]
enum MechanismSource<'r> {
    /// The activity's transfer at this index.
    Transfer(usize),
    /// The vendor's `transfer_safeguards` entry at this index.
    Vendor(&'r Sourced<Vendor>, usize),
    /// Nowhere.
    None,
}

/// One transfer of an activity's data to a destination outside the EEA.
#[derive(Debug, Clone)]
struct Flow<'r> {
    /// Where findings about the flow point, in the activity.
    pointer: String,
    /// Destination country, as written.
    country: Option<&'r str>,
    /// Destination international organisation, as written.
    organisation: Option<&'r str>,
    /// The importer when it is a catalogued vendor.
    vendor: Option<&'r Sourced<Vendor>>,
    /// The importer in words.
    importer: String,
    /// The mechanism relied on, if any.
    mechanism: Option<TransferMechanism>,
    /// Where the mechanism comes from.
    source: MechanismSource<'r>,
    /// Date of the document that records the safeguard, when the vendor's entry gives it.
    safeguard_date: Option<NaiveDate>,
    /// How often the transfer takes place, when a declared transfer says.
    frequency: Option<TransferFrequency>,
}

impl Flow<'_> {
    /// "the transfer to <importer> in <country>", the subject of a message.
    fn subject(&self) -> String {
        match (self.country, self.organisation) {
            (Some(c), _) => format!("the transfer to {} in {}", self.importer, country_label(c)),
            (None, Some(o)) => format!("the transfer to the international organisation {o}"),
            (None, None) => format!(
                "the transfer to {}, whose destination the record does not name,",
                self.importer
            ),
        }
    }

    /// Where the mechanism is written, for a help line.
    fn origin(&self) -> String {
        match self.source {
            MechanismSource::Transfer(_) => "this transfer's `mechanism`".to_string(),
            MechanismSource::Vendor(v, k) => format!(
                "the `mechanism` of vendor `{}`'s transfer safeguard for {} (vendors.yaml {})",
                v.item.id,
                v.item
                    .transfer_safeguards
                    .get(k)
                    .map_or("", |s| s.country.as_str()),
                v.at(&format!("/transfer_safeguards/{k}"))
            ),
            MechanismSource::None => "the mechanism".to_string(),
        }
    }
}

/// Every flow of an activity to a destination outside the EEA, each once:
/// 1. declared transfers that name a vendor: their mechanism, else the vendor's safeguard;
/// 2. for each recipient vendor and each of its non-EEA countries that no transfer of step 1
///    covers: the mechanism of a declared transfer to that country that names no vendor, else
///    the vendor's safeguard;
/// 3. declared transfers that name no vendor and cover no flow of step 2: their own mechanism.
///
/// Declared transfers to EEA countries are no transfers (see [`TransferWithinEea`]) and are left
/// out.
fn flows<'r>(register: &'r Register, act: &'r Activity) -> Vec<Flow<'r>> {
    let mut out = vendor_transfer_flows(register, act);
    // Declared transfers that name no vendor and that a flow of step 2 already uses.
    let mut used = vec![false; act.transfers.len()];
    recipient_vendor_flows(register, act, &mut used, &mut out);
    outside_recipient_flows(act, &mut used, &mut out);
    unused_transfer_flows(act, &used, &mut out);
    out
}

/// Whether a declared transfer goes to an EEA country: no transfer at all.
fn within_eea(t: &Transfer) -> bool {
    t.country.as_deref().is_some_and(legal::is_eea)
}

/// The declared transfer to country `c` that names no vendor, if any.
fn country_level_transfer(act: &Activity, c: &str) -> Option<usize> {
    act.transfers.iter().position(|t| {
        t.vendor.is_none() && t.country.as_deref().is_some_and(|tc| same_country(tc, c))
    })
}

/// Step 1: declared transfers that name a vendor, with their mechanism or else the vendor's
/// safeguard for the country.
fn vendor_transfer_flows<'r>(register: &'r Register, act: &'r Activity) -> Vec<Flow<'r>> {
    let mut out = Vec::new();
    for (i, t) in act.transfers.iter().enumerate() {
        let Some(vendor_id) = t.vendor.as_deref() else {
            continue;
        };
        if within_eea(t) {
            continue;
        }
        let vendor = register.vendor(vendor_id);
        let mut flow = Flow {
            pointer: format!("/transfers/{i}"),
            country: t.country.as_deref(),
            organisation: t.international_organisation.as_deref(),
            vendor,
            importer: vendor.map_or_else(|| format!("`{vendor_id}`"), |v| vendor_label(&v.item)),
            mechanism: t.mechanism,
            source: MechanismSource::Transfer(i),
            safeguard_date: None,
            frequency: t.frequency,
        };
        if t.mechanism.is_none() {
            flow.source = MechanismSource::None;
            if let (Some(v), Some(c)) = (vendor, t.country.as_deref()) {
                flow.use_safeguard(v, c);
            }
        }
        out.push(flow);
    }
    out
}

/// Step 2: each recipient vendor's countries outside the EEA that no transfer of step 1 names,
/// with the mechanism of a country-level transfer, else the vendor's safeguard.
fn recipient_vendor_flows<'r>(
    register: &'r Register,
    act: &'r Activity,
    used: &mut [bool],
    out: &mut Vec<Flow<'r>>,
) {
    for (i, v) in recipient_vendors(register, act) {
        for (_, c) in third_countries(&v.item) {
            let named = act.transfers.iter().any(|t| {
                t.vendor.as_deref() == Some(v.item.id.as_str())
                    && t.country.as_deref().is_some_and(|tc| same_country(tc, c))
            });
            if named {
                continue;
            }
            let mut flow = Flow::implied(i, c, Some(v), vendor_label(&v.item));
            if let Some(k) = country_level_transfer(act, c) {
                used[k] = true;
                flow.use_transfer(act, k);
            }
            if flow.mechanism.is_none() {
                flow.use_safeguard(v, c);
            }
            out.push(flow);
        }
    }
}

/// Step 2 for recipients that are not catalogued vendors but say where they are.
fn outside_recipient_flows<'r>(act: &'r Activity, used: &mut [bool], out: &mut Vec<Flow<'r>>) {
    for (i, c, rec) in outside_recipients(act) {
        let country_level = country_level_transfer(act, c);
        if country_level.is_some_and(|k| used[k]) {
            continue;
        }
        let mut flow = Flow::implied(i, c, None, recipient_label(rec));
        if let Some(k) = country_level {
            used[k] = true;
            flow.use_transfer(act, k);
        }
        out.push(flow);
    }
}

/// Step 3: declared transfers that name no vendor and that no flow of step 2 used.
fn unused_transfer_flows<'r>(act: &'r Activity, used: &[bool], out: &mut Vec<Flow<'r>>) {
    for (i, t) in act.transfers.iter().enumerate() {
        if t.vendor.is_some() || used[i] || within_eea(t) {
            continue;
        }
        out.push(Flow {
            pointer: format!("/transfers/{i}"),
            country: t.country.as_deref(),
            organisation: t.international_organisation.as_deref(),
            vendor: None,
            importer: t.importer.as_deref().map_or_else(
                || "an importer the record does not name".to_string(),
                |n| format!("`{n}`"),
            ),
            mechanism: t.mechanism,
            source: if t.mechanism.is_some() {
                MechanismSource::Transfer(i)
            } else {
                MechanismSource::None
            },
            safeguard_date: None,
            frequency: t.frequency,
        });
    }
}

impl<'r> Flow<'r> {
    /// A flow implied by recipient `i` being in country `c`, with no mechanism yet.
    fn implied(
        i: usize,
        c: &'r str,
        vendor: Option<&'r Sourced<Vendor>>,
        importer: String,
    ) -> Self {
        Flow {
            pointer: format!("/recipients/{i}"),
            country: Some(c),
            organisation: None,
            vendor,
            importer,
            mechanism: None,
            source: MechanismSource::None,
            safeguard_date: None,
            frequency: None,
        }
    }

    /// The flow is the activity's declared transfer `k`: point at it, take its frequency and
    /// its mechanism when it states one.
    fn use_transfer(&mut self, act: &Activity, k: usize) {
        let t = &act.transfers[k];
        self.pointer = format!("/transfers/{k}");
        self.frequency = t.frequency;
        if let Some(m) = t.mechanism {
            self.mechanism = Some(m);
            self.source = MechanismSource::Transfer(k);
        }
    }

    /// Take the mechanism of the vendor's safeguard for country `c`, when it records one.
    fn use_safeguard(&mut self, v: &'r Sourced<Vendor>, c: &str) {
        if let Some((k, s)) = safeguard_for(&v.item, c) {
            self.mechanism = s.mechanism;
            self.source = MechanismSource::Vendor(v, k);
            self.safeguard_date = s.date;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP500
// ---------------------------------------------------------------------------------------------

/// Whether the importer meets an adequacy decision's condition: `None` when it cannot be told.
fn requirement_met(
    requires: Option<Requirement>,
    vendor: Option<&Sourced<Vendor>>,
) -> Option<bool> {
    let Some(requires) = requires else {
        return Some(true);
    };
    let vendor = &vendor?.item;
    Some(match requires {
        Requirement::DpfCertified => vendor.dpf_certified,
        Requirement::SubjectToPipeda => vendor.subject_to_pipeda,
        Requirement::PrivateSector => vendor.role != VendorRole::Authority,
        // Former frameworks: the register cannot record them and they no longer apply.
        Requirement::SafeHarbourCertified | Requirement::PrivacyShieldCertified => false,
    })
}

/// A mechanism as recorded: in a vendor's safeguards or in an activity's transfer.
struct Recorded<'r> {
    mechanism: TransferMechanism,
    scc_module: Option<SccModule>,
    documentation: Option<&'r str>,
    country: Option<&'r str>,
    /// The international organisation it goes to, for an activity's transfer.
    international_organisation: Option<&'r str>,
    /// The catalogued importer.
    vendor: Option<&'r Sourced<Vendor>>,
    /// The organisation's role, when the mechanism is an activity's.
    organisation: Option<ActivityRole>,
    /// Whether a transfer impact assessment or supplementary measures are recorded for it.
    assessed: bool,
    /// Where to point: (activity, pointer of the transfer) or (vendor, pointer of the safeguard).
    at: At<'r>,
}

enum At<'r> {
    Activity(&'r Sourced<Activity>, String),
    Vendor(&'r Sourced<Vendor>, String),
}

impl Recorded<'_> {
    fn diagnostic(&self, meta: &'static RuleMeta, suffix: &str, message: String) -> Diagnostic {
        match &self.at {
            At::Activity(a, p) => meta.on_activity(a, &format!("{p}{suffix}"), message),
            At::Vendor(v, p) => meta
                .diagnostic(format!("vendor `{}`: {message}", v.item.id))
                .at(v.file.clone(), v.at(&format!("{p}{suffix}"))),
        }
    }

    fn destination(&self) -> String {
        match (self.country, self.international_organisation) {
            (Some(c), _) => country_label(c),
            (None, Some(o)) => format!("the international organisation {o}"),
            (None, None) => "a destination the record does not name".to_string(),
        }
    }

    /// The module to suggest for this transfer: the one the importer's role usually calls for.
    fn usual_module_hint(&self) -> String {
        module_hint(
            self.vendor
                .and_then(|v| usual_module(self.organisation, v.item.role)),
        )
    }
}

/// Every mechanism recorded in the register: each vendor's safeguards, then each activity's
/// transfers that give their own mechanism. A transfer without `scc_module` or `documentation`
/// takes them from the vendor's safeguard for the same country and mechanism.
fn recorded(register: &Register) -> Vec<Recorded<'_>> {
    let mut out = Vec::new();
    for v in &register.vendors {
        for (k, s) in v.item.transfer_safeguards.iter().enumerate() {
            if legal::is_eea(&s.country) {
                continue;
            }
            if let Some(m) = s.mechanism {
                out.push(Recorded {
                    mechanism: m,
                    scc_module: s.scc_module,
                    documentation: s.documentation.as_deref(),
                    country: Some(&s.country),
                    international_organisation: None,
                    vendor: Some(v),
                    organisation: None,
                    assessed: s.transfer_impact_assessment.is_some()
                        || !s.supplementary_measures.is_empty(),
                    at: At::Vendor(v, format!("/transfer_safeguards/{k}")),
                });
            }
        }
    }
    for a in &register.activities {
        for (i, t) in a.item.transfers.iter().enumerate() {
            let Some(m) = t.mechanism else { continue };
            if t.country.as_deref().is_some_and(legal::is_eea) {
                continue;
            }
            let vendor = t.vendor.as_deref().and_then(|id| register.vendor(id));
            let same = vendor
                .zip(t.country.as_deref())
                .and_then(|(v, c)| safeguard_for(&v.item, c))
                .map(|(_, s)| s)
                .filter(|s| s.mechanism == Some(m));
            out.push(Recorded {
                mechanism: m,
                scc_module: t.scc_module.or(same.and_then(|s| s.scc_module)),
                documentation: t
                    .documentation
                    .as_deref()
                    .or(same.and_then(|s| s.documentation.as_deref())),
                country: t.country.as_deref(),
                international_organisation: t.international_organisation.as_deref(),
                vendor,
                organisation: Some(a.item.role),
                assessed: t.transfer_impact_assessment.is_some()
                    || !t.supplementary_measures.is_empty()
                    || same.is_some_and(|s| {
                        s.transfer_impact_assessment.is_some()
                            || !s.supplementary_measures.is_empty()
                    }),
                at: At::Activity(a, format!("/transfers/{i}")),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
