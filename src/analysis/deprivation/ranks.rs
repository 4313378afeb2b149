//! The ranks behind the deprivation analysis: the areas used by rate and
//! by deprivation, Spearman's ρ between them and its p-value, and the
//! areas high on both.

use std::cmp::Ordering;

use super::Used;
use crate::analysis::rank::{competition_ranks, Measure};
use crate::analysis::stats::{pearson_of_ranks, regularized_incomplete_beta, spearman};

/// The areas used, ranked by rate and by deprivation (by position in the
/// list of areas used).
pub(super) struct Ranks {
    /// Spearman's ρ between rate and deprivation.
    pub rho: Option<f64>,
    /// The positions by rate, highest first (ties by name).
    rate_order: Vec<usize>,
    /// Competition ranks by rate (1 = highest).
    rate_ranks: Vec<Option<u32>>,
    /// Competition ranks by deprivation (1 = most deprived).
    deprivation_ranks: Vec<u32>,
}

impl Ranks {
    /// Ranks `used`, given the positions from the most deprived area to the
    /// least (`by_deprivation`) and the level's name order.
    pub fn of(used: &[Used], by_deprivation: &[usize], name_order: &[u32]) -> Ranks {
        let deprivation: Vec<f64> = used.iter().map(|u| u.deprivation).collect();
        let rates: Vec<f64> = used.iter().map(rate).collect();
        let deprivation_ranks = competition_ranks_descending(&deprivation, by_deprivation);
        let no_nan = !deprivation.iter().any(|d| d.is_nan());
        if no_nan && in_rate_order(used, &rates, name_order) {
            // A ranking by rate lists its areas by rate already: that order
            // is the rate order, and neither rates nor ranks need sorting.
            let rate_order: Vec<usize> = (0..used.len()).collect();
            let rho = pearson_of_ranks(
                &average_ranks_descending(&rates, &rate_order),
                &average_ranks_descending(&deprivation, by_deprivation),
            );
            Ranks {
                rho,
                rate_order,
                rate_ranks: competition_ranks_in_order(used),
                deprivation_ranks,
            }
        } else {
            let counts: Vec<u64> = used.iter().map(|u| u.count).collect();
            let people: Vec<Option<u64>> = used.iter().map(|u| Some(u.people)).collect();
            let names: Vec<u32> = used.iter().map(|u| name_order[u.index]).collect();
            let (rate_order, rate_ranks) =
                competition_ranks(&counts, &people, Measure::Rate, &names);
            Ranks {
                rho: spearman(&rates, &deprivation),
                rate_order,
                rate_ranks,
                deprivation_ranks,
            }
        }
    }

    /// Level-map indices of the areas in the top fifth by rate and in the
    /// most deprived fifth (competition ranks ≤ ⌈n / 5⌉), highest rate
    /// first.
    pub fn high_on_both(&self, used: &[Used]) -> Vec<usize> {
        let fifth = used.len().div_ceil(5) as u32;
        let (by_rate, by_deprivation) = (&self.rate_ranks[..], &self.deprivation_ranks[..]);
        self.rate_order
            .iter()
            .filter(|&&k| by_rate[k].is_some_and(|r| r <= fifth) && by_deprivation[k] <= fifth)
            .map(|&k| used[k].index)
            .collect()
    }
}

/// An area's rate as a double.
fn rate(u: &Used) -> f64 {
    u.count as f64 / u.people as f64
}

/// True when `used` (with its `rates`) is strictly in rate order: rates
/// as doubles largest first, then exact fractions, then names.
fn in_rate_order(used: &[Used], rates: &[f64], name_order: &[u32]) -> bool {
    used.windows(2).zip(rates.windows(2)).all(|(w, r)| {
        let (x, y) = (&w[0], &w[1]);
        let exact = (u128::from(y.count) * u128::from(x.people))
            .cmp(&(u128::from(x.count) * u128::from(y.people)));
        r[1].total_cmp(&r[0])
            .then(exact)
            .then(name_order[x.index].cmp(&name_order[y.index]))
            == Ordering::Less
    })
}

/// Competition ranks (1 = highest rate, ties share the best) of areas
/// already listed by rate, largest first: equal fractions are neighbours.
fn competition_ranks_in_order(used: &[Used]) -> Vec<Option<u32>> {
    let mut ranks = Vec::with_capacity(used.len());
    let mut last: Option<(&Used, u32)> = None;
    for (pos, u) in used.iter().enumerate() {
        let r = match last {
            Some((l, lr))
                if u128::from(l.count) * u128::from(u.people)
                    == u128::from(u.count) * u128::from(l.people) =>
            {
                lr
            }
            _ => pos as u32 + 1,
        };
        last = Some((u, r));
        ranks.push(Some(r));
    }
    ranks
}

/// Average ranks (1 = smallest, ties share their mean rank, as
/// [`crate::analysis::stats::average_ranks`]) of NaN-free `values`, given
/// `order`: the indices from the largest value to the smallest.
fn average_ranks_descending(values: &[f64], order: &[usize]) -> Vec<f64> {
    let n = order.len();
    let mut ranks = vec![0.0; values.len()];
    let slots = ranks.as_mut_slice();
    let mut done = 0;
    for group in order.chunk_by(|&a, &b| values[a] == values[b]) {
        // Positions done+1 ..= done+len from the top are, from the bottom,
        // start+1 ..= start+len.
        let start = n - done - group.len();
        let rank = start as f64 + (group.len() as f64 + 1.0) / 2.0;
        for &i in group {
            slots[i] = rank;
        }
        done += group.len();
    }
    ranks
}

/// Competition ranks (1 = largest, ties share the best) of `values`,
/// given `order`: the indices from the largest value down (NaN ties with
/// nothing).
fn competition_ranks_descending(values: &[f64], order: &[usize]) -> Vec<u32> {
    let mut ranks = vec![0u32; values.len()];
    let slots = ranks.as_mut_slice();
    let mut done = 0;
    for group in order.chunk_by(|&a, &b| values[a] == values[b]) {
        for &i in group {
            slots[i] = done as u32 + 1;
        }
        done += group.len();
    }
    ranks
}

/// Two-sided p-value of Spearman's ρ over `n` pairs by the t distribution
/// with n − 2 degrees of freedom: t = ρ √((n−2)/(1−ρ²)),
/// p = I_{df/(df+t²)}(df/2, 1/2).
pub fn spearman_p_value(rho: f64, n: usize) -> f64 {
    if n < 3 {
        return 1.0;
    }
    let df = (n - 2) as f64;
    let r2 = (rho * rho).min(1.0);
    if r2 >= 1.0 {
        return 0.0;
    }
    let t2 = df * r2 / (1.0 - r2);
    regularized_incomplete_beta(df / (df + t2), df / 2.0, 0.5).unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_value_of_rho_matches_scipy() {
        // scipy.stats.spearmanr([1,2,3,4,5,6,7], [2,1,4,3,7,5,6]) →
        // 0.8214285714285715, pvalue 0.0234488083456915.
        let p = spearman_p_value(0.821_428_571_428_571_5, 7);
        assert!((p - 0.023_448_808_345_691_5).abs() < 1e-10, "{p}");
        assert_eq!(spearman_p_value(1.0, 7), 0.0);
        assert_eq!(spearman_p_value(0.5, 2), 1.0);
    }
}
