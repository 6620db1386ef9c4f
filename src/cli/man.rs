//! `ropa man`: the manual page in roff, generated from the command-line definition.

use clap::CommandFactory as _;

use super::{Cli, EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_: Args) -> anyhow::Result<u8> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut bytes)?;
    emit(bytes)?;
    Ok(EXIT_OK)
}
