//! Hand-checked rankings on a small hierarchy: five LSOAs with counts (and
//! one without) in four wards in two districts.

use super::*;
use crate::analysis::level::AreaLevel;
use crate::analysis::{Period, PeriodPair};
use crate::data::{Area, AreaCode, Categories, CubeBuilder, Level, Month};

fn m(s: &str) -> Month {
    s.parse().unwrap()
}

fn area(code: &str, name: &str, parent: Option<&str>, population: Option<u32>) -> Area {
    let mut a = Area::named(code, name);
    a.parent = parent.map(AreaCode::from);
    a.population = population;
    a
}

/// Ward (LSOAs: previous → current burglaries, residents):
/// Ash (L1 5 → 10, 1000; L2 5 → 20, 1000) = 10 → 30, 2000;
/// Beech (L3 40 → 30, 1500); Cedar (L4 20 → 10, 500);
/// Damson (L5 30 → 50, 2000; L6 no crime, 500) = 30 → 50, 2500.
/// Districts: Northtown = Ash + Beech; Southtown = Cedar + Damson, whose
/// own population (3,100) is listed. E01000099 has counts (0 → 3) but is
/// not in the areas file.
fn fixture() -> (Dataset, PeriodTotals) {
    let mut b = CubeBuilder::new();
    for (lsoa, prev, cur) in [
        ("E01000001", 5, 10),
        ("E01000002", 5, 20),
        ("E01000003", 40, 30),
        ("E01000004", 20, 10),
        ("E01000005", 30, 50),
        ("E01000099", 0, 3),
    ] {
        b.add(Some(lsoa), m("2024-01"), "Burglary", prev);
        b.add(Some(lsoa), m("2024-02"), "Burglary", cur);
    }
    let areas = vec![
        area("E08000001", "Northtown", None, None),
        area("E08000002", "Southtown", None, Some(3100)),
        area("E05000001", "Ash", Some("E08000001"), None),
        area("E05000002", "Beech", Some("E08000001"), None),
        area("E05000003", "Cedar", Some("E08000002"), None),
        area("E05000004", "Damson", Some("E08000002"), None),
        area("E01000001", "Ash A", Some("E05000001"), Some(1000)),
        area("E01000002", "Ash B", Some("E05000001"), Some(1000)),
        area("E01000003", "Beech A", Some("E05000002"), Some(1500)),
        area("E01000004", "Cedar A", Some("E05000003"), Some(500)),
        area("E01000005", "Damson A", Some("E05000004"), Some(2000)),
        area("E01000006", "Damson B", Some("E05000004"), Some(500)),
    ];
    let ds = Dataset::new(b.build().unwrap(), areas, &Categories::default());
    let pair = PeriodPair {
        previous: Period::parse("2024-01").unwrap(),
        current: Period::parse("2024-02").unwrap(),
    };
    let totals = PeriodTotals::new(&ds.cube, &pair);
    (ds, totals)
}

fn names(r: &Ranking) -> Vec<&str> {
    r.rows.iter().map(|x| r.name(x)).collect()
}

fn column<T: Copy>(r: &Ranking, f: impl Fn(&RankRow) -> T) -> Vec<T> {
    r.rows.iter().map(f).collect()
}

#[test]
fn wards_by_count_with_ties_and_movement() {
    let (ds, totals) = fixture();
    let wards = LevelMap::new(&ds, AreaLevel::Gss(Level::Ward), None);
    let r = rank_areas(&ds, &totals, &wards, &Selection::AllCrime, Measure::Count);
    assert_eq!(names(&r), vec!["Damson", "Ash", "Beech", "Cedar"]);
    assert_eq!(column(&r, |x| x.current), vec![50, 30, 30, 10]);
    assert_eq!(
        column(&r, |x| x.rank),
        vec![Some(1), Some(2), Some(2), Some(4)]
    );
    // Previous: Beech 40, Damson 30, Cedar 20, Ash 10.
    assert_eq!(
        column(&r, |x| x.previous_rank),
        vec![Some(2), Some(4), Some(1), Some(3)]
    );
    assert_eq!(
        column(&r, |x| x.movement),
        vec![Some(1), Some(2), Some(-1), Some(-1)]
    );
    // Damson's residents include L6, which has no crime.
    assert_eq!(r.rows[0].population, Some(2500));
    // Up one step from the LSOAs is the same level.
    let up = LevelMap::new(&ds, AreaLevel::Up(1), None);
    assert_eq!(up.codes, wards.codes);
}

