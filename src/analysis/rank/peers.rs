//! An area among its peers (the other areas of its level in a ranking by
//! rate): "Stockton-on-Tees had the lowest rate of the 4 boroughs,
//! significantly lower than 2 of them". Two rates differ significantly when
//! their 95% intervals do not overlap (conservative: a test of the
//! difference would find more). A superlative ("the lowest") is said only
//! when the area's interval lies wholly below (or above) every other's;
//! otherwise the sentence says its place and how many it differs from.

use crate::i18n::{Msg, Words};

use super::Ranking;
use crate::analysis::rate::Rate;

/// How `code`'s rate stands among the other areas of `ranking` with a
/// rate, as a sentence naming the areas by `plural` (e.g. `boroughs`);
/// `None` when it has no rate or has no peer with one.
pub fn peer_sentence(ranking: &Ranking, code: &str, plural: &str, w: &Words) -> Option<String> {
    let rated: Vec<(&str, Rate)> = ranking
        .rows
        .iter()
        .filter_map(|r| Some((ranking.code(r), r.rate?)))
        .collect();
    let (name, own) = ranking
        .rows
        .iter()
        .find(|r| ranking.code(r) == code)
        .and_then(|r| Some((ranking.name(r), r.rate?)))?;
    let others: Vec<Rate> = rated
        .iter()
        .filter(|(c, _)| *c != code)
        .map(|(_, r)| *r)
        .collect();
    if others.is_empty() {
        return None;
    }
    let n = others.len() + 1;
    let lower_than = others.iter().filter(|o| own.high < o.low).count();
    let higher_than = others.iter().filter(|o| own.low > o.high).count();
    // Its place from the lowest: 1 + the peers with a lower rate.
    let from_lowest = 1 + others.iter().filter(|o| o.per_1000 < own.per_1000).count();
    let from_highest = n + 1 - from_lowest;
    let (msg, k) = if lower_than == others.len() {
        (Msg::PeerLowest, 1)
    } else if higher_than == others.len() {
        (Msg::PeerHighest, 1)
    } else if from_lowest == 1 {
        // Lowest, but not clearly: no superlative.
        (Msg::PeerOneOfLowest, 1)
    } else if from_lowest == n {
        (Msg::PeerOneOfHighest, 1)
    } else if from_lowest * 2 <= n + 1 {
        (Msg::PeerNthLowest, from_lowest)
    } else {
        (Msg::PeerNthHighest, from_highest)
    };
    let place = w.f(
        msg,
        &[
            ("n", &n.to_string()),
            ("plural", plural),
            ("nth", &ordinal_word(k, w)),
            ("but", &count_word(k - 1, w)),
        ],
    );
    let all = others.len();
    let (msg, l, h) = match (lower_than, higher_than) {
        (0, 0) => (Msg::PeerNotDifferent, 0, 0),
        (l, 0) if l == all => (Msg::PeerLowerThanEach, l, 0),
        (0, h) if h == all => (Msg::PeerHigherThanEach, 0, h),
        (l, 0) => (Msg::PeerLowerThanSome, l, 0),
        (0, h) => (Msg::PeerHigherThanSome, 0, h),
        (l, h) => (Msg::PeerLowerAndHigher, l, h),
    };
    let differs = w.f(
        msg,
        &[("lower", &count_word(l, w)), ("higher", &count_word(h, w))],
    );
    Some(w.f(
        Msg::PeerSentence,
        &[("name", name), ("place", &place), ("differs", &differs)],
    ))
}

/// `2nd`… as a word where it reads better: "second", "third" (the first
/// and the last are said otherwise).
fn ordinal_word(n: usize, w: &Words) -> String {
    match n {
        2 => w.t(Msg::Second).to_string(),
        3 => w.t(Msg::Third).to_string(),
        n => w.ordinal(n as u32),
    }
}

