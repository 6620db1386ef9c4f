//! RP205: a basis in law (Art. 6(1)(c), (e); Art. 9(2)(b), (g) to (j)) with no law cited.

use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::{Art9Condition, Language, LegalBasis};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That the record cites the law a basis rests on when the Regulation requires one:
    /// - a purpose whose `legal_basis` is `legal_obligation` or `public_task` gives its
    ///   `legal_reference`;
    /// - a data category whose `art9_condition` is `employment_social_security` (b),
    ///   `substantial_public_interest` (g), `health_or_social_care` (h), `public_health` (i) or
    ///   `archiving_research_statistics` (j) gives its `art9_reference`.
    ///
    /// ## Why
    /// "The basis for the processing referred to in point (c) and (e) of paragraph 1 shall be
    /// laid down by: (a) Union law; or (b) Member State law to which the controller is subject"
    /// (Art. 6(3)). The conditions of Art. 9(2)(b), (g), (h), (i) and (j) rest on "Union or
    /// Member State law" (or, for (b), a collective agreement, and for (h), a contract with a
    /// health professional). A record that does not cite the law cannot show that the basis
    /// exists, and the EDPB asks for the legal obligation behind retention to be cited in the
    /// record.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Keeping invoices
    ///     legal_basis: legal_obligation
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    ///     legal_reference: Code de commerce, article L123-22
    /// ```
    pub struct LegalReferenceMissing { code: "RP205", name: "legal-reference-missing", severity: Warning, summary: "A basis that rests on a law cites no law" }
}

/// The Art. 9(2) conditions that rest on Union or Member State law.
const IN_LAW: [Art9Condition; 5] = [
    Art9Condition::EmploymentSocialSecurity,
    Art9Condition::SubstantialPublicInterest,
    Art9Condition::HealthOrSocialCare,
    Art9Condition::PublicHealth,
    Art9Condition::ArchivingResearchStatistics,
];

impl Rule for LegalReferenceMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, p) in a.item.purposes.iter().enumerate() {
                let Some(basis) = p
                    .legal_basis
                    .filter(|b| matches!(b, LegalBasis::LegalObligation | LegalBasis::PublicTask))
                else {
                    continue;
                };
                if p.legal_reference
                    .as_deref()
                    .is_some_and(|r| !r.trim().is_empty())
                {
                    continue;
                }
                let article = legal::term(basis)
                    .and_then(|t| t.article(Language::En))
                    .unwrap_or("Art. 6(1)");
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/purposes/{i}/legal_basis"),
                            format!(
                                "purpose `{}` relies on {article} (`{}`), but the record does not cite the Union or Member State law that lays it down (Art. 6(3))",
                                p.description.trim(),
                                crate::model::yaml_name(&basis)
                            ),
                        )
                        .help("cite the law in `legal_reference`, for example `Code de commerce, article L123-22`"),
                );
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                let Some(condition) = c.art9_condition.filter(|k| IN_LAW.contains(k)) else {
                    continue;
                };
                if c.art9_reference
                    .as_deref()
                    .is_some_and(|r| !r.trim().is_empty())
                {
                    continue;
                }
                let article = legal::term(condition)
                    .and_then(|t| t.article(Language::En))
                    .unwrap_or("Art. 9(2)");
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/data_categories/{i}/art9_condition"),
                            format!(
                                "data category `{}` relies on {article} (`{}`), which rests on Union or Member State law, but the record does not cite it",
                                c.id,
                                crate::model::yaml_name(&condition)
                            ),
                        )
                        .help("cite the law (or, for point (b), the collective agreement) in `art9_reference`"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{activity_with, check, d, register};
    use serde_json::json;

    fn found(category: serde_json::Value) -> Vec<Diagnostic> {
        let act = activity_with(json!({"data_categories": [category]}));
        check(
            &LegalReferenceMissing,
            &register(vec![], vec![act]),
            d(2026, 11, 25),
        )
    }

    #[test]
    fn art9_conditions_that_rest_on_law_cite_it() {
        for condition in [
            "employment_social_security",
            "substantial_public_interest",
            "health_or_social_care",
            "public_health",
            "archiving_research_statistics",
        ] {
            let category = |reference: Option<&str>| {
                json!({"id": "health", "name": "Health", "special_category": "health",
                    "art9_condition": condition, "art9_reference": reference})
            };
            let uncited = found(category(None));
            assert_eq!(uncited.len(), 1, "{condition}");
            assert_eq!(
                uncited[0].pointer.as_deref(),
                Some("/data_categories/0/art9_condition")
            );
            assert!(
                uncited[0].message.contains(
                    "which rests on Union or Member State law, but the record does not cite it"
                ),
                "{}",
                uncited[0].message
            );
            assert!(found(category(Some("Code de la santé publique, art. L1110-4"))).is_empty());
        }
        // Conditions that rest on no law need no reference.
        for condition in ["explicit_consent", "vital_interests", "legal_claims"] {
            assert!(
                found(
                    json!({"id": "health", "name": "Health", "special_category": "health",
                    "art9_condition": condition})
                )
                .is_empty(),
                "{condition}"
            );
        }
    }

    #[test]
    fn a_legal_obligation_or_public_task_cites_its_law() {
        for basis in ["legal_obligation", "public_task"] {
            let purpose = |reference: Option<&str>| {
                let act = activity_with(json!({"purposes": [{"description": "Tax collection",
                    "legal_basis": basis, "legal_reference": reference}]}));
                check(
                    &LegalReferenceMissing,
                    &register(vec![], vec![act]),
                    d(2026, 11, 25),
                )
            };
            let uncited = purpose(None);
            assert_eq!(uncited.len(), 1, "{basis}");
            assert_eq!(
                uncited[0].pointer.as_deref(),
                Some("/purposes/0/legal_basis")
            );
            assert!(uncited[0].message.contains("(Art. 6(3))"));
            assert!(purpose(Some("Code général des impôts, art. 1")).is_empty());
        }
    }
}
