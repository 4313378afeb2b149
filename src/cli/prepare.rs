//! `explorer-cli prepare`: police.uk street CSVs → a counts file
//! (`month,area_code,category,count`), with a report that adds up.

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::args::{failed, wants_help, Args};
use super::CliError;
use crate::data::categories_file::read_categories;
use crate::data::counts_write::write_counts_csv;
use crate::data::lookup::{read_lookup, Level, Lookup};
use crate::data::{AreaMapper, Categories, LoadReport, PoliceUkAggregator, Prepared, Quality};

/// The help text of `prepare`.
pub const HELP: &str =
    "usage: explorer-cli prepare [--lookup FILE]... [--level lsoa|msoa|ward|district]
                            [--within CODE] [--categories FILE] [--report report.json]
                            --out counts.csv INPUT...

Aggregates police.uk street-level CSVs to counts by month, area and crime type.

  INPUT              police.uk street CSVs, or folders searched for *-street.csv
  --out FILE         the counts file to write: month,area_code,category,count,
                     sorted by month, area_code, category (zero counts omitted)
  --lookup FILE      an ONS LSOA lookup (LSOA11CD/LSOA21CD/LSOA Code → MSOA,
                     ward WDyyCD, local authority LADyyCD); without it the
                     level is lsoa and every LSOA code is an area. Give it
                     more than once to chain: the last lookup maps codes it
                     knows directly; each earlier one must be a bridge with
                     two LSOA code columns (LSOA11CD, LSOA21CD) and codes
                     only it knows are bridged through it, e.g.
                       --lookup lsoa11_to_lsoa21_best_fit_lookup.csv
                       --lookup lsoa21_ward25_lad25_best_fit_lookup.csv
  --level LEVEL      lsoa, msoa, ward or district (default: ward with a lookup
                     that has wards, else lsoa)
  --within CODE      keep only LSOAs inside the area CODE (any level of the
                     lookup, e.g. a local authority E08000035); rows with no
                     LSOA are then reported but not written
  --categories FILE  category,group[,is_crime]: the crime types accepted
                     (default: the 14 police.uk types)
  --report FILE      also write the report as JSON

Every row read is accepted, not allocated (no LSOA code: written with an empty
area_code), outside the area, or rejected with file, line and reason; the
accepted rows are split into those mapped directly and those bridged.";

/// The JSON report.
#[derive(Serialize)]
struct JsonReport<'a> {
    inputs: &'a [String],
    output: &'a str,
    lookups: Vec<&'a str>,
    level: &'a str,
    within: Option<&'a str>,
    #[serde(flatten)]
    report: &'a LoadReport,
    mapped_directly: u64,
    bridged: u64,
    #[serde(flatten)]
    quality: &'a Quality,
    areas: usize,
    counts_written: u64,
}

/// Runs `prepare`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    if wants_help(args) {
        println!("{HELP}");
        return Ok(());
    }
    let opts = Args::parse(
        args,
        &["lookup", "level", "within", "report", "out", "categories"],
        &[],
    )?;
    let out = opts.require("out")?;
    if opts.positional.is_empty() {
        return Err(CliError::Usage(
            "prepare needs at least one INPUT file or folder".to_string(),
        ));
    }
    let level = opts
        .get("level")
        .map(str::parse::<Level>)
        .transpose()
        .map_err(CliError::Usage)?;
    let lookup_paths = opts.all("lookup");
    let (mapper, level) = match lookup_paths.last() {
        Some(last) => {
            let lookups = read_lookups(&lookup_paths)?;
            let level = level.unwrap_or(
                if lookups.last().is_some_and(|l| l.has_level(Level::Ward)) {
                    Level::Ward
                } else {
                    Level::Lsoa
                },
            );
            let mapper = AreaMapper::from_lookups(&lookups, level, opts.get("within"))
                .map_err(|e| CliError::Usage(format!("{last}: {e}")))?;
            (mapper, level)
        }
        None if opts.get("within").is_some() => {
            return Err(CliError::Usage(
                "--within needs --lookup to know which LSOAs lie inside".to_string(),
            ))
        }
        None if level.is_some_and(|l| l != Level::Lsoa) => {
            return Err(CliError::Usage(
                "--level other than lsoa needs --lookup".to_string(),
            ))
        }
        None => (AreaMapper::each_lsoa(), Level::Lsoa),
    };
    let categories = match opts.get("categories") {
        Some(path) => {
            let (c, report) =
                read_categories(path, open(path)?).map_err(|e| failed(e.to_string()))?;
            print_rejections(&report);
            c
        }
        None => Categories::default(),
    };
    let keeps_unallocated = mapper.keeps_unallocated();
    let files = input_files(&opts.positional)?;
    let mut agg = PoliceUkAggregator::new(mapper, categories);
    for path in &files {
        let name = path.display().to_string();
        agg.read(&name, open(&name)?)
            .map_err(|e| failed(e.to_string()))?;
    }
    let prepared = agg.finish().map_err(|e| failed(e.to_string()))?;
    let written = write_counts(out, &prepared, keeps_unallocated)?;
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    print_report(&prepared, files.len(), level, written, out);
    if let Some(path) = opts.get("report") {
        let json = JsonReport {
            inputs: &names,
            output: out,
            lookups: lookup_paths.clone(),
            level: level.name(),
            within: opts.get("within"),
            report: &prepared.report,
            mapped_directly: prepared.mapped_directly(),
            bridged: prepared.bridged,
            quality: &prepared.quality,
            areas: prepared.cube.areas().len(),
            counts_written: written,
        };
        let text =
            serde_json::to_string_pretty(&json).map_err(|e| failed(format!("{path}: {e}")))?;
        std::fs::write(path, text + "\n")
            .map_err(|e| failed(format!("{path}: cannot write: {e}")))?;
    }
    Ok(())
}

