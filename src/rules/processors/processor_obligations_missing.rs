//! RP603: an Art. 28(3) contract that does not stipulate one of points (a) to (h).

use crate::diagnostics::{Diagnostic, Severity};
use crate::legal;
use crate::model::{Language, ProcessorObligation};
use crate::rules::{Context, Rule};

/// Every stipulation of Art. 28(3), in the order of its letters.
const ALL: [ProcessorObligation; 8] = [
    ProcessorObligation::DocumentedInstructions,
    ProcessorObligation::Confidentiality,
    ProcessorObligation::Security,
    ProcessorObligation::SubProcessors,
    ProcessorObligation::DataSubjectRights,
    ProcessorObligation::Assistance,
    ProcessorObligation::DeletionOrReturn,
    ProcessorObligation::AuditsAndInformation,
];

declare_rule! {
    /// ## What it checks
    /// That the Art. 28(3) contract an activity records in `processing_agreement` stipulates
    /// each of points (a) to (h) in `obligations`: one error per missing point, quoting the
    /// Regulation. When `obligations` is left out, the record does not say what the contract
    /// stipulates, and the finding is a warning.
    ///
    /// ## Why
    /// Art. 28(3) lists what the contract "shall stipulate, in particular, that the processor":
    /// (a) "processes the personal data only on documented instructions from the controller,
    /// including with regard to transfers of personal data to a third country or an
    /// international organisation"; (b) "ensures that persons authorised to process the personal
    /// data have committed themselves to confidentiality or are under an appropriate statutory
    /// obligation of confidentiality"; (c) "takes all measures required pursuant to Article 32";
    /// (d) "respects the conditions referred to in paragraphs 2 and 4 for engaging another
    /// processor"; (e) "assists the controller by appropriate technical and organisational
    /// measures, insofar as this is possible, for the fulfilment of the controller's obligation
    /// to respond to requests for exercising the data subject's rights laid down in Chapter III";
    /// (f) "assists the controller in ensuring compliance with the obligations pursuant to
    /// Articles 32 to 36"; (g) "at the choice of the controller, deletes or returns all the
    /// personal data to the controller after the end of the provision of services relating to
    /// processing, and deletes existing copies unless Union or Member State law requires storage
    /// of the personal data"; (h) "makes available to the controller all information necessary
    /// to demonstrate compliance with the obligations laid down in this Article and allows for
    /// and contributes to audits, including inspections, conducted by the controller or another
    /// auditor mandated by the controller" (Art. 28(3)). A contract without one of them does
    /// not meet the Regulation, whichever party wrote it.
    ///
    /// ## Example
    /// ```yaml
    /// processing_agreement:
    ///   reference: General terms of use, Privacy policy
    ///   obligations: [documented_instructions, security, audits_and_information]
    /// ```
    /// lacks points (b), (d), (e), (f) and (g).
    ///
    /// ## How to fix
    /// Read the contract again: list every point it stipulates, in its own words or not. Where it
    /// lacks one, have the contract amended (the Commission's clauses of Decision (EU) 2021/915
    /// cover all of them); until then, accept the finding with a waiver that names the amendment
    /// under way.
    pub struct ProcessorObligationsMissing { code: "RP603", name: "processor-obligations-missing", severity: Error, summary: "An Art. 28(3) contract lacks one of the stipulations (a) to (h)" }
}

impl Rule for ProcessorObligationsMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (a, agreement) in super::with_agreement(ctx.register) {
            if agreement.obligations.is_empty() {
                let mut d = Self::META
                    .on_activity(
                        a,
                        "/processing_agreement",
                        "the record does not state which stipulations of Art. 28(3)(a) to (h) the contract contains",
                    )
                    .help("list in `obligations` the points the contract stipulates: documented_instructions, confidentiality, security, sub_processors, data_subject_rights, assistance, deletion_or_return, audits_and_information");
                d.severity = Severity::Warning;
                out.push(d);
                continue;
            }
            for missing in ALL.iter().filter(|o| !agreement.obligations.contains(o)) {
                let term = legal::term(*missing);
                let article = term
                    .and_then(|t| t.article(Language::En))
                    .unwrap_or("Art. 28(3)");
                let words = term.and_then(|t| t.words.as_deref()).unwrap_or("");
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            "/processing_agreement/obligations",
                            format!(
                                "the contract does not stipulate {article}: that the processor \"{words}\""
                            ),
                        )
                        .help(format!(
                            "if the contract does stipulate it, add `{}` to `obligations`; otherwise have the contract amended, for instance with the clauses of Decision (EU) 2021/915",
                            crate::model::yaml_name(missing)
                        )),
                );
            }
        }
    }
}
