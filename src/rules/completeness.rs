//! Completeness of the record against Art. 30: who keeps it and how to reach them (30(1)(a),
//! 30(2)(a)), and the items every controller record (30(1)) and processor record (30(2)) contains.

use super::{Context, Rule};
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{ActivityRole, Party};

mod dpo_mandatory;
mod joint_arrangement_missing;
mod representative_missing;

pub(super) const RULES: &[&dyn Rule] = &[
    &ControllerIdentityIncomplete,
    &ControllerRecordIncomplete,
    &ProcessorRecordIncomplete,
    &NoDpoRecorded,
    &dpo_mandatory::DpoMandatory,
    &representative_missing::RepresentativeMissing,
    &joint_arrangement_missing::JointArrangementMissing,
];

/// Whether an optional text is present and not blank.
pub(super) fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Whether a party gives a postal address, an e-mail address or a telephone number, its own or
/// its contact person's.
fn party_reachable(p: &Party) -> bool {
    filled(&p.address)
        || filled(&p.email)
        || filled(&p.phone)
        || p.contact
            .as_ref()
            .is_some_and(|c| filled(&c.email) || filled(&c.phone))
}

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` gives the organisation's name and at least one contact detail (`address`,
    /// `email` or `phone`), and that a DPO or representative, where one is recorded, has one too
    /// (its own or its `contact` person's e-mail or phone).
    ///
    /// ## Why
    /// Art. 30(1)(a) and 30(2)(a) require the record to contain the name **and contact details**
    /// of the controller or processor and, where applicable, of its representative and its data
    /// protection officer. A name alone does not let a supervisory authority or a data subject
    /// reach anyone.
    ///
    /// ## Example
    /// ```yaml
    /// organisation:
    ///   name: Acme SAS
    /// dpo:
    ///   name: Jane Doe
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// organisation:
    ///   name: Acme SAS
    ///   address: 1 rue de la Paix, 75002 Paris
    ///   email: privacy@acme.example
    /// dpo:
    ///   name: Jane Doe
    ///   email: dpo@acme.example
    /// ```
    pub struct ControllerIdentityIncomplete { code: "RP100", name: "controller-identity-incomplete", severity: Error, summary: "The organisation, its DPO or its representative has no contact details" }
}

impl Rule for ControllerIdentityIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        let file = &config.item;
        let org = &file.organisation;
        if org.name.trim().is_empty() {
            out.push(
                Self::META
                    .diagnostic("the organisation has no name")
                    .at(config.file.clone(), config.at("/organisation/name"))
                    .help("write the legal name in `organisation.name`"),
            );
        }
        if !(filled(&org.address) || filled(&org.email) || filled(&org.phone)) {
            out.push(
                Self::META
                    .diagnostic(format!(
                        "the organisation `{}` has no contact details: no address, e-mail or phone",
                        org.name.trim()
                    ))
                    .at(config.file.clone(), config.at("/organisation"))
                    .help("add `address:`, `email:` or `phone:` under `organisation`"),
            );
        }
        for (key, what, party) in [
            ("dpo", "data protection officer", &file.dpo),
            ("representative", "representative", &file.representative),
        ] {
            if let Some(p) = party
                && !party_reachable(p)
            {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "the {what} `{}` has no contact details: no address, e-mail or phone",
                            p.name.trim()
                        ))
                        .at(config.file.clone(), config.at(&format!("/{key}")))
                        .help(format!(
                            "add `address:`, `email:` or `phone:` under `{key}`"
                        )),
                );
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` records a data protection officer (`dpo`), or states that none is
    /// designated (`no_dpo`). When Art. 37(1) makes a DPO mandatory, `dpo-mandatory` reports it
    /// as an error.
    ///
    /// ## Why
    /// Where a DPO is designated (mandatory in the cases of Art. 37(1), voluntary otherwise), the
    /// record must give the DPO's name and contact details (Art. 30(1)(a), 30(2)(a)). Many
    /// organisations need none; this finding only asks to confirm it.
    ///
    /// ## Example
    /// A `ropa.yaml` with `organisation:` and no `dpo:` key.
    ///
    /// ## How to fix
    /// Record the DPO:
    /// ```yaml
    /// dpo:
    ///   name: Jane Doe
    ///   email: dpo@acme.example
    /// ```
    /// or, when none is designated, say so and why in `no_dpo` (documents then print "None"
    /// rather than "Not stated").
    pub struct NoDpoRecorded { code: "RP103", name: "no-dpo-recorded", severity: Info, summary: "No data protection officer is recorded" }
}

