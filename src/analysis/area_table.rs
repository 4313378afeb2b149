//! Comparison tables by area at any level of the hierarchy (e.g. districts
//! from an LSOA cube), and rankings as they may be shown.

use serde::Serialize;

use crate::data::Dataset;

use super::compare::{comparison_from_counts, Scope};
use super::disclosure::{protect_group, Disclosure, Shown};
use super::level::LevelMap;
use super::rank::Ranking;
use super::selection::Selection;
use super::table::{CompareRow, RowRole};
use super::totals::{PeriodTotals, Which};

/// One row per area of `map` for `selection`, then a `not-allocated` row
/// for the rest of the whole (counts with no area, and areas outside the
/// level) when it is not zero, then the whole as the total. Parts are
/// ordered by current count, largest first, ties by name then code;
/// `share_pct` is the share of the whole's count of the selection.
pub fn compare_areas(
    ds: &Dataset,
    t: &PeriodTotals,
    map: &LevelMap,
    selection: &Selection,
) -> Vec<CompareRow> {
    let mask = selection.mask(&ds.categories);
    let previous = map.sum(&t.per_area(&mask, Which::Previous));
    let current = map.sum(&t.per_area(&mask, Which::Current));
    let whole_prev = t.total(Scope::Whole, &mask, Which::Previous);
    let whole_cur = t.total(Scope::Whole, &mask, Which::Current);
    let coverage = t.coverage(&mask);
    let row = |key: &str, name: &str, role, p: u64, c: u64| {
        let mut comparison =
            comparison_from_counts(selection.clone(), p, c, 0, &t.pair, coverage.clone());
        comparison.share_pct = (whole_cur > 0).then(|| c as f64 / whole_cur as f64 * 100.0);
        CompareRow {
            key: key.to_string(),
            name: name.to_string(),
            role,
            comparison,
        }
    };
    let mut order: Vec<usize> = (0..map.len()).collect();
    order.sort_by(|&a, &b| {
        current[b]
            .cmp(&current[a])
            .then(map.name_order[a].cmp(&map.name_order[b]))
    });
    let mut rows: Vec<CompareRow> = order
        .iter()
        .map(|&i| {
            let (code, name) = (map.labels.code(i), map.labels.name(i));
            row(code, name, RowRole::Part, previous[i], current[i])
        })
        .collect();
    let rest_prev = whole_prev.saturating_sub(previous.iter().sum());
    let rest_cur = whole_cur.saturating_sub(current.iter().sum());
    if rest_prev > 0 || rest_cur > 0 {
        let name = "Not allocated to these areas";
        rows.push(row(
            "not-allocated",
            name,
            RowRole::Part,
            rest_prev,
            rest_cur,
        ));
    }
    rows.push(row(
        "whole",
        "Whole area",
        RowRole::Total,
        whole_prev,
        whole_cur,
    ));
    rows
}

/// A ranking row as it may be shown (names borrowed from the ranking).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownRank<'a> {
    /// Rank now (1 = most).
    pub rank: Option<u32>,
    /// Area code.
    pub area_code: &'a str,
    /// Area name.
    pub area_name: &'a str,
    /// Count in the current period.
    pub current: Shown<u64>,
    /// Rate per 1,000 residents.
    pub rate_per_1000: Shown<f64>,
    /// Byar 95% interval, lower end.
    pub rate_low: Shown<f64>,
    /// Byar 95% interval, upper end.
    pub rate_high: Shown<f64>,
    /// `higher`, `similar` or `lower` than the whole's rate.
    pub vs_whole: Option<&'static str>,
    /// Rank in the previous period.
    pub previous_rank: Option<u32>,
    /// previous rank − rank.
    pub movement: Option<i64>,
}

