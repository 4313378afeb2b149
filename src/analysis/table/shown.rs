//! A comparison table as it may be shown under a disclosure rule:
//! primary and secondary suppression of its counts, and the figures
//! derived from a suppressed count suppressed too.

use serde::Serialize;

use super::{CompareRow, RowRole};
use crate::analysis::disclosure::{protect_group, Disclosure, Shown};
use crate::analysis::stats::Verdict;
use crate::analysis::totals::Which;

/// A comparison row as it may be shown under a disclosure rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShownRow {
    /// Machine key (as [`CompareRow::key`]).
    pub key: String,
    /// Name for people.
    pub name: String,
    /// How the row relates to the total.
    pub role: RowRole,
    /// Previous count.
    pub previous: Shown<u64>,
    /// Current count.
    pub current: Shown<u64>,
    /// Current − previous.
    pub change: Shown<i64>,
    /// % change (`[low]` on a base under 10; `[x]` when not compared).
    pub pct_change: Shown<f64>,
    /// Share %.
    pub share_pct: Shown<f64>,
    /// Two-sided p-value of the change.
    pub p_value: Shown<f64>,
    /// 95% interval of the rate ratio, lower end.
    pub rr_low: Shown<f64>,
    /// 95% interval of the rate ratio, upper end (missing = infinite).
    pub rr_high: Shown<f64>,
    /// The significance verdict (kept: it cannot give a count back).
    #[serde(serialize_with = "verdict_label")]
    pub verdict: Verdict,
}

fn verdict_label<S: serde::Serializer>(v: &Verdict, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.label())
}

/// Applies a disclosure rule to a table: primary suppression, then
/// secondary suppression down the previous and current columns (parts
/// against their total row), then the derived figures of every
/// suppressed count.
pub fn show_table(rows: &[CompareRow], rule: &Disclosure) -> Vec<ShownRow> {
    let hidden_in = |which: Which| {
        let value = |r: &CompareRow| match which {
            Which::Previous => r.comparison.previous,
            Which::Current => r.comparison.current,
        };
        let parts: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].role == RowRole::Part)
            .collect();
        let values: Vec<u64> = parts.iter().map(|&i| value(&rows[i])).collect();
        let total = rows.iter().find(|r| r.role == RowRole::Total).map(value);
        let (part_hidden, total_hidden) = protect_group(rule, &values, total);
        let mut hidden: Vec<bool> = rows.iter().map(|r| rule.is_small(value(r))).collect();
        for (&i, &h) in parts.iter().zip(&part_hidden) {
            hidden[i] |= h;
        }
        for (slot, r) in hidden.iter_mut().zip(rows) {
            *slot |= r.role == RowRole::Total && total_hidden;
        }
        hidden
    };
    let prev_hidden = hidden_in(Which::Previous);
    let cur_hidden = hidden_in(Which::Current);
    rows.iter()
        .zip(prev_hidden.iter().zip(&cur_hidden))
        .map(|(r, (&ph, &ch))| show_row(r, rule, ph, ch))
        .collect()
}