impl Rule for NoDpoRecorded {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        if config.item.dpo.is_none() && config.item.no_dpo.is_none() {
            out.push(
                Self::META
                    .diagnostic("the record does not state whether a data protection officer is designated")
                    .at(config.file.clone(), config.at(""))
                    .help("where a DPO is designated, add `dpo:` with `name:` and `email:`; otherwise state it and why in `no_dpo:`"),
            );
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every controller record (role `controller` or `joint_controller`) states its
    /// `purposes`, `data_subjects`, `data_categories` and `recipients` (errors), has at least one
    /// `retention` rule and one of the `security_measures` (warnings), and that a joint controller
    /// record names the `joint_controllers`, each with contact details (errors).
    ///
    /// ## Why
    /// Art. 30(1) lists what a controller's record contains: (a) the name and contact details of
    /// the controller and, where applicable, of the joint controllers, (b) the purposes, (c) the
    /// categories of data subjects and of personal data, (d) the categories of recipients. The
    /// time limits for erasure (f) and the security measures (g) are due only "where possible",
    /// so their absence is a warning. Transfers to third countries (e), due "where applicable",
    /// are checked by RP500 to RP502.
    ///
    /// ## Example
    /// ```yaml
    /// id: newsletter
    /// name: Newsletter
    /// role: joint_controller
    /// created: 2026-01-10
    /// updated: 2026-01-10
    /// purposes:
    ///   - description: Sending the monthly newsletter
    ///     legal_basis: consent
    ///     consent_record: Sign-up form log
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// joint_controllers:
    ///   - name: Partner SA
    ///     email: privacy@partner.example
    /// data_subjects:
    ///   - id: subscribers
    ///     name: Newsletter subscribers
    /// data_categories:
    ///   - id: contact
    ///     name: E-mail address
    /// recipients:
    ///   - kind: internal
    ///     name: Marketing department
    /// retention:
    ///   - periods:
    ///       - until: unsubscription
    ///     end_action: delete
    /// security_measures: [access-control]
    /// ```
    pub struct ControllerRecordIncomplete { code: "RP101", name: "controller-record-incomplete", severity: Error, summary: "A controller record lacks an item of Art. 30(1)" }
}

impl Rule for ControllerRecordIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if !act.role.is_controller() {
                continue;
            }
            let mut missing = |severity: Severity, message: &str, help: &str| {
                let mut d = Self::META.on_activity(a, "", message).help(help);
                d.severity = severity;
                out.push(d);
            };
            if act.purposes.is_empty() {
                missing(
                    Severity::Error,
                    "the controller record states no purposes (Art. 30(1)(b))",
                    "add `purposes:` with a `description:` and a `legal_basis:` for each purpose",
                );
            }
            if act.data_subjects.is_empty() {
                missing(
                    Severity::Error,
                    "the controller record states no categories of data subjects (Art. 30(1)(c))",
                    "add `data_subjects:` with an `id:` and a `name:` for each category",
                );
            }
            if act.data_categories.is_empty() {
                missing(
                    Severity::Error,
                    "the controller record states no categories of personal data (Art. 30(1)(c))",
                    "add `data_categories:` with an `id:` and a `name:` for each category",
                );
            }
            if act.recipients.is_empty() {
                missing(
                    Severity::Error,
                    "the controller record states no recipients (Art. 30(1)(d))",
                    "add `recipients:`, at least the internal department that processes the data (`kind: internal`, `name:`)",
                );
            }
            if act.retention.is_empty() {
                missing(
                    Severity::Warning,
                    "the controller record states no time limit for erasure (Art. 30(1)(f))",
                    "add `retention:` with `periods:` (a `duration:` such as `P3Y`, or `until:` an event) and an `end_action:`",
                );
            }
            if act.security_measures.is_empty() {
                missing(
                    Severity::Warning,
                    "the controller record describes no security measures (Art. 30(1)(g))",
                    "add `security_measures:` listing ids from measures.yaml",
                );
            }
            if act.role == ActivityRole::JointController && act.joint_controllers.is_empty() {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/role",
                            "the record's role is `joint_controller` but it names no joint controllers (Art. 30(1)(a))",
                        )
                        .help("add `joint_controllers:` with the `name:` and `address:`, `email:` or `phone:` of each"),
                );
            }
            if act.role == ActivityRole::JointController {
                // Contact details are required by Art. 30(1)(a), not "where possible": an error,
                // like a DPO's or representative's (RP100).
                for (i, p) in act.joint_controllers.iter().enumerate() {
                    if !party_reachable(p) {
                        out.push(
                            Self::META
                                .on_activity(
                                    a,
                                    &format!("/joint_controllers/{i}"),
                                    format!(
                                        "joint controller `{}` has no contact details (Art. 30(1)(a))",
                                        p.name.trim()
                                    ),
                                )
                                .help("add `address:`, `email:`, `phone:` or a `contact:` person"),
                        );
                    }
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it checks
    /// That every processor record (role `processor`) names the `controllers` on whose behalf the
    /// organisation acts (an error when it names none), gives each one's contact details (a
    /// warning when a controller has none), states the categories of processing
    /// (`processing_categories`, or at least a `description`; an error), and lists
    /// `security_measures` (a warning).
    ///
    /// ## Why
    /// Art. 30(2) lists what a processor's record contains: (a) the name and contact details of
    /// each controller on whose behalf the processor acts, (b) the categories of processing
    /// carried out on behalf of each controller, (c) where applicable, transfers to third
    /// countries (checked by RP500 to RP502), and, "where possible", (d) a general description of
    /// the security measures of Art. 32(1). A processor serving many customers often describes
    /// them as a class and keeps their contact details in its customer records; a controller
    /// named without contact details is therefore a warning, to be checked, not an error.
    ///
    /// ## Example
    /// ```yaml
    /// id: sms-sending
    /// name: Sending SMS for customers
    /// role: processor
    /// created: 2026-01-10
    /// updated: 2026-01-10
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// controllers:
    ///   - name: Each customer subscribing to the service
    ///     description: The customer's contact details are in its account
    ///     email: contracts@customers.example
    /// processing_categories:
    ///   - Routing of SMS campaigns to mobile operators
    /// security_measures: [access-control]
    /// ```
    pub struct ProcessorRecordIncomplete { code: "RP102", name: "processor-record-incomplete", severity: Error, summary: "A processor record lacks an item of Art. 30(2)" }
}

impl Rule for ProcessorRecordIncomplete {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            if act.role != ActivityRole::Processor {
                continue;
            }
            if act.controllers.is_empty() {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "",
                            "the processor record names no controller on whose behalf the processing is carried out (Art. 30(2)(a))",
                        )
                        .help("add `controllers:` with the `name:` and `address:`, `email:`, `phone:` or `contact:` of each controller (or a `description:` of the class of customers)"),
                );
            }
            for (i, p) in act.controllers.iter().enumerate() {
                if !party_reachable(p) {
                    let mut d = Self::META
                        .on_activity(
                            a,
                            &format!("/controllers/{i}"),
                            format!(
                                "controller `{}` has no contact details (Art. 30(2)(a))",
                                p.name.trim()
                            ),
                        )
                        .help("add `address:`, `email:`, `phone:` or a `contact:` person");
                    d.severity = Severity::Warning;
                    out.push(d);
                }
            }
            let has_categories = act
                .processing_categories
                .iter()
                .any(|c| !c.trim().is_empty());
            if !has_categories && !filled(&act.description) {
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "",
                            "the processor record states no categories of processing carried out for the controllers (Art. 30(2)(b))",
                        )
                        .help("add `processing_categories:` listing what is done on the controllers' behalf"),
                );
            }
            if act.security_measures.is_empty() {
                let mut d = Self::META
                    .on_activity(
                        a,
                        "",
                        "the processor record describes no security measures (Art. 30(2)(d))",
                    )
                    .help("add `security_measures:` listing ids from measures.yaml");
                d.severity = Severity::Warning;
                out.push(d);
            }
        }
    }
}
