//! RP300 `special-category-without-condition`: special-category data has no Art. 9(2) condition.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every data category of a controller record marked with a `special_category` names the
    /// Art. 9(2) condition it is processed under (`art9_condition`). Processor records are not
    /// checked: the condition is the controller's.
    ///
    /// ## Why
    /// Art. 9(1) prohibits processing data revealing racial or ethnic origin, political opinions,
    /// religious or philosophical beliefs or trade-union membership, and genetic, biometric
    /// (for unique identification), health and sex life or sexual orientation data. The
    /// prohibition is lifted only by one of the ten conditions of Art. 9(2), which comes on top of
    /// an Art. 6(1) legal basis.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: sick-leave
    ///     name: Sick leave certificates
    ///     special_category: health
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    /// data_categories:
    ///   - id: sick-leave
    ///     name: Sick leave certificates
    ///     special_category: health
    ///     art9_condition: employment_social_security
    /// ```
    pub struct SpecialCategoryWithoutCondition { code: "RP300", name: "special-category-without-condition", severity: Error, summary: "Special-category data has no Art. 9(2) condition" }
}

impl Rule for SpecialCategoryWithoutCondition {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            if !a.item.role.is_controller() {
                continue;
            }
            for (i, c) in a.item.data_categories.iter().enumerate() {
                if let Some(special) = c.special_category
                    && c.art9_condition.is_none()
                {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}/special_category"),
                                format!(
                                    "data category `{}` is special-category data (`{}`) but no Art. 9(2) condition is recorded",
                                    c.id,
                                    yaml_key(&special)
                                ),
                            )
                            .help("add `art9_condition:` with the Art. 9(2) condition relied on, for example `explicit_consent`, `employment_social_security` or `health_or_social_care`"),
                    );
                }
            }
        }
    }
}
