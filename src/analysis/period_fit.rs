//! Which period pairs a dataset can show: how each preset fits the data
//! (whole, with months without data, or beyond the data), the pair a
//! dataset opens on, and whether a pair compares like with like.
//!
//! The data is the dataset's main source (police.uk's, when a council's
//! records are beside it). The pair a dataset opens on is always one the
//! data covers fully: the
//! publisher's own (the manifest's `default_period`) when it does, else the
//! first preset that does (in [`Preset::ALL`] order), else the latest run
//! of months with data split into halves (the later half against the
//! earlier: different seasons, which the pages say), else — with a single
//! month of data — that month against the month before, which has none
//! (shown, and said, as not compared).

use crate::data::Cube;

use super::coverage::Coverage;
use super::period::{Period, PeriodError, PeriodPair, Preset};

/// How a preset fits a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Every month of both periods has data.
    Whole(PeriodPair),
    /// Inside the data's range, but this many months of the two periods
    /// have no data (the periods are shown, not compared).
    Gaps(PeriodPair, usize),
    /// The periods reach outside the data.
    Outside(PeriodError),
}

impl Fit {
    /// The pair, when it lies inside the data.
    pub fn pair(&self) -> Option<PeriodPair> {
        match self {
            Fit::Whole(p) | Fit::Gaps(p, _) => Some(*p),
            Fit::Outside(_) => None,
        }
    }
}

/// How `preset` fits `cube`.
pub fn preset_fit(cube: &Cube, preset: Preset) -> Fit {
    fit(cube, preset.pair(cube.first_month(), cube.last_month()))
}

/// How an explicit `pair` fits `cube`.
pub fn pair_fit(cube: &Cube, pair: PeriodPair) -> Fit {
    fit(
        cube,
        pair.check_within(cube.first_month(), cube.last_month())
            .map(|_| pair),
    )
}

fn fit(cube: &Cube, pair: Result<PeriodPair, PeriodError>) -> Fit {
    match pair {
        Err(e) => Fit::Outside(e),
        Ok(pair) => {
            let c = Coverage::of(cube, &pair, &main_source(cube));
            match c.current.len() + c.previous.len() {
                0 => Fit::Whole(pair),
                n => Fit::Gaps(pair, n),
            }
        }
    }
}

/// The categories of the dataset's main source (police.uk's, beside a
/// council's): the data the presets and the default periods are fitted to.
pub fn main_source(cube: &Cube) -> Vec<bool> {
    cube.sources_of_categories()
        .iter()
        .map(|&s| s == 0)
        .collect()
}

/// The pair a dataset opens on (see the module docs); `named` is the
/// publisher's choice, used when the data covers it fully.
pub fn default_pair(cube: &Cube, named: Option<PeriodPair>) -> PeriodPair {
    if let Some(Fit::Whole(pair)) = named.map(|p| pair_fit(cube, p)) {
        return pair;
    }
    if let Some(pair) = Preset::ALL
        .into_iter()
        .find_map(|p| match preset_fit(cube, p) {
            Fit::Whole(pair) => Some(pair),
            _ => None,
        })
    {
        return pair;
    }
    halves_of_latest_run(cube)
}

/// The latest run of consecutive months with data, split into halves: the
/// later against the earlier (the odd month, if any, left out at the
/// start). A run of one month is compared with the month before it.
fn halves_of_latest_run(cube: &Cube) -> PeriodPair {
    let last = (0..cube.month_count())
        .rev()
        .find(|&mi| cube.source_has_data(0, mi))
        .unwrap_or(cube.month_count().saturating_sub(1));
    let mut first = last;
    while first > 0 && cube.source_has_data(0, first - 1) {
        first -= 1;
    }
    let month = |i: usize| {
        cube.first_month()
            .offset(i as i64)
            .expect("a month of the cube")
    };
    let run = last - first + 1;
    let half = run / 2;
    if half == 0 {
        let end = month(last);
        let before = end.offset(-1).unwrap_or(end);
        return PeriodPair {
            current: Period { start: end, end },
            previous: Period {
                start: before,
                end: before,
            },
        };
    }
    PeriodPair {
        current: Period {
            start: month(last + 1 - half),
            end: month(last),
        },
        previous: Period {
            start: month(last + 1 - 2 * half),
            end: month(last - half),
        },
    }
}

