//! Catalogues load entry by entry: one bad vendor or measure is one finding and the others
//! still load; references to a bad entry, and findings that would follow from a file that failed
//! to load, are not reported; messages name the entry by index and id; a catalogue may be split
//! over the files of `vendors/` and `measures/`.

mod common;
use common::copy_of;

use std::path::Path;

use serde_json::Value;

const AS_OF: &str = "2026-11-25";
const ZEROSIX: &str = "registers/zerosix";

fn check(paths: &[&Path]) -> (Option<i32>, Vec<Value>) {
    common::check_json(paths, AS_OF)
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The codes of the errors that no waiver covers, sorted.
fn unwaived_errors(diagnostics: &[Value]) -> Vec<&str> {
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error" && d["waiver"].is_null())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn one_bad_vendor_is_one_finding_and_the_others_still_load() {
    let dir = copy_of(ZEROSIX);
    // The first vendor, `aws`, loses its required `service`.
    edit(
        &dir.path().join("vendors.yaml"),
        "    service: Hébergement\n",
        "",
    );
    let (code, diagnostics) = check(&[dir.path()]);
    assert_eq!(code, Some(1));
    // The finding alone.
    assert_eq!(unwaived_errors(&diagnostics), ["RP010"], "{diagnostics:#?}");
    let bad = diagnostics.iter().find(|d| d["code"] == "RP010").unwrap();
    assert_eq!(
        bad["message"],
        "vendors[0] (id: aws): missing required field `service`"
    );
    assert_eq!(bad["line"], 7);
    // No "vendor `aws` does not exist" for the seven references to it.
    assert!(!codes(&diagnostics).contains(&"RP021".to_string()));
    // The other vendors loaded: their own findings are still there.
    let messages: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    for id in ["brevo", "high-connexion", "sinch", "maileva", "matomo"] {
        let named = format!("vendor `{id}`");
        assert!(
            messages.iter().any(|m| m.contains(&named)),
            "{id}: {messages:#?}"
        );
    }
    assert!(
        !messages.iter().any(|m| m.contains("vendor `aws`")),
        "{messages:#?}"
    );
}

#[test]
fn a_catalogue_that_fails_to_parse_brings_no_cascade() {
    let dir = copy_of(ZEROSIX);
    edit(
        &dir.path().join("vendors.yaml"),
        "    service: Hébergement\n",
        "    service: [Hébergement\n",
    );
    let (_, diagnostics) = check(&[dir.path()]);
    // The syntax error alone: no RP021 for every reference.
    assert_eq!(unwaived_errors(&diagnostics), ["RP001"], "{diagnostics:#?}");
    assert!(!codes(&diagnostics).contains(&"RP021".to_string()));
}

#[test]
fn a_bad_measure_is_not_reported_again_where_it_is_named() {
    let dir = copy_of(ZEROSIX);
    let measures = dir.path().join("measures.yaml");
    let text = std::fs::read_to_string(&measures).unwrap();
    let first_category = text
        .lines()
        .find(|l| l.trim_start().starts_with("category:"))
        .unwrap()
        .to_string();
    edit(&measures, &first_category, "    category: not-a-category");
    let (_, diagnostics) = check(&[dir.path()]);
    let bad: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["file"].as_str().unwrap_or("").ends_with("measures.yaml"))
        .collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
    let message = bad[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("measures[0] (id: ")
            && message.ends_with("`not-a-category` is not a valid value for `category`"),
        "{message}"
    );
    assert!(!codes(&diagnostics).contains(&"RP021".to_string()));
}

#[test]
fn an_activity_that_fails_to_load_brings_no_unused_vendor() {
    let dir = copy_of("registers/octopush");
    let activities = dir.path().join("activities");
    for entry in std::fs::read_dir(&activities).unwrap() {
        let path = entry.unwrap().path();
        std::fs::write(&path, "id: [broken\n").unwrap();
    }
    let (_, diagnostics) = check(&[dir.path()]);
    let codes = codes(&diagnostics);
    assert!(codes.contains(&"RP001".to_string()), "{codes:?}");
    assert!(!codes.contains(&"RP601".to_string()), "{diagnostics:#?}");
}

/// Split zerosix's vendors.yaml into one file per vendor in `vendors/`.
fn split_vendors(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("vendors.yaml")).unwrap();
    let body = text.split_once("vendors:\n").unwrap().1;
    let folder = dir.join("vendors");
    std::fs::create_dir(&folder).unwrap();
    for entry in body.split("\n  - id: ").filter(|e| !e.trim().is_empty()) {
        let entry = entry.strip_prefix("  - id: ").unwrap_or(entry);
        let id = entry.lines().next().unwrap().trim();
        let file = format!("vendors:\n  - id: {entry}\n");
        std::fs::write(folder.join(format!("{id}.yaml")), file).unwrap();
    }
    std::fs::remove_file(dir.join("vendors.yaml")).unwrap();
}

