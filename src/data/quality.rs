//! Data quality checks on monthly totals: months covered, months missing
//! inside the range, and months implausibly low against their neighbours.
//!
//! **Which rows**: the rows in the counts, as every figure sees them —
//! those counted in an area plus those not allocated to one when they are
//! kept ([`Quality::of_cube`]). Rows outside the area chosen, with a code no
//! lookup knows, or rejected do not count. One rule for every front end:
//! `explorer-cli prepare`, a load on the Load data page and a published
//! counts file (which holds nothing else) all check the same totals.
//!
//! The rule for a suspect month: take the months up to
//! [`NEIGHBOUR_SPAN`] either side that have rows (missing months do not
//! count); when there are at least [`MIN_NEIGHBOURS`] of them and the month's
//! total is below [`LOW_SHARE`] (50%) of their median, the month is suspect:
//! implausibly low against its neighbours. Data may be missing (a force
//! that uploaded part of a month) or the drop may be real (a lockdown
//! month): the check cannot tell, and the words say both.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use super::cube::Cube;
use super::month::Month;

/// Months either side compared with.
pub const NEIGHBOUR_SPAN: i64 = 3;
/// Fewest neighbours with rows for a verdict.
pub const MIN_NEIGHBOURS: usize = 2;
/// A month below this share of its neighbours' median is suspect.
pub const LOW_SHARE: f64 = 0.5;

/// A month whose total is implausibly low.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SuspectMonth {
    /// The month.
    #[serde(serialize_with = "month_text")]
    pub month: Month,
    /// Its total.
    pub total: u64,
    /// The median total of its neighbours.
    pub neighbour_median: f64,
}

/// What the monthly totals say about completeness.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quality {
    /// Months with rows, in order.
    #[serde(serialize_with = "months_text")]
    pub months_covered: Vec<Month>,
    /// Months without rows between the first and the last covered.
    #[serde(serialize_with = "months_text")]
    pub months_missing: Vec<Month>,
    /// Months implausibly low against their neighbours.
    pub months_suspect: Vec<SuspectMonth>,
}

fn month_text<S: Serializer>(m: &Month, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&m.to_string())
}

fn months_text<S: Serializer>(ms: &[Month], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(ms.iter().map(Month::to_string))
}

fn median(values: &mut [u64]) -> Option<f64> {
    values.sort();
    let n = values.len();
    let mid = values.get(n / 2).copied()? as f64;
    if n % 2 == 1 {
        Some(mid)
    } else {
        Some((values.get(n / 2 - 1).copied()? as f64 + mid) / 2.0)
    }
}

