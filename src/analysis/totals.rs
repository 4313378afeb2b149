//! Per-area, per-category totals of both periods of a pair: the input of
//! comparison tables, rankings, rates and deprivation, so that a control
//! change costs one pass, not one per row. Each period's count is the
//! difference of two of the cube's running totals (see
//! [`Cube::running_totals`]), so the pass reads four rows per area
//! whatever the periods' lengths.

use std::ops::Range;

use crate::data::Cube;

use super::compare::{sum_masked, Scope};
use super::coverage::{sources_in, Coverage};
use super::period::{Period, PeriodPair};

/// Which period of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// The comparison (earlier) period.
    Previous,
    /// The period being looked at.
    Current,
}

/// Totals by area and category for the two periods of a pair. Integer
/// counts, summed exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodTotals {
    /// The pair the totals are for.
    pub pair: PeriodPair,
    /// The months of each period without data, by source (see
    /// [`coverage`](Self::coverage)).
    missing: Vec<Coverage>,
    /// The source of each category.
    source_of: Vec<usize>,
    categories: usize,
    /// `previous[area * categories + category]`.
    previous: Vec<u64>,
    /// `current[area * categories + category]`.
    current: Vec<u64>,
    /// Not allocated to any area, one per category.
    unallocated_previous: Vec<u64>,
    unallocated_current: Vec<u64>,
    /// Everything (areas and not allocated), one per category.
    whole_previous: Vec<u64>,
    whole_current: Vec<u64>,
}

impl PeriodTotals {
    /// Sums the cube over both periods of `pair`. Months outside the
    /// cube's range have no data: they add nothing and are listed in
    /// [`coverage`](Self::coverage), so the periods are not compared.
    /// (Pages and the CLI refuse a period the user asks for outside the
    /// data before this; the default pair of a dataset with one month of
    /// data reaches one month before it.)
    pub fn new(cube: &Cube, pair: &PeriodPair) -> PeriodTotals {
        let k = cube.categories().len();
        let prev_months = month_range(cube, pair.previous);
        let cur_months = month_range(cube, pair.current);
        let (previous, current) = match cube.running_totals() {
            Some(running) => by_running_totals(cube, running, &prev_months, &cur_months),
            None => month_by_month(cube, &prev_months, &cur_months),
        };
        let unallocated = |months: Range<usize>| {
            let mut sums = vec![0u64; k];
            for mi in months {
                add_into(&mut sums, cube.unallocated_month(mi));
            }
            sums
        };
        let unallocated_previous = unallocated(prev_months);
        let unallocated_current = unallocated(cur_months);
        let whole = |per_area: &[u64], unallocated: &[u64]| {
            let mut w = unallocated.to_vec();
            for area in per_area.chunks_exact(k.max(1)) {
                for (acc, &v) in w.iter_mut().zip(area) {
                    *acc += v;
                }
            }
            w
        };
        PeriodTotals {
            pair: *pair,
            missing: (0..cube.source_count())
                .map(|s| {
                    let mask: Vec<bool> = cube
                        .sources_of_categories()
                        .iter()
                        .map(|&x| x == s)
                        .collect();
                    Coverage::of(cube, pair, &mask)
                })
                .collect(),
            source_of: cube.sources_of_categories().to_vec(),
            categories: k,
            whole_previous: whole(&previous, &unallocated_previous),
            whole_current: whole(&current, &unallocated_current),
            previous,
            current,
            unallocated_previous,
            unallocated_current,
        }
    }

    /// The months of each period without data for the categories in
    /// `mask` (those of any of their sources): when there are any, the
    /// periods are not compared (see [`super::coverage`]).
    pub fn coverage(&self, mask: &[bool]) -> Coverage {
        let mut out = Coverage::default();
        for s in sources_in(&self.source_of, mask, self.missing.len()) {
            out.current.extend_from_slice(&self.missing[s].current);
            out.previous.extend_from_slice(&self.missing[s].previous);
        }
        for months in [&mut out.current, &mut out.previous] {
            months.sort_unstable();
            months.dedup();
        }
        out
    }

