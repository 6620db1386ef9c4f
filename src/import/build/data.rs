//! Whose data and which: subjects, categories, special categories, and retention.

use super::*;

impl Builder<'_> {
    pub(super) fn data(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let mut taken = Vec::new();
        a.data_subjects = row
            .lines(Field::DataSubjects)
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, description) = split_named(l);
                DataSubjectCategory {
                    id: unique_id(&slug(&name), &mut taken),
                    name,
                    description,
                    vulnerable: false,
                }
            })
            .collect();
        let mut taken = Vec::new();
        a.data_categories = row
            .lines(Field::DataCategories)
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (name, description) = split_named(l);
                DataCategory {
                    id: unique_id(&slug(&name), &mut taken),
                    name,
                    description,
                    ..DataCategory::default()
                }
            })
            .collect();
        Self::sensitive_data(a, row);
        Self::art9_conditions(a, row);
    }

    /// The sensitive data column: `category: special category` lines mark their category; any
    /// other line goes to the special categories statement.
    fn sensitive_data(a: &mut Activity, row: &Row<'_>) {
        let mut statement = Vec::new();
        for line in row
            .lines(Field::SensitiveData)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, what) = split_named(&line);
            let category = a
                .data_categories
                .iter_mut()
                .find(|c| normalise(&c.name) == normalise(&name));
            let special = what
                .as_deref()
                .and_then(by_label::<crate::model::SpecialCategory>);
            let criminal = what.as_deref().is_some_and(|w| {
                let w = normalise(split_trailing_label(w).0);
                [
                    "criminal convictions and offences",
                    "condamnations penales et infractions",
                    "infractions et condamnations penales",
                ]
                .iter()
                .any(|x| w.starts_with(x))
            });
            match (category, special, criminal) {
                (Some(c), Some(s), _) => c.special_category = Some(s),
                (Some(c), None, true) => c.criminal_data = true,
                _ => statement.push(line),
            }
        }
        if !statement.is_empty() {
            a.special_categories_statement = Some(statement.join("\n"));
        }
    }

    /// The Art. 9(2) condition column: per category (`category: condition`), or one condition
    /// for every sensitive category of the row; else kept in notes.
    fn art9_conditions(a: &mut Activity, row: &mut Row<'_>) {
        for line in row
            .lines(Field::Art9Condition)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, what) = split_named(&line);
            let condition = what
                .as_deref()
                .and_then(by_label::<crate::model::Art9Condition>);
            let category = a
                .data_categories
                .iter_mut()
                .find(|c| normalise(&c.name) == normalise(&name));
            match (category, condition, what) {
                (Some(c), Some(k), _) => c.art9_condition = Some(k),
                (_, _, _) => match by_label::<crate::model::Art9Condition>(&line) {
                    // One condition for the row: the sensitive categories share it.
                    Some(k)
                        if a.data_categories
                            .iter()
                            .any(|c| c.special_category.is_some()) =>
                    {
                        for c in a
                            .data_categories
                            .iter_mut()
                            .filter(|c| c.special_category.is_some())
                        {
                            c.art9_condition = Some(k);
                        }
                    }
                    _ => {
                        row.comment("/notes", format!("not placed: Art. 9(2) condition \"{line}\" matches no sensitive data category; kept in notes"));
                        row.notes
                            .push(format!("Art. 9(2) condition as written: {line}"));
                    }
                },
            }
        }
    }

    pub(super) fn retention(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for line in row
            .lines(Field::Retention)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (head, rest) = split_named(&line);
            let category = a
                .data_categories
                .iter()
                .find(|c| normalise(&c.name) == normalise(&head));
            let mut rule = match (category, rest) {
                (Some(c), Some(text)) => RetentionRule {
                    text: Some(text),
                    data_categories: vec![c.id.clone()],
                    ..RetentionRule::default()
                },
                _ => RetentionRule {
                    text: Some(line.clone()),
                    ..RetentionRule::default()
                },
            };
            let i = a.retention.len();
            match rule.text.as_deref().and_then(crate::import::retention::read) {
                Some(read) => {
                    rule.periods = vec![read.period];
                    rule.end_action = read.end_action;
                    row.comment(
                        &format!("/retention/{i}/periods"),
                        "review: the period is read from the text above; check it".into(),
                    );
                }
                None => row.comment(
                    &format!("/retention/{i}/text"),
                    "review: kept as written, not plainly one period; add `periods` with a `duration` (P3Y) or an `until` event so that the rules can check it".into(),
                ),
            }
            a.retention.push(rule);
        }
    }
}
