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

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use crate::legal::{self, MechanismKind};
use crate::model::{Activity, Language, Register, TransferMechanism};

use super::view::Translations;

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

fn colour(name: &str) -> &'static str {
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
    fn key(self) -> &'static str {
        match self {
            Flow::Eea => "eea",
            Flow::Adequacy => "adequacy",
            Flow::Safeguard => "safeguard",
            Flow::Derogation => "derogation",
            Flow::None => "none",
        }
    }

    fn dash(self) -> &'static str {
        match self {
            Flow::Eea | Flow::Adequacy => "",
            Flow::Safeguard => " stroke-dasharray=\"8 4\"",
            Flow::Derogation => " stroke-dasharray=\"2 4\"",
            Flow::None => " stroke-dasharray=\"12 3 2 3\"",
        }
    }

    fn width(self) -> &'static str {
        match self {
            Flow::None => "3",
            Flow::Eea => "1.2",
            _ => "2",
        }
    }

    /// The flow of a mechanism (none, or one no longer valid, is [`Flow::None`]).
    fn of(mechanism: Option<TransferMechanism>) -> Flow {
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

#[derive(Debug, Clone)]
struct Node {
    layer: usize,
    label: String,
    /// Extra marker text after the label (special categories, group size).
    badge: Option<String>,
    special: bool,
}

/// The graph of a register, before layout.
#[derive(Debug, Default)]
struct Graph {
    nodes: Vec<Node>,
    index: HashMap<String, usize>,
    edges: BTreeMap<(usize, usize), Option<Flow>>,
}

impl Graph {
    fn node(&mut self, layer: usize, key: String, label: &str) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.nodes.len();
        self.nodes.push(Node {
            layer,
            label: label.to_string(),
            badge: None,
            special: false,
        });
        self.index.insert(key, i);
        i
    }

    /// Add a line; a line drawn twice keeps its most serious flow.
    fn edge(&mut self, from: usize, to: usize, flow: Option<Flow>) {
        let entry = self.edges.entry((from, to)).or_insert(flow);
        if flow > *entry {
            *entry = flow;
        }
    }
}

/// The activities a filter keeps, in register order; an unknown id is an error.
pub fn filtered<'r>(
    register: &'r Register,
    filter: &MapFilter,
) -> anyhow::Result<Vec<&'r Activity>> {
    if let Some(id) = &filter.activity
        && register.activity(id).is_none()
    {
        anyhow::bail!("no activity `{id}` in {}", register.root.display());
    }
    if let Some(id) = &filter.vendor
        && register.vendor(id).is_none()
    {
        anyhow::bail!("no vendor `{id}` in {}", register.root.display());
    }
    let vendors: HashMap<&str, &crate::model::Vendor> = register
        .vendors
        .iter()
        .map(|v| (v.item.id.as_str(), &v.item))
        .collect();
    Ok(register
        .activities
        .iter()
        .map(|a| &a.item)
        .filter(|a| !filter.public || a.visibility.is_public())
        .filter(|a| filter.activity.as_ref().is_none_or(|id| &a.id == id))
        .filter(|a| {
            filter
                .vendor
                .as_ref()
                .is_none_or(|v| super::view::uses_vendor(a, v))
        })
        .filter(|a| {
            filter
                .country
                .as_ref()
                .is_none_or(|c| countries_of(a, &vendors).iter().any(|(code, _)| code == c))
        })
        .collect())
}

/// The countries an activity's data goes to: `(code, recipient key)`.
fn countries_of(
    a: &Activity,
    vendors: &HashMap<&str, &crate::model::Vendor>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in &a.recipients {
        if let Some(v) = r.vendor.as_deref().and_then(|id| vendors.get(id)) {
            for l in &v.locations {
                if let Some(c) = &l.country {
                    out.push((c.clone(), format!("vendor:{}", v.id)));
                }
            }
        }
    }
    for t in &a.transfers {
        if let Some(c) = &t.country {
            out.push((c.clone(), transfer_importer_key(t)));
        }
    }
    out
}

