//! `ropa init`: create a register with everything a DPO and a CI need to start.

use std::path::PathBuf;

use chrono::NaiveDate;

use ropa::scaffold::{self, SCHEMAS_DIR};

use super::{EXIT_OK, info, parse_date, today_or};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the new register (created if needed; nothing in it is overwritten).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The organisation's name, written in ropa.yaml.
    #[arg(long, value_name = "NAME", default_value = "Your organisation")]
    organisation: String,
    /// Date written in the example activity (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let files = scaffold::init_files(&args.organisation, today_or(args.as_of));
    for path in scaffold::init(&args.dir, &files)? {
        info(format!("wrote {}", path.display()));
    }
    info(format!(
        "next: edit {dir}/ropa.yaml, then `ropa check {dir}`; add activities with `ropa new activity ID {dir}`. \
         The schemas are in {dir}/{SCHEMAS_DIR}: refresh them after upgrading ropa with `ropa schema --out {dir}/{SCHEMAS_DIR}`.",
        dir = args.dir.display()
    ));
    Ok(EXIT_OK)
}
