//! RP105: an organisation established outside the Union records no representative (Art. 27).

use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it checks
    /// That an organisation whose `organisation.country` is outside the European Union records
    /// its representative in the Union (`representative`), unless it is a public authority or
    /// the record states, in `no_representative`, the exemption of Art. 27(2)(a) it relies on.
    ///
    /// ## Why
    /// "Where Article 3(2) applies, the controller or the processor shall designate in writing a
    /// representative in the Union" (Art. 27(1)), except for processing that is occasional, does
    /// not include, on a large scale, special categories of data or criminal data, and is
    /// unlikely to result in a risk, and for public authorities or bodies (Art. 27(2)). The
    /// record names the representative (Art. 30(1)(a), 30(2)(a)).
    ///
    /// ## Example
    /// ```yaml
    /// organisation:
    ///   name: Example Inc.
    ///   country: US
    /// ```
    /// with no `representative:`.
    ///
    /// ## How to fix
    /// Record the representative:
    /// ```yaml
    /// representative:
    ///   name: EU Rep Ltd
    ///   address: 1 Main Street, Dublin
    ///   email: rep@example.eu
    /// ```
    /// or, when the exemption of Art. 27(2)(a) applies, write why in `no_representative`.
    pub struct RepresentativeMissing { code: "RP105", name: "representative-missing", severity: Error, summary: "An organisation established outside the Union records no representative" }
}

impl Rule for RepresentativeMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let config = &ctx.register.config;
        let file = &config.item;
        let Some(country) = file.organisation.country.as_deref() else {
            return;
        };
        // Unknown codes are reported by unknown-country.
        if legal::country(country).is_none() || legal::is_eu(country) {
            return;
        }
        if file.representative.is_some()
            || file.no_representative.is_some()
            || file.organisation.public_authority
        {
            return;
        }
        out.push(
            Self::META
                .diagnostic(format!(
                    "the organisation is established in {} (`{country}`), outside the Union, and the record names no representative in the Union (Art. 27(1))",
                    legal::country_name(country, crate::model::Language::En).unwrap_or(country)
                ))
                .at(config.file.clone(), config.at("/organisation/country"))
                .help("add `representative:` with the name and contact details of the representative designated in writing, or state the Art. 27(2)(a) exemption in `no_representative`"),
        );
    }
}
