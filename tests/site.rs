//! The static site (`ropa site`): every page of each example register snapshot-tested in
//! English; every internal link resolves to a page of the site; the same register gives the
//! same bytes; `--public` leaves out what is internal; pages handed over as they are made; a
//! generated register of 300 activities; two activities with one id refused; the folder is
//! written whole, durable before it replaces the old one (strace: a sync per file for a few
//! pages, one of the filesystem for many), and replaces only a site made by ropa.
//!
//! Snapshots are in tests/snapshots/site__*.snap. The pages in a real browser (no console error,
//! no request, the search, the accessibility tree) are in tests/browser/.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use ropa::model::{Language, Register};
use ropa::render::site::{MARKER, SiteFinding, SiteOptions, build_site, write_site};
use ropa::render::{Format, RenderOptions};

fn load(root: &Path) -> Register {
    ropa::load::load_register(root).unwrap_or_else(|d| panic!("{}: {d:#?}", root.display()))
}

fn opts(public: bool) -> SiteOptions {
    SiteOptions {
        render: RenderOptions {
            format: Format::Html,
            lang: Language::En,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            version: "golden-version".into(),
            templates_dir: None,
            draft_errors: 0,
        },
        public,
    }
}

fn finding(activity: &str) -> SiteFinding {
    SiteFinding {
        severity: "error".into(),
        code: "RP200".into(),
        name: "missing-legal-basis".into(),
        message: "the record does not state a legal basis".into(),
        location: Some(format!("activities/{activity}.yaml:12:5")),
        activity: Some(activity.into()),
    }
}

/// The `href` values of a page.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

/// Every link of every page leads to a page of the site (or an anchor of the page, or mail).
fn assert_links_resolve(pages: &BTreeMap<String, String>) {
    for (name, html) in pages {
        for href in hrefs(html) {
            if href.starts_with("mailto:") {
                continue;
            }
            assert!(!href.contains("://"), "{name}: external link {href}");
            let (file, anchor) = href.split_once('#').unwrap_or((&href, ""));
            let target = if file.is_empty() { name.as_str() } else { file };
            let page = pages
                .get(target)
                .unwrap_or_else(|| panic!("{name}: link to a missing page {href}"));
            if !anchor.is_empty() {
                assert!(
                    page.contains(&format!("id=\"{anchor}\"")),
                    "{name}: link to a missing anchor {href}"
                );
            }
        }
    }
}

#[test]
fn golden_site_pages() {
    for name in ["zerosix", "octopush", "zetapush"] {
        let register = load(&Path::new("registers").join(name));
        let first = register.activities[0].item.id.clone();
        let pages = build_site(&register, &[finding(&first)], &opts(false)).unwrap();
        let pages: BTreeMap<String, String> = pages.into_iter().collect();
        assert_links_resolve(&pages);
        assert_eq!(
            pages.keys().filter(|n| n.ends_with(".html")).count(),
            register.activities.len() + 5
        );
        for (file, html) in &pages {
            if file.ends_with(".html") {
                assert_eq!(html.matches("<h1").count(), 1, "{name}/{file}: one h1");
                insta::assert_snapshot!(format!("{name}-{file}"), html);
            }
        }
        assert!(pages["findings.html"].contains("missing-legal-basis"));
        assert!(pages[&format!("activity-{first}.html")].contains("missing-legal-basis"));
        // Built twice: the same bytes.
        let again: BTreeMap<String, String> =
            build_site(&register, &[finding(&first)], &opts(false))
                .unwrap()
                .into_iter()
                .collect();
        assert!(again == pages, "{name}: two builds differ");
    }
}

