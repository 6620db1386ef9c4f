//! ISO 8601 durations (`P3Y`, `P1Y6M`, `PT36H`) for retention periods and contractual deadlines.

use std::fmt;
use std::str::FromStr;

use crate::model::Language;

/// The hint given with every parse error.
const EXPECTED: &str = "expected an ISO 8601 duration such as P3Y, P12M or P30D";

/// Days in a year, for [`Duration::approx_days`].
const DAYS_PER_YEAR: f64 = 365.25;
/// Days in a month, for [`Duration::approx_days`]: a twelfth of a year (30.4375), so that `P12M`
/// and `P1Y` are the same length (30.44 would make twelve months 365.28 days, longer than a year).
const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// An ISO 8601 duration with calendar components, as written: `P12M` stays twelve months and is
/// not turned into a year.
///
/// The accepted form is `P[nY][nM][nW][nD][T[nH][nM]]` with non-negative whole numbers, upper-case
/// designators, at least one component, and the components in that order. Seconds are not
/// accepted: no retention period or contractual deadline is counted in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Years (`Y` before `T`).
    pub years: u32,
    /// Months (`M` before `T`).
    pub months: u32,
    /// Weeks (`W`).
    pub weeks: u32,
    /// Days (`D`).
    pub days: u32,
    /// Hours (`H`, after `T`).
    pub hours: u32,
    /// Minutes (`M` after `T`).
    pub minutes: u32,
}

/// Why a text is not an accepted duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError {
    input: String,
    kind: DurationErrorKind,
}

/// The kinds of [`DurationError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationErrorKind {
    /// The text is empty.
    Empty,
    /// The text is written in lower case; the upper-case form is suggested when it is valid.
    LowerCase {
        /// The same text in upper case, when that is a valid duration.
        suggestion: Option<String>,
    },
    /// The text does not start with `P`.
    MissingP,
    /// A negative duration (`-P3Y`).
    Negative,
    /// A decimal fraction (`P1.5Y`).
    Fraction,
    /// `P` or `PT` with no component after it.
    NoComponent,
    /// `T` with no hour or minute after it (`P1DT`).
    EmptyTime,
    /// A number with no designator after it (`P3`).
    MissingDesignator,
    /// A designator with no number before it (`PY`).
    MissingNumber(char),
    /// A designator that is repeated or out of order (`P1D2Y`, `P1Y1Y`).
    OutOfOrder(char),
    /// Seconds (`PT30S`), which this program does not use.
    Seconds,
    /// A character that has no place in a duration.
    UnexpectedChar(char),
    /// A number too large to count.
    Overflow,
}

impl DurationError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &DurationErrorKind {
        &self.kind
    }
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DurationErrorKind::*;
        let reason = match &self.kind {
            Empty => return write!(f, "empty duration: {EXPECTED}"),
            LowerCase {
                suggestion: Some(s),
            } => format!("the letters must be upper-case (did you mean `{s}`?)"),
            LowerCase { suggestion: None } => "the letters must be upper-case".to_owned(),
            MissingP => "it must start with `P`".to_owned(),
            Negative => "durations cannot be negative".to_owned(),
            Fraction => {
                "fractions are not accepted, use a smaller unit (P18M, not P1.5Y)".to_owned()
            }
            NoComponent => {
                "it has no number of years, months, weeks, days, hours or minutes".to_owned()
            }
            EmptyTime => "`T` must be followed by hours or minutes".to_owned(),
            MissingDesignator => "the last number has no unit letter after it".to_owned(),
            MissingNumber(c) => format!("`{c}` has no number before it"),
            OutOfOrder(c) => {
                format!("`{c}` is repeated or out of order (the order is Y, M, W, D, then T, H, M)")
            }
            Seconds => "seconds are not accepted, use minutes or hours".to_owned(),
            UnexpectedChar(c) => format!("unexpected character `{c}`"),
            Overflow => "a number is too large".to_owned(),
        };
        write!(f, "invalid duration `{}`: {reason}; {EXPECTED}", self.input)
    }
}

impl std::error::Error for DurationError {}

/// The components in their order; the index is a component's rank.
#[derive(Clone, Copy)]
enum Unit {
    Years,
    Months,
    Weeks,
    Days,
    Hours,
    Minutes,
}

