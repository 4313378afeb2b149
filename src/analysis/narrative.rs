//! Plain-English sentences generated from the numbers, with wording that
//! never calls a change a rise or fall unless it is significant.

use crate::format::{signed_pct, thousands};

use super::compare::Comparison;
use super::period::PeriodPair;
use super::stats::Verdict;

/// The headline sentence for a comparison, e.g. "All crime (excluding ASB)
/// rose by 4.0% (+415 offences) in Oct 2024 – Sep 2025 compared with the 12
/// months before: a statistically significant increase."
pub fn headline(c: &Comparison, pair: &PeriodPair, unit: &str) -> String {
    let what = c.selection.label();
    let when = format!(
        "in {} compared with {}",
        pair.current.label(),
        pair.previous.label()
    );
    let diff = c.change.unsigned_abs();
    let units = if diff == 1 {
        unit.trim_end_matches('s')
    } else {
        unit
    };
    let amount = match c.pct_change {
        Some(_) => format!(
            "{} ({}{} {units})",
            signed_pct(c.pct_change).trim_start_matches(['+', '\u{2212}']),
            sign(c.change),
            thousands(diff)
        ),
        None => format!("{}{} {units}", sign(c.change), thousands(diff)),
    };
    match c.verdict {
        Verdict::SignificantIncrease => {
            format!("{what} rose by {amount} {when}: a statistically significant increase.")
        }
        Verdict::SignificantDecrease => {
            format!("{what} fell by {amount} {when}: a statistically significant decrease.")
        }
        Verdict::NoSignificantChange if c.change == 0 => {
            format!("{what} was unchanged at {} {when}.", thousands(c.current))
        }
        Verdict::NoSignificantChange => {
            let direction = if c.change > 0 { "higher" } else { "lower" };
            format!("{what} was {amount} {direction} {when}, but this is within normal variation (no significant change).")
        }
    }
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
        let c = comparison_from_counts(Selection::AllCrime, 10_000, 10_415, 10_415, &pair());
        let s = headline(&c, &pair(), "offences");
        assert!(
            s.starts_with("All crime (excluding ASB) rose by 4.2% (+415 offences)"),
            "{s}"
        );
        assert!(s.contains("significant increase"), "{s}");
    }

    #[test]
    fn non_significant_change_is_not_called_a_rise() {
        // 100 → 110: p ≈ 0.53, not significant.
        let c = comparison_from_counts(Selection::AllCrime, 100, 110, 110, &pair());
        let s = headline(&c, &pair(), "offences");
        assert!(!s.contains("rose") && !s.contains("fell"), "{s}");
        assert!(
            s.contains("10.0% (+10 offences) higher") && s.contains("no significant change"),
            "{s}"
        );
    }
}
