//! Documents made by `ropa render`: golden Markdown and HTML of every document of the example
//! registers in both languages, the facts of the CNIL sheet of ZEROSIX found in its rendered
//! sheet, the structure of the Octopush annex, escaping of hostile register text, determinism, and the
//! CLI's output files (template overrides are in tests/templates.rs).
//!
//! Snapshots are in tests/snapshots/render__*.snap; after a deliberate change to the templates or
//! the example registers, review them with `cargo insta review` (or re-run with
//! `INSTA_UPDATE=always` and read the diff).

mod common;
use common::documents::{AS_OF, VERSION, load, opts};

use std::path::{Path, PathBuf};

use ropa::model::{Language, Register};
use ropa::render::{self, Document, Format, markdown};

const HOSTILE: &str = "tests/fixtures/hostile";

fn render(
    document: Document,
    register: &Register,
    activity: Option<&str>,
    format: Format,
    lang: Language,
) -> String {
    render::render(document, register, activity, None, &opts(format, lang)).unwrap_or_else(|e| {
        panic!(
            "{} of {} ({activity:?}, {format:?}, {lang:?}): {e:#}",
            document.name(),
            register.root.display()
        )
    })
}

/// The example registers with the activity used for their sheet and for their annex.
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "zerosix",
        "gestion-du-service-zerosix",
        "gestion-du-service-zerosix",
    ),
    ("octopush", "user-accounts", "message-sending-for-users"),
    (
        "zetapush",
        "customer-relationship-management",
        "customer-services-processing",
    ),
];

fn lang_code(lang: Language) -> &'static str {
    match lang {
        Language::En => "en",
        Language::Fr => "fr",
    }
}

#[test]
fn golden_documents() {
    for (name, sheet, annex) in EXAMPLES {
        let register = load(&format!("registers/{name}"));
        for lang in [Language::En, Language::Fr] {
            for format in [Format::Md, Format::Html] {
                for (document, activity) in [
                    (Document::Sheet, Some(*sheet)),
                    (Document::Annex, Some(*annex)),
                    (Document::Register, None),
                    (Document::Subprocessors, None),
                ] {
                    let text = render(document, &register, activity, format, lang);
                    let snapshot = format!(
                        "{name}-{}-{}-{}",
                        document.name(),
                        lang_code(lang),
                        format.ext()
                    );
                    insta::assert_snapshot!(snapshot, text);
                }
            }
        }
    }
}

// -------------------------------------------------------------------------------------------
// Plain text of rendered documents
// -------------------------------------------------------------------------------------------

/// Markdown as plain text: escapes removed, line breaks and runs of spaces made single spaces.
fn md_text(md: &str) -> String {
    collapse(&markdown::unescape(md).replace("**", ""))
}

/// HTML as plain text: the style sheet and tags removed, entities decoded, spaces collapsed.
fn html_text(html: &str) -> String {
    let mut body = html.to_string();
    if let (Some(a), Some(b)) = (body.find("<style>"), body.find("</style>")) {
        body.replace_range(a..b + "</style>".len(), "");
    }
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    collapse(&out)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table row of the Markdown document that names `first_cell`.
fn md_row<'a>(md: &'a str, first_cell: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(&format!("| {first_cell} |")))
        .unwrap_or_else(|| panic!("no table row for {first_cell:?} in:\n{md}"))
}

// -------------------------------------------------------------------------------------------
// The CNIL sheet of ZEROSIX
// -------------------------------------------------------------------------------------------

