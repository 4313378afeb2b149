//! Targets (optional `targets.csv`: `selection,target_pct_change`, e.g.
//! `all-crime,-5`) and their status for the current pair.
//!
//! A target is a ceiling on the % change (lower is better for crime):
//! **on target** (green) when the change is at or below it; **near**
//! (amber) when above it by at most [`NEAR_POINTS`] percentage points;
//! **off target** (red) beyond that. With no % change (a previous count of
//! 0) there is no status.

use std::io::Read;

use serde::Serialize;

use crate::data::csv_scan::read_records;
use crate::data::{header, Categories, FileError, LoadReport};

use super::compare::Scope;
use super::selection::Selection;
use super::totals::{PeriodTotals, Which};

/// How far above its target (percentage points) a change is still "near".
pub const NEAR_POINTS: f64 = 2.0;

const EXPECTED: &str = "selection, target_pct_change";

/// One target.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// What it is for.
    pub selection: Selection,
    /// The highest acceptable % change (e.g. −5 = a fall of at least 5%).
    pub target_pct_change: f64,
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
    /// The actual % change; `None` when the previous count is 0.
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
            let actual_pct = (previous > 0)
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

/// Reads a targets file against the dataset's categories. Rows naming no
/// selection in the data, with a number that is not a finite number, or
/// repeating a selection are rejected with their line.
pub fn read_targets<R: Read>(
    file: &str,
    input: R,
    categories: &Categories,
) -> Result<(Vec<Target>, LoadReport), FileError> {
    // Text records: a line that is not UTF-8 stops the read, with its line.
    let records = read_records(file, input)?;
    let mut texts = Vec::with_capacity(records.len());
    for record in &records {
        let fields: Result<Vec<&str>, _> = record.iter().map(std::str::from_utf8).collect();
        let fields = fields.map_err(|e| FileError::Unreadable {
            file: file.to_string(),
            line: record.line(),
            message: format!("line {} is not valid UTF-8 text: {e}", record.line()),
        })?;
        texts.push((record.line(), fields));
    }
    let mut records = texts.into_iter();
    let Some((_, record)) = records.next() else {
        return Err(FileError::Empty {
            file: file.to_string(),
            expected: EXPECTED.to_string(),
        });
    };
    let headers: Vec<String> = record.iter().map(|h| header::normalise(h)).collect();
    let sel_col = header::find(&headers, &["selection", "category"]);
    let pct_col = header::find(&headers, &["target pct change", "target", "target %"]);
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
    for (line, record) in records {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        report.rows_read += 1;
        let key = record.get(sel_col).map_or("", |f| f.trim());
        let text = record.get(pct_col).map_or("", |f| f.trim());
        let Some(selection) = Selection::parse(key, categories) else {
            let reason =
                format!("{key:?} is not all-crime, asb, or a category or group in the data");
            report.reject(file, line, Some("selection"), reason);
            continue;
        };
        let pct = match text.trim_end_matches('%').trim().parse::<f64>() {
            Ok(p) if p.is_finite() => p,
            _ => {
                let reason = format!("expected a % change such as -5, found {text:?}");
                report.reject(file, line, Some("target_pct_change"), reason);
                continue;
            }
        };
        if targets.iter().any(|t| t.selection == selection) {
            let reason = format!("a target for {key:?} is already set");
            report.reject(file, line, Some("selection"), reason);
            continue;
        }
        report.accepted += 1;
        targets.push(Target {
            selection,
            target_pct_change: pct,
        });
    }
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
        let (targets, report) = read_targets("t.csv", text.as_bytes(), &cats).unwrap();
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
        assert!(report.rejections[0].reason.contains("Unicorns"));
        let e = read_targets("t.csv", "selection,goal\n".as_bytes(), &cats).unwrap_err();
        assert!(e.to_string().contains("missing column"), "{e}");
    }

    #[test]
    fn rejections_after_a_blank_line_carry_their_own_line() {
        let text = "selection,target_pct_change\n\nall-crime,-5\n\nasb,lots\nUnicorns,-3\n";
        let cats = Categories::default();
        let (_, report) = read_targets("t.csv", text.as_bytes(), &cats).unwrap();
        let lines: Vec<u64> = report.rejections.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![5, 6]);
    }
}