/// Small counts as words, as a sentence says them (`none|one|two|…` in
/// the catalogue); figures from ten.
fn count_word(n: usize, w: &Words) -> String {
    w.t(Msg::CountWords)
        .split('|')
        .nth(n)
        .map_or_else(|| n.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::level::AreaLabels;
    use crate::analysis::rank::RankRow;
    use crate::data::AreaCode;
    use std::sync::Arc;

    /// A ranking by rate of areas A, B, C… with these (rate, low, high).
    fn ranking(rates: &[(f64, f64, f64)]) -> Ranking {
        let codes: Vec<String> = (0..rates.len())
            .map(|i| ((b'A' + i as u8) as char).to_string())
            .collect();
        let rows = rates
            .iter()
            .enumerate()
            .map(|(index, &(per_1000, low, high))| RankRow {
                index,
                previous: 0,
                current: 0,
                population: None,
                rate: Some(Rate {
                    per_1000,
                    low,
                    high,
                }),
                vs_whole: None,
                rank: None,
                previous_rank: None,
                movement: None,
            })
            .collect();
        Ranking {
            measure: crate::analysis::Measure::Rate,
            rows,
            whole_rate: None,
            labels: Arc::new(AreaLabels {
                codes: codes.iter().map(|c| AreaCode::from(c.as_str())).collect(),
                names: codes.iter().map(|c| format!("Area {c}")).collect(),
            }),
        }
    }

    #[test]
    fn a_superlative_only_when_every_interval_supports_it() {
        // D (103.6, 102.2–105.1) lies wholly below A, B and C: the lowest.
        let r = ranking(&[
            (157.7, 155.6, 159.7),
            (139.4, 137.0, 141.8),
            (109.9, 108.1, 111.6),
            (103.6, 102.2, 105.1),
        ]);
        assert_eq!(
            peer_sentence(&r, "D", "boroughs", crate::i18n::english()).as_deref(),
            Some("Area D had the lowest rate of the 4 boroughs, significantly lower than each of the others.")
        );
        assert_eq!(
            peer_sentence(&r, "A", "boroughs", crate::i18n::english()).as_deref(),
            Some("Area A had the highest rate of the 4 boroughs, significantly higher than each of the others.")
        );
        // C: above D's interval, below A's and B's.
        assert_eq!(
            peer_sentence(&r, "C", "boroughs", crate::i18n::english()).as_deref(),
            Some("Area C had the second lowest rate of the 4 boroughs, significantly lower than two and higher than one of them.")
        );
    }

    #[test]
    fn lowest_by_a_whisker_is_one_of_the_lowest() {
        // B is lowest, but its interval overlaps C's: no superlative.
        let r = ranking(&[
            (150.0, 140.0, 160.0),
            (100.0, 95.0, 105.0),
            (102.0, 97.0, 107.0),
        ]);
        assert_eq!(
            peer_sentence(&r, "B", "wards", crate::i18n::english()).as_deref(),
            Some("Area B had one of the lowest rates of the 3 wards, significantly lower than one of them.")
        );
        // C overlaps B and lies below A.
        assert_eq!(
            peer_sentence(&r, "C", "wards", crate::i18n::english()).as_deref(),
            Some("Area C had the second lowest rate of the 3 wards, significantly lower than one of them.")
        );
    }

    #[test]
    fn no_rate_or_no_peer_no_sentence() {
        let r = ranking(&[(100.0, 95.0, 105.0)]);
        assert_eq!(
            peer_sentence(&r, "A", "wards", crate::i18n::english()),
            None,
            "alone"
        );
        assert_eq!(
            peer_sentence(&r, "Z", "wards", crate::i18n::english()),
            None,
            "not in it"
        );
        let r = ranking(&[(100.0, 90.0, 110.0), (101.0, 91.0, 111.0)]);
        assert_eq!(
            peer_sentence(&r, "A", "wards", crate::i18n::english()).as_deref(),
            Some("Area A had one of the lowest rates of the 2 wards, not significantly different from any of the others.")
        );
    }
}
