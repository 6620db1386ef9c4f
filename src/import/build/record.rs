//! The record's own columns: the organisation's role, dates, controllers, purposes and
//! operations.

use super::*;

impl Builder<'_> {
    pub(super) fn role(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        match row.get(Field::Role) {
            Some(text) => match by_label::<ActivityRole>(text) {
                Some(role) => a.role = role,
                None => {
                    let text = text.to_string();
                    row.comment("/role", format!("review: the role \"{text}\" is not controller, joint controller or processor; controller assumed"));
                    row.notes.push(format!("Role as written: {text}"));
                }
            },
            None => {
                if !row.lines(Field::Controllers).is_empty()
                    && row.get(Field::Controllers).is_some()
                {
                    // A controllers column without a role: decided below by what it names.
                }
                row.comment("/role", "review: the spreadsheet does not say the organisation's role; controller assumed".into());
            }
        }
    }

    pub(super) fn dates(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for (field, pointer) in [
            (Field::Created, "/created"),
            (Field::Updated, "/updated"),
            (Field::Reviewed, "/reviewed"),
            (Field::NextReview, "/next_review"),
        ] {
            let found = row
                .values
                .iter()
                .find(|(f, ..)| *f == field)
                .map(|(_, c, t, d)| (*c, t.clone(), *d));
            let date = match found {
                Some((_, _, Some(d))) => Some(d),
                Some((c, text, None)) => {
                    self.warnings.push(Warning::at(
                        self.sheet,
                        row.r,
                        c,
                        format!("\"{text}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
                    ));
                    row.notes.push(format!("{}: {text}", &pointer[1..]));
                    None
                }
                None => None,
            };
            match (field, date) {
                (Field::Created, Some(d)) => a.created = d,
                (Field::Updated, Some(d)) => a.updated = d,
                (Field::Reviewed, d) => a.reviewed = d,
                (Field::NextReview, d) => a.next_review = d,
                (Field::Created | Field::Updated, None) => {
                    row.comment(
                        pointer,
                        format!(
                            "review: no date in the spreadsheet; set to the import date {}",
                            self.as_of
                        ),
                    );
                }
                _ => {}
            }
        }
        if a.updated < a.created {
            a.updated = a.created;
        }
        // The last review defaults to the last update: an equal date says nothing more.
        if a.reviewed == Some(a.updated) {
            a.reviewed = None;
        }
    }

    pub(super) fn party(line: &str) -> Party {
        let mut parts = line.split(" — ");
        let name = parts.next().unwrap_or_default().trim().to_string();
        let rest: Vec<&str> = parts.collect();
        let mut p = Party {
            name,
            ..Party::default()
        };
        for part in rest {
            if part.contains('@') && p.email.is_none() {
                p.email = Some(part.trim().to_string());
            } else {
                p.description = Some(match p.description.take() {
                    Some(d) => format!("{d} — {}", part.trim()),
                    None => part.trim().to_string(),
                });
            }
        }
        p
    }

    pub(super) fn parties(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        a.joint_controllers = row
            .lines(Field::JointControllers)
            .iter()
            .map(|l| Self::party(l))
            .collect();
        let controllers = row.lines(Field::Controllers);
        if a.role == ActivityRole::Processor {
            a.controllers = controllers.iter().map(|l| Self::party(l)).collect();
        } else if controllers.len() == 1
            && self
                .organisation_names
                .contains(&normalise(&controllers[0]))
        {
            // The organisation itself, as ropa's export writes it for controller records.
        } else if !controllers.is_empty() {
            // A controller record's controller is the organisation: kept only in the notes.
            row.notes
                .push(format!("Controller as written: {}", controllers.join("; ")));
        }
    }

    pub(super) fn purposes(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let mut descriptions = row.lines(Field::MainPurpose);
        descriptions.extend(row.lines(Field::OtherPurposes));
        descriptions.extend(row.lines(Field::Purposes));
        descriptions.retain(|d| !d.is_empty());
        a.purposes = descriptions
            .into_iter()
            .map(|description| Purpose {
                description,
                ..Purpose::default()
            })
            .collect();
        if a.purposes.is_empty() {
            return;
        }
        let bases = row.lines(Field::LegalBasis);
        let single = bases.len() == 1 && a.purposes.len() > 1;
        for i in 0..a.purposes.len() {
            let text = if single { bases.first() } else { bases.get(i) };
            let Some(text) = text.filter(|t| !t.is_empty()) else {
                continue;
            };
            match by_label::<crate::model::LegalBasis>(text) {
                Some(b) => {
                    a.purposes[i].legal_basis = Some(b);
                    if single && i > 0 {
                        row.comment(&format!("/purposes/{i}/legal_basis"), "review: the sheet gives one legal basis for several purposes; applied to each".into());
                    }
                }
                None => {
                    row.comment(&format!("/purposes/{i}"), format!("not placed: legal basis \"{text}\" ({}{}) is not an Art. 6(1) basis; kept in notes", column_letter(row.col(Field::LegalBasis)), row.r + 1));
                    row.notes.push(format!(
                        "Legal basis as written for \"{}\": {text}",
                        a.purposes[i].description
                    ));
                }
            }
        }
        if bases.len() > a.purposes.len() && !single {
            for extra in &bases[a.purposes.len()..] {
                row.notes
                    .push(format!("Legal basis without a purpose: {extra}"));
            }
        }
        for (field, set) in [
            (Field::LegitimateInterest, 0),
            (Field::LiaReference, 1),
            (Field::ConsentRecord, 2),
            (Field::LegalReference, 3),
        ] {
            let lines = row.lines(field);
            let single = lines.len() == 1 && a.purposes.len() > 1;
            for (i, p) in a.purposes.iter_mut().enumerate() {
                let value = if single { lines.first() } else { lines.get(i) };
                let Some(v) = value.filter(|v| !v.is_empty()).cloned() else {
                    continue;
                };
                match set {
                    0 => p.legitimate_interest = Some(v),
                    1 => p.lia_reference = Some(v),
                    2 => p.consent_record = Some(v),
                    _ => p.legal_reference = Some(v),
                }
            }
        }
    }

    pub(super) fn operations(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let Some(text) = row.get(Field::Operations).map(str::to_string) else {
            return;
        };
        let mut unknown = Vec::new();
        for part in text
            .split([',', '\n', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match by_label::<crate::model::Operation>(part) {
                Some(op) if !a.operations.contains(&op) => a.operations.push(op),
                Some(_) => {}
                None => unknown.push(part.to_string()),
            }
        }
        if !unknown.is_empty() {
            row.comment(
                "/notes",
                format!(
                    "not placed: operations \"{}\" are not Art. 4(2) operations; kept in notes",
                    unknown.join(", ")
                ),
            );
            row.notes
                .push(format!("Operations as written: {}", unknown.join(", ")));
        }
    }
}
