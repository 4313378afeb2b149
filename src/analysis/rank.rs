//! Rankings of the areas of one level by count or by rate.
//!
//! 1 = most; ties share the best rank (1, 2, 2, 4); the previous rank is
//! by the same measure over the previous period; movement = previous rank −
//! current rank (positive = moved up, towards 1st). Rates are compared
//! exactly (as fractions, in integers). By rate, areas without residents
//! have no rank and are listed last. Display order: rank, then name, then
//! code.

use std::cmp::Ordering;
use std::iter::repeat;
use std::sync::Arc;

use serde::Serialize;

use crate::data::Dataset;

use super::level::{AreaLabels, LevelMap};
use super::rate::{rate, vs_whole, whole_rate, Rate, VsWhole};
use super::selection::Selection;
use super::totals::{PeriodTotals, Which};

/// What areas are ranked by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The count in the period.
    Count,
    /// The rate per 1,000 residents in the period.
    Rate,
}

/// One area of a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct RankRow {
    /// Index in the [`LevelMap`] and in the ranking's labels: see
    /// [`Ranking::code`] and [`Ranking::name`].
    pub index: usize,
    /// Count in the previous period.
    pub previous: u64,
    /// Count in the current period.
    pub current: u64,
    /// Residents, when known.
    pub population: Option<u64>,
    /// Current rate per 1,000 residents with its interval.
    pub rate: Option<Rate>,
    /// The current rate against the whole's.
    pub vs_whole: Option<VsWhole>,
    /// Rank now (1 = most); `None` when the measure has no value.
    pub rank: Option<u32>,
    /// Rank in the previous period by the same measure.
    pub previous_rank: Option<u32>,
    /// previous rank − rank (positive = moved up).
    pub movement: Option<i64>,
}

/// A ranking of the areas of one level.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranking {
    /// What the areas are ranked by.
    pub measure: Measure,
    /// The areas, in display order.
    pub rows: Vec<RankRow>,
    /// The benchmark of `vs_whole`: the rate of the areas with counts that
    /// lie in the ranked areas (see [`super::level`]).
    pub whole_rate: Option<Rate>,
    /// The codes and names of the level's areas (shared with its
    /// [`LevelMap`]), by [`RankRow::index`].
    pub labels: Arc<AreaLabels>,
}

impl Ranking {
    /// The code of `row`'s area.
    pub fn code(&self, row: &RankRow) -> &str {
        self.labels.code(row.index)
    }

    /// The name of `row`'s area.
    pub fn name(&self, row: &RankRow) -> &str {
        self.labels.name(row.index)
    }
}

/// Ranks the areas of `map` by `measure` for `selection`.
pub fn rank_areas(
    ds: &Dataset,
    totals: &PeriodTotals,
    map: &LevelMap,
    selection: &Selection,
    measure: Measure,
) -> Ranking {
    let mask = selection.mask(&ds.categories);
    let sums = LevelSums::new(totals, map, &mask);
    let (current, previous) = (&sums.current, &sums.previous);
    let pops = &map.populations;
    let whole = sums.whole.or_else(|| whole_rate(current, pops));
    let (order, ranks) = competition_ranks(current, pops, measure, &map.name_order);
    let previous_ranks = ranks_only(previous, pops, measure, &map.name_order);
    let rows = order
        .into_iter()
        .map(|i| {
            let population = pops.get(i).copied().flatten();
            let count = current.get(i).copied().unwrap_or(0);
            let r = population.and_then(|p| rate(count, p));
            let rank = ranks.get(i).copied().flatten();
            let previous_rank = previous_ranks.get(i).copied().flatten();
            RankRow {
                index: i,
                previous: previous.get(i).copied().unwrap_or(0),
                current: count,
                population,
                rate: r,
                vs_whole: r.zip(whole).map(|(r, w)| vs_whole(&r, w.per_1000)),
                rank,
                previous_rank,
                movement: rank
                    .zip(previous_rank)
                    .map(|(now, before)| i64::from(before) - i64::from(now)),
            }
        })
        .collect();
    Ranking {
        measure,
        rows,
        whole_rate: whole,
        labels: Arc::clone(&map.labels),
    }
}

/// Both periods' counts of a selection for the areas of a level, summed in
/// one pass over the cube's areas, and the whole's rate over the areas
/// with counts that lie in the level (see [`super::level`]).
struct LevelSums {
    current: Vec<u64>,
    previous: Vec<u64>,
    whole: Option<Rate>,
}