/// The facts of the CNIL register sheet « Gestion du service ZEROSIX », as the sheet writes them.
const ZEROSIX_FACTS: &[&str] = &[
    // Title and role
    "Gestion du service ZEROSIX",
    "Traitement effectué pour le compte du client en qualité de sous-traitant",
    // Purposes
    "Délivrer le service de gestion d’un programme de fidélité et de relances",
    "Création et gestion de comptes utilisateurs en ligne",
    "Animation d’un programme de fidélité",
    "Envoi de messages par SMS, e-mail ou par voie postale à des fins de prospection commerciale",
    "Réalisation de statistiques, reportings",
    // Nature of the operations
    "Collecte, enregistrement, stockage, utilisation, effacement des données personnelles",
    // Data subjects
    "Clients finaux du commerçant",
    "Prospects parrainés par des clients",
    "pour envoi d’un SMS unique d’invitation",
    // Recipients
    "Destinataires internes",
    "Dirigeants de la société",
    "Equipes techniques",
    "Equipes supports",
    "Destinataires externes",
    // Controller (organisation) and DPO, with contact details
    "ZS SERVICES",
    "GUIEYSSE Nicolas",
    "119 avenue Jacques Cartier",
    "34000 Montpellier",
    "contact@zerosix.com",
    "Délégué à la protection des données",
    "JAILLET Maxime",
    "donnees-personnelles@zerosix.com",
    // Dates
    "Date de création de la fiche",
    "16 mai 2019",
    "Date de dernière mise à jour de la fiche",
    "14 mars 2024",
    // Data categories
    "Etat-civil, identité (nom, prénom, adresse, date de naissance), numéro de téléphone, e-mail",
    "Données de connexion",
    "Informations d’horodatage : date de dernière connexion d’un utilisateur du service, identifiants, mots de passe",
    "Données relatives à la mesure d’audience (cookies, données de navigation, mesures d’audiences)",
    "Google Analytics",
    "Cookies de session (utilisation du service)",
    "Dépenses réalisées chez le commerçant client de ZS SERVICES",
    "Produits achetés chez le commerçant client de ZS SERVICES",
    "Codes promotionnels acquis et utilisés chez le commerçant client de ZS SERVICES",
    "Données relatives au programme de fidélité : nombre de points, récompenses demandées, e-mails et SMS envoyés",
    "réponses à des enquêtes de satisfaction, avis",
    // Sensitive data
    "Données sensibles : NEANT",
    "Les conditions générales ZS SERVICES interdisent la collecte et le traitement de données sensibles",
    // The five retention rules
    "Durée de la relation contractuelle entre ZS SERVICES et le client, sauf demande de suppression des données par le client final",
    "Les données sont ensuite archivées pendant une période de 12 mois",
    "Clients finaux n’ayant jamais activé leurs cartes de fidélité",
    "3 mois à compter de l’invitation à finaliser l’inscription",
    "Clients finaux ayant une carte de fidélité activée",
    "Période d’utilisation du service + 3 ans (5 ans, concernant le secteur de l’optique)",
    "Données de sauvegarde technique",
    "12 à 24 mois",
    "Suppression des coordonnées après envoi du message de parrainage",
    // Security measures, under their headings
    "Contrôle d'accès des utilisateurs",
    "Accès au service via login et mot de passe",
    "Chaque utilisateur interne dispose de droits spécifiques (attribués par les dirigeants ou le lead développeur)",
    "Mesures de traçabilité",
    "Journalisation des accès des utilisateurs (avec: identifiant, date et heure de connexion)",
    "Mesures de protection des logiciels",
    "Mesures de protection réalisées par l’ensemble des logiciels utilisés (Cloud)",
    "L’application ZEROSIX est mise à jour régulièrement selon les règles de l’art des correctifs de sécurité (ex : mise à jour des librairies, mise à jour des serveurs)",
    "L’application est protégée par un Firewall applicatif (CloudFlare) pour protection DDoS et couverture des vulnérabilités OWASP",
    "Sauvegarde des données",
    "Les applications et les données sont hébergées sur l’infrastructure Cloud d’Amazon Web Services (AWS) en Europe dans les data-centers de Paris",
    "Des sauvegardes sont effectuées quotidiennement et réparties sur les différents centres de données Parisiens",
    "Architecture",
    "Répartition des serveurs et réplication des données sur plusieurs data-centers",
    "Répartition de la charge et surveillance automatisée des instances actives sur les différents data-centers",
    "Auto-scaling des serveurs applicatifs et gestionnaires de tâches selon la charge à traiter",
    "Exécution des applications à l’intérieur d’un VPC (Virtual Private Cloud)",
    "Chiffrement des données",
    "Ensemble des outils utilisés accessibles en https",
    "Les utilisateurs internes utilisent tous un VPN, une authentification multi facteur et une connexion par SSO",
    "Contrôle des sous-traitants",
    "Sur la base des conditions générales de services",
];

