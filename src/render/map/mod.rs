//! The data map: where personal data goes, as one self-contained SVG. Four columns, left to
//! right: categories of data subjects, the activities that process their data, the recipients
//! (vendors, internal departments, authorities, partners) and the countries where recipients
//! process it. A line from a recipient to a country outside the EEA is drawn by its transfer
//! mechanism — adequacy, appropriate safeguards (SCCs, BCRs…), derogation, or none — each with
//! its own colour, dash pattern and text label, so that colour is never the only cue; special
//! categories of data (Art. 9, 10) are marked on their activity with a label.
//!
//! The layout is a layered drawing made here, deterministically: nodes keep their column, their
//! order in it is refined by barycentre sweeps (each node moves towards the mean position of its
//! neighbours, ties broken by name), and lines are cubic curves between the columns. Beyond
//! [`GROUP_THRESHOLD`] activities, activities are grouped by owner, so that 300 activities stay
//! readable. Every cost is linear in nodes and lines (times the fixed number of sweeps, plus the
//! sort of each column).

mod draw;
mod layout;

use crate::legal::{self, MechanismKind};
use crate::model::{Activity, Language, Register, TransferMechanism};

use super::view::Translations;
use draw::draw;
use layout::build;
pub use layout::filtered;

/// Above this many activities, activities are grouped by owner.
pub const GROUP_THRESHOLD: usize = 40;

/// The palette: each colour has a contrast of at least 4.5:1 on white (WCAG AA for text, and so
/// for lines and their labels).
pub const PALETTE: &[(&str, &str)] = &[
    ("ink", "#1a1a1a"),
    ("eea", "#5f5f5f"),
    ("adequacy", "#1b6e35"),
    ("safeguard", "#1f4e9c"),
    ("derogation", "#8a5300"),
    ("none", "#b00020"),
    ("special", "#6a1b9a"),
];

pub(super) fn colour(name: &str) -> &'static str {
    PALETTE
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("#000000", |(_, c)| c)
}

/// What a map shows: all activities, or those of one activity, vendor or country.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapFilter {
    /// Only this activity.
    pub activity: Option<String>,
    /// Only the activities that name this vendor, and of their recipients only it.
    pub vendor: Option<String>,
    /// Only the activities whose data goes to this country (ISO code), and of the countries only
    /// it.
    pub country: Option<String>,
    /// Leave out the activities and vendors marked `visibility: internal` (a vendor's lines to
    /// its countries stay, drawn from an unnamed recipient).
    pub public: bool,
}

/// How a line to a country is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flow {
    /// Inside the EEA: no transfer.
    Eea,
    /// Art. 45 adequacy decision.
    Adequacy,
    /// Art. 46 appropriate safeguards (SCCs, BCRs, codes, certifications…).
    Safeguard,
    /// Art. 49 derogation.
    Derogation,
    /// Outside the EEA with no valid mechanism recorded.
    None,
}

impl Flow {
    pub(super) fn key(self) -> &'static str {
        match self {
            Flow::Eea => "eea",
            Flow::Adequacy => "adequacy",
            Flow::Safeguard => "safeguard",
            Flow::Derogation => "derogation",
            Flow::None => "none",
        }
    }

    pub(super) fn dash(self) -> &'static str {
        match self {
            Flow::Eea | Flow::Adequacy => "",
            Flow::Safeguard => " stroke-dasharray=\"8 4\"",
            Flow::Derogation => " stroke-dasharray=\"2 4\"",
            Flow::None => " stroke-dasharray=\"12 3 2 3\"",
        }
    }

    pub(super) fn width(self) -> &'static str {
        match self {
            Flow::None => "3",
            Flow::Eea => "1.2",
            _ => "2",
        }
    }

    /// The flow of a mechanism (none, or one no longer valid, is [`Flow::None`]).
    pub(super) fn of(mechanism: Option<TransferMechanism>) -> Flow {
        let Some(m) = mechanism else {
            return Flow::None;
        };
        let info = legal::mechanism_info(m);
        if !info.valid {
            return Flow::None;
        }
        match info.kind {
            MechanismKind::Adequacy => Flow::Adequacy,
            MechanismKind::AppropriateSafeguard => Flow::Safeguard,
            MechanismKind::Derogation => Flow::Derogation,
            MechanismKind::Invalidated => Flow::None,
        }
    }
}

/// The map of `register` as an SVG document (its title and description have the ids `map-title`
/// and `map-desc`: a page holds one map). `draft`, the banner of a register whose check finds
/// errors, is drawn as text across the top; a page that shows its own banner passes `None`.
pub fn map_svg(
    register: &Register,
    filter: &MapFilter,
    t: &Translations,
    lang: Language,
    draft: Option<&str>,
) -> anyhow::Result<String> {
    let activities = filtered(register, filter)?;
    let g = build(register, &activities, filter, t, lang);
    let svg = draw(&g, register, activities.len(), t, draft);
    Ok(match lang {
        Language::Fr => super::typography::french(&svg, true),
        Language::En => svg,
    })
}

