//! `ropa explain`: the documentation of one rule.

use ropa::rules;

use super::EXIT_OK;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's code (RP201) or name (missing-legal-basis).
    rule: String,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let Some(rule) = rules::find(&args.rule) else {
        anyhow::bail!(
            "no rule `{}`: run `ropa rules` to list codes and names",
            args.rule
        );
    };
    let m = rule.meta();
    println!("# {} {}\n", m.code, m.name);
    println!(
        "{} (default severity: {})\n",
        m.summary,
        m.default_severity.as_str()
    );
    print!("{}", m.documentation());
    Ok(EXIT_OK)
}
