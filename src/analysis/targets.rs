//! Targets (optional `targets.csv`: `selection,target_pct_change[,area_code]`,
//! e.g. `all-crime,-5`; with an area code, that area's own target) and their
//! status for the current pair.
//!
//! A target is a ceiling on the % change (lower is better for crime):
//! **on target** (green) when the change is at or below it; **near**
//! (amber) when above it by at most [`NEAR_POINTS`] percentage points;
//! **off target** (red) beyond that. With no % change (a previous count of
//! 0) there is no status.

use std::io::Read;

use serde::Serialize;

use crate::data::explorer_data::ExplorerData;
use crate::data::number::parse_decimal;
use crate::data::table::Table;
use crate::data::{header, Categories, FileError, LoadReport};

use super::compare::Scope;
use super::selection::Selection;
use super::totals::{PeriodTotals, Which};

/// How far above its target (percentage points) a change is still "near".
pub const NEAR_POINTS: f64 = 2.0;

const EXPECTED: &str = "selection, target_pct_change[, area_code]";

/// One target.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// What it is for.
    pub selection: Selection,
    /// The highest acceptable % change (e.g. −5 = a fall of at least 5%).
    pub target_pct_change: f64,
    /// The area it is set for (its code); `None`: the whole's target.
    pub area: Option<String>,
}

/// The targets that apply to an area, given its code and its ancestors'
/// nearest first (`chain`; empty: the whole): for each selection, the
/// nearest area's own target, else the whole's (set for no area); its own
/// come first, in file order.
pub fn for_area(targets: &[Target], chain: &[&str]) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::new();
    let levels = chain.iter().map(|c| Some(*c)).chain(std::iter::once(None));
    for code in levels {
        for t in targets.iter().filter(|t| t.area.as_deref() == code) {
            if !out.iter().any(|o| o.selection == t.selection) {
                out.push(t.clone());
            }
        }
    }
    out
}

/// A target's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// At or below the target (green).
    OnTarget,
    /// Above it by at most [`NEAR_POINTS`] points (amber).
    Near,
    /// Further above it (red).
    Off,
}

impl TargetStatus {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::OnTarget => "on target",
            TargetStatus::Near => "near target",
            TargetStatus::Off => "off target",
        }
    }

    /// The status in `w`'s language (`on target`).
    pub fn words(self, w: &crate::i18n::Words) -> &'static str {
        use crate::i18n::Msg;
        w.t(match self {
            TargetStatus::OnTarget => Msg::OnTarget,
            TargetStatus::Near => Msg::NearTarget,
            TargetStatus::Off => Msg::OffTarget,
        })
    }

    /// The traffic-light colour.
    pub fn colour(self) -> &'static str {
        match self {
            TargetStatus::OnTarget => "green",
            TargetStatus::Near => "amber",
            TargetStatus::Off => "red",
        }
    }
}

/// The status of an actual % change against a target.
pub fn target_status(actual_pct: Option<f64>, target_pct: f64) -> Option<TargetStatus> {
    let actual = actual_pct.filter(|p| p.is_finite())?;
    Some(if actual <= target_pct {
        TargetStatus::OnTarget
    } else if actual <= target_pct + NEAR_POINTS {
        TargetStatus::Near
    } else {
        TargetStatus::Off
    })
}

/// A target with the actual change of the current pair.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetResult {
    /// The target.
    pub target: Target,
    /// The count in the previous period (for the `[low]` rule).
    pub previous: u64,
    /// The actual % change; `None` when the previous count is 0 or a
    /// period has months without data.
    pub actual_pct: Option<f64>,
    /// The status; `None` without an actual % change.
    pub status: Option<TargetStatus>,
}

