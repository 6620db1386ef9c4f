//! Codes of loading errors, found by the YAML reader and the loader (RP001 to RP014), not by a
//! rule over the model. RP001 to RP012 are fatal: the file's content is unknown to every other
//! check, so no setting lowers them.

use super::Code;

declare_code! {
    /// ## What it checks
    /// That every register file is well-formed YAML 1.2 holding a single document.
    ///
    /// ## Why
    /// A record that cannot be read is not "in writing" in any useful sense (Art. 30(3)).
    ///
    /// ## Example
    /// ```yaml
    /// name: "Customer accounts
    /// ```
    /// The quote is never closed.
    ///
    /// ## How to fix
    /// Correct the syntax at the line and column shown; an editor with the JSON Schema set up
    /// (see the README) underlines such errors as you type.
    pub static YAML_SYNTAX = { code: "RP001", name: "yaml-syntax", severity: Error, fatal: true, summary: "The file is not valid YAML" }
}

declare_code! {
    /// ## What it checks
    /// That no mapping repeats a key.
    ///
    /// ## Why
    /// Many YAML loaders silently keep the last of two duplicate keys, so a purpose or a retention
    /// period written twice would lose one of them without a word: silent loss of part of the
    /// record (Art. 30(1)).
    ///
    /// ## Example
    /// ```yaml
    /// name: Payroll
    /// name: Payroll and expenses
    /// ```
    ///
    /// ## How to fix
    /// Keep one of the two keys, merging what each said.
    pub static DUPLICATE_KEY = { code: "RP002", name: "duplicate-key", severity: Error, fatal: true, summary: "A mapping repeats a key" }
}

declare_code! {
    /// ## What it checks
    /// That nesting stays within the loader's depth limit (64 levels).
    ///
    /// ## Why
    /// No register needs such depth; deeply nested input is how parsers are crashed.
    ///
    /// ## Example
    /// ```yaml
    /// a: [[[[[[[[[[[[[[[[ ... ]]]]]]]]]]]]]]]]
    /// ```
    ///
    /// ## How to fix
    /// Flatten the structure; the JSON Schema shows the expected shape.
    pub static NESTING_TOO_DEEP = { code: "RP003", name: "nesting-too-deep", severity: Error, fatal: true, summary: "The file nests deeper than the limit" }
}

declare_code! {
    /// ## What it checks
    /// That aliases (`*name`) expand to a bounded number of nodes.
    ///
    /// ## Why
    /// A few lines of aliases can expand to billions of nodes ("billion laughs") and exhaust
    /// memory; the loader stops at a budget instead.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// ```
    ///
    /// ## How to fix
    /// Write the values out, or reference catalogue entries by id instead of aliases.
    pub static ALIAS_LIMIT = { code: "RP004", name: "alias-limit", severity: Error, fatal: true, summary: "Aliases expand beyond the node budget" }
}

declare_code! {
    /// ## What it checks
    /// That no register file exceeds the size limit (8 MiB).
    ///
    /// ## Why
    /// One activity per file keeps files small; a huge file is usually a mistake or an attack.
    ///
    /// ## Example
    /// A generated 50 MB `activities/export.yaml`.
    ///
    /// ## How to fix
    /// Split the content into one file per activity.
    pub static FILE_TOO_LARGE = { code: "RP005", name: "file-too-large", severity: Error, fatal: true, summary: "The file is larger than the limit" }
}

declare_code! {
    /// ## What it checks
    /// That register files are UTF-8.
    ///
    /// ## Why
    /// YAML 1.2 files are Unicode; a Latin-1 file exported from a spreadsheet would turn accents
    /// into garbage in every document made from the register.
    ///
    /// ## Example
    /// A file saved as Windows-1252 with `Sécurité`.
    ///
    /// ## How to fix
    /// Re-save the file as UTF-8 (`iconv -f latin1 -t utf-8`).
    pub static NOT_UTF8 = { code: "RP006", name: "not-utf8", severity: Error, fatal: true, summary: "The file is not valid UTF-8" }
}

declare_code! {
    /// ## What it checks
    /// That files do not start with a byte-order mark.
    ///
    /// ## Why
    /// A BOM is invisible in most editors and breaks the schema comment on the first line.
    ///
    /// ## Example
    /// A file saved by Notepad as "UTF-8 with BOM".
    ///
    /// ## How to fix
    /// Save the file as UTF-8 without BOM.
    pub static BYTE_ORDER_MARK = { code: "RP007", name: "byte-order-mark", severity: Error, fatal: true, summary: "The file starts with a byte-order mark" }
}

