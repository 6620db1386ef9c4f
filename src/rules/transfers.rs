//! Transfers to third countries (Chapter V, Art. 30(1)(e), 30(2)(c)): every transfer is declared,
//! framed by a mechanism that is valid on the check date, and documented as the mechanism
//! requires. Every legal fact (EEA membership, adequacy decisions, SCC dates) comes from
//! [`crate::legal`].

use chrono::NaiveDate;

use super::{Context, Rule, RuleMeta};
use crate::diagnostics::{Diagnostic, Severity};
use crate::legal::{self, Adequacy, Requirement};
use crate::model::{
    Activity, ActivityRole, AdequacyExclusion, Language, Recipient, Register, SccModule, Sourced,
    Transfer, TransferFrequency, TransferMechanism, Vendor, VendorRole,
};

mod scc_module_mismatch;
mod scc_without_assessment;
mod transfer_without_destination;
mod unknown_country;

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

/// The canonical code of a country (`GB` for `UK`), or the code as written when unknown.
fn canonical(code: &str) -> String {
    legal::country(code).map_or_else(|| code.trim().to_uppercase(), |c| c.code.clone())
}

fn same_country(a: &str, b: &str) -> bool {
    canonical(a) == canonical(b)
}

/// `United States (US)`, or the code alone when the legal data does not know it.
fn country_label(code: &str) -> String {
    match legal::country_name(code, Language::En) {
        Some(name) => format!("{name} ({})", code.trim()),
        None => format!("`{}`", code.trim()),
    }
}

/// A mechanism as written in YAML, for example `scc_2021_914`.
fn key<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn vendor_label(v: &Vendor) -> String {
    format!("vendor `{}` ({})", v.id, v.name)
}

