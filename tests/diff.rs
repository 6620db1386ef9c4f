//! `ropa diff` and `ropa render change-notice` on real git repositories built in temporary
//! folders: every kind of change, the legal marks, the three formats, two revisions or one and
//! the working tree, a revision where a file does not load, and the bad inputs (unknown
//! revision, a path outside git, nothing to notify).

mod common;
use common::{copy_dir, git, git_init};

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const AS_OF: &str = "2026-11-25";

fn ropa() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn commit(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Remove the list item of `vendors.yaml` whose id is `id`.
fn remove_vendor(path: &Path, id: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let end = text[start + 4..]
        .find("\n  - id: ")
        .map_or(text.len(), |i| start + 4 + i + 1);
    std::fs::write(path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

/// A repository with two registers, `regs/zerosix` (a processor record) and `regs/clean` (a
/// controller record), committed once (`v1`), then changed in every way `ropa diff` reports and
/// committed again (`v2`). The working tree is left equal to `v2`.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    git_init(root);
    copy_dir(Path::new("registers/zerosix"), &root.join("regs/zerosix"));
    copy_dir(Path::new("tests/fixtures/clean"), &root.join("regs/clean"));
    let clean = root.join("regs/clean/activities");
    let accounts = std::fs::read_to_string(clean.join("customer-accounts.yaml")).unwrap();
    std::fs::write(
        clean.join("old-activity.yaml"),
        accounts.replace("id: customer-accounts", "id: old-activity"),
    )
    .unwrap();
    commit(root, "v1");
    git(root, &["tag", "v1"]);

    // zerosix: Matomo replaced by Plausible; OVHcloud in Canada added; the AWS safeguard now
    // names its SCC decision.
    let zerosix = root.join("regs/zerosix");
    let vendors = zerosix.join("vendors.yaml");
    remove_vendor(&vendors, "matomo");
    let mut text = std::fs::read_to_string(&vendors).unwrap();
    text.push_str(
        "  - id: plausible\n    name: Plausible Insights\n    role: sub_processor\n    service: Mesure d’Audience\n    locations:\n      - country: DE\n  - id: ovh\n    name: OVHcloud\n    role: sub_processor\n    service: Hébergement de secours\n    locations:\n      - country: CA\n",
    );
    std::fs::write(&vendors, text).unwrap();
    edit(
        &vendors,
        "mechanism: standard_contractual_clauses",
        "mechanism: scc_2021_914",
    );
    let activity = zerosix.join("activities/gestion-du-service-zerosix.yaml");
    edit(
        &activity,
        "vendor: matomo",
        "vendor: plausible\n  - kind: vendor\n    vendor: ovh",
    );

    // clean: a changed legal basis, a special category, a longer retention, a changed
    // description; an activity removed and one added with a transfer to the US.
    let accounts_path = clean.join("customer-accounts.yaml");
    edit(
        &accounts_path,
        "legal_basis: contract",
        "legal_basis: legitimate_interests\n    legitimate_interest: Serve the customers who ordered",
    );
    edit(
        &accounts_path,
        "data_categories:\n",
        "data_categories:\n  - id: health\n    name: Allergies declared for deliveries\n    special_category: health\n    art9_condition: explicit_consent\n",
    );
    edit(&accounts_path, "duration: P3Y", "duration: P5Y");
    edit(
        &accounts_path,
        "to order books;",
        "to order books and e-books;",
    );
    std::fs::remove_file(clean.join("old-activity.yaml")).unwrap();
    std::fs::write(
        clean.join("new-activity.yaml"),
        accounts
            .replace("id: customer-accounts", "id: new-activity")
            .replace("name: Customer accounts and orders", "name: Reading statistics")
            + "transfers:\n  - country: US\n    importer: Example Analytics Inc.\n    mechanism: scc_2021_914\n    scc_module: one\n",
    )
    .unwrap();
    commit(root, "v2");
    tmp
}

fn diff_json(root: &Path, args: &[&str]) -> Value {
    let (code, out, err) = run(ropa()
        .current_dir(root)
        .arg("diff")
        .args(args)
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn register<'a>(changes: &'a Value, key: &str) -> &'a Value {
    changes["registers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["register"] == key)
        .unwrap_or_else(|| panic!("{key} not in {changes}"))
}

fn legal<'a>(r: &'a Value, kind: &str) -> Vec<&'a Value> {
    r["legal"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["legal"] == kind)
        .collect()
}

#[test]
fn diff_reports_every_kind_of_change_and_marks_the_legal_ones() {
    let repo = repository();
    let changes = diff_json(repo.path(), &["v1", "HEAD"]);
    assert!(changes["from"].as_str().unwrap().starts_with("v1 ("));
    assert!(changes["problems"].as_array().unwrap().is_empty());

    // Vendors: removed → replaced, added; the activity that switched; the new mechanism.
    let zerosix = register(&changes, "regs/zerosix");
    let vendors = zerosix["vendors"].as_array().unwrap();
    let matomo = vendors.iter().find(|v| v["id"] == "matomo").unwrap();
    assert_eq!(matomo["change"], "replaced");
    assert_eq!(matomo["replaced_by"], "plausible");
    for id in ["plausible", "ovh"] {
        assert_eq!(
            vendors.iter().find(|v| v["id"] == id).unwrap()["change"],
            "added"
        );
    }
    let aws = vendors.iter().find(|v| v["id"] == "aws").unwrap();
    assert_eq!(aws["change"], "changed");
    assert_eq!(aws["fields"][0]["path"], "transfer_safeguards[0].mechanism");
    assert_eq!(aws["fields"][0]["before"], "standard_contractual_clauses");
    assert_eq!(aws["fields"][0]["after"], "scc_2021_914");
    let activity = &zerosix["activities"][0];
    let transfers = activity["transfers"].as_array().unwrap();
    assert!(
        transfers
            .iter()
            .any(|t| t["change"] == "added" && t["country"] == "CA"),
        "{transfers:?}"
    );
    assert!(transfers.iter().any(|t| t["change"] == "added"
        && t["country"] == "US"
        && t["mechanism"] == "scc_2021_914"));
    assert!(
        transfers
            .iter()
            .any(|t| t["change"] == "removed" && t["mechanism"] == "standard_contractual_clauses")
    );

    // Art. 28(2): Plausible replaces Matomo, OVHcloud is new.
    let subs = legal(zerosix, "new_sub_processor");
    assert_eq!(subs.len(), 2, "{subs:?}");
    let plausible = subs.iter().find(|m| m["vendor"] == "plausible").unwrap();
    assert_eq!(plausible["replaces"], "matomo");
    let ovh = subs.iter().find(|m| m["vendor"] == "ovh").unwrap();
    assert!(ovh["replaces"].is_null());
    let countries = legal(zerosix, "new_third_country");
    assert_eq!(countries.len(), 1, "{countries:?}");
    assert!(
        countries[0]["message"]
            .as_str()
            .unwrap()
            .contains("Canada (CA)")
    );

    // The controller register.
    let clean = register(&changes, "regs/clean");
    let activities = clean["activities"].as_array().unwrap();
    let change_of = |id: &str| activities.iter().find(|a| a["id"] == id).unwrap()["change"].clone();
    assert_eq!(change_of("old-activity"), "removed");
    assert_eq!(change_of("new-activity"), "added");
    assert_eq!(change_of("customer-accounts"), "changed");
    let accounts = activities
        .iter()
        .find(|a| a["id"] == "customer-accounts")
        .unwrap();
    let paths: Vec<&str> = accounts["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for path in [
        "description",
        "purposes[0].legal_basis",
        "purposes[0].legitimate_interest",
        "data_categories[health]",
        "retention[0].periods[0].duration",
    ] {
        assert!(paths.contains(&path), "{path} not in {paths:?}");
    }
    assert_eq!(legal(clean, "changed_legal_basis").len(), 1);
    assert!(
        legal(clean, "changed_legal_basis")[0]["message"]
            .as_str()
            .unwrap()
            .contains("from `contract` to `legitimate_interests`")
    );
    assert_eq!(legal(clean, "new_special_category").len(), 1);
    let longer = legal(clean, "longer_retention");
    assert_eq!(longer.len(), 1);
    assert!(
        longer[0]["message"]
            .as_str()
            .unwrap()
            .contains("5 years from last order instead of 3 years from last order"),
        "{longer:?}"
    );
    let us = legal(clean, "new_third_country");
    assert_eq!(us.len(), 1);
    assert_eq!(us[0]["activity"], "new-activity");
    // A controller record engages processors without an Art. 28(2) notice.
    assert!(legal(clean, "new_sub_processor").is_empty());
}

/// A register whose catalogues are split over `vendors/*.yaml` and `measures/*.yaml`: diff reads
/// those folders at each revision.
#[test]
fn diff_sees_split_catalogues() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    git_init(root);
    let reg = root.join("regs/zerosix");
    copy_dir(Path::new("registers/zerosix"), &reg);
    for (file, folder) in [("vendors.yaml", "vendors"), ("measures.yaml", "measures")] {
        std::fs::create_dir(reg.join(folder)).unwrap();
        std::fs::rename(reg.join(file), reg.join(folder).join("all.yaml")).unwrap();
    }
    commit(root, "v1");
    git(root, &["tag", "v1"]);
    let vendors = reg.join("vendors/all.yaml");
    edit(
        &vendors,
        "mechanism: standard_contractual_clauses",
        "mechanism: scc_2021_914",
    );
    std::fs::write(
        reg.join("vendors/ovh.yaml"),
        "vendors:\n  - id: ovh\n    name: OVHcloud\n    role: sub_processor\n    service: Hébergement de secours\n    locations:\n      - country: FR\n",
    )
    .unwrap();
    edit(
        &reg.join("measures/all.yaml"),
        "description: Accès au service via login et mot de passe.",
        "description: Accès au service via login, mot de passe et second facteur.",
    );
    commit(root, "v2");
    let changes = diff_json(root, &["v1", "HEAD"]);
    assert!(
        changes["problems"].as_array().unwrap().is_empty(),
        "{changes}"
    );
    let zerosix = register(&changes, "regs/zerosix");
    let change_of = |list: &str, id: &str| {
        zerosix[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in {zerosix}"))["change"]
            .clone()
    };
    assert_eq!(change_of("vendors", "aws"), "changed");
    assert_eq!(change_of("vendors", "ovh"), "added");
    assert_eq!(change_of("measures", "acces-login-mot-de-passe"), "changed");
    // Nothing else changed: no vendor or measure is taken for removed.
    assert_eq!(zerosix["vendors"].as_array().unwrap().len(), 2, "{zerosix}");
    assert_eq!(
        zerosix["measures"].as_array().unwrap().len(),
        1,
        "{zerosix}"
    );
}

#[test]
fn diff_against_the_working_tree_and_in_text_and_markdown() {
    let repo = repository();
    // One revision: compared with the working tree, which equals v2.
    let same = diff_json(repo.path(), &["HEAD"]);
    assert!(same["registers"].as_array().unwrap().is_empty(), "{same}");
    assert_eq!(same["to"], "working tree");
    let (code, text, _) = run(ropa().current_dir(repo.path()).args(["diff", "HEAD"]));
    assert_eq!(code, 0);
    assert!(text.ends_with("No change.\n"), "{text}");

    // Uncommitted changes show against HEAD; a path narrows to one register.
    edit(
        &repo
            .path()
            .join("regs/clean/activities/customer-accounts.yaml"),
        "owner: Customer service",
        "owner: Sales",
    );
    let (code, text, err) =
        run(ropa()
            .current_dir(repo.path())
            .args(["diff", "HEAD", "regs/clean"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        text,
        "Changes from HEAD (".to_string()
            + &text[19..26]
            + ") to working tree\n\nregs/clean (changed)\n  activity `customer-accounts` (Customer accounts and orders) changed\n    owner: Customer service → Sales\n"
    );

    let (code, text, _) = run(ropa().current_dir(repo.path()).args(["diff", "v1", "main"]));
    assert_eq!(code, 0);
    assert!(
        text.contains("  vendor `matomo` (Matomo) replaced by `plausible`\n"),
        "{text}"
    );
    assert!(text.contains("  ! Art. 28(2) notice to the controllers due: processor activity `gestion-du-service-zerosix` engages sub-processor `plausible` (Plausible Insights) in place of `matomo`\n"), "{text}");
    assert!(
        text.contains("    purposes[0].legal_basis: contract → legitimate_interests\n"),
        "{text}"
    );
    let (code, md, _) = run(ropa()
        .current_dir(repo.path())
        .args(["diff", "v1", "main", "--format", "md"]));
    assert_eq!(code, 0);
    assert!(md.starts_with("# Changes from v1 ("), "{md}");
    assert!(md.contains("## regs/zerosix (changed)\n\n**Legal consequences**\n\n- ⚠ **Art. 28(2) notice to the controllers due**"), "{md}");
}

#[test]
fn a_file_that_does_not_load_at_one_revision_is_reported_and_the_rest_compared() {
    let repo = repository();
    let activities = repo.path().join("regs/clean/activities");
    std::fs::write(
        activities.join("broken.yaml"),
        "id: broken\nname: [unclosed\n",
    )
    .unwrap();
    edit(
        &activities.join("customer-accounts.yaml"),
        "owner: Customer service",
        "owner: Sales",
    );
    commit(repo.path(), "v3 with a broken file");
    let (code, out, err) = run(ropa()
        .current_dir(repo.path())
        .args(["diff", "HEAD~1", "HEAD", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "warning: not compared, does not load: HEAD:regs/clean/activities/broken.yaml:"
        ),
        "{err}"
    );
    let changes: Value = serde_json::from_str(&out).unwrap();
    let problems = changes["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let clean = register(&changes, "regs/clean");
    let ids: Vec<&str> = clean["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    // The broken file is neither added nor compared; the rest is.
    assert_eq!(ids, ["customer-accounts"]);

    // A register whose ropa.yaml does not load at one side is reported, not listed as removed.
    edit(
        &repo.path().join("regs/clean/ropa.yaml"),
        "organisation:",
        "organisation: [",
    );
    let changes = diff_json(repo.path(), &["HEAD"]);
    assert!(
        changes["registers"].as_array().unwrap().is_empty(),
        "{changes}"
    );
    assert!(
        changes["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().contains("regs/clean/ropa.yaml"))
    );
}

#[test]
fn diff_bad_inputs_exit_2_with_a_message() {
    let repo = repository();
    let (code, _, err) = run(ropa()
        .current_dir(repo.path())
        .args(["diff", "no-such-tag"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("revision `no-such-tag` does not exist"),
        "{err}"
    );
    let (code, _, err) =
        run(ropa()
            .current_dir(repo.path())
            .args(["diff", "v1", "HEAD", "regs/nowhere"]));
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
    let outside = tempfile::tempdir().unwrap();
    copy_dir(Path::new("registers/zerosix"), outside.path());
    let (code, _, err) = run(ropa().args(["diff", "HEAD"]).arg(outside.path()));
    assert_eq!(code, 2);
    assert!(err.contains("is not inside a git repository"), "{err}");
    let (code, _, err) = run(ropa()
        .current_dir(repo.path())
        .args(["diff", "--upload-pack=x"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn change_notice_renders_in_english_and_french() {
    let repo = repository();
    let register = repo.path().join("regs/zerosix");
    let notice = |extra: &[&str]| {
        run(ropa()
            .current_dir(repo.path())
            .args([
                "render",
                "change-notice",
                "regs/zerosix",
                "--since",
                "v1",
                "--as-of",
                AS_OF,
            ])
            .args(["--effective", "2027-01-01", "--version-label", "v2"])
            .args(extra))
    };
    let (code, en, err) = notice(&["--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("change_notice_en_md", en);
    let (code, fr, err) = notice(&["--lang", "fr"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("change_notice_fr_md", fr);
    let (code, html, _) = notice(&["--format", "html"]);
    assert_eq!(code, 0);
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<h1>Notification d’un changement de sous-traitants ultérieurs")
    );
    assert!(
        html.contains("<time datetime=\"2026-12-31\">31 décembre 2026</time>"),
        "{html}"
    );

    // To a folder: a file named after the document and language.
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = notice(&[
        "--format",
        "html",
        "-o",
        &format!("{}/", out.path().display()),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.path().join("change-notice.fr.html").is_file());

    // Without --effective and without a notice period in the agreement: say what to give.
    let (code, _, err) = run(ropa()
        .current_dir(repo.path())
        .args(["render", "change-notice", "--since", "v1", "--as-of", AS_OF])
        .arg(&register));
    assert_eq!(code, 2);
    assert!(err.contains("--effective"), "{err}");
    // With a notice period recorded, the effective date follows from it.
    edit(
        &register.join("activities/gestion-du-service-zerosix.yaml"),
        "\nretention:",
        "\nprocessing_agreement:\n  sub_processor_authorisation:\n    kind: general\n    notice: P30D\nretention:",
    );
    let (code, md, err) = run(ropa().current_dir(repo.path()).args([
        "render",
        "change-notice",
        "regs/zerosix",
        "--since",
        "v1",
        "--as-of",
        AS_OF,
        "--lang",
        "en",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("| Date the change takes effect | 25 December 2026 |\n| Objections to be received by | 24 December 2026 |\n| Notice period agreed | 30 days |"), "{md}");
}

#[test]
fn change_notice_bad_inputs() {
    let repo = repository();
    let base = [
        "render",
        "change-notice",
        "regs/clean",
        "--as-of",
        AS_OF,
        "--effective",
        "2027-01-01",
    ];
    let (code, _, err) = run(ropa().current_dir(repo.path()).args(base));
    assert_eq!(code, 2);
    assert!(err.contains("needs --since"), "{err}");
    let (code, _, err) = run(ropa()
        .current_dir(repo.path())
        .args(base)
        .args(["--since", "v1"]));
    assert_eq!(code, 2);
    assert!(err.contains("no notice is due"), "{err}");
    let (code, _, err) = run(ropa()
        .current_dir(repo.path())
        .args(base)
        .args(["--since", "nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("revision `nope` does not exist"), "{err}");
}
