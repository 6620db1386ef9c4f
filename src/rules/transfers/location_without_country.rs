//! RP505 `location-without-country`: a vendor location gives no country.

use super::*;
use crate::diagnostics::Diagnostic;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That every location of a vendor gives a `country`. A location that gives only a `region`
    /// (for example `Europe`) or nothing at all is reported.
    ///
    /// ## Why
    /// Whether data leaves the EEA depends on the country: "Europe" includes Switzerland, the
    /// United Kingdom and others that are not in the EEA, and the record must name the third
    /// countries data goes to (Art. 30(1)(e), 30(2)(c)). The checker cannot tell whether a
    /// transfer takes place, nor check its safeguard.
    ///
    /// ## Example
    /// ```yaml
    /// - id: mailer
    ///   name: Brevo
    ///   locations:
    ///     - region: Europe
    /// ```
    ///
    /// ## How to fix
    /// Ask the vendor (its data processing agreement or sub-processor list usually says) and
    /// write each country, keeping the region if you like:
    /// ```yaml
    ///   locations:
    ///     - country: FR
    ///       region: Europe
    ///     - country: DE
    /// ```
    pub struct LocationWithoutCountry { code: "RP505", name: "location-without-country", severity: Warning, summary: "A vendor location gives no country" }
}

impl Rule for LocationWithoutCountry {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for v in &ctx.register.vendors {
            for (j, loc) in v.item.locations.iter().enumerate() {
                if loc.country.is_some() {
                    continue;
                }
                let named = match (&loc.region, &loc.place) {
                    (Some(r), _) => format!("gives the region `{r}`"),
                    (None, Some(p)) => format!("gives the place `{p}`"),
                    (None, None) => "gives no place".to_string(),
                };
                out.push(
                    Self::META
                        .diagnostic(format!(
                            "a location of {} {named} but no country: the checker cannot tell whether data leaves the EEA",
                            vendor_label(&v.item)
                        ))
                        .at(v.file.clone(), v.at(&format!("/locations/{j}")))
                        .help("write the ISO 3166-1 code of each country the vendor processes data in (`country: FR`), one location per country"),
                );
            }
        }
    }
}
