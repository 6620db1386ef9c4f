//! Loading a register and the render options of the document tests: a fixed generation date
//! and version, so documents are the same bytes on every run.

use std::path::Path;

use chrono::NaiveDate;
use ropa::load::load_register;
use ropa::model::{Language, Register};
use ropa::render::{Format, RenderOptions};

/// The generation date of the test documents.
pub const AS_OF: &str = "2026-11-25";
/// The register version the test documents print.
pub const VERSION: &str = "golden-version";

/// The register at `root`, which must load.
pub fn load(root: &str) -> Register {
    load_register(Path::new(root)).unwrap_or_else(|d| panic!("{root} does not load: {d:#?}"))
}

/// The options of a test document in `format` and `lang`, with the built-in templates.
pub fn opts(format: Format, lang: Language) -> RenderOptions {
    RenderOptions {
        format,
        lang,
        as_of: NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap(),
        version: VERSION.to_string(),
        templates_dir: None,
        draft_errors: 0,
    }
}

/// The same, with the templates of `dir` over the built-in ones.
pub fn with_templates(dir: &Path, format: Format) -> RenderOptions {
    RenderOptions {
        templates_dir: Some(dir.to_path_buf()),
        ..opts(format, Language::En)
    }
}