fn transfer_importer_key(t: &crate::model::Transfer) -> String {
    match (&t.vendor, &t.importer) {
        (Some(v), _) => format!("vendor:{v}"),
        (None, Some(name)) => format!("importer:{name}"),
        (None, None) => "importer:".to_string(),
    }
}

/// Build the graph of `activities`.
fn build(
    register: &Register,
    activities: &[&Activity],
    filter: &MapFilter,
    t: &Translations,
    lang: Language,
) -> Graph {
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let vendors: HashMap<&str, &crate::model::Vendor> = register
        .vendors
        .iter()
        .map(|v| (v.item.id.as_str(), &v.item))
        .collect();
    // A vendor's node: its key and label; one unnamed node for the unpublished ones.
    let vendor_label = |id: &str| -> (String, String) {
        match vendors.get(id) {
            Some(v) if filter.public && !v.visibility.is_public() => {
                ("vendor:".into(), tr("map_unpublished_vendor"))
            }
            Some(v) => (format!("vendor:{id}"), v.name.clone()),
            None => (format!("vendor:{id}"), id.to_string()),
        }
    };
    let grouped = activities.len() > GROUP_THRESHOLD;
    let mut g = Graph::default();
    let mut group_sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for a in activities {
        let special = a
            .data_categories
            .iter()
            .any(|c| c.special_category.is_some() || c.criminal_data);
        let act = if grouped {
            let owner = a.owner.clone().unwrap_or_else(|| tr("map_no_owner"));
            let i = g.node(1, format!("owner:{owner}"), &owner);
            *group_sizes.entry(i).or_default() += 1;
            i
        } else {
            g.node(1, format!("activity:{}", a.id), &a.name)
        };
        if special {
            g.nodes[act].special = true;
        }
        for s in &a.data_subjects {
            let subj = g.node(0, format!("subjects:{}", s.id), &s.name);
            g.edge(subj, act, None);
        }
        let keep_vendor = |id: &str| filter.vendor.as_deref().is_none_or(|v| v == id);
        let keep_country = |c: &str| filter.country.as_deref().is_none_or(|f| f == c);
        for r in &a.recipients {
            let recipient = match r.vendor.as_deref() {
                Some(id) => {
                    if !keep_vendor(id) {
                        continue;
                    }
                    let (key, name) = vendor_label(id);
                    g.node(2, key, &name)
                }
                None => {
                    if filter.vendor.is_some() {
                        continue;
                    }
                    let name = r
                        .name
                        .clone()
                        .unwrap_or_else(|| legal::label(&r.kind, lang).to_string());
                    g.node(2, format!("recipient:{name}"), &name)
                }
            };
            g.edge(act, recipient, None);
            let Some(v) = r.vendor.as_deref().and_then(|id| vendors.get(id)) else {
                continue;
            };
            for l in &v.locations {
                let Some(c) = l.country.as_deref().filter(|c| keep_country(c)) else {
                    continue;
                };
                let flow = if legal::is_eea(c) {
                    Flow::Eea
                } else {
                    let declared = a
                        .transfers
                        .iter()
                        .find(|t| {
                            t.vendor.as_deref() == Some(&v.id) && t.country.as_deref() == Some(c)
                        })
                        .and_then(|t| t.mechanism);
                    let recorded = v
                        .transfer_safeguards
                        .iter()
                        .find(|s| s.country == c)
                        .and_then(|s| s.mechanism);
                    Flow::of(declared.or(recorded))
                };
                let country = country_node(&mut g, c, lang, &tr);
                g.edge(recipient, country, Some(flow));
            }
        }
        for t in &a.transfers {
            if t.vendor.as_deref().is_some_and(|id| !keep_vendor(id))
                || (t.vendor.is_none() && filter.vendor.is_some())
            {
                continue;
            }
            let Some(c) = t.country.as_deref().filter(|c| keep_country(c)) else {
                continue;
            };
            let importer = match (t.vendor.as_deref(), &t.importer) {
                (Some(id), _) => {
                    let (key, name) = vendor_label(id);
                    g.node(2, key, &name)
                }
                (None, Some(name)) => g.node(2, format!("importer:{name}"), name),
                (None, None) => g.node(2, "importer:".into(), &tr("map_unnamed_importer")),
            };
            g.edge(act, importer, None);
            let safeguard = t
                .vendor
                .as_deref()
                .and_then(|id| vendors.get(id))
                .and_then(|v| {
                    v.transfer_safeguards
                        .iter()
                        .find(|s| s.country == c)
                        .and_then(|s| s.mechanism)
                });
            let flow = if legal::is_eea(c) {
                Flow::Eea
            } else {
                Flow::of(t.mechanism.or(safeguard))
            };
            let country = country_node(&mut g, c, lang, &tr);
            g.edge(importer, country, Some(flow));
        }
    }
    for (i, n) in group_sizes {
        g.nodes[i].badge = Some(tr("map_group_size").replace("{n}", &n.to_string()));
    }
    for n in g.nodes.iter_mut().filter(|n| n.special) {
        let mark = tr("map_special");
        n.badge = Some(match n.badge.take() {
            Some(b) => format!("{b} · {mark}"),
            None => mark,
        });
    }
    g
}

