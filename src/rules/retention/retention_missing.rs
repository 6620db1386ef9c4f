//! RP400 `retention-missing`: a data category has no retention rule.

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That in a controller record with retention rules, every data category is covered by at
    /// least one of them. A rule covers the categories it lists in `data_categories`; a rule that
    /// lists none covers them all (for the `data_subjects` it names, or for its `scope`). A
    /// controller record with no retention rule at all is reported once, by RP101.
    ///
    /// ## Why
    /// Art. 30(1)(f) asks for "the envisaged time limits for erasure of the different categories
    /// of data", where possible; storage limitation (Art. 5(1)(e)) applies to every category. The
    /// CNIL's register sheet asks for a retention period on each data category row, and the
    /// Garante fined Foodinho in 2021 partly for a register that left categories out.
    ///
    /// ## Example
    /// ```yaml
    /// data_categories:
    ///   - id: identity
    ///     name: Identity and contact details
    ///   - id: connection-logs
    ///     name: Connection logs
    /// retention:
    ///   - data_categories: [identity]
    ///     periods:
    ///       - duration: P3Y
    ///         from: end of the business relationship
    ///     end_action: delete
    /// ```
    ///
    /// ## How to fix
    /// Add a rule for the category left out:
    /// ```yaml
    ///   - data_categories: [connection-logs]
    ///     periods:
    ///       - duration: P1Y
    ///         from: connection
    ///     end_action: delete
    /// ```
    pub struct RetentionMissing { code: "RP400", name: "retention-missing", severity: Warning, summary: "A data category has no retention rule" }
}

impl Rule for RetentionMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            // Processor records have no erasure limits (Art. 30(2)); a record with no rule at all
            // is RP101's.
            if !act.role.is_controller() || act.retention.is_empty() {
                continue;
            }
            // A retention rule covers a data category when it names it, or names no category at
            // all (it then covers every category, for some data subjects or for its `scope`).
            // One pass over the rules' lists, not one per category.
            if act.retention.iter().any(|r| r.data_categories.is_empty()) {
                continue;
            }
            let covered: HashSet<&str> = act
                .retention
                .iter()
                .flat_map(|r| r.data_categories.iter().map(String::as_str))
                .collect();
            for (i, c) in act.data_categories.iter().enumerate() {
                if !covered.contains(c.id.as_str()) {
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/data_categories/{i}"),
                                format!(
                                    "data category `{}` is covered by no retention rule (Art. 30(1)(f))",
                                    c.id
                                ),
                            )
                            .help(format!(
                                "add a rule under `retention:` with `data_categories: [{}]`, its `periods:` and an `end_action:`, or list `{}` in an existing rule",
                                c.id, c.id
                            )),
                    );
                }
            }
        }
    }
}
