//! `ropa new`: add an activity, a vendor or a measure to a register, as a valid skeleton with
//! the schema line and a comment per field.

use std::path::PathBuf;

use anyhow::bail;
use chrono::NaiveDate;
use clap::ValueEnum;

use ropa::scaffold::{self, CatalogueKind};
use ropa::schema::{self, FileKind};

use super::{EXIT_OK, parse_date, today_or};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A processing activity: `activities/ID.yaml`.
    Activity {
        /// The activity's id: lower-case letters, digits and dashes.
        id: String,
        /// The register's folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The organisation's role in the activity.
        #[arg(long, value_enum, default_value_t = Role::Controller)]
        role: Role,
        /// Date written as `created` and `updated` (YYYY-MM-DD); defaults to today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// A vendor, appended to `vendors.yaml` (created if absent), or written to
    /// `vendors/<id>.yaml` when the catalogue is kept in that folder only.
    Vendor {
        /// The vendor's id.
        id: String,
        /// The register's folder.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// A security measure, appended to `measures.yaml` (created if absent), or written to
    /// `measures/<id>.yaml` when the catalogue is kept in that folder only.
    Measure {
        /// The measure's id.
        id: String,
        /// The register's folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Its heading in Annex III of Decision (EU) 2021/915, e.g. `restoration`,
        /// `identification_authorisation` (`ropa new measure ID --category help` lists them).
        #[arg(long, value_name = "CATEGORY")]
        category: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Role {
    /// A controller record (Art. 30(1)).
    Controller,
    /// A processor record (Art. 30(2)).
    Processor,
}

/// The Annex III headings, from the schema of measures.yaml.
fn categories() -> Vec<String> {
    let root = schema::json_schema_cached(FileKind::Measures);
    schema::schema_at(root, "/measures/0/category")
        .map(|node| schema::allowed_values(root, node))
        .unwrap_or_default()
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let path = match args.what {
        What::Activity {
            id,
            path,
            role,
            as_of,
        } => scaffold::new_activity(&path, &id, matches!(role, Role::Processor), today_or(as_of))?,
        What::Vendor { id, path } => {
            scaffold::new_catalogue_entry(&path, CatalogueKind::Vendor, &id, |indent| {
                scaffold::vendor_skeleton(&id, indent)
            })?
        }
        What::Measure { id, path, category } => {
            let known = categories();
            let category = match category {
                Some(c) if known.contains(&c) => c,
                Some(c) => {
                    let hint = ropa::suggest::did_you_mean(&c, &known);
                    bail!(
                        "`{c}` is not a heading of Annex III: {hint}expected one of: {}",
                        known.join(", ")
                    )
                }
                None => bail!(
                    "name the measure's heading in Annex III of Decision (EU) 2021/915 with --category: one of {}",
                    known.join(", ")
                ),
            };
            scaffold::new_catalogue_entry(&path, CatalogueKind::Measure, &id, |indent| {
                scaffold::measure_skeleton(&id, &category, indent)
            })?
        }
    };
    super::info(format!("wrote {}", path.display()));
    Ok(EXIT_OK)
}
