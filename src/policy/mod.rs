//! The policy stage, between the rules and the formats: what the register's settings and the
//! run's `--deny`/`--warn`/`--allow` make of each finding ([`Levels`]), the waivers that accept
//! findings ([`waivers`]), and the findings about the settings themselves ([`settings`]: RP902,
//! RP903).

pub mod settings;
pub mod waivers;

use std::collections::{BTreeMap, HashMap};

use crate::catalogue::{Catalogue, Code, Severity};
use crate::diagnostics::Diagnostic;
use crate::model::RuleLevel;

/// The level configured for each code: the register's `settings.rules`, then the run's
/// overrides in command-line order (the last naming a code wins).
#[derive(Debug, Clone, Default)]
pub struct Levels {
    by_code: HashMap<&'static str, RuleLevel>,
}

impl Levels {
    /// The levels of a register's settings and a run's overrides. Selectors that name no code
    /// are left out (the settings report them as RP902; the command line refuses them first).
    pub fn new(
        catalogue: &Catalogue,
        settings: &BTreeMap<String, RuleLevel>,
        overrides: &[(String, RuleLevel)],
    ) -> Self {
        let mut by_code = HashMap::new();
        // In the map's order, so that of two keys naming one code the last applies (RP903).
        let chosen = settings.iter().chain(overrides.iter().map(|(k, v)| (k, v)));
        for (selector, level) in chosen {
            if let Some(code) = catalogue.find(selector) {
                by_code.insert(code.code, *level);
            }
        }
        Levels { by_code }
    }

    /// The configured level of a code, if any.
    pub fn level(&self, code: &Code) -> Option<RuleLevel> {
        self.by_code.get(code.code).copied()
    }

    /// Whether the code's findings are wanted at all.
    pub fn enabled(&self, code: &Code) -> bool {
        self.level(code) != Some(RuleLevel::Off)
    }

    /// Apply the configured level to a finding: `None` when its code is turned off. A fatal
    /// code keeps its severity; a code that is not configured keeps the severity its rule chose.
    pub fn apply(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        crate::work::count(crate::work::Work::FindingsConfigured, 1);
        if d.code.fatal {
            return Some(d);
        }
        match self.level(d.code) {
            None => {}
            Some(RuleLevel::Off) => return None,
            Some(RuleLevel::Error) => d.severity = Severity::Error,
            Some(RuleLevel::Warning) => d.severity = Severity::Warning,
            Some(RuleLevel::Info) => d.severity = Severity::Info,
        }
        Some(d)
    }
}

/// Refuse a run whose overrides name no code: a usage error, not a finding.
pub fn check_overrides(
    catalogue: &Catalogue,
    overrides: &[(String, RuleLevel)],
) -> anyhow::Result<()> {
    for (selector, _) in overrides {
        if catalogue.find(selector).is_none() {
            anyhow::bail!(
                "unknown rule `{selector}`: {}run `ropa rules` to list codes and names",
                crate::suggest::did_you_mean(selector, catalogue.names())
            );
        }
    }
    Ok(())
}
