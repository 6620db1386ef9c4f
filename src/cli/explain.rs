//! `ropa explain`: the documentation of one rule.

use ropa::rules;

use super::{EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's code (RP200) or name (missing-legal-basis).
    rule: String,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let catalogue = rules::catalogue();
    let Some(m) = catalogue.find(&args.rule) else {
        anyhow::bail!(
            "no rule `{}`: {}run `ropa rules` to list codes and names",
            args.rule,
            ropa::suggest::did_you_mean(&args.rule, catalogue.names())
        );
    };
    emit(format!(
        "# {} {}\n\n{} (default severity: {})\n\n{}",
        m.code,
        m.name,
        m.summary,
        m.default_severity.as_str(),
        m.documentation()
    ))?;
    Ok(EXIT_OK)
}