    /// Number of areas (the cube's area axis).
    pub fn area_count(&self) -> usize {
        self.previous
            .len()
            .checked_div(self.categories)
            .unwrap_or(0)
    }

    /// Totals per category for one area (an index of the cube's areas).
    pub fn area(&self, area: usize, which: Which) -> &[u64] {
        let k = self.categories;
        let all = match which {
            Which::Previous => &self.previous,
            Which::Current => &self.current,
        };
        &all[area * k..area * k + k]
    }

    /// Totals per category not allocated to any area.
    pub fn unallocated(&self, which: Which) -> &[u64] {
        match which {
            Which::Previous => &self.unallocated_previous,
            Which::Current => &self.unallocated_current,
        }
    }

    /// Totals per category for the whole dataset (not allocated included).
    pub fn whole(&self, which: Which) -> &[u64] {
        match which {
            Which::Previous => &self.whole_previous,
            Which::Current => &self.whole_current,
        }
    }

    /// Totals per category for a scope.
    pub fn scope(&self, scope: Scope, which: Which) -> &[u64] {
        match scope {
            Scope::Whole => self.whole(which),
            Scope::Area(a) => self.area(a, which),
        }
    }

    /// The total of the categories in `mask` for a scope.
    pub fn total(&self, scope: Scope, mask: &[bool], which: Which) -> u64 {
        sum_u64_masked(self.scope(scope, which), mask)
    }

    /// The total of the categories in `mask` for every area, in cube order.
    pub fn per_area(&self, mask: &[bool], which: Which) -> Vec<u64> {
        (0..self.area_count())
            .map(|a| sum_u64_masked(self.area(a, which), mask))
            .collect()
    }
}

/// Both periods' per-area, per-category totals (`[area * categories +
/// category]`) as differences of the cube's running totals: two rows per
/// area and period, whatever the periods' lengths.
fn by_running_totals(
    cube: &Cube,
    running: &[u32],
    previous: &Range<usize>,
    current: &Range<usize>,
) -> (Vec<u64>, Vec<u64>) {
    let (k, areas) = (cube.categories().len(), cube.areas().len());
    // Month-major: the running totals of month `mi` for area `a`.
    let row = |a: usize, mi: usize| {
        let start = (mi * areas + a) * k;
        &running[start..start + k]
    };
    let difference = |acc: &mut [u64], a: usize, months: &Range<usize>| {
        if months.is_empty() {
            return;
        }
        let end = row(a, months.end - 1);
        match months.start.checked_sub(1) {
            Some(before) => {
                for ((t, &e), &b) in acc.iter_mut().zip(end).zip(row(a, before)) {
                    *t = u64::from(e.wrapping_sub(b));
                }
            }
            None => add_into(acc, end),
        }
    };
    per_area(cube, |a, prev, cur| {
        difference(prev, a, previous);
        difference(cur, a, current);
    })
}

/// Both periods' per-area, per-category totals summed month by month
/// (when a running total would not fit in a `u32`).
fn month_by_month(
    cube: &Cube,
    previous: &Range<usize>,
    current: &Range<usize>,
) -> (Vec<u64>, Vec<u64>) {
    per_area(cube, |a, prev, cur| {
        for mi in previous.clone() {
            add_into(prev, cube.area_month(a, mi));
        }
        for mi in current.clone() {
            add_into(cur, cube.area_month(a, mi));
        }
    })
}

/// Both periods' per-area, per-category totals, each area's filled in by
/// `fill(area, previous, current)`.
fn per_area(
    cube: &Cube,
    mut fill: impl FnMut(usize, &mut [u64], &mut [u64]),
) -> (Vec<u64>, Vec<u64>) {
    let (k, areas) = (cube.categories().len(), cube.areas().len());
    let mut previous = vec![0u64; areas * k];
    let mut current = vec![0u64; areas * k];
    for (a, (prev, cur)) in previous
        .chunks_exact_mut(k.max(1))
        .zip(current.chunks_exact_mut(k.max(1)))
        .enumerate()
    {
        fill(a, prev, cur);
    }
    (previous, current)
}

