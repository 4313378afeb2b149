//! Targets as shown: each target that applies to the place with its actual
//! change and status, the status in words and with a mark that does not
//! rely on colour (✓ on target, ≈ near, ✗ off).

use crate::analysis::targets::{evaluate, for_area, of_dataset, TargetResult, TargetStatus};
use crate::analysis::{Scope, Shown};
use crate::data::explorer_data::ExplorerData;
use crate::format::signed_pct;

use super::common::Setup;
use super::table::{Cell, Column, TableModel};

/// The targets of one place, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetsModel {
    /// One row per target: what, target, actual change, status.
    pub table: TableModel,
    /// What the targets are (e.g. that they are examples), when said.
    pub note: Option<String>,
}

/// The mark and words of a status (`None`: no change to judge).
pub fn status_text(status: Option<TargetStatus>) -> String {
    match status {
        Some(TargetStatus::OnTarget) => "✓ on target".to_string(),
        Some(TargetStatus::Near) => "≈ near target".to_string(),
        Some(TargetStatus::Off) => "✗ off target".to_string(),
        None => "no status: no change to compare".to_string(),
    }
}

/// The targets of the dataset that apply to the area `code` (`None`: the
/// whole shown), evaluated over `s`'s periods in `scope`; `None` when the
/// dataset has none.
pub fn targets(
    b: &ExplorerData,
    s: &Setup,
    scope: Scope,
    code: Option<&str>,
    place: &str,
) -> Option<(TargetsModel, Vec<TargetResult>)> {
    let all = of_dataset(b);
    let apply = for_area(&all, code);
    if apply.is_empty() {
        return None;
    }
    let results = evaluate(&apply, &b.dataset.categories, &s.totals, scope);
    let rows = results
        .iter()
        .map(|r| {
            let own = r.target.area.is_some() && r.target.area.as_deref() == code;
            let actual = match s.rule.pct_change(r.previous, r.actual_pct) {
                _ if r.actual_pct.is_none() => "[x]".to_string(),
                Shown::Value(p) => signed_pct(Some(p)),
                Shown::Low => "[low]".to_string(),
                _ => "n/a".to_string(),
            };
            vec![
                Cell::text(r.target.selection.label()),
                Cell::text(if own || code.is_none() {
                    place.to_string()
                } else {
                    format!("{} (the whole's)", b.manifest.whole_name)
                }),
                Cell::number(
                    signed_pct(Some(r.target.target_pct_change)),
                    Some(r.target.target_pct_change),
                ),
                Cell::number(actual, r.actual_pct),
                Cell::text(status_text(r.status)),
            ]
        })
        .collect();
    let table = TableModel {
        caption: format!(
            "Targets for {place}: % change {} against {}",
            s.pair.current.label(),
            s.pair.previous.label()
        ),
        columns: vec![
            Column::text("Target for"),
            Column::text("Set for"),
            Column::number("Target % change"),
            Column::number("Actual % change"),
            Column::text("Status"),
        ],
        rows,
        footer: Vec::new(),
    };
    let note = b.manifest.targets_note.clone();
    Some((TargetsModel { table, note }, results))
}
