//! `ropa completions`: a shell completion script, generated from the command-line definition.

use clap::CommandFactory as _;
use clap_complete::Shell;

use super::{Cli, EXIT_OK};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "ropa", &mut bytes);
    super::emit(bytes)?;
    Ok(EXIT_OK)
}