/// Sum of `values[i]` where `mask[i]`.
pub fn sum_u64_masked(values: &[u64], mask: &[bool]) -> u64 {
    values
        .iter()
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|(&v, _)| v)
        .sum()
}

/// The cube's month indices inside `period` (empty when none are).
fn month_range(cube: &Cube, period: Period) -> Range<usize> {
    let months = cube.month_count() as i64;
    let first = cube.first_month();
    let start = first.months_until(period.start).clamp(0, months);
    let end = (first.months_until(period.end) + 1).clamp(0, months);
    start as usize..end.max(start) as usize
}

fn add_into(acc: &mut [u64], values: &[u32]) {
    for (a, &v) in acc.iter_mut().zip(values) {
        *a += u64::from(v);
    }
}

/// Per-month, per-category totals of the whole dataset, summed once per
/// dataset so that a trend for any selection costs months × categories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthlyWhole {
    categories: usize,
    /// `totals[month * categories + category]`.
    totals: Vec<u64>,
}

impl MonthlyWhole {
    /// Sums every month of the cube (areas and not allocated).
    pub fn new(cube: &Cube) -> MonthlyWhole {
        let k = cube.categories().len();
        let months = cube.month_count();
        let mut totals = vec![0u64; months * k];
        for (mi, row) in totals.chunks_exact_mut(k.max(1)).enumerate() {
            add_into(row, cube.unallocated_month(mi));
        }
        for a in 0..cube.areas().len() {
            for (mi, row) in totals.chunks_exact_mut(k.max(1)).enumerate() {
                add_into(row, cube.area_month(a, mi));
            }
        }
        MonthlyWhole {
            categories: k,
            totals,
        }
    }

    /// The total of the categories in `mask` in each month, in order.
    pub fn series(&self, mask: &[bool]) -> Vec<u64> {
        self.totals
            .chunks_exact(self.categories.max(1))
            .map(|row| sum_u64_masked(row, mask))
            .collect()
    }
}

