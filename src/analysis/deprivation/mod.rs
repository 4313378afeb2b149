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

mod ranks;

use serde::Serialize;

use super::level::LevelMap;
use super::rank::{ordered_bits, sort_largest_first, Ranking};
use super::rate::{rate, Rate};

pub use ranks::spearman_p_value;

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
    let (measure, used) = areas_used(ranking, map)?;
    let n = used.len();
    if n < MIN_AREAS {
        return None;
    }
    let band_count: u8 = if n >= DECILE_MIN_AREAS { 10 } else { 5 };
    // National bands when every area has a decile (readers accept 1 to 10
    // only).
    let areas = map.areas.as_slice();
    let deciles: Option<Vec<u8>> = used
        .iter()
        .map(|u| areas[u.index].as_ref()?.imd_decile)
        .map(|d| d.filter(|d| (1..=10).contains(d)))
        .collect();
    let by_deprivation = most_deprived_first(&used, map);
    let band_of = match &deciles {
        Some(ds) => ds
            .iter()
            .map(|&d| if band_count == 10 { d } else { d.div_ceil(2) })
            .collect(),
        None => local_bands(&by_deprivation, band_count),
    };
    let ranks = ranks::Ranks::of(&used, &by_deprivation, &map.name_order);
    Some(Deprivation {
        measure,
        national_bands: deciles.is_some(),
        band_count,
        bands: bands(&used, &band_of, band_count),
        areas: n,
        spearman: ranks.rho,
        spearman_p: ranks.rho.map(|r| spearman_p_value(r, n)),
        high_on_both: ranks.high_on_both(&used),
    })
}

/// An area of the analysis: it has residents and the deprivation figure
/// used.
#[derive(Clone, Copy, Debug)]
struct Used {
    /// Its index in the level map.
    index: usize,
    /// Its count in the current period.
    count: u64,
    /// Its residents (more than none).
    people: u64,
    /// Its deprivation, higher = more deprived (the score, −rank,
    /// −decile).
    deprivation: f64,
}

