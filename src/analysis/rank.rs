//! Rankings of the areas of one level by count or by rate.
//!
//! 1 = most; ties share the best rank (1, 2, 2, 4); the previous rank is
//! by the same measure over the previous period; movement = previous rank −
//! current rank (positive = moved up, towards 1st). Rates are compared
//! exactly (as fractions, in integers). By rate, areas without residents
//! have no rank and are listed last. Display order: rank, then name, then
//! code.

use std::cmp::{Ordering, Reverse};
use std::sync::Arc;

use serde::Serialize;

use crate::data::Dataset;

use super::level::{AreaLabels, LevelMap};
use super::rate::{rate, vs_whole, whole_rate, Rate, VsWhole};
use super::selection::Selection;
use super::totals::{PeriodTotals, Which};

/// What areas are ranked by (the view state's `by`, see
/// [`crate::state::ViewState::measure`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The count in the period.
    #[default]
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
/// `name_order`, then the unranked by `name_order`. `name_order` gives
/// each area's position in name order (one per count, all different).
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
        ranks[i] = Some(r);
        ranked.push(i);
    });
    unranked.sort_by_key(|&i| name_order[i]);
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
    values.assign_ranks(&sorted, |i, r| ranks[i] = Some(r));
    ranks
}

/// a/b against c/d, exactly.
fn exact(x: (u64, u64), y: (u64, u64)) -> Ordering {
    (u128::from(x.0) * u128::from(y.1)).cmp(&(u128::from(y.0) * u128::from(x.1)))
}

/// An area with a value, as a ranking sorts it.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    /// Its value as an integer in the same order: the count itself, or the
    /// rate as a double (rounded once) in [`ordered_bits`].
    key: u64,
    /// Its position in name order.
    name: u32,
    /// Its index in the level.
    index: u32,
}

/// The areas with a value in display order.
struct Sorted {
    areas: Vec<Ranked>,
    /// True when areas with different keys surely differ in value: by
    /// count always; by rate when every count and population converts to
    /// a double exactly (equal fractions then give equal doubles).
    keys_decide: bool,
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
        let denominator = match self.measure {
            Measure::Count => Some(1),
            Measure::Rate => self
                .populations
                .get(i)
                .copied()
                .flatten()
                .filter(|&p| p > 0),
        };
        denominator.map(|d| (self.counts[i], d))
    }

    /// The fraction of an area [`Values::sorted`] listed (so it has one).
    fn fraction(&self, area: &Ranked) -> (u64, u64) {
        self.get(area.index as usize)
            .expect("a ranked area has a value")
    }

    /// The areas with a value, largest first, ties by `name_order` (a
    /// distinct position per area); and the areas without one, in area
    /// order.
    ///
    /// The sort compares keys (see [`Ranked::key`]): rounding a rate to a
    /// double is monotonic, so it never reverses the order of two
    /// fractions, but may make different fractions equal. Runs of equal
    /// keys are put in name order, and, when their exact fractions differ
    /// (almost never), in exact order.
    fn sorted(&self, name_order: &[u32]) -> (Sorted, Vec<usize>) {
        const EXACT: u64 = 1 << f64::MANTISSA_DIGITS;
        let keys_decide = self.measure == Measure::Count
            || (self.counts.iter().all(|&c| c < EXACT)
                && self.populations.iter().flatten().all(|&p| p < EXACT));
        let mut unranked: Vec<usize> = Vec::new();
        let mut areas: Vec<Ranked> = Vec::with_capacity(self.counts.len());
        assert_eq!(
            name_order.len(),
            self.counts.len(),
            "one name position per area"
        );
        for (i, &name) in name_order.iter().enumerate() {
            let key = match (self.measure, self.get(i)) {
                (_, None) => {
                    unranked.push(i);
                    continue;
                }
                (Measure::Count, Some((count, _))) => count,
                (Measure::Rate, Some((count, people))) => {
                    ordered_bits(count as f64 / people as f64)
                }
            };
            areas.push(Ranked {
                key,
                name,
                index: i as u32,
            });
        }
        sort_largest_first(&mut areas, |a| a.key, |a| a.name);
        for run in areas.chunk_by_mut(|x, y| x.key == y.key) {
            if run.len() < 2 {
                continue;
            }
            let first = self.fraction(&run[0]);
            if run
                .iter()
                .any(|a| exact(self.fraction(a), first) != Ordering::Equal)
            {
                // Stable: exact ties stay in name order.
                run.sort_by(|x, y| exact(self.fraction(y), self.fraction(x)));
            }
        }
        let sorted = Sorted { areas, keys_decide };
        (sorted, unranked)
    }

    /// Walks the sorted areas giving each its competition rank: `f(index,
    /// rank)` in display order.
    fn assign_ranks(&self, sorted: &Sorted, mut f: impl FnMut(usize, u32)) {
        let mut last: Option<(&Ranked, u32)> = None;
        for (pos, area) in sorted.areas.iter().enumerate() {
            let tied = last.is_some_and(|(before, _)| {
                (before.key == area.key || !sorted.keys_decide)
                    && exact(self.fraction(before), self.fraction(area)) == Ordering::Equal
            });
            let rank = match last {
                Some((_, r)) if tied => r,
                _ => pos as u32 + 1,
            };
            last = Some((area, rank));
            f(area.index as usize, rank);
        }
    }
}

/// Sorts `items` by `key`, largest first, and runs of equal keys by
/// `name` (a position in name order, different for every item).
pub(crate) fn sort_largest_first<T>(
    items: &mut [T],
    key: impl Fn(&T) -> u64,
    name: impl Fn(&T) -> u32,
) {
    items.sort_unstable_by_key(|x| Reverse(key(x)));
    for run in items.chunk_by_mut(|x, y| key(x) == key(y)) {
        if run.len() > 1 {
            run.sort_unstable_by_key(&name);
            debug_assert!(
                run.windows(2).all(|w| name(&w[0]) != name(&w[1])),
                "two items share a name position"
            );
        }
    }
}

/// A double as an unsigned integer in the order of [`f64::total_cmp`].
pub(crate) fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

#[cfg(test)]
#[path = "rank_tests.rs"]
mod tests;
