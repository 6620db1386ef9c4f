//! RP510: standard contractual clauses to a country without adequacy, with no transfer impact
//! assessment or supplementary measures recorded.

use super::recorded;
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::Language;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That a transfer framed by standard contractual clauses (any `scc_*` mechanism, or
    /// `standard_contractual_clauses`) to a country that no adequacy decision covers on the
    /// check date records a `transfer_impact_assessment` or `supplementary_measures`, in the
    /// activity's transfer or in the vendor's safeguard for that country.
    ///
    /// ## Why
    /// Without an adequacy decision, data may be transferred on appropriate safeguards, such as
    /// standard data protection clauses adopted by the Commission (Art. 46(2)(c)), "and on
    /// condition that enforceable data subject rights and effective legal remedies for data
    /// subjects are available" (Art. 46(1)).
    /// Standard contractual clauses bind the parties, not the authorities of the third country.
    /// The exporter must assess whether the law and practice of the destination impinge on the
    /// clauses' effectiveness and, where they do, adopt supplementary measures (Court of
    /// Justice, C-311/18 "Schrems II", 16 July 2020; EDPB Recommendations 01/2020 on measures
    /// that supplement transfer tools, version 2.0 of 18 June 2021). The 2021/914 clauses make
    /// the parties warrant that they have made this assessment and document it (Clause 14(b)
    /// and (d)).
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: IN
    ///     vendor: helpdesk
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    ///
    /// ## How to fix
    /// Record the assessment and the measures it led to:
    /// ```yaml
    ///     transfer_impact_assessment: TIA-2026-04 (India, helpdesk)
    ///     supplementary_measures:
    ///       - Encryption at rest with keys held in the EEA
    /// ```
    pub struct SccWithoutAssessment { code: "RP510", name: "scc-without-assessment", severity: Warning, summary: "SCCs to a country without adequacy, with no transfer impact assessment or supplementary measures" }
}

impl Rule for SccWithoutAssessment {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for r in recorded(ctx.register) {
            if !legal::mechanism_info(r.mechanism).is_scc() || r.assessed {
                continue;
            }
            let Some(country) = r.country else {
                continue;
            };
            if legal::country(country).is_none() || legal::adequacy_on(country, ctx.as_of).is_some()
            {
                continue;
            }
            out.push(
                r.diagnostic(
                    &Self::META,
                    "/mechanism",
                    format!(
                        "the transfer to {} relies on standard contractual clauses, and no adequacy decision covers {}, but the record states no transfer impact assessment or supplementary measures (EDPB Recommendations 01/2020)",
                        r.destination(),
                        legal::country_name(country, Language::En).unwrap_or(country)
                    ),
                )
                .help("record the assessment of the destination's law and practice in `transfer_impact_assessment`, and the measures it led to in `supplementary_measures`"),
            );
        }
    }
}