fn country_node(g: &mut Graph, code: &str, lang: Language, tr: &dyn Fn(&str) -> String) -> usize {
    let name = legal::country_name(code, lang).unwrap_or(code);
    let label = format!("{name} ({code})");
    let i = g.node(3, format!("country:{code}"), &label);
    if !legal::is_eea(code) {
        g.nodes[i]
            .badge
            .get_or_insert_with(|| tr("map_outside_eea"));
    }
    i
}

/// Positions: the order of each node in its column.
fn order(g: &Graph) -> Vec<Vec<usize>> {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); 4];
    for (i, n) in g.nodes.iter().enumerate() {
        layers[n.layer].push(i);
    }
    // Start in name order: deterministic, and readable when the sweeps change little.
    for layer in &mut layers {
        layer.sort_by(|a, b| g.nodes[*a].label.cmp(&g.nodes[*b].label).then(a.cmp(b)));
    }
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); g.nodes.len()];
    for &(from, to) in g.edges.keys() {
        neighbours[from].push(to);
        neighbours[to].push(from);
    }
    let mut position = vec![0f64; g.nodes.len()];
    let place = |layers: &Vec<Vec<usize>>, position: &mut Vec<f64>| {
        for layer in layers {
            for (p, &i) in layer.iter().enumerate() {
                position[i] = p as f64;
            }
        }
    };
    place(&layers, &mut position);
    const SWEEPS: usize = 8;
    for sweep in 0..SWEEPS {
        let forward = sweep % 2 == 0;
        let sequence: Vec<usize> = if forward {
            vec![1, 2, 3, 0]
        } else {
            vec![2, 1, 0, 3]
        };
        for l in sequence {
            let scale = |layer: usize| layers[layer].len().max(1) as f64;
            let mut keyed: Vec<(f64, usize)> = layers[l]
                .iter()
                .map(|&i| {
                    let ns: Vec<f64> = neighbours[i]
                        .iter()
                        .filter(|&&n| g.nodes[n].layer != l)
                        .map(|&n| position[n] / scale(g.nodes[n].layer))
                        .collect();
                    let own = position[i] / scale(l);
                    let bary = if ns.is_empty() {
                        own
                    } else {
                        ns.iter().sum::<f64>() / ns.len() as f64
                    };
                    (bary, i)
                })
                .collect();
            keyed.sort_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| g.nodes[a.1].label.cmp(&g.nodes[b.1].label))
                    .then(a.1.cmp(&b.1))
            });
            layers[l] = keyed.into_iter().map(|(_, i)| i).collect();
            place(&layers, &mut position);
        }
    }
    layers
}

