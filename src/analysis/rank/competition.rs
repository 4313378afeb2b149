//! Competition ranks (1 = most; ties share the best rank: 1, 2, 2, 4)
//! and the display order of a ranking, compared exactly: rates as
//! fractions, in integers.

use std::cmp::{Ordering, Reverse};

use super::Measure;

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
    let slots = ranks.as_mut_slice();
    let mut ranked: Vec<usize> = Vec::with_capacity(counts.len());
    values.assign_ranks(&sorted, |i, r| {
        slots[i] = Some(r);
        ranked.push(i);
    });
    unranked.sort_by_key(|&i| name_order[i]);
    ranked.extend(unranked);
    (ranked, ranks)
}

/// The ranks of [`competition_ranks`] alone.
pub(super) fn ranks_only(
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
    let slots = ranks.as_mut_slice();
    values.assign_ranks(&sorted, |i, r| slots[i] = Some(r));
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
mod tests {
    use super::*;

    #[test]
    fn zeros_tie() {
        let (order, ranks) =
            competition_ranks(&[0, 7, 0, 7, 9], &[], Measure::Count, &[4, 3, 2, 1, 0]);
        assert_eq!(ranks, vec![Some(4), Some(2), Some(4), Some(2), Some(1)]);
        assert_eq!(order, vec![4, 3, 1, 2, 0], "ties by name order");
    }

    /// The ranks and display order a plain reading of the rules gives: sort by
    /// the exact fraction (compared by cross-multiplying), largest first, then
    /// by name position; an area's rank is one more than the number of areas
    /// with a strictly larger fraction; areas without a value last, by name
    /// position.
    fn plain_ranks(
        counts: &[u64],
        populations: &[Option<u64>],
        measure: Measure,
        name_order: &[u32],
    ) -> (Vec<usize>, Vec<Option<u32>>) {
        let value = |i: usize| match measure {
            Measure::Count => Some((counts[i], 1u64)),
            Measure::Rate => populations[i].filter(|&p| p > 0).map(|p| (counts[i], p)),
        };
        let larger = |a: (u64, u64), b: (u64, u64)| {
            u128::from(a.0) * u128::from(b.1) > u128::from(b.0) * u128::from(a.1)
        };
        let ranks: Vec<Option<u32>> = (0..counts.len())
            .map(|i| {
                let v = value(i)?;
                let above = (0..counts.len())
                    .filter(|&j| value(j).is_some_and(|w| larger(w, v)))
                    .count();
                Some(above as u32 + 1)
            })
            .collect();
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by_key(|&i| (ranks[i].is_none(), ranks[i], name_order[i]));
        (order, ranks)
    }

    #[test]
    fn ranks_and_order_follow_the_rules_on_every_kind_of_tie() {
        // Small fractions tie exactly across different populations (1/2 = 2/4
        // = 3/6); some areas have no residents; name orders are permutations.
        let mut cases = 0;
        for case in 0..400usize {
            let n = 1 + case % 11;
            let counts: Vec<u64> = (0..n).map(|i| ((i * 7 + case * 3) % 6) as u64).collect();
            let populations: Vec<Option<u64>> = (0..n)
                .map(|i| match (i * 5 + case) % 7 {
                    0 => None,
                    1 => Some(0),
                    k => Some(k as u64),
                })
                .collect();
            let name_order: Vec<u32> = if n % 5 == 0 {
                (0..n).rev().map(|i| i as u32).collect()
            } else {
                (0..n).map(|i| ((i * 5 + case) % n) as u32).collect()
            };
            for measure in [Measure::Count, Measure::Rate] {
                assert_eq!(
                    competition_ranks(&counts, &populations, measure, &name_order),
                    plain_ranks(&counts, &populations, measure, &name_order),
                    "{measure:?} {counts:?} {populations:?} {name_order:?}"
                );
                cases += 1;
            }
        }
        assert_eq!(cases, 800);
        // Counts past 2^53 by count: 2^53 and 2^53 + 1 are the same double but
        // not the same count.
        let big = 1u64 << 53;
        let counts = [big, big + 1, big + 2, big + 1, 3];
        let name_order = [0, 1, 2, 3, 4];
        let got = competition_ranks(&counts, &[], Measure::Count, &name_order);
        assert_eq!(got.1, vec![Some(4), Some(2), Some(1), Some(2), Some(5)]);
        assert_eq!(got.0, vec![2, 1, 3, 0, 4]);
        assert_eq!(
            got,
            plain_ranks(&counts, &[None; 5], Measure::Count, &name_order)
        );
        // By rate, under 2^53: (2^53 − 1)/(2^53 − 2) and (2^52 + 1)/2^52 are
        // the same double, but the second is larger; (2^53 + 2)/(2^53 + 2) = 1
        // ties with 7/7 only exactly.
        let counts = [big - 1, big / 2 + 1, 7, big + 2, big / 2 + 1];
        let populations = [
            Some(big - 2),
            Some(big / 2),
            Some(7),
            Some(big + 2),
            Some(big),
        ];
        let name_order = [0, 1, 2, 3, 4];
        let got = competition_ranks(&counts, &populations, Measure::Rate, &name_order);
        assert_eq!(got.1, vec![Some(2), Some(1), Some(3), Some(3), Some(5)]);
        assert_eq!(got.0, vec![1, 0, 2, 3, 4]);
        assert_eq!(
            got,
            plain_ranks(&counts, &populations, Measure::Rate, &name_order)
        );
    }
}
