//! Drawing the laid-out graph as SVG: boxes, curves styled by transfer mechanism, labels and the
//! legend.

use std::fmt::Write as _;

use super::layout::{Graph, order};
use super::*;

const NODE_W: f64 = 230.0;
const NODE_H: f64 = 34.0;
const GAP_Y: f64 = 12.0;
const COL_GAP: f64 = 140.0;
const MARGIN: f64 = 20.0;
const HEADER: f64 = 40.0;
const LEGEND_H: f64 = 120.0;
const BANNER_H: f64 = 40.0;
const CHAR_W: f64 = 6.6;

/// XML text escape.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::controls::visible(s).chars() {
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
pub(super) fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

pub(super) fn draw(
    g: &Graph,
    register: &Register,
    activity_count: usize,
    t: &Translations,
    draft: Option<&str>,
) -> String {
    let tr = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let layers = order(g);
    let rows = layers.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let body_h = column_height(rows);
    let width = MARGIN * 2.0 + 4.0 * NODE_W + 3.0 * COL_GAP;
    let banner_h = draft.map_or(0.0, |_| BANNER_H);
    let height = banner_h + MARGIN * 2.0 + HEADER + body_h + LEGEND_H;
    let xy = positions(g, &layers, body_h);
    let (title, desc) = title_and_desc(g, &layers, register, activity_count, &tr);
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
    if let Some(draft) = draft {
        banner(&mut s, width, draft);
    }
    column_headings(&mut s, activity_count, &tr);
    // Lines first, under the nodes.
    lines(&mut s, g, &xy, &tr);
    nodes(&mut s, g, &xy);
    legend(&mut s, MARGIN, MARGIN + HEADER + body_h + 24.0, &tr);
    if draft.is_some() {
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// The height of a column of `n` nodes.
fn column_height(n: usize) -> f64 {
    n as f64 * (NODE_H + GAP_Y) - GAP_Y
}

/// The top-left corner of each node: columns side by side, each centred vertically.
fn positions(g: &Graph, layers: &[Vec<usize>], body_h: f64) -> Vec<(f64, f64)> {
    let mut xy = vec![(0f64, 0f64); g.nodes.len()];
    for (l, layer) in layers.iter().enumerate() {
        let offset = (body_h - column_height(layer.len())) / 2.0;
        for (p, &i) in layer.iter().enumerate() {
            xy[i] = (
                MARGIN + l as f64 * (NODE_W + COL_GAP),
                MARGIN + HEADER + offset + p as f64 * (NODE_H + GAP_Y),
            );
        }
    }
    xy
}

/// The map's title and its description for screen readers: what it counts, in words.
fn title_and_desc(
    g: &Graph,
    layers: &[Vec<usize>],
    register: &Register,
    activity_count: usize,
    tr: &dyn Fn(&str) -> String,
) -> (String, String) {
    let org = &register.config.item.organisation.name;
    let outside = g
        .edges
        .values()
        .filter(|f| f.is_some_and(|f| f != Flow::Eea))
        .count();
    let unframed = g.edges.values().filter(|f| **f == Some(Flow::None)).count();
    let title = tr("map_title").replace("{organisation}", org);
    let desc = tr("map_desc")
        .replace("{activities}", &activity_count.to_string())
        .replace("{subjects}", &layers[0].len().to_string())
        .replace("{recipients}", &layers[2].len().to_string())
        .replace("{countries}", &layers[3].len().to_string())
        .replace("{transfers}", &outside.to_string())
        .replace("{unframed}", &unframed.to_string());
    (title, desc)
}

/// The four column headings.
fn column_headings(s: &mut String, activity_count: usize, tr: &dyn Fn(&str) -> String) {
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
}

/// The lines between the columns, styled by flow, with the mechanism's label at the end of each
/// line that leaves the EEA.
fn lines(s: &mut String, g: &Graph, xy: &[(f64, f64)], tr: &dyn Fn(&str) -> String) {
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
    s.push_str("</g>\n");
}

/// The nodes: a box with its label, its badge below, and the full text as a tooltip.
fn nodes(s: &mut String, g: &Graph, xy: &[(f64, f64)]) {
    s.push_str("<g class=\"nodes\">\n");
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
}

/// The "draft — N errors" banner across the top, as visible text in a dashed frame; it opens the
/// group that moves the drawing below it (closed by the caller).
fn banner(s: &mut String, width: f64, draft: &str) {
    let _ = writeln!(
        s,
        "<g class=\"draft\" role=\"alert\"><rect x=\"{MARGIN:.1}\" y=\"8\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n<text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"700\" font-size=\"14\" fill=\"{}\">{}</text></g>\n<g transform=\"translate(0 {BANNER_H:.0})\">",
        width - 2.0 * MARGIN,
        BANNER_H - 12.0,
        colour("derogation"),
        MARGIN + 10.0,
        8.0 + (BANNER_H - 12.0) / 2.0 + 5.0,
        colour("ink"),
        esc(draft)
    );
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