/// What the map page's template receives (with `t` and `map`, the SVG).
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct MapPage {
    /// `map`.
    pub document: String,
    /// `en` or `fr`.
    pub lang: String,
    /// `html`.
    pub format: String,
    /// Generation date.
    pub generated: super::view::DateView,
    /// Register version.
    pub version: String,
    /// The organisation's name.
    pub organisation: String,
}

impl MapPage {
    /// The page of `register`.
    pub fn new(register: &Register, opts: &super::RenderOptions) -> MapPage {
        MapPage {
            document: "map".into(),
            lang: super::view::lang_code(opts.lang).into(),
            format: "html".into(),
            generated: super::view::DateView::new(opts.as_of, opts.lang),
            version: opts.version.clone(),
            organisation: register.config.item.organisation.name.clone(),
        }
    }
}

/// The contrast ratio of two `#rrggbb` colours (WCAG 2.x).
pub fn contrast(a: &str, b: &str) -> f64 {
    fn luminance(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let v = u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64
                / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::draw::{esc, fit};
    use super::layout::{Graph, order};
    use super::*;

    #[test]
    fn every_colour_of_the_palette_passes_wcag_aa_on_white_and_on_node_fills() {
        for (name, c) in PALETTE {
            for background in ["#ffffff", "#eef1f4", "#f4f7fb", "#f6f6f6"] {
                let ratio = contrast(c, background);
                assert!(ratio >= 4.5, "{name} {c} on {background}: {ratio:.2}");
            }
        }
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    }

    #[test]
    fn flows_have_distinct_dash_patterns_not_only_colours() {
        let flows = [
            Flow::Adequacy,
            Flow::Safeguard,
            Flow::Derogation,
            Flow::None,
        ];
        for (i, a) in flows.iter().enumerate() {
            for b in &flows[i + 1..] {
                assert!(
                    (a.dash(), a.width()) != (b.dash(), b.width()),
                    "{a:?} and {b:?} differ only by colour"
                );
            }
        }
    }

    #[test]
    fn the_layout_untangles_a_crossing() {
        // a1 -> r2 and a2 -> r1 cross in name order; the sweeps put them straight.
        let mut g = Graph::default();
        let a1 = g.node(1, "a1".into(), "A1");
        let a2 = g.node(1, "a2".into(), "A2");
        let r1 = g.node(2, "r1".into(), "R1");
        let r2 = g.node(2, "r2".into(), "R2");
        let s1 = g.node(0, "s1".into(), "S1");
        let s2 = g.node(0, "s2".into(), "S2");
        g.edge(s1, a1, None);
        g.edge(s2, a2, None);
        g.edge(a1, r2, None);
        g.edge(a2, r1, None);
        let layers = order(&g);
        let pos = |layer: &Vec<usize>, n: usize| layer.iter().position(|&i| i == n).unwrap();
        let crossings = |layers: &Vec<Vec<usize>>| {
            let e = [(a1, r2), (a2, r1)];
            let (p0, q0) = (pos(&layers[1], e[0].0), pos(&layers[2], e[0].1));
            let (p1, q1) = (pos(&layers[1], e[1].0), pos(&layers[2], e[1].1));
            usize::from((p0 < p1) != (q0 < q1))
        };
        assert_eq!(crossings(&layers), 0, "{layers:?}");
        // Deterministic.
        assert_eq!(order(&g), layers);
    }

    #[test]
    fn mechanisms_map_to_flows() {
        assert_eq!(Flow::of(None), Flow::None);
        assert_eq!(
            Flow::of(Some(TransferMechanism::AdequacyDecision)),
            Flow::Adequacy
        );
        assert_eq!(
            Flow::of(Some(TransferMechanism::Scc2021914)),
            Flow::Safeguard
        );
        assert_eq!(
            Flow::of(Some(TransferMechanism::DerogationExplicitConsent)),
            Flow::Derogation
        );
        assert_eq!(Flow::of(Some(TransferMechanism::PrivacyShield)), Flow::None);
    }

    /// Regression: the map matched a vendor's safeguard by the exact country string, so a vendor
    /// located in (or a transfer to) `UK` lost its safeguard recorded for `GB`, which the rules
    /// and the other documents accept: the map drew an unframed transfer the check did not report.
    #[test]
    fn a_vendor_in_uk_keeps_its_safeguard_recorded_for_gb() {
        use crate::model::testing::{activity_with, register, vendor};
        let v = vendor(serde_json::json!({
            "id": "v", "name": "V", "role": "processor", "service": "S",
            "locations": [{"country": "UK"}],
            "transfer_safeguards": [{"country": "GB", "mechanism": "scc_2021_914"}],
        }));
        let a = activity_with(serde_json::json!({
            "recipients": [{"kind": "vendor", "vendor": "v"}],
            "transfers": [{"country": "UK", "vendor": "v"}],
        }));
        let reg = register(vec![v], vec![a]);
        let activities: Vec<&Activity> = reg.activities.iter().map(|a| &a.item).collect();
        let t = Translations::new();
        let g = build(&reg, &activities, &MapFilter::default(), &t, Language::En);
        let flows: Vec<Option<Flow>> = g.edges.values().copied().filter(Option::is_some).collect();
        assert_eq!(flows, vec![Some(Flow::Safeguard)], "{:?}", g.edges);
    }

    #[test]
    fn labels_are_escaped_and_cut() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
