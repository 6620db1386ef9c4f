//! RP204: consent inferred from silence, inactivity, continued use or a pre-ticked box.

use crate::diagnostics::Diagnostic;
use crate::model::LegalBasis;
use crate::rules::{Context, Rule};

/// Phrases, in English and French, that describe consent given by doing nothing or by going on.
/// Matched on lower-cased text.
const PASSIVE: &[&str] = &[
    "continue to use",
    "continued use",
    "continuing to use",
    "continue browsing",
    "continued browsing",
    "continuing to browse",
    "by continuing",
    "by using this site",
    "by using the site",
    "pre-ticked",
    "pre-checked",
    "preticked",
    "silence",
    "inactivity",
    "implied consent",
    "deemed to consent",
    "deemed consent",
    "poursuite de la navigation",
    "poursuivant la navigation",
    "en poursuivant",
    "en continuant",
    "continuer à naviguer",
    "case pré-cochée",
    "cases pré-cochées",
    "pré-coché",
    "consentement tacite",
    "consentement implicite",
    "silence vaut",
];

declare_rule! {
    /// ## What it checks
    /// That a purpose whose `legal_basis` is `consent` does not describe, in its `description` or
    /// its `consent_record`, consent given by silence, inactivity, continued use of a site or
    /// service, or a pre-ticked box (phrases such as "if you continue to use this site",
    /// "pre-ticked", « en poursuivant votre navigation »).
    ///
    /// ## Why
    /// Consent is "any freely given, specific, informed and unambiguous indication of the data
    /// subject's wishes by which he or she, by a statement or by a clear affirmative action,
    /// signifies agreement" (Art. 4(11)). "Silence, pre-ticked boxes or inactivity should not
    /// therefore constitute consent" (recital 32). The Court of Justice held that consent to
    /// cookies given by a pre-checked checkbox which the user must deselect to refuse is not
    /// valid (C-673/17 Planet49, 1 October 2019); the EDPB adds that scrolling or continuing to
    /// browse is not a clear affirmative action (Guidelines 05/2020 on consent, para. 86).
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Audience measurement cookies
    ///     legal_basis: consent
    ///     consent_record: If you continue to use this site, you consent to our use of cookies.
    /// ```
    ///
    /// ## How to fix
    /// Collect consent by a clear affirmative action (an "Accept" button beside an equally
    /// visible "Refuse" one, an unticked box the user ticks) and record where it is kept in
    /// `consent_record`; or, where the processing needs no consent, rely on and record another
    /// basis.
    pub struct ConsentByInactivity { code: "RP204", name: "consent-by-inactivity", severity: Error, summary: "Consent is inferred from silence, inactivity, continued use or a pre-ticked box" }
}

/// The passive phrase a text contains, if any.
fn passive_phrase(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    PASSIVE.iter().copied().find(|p| lower.contains(p))
}

impl Rule for ConsentByInactivity {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for a in &ctx.register.activities {
            for (i, p) in a.item.purposes.iter().enumerate() {
                if p.legal_basis != Some(LegalBasis::Consent) {
                    continue;
                }
                let found = passive_phrase(&p.description)
                    .map(|ph| (ph, "description"))
                    .or_else(|| {
                        p.consent_record
                            .as_deref()
                            .and_then(passive_phrase)
                            .map(|ph| (ph, "consent_record"))
                    });
                let Some((phrase, field)) = found else {
                    continue;
                };
                out.push(
                    Self::META
                        .on_activity(
                            a,
                            &format!("/purposes/{i}/{field}"),
                            format!(
                                "purpose `{}` relies on consent, but the record describes it as given by \"{phrase}\": silence, inactivity, continued use or a pre-ticked box is not consent (Art. 4(11), recital 32; C-673/17 Planet49)",
                                p.description.trim()
                            ),
                        )
                        .help("collect consent by a clear affirmative action and record where it is kept in `consent_record`, or rely on another basis"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::passive_phrase;

    #[test]
    fn passive_phrases_are_found_in_either_language() {
        assert_eq!(
            passive_phrase("If you continue to use this site, you consent to our use of cookies."),
            Some("continue to use")
        );
        assert_eq!(
            passive_phrase("En poursuivant votre navigation, vous acceptez les cookies"),
            Some("en poursuivant")
        );
        assert_eq!(passive_phrase("Double opt-in log in the CRM"), None);
        assert_eq!(
            passive_phrase("Consent banner with Accept and Refuse buttons"),
            None
        );
    }
}
