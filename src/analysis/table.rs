//! Comparison tables: one [`Comparison`] per category, group or area, in a
//! deliberate order, and the same table as it may be shown ([`ShownRow`]).
//!
//! Order: the rows that add up to the total ("parts") by current count,
//! largest first, ties by name then key; then the total row; then rows
//! outside the total (anti-social behaviour, which is not crime).

use serde::Serialize;

use crate::data::Dataset;

use super::compare::{comparison_from_counts, Comparison, Scope};
use super::disclosure::{protect_group, Disclosure, Shown};
use super::period::{PeriodError, PeriodPair};
use super::selection::Selection;
use super::stats::Verdict;
use super::totals::{sum_u64_masked, PeriodTotals, Which};

/// What the rows of a table are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum By {
    /// One row per category; the total is all crime (excluding ASB).
    Category,
    /// One row per group; the total is all crime (excluding ASB).
    Group,
    /// One row per area of the cube for the selection, plus a row for
    /// counts not allocated to an area; the total is the whole. The scope
    /// does not apply (every area is listed).
    Area(Selection),
}

/// How a row relates to the table's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// Adds up, with the other parts, to the total row.
    Part,
    /// The total of the parts.
    Total,
    /// Outside the total (e.g. anti-social behaviour).
    Separate,
}

/// One row of a comparison table.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// Machine key: a category or group name, `all-crime`, an area code,
    /// `not-allocated` or `whole`.
    pub key: String,
    /// Name for people.
    pub name: String,
    /// How the row relates to the total.
    pub role: RowRole,
    /// The figures. For [`By::Area`], `share_pct` is the area's share of
    /// the whole's count of the same selection.
    pub comparison: Comparison,
}

/// Builds the table for `scope` over `pair` (one pass over the cube).
pub fn compare_by(
    ds: &Dataset,
    scope: Scope,
    pair: &PeriodPair,
    by: &By,
) -> Result<Vec<CompareRow>, PeriodError> {
    pair.check_within(ds.cube.first_month(), ds.cube.last_month())?;
    let totals = PeriodTotals::new(&ds.cube, pair);
    Ok(compare_table(ds, &totals, scope, by))
}

/// Builds the table from totals already summed.
pub fn compare_table(ds: &Dataset, t: &PeriodTotals, scope: Scope, by: &By) -> Vec<CompareRow> {
    let pair = &t.pair;
    let all_mask = Selection::AllCrime.mask(&ds.categories);
    let all_current = t.total(scope, &all_mask, Which::Current);
    let mut rows: Vec<CompareRow> = Vec::new();
    let row = |key: &str, name: &str, role, selection: Selection, prev, cur, share_of| {
        let coverage = t.coverage(&selection.mask(&ds.categories));
        let mut c = comparison_from_counts(selection, prev, cur, share_of, pair, coverage);
        if role == RowRole::Separate {
            c.share_pct = None;
        }
        CompareRow {
            key: key.to_string(),
            name: name.to_string(),
            role,
            comparison: c,
        }
    };
    match by {
        By::Category | By::Group => {
            let (prev, cur) = (
                t.scope(scope, Which::Previous),
                t.scope(scope, Which::Current),
            );
            let selections: Vec<(Selection, String)> = match by {
                By::Category => ds
                    .categories
                    .iter()
                    .map(|c| (Selection::Category(c.name.clone()), c.name.clone()))
                    .collect(),
                _ => ds
                    .categories
                    .groups()
                    .into_iter()
                    .map(|g| (Selection::Group(g.to_string()), g.to_string()))
                    .collect(),
            };
            for (selection, name) in selections {
                let mask = selection.mask(&ds.categories);
                let all_crime = ds
                    .categories
                    .iter()
                    .zip(&mask)
                    .all(|(c, &m)| !m || c.is_crime);
                let role = if all_crime {
                    RowRole::Part
                } else {
                    RowRole::Separate
                };
                let (p, c) = (sum_u64_masked(prev, &mask), sum_u64_masked(cur, &mask));
                rows.push(row(&name, &name, role, selection, p, c, all_current));
            }
            let (p, c) = (
                sum_u64_masked(prev, &all_mask),
                sum_u64_masked(cur, &all_mask),
            );
            let name = Selection::AllCrime.label();
            rows.push(row(
                "all-crime",
                &name,
                RowRole::Total,
                Selection::AllCrime,
                p,
                c,
                all_current,
            ));
        }
        By::Area(selection) => {
            let mask = selection.mask(&ds.categories);
            let whole_cur = t.total(Scope::Whole, &mask, Which::Current);
            for (a, code) in ds.cube.areas().iter().enumerate() {
                let p = t.total(Scope::Area(a), &mask, Which::Previous);
                let c = t.total(Scope::Area(a), &mask, Which::Current);
                let name = ds.area_name(code.as_str());
                let r = row(
                    code.as_str(),
                    name,
                    RowRole::Part,
                    selection.clone(),
                    p,
                    c,
                    0,
                );
                rows.push(with_share(r, c, whole_cur));
            }
            let p = sum_u64_masked(t.unallocated(Which::Previous), &mask);
            let c = sum_u64_masked(t.unallocated(Which::Current), &mask);
            if p > 0 || c > 0 {
                let name = "Not allocated to an area";
                let r = row(
                    "not-allocated",
                    name,
                    RowRole::Part,
                    selection.clone(),
                    p,
                    c,
                    0,
                );
                rows.push(with_share(r, c, whole_cur));
            }
            let p = t.total(Scope::Whole, &mask, Which::Previous);
            let r = row(
                "whole",
                "Whole area",
                RowRole::Total,
                selection.clone(),
                p,
                whole_cur,
                0,
            );
            rows.push(with_share(r, whole_cur, whole_cur));
        }
    }
    order_rows(&mut rows);
    rows
}

fn with_share(mut r: CompareRow, part: u64, whole: u64) -> CompareRow {
    r.comparison.share_pct = (whole > 0).then(|| part as f64 / whole as f64 * 100.0);
    r
}

fn order_rows(rows: &mut [CompareRow]) {
    let role_order = |r: RowRole| match r {
        RowRole::Part => 0,
        RowRole::Total => 1,
        RowRole::Separate => 2,
    };
    rows.sort_by(|a, b| {
        role_order(a.role)
            .cmp(&role_order(b.role))
            .then(b.comparison.current.cmp(&a.comparison.current))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.key.cmp(&b.key))
    });
}

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
            .filter(|&i| rows.get(i).is_some_and(|r| r.role == RowRole::Part))
            .collect();
        let values: Vec<u64> = parts
            .iter()
            .filter_map(|&i| rows.get(i))
            .map(value)
            .collect();
        let total = rows.iter().find(|r| r.role == RowRole::Total).map(value);
        let (part_hidden, total_hidden) = protect_group(rule, &values, total);
        let mut hidden: Vec<bool> = rows.iter().map(|r| rule.is_small(value(r))).collect();
        for (&i, &h) in parts.iter().zip(&part_hidden) {
            if let Some(slot) = hidden.get_mut(i) {
                *slot |= h;
            }
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
#[path = "table_tests.rs"]
mod tests;
