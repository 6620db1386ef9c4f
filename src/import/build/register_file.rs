//! `ropa.yaml`: the organisation, from the Organisation sheet of ropa's own workbook or the
//! command line.

use super::*;

impl Builder<'_> {
    /// `ropa.yaml`: from ropa's Organisation sheet, else the name given, else a placeholder.
    pub(super) fn register_file(
        &mut self,
        grids: &[Grid],
        opts: &ImportOptions,
    ) -> anyhow::Result<String> {
        let mut org = Organisation::default();
        let mut register = RegisterFile::default();
        let mut comments = Comments::new();
        if let Some(g) = grids.iter().find(|g| is_sheet(g, SheetKind::Organisation)) {
            let lang = if g.name == SheetKind::Organisation.name(Language::Fr) {
                Language::Fr
            } else {
                Language::En
            };
            let labels: BTreeMap<&str, &str> =
                organisation_items(lang).map(|(k, l)| (l, k)).collect();
            for r in 1..g.rows.len() {
                let label = g.cell(r, 0).to_text();
                let value = g.cell(r, 1).to_text();
                if value.is_empty() {
                    continue;
                }
                let person = |v: &str| {
                    let p = Self::party(v);
                    Person {
                        name: p.name,
                        position: p.description,
                        email: p.email,
                        phone: None,
                    }
                };
                match labels.get(label.as_str()).copied() {
                    Some("name") => org.name = value,
                    Some("legal_form") => org.legal_form = Some(value),
                    Some("registration") => org.registration = Some(value),
                    Some("address") => org.address = Some(value),
                    Some("email") => org.email = Some(value),
                    Some("phone") => org.phone = Some(value),
                    Some("website") => org.website = Some(value),
                    Some("head") => org.head = Some(person(&value)),
                    Some("dpo") => register.dpo = Some(Self::party(&value)),
                    Some("representative") => register.representative = Some(Self::party(&value)),
                    _ => {}
                }
            }
        }
        if org.name.is_empty() {
            match &opts.organisation {
                Some(name) => org.name = name.clone(),
                None => {
                    org.name = self
                        .source
                        .rsplit_once('.')
                        .map_or(self.source, |(s, _)| s)
                        .to_string();
                    comments.insert("/organisation/name".into(), vec!["review: the spreadsheet does not name the organisation; this is the file's name (set it with --organisation)".into()]);
                }
            }
        }
        register.organisation = org;
        let value: Value = serde_json::to_value(&register)?;
        Ok(to_yaml(
            &value,
            &[
                "yaml-language-server: $schema=https://ropa.dev/schemas/register.schema.json"
                    .into(),
                format!("Imported by `ropa import` from {}.", self.source),
            ],
            &comments,
        ))
    }
}
