//! Key findings: plain-English sentences generated from the numbers. A
//! change is called a rise or a fall only when it is statistically
//! significant; rank moves say "moved up/down" and give the area's own
//! significance; suppressed figures are never written out.

use serde::Serialize;

use crate::data::Month;
use crate::format::{ordinal, signed, signed_pct, thousands};

use super::coverage::Coverage;
use super::deprivation::Deprivation;
use super::disclosure::{Disclosure, Shown};
use super::narrative::{coverage_sentence, headline};
use super::period::PeriodPair;
use super::rank::{Measure, Ranking};
use super::rate::VsWhole;
use super::stats::{verdict, Verdict};
use super::table::{CompareRow, RowRole};
use super::targets::TargetResult;

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The overall change (all crime; anti-social behaviour).
    Headline,
    /// A significant rise.
    Rise,
    /// A significant fall.
    Fall,
    /// No category changed significantly.
    NoSignificantChange,
    /// The largest shares of all crime.
    Share,
    /// The areas at the top of the ranking.
    TopAreas,
    /// A notable move in the ranking.
    RankMove,
    /// The link with deprivation.
    Deprivation,
    /// Progress against a target.
    Target,
    /// A data-quality caveat.
    Caveat,
}

/// One generated sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The sentence.
    pub text: String,
}

/// Everything the findings are generated from (all optional but the
/// category table).
#[derive(Clone, Copy, Debug)]
pub struct FindingsInput<'a> {
    /// The two periods.
    pub pair: &'a PeriodPair,
    /// The category table of the scope ([`super::table::By::Category`]).
    pub categories: &'a [CompareRow],
    /// A ranking of areas, for the top areas and rank moves.
    pub ranking: Option<&'a Ranking>,
    /// What the ranked areas are, singular (e.g. `ward`).
    pub level_name: &'a str,
    /// The deprivation analysis of the ranking's areas.
    pub deprivation: Option<&'a Deprivation>,
    /// Targets evaluated for the pair.
    pub targets: &'a [TargetResult],
    /// The months of each period without data: when there are any, the
    /// periods are not compared, and the first finding says so.
    pub coverage: &'a Coverage,
    /// Months implausibly low (from the load's quality report).
    pub months_suspect: &'a [Month],
    /// The disclosure rule.
    pub rule: Disclosure,
}

/// How many rises, falls and rank moves are reported at most.
const TOP: usize = 3;

/// Generates the key findings, in reading order.
pub fn key_findings(input: &FindingsInput) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |kind, text: String| out.push(Finding { kind, text });
    let rule = input.rule;
    if let Some(gaps) = coverage_sentence(input.coverage, input.pair) {
        push(FindingKind::Caveat, gaps);
    }
    let shown = |r: &CompareRow| {
        !rule.is_small(r.comparison.previous) && !rule.is_small(r.comparison.current)
    };
    for row in input.categories.iter().filter(|r| r.role != RowRole::Part) {
        let mut c = row.comparison.clone();
        if !shown(row) {
            push(
                FindingKind::Headline,
                format!(
                    "{}: the figures are too small to publish.",
                    c.selection.label()
                ),
            );
            continue;
        }
        if rule.pct_change(c.previous, c.pct_change) == Shown::Low {
            c.pct_change = None;
        }
        let unit = if row.role == RowRole::Total {
            "offences"
        } else {
            "incidents"
        };
        push(FindingKind::Headline, headline(&c, input.pair, unit));
    }
    let parts: Vec<&CompareRow> = input
        .categories
        .iter()
        .filter(|r| r.role == RowRole::Part && shown(r))
        .collect();
    let mut rises: Vec<&&CompareRow> = parts
        .iter()
        .filter(|r| r.comparison.verdict == Verdict::SignificantIncrease)
        .collect();
    rises.sort_by_key(|r| std::cmp::Reverse(r.comparison.change));
    let mut falls: Vec<&&CompareRow> = parts
        .iter()
        .filter(|r| r.comparison.verdict == Verdict::SignificantDecrease)
        .collect();
    falls.sort_by_key(|r| r.comparison.change);
    for (rows, kind, verb) in [
        (&rises, FindingKind::Rise, "rose"),
        (&falls, FindingKind::Fall, "fell"),
    ] {
        for r in rows.iter().take(TOP) {
            let c = &r.comparison;
            let amount = match rule.pct_change(c.previous, c.pct_change).value() {
                Some(p) => format!(
                    "by {} ({} offences)",
                    signed_pct(Some(p)).trim_start_matches(['+', '\u{2212}']),
                    signed(c.change)
                ),
                None => format!("by {} offences", thousands(c.change.unsigned_abs())),
            };
            let word = if kind == FindingKind::Rise {
                "increase"
            } else {
                "decrease"
            };
            push(
                kind,
                format!(
                    "{} {verb} {amount}, a statistically significant {word}.",
                    r.name
                ),
            );
        }
    }
    if rises.is_empty() && falls.is_empty() && !parts.is_empty() && input.coverage.is_complete() {
        push(FindingKind::NoSignificantChange, "No crime type showed a statistically significant rise or fall: the differences are within normal variation.".to_string());
    }
    let mut by_share: Vec<&&CompareRow> = parts
        .iter()
        .filter(|r| r.comparison.share_pct.is_some())
        .collect();
    by_share.sort_by(|a, b| {
        b.comparison
            .current
            .cmp(&a.comparison.current)
            .then(a.name.cmp(&b.name))
    });
    if let Some(first) = by_share.first() {
        let share = |r: &CompareRow| format!("{:.0}%", r.comparison.share_pct.unwrap_or(0.0));
        let mut text = format!(
            "{} is {} of all crime (excluding ASB), the largest share",
            first.name,
            share(first)
        );
        if let Some(second) = by_share.get(1) {
            text.push_str(&format!("; {} is next at {}", second.name, share(second)));
        }
        text.push('.');
        push(FindingKind::Share, text);
    }
    if let Some(ranking) = input.ranking {
        ranking_findings(ranking, input, &mut push);
    }
    if let Some(d) = input.deprivation {
        deprivation_findings(d, input, &mut push);
    }
    for t in input.targets {
        let Some(status) = t.status else { continue };
        let actual = match rule.pct_change(t.previous, t.actual_pct) {
            Shown::Value(p) => signed_pct(Some(p)),
            _ => "a change on too small a base to show".to_string(),
        };
        let target = signed_pct(Some(t.target.target_pct_change));
        push(
            FindingKind::Target,
            format!(
                "{}: {actual} against a target of {target}, {}.",
                t.target.selection.label(),
                status.label()
            ),
        );
    }
    let within = |m: &&Month| input.pair.current.contains(**m) || input.pair.previous.contains(**m);
    let list = |ms: Vec<String>| join_and(&ms);
    let suspect: Vec<String> = input
        .months_suspect
        .iter()
        .filter(within)
        .map(|m| m.label())
        .collect();
    if !suspect.is_empty() {
        push(FindingKind::Caveat, format!("The data for {} are implausibly low against the months around them: data may be missing, or the drop may be real; treat comparisons that include them with caution.", list(suspect)));
    }
    out
}