impl Duration {
    /// Parses an ISO 8601 duration such as `P3Y`, `P12M`, `P1Y6M`, `P90D`, `P2W`, `PT36H` or
    /// `P1DT12H`.
    pub fn parse(s: &str) -> Result<Duration, DurationError> {
        let fail = |kind| DurationError {
            input: s.to_owned(),
            kind,
        };
        if s.is_empty() {
            return Err(fail(DurationErrorKind::Empty));
        }
        if s.starts_with('-') {
            return Err(fail(DurationErrorKind::Negative));
        }
        if s.bytes().any(|b| b.is_ascii_lowercase()) {
            // Only blame the case when upper-casing fixes it; "3 years" lacks more than capitals.
            let upper = s.to_ascii_uppercase();
            if Self::parse_strict(&upper).is_ok() {
                return Err(fail(DurationErrorKind::LowerCase {
                    suggestion: Some(upper),
                }));
            }
        }
        Self::parse_strict(s).map_err(fail)
    }

    /// Parses an upper-case text.
    fn parse_strict(s: &str) -> Result<Duration, DurationErrorKind> {
        use DurationErrorKind::*;
        let rest = s.strip_prefix('P').ok_or(MissingP)?;
        let mut d = Duration::default();
        let mut in_time = false;
        let mut rank = 0usize; // components before this rank are no longer allowed
        let mut any = false;
        let mut any_time = false;
        let mut number: Option<u32> = None;
        for c in rest.chars() {
            match c {
                '0'..='9' => {
                    let digit = c as u32 - '0' as u32;
                    let n = number.unwrap_or(0);
                    let n = n
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(digit))
                        .ok_or(Overflow)?;
                    number = Some(n);
                }
                'T' => {
                    if number.is_some() {
                        return Err(MissingDesignator);
                    }
                    if in_time {
                        return Err(OutOfOrder('T'));
                    }
                    in_time = true;
                    rank = rank.max(4);
                }
                'Y' | 'M' | 'W' | 'D' | 'H' | 'S' => {
                    let unit = match (c, in_time) {
                        ('Y', false) => Unit::Years,
                        ('M', false) => Unit::Months,
                        ('W', false) => Unit::Weeks,
                        ('D', false) => Unit::Days,
                        ('H', true) => Unit::Hours,
                        ('M', true) => Unit::Minutes,
                        ('S', true) => return Err(Seconds),
                        _ => return Err(OutOfOrder(c)),
                    };
                    let n = number.take().ok_or(MissingNumber(c))?;
                    let r = unit as usize;
                    if r < rank {
                        return Err(OutOfOrder(c));
                    }
                    rank = r + 1;
                    any = true;
                    any_time |= in_time;
                    *d.field(unit) = n;
                }
                '.' | ',' => return Err(Fraction),
                '-' => return Err(Negative),
                c => return Err(UnexpectedChar(c)),
            }
        }
        if number.is_some() {
            return Err(MissingDesignator);
        }
        if in_time && !any_time {
            return Err(if any { EmptyTime } else { NoComponent });
        }
        if !any {
            return Err(NoComponent);
        }
        Ok(d)
    }

    fn field(&mut self, unit: Unit) -> &mut u32 {
        match unit {
            Unit::Years => &mut self.years,
            Unit::Months => &mut self.months,
            Unit::Weeks => &mut self.weeks,
            Unit::Days => &mut self.days,
            Unit::Hours => &mut self.hours,
            Unit::Minutes => &mut self.minutes,
        }
    }

    /// Whether every component is zero.
    pub fn is_zero(&self) -> bool {
        *self == Duration::default()
    }

    /// The length in days, approximately (a year is 365.25 days, a month 30.4375), for ordering
    /// durations and checking that a range's minimum is below its maximum.
    pub fn approx_days(&self) -> f64 {
        f64::from(self.years) * DAYS_PER_YEAR
            + f64::from(self.months) * DAYS_PER_MONTH
            + f64::from(self.weeks) * 7.0
            + f64::from(self.days)
            + f64::from(self.hours) / 24.0
            + f64::from(self.minutes) / 1440.0
    }

    /// The duration in words: "1 year and 6 months", "36 hours"; in French "1 an et 6 mois",
    /// "36 heures". A zero duration is "0 days" / "0 jour".
    pub fn spell(&self, lang: Language) -> String {
        let parts: Vec<String> = [
            (self.years, Unit::Years),
            (self.months, Unit::Months),
            (self.weeks, Unit::Weeks),
            (self.days, Unit::Days),
            (self.hours, Unit::Hours),
            (self.minutes, Unit::Minutes),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {}", unit_word(unit, n, lang)))
        .collect();
        let and = match lang {
            Language::En => "and",
            Language::Fr => "et",
        };
        match parts.as_slice() {
            [] => format!("0 {}", unit_word(Unit::Days, 0, lang)),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
        }
    }
}

