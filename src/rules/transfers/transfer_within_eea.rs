//! RP506 `transfer-within-eea`: a declared transfer goes to an EEA country.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That the activity's `transfers` list only destinations outside the EEA: a declared
    /// transfer to an EEA country is reported for information.
    ///
    /// ## Why
    /// Chapter V governs transfers to third countries and international organisations. Data
    /// moving between EU Member States, Iceland, Liechtenstein and Norway is not transferred in
    /// that sense and needs no mechanism (it may still go to a recipient, listed under
    /// `recipients`). Listing it as a transfer makes the record say that data leaves the EEA
    /// when it does not, and shows a needless line in the documents made from it.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - country: DE
    ///     vendor: hosting
    /// ```
    ///
    /// ## How to fix
    /// Remove the transfer; keep the vendor among the recipients. If the importer is in fact
    /// outside the EEA, correct the country.
    pub struct TransferWithinEea { code: "RP506", name: "transfer-within-eea", severity: Info, summary: "A declared transfer goes to an EEA country" }
}

impl Rule for TransferWithinEea {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, t) in a.item.transfers.iter().enumerate() {
                let Some(c) = t.country.as_deref() else {
                    continue;
                };
                if !legal::is_eea(c) {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/transfers/{i}/country"),
                            format!(
                                "{} is in the EEA: sending data there is not a transfer under Chapter V",
                                country_label(c)
                            ),
                        )
                        .help("remove this transfer and keep the importer under `recipients`; if the data goes outside the EEA, write that country"),
                );
            }
        }
    }
}