impl LevelSums {
    fn new(totals: &PeriodTotals, map: &LevelMap, mask: &[bool]) -> LevelSums {
        let mut current = vec![0u64; map.len()];
        let mut previous = vec![0u64; map.len()];
        // All ones where the mask is set: a masked sum without branches.
        let keep: Vec<u64> = mask.iter().map(|&m| if m { u64::MAX } else { 0 }).collect();
        let masked = |v: &[u64]| -> u64 { v.iter().zip(&keep).map(|(&v, &k)| v & k).sum() };
        let (mut whole_count, mut whole_people) = (0u64, 0u64);
        let base = map.of_base().iter().zip(&map.base_populations);
        for (a, (target, population)) in base.enumerate().take(totals.area_count()) {
            let Some(t) = target.map(|t| t as usize) else {
                continue;
            };
            let now = masked(totals.area(a, Which::Current));
            if let Some(p) = population.filter(|&p| p > 0) {
                whole_count += now;
                whole_people += p;
            }
            if let (Some(c), Some(p)) = (current.get_mut(t), previous.get_mut(t)) {
                *c += now;
                *p += masked(totals.area(a, Which::Previous));
            }
        }
        LevelSums {
            current,
            previous,
            whole: rate(whole_count, whole_people),
        }
    }
}

/// Competition ranks (1 = most, ties share the best) of `counts` by
/// `measure`, and the display order: ranked areas by rank then
/// `name_order`, then the unranked by `name_order`.
pub fn competition_ranks(
    counts: &[u64],
    populations: &[Option<u64>],
    measure: Measure,
    name_order: &[u32],
) -> (Vec<usize>, Vec<Option<u32>>) {
    let values = Values {
        counts,
        populations,
        measure,
    };
    let (sorted, mut unranked) = values.sorted(name_order);
    let mut ranks = vec![None; counts.len()];
    let mut ranked: Vec<usize> = Vec::with_capacity(counts.len());
    values.assign_ranks(&sorted, |i, r| {
        if let Some(slot) = ranks.get_mut(i) {
            *slot = Some(r);
        }
        ranked.push(i);
    });
    unranked.sort_by_key(|&i| name_order.get(i).copied().unwrap_or(u32::MAX));
    ranked.extend(unranked);
    (ranked, ranks)
}

/// The ranks of [`competition_ranks`] alone.
fn ranks_only(
    counts: &[u64],
    populations: &[Option<u64>],
    measure: Measure,
    name_order: &[u32],
) -> Vec<Option<u32>> {
    let values = Values {
        counts,
        populations,
        measure,
    };
    let (sorted, _) = values.sorted(name_order);
    let mut ranks = vec![None; counts.len()];
    values.assign_ranks(&sorted, |i, r| {
        if let Some(slot) = ranks.get_mut(i) {
            *slot = Some(r);
        }
    });
    ranks
}

/// a/b against c/d, exactly.
fn exact(x: (u64, u64), y: (u64, u64)) -> Ordering {
    (u128::from(x.0) * u128::from(y.1)).cmp(&(u128::from(y.0) * u128::from(x.1)))
}

/// The areas with a value in display order, each with a coarse key: a
/// prefix of the bits of its value as a double, largest first.
struct Sorted {
    /// (coarse key, area index).
    areas: Vec<(u64, u32)>,
    /// True when areas with different coarse keys surely differ in value.
    coarse_decides: bool,
}

/// The values areas are ranked by.
struct Values<'a> {
    counts: &'a [u64],
    populations: &'a [Option<u64>],
    measure: Measure,
}

