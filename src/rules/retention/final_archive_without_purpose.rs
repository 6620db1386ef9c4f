//! RP404: data kept in a final archive without an Art. 89(1) purpose.

use crate::diagnostics::Diagnostic;
use crate::model::{Art9Condition, RetentionPhase};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That an activity whose retention rules have a period in the `final_archive` phase has a
    /// purpose of archiving in the public interest, scientific or historical research or
    /// statistics: a purpose marked `archiving_research_statistics: true`, or a data category on
    /// the condition `archiving_research_statistics` of Art. 9(2)(j).
    ///
    /// ## Why
    /// Personal data may be kept in a form which permits identification no longer than
    /// necessary for the purposes, except "solely for archiving purposes in the public
    /// interest, scientific or historical research purposes or statistical purposes in
    /// accordance with Article 89(1)" (Art. 5(1)(e)). The CNIL's lifecycle reserves the final
    /// archive ("archivage définitif") to those purposes; otherwise data is deleted or
    /// irreversibly anonymised at the end of the intermediate archive.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - periods:
    ///       - phase: active
    ///         duration: P3Y
    ///       - phase: final_archive
    /// ```
    /// in a company's customer file.
    ///
    /// ## How to fix
    /// End the retention with deletion or anonymisation (`end_action: delete`), or record the
    /// Art. 89(1) purpose the archive serves, with its safeguards:
    /// ```yaml
    /// purposes:
    ///   - description: Historical archives of the municipality
    ///     legal_basis: public_task
    ///     archiving_research_statistics: true
    /// ```
    pub struct FinalArchiveWithoutPurpose { code: "RP404", name: "final-archive-without-purpose", severity: Error, summary: "Data is kept in a final archive without an Art. 89(1) purpose" }
}

impl Rule for FinalArchiveWithoutPurpose {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            let art89 = act.purposes.iter().any(|p| p.archiving_research_statistics)
                || act
                    .data_categories
                    .iter()
                    .any(|c| c.art9_condition == Some(Art9Condition::ArchivingResearchStatistics));
            if art89 {
                continue;
            }
            for (i, rule) in act.retention.iter().enumerate() {
                let Some(j) = rule
                    .periods
                    .iter()
                    .position(|p| p.phase == Some(RetentionPhase::FinalArchive))
                else {
                    continue;
                };
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/retention/{i}/periods/{j}/phase"),
                            "the data is kept in a final archive, but the activity records no purpose of archiving in the public interest, research or statistics (Art. 5(1)(e), 89(1))",
                        )
                        .help("end the retention with `end_action: delete` or `anonymise`, or mark the Art. 89(1) purpose with `archiving_research_statistics: true`"),
                );
            }
        }
    }
}