/// The unit's word for `n` of it: English is singular for 1 only, French for 0 and 1.
fn unit_word(unit: Unit, n: u32, lang: Language) -> &'static str {
    let singular = match lang {
        Language::En => n == 1,
        Language::Fr => n <= 1,
    };
    let (one, many) = match (lang, unit) {
        (Language::En, Unit::Years) => ("year", "years"),
        (Language::En, Unit::Months) => ("month", "months"),
        (Language::En, Unit::Weeks) => ("week", "weeks"),
        (Language::En, Unit::Days) => ("day", "days"),
        (Language::En, Unit::Hours) => ("hour", "hours"),
        (Language::En, Unit::Minutes) => ("minute", "minutes"),
        (Language::Fr, Unit::Years) => ("an", "ans"),
        (Language::Fr, Unit::Months) => ("mois", "mois"),
        (Language::Fr, Unit::Weeks) => ("semaine", "semaines"),
        (Language::Fr, Unit::Days) => ("jour", "jours"),
        (Language::Fr, Unit::Hours) => ("heure", "heures"),
        (Language::Fr, Unit::Minutes) => ("minute", "minutes"),
    };
    if singular { one } else { many }
}

impl fmt::Display for Duration {
    /// The canonical ISO 8601 form: zero components left out, `P0D` for a zero duration.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("P0D");
        }
        f.write_str("P")?;
        for (n, c) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if n > 0 {
                write!(f, "{n}{c}")?;
            }
        }
        if self.hours > 0 || self.minutes > 0 {
            f.write_str("T")?;
            for (n, c) in [(self.hours, 'H'), (self.minutes, 'M')] {
                if n > 0 {
                    write!(f, "{n}{c}")?;
                }
            }
        }
        Ok(())
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Duration::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DurationErrorKind::*;

    fn p(s: &str) -> Duration {
        Duration::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    fn err(s: &str) -> DurationErrorKind {
        match Duration::parse(s) {
            Ok(d) => panic!("`{s}` parsed as {d:?}"),
            Err(e) => e.kind().clone(),
        }
    }

    fn dur(years: u32, months: u32, weeks: u32, days: u32, hours: u32, minutes: u32) -> Duration {
        Duration {
            years,
            months,
            weeks,
            days,
            hours,
            minutes,
        }
    }

    #[test]
    fn parses_accepted_forms() {
        assert_eq!(p("P3Y"), dur(3, 0, 0, 0, 0, 0));
        assert_eq!(p("P12M"), dur(0, 12, 0, 0, 0, 0));
        assert_eq!(p("P1Y6M"), dur(1, 6, 0, 0, 0, 0));
        assert_eq!(p("P90D"), dur(0, 0, 0, 90, 0, 0));
        assert_eq!(p("P2W"), dur(0, 0, 2, 0, 0, 0));
        assert_eq!(p("PT36H"), dur(0, 0, 0, 0, 36, 0));
        assert_eq!(p("P1DT12H"), dur(0, 0, 0, 1, 12, 0));
        assert_eq!(p("PT30M"), dur(0, 0, 0, 0, 0, 30));
        assert_eq!(p("P1Y2M3W4DT5H6M"), dur(1, 2, 3, 4, 5, 6));
        assert_eq!(p("P0D"), Duration::default());
        assert_eq!(p("P03Y"), dur(3, 0, 0, 0, 0, 0));
        assert_eq!(p("P4294967295D").days, u32::MAX);
        assert_eq!("P3Y".parse::<Duration>(), Ok(dur(3, 0, 0, 0, 0, 0)));
    }

    #[test]
    fn month_and_minute_are_told_apart_by_t() {
        assert_eq!(p("P1M"), dur(0, 1, 0, 0, 0, 0));
        assert_eq!(p("PT1M"), dur(0, 0, 0, 0, 0, 1));
        assert_eq!(p("P1MT1M"), dur(0, 1, 0, 0, 0, 1));
    }

    #[test]
    fn rejects_malformed_forms() {
        assert_eq!(err(""), Empty);
        assert_eq!(err("P"), NoComponent);
        assert_eq!(err("PT"), NoComponent);
        assert_eq!(err("P1DT"), EmptyTime);
        assert_eq!(err("-P3Y"), Negative);
        assert_eq!(err("P-3Y"), Negative);
        assert_eq!(err("P1.5Y"), Fraction);
        assert_eq!(err("P1,5Y"), Fraction);
        assert_eq!(err("PT0.5H"), Fraction);
        assert_eq!(err("3Y"), MissingP);
        assert_eq!(err("+P3Y"), MissingP);
        assert_eq!(err(" P3Y"), MissingP);
        assert_eq!(err("P3Y "), UnexpectedChar(' '));
        assert_eq!(err("P3"), MissingDesignator);
        assert_eq!(err("P3T4H"), MissingDesignator);
        assert_eq!(err("PY"), MissingNumber('Y'));
        assert_eq!(err("PTH"), MissingNumber('H'));
        assert_eq!(err("P1D2Y"), OutOfOrder('Y'));
        assert_eq!(err("P1Y1Y"), OutOfOrder('Y'));
        assert_eq!(err("P1M1Y"), OutOfOrder('Y'));
        assert_eq!(err("P1D1W"), OutOfOrder('W'));
        assert_eq!(err("PT1M1H"), OutOfOrder('H'));
        assert_eq!(err("PT1H1H"), OutOfOrder('H'));
        assert_eq!(err("P1H"), OutOfOrder('H'));
        assert_eq!(err("PT1D"), OutOfOrder('D'));
        assert_eq!(err("PT1Y"), OutOfOrder('Y'));
        assert_eq!(err("PT1HT1M"), OutOfOrder('T'));
        assert_eq!(err("PT30S"), Seconds);
        assert_eq!(err("P1S"), OutOfOrder('S'));
        assert_eq!(err("P3X"), UnexpectedChar('X'));
        assert_eq!(err("P3Ü"), UnexpectedChar('Ü'));
        assert_eq!(err("P1年"), UnexpectedChar('年'));
        assert_eq!(err("P4294967296D"), Overflow);
        assert_eq!(err("P99999999999999999999Y"), Overflow);
        assert_eq!(err("3 years"), MissingP);
    }

    #[test]
    fn lower_case_is_rejected_with_a_suggestion() {
        assert_eq!(
            err("p3y"),
            LowerCase {
                suggestion: Some("P3Y".into())
            }
        );
        assert_eq!(
            err("P1y6M"),
            LowerCase {
                suggestion: Some("P1Y6M".into())
            }
        );
        assert_eq!(err("p"), MissingP);
        let msg = Duration::parse("p3y").unwrap_err().to_string();
        assert!(msg.contains("did you mean `P3Y`?"), "{msg}");
    }

    #[test]
    fn messages_say_what_is_expected() {
        for bad in [
            "", "P", "PT", "p3y", "-P1Y", "P1.5Y", "P3", "P1D2Y", "PT5S", "x",
        ] {
            let e = Duration::parse(bad).unwrap_err();
            let msg = e.to_string();
            assert!(
                msg.ends_with("expected an ISO 8601 duration such as P3Y, P12M or P30D"),
                "{msg}"
            );
            assert_eq!(e.input(), bad);
            if !bad.is_empty() {
                assert!(
                    msg.starts_with(&format!("invalid duration `{bad}`: ")),
                    "{msg}"
                );
            }
        }
        assert_eq!(
            Duration::parse("").unwrap_err().to_string(),
            "empty duration: expected an ISO 8601 duration such as P3Y, P12M or P30D"
        );
        assert_eq!(
            Duration::parse("P1.5Y").unwrap_err().to_string(),
            "invalid duration `P1.5Y`: fractions are not accepted, use a smaller unit (P18M, \
             not P1.5Y); expected an ISO 8601 duration such as P3Y, P12M or P30D"
        );
    }

    #[test]
    fn displays_canonical_form() {
        assert_eq!(p("P3Y").to_string(), "P3Y");
        assert_eq!(p("P03Y").to_string(), "P3Y");
        assert_eq!(p("P1Y0M").to_string(), "P1Y");
        assert_eq!(p("P1DT0H").to_string(), "P1D");
        assert_eq!(p("PT0H").to_string(), "P0D");
        assert_eq!(p("P0Y").to_string(), "P0D");
        assert_eq!(p("PT36H").to_string(), "PT36H");
        assert_eq!(p("P1DT12H").to_string(), "P1DT12H");
        assert_eq!(p("P1Y2M3W4DT5H6M").to_string(), "P1Y2M3W4DT5H6M");
        assert_eq!(Duration::default().to_string(), "P0D");
    }

    #[test]
    fn display_and_parse_round_trip() {
        let texts = [
            "P3Y",
            "P12M",
            "P1Y6M",
            "P90D",
            "P2W",
            "PT36H",
            "P1DT12H",
            "PT30M",
            "P1MT1M",
            "P1Y2M3W4DT5H6M",
            "P0D",
            "P4294967295Y",
        ];
        for text in texts {
            assert_eq!(p(text).to_string(), text);
        }
        // Every combination of present components survives display then parse.
        for mask in 0u32..64 {
            let v = |bit: u32, n: u32| if mask & (1 << bit) != 0 { n } else { 0 };
            let d = dur(v(0, 5), v(1, 11), v(2, 2), v(3, 31), v(4, 48), v(5, 90));
            assert_eq!(p(&d.to_string()), d, "{d}");
        }
    }

    #[test]
    fn approximate_days() {
        assert_eq!(p("P1Y").approx_days(), 365.25);
        assert_eq!(p("P1M").approx_days(), 30.4375);
        assert_eq!(p("P12M").approx_days(), p("P1Y").approx_days());
        assert_eq!(p("P24M").approx_days(), p("P2Y").approx_days());
        assert_eq!(p("P2W").approx_days(), 14.0);
        assert_eq!(p("PT36H").approx_days(), 1.5);
        assert_eq!(p("PT1440M").approx_days(), 1.0);
        assert_eq!(p("P0D").approx_days(), 0.0);
        assert!(p("P13M").approx_days() > p("P1Y").approx_days());
        assert!(p("P90D").approx_days() < p("P3M").approx_days());
        assert!(p("P3Y").approx_days() > p("P1Y6M").approx_days());
        assert!(p("P4294967295Y").approx_days().is_finite());
    }

    #[test]
    fn spells_in_english() {
        let en = |s: &str| p(s).spell(Language::En);
        assert_eq!(en("P3Y"), "3 years");
        assert_eq!(en("P1Y"), "1 year");
        assert_eq!(en("P1Y6M"), "1 year and 6 months");
        assert_eq!(en("PT36H"), "36 hours");
        assert_eq!(en("P12M"), "12 months");
        assert_eq!(en("P1M"), "1 month");
        assert_eq!(en("P2W"), "2 weeks");
        assert_eq!(en("P1W"), "1 week");
        assert_eq!(en("P90D"), "90 days");
        assert_eq!(en("P1D"), "1 day");
        assert_eq!(en("P1DT12H"), "1 day and 12 hours");
        assert_eq!(en("PT1H30M"), "1 hour and 30 minutes");
        assert_eq!(en("PT1M"), "1 minute");
        assert_eq!(en("P1Y2M3D"), "1 year, 2 months and 3 days");
        assert_eq!(en("P0D"), "0 days");
    }

    #[test]
    fn spells_in_french() {
        let fr = |s: &str| p(s).spell(Language::Fr);
        assert_eq!(fr("P3Y"), "3 ans");
        assert_eq!(fr("P1Y"), "1 an");
        assert_eq!(fr("P1Y6M"), "1 an et 6 mois");
        assert_eq!(fr("PT36H"), "36 heures");
        assert_eq!(fr("PT1H"), "1 heure");
        assert_eq!(fr("P12M"), "12 mois");
        assert_eq!(fr("P1M"), "1 mois");
        assert_eq!(fr("P2W"), "2 semaines");
        assert_eq!(fr("P1W"), "1 semaine");
        assert_eq!(fr("P90D"), "90 jours");
        assert_eq!(fr("P1D"), "1 jour");
        assert_eq!(fr("P1DT12H"), "1 jour et 12 heures");
        assert_eq!(fr("PT2M"), "2 minutes");
        assert_eq!(fr("P1Y2M3D"), "1 an, 2 mois et 3 jours");
        assert_eq!(fr("P0D"), "0 jour");
    }
}
