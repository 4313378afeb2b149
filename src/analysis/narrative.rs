//! Plain-English sentences generated from the numbers, with wording that
//! never calls a change a rise or fall unless it is significant.

use crate::data::Month;
use crate::format::{signed_pct, thousands};
use crate::i18n::{Msg, Words};

use super::compare::Comparison;
use super::coverage::{month_runs, Coverage};
use super::period::{Period, PeriodPair};
use super::stats::Verdict;

/// The headline sentence for a comparison, e.g. "All crime (excluding ASB)
/// rose by 4.0% (+415 offences) in Oct 2024 – Sep 2025 compared with the 12
/// months before: a statistically significant increase."
/// `what` is the selection's name in `w`'s language.
pub fn headline(c: &Comparison, pair: &PeriodPair, unit: Msg, what: &str, w: &Words) -> String {
    let what = what.to_string();
    let current = pair.current.label_in(w);
    let previous = pair.previous.label_in(w);
    let diff = c.change.unsigned_abs();
    let counted = w.count(
        diff,
        &format!("{}{}", sign(c.change), thousands(diff)),
        unit,
    );
    let amount = match c.pct_change {
        Some(_) => format!(
            "{} ({counted})",
            signed_pct(c.pct_change).trim_start_matches(['+', '\u{2212}']),
        ),
        // No % on a low base: the change alone, its direction in the words.
        None => w.count(diff, &thousands(diff), unit),
    };
    let count = |n: u64| w.count(n, &thousands(n), unit);
    let (now, before) = (count(c.current), count(c.previous));
    let figure_previous = thousands(c.previous);
    let what_lower = crate::format::in_sentence(&what);
    let args = [
        ("figure_previous", figure_previous.as_str()),
        ("what_lower", &what_lower),
        ("what", &what),
        ("amount", &amount),
        ("current", &current),
        ("previous", &previous),
        ("count_current", &now),
        ("count_previous", &before),
    ];
    let msg = match c.verdict {
        Verdict::NotCompared => Msg::HeadlineNotCompared,
        Verdict::SignificantIncrease => Msg::HeadlineRose,
        Verdict::SignificantDecrease => Msg::HeadlineFell,
        Verdict::NoSignificantChange if c.change == 0 => Msg::HeadlineUnchanged,
        Verdict::NoSignificantChange if c.change > 0 => Msg::HeadlineHigher,
        Verdict::NoSignificantChange => Msg::HeadlineLower,
    };
    w.f(msg, &args)
}

/// What a pair's months without data mean, in words, e.g. "11 of the 12
/// months in each period have no data (Aug 2017 – Jun 2018; Aug 2016 –
/// Jun 2017), so the two periods are not compared." `None` when both
/// periods are whole.
pub fn coverage_sentence(coverage: &Coverage, pair: &PeriodPair, w: &Words) -> Option<String> {
    if coverage.is_complete() {
        return None;
    }
    let (cur, prev) = (&coverage.current, &coverage.previous);
    let same = cur.len() == prev.len() && pair.current.months() == pair.previous.months();
    let gaps = if same {
        w.f(
            gaps_msg(cur.len(), Msg::GapsEachOne, Msg::GapsEach),
            &[
                ("of_the", &of_the(cur.len(), pair.current.months(), w)),
                ("current", &month_runs(cur, w)),
                ("previous", &month_runs(prev, w)),
            ],
        )
    } else {
        [(cur, pair.current), (prev, pair.previous)]
            .iter()
            .filter(|(missing, _)| !missing.is_empty())
            .map(|(missing, period)| period_gaps(missing, *period, w))
            .collect::<Vec<_>>()
            .join(&format!(", {} ", w.t(Msg::And)))
    };
    Some(w.f(
        Msg::NotComparedBecause,
        &[("gaps", &capitalise_first(&gaps))],
    ))
}

