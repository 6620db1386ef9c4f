//! RP501 `transfer-without-safeguard`: a transfer outside the EEA has no mechanism valid on the check date.

use super::*;
use crate::diagnostics::{Diagnostic, Severity};
use crate::legal::{self, Adequacy, Requirement};
use crate::model::{Language, TransferFrequency, TransferMechanism};
use crate::rules::{Context, Rule};
use chrono::NaiveDate;

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
    let labels = |keys: &[crate::model::AdequacyExclusion]| {
        keys.iter()
            .map(|k| {
                format!(
                    "`{}` ({})",
                    crate::model::yaml_name(k),
                    legal::label(k, Language::En)
                )
            })
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
    let applying: Vec<crate::model::AdequacyExclusion> = decision
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
    if let Some(problem) = restriction_problem(flow, mechanism, public_authority) {
        return Some(problem);
    }
    match mechanism {
        TransferMechanism::AdequacyDecision => adequacy_problem(flow, as_of, true),
        // Left to scc-version-unstated and undocumented-compelling-interests.
        TransferMechanism::StandardContractualClauses
        | TransferMechanism::CompellingLegitimateInterests => None,
        _ if !legal::mechanism_info(mechanism).valid => invalid_mechanism(flow, mechanism),
        _ => former_clauses_problem(flow, mechanism, as_of),
    }
}

/// A mechanism used where its conditions exclude it: by a public authority when it is not
/// open to one (Art. 49(3)), or a one-off or occasional derogation for a continuous transfer.
fn restriction_problem(
    flow: &Flow<'_>,
    mechanism: TransferMechanism,
    public_authority: bool,
) -> Option<Problem> {
    let subject = flow.subject();
    let info = legal::mechanism_info(mechanism);
    if public_authority && info.not_for_public_authorities {
        return error(
            format!(
                "{subject} relies on `{}` ({}), which is not available to public authorities in the exercise of their public powers (Art. 49(3))",
                crate::model::yaml_name(&mechanism),
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
    None
}

/// A mechanism that is not (or no longer) one, such as the Privacy Shield.
fn invalid_mechanism(flow: &Flow<'_>, mechanism: TransferMechanism) -> Option<Problem> {
    let subject = flow.subject();
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
            crate::model::yaml_name(&mechanism)
        ),
        format!(
            "replace {} with a valid mechanism: `scc_2021_914` with its `scc_module`, or `adequacy_decision` for a US importer marked `dpf_certified: true` in vendors.yaml",
            flow.origin()
        ),
    )
}

/// Standard contractual clauses of a former decision: signed too late, or out of force on the
/// check date.
fn former_clauses_problem(
    flow: &Flow<'_>,
    mechanism: TransferMechanism,
    as_of: NaiveDate,
) -> Option<Problem> {
    let subject = flow.subject();
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
