//! The findings about the areas: the top of the ranking, the areas above
//! the whole's rate, notable rank moves (with the area's own
//! significance) and the link with deprivation.

use crate::analysis::deprivation::{Band, Deprivation};
use crate::analysis::rank::{Measure, RankRow, Ranking};
use crate::analysis::rate::VsWhole;
use crate::analysis::stats::{verdict, Verdict};
use crate::format::{ordinal, signed, thousands};

use super::{join_and, FindingKind, FindingsInput, TOP};

/// The findings of a ranking: its top areas, how many are above the
/// whole's rate (by rate), and its notable moves.
pub(super) fn ranking_findings(
    r: &Ranking,
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let level = input.level_name;
    let by_rate = r.measure == Measure::Rate;
    let top: Vec<String> = r
        .rows
        .iter()
        .filter(|x| x.rank.is_some_and(|k| k <= 3))
        .take(5)
        .map(|row| describe(r, row, input))
        .collect();
    if !top.is_empty() {
        let what = if by_rate { "crime rates" } else { "counts" };
        push(
            FindingKind::TopAreas,
            format!(
                "The {level}s with the highest {what} were {}.",
                join_and(&top)
            ),
        );
    }
    if by_rate {
        let higher = r
            .rows
            .iter()
            .filter(|x| x.vs_whole == Some(VsWhole::Higher))
            .count();
        let rated = r.rows.iter().filter(|x| x.rate.is_some()).count();
        if let (Some(w), true) = (r.whole_rate, rated > 0) {
            push(FindingKind::TopAreas, format!("{higher} of {rated} {level}s have a crime rate significantly above the overall {:.1} per 1,000 residents.", w.per_1000));
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
        (Measure::Rate, Some(rate)) if !input.rule.is_small(row.current) => {
            format!("{} ({:.1} per 1,000 residents)", r.name(row), rate.per_1000)
        }
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
    let rule = input.rule;
    let joint = |k: u32, f: &dyn Fn(&RankRow) -> Option<u32>| {
        let n = r.rows.iter().filter(|y| f(y) == Some(k)).count();
        if n > 1 {
            format!("joint {}", ordinal(k))
        } else {
            ordinal(k)
        }
    };
    let direction = if m > 0 { "moved up" } else { "moved down" };
    let mut text = format!(
        "{} {direction} from {} to {} of {} {}s",
        r.name(x),
        joint(before, &|y| y.previous_rank),
        joint(now, &|y| y.rank),
        r.rows.len(),
        input.level_name
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
        text.push_str(&match v {
            Verdict::SignificantIncrease => format!("; its count rose significantly ({change})"),
            Verdict::SignificantDecrease => format!("; its count fell significantly ({change})"),
            Verdict::NoSignificantChange => {
                format!("; its own change ({change}) is within normal variation")
            }
            Verdict::NotCompared => String::new(),
        });
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
    let level = input.level_name;
    let Some(rho) = d.spearman else { return };
    let significant = d.spearman_p.is_some_and(|p| p < 0.05);
    let part = if d.band_count == 10 { "tenth" } else { "fifth" };
    let rate_of = |b: Option<&Band>| {
        b.filter(|b| !input.rule.is_small(b.count))
            .and_then(|b| b.rate)
            .map(|r| format!("{:.1}", r.per_1000))
    };
    let ends = match (rate_of(d.bands.first()), rate_of(d.bands.last())) {
        (Some(a), Some(b)) if d.bands.len() > 1 => format!(": {a} per 1,000 residents in the most deprived {part} against {b} in the least deprived"),
        _ => String::new(),
    };
    let text = if significant && rho > 0.0 {
        format!("Crime rates are higher in more deprived {level}s{ends} (Spearman's ρ = {rho:.2}, statistically significant).")
    } else if significant {
        format!("Crime rates are lower in more deprived {level}s{ends} (Spearman's ρ = {rho:.2}, statistically significant).")
    } else {
        format!("There is no statistically significant link between crime rates and deprivation across the {} {level}s (Spearman's ρ = {rho:.2}).", d.areas)
    };
    push(FindingKind::Deprivation, text);
    let names: Vec<String> = d
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
    if !names.is_empty() {
        let verb = if names.len() == 1 { "is" } else { "are" };
        push(FindingKind::Deprivation, format!("{} {verb} in both the highest fifth of {level}s for crime rate and the most deprived fifth.", join_and(&names)));
    }
}
