//! Crime and deprivation: rates by deprivation band, the rank correlation
//! between rate and deprivation, and the areas high on both.
//!
//! - **Measure**: the areas file's `imd_score` (higher = more deprived),
//!   `imd_rank` (1 = most deprived) or `imd_decile` (1 = most deprived
//!   10%), whichever most areas have (score first on a tie). Internally
//!   every measure becomes a "deprivation" number where higher = more
//!   deprived (the score, −rank, −decile).
//! - **Areas used**: those with residents and the measure; fewer than
//!   [`MIN_AREAS`] gives no analysis.
//! - **Bands**: deciles with at least [`DECILE_MIN_AREAS`] areas, else
//!   quintiles (so each band has about three areas or more). Band 1 is the
//!   most deprived. When every area used has a national `imd_decile`, bands
//!   are national (quintile = ⌈decile / 2⌉); otherwise local: the areas are
//!   ordered most deprived first (ties by name) and cut into equal bands.
//! - **Correlation**: Spearman's ρ between rate and deprivation; positive
//!   means higher rates in more deprived areas. Its two-sided p-value uses
//!   the t distribution with n − 2 degrees of freedom (as SciPy's
//!   `spearmanr`).
//! - **High on both**: areas in the top fifth by rate and in the most
//!   deprived fifth of the areas used (competition ranks ≤ ⌈n / 5⌉).

use serde::Serialize;

use super::level::LevelMap;
use super::rank::{competition_ranks, ordered_bits, Measure, Ranking};
use super::rate::{rate, Rate};
use super::stats::{pearson_of_ranks, regularized_incomplete_beta, spearman};

/// Fewest areas for a deprivation analysis.
pub const MIN_AREAS: usize = 5;
/// Fewest areas for deciles rather than quintiles.
pub const DECILE_MIN_AREAS: usize = 30;

/// Which deprivation figure was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImdMeasure {
    /// `imd_score`, higher = more deprived.
    Score,
    /// `imd_rank`, 1 = most deprived.
    Rank,
    /// `imd_decile`, 1 = most deprived.
    Decile,
}

/// One deprivation band.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Band {
    /// 1 = most deprived.
    pub band: u8,
    /// Areas in the band.
    pub areas: usize,
    /// Their count in the current period.
    pub count: u64,
    /// Their residents.
    pub population: u64,
    /// Their rate per 1,000 residents.
    pub rate: Option<Rate>,
}

/// Crime against deprivation for one ranking's areas.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deprivation {
    /// The figure used.
    pub measure: ImdMeasure,
    /// True when bands are national deciles from the areas file.
    pub national_bands: bool,
    /// 10 (deciles) or 5 (quintiles).
    pub band_count: u8,
    /// The bands, most deprived first (empty bands omitted).
    pub bands: Vec<Band>,
    /// Areas used.
    pub areas: usize,
    /// Spearman's ρ between rate and deprivation (positive = higher rates
    /// in more deprived areas); `None` when either has no spread.
    pub spearman: Option<f64>,
    /// Its two-sided p-value.
    pub spearman_p: Option<f64>,
    /// Level-map indices of the areas high on both, highest rate first.
    pub high_on_both: Vec<usize>,
}

