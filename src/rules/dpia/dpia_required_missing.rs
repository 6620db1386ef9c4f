//! RP700 `dpia-required-missing`: the activity needs a DPIA that is not done.

use super::*;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{CnilDpiaType, Wp248Criterion};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// Whether the activity needs a DPIA that it does not record as done. The WP248 criteria met
    /// are those listed in `dpia.criteria` plus two the checker infers: `sensitive_data` when a
    /// data category is a special category (Art. 9(1)) or criminal data (Art. 10), and
    /// `vulnerable_subjects` when a data subject category is `vulnerable`. A DPIA is required when
    /// the activity falls under a case of Art. 35(3) or a type of the CNIL's Art. 35(4) list
    /// (`dpia.cnil_list`), or meets two criteria or more, and `dpia.done` is not `true`: an
    /// error. The Art. 35(3) cases are those of `dpia.art35_3` plus two the checker infers:
    /// (a) when `automated_decision_making` records `profiling` and a `significant_effect`, and
    /// (b) when special-category or criminal data is processed with the criterion
    /// `large_scale`. `automated_decision_making` also gives the criteria `evaluation_scoring`
    /// (profiling) and `automated_decision` (a significant effect). When two criteria are met,
    /// no Art. 35(3) or Art. 35(4) case applies and `dpia.conclusion` records why no DPIA is
    /// needed, the finding is a warning so that the reasoning gets reviewed; a conclusion never
    /// lowers an Art. 35(3) or 35(4) case. For an individual professional
    /// (`organisation.individual_professional`) the processing is not on a large scale
    /// (recital 91): `large_scale` and case (b) are not counted. Processor records (role
    /// `processor`) are not checked: the DPIA is the controller's.
    ///
    /// ## Why
    /// The controller must carry out a DPIA before processing that is likely to result in a high
    /// risk (Art. 35(1)), and always in the three cases of Art. 35(3): (a) a systematic and
    /// extensive evaluation of personal aspects based on automated processing, including
    /// profiling, on which decisions with legal or similarly significant effects are based;
    /// (b) processing on a large scale of special categories of data (Art. 9(1)) or of data
    /// relating to criminal convictions and offences (Art. 10); (c) a systematic monitoring of
    /// a publicly accessible area on a large scale. The WP248 rev.01 guidelines,
    /// endorsed by the EDPB, say that processing meeting two of their nine criteria will in most
    /// cases require one; a controller that decides otherwise must document why. Supervisory
    /// authorities' lists under Art. 35(4) (the CNIL's, for instance) add further cases. A
    /// processor does not carry out the DPIA of its customers' processing; it assists the
    /// controller with it (Art. 28(3)(f)).
    ///
    /// ## Example
    /// ```yaml
    /// data_subjects:
    ///   - id: patients
    ///     name: Patients
    ///     vulnerable: true
    /// data_categories:
    ///   - id: health
    ///     name: Medical records
    ///     special_category: health
    /// dpia:
    ///   done: false
    /// ```
    /// meets `sensitive_data` and `vulnerable_subjects`.
    ///
    /// ## How to fix
    /// Carry out the DPIA and record it:
    /// ```yaml
    /// dpia:
    ///   criteria: [sensitive_data, vulnerable_subjects]
    ///   done: true
    ///   reference: DPIA-2026-03
    ///   date: 2026-03-02
    /// ```
    /// If, having assessed the processing, you conclude that it is not likely to result in a
    /// high risk, write why in `dpia.conclusion`, and accept the remaining warning with a waiver
    /// approved by the DPO.
    pub struct DpiaRequiredMissing { code: "RP700", name: "dpia-required-missing", severity: Error, summary: "The activity needs a DPIA that is not done" }
}

impl Rule for DpiaRequiredMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            // Art. 35(1) binds the controller; a processor only assists (Art. 28(3)(f)).
            if !act.role.is_controller() || act.dpia.as_ref().is_some_and(|d| d.done) {
                continue;
            }
            let individual = ctx
                .register
                .config
                .item
                .organisation
                .individual_professional;
            let mut met = met_criteria(act);
            if individual {
                // Recital 91: an individual professional's processing is not on a large scale.
                met.retain(|m| m.criterion != Wp248Criterion::LargeScale);
            }
            let cases = art35_cases(act, individual);
            let cnil: Vec<CnilDpiaType> = act
                .dpia
                .as_ref()
                .map(|d| d.cnil_list.clone())
                .unwrap_or_default();
            if met.len() < 2 && cases.is_empty() && cnil.is_empty() {
                continue;
            }
            let reasons = reasons(act, &met, &cases, &cnil);
            let pointer = match (&act.dpia, met.first()) {
                (Some(_), _) => "/dpia".to_string(),
                (
                    None,
                    Some(MetCriterion {
                        inferred_from: Some(p),
                        ..
                    }),
                ) => p.clone(),
                (None, _) => String::new(),
            };
            // Art. 35(3) and the supervisory authority's list leave no room for a conclusion.
            let justified = cases.is_empty()
                && cnil.is_empty()
                && act
                    .dpia
                    .as_ref()
                    .and_then(|d| d.conclusion.as_deref())
                    .is_some_and(|c| !c.trim().is_empty());
            let mut d = Self::META.on_activity(
                a,
                &pointer,
                if justified {
                    format!(
                        "the activity {} yet records no DPIA, only a conclusion that none is needed (WP248: two criteria generally require a DPIA)",
                        reasons.trim_end_matches(',')
                    )
                } else {
                    let basis = if !cases.is_empty() {
                        "Art. 35(1), 35(3)"
                    } else if !cnil.is_empty() {
                        "Art. 35(1), 35(4)"
                    } else {
                        "Art. 35(1); WP248: two criteria generally require a DPIA"
                    };
                    format!(
                        "the activity {reasons} but no DPIA is recorded as done ({basis})"
                    )
                },
            );
            if justified {
                d.severity = Severity::Warning;
                d = d.help("have the DPO review the conclusion; carry out the DPIA and set `dpia.done: true`, or accept the finding with a waiver");
            } else {
                d = d.help("carry out the DPIA, then set `dpia.done: true` with its `reference` and `date`; list the criteria under `dpia.criteria`");
            }
            out.push(d);
        }
    }
}

/// Why the activity needs a DPIA, as one clause ending with a comma: "falls under Art. 35(3)(b)
/// and meets 2 WP248 criteria, a and b,".
fn reasons(
    act: &Activity,
    met: &[MetCriterion],
    cases: &[Art35Case],
    cnil: &[CnilDpiaType],
) -> String {
    let mut reasons = Vec::new();
    if !cases.is_empty() {
        let cases: Vec<String> = cases.iter().map(|c| case_key(*c)).collect();
        reasons.push(format!("falls under {}", cases.join(", ")));
    }
    if !cnil.is_empty() {
        let types: Vec<String> = cnil
            .iter()
            .map(|t| format!("`{}`", crate::model::yaml_name(t)))
            .collect();
        reasons.push(format!(
            "is on the CNIL's Art. 35(4) list ({})",
            types.join(", ")
        ));
    }
    if !met.is_empty() {
        let listed: Vec<String> = met.iter().map(|m| describe_criterion(act, m)).collect();
        reasons.push(format!(
            "meets {} WP248 criteri{}, {},",
            met.len(),
            if met.len() == 1 { "on" } else { "a" },
            and_list(&listed)
        ));
    }
    let mut reasons = reasons.join(" and ");
    if !reasons.ends_with(',') {
        reasons.push(',');
    }
    reasons
}
