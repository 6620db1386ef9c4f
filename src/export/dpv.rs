//! The register in the W3C Data Privacy Vocabulary (DPV 2.x) as JSON-LD.
//!
//! Each activity is a `dpv:Process` with its purposes (`dpv:hasPurpose`, each with its
//! `dpv:hasLegalBasis` as an `eu-gdpr:` article concept), personal data (`dpv:hasPersonalData`;
//! special categories as `pd:` concepts where the legal data gives one, else a local concept),
//! data subjects, recipients and processors, storage durations (`dpv:hasStorageCondition`), third
//! countries with the safeguard relied on, measures, and the organisation as
//! `dpv:hasDataController` (or `dpv:hasDataProcessor` for processor records).
//!
//! Nothing is lost: every field that has no DPV term stays on its node under the register's own
//! vocabulary (`@vocab`, the base IRI followed by `vocab#`), so `owner`, `notes`, `created` and
//! every detail of a purpose or a transfer are triples too. DPV IRIs of legal concepts come from
//! the legal data file (src/legal/eu.json), never from here.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::ExportInput;
use crate::legal;
use crate::model::{Activity, Measure, Operation, Register, RetentionRule, Vendor, VendorRole};

/// DPV namespaces.
pub const DPV: &str = "https://w3id.org/dpv#";
/// Personal data taxonomy.
pub const PD: &str = "https://w3id.org/dpv/pd#";
/// GDPR concepts.
pub const EU_GDPR: &str = "https://w3id.org/dpv/legal/eu/gdpr#";
/// Locations (ISO 3166 codes).
pub const LOC: &str = "https://w3id.org/dpv/loc#";

/// The base IRI for a register whose user set none: a URN named after the organisation.
pub fn default_base(register: &Register) -> String {
    format!(
        "urn:ropa:{}:",
        slug(&register.config.item.organisation.name)
    )
}

/// The JSON-LD document: its context and header, then its graph, whose nodes are made one at a
/// time as they are written, so that an export never holds the whole graph.
#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: Value,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "dct:issued")]
    issued: Value,
    #[serde(rename = "@graph")]
    graph: Graph<'a>,
}

/// The nodes of the graph: the organisation, the vendors, the measures, the activities.
struct Graph<'a> {
    register: &'a Register,
    base: &'a str,
    org: &'a str,
    vendors: HashMap<&'a str, &'a Vendor>,
}

impl Serialize for Graph<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let register = self.register;
        let (base, org) = (self.base, self.org);
        let nodes = std::iter::once(organisation(register, org, base))
            .chain(register.vendors.iter().map(|v| vendor(&v.item, base)))
            .chain(register.measures.iter().map(|m| measure(&m.item, base)))
            .chain(
                register
                    .activities
                    .iter()
                    .map(|a| activity(&a.item, org, base, &self.vendors)),
            );
        serializer.collect_seq(nodes)
    }
}

