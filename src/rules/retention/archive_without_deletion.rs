//! RP403 `archive-without-deletion`: archived data is never deleted or anonymised.

use crate::diagnostics::Diagnostic;
use crate::model::{EndAction, RetentionPhase};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a retention rule whose last period is an `intermediate_archive` ends in
    /// `end_action: delete` or `anonymise`, and that no rule ends in `end_action: archive`,
    /// which has no next phase to move the data to.
    ///
    /// ## Why
    /// Storage limitation (Art. 5(1)(e)) allows keeping data in an intermediate archive, with
    /// access limited, only for as long as a legal obligation or possible litigation requires.
    /// After that, the CNIL says, the data is deleted or irreversibly anonymised (pseudonymisation
    /// is not enough); only public-interest archives, research and statistics may keep it in a
    /// final archive (Art. 89). An archive with no end is retention without a limit.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - data_categories: [invoices]
    ///     periods:
    ///       - until: payment
    ///       - phase: intermediate_archive
    ///         duration: P10Y
    ///     end_action: archive
    /// ```
    ///
    /// ## How to fix
    /// ```yaml
    ///     end_action: delete
    ///     legal_reference: Code de commerce, art. L123-22
    /// ```
    pub struct ArchiveWithoutDeletion { code: "RP403", name: "archive-without-deletion", severity: Warning, summary: "Archived data is never deleted or anonymised" }
}

impl Rule for ArchiveWithoutDeletion {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, rule) in a.item.retention.iter().enumerate() {
                match rule.end_action {
                    Some(EndAction::Archive) => {
                        let archived_last = rule.periods.last().is_some_and(|p| {
                            p.phase.is_some_and(|ph| ph != RetentionPhase::Active)
                        });
                        let help = if archived_last {
                            "replace `end_action: archive` with `end_action: delete` or `end_action: anonymise`: the last period is already the archive"
                        } else {
                            "add the archive as the last period (`phase: intermediate_archive` with a `duration:`) and end with `end_action: delete` or `anonymise`"
                        };
                        out.push(
                            Self::META
                                .on_activity(
                                    a,
                                    &format!("/retention/{i}/end_action"),
                                    "the retention rule ends in `archive`, but no period follows the last one: the archived data is never deleted or anonymised",
                                )
                                .help(help),
                        );
                    }
                    None => {
                        if let Some((last, p)) = rule.periods.iter().enumerate().next_back()
                            && p.phase == Some(RetentionPhase::IntermediateArchive)
                        {
                            out.push(
                                Self::META
                                    .on_activity(
                                        a,
                                        &format!("/retention/{i}/periods/{last}"),
                                        "the data is kept in an intermediate archive, and the record does not say it is deleted or anonymised at the end",
                                    )
                                    .help("add `end_action: delete` or `end_action: anonymise` to the rule"),
                            );
                        }
                    }
                    Some(EndAction::Delete | EndAction::Anonymise) => {}
                }
            }
        }
    }
}
