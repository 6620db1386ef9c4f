//! RP600 `processor-without-contract`: a processor that receives data has no Art. 28 contract.

use super::*;
use crate::diagnostics::{Diagnostic, Severity};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every vendor whose role is `processor` or `sub_processor` and that some activity
    /// names as a recipient has a `contract` in vendors.yaml (an error when there is none), and
    /// that the contract gives its `reference` and its `date` (a warning when either is missing).
    ///
    /// ## Why
    /// Processing by a processor must be governed by a contract or other legal act that binds it
    /// to the controller and sets out what Art. 28(3) lists; it must be in writing, including in
    /// electronic form (Art. 28(9)). A sub-processor must be bound by the same obligations
    /// (Art. 28(4)). Without the contract's title and date, nobody can find the document the
    /// register relies on, nor tell which version was agreed.
    ///
    /// ## Example
    /// ```yaml
    /// vendors:
    ///   - id: mailer
    ///     name: Brevo
    ///     role: processor
    ///     service: E-mail routing
    /// ```
    /// with an activity listing `vendor: mailer` among its recipients.
    ///
    /// ## How to fix
    /// Record the contract:
    /// ```yaml
    ///     contract:
    ///       reference: Brevo Data Processing Agreement
    ///       date: 2024-03-01
    ///       url: https://www.brevo.com/legal/termsofuse/#dpa
    /// ```
    /// If there is no contract, sign one before the vendor receives data. If the vendor decides
    /// the purposes and means itself, give it the role `controller` instead.
    pub struct ProcessorWithoutContract { code: "RP600", name: "processor-without-contract", severity: Error, summary: "A processor that receives data has no Art. 28 contract" }
}

impl Rule for ProcessorWithoutContract {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for v in &ctx.register.vendors {
            let vendor = &v.item;
            if !vendor.role.is_processor() {
                continue;
            }
            let users = recipient_of(ctx.register, &vendor.id);
            if users.is_empty() {
                continue;
            }
            let who = describe(vendor);
            let Some(contract) = &vendor.contract else {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "{who} is a {} and receives data in {}, but no contract is recorded ({})",
                            role_words(vendor),
                            activity_list(&users),
                            if vendor.role == crate::model::VendorRole::SubProcessor {
                                "Art. 28(4), 28(9)"
                            } else {
                                "Art. 28(3), 28(9)"
                            }
                        ))
                        .at(v.file.clone(), v.at(""))
                        .help("add `contract:` with the `reference` and `date` of the Art. 28 contract (data processing agreement) signed with this vendor"),
                );
                continue;
            };
            let missing: Vec<&str> = [
                ("reference", contract.reference.is_none()),
                ("date", contract.date.is_none()),
            ]
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(f, _)| f)
            .collect();
            if !missing.is_empty() {
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "the contract of {who} gives no {}",
                            missing.join(" and no ")
                        ))
                        .at(v.file.clone(), v.at("/contract"))
                        .help(
                            "write the contract's title in `reference` and the date it was signed or accepted in `date`, so that the document can be found",
                        )
                        .severity(Severity::Warning),
                );
            }
        }
    }
}
