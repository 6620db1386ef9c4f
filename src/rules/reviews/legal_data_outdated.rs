//! RP802: the check date is more than six months after the legal data's own date.

use chrono::Months;

use crate::diagnostics::Diagnostic;
use crate::legal;
use crate::rules::{Context, Rule};

/// How long the embedded legal data is trusted after the date it was gathered.
const TRUSTED_MONTHS: u32 = 6;

declare_rule! {
    /// ## What it checks
    /// That the check date (`--as-of`, or today) is no later than six months after the date the
    /// embedded legal data was gathered (`as_of` of `src/legal/eu.json`, shown by
    /// `ropa explain RP802`).
    ///
    /// ## Why
    /// The checker's legal facts change: adequacy decisions are adopted, renewed and struck down
    /// (the Commission reviews them at least every four years, Art. 45(3)), and standard
    /// contractual clauses are replaced. A check made long after the data was gathered may
    /// accept a transfer the law no longer allows, or miss a new decision.
    ///
    /// ## Example
    /// `ropa check --as-of 2028-01-01` with legal data gathered on 2026-11-23.
    ///
    /// ## How to fix
    /// Update ropa to a release with recent legal data. Until then, check the adequacy
    /// decisions the register relies on against the Commission's page.
    pub struct LegalDataOutdated { code: "RP802", name: "legal-data-outdated", severity: Warning, summary: "The legal data is more than six months older than the check date" }
}

impl Rule for LegalDataOutdated {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let gathered = legal::eu().as_of;
        let Some(limit) = gathered.checked_add_months(Months::new(TRUSTED_MONTHS)) else {
            return;
        };
        if ctx.as_of <= limit {
            return;
        }
        let config = &ctx.register.config;
        out.push(
            Self::META
                .diagnostic(format!(
                    "the legal data (adequacy decisions, standard contractual clauses) was gathered on {gathered}, more than {TRUSTED_MONTHS} months before the check date {}",
                    ctx.as_of
                ))
                .at(config.file.clone(), config.at(""))
                .help("update ropa to a release with recent legal data, and meanwhile check the adequacy decisions the register relies on against the Commission's page"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::LegalDataOutdated;
    use crate::legal;
    use crate::rules::testing::{check, register};

    #[test]
    fn warns_only_more_than_six_months_after_the_data() {
        let gathered = legal::eu().as_of;
        let register = register(Vec::new(), Vec::new());
        let limit = gathered.checked_add_months(chrono::Months::new(6)).unwrap();
        assert!(check(&LegalDataOutdated, &register, gathered).is_empty());
        assert!(check(&LegalDataOutdated, &register, limit).is_empty());
        let late = check(&LegalDataOutdated, &register, limit.succ_opt().unwrap());
        assert_eq!(late.len(), 1);
        assert!(
            late[0].message.contains(&gathered.to_string()),
            "{}",
            late[0].message
        );
    }
}