/// True when the two periods cover the same times of year: equal lengths,
/// and either whole years or starting in the same month of the year. A
/// pair that does not may differ only because of the seasons.
pub fn same_seasons(pair: &PeriodPair) -> bool {
    let (c, p) = (pair.current, pair.previous);
    c.months() == p.months()
        && (c.months() % 12 == 0 || c.start.month_of_year() == p.start.month_of_year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{CubeBuilder, Month};

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    fn cube(months: &[&str]) -> Cube {
        let mut b = CubeBuilder::new();
        for month in months {
            b.add(Some("A"), m(month), "Drugs", 1);
        }
        b.build().unwrap()
    }

    fn months(from: &str, n: i64) -> Vec<String> {
        (0..n)
            .map(|i| m(from).offset(i).unwrap().to_string())
            .collect()
    }

    fn text(p: PeriodPair) -> String {
        format!("{} vs {}", p.current, p.previous)
    }

    #[test]
    fn three_julys_open_on_july_against_july() {
        let c = cube(&["2016-07", "2017-07", "2018-07"]);
        assert!(matches!(
            preset_fit(&c, Preset::Rolling12),
            Fit::Gaps(_, 22)
        ));
        assert!(matches!(preset_fit(&c, Preset::LatestMonth), Fit::Whole(_)));
        assert_eq!(
            text(default_pair(&c, None)),
            "2018-07..2018-07 vs 2017-07..2017-07"
        );
    }

    #[test]
    fn twelve_months_open_on_halves_of_different_seasons() {
        let all = months("2025-01", 12);
        let c = cube(&all.iter().map(String::as_str).collect::<Vec<_>>());
        for p in Preset::ALL {
            assert!(matches!(preset_fit(&c, p), Fit::Outside(_)), "{p:?}");
        }
        let pair = default_pair(&c, None);
        assert_eq!(text(pair), "2025-07..2025-12 vs 2025-01..2025-06");
        assert!(!same_seasons(&pair));
        // The publisher's own choice wins when the data covers it.
        let named = PeriodPair {
            current: Period::parse("2025-10..2025-12").unwrap(),
            previous: Period::parse("2025-07..2025-09").unwrap(),
        };
        assert_eq!(default_pair(&c, Some(named)), named);
        let outside = PeriodPair {
            current: Period::parse("2025-10..2026-01").unwrap(),
            ..named
        };
        assert_eq!(default_pair(&c, Some(outside)), pair);
    }

    #[test]
    fn thirteen_months_open_on_a_month_against_a_year_before() {
        let all = months("2023-03", 13);
        let c = cube(&all.iter().map(String::as_str).collect::<Vec<_>>());
        let pair = default_pair(&c, None);
        assert_eq!(text(pair), "2024-03..2024-03 vs 2023-03..2023-03");
        assert!(same_seasons(&pair));
    }

    #[test]
    fn a_gap_moves_the_default_to_the_latest_whole_run() {
        // 2024-01..2024-04 with data, May none, Jun..Sep with data.
        let mut ms = months("2024-01", 4);
        ms.extend(months("2024-06", 4));
        let c = cube(&ms.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(
            text(default_pair(&c, None)),
            "2024-08..2024-09 vs 2024-06..2024-07"
        );
        // One month of data: compared with the month before (no data).
        let one = cube(&["2024-05"]);
        let pair = default_pair(&one, None);
        assert_eq!(text(pair), "2024-05..2024-05 vs 2024-04..2024-04");
    }

    #[test]
    fn seasons_by_hand() {
        let pair = |c: &str, p: &str| PeriodPair {
            current: Period::parse(c).unwrap(),
            previous: Period::parse(p).unwrap(),
        };
        assert!(same_seasons(&pair("2024-10..2025-09", "2023-10..2024-09")));
        assert!(
            same_seasons(&pair("2024-02..2025-01", "2023-01..2023-12")),
            "whole years"
        );
        assert!(same_seasons(&pair("2025-04..2025-06", "2024-04..2024-06")));
        assert!(!same_seasons(&pair("2025-07..2025-12", "2025-01..2025-06")));
        assert!(!same_seasons(&pair("2025-04..2025-06", "2024-04..2024-07")));
    }
}