#[test]
fn the_public_site_leaves_out_what_is_internal() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 30);
    // A remark on a processor that activities name: their sheets show it, the public site not.
    let vendors = dir.path().join("vendors.yaml");
    let listed = std::fs::read_to_string(&vendors).unwrap().replace(
        "service: Service 3\n",
        "service: Service 3\n    notes: Vendor remark about the renewal.\n",
    );
    std::fs::write(&vendors, listed).unwrap();
    let register = load(dir.path());
    let full: BTreeMap<String, String> =
        build_site(&register, &[finding("activity-0009")], &opts(false))
            .unwrap()
            .into_iter()
            .collect();
    let public: BTreeMap<String, String> =
        build_site(&register, &[finding("activity-0009")], &opts(true))
            .unwrap()
            .into_iter()
            .collect();
    assert!(full.contains_key("activity-activity-0009.html"));
    assert!(full.contains_key("findings.html"));
    assert!(
        full["activity-activity-0009.html"].contains("Internal note that must not be published.")
    );
    assert!(
        !public.contains_key("activity-activity-0009.html"),
        "internal activity published"
    );
    assert!(!public.contains_key("findings.html"), "findings published");
    // 30 activities, every tenth internal.
    assert_eq!(
        public.keys().filter(|k| k.starts_with("activity-")).count(),
        27
    );
    assert!(
        full.values()
            .any(|html| html.contains("Vendor remark about the renewal."))
    );
    for (name, html) in &public {
        assert!(!html.contains("Internal note"), "{name}: note published");
        assert!(
            !html.contains("Vendor remark"),
            "{name}: vendor's note published"
        );
        assert!(
            !html.contains("Vendor 10<"),
            "{name}: internal vendor named"
        );
        assert!(
            !html.contains("multi-factor"),
            "{name}: security measure published"
        );
        assert!(
            !html.contains("missing-legal-basis"),
            "{name}: finding published"
        );
    }
    assert!(full["vendors.html"].contains("Vendor 10<"));
    assert_links_resolve(&public);
}

/// The pages are handed over as they are made: every activity's page before the lists that
/// name the activities, the marker last; the same pages and bytes as the whole site; and a page
/// the sink cannot take stops the site with the sink's error.
#[test]
fn the_pages_are_handed_over_as_they_are_made() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 30);
    let register = load(dir.path());
    let handed = std::sync::Mutex::new(Vec::new());
    let made = write_site(&register, &[], &opts(false), &|name, text| {
        handed
            .lock()
            .unwrap()
            .push((name.to_string(), text.to_string()));
        Ok(())
    })
    .unwrap();
    let handed = handed.into_inner().unwrap();
    let names: Vec<&str> = handed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(made, 30 + 5);
    assert_eq!(names.len(), made + 1, "{names:?}");
    assert!(
        names[..30].iter().all(|n| n.starts_with("activity-")),
        "{names:?}"
    );
    assert_eq!(
        names[30..],
        [
            "index.html",
            "vendors.html",
            "transfers.html",
            "map.html",
            "findings.html",
            MARKER
        ]
    );
    let handed: BTreeMap<String, String> = handed.into_iter().collect();
    let whole: BTreeMap<String, String> = build_site(&register, &[], &opts(false))
        .unwrap()
        .into_iter()
        .collect();
    assert!(handed == whole, "handed pages differ from the whole site");

    let taken = std::sync::atomic::AtomicUsize::new(0);
    let error = write_site(&register, &[], &opts(false), &|name, _| {
        if name == "activity-activity-0007.html" {
            anyhow::bail!("disk full at {name}");
        }
        taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    })
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "disk full at activity-activity-0007.html"
    );
    assert!(
        taken.into_inner() < 30,
        "the lists were made after a failure"
    );
}

#[test]
fn a_site_of_300_activities() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 300);
    let register = load(dir.path());
    let pages: BTreeMap<String, String> = build_site(&register, &[], &opts(false))
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(
        pages.keys().filter(|k| k.starts_with("activity-")).count(),
        300
    );
    assert_eq!(pages["index.html"].matches("<tr data-search=").count(), 300);
    assert!(pages["map.html"].contains("grouped by owner"));
    assert!(pages["transfers.html"].contains("India"));
    assert_links_resolve(&pages);
}

fn ropa() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

#[test]
fn cli_writes_the_folder_whole_and_replaces_only_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    for _ in 0..2 {
        ropa()
            .args([
                "site",
                "registers/zetapush",
                "--as-of",
                "2026-11-25",
                "--lang",
                "fr",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
    }
    assert!(out.join(MARKER).is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"fr\">"));
    assert!(index.contains("Rechercher un traitement"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["site"], "temporary folders left behind");
    // Findings of the real check.
    let findings = std::fs::read_to_string(out.join("findings.html")).unwrap();
    assert!(findings.contains("RP"), "{findings}");

    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let output = ropa()
        .args(["site", "registers/zetapush", "-o"])
        .arg(&mine)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did not make"));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep"
    );
}

