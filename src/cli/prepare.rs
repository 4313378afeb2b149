//! `explorer-cli prepare`: police.uk street CSVs (or ZIP archives of
//! them) → a counts file (`month,area_code,category,count`), with a report
//! that adds up. The files are read through the page's own
//! [`LoadSession`]: the same recognition, archives, rule for repeated files
//! and per-file report; a bad file is set aside and the others read.

use std::path::{Path, PathBuf};

use super::file_source::{FileSource, OpenFile};
use super::inputs::{default_level, open, print_rejections, read_lookups, shown_path};
use super::options::level_parser;
use super::prepare_report::{outcome, print_files, print_report, write_json};
use super::{failed, usage_error, CliError, Outcome};
use crate::data::categories_file::read_categories;
use crate::data::lookup::Level;
use crate::data::session::{LoadSession, SessionError};
use crate::data::{AreaMapper, Categories};

/// `prepare`'s arguments.
#[derive(clap::Args, Debug)]
pub struct PrepareArgs {
    /// police.uk street CSVs, ZIP archives of them (as police.uk delivers
    /// them, monthly folders inside), or folders searched for *-street.csv
    /// and *.zip
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<String>,
    /// The counts file to write: month,area_code,category,count, sorted by
    /// month, area_code, category (zero counts omitted)
    #[arg(long, value_name = "FILE")]
    pub out: String,
    /// An ONS LSOA lookup (LSOA11CD/LSOA21CD/LSOA Code → MSOA, ward WDyyCD,
    /// local authority LADyyCD); without it the level is lsoa and every
    /// LSOA code is an area. Give it more than once to chain (see below)
    #[arg(long, value_name = "FILE")]
    pub lookup: Vec<String>,
    /// The areas counted (default: ward with a lookup that has wards, else
    /// lsoa)
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = level_parser())]
    pub level: Option<Level>,
    /// Keep only LSOAs inside the area CODE (any level of the lookup, e.g.
    /// a local authority E08000035), or inside any of several (repeated or
    /// comma-separated); rows with no LSOA are then reported but not
    /// written
    #[arg(long, value_name = "CODE", requires = "lookup", value_delimiter = ',')]
    pub within: Vec<String>,
    /// category,group[,is_crime][,source]: the crime types accepted beyond
    /// the 14 police.uk types, and groups or crime flags of those it lists
    #[arg(long, value_name = "FILE")]
    pub categories: Option<String>,
    /// Also write the report as JSON
    #[arg(long, value_name = "FILE")]
    pub report: Option<String>,
}

/// The start of `prepare --help`.
pub const LONG_ABOUT: &str =
    "Aggregates police.uk street-level CSVs to counts by month, area and crime type.";

/// The end of `prepare --help`: chained lookups, what becomes of every
/// row, repeated and bad files, the exit status.
pub const AFTER_HELP: &str = "Chained lookups: the last lookup maps codes it knows directly; each
earlier one must be a bridge with two LSOA code columns (LSOA11CD,
LSOA21CD), and codes only it knows are bridged through it, e.g.
  --lookup lsoa11_to_lsoa21_best_fit_lookup.csv
  --lookup lsoa21_ward25_lad25_best_fit_lookup.csv

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
    categories: Categories,
}

/// Runs `prepare`.
pub fn run(args: &PrepareArgs) -> Result<Outcome, CliError> {
    let mapping = mapping(args)?;
    let inputs = input_files(&args.inputs)?;
    let mut session = LoadSession::police_only();
    let open = OpenFile::default();
    // Files are named from where the command runs, on stderr and in the
    // report alike (never the machine's absolute paths).
    for (id, path) in inputs.iter().enumerate() {
        let name = shown_path(path);
        match FileSource::new(path, id, &open) {
            Ok(source) => session.add(&name, source),
            Err(message) => session.add_unreadable(&name, message.into()),
        };
    }
    // The session records the areas for the report.
    let within = args.within.join(",");
    let started = session.start_mapped(
        mapping.mapper,
        mapping.level,
        (!within.is_empty()).then_some(within.as_str()),
        mapping.categories,
    );
    if let Err(e) = started {
        print_files(&session.files());
        return Err(match e {
            SessionError::NoData => failed(
                "none of the inputs holds police.uk street data (see above); nothing written",
            ),
            e => failed(e.to_string()),
        });
    }
    let loaded = session.finish().map_err(|e| failed(e.to_string()))?;
    let files: Vec<_> = loaded.files.iter().collect();
    print_files(&files);
    let out = &args.out;
    let text = loaded.counts_csv();
    std::fs::write(out, &text).map_err(|e| failed(format!("{out}: cannot write: {e}")))?;
    let written = text.lines().count().saturating_sub(1) as u64;
    print_report(&loaded, written, out);
    if let Some(path) = &args.report {
        let names: Vec<String> = inputs.iter().map(|p| shown_path(p)).collect();
        let lookups: Vec<String> = args.lookup.iter().map(|l| shown_path(l.as_ref())).collect();
        // The counts file beside the report is named as its neighbour, so
        // that a published folder's report reads the same wherever built.
        let (out_path, report_path) = (std::path::Path::new(out), std::path::Path::new(path));
        let output = match out_path.file_name() {
            Some(name) if out_path.parent() == report_path.parent() => {
                name.to_string_lossy().into_owned()
            }
            _ => shown_path(out_path),
        };
        write_json(path, &names, &output, &lookups, &loaded, written)?;
    }
    Ok(outcome(&loaded))
}

