//! The findings about the areas: the top of the ranking, the areas above
//! the whole's rate, notable rank moves (with the area's own
//! significance) and the link with deprivation.

use crate::analysis::deprivation::{Band, Deprivation};
use crate::analysis::rank::{Measure, RankRow, Ranking};
use crate::analysis::rate::VsWhole;
use crate::analysis::stats::{verdict, Verdict};
use crate::format::{signed, thousands};
use crate::i18n::Msg;

use super::{join_and, FindingKind, FindingsInput, TOP};

/// The most areas high on both crime rate and deprivation named in a
/// finding; more are counted.
const HIGH_ON_BOTH_NAMED: usize = 8;

/// The findings of a ranking: its top areas, how many are above the
/// whole's rate (by rate), and its notable moves.
pub(super) fn ranking_findings(
    r: &Ranking,
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let (w, level) = (input.w, input.level_plural);
    let by_rate = r.measure == Measure::Rate;
    let top: Vec<String> = r
        .rows
        .iter()
        .filter(|x| x.rank.is_some_and(|k| k <= 3))
        .take(5)
        .map(|row| describe(r, row, input))
        .collect();
    if !top.is_empty() {
        let msg = if by_rate {
            Msg::HighestRates
        } else {
            Msg::HighestCounts
        };
        let top = join_and(&top, w);
        push(
            FindingKind::TopAreas,
            w.f(msg, &[("level", level), ("top", &top)]),
        );
    }
    if by_rate {
        let higher = r
            .rows
            .iter()
            .filter(|x| x.vs_whole == Some(VsWhole::Higher))
            .count();
        let rated = r.rows.iter().filter(|x| x.rate.is_some()).count();
        if let (Some(whole), true) = (r.whole_rate, rated > 0) {
            let text = w.f(
                Msg::AboveOverallRate,
                &[
                    ("higher", &higher.to_string()),
                    ("rated", &rated.to_string()),
                    ("level", level),
                    ("rate", &format!("{:.1}", whole.per_1000)),
                ],
            );
            push(FindingKind::TopAreas, text);
        }
    }
    let mut moves: Vec<&RankRow> = r
        .rows
        .iter()
        .filter(|x| match (x.rank, x.previous_rank, x.movement) {
            (Some(now), _, Some(m)) if m >= 2 && now <= 5 => true,
            (_, Some(before), Some(m)) if m <= -2 && before <= 5 => true,
            _ => false,
        })
        .collect();
    moves.sort_by_key(|x| (std::cmp::Reverse(x.movement.map_or(0, i64::abs)), x.rank));
    for x in moves.into_iter().take(TOP) {
        if let Some(text) = rank_move(r, x, input) {
            push(FindingKind::RankMove, text);
        }
    }
}

/// An area's name with its figure (rate or count) when it may be shown.
fn describe(r: &Ranking, row: &RankRow, input: &FindingsInput) -> String {
    match (r.measure, row.rate) {
        (Measure::Rate, Some(rate)) if !input.rule.is_small(row.current) => input.w.f(
            Msg::NameWithRate,
            &[
                ("name", r.name(row)),
                ("rate", &format!("{:.1}", rate.per_1000)),
            ],
        ),
        (Measure::Count, _) if !input.rule.is_small(row.current) => {
            format!("{} ({})", r.name(row), thousands(row.current))
        }
        _ => r.name(row).to_string(),
    }
}

