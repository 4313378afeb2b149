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
use super::rank::{competition_ranks, Measure, Ranking};
use super::rate::{rate, Rate};
use super::stats::{regularized_incomplete_beta, spearman};

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
    // Most deprived first, ties by name.
    let mut by_deprivation: Vec<usize> = (0..n).collect();
    by_deprivation.sort_by(|&a, &b| {
        let (x, y) = (used.get(a), used.get(b));
        let dx = x.map_or(f64::NAN, |u| u.3);
        let dy = y.map_or(f64::NAN, |u| u.3);
        dy.total_cmp(&dx)
            .then(name(x.map_or(0, |u| u.0)).cmp(&name(y.map_or(0, |u| u.0))))
    });
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
    let bands = (1..=band_count)
        .filter_map(|b| {
            let members = used.iter().zip(&band_of).filter(|(_, &x)| x == b);
            let areas = members.clone().count();
            let (count, population) = members.fold((0, 0), |(c, p), (u, _)| (c + u.1, p + u.2));
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
    let dep: Vec<f64> = used.iter().map(|u| u.3).collect();
    let rho = spearman(&rates, &dep);
    let spearman_p = rho.map(|r| spearman_p_value(r, n));
    // High on both: top fifth by rate and most deprived fifth.
    let fifth = n.div_ceil(5) as u32;
    let counts: Vec<u64> = used.iter().map(|u| u.1).collect();
    let pops: Vec<Option<u64>> = used.iter().map(|u| Some(u.2)).collect();
    let order: Vec<u32> = used.iter().map(|u| name(u.0)).collect();
    let (rate_order, rate_ranks) = competition_ranks(&counts, &pops, Measure::Rate, &order);
    let dep_ranks = descending_competition_ranks(&dep);
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

/// 1 = largest; ties share the best rank.
fn descending_competition_ranks(values: &[f64]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    let at = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
    order.sort_by(|&a, &b| at(b).total_cmp(&at(a)));
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