/// Each sub-processor of the sheet: name, service, place(s) and transfer safeguard, as the
/// sheet's table row must show them.
const ZEROSIX_SUBPROCESSORS: &[(&str, &[&str])] = &[
    (
        "Amazon Web Services",
        &[
            "Hébergement",
            "Paris",
            "États-Unis",
            "Signature de clauses contractuelles types",
        ],
    ),
    ("Brevo (Ex Sendinblue)", &["Routage d’email", "Europe"]),
    (
        "High Connexion",
        &["Routage de SMS", "Paris", "Vénissieux", "Aix-En-Provence"],
    ),
    ("Sinch", &["Routage de SMS", "Europe"]),
    (
        "Maileva",
        &["Routage de messages promotionnels par voie postale"],
    ),
    ("Matomo", &["Mesure d’Audience", "France"]),
];

#[test]
fn the_french_sheet_of_zerosix_holds_every_fact_of_the_cnil_sheet() {
    let register = load("registers/zerosix");
    let id = "gestion-du-service-zerosix";
    let md = render(
        Document::Sheet,
        &register,
        Some(id),
        Format::Md,
        Language::Fr,
    );
    let html = render(
        Document::Sheet,
        &register,
        Some(id),
        Format::Html,
        Language::Fr,
    );
    let (md_plain, html_plain) = (md_text(&md), html_text(&html));
    let mut missing = Vec::new();
    for fact in ZEROSIX_FACTS {
        if !md_plain.contains(fact) {
            missing.push(format!("Markdown: {fact}"));
        }
        if !html_plain.contains(fact) {
            missing.push(format!("HTML: {fact}"));
        }
    }
    for (name, cells) in ZEROSIX_SUBPROCESSORS {
        let row = md_text(md_row(&md, name));
        for cell in *cells {
            if !row.contains(cell) {
                missing.push(format!("row of {name}: {cell} (row: {row})"));
            }
        }
    }
    // Outside the EU: AWS transfers to the US under SCCs; the others stay in Europe.
    let aws = md_text(md_row(&md, "Amazon Web Services"));
    assert!(aws.contains("Oui (États-Unis)"), "{aws}");
    assert!(aws.contains("Clauses contractuelles types"), "{aws}");
    for name in ["High Connexion", "Matomo"] {
        let row = md_text(md_row(&md, name));
        assert!(row.contains("| Non |"), "{row}");
    }
    assert!(
        missing.is_empty(),
        "facts of the CNIL sheet missing from the rendered sheet:\n  {}\n\n{md}",
        missing.join("\n  ")
    );
}

// -------------------------------------------------------------------------------------------
// The Octopush annex
// -------------------------------------------------------------------------------------------

