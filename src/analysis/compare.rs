//! Period comparisons: previous, current, change, % change, share and a
//! significance verdict, for any selection and any area or the whole.

use crate::data::{Cube, Dataset};

use super::coverage::Coverage;
use super::period::{Period, PeriodError, PeriodPair};
use super::selection::Selection;
use super::stats::{self, RateRatioTest, Verdict};

/// Where to count: the whole dataset (including rows not allocated to any
/// area) or one area by its index on the cube's area axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every count in the dataset.
    Whole,
    /// One area (cube area index).
    Area(usize),
}

/// The sum of the counts of the categories in `mask` over `period`.
/// Months outside the cube count as zero: check the period first.
pub fn period_total(cube: &Cube, scope: Scope, mask: &[bool], period: Period) -> u64 {
    let mut total = 0u64;
    let mut month = period.start;
    while month <= period.end {
        if let Some(mi) = cube.month_index(month) {
            total += match scope {
                Scope::Whole => {
                    let mut t = sum_masked(cube.unallocated_month(mi), mask);
                    for a in 0..cube.areas().len() {
                        t += sum_masked(cube.area_month(a, mi), mask);
                    }
                    t
                }
                Scope::Area(a) => sum_masked(cube.area_month(a, mi), mask),
            };
        }
        match month.offset(1) {
            Some(next) => month = next,
            None => break,
        }
    }
    total
}

/// Sum of `values[i]` where `mask[i]`.
pub fn sum_masked(values: &[u32], mask: &[bool]) -> u64 {
    values
        .iter()
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|(&v, _)| u64::from(v))
        .sum()
}

/// One comparison of two periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What was counted.
    pub selection: Selection,
    /// The count in the previous period.
    pub previous: u64,
    /// The count in the current period.
    pub current: u64,
    /// `current − previous`.
    pub change: i64,
    /// Percentage change; `None` when the previous count is 0.
    pub pct_change: Option<f64>,
    /// The current count as a % of all crime in the same scope and period;
    /// `None` for anti-social behaviour (not crime) or when there is no crime.
    pub share_pct: Option<f64>,
    /// The exact test of the change and the rate-ratio interval.
    pub test: RateRatioTest,
    /// Significant increase, decrease or no significant change; or not
    /// compared, when a period has months without data (then `change` and
    /// `pct_change` are not shown either, and `test` is untested).
    pub verdict: Verdict,
    /// The months of each period without data for this selection.
    pub coverage: Coverage,
}

impl Comparison {
    /// True when the two periods are compared (both whole): change, %
    /// change and verdict may be shown.
    pub fn is_compared(&self) -> bool {
        self.verdict != Verdict::NotCompared
    }
}

/// Compares `selection` over the two periods of `pair` for `scope`.
pub fn compare(
    ds: &Dataset,
    scope: Scope,
    selection: &Selection,
    pair: &PeriodPair,
) -> Result<Comparison, PeriodError> {
    let cube = &ds.cube;
    pair.check_within(cube.first_month(), cube.last_month())?;
    let mask = selection.mask(&ds.categories);
    let previous = period_total(cube, scope, &mask, pair.previous);
    let current = period_total(cube, scope, &mask, pair.current);
    let all_mask = Selection::AllCrime.mask(&ds.categories);
    // What is not crime has no share of all crime.
    let all_current = if selection.is_crime(&ds.categories) {
        period_total(cube, scope, &all_mask, pair.current)
    } else {
        0
    };
    Ok(comparison_from_counts(
        selection.clone(),
        previous,
        current,
        all_current,
        pair,
        Coverage::of(cube, pair, &mask),
    ))
}