/// Reads each lookup, printing a line and the first rejections for each.
pub fn read_lookups(paths: &[&str]) -> Result<Vec<Lookup>, CliError> {
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

/// Opens a file for reading, naming it in the error.
pub fn open(path: &str) -> Result<File, CliError> {
    File::open(path).map_err(|e| failed(format!("{path}: cannot open: {e}")))
}

/// The files to read: files as given, folders searched (recursively, in
/// name order) for `*-street.csv`.
fn input_files(inputs: &[String]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            if out.len() == before {
                return Err(failed(format!(
                    "{input}: no *-street.csv files in this folder"
                )));
            }
        } else if path.is_file() {
            out.push(path.to_path_buf());
        } else {
            return Err(failed(format!("{input}: no such file or folder")));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| failed(format!("{}: cannot list: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with("-street.csv"))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// Writes the counts sorted by month, area_code (not allocated = empty,
/// first), category; returns the number of lines written.
fn write_counts(path: &str, p: &Prepared, keeps_unallocated: bool) -> Result<u64, CliError> {
    let text = write_counts_csv(&p.cube, keeps_unallocated);
    std::fs::write(path, &text).map_err(|e| failed(format!("{path}: cannot write: {e}")))?;
    Ok(text.lines().count().saturating_sub(1) as u64)
}

/// Prints the first ten rejections of a report (file, line, column,
/// reason), after the files with rows read as Windows-1252.
pub fn print_rejections(report: &LoadReport) {
    for note in &report.windows_1252 {
        eprintln!("  {}", note.describe());
    }
    for r in report.rejections.iter().take(10) {
        let column = r
            .column
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        eprintln!("  rejected {}:{}{}: {}", r.file, r.line, column, r.reason);
    }
    if report.rejected > 10 {
        eprintln!("  … and {} more rejected rows", report.rejected - 10);
    }
}

fn print_report(p: &Prepared, files: usize, level: Level, written: u64, out: &str) {
    let r = &p.report;
    let q = &p.quality;
    eprintln!("read {} rows from {files} file(s)", r.rows_read);
    eprintln!(
        "  accepted      {:>10}  (in {} {level} areas)",
        r.accepted,
        p.cube.areas().len()
    );
    eprintln!("    mapped directly {:>8}", p.mapped_directly());
    eprintln!(
        "    bridged         {:>8}  (through an earlier lookup)",
        p.bridged
    );
    eprintln!("  not allocated {:>10}  (no LSOA code)", r.not_allocated);
    eprintln!("  outside area  {:>10}", r.outside_area);
    eprintln!("  rejected      {:>10}", r.rejected);
    let sum = r.accepted + r.not_allocated + r.outside_area + r.rejected;
    eprintln!(
        "  check: {sum} = rows read {}{}",
        r.rows_read,
        if r.adds_up() { "" } else { "  MISMATCH" }
    );
    print_rejections(r);
    let list = |ms: Vec<String>| {
        if ms.is_empty() {
            "none".to_string()
        } else {
            ms.join(", ")
        }
    };
    if let (Some(first), Some(last)) = (q.months_covered.first(), q.months_covered.last()) {
        eprintln!(
            "months: {first} to {last}, {} with rows",
            q.months_covered.len()
        );
    }
    eprintln!(
        "months missing: {}",
        list(q.months_missing.iter().map(|m| m.to_string()).collect())
    );
    let suspect = q.months_suspect.iter().map(|s| {
        format!(
            "{} ({} rows, neighbours' median {})",
            s.month, s.total, s.neighbour_median
        )
    });
    eprintln!("months suspiciously low: {}", list(suspect.collect()));
    eprintln!("wrote {out}: {written} counts");
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cli::args::strings as args;

    #[test]
    fn bad_arguments_are_usage_errors() {
        let e = run(&args(&["x.csv"])).unwrap_err();
        assert!(e.to_string().contains("--out is required"), "{e}");
        let e = run(&args(&["--out", "o.csv"])).unwrap_err();
        assert!(e.to_string().contains("at least one INPUT"), "{e}");
        let e = run(&args(&["--out", "o.csv", "--level", "county", "x"])).unwrap_err();
        assert!(e.to_string().contains("unknown level"), "{e}");
        let e = run(&args(&["--out", "o.csv", "--within", "E08000035", "x"])).unwrap_err();
        assert!(e.to_string().contains("--within needs --lookup"), "{e}");
        let e = run(&args(&["--out", "o.csv", "/no/such/file-street.csv"])).unwrap_err();
        assert!(e.to_string().contains("no such file"), "{e}");
        assert!(run(&args(&["--help"])).is_ok());
    }
}