/// The mapping from `--lookup`, `--level`, `--within` and `--categories`.
fn mapping(args: &PrepareArgs) -> Result<Mapping, CliError> {
    let within = &args.within;
    let (mapper, level) = match args.lookup.last() {
        Some(last) => {
            let lookups = read_lookups(&args.lookup)?;
            let level = args.level.unwrap_or_else(|| default_level(&lookups));
            let mapper = AreaMapper::from_lookups(&lookups, level, within)
                .map_err(|e| failed(format!("{last}: {e}")))?;
            (mapper, level)
        }
        None => match args.level {
            Some(level) if level != Level::Lsoa => {
                return Err(usage_error(
                    "prepare",
                    format!("--level {} needs --lookup", level.name()),
                ))
            }
            _ => (AreaMapper::each_lsoa(), Level::Lsoa),
        },
    };
    let categories = match &args.categories {
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
        categories,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::{assert_usage_error, command};

    /// `explorer-cli prepare` with `args`.
    fn prepare(args: &[&str]) -> Result<Outcome, CliError> {
        command("prepare", args)
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        let usage = |args: &[&str], says: &str| assert_usage_error("prepare", args, says);
        usage(&["x.csv"], "--out <FILE>");
        usage(&["--out", "o.csv"], "<INPUT>...");
        usage(
            &["--out", "o.csv", "--level", "county", "x"],
            "invalid value 'county' for '--level <LEVEL>'",
        );
        usage(
            &["--out", "o.csv", "--within", "E08000035", "x"],
            "--lookup <FILE>",
        );
        usage(
            &["--out", "o.csv", "--level", "Ward", "x"],
            "--level ward needs --lookup",
        );
        let e = prepare(&["--out", "o.csv", "/no/such/file-street.csv"]).unwrap_err();
        assert!(matches!(e, CliError::Failed(_)), "{e}");
        assert!(e.to_string().contains("no such file"), "{e}");
        assert_eq!(prepare(&["--help"]).unwrap(), Outcome::Done);
    }

    #[test]
    fn suspect_months_count_the_rows_in_the_counts_as_the_page_does() {
        // Town (E06000001) has 4 rows a month but 1 in March; rows outside
        // it (E01000003, City) fill every month up to 5.
        let dir = std::env::temp_dir().join(format!("cse-prepare-suspect-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
        let lookup = dir.join("lookup.csv");
        std::fs::write(
            &lookup,
            "LSOA21CD,WD25CD,LAD25CD\nE01000001,E05000001,E06000001\nE01000003,E05000003,E06000002\n",
        )
        .unwrap();
        for (i, month) in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
            .iter()
            .enumerate()
        {
            let town = if i == 2 { 1 } else { 4 };
            let mut text = header.to_string();
            for j in 0..5 {
                let lsoa = if j < town { "E01000001" } else { "E01000003" };
                text += &format!(",{month},F,F,0,0,Here,{lsoa},N,Drugs,,\n");
            }
            std::fs::write(dir.join(format!("{month}-f-street.csv")), text).unwrap();
        }
        let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
        let path = |p: &std::path::Path| p.display().to_string();
        let outcome = prepare(&[
            "--lookup",
            &path(&lookup),
            "--within",
            "E06000001",
            "--out",
            &path(&out),
            "--report",
            &path(&report),
            &path(&dir),
        ])
        .unwrap();
        assert_eq!(outcome, Outcome::Done);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
        assert_eq!(json["months_suspect"][0]["month"], "2024-03");
        assert_eq!(json["months_suspect"][0]["total"], 1);
        assert_eq!(json["months_suspect"].as_array().unwrap().len(), 1);
        assert_eq!(
            (json["accepted"].as_u64(), json["outside_area"].as_u64()),
            (Some(17), Some(8))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
