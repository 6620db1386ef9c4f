//! The register's life outside `check` and `render`: `ropa init` and `ropa new` (valid
//! skeletons, never overwriting), `ropa list` and `ropa show` on the example registers,
//! `check -o`, the schema-copy warning, completions, the manual page, `--quiet` and the exit
//! codes in `--help`. Every date is pinned with `--as-of`.

mod common;
use common::copy_of;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const AS_OF: &str = "2026-11-25";

fn ropa() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("ropa");
    cmd.env_remove("COLUMNS");
    cmd
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Run and return (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        stdout(&output),
        stderr(&output),
    )
}

fn init_into(dir: &Path) {
    let (code, _, err) = run(ropa().args(["init", "--as-of", AS_OF]).arg(dir));
    assert_eq!(code, 0, "{err}");
}

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

#[test]
fn init_makes_a_register_that_passes_its_check() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("register");
    init_into(&dir);
    for file in [
        "ropa.yaml",
        "vendors.yaml",
        "measures.yaml",
        "activities/example-newsletter.yaml",
        ".ropa/schemas/activity.schema.json",
        ".ropa/schemas/register.schema.json",
        ".ropa/schemas/vendors.schema.json",
        ".ropa/schemas/measures.schema.json",
        ".vscode/settings.json",
        ".github/workflows/ropa.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let (code, out, err) = run(ropa()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(&dir));
    assert_eq!(code, 0, "{out}{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{out}");
    assert!(
        !err.contains("schemas"),
        "fresh schemas are not stale: {err}"
    );
    // The modelines resolve inside the register.
    let activity = std::fs::read_to_string(dir.join("activities/example-newsletter.yaml")).unwrap();
    assert!(
        activity
            .starts_with("# yaml-language-server: $schema=../.ropa/schemas/activity.schema.json\n"),
        "{activity}"
    );
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap())
            .unwrap();
    for (schema, _) in settings["yaml.schemas"].as_object().unwrap() {
        assert!(dir.join(schema).is_file(), "{schema} does not exist");
    }
}

/// The generated workflow and pre-commit configuration are YAML that names commands ropa has.
#[test]
fn init_writes_a_workflow_and_a_pre_commit_config_naming_real_commands() {
    let tmp = tempfile::tempdir().unwrap();
    init_into(tmp.path());
    let limits = ropa::yaml::Limits::default();
    let workflow = std::fs::read_to_string(tmp.path().join(".github/workflows/ropa.yml")).unwrap();
    let workflow = ropa::yaml::parse_str(&workflow, &limits).unwrap().value;
    let steps = workflow["jobs"]["ropa"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.starts_with("ropa check")), "{runs:?}");
    let pre_commit = std::fs::read_to_string(tmp.path().join(".pre-commit-config.yaml")).unwrap();
    let pre_commit = ropa::yaml::parse_str(&pre_commit, &limits).unwrap().value;
    let hook = &pre_commit["repos"][0]["hooks"][0];
    assert_eq!(hook["id"], "ropa-check");
    let mut commands: Vec<String> = runs.iter().map(|r| r.to_string()).collect();
    commands.push(hook["entry"].as_str().unwrap().to_string());
    for command in commands.iter().filter(|c| c.starts_with("ropa ")) {
        // Each command line parses: run it with --help appended after its subcommand.
        let words: Vec<&str> = command.split_whitespace().skip(1).collect();
        let (code, _, err) = run(ropa().args(&words[..1]).arg("--help"));
        assert_eq!(code, 0, "`{command}`: {err}");
        let (code, _, err) = run(ropa()
            .current_dir(tmp.path())
            .args(&words)
            .args(["--as-of", AS_OF]));
        assert_eq!(code, 0, "`{command}` in the new register: {err}");
    }
}