/// The total of `mask` in each month for one area (cube index), in order.
pub fn area_series(cube: &Cube, area: usize, mask: &[bool]) -> Vec<u64> {
    (0..cube.month_count())
        .map(|mi| sum_masked(cube.area_month(area, mi), mask))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Selection;
    use crate::data::{Categories, CubeBuilder, Month};

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn one_pass_totals_match_hand_sums() {
        let mut b = CubeBuilder::new().with_categories(["Burglary", "Drugs"]);
        b.add(Some("A"), m("2024-01"), "Burglary", 3);
        b.add(Some("A"), m("2024-02"), "Drugs", 4);
        b.add(Some("B"), m("2024-03"), "Burglary", 5);
        b.add(None, m("2024-04"), "Drugs", 7);
        let cube = b.build().unwrap();
        let pair = PeriodPair {
            previous: Period::parse("2024-01..2024-02").unwrap(),
            current: Period::parse("2024-03..2024-04").unwrap(),
        };
        let t = PeriodTotals::new(&cube, &pair);
        assert_eq!(t.area(0, Which::Previous), &[3, 4]);
        assert_eq!(t.area(1, Which::Current), &[5, 0]);
        assert_eq!(t.whole(Which::Current), &[5, 7], "not allocated included");
        assert_eq!(t.unallocated(Which::Previous), &[0, 0]);
        let cats = Categories::default();
        let ds = crate::data::Dataset::new(cube.clone(), Vec::new(), &cats);
        let mask = Selection::AllCrime.mask(&ds.categories);
        assert_eq!(t.per_area(&mask, Which::Previous), vec![7, 0]);
        let whole = MonthlyWhole::new(&cube);
        assert_eq!(whole.series(&mask), vec![3, 4, 5, 7]);
        assert_eq!(area_series(&cube, 1, &mask), vec![0, 0, 5, 0]);
        let outside = PeriodPair {
            previous: Period::parse("2023-12..2024-01").unwrap(),
            current: pair.current,
        };
        // Dec 2023 is outside the data: it has none, and is said so.
        let t = PeriodTotals::new(&cube, &outside);
        assert_eq!(t.coverage(&mask).previous, vec!["2023-12".parse().unwrap()]);
        assert_eq!(t.per_area(&mask, Which::Previous), vec![3, 0]);
        let far = PeriodPair {
            previous: Period::parse("2020-01..2020-02").unwrap(),
            current: pair.current,
        };
        let t = PeriodTotals::new(&cube, &far);
        assert_eq!(t.per_area(&mask, Which::Previous), vec![0, 0]);
        assert_eq!(t.coverage(&mask).previous.len(), 2);
    }

    #[test]
    fn running_totals_agree_with_month_by_month_sums() {
        // Deterministic pseudo-random counts; every period pair of a
        // 7-month cube, checked against `period_total` (month by month).
        let names = ["Burglary", "Drugs", "Robbery"];
        let mut b = CubeBuilder::new().with_categories(names);
        let mut seed = 12_345u64;
        for area in ["A", "B", "C"] {
            for month in 1..=7 {
                for name in names {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    b.add(Some(area), m(&format!("2024-{month:02}")), name, seed >> 60);
                }
            }
        }
        b.add(None, m("2024-05"), "Drugs", 9);
        let cube = b.build().unwrap();
        assert!(cube.running_totals().is_some());
        let cats = Categories::default();
        let ds = crate::data::Dataset::new(cube.clone(), Vec::new(), &cats);
        let months: Vec<Month> = cube.months().collect();
        for (i, &s1) in months.iter().enumerate() {
            for &e1 in &months[i..] {
                let previous = Period::new(s1, e1).unwrap();
                let current = Period::new(months[6 - i], months[6]).unwrap();
                let t = PeriodTotals::new(&cube, &PeriodPair { previous, current });
                for (c, cat) in names.iter().enumerate() {
                    let mask = Selection::Category(cat.to_string()).mask(&ds.categories);
                    let ci = ds.categories.index_of(cat).unwrap();
                    for a in 0..3 {
                        let scope = super::Scope::Area(a);
                        let by_month = crate::analysis::compare::period_total;
                        assert_eq!(
                            t.area(a, Which::Previous)[c],
                            by_month(&cube, scope, &mask, previous)
                        );
                        assert_eq!(
                            t.area(a, Which::Current)[c],
                            by_month(&cube, scope, &mask, current)
                        );
                    }
                    let whole = crate::analysis::compare::period_total(
                        &cube,
                        super::Scope::Whole,
                        &mask,
                        current,
                    );
                    assert_eq!(t.whole(Which::Current)[ci], whole);
                }
            }
        }
    }

    #[test]
    fn totals_past_u32_are_summed_month_by_month() {
        // A running total would pass u32::MAX: the months are summed in u64.
        let mut b = CubeBuilder::new().with_categories(["Drugs"]);
        b.add(Some("A"), m("2024-01"), "Drugs", u64::from(u32::MAX));
        b.add(Some("A"), m("2024-02"), "Drugs", 2);
        b.add(Some("A"), m("2024-03"), "Drugs", u64::from(u32::MAX));
        let cube = b.build().unwrap();
        assert_eq!(cube.running_totals(), None);
        let pair = PeriodPair {
            previous: Period::parse("2024-01").unwrap(),
            current: Period::parse("2024-02..2024-03").unwrap(),
        };
        let t = PeriodTotals::new(&cube, &pair);
        assert_eq!(t.area(0, Which::Previous), &[4_294_967_295]);
        assert_eq!(t.area(0, Which::Current), &[4_294_967_297]);
    }
}
