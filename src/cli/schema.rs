//! `ropa schema`: write the JSON Schemas generated from the model.

use std::path::PathBuf;

use ropa::output::write_atomic;
use ropa::schema::{FileKind, schema_text};

use super::{EXIT_OK, emit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the schemas to.
    #[arg(long, default_value = "schemas")]
    out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    for kind in FileKind::ALL {
        let path = args.out.join(kind.schema_file_name());
        write_atomic(&path, schema_text(kind).as_bytes())?;
        emit(format!("wrote {}\n", path.display()))?;
    }
    let path = args.out.join(ropa::export::json::SCHEMA_FILE);
    write_atomic(&path, ropa::export::json::schema().as_bytes())?;
    emit(format!("wrote {}\n", path.display()))?;
    Ok(EXIT_OK)
}
