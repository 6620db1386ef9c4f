//! `ropa man`: manual pages in roff, generated from the command-line definition: the page of
//! `ropa` or of one subcommand on standard output, or every page into a folder.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::CommandFactory as _;

use ropa::output::write_atomic;

use super::{Cli, EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The subcommand whose page to print, for example `check` or `new activity`; the page of
    /// `ropa` itself without one.
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Vec<String>,
    /// Write every page (`ropa.1`, `ropa-check.1`, `ropa-new-activity.1`, ...) into this folder,
    /// created if needed, instead of printing one.
    #[arg(short, long, value_name = "DIR", conflicts_with = "subcommand")]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building sets each subcommand's display name (`ropa-new-activity`), the page's title.
    root.build();
    if let Some(dir) = args.out {
        if dir.exists() && !dir.is_dir() {
            bail!(
                "{} is a file: give a folder for the manual pages",
                dir.display()
            );
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        let mut pages = Vec::new();
        collect(&root, &mut pages);
        for command in pages {
            let path = dir.join(format!("{}.1", page_name(command)));
            write_atomic(&path, &render(command)?)?;
            super::info(format!("wrote {}", path.display()));
        }
        return Ok(EXIT_OK);
    }
    let mut command = &root;
    for (depth, word) in args.subcommand.iter().enumerate() {
        command = command.find_subcommand(word).with_context(|| {
            let path = args.subcommand[..depth].join(" ");
            let known: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            if known.is_empty() {
                format!("`ropa {path}` has no subcommand `{word}`")
            } else {
                format!(
                    "no subcommand `{word}` in `ropa{}{path}`; known: {}",
                    if path.is_empty() { "" } else { " " },
                    known.join(", ")
                )
            }
        })?;
    }
    emit(render(command)?)?;
    Ok(EXIT_OK)
}

/// `command` and every subcommand under it, depth first.
fn collect<'c>(command: &'c clap::Command, pages: &mut Vec<&'c clap::Command>) {
    pages.push(command);
    for sub in command.get_subcommands() {
        collect(sub, pages);
    }
}

/// `ropa`, `ropa-check`, `ropa-new-activity`.
fn page_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

fn render(command: &clap::Command) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone())
        .title(page_name(command))
        .render(&mut bytes)?;
    Ok(bytes)
}
