//! Key findings: plain-English sentences generated from the numbers. A
//! change is called a rise or a fall only when it is statistically
//! significant; rank moves say "moved up/down" and give the area's own
//! significance; suppressed figures are never written out.

mod areas;

use serde::Serialize;

use crate::data::{Categories, Month};
use crate::format::{signed, signed_pct, thousands};
use crate::i18n::{Msg, Words};

use super::coverage::Coverage;
use super::deprivation::Deprivation;
use super::disclosure::{Disclosure, Shown};
use super::narrative::{coverage_sentence, headline};
use super::period::PeriodPair;
use super::rank::Ranking;
use super::stats::Verdict;
use super::table::{CompareRow, RowRole};
use super::targets::{TargetResult, TargetStatus};
use crate::format::in_sentence;

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
    /// The areas ranked, plural (`wards`).
    pub level_plural: &'a str,
    /// The deprivation analysis of the ranking's areas.
    pub deprivation: Option<&'a Deprivation>,
    /// Targets evaluated for the pair.
    pub targets: &'a [TargetResult],
    /// The dataset's categories, which name the targets' groups and
    /// categories in the findings' language.
    pub names: &'a Categories,
    /// The months of each period without data: when there are any, the
    /// periods are not compared, and the first finding says so.
    pub coverage: &'a Coverage,
    /// Months implausibly low (from the load's quality report).
    pub months_suspect: &'a [Month],
    /// The disclosure rule.
    pub rule: Disclosure,
    /// The words of the findings' language.
    pub w: &'a Words,
}

/// How many rises, falls and rank moves are reported at most.
const TOP: usize = 3;

/// Generates the key findings, in reading order.
pub fn key_findings(input: &FindingsInput) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |kind, text: String| out.push(Finding { kind, text });
    if let Some(gaps) = coverage_sentence(input.coverage, input.pair, input.w) {
        push(FindingKind::Caveat, gaps);
    }
    headlines(input, &mut push);
    let parts: Vec<&CompareRow> = input
        .categories
        .iter()
        .filter(|r| r.role == RowRole::Part && shown(input.rule, r))
        .collect();
    changes(&parts, input, &mut push);
    let some_not_crime = !input.names.all_crime();
    largest_shares(&parts, some_not_crime, input.w, &mut push);
    if let Some(ranking) = input.ranking {
        areas::ranking_findings(ranking, input, &mut push);
    }
    if let Some(d) = input.deprivation {
        areas::deprivation_findings(d, input, &mut push);
    }
    targets(input, &mut push);
    suspect_months(input, &mut push);
    out
}

/// True when both periods' counts of a row may be shown.
fn shown(rule: Disclosure, r: &CompareRow) -> bool {
    !rule.is_small(r.comparison.previous) && !rule.is_small(r.comparison.current)
}

/// The headline of each row that is not a part (all crime; anti-social
/// behaviour): its change in words, or that it is too small to publish.
fn headlines(input: &FindingsInput, push: &mut impl FnMut(FindingKind, String)) {
    let rule = input.rule;
    for row in input.categories.iter().filter(|r| r.role != RowRole::Part) {
        let mut c = row.comparison.clone();
        if !shown(rule, row) {
            let text = input.w.f(
                Msg::TooSmallToPublish,
                &[("what", &c.selection.name_in(input.names, input.w))],
            );
            push(FindingKind::Headline, text);
            continue;
        }
        if rule.pct_change(c.previous, c.pct_change) == Shown::Low {
            c.pct_change = None;
        }
        let unit = if row.role == RowRole::Total {
            Msg::UnitOffence
        } else {
            Msg::UnitIncident
        };
        push(
            FindingKind::Headline,
            headline(
                &c,
                input.pair,
                unit,
                &c.selection.name_in(input.names, input.w),
                input.w,
            ),
        );
    }
}

/// The largest significant rises and falls among the parts (or that
/// there were none, when every month has data).
fn changes(
    parts: &[&CompareRow],
    input: &FindingsInput,
    push: &mut impl FnMut(FindingKind, String),
) {
    let with = |v: Verdict| -> Vec<&CompareRow> {
        parts
            .iter()
            .copied()
            .filter(|r| r.comparison.verdict == v)
            .collect()
    };
    let mut rises = with(Verdict::SignificantIncrease);
    rises.sort_by_key(|r| std::cmp::Reverse(r.comparison.change));
    let mut falls = with(Verdict::SignificantDecrease);
    falls.sort_by_key(|r| r.comparison.change);
    let w = input.w;
    for (rows, kind, msg) in [
        (&rises, FindingKind::Rise, Msg::CategoryRose),
        (&falls, FindingKind::Fall, Msg::CategoryFell),
    ] {
        for r in rows.iter().take(TOP) {
            let c = &r.comparison;
            let diff = c.change.unsigned_abs();
            let amount = match input.rule.pct_change(c.previous, c.pct_change).value() {
                Some(p) => format!(
                    "{} ({})",
                    signed_pct(Some(p)).trim_start_matches(['+', '\u{2212}']),
                    w.count(diff, &signed(c.change), Msg::UnitOffence)
                ),
                None => w.count(diff, &thousands(diff), Msg::UnitOffence),
            };
            let what_lower = in_sentence(&r.name);
            push(
                kind,
                w.f(
                    msg,
                    &[
                        ("what", &r.name),
                        ("what_lower", &what_lower),
                        ("amount", &amount),
                    ],
                ),
            );
        }
    }
    if rises.is_empty() && falls.is_empty() && !parts.is_empty() && input.coverage.is_complete() {
        push(
            FindingKind::NoSignificantChange,
            w.t(Msg::NoTypeChanged).to_string(),
        );
    }
}