impl Values<'_> {
    /// Area `i`'s value as a fraction (count, denominator); `None` when it
    /// has none (by rate, no residents).
    fn get(&self, i: usize) -> Option<(u64, u64)> {
        let c = self.counts.get(i).copied().unwrap_or(0);
        match self.measure {
            Measure::Count => Some((c, 1)),
            Measure::Rate => self
                .populations
                .get(i)
                .copied()
                .flatten()
                .filter(|&p| p > 0)
                .map(|p| (c, p)),
        }
    }

    /// Each area's value as a double (ordered bits, largest first), in
    /// area order, or `None` when it has none.
    fn descending_bits(&self) -> impl Iterator<Item = Option<u64>> + '_ {
        let populations = self.populations.iter().copied().chain(repeat(None));
        self.counts.iter().zip(populations).map(|(&c, p)| {
            let denominator = match self.measure {
                Measure::Count => Some(1),
                Measure::Rate => p.filter(|&p| p > 0),
            };
            denominator.map(|d| !ordered_bits(c as f64 / d as f64))
        })
    }

    /// The areas with a value, largest first, ties by `name_order`; and
    /// the areas without one, in area order.
    ///
    /// The sort compares plain integers: the value as a double (rounding
    /// is monotonic, so it never reverses an order) packed with the name
    /// order. When the name order is a permutation of at most 2^16 areas,
    /// the top 48 bits of the double and 16 of the name order fit in one
    /// u64; otherwise all 64 bits, the name order and the index in a u128.
    /// Runs with equal keys whose exact fractions differ are then put in
    /// exact order by a second sort, which is almost never needed.
    fn sorted(&self, name_order: &[u32]) -> (Sorted, Vec<usize>) {
        let n = self.counts.len();
        // Equal fractions give equal doubles when numerators and
        // denominators convert exactly.
        const EXACT: u64 = 1 << f64::MANTISSA_DIGITS;
        let coarse_decides = self.counts.iter().all(|&c| c < EXACT)
            && (self.measure == Measure::Count
                || self.populations.iter().flatten().all(|&p| p < EXACT));
        let mut unranked: Vec<usize> = Vec::new();
        let mut areas: Vec<(u64, u32)> = match by_name(name_order, n) {
            Some(by_name) => {
                // (Sorted as u128: one sort routine for every key sort.)
                let mut keys: Vec<u128> = Vec::with_capacity(n);
                for ((i, bits), &name) in self.descending_bits().enumerate().zip(name_order) {
                    match bits {
                        Some(bits) => keys.push(u128::from(bits & !0xFFFF | u64::from(name))),
                        None => unranked.push(i),
                    }
                }
                crate::order::sort_keys(&mut keys);
                keys.into_iter()
                    .map(|k| {
                        let i = by_name.get((k & 0xFFFF) as usize).copied().unwrap_or(0);
                        ((k >> 16) as u64, i)
                    })
                    .collect()
            }
            None => {
                let name = |i: usize| name_order.get(i).copied().unwrap_or(u32::MAX);
                let mut keys: Vec<u128> = Vec::with_capacity(n);
                for (i, bits) in self.descending_bits().enumerate() {
                    match bits {
                        Some(bits) => keys.push(
                            u128::from(bits) << 64
                                | u128::from(name(i)) << 32
                                | u128::from(i as u32),
                        ),
                        None => unranked.push(i),
                    }
                }
                crate::order::sort_keys(&mut keys);
                keys.into_iter()
                    .map(|k| ((k >> 64) as u64, k as u32))
                    .collect()
            }
        };
        let name = |i: u32| name_order.get(i as usize).copied().unwrap_or(u32::MAX);
        let fraction = |i: u32| self.get(i as usize).unwrap_or((0, 1));
        for run in areas.chunk_by_mut(|x, y| x.0 == y.0) {
            if run.len() < 2 {
                continue;
            }
            let first = run.first().map_or((0, 1), |x| fraction(x.1));
            if run
                .iter()
                .any(|x| exact(fraction(x.1), first) != Ordering::Equal)
            {
                run.sort_by(|x, y| {
                    exact(fraction(y.1), fraction(x.1)).then(name(x.1).cmp(&name(y.1)))
                });
            }
        }
        let sorted = Sorted {
            areas,
            coarse_decides,
        };
        (sorted, unranked)
    }

    /// Walks the sorted areas giving each its competition rank: `f(index,
    /// rank)` in display order.
    fn assign_ranks(&self, sorted: &Sorted, mut f: impl FnMut(usize, u32)) {
        let mut last: Option<(u64, u32, u32)> = None;
        for (pos, &(coarse, i)) in sorted.areas.iter().enumerate() {
            let tied = last.is_some_and(|(lc, li, _)| {
                (lc == coarse || !sorted.coarse_decides)
                    && exact(
                        self.get(li as usize).unwrap_or((0, 1)),
                        self.get(i as usize).unwrap_or((0, 1)),
                    ) == Ordering::Equal
            });
            let r = match last {
                Some((_, _, lr)) if tied => lr,
                _ => pos as u32 + 1,
            };
            last = Some((coarse, i, r));
            f(i as usize, r);
        }
    }
}

/// The areas in name order when `name_order` is a permutation of `0..n`
/// with `n` at most 2^16 (so a name position fits in 16 bits).
fn by_name(name_order: &[u32], n: usize) -> Option<Vec<u32>> {
    if n > 1 << 16 || name_order.len() != n {
        return None;
    }
    let mut by_name = vec![u32::MAX; n];
    for (i, &pos) in name_order.iter().enumerate() {
        let slot = by_name.get_mut(pos as usize)?;
        if *slot != u32::MAX {
            return None;
        }
        *slot = i as u32;
    }
    Some(by_name)
}

/// The bits of `x` as an unsigned integer in the order of
/// [`f64::total_cmp`].
pub(crate) fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
#[path = "rank_tests.rs"]
mod tests;