/// Applies a disclosure rule to a ranking. The current counts are a group
/// whose total (the whole) is shown elsewhere, with `rest` (the whole's
/// count outside the ranked areas, e.g. not allocated) as a further known
/// cell; secondary suppression follows the module rule of
/// [`super::disclosure`]. A suppressed count's rate and interval are
/// suppressed too. (Rank positions still bound a suppressed count between
/// its neighbours' counts; they cannot give it exactly.)
pub fn show_ranking<'a>(r: &'a Ranking, rule: &Disclosure, rest: u64) -> Vec<ShownRank<'a>> {
    let mut values: Vec<u64> = r.rows.iter().map(|x| x.current).collect();
    values.push(rest);
    let total = values.iter().sum();
    let (hidden, _) = protect_group(rule, &values, Some(total));
    r.rows
        .iter()
        .zip(hidden)
        .map(|(x, h)| {
            let rate = |v: Option<f64>| match (h, v) {
                (_, None) => Shown::Missing,
                (true, Some(_)) => Shown::Suppressed,
                (false, Some(v)) => Shown::Value(v),
            };
            ShownRank {
                rank: x.rank,
                area_code: r.code(x),
                area_name: r.name(x),
                current: if h {
                    Shown::Suppressed
                } else {
                    Shown::Value(x.current)
                },
                rate_per_1000: rate(x.rate.map(|r| r.per_1000)),
                rate_low: rate(x.rate.map(|r| r.low)),
                rate_high: rate(x.rate.map(|r| r.high)),
                vs_whole: x.vs_whole.map(|v| v.label()),
                previous_rank: x.previous_rank,
                movement: x.movement,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::level::AreaLevel;
    use crate::analysis::rank::{rank_areas, Measure};
    use crate::analysis::{Period, PeriodPair};
    use crate::data::{Area, AreaCode, Categories, CubeBuilder, Level, Month};

    /// LSOAs → districts: E08000001 has L1 (9 → 12) and L2 (3 → 2);
    /// E08000002 has L3 (20 → 30); L9 (1 → 1) has no district; 5 → 4
    /// burglaries are not allocated.
    fn fixture() -> (Dataset, PeriodTotals) {
        let mut b = CubeBuilder::new();
        let (jan, feb): (Month, Month) = ("2024-01".parse().unwrap(), "2024-02".parse().unwrap());
        for (area, p, c) in [
            (Some("E01000001"), 9, 12),
            (Some("E01000002"), 3, 2),
            (Some("E01000003"), 20, 30),
            (Some("E01000009"), 1, 1),
            (None, 5, 4),
        ] {
            b.add(area, jan, "Burglary", p);
            b.add(area, feb, "Burglary", c);
        }
        let child = |code: &str, parent: &str| {
            let mut a = Area::named(code, code);
            a.parent = Some(AreaCode::from(parent));
            a.population = Some(1000);
            a
        };
        let areas = vec![
            Area::named("E08000001", "North"),
            Area::named("E08000002", "South"),
            child("E01000001", "E08000001"),
            child("E01000002", "E08000001"),
            child("E01000003", "E08000002"),
        ];
        let ds = Dataset::new(b.build().unwrap(), areas, &Categories::default());
        let pair = PeriodPair {
            previous: Period::parse("2024-01").unwrap(),
            current: Period::parse("2024-02").unwrap(),
        };
        let t = PeriodTotals::new(&ds.cube, &pair);
        (ds, t)
    }

    #[test]
    fn districts_from_lsoas_add_up_to_the_whole() {
        let (ds, t) = fixture();
        let map = LevelMap::new(&ds, AreaLevel::Gss(Level::District), None);
        let rows = compare_areas(&ds, &t, &map, &Selection::AllCrime);
        let got: Vec<(&str, u64, u64)> = rows
            .iter()
            .map(|r| (r.key.as_str(), r.comparison.previous, r.comparison.current))
            .collect();
        assert_eq!(
            got,
            vec![
                ("E08000002", 20, 30),
                ("E08000001", 12, 14),
                ("not-allocated", 6, 5),
                ("whole", 38, 49)
            ]
        );
    }

    #[test]
    fn ranking_suppression_covers_rates_and_a_second_cell() {
        let (ds, t) = fixture();
        let map = LevelMap::new(&ds, AreaLevel::Base, None);
        let r = rank_areas(&ds, &t, &map, &Selection::AllCrime, Measure::Rate);
        // Current: L3 30, L1 12, L2 2, L9 1 (no residents), rest 4.
        // Under 5: L2, L9 and the rest (4) are small: three hidden already.
        let shown = show_ranking(&r, &Disclosure { threshold: Some(5) }, 4);
        let cur: Vec<Shown<u64>> = shown.iter().map(|s| s.current).collect();
        assert_eq!(
            cur,
            vec![
                Shown::Value(30),
                Shown::Value(12),
                Shown::Suppressed,
                Shown::Suppressed
            ]
        );
        assert_eq!(shown[2].rate_per_1000, Shown::Suppressed);
        assert_eq!(
            shown[3].rate_per_1000,
            Shown::Missing,
            "no residents: no rate, and hidden count"
        );
        let shown = show_ranking(&r, &Disclosure { threshold: Some(2) }, 4);
        // Under 2 only L9's 1 is small; the next smallest non-zero is L2's 2.
        let cur: Vec<Shown<u64>> = shown.iter().map(|s| s.current).collect();
        assert_eq!(
            cur,
            vec![
                Shown::Value(30),
                Shown::Value(12),
                Shown::Suppressed,
                Shown::Suppressed
            ]
        );
        assert_eq!(shown[0].rank, Some(1));
    }
}
