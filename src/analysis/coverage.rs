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
//!
//! A dataset may hold several sources (police.uk's records and a
//! council's), each with its own months with data: the months without data
//! of a selection are those where a source of any of its categories has
//! none.

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
    /// The months of `pair` that `cube` has no data for, for the
    /// categories in `mask` (a month outside the cube's range has none).
    pub fn of(cube: &Cube, pair: &PeriodPair, mask: &[bool]) -> Coverage {
        Coverage {
            current: missing_in(cube, pair.current, mask),
            previous: missing_in(cube, pair.previous, mask),
        }
    }

    /// True when every month of both periods has data: the periods may be
    /// compared.
    pub fn is_complete(&self) -> bool {
        self.current.is_empty() && self.previous.is_empty()
    }
}

/// The sources of the categories in `mask` (every source when it selects
/// none).
pub fn sources_of(cube: &Cube, mask: &[bool]) -> Vec<usize> {
    sources_in(cube.sources_of_categories(), mask, cube.source_count())
}

/// The sources (of `count`) of the categories in `mask`, given each
/// category's source: every source when it selects none.
pub fn sources_in(source_of: &[usize], mask: &[bool], count: usize) -> Vec<usize> {
    let mut out: Vec<usize> = source_of
        .iter()
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|(&s, _)| s)
        .collect();
    if out.is_empty() {
        out = (0..count).collect();
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// True when the month at axis index `month` has data of every source of
/// the categories in `mask`.
pub fn has_data_for(cube: &Cube, month: usize, mask: &[bool]) -> bool {
    sources_of(cube, mask)
        .into_iter()
        .all(|s| cube.source_has_data(s, month))
}

/// The months of `period` without data in `cube` for `mask`.
pub fn missing_in(cube: &Cube, period: Period, mask: &[bool]) -> Vec<Month> {
    let sources = sources_of(cube, mask);
    period_months(period)
        .filter(|&m| {
            cube.month_index(m)
                .is_none_or(|mi| sources.iter().any(|&s| !cube.source_has_data(s, mi)))
        })
        .collect()
}

/// Every month of `period`, in order.
pub fn period_months(period: Period) -> impl Iterator<Item = Month> {
    (0..i64::from(period.months())).filter_map(move |i| period.start.offset(i))
}

/// Months as runs of consecutive months, e.g. `Aug 2017 – Jun 2018`,
/// `Jan 2025`, joined with commas.
pub fn month_runs(months: &[Month], w: &crate::i18n::Words) -> String {
    let mut runs: Vec<Period> = Vec::new();
    for &m in months {
        match runs.last_mut() {
            Some(run) if run.end.offset(1) == Some(m) => run.end = m,
            _ => runs.push(Period { start: m, end: m }),
        }
    }
    runs.iter()
        .map(|p| p.label_in(w))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::CubeBuilder;
    use crate::i18n::english as en;

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
        let all = [true];
        let c = Coverage::of(&cube, &pair("2017-08..2018-07", "2016-08..2017-07"), &all);
        assert_eq!(c.current.len(), 11);
        assert_eq!(c.previous.len(), 11);
        assert_eq!((c.current[0], c.current[10]), (m("2017-08"), m("2018-06")));
        assert!(!c.is_complete());
        assert_eq!(month_runs(&c.current, en()), "Aug 2017 – Jun 2018");
        let july = Coverage::of(&cube, &pair("2018-07..2018-07", "2017-07..2017-07"), &all);
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
            month_runs(&ms, en()),
            "Jan 2024 – Feb 2024, Apr 2024, Dec 2024 – Jan 2025"
        );
        assert_eq!(month_runs(&[], en()), "");
    }

    #[test]
    fn each_source_has_its_own_months() {
        // Police Jan to Mar, a council's series Feb to Apr.
        let mut police = CubeBuilder::new();
        for month in ["2024-01", "2024-02", "2024-03"] {
            police.add(Some("A"), m(month), "Drugs", 1);
        }
        let mut council = CubeBuilder::new();
        for month in ["2024-02", "2024-03", "2024-04"] {
            council.add(Some("A"), m(month), "Council ASB", 1);
        }
        let cube = police.build().unwrap().beside(&council.build().unwrap());
        let p = pair("2024-03..2024-04", "2024-01..2024-02");
        let drugs = Coverage::of(&cube, &p, &[true, false]);
        assert_eq!(
            (drugs.current, drugs.previous),
            (vec![m("2024-04")], vec![])
        );
        let council = Coverage::of(&cube, &p, &[false, true]);
        assert_eq!(
            (council.current, council.previous),
            (vec![], vec![m("2024-01")])
        );
        let both = Coverage::of(&cube, &p, &[true, true]);
        assert_eq!((both.current.len(), both.previous.len()), (1, 1));
        assert!(has_data_for(&cube, 1, &[true, true]));
        assert!(!has_data_for(&cube, 0, &[false, true]));
    }
}
