//! Dates of the record: activities are reviewed on time, and no date lies after the check date.

mod date_in_future;
mod legal_data_outdated;
mod review_overdue;

use super::Rule;
pub use date_in_future::DateInFuture;
pub use review_overdue::ReviewOverdue;

pub(super) const RULES: &[&dyn Rule] = &[
    &ReviewOverdue,
    &DateInFuture,
    &legal_data_outdated::LegalDataOutdated,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;
    use crate::rules::testing::*;
    use serde_json::json;

    #[test]
    fn review_is_due_strictly_after_the_interval() {
        let as_of = d(2026, 11, 25);
        let on_limit = activity_with(json!({"updated": "2025-11-25"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![on_limit]), as_of).is_empty());
        let past = activity_with(json!({"updated": "2025-11-24"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![past]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/updated"));
    }

    #[test]
    fn reviewed_takes_precedence_over_updated() {
        let as_of = d(2026, 11, 25);
        let a = activity_with(json!({"updated": "2020-01-01", "reviewed": "2026-06-01"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![a]), as_of).is_empty());
        let a = activity_with(json!({"updated": "2026-06-01", "reviewed": "2024-06-01"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![a]), as_of);
        assert_eq!(found[0].pointer.as_deref(), Some("/reviewed"));
    }

    #[test]
    fn interval_follows_settings() {
        let as_of = d(2026, 11, 25);
        let mut reg = register(
            vec![],
            vec![activity_with(json!({"updated": "2026-04-30"}))],
        );
        assert!(check(&ReviewOverdue, &reg, as_of).is_empty());
        reg.config.item.settings.review_interval_months = 6;
        assert_eq!(check(&ReviewOverdue, &reg, as_of).len(), 1);
    }

    #[test]
    fn next_review_in_the_past_is_overdue_but_not_today() {
        let as_of = d(2026, 11, 25);
        let today = activity_with(json!({"updated": "2026-06-01", "next_review": "2026-11-25"}));
        assert!(check(&ReviewOverdue, &register(vec![], vec![today]), as_of).is_empty());
        let past = activity_with(json!({"updated": "2026-06-01", "next_review": "2026-11-24"}));
        let found = check(&ReviewOverdue, &register(vec![], vec![past]), as_of);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer.as_deref(), Some("/next_review"));
    }

    #[test]
    fn future_dates_and_inverted_creation() {
        let as_of = d(2026, 11, 25);
        let today = activity_with(json!({"created": "2026-11-25", "updated": "2026-11-25"}));
        assert!(check(&DateInFuture, &register(vec![], vec![today]), as_of).is_empty());
        let a = activity_with(json!({
            "created": "2026-11-26",
            "updated": "2026-11-20",
            "dpia": {"done": true, "date": "2027-01-01"},
        }));
        let v = vendor(json!({
            "id": "v", "name": "V", "role": "processor", "service": "S",
            "contract": {"reference": "DPA", "date": "2030-01-01"},
            "transfer_safeguards": [{"country": "US", "mechanism": "scc_2021_914", "date": "2026-11-25"}],
        }));
        let found = check(&DateInFuture, &register(vec![v], vec![a]), as_of);
        let pointers: Vec<_> = found.iter().filter_map(|f| f.pointer.as_deref()).collect();
        assert_eq!(
            pointers,
            [
                "/created",
                "/dpia/date",
                "/created",
                "/vendors/0/contract/date"
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Error));
    }
}