/// The message for one month missing, or for several.
fn gaps_msg(n: usize, one: Msg, many: Msg) -> Msg {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "3 of the 12 months of Oct 2024 – Sep 2025 have no data (…)".
fn period_gaps(missing: &[Month], period: Period, w: &Words) -> String {
    let label = period.label_in(w);
    if period.months() == 1 {
        return w.f(Msg::GapsMonth, &[("period", &label)]);
    }
    w.f(
        gaps_msg(missing.len(), Msg::GapsPeriodOne, Msg::GapsPeriod),
        &[
            ("of_the", &of_the(missing.len(), period.months(), w)),
            ("period", &label),
            ("runs", &month_runs(missing, w)),
        ],
    )
}

/// "11 of the 12 months", "all 3 months", "1 of the 2 months".
fn of_the(n: usize, of: u32, w: &Words) -> String {
    let (n, of) = (n.to_string(), of.to_string());
    let msg = if n == of {
        Msg::AllMonths
    } else {
        Msg::NOfTheMonths
    };
    w.f(msg, &[("n", &n), ("of", &of)])
}

fn capitalise_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn sign(n: i64) -> &'static str {
    match n.signum() {
        1 => "+",
        -1 => "\u{2212}",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::comparison_from_counts;
    use crate::analysis::{Period, Selection};

    fn pair() -> PeriodPair {
        PeriodPair {
            previous: Period::parse("2023-10..2024-09").unwrap(),
            current: Period::parse("2024-10..2025-09").unwrap(),
        }
    }

    #[test]
    fn significant_rise_is_called_a_rise() {
        // 10,000 → 10,415 over 12 v 12 months: p ≈ 0.0036 (well below 0.05).
        let c = comparison_from_counts(
            Selection::AllCrime,
            10_000,
            10_415,
            10_415,
            &pair(),
            Coverage::default(),
        );
        let s = headline(
            &c,
            &pair(),
            Msg::UnitOffence,
            "All crime (excluding ASB)",
            crate::i18n::english(),
        );
        assert!(
            s.starts_with("All crime (excluding ASB) rose by 4.2% (+415 offences)"),
            "{s}"
        );
        assert!(s.contains("significant increase"), "{s}");
    }

    #[test]
    fn non_significant_change_is_not_called_a_rise() {
        // 100 → 110: p ≈ 0.53, not significant.
        let c = comparison_from_counts(
            Selection::AllCrime,
            100,
            110,
            110,
            &pair(),
            Coverage::default(),
        );
        let s = headline(
            &c,
            &pair(),
            Msg::UnitOffence,
            "All crime (excluding ASB)",
            crate::i18n::english(),
        );
        assert!(!s.contains("rose") && !s.contains("fell"), "{s}");
        assert!(
            s.contains("10.0% (+10 offences) higher") && s.contains("no significant change"),
            "{s}"
        );
    }

    #[test]
    fn periods_with_gaps_are_not_called_a_rise() {
        let c = comparison_from_counts(
            Selection::AllCrime,
            22_582,
            26_193,
            26_193,
            &pair(),
            Coverage {
                current: vec!["2024-10".parse().unwrap()],
                previous: Vec::new(),
            },
        );
        let s = headline(
            &c,
            &pair(),
            Msg::UnitOffence,
            "All crime (excluding ASB)",
            crate::i18n::english(),
        );
        assert_eq!(
            s,
            "All crime (excluding ASB): 26,193 offences in Oct 2024 – Sep 2025 and 22,582 in \
             Oct 2023 – Sep 2024. The two periods are not compared: some of their months have no data."
        );
    }

    #[test]
    fn gaps_in_words() {
        let m = |s: &str| s.parse::<Month>().unwrap();
        let months = |from: &str, n: i64| (0..n).map(|i| m(from).offset(i).unwrap()).collect();
        let julys = Coverage {
            current: months("2024-10", 11),
            previous: months("2023-10", 11),
        };
        assert_eq!(
            coverage_sentence(&julys, &pair(), crate::i18n::english()).unwrap(),
            "11 of the 12 months in each period have no data (Oct 2024 – Aug 2025; \
             Oct 2023 – Aug 2024), so the two periods are not compared."
        );
        let one = Coverage {
            current: vec![m("2025-03")],
            previous: Vec::new(),
        };
        assert_eq!(
            coverage_sentence(&one, &pair(), crate::i18n::english()).unwrap(),
            "1 of the 12 months of Oct 2024 – Sep 2025 has no data (Mar 2025), so the two \
             periods are not compared."
        );
        let all = Coverage {
            current: Vec::new(),
            previous: months("2023-10", 12),
        };
        assert!(coverage_sentence(&all, &pair(), crate::i18n::english())
            .unwrap()
            .starts_with(
                "All 12 months of Oct 2023 – Sep 2024 have no data (Oct 2023 – Sep 2024)"
            ));
        assert_eq!(
            coverage_sentence(&Coverage::default(), &pair(), crate::i18n::english()),
            None
        );
    }
}