#[test]
fn a_catalogue_split_over_files_reads_as_one() {
    let whole = copy_of(ZEROSIX);
    let (whole_code, whole_diagnostics) = check(&[whole.path()]);
    let split = copy_of(ZEROSIX);
    split_vendors(split.path());
    assert_eq!(
        std::fs::read_dir(split.path().join("vendors"))
            .unwrap()
            .count(),
        6
    );
    let (code, diagnostics) = check(&[split.path()]);
    assert_eq!(code, whole_code);
    let messages = |ds: &[Value]| -> Vec<String> {
        let mut all: Vec<String> = ds
            .iter()
            .map(|d| format!("{} {}", d["code"], d["message"]))
            .collect();
        all.sort();
        all
    };
    assert_eq!(messages(&diagnostics), messages(&whole_diagnostics));
    // Findings about a vendor point into its own file.
    let aws = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("vendor `aws`"))
        .unwrap();
    assert!(
        aws["file"].as_str().unwrap().ends_with("vendors/aws.yaml"),
        "{aws:#?}"
    );
    // A file of the folder selects the whole register.
    let (_, by_file) = check(&[&split.path().join("vendors/aws.yaml")]);
    assert_eq!(messages(&by_file), messages(&whole_diagnostics));
}

#[test]
fn ids_are_unique_across_the_files_of_a_catalogue() {
    let dir = copy_of(ZEROSIX);
    std::fs::create_dir(dir.path().join("vendors")).unwrap();
    std::fs::write(
        dir.path().join("vendors/more.yaml"),
        "vendors:\n  - id: aws\n    name: AWS again\n    role: processor\n    service: Storage\n",
    )
    .unwrap();
    let (_, diagnostics) = check(&[dir.path()]);
    let duplicate: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "RP020")
        .collect();
    assert_eq!(duplicate.len(), 1, "{diagnostics:#?}");
    assert!(duplicate[0]["message"].as_str().unwrap().contains("aws"));
}

#[test]
fn a_catalogue_over_the_size_limit_is_told_how_to_split() {
    let dir = copy_of(ZEROSIX);
    let big = format!("vendors:\n{}", "# padding\n".repeat(900_000));
    std::fs::write(dir.path().join("vendors.yaml"), big).unwrap();
    let (_, diagnostics) = check(&[dir.path()]);
    let d = diagnostics.iter().find(|d| d["code"] == "RP005").unwrap();
    let help = d["help"].as_str().unwrap();
    assert!(help.contains("`vendors/`"), "{help}");
    assert!(!help.contains("split the file"), "{help}");
}

#[test]
fn new_vendor_goes_into_the_folder_of_a_split_catalogue() {
    let dir = copy_of(ZEROSIX);
    split_vendors(dir.path());
    let new = |id: &str| {
        assert_cmd::cargo::cargo_bin_cmd!("ropa")
            .args(["new", "vendor", id])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    // An id of another file of the folder is refused.
    let again = new("brevo");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(new("acme-mail").status.success());
    let text = std::fs::read_to_string(dir.path().join("vendors/acme-mail.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../../schemas/vendors.schema.json\nvendors:\n  - id: acme-mail "),
        "{text}"
    );
    assert!(!dir.path().join("vendors.yaml").exists());
    let (_, diagnostics) = check(&[dir.path()]);
    assert!(
        diagnostics.iter().any(|d| d["file"]
            .as_str()
            .unwrap()
            .ends_with("vendors/acme-mail.yaml")),
        "{diagnostics:#?}"
    );
}

/// The help of an unresolved reference (RP021) about `what`, on the zerosix activity.
fn unresolved_help(dir: &Path, what: &str) -> String {
    let (_, diagnostics) = check(&[dir]);
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "RP021" && d["message"].as_str().unwrap().starts_with(what))
        .collect();
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    found[0]["help"].as_str().unwrap().to_string()
}

/// RP021's help names the files the register's catalogue really has, not always vendors.yaml.
#[test]
fn an_unresolved_reference_names_the_files_of_a_split_catalogue() {
    let activity = "activities/gestion-du-service-zerosix.yaml";
    let dir = copy_of(ZEROSIX);
    edit(
        &dir.path().join(activity),
        "vendor: matomo",
        "vendor: matomoo",
    );
    let help = unresolved_help(dir.path(), "vendor `matomoo`");
    assert!(help.contains("known ids in vendors.yaml: "), "{help}");
    // vendors.yaml and one file of vendors/.
    std::fs::create_dir(dir.path().join("vendors")).unwrap();
    std::fs::write(
        dir.path().join("vendors/ovh.yaml"),
        "vendors:\n  - id: ovh\n    name: OVHcloud\n    role: sub_processor\n    service: Hébergement\n    locations:\n      - country: FR\n",
    )
    .unwrap();
    let help = unresolved_help(dir.path(), "vendor `matomoo`");
    assert!(
        help.contains("known ids in vendors.yaml and vendors/ovh.yaml: "),
        "{help}"
    );
    // Only vendors/, one file per vendor.
    let split = copy_of(ZEROSIX);
    split_vendors(split.path());
    edit(
        &split.path().join(activity),
        "vendor: matomo",
        "vendor: matomoo",
    );
    let help = unresolved_help(split.path(), "vendor `matomoo`");
    assert!(help.starts_with("did you mean `matomo`?"), "{help}");
    assert!(
        help.contains("known ids in the 6 files of vendors/: "),
        "{help}"
    );
    assert!(!help.contains("vendors.yaml"), "{help}");
    // Measures in measures/ only.
    std::fs::create_dir(split.path().join("measures")).unwrap();
    std::fs::rename(
        split.path().join("measures.yaml"),
        split.path().join("measures/security.yaml"),
    )
    .unwrap();
    edit(
        &split.path().join(activity),
        "security_measures:\n",
        "security_measures:\n  - chiffrement-inexistant\n",
    );
    let help = unresolved_help(split.path(), "security measure `chiffrement-inexistant`");
    assert!(
        help.contains("known ids in measures/security.yaml: "),
        "{help}"
    );
}