/// The document, pretty-printed with a final newline, written to `out` as it is made.
pub fn write(
    input: &ExportInput<'_>,
    base: &str,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let base = normalise_base(base);
    let register = input.register;
    let org = format!("{base}organisation");
    let document = JsonLd {
        context: json!({
            "@vocab": format!("{base}vocab#"),
            "dpv": DPV,
            "pd": PD,
            "eu-gdpr": EU_GDPR,
            "loc": LOC,
            "dct": "http://purl.org/dc/terms/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "dct:created": {"@type": "xsd:date"},
            "dct:modified": {"@type": "xsd:date"},
        }),
        id: format!("{base}register"),
        issued: json!({"@value": input.as_of.to_string(), "@type": "xsd:date"}),
        graph: Graph {
            register,
            base: &base,
            org: &org,
            vendors: register
                .vendors
                .iter()
                .map(|v| (v.item.id.as_str(), &v.item))
                .collect(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// A vendor's node: a recipient, with its role.
fn vendor(v: &Vendor, base: &str) -> Value {
    let mut node = rest(
        &serde_json::to_value(v).unwrap_or_default(),
        &["id", "name"],
    );
    node.insert("@id".into(), json!(format!("{base}vendor/{}", v.id)));
    let types = match v.role {
        VendorRole::Processor => vec!["dpv:DataProcessor", "dpv:Recipient"],
        VendorRole::SubProcessor => vec!["dpv:DataSubProcessor", "dpv:Recipient"],
        VendorRole::Controller | VendorRole::JointController => {
            vec!["dpv:DataController", "dpv:Recipient"]
        }
        VendorRole::Authority => vec!["dpv:Authority", "dpv:Recipient"],
    };
    node.insert("@type".into(), json!(types));
    node.insert("rdfs:label".into(), json!(v.name));
    Value::Object(node)
}

/// A security measure's node.
fn measure(m: &Measure, base: &str) -> Value {
    let mut node = rest(
        &serde_json::to_value(m).unwrap_or_default(),
        &["id", "description", "title"],
    );
    node.insert("@id".into(), json!(format!("{base}measure/{}", m.id)));
    node.insert("@type".into(), json!("dpv:TechnicalOrganisationalMeasure"));
    node.insert("dct:description".into(), json!(m.description));
    if let Some(t) = &m.title {
        node.insert("rdfs:label".into(), json!(t));
    }
    Value::Object(node)
}

/// A base that local IRIs can be appended to: ends with `/`, `#` or `:`.
fn normalise_base(base: &str) -> String {
    if base.ends_with(['/', '#', ':']) {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

fn id(iri: impl Into<String>) -> Value {
    json!({"@id": iri.into()})
}

/// The fields of an object that `mapped` does not name, as they are: under `@vocab` they become
/// properties of the register's own vocabulary.
fn rest(value: &Value, mapped: &[&str]) -> Map<String, Value> {
    let mut out = Map::new();
    if let Value::Object(map) = value {
        for (k, v) in map {
            if !mapped.contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

fn organisation(register: &Register, org: &str, base: &str) -> Value {
    let config = &register.config.item;
    let mut node = rest(
        &serde_json::to_value(&config.organisation).unwrap_or_default(),
        &["name"],
    );
    node.insert("@id".into(), json!(org));
    node.insert(
        "@type".into(),
        json!(["dpv:DataController", "dpv:Organisation"]),
    );
    node.insert("rdfs:label".into(), json!(config.organisation.name));
    if let Some(dpo) = &config.dpo {
        let mut d = rest(&serde_json::to_value(dpo).unwrap_or_default(), &["name"]);
        d.insert("@id".into(), json!(format!("{base}dpo")));
        d.insert("@type".into(), json!("dpv:DataProtectionOfficer"));
        d.insert("rdfs:label".into(), json!(dpo.name));
        node.insert("dpv:hasDataProtectionOfficer".into(), Value::Object(d));
    }
    if let Some(rep) = &config.representative {
        let mut r = rest(&serde_json::to_value(rep).unwrap_or_default(), &["name"]);
        r.insert("@id".into(), json!(format!("{base}representative")));
        r.insert("@type".into(), json!("dpv:Representative"));
        r.insert("rdfs:label".into(), json!(rep.name));
        node.insert("dpv:hasRepresentative".into(), Value::Object(r));
    }
    Value::Object(node)
}

/// The DPV processing concept of an Art. 4(2) operation.
fn operation_iri(op: Operation) -> &'static str {
    match op {
        Operation::Collection => "dpv:Collect",
        Operation::Recording => "dpv:Record",
        Operation::Organisation => "dpv:Organise",
        Operation::Structuring => "dpv:Structure",
        Operation::Storage => "dpv:Store",
        Operation::Adaptation => "dpv:Adapt",
        Operation::Retrieval => "dpv:Retrieve",
        Operation::Consultation => "dpv:Consult",
        Operation::Use => "dpv:Use",
        Operation::Transmission => "dpv:Transmit",
        Operation::Dissemination => "dpv:Disseminate",
        Operation::Combination => "dpv:Combine",
        Operation::Restriction => "dpv:Restrict",
        Operation::Erasure => "dpv:Erase",
        Operation::Destruction => "dpv:Destruct",
    }
}

/// Fields of an activity given DPV (or Dublin Core) terms below; the others stay under `@vocab`.
const MAPPED: &[&str] = &[
    "id",
    "name",
    "description",
    "role",
    "controllers",
    "joint_controllers",
    "created",
    "updated",
    "purposes",
    "operations",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention",
    "transfers",
    "security_measures",
];

/// What the parts of an activity's node share: the activity, its IRI, the base of local IRIs
/// and the vendors catalogue.
struct Node<'a> {
    a: &'a Activity,
    me: String,
    base: &'a str,
    vendors: &'a HashMap<&'a str, &'a Vendor>,
}

fn activity(a: &Activity, org: &str, base: &str, vendors: &HashMap<&str, &Vendor>) -> Value {
    let me = format!("{base}activity/{}", a.id);
    let record = serde_json::to_value(a).unwrap_or_default();
    let mut node = rest(&record, MAPPED);
    node.insert("@id".into(), json!(me));
    node.insert("@type".into(), json!("dpv:Process"));
    node.insert("rdfs:label".into(), json!(a.name));
    if let Some(d) = &a.description {
        node.insert("dct:description".into(), json!(d));
    }
    node.insert("dct:created".into(), json!(a.created.to_string()));
    node.insert("dct:modified".into(), json!(a.updated.to_string()));
    node.insert("role".into(), json!(super::key_of(&a.role)));
    let n = Node {
        a,
        me,
        base,
        vendors,
    };
    controllers(&n, org, &mut node);
    let mut bases: Vec<Value> = Vec::new();
    node.insert(
        "dpv:hasPurpose".into(),
        Value::Array(purposes(&n, &mut bases)),
    );
    node.insert(
        "dpv:hasProcessing".into(),
        Value::Array(a.operations.iter().map(|o| id(operation_iri(*o))).collect()),
    );
    node.insert("dpv:hasDataSubject".into(), Value::Array(subjects(&n)));
    node.insert(
        "dpv:hasPersonalData".into(),
        Value::Array(personal_data(&n, &mut bases)),
    );
    recipients(&n, &mut node);
    node.insert(
        "dpv:hasStorageCondition".into(),
        Value::Array(
            a.retention
                .iter()
                .enumerate()
                .map(|(i, r)| storage(r, &format!("{}/retention/{i}", n.me), &n.me))
                .collect(),
        ),
    );
    let (countries, transfers) = transfers(&n, &mut bases);
    node.insert("dpv:hasThirdCountry".into(), Value::Array(countries));
    node.insert("transfers".into(), Value::Array(transfers));
    node.insert("dpv:hasLegalBasis".into(), Value::Array(bases));
    node.insert(
        "dpv:hasTechnicalOrganisationalMeasure".into(),
        Value::Array(
            a.security_measures
                .iter()
                .map(|m| id(format!("{base}measure/{m}")))
                .collect(),
        ),
    );
    Value::Object(node)
}

/// `dpv:hasDataController` (the organisation, or the controllers a processor acts for, and the
/// joint controllers); for a processor record, the organisation as `dpv:hasDataProcessor`.
fn controllers(n: &Node<'_>, org: &str, node: &mut serde_json::Map<String, Value>) {
    let (a, me) = (n.a, &n.me);
    let party = |kind: &str, i: usize, p: &crate::model::Party, ty: &str| {
        let mut n = rest(&serde_json::to_value(p).unwrap_or_default(), &["name"]);
        n.insert("@id".into(), json!(format!("{me}/{kind}/{i}")));
        n.insert("@type".into(), json!(ty));
        n.insert("rdfs:label".into(), json!(p.name));
        Value::Object(n)
    };
    let mut controllers: Vec<Value> = Vec::new();
    if a.role.is_controller() {
        controllers.push(id(org));
    } else {
        node.insert("dpv:hasDataProcessor".into(), json!([id(org)]));
        controllers.extend(
            a.controllers
                .iter()
                .enumerate()
                .map(|(i, p)| party("controller", i, p, "dpv:DataController")),
        );
    }
    controllers.extend(
        a.joint_controllers
            .iter()
            .enumerate()
            .map(|(i, p)| party("joint-controller", i, p, "dpv:DataController")),
    );
    node.insert("dpv:hasDataController".into(), Value::Array(controllers));
}

/// The purposes, each with its legal basis (gathered into `bases`).
fn purposes(n: &Node<'_>, bases: &mut Vec<Value>) -> Vec<Value> {
    let (a, me, base) = (n.a, &n.me, n.base);
    a.purposes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut n = rest(
                &serde_json::to_value(p).unwrap_or_default(),
                &["description", "legal_basis"],
            );
            n.insert("@id".into(), json!(format!("{me}/purpose/{i}")));
            n.insert("@type".into(), json!("dpv:Purpose"));
            n.insert("dct:description".into(), json!(p.description));
            if let Some(b) = p.legal_basis {
                let iri = legal::term(b)
                    .and_then(|t| t.dpv.clone())
                    .unwrap_or_else(|| format!("{base}vocab#{}", super::key_of(&b)));
                n.insert("dpv:hasLegalBasis".into(), id(&iri));
                n.insert("legal_basis".into(), json!(super::key_of(&b)));
                if !bases.contains(&id(&iri)) {
                    bases.push(id(&iri));
                }
            }
            Value::Object(n)
        })
        .collect()
}

/// The categories of data subjects.
fn subjects(n: &Node<'_>) -> Vec<Value> {
    let (a, me) = (n.a, &n.me);
    a.data_subjects
        .iter()
        .map(|s| {
            let mut n = rest(
                &serde_json::to_value(s).unwrap_or_default(),
                &["id", "name", "description"],
            );
            n.insert("@id".into(), json!(format!("{me}/data-subject/{}", s.id)));
            n.insert("@type".into(), json!("dpv:DataSubject"));
            n.insert("rdfs:label".into(), json!(s.name));
            if let Some(d) = &s.description {
                n.insert("dct:description".into(), json!(d));
            }
            Value::Object(n)
        })
        .collect()
}

/// The data categories, special categories with their `pd:` concept and Art. 9(2) condition
/// (gathered into `bases`).
fn personal_data(n: &Node<'_>, bases: &mut Vec<Value>) -> Vec<Value> {
    let (a, me, base) = (n.a, &n.me, n.base);
    let mut personal: Vec<Value> = Vec::new();
    for c in &a.data_categories {
        let mut n = rest(
            &serde_json::to_value(c).unwrap_or_default(),
            &["id", "name", "description"],
        );
        n.insert("@id".into(), json!(format!("{me}/data/{}", c.id)));
        n.insert("rdfs:label".into(), json!(c.name));
        if let Some(d) = &c.description {
            n.insert("dct:description".into(), json!(d));
        }
        let mut types = vec![json!("dpv:PersonalData")];
        let mut concept_iri = None;
        if let Some(s) = c.special_category {
            types.push(json!("dpv:SpecialCategoryPersonalData"));
            let concept = legal::term(s)
                .and_then(|t| t.dpv.clone())
                .unwrap_or_else(|| format!("{base}vocab#{}", super::key_of(&s)));
            n.insert("dpv:hasPersonalData".into(), id(&concept));
            concept_iri = Some(id(&concept));
            if let Some(cond) = c.art9_condition.and_then(|k| legal::term(k)?.dpv.clone()) {
                n.insert("dpv:hasLegalBasis".into(), id(&cond));
                if !bases.contains(&id(&cond)) {
                    bases.push(id(&cond));
                }
            }
        }
        if c.criminal_data {
            types.push(json!("dpv:SensitivePersonalData"));
        }
        n.insert("@type".into(), Value::Array(types));
        personal.push(Value::Object(n));
        personal.extend(concept_iri);
    }
    personal
}

/// `dpv:hasRecipient`, and the processors among the vendors as `dpv:hasDataProcessor`.
fn recipients(n: &Node<'_>, node: &mut serde_json::Map<String, Value>) {
    let (a, me, base, vendors) = (n.a, &n.me, n.base, n.vendors);
    let mut recipients = Vec::new();
    let mut processors = Vec::new();
    for (i, r) in a.recipients.iter().enumerate() {
        match &r.vendor {
            Some(v) => {
                let iri = id(format!("{base}vendor/{v}"));
                if vendors
                    .get(v.as_str())
                    .is_some_and(|v| v.role.is_processor())
                {
                    processors.push(iri.clone());
                }
                recipients.push(iri);
            }
            None => {
                let mut n = rest(&serde_json::to_value(r).unwrap_or_default(), &["name"]);
                n.insert("@id".into(), json!(format!("{me}/recipient/{i}")));
                n.insert("@type".into(), json!("dpv:Recipient"));
                if let Some(name) = &r.name {
                    n.insert("rdfs:label".into(), json!(name));
                }
                recipients.push(Value::Object(n));
            }
        }
    }
    node.insert("dpv:hasRecipient".into(), Value::Array(recipients));
    // Vendors whose catalogue role is processor or sub-processor process on the controller's
    // behalf; for a processor record the organisation itself is one too (set above).
    if !processors.is_empty() {
        let list = node
            .entry("dpv:hasDataProcessor")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.extend(processors);
        }
    }
}

/// The third countries and the transfers, each with the safeguard relied on (its legal basis
/// gathered into `bases`).
fn transfers(n: &Node<'_>, bases: &mut Vec<Value>) -> (Vec<Value>, Vec<Value>) {
    let (a, me, base, vendors) = (n.a, &n.me, n.base, n.vendors);
    let mut countries: Vec<Value> = Vec::new();
    let transfers: Vec<Value> = a
        .transfers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut n = rest(
                &serde_json::to_value(t).unwrap_or_default(),
                &["country", "vendor"],
            );
            n.insert("@id".into(), json!(format!("{me}/transfer/{i}")));
            if let Some(c) = t.country.as_deref() {
                let code = legal::country(c).map_or_else(|| c.to_string(), |c| c.code.clone());
                let loc = id(format!("loc:{code}"));
                n.insert("dpv:hasThirdCountry".into(), loc.clone());
                n.insert("country".into(), json!(code));
                if !countries.contains(&loc) {
                    countries.push(loc);
                }
            }
            if let Some(v) = &t.vendor {
                n.insert("dpv:hasRecipient".into(), id(format!("{base}vendor/{v}")));
            }
            let relied = super::json::relied_on(
                t,
                t.vendor.as_deref().and_then(|v| vendors.get(v)).copied(),
            );
            if let Some(r) = &relied.reference {
                n.insert("safeguard_reference".into(), json!(r));
            }
            if let Some(m) = relied.mechanism {
                n.insert("mechanism".into(), json!(super::key_of(&m)));
                let info = legal::mechanism_info(m);
                if let Some(iri) = &info.dpv {
                    n.insert("dpv:hasLegalBasis".into(), id(iri));
                    if !bases.contains(&id(iri)) {
                        bases.push(id(iri));
                    }
                }
            }
            Value::Object(n)
        })
        .collect();
    (countries, transfers)
}

/// A retention rule as storage conditions: one `dpv:StorageDuration` per period.
fn storage(r: &RetentionRule, iri: &str, me: &str) -> Value {
    let mut n = rest(
        &serde_json::to_value(r).unwrap_or_default(),
        &["periods", "data_categories", "data_subjects"],
    );
    n.insert("@id".into(), json!(iri));
    n.insert("@type".into(), json!("dpv:StorageDuration"));
    n.insert(
        "data_categories".into(),
        Value::Array(
            r.data_categories
                .iter()
                .map(|c| id(format!("{me}/data/{c}")))
                .collect(),
        ),
    );
    n.insert(
        "data_subjects".into(),
        Value::Array(
            r.data_subjects
                .iter()
                .map(|s| id(format!("{me}/data-subject/{s}")))
                .collect(),
        ),
    );
    let durations: Vec<Value> = r
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut d = rest(&serde_json::to_value(p).unwrap_or_default(), &["duration"]);
            d.insert("@id".into(), json!(format!("{iri}/period/{i}")));
            match (&p.duration, &p.until) {
                (Some(iso), _) => {
                    d.insert("@type".into(), json!("dpv:TemporalDuration"));
                    d.insert(
                        "rdf:value".into(),
                        json!({"@value": iso, "@type": "xsd:duration"}),
                    );
                }
                (None, Some(_)) => {
                    d.insert("@type".into(), json!("dpv:UntilEventDuration"));
                }
                (None, None) if p.range.is_some() => {
                    d.insert("@type".into(), json!("dpv:TemporalDuration"));
                }
                (None, None) => {
                    d.insert("@type".into(), json!("dpv:IndeterminateDuration"));
                }
            }
            Value::Object(d)
        })
        .collect();
    n.insert("dpv:hasDuration".into(), Value::Array(durations));
    Value::Object(n)
}

/// Lower-case letters, digits and dashes.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in super::columns::normalise(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "register".into()
    } else {
        out
    }
}
