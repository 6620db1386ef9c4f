//! The data map: golden SVG of each example register; a generated register of 300 activities
//! grouped by owner into a drawing of bounded size; transfers outside the EEA drawn by mechanism
//! with a dash pattern and a text label each; special categories marked; the filters; the same
//! bytes twice; the map in the register's HTML; and the command line.
//!
//! Snapshots are in tests/snapshots/map__*.snap.

mod common;

use std::path::Path;

use ropa::model::{Language, Register};
use ropa::render::map::{GROUP_THRESHOLD, MapFilter, map_svg};
use ropa::render::translations;

fn load(root: &Path) -> Register {
    ropa::load::load_register(root).unwrap_or_else(|d| panic!("{}: {d:#?}", root.display()))
}

fn svg(register: &Register, filter: &MapFilter, lang: Language) -> String {
    let t = translations(lang, None).unwrap();
    map_svg(register, filter, &t, lang, None).unwrap()
}

/// The `viewBox` height of an SVG.
fn height(svg: &str) -> f64 {
    let start = svg.find("viewBox=\"").unwrap() + 9;
    let rest = &svg[start..];
    let numbers: Vec<f64> = rest[..rest.find('"').unwrap()]
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    numbers[3]
}

#[test]
fn golden_maps() {
    for name in ["zerosix", "octopush", "zetapush"] {
        let register = load(&Path::new("registers").join(name));
        let text = svg(&register, &MapFilter::default(), Language::En);
        insta::assert_snapshot!(format!("{name}-en"), text);
    }
    let register = load(Path::new("registers/zerosix"));
    insta::assert_snapshot!(
        "zerosix-fr",
        svg(&register, &MapFilter::default(), Language::Fr)
    );
}

#[test]
fn a_map_is_a_titled_described_self_contained_svg_with_text_labels() {
    let register = load(Path::new("registers/zerosix"));
    let text = svg(&register, &MapFilter::default(), Language::En);
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(text.contains("role=\"img\" aria-labelledby=\"map-title map-desc\""));
    assert!(
        text.contains("<title id=\"map-title\">Data map of ZS SERVICES"),
        "{text}"
    );
    assert!(text.contains("<desc id=\"map-desc\">Where personal data goes"));
    for label in [
        "Amazon Web Services",
        "United States (US)",
        "France (FR)",
        "Art. 46 safeguard",
    ] {
        assert!(text.contains(label), "{label} missing");
    }
    // Nothing from outside: no link, image, font or script.
    for forbidden in ["href", "<image", "<script", "@import", "url("] {
        assert!(!text.contains(forbidden), "{forbidden} in the map");
    }
    // The US line of AWS is dashed (SCCs) and labelled, not only coloured.
    assert!(text.contains("class=\"flow-safeguard\""));
    assert!(text.contains("stroke-dasharray=\"8 4\""));
}

#[test]
fn a_register_of_300_activities_is_grouped_and_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 300);
    let register = load(dir.path());
    let text = svg(&register, &MapFilter::default(), Language::En);
    const { assert!(300 > GROUP_THRESHOLD) };
    assert!(text.contains("Activities, grouped by owner"));
    assert!(text.contains("Human resources"));
    assert!(
        text.contains("38 activities"),
        "300 over 8 owners: 38 or 37 each"
    );
    // Eight owners, thirty vendors, six countries: the drawing's height is set by the vendors.
    let h = height(&text);
    assert!(h < 2000.0, "a 300-activity map {h} px high");
    // Each kind of transfer is there, with its label.
    for (class, label) in [
        ("flow-adequacy", "adequacy"),
        ("flow-safeguard", "Art. 46 safeguard"),
        ("flow-derogation", "Art. 49 derogation"),
        ("flow-none", "NO SAFEGUARD"),
    ] {
        assert!(text.contains(class), "{class} missing");
        assert!(
            text.contains(&format!(">{label}</text>")),
            "{label} missing"
        );
    }
    assert!(text.contains("special categories (Art. 9/10)"));
    // Ten activities: one node each.
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 10);
    let small = svg(&load(dir.path()), &MapFilter::default(), Language::En);
    assert!(!small.contains("grouped by owner"));
    assert_eq!(small.matches("<g class=\"node layer-1\">").count(), 10);
    assert_eq!(
        svg(&load(dir.path()), &MapFilter::default(), Language::En),
        small
    );
}

#[test]
fn filters_keep_one_activity_vendor_or_country() {
    let dir = tempfile::tempdir().unwrap();
    common::synthetic::write_register(dir.path(), 20);
    let register = load(dir.path());
    let one = svg(
        &register,
        &MapFilter {
            activity: Some("activity-0002".into()),
            ..Default::default()
        },
        Language::En,
    );
    assert_eq!(one.matches("<g class=\"node layer-1\">").count(), 1);
    assert!(one.contains("Activity number 2<"));
    let vendor = svg(
        &register,
        &MapFilter {
            vendor: Some("vendor-2".into()),
            ..Default::default()
        },
        Language::En,
    );
    assert_eq!(vendor.matches("<g class=\"node layer-2\">").count(), 1);
    assert!(vendor.contains("Vendor 2<"));
    let country = svg(
        &register,
        &MapFilter {
            country: Some("IN".into()),
            ..Default::default()
        },
        Language::En,
    );
    assert_eq!(country.matches("<g class=\"node layer-3\">").count(), 1);
    assert!(country.contains("India (IN)"));
    let t = translations(Language::En, None).unwrap();
    let err = map_svg(
        &register,
        &MapFilter {
            vendor: Some("nobody".into()),
            ..Default::default()
        },
        &t,
        Language::En,
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("no vendor `nobody`"), "{err}");
}

#[test]
fn the_register_in_html_holds_the_map_and_markdown_does_not() {
    use ropa::render::{Document, Format, RenderOptions, render};
    let register = load(Path::new("registers/zerosix"));
    let mut opts = RenderOptions {
        format: Format::Html,
        lang: Language::En,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        version: "v".into(),
        templates_dir: None,
        draft_errors: 0,
    };
    let html = render(Document::Register, &register, None, None, &opts).unwrap();
    assert_eq!(html.matches("<svg xmlns").count(), 1);
    assert!(html.contains("id=\"data-map\""));
    opts.format = Format::Md;
    let md = render(Document::Register, &register, None, None, &opts).unwrap();
    assert!(!md.contains("<svg"));
}

fn ropa() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("ropa")
}

#[test]
fn cli_writes_the_map_as_svg_by_default_and_as_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    ropa()
        .args([
            "render",
            "map",
            "registers/zerosix",
            "--as-of",
            "2026-11-25",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<svg"));
    let output = ropa()
        .args([
            "render",
            "map",
            "registers/zerosix",
            "--format",
            "html",
            "--country",
            "US",
        ])
        .args(["--as-of", "2026-11-25", "--lang", "fr"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains("<h1>Cartographie des données"), "{page}");
    assert!(page.contains("États-Unis (US)"));
    assert!(
        !page.contains("France (FR)"),
        "--country US keeps only the US"
    );
    let output = ropa()
        .args(["render", "sheet", "registers/zerosix", "--format", "svg"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("for the map only"));
}
