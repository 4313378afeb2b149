//! Hand-checked deprivation analysis. Reference values from SciPy 1.17.1:
//! `scipy.stats.spearmanr([60,50,40,45,10,20], [-1,-2,-3,-4,-5,-6])` →
//! statistic 0.8857142857142858, pvalue 0.01884548104956266.

use super::*;
use crate::analysis::level::AreaLevel;
use crate::analysis::rank::rank_areas;
use crate::analysis::rank::RankRow;
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
    let bands: Vec<(u8, usize, u64)> = d.bands.iter().map(|b| (b.band, b.areas, b.count)).collect();
    // Quintile = ⌈decile/2⌉: 1,1,2,2,5,5 (empty quintiles 3 and 4 omitted).
    assert_eq!(bands, vec![(1, 2, 110), (2, 2, 85), (5, 2, 30)]);
}

#[test]
fn too_few_areas_give_no_analysis() {
    let (ranking, map) = fixture(None, 4);
    assert_eq!(deprivation(&ranking, &map), None);
}

#[test]
fn p_value_of_rho_matches_scipy() {
    // scipy.stats.spearmanr([1,2,3,4,5,6,7], [2,1,4,3,7,5,6]) →
    // 0.8214285714285715, pvalue 0.0234488083456915.
    let p = spearman_p_value(0.821_428_571_428_571_5, 7);
    assert!((p - 0.023_448_808_345_691_5).abs() < 1e-10, "{p}");
    assert_eq!(spearman_p_value(1.0, 7), 0.0);
    assert_eq!(spearman_p_value(0.5, 2), 1.0);
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