#[test]
fn the_octopush_annex_has_the_four_annexes_and_its_measures_under_the_decision_headings() {
    let register = load("registers/octopush");
    let id = "message-sending-for-users";
    let md = render(
        Document::Annex,
        &register,
        Some(id),
        Format::Md,
        Language::En,
    );
    let html = render(
        Document::Annex,
        &register,
        Some(id),
        Format::Html,
        Language::En,
    );
    let headings = [
        "## Annex I — List of parties",
        "## Annex II — Description of the processing",
        "## Annex III — Technical and organisational measures",
        "## Annex IV — List of sub-processors",
    ];
    let mut last = 0;
    for h in headings {
        let at = md
            .find(h)
            .unwrap_or_else(|| panic!("no `{h}` in the annex:\n{md}"));
        assert!(at > last, "`{h}` is out of order");
        last = at;
    }
    for h in ["Annex I —", "Annex II —", "Annex III —", "Annex IV —"] {
        assert!(html.contains(&format!("<h2>{h}")), "HTML lacks {h}");
    }
    // Parties: the controllers of the activity, then Octopush as processor with its DPO.
    let parties = &md[md.find("## Annex I").unwrap()..md.find("## Annex II").unwrap()];
    assert!(parties.contains("**Users**"), "{parties}");
    assert!(parties.contains("Octopush SAS"), "{parties}");
    assert!(parties.contains("dpo@octopush.com"), "{parties}");

    // Annex III: the seventeen headings in order, each measure under the heading of its category.
    let annex3 = &md[md.find("## Annex III").unwrap()..md.find("## Annex IV").unwrap()];
    let terms = &ropa::legal::eu().measure_categories;
    assert_eq!(terms.len(), 17);
    let mut positions = Vec::new();
    for term in terms {
        let heading = format!("### {}. {}", term.number.unwrap(), term.label(Language::En));
        let at = annex3
            .find(&heading)
            .unwrap_or_else(|| panic!("no heading `{heading}` in Annex III:\n{annex3}"));
        positions.push(at);
    }
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "headings out of order"
    );
    let activity = &register.activity(id).unwrap().item;
    assert!(!activity.security_measures.is_empty());
    for measure_id in &activity.security_measures {
        let measure = &register.measure(measure_id).unwrap().item;
        let index = terms
            .iter()
            .position(|t| t.key == measure.category)
            .unwrap();
        let start = positions[index];
        let end = positions.get(index + 1).copied().unwrap_or(annex3.len());
        let section = md_text(&annex3[start..end]);
        assert!(
            section.contains(&collapse(&measure.description)),
            "measure `{measure_id}` is not under heading {}:\n{section}",
            index + 1
        );
    }
    // Headings without a measure say so.
    assert!(annex3.contains("No measure recorded under this heading."));
    // The transfer details of Decision 2021/914 Annex I.B: data leaves the EEA.
    assert!(md.contains("Annex I.B"), "{md}");
}

// -------------------------------------------------------------------------------------------
// Hostile register text
// -------------------------------------------------------------------------------------------

fn hostile_documents(format: Format) -> Vec<(Document, String)> {
    let register = load(HOSTILE);
    Document::ALL
        .iter()
        .map(|d| {
            let activity = d.per_activity().then_some("hostile-activity");
            (*d, render(*d, &register, activity, format, Language::En))
        })
        .collect()
}

#[test]
fn hostile_text_is_escaped_in_html() {
    for (document, html) in hostile_documents(Format::Html) {
        let what = document.name();
        for raw in [
            "<script",
            "<img",
            "<b>",
            "<i>",
            "onerror=alert",
            "href=\"javascript",
        ] {
            let lowered = html.to_lowercase();
            let hit = if raw == "onerror=alert" {
                lowered.contains(" onerror=alert")
                    && !lowered.contains("&lt;img src=x onerror=alert")
            } else {
                lowered.contains(raw)
            };
            assert!(!hit, "{what}: raw `{raw}` in the HTML:\n{html}");
        }
        assert!(html.contains("&lt;script&gt;alert("), "{what}: {html}");
        // The data map's legend cites Art. 49: look for an evaluated `{{ 7*7 }}` outside it.
        let without_map = match (html.find("<figure class=\"map\">"), html.find("</figure>")) {
            (Some(start), Some(end)) => format!("{}{}", &html[..start], &html[end..]),
            _ => html.clone(),
        };
        let text = html_text(&without_map);
        assert!(text.contains("{{ 7*7 }}"), "{what}: template syntax lost");
        assert!(!text.contains("49"), "{what}: template syntax evaluated");
        assert!(text.contains("../"), "{what}: `../` lost");
        if document == Document::Sheet || document == Document::Register {
            assert!(text.contains("{% raw %}"), "{what}: `{{% raw %}}` lost");
            assert!(text.contains("../../outside"), "{what}: `../` lost");
        }
    }
}

