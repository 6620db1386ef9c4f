//! RP507: a country code that is not an ISO 3166-1 alpha-2 code.

use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::model::Language;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every country code in the register is an ISO 3166-1 alpha-2 code the legal data
    /// knows (or one of its accepted aliases, `UK` and `EL`): the organisation's `country`, the
    /// vendors' `locations` and `transfer_safeguards`, the activities' `transfers` and
    /// `recipients`. The message suggests the code with its two letters swapped when that one
    /// exists.
    ///
    /// ## Why
    /// The record contains, "where applicable, transfers of personal data to a third country or an
    /// international organisation, including the identification of that third country or
    /// international organisation and, in the case of transfers referred to in the second
    /// subparagraph of Article 49(1), the documentation of suitable safeguards" (Art. 30(1)(e)).
    /// Whether data leaves the EEA, and which adequacy decision covers it, is read from the code.
    /// An unknown code such as `XX` identifies no country: it would be treated as an unknown third
    /// country, findings about it could not be trusted, and documents would print a code where a
    /// country's name belongs.
    ///
    /// ## Example
    /// ```yaml
    /// locations:
    ///   - country: XX
    /// ```
    ///
    /// ## How to fix
    /// Write the country's ISO 3166-1 alpha-2 code, for example `FR`, `DE`, `US`, `GB`; the
    /// outermost regions with their own code (`RE`, `GP`, `MQ`, `GF`, `YT`, `MF`) and the Åland
    /// Islands (`AX`) are inside the Union.
    pub struct UnknownCountry { code: "RP507", name: "unknown-country", severity: Error, summary: "A country code is not an ISO 3166-1 alpha-2 code" }
}

/// The known code a mistyped one most likely means: its letters swapped.
fn suggestion(code: &str) -> Option<String> {
    let swapped: String = code.chars().rev().collect();
    let known = legal::country(&swapped)?;
    Some(format!(
        "did you mean `{}` ({})?",
        known.code,
        known.name.get(Language::En)
    ))
}

fn diagnostic(code: &str) -> (String, String) {
    let message = format!(
        "`{}` is not an ISO 3166-1 alpha-2 country code",
        code.trim()
    );
    let help = match suggestion(code.trim()) {
        Some(s) => format!("{s} Write the destination's two-letter ISO 3166-1 code"),
        None => {
            "write the destination's two-letter ISO 3166-1 code, for example `FR`, `US` or `GB`"
                .to_string()
        }
    };
    (message, help)
}

impl Rule for UnknownCountry {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let unknown = |c: &&String| legal::country(c).is_none();
        let config = &ctx.register.config;
        if let Some(c) = config.item.organisation.country.as_ref().filter(unknown) {
            let (message, help) = diagnostic(c);
            out.push(
                Self::META
                    .diagnostic(message)
                    .at(config.file.clone(), config.at("/organisation/country"))
                    .help(help),
            );
        }
        for v in &ctx.register.vendors {
            let locations = v.item.locations.iter().enumerate().filter_map(|(j, l)| {
                l.country
                    .as_ref()
                    .filter(unknown)
                    .map(|c| (format!("/locations/{j}/country"), c))
            });
            let safeguards = v
                .item
                .transfer_safeguards
                .iter()
                .enumerate()
                .filter(|(_, s)| unknown(&&s.country))
                .map(|(k, s)| (format!("/transfer_safeguards/{k}/country"), &s.country));
            for (pointer, c) in locations.chain(safeguards) {
                let (message, help) = diagnostic(c);
                out.push(
                    Self::META
                        .diagnostic(format!("vendor `{}`: {message}", v.item.id))
                        .at(v.file.clone(), v.at(&pointer))
                        .help(help),
                );
            }
        }
        for a in &ctx.register.activities {
            let transfers = a.item.transfers.iter().enumerate().filter_map(|(i, t)| {
                t.country
                    .as_ref()
                    .filter(unknown)
                    .map(|c| (format!("/transfers/{i}/country"), c))
            });
            let recipients = a.item.recipients.iter().enumerate().filter_map(|(i, r)| {
                r.country
                    .as_ref()
                    .filter(unknown)
                    .map(|c| (format!("/recipients/{i}/country"), c))
            });
            for (pointer, c) in transfers.chain(recipients) {
                let (message, help) = diagnostic(c);
                out.push(Self::META.on_activity(a, &pointer, message).help(help));
            }
        }
    }
}
