//! Which months of a period pair have no data, and the rule for comparing
//! periods that have gaps.
//!
//! **The rule: compare only whole periods.** When either period of a pair
//! has a month without data (see [`Cube`]), its counts are still shown —
//! they are true counts of the months that have data — but said to be
//! incomplete, and nothing compares the two periods: no change, no %
//! change, no significance test or verdict, no "rose"/"fell" sentence, in
//! the pages, the embeds and the CLI alike. (Comparing only the months
//! both periods have would compare July with July inside periods labelled
//! as years; withholding cannot mislead.) Rankings within one period stay,
//! with the gap stated: every area misses the same months.

use crate::data::{Cube, Month};

use super::period::{Period, PeriodPair};

/// The months without data of each period of a pair, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Months of the current period with no data.
    pub current: Vec<Month>,
    /// Months of the previous period with no data.
    pub previous: Vec<Month>,
}

impl Coverage {
    /// The months of `pair` that `cube` has no data for (a month outside
    /// the cube's range has none).
    pub fn of(cube: &Cube, pair: &PeriodPair) -> Coverage {
        Coverage {
            current: missing_in(cube, pair.current),
            previous: missing_in(cube, pair.previous),
        }
    }

    /// True when every month of both periods has data: the periods may be
    /// compared.
    pub fn is_complete(&self) -> bool {
        self.current.is_empty() && self.previous.is_empty()
    }
}

/// The months of `period` without data in `cube`.
pub fn missing_in(cube: &Cube, period: Period) -> Vec<Month> {
    period_months(period)
        .filter(|&m| cube.month_index(m).is_none_or(|mi| !cube.has_data(mi)))
        .collect()
}

/// Every month of `period`, in order.
pub fn period_months(period: Period) -> impl Iterator<Item = Month> {
    (0..i64::from(period.months())).filter_map(move |i| period.start.offset(i))
}

/// Months as runs of consecutive months, e.g. `Aug 2017 – Jun 2018`,
/// `Jan 2025`, joined with commas.
pub fn month_runs(months: &[Month]) -> String {
    let mut runs: Vec<Period> = Vec::new();
    for &m in months {
        match runs.last_mut() {
            Some(run) if run.end.offset(1) == Some(m) => run.end = m,
            _ => runs.push(Period { start: m, end: m }),
        }
    }
    runs.iter()
        .map(Period::label)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::CubeBuilder;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn pair(current: &str, previous: &str) -> PeriodPair {
        PeriodPair {
            current: Period::parse(current).unwrap(),
            previous: Period::parse(previous).unwrap(),
        }
    }

    /// Three Julys, as the West Yorkshire files give them.
    fn julys() -> Cube {
        let mut b = CubeBuilder::new();
        for (month, n) in [("2016-07", 5), ("2017-07", 6), ("2018-07", 7)] {
            b.add(Some("A"), m(month), "Drugs", n);
        }
        b.build().unwrap()
    }

    #[test]
    fn the_months_between_three_julys_have_no_data() {
        let cube = julys();
        let c = Coverage::of(&cube, &pair("2017-08..2018-07", "2016-08..2017-07"));
        assert_eq!(c.current.len(), 11);
        assert_eq!(c.previous.len(), 11);
        assert_eq!((c.current[0], c.current[10]), (m("2017-08"), m("2018-06")));
        assert!(!c.is_complete());
        assert_eq!(month_runs(&c.current), "Aug 2017 – Jun 2018");
        let july = Coverage::of(&cube, &pair("2018-07..2018-07", "2017-07..2017-07"));
        assert!(july.is_complete());
    }

    #[test]
    fn runs_are_split_at_gaps() {
        let ms = [
            m("2024-01"),
            m("2024-02"),
            m("2024-04"),
            m("2024-12"),
            m("2025-01"),
        ];
        assert_eq!(
            month_runs(&ms),
            "Jan 2024 – Feb 2024, Apr 2024, Dec 2024 – Jan 2025"
        );
        assert_eq!(month_runs(&[]), "");
    }
}