#[test]
fn hostile_text_is_escaped_in_markdown() {
    for (document, md) in hostile_documents(Format::Md) {
        let what = document.name();
        // Every `<` is escaped, except the line breaks and anchors the templates write.
        for (i, _) in md.match_indices('<') {
            let rest = &md[i..];
            let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
            let written_by_templates = ["<br>", "<a id=\"", "</a>"]
                .iter()
                .any(|t| rest.starts_with(t));
            assert!(
                escaped || written_by_templates,
                "{what}: raw `<` at {}: {}",
                i,
                &rest[..rest.len().min(40)]
            );
        }
        // Tables keep their shape: every row has as many unescaped `|` as its header.
        let mut columns = None;
        for line in md.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let pipes = line
                .char_indices()
                .filter(|(i, c)| *c == '|' && (*i == 0 || line.as_bytes()[i - 1] != b'\\'))
                .count();
            match columns {
                None => columns = Some(pipes),
                Some(n) => assert_eq!(n, pipes, "{what}: broken table row: {line}"),
            }
        }
        assert!(md.contains("\\|"), "{what}: no escaped `|`");
        let text = md_text(&md);
        assert!(text.contains("{{ 7*7 }}"), "{what}: template syntax lost");
        assert!(!md.contains("49"), "{what}: template syntax evaluated");
        assert!(text.contains("../"), "{what}: `../` lost");
        if document == Document::Sheet || document == Document::Register {
            assert!(text.contains("{% raw %}"), "{what}: `{{% raw %}}` lost");
            assert!(text.contains("../../outside"), "{what}: `../` lost");
            // Text that looks like a heading or a list stays text.
            assert!(!md.contains("\n# not a heading"), "{what}");
            assert!(md.contains("\\# not a heading"), "{what}");
        }
        // Links from register text are not links.
        assert!(!md.contains("[link](javascript"), "{what}");
    }
}

// -------------------------------------------------------------------------------------------
// Determinism, templates, errors
// -------------------------------------------------------------------------------------------

#[test]
fn rendering_twice_gives_the_same_bytes() {
    for (name, sheet, annex) in EXAMPLES {
        let register = load(&format!("registers/{name}"));
        for format in [Format::Md, Format::Html] {
            for (document, activity) in [
                (Document::Sheet, Some(*sheet)),
                (Document::Annex, Some(*annex)),
                (Document::Register, None),
                (Document::Subprocessors, None),
            ] {
                let once = render(document, &register, activity, format, Language::Fr);
                let twice = render(
                    document,
                    &load(&format!("registers/{name}")),
                    activity,
                    format,
                    Language::Fr,
                );
                assert!(once == twice, "{name} {} differs", document.name());
            }
        }
    }
}

#[test]
fn documents_refuse_what_does_not_fit() {
    let register = load("registers/octopush");
    let o = opts(Format::Md, Language::En);
    // An annex is for processor activities.
    let e =
        render::render(Document::Annex, &register, Some("user-accounts"), None, &o).unwrap_err();
    assert!(format!("{e:#}").contains("controller record"), "{e:#}");
    // Several activities and no --activity.
    let e = render::render(Document::Sheet, &register, None, None, &o).unwrap_err();
    assert!(format!("{e:#}").contains("--activity"), "{e:#}");
    // Unknown ids.
    let e = render::render(Document::Sheet, &register, Some("user-acounts"), None, &o).unwrap_err();
    assert!(
        format!("{e:#}").contains("did you mean `user-accounts`"),
        "{e:#}"
    );
    let e = render::render(Document::Register, &register, None, Some("nobody"), &o).unwrap_err();
    assert!(format!("{e:#}").contains("no vendor `nobody`"), "{e:#}");
}

