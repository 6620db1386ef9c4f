//! Security measures, the DPIA, and the measures catalogue of ropa's own workbook.

use super::*;

impl Builder<'_> {
    pub(super) fn measures(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let fields: Vec<Field> = row
            .values
            .iter()
            .map(|(f, ..)| *f)
            .filter(|f| matches!(f, Field::Measures(_)))
            .collect();
        for field in fields {
            let heading = match field {
                Field::Measures(h) => h,
                _ => None,
            };
            for line in row.lines(field).into_iter().filter(|l| !l.is_empty()) {
                let id = self.measure_for(&line, heading);
                if !a.security_measures.contains(&id) {
                    a.security_measures.push(id);
                }
            }
        }
    }

    pub(super) fn measure_for(&mut self, line: &str, heading: Option<CnilHeading>) -> String {
        let key = normalise(line);
        if let Some(&i) = self.measure_index.get(&key) {
            return self.measures[i].id.clone();
        }
        let mut taken: Vec<String> = self.measures.iter().map(|m| m.id.clone()).collect();
        let id = unique_id(
            &slug(&line.chars().take(48).collect::<String>()),
            &mut taken,
        );
        let i = self.measures.len();
        self.measure_comments
            .entry(format!("/measures/{i}/category"))
            .or_default()
            .push(format!(
                "review: Annex III heading guessed from the {} column",
                if heading.is_some() {
                    "CNIL heading's"
                } else {
                    "measures"
                }
            ));
        self.measures.push(Measure {
            id: id.clone(),
            category: category_of(heading),
            cnil_heading: heading,
            title: None,
            description: line.to_string(),
        });
        self.measure_index.insert(key, i);
        id
    }

    pub(super) fn dpia(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let done = row.get(Field::DpiaProgress).map(|t| {
            let t = normalise(t);
            [
                "yes",
                "oui",
                "done",
                "completed",
                "complete",
                "realisee",
                "faite",
                "true",
            ]
            .contains(&t.as_str())
        });
        let reference = row.get(Field::DpiaReference).map(str::to_string);
        if done.is_some() || reference.is_some() {
            a.dpia = Some(Box::new(crate::model::Dpia {
                done: done.unwrap_or(false),
                reference,
                ..crate::model::Dpia::default()
            }));
        }
        if let Some(required) = row.get(Field::DpiaRequired).map(str::to_string) {
            row.comment("/notes", format!("not placed: \"DPIA required: {required}\" — record the WP248 criteria under `dpia.criteria` instead; kept in notes"));
            row.notes
                .push(format!("DPIA required (as written): {required}"));
        }
        if let Some(location) = row.get(Field::Location).map(str::to_string) {
            row.comment("/notes", "not placed: the location of the data belongs to each vendor's `locations`; kept in notes".into());
            row.notes.push(format!(
                "Location of personal data (as written): {location}"
            ));
        }
    }

    /// ropa's Security measures sheet: the catalogue in full.
    pub(super) fn catalogue_measures(&mut self, g: &Grid) {
        let Some(head) = g.rows.first() else { return };
        let titles: Vec<String> = head.iter().map(Cell::to_text).collect();
        let col = |en: &str, fr: &str| titles.iter().position(|t| t == en || t == fr);
        let (Some(id), Some(measure)) = (col("Id", "Identifiant"), col("Measure", "Mesure")) else {
            return;
        };
        let title = col("Title", "Intitulé");
        let category = col(
            "Annex III heading (Decision 2021/915)",
            "Rubrique de l'annexe III (décision 2021/915)",
        );
        let heading = col("CNIL heading", "Rubrique CNIL");
        for r in 1..g.rows.len() {
            let text =
                |c: Option<usize>| c.map(|c| g.cell(r, c).to_text()).filter(|t| !t.is_empty());
            let (Some(mid), Some(description)) = (
                text(Some(id)).filter(|v| is_valid_id(v)),
                text(Some(measure)),
            ) else {
                continue;
            };
            let cnil = text(heading).and_then(|h| by_label::<CnilHeading>(&h));
            let cat = text(category)
                .map(|c| c.split_once(") ").map_or(c.clone(), |(_, l)| l.to_string()))
                .and_then(|c| by_label::<MeasureCategory>(&c));
            let i = self.measures.len();
            if cat.is_none() {
                self.measure_comments
                    .entry(format!("/measures/{i}/category"))
                    .or_default()
                    .push(
                        "review: Annex III heading not recognised; guessed from the CNIL heading"
                            .into(),
                    );
            }
            let title = text(title);
            let m = Measure {
                id: mid,
                category: cat.unwrap_or_else(|| category_of(cnil)),
                // The export shows `other` for a measure without a CNIL heading.
                cnil_heading: cnil.filter(|h| *h != CnilHeading::Other),
                title: title.clone(),
                description: description.clone(),
            };
            let key = match &title {
                Some(t) => normalise(&format!("{t}: {description}")),
                None => normalise(&description),
            };
            self.measure_index.insert(key, i);
            self.measures.push(m);
        }
    }
}
