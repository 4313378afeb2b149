//! `explorer-cli prepare`: police.uk street CSVs (or ZIP archives of
//! them) → a counts file (`month,area_code,category,count`), with a report
//! that adds up. The files are read through the page's own
//! [`LoadSession`]: the same recognition, archives, rule for repeated files
//! and per-file report; a bad file is set aside and the others read.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::args::{failed, wants_help, Args};
use super::file_source::{FileSource, OpenFile};
use super::prepare_report::{outcome, print_files, print_report, write_json};
use super::{CliError, Outcome};
use crate::data::categories_file::read_categories;
use crate::data::lookup::{read_lookup, Level, Lookup};
use crate::data::session::{LoadSession, SessionError};
use crate::data::{AreaMapper, Categories, LoadReport};

/// The help text of `prepare`.
pub const HELP: &str =
    "usage: explorer-cli prepare [--lookup FILE]... [--level lsoa|msoa|ward|district]
                            [--within CODE] [--categories FILE] [--report report.json]
                            --out counts.csv INPUT...

Aggregates police.uk street-level CSVs to counts by month, area and crime type.

  INPUT              police.uk street CSVs, ZIP archives of them (as police.uk
                     delivers them, monthly folders inside), or folders
                     searched for *-street.csv and *.zip
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
  --categories FILE  category,group[,is_crime][,source]: the crime types
                     accepted beyond the 14 police.uk types, and groups or
                     crime flags of those it lists
  --report FILE      also write the report as JSON

Every row read is accepted, not allocated (no LSOA code: written with an empty
area_code), outside the area (the lookup places its LSOA elsewhere), of an
unknown code (no lookup lists its LSOA: named, with a hint when the codes look
like another vintage, e.g. 2011 codes with a 2021 lookup), or rejected with
file, line and reason; the accepted rows are split into those mapped directly
and those bridged.

A police.uk file of a month and force already read (the same file twice, a
folder and a file in it, or the CSV and the zip it came from) is read once;
the report names it and the file read. When the two differ (another download
of the month), the first given is read and the other set aside. A file that
cannot be used (empty, not police.uk data, a damaged archive) is set aside with
its reason and the others are read.

Exit status: 0 done: every file read, every row counted or deliberately left
out (no LSOA, outside --within); 3 the counts file was written, but not
everything given was counted: a file set aside or read only in part, rows
rejected, or rows with an LSOA code no lookup lists (see the report); 2 error,
nothing written: bad arguments, an unusable lookup or categories file, or no
police.uk data among the inputs.";

/// The area mapping the options decide.
struct Mapping {
    mapper: AreaMapper,
    level: Level,
    within: Option<String>,
    categories: Categories,
}

/// Runs `prepare`.
pub fn run(args: &[String]) -> Result<Outcome, CliError> {
    if wants_help(args) {
        println!("{HELP}");
        return Ok(Outcome::Done);
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
    let lookup_paths = opts.all("lookup");
    let mapping = mapping(&opts, &lookup_paths)?;
    let level = mapping.level;
    let inputs = input_files(&opts.positional)?;
    let mut session = LoadSession::police_only();
    let open = OpenFile::default();
    for (id, path) in inputs.iter().enumerate() {
        let name = path.display().to_string();
        match FileSource::new(path, id, &open) {
            Ok(source) => session.add(&name, source),
            Err(message) => session.add_unreadable(&name, message),
        };
    }
    let started = session.start_mapped(
        mapping.mapper,
        level,
        mapping.within.as_deref(),
        mapping.categories,
    );
    if let Err(e) = started {
        print_files(&session.files());
        return Err(match e {
            SessionError::NoData => failed(
                "none of the inputs holds police.uk street data (see above); nothing written"
                    .to_string(),
            ),
            e => failed(e.to_string()),
        });
    }
    let loaded = session.finish().map_err(|e| failed(e.to_string()))?;
    let files: Vec<_> = loaded.files.iter().collect();
    print_files(&files);
    let text = loaded.counts_csv();
    std::fs::write(out, &text).map_err(|e| failed(format!("{out}: cannot write: {e}")))?;
    let written = text.lines().count().saturating_sub(1) as u64;
    print_report(&loaded, written, out);
    if let Some(path) = opts.get("report") {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        write_json(path, &names, out, &lookup_paths, &loaded, written)?;
    }
    Ok(outcome(&loaded))
}

/// The mapping from `--lookup`, `--level`, `--within` and `--categories`.
fn mapping(opts: &Args, lookup_paths: &[&str]) -> Result<Mapping, CliError> {
    let level = opts
        .get("level")
        .map(str::parse::<Level>)
        .transpose()
        .map_err(CliError::Usage)?;
    let within = opts.get("within");
    let (mapper, level) = match lookup_paths.last() {
        Some(last) => {
            let lookups = read_lookups(lookup_paths)?;
            let level = level.unwrap_or(
                if lookups.last().is_some_and(|l| l.has_level(Level::Ward)) {
                    Level::Ward
                } else {
                    Level::Lsoa
                },
            );
            let mapper = AreaMapper::from_lookups(&lookups, level, within)
                .map_err(|e| CliError::Usage(format!("{last}: {e}")))?;
            (mapper, level)
        }
        None if within.is_some() => {
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
            Categories::with_file(c)
        }
        None => Categories::default(),
    };
    Ok(Mapping {
        mapper,
        level,
        within: within.map(str::to_string),
        categories,
    })
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
/// name order, hidden files left out) for `*-street.csv` and `*.zip`.
fn input_files(inputs: &[String]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            if out.len() == before {
                return Err(failed(format!(
                    "{input}: no *-street.csv or .zip files in this folder"
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
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if name.ends_with("-street.csv") || name.to_ascii_lowercase().ends_with(".zip") {
            out.push(p);
        }
    }
    Ok(())
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

#[cfg(test)]
#[path = "prepare_tests.rs"]
mod tests;
