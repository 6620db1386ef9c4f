//! RP206: a solely automated decision with legal or similar effect outside Art. 22(2) and (4).

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{Art9Condition, Art22Exception};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// For an activity whose `automated_decision_making` is `solely_automated` and has a
    /// `significant_effect`:
    /// - an error when it records no `exception` of Art. 22(2);
    /// - an error when the exception is `law` and no `legal_reference` is given;
    /// - an error when a data category is a special category of Art. 9(1) and its
    ///   `art9_condition` is neither `explicit_consent` nor `substantial_public_interest`
    ///   (Art. 22(4));
    /// - a warning when the exception is `contract` or `explicit_consent` and no `safeguards`
    ///   (Art. 22(3)) are recorded.
    ///
    /// ## Why
    /// "The data subject shall have the right not to be subject to a decision based solely on
    /// automated processing, including profiling, which produces legal effects concerning him
    /// or her or similarly significantly affects him or her" (Art. 22(1)), unless the decision
    /// is necessary for a contract, authorised by Union or Member State law, or based on
    /// explicit consent (Art. 22(2)). In the first and last cases the controller implements
    /// suitable measures, "at least the right to obtain human intervention on the part of the
    /// controller, to express his or her point of view and to contest the decision"
    /// (Art. 22(3)). Such decisions "shall not be based on special categories of personal data
    /// referred to in Article 9(1), unless point (a) or (g) of Article 9(2) applies" (Art. 22(4)).
    ///
    /// ## Example
    /// ```yaml
    /// automated_decision_making:
    ///   description: Applications scoring below the threshold are rejected automatically.
    ///   solely_automated: true
    ///   significant_effect: true
    /// ```
    ///
    /// ## How to fix
    /// Put a person in the loop who can change the outcome, or record the exception relied on
    /// and the measures:
    /// ```yaml
    ///   exception: explicit_consent
    ///   safeguards:
    ///     - Review by a case officer on request, within 15 days
    /// ```
    pub struct AutomatedDecisionWithoutException { code: "RP206", name: "automated-decision-without-exception", severity: Error, summary: "A solely automated decision with legal or similar effect lacks an Art. 22(2) exception or the Art. 22(4) conditions" }
}

impl Rule for AutomatedDecisionWithoutException {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let Some(adm) = a
                .item
                .automated_decision_making
                .as_ref()
                .and_then(|m| m.decisions())
            else {
                continue;
            };
            if !(adm.solely_automated && adm.significant_effect) {
                continue;
            }
            let at = "/automated_decision_making";
            match adm.exception {
                None => out.push(
                    Self::META
                        .on_activity(
                            a,
                            at,
                            "the activity takes decisions based solely on automated processing with legal or similarly significant effects, and the record states no exception of Art. 22(2)",
                        )
                        .help("record the `exception` relied on (`contract`, `law` or `explicit_consent`) with its safeguards, or have a person review each decision"),
                ),
                Some(Art22Exception::Law)
                    if adm.legal_reference.as_deref().is_none_or(|r| r.trim().is_empty()) =>
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("{at}/exception"),
                                "the automated decisions rely on an authorisation by law (Art. 22(2)(b)), but the record does not cite the law",
                            )
                            .help("cite the Union or Member State law in `legal_reference`"),
                    );
                }
                Some(Art22Exception::Contract | Art22Exception::ExplicitConsent)
                    if adm.safeguards.is_empty() =>
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("{at}/exception"),
                                "the record states none of the suitable measures of Art. 22(3): at least the right to obtain human intervention, to express one's point of view and to contest the decision",
                            )
                            .help("list the measures in `safeguards`")
                            .severity(Severity::Warning),
                    );
                }
                Some(_) => {}
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if c.special_category.is_none() {
                    continue;
                }
                let allowed = matches!(
                    c.art9_condition,
                    Some(Art9Condition::ExplicitConsent | Art9Condition::SubstantialPublicInterest)
                );
                if allowed {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/data_categories/{i}"),
                            format!(
                                "the solely automated decisions may rest on data category `{}`, a special category, but its condition is not explicit consent or substantial public interest (Art. 22(4), 9(2)(a), 9(2)(g))",
                                c.id
                            ),
                        )
                        .help("exclude the special category from the automated decision, obtain explicit consent, or cite the law of substantial public interest that allows it"),
                );
            }
        }
    }
}
