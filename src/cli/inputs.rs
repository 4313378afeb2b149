//! Reading the input files the commands share: opening a file by its path,
//! the ONS lookups (and the level they lead to by default), and the rows a
//! reader rejected, printed on stderr.

use std::fs::File;

use super::{failed, CliError};
use crate::data::lookup::{read_lookup, Level, Lookup};
use crate::data::LoadReport;

/// Rejected rows printed (the rest are counted).
const PRINTED_REJECTIONS: usize = 10;

/// A path as reports name it: relative to where the command runs (e.g.
/// `../shared/data/ons/lookup.csv`), never the machine's absolute path; a
/// relative path as given.
pub fn shown_path(path: &std::path::Path) -> String {
    let Some(cwd) = std::env::current_dir().ok().filter(|_| path.is_absolute()) else {
        return path.display().to_string();
    };
    let (parts, here): (Vec<_>, Vec<_>) = (path.components().collect(), cwd.components().collect());
    let common = parts.iter().zip(&here).take_while(|(a, b)| a == b).count();
    let mut out = std::path::PathBuf::new();
    for _ in common..here.len() {
        out.push("..");
    }
    for part in &parts[common..] {
        out.push(part);
    }
    out.display().to_string()
}

/// Opens a file for reading, naming it in the error.
pub fn open(path: &str) -> Result<File, CliError> {
    File::open(path).map_err(|e| failed(format!("{path}: cannot open: {e}")))
}

/// Reads each lookup, printing a line and the first rejections for each.
pub fn read_lookups(paths: &[String]) -> Result<Vec<Lookup>, CliError> {
    let mut out = Vec::new();
    for path in paths {
        let (lookup, report) = read_lookup(path, open(path)?).map_err(|e| failed(e.to_string()))?;
        let bridge = if lookup.is_bridge() {
            ", a bridge to newer LSOA codes"
        } else {
            ""
        };
        eprintln!(
            "lookup {path}: {} LSOAs ({}{bridge}), {} rows rejected",
            lookup.len(),
            lookup.level_names(),
            report.rejected
        );
        print_rejections(&report);
        out.push(lookup);
    }
    Ok(out)
}

/// The level when none is asked for: ward when the last lookup (the one
/// that maps LSOAs to areas) has wards, else LSOA.
pub fn default_level(lookups: &[Lookup]) -> Level {
    if lookups.last().is_some_and(|l| l.has_level(Level::Ward)) {
        Level::Ward
    } else {
        Level::Lsoa
    }
}

/// Prints the files with rows read as Windows-1252, then the first ten
/// rejections of a report (file, line, column, reason) and how many more.
pub fn print_rejections(report: &LoadReport) {
    for note in &report.windows_1252 {
        eprintln!("  {}", note.describe());
    }
    for r in report.rejections.iter().take(PRINTED_REJECTIONS) {
        let column = r
            .column
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        eprintln!("  rejected {}:{}{}: {}", r.file, r.line, column, r.reason);
    }
    let printed = report.rejections.len().min(PRINTED_REJECTIONS) as u64;
    if report.rejected > printed {
        eprintln!("  … and {} more rejected rows", report.rejected - printed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reports_name_paths_from_where_the_command_runs() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(shown_path(&cwd.join("data/x.csv")), "data/x.csv");
        let beside = cwd.parent().unwrap().join("shared/data/y.csv");
        assert_eq!(shown_path(&beside), "../shared/data/y.csv");
        assert_eq!(shown_path(Path::new("rel/z.csv")), "rel/z.csv");
    }
}
