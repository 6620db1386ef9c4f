//! RP508: a declared transfer that names neither a country nor an international organisation.

use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every entry of an activity's `transfers` names its destination: a `country` or an
    /// `international_organisation`.
    ///
    /// ## Why
    /// The record lists "transfers of personal data to a third country or an international
    /// organisation, including the identification of that third country or international
    /// organisation" (Art. 30(1)(e), 30(2)(c)). Without the destination, no mechanism can be
    /// checked: whether an adequacy decision covers it, or whether the transfer leaves the EEA
    /// at all.
    ///
    /// ## Example
    /// ```yaml
    /// transfers:
    ///   - vendor: helpdesk
    ///     mechanism: scc_2021_914
    /// ```
    ///
    /// ## How to fix
    /// Add the destination: `country: US` (ISO 3166-1 alpha-2), or
    /// `international_organisation: European Patent Organisation`. If the source document does
    /// not name it, ask the importer.
    pub struct TransferWithoutDestination { code: "RP508", name: "transfer-without-destination", severity: Error, summary: "A declared transfer names no country or international organisation" }
}

impl Rule for TransferWithoutDestination {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, t) in a.item.transfers.iter().enumerate() {
                if t.country.is_some() || t.international_organisation.is_some() {
                    continue;
                }
                let importer = match (&t.vendor, &t.importer) {
                    (Some(v), _) => format!(" to vendor `{v}`"),
                    (None, Some(name)) => format!(" to `{name}`"),
                    (None, None) => String::new(),
                };
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/transfers/{i}"),
                            format!(
                                "the transfer{importer} names no destination: the record does not identify the third country or international organisation (Art. 30(1)(e))"
                            ),
                        )
                        .help("add `country:` (ISO 3166-1 alpha-2 code) or `international_organisation:`"),
                );
            }
        }
    }
}
