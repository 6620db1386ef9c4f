//! The graph of the map: its nodes in four columns (subjects, activities or owner groups,
//! recipients, countries) and its lines, then their order in each column by barycentre sweeps.

use std::collections::{BTreeMap, HashMap};

use super::*;
use crate::legal;
use crate::model::Vendor;

#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) layer: usize,
    pub(super) label: String,
    /// Extra marker text after the label (special categories, group size).
    pub(super) badge: Option<String>,
    pub(super) special: bool,
}

/// The graph of a register, before layout.
#[derive(Debug, Default)]
pub(super) struct Graph {
    pub(super) nodes: Vec<Node>,
    pub(super) index: HashMap<String, usize>,
    pub(super) edges: BTreeMap<(usize, usize), Option<Flow>>,
}

impl Graph {
    pub(super) fn node(&mut self, layer: usize, key: String, label: &str) -> usize {
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
    pub(super) fn edge(&mut self, from: usize, to: usize, flow: Option<Flow>) {
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
                .is_none_or(|v| crate::render::view::uses_vendor(a, v))
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
pub(super) fn build(
    register: &Register,
    activities: &[&Activity],
    filter: &MapFilter,
    t: &Translations,
    lang: Language,
) -> Graph {
    let mut builder = GraphBuilder {
        vendors: register
            .vendors
            .iter()
            .map(|v| (v.item.id.as_str(), &v.item))
            .collect(),
        filter,
        t,
        lang,
        grouped: activities.len() > GROUP_THRESHOLD,
        g: Graph::default(),
        group_sizes: BTreeMap::new(),
    };
    for a in activities {
        let act = builder.activity(a);
        builder.recipients(a, act);
        builder.transfers(a, act);
    }
    builder.finish()
}

/// The graph as it is being built, with what every step needs.
struct GraphBuilder<'a> {
    vendors: HashMap<&'a str, &'a Vendor>,
    filter: &'a MapFilter,
    t: &'a Translations,
    lang: Language,
    /// Whether activities are grouped by owner.
    grouped: bool,
    g: Graph,
    /// The number of activities in each owner group, by node.
    group_sizes: BTreeMap<usize, usize>,
}

impl GraphBuilder<'_> {
    /// A label of the translation table (its key when missing).
    fn tr(&self, key: &str) -> String {
        label(self.t, key)
    }

    /// A vendor's node: its key and label; one unnamed node for the unpublished ones.
    fn vendor_node(&mut self, id: &str) -> usize {
        let (key, label) = match self.vendors.get(id) {
            Some(v) if self.filter.public && !v.visibility.is_public() => {
                ("vendor:".into(), self.tr("map_unpublished_vendor"))
            }
            Some(v) => (format!("vendor:{id}"), v.name.clone()),
            None => (format!("vendor:{id}"), id.to_string()),
        };
        self.g.node(2, key, &label)
    }

    fn keep_vendor(&self, id: &str) -> bool {
        self.filter.vendor.as_deref().is_none_or(|v| v == id)
    }

    fn keep_country(&self, country: &str) -> bool {
        self.filter.country.as_deref().is_none_or(|f| f == country)
    }

    /// The node of an activity (of its owner's group beyond the threshold), linked from its
    /// subject categories.
    fn activity(&mut self, a: &Activity) -> usize {
        let act = if self.grouped {
            let owner = a.owner.clone().unwrap_or_else(|| self.tr("map_no_owner"));
            let i = self.g.node(1, format!("owner:{owner}"), &owner);
            *self.group_sizes.entry(i).or_default() += 1;
            i
        } else {
            self.g.node(1, format!("activity:{}", a.id), &a.name)
        };
        if a.data_categories
            .iter()
            .any(|c| c.special_category.is_some() || c.criminal_data)
        {
            self.g.nodes[act].special = true;
        }
        for s in &a.data_subjects {
            let subj = self.g.node(0, format!("subjects:{}", s.id), &s.name);
            self.g.edge(subj, act, None);
        }
        act
    }

    /// The activity's recipients, and the countries where its vendors process the data.
    fn recipients(&mut self, a: &Activity, act: usize) {
        // The mechanism the activity declares per vendor and country (the first transfer
        // naming them), so that each location costs one lookup.
        let mut declared: HashMap<(&str, String), Option<TransferMechanism>> = HashMap::new();
        for t in &a.transfers {
            if let (Some(v), Some(c)) = (t.vendor.as_deref(), t.country.as_deref()) {
                declared
                    .entry((v, legal::canonical_country(c)))
                    .or_insert(t.mechanism);
            }
        }
        for r in &a.recipients {
            let recipient = match r.vendor.as_deref() {
                Some(id) if !self.keep_vendor(id) => continue,
                Some(id) => self.vendor_node(id),
                None if self.filter.vendor.is_some() => continue,
                None => {
                    let name = r
                        .name
                        .clone()
                        .unwrap_or_else(|| legal::label(&r.kind, self.lang).to_string());
                    self.g.node(2, format!("recipient:{name}"), &name)
                }
            };
            self.g.edge(act, recipient, None);
            let Some(v) = r
                .vendor
                .as_deref()
                .and_then(|id| self.vendors.get(id).copied())
            else {
                continue;
            };
            for c in v.locations.iter().filter_map(|l| l.country.as_deref()) {
                if !self.keep_country(c) {
                    continue;
                }
                let flow = if legal::is_eea(c) {
                    Flow::Eea
                } else {
                    let declared = declared
                        .get(&(v.id.as_str(), legal::canonical_country(c)))
                        .copied()
                        .flatten();
                    Flow::of(declared.or_else(|| recorded_mechanism(v, c)))
                };
                let t = self.t;
                let country = country_node(&mut self.g, c, self.lang, &|k| label(t, k));
                self.g.edge(recipient, country, Some(flow));
            }
        }
    }

    /// The activity's transfers: a line to the importer, and from it to the country.
    fn transfers(&mut self, a: &Activity, act: usize) {
        for t in &a.transfers {
            if t.vendor.as_deref().is_some_and(|id| !self.keep_vendor(id))
                || (t.vendor.is_none() && self.filter.vendor.is_some())
            {
                continue;
            }
            let Some(c) = t.country.as_deref().filter(|c| self.keep_country(c)) else {
                continue;
            };
            let importer = match (t.vendor.as_deref(), &t.importer) {
                (Some(id), _) => self.vendor_node(id),
                (None, Some(name)) => self.g.node(2, format!("importer:{name}"), name),
                (None, None) => {
                    let label = self.tr("map_unnamed_importer");
                    self.g.node(2, "importer:".into(), &label)
                }
            };
            self.g.edge(act, importer, None);
            let flow = if legal::is_eea(c) {
                Flow::Eea
            } else {
                let recorded = t
                    .vendor
                    .as_deref()
                    .and_then(|id| self.vendors.get(id))
                    .and_then(|v| recorded_mechanism(v, c));
                Flow::of(t.mechanism.or(recorded))
            };
            let t = self.t;
            let country = country_node(&mut self.g, c, self.lang, &|k| label(t, k));
            self.g.edge(importer, country, Some(flow));
        }
    }

    /// The graph, its groups and special-category nodes marked.
    fn finish(mut self) -> Graph {
        for (&i, n) in &self.group_sizes {
            self.g.nodes[i].badge = Some(self.tr("map_group_size").replace("{n}", &n.to_string()));
        }
        let mark = self.tr("map_special");
        for n in self.g.nodes.iter_mut().filter(|n| n.special) {
            n.badge = Some(match n.badge.take() {
                Some(b) => format!("{b} · {mark}"),
                None => mark.clone(),
            });
        }
        self.g
    }
}

/// A label of the translation table (its key when missing).
fn label(t: &Translations, key: &str) -> String {
    t.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// The mechanism a vendor records for a country, matched as the rules match it (`UK` is `GB`).
fn recorded_mechanism(v: &Vendor, country: &str) -> Option<TransferMechanism> {
    legal::vendor_safeguard(v, country).and_then(|(_, s)| s.mechanism)
}

pub(super) fn country_node(
    g: &mut Graph,
    code: &str,
    lang: Language,
    tr: &dyn Fn(&str) -> String,
) -> usize {
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
pub(super) fn order(g: &Graph) -> Vec<Vec<usize>> {
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