#[test]
fn wards_by_rate_tie_exactly_and_compare_with_the_whole() {
    let (ds, totals) = fixture();
    let wards = LevelMap::new(&ds, AreaLevel::Gss(Level::Ward), None);
    let r = rank_areas(&ds, &totals, &wards, &Selection::AllCrime, Measure::Rate);
    // 30/1500 = 10/500 = 50/2500 = 20 per 1,000; Ash 30/2000 = 15.
    assert_eq!(names(&r), vec!["Beech", "Cedar", "Damson", "Ash"]);
    assert_eq!(
        column(&r, |x| x.rank),
        vec![Some(1), Some(1), Some(1), Some(4)]
    );
    // Previous rates: Cedar 40, Beech 26.7, Damson 12, Ash 5.
    assert_eq!(
        column(&r, |x| x.movement),
        vec![Some(1), Some(0), Some(2), Some(0)]
    );
    // The whole: the LSOAs with counts, 120 among 6,000 residents (L6's
    // 500 have no counts and are not in it).
    let whole = r.whole_rate.unwrap().per_1000;
    assert!((whole - 20.0).abs() < 1e-9);
    // Ash: 15 per 1,000, Byar interval 10.1–21.4 contains 20.
    let ash = &r.rows[3];
    assert!((ash.rate.unwrap().per_1000 - 15.0).abs() < 1e-12);
    assert_eq!(ash.vs_whole, Some(VsWhole::Similar));
}

#[test]
fn districts_sum_their_children_and_use_their_own_population() {
    let (ds, totals) = fixture();
    let districts = LevelMap::new(&ds, AreaLevel::Gss(Level::District), None);
    let r = rank_areas(
        &ds,
        &totals,
        &districts,
        &Selection::AllCrime,
        Measure::Count,
    );
    assert_eq!(names(&r), vec!["Northtown", "Southtown"]);
    assert_eq!(
        column(&r, |x| (x.previous, x.current)),
        vec![(50, 60), (50, 60)]
    );
    assert_eq!(column(&r, |x| x.rank), vec![Some(1), Some(1)]);
    assert_eq!(column(&r, |x| x.population), vec![Some(3500), Some(3100)]);
    // Wards within Southtown only.
    let south = LevelMap::new(&ds, AreaLevel::Gss(Level::Ward), Some("E08000002"));
    let r = rank_areas(&ds, &totals, &south, &Selection::AllCrime, Measure::Count);
    assert_eq!(names(&r), vec!["Damson", "Cedar"]);
    assert!(LevelMap::new(&ds, AreaLevel::Gss(Level::Msoa), None).is_empty());
}

#[test]
fn areas_without_residents_are_unranked_by_rate_and_listed_last() {
    let (ds, totals) = fixture();
    let base = LevelMap::new(&ds, AreaLevel::Base, None);
    assert_eq!(base.len(), 6);
    let r = rank_areas(&ds, &totals, &base, &Selection::AllCrime, Measure::Rate);
    let last = r.rows.last().unwrap();
    assert_eq!(r.code(last), "E01000099");
    assert_eq!((last.rank, last.rate, last.movement), (None, None, None));
    // By count it is ranked: 3 is the smallest now (6th), and 0 was the
    // smallest before (6th), so no movement.
    let r = rank_areas(&ds, &totals, &base, &Selection::AllCrime, Measure::Count);
    let row = r.rows.iter().find(|x| r.code(x) == "E01000099").unwrap();
    assert_eq!(
        (row.rank, row.previous_rank, row.movement),
        (Some(6), Some(6), Some(0))
    );
}

#[test]
fn zeros_tie() {
    let (order, ranks) = competition_ranks(&[0, 7, 0, 7, 9], &[], Measure::Count, &[4, 3, 2, 1, 0]);
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
