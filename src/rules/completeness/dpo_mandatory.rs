//! RP104: the organisation must designate a DPO (Art. 37(1)) and the record names none.

use crate::diagnostics::Diagnostic;
use crate::model::{Activity, Art35Case, Wp248Criterion};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That `ropa.yaml` names a `dpo` when Art. 37(1) makes one mandatory:
    /// - (a) the organisation is a public authority or body (`organisation.public_authority`);
    /// - (b) an activity records regular and systematic monitoring on a large scale (the WP248
    ///   criteria `systematic_monitoring` and `large_scale` in `dpia.criteria`, or the Art.
    ///   35(3)(c) case `public_monitoring`);
    /// - (c) an activity processes special categories of data (Art. 9) or criminal data
    ///   (Art. 10) on a large scale (a data category with `special_category` or `criminal_data`
    ///   and the criterion `large_scale`, or the Art. 35(3)(b) case `large_scale_special_data`).
    ///
    /// An individual professional (`organisation.individual_professional`: a physician, other
    /// health professional or lawyer practising alone) does not process on a large scale
    /// (recital 91), so (b) and (c) do not apply to it. A statement `no_dpo` does not lift the
    /// obligation.
    ///
    /// ## Why
    /// "The controller and the processor shall designate a data protection officer in any case
    /// where: (a) the processing is carried out by a public authority or body, except for courts
    /// acting in their judicial capacity; (b) the core activities of the controller or the
    /// processor consist of processing operations which, by virtue of their nature, their scope
    /// and/or their purposes, require regular and systematic monitoring of data subjects on a
    /// large scale; or (c) the core activities of the controller or the processor consist of
    /// processing on a large scale of special categories of data pursuant to Article 9 and
    /// personal data relating to criminal convictions and offences referred to in Article 10"
    /// (Art. 37(1)).
    ///
    /// ## Example
    /// ```yaml
    /// organisation:
    ///   name: Commune de Saint-Martin
    ///   public_authority: true
    /// ```
    /// with no `dpo:`.
    ///
    /// ## How to fix
    /// Designate a DPO and record the name and contact details in `dpo:`. If the large-scale
    /// processing is not a core activity of the organisation (for (b) and (c)), or the body is a
    /// court acting in its judicial capacity, turn the rule off in `settings.rules` with a
    /// comment that says why.
    pub struct DpoMandatory { code: "RP104", name: "dpo-mandatory", severity: Error, summary: "Art. 37(1) requires a DPO and the record names none" }
}

/// The point of Art. 37(1) that an activity falls under, if any: (b) or (c).
fn large_scale_point(act: &Activity) -> Option<&'static str> {
    let dpia = act.dpia.as_ref()?;
    let large = dpia.criteria.contains(&Wp248Criterion::LargeScale);
    let special = act
        .data_categories
        .iter()
        .any(|c| c.special_category.is_some() || c.criminal_data);
    if dpia.art35_3.contains(&Art35Case::LargeScaleSpecialData) || (large && special) {
        return Some("(c)");
    }
    let monitoring = dpia
        .criteria
        .contains(&Wp248Criterion::SystematicMonitoring);
    if dpia.art35_3.contains(&Art35Case::PublicMonitoring) || (large && monitoring) {
        return Some("(b)");
    }
    None
}

impl Rule for DpoMandatory {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        if config.item.dpo.is_some() {
            return;
        }
        let organisation = &config.item.organisation;
        let reason = if organisation.public_authority {
            Some("the organisation is a public authority or body (Art. 37(1)(a))".to_string())
        } else if organisation.individual_professional {
            None
        } else {
            ctx.register.activities.iter().find_map(|a| {
                large_scale_point(&a.item).map(|point| {
                    format!(
                        "activity `{}` records {} on a large scale (Art. 37(1){point})",
                        a.item.id,
                        if point == "(c)" {
                            "special categories of data or criminal data"
                        } else {
                            "regular and systematic monitoring"
                        }
                    )
                })
            })
        };
        let Some(reason) = reason else {
            return;
        };
        out.push(
            Self::META
                .diagnostic(format!(
                    "{reason}, so a data protection officer must be designated, but the record names none"
                ))
                .at(config.file.clone(), config.at(""))
                .help("designate a DPO and add `dpo:` with `name:` and `email:`; if the large-scale processing is not a core activity, turn the rule off in `settings.rules` and say why"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{activity_with, check, d, register};
    use serde_json::json;

    /// The findings on a register of one activity with `fields`.
    fn found(fields: serde_json::Value, individual_professional: bool) -> Vec<Diagnostic> {
        let mut reg = register(vec![], vec![activity_with(fields)]);
        reg.config.item.organisation.individual_professional = individual_professional;
        check(&DpoMandatory, &reg, d(2026, 11, 25))
    }

    #[test]
    fn large_scale_core_activities_need_a_dpo_except_for_an_individual_professional() {
        let health = json!({
            "data_categories": [{"id": "health", "name": "Health", "special_category": "health"}],
            "dpia": {"criteria": ["large_scale"]},
        });
        let special = found(health.clone(), false);
        assert_eq!(special.len(), 1);
        assert!(
            special[0].message.contains(
                "activity `a` records special categories of data or criminal data on a large scale (Art. 37(1)(c))"
            ),
            "{}",
            special[0].message
        );
        let monitoring = found(
            json!({"dpia": {"criteria": ["large_scale", "systematic_monitoring"]}}),
            false,
        );
        assert_eq!(monitoring.len(), 1);
        assert!(
            monitoring[0]
                .message
                .contains("regular and systematic monitoring on a large scale (Art. 37(1)(b))"),
            "{}",
            monitoring[0].message
        );
        // Recital 91: a physician's or lawyer's processing is not on a large scale.
        assert!(found(health, true).is_empty());
        // Special data without a large scale is no Art. 37(1) case.
        assert!(
            found(
                json!({"data_categories": [{"id": "health", "name": "Health", "special_category": "health"}]}),
                false,
            )
            .is_empty()
        );
    }
}