/// Builds a comparison from counts already summed (`all_current` is all
/// crime in the current period, for the share). `coverage` gives the
/// months of each period without data; when there are any, the verdict is
/// [`Verdict::NotCompared`] and nothing is tested.
pub fn comparison_from_counts(
    selection: Selection,
    previous: u64,
    current: u64,
    all_current: u64,
    pair: &PeriodPair,
    coverage: Coverage,
) -> Comparison {
    let change = current as i64 - previous as i64;
    let pct_change = (previous > 0).then(|| change as f64 / previous as f64 * 100.0);
    let share_pct = (selection != Selection::Asb && all_current > 0)
        .then(|| current as f64 / all_current as f64 * 100.0);
    let (test, verdict) = if coverage.is_complete() {
        stats::verdict(
            previous,
            current,
            pair.previous.months(),
            pair.current.months(),
        )
    } else {
        (stats::rate_ratio_test(0, 0, 0, 0), Verdict::NotCompared)
    };
    Comparison {
        selection,
        previous,
        current,
        change,
        pct_change,
        share_pct,
        test,
        verdict,
        coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Area, Categories, CubeBuilder, Month};

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    /// Two wards, two categories, Jan–Apr 2024, plus unallocated rows.
    fn fixture() -> Dataset {
        let mut b = CubeBuilder::new();
        for (area, month, cat, n) in [
            (Some("W1"), "2024-01", "Burglary", 10),
            (Some("W1"), "2024-02", "Burglary", 4),
            (Some("W2"), "2024-03", "Burglary", 30),
            (Some("W2"), "2024-04", "Anti-social behaviour", 50),
            (Some("W1"), "2024-04", "Drugs", 6),
            (None, "2024-03", "Drugs", 5),
        ] {
            b.add(area, m(month), cat, n);
        }
        let areas = vec![Area::named("W1", "One"), Area::named("W2", "Two")];
        Dataset::new(b.build().unwrap(), areas, &Categories::default())
    }

    #[test]
    fn whole_and_area_comparisons_by_hand() {
        let ds = fixture();
        let pair = PeriodPair {
            previous: Period::parse("2024-01..2024-02").unwrap(),
            current: Period::parse("2024-03..2024-04").unwrap(),
        };
        // Whole, all crime: previous 10 + 4 = 14; current 30 + 6 + 5 (unallocated) = 41.
        let c = compare(&ds, Scope::Whole, &Selection::AllCrime, &pair).unwrap();
        assert_eq!((c.previous, c.current, c.change), (14, 41, 27));
        assert!((c.pct_change.unwrap() - 27.0 / 14.0 * 100.0).abs() < 1e-9);
        assert_eq!(c.share_pct, Some(100.0));
        // Ward W1 burglary: 14 → 0.
        let w1 = ds.cube.area_index("W1").unwrap();
        let c = compare(
            &ds,
            Scope::Area(w1),
            &Selection::Category("Burglary".into()),
            &pair,
        )
        .unwrap();
        assert_eq!((c.previous, c.current, c.pct_change), (14, 0, Some(-100.0)));
        // Ward W1 drugs: share of W1's all crime in Mar–Apr = 6 / 6.
        let c = compare(
            &ds,
            Scope::Area(w1),
            &Selection::Category("Drugs".into()),
            &pair,
        )
        .unwrap();
        assert_eq!(
            (c.previous, c.current, c.pct_change, c.share_pct),
            (0, 6, None, Some(100.0))
        );
        // ASB is not crime: no share.
        let c = compare(&ds, Scope::Whole, &Selection::Asb, &pair).unwrap();
        assert_eq!((c.current, c.share_pct), (50, None));
    }

    #[test]
    fn periods_with_months_without_data_are_not_compared() {
        // Jan and Mar 2024 have rows; Feb has none.
        let mut b = CubeBuilder::new();
        b.add(Some("W1"), m("2024-01"), "Burglary", 40);
        b.add(Some("W1"), m("2024-03"), "Burglary", 90);
        let ds = Dataset::new(b.build().unwrap(), Vec::new(), &Categories::default());
        let gap = PeriodPair {
            previous: Period::parse("2024-01..2024-01").unwrap(),
            current: Period::parse("2024-02..2024-03").unwrap(),
        };
        let c = compare(&ds, Scope::Whole, &Selection::AllCrime, &gap).unwrap();
        assert_eq!((c.previous, c.current), (40, 90), "counts stay");
        assert_eq!(c.verdict, Verdict::NotCompared);
        assert!(!c.is_compared());
        assert_eq!((c.test.p_value, c.test.rr_low), (1.0, None));
        let whole = PeriodPair {
            previous: Period::parse("2024-01..2024-01").unwrap(),
            current: Period::parse("2024-03..2024-03").unwrap(),
        };
        let c = compare(&ds, Scope::Whole, &Selection::AllCrime, &whole).unwrap();
        assert_eq!(
            c.verdict,
            Verdict::SignificantIncrease,
            "40 → 90 in a month"
        );
    }

    #[test]
    fn a_period_outside_the_data_is_an_error() {
        let ds = fixture();
        let pair = PeriodPair {
            previous: Period::parse("2023-12..2024-01").unwrap(),
            current: Period::parse("2024-02..2024-03").unwrap(),
        };
        assert!(compare(&ds, Scope::Whole, &Selection::AllCrime, &pair).is_err());
    }
}
