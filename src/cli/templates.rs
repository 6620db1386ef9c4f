//! `ropa templates`: the built-in document templates, to copy and edit.

use std::path::PathBuf;

use ropa::render::{EMBEDDED, eject};

use super::{EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Write the built-in templates, translation tables and their README into DIR, to edit
    /// them; `ropa render --templates DIR` (or a register's own templates/ folder) then uses
    /// them. Existing files are left alone unless --force.
    Eject {
        /// Folder to write the templates to.
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// List the built-in templates.
    List,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        Command::Eject { dir, force } => {
            for path in eject(&dir, force)? {
                emit(format!("wrote {}\n", path.display()))?;
            }
        }
        Command::List => {
            for (name, _) in EMBEDDED {
                emit(format!("{name}\n"))?;
            }
        }
    }
    Ok(EXIT_OK)
}