fn ranking_findings(
    r: &Ranking,
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let rule = input.rule;
    let level = input.level_name;
    let by_rate = r.measure == Measure::Rate;
    let describe = |row: &super::rank::RankRow| match (by_rate, row.rate) {
        (true, Some(rate)) if !rule.is_small(row.current) => {
            format!("{} ({:.1} per 1,000 residents)", r.name(row), rate.per_1000)
        }
        (false, _) if !rule.is_small(row.current) => {
            format!("{} ({})", r.name(row), thousands(row.current))
        }
        _ => r.name(row).to_string(),
    };
    let top: Vec<String> = r
        .rows
        .iter()
        .filter(|x| x.rank.is_some_and(|k| k <= 3))
        .take(5)
        .map(describe)
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
    let pair = input.pair;
    let mut moves: Vec<&super::rank::RankRow> = r
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
        let (Some(now), Some(before), Some(m)) = (x.rank, x.previous_rank, x.movement) else {
            continue;
        };
        let joint = |k: u32, f: &dyn Fn(&super::rank::RankRow) -> Option<u32>| {
            let n = r.rows.iter().filter(|y| f(y) == Some(k)).count();
            if n > 1 {
                format!("joint {}", ordinal(k))
            } else {
                ordinal(k)
            }
        };
        let direction = if m > 0 { "moved up" } else { "moved down" };
        let mut text = format!(
            "{} {direction} from {} to {} of {} {level}s",
            r.name(x),
            joint(before, &|y| y.previous_rank),
            joint(now, &|y| y.rank),
            r.rows.len()
        );
        let whole = input.coverage.is_complete();
        if whole && !rule.is_small(x.previous) && !rule.is_small(x.current) {
            let (_, v) = verdict(
                x.previous,
                x.current,
                pair.previous.months(),
                pair.current.months(),
            );
            let change = signed(x.current as i64 - x.previous as i64);
            text.push_str(&match v {
                Verdict::SignificantIncrease => {
                    format!("; its count rose significantly ({change})")
                }
                Verdict::SignificantDecrease => {
                    format!("; its count fell significantly ({change})")
                }
                Verdict::NoSignificantChange => {
                    format!("; its own change ({change}) is within normal variation")
                }
                Verdict::NotCompared => String::new(),
            });
        }
        text.push('.');
        push(FindingKind::RankMove, text);
    }
}

fn deprivation_findings(
    d: &Deprivation,
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let level = input.level_name;
    let Some(rho) = d.spearman else { return };
    let significant = d.spearman_p.is_some_and(|p| p < 0.05);
    let part = if d.band_count == 10 { "tenth" } else { "fifth" };
    let rate_of = |b: Option<&super::deprivation::Band>| {
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

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
#[path = "findings_tests.rs"]
mod tests;