declare_code! {
    /// ## What it checks
    /// That indentation uses spaces.
    ///
    /// ## Why
    /// YAML forbids tabs for indentation; the resulting errors are confusing, so ropa names the
    /// cause.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    /// →- description: Payroll
    /// ```
    ///
    /// ## How to fix
    /// Replace the tabs with spaces (two per level is the convention).
    pub static TAB_INDENTATION = { code: "RP008", name: "tab-indentation", severity: Error, fatal: true, summary: "A line is indented with a tab" }
}

declare_code! {
    /// ## What it checks
    /// That no register file is empty.
    ///
    /// ## Why
    /// An empty activity file records nothing, though its presence suggests it does.
    ///
    /// ## Example
    /// An `activities/payroll.yaml` holding only comments.
    ///
    /// ## How to fix
    /// Fill it in (the schema lists the required fields) or delete it.
    pub static EMPTY_FILE = { code: "RP009", name: "empty-file", severity: Error, fatal: true, summary: "The file is empty" }
}

declare_code! {
    /// ## What it checks
    /// That each file matches its JSON Schema (schemas/): required fields, types, allowed
    /// values, date formats, id and country-code patterns.
    ///
    /// ## Why
    /// The schema is the register format: documents and rules rely on it, and editors use the
    /// same schema to help the DPO.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - description: Payroll
    ///     legal_basis: contractual
    /// ```
    ///
    /// ## How to fix
    /// Use one of the values listed in the help line (`contract` here).
    pub static SCHEMA_VIOLATION = { code: "RP010", name: "schema-violation", severity: Error, fatal: true, summary: "The file does not match its schema" }
}

declare_code! {
    /// ## What it checks
    /// That every key is one the format knows.
    ///
    /// ## Why
    /// A misspelt key (`retension`) would otherwise be ignored and the fact it holds lost from
    /// every document and check.
    ///
    /// ## Example
    /// ```yaml
    /// retension:
    ///   - periods: [{duration: P3Y}]
    /// ```
    ///
    /// ## How to fix
    /// Use the suggested key, or one of those listed.
    pub static UNKNOWN_FIELD = { code: "RP011", name: "unknown-field", severity: Error, fatal: true, summary: "A key is not part of the format" }
}

declare_code! {
    /// ## What it checks
    /// That every file of the register can be read.
    ///
    /// ## Why
    /// A record that cannot be read cannot be checked or shown to an authority (Art. 30(4)).
    ///
    /// ## Example
    /// `activities/payroll.yaml` without read permission.
    ///
    /// ## How to fix
    /// Fix the file's permissions.
    pub static UNREADABLE_FILE = { code: "RP012", name: "unreadable-file", severity: Error, fatal: true, summary: "A file cannot be read" }
}

declare_code! {
    /// ## What it checks
    /// That each activity file is named after the activity's id.
    ///
    /// ## Why
    /// Ids are used in references and in the names of generated documents; a file named
    /// otherwise makes both hard to find.
    ///
    /// ## Example
    /// `activities/payroll.yaml` holding `id: salaries`.
    ///
    /// ## How to fix
    /// Rename the file or change the id so they agree.
    pub static FILE_NAME_MISMATCH = { code: "RP013", name: "file-name-mismatch", severity: Error, fatal: false, summary: "An activity file is not named after its id" }
}

declare_code! {
    /// ## What it checks
    /// That nothing in `activities/` looks like an activity without being read: a sub-folder, or
    /// a YAML file whose extension is not written `.yaml` or `.yml` (`Payroll.YAML`). Hidden
    /// files and other files, such as a README, are left alone.
    ///
    /// ## Why
    /// A record the tool never reads is missing from every check and every document made for
    /// the supervisory authority (Art. 30(4)), while the DPO believes it is there.
    ///
    /// ## Example
    /// ```text
    /// activities/
    /// ├── payroll.yaml
    /// └── archive/
    ///     └── recruitment.yaml
    /// ```
    ///
    /// ## How to fix
    /// Move activity files directly into `activities/` with a lower-case `.yaml` extension, or
    /// move what is not an activity out of the folder.
    pub static IGNORED_FILE = { code: "RP014", name: "ignored-file", severity: Warning, fatal: false, summary: "An entry of activities/ looks like an activity but is not read" }
}

/// Every loading code, in code order.
pub const ALL: &[&Code] = &[
    &YAML_SYNTAX,
    &DUPLICATE_KEY,
    &NESTING_TOO_DEEP,
    &ALIAS_LIMIT,
    &FILE_TOO_LARGE,
    &NOT_UTF8,
    &BYTE_ORDER_MARK,
    &TAB_INDENTATION,
    &EMPTY_FILE,
    &SCHEMA_VIOLATION,
    &UNKNOWN_FIELD,
    &UNREADABLE_FILE,
    &FILE_NAME_MISMATCH,
    &IGNORED_FILE,
];
