//! `ropa export`: every exported workbook read back with a spreadsheet reader (sheet names,
//! headings, cells and their types), the same bytes twice, LibreOffice's own reading of the
//! workbook against the CSV export, the CSV files as RFC 4180, the JSON against its schema, and
//! the DPV JSON-LD through an independent JSON-LD processor.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use ropa::export::columns::{CNIL, ICO};

const EXAMPLES: [&str; 3] = ["octopush", "zerosix", "zetapush"];
const AS_OF: &str = "2026-11-30";

fn ropa() -> Command {
    Command::cargo_bin("ropa").unwrap()
}

fn export(format: &str, register: &str, out: &Path, extra: &[&str]) {
    ropa()
        .args(["export", format, &format!("registers/{register}"), "-o"])
        .arg(out)
        .args(["--as-of", AS_OF, "--version-label", "test"])
        .args(extra)
        .assert()
        .success();
}

fn activity_ids(register: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(format!("registers/{register}/activities"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    ids.sort();
    ids
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn workbooks_read_back_with_their_sheets_headings_and_types() {
    let dir = tempfile::tempdir().unwrap();
    for register in EXAMPLES {
        for (lang, layout, columns) in [
            ("en", "cnil", CNIL),
            ("fr", "cnil", CNIL),
            ("en", "ico", ICO),
        ] {
            let path = dir.path().join(format!("{register}-{lang}-{layout}.xlsx"));
            export(
                "xlsx",
                register,
                &path,
                &["--lang", lang, "--layout", layout],
            );
            let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
            let expected: &[&str] = if lang == "fr" {
                &[
                    "Registre",
                    "Organisme",
                    "Prestataires",
                    "Transferts",
                    "Conservation",
                    "Mesures de sécurité",
                    "Constats ouverts",
                ]
            } else {
                &[
                    "Register",
                    "Organisation",
                    "Vendors",
                    "Transfers",
                    "Retention",
                    "Security measures",
                    "Open findings",
                ]
            };
            assert_eq!(book.sheet_names(), expected, "{register} {lang}");
            let range = book.worksheet_range(expected[0]).unwrap();
            let rows: Vec<_> = range.rows().collect();
            let headings: Vec<String> = rows[0].iter().map(text).collect();
            let wanted: Vec<&str> = columns
                .iter()
                .map(|c| if lang == "fr" { c.fr } else { c.en })
                .collect();
            assert_eq!(headings, wanted, "{register} {lang} {layout}");
            // One row per activity, each traceable by its id in the first column.
            let mut ids: Vec<String> = rows[1..].iter().map(|r| text(&r[0])).collect();
            ids.sort();
            assert_eq!(ids, activity_ids(register), "{register}");
            // Dates are real dates, with the record's value.
            let created = wanted
                .iter()
                .position(|h| *h == "Date created" || *h == "Date de création")
                .unwrap();
            for row in &rows[1..] {
                let id = text(&row[0]);
                let yaml =
                    std::fs::read_to_string(format!("registers/{register}/activities/{id}.yaml"))
                        .unwrap();
                let Data::DateTime(dt) = &row[created] else {
                    panic!("{register}/{id}: created is {:?}, not a date", row[created]);
                };
                let date = dt.as_datetime().unwrap().date().to_string();
                assert!(
                    yaml.contains(&format!("created: {date}")),
                    "{register}/{id}: {date}"
                );
            }
        }
    }
}

#[test]
fn register_sheet_cells_say_what_the_record_says() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("octopush.xlsx");
    export("xlsx", "octopush", &path, &["--lang", "fr"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let range = book.worksheet_range("Registre").unwrap();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let col = |h: &str| rows[0].iter().position(|x| x == h).unwrap();
    let row = rows
        .iter()
        .find(|r| r[0] == "verified-reviews")
        .expect("verified-reviews row");
    assert_eq!(
        row[col("Nom / sigle")],
        "Transmission to Verified Reviews to collect the customer's opinion"
    );
    assert_eq!(row[col("Rôle de l'organisme")], "Responsable du traitement");
    assert_eq!(row[col("Responsable(s) du traitement")], "Octopush SAS");
    assert_eq!(
        row[col("Finalité principale")],
        "Collecting his opinion following his order"
    );
    assert!(row[col("Destinataires externes et sous-traitants")].starts_with("Verified Reviews"));
    // The organisation sheet and the findings sheet.
    let org = book.worksheet_range("Organisme").unwrap();
    assert_eq!(text(org.get((1, 0)).unwrap()), "Nom");
    assert_eq!(text(org.get((1, 1)).unwrap()), "Octopush");
    let findings = book.worksheet_range("Constats ouverts").unwrap();
    let first = findings.rows().nth(1).expect("octopush has open findings");
    assert!(
        matches!(first[5], Data::Float(_) | Data::Int(_)),
        "line is a number: {:?}",
        first[5]
    );
    // Waived findings are not open: the RP200 waiver of verified-reviews hides its finding.
    assert!(
        !findings
            .rows()
            .any(|r| text(&r[1]) == "RP200" && text(&r[3]) == "verified-reviews")
    );
}

#[test]
fn the_same_register_gives_the_same_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    export("xlsx", "zerosix", &a, &[]);
    export("xlsx", "zerosix", &b, &[]);
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
    // The creation date is the export date, not the clock.
    let bytes = std::fs::read(&a).unwrap();
    let core = unzip_entry(&bytes, "docProps/core.xml");
    assert!(core.contains("2026-11-30T00:00:00Z"), "{core}");
}

/// One part of the workbook (a zip file), as text.
fn unzip_entry(zip_bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn csv_files_are_rfc4180_with_the_workbooks_cells() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("z.xlsx");
    let csv_dir = dir.path().join("csv");
    export("xlsx", "zerosix", &xlsx, &["--lang", "fr"]);
    export("csv", "zerosix", &csv_dir, &["--lang", "fr"]);
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    for (sheet, file) in [
        ("Registre", "register.csv"),
        ("Organisme", "organisation.csv"),
        ("Prestataires", "vendors.csv"),
        ("Transferts", "transfers.csv"),
        ("Conservation", "retention.csv"),
        ("Mesures de sécurité", "security-measures.csv"),
        ("Constats ouverts", "open-findings.csv"),
    ] {
        let bytes = std::fs::read(csv_dir.join(file)).unwrap();
        let text_all = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(text_all.contains("\r\n"), "{file}: CRLF line ends");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let range = book.worksheet_range(sheet).unwrap();
        let cells: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|d| match d {
                        Data::DateTime(dt) => dt.as_datetime().unwrap().date().to_string(),
                        other => text(other),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(records, cells, "{file} and the sheet {sheet}");
    }
}

#[test]
fn libreoffice_reads_the_register_sheet_as_the_csv_export_says() {
    let Some(soffice) = find_program(&["soffice", "libreoffice"]) else {
        if std::env::var_os("ROPA_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
            panic!(
                "LibreOffice (soffice) is required (ROPA_REQUIRE_TOOLS=1): apt-get install libreoffice-calc-nogui"
            );
        }
        eprintln!(
            "SKIPPED: libreoffice_reads_the_register_sheet_as_the_csv_export_says: install LibreOffice (soffice) to run"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for register in EXAMPLES {
        let xlsx = dir.path().join(format!("{register}.xlsx"));
        let csv_dir = dir.path().join(format!("{register}-csv"));
        export("xlsx", register, &xlsx, &[]);
        export("csv", register, &csv_dir, &[]);
        let out = dir.path().join(format!("{register}-lo"));
        let status = StdCommand::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args([
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1",
                "--outdir",
            ])
            .arg(&out)
            .arg(&xlsx)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let theirs = std::fs::read(out.join(format!("{register}.csv"))).unwrap();
        let ours = std::fs::read(csv_dir.join("register.csv")).unwrap();
        let parse = |b: &[u8]| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(b)
                .records()
                .map(|r| r.unwrap().iter().map(|s| s.replace("\r\n", "\n")).collect())
                .collect()
        };
        assert_eq!(
            parse(&theirs),
            parse(&ours),
            "{register}: LibreOffice's reading of the Register sheet"
        );
    }
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

#[test]
fn json_export_matches_its_schema_and_resolves_references() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/export.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for register in EXAMPLES {
        let out = ropa()
            .args([
                "export",
                "json",
                &format!("registers/{register}"),
                "--as-of",
                AS_OF,
                "--version-label",
                "test",
            ])
            .assert()
            .success();
        let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{register}: {errors:#?}");
        assert_eq!(value["format_version"], 1);
        assert_eq!(value["exported"], AS_OF);
        assert_eq!(
            value["activities"].as_array().unwrap().len(),
            activity_ids(register).len()
        );
    }
    // zerosix: a recipient naming a vendor carries the vendor; durations are normalised.
    let out = ropa()
        .args(["export", "json", "registers/zerosix", "--as-of", AS_OF])
        .assert()
        .success();
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let activity = &value["activities"][0];
    let recipients = activity["record"]["recipients"].as_array().unwrap();
    let resolved = activity["resolved"]["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), resolved.len());
    let (i, r) = recipients
        .iter()
        .enumerate()
        .find(|(_, r)| r["vendor"].is_string())
        .unwrap();
    assert_eq!(resolved[i]["vendor"]["id"], r["vendor"]);
    let period = activity["resolved"]["retention"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["periods"].as_array().unwrap())
        .find(|p| p["duration"].is_object())
        .expect("a retention period with a duration");
    assert!(period["duration"]["iso"].as_str().unwrap().starts_with('P'));
    assert!(period["duration"]["days"].as_u64().unwrap() > 0);
}

#[test]
fn schema_of_the_json_export_is_up_to_date() {
    let committed = std::fs::read_to_string("schemas/export.schema.json").unwrap();
    assert!(
        committed == ropa::export::json::schema(),
        "schemas/export.schema.json is stale: run `cargo run -- schema --out schemas` and commit the result"
    );
}

type Triple = (String, String, String);

/// The triples of a register's DPV export, read by an independent JSON-LD processor.
fn dpv_triples(register: &str, base: &str) -> Vec<Triple> {
    use oxjsonld::JsonLdParser;
    let out = ropa()
        .args([
            "export",
            "dpv",
            &format!("registers/{register}"),
            "--as-of",
            AS_OF,
            "--base",
            base,
        ])
        .assert()
        .success();
    let bytes = out.get_output().stdout.clone();
    JsonLdParser::new()
        .for_slice(&bytes)
        .map(|quad| {
            let q = quad.unwrap_or_else(|e| panic!("the DPV export is not valid JSON-LD: {e}"));
            (
                q.subject.to_string(),
                q.predicate.to_string(),
                q.object.to_string(),
            )
        })
        .collect()
}

const RDF_TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

fn dpv(local: &str) -> String {
    format!("<https://w3id.org/dpv#{local}>")
}

fn objects(triples: &[Triple], s: &str, p: &str) -> Vec<String> {
    triples
        .iter()
        .filter(|t| t.0 == s && t.1 == p)
        .map(|t| t.2.clone())
        .collect()
}

#[test]
fn dpv_json_ld_gives_the_expected_triples() {
    let base = "https://example.com/zetapush/";
    let triples = dpv_triples("zetapush", base);
    let has = |s: &str, p: &str, o: &str| triples.iter().any(|t| t.0 == s && t.1 == p && t.2 == o);
    let a = format!("<{base}activity/customer-relationship-management>");
    assert!(has(&a, RDF_TYPE, &dpv("Process")), "{a} is a dpv:Process");
    assert!(has(
        &a,
        &dpv("hasDataController"),
        &format!("<{base}organisation>")
    ));
    assert!(has(
        &format!("<{base}organisation>"),
        RDF_TYPE,
        &dpv("DataController")
    ));
    // Its purpose, with its legal basis (Art. 6(1)(c)) as an eu-gdpr article concept.
    let purposes = objects(&triples, &a, &dpv("hasPurpose"));
    assert!(!purposes.is_empty());
    assert!(purposes.iter().all(|p| has(p, RDF_TYPE, &dpv("Purpose"))));
    let gdpr_6_1_c = "<https://w3id.org/dpv/legal/eu/gdpr#A6-1-c>";
    assert!(
        purposes
            .iter()
            .any(|p| has(p, &dpv("hasLegalBasis"), gdpr_6_1_c)),
        "{purposes:?}"
    );
    assert!(has(&a, &dpv("hasLegalBasis"), gdpr_6_1_c));
    // Its data subjects and personal data, typed.
    let subjects = objects(&triples, &a, &dpv("hasDataSubject"));
    assert!(
        !subjects.is_empty()
            && subjects
                .iter()
                .all(|s| has(s, RDF_TYPE, &dpv("DataSubject")))
    );
    let data = objects(&triples, &a, &dpv("hasPersonalData"));
    assert!(!data.is_empty() && data.iter().all(|d| has(d, RDF_TYPE, &dpv("PersonalData"))));
    // Its dates, and the fields DPV has no term for, under the register's own vocabulary.
    assert!(
        has(
            &a,
            "<http://purl.org/dc/terms/created>",
            "\"2026-11-23\"^^<http://www.w3.org/2001/XMLSchema#date>"
        ) || !objects(&triples, &a, "<http://purl.org/dc/terms/created>").is_empty()
    );
    assert_eq!(
        objects(&triples, &a, &format!("<{base}vocab#role>")),
        ["\"controller\""]
    );
}

#[test]
fn dpv_processor_records_name_the_processor_and_third_countries_with_safeguards() {
    let base = "urn:ropa:test:";
    let triples = dpv_triples("octopush", base);
    let has = |s: &str, p: &str, o: &str| triples.iter().any(|t| t.0 == s && t.1 == p && t.2 == o);
    let a = format!("<{base}activity/message-sending-for-users>");
    assert!(has(&a, RDF_TYPE, &dpv("Process")));
    assert!(has(
        &a,
        &dpv("hasDataProcessor"),
        &format!("<{base}organisation>")
    ));
    let controllers = objects(&triples, &a, &dpv("hasDataController"));
    assert!(
        !controllers.is_empty(),
        "the controllers on whose behalf it acts"
    );
    // Octopush's transfer names no country; its safeguard (SCCs) is there all the same.
    let transfer = format!("<{base}activity/message-sending-for-users/transfer/0>");
    assert!(has(
        &transfer,
        &dpv("hasLegalBasis"),
        "<https://w3id.org/dpv/legal/eu/gdpr#A46-2-c>"
    ));
    // ZEROSIX's transfer to the United States: the third country on the process and on the
    // transfer, with the safeguard of the vendor (AWS) for that country.
    let triples = dpv_triples("zerosix", base);
    let has = |s: &str, p: &str, o: &str| triples.iter().any(|t| t.0 == s && t.1 == p && t.2 == o);
    let a = format!("<{base}activity/gestion-du-service-zerosix>");
    let us = "<https://w3id.org/dpv/loc#US>";
    assert!(has(&a, &dpv("hasThirdCountry"), us));
    let transfer = format!("<{base}activity/gestion-du-service-zerosix/transfer/0>");
    assert!(has(&transfer, &dpv("hasThirdCountry"), us));
    assert!(has(
        &transfer,
        &dpv("hasRecipient"),
        &format!("<{base}vendor/aws>")
    ));
    let safeguards = objects(&triples, &transfer, &dpv("hasLegalBasis"));
    assert!(
        safeguards
            .iter()
            .any(|s| s.starts_with("<https://w3id.org/dpv/legal/eu/gdpr#A4")),
        "{safeguards:?}"
    );
}

fn fails_with(args: &[&str], needle: &str) {
    let out = ropa().args(args).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
}

#[test]
fn export_needs_a_place_for_binary_and_multi_file_output() {
    fails_with(&["export", "xlsx", "registers/zerosix"], "-o FILE.xlsx");
    fails_with(&["export", "csv", "registers/zerosix"], "-o DIR");
    fails_with(
        &[
            "export",
            "json",
            "registers/zerosix",
            "--base",
            "https://x/",
        ],
        "--base applies to",
    );
    fails_with(
        &["export", "dpv", "registers/zerosix", "--base", "no-scheme"],
        "not an absolute IRI",
    );
    fails_with(
        &["export", "json", "tests/fixtures/does-not-exist"],
        "error:",
    );
}

/// A vendor used by 1,500 activities: the names of its users (over 40,000 characters) do not fit
/// in one cell. The workbook cuts the text at a line end with a marker and a note on the cell,
/// the command warns with the sheet and cell, and the CSV export keeps the whole list.
#[test]
fn a_text_over_the_cell_limit_is_cut_with_a_marker_and_kept_whole_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let reg = dir.path().join("big");
    ropa()
        .args(["init", "--as-of", AS_OF, "--organisation", "Big"])
        .arg(&reg)
        .assert()
        .success();
    ropa()
        .args(["new", "vendor", "host"])
        .arg(&reg)
        .assert()
        .success();
    let example = std::fs::read_to_string(reg.join("activities/example-newsletter.yaml")).unwrap();
    std::fs::remove_file(reg.join("activities/example-newsletter.yaml")).unwrap();
    for i in 0..1_500 {
        let id = format!("newsletter-number-{i:04}");
        let text = example
            .replace("example-newsletter", &id)
            .replace("name: Newsletter", &format!("name: Newsletter of the regional office {i:04}"))
            .replace(
                "  - kind: internal\n    name: Communication team\n",
                "  - kind: internal\n    name: Communication team\n  - kind: vendor\n    vendor: host\n",
            );
        std::fs::write(reg.join(format!("activities/{id}.yaml")), text).unwrap();
    }
    let xlsx = dir.path().join("big.xlsx");
    let output = ropa()
        .args(["export", "xlsx"])
        .arg(&reg)
        .arg("-o")
        .arg(&xlsx)
        .args(["--as-of", AS_OF, "--version-label", "test"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("sheet Vendors, cell P2:")
            && stderr.contains("characters do not fit in a spreadsheet cell (32767 at most)"),
        "{stderr}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let vendors = book.worksheet_range("Vendors").unwrap();
    let cell = text(vendors.get((1, 15)).unwrap());
    assert!(cell.chars().count() <= 32_767, "{}", cell.len());
    let lines: Vec<&str> = cell.lines().collect();
    let shown = lines.len() - 1;
    assert_eq!(lines[0], "Newsletter of the regional office 0000");
    assert_eq!(
        lines[shown],
        format!("… [cut: {} more lines not shown]", 1_500 - shown)
    );
    let csv_dir = dir.path().join("csv");
    ropa()
        .args(["export", "csv"])
        .arg(&reg)
        .arg("-o")
        .arg(&csv_dir)
        .args(["--as-of", AS_OF, "--version-label", "test"])
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(csv_dir.join("vendors.csv")).unwrap();
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(
        record[15].lines().count(),
        1_500,
        "the CSV keeps every activity"
    );
}