/// Analyses the current-period rates of `ranking`'s areas against their
/// deprivation (from `map`, the level the ranking was built on).
pub fn deprivation(ranking: &Ranking, map: &LevelMap) -> Option<Deprivation> {
    let get = |i: usize, m: ImdMeasure| -> Option<f64> {
        let a = map.areas.get(i)?.as_ref()?;
        match m {
            ImdMeasure::Score => a.imd_score,
            ImdMeasure::Rank => a.imd_rank.map(|r| -f64::from(r)),
            ImdMeasure::Decile => a.imd_decile.map(|d| -f64::from(d)),
        }
    };
    let with_people: Vec<(usize, u64, u64)> = ranking
        .rows
        .iter()
        .filter_map(|r| Some((r.index, r.current, r.population.filter(|&p| p > 0)?)))
        .collect();
    let measure = [ImdMeasure::Score, ImdMeasure::Rank, ImdMeasure::Decile]
        .into_iter()
        .max_by_key(|&m| {
            let n = with_people
                .iter()
                .filter(|(i, _, _)| get(*i, m).is_some())
                .count();
            // Later measures lose ties: score, then rank, then decile.
            (n, 2 - m as usize)
        })?;
    let used: Vec<(usize, u64, u64, f64)> = with_people
        .iter()
        .filter_map(|&(i, c, p)| Some((i, c, p, get(i, measure)?)))
        .collect();
    let n = used.len();
    if n < MIN_AREAS {
        return None;
    }
    let band_count: u8 = if n >= DECILE_MIN_AREAS { 10 } else { 5 };
    let deciles: Option<Vec<u8>> = used
        .iter()
        .map(|(i, ..)| map.areas.get(*i)?.as_ref()?.imd_decile)
        .collect();
    let name = |i: usize| map.name_order.get(i).copied().unwrap_or(u32::MAX);
    let dep: Vec<f64> = used.iter().map(|u| u.3).collect();
    // Most deprived first, ties by name (then position): one sort, packed
    // in an integer key, that also gives the deprivation ranks below.
    let mut keyed: Vec<u128> = used
        .iter()
        .enumerate()
        .map(|(k, u)| {
            u128::from(!ordered_bits(u.3)) << 64 | u128::from(name(u.0)) << 32 | k as u128
        })
        .collect();
    crate::order::sort_keys(&mut keyed);
    let by_deprivation: Vec<usize> = keyed.into_iter().map(|key| key as u32 as usize).collect();
    let mut band_of = vec![1u8; n];
    match &deciles {
        Some(ds) => {
            for (slot, &d) in band_of.iter_mut().zip(ds) {
                *slot = if band_count == 10 { d } else { d.div_ceil(2) };
            }
        }
        None => {
            for (pos, &k) in by_deprivation.iter().enumerate() {
                if let Some(slot) = band_of.get_mut(k) {
                    *slot = (pos * usize::from(band_count) / n) as u8 + 1;
                }
            }
        }
    }
    // (areas, count, population) per band, in one pass.
    let mut sums = vec![(0usize, 0u64, 0u64); usize::from(band_count) + 1];
    for (u, &b) in used.iter().zip(&band_of) {
        if let Some(s) = sums.get_mut(usize::from(b)).filter(|_| b >= 1) {
            *s = (s.0 + 1, s.1 + u.1, s.2 + u.2);
        }
    }
    let bands = (1..=band_count)
        .filter_map(|b| {
            let &(areas, count, population) = sums.get(usize::from(b))?;
            (areas > 0).then(|| Band {
                band: b,
                areas,
                count,
                population,
                rate: rate(count, population),
            })
        })
        .collect();
    let rates: Vec<f64> = used.iter().map(|u| u.1 as f64 / u.2 as f64).collect();
    let counts: Vec<u64> = used.iter().map(|u| u.1).collect();
    let pops: Vec<Option<u64>> = used.iter().map(|u| Some(u.2)).collect();
    let order: Vec<u32> = used.iter().map(|u| name(u.0)).collect();
    // A ranking by rate lists its areas by rate already (largest first,
    // exact ties by name): then that order is the rate order, and neither
    // rates nor ranks need sorting again.
    let in_rate_order = used.windows(2).all(|w| match w {
        [x, y] => {
            let exact =
                (u128::from(y.1) * u128::from(x.2)).cmp(&(u128::from(x.1) * u128::from(y.2)));
            (y.1 as f64 / y.2 as f64)
                .total_cmp(&(x.1 as f64 / x.2 as f64))
                .then(exact)
                .then(name(x.0).cmp(&name(y.0)))
                == std::cmp::Ordering::Less
        }
        _ => true,
    });
    let no_nan = !dep.iter().any(|d| d.is_nan());
    let (rho, rate_order, rate_ranks, dep_ranks) = if in_rate_order && no_nan {
        let rate_ranks = competition_ranks_in_order(&counts, &pops);
        let rate_avg = average_ranks_descending(&rates, &(0..n).collect::<Vec<_>>());
        let dep_avg = average_ranks_descending(&dep, &by_deprivation);
        let rho = pearson_of_ranks(&rate_avg, &dep_avg);
        let dep_ranks = competition_ranks_descending(&dep, &by_deprivation);
        (rho, (0..n).collect(), rate_ranks, dep_ranks)
    } else {
        let (rate_order, rate_ranks) = competition_ranks(&counts, &pops, Measure::Rate, &order);
        (
            spearman(&rates, &dep),
            rate_order,
            rate_ranks,
            descending_competition_ranks(&dep),
        )
    };
    let spearman_p = rho.map(|r| spearman_p_value(r, n));
    // High on both: top fifth by rate and most deprived fifth.
    let fifth = n.div_ceil(5) as u32;
    let high_on_both = rate_order
        .into_iter()
        .filter(|&k| {
            rate_ranks
                .get(k)
                .copied()
                .flatten()
                .is_some_and(|r| r <= fifth)
                && dep_ranks.get(k).is_some_and(|&r| r <= fifth)
        })
        .filter_map(|k| used.get(k).map(|u| u.0))
        .collect();
    Some(Deprivation {
        measure,
        national_bands: deciles.is_some(),
        band_count,
        bands,
        areas: n,
        spearman: rho,
        spearman_p,
        high_on_both,
    })
}

