//! `ropa explain`: the documentation of one rule.

use ropa::rules;

use super::{EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's code (RP201) or name (missing-legal-basis).
    rule: String,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let Some(rule) = rules::find(&args.rule) else {
        let names: Vec<String> = rules::all()
            .iter()
            .map(|r| r.meta().name.to_string())
            .collect();
        let hint = match ropa::load::closest(&args.rule, &names) {
            Some(name) => format!("did you mean `{name}`? "),
            None => String::new(),
        };
        anyhow::bail!(
            "no rule `{}`: {hint}run `ropa rules` to list codes and names",
            args.rule
        );
    };
    let m = rule.meta();
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
