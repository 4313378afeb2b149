//! Rankings of the areas of one level by count or by rate.
//!
//! 1 = most; ties share the best rank (1, 2, 2, 4); the previous rank is
//! by the same measure over the previous period; movement = previous rank −
//! current rank (positive = moved up, towards 1st). Rates are compared
//! exactly (as fractions, in integers). By rate, areas without residents
//! have no rank and are listed last. Display order: rank, then name, then
//! code.

use std::cmp::Ordering;

use serde::Serialize;

use crate::data::{AreaCode, Dataset};

use super::level::LevelMap;
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
    /// Index in the [`LevelMap`].
    pub index: usize,
    /// Area code.
    pub code: AreaCode,
    /// Area name.
    pub name: String,
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
    let base_current = totals.per_area(&mask, Which::Current);
    let current = map.sum(&base_current);
    let previous = map.sum(&totals.per_area(&mask, Which::Previous));
    let pops = &map.populations;
    let whole =
        whole_rate(&base_current, &map.base_populations).or_else(|| whole_rate(&current, pops));
    let (order, ranks) = competition_ranks(&current, pops, measure, &map.name_order);
    let (_, previous_ranks) = competition_ranks(&previous, pops, measure, &map.name_order);
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
                code: map
                    .codes
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| AreaCode::from("")),
                name: map.names.get(i).cloned().unwrap_or_default(),
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
    let value = |i: usize| -> Option<(u64, u64)> {
        let c = counts.get(i).copied().unwrap_or(0);
        match measure {
            Measure::Count => Some((c, 1)),
            Measure::Rate => populations
                .get(i)
                .copied()
                .flatten()
                .filter(|&p| p > 0)
                .map(|p| (c, p)),
        }
    };
    // a/b against c/d, exactly.
    let exact = |x: (u64, u64), y: (u64, u64)| {
        (u128::from(x.0) * u128::from(y.1)).cmp(&(u128::from(y.0) * u128::from(x.1)))
    };
    let name = |i: usize| name_order.get(i).copied().unwrap_or(u32::MAX);
    // Sort keys, packed in one integer so the sort compares plain numbers:
    // the value as a double, largest first (rounding is monotonic, so it
    // never reverses an order), then the name order, then the index. Two
    // different fractions that round to the same double are then put in
    // exact order by a second sort of their run, which is almost never
    // needed.
    let mut keyed: Vec<u128> = Vec::with_capacity(counts.len());
    let mut unranked: Vec<usize> = Vec::new();
    for i in 0..counts.len() {
        match value(i) {
            Some(v) => {
                let descending = !ordered_bits(v.0 as f64 / v.1 as f64);
                keyed.push(
                    u128::from(descending) << 64 | u128::from(name(i)) << 32 | u128::from(i as u32),
                );
            }
            None => unranked.push(i),
        }
    }
    keyed.sort_unstable();
    let index = |key: u128| (key as u32) as usize;
    let mut keyed: Vec<(u64, usize)> = keyed
        .into_iter()
        .map(|key| ((key >> 64) as u64, index(key)))
        .collect();
    for run in keyed.chunk_by_mut(|x, y| x.0 == y.0) {
        let fraction = |i: usize| value(i).unwrap_or((0, 1));
        let first = run.first().map_or((0, 1), |x| fraction(x.1));
        if run
            .iter()
            .any(|x| exact(fraction(x.1), first) != Ordering::Equal)
        {
            run.sort_unstable_by(|x, y| {
                exact(fraction(y.1), fraction(x.1)).then(name(x.1).cmp(&name(y.1)))
            });
        }
    }
    unranked.sort_unstable_by_key(|&i| name(i));
    let mut ranks = vec![None; counts.len()];
    let mut last: Option<((u64, u64), u32)> = None;
    for (pos, &(_, i)) in keyed.iter().enumerate() {
        let v = value(i).unwrap_or((0, 1));
        let r = match last {
            Some((lv, lr)) if exact(lv, v) == Ordering::Equal => lr,
            _ => pos as u32 + 1,
        };
        last = Some((v, r));
        if let Some(slot) = ranks.get_mut(i) {
            *slot = Some(r);
        }
    }
    let mut ranked: Vec<usize> = keyed.into_iter().map(|k| k.1).collect();
    ranked.extend(unranked);
    (ranked, ranks)
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
