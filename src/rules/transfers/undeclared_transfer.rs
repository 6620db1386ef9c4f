//! RP500 `undeclared-transfer`: a recipient processes data outside the EEA and the activity declares no transfer there.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::{Sourced, TransferMechanism, Vendor};
use crate::rules::{Context, Rule};
use chrono::NaiveDate;

declare_rule! {
    /// ## What it checks
    /// That every country outside the EEA where a recipient vendor processes the data (its
    /// `locations` in vendors.yaml, remote access included) is listed in the activity's
    /// `transfers`, by a transfer to that country that names this vendor or no vendor; and
    /// that every other recipient (a partner, an authority, another recipient) whose `country`
    /// is outside the EEA is listed by a transfer to that country that names no vendor. The
    /// finding is an error: an unrecorded transfer is a gap in the record itself.
    ///
    /// ## Why
    /// Making personal data available to a recipient in a third country is a transfer, whether
    /// or not the record calls it one. The record must name the third countries data is
    /// transferred to (Art. 30(1)(e), 30(2)(c)), and each transfer needs a Chapter V mechanism.
    /// The EEA is the EU-27 plus Iceland, Liechtenstein and Norway.
    ///
    /// ## Example
    /// ```yaml
    /// # vendors.yaml
    /// - id: aws
    ///   name: Amazon Web Services
    ///   locations:
    ///     - country: FR
    ///     - country: US
    ///       description: Remote support
    /// # activities/hosting.yaml
    /// recipients:
    ///   - kind: vendor
    ///     vendor: aws
    /// transfers: []
    /// ```
    ///
    /// ## How to fix
    /// Declare the transfer, with its mechanism:
    /// ```yaml
    /// transfers:
    ///   - country: US
    ///     vendor: aws
    ///     mechanism: scc_2021_914
    ///     scc_module: two
    /// ```
    /// If the vendor no longer processes data there, correct its `locations`.
    pub struct UndeclaredTransfer { code: "RP500", name: "undeclared-transfer", severity: Error, summary: "A recipient processes data outside the EEA and the activity declares no transfer there" }
}

/// The mechanism to suggest for an undeclared transfer: the vendor's safeguard for the country,
/// else an adequacy decision that covers the vendor, else the 2021/914 clauses.
fn suggested_mechanism(vendor: &Sourced<Vendor>, country: &str, as_of: NaiveDate) -> String {
    if let Some(m) = safeguard_for(&vendor.item, country).and_then(|(_, s)| s.mechanism) {
        return crate::model::yaml_name(&m);
    }
    let covered = legal::adequacy_on(country, as_of)
        .is_some_and(|a| requirement_met(a.requires, Some(vendor)) == Some(true));
    if covered {
        crate::model::yaml_name(&TransferMechanism::AdequacyDecision)
    } else {
        crate::model::yaml_name(&TransferMechanism::Scc2021914)
    }
}

impl Rule for UndeclaredTransfer {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            let act = &a.item;
            for (i, v) in recipient_vendors(ctx.register, act) {
                for (j, c) in third_countries(&v.item) {
                    if act.transfers.iter().any(|t| lists(t, c, &v.item.id)) {
                        continue;
                    }
                    let mechanism = suggested_mechanism(v, c, ctx.as_of);
                    out.push(
                        Self::META
                            .on_activity(
                                a,
                                &format!("/recipients/{i}"),
                                format!(
                                    "{} processes data in {}, outside the EEA (vendors.yaml {}), but the activity's transfers do not list it",
                                    vendor_label(&v.item),
                                    country_label(c),
                                    v.at(&format!("/locations/{j}"))
                                ),
                            )
                            .help(format!(
                                "add under `transfers`: `- {{country: {}, vendor: {}, mechanism: {mechanism}}}`; if the vendor no longer processes data there, correct its `locations`",
                                c.trim(),
                                v.item.id
                            )),
                    );
                }
            }
            for (i, c, rec) in outside_recipients(act) {
                if act.transfers.iter().any(|t| lists(t, c, "")) {
                    continue;
                }
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/recipients/{i}/country"),
                            format!(
                                "{} receives data in {}, outside the EEA, but the activity's transfers do not list it",
                                recipient_label(rec),
                                country_label(c)
                            ),
                        )
                        .help(format!(
                            "add under `transfers`: `- {{country: {}, importer: ..., mechanism: ...}}` with the mechanism that frames it",
                            c.trim()
                        )),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// RP501
// ---------------------------------------------------------------------------------------------