/// The deprivation figure most of the ranking's areas with residents
/// have, and those areas (in the ranking's order).
fn areas_used(ranking: &Ranking, map: &LevelMap) -> Option<(ImdMeasure, Vec<Used>)> {
    let areas = map.areas.as_slice();
    let figure = |i: usize, m: ImdMeasure| -> Option<f64> {
        let a = areas[i].as_ref()?;
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
    // How many of them have each figure, in one pass.
    let mut have = [0usize; 3];
    for a in with_people.iter().filter_map(|&(i, ..)| areas[i].as_ref()) {
        have[0] += usize::from(a.imd_score.is_some());
        have[1] += usize::from(a.imd_rank.is_some());
        have[2] += usize::from(a.imd_decile.is_some());
    }
    // Later measures lose ties: score, then rank, then decile.
    let measure = [ImdMeasure::Score, ImdMeasure::Rank, ImdMeasure::Decile]
        .into_iter()
        .max_by_key(|&m| (have[m as usize], 2 - m as usize))?;
    let used = with_people
        .into_iter()
        .filter_map(|(index, count, people)| {
            Some(Used {
                index,
                count,
                people,
                deprivation: figure(index, measure)?,
            })
        })
        .collect();
    Some((measure, used))
}

/// The positions in `used` from the most deprived area to the least, ties
/// by name: one sort that serves the local bands and the deprivation
/// ranks.
fn most_deprived_first(used: &[Used], map: &LevelMap) -> Vec<usize> {
    let name_order = map.name_order.as_slice();
    let mut keyed: Vec<(u64, u32, u32)> = used
        .iter()
        .enumerate()
        .map(|(k, u)| (ordered_bits(u.deprivation), name_order[u.index], k as u32))
        .collect();
    sort_largest_first(&mut keyed, |x| x.0, |x| x.1);
    keyed.into_iter().map(|(_, _, k)| k as usize).collect()
}

/// Local bands (1 = most deprived): the areas, most deprived first, cut
/// into `band_count` equal parts; by position in `used`.
fn local_bands(by_deprivation: &[usize], band_count: u8) -> Vec<u8> {
    let n = by_deprivation.len();
    let mut band_of = vec![0u8; n];
    let slots = band_of.as_mut_slice();
    for (pos, &k) in by_deprivation.iter().enumerate() {
        slots[k] = (pos * usize::from(band_count) / n) as u8 + 1;
    }
    band_of
}

/// The areas, count, residents and rate of each band with areas, most
/// deprived first, summed in one pass.
fn bands(used: &[Used], band_of: &[u8], band_count: u8) -> Vec<Band> {
    // Bands 1 to 10 (index 0 unused).
    let mut sums = [(0usize, 0u64, 0u64); 11];
    for (u, &b) in used.iter().zip(band_of) {
        let s = &mut sums[usize::from(b)];
        *s = (s.0 + 1, s.1 + u.count, s.2 + u.people);
    }
    (1..=band_count)
        .filter_map(|b| {
            let (areas, count, population) = sums[usize::from(b)];
            (areas > 0).then(|| Band {
                band: b,
                areas,
                count,
                population,
                rate: rate(count, population),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    // Hand-checked deprivation analysis. Reference values from SciPy 1.17.1:
    // `scipy.stats.spearmanr([60,50,40,45,10,20], [-1,-2,-3,-4,-5,-6])` →
    // statistic 0.8857142857142858, pvalue 0.01884548104956266.

    use super::*;
    use crate::analysis::level::AreaLevel;
    use crate::analysis::rank::rank_areas;
    use crate::analysis::rank::Measure;
    use crate::analysis::rank::RankRow;
    use crate::analysis::stats::spearman;
    use crate::analysis::totals::PeriodTotals;
    use crate::analysis::{Period, PeriodPair, Selection};
    use crate::data::{Area, Categories, CubeBuilder, Dataset, Month};

    /// Six areas of 1,000 residents; IMD rank 1 (most deprived) … 6; current
    /// counts (= rates per 1,000) 60, 50, 40, 45, 10, 20.
    fn fixture(deciles: Option<[u8; 6]>, areas_used: usize) -> (Ranking, LevelMap) {
        let month: Month = "2024-01".parse().unwrap();
        let mut b = CubeBuilder::new();
        let mut areas = Vec::new();
        for (i, (code, count)) in [
            ("A", 60),
            ("B", 50),
            ("C", 40),
            ("D", 45),
            ("E", 10),
            ("F", 20),
        ]
        .into_iter()
        .enumerate()
        .take(areas_used)
        {
            b.add(Some(code), month, "Burglary", count);
            let mut a = Area::named(code, &format!("Area {code}"));
            a.population = Some(1000);
            a.imd_rank = Some(i as u32 + 1);
            a.imd_decile = deciles.and_then(|d| d.get(i).copied());
            areas.push(a);
        }
        let ds = Dataset::new(b.build().unwrap(), areas, &Categories::default());
        let p = Period::parse("2024-01").unwrap();
        let totals = PeriodTotals::new(
            &ds.cube,
            &PeriodPair {
                previous: p,
                current: p,
            },
        );
        let map = LevelMap::new(&ds, AreaLevel::Base, None);
        let ranking = rank_areas(&ds, &totals, &map, &Selection::AllCrime, Measure::Rate);
        (ranking, map)
    }

    fn code(map: &LevelMap, i: usize) -> &str {
        map.codes[i].as_str()
    }

    #[test]
    fn local_quintiles_correlation_and_high_on_both() {
        let (ranking, map) = fixture(None, 6);
        let d = deprivation(&ranking, &map).unwrap();
        assert_eq!(d.measure, ImdMeasure::Rank);
        assert!(!d.national_bands);
        assert_eq!((d.band_count, d.areas), (5, 6), "quintiles under 30 areas");
        // Six areas cut into five: positions 0,1 → band 1; 2 → 2; … 5 → 5.
        let sizes: Vec<usize> = d.bands.iter().map(|b| b.areas).collect();
        assert_eq!(sizes, vec![2, 1, 1, 1, 1]);
        let first = &d.bands[0];
        assert_eq!((first.count, first.population), (110, 2000));
        assert!((first.rate.unwrap().per_1000 - 55.0).abs() < 1e-12);
        assert!((d.spearman.unwrap() - 0.885_714_285_714_285_8).abs() < 1e-12);
        assert!((d.spearman_p.unwrap() - 0.018_845_481_049_562_66).abs() < 1e-9);
        // ⌈6/5⌉ = 2: A and B are the top two by rate and the two most deprived.
        let both: Vec<&str> = d.high_on_both.iter().map(|&i| code(&map, i)).collect();
        assert_eq!(both, vec!["A", "B"]);
    }

    #[test]
    fn national_deciles_become_quintiles() {
        let (ranking, map) = fixture(Some([1, 2, 3, 4, 9, 10]), 6);
        let d = deprivation(&ranking, &map).unwrap();
        assert!(d.national_bands);
        let bands: Vec<(u8, usize, u64)> =
            d.bands.iter().map(|b| (b.band, b.areas, b.count)).collect();
        // Quintile = ⌈decile/2⌉: 1,1,2,2,5,5 (empty quintiles 3 and 4 omitted).
        assert_eq!(bands, vec![(1, 2, 110), (2, 2, 85), (5, 2, 30)]);
    }

    #[test]
    fn too_few_areas_give_no_analysis() {
        let (ranking, map) = fixture(None, 4);
        assert_eq!(deprivation(&ranking, &map), None);
    }

    /// Sixty areas with tied rates (10/1000 = 12/1200), tied scores and both
    /// zeros (0.0 and −0.0), ranked by rate and by count.
    fn tied_fixture(deciles: bool) -> (Ranking, Ranking, LevelMap) {
        let month: Month = "2024-01".parse().unwrap();
        let mut b = CubeBuilder::new();
        let mut areas = Vec::new();
        for i in 0..60u32 {
            let code = format!("A{i:02}");
            let population = 1000 + 200 * (i % 4);
            // Counts proportional to the population for a third of the areas.
            let count = if i % 3 == 0 {
                u64::from(population / 100)
            } else {
                u64::from((i * 7) % 23)
            };
            b.add(Some(&code), month, "Burglary", count);
            let mut a = Area::named(&code, &format!("Area {}", 59 - i));
            a.population = Some(population);
            a.imd_score = Some(match i % 9 {
                0 => 0.0,
                1 => -0.0,
                k => f64::from(k) * 1.5,
            });
            a.imd_decile = deciles.then_some((i % 10) as u8 + 1);
            areas.push(a);
        }
        let ds = Dataset::new(b.build().unwrap(), areas, &Categories::default());
        let p = Period::parse("2024-01").unwrap();
        let pair = PeriodPair {
            previous: p,
            current: p,
        };
        let totals = PeriodTotals::new(&ds.cube, &pair);
        let map = LevelMap::new(&ds, AreaLevel::Base, None);
        let by_rate = rank_areas(&ds, &totals, &map, &Selection::AllCrime, Measure::Rate);
        let by_count = rank_areas(&ds, &totals, &map, &Selection::AllCrime, Measure::Count);
        (by_rate, by_count, map)
    }

    #[test]
    fn ranking_order_does_not_change_the_analysis() {
        // A ranking by rate takes the shortcut (its order is the rate order);
        // one by count lists the same areas in another order and sorts afresh.
        for deciles in [false, true] {
            let (by_rate, by_count, map) = tied_fixture(deciles);
            let fast = deprivation(&by_rate, &map).unwrap();
            let sorted = deprivation(&by_count, &map).unwrap();
            assert_eq!(fast, sorted);
            assert_eq!(fast.areas, 60);
            assert_eq!(fast.measure, ImdMeasure::Score);
            assert!(!fast.high_on_both.is_empty());
            // Spearman from the areas directly (slow path of `spearman`).
            let used: Vec<&RankRow> = by_rate.rows.iter().collect();
            let rates: Vec<f64> = used
                .iter()
                .map(|r| r.current as f64 / r.population.unwrap() as f64)
                .collect();
            let scores: Vec<f64> = used
                .iter()
                .map(|r| map.areas[r.index].as_ref().unwrap().imd_score.unwrap())
                .collect();
            assert_eq!(fast.spearman, spearman(&rates, &scores));
        }
    }
}
