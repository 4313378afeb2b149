//! Rankings of the areas of one level by count or by rate.
//!
//! 1 = most; ties share the best rank (1, 2, 2, 4); the previous rank is
//! by the same measure over the previous period; movement = previous rank −
//! current rank (positive = moved up, towards 1st). Rates are compared
//! exactly (as fractions, in integers). By rate, areas without residents
//! have no rank and are listed last. Display order: rank, then name, then
//! code.

mod competition;
mod peers;

use std::sync::Arc;

use serde::Serialize;

use crate::data::Dataset;

use super::level::{AreaLabels, LevelMap};
use super::rate::{rate, vs_whole, whole_rate, Rate, VsWhole};
use super::selection::Selection;
use super::totals::{PeriodTotals, Which};

pub use competition::competition_ranks;
use competition::ranks_only;
pub(crate) use competition::{ordered_bits, sort_largest_first};
pub use peers::peer_sentence;

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
    // (Slices: indexing a Vec is a call at the release build's opt-level.)
    let (current, previous) = (sums.current.as_slice(), sums.previous.as_slice());
    let pops = map.populations.as_slice();
    let whole = sums.whole.or_else(|| whole_rate(current, pops));
    let (order, ranks) = competition_ranks(current, pops, measure, &map.name_order);
    let previous_ranks = ranks_only(previous, pops, measure, &map.name_order);
    let (ranks, previous_ranks) = (ranks.as_slice(), previous_ranks.as_slice());
    let rows = order
        .into_iter()
        .map(|i| {
            let population = pops[i];
            let count = current[i];
            let r = population.and_then(|p| rate(count, p));
            let (rank, previous_rank) = (ranks[i], previous_ranks[i]);
            RankRow {
                index: i,
                previous: previous[i],
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
        let (now_sums, before_sums) = (current.as_mut_slice(), previous.as_mut_slice());
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
            now_sums[t] += now;
            before_sums[t] += masked(totals.area(a, Which::Previous));
        }
        LevelSums {
            current,
            previous,
            whole: rate(whole_count, whole_people),
        }
    }
}

#[cfg(test)]
mod tests {
    // Hand-checked rankings on a small hierarchy: five LSOAs with counts (and
    // one without) in four wards in two districts.

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
}