const NODE_W: f64 = 230.0;
const NODE_H: f64 = 34.0;
const GAP_Y: f64 = 12.0;
const COL_GAP: f64 = 140.0;
const MARGIN: f64 = 20.0;
const HEADER: f64 = 40.0;
const LEGEND_H: f64 = 120.0;
const CHAR_W: f64 = 6.6;

/// XML text escape.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `max` characters, with an ellipsis.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The map of `register` as an SVG document (its title and description have the ids `map-title`
/// and `map-desc`: a page holds one map).
pub fn map_svg(
    register: &Register,
    filter: &MapFilter,
    t: &Translations,
    lang: Language,
) -> anyhow::Result<String> {
    let activities = filtered(register, filter)?;
    let g = build(register, &activities, filter, t, lang);
    let svg = draw(&g, register, activities.len(), t);
    Ok(match lang {
        Language::Fr => super::typography::french(&svg, true),
        Language::En => svg,
    })
}

fn draw(g: &Graph, register: &Register, activity_count: usize, t: &Translations) -> String {
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let layers = order(g);
    let rows = layers.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let height_of = |n: usize| n as f64 * (NODE_H + GAP_Y) - GAP_Y;
    let body_h = height_of(rows);
    let width = MARGIN * 2.0 + 4.0 * NODE_W + 3.0 * COL_GAP;
    let height = MARGIN * 2.0 + HEADER + body_h + LEGEND_H;
    let mut xy = vec![(0f64, 0f64); g.nodes.len()];
    for (l, layer) in layers.iter().enumerate() {
        let offset = (body_h - height_of(layer.len())) / 2.0;
        for (p, &i) in layer.iter().enumerate() {
            xy[i] = (
                MARGIN + l as f64 * (NODE_W + COL_GAP),
                MARGIN + HEADER + offset + p as f64 * (NODE_H + GAP_Y),
            );
        }
    }
    let org = &register.config.item.organisation.name;
    let outside: Vec<&(usize, usize)> = g
        .edges
        .iter()
        .filter(|(_, f)| f.is_some_and(|f| f != Flow::Eea))
        .map(|(k, _)| k)
        .collect();
    let unframed = g.edges.values().filter(|f| **f == Some(Flow::None)).count();
    let title = tr("map_title").replace("{organisation}", org);
    let desc = tr("map_desc")
        .replace("{activities}", &activity_count.to_string())
        .replace("{subjects}", &layers[0].len().to_string())
        .replace("{recipients}", &layers[2].len().to_string())
        .replace("{countries}", &layers[3].len().to_string())
        .replace("{transfers}", &outside.len().to_string())
        .replace("{unframed}", &unframed.to_string());
    let mut s = String::with_capacity(4096 + g.nodes.len() * 400 + g.edges.len() * 300);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ropa-map\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"map-title map-desc\" font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\" font-size=\"12\">\n<title id=\"map-title\">{}</title>\n<desc id=\"map-desc\">{}</desc>\n",
        esc(&title),
        esc(&desc)
    );
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
    );
    for (l, key) in [
        "map_subjects",
        "map_activities",
        "map_recipients",
        "map_countries",
    ]
    .iter()
    .enumerate()
    {
        let label = if l == 1 && activity_count > GROUP_THRESHOLD {
            tr("map_activities_grouped")
        } else {
            tr(key)
        };
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"700\" font-size=\"14\" fill=\"{}\">{}</text>",
            MARGIN + l as f64 * (NODE_W + COL_GAP),
            MARGIN + 16.0,
            colour("ink"),
            esc(&label)
        );
    }
    // Lines first, under the nodes.
    s.push_str("<g class=\"lines\" fill=\"none\">\n");
    for (&(from, to), flow) in &g.edges {
        let (x1, y1) = (xy[from].0 + NODE_W, xy[from].1 + NODE_H / 2.0);
        let (x2, y2) = (xy[to].0, xy[to].1 + NODE_H / 2.0);
        let mid = (x1 + x2) / 2.0;
        let f = flow.unwrap_or(Flow::Eea);
        let stroke = if flow.is_none() {
            "#8a8a8a"
        } else {
            colour(f.key())
        };
        let width = if flow.is_none() { "1" } else { f.width() };
        let dash = if flow.is_none() { "" } else { f.dash() };
        let _ = writeln!(
            s,
            "<path class=\"flow-{}\" d=\"M{x1:.1},{y1:.1} C{mid:.1},{y1:.1} {mid:.1},{y2:.1} {x2:.1},{y2:.1}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
            if flow.is_none() { "link" } else { f.key() }
        );
        if let Some(f) = flow.filter(|f| *f != Flow::Eea) {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{}\" text-anchor=\"end\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{}</text>",
                x2 - 6.0,
                y2 - 4.0,
                colour(f.key()),
                esc(&tr(&format!("map_flow_{}", f.key())))
            );
        }
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    let max_chars = ((NODE_W - 16.0) / CHAR_W) as usize;
    for (i, n) in g.nodes.iter().enumerate() {
        let (x, y) = xy[i];
        let stroke = if n.special {
            colour("special")
        } else {
            "#5f5f5f"
        };
        let sw = if n.special { "3" } else { "1" };
        let fill = ["#eef1f4", "#f4f7fb", "#f6f6f6", "#ffffff"][n.layer];
        let _ = write!(
            s,
            "<g class=\"node layer-{}\"><title>{}{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W:.0}\" height=\"{NODE_H:.0}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/>",
            n.layer,
            esc(&n.label),
            n.badge
                .as_ref()
                .map(|b| format!(" — {}", esc(b)))
                .unwrap_or_default()
        );
        let (label_y, badge_y) = if n.badge.is_some() {
            (y + 14.0, y + 27.0)
        } else {
            (y + 21.0, 0.0)
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{label_y:.1}\" fill=\"{}\">{}</text>",
            x + 8.0,
            colour("ink"),
            esc(&fit(&n.label, max_chars))
        );
        if let Some(badge) = &n.badge {
            let badge_colour = if n.special {
                colour("special")
            } else {
                "#4a4a4a"
            };
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{badge_y:.1}\" font-size=\"10\" fill=\"{badge_colour}\">{}</text>",
                x + 8.0,
                esc(&fit(badge, max_chars + 4))
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");
    legend(&mut s, MARGIN, MARGIN + HEADER + body_h + 24.0, &tr);
    s.push_str("</svg>\n");
    s
}

fn legend(s: &mut String, x: f64, y: f64, tr: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        s,
        "<g class=\"legend\"><text x=\"{x:.1}\" y=\"{y:.1}\" font-weight=\"700\" fill=\"{}\">{}</text>",
        colour("ink"),
        esc(&tr("map_legend"))
    );
    let flows = [
        Flow::Eea,
        Flow::Adequacy,
        Flow::Safeguard,
        Flow::Derogation,
        Flow::None,
    ];
    for (k, f) in flows.iter().enumerate() {
        let col = (k % 3) as f64;
        let row = (k / 3) as f64;
        let lx = x + col * 330.0;
        let ly = y + 20.0 + row * 24.0;
        let _ = writeln!(
            s,
            "<path d=\"M{lx:.1},{ly:.1} h60\" stroke=\"{}\" stroke-width=\"{}\"{} fill=\"none\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\">{}</text>",
            colour(f.key()),
            f.width(),
            f.dash(),
            lx + 70.0,
            ly + 4.0,
            colour(f.key()),
            esc(&tr(&format!("map_legend_{}", f.key())))
        );
    }
    let ly = y + 20.0 + 2.0 * 24.0;
    let _ = writeln!(
        s,
        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"60\" height=\"16\" rx=\"3\" fill=\"#f4f7fb\" stroke=\"{}\" stroke-width=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\">{}</text></g>",
        ly - 8.0,
        colour("special"),
        x + 70.0,
        ly + 4.0,
        colour("special"),
        esc(&tr("map_legend_special"))
    );
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

    #[test]
    fn labels_are_escaped_and_cut() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