impl Quality {
    /// Checks monthly totals (months absent or with 0 count as missing).
    pub fn from_month_totals(totals: &BTreeMap<Month, u64>) -> Quality {
        let covered: Vec<Month> = totals
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(&m, _)| m)
            .collect();
        let total = |m: Month| totals.get(&m).copied().unwrap_or(0);
        Quality::check(covered, &total, &|m| total(m) > 0)
    }

    /// Checks the monthly totals of a cube: its areas' counts plus the
    /// not-allocated ones it keeps (see the module docs). The months
    /// covered and missing are the cube's months with and without data
    /// ([`Cube::has_data`]): a month with data whose total is 0 is covered,
    /// and suspect when its neighbours are not.
    pub fn of_cube(cube: &Cube) -> Quality {
        let totals: Vec<u64> = (0..cube.month_count())
            .map(|mi| {
                let unallocated: u64 = cube
                    .unallocated_month(mi)
                    .iter()
                    .map(|&c| u64::from(c))
                    .sum();
                let areas: u64 = (0..cube.areas().len())
                    .map(|a| {
                        cube.area_month(a, mi)
                            .iter()
                            .map(|&c| u64::from(c))
                            .sum::<u64>()
                    })
                    .sum();
                unallocated + areas
            })
            .collect();
        let index = |m: Month| usize::try_from(cube.first_month().months_until(m)).ok();
        let total = |m: Month| index(m).and_then(|i| totals.get(i)).copied().unwrap_or(0);
        let has_data = |m: Month| cube.month_index(m).is_some_and(|i| cube.has_data(i));
        let covered = cube.months().filter(|&m| has_data(m)).collect();
        Quality::check(covered, &total, &has_data)
    }

    /// Checks a contiguous monthly series starting at `first` (the browser's
    /// cube; no map needed).
    pub fn from_series(first: Month, totals: &[u64]) -> Quality {
        let at = |m: Month| {
            usize::try_from(first.months_until(m))
                .ok()
                .and_then(|i| totals.get(i))
                .copied()
                .unwrap_or(0)
        };
        let covered: Vec<Month> = (0..totals.len())
            .filter_map(|i| first.offset(i as i64))
            .filter(|&m| at(m) > 0)
            .collect();
        Quality::check(covered, &at, &|m| at(m) > 0)
    }

    /// Months without data between the first and last `covered` are
    /// missing; a month with data is suspect when its `total` is under
    /// [`LOW_SHARE`] of the median of its neighbours with data.
    fn check(
        covered: Vec<Month>,
        total: &dyn Fn(Month) -> u64,
        has_data: &dyn Fn(Month) -> bool,
    ) -> Quality {
        let mut quality = Quality::default();
        let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
            return quality;
        };
        let span = first.months_until(last);
        for i in 0..=span {
            let Some(month) = first.offset(i) else {
                continue;
            };
            if !has_data(month) {
                quality.months_missing.push(month);
                continue;
            }
            let t = total(month);
            let mut around: Vec<u64> = (-NEIGHBOUR_SPAN..=NEIGHBOUR_SPAN)
                .filter(|&d| d != 0)
                .filter_map(|d| month.offset(d))
                .filter(|&m| has_data(m))
                .map(total)
                .collect();
            if around.len() < MIN_NEIGHBOURS {
                continue;
            }
            if let Some(med) = median(&mut around) {
                if (t as f64) < LOW_SHARE * med {
                    quality.months_suspect.push(SuspectMonth {
                        month,
                        total: t,
                        neighbour_median: med,
                    });
                }
            }
        }
        quality.months_covered = covered;
        quality
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn finds_gaps_and_low_months() {
        let mut t = BTreeMap::new();
        for (s, n) in [
            ("2024-01", 100),
            ("2024-02", 110),
            ("2024-03", 40),
            ("2024-05", 90),
            ("2024-06", 95),
        ] {
            t.insert(m(s), n);
        }
        let q = Quality::from_month_totals(&t);
        assert_eq!(q.months_covered.len(), 5);
        assert_eq!(q.months_missing, vec![m("2024-04")]);
        // 2024-03: neighbours 100, 110, 90, 95 → median 97.5; 40 < 48.75.
        assert_eq!(q.months_suspect.len(), 1);
        assert_eq!(q.months_suspect[0].month, m("2024-03"));
        assert_eq!(q.months_suspect[0].neighbour_median, 97.5);
        let json = serde_json::to_string(&q).unwrap();
        assert!(json.contains("\"months_missing\":[\"2024-04\"]"), "{json}");
    }

    #[test]
    fn half_of_the_median_is_not_suspect_and_lone_months_get_no_verdict() {
        let mut t = BTreeMap::new();
        t.insert(m("2024-01"), 100);
        t.insert(m("2024-02"), 50);
        t.insert(m("2024-03"), 100);
        assert!(Quality::from_month_totals(&t).months_suspect.is_empty());
        let mut far = BTreeMap::new();
        far.insert(m("2020-01"), 100);
        far.insert(m("2024-01"), 1);
        let q = Quality::from_month_totals(&far);
        assert!(q.months_suspect.is_empty());
        assert_eq!(q.months_missing.len(), 47);
    }

    #[test]
    fn a_cube_s_months_without_data_are_missing_and_a_zero_month_with_data_is_suspect() {
        let mut b = crate::data::CubeBuilder::new();
        for (month, n) in [
            ("2024-01", 90),
            ("2024-02", 100),
            ("2024-03", 0),
            ("2024-05", 95),
        ] {
            b.add(Some("W1"), m(month), "Drugs", n);
        }
        let q = Quality::of_cube(&b.build().unwrap());
        assert_eq!(q.months_missing, vec![m("2024-04")], "April had no rows");
        assert_eq!(q.months_covered.len(), 4, "March had a row of 0");
        assert_eq!(q.months_suspect.len(), 1);
        assert_eq!(
            (q.months_suspect[0].month, q.months_suspect[0].total),
            (m("2024-03"), 0)
        );
    }
}