/// Evaluates every target for `scope` over the totals' pair.
pub fn evaluate(
    targets: &[Target],
    categories: &Categories,
    totals: &PeriodTotals,
    scope: Scope,
) -> Vec<TargetResult> {
    targets
        .iter()
        .map(|t| {
            let mask = t.selection.mask(categories);
            let previous = totals.total(scope, &mask, Which::Previous);
            let current = totals.total(scope, &mask, Which::Current);
            // No change (so no status) over months without data.
            let whole = totals.coverage(&mask).is_complete();
            let actual_pct = (previous > 0 && whole)
                .then(|| (current as f64 - previous as f64) / previous as f64 * 100.0);
            TargetResult {
                target: t.clone(),
                previous,
                actual_pct,
                status: target_status(actual_pct, t.target_pct_change),
            }
        })
        .collect()
}

/// The targets of a dataset's targets file (none without one), read
/// against its categories and areas; rows that do not read are left out
/// ([`check`] names them when the dataset loads).
pub fn of_dataset(b: &ExplorerData) -> Vec<Target> {
    read_dataset_targets(b).map_or_else(|_| Vec::new(), |(t, _)| t)
}

/// Fails with the file, line and reason of the first row of a dataset's
/// targets file that does not read, or the file's own error.
pub fn check(b: &ExplorerData) -> Result<(), String> {
    let (_, report) = read_dataset_targets(b).map_err(|e| e.to_string())?;
    match report.rejections.first() {
        Some(r) => Err(format!("{}: line {}: {}", r.file, r.line, r.reason)),
        None => Ok(()),
    }
}

fn read_dataset_targets(b: &ExplorerData) -> Result<(Vec<Target>, LoadReport), FileError> {
    let Some((file, bytes)) = &b.targets else {
        return Ok((Vec::new(), LoadReport::default()));
    };
    let ds = &b.dataset;
    let known = |code: &str| ds.area(code).is_some() || ds.cube.area_index(code).is_some();
    read_targets(file, bytes.as_slice(), &ds.categories, known)
}