/// Competition ranks (1 = highest rate, ties share the best) of areas
/// already listed by rate, largest first: equal fractions are neighbours.
fn competition_ranks_in_order(counts: &[u64], pops: &[Option<u64>]) -> Vec<Option<u32>> {
    let mut ranks = Vec::with_capacity(counts.len());
    let mut last: Option<(u64, u64, u32)> = None;
    for (pos, (&c, p)) in counts.iter().zip(pops).enumerate() {
        let p = p.unwrap_or(1);
        let r = match last {
            Some((lc, lp, lr))
                if u128::from(lc) * u128::from(p) == u128::from(c) * u128::from(lp) =>
            {
                lr
            }
            _ => pos as u32 + 1,
        };
        last = Some((c, p, r));
        ranks.push(Some(r));
    }
    ranks
}

/// Average ranks (1 = smallest, ties share their mean rank, as
/// [`super::stats::average_ranks`]) of NaN-free `values`, given `order`:
/// the indices from the largest value to the smallest.
fn average_ranks_descending(values: &[f64], order: &[usize]) -> Vec<f64> {
    let n = order.len();
    let at = |i: usize| values.get(i).copied().unwrap_or(0.0);
    let mut ranks = vec![0.0; values.len()];
    let mut done = 0;
    for group in order.chunk_by(|&a, &b| at(a) == at(b)) {
        // Positions done+1 ..= done+len from the top are, from the bottom,
        // start+1 ..= start+len.
        let start = n - done - group.len();
        let rank = start as f64 + (group.len() as f64 + 1.0) / 2.0;
        for &i in group {
            if let Some(slot) = ranks.get_mut(i) {
                *slot = rank;
            }
        }
        done += group.len();
    }
    ranks
}

/// Competition ranks (1 = largest, ties share the best) of NaN-free
/// `values`, given `order`: the indices from the largest value down.
fn competition_ranks_descending(values: &[f64], order: &[usize]) -> Vec<u32> {
    let at = |i: usize| values.get(i).copied().unwrap_or(0.0);
    let mut ranks = vec![0u32; values.len()];
    let mut done = 0;
    for group in order.chunk_by(|&a, &b| at(a) == at(b)) {
        for &i in group {
            if let Some(slot) = ranks.get_mut(i) {
                *slot = done as u32 + 1;
            }
        }
        done += group.len();
    }
    ranks
}

/// 1 = largest; ties share the best rank.
fn descending_competition_ranks(values: &[f64]) -> Vec<u32> {
    let at = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    // Largest first (in `total_cmp` order), ties by position.
    let mut keys: Vec<u128> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| u128::from(!ordered_bits(v)) << 64 | i as u128)
        .collect();
    crate::order::sort_keys(&mut keys);
    let order: Vec<usize> = keys.into_iter().map(|k| k as u64 as usize).collect();
    let mut ranks = vec![0u32; values.len()];
    let mut last: Option<(f64, u32)> = None;
    for (pos, &i) in order.iter().enumerate() {
        let r = match last {
            Some((v, r)) if v == at(i) => r,
            _ => pos as u32 + 1,
        };
        last = Some((at(i), r));
        if let Some(slot) = ranks.get_mut(i) {
            *slot = r;
        }
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
#[path = "deprivation_tests.rs"]
mod tests;