/// The two parts with the largest shares of all crime, which excludes
/// anti-social behaviour where the data has categories that are not crime
/// (`some_not_crime`; police.uk's).
fn largest_shares(
    parts: &[&CompareRow],
    some_not_crime: bool,
    w: &Words,
    push: &mut impl FnMut(FindingKind, String),
) {
    let mut by_share: Vec<(&CompareRow, f64)> = parts
        .iter()
        .filter_map(|r| Some((*r, r.comparison.share_pct?)))
        .collect();
    by_share.sort_by(|(a, _), (b, _)| {
        b.comparison
            .current
            .cmp(&a.comparison.current)
            .then(a.name.cmp(&b.name))
    });
    let Some((first, share)) = by_share.first() else {
        return;
    };
    let pct = |share: &f64| format!("{share:.0}%");
    let text = match by_share.get(1) {
        Some((second, next)) => w.f(
            if some_not_crime {
                Msg::LargestShareAndNext
            } else {
                Msg::LargestShareOfAllAndNext
            },
            &[
                ("first", &first.name),
                ("share", &pct(share)),
                ("second", &second.name),
                ("next", &pct(next)),
            ],
        ),
        None => w.f(
            if some_not_crime {
                Msg::LargestShare
            } else {
                Msg::LargestShareOfAll
            },
            &[("first", &first.name), ("share", &pct(share))],
        ),
    };
    push(FindingKind::Share, text);
}

/// Performance against the targets with a status, in one sentence: how
/// many are met, then each one missed, e.g. "3 of 4 targets met; burglary
/// is off target: +12.0% against −5.0%."
fn targets(input: &FindingsInput, push: &mut impl FnMut(FindingKind, String)) {
    let with_status: Vec<(&TargetResult, TargetStatus)> = input
        .targets
        .iter()
        .filter_map(|t| Some((t, t.status?)))
        .collect();
    let w = input.w;
    let against = |t: &TargetResult| {
        let actual = match input.rule.pct_change(t.previous, t.actual_pct) {
            Shown::Value(p) => signed_pct(Some(p)),
            _ => w.t(Msg::ChangeTooSmallToShow).to_string(),
        };
        let target = signed_pct(Some(t.target.target_pct_change));
        w.f(Msg::Against, &[("actual", &actual), ("target", &target)])
    };
    let status = |s: TargetStatus| s.words(w);
    let met = with_status
        .iter()
        .filter(|(_, s)| *s == TargetStatus::OnTarget)
        .count();
    let sentence = match with_status.as_slice() {
        [] => return,
        [(t, s)] => w.f(
            if *s == TargetStatus::OnTarget {
                Msg::OneTargetMet
            } else {
                Msg::OneTargetIs
            },
            &[
                ("status", status(*s)),
                (
                    "what",
                    &in_sentence(&t.target.selection.name_in(input.names, w)),
                ),
                ("against", &against(t)),
            ],
        ),
        all if met == all.len() => w.f(Msg::AllTargetsMet, &[("n", &met.to_string())]),
        all => {
            let missed: Vec<String> = all
                .iter()
                .filter(|(_, s)| *s != TargetStatus::OnTarget)
                .map(|(t, s)| {
                    let what = in_sentence(&t.target.selection.name_in(input.names, w));
                    w.f(
                        Msg::TargetIs,
                        &[
                            ("what", &what),
                            ("status", status(*s)),
                            ("against", &against(t)),
                        ],
                    )
                })
                .collect();
            w.f(
                Msg::SomeTargetsMet,
                &[
                    ("met", &met.to_string()),
                    ("of", &all.len().to_string()),
                    ("missed", &missed.join("; ")),
                ],
            )
        }
    };
    push(FindingKind::Target, sentence);
}

/// The months implausibly low within the compared periods.
fn suspect_months(input: &FindingsInput, push: &mut impl FnMut(FindingKind, String)) {
    let pair = input.pair;
    let suspect: Vec<String> = input
        .months_suspect
        .iter()
        .filter(|m| pair.current.contains(**m) || pair.previous.contains(**m))
        .map(|m| m.label_in(input.w))
        .collect();
    if !suspect.is_empty() {
        let months = join_and(&suspect, input.w);
        push(
            FindingKind::Caveat,
            input.w.f(Msg::ImplausiblyLow, &[("months", &months)]),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String], w: &Words) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), w.and_before(last)),
    }
}
