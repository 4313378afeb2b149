//! Targets as shown: each target that applies to the place with its actual
//! change and status, the status in words and with a mark that does not
//! rely on colour (✓ on target, ≈ near, ✗ off).

use crate::analysis::targets::{evaluate, for_area, of_dataset, TargetResult, TargetStatus};
use crate::analysis::{Scope, Shown};
use crate::data::explorer_data::ExplorerData;
use crate::format::signed_pct;
use crate::i18n::{Msg, Words};

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
pub fn status_text(status: Option<TargetStatus>, w: &Words) -> String {
    let mark = match status {
        Some(TargetStatus::OnTarget) => "✓",
        Some(TargetStatus::Near) => "≈",
        Some(TargetStatus::Off) => "✗",
        None => return w.t(Msg::NoStatus).to_string(),
    };
    status.map_or_else(String::new, |s| format!("{mark} {}", s.words(w)))
}

/// The area `code` and its ancestors in the dataset's areas, nearest
/// first (a bounded walk: a loop in the parents stops).
pub fn chain<'a>(b: &'a ExplorerData, code: &'a str) -> Vec<&'a str> {
    let mut out = vec![code];
    while let Some(parent) = b
        .dataset
        .area(out[out.len() - 1])
        .and_then(|a| a.parent.as_ref())
    {
        if out.contains(&parent.as_str()) || out.len() > b.dataset.areas.len() {
            break;
        }
        out.push(parent.as_str());
    }
    out
}

/// The name of the whole the dataset's targets are set for when they name
/// no area: a borough's part is of its force area's whole.
fn whole_name(b: &ExplorerData) -> &str {
    b.part_of
        .as_ref()
        .map_or(&b.manifest.whole_name, |w| &w.manifest.whole_name)
}

/// The targets of the dataset that apply to the area with the codes
/// `chain` (it and its ancestors, nearest first; empty: the whole shown),
/// evaluated over `s`'s periods in `scope`; `None` when none apply.
pub fn targets(
    b: &ExplorerData,
    s: &Setup,
    scope: Scope,
    chain: &[&str],
    place: &str,
) -> Option<(TargetsModel, Vec<TargetResult>)> {
    let w = s.w;
    let all = of_dataset(b);
    let apply = for_area(&all, chain);
    if apply.is_empty() {
        return None;
    }
    let results = evaluate(&apply, &b.dataset.categories, &s.totals, scope);
    let rows = results
        .iter()
        .map(|r| {
            let actual = match s.rule.pct_change(r.previous, r.actual_pct) {
                _ if r.actual_pct.is_none() => "[x]".to_string(),
                Shown::Value(p) => signed_pct(Some(p)),
                Shown::Low => "[low]".to_string(),
                _ => "n/a".to_string(),
            };
            let set_for = match &r.target.area {
                Some(code) => b.dataset.area_name(code).to_string(),
                None => whole_name(b).to_string(),
            };
            vec![
                Cell::text(r.target.selection.name_in(&b.dataset.categories, w)),
                Cell::text(set_for),
                Cell::number(
                    signed_pct(Some(r.target.target_pct_change)),
                    Some(r.target.target_pct_change),
                ),
                Cell::number(actual, r.actual_pct),
                Cell::text(status_text(r.status, w)),
            ]
        })
        .collect();
    let table = TableModel {
        caption: w.f(
            Msg::CaptionTargets,
            &[
                ("place", place),
                ("current", &s.pair.current.label_in(w)),
                ("previous", &s.pair.previous.label_in(w)),
            ],
        ),
        columns: vec![
            Column::text(w.t(Msg::ColTargetFor)),
            Column::text(w.t(Msg::ColSetFor)),
            Column::number(w.t(Msg::ColTargetPct)),
            Column::number(w.t(Msg::ColActualPct)),
            Column::text(w.t(Msg::ColStatus)),
        ],
        rows,
        footer: Vec::new(),
    };
    let note = b.manifest.targets_note_in(w.lang()).map(str::to_string);
    Some((TargetsModel { table, note }, results))
}