#[test]
fn the_vendor_filter_keeps_the_activities_and_sub_processors_of_one_vendor() {
    let register = load("registers/zerosix");
    let o = opts(Format::Md, Language::Fr);
    let list = render::render(Document::Subprocessors, &register, None, Some("sinch"), &o).unwrap();
    assert!(list.contains("| Sinch |"), "{list}");
    assert!(!list.contains("| Matomo |"), "{list}");
    let all = render::render(Document::Subprocessors, &register, None, None, &o).unwrap();
    for name in ["Amazon Web Services", "Sinch", "Matomo", "Maileva"] {
        assert!(all.contains(&format!("| {name} |")), "{name}: {all}");
    }
    assert!(
        all.contains("Date de la liste\u{a0}: 25 novembre 2026"),
        "{all}"
    );
}

// -------------------------------------------------------------------------------------------
// The command line
// -------------------------------------------------------------------------------------------

fn ropa() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("ropa").unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn cli_writes_one_file_per_activity_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("docs/");
    ropa()
        .args(["render", "annex", "registers/octopush", "--lang", "fr"])
        .args(["--as-of", AS_OF, "--version-label", VERSION, "-o"])
        .arg(format!("{}/", out.display()))
        .assert()
        .success();
    let register = load("registers/octopush");
    let expected: Vec<String> = register
        .activities
        .iter()
        .filter(|a| !a.item.role.is_controller())
        .map(|a| format!("annex-{}.fr.md", a.item.id))
        .collect();
    assert_eq!(files(&out), expected);

    ropa()
        .args(["render", "sheet", "registers/octopush", "--format", "html"])
        .args([
            "--lang",
            "fr",
            "--as-of",
            AS_OF,
            "--version-label",
            VERSION,
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let sheets = files(&out)
        .into_iter()
        .filter(|n| n.starts_with("sheet-"))
        .count();
    assert_eq!(sheets, register.activities.len());
    // Rendered in parallel and streamed through French spacing, each file holds what the
    // library renders for its activity alone.
    for a in &register.activities {
        let id = &a.item.id;
        assert_eq!(
            std::fs::read_to_string(out.join(format!("sheet-{id}.fr.html"))).unwrap(),
            render(
                Document::Sheet,
                &register,
                Some(id),
                Format::Html,
                Language::Fr
            ),
            "sheet of {id}"
        );
    }

    ropa()
        .args(["render", "register", "registers/octopush", "--lang", "en"])
        .args(["--as-of", AS_OF, "--version-label", VERSION, "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("register.en.md").is_file());
    // The file holds what the library renders.
    let written = std::fs::read_to_string(out.join("register.en.md")).unwrap();
    assert_eq!(
        written,
        render(
            Document::Register,
            &register,
            None,
            Format::Md,
            Language::En
        )
    );
}

#[test]
fn cli_prints_to_stdout_and_uses_the_register_language() {
    let output = ropa()
        .args(["render", "sheet", "registers/zerosix"])
        .args(["--as-of", AS_OF, "--version-label", VERSION])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // zerosix says `language: fr`.
    assert!(
        text.starts_with("# Fiche de registre de l’activité"),
        "{text}"
    );
    assert!(
        text.contains("version du registre\u{a0}: golden-version"),
        "{text}"
    );
}

#[test]
fn cli_errors_exit_2() {
    for (args, needle) in [
        (
            vec!["render", "sheet", "registers/octopush", "--as-of", AS_OF],
            "--activity",
        ),
        (
            vec![
                "render",
                "sheet",
                "registers/octopush",
                "--activity",
                "../x",
            ],
            "no activity `../x`",
        ),
    ] {
        let output = ropa().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn cli_ejects_templates() {
    let dir = tempfile::tempdir().unwrap();
    ropa()
        .args(["templates", "eject"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("sheet.md").is_file());
    assert!(dir.path().join("i18n/fr.json").is_file());
    let again = ropa()
        .args(["templates", "eject"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("files already exist: ") && err.contains("; pass --force to overwrite"),
        "{err}"
    );
    ropa()
        .args(["templates", "eject", "--force"])
        .arg(dir.path())
        .assert()
        .success();
}
