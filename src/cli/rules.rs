//! `ropa rules`: the table of rules, or their reference as Markdown.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use ropa::rules;

use super::{EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the full rule reference as Markdown (the text of src/rules/REFERENCE.md).
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    if args.markdown {
        emit(rules::reference_markdown())?;
        return Ok(EXIT_OK);
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(vec!["Code", "Name", "Severity", "Summary"]);
    for m in rules::catalogue().codes() {
        table.add_row(vec![m.code, m.name, m.default_severity.as_str(), m.summary]);
    }
    emit(format!("{table}\n"))?;
    Ok(EXIT_OK)
}