/// The system calls that make `ropa site REGISTER -o OUT` durable, as strace shows them (Linux):
/// the syncs and renames, in order, and the index of the staged folder's rename into place.
/// `None` (after saying so) when strace is missing and not required.
#[cfg(target_os = "linux")]
fn traced_site(register: &Path, out: &Path) -> Option<(Vec<String>, usize)> {
    let strace = std::process::Command::new("strace").arg("-V").output();
    common::require_tool(
        "the site durability test",
        "strace",
        "apt-get install strace",
        strace,
    )?;
    let trace = out.with_extension("trace");
    let status = std::process::Command::new("strace")
        .args([
            "-f",
            "-y",
            "-e",
            "trace=fsync,syncfs,rename,renameat,renameat2",
            "-o",
        ])
        .arg(&trace)
        .arg(assert_cmd::cargo::cargo_bin!("ropa"))
        .arg("site")
        .arg(register)
        .args(["--as-of", "2026-11-25", "-o"])
        .arg(out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let calls: Vec<String> = std::fs::read_to_string(trace)
        .unwrap()
        .lines()
        .filter(|l| l.contains("sync") || l.contains("rename"))
        .map(str::to_string)
        .collect();
    let rename = calls
        .iter()
        .position(|l| l.contains("rename") && l.contains(".ropa-site-"))
        .unwrap_or_else(|| panic!("no rename of the staged site: {calls:#?}"));
    Some((calls, rename))
}

/// The staged folder is synced before its rename into place, and the folder holding it after,
/// so that the rename survives a crash.
#[cfg(target_os = "linux")]
fn assert_folder_synced_around_the_rename(calls: &[String], rename: usize, parent: &Path) {
    let fsynced = |path: &str, calls: &[String]| {
        calls
            .iter()
            .any(|l| l.contains("fsync(") && l.contains(&format!("<{path}>")))
    };
    let staged = calls[rename]
        .split('"')
        .nth(1)
        .expect("the staged folder's path");
    assert!(fsynced(staged, &calls[..rename]), "{calls:#?}");
    let parent = parent.to_string_lossy().into_owned();
    assert!(fsynced(&parent, &calls[rename..]), "{calls:#?}");
}

/// The site is durable before it takes the folder's place: every file of the temporary folder
/// is synced, then that folder, then it is renamed, then the folder holding it is synced (so the
/// rename survives a crash).
#[cfg(target_os = "linux")]
#[test]
fn cli_syncs_every_file_then_the_folder_before_the_rename() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let Some((calls, rename)) = traced_site(Path::new("registers/zerosix"), &out) else {
        return;
    };
    for file in std::fs::read_dir(&out).unwrap() {
        let name = file.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            calls[..rename]
                .iter()
                .any(|l| l.contains("fsync(") && l.contains(&format!("/{name}>"))),
            "{name} not synced before the rename: {calls:#?}"
        );
    }
    assert_folder_synced_around_the_rename(&calls, rename, dir.path());
}

/// A site of many pages is made durable with one sync of the filesystem before the rename, not
/// one fsync per page; the staged folder is still synced before, and its parent after.
#[cfg(target_os = "linux")]
#[test]
fn cli_syncs_a_large_site_at_once_before_the_rename() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("register");
    common::synthetic::write_register(&register, 80);
    let out = dir.path().join("site");
    let Some((calls, rename)) = traced_site(&register, &out) else {
        return;
    };
    assert!(
        calls[..rename].iter().any(|l| l.contains("syncfs(")),
        "no syncfs before the rename: {calls:#?}"
    );
    assert!(
        !calls
            .iter()
            .any(|l| l.contains("fsync(") && l.contains(".html>")),
        "a page was synced on its own: {calls:#?}"
    );
    assert_folder_synced_around_the_rename(&calls, rename, dir.path());
    assert_eq!(
        std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html"))
            .count(),
        80 + 5
    );
}

/// Two activities with one id (`x.yaml` and `x.yml`) would be written to one file of a folder,
/// and one of them silently lost: the site and `render sheet -o DIR/` refuse, naming the id, and
/// write nothing.
#[test]
fn one_id_in_two_files_is_refused_for_a_folder_of_documents() {
    let dir = common::copy_of("tests/fixtures/clean");
    let activities = dir.path().join("activities");
    std::fs::copy(
        activities.join("customer-accounts.yaml"),
        activities.join("customer-accounts.yml"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    for (what, args) in [
        ("site", &["site"][..]),
        ("sheets", &["render", "sheet"][..]),
    ] {
        let target = out.path().join(what);
        let output = ropa()
            .args(args)
            .arg(dir.path())
            .args(["--as-of", "2026-11-25", "-o"])
            .arg(format!("{}/", target.display()))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{what}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("two activities have the id `customer-accounts`"),
            "{what}: {stderr}"
        );
        assert!(!target.exists(), "{what}: something was written");
    }
}