/// The vendor's safeguard for a country, with its index in `transfer_safeguards`.
fn safeguard_for<'v>(
    vendor: &'v Vendor,
    country: &str,
) -> Option<(usize, &'v crate::model::Safeguard)> {
    vendor
        .transfer_safeguards
        .iter()
        .enumerate()
        .find(|(_, s)| same_country(&s.country, country))
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
/// receive the data in a country outside the EEA, with their index.
fn outside_recipients(act: &Activity) -> impl Iterator<Item = (usize, &str, &Recipient)> {
    act.recipients.iter().enumerate().filter_map(|(i, r)| {
        let c = r.country.as_deref()?;
        let known = legal::country(c).is_some();
        (r.vendor.is_none() && known && !legal::is_eea(c)).then_some((i, c, r))
    })
}

/// A recipient that is not a catalogued vendor, in words.
fn recipient_label(r: &Recipient) -> String {
    let kind = legal::serde_name(&r.kind);
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
            key(&m),
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
    let eea = |t: &Transfer| t.country.as_deref().is_some_and(legal::is_eea);
    let mut out = Vec::new();
    for (i, t) in act.transfers.iter().enumerate() {
        let Some(vendor_id) = t.vendor.as_deref() else {
            continue;
        };
        if eea(t) {
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
            if let (Some(v), Some(c)) = (vendor, t.country.as_deref())
                && let Some((k, s)) = safeguard_for(&v.item, c)
            {
                flow.mechanism = s.mechanism;
                flow.source = MechanismSource::Vendor(v, k);
                flow.safeguard_date = s.date;
            }
        }
        out.push(flow);
    }
    let mut used_country_level = vec![false; act.transfers.len()];
    for (i, v) in recipient_vendors(register, act) {
        for (_, c) in third_countries(&v.item) {
            let named = act.transfers.iter().any(|t| {
                t.vendor.as_deref() == Some(v.item.id.as_str())
                    && t.country.as_deref().is_some_and(|tc| same_country(tc, c))
            });
            if named {
                continue;
            }
            let country_level = act.transfers.iter().position(|t| {
                t.vendor.is_none() && t.country.as_deref().is_some_and(|tc| same_country(tc, c))
            });
            let mut flow = Flow {
                pointer: format!("/recipients/{i}"),
                country: Some(c),
                organisation: None,
                vendor: Some(v),
                importer: vendor_label(&v.item),
                mechanism: None,
                source: MechanismSource::None,
                safeguard_date: None,
                frequency: None,
            };
            if let Some(k) = country_level {
                used_country_level[k] = true;
                flow.pointer = format!("/transfers/{k}");
                flow.frequency = act.transfers[k].frequency;
                if let Some(m) = act.transfers[k].mechanism {
                    flow.mechanism = Some(m);
                    flow.source = MechanismSource::Transfer(k);
                }
            }
            if flow.mechanism.is_none()
                && let Some((k, s)) = safeguard_for(&v.item, c)
            {
                flow.mechanism = s.mechanism;
                flow.source = MechanismSource::Vendor(v, k);
                flow.safeguard_date = s.date;
            }
            out.push(flow);
        }
    }
    for (i, c, rec) in outside_recipients(act) {
        let country_level = act.transfers.iter().position(|t| {
            t.vendor.is_none() && t.country.as_deref().is_some_and(|tc| same_country(tc, c))
        });
        if country_level.is_some_and(|k| used_country_level[k]) {
            continue;
        }
        let mut flow = Flow {
            pointer: format!("/recipients/{i}"),
            country: Some(c),
            organisation: None,
            vendor: None,
            importer: recipient_label(rec),
            mechanism: None,
            source: MechanismSource::None,
            safeguard_date: None,
            frequency: None,
        };
        if let Some(k) = country_level {
            used_country_level[k] = true;
            let t = &act.transfers[k];
            flow.pointer = format!("/transfers/{k}");
            flow.frequency = t.frequency;
            if let Some(m) = t.mechanism {
                flow.mechanism = Some(m);
                flow.source = MechanismSource::Transfer(k);
            }
        }
        out.push(flow);
    }
    for (i, t) in act.transfers.iter().enumerate() {
        if t.vendor.is_some() || used_country_level[i] || eea(t) {
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
    out
}

// ---------------------------------------------------------------------------------------------
// RP500
// ---------------------------------------------------------------------------------------------

declare_rule! {
    /// ## What it checks
    /// That every country outside the EEA where a recipient vendor processes the data (its
    /// `locations` in vendors.yaml, remote access included) is listed in the activity's
    /// `transfers`, by a transfer to that country that names this vendor or no vendor; and
    /// that every other recipient (a partner, an authority, another recipient) whose `country`
    /// is outside the EEA is listed by a transfer to that country that names no vendor. The
    /// finding is an error: an unrecorded transfer is a gap in the record itself.
    ///
    /// ## Why
    /// Making personal data available to a recipient in a third country is a transfer, whether
    /// or not the record calls it one. The record must name the third countries data is
    /// transferred to (Art. 30(1)(e), 30(2)(c)), and each transfer needs a Chapter V mechanism.
    /// The EEA is the EU-27 plus Iceland, Liechtenstein and Norway.
    ///
    /// ## Example
    /// ```yaml
    /// # vendors.yaml
    /// - id: aws
    ///   name: Amazon Web Services
    ///   locations:
    ///     - country: FR
    ///     - country: US
    ///       description: Remote support
    /// # activities/hosting.yaml
    /// recipients:
    ///   - kind: vendor
    ///     vendor: aws
    /// transfers: []
    /// ```
    ///
    /// ## How to fix
    /// Declare the transfer, with its mechanism:
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     vendor: aws
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    /// If the vendor no longer processes data there, correct its `locations`.
    pub struct UndeclaredTransfer { code: "RP500", name: "undeclared-transfer", severity: Error, summary: "A recipient processes data outside the EEA and the activity declares no transfer there" }
}

/// The mechanism to suggest for an undeclared transfer: the vendor's safeguard for the country,
/// else an adequacy decision that covers the vendor, else the 2021/914 clauses.
fn suggested_mechanism(vendor: &Sourced<Vendor>, country: &str, as_of: NaiveDate) -> String {
    if let Some(m) = safeguard_for(&vendor.item, country).and_then(|(_, s)| s.mechanism) {
        return key(&m);
    }
    let covered = legal::adequacy_on(country, as_of)
        .is_some_and(|a| requirement_met(a.requires, Some(vendor)) == Some(true));
    if covered {
        key(&TransferMechanism::AdequacyDecision)
    } else {
        key(&TransferMechanism::Scc2021914)
    }
}

impl Rule for UndeclaredTransfer {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            for (i, v) in recipient_vendors(ctx.register, act) {
                for (j, c) in third_countries(&v.item) {
                    if act.transfers.iter().any(|t| lists(t, c, &v.item.id)) {
                        continue;
                    }
                    let mechanism = suggested_mechanism(v, c, ctx.as_of);
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/recipients/{i}"),
                                format!(
                                    "{} processes data in {}, outside the EEA (vendors.yaml {}), but the activity's transfers do not list it",
                                    vendor_label(&v.item),
                                    country_label(c),
                                    v.at(&format!("/locations/{j}"))
                                ),
                            )
                            .help(format!(
                                "add under `transfers`: `- {{country: {}, vendor: {}, mechanism: {mechanism}}}`; if the vendor no longer processes data there, correct its `locations`",
                                c.trim(),
                                v.item.id
                            )),
                    );
                }
            }
            for (i, c, rec) in outside_recipients(act) {
                if act.transfers.iter().any(|t| lists(t, c, "")) {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/recipients/{i}/country"),
                            format!(
                                "{} receives data in {}, outside the EEA, but the activity's transfers do not list it",
                                recipient_label(rec),
                                country_label(c)
                            ),
                        )
                        .help(format!(
                            "add under `transfers`: `- {{country: {}, importer: ..., mechanism: ...}}` with the mechanism that frames it",
                            c.trim()
                        )),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP501
// ---------------------------------------------------------------------------------------------

declare_rule! {
    /// ## What it checks
    /// That every transfer outside the EEA rests on a mechanism valid on the check date. The
    /// transfers are those the activity declares and those its recipient vendors' locations
    /// imply. A transfer's mechanism is its own `mechanism`, else the importing vendor's
    /// `transfer_safeguards` entry for the destination. It is wrong when:
    /// - there is none and no adequacy decision covers the importer on the check date (a
    ///   transfer covered by an adequacy decision needs no other safeguard, and is fine);
    /// - it is `adequacy_decision` and no decision covering the importer is in force on that
    ///   date. The US decision (EU-US Data Privacy Framework, from 10 July 2023) covers only
    ///   vendors marked `dpf_certified`; the Canadian one only vendors marked
    ///   `subject_to_pipeda`; the Japanese one only private-sector operators (a vendor whose
    ///   role is `authority` is not covered). A decision whose scope leaves some processing out
    ///   (Korea: credit information under the Financial Services Commission, missionary
    ///   activities of religious organisations, nomination of candidates by political parties;
    ///   Japan: the recipients of Article 76 of the APPI; the United Kingdom until its 2025
    ///   renewal: immigration control) does not cover a vendor whose `adequacy_exclusions` lists
    ///   one of them, and gives a warning when the vendor does not state them;
    /// - it is one of the former sets of standard contractual clauses (`scc_2001_497`,
    ///   `scc_2004_915`, `scc_2010_87`): they were repealed on 27 September 2021 and contracts
    ///   concluded before then stopped providing safeguards after 27 December 2022 (one
    ///   concluded on or after the repeal, by the vendor safeguard's `date`, never did);
    /// - it is `privacy_shield`, which is not a mechanism (invalidated by the Court of Justice
    ///   on 16 July 2020, C-311/18 "Schrems II");
    /// - the organisation is marked `public_authority: true` in `ropa.yaml` and the mechanism
    ///   is a derogation that Art. 49(3) withholds from public authorities exercising their
    ///   public powers: explicit consent (`derogation_explicit_consent`), a contract with or in
    ///   the interest of the data subject (`derogation_contract`,
    ///   `derogation_contract_in_interest`) or compelling legitimate interests
    ///   (`compelling_legitimate_interests`);
    /// - it is `compelling_legitimate_interests` and the transfer is recorded as
    ///   `frequency: continuous`: the second subparagraph of Art. 49(1) covers only a transfer
    ///   that is not repetitive;
    /// - it is a derogation of Art. 49(1)(b), (c) or (e) (`derogation_contract`,
    ///   `derogation_contract_in_interest`, `derogation_legal_claims`) and the transfer is
    ///   recorded as `frequency: continuous`: these derogations cover only occasional transfers.
    ///
    /// The dates come from the embedded legal data. SCCs of unstated version are left to
    /// `scc-version-unstated`, undocumented compelling legitimate interests to
    /// `undocumented-compelling-interests`. When the importer is not a catalogued vendor, the
    /// checker cannot tell whether a restricted adequacy decision covers it, and warns.
    ///
    /// ## Why
    /// A transfer to a third country may take place only under an adequacy decision (Art. 45),
    /// appropriate safeguards (Art. 46) or, for specific situations, a derogation (Art. 49)
    /// (Art. 44). A record that relies on an expired or invalidated mechanism describes an
    /// unlawful transfer. Points (a), (b) and (c) of Art. 49(1) and its second subparagraph "shall
    /// not apply to activities carried out by public authorities in the exercise of their public
    /// powers" (Art. 49(3)); a public body transfers under an instrument or arrangement between
    /// public bodies (Art. 46(2)(a), 46(3)(b)), the other safeguards of Art. 46, or the
    /// derogations of Art. 49(1)(d) to (g). The compelling legitimate interests of the second
    /// subparagraph of Art. 49(1) are a last resort for a transfer that "is not repetitive" and
    /// concerns a limited number of data subjects; a continuous transfer needs an Art. 46
    /// safeguard. Recital 111 allows the contract and legal-claims derogations for transfers
    /// that are "occasional", and the EDPB reads Art. 49(1)(b), (c) and (e) so (Guidelines
    /// 2/2018 on derogations of Article 49, section 2.2). An adequacy decision covers only what
    /// it says it covers (Art. 45(3)): several are limited to some recipients or leave some
    /// processing out of their scope.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     vendor: mailer
    ///     mechanism: privacy_shield
    /// ```
    ///
    /// ## How to fix
    /// Put a valid mechanism in place and record it, for example the 2021/914 clauses:
    /// ```yaml
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    /// or, for a US importer self-certified under the Data Privacy Framework, set
    /// `dpf_certified: true` on the vendor and `mechanism: adequacy_decision`. Where a public
    /// authority's transfer on one of the withheld derogations is not made in the exercise of
    /// its public powers, accept the finding with a waiver that says so.
    pub struct TransferWithoutSafeguard { code: "RP501", name: "transfer-without-safeguard", severity: Error, summary: "A transfer outside the EEA has no mechanism valid on the check date" }
}

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

/// The vendor field that records a requirement, for a help line.
fn requirement_field(requires: Requirement) -> &'static str {
    match requires {
        Requirement::DpfCertified => "`dpf_certified: true`",
        Requirement::SubjectToPipeda => "`subject_to_pipeda: true`",
        Requirement::PrivateSector => "a role other than `authority`",
        Requirement::SafeHarbourCertified | Requirement::PrivacyShieldCertified => {
            "a current framework"
        }
    }
}

fn decision_name(a: &Adequacy) -> String {
    match &a.decision {
        Some(d) => format!("adequacy decision {d}"),
        None => format!("the adequacy decision of {}", a.adopted),
    }
}

/// The adequacy decision for the flow's destination on `date`.
fn adequacy_for(flow: &Flow<'_>, date: NaiveDate) -> Option<&'static Adequacy> {
    match (flow.country, flow.organisation) {
        (Some(c), _) => legal::adequacy_on(c, date),
        (None, Some(o)) => legal::organisation_adequacy_on(o, date),
        (None, None) => None,
    }
}

/// A problem with a flow: severity, message, help.
struct Problem {
    severity: Severity,
    message: String,
    help: String,
}

fn error(message: String, help: String) -> Option<Problem> {
    Some(Problem {
        severity: Severity::Error,
        message,
        help,
    })
}

/// What is wrong with the adequacy that a flow relies on (explicitly or for want of any other
/// mechanism), if anything.
fn adequacy_problem(flow: &Flow<'_>, as_of: NaiveDate, explicit: bool) -> Option<Problem> {
    let what = if explicit {
        format!("{} relies on an adequacy decision", flow.subject())
    } else {
        format!("{} has no transfer mechanism", flow.subject())
    };
    let sign = "sign the standard contractual clauses of Decision (EU) 2021/914 (`mechanism: scc_2021_914` with its `scc_module`), or record another Art. 46 safeguard";
    let Some(decision) = adequacy_for(flow, as_of) else {
        let past = flow
            .country
            .map(legal::adequacy_history)
            .unwrap_or_default()
            .into_iter()
            .rfind(|a| a.in_force <= as_of);
        let history = match past {
            Some(a) => match &a.invalidated {
                Some(inv) => format!(
                    "; {} was invalidated on {} ({})",
                    decision_name(a),
                    inv.date,
                    inv.case
                ),
                None => match a.valid_until {
                    Some(end) => format!("; {} applied until {end}", decision_name(a)),
                    None => String::new(),
                },
            },
            None => String::new(),
        };
        let reason = if explicit {
            format!("but no adequacy decision covers it on {as_of}{history}")
        } else {
            format!("and no adequacy decision covers it on {as_of}{history}")
        };
        return error(format!("{what}, {reason} (Art. 44, 45)"), sign.to_string());
    };
    match requirement_met(decision.requires, flow.vendor) {
        Some(true) => exclusion_problem(flow, decision, &what, sign),
        Some(false) => {
            let requires = decision.requires.unwrap_or(Requirement::DpfCertified);
            let scope = decision
                .scope
                .as_ref()
                .map_or_else(String::new, |s| format!(" ({})", s.en));
            let (unmet, fix) = match requires {
                Requirement::PrivateSector => (
                    "is recorded as a public authority (`role: authority`)".to_string(),
                    "if the importer is a private-sector operator, give it its role in vendors.yaml".to_string(),
                ),
                _ => (
                    format!("is not marked {}", requirement_field(requires)),
                    format!(
                        "if the importer is covered, set {} on the vendor in vendors.yaml",
                        requirement_field(requires)
                    ),
                ),
            };
            error(
                format!(
                    "{what}, but {} covers only some importers{scope}, and {} {unmet}",
                    decision_name(decision),
                    flow.importer,
                ),
                format!("{fix}; otherwise {sign}"),
            )
        }
        None => Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "{what}; {} covers only some importers, and {} is not a catalogued vendor, so the checker cannot tell whether it is covered",
                decision_name(decision),
                flow.importer
            ),
            help: "add the importer to vendors.yaml and name it in the transfer's `vendor`, with the certification that brings it under the decision".to_string(),
        }),
    }
}