#[test]
fn init_never_overwrites_and_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("ropa.yaml"), "mine\n").unwrap();
    let (code, _, err) = run(ropa().arg("init").arg(tmp.path()));
    assert_eq!(code, 2);
    assert!(
        err.contains("nothing written: a file already exists and ropa init never overwrites")
            && err.contains("ropa.yaml"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("ropa.yaml")).unwrap(),
        "mine\n"
    );
    // Nothing else was written.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = run(ropa().arg("init").arg(&file));
    assert_eq!(code, 2);
    assert!(err.contains("is a file"), "{err}");
}

#[cfg(unix)]
#[test]
fn init_into_an_unwritable_folder_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let locked = tmp.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!(
            "SKIPPED: running as a user who can write anywhere (root); the permission case cannot be shown"
        );
        return;
    }
    let (code, _, err) = run(ropa().arg("init").arg(locked.join("reg")));
    assert_eq!(code, 2);
    assert!(err.contains("cannot create"), "{err}");
    assert!(!locked.join("reg").exists());
}

// ---------------------------------------------------------------------------------------------
// new
// ---------------------------------------------------------------------------------------------

#[test]
fn new_adds_valid_skeletons_and_refuses_taken_or_invalid_ids() {
    let tmp = tempfile::tempdir().unwrap();
    init_into(tmp.path());
    let dir = tmp.path();
    let ok = |args: &[&str]| {
        let (code, _, err) =
            run(ropa()
                .arg("new")
                .args(args)
                .arg(dir)
                .args(if args[0] == "activity" {
                    vec!["--as-of", AS_OF]
                } else {
                    vec![]
                }));
        assert_eq!(code, 0, "{args:?}: {err}");
    };
    ok(&["activity", "payroll"]);
    ok(&["activity", "hosting-for-clients", "--role", "processor"]);
    ok(&["vendor", "cloud-host"]);
    ok(&["vendor", "mail-sender"]);
    ok(&["measure", "backups", "--category", "restoration"]);

    let payroll = std::fs::read_to_string(dir.join("activities/payroll.yaml")).unwrap();
    assert!(
        payroll
            .starts_with("# yaml-language-server: $schema=../.ropa/schemas/activity.schema.json\n")
    );
    assert!(payroll.contains("role: controller") && payroll.contains("created: 2026-11-25"));
    let hosting = std::fs::read_to_string(dir.join("activities/hosting-for-clients.yaml")).unwrap();
    assert!(hosting.contains("role: processor") && hosting.contains("# controllers:"));
    let vendors = std::fs::read_to_string(dir.join("vendors.yaml")).unwrap();
    assert!(
        vendors.contains("  - id: cloud-host") && vendors.contains("  - id: mail-sender"),
        "{vendors}"
    );

    // Every file still loads: the check reports findings (the skeletons are to be filled in),
    // never a schema or YAML error.
    let (_, out, _) = run(ropa()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(dir));
    let report: Value = serde_json::from_str(&out).unwrap();
    for d in report["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        assert!(
            !code.starts_with("RP00") && code != "RP010" && code != "RP011",
            "{d}"
        );
    }

    for (args, message) in [
        (vec!["activity", "payroll"], "already exists"),
        (vec!["activity", "Payroll"], "not a valid activity id"),
        (vec!["activity", "../escape"], "not a valid activity id"),
        (vec!["vendor", "cloud-host"], "already exists"),
        (
            vec!["measure", "backups", "--category", "restoration"],
            "already exists",
        ),
        (vec!["measure", "logs"], "--category"),
        (
            vec!["measure", "logs", "--category", "restorations"],
            "did you mean `restoration`",
        ),
    ] {
        let before = std::fs::read_to_string(dir.join("vendors.yaml")).unwrap();
        let (code, _, err) = run(ropa().arg("new").args(&args).arg(dir));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("vendors.yaml")).unwrap(),
            before
        );
    }
    let (code, _, err) = run(ropa()
        .args(["new", "vendor", "x"])
        .arg(dir.join("activities")));
    assert_eq!(code, 2);
    assert!(err.contains("is not a register"), "{err}");
}