fn show_row(r: &CompareRow, rule: &Disclosure, prev_hidden: bool, cur_hidden: bool) -> ShownRow {
    let c = &r.comparison;
    let count = |v: u64, hidden: bool| {
        if hidden {
            Shown::Suppressed
        } else {
            Shown::Value(v)
        }
    };
    let either = prev_hidden || cur_hidden;
    let derived = |v: Shown<f64>| if either { Shown::Suppressed } else { v };
    // Changes between periods with months without data are not shown.
    let compared = |v: Shown<f64>| {
        if c.is_compared() {
            derived(v)
        } else {
            Shown::NotAvailable
        }
    };
    ShownRow {
        key: r.key.clone(),
        name: r.name.clone(),
        role: r.role,
        previous: count(c.previous, prev_hidden),
        current: count(c.current, cur_hidden),
        change: match (either, c.is_compared()) {
            (true, _) => Shown::Suppressed,
            (false, false) => Shown::NotAvailable,
            (false, true) => Shown::Value(c.change),
        },
        pct_change: compared(rule.pct_change(c.previous, c.pct_change)),
        share_pct: if cur_hidden {
            Shown::Suppressed
        } else {
            Shown::from_option(c.share_pct)
        },
        p_value: compared(Shown::Value(c.test.p_value)),
        rr_low: compared(Shown::from_option(c.test.rr_low)),
        rr_high: compared(Shown::from_option(c.test.rr_high)),
        verdict: c.verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::table::tests::{fixture, pair};
    use crate::analysis::{compare_by, By, Scope};
    use crate::data::ASB;

    #[test]
    fn suppression_cannot_be_undone_by_subtraction() {
        let ds = fixture();
        let rows = compare_by(&ds, Scope::Whole, &pair(), &By::Category).unwrap();
        let rule = Disclosure { threshold: Some(5) };
        let shown = show_table(&rows, &rule);
        let by_key = |k: &str| shown.iter().find(|r| r.key == k).unwrap();
        // Current column 20, 7, 3, 0 = 30: drugs' 3 is small; robbery's 7 is
        // the next smallest non-zero and goes too.
        assert_eq!(by_key("Drugs").current, Shown::Suppressed);
        assert_eq!(by_key("Robbery").current, Shown::Suppressed);
        assert_eq!(by_key("Burglary").current, Shown::Value(20));
        assert_eq!(by_key("Vehicle crime").current, Shown::Value(0));
        // Previous column 10, 6, 12, 2 = 30: vehicle crime's 2, then robbery's 6.
        assert_eq!(by_key("Vehicle crime").previous, Shown::Suppressed);
        assert_eq!(by_key("Robbery").previous, Shown::Suppressed);
        assert_eq!(by_key("Drugs").previous, Shown::Value(12));
        // Derived figures of suppressed counts go with them.
        assert_eq!(by_key("Drugs").change, Shown::Suppressed);
        assert_eq!(by_key("Drugs").p_value, Shown::Suppressed);
        assert_eq!(by_key("Vehicle crime").pct_change, Shown::Suppressed);
        assert_eq!(by_key("Drugs").share_pct, Shown::Suppressed);
        assert_eq!(by_key("Burglary").change, Shown::Value(10));
        assert_eq!(by_key("Burglary").pct_change, Shown::Value(100.0));
        // ASB: 4 is small (primary) and its % change on a base of 4 is hidden.
        let asb = by_key(ASB);
        assert_eq!(
            (asb.previous, asb.current),
            (Shown::Suppressed, Shown::Value(40))
        );
        assert_eq!(asb.pct_change, Shown::Suppressed);
        // In each column, the total minus every shown part never isolates a
        // single hidden part.
        for col in 0..2 {
            let cell = |r: &ShownRow| if col == 0 { r.previous } else { r.current };
            let hidden = shown
                .iter()
                .filter(|r| r.role == RowRole::Part && cell(r) == Shown::Suppressed)
                .count();
            assert_ne!(hidden, 1, "column {col}");
        }
    }

    #[test]
    fn low_base_percentages_are_marked() {
        let ds = fixture();
        let w2 = ds.cube.area_index("W2").unwrap();
        let rows = compare_by(&ds, Scope::Area(w2), &pair(), &By::Category).unwrap();
        let shown = show_table(&rows, &Disclosure { threshold: Some(3) });
        let robbery = shown.iter().find(|r| r.key == "Robbery").unwrap();
        assert_eq!(robbery.previous, Shown::Value(6));
        assert_eq!(robbery.pct_change, Shown::Low, "6 is under 10");
        // Without a threshold the count is shown and the small base still marked.
        let open = show_table(&rows, &Disclosure::NONE);
        let robbery = open.iter().find(|r| r.key == "Robbery").unwrap();
        assert_eq!(robbery.previous, Shown::Value(6));
        assert_eq!(robbery.pct_change, Shown::Low, "6 is under 10");
    }
}