/// Reads a targets file against the dataset's categories and areas (`known`
/// says whether an area code is one). Rows naming no selection in the
/// data, with a number that is not a finite number, with an area code not
/// `known`, or repeating a selection for the same area are rejected with
/// their line.
pub fn read_targets<R: Read>(
    file: &str,
    input: R,
    categories: &Categories,
    known: impl Fn(&str) -> bool,
) -> Result<(Vec<Target>, LoadReport), FileError> {
    let table = Table::read(file, input, EXPECTED)?;
    let headers = &table.headers;
    let sel_col = header::find(headers, &["selection", "category"]);
    let pct_col = header::find(headers, &["target pct change", "target", "target %"]);
    let area_col = header::find(headers, &["area code", "area"]);
    let (Some(sel_col), Some(pct_col)) = (sel_col, pct_col) else {
        let missing: Vec<&str> = [("selection", sel_col), ("target_pct_change", pct_col)]
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(n, _)| *n)
            .collect();
        return Err(FileError::MissingColumns {
            file: file.to_string(),
            missing: missing.join(", "),
            found: headers.join(", "),
        });
    };
    let mut report = LoadReport::default();
    let mut targets: Vec<Target> = Vec::new();
    table.for_each_row(file, &mut report, |report, record| {
        let line = record.line();
        let key = record.text(sel_col);
        let text = record.text(pct_col);
        let area = area_col.map(|c| record.text(c)).filter(|f| !f.is_empty());
        let Some(selection) = Selection::parse(key, categories) else {
            let reason =
                format!("{key:?} is not all-crime, asb, or a category or group in the data");
            report.reject(file, line, Some("selection"), reason.into());
            return;
        };
        let pct = match parse_decimal(text.trim_end_matches('%').trim()) {
            Some(p) => p,
            None => {
                let reason = format!("expected a % change such as -5, found {text:?}");
                report.reject(file, line, Some("target_pct_change"), reason.into());
                return;
            }
        };
        if let Some(code) = area.filter(|c| !known(c)) {
            let reason = format!("{code:?} is not an area of the dataset");
            report.reject(file, line, Some("area_code"), reason.into());
            return;
        }
        if targets
            .iter()
            .any(|t| t.selection == selection && t.area.as_deref() == area)
        {
            let reason = match area {
                Some(code) => format!("a target for {key:?} in {code} is already set"),
                None => format!("a target for {key:?} is already set"),
            };
            report.reject(file, line, Some("selection"), reason.into());
            return;
        }
        report.accepted += 1;
        targets.push(Target {
            selection,
            target_pct_change: pct,
            area: area.map(str::to_string),
        });
    });
    Ok((targets, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_bands_by_hand() {
        assert_eq!(
            target_status(Some(-6.0), -5.0),
            Some(TargetStatus::OnTarget)
        );
        assert_eq!(
            target_status(Some(-5.0), -5.0),
            Some(TargetStatus::OnTarget)
        );
        assert_eq!(
            target_status(Some(-3.0), -5.0),
            Some(TargetStatus::Near),
            "2 points above"
        );
        assert_eq!(target_status(Some(-2.9), -5.0), Some(TargetStatus::Off));
        assert_eq!(target_status(Some(4.0), 3.0), Some(TargetStatus::Near));
        assert_eq!(target_status(None, -5.0), None, "no baseline, no status");
        assert_eq!(TargetStatus::Near.colour(), "amber");
    }

    #[test]
    fn reads_targets_and_reports_bad_rows() {
        let text = "\u{feff}Selection,Target_Pct_Change\n\
                    all-crime,-5\n\
                    Burglary,-10%\n\
                    Unicorns,-3\n\
                    asb,lots\n\
                    all-crime,-7\n\
                    acquisitive crime,0\n\
                    \n";
        let cats = Categories::default();
        let (targets, report) = read_targets("t.csv", text.as_bytes(), &cats, |_| true).unwrap();
        let got: Vec<(&str, f64)> = targets
            .iter()
            .map(|t| (t.selection.key(), t.target_pct_change))
            .collect();
        assert_eq!(
            got,
            vec![
                ("all-crime", -5.0),
                ("Burglary", -10.0),
                ("Acquisitive crime", 0.0)
            ]
        );
        assert_eq!(
            (report.rows_read, report.accepted, report.rejected),
            (6, 3, 3)
        );
        assert!(report.adds_up());
        let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
        assert!(report.rejections[0].reason.to_string().contains("Unicorns"));
        let e = read_targets("t.csv", "selection,goal\n".as_bytes(), &cats, |_| true).unwrap_err();
        assert!(e.to_string().contains("missing column"), "{e}");
    }

    #[test]
    fn rejections_after_a_blank_line_carry_their_own_line() {
        let text = "selection,target_pct_change\n\nall-crime,-5\n\nasb,lots\nUnicorns,-3\n";
        let cats = Categories::default();
        let (_, report) = read_targets("t.csv", text.as_bytes(), &cats, |_| true).unwrap();
        let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![5, 6]);
    }

    #[test]
    fn an_area_s_own_targets_come_first_and_unknown_areas_are_rejected() {
        let text = "selection,target_pct_change,area_code\n\
                    all-crime,-5,\n\
                    burglary,-10,\n\
                    all-crime,-8,W1\n\
                    all-crime,-9,W1\n\
                    all-crime,-3,W9\n";
        let cats = Categories::default();
        let (targets, report) =
            read_targets("t.csv", text.as_bytes(), &cats, |c| c == "W1").unwrap();
        assert_eq!((report.accepted, report.rejected), (3, 2));
        assert!(report.rejections[0]
            .reason
            .to_string()
            .contains("already set"));
        assert!(report.rejections[1]
            .reason
            .to_string()
            .contains("\"W9\" is not an area"));
        let pcts = |chain: &[&str]| -> Vec<f64> {
            for_area(&targets, chain)
                .iter()
                .map(|t| t.target_pct_change)
                .collect()
        };
        assert_eq!(
            pcts(&["W1"]),
            [-8.0, -10.0],
            "its own all crime, the whole's burglary"
        );
        assert_eq!(pcts(&["W2"]), [-5.0, -10.0]);
        assert_eq!(
            pcts(&["W2", "W1"]),
            [-8.0, -10.0],
            "a parent's before the whole's"
        );
        assert_eq!(pcts(&[]), [-5.0, -10.0]);
    }
}