/// What is wrong with a flow under a decision whose scope excludes some processing: the record
/// says an exclusion applies (an error), or does not say whether any applies (a warning).
fn exclusion_problem(
    flow: &Flow<'_>,
    decision: &Adequacy,
    what: &str,
    sign: &str,
) -> Option<Problem> {
    if decision.excludes.is_empty() {
        return None;
    }
    let labels = |keys: &[AdequacyExclusion]| {
        keys.iter()
            .map(|k| format!("`{}` ({})", key(k), legal::label(k, Language::En)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let stated = flow
        .vendor
        .and_then(|v| v.item.adequacy_exclusions.as_ref());
    let Some(stated) = stated else {
        return Some(Problem {
            severity: Severity::Warning,
            message: format!(
                "{what}; {} does not cover {}, and the record does not state whether this applies to {}",
                decision_name(decision),
                labels(&decision.excludes),
                flow.importer
            ),
            help: match flow.vendor {
                Some(_) => "state on the vendor in vendors.yaml `adequacy_exclusions: []` when none of these applies, or list those that apply".to_string(),
                None => "add the importer to vendors.yaml, name it in the transfer's `vendor`, and state its `adequacy_exclusions`".to_string(),
            },
        });
    };
    let applying: Vec<AdequacyExclusion> = decision
        .excludes
        .iter()
        .copied()
        .filter(|e| stated.contains(e))
        .collect();
    if applying.is_empty() {
        return None;
    }
    error(
        format!(
            "{what}, but {} does not cover {}, which the record says applies to {} (Art. 45)",
            decision_name(decision),
            labels(&applying),
            flow.importer
        ),
        format!("frame this transfer with another mechanism: {sign}"),
    )
}

fn flow_problem(flow: &Flow<'_>, as_of: NaiveDate, public_authority: bool) -> Option<Problem> {
    let Some(mechanism) = flow.mechanism else {
        return adequacy_problem(flow, as_of, false);
    };
    let subject = flow.subject();
    let info = legal::mechanism_info(mechanism);
    if public_authority && info.not_for_public_authorities {
        return error(
            format!(
                "{subject} relies on `{}` ({}), which is not available to public authorities in the exercise of their public powers (Art. 49(3))",
                key(&mechanism),
                info.article(Language::En)
            ),
            format!(
                "replace {} with a mechanism open to public bodies: an instrument or administrative arrangement between public bodies (`public_authority_instrument`, `administrative_arrangement`), `scc_2021_914` with its `scc_module`, or a derogation of Art. 49(1)(d) to (g); if the transfer is not made in the exercise of public powers, add a waiver saying so",
                flow.origin()
            ),
        );
    }
    if mechanism == TransferMechanism::CompellingLegitimateInterests
        && flow.frequency == Some(TransferFrequency::Continuous)
    {
        return error(
            format!(
                "{subject} relies on compelling legitimate interests ({}), which cover only a transfer that is not repetitive, but the transfer is recorded as `frequency: continuous`",
                info.article(Language::En)
            ),
            format!(
                "frame the continuous transfer with an Art. 46 safeguard (`scc_2021_914` with its `scc_module`, binding corporate rules...) in {}; the derogation covers only a one-off transfer concerning a limited number of data subjects",
                flow.origin()
            ),
        );
    }
    let occasional_only = matches!(
        mechanism,
        TransferMechanism::DerogationContract
            | TransferMechanism::DerogationContractInInterest
            | TransferMechanism::DerogationLegalClaims
    );
    if occasional_only && flow.frequency == Some(TransferFrequency::Continuous) {
        return error(
            format!(
                "{subject} relies on the derogation of {}, which covers only occasional transfers, but the transfer is recorded as `frequency: continuous` (recital 111; EDPB Guidelines 2/2018)",
                info.article(Language::En)
            ),
            format!(
                "frame the continuous transfer with an Art. 46 safeguard (`scc_2021_914` with its `scc_module`, binding corporate rules...) in {}",
                flow.origin()
            ),
        );
    }
    match mechanism {
        TransferMechanism::AdequacyDecision => adequacy_problem(flow, as_of, true),
        // Left to scc-version-unstated and undocumented-compelling-interests.
        TransferMechanism::StandardContractualClauses
        | TransferMechanism::CompellingLegitimateInterests => None,
        _ if !info.valid => {
            let invalidation = legal::eu()
                .adequacy
                .iter()
                .find(|a| a.requires == Some(Requirement::PrivacyShieldCertified))
                .and_then(|a| a.invalidated.as_ref())
                .filter(|_| mechanism == TransferMechanism::PrivacyShield)
                .map_or_else(String::new, |inv| {
                    format!(": invalidated on {} ({})", inv.date, inv.case)
                });
            error(
                format!(
                    "{subject} relies on `{}`, which is not a transfer mechanism{invalidation}",
                    key(&mechanism)
                ),
                format!(
                    "replace {} with a valid mechanism: `scc_2021_914` with its `scc_module`, or `adequacy_decision` for a US importer marked `dpf_certified: true` in vendors.yaml",
                    flow.origin()
                ),
            )
        }
        _ => {
            let set = legal::scc_set(mechanism)?;
            let help = format!(
                "replace {} with `scc_2021_914` and its `scc_module`, once the 2021/914 clauses are signed",
                flow.origin()
            );
            if let (Some(limit), Some(date)) = (set.concluded_before, flow.safeguard_date)
                && date >= limit
            {
                return error(
                    format!(
                        "{subject} relies on the clauses of Decision {} signed on {date}, but no contract concluded from {limit} on could use them",
                        set.id
                    ),
                    help,
                );
            }
            if legal::scc_valid_on(mechanism, as_of) {
                return None;
            }
            let when = match set.valid_until {
                Some(end) if as_of > end => format!("stopped providing safeguards after {end}"),
                _ => format!("apply only from {}", set.applies_from),
            };
            error(
                format!(
                    "{subject} relies on the clauses of Decision {}, which {when} (checked on {as_of})",
                    set.id
                ),
                help,
            )
        }
    }
}

impl Rule for TransferWithoutSafeguard {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let public_authority = ctx.register.config.item.organisation.public_authority;
        for a in &ctx.register.activities {
            for flow in flows(ctx.register, &a.item) {
                // An unknown code is reported by unknown-country.
                if flow.country.is_some_and(|c| legal::country(c).is_none()) {
                    continue;
                }
                let Some(problem) = flow_problem(&flow, ctx.as_of, public_authority) else {
                    continue;
                };
                let pointer = match flow.source {
                    MechanismSource::Transfer(i) => format!("/transfers/{i}/mechanism"),
                    _ => flow.pointer.clone(),
                };
                let mut d = Self::META
                    .on_activity(a, &pointer, problem.message)
                    .help(problem.help);
                d.severity = problem.severity;
                out.push(d);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP502, RP503, RP504: what a mechanism needs, on vendors' safeguards and activities' transfers
// ---------------------------------------------------------------------------------------------

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
    fn diagnostic(&self, meta: &RuleMeta, suffix: &str, message: String) -> Diagnostic {
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

declare_rule! {
    /// ## What it checks
    /// That a transfer relying on the compelling legitimate interests of the second
    /// subparagraph of Art. 49(1) (`mechanism: compelling_legitimate_interests`) has its
    /// `documentation`: in the activity's transfer or in the vendor's safeguard for that
    /// country.
    ///
    /// ## Why
    /// This derogation is the last resort: a transfer that is not repetitive, concerns a limited
    /// number of data subjects, is necessary for compelling legitimate interests not overridden
    /// by theirs, and for which the controller has assessed all the circumstances and provided
    /// suitable safeguards. The record must document that assessment and those safeguards
    /// (Art. 30(1)(e), 30(2)(c) and 49(6)), and the supervisory authority and the data subjects
    /// must be informed.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: IN
    ///     importer: Forensic lab
    ///     mechanism: compelling_legitimate_interests
    /// ```
    ///
    /// ## How to fix
    /// Write the assessment and the safeguards, or where they are recorded, in `documentation`:
    /// ```yaml
    ///     documentation: >-
    ///       Assessment TIA-2026-04 (one-off transfer of 12 records; encrypted, deleted after
    ///       analysis); supervisory authority informed on 2026-04-12.
    /// ```
    /// If another mechanism is available (SCCs, an adequacy decision), use it instead.
    pub struct UndocumentedCompellingInterests { code: "RP502", name: "undocumented-compelling-interests", severity: Error, summary: "A transfer on compelling legitimate interests is not documented" }
}

impl Rule for UndocumentedCompellingInterests {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            let info = legal::mechanism_info(r.mechanism);
            if !info.needs_documentation || r.documentation.is_some_and(|d| !d.trim().is_empty()) {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on `{}` ({}) without `documentation` of the assessment and safeguards (Art. 30(1)(e), 49(6))",
                        r.destination(),
                        key(&r.mechanism),
                        info.article(Language::En)
                    ),
                )
                .help("describe in `documentation` the assessment of the transfer's circumstances and the safeguards provided, or name the document that records them"),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That a transfer or a vendor's safeguard relying on standard contractual clauses names
    /// which ones: `mechanism: standard_contractual_clauses` says that clauses were signed but
    /// not which decision adopted them.
    ///
    /// ## Why
    /// Only the clauses of Decision (EU) 2021/914 provide appropriate safeguards today
    /// (Art. 46(2)(c)); those of Decisions 2001/497/EC, 2004/915/EC and 2010/87/EU stopped
    /// doing so after 27 December 2022. The checker, and anyone reading the record, cannot tell
    /// whether the transfer is lawful until the decision is named, and the module (controller
    /// or processor on each side) says which obligations apply.
    ///
    /// ## Example
    /// ```yaml
    /// transfer_safeguards:
    ///   - country: US
    ///     mechanism: standard_contractual_clauses
    /// ```
    ///
    /// ## How to fix
    /// Check the signed clauses and name their decision and module:
    /// ```yaml
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    /// If they are clauses of an older decision, sign the 2021/914 ones.
    pub struct SccVersionUnstated { code: "RP503", name: "scc-version-unstated", severity: Warning, summary: "Standard contractual clauses are named without their decision" }
}

impl Rule for SccVersionUnstated {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            if r.mechanism != TransferMechanism::StandardContractualClauses {
                continue;
            }
            let module = r
                .vendor
                .and_then(|v| usual_module(r.organisation, v.item.role));
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on standard contractual clauses without saying which decision adopted them",
                        r.destination()
                    ),
                )
                .help(format!(
                    "name the decision of the signed clauses: `mechanism: scc_2021_914` with {}; the clauses of older decisions no longer provide safeguards",
                    module_hint(module)
                )),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That a transfer or a vendor's safeguard relying on the clauses of Decision (EU) 2021/914
    /// (`mechanism: scc_2021_914`) says which module applies (`scc_module`: `one` to `four`).
    ///
    /// ## Why
    /// The 2021/914 clauses are four sets in one: controller to controller, controller to
    /// processor, processor to processor and processor to controller. Each module imposes
    /// different obligations and annexes; the record, and the transfer's Annex I, must say
    /// which one was signed.
    ///
    /// ## Example
    /// ```yaml
    /// transfer_safeguards:
    ///   - country: US
    ///     mechanism: scc_2021_914
    /// ```
    ///
    /// ## How to fix
    /// Add the module of the signed clauses:
    /// ```yaml
    ///     scc_module: two   # controller to processor
    /// ```
    pub struct SccModuleMissing { code: "RP504", name: "scc-module-missing", severity: Warning, summary: "The 2021/914 clauses are named without their module" }
}

impl Rule for SccModuleMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            let modules = legal::scc_set(r.mechanism).map(|s| &s.modules);
            if r.scc_module.is_some() || modules.is_none_or(|m| m.is_empty()) {
                continue;
            }
            let module = r
                .vendor
                .and_then(|v| usual_module(r.organisation, v.item.role));
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on the clauses of Decision {} without saying which module was signed",
                        r.destination(),
                        legal::scc_set(r.mechanism).map_or("", |s| s.id.as_str())
                    ),
                )
                .help(format!(
                    "add {}, after checking the signed clauses",
                    module_hint(module)
                )),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP505, RP506
// ---------------------------------------------------------------------------------------------

declare_rule! {
    /// ## What it checks
    /// That every location of a vendor gives a `country`. A location that gives only a `region`
    /// (for example `Europe`) or nothing at all is reported.
    ///
    /// ## Why
    /// Whether data leaves the EEA depends on the country: "Europe" includes Switzerland, the
    /// United Kingdom and others that are not in the EEA, and the record must name the third
    /// countries data goes to (Art. 30(1)(e), 30(2)(c)). The checker cannot tell whether a
    /// transfer takes place, nor check its safeguard.
    ///
    /// ## Example
    /// ```yaml
    /// - id: mailer
    ///   name: Brevo
    ///   locations:
    ///     - region: Europe
    /// ```
    ///
    /// ## How to fix
    /// Ask the vendor (its data processing agreement or sub-processor list usually says) and
    /// write each country, keeping the region if you like:
    /// ```yaml
    ///   locations:
    ///     - country: FR
    ///       region: Europe
    ///     - country: DE
    /// ```
    pub struct LocationWithoutCountry { code: "RP505", name: "location-without-country", severity: Warning, summary: "A vendor location gives no country" }
}

impl Rule for LocationWithoutCountry {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for v in &ctx.register.vendors {
            for (j, loc) in v.item.locations.iter().enumerate() {
                if loc.country.is_some() {
                    continue;
                }
                let named = match (&loc.region, &loc.place) {
                    (Some(r), _) => format!("gives the region `{r}`"),
                    (None, Some(p)) => format!("gives the place `{p}`"),
                    (None, None) => "gives no place".to_string(),
                };
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "a location of {} {named} but no country: the checker cannot tell whether data leaves the EEA",
                            vendor_label(&v.item)
                        ))
                        .at(v.file.clone(), v.at(&format!("/locations/{j}")))
                        .help("write the ISO 3166-1 code of each country the vendor processes data in (`country: FR`), one location per country"),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That the activity's `transfers` list only destinations outside the EEA: a declared
    /// transfer to an EEA country is reported for information.
    ///
    /// ## Why
    /// Chapter V governs transfers to third countries and international organisations. Data
    /// moving between EU Member States, Iceland, Liechtenstein and Norway is not transferred in
    /// that sense and needs no mechanism (it may still go to a recipient, listed under
    /// `recipients`). Listing it as a transfer makes the record say that data leaves the EEA
    /// when it does not, and shows a needless line in the documents made from it.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: DE
    ///     vendor: hosting
    /// ```
    ///
    /// ## How to fix
    /// Remove the transfer; keep the vendor among the recipients. If the importer is in fact
    /// outside the EEA, correct the country.
    pub struct TransferWithinEea { code: "RP506", name: "transfer-within-eea", severity: Info, summary: "A declared transfer goes to an EEA country" }
}

impl Rule for TransferWithinEea {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, t) in a.item.transfers.iter().enumerate() {
                let Some(c) = t.country.as_deref() else {
                    continue;
                };
                if !legal::is_eea(c) {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/transfers/{i}/country"),
                            format!(
                                "{} is in the EEA: sending data there is not a transfer under Chapter V",
                                country_label(c)
                            ),
                        )
                        .help("remove this transfer and keep the importer under `recipients`; if the data goes outside the EEA, write that country"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::reviews::testing::{activity_with, check, d, register, vendor};
    use serde_json::{Value, json};

    fn aws(extra: Value) -> Vendor {
        let mut v = json!({
            "id": "aws", "name": "AWS", "role": "processor", "service": "Hosting",
            "locations": [{"country": "FR"}, {"country": "US"}],
        });
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            for (k, x) in e {
                o.insert(k.clone(), x.clone());
            }
        }
        vendor(v)
    }

    fn uses_aws(transfers: Value) -> Activity {
        activity_with(json!({
            "recipients": [{"kind": "vendor", "vendor": "aws"}],
            "transfers": transfers,
        }))
    }

    fn run(rule: &dyn Rule, v: Vendor, a: Activity, as_of: NaiveDate) -> Vec<Diagnostic> {
        check(rule, &register(vec![v], vec![a]), as_of)
    }

    #[test]
    fn undeclared_transfer_points_at_the_recipient() {
        let found = run(
            &UndeclaredTransfer,
            aws(json!({})),
            uses_aws(json!([])),
            d(2026, 11, 25),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
        assert!(found[0].message.contains("United States (US)"));
        // Declared for this vendor, or for the country without a vendor: listed.
        for t in [
            json!([{"country": "US", "vendor": "aws"}]),
            json!([{"country": "US"}]),
        ] {
            assert!(
                run(
                    &UndeclaredTransfer,
                    aws(json!({})),
                    uses_aws(t),
                    d(2026, 11, 25)
                )
                .is_empty()
            );
        }
        // Declared for another vendor: not listed for this one.
        let other = json!([{"country": "US", "vendor": "other"}]);
        assert_eq!(
            run(
                &UndeclaredTransfer,
                aws(json!({})),
                uses_aws(other),
                d(2026, 11, 25)
            )
            .len(),
            1
        );
        // EEA locations are no transfers.
        let eu = aws(json!({"locations": [{"country": "DE"}, {"country": "NO"}]}));
        assert!(
            run(
                &UndeclaredTransfer,
                eu,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty()
        );
    }

    #[test]
    fn implied_transfer_without_safeguard_is_an_error() {
        let found = run(
            &TransferWithoutSafeguard,
            aws(json!({})),
            uses_aws(json!([])),
            d(2026, 11, 25),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
        // The vendor's safeguard frames it.
        let framed = aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
        );
        assert!(
            run(
                &TransferWithoutSafeguard,
                framed,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty()
        );
        // So does a country-level declared transfer's mechanism.
        let declared = uses_aws(json!([{"country": "US", "mechanism": "binding_corporate_rules"}]));
        assert!(
            run(
                &TransferWithoutSafeguard,
                aws(json!({})),
                declared,
                d(2026, 11, 25)
            )
            .is_empty()
        );
    }

    #[test]
    fn us_adequacy_needs_dpf_certification_and_starts_on_2023_07_10() {
        let certified = || aws(json!({"dpf_certified": true}));
        // Without any mechanism, adequacy covers a certified vendor and nothing is said.
        assert!(
            run(
                &TransferWithoutSafeguard,
                certified(),
                uses_aws(json!([])),
                d(2023, 7, 10)
            )
            .is_empty()
        );
        let before = run(
            &TransferWithoutSafeguard,
            certified(),
            uses_aws(json!([])),
            d(2023, 7, 9),
        );
        assert_eq!(before.len(), 1);
        assert!(
            before[0].message.contains("invalidated on 2020-07-16"),
            "{}",
            before[0].message
        );
        // An explicit adequacy_decision: the same dates.
        let explicit = || {
            uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "adequacy_decision"}]))
        };
        assert!(
            run(
                &TransferWithoutSafeguard,
                certified(),
                explicit(),
                d(2023, 7, 10)
            )
            .is_empty()
        );
        let found = run(
            &TransferWithoutSafeguard,
            certified(),
            explicit(),
            d(2023, 7, 9),
        );
        assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
        // Not certified: not covered.
        let found = run(
            &TransferWithoutSafeguard,
            aws(json!({})),
            explicit(),
            d(2026, 11, 25),
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`dpf_certified: true`"));
    }

    #[test]
    fn canada_needs_pipeda_and_switzerland_needs_nothing() {
        let ca = |pipeda: bool| {
            aws(json!({"locations": [{"country": "CA"}], "subject_to_pipeda": pipeda}))
        };
        assert!(
            run(
                &TransferWithoutSafeguard,
                ca(true),
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty()
        );
        assert_eq!(
            run(
                &TransferWithoutSafeguard,
                ca(false),
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .len(),
            1
        );
        let ch = aws(json!({"locations": [{"country": "CH"}]}));
        assert!(
            run(
                &TransferWithoutSafeguard,
                ch,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty()
        );
    }

    #[test]
    fn uk_immigration_control_was_excluded_until_the_renewal() {
        let gb = |exclusions: Value| {
            let mut fields = json!({"locations": [{"country": "GB"}]});
            if !exclusions.is_null() {
                fields["adequacy_exclusions"] = exclusions;
            }
            aws(fields)
        };
        let before = d(2024, 1, 1);
        let after = d(2026, 1, 1);
        let excluded = json!(["gb_immigration_control"]);
        let found = run(
            &TransferWithoutSafeguard,
            gb(excluded.clone()),
            uses_aws(json!([])),
            before,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0].message.contains("gb_immigration_control"),
            "{}",
            found[0].message
        );
        assert!(
            run(
                &TransferWithoutSafeguard,
                gb(excluded),
                uses_aws(json!([])),
                after
            )
            .is_empty()
        );
        let unstated = run(
            &TransferWithoutSafeguard,
            gb(Value::Null),
            uses_aws(json!([])),
            before,
        );
        assert_eq!(unstated.len(), 1);
        assert_eq!(unstated[0].severity, Severity::Warning);
        assert!(
            run(
                &TransferWithoutSafeguard,
                gb(Value::Null),
                uses_aws(json!([])),
                after
            )
            .is_empty()
        );
    }

    #[test]
    fn korea_and_japan_cover_only_their_scope() {
        let as_of = d(2026, 11, 25);
        let kr = |exclusions: Value| {
            aws(
                json!({"locations": [{"country": "KR"}], "role": "controller",
                "adequacy_exclusions": exclusions}),
            )
        };
        let credit = run(
            &TransferWithoutSafeguard,
            kr(json!(["kr_credit_information"])),
            uses_aws(json!([])),
            as_of,
        );
        assert_eq!(credit.len(), 1);
        assert_eq!(credit[0].severity, Severity::Error);
        assert!(
            run(
                &TransferWithoutSafeguard,
                kr(json!([])),
                uses_aws(json!([])),
                as_of
            )
            .is_empty()
        );
        // An exclusion of another decision does not matter here.
        assert!(
            run(
                &TransferWithoutSafeguard,
                kr(json!(["gb_immigration_control"])),
                uses_aws(json!([])),
                as_of
            )
            .is_empty()
        );
        let jp = |role: &str| {
            aws(json!({"locations": [{"country": "JP"}], "role": role, "adequacy_exclusions": []}))
        };
        let ministry = run(
            &TransferWithoutSafeguard,
            jp("authority"),
            uses_aws(json!([])),
            as_of,
        );
        assert_eq!(ministry.len(), 1);
        assert!(
            ministry[0].message.contains("public authority"),
            "{}",
            ministry[0].message
        );
        assert!(
            run(
                &TransferWithoutSafeguard,
                jp("processor"),
                uses_aws(json!([])),
                as_of
            )
            .is_empty()
        );
    }

    #[test]
    fn outermost_regions_and_aland_are_no_transfer() {
        for code in ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"] {
            let v = aws(json!({"locations": [{"country": code}]}));
            assert!(
                run(
                    &TransferWithoutSafeguard,
                    v,
                    uses_aws(json!([])),
                    d(2026, 11, 25)
                )
                .is_empty(),
                "{code}"
            );
            let v = aws(json!({"locations": [{"country": code}]}));
            assert!(
                run(&UndeclaredTransfer, v, uses_aws(json!([])), d(2026, 11, 25)).is_empty(),
                "{code}"
            );
        }
    }

    #[test]
    fn partner_recipients_outside_the_eea_are_transfers() {
        let as_of = d(2026, 11, 25);
        let partner = |transfers: Value| {
            activity_with(json!({
                "recipients": [{"kind": "partner", "name": "Mumbai reseller", "country": "IN"}],
                "transfers": transfers,
            }))
        };
        let undeclared = check(
            &UndeclaredTransfer,
            &register(vec![], vec![partner(json!([]))]),
            as_of,
        );
        assert_eq!(undeclared.len(), 1);
        assert_eq!(undeclared[0].severity, Severity::Error);
        let unframed = check(
            &TransferWithoutSafeguard,
            &register(vec![], vec![partner(json!([]))]),
            as_of,
        );
        assert_eq!(unframed.len(), 1);
        let framed = partner(json!([{"country": "IN", "importer": "Mumbai reseller",
            "mechanism": "scc_2021_914", "scc_module": "one"}]));
        let register = register(vec![], vec![framed]);
        assert!(check(&UndeclaredTransfer, &register, as_of).is_empty());
        assert!(check(&TransferWithoutSafeguard, &register, as_of).is_empty());
    }

    #[test]
    fn uk_adequacy_is_continuous_across_its_renewal() {
        let gb = || aws(json!({"locations": [{"country": "GB"}], "adequacy_exclusions": []}));
        for date in [
            d(2021, 6, 28),
            d(2025, 12, 19),
            d(2025, 12, 28),
            d(2031, 12, 27),
        ] {
            assert!(
                run(&TransferWithoutSafeguard, gb(), uses_aws(json!([])), date).is_empty(),
                "{date}"
            );
        }
        assert_eq!(
            run(
                &TransferWithoutSafeguard,
                gb(),
                uses_aws(json!([])),
                d(2021, 6, 27)
            )
            .len(),
            1
        );
        // `UK` is read as `GB`.
        let uk = aws(json!({"locations": [{"country": "UK"}]}));
        assert!(
            run(
                &TransferWithoutSafeguard,
                uk,
                uses_aws(json!([])),
                d(2026, 11, 25)
            )
            .is_empty()
        );
    }

    #[test]
    fn former_sccs_cover_transfers_until_2022_12_27_inclusive() {
        let old = |date: Value| {
            aws(
                json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2010_87", "date": date}]}),
            )
        };
        assert!(
            run(
                &TransferWithoutSafeguard,
                old(json!("2018-05-25")),
                uses_aws(json!([])),
                d(2022, 12, 27)
            )
            .is_empty()
        );
        let found = run(
            &TransferWithoutSafeguard,
            old(json!("2018-05-25")),
            uses_aws(json!([])),
            d(2022, 12, 28),
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("after 2022-12-27"),
            "{}",
            found[0].message
        );
        // Signed on or after the repeal of 27 September 2021: never valid.
        let late = run(
            &TransferWithoutSafeguard,
            old(json!("2021-09-27")),
            uses_aws(json!([])),
            d(2022, 1, 1),
        );
        assert_eq!(late.len(), 1);
        assert!(
            run(
                &TransferWithoutSafeguard,
                old(json!("2021-09-26")),
                uses_aws(json!([])),
                d(2022, 1, 1)
            )
            .is_empty()
        );
        for m in ["scc_2001_497", "scc_2004_915"] {
            let v = aws(json!({"transfer_safeguards": [{"country": "US", "mechanism": m}]}));
            assert_eq!(
                run(
                    &TransferWithoutSafeguard,
                    v,
                    uses_aws(json!([])),
                    d(2026, 11, 25)
                )
                .len(),
                1,
                "{m}"
            );
        }
        // The 2021/914 clauses apply from 27 June 2021.
        let new = || {
            aws(
                json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
            )
        };
        assert!(
            run(
                &TransferWithoutSafeguard,
                new(),
                uses_aws(json!([])),
                d(2021, 6, 27)
            )
            .is_empty()
        );
        assert_eq!(
            run(
                &TransferWithoutSafeguard,
                new(),
                uses_aws(json!([])),
                d(2021, 6, 26)
            )
            .len(),
            1
        );
    }

    #[test]
    fn privacy_shield_is_never_a_mechanism() {
        let v = aws(json!({"dpf_certified": true}));
        let a =
            uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "privacy_shield"}]));
        for date in [d(2019, 1, 1), d(2026, 11, 25)] {
            let found = run(&TransferWithoutSafeguard, v.clone(), a.clone(), date);
            assert_eq!(found.len(), 1);
            assert!(found[0].message.contains("C-311/18"));
        }
    }

    #[test]
    fn unknown_importer_of_a_restricted_decision_is_a_warning() {
        let a = activity_with(
            json!({"transfers": [{"country": "US", "importer": "Acme Inc.", "mechanism": "adequacy_decision"}]}),
        );
        let found = check(
            &TransferWithoutSafeguard,
            &register(vec![], vec![a]),
            d(2026, 11, 25),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn international_organisation_adequacy() {
        let a = activity_with(
            json!({"transfers": [{"international_organisation": "European Patent Office", "mechanism": "adequacy_decision"}]}),
        );
        let reg = register(vec![], vec![a]);
        assert!(check(&TransferWithoutSafeguard, &reg, d(2025, 7, 15)).is_empty());
        assert_eq!(
            check(&TransferWithoutSafeguard, &reg, d(2025, 7, 14)).len(),
            1
        );
    }

    #[test]
    fn eea_transfer_is_information_only() {
        let a = uses_aws(json!([{"country": "DE", "vendor": "aws"}]));
        let v = aws(json!({"locations": [{"country": "DE"}]}));
        let found = run(&TransferWithinEea, v.clone(), a.clone(), d(2026, 11, 25));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/country"));
        assert!(run(&TransferWithoutSafeguard, v, a, d(2026, 11, 25)).is_empty());
    }

    #[test]
    fn art49_3_derogations_are_withheld_from_public_authorities() {
        let transfer = |m: &str| {
            activity_with(json!({"transfers": [
                {"country": "IN", "importer": "Lab", "mechanism": m, "documentation": "TIA-4"}
            ]}))
        };
        let as_of = d(2026, 11, 25);
        for m in [
            "derogation_explicit_consent",
            "derogation_contract",
            "derogation_contract_in_interest",
            "compelling_legitimate_interests",
        ] {
            let mut reg = register(vec![], vec![transfer(m)]);
            assert!(
                check(&TransferWithoutSafeguard, &reg, as_of).is_empty(),
                "{m}"
            );
            reg.config.item.organisation.public_authority = true;
            let found = check(&TransferWithoutSafeguard, &reg, as_of);
            assert_eq!(found.len(), 1, "{m}");
            assert_eq!(found[0].severity, Severity::Error);
            assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
            assert!(
                found[0].message.contains("Art. 49(3)"),
                "{}",
                found[0].message
            );
        }
        // Points (d) to (g) remain open to public authorities.
        for m in [
            "derogation_public_interest",
            "derogation_legal_claims",
            "derogation_vital_interests",
            "derogation_public_register",
        ] {
            let mut reg = register(vec![], vec![transfer(m)]);
            reg.config.item.organisation.public_authority = true;
            assert!(
                check(&TransferWithoutSafeguard, &reg, as_of).is_empty(),
                "{m}"
            );
        }
        // A vendor's safeguard is read the same way.
        let v = aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "derogation_contract"}]}),
        );
        let mut reg = register(vec![v], vec![uses_aws(json!([]))]);
        reg.config.item.organisation.public_authority = true;
        let found = check(&TransferWithoutSafeguard, &reg, as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/recipients/0"));
    }

    #[test]
    fn compelling_interests_exclude_continuous_transfers() {
        let transfer = |frequency: Value| {
            let mut t = json!({"country": "IN", "importer": "Lab", "documentation": "TIA-4",
                "mechanism": "compelling_legitimate_interests"});
            if !frequency.is_null() {
                t["frequency"] = frequency;
            }
            register(vec![], vec![activity_with(json!({"transfers": [t]}))])
        };
        let as_of = d(2026, 11, 25);
        let found = check(
            &TransferWithoutSafeguard,
            &transfer(json!("continuous")),
            as_of,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0].message.contains("not repetitive"),
            "{}",
            found[0].message
        );
        for f in [json!("one_off"), Value::Null] {
            assert!(
                check(&TransferWithoutSafeguard, &transfer(f.clone()), as_of).is_empty(),
                "{f}"
            );
        }
        // Recital 111 and EDPB Guidelines 2/2018: (b), (c) and (e) cover occasional transfers
        // only; the important public interest of (d) is not so limited.
        let with = |mechanism: &str| {
            let a = activity_with(json!({"transfers": [{"country": "IN", "importer": "Hotel",
                "mechanism": mechanism, "frequency": "continuous"}]}));
            check(&TransferWithoutSafeguard, &register(vec![], vec![a]), as_of)
        };
        for m in [
            "derogation_contract",
            "derogation_contract_in_interest",
            "derogation_legal_claims",
        ] {
            let found = with(m);
            assert_eq!(found.len(), 1, "{m}");
            assert!(
                found[0].message.contains("occasional"),
                "{}",
                found[0].message
            );
        }
        assert!(with("derogation_public_interest").is_empty());
    }

    #[test]
    fn compelling_interests_need_documentation() {
        let a = activity_with(
            json!({"transfers": [{"country": "IN", "importer": "Lab", "mechanism": "compelling_legitimate_interests"}]}),
        );
        let found = check(
            &UndocumentedCompellingInterests,
            &register(vec![], vec![a]),
            d(2026, 11, 25),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/transfers/0/mechanism"));
        let documented = activity_with(
            json!({"transfers": [{"country": "IN", "importer": "Lab", "mechanism": "compelling_legitimate_interests", "documentation": "TIA-4"}]}),
        );
        assert!(
            check(
                &UndocumentedCompellingInterests,
                &register(vec![], vec![documented]),
                d(2026, 11, 25)
            )
            .is_empty()
        );
        // Documented in the vendor's safeguard for the same country and mechanism.
        let v = aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "compelling_legitimate_interests", "documentation": "TIA-5"}]}),
        );
        let a = uses_aws(
            json!([{"country": "US", "vendor": "aws", "mechanism": "compelling_legitimate_interests"}]),
        );
        assert!(run(&UndocumentedCompellingInterests, v, a, d(2026, 11, 25)).is_empty());
    }

    #[test]
    fn scc_version_and_module() {
        let v = aws(json!({"role": "sub_processor", "transfer_safeguards": [
            {"country": "US", "mechanism": "standard_contractual_clauses"},
            {"country": "IN", "mechanism": "scc_2021_914"},
            {"country": "JP", "mechanism": "scc_2021_914", "scc_module": "three"},
        ]}));
        let a = uses_aws(json!([]));
        let unstated = run(&SccVersionUnstated, v.clone(), a.clone(), d(2026, 11, 25));
        assert_eq!(unstated.len(), 1);
        assert_eq!(
            unstated[0].pointer.as_deref(),
            Some("/vendors/0/transfer_safeguards/0/mechanism")
        );
        assert!(
            unstated[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("`scc_module: three`")
        );
        let no_module = run(&SccModuleMissing, v, a, d(2026, 11, 25));
        assert_eq!(no_module.len(), 1);
        assert_eq!(
            no_module[0].pointer.as_deref(),
            Some("/vendors/0/transfer_safeguards/1/mechanism")
        );
        // An activity's transfer takes the module of the vendor's matching safeguard.
        let v = aws(
            json!({"transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "scc_module": "two"}]}),
        );
        let a = uses_aws(json!([{"country": "US", "vendor": "aws", "mechanism": "scc_2021_914"}]));
        assert!(run(&SccModuleMissing, v, a, d(2026, 11, 25)).is_empty());
    }

    #[test]
    fn usual_modules() {
        use ActivityRole::*;
        assert_eq!(
            usual_module(Some(Controller), VendorRole::Processor),
            Some(SccModule::Two)
        );
        assert_eq!(
            usual_module(Some(Processor), VendorRole::SubProcessor),
            Some(SccModule::Three)
        );
        assert_eq!(
            usual_module(Some(Processor), VendorRole::Controller),
            Some(SccModule::Four)
        );
        assert_eq!(
            usual_module(Some(JointController), VendorRole::Controller),
            Some(SccModule::One)
        );
        assert_eq!(
            usual_module(None, VendorRole::Processor),
            Some(SccModule::Two)
        );
        assert_eq!(usual_module(None, VendorRole::Authority), None);
    }

    #[test]
    fn location_without_country() {
        let v = aws(json!({"locations": [{"country": "FR"}, {"region": "Europe"}, {}]}));
        let found = run(
            &LocationWithoutCountry,
            v,
            uses_aws(json!([])),
            d(2026, 11, 25),
        );
        let pointers: Vec<_> = found.iter().filter_map(|f| f.pointer.as_deref()).collect();
        assert_eq!(
            pointers,
            ["/vendors/0/locations/1", "/vendors/0/locations/2"]
        );
        assert!(found[0].message.contains("`Europe`"));
    }
}