/// A rank move in words (`joint` where others share a rank), with the
/// area's own change and its significance when every month has data and
/// both counts may be shown.
fn rank_move(r: &Ranking, x: &RankRow, input: &FindingsInput) -> Option<String> {
    let (now, before, m) = (x.rank?, x.previous_rank?, x.movement?);
    let (rule, w) = (input.rule, input.w);
    let joint = |k: u32, f: &dyn Fn(&RankRow) -> Option<u32>| {
        let n = r.rows.iter().filter(|y| f(y) == Some(k)).count();
        if n > 1 {
            w.f(Msg::JointRank, &[("rank", &w.ordinal(k))])
        } else {
            w.ordinal(k)
        }
    };
    let msg = if m > 0 {
        Msg::MovedUpFrom
    } else {
        Msg::MovedDownFrom
    };
    let mut text = w.f(
        msg,
        &[
            ("name", r.name(x)),
            ("before", &joint(before, &|y| y.previous_rank)),
            ("now", &joint(now, &|y| y.rank)),
            ("of", &r.rows.len().to_string()),
            ("level", input.level_plural),
        ],
    );
    let whole = input.coverage.is_complete();
    if whole && !rule.is_small(x.previous) && !rule.is_small(x.current) {
        let pair = input.pair;
        let (_, v) = verdict(
            x.previous,
            x.current,
            pair.previous.months(),
            pair.current.months(),
        );
        let change = signed(x.current as i64 - x.previous as i64);
        let own = match v {
            Verdict::SignificantIncrease => Some(Msg::OwnCountRose),
            Verdict::SignificantDecrease => Some(Msg::OwnCountFell),
            Verdict::NoSignificantChange => Some(Msg::OwnChangeNormal),
            Verdict::NotCompared => None,
        };
        if let Some(own) = own {
            text.push_str("; ");
            text.push_str(&w.f(own, &[("change", &change)]));
        }
    }
    text.push('.');
    Some(text)
}

/// The link between crime rates and deprivation, and the areas high on
/// both.
pub(super) fn deprivation_findings(
    d: &Deprivation,
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let (w, level) = (input.w, input.level_plural);
    let Some(rho) = d.spearman else { return };
    let significant = d.spearman_p.is_some_and(|p| p < 0.05);
    let ends_msg = if d.band_count == 10 {
        Msg::DeprivedTenthEnds
    } else {
        Msg::DeprivedFifthEnds
    };
    let rate_of = |b: Option<&Band>| {
        b.filter(|b| !input.rule.is_small(b.count))
            .and_then(|b| b.rate)
            .map(|r| format!("{:.1}", r.per_1000))
    };
    let ends = match (rate_of(d.bands.first()), rate_of(d.bands.last())) {
        (Some(a), Some(b)) if d.bands.len() > 1 => {
            format!(": {}", w.f(ends_msg, &[("most", &a), ("least", &b)]))
        }
        _ => String::new(),
    };
    let msg = match (significant, rho > 0.0) {
        (true, true) => Msg::DeprivationHigher,
        (true, false) => Msg::DeprivationLower,
        (false, _) => Msg::DeprivationNoLink,
    };
    let text = w.f(
        msg,
        &[
            ("level", level),
            ("ends", &ends),
            ("rho", &format!("{rho:.2}")),
            ("areas", &d.areas.to_string()),
        ],
    );
    push(FindingKind::Deprivation, text);
    let mut names: Vec<String> = d
        .high_on_both
        .iter()
        .filter_map(|&i| {
            let ranking = input.ranking?;
            ranking
                .rows
                .iter()
                .find(|r| r.index == i)
                .map(|r| ranking.name(r).to_string())
        })
        .collect();
    // A city's wards can be dozens: the first few named, the rest counted
    // (the deprivation page lists them all).
    if names.len() > HIGH_ON_BOTH_NAMED {
        let more = (names.len() - HIGH_ON_BOTH_NAMED).to_string();
        names.truncate(HIGH_ON_BOTH_NAMED);
        names.push(w.f(Msg::NamesMore, &[("n", &more)]));
    }
    if !names.is_empty() {
        let msg = if names.len() == 1 {
            Msg::HighOnBothOne
        } else {
            Msg::HighOnBoth
        };
        let names = join_and(&names, w);
        push(
            FindingKind::Deprivation,
            w.f(msg, &[("names", &names), ("level", level)]),
        );
    }
}