/// In the example registers, whose files point to the repository's schemas/, a new activity
/// follows its neighbours' convention.
#[test]
fn new_activity_follows_the_registers_schema_lines() {
    let dir = copy_of("registers/zetapush");
    let (code, _, err) = run(ropa()
        .args(["new", "activity", "newsletter", "--as-of", AS_OF])
        .arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("activities/newsletter.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../../schemas/activity.schema.json\n"),
        "{text}"
    );
    let (code, _, err) = run(ropa().args(["new", "vendor", "mailer"]).arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let vendors = std::fs::read_to_string(dir.path().join("vendors.yaml")).unwrap();
    assert!(
        vendors.starts_with("# yaml-language-server: $schema=../../schemas/vendors.schema.json\n"),
        "{vendors}"
    );
}

// ---------------------------------------------------------------------------------------------
// check -o, schema copies
// ---------------------------------------------------------------------------------------------

#[test]
fn check_writes_its_report_to_a_file_with_the_same_exit_code() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ropa.sarif");
    let (code, printed, err) = run(ropa()
        .args([
            "check",
            "registers/",
            "--as-of",
            AS_OF,
            "--format",
            "sarif",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(printed.is_empty());
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let (code, _, err) = run(ropa()
        .args(["check", "tests/fixtures/formats", "--as-of", AS_OF, "-o"])
        .arg(tmp.path().join("report.txt")));
    assert_eq!(code, 1, "{err}");
    let text = std::fs::read_to_string(tmp.path().join("report.txt")).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour codes in a file");
    // An output folder that cannot be created: exit 2, nothing written.
    let blocker = tmp.path().join("blocker");
    std::fs::write(&blocker, "x").unwrap();
    let (code, _, err) = run(ropa()
        .args(["check", "registers/", "--as-of", AS_OF, "-o"])
        .arg(blocker.join("out.txt")));
    assert_eq!(code, 2);
    assert!(err.contains("cannot create"), "{err}");
}

#[test]
fn check_warns_when_the_registers_schemas_are_stale_and_schema_out_refreshes_them() {
    let tmp = tempfile::tempdir().unwrap();
    init_into(tmp.path());
    let copy = tmp.path().join(".ropa/schemas");
    std::fs::write(copy.join("activity.schema.json"), "{}\n").unwrap();
    let (code, _, err) = run(ropa().args(["check", "--as-of", AS_OF]).arg(tmp.path()));
    assert_eq!(code, 0);
    assert!(
        err.contains("differ from those of this ropa") && err.contains("ropa schema --out"),
        "{err}"
    );
    let (code, _, err) = run(ropa()
        .args(["-q", "check", "--as-of", AS_OF])
        .arg(tmp.path()));
    assert_eq!(code, 0);
    assert!(err.is_empty(), "--quiet: {err}");
    let (code, _, _) = run(ropa().args(["schema", "--out"]).arg(&copy));
    assert_eq!(code, 0);
    let (_, _, err) = run(ropa().args(["check", "--as-of", AS_OF]).arg(tmp.path()));
    assert!(!err.contains("differ"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// list, show
// ---------------------------------------------------------------------------------------------

fn list_json(args: &[&str]) -> Vec<Value> {
    let (code, out, err) = run(ropa()
        .arg("list")
        .args(args)
        .args(["--format", "json", "--as-of", AS_OF]));
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn list_every_table_of_every_example_register() {
    for register in [
        "registers/octopush",
        "registers/zerosix",
        "registers/zetapush",
    ] {
        for what in ["activities", "vendors", "transfers", "retention", "reviews"] {
            for format in ["table", "csv", "json"] {
                let (code, out, err) = run(
                    ropa().args(["list", what, register, "--format", format, "--as-of", AS_OF])
                );
                assert_eq!(code, 0, "{what} {register} {format}: {err}");
                assert!(!out.is_empty());
            }
        }
    }
    let activities = list_json(&["activities", "registers/"]);
    assert_eq!(activities.len(), 12);
    assert_eq!(activities[0]["register"], "octopush");
    let zerosix = list_json(&["activities", "registers/zerosix"]);
    assert_eq!(zerosix[0]["id"], "gestion-du-service-zerosix");
    assert_eq!(zerosix[0]["role"], "processor");
    assert_eq!(zerosix[0]["updated"], "2024-03-14");

    let vendors = list_json(&["vendors", "registers/zerosix"]);
    let aws = vendors.iter().find(|v| v["id"] == "aws").unwrap();
    assert_eq!(aws["countries"], "FR, US");
    assert_eq!(aws["activities"], "gestion-du-service-zerosix");

    let transfers = list_json(&["transfers", "registers/zerosix"]);
    assert_eq!(transfers.len(), 1, "{transfers:?}");
    assert_eq!(transfers[0]["importer"], "Amazon Web Services");
    assert_eq!(transfers[0]["country"], "US");

    let retention = list_json(&["retention", "registers/zetapush"]);
    assert!(
        retention.iter().any(|r| r["duration"] == "12 months"),
        "durations are spelled out: {retention:?}"
    );

    let reviews = list_json(&["reviews", "registers/zerosix"]);
    assert_eq!(reviews[0]["last"], "2024-03-14");
    assert_eq!(reviews[0]["due"], "2025-03-14");
    assert_eq!(reviews[0]["overdue"], "oui, 621 jours");
}

/// Lists speak the register's words: the keys and enum values as its files write them (the
/// values `--role` and the other filters take), durations and the overdue count spelled in the
/// register's `settings.language`.
#[test]
fn lists_use_the_registers_words_and_language() {
    // zerosix is French: « 3 ans à compter de ... », « oui, 621 jours ».
    let retention = list_json(&["retention", "registers/zerosix"]);
    let durations: Vec<&str> = retention
        .iter()
        .map(|r| r["duration"].as_str().unwrap())
        .collect();
    assert!(
        durations.contains(&"3 mois à compter de invitation à finaliser l’inscription"),
        "{durations:?}"
    );
    assert!(
        durations.iter().any(
            |d| d.starts_with("jusqu'à fin de la période d’utilisation du service, puis 3 ans")
        ),
        "{durations:?}"
    );
    assert!(
        retention
            .iter()
            .all(|r| r["end"] == "" || r["end"] == "delete" || r["end"] == "anonymise")
    );
    // English registers in English.
    let retention = list_json(&["retention", "registers/zetapush"]);
    assert!(
        retention.iter().any(|r| r["duration"] == "12 months"),
        "{retention:?}"
    );
    let zerosix = list_json(&["activities", "registers/zerosix"]);
    assert_eq!(
        zerosix[0]["role"], "processor",
        "the YAML name, as --role takes it"
    );
    assert_eq!(
        list_json(&["activities", "registers/zerosix", "--role", "processor"]).len(),
        zerosix.len()
    );
}

#[test]
fn list_filters_by_role_owner_country_and_vendor() {
    let processors = list_json(&["activities", "registers/", "--role", "processor"]);
    assert!(processors.iter().all(|a| a["role"] == "processor"));
    assert_eq!(processors.len(), 3, "{processors:?}");
    let us = list_json(&["activities", "registers/", "--country", "US"]);
    let ids: Vec<&str> = us.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["gestion-du-service-zerosix"]);
    let matomo = list_json(&["activities", "registers/zerosix", "--vendor", "matomo"]);
    assert_eq!(matomo.len(), 1);
    let nobody = list_json(&["activities", "registers/", "--owner", "nobody"]);
    assert!(nobody.is_empty());
    let sub = list_json(&["vendors", "registers/zerosix", "--role", "sub_processor"]);
    assert!(!sub.is_empty() && sub.iter().all(|v| v["role"] == "sub_processor"));

    for (args, message) in [
        (vec!["--vendor", "amazon"], "no vendor `amazon`"),
        (vec!["--role", "boss"], "unknown role"),
        (vec!["--country", "XX"], "not an ISO 3166-1"),
    ] {
        let (code, _, err) = run(ropa()
            .args(["list", "activities", "registers/zerosix"])
            .args(&args));
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(message), "{err}");
    }
    let (code, _, err) = run(ropa().args(["list", "activities", "no/such/folder"]));
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn list_tables_fit_the_terminal_width() {
    let (code, out, _) = run(ropa().env("COLUMNS", "80").args([
        "list",
        "activities",
        "registers/",
        "--as-of",
        AS_OF,
    ]));
    assert_eq!(code, 0);
    for line in out.lines() {
        assert!(
            unicode_width(line) <= 80,
            "line wider than 80 columns: {line}"
        );
    }
    let (_, csv, _) = run(ropa().args(["list", "vendors", "registers/zerosix", "--format", "csv"]));
    assert!(
        csv.starts_with("id,name,role,service,countries,contract,activities\r\n"),
        "{csv}"
    );
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn show_resolves_references() {
    let (code, out, err) = run(ropa().args([
        "show",
        "gestion-du-service-zerosix",
        "registers/zerosix",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let activity: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(activity["kind"], "activity");
    let aws = activity["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["vendor"] == "aws")
        .unwrap();
    assert_eq!(aws["vendor_entry"]["name"], "Amazon Web Services");
    assert!(
        activity["security_measures"][0]["title"].is_string()
            || activity["security_measures"][0]["description"].is_string()
    );

    let (code, out, _) = run(ropa().args(["show", "aws", "registers/zerosix"]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("kind: vendor\nid: aws\nname: Amazon Web Services\n"),
        "{out}"
    );
    assert!(
        out.contains("used_by:\n  gestion-du-service-zerosix: Gestion du service ZEROSIX\n"),
        "{out}"
    );

    let (code, _, err) =
        run(ropa().args(["show", "gestion-du-servise-zerosix", "registers/zerosix"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("did you mean `gestion-du-service-zerosix`"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// completions, man, help
// ---------------------------------------------------------------------------------------------

#[test]
fn completions_man_page_and_exit_codes_in_help() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(ropa().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("ropa"), "{shell}");
    }
    let (_, bash, _) = run(ropa().args(["completions", "bash"]));
    for command in ["init", "diff", "list", "show", "check"] {
        assert!(
            bash.contains(command),
            "{command} missing from bash completions"
        );
    }
    let (code, _, err) = run(ropa().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "{err}");
    let (code, man, _) = run(ropa().arg("man"));
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") || man.contains(".TH ropa"), "{man}");
    let (code, help, _) = run(ropa().arg("--help"));
    assert_eq!(code, 0);
    assert!(
        help.contains("Exit codes:") && help.contains("  2  usage"),
        "{help}"
    );
}

/// `ropa man SUBCOMMAND` prints that subcommand's page; `ropa man --out DIR` writes one page per
/// command and subcommand, named as `man` looks them up; an unknown subcommand or a file given
/// as the folder is a usage error that writes nothing.
#[test]
fn man_pages_per_subcommand() {
    let (code, page, err) = run(ropa().args(["man", "check"]));
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH ropa-check 1"), "{page}");
    assert!(
        page.contains("\\-\\-fail\\-on"),
        "the page documents check's options"
    );
    let (code, page, err) = run(ropa().args(["man", "new", "activity"]));
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH ropa-new-activity 1"), "{page}");
    assert!(page.contains("\\-\\-role"), "{page}");

    let (code, out, err) = run(ropa().args(["man", "chek"]));
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("no subcommand `chek`") && err.contains("check"),
        "{err}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let (code, _, err) = run(ropa().args(["man", "--out"]).arg(&dir));
    assert_eq!(code, 0, "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for page in [
        "ropa.1",
        "ropa-check.1",
        "ropa-diff.1",
        "ropa-new-vendor.1",
        "ropa-man.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} missing: {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let check = std::fs::read_to_string(dir.join("ropa-check.1")).unwrap();
    assert_eq!(check, run(ropa().args(["man", "check"])).1);

    let file = tmp.path().join("a-file");
    std::fs::write(&file, "mine").unwrap();
    let (code, _, err) = run(ropa().args(["man", "--out"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a file"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}
