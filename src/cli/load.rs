//! Loading shared by the analysis commands: counts, areas (an areas file,
//! or an ONS lookup for the hierarchy plus a population table), categories,
//! the disclosure rule, targets, and the period pair from the options.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;

use super::args::{failed, wants_help, Args};
use super::output::{format, Format};
use super::CliError;
use crate::analysis::narrative::coverage_sentence;
use crate::analysis::targets::{read_targets, Target};
use crate::analysis::{AreaLevel, Disclosure, Period, PeriodPair, PeriodTotals, Preset, Selection};
use crate::data::areas::read_areas;
use crate::data::bundle::{cube_quality, leaf_codes};
use crate::data::categories_file::read_categories;
use crate::data::counts::read_counts;
use crate::data::lookup::read_lookup;
use crate::data::population::read_population;
use crate::data::{
    Area, AreaCode, Categories, CubeBuilder, Dataset, Level, LoadReport, Manifest, Quality,
};

/// Options every analysis command takes (with a value).
pub const DATA_OPTIONS: [&str; 12] = [
    "counts",
    "areas",
    "lookup",
    "population",
    "categories",
    "manifest",
    "threshold",
    "preset",
    "current",
    "previous",
    "format",
    "out",
];

/// A loaded dataset with what the commands need beside it.
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// The disclosure rule (`--threshold`, else the manifest's).
    pub rule: Disclosure,
    /// What the counts say about completeness.
    pub quality: Quality,
}

fn open(path: &str) -> Result<File, CliError> {
    File::open(path).map_err(|e| failed(format!("{path}: cannot open: {e}")))
}

/// Prints a reader's rows read as Windows-1252 and rejected rows (first
/// ten) on stderr.
pub fn print_rejections(what: &str, report: &LoadReport) {
    for note in &report.windows_1252 {
        eprintln!("{}", note.describe());
    }
    if report.rejected > 0 {
        eprintln!(
            "{what}: {} of {} rows rejected",
            report.rejected, report.rows_read
        );
    }
    for r in report.rejections.iter().take(10) {
        eprintln!("  {}:{}: {}", r.file, r.line, r.reason);
    }
}

/// Loads the dataset named by the options.
pub fn load(opts: &Args) -> Result<Loaded, CliError> {
    let categories = match opts.get("categories") {
        Some(path) => {
            let (c, report) =
                read_categories(path, open(path)?).map_err(|e| failed(e.to_string()))?;
            print_rejections(path, &report);
            Categories::with_file(c)
        }
        None => Categories::default(),
    };
    let counts = opts.require("counts")?;
    let (mut areas, areas_report) = match opts.get("areas") {
        Some(path) => {
            let (a, report) = read_areas(path, open(path)?).map_err(|e| failed(e.to_string()))?;
            (a, Some((path, report)))
        }
        None => (Vec::new(), None),
    };
    // As in the browser: the areas file's finest areas are on the cube
    // even without counts, so they are ranked (as zero).
    let mut builder = CubeBuilder::new()
        .with_categories(categories.iter().map(|c| c.name.as_str()))
        .with_areas(leaf_codes(&areas));
    let report =
        read_counts(counts, open(counts)?, &mut builder).map_err(|e| failed(e.to_string()))?;
    print_rejections(counts, &report);
    let cube = builder
        .build()
        .map_err(|e| failed(format!("{counts}: {e}")))?;
    if let Some((path, report)) = &areas_report {
        print_rejections(path, report);
    }
    if let Some(path) = opts.get("lookup") {
        let (lookup, report) = read_lookup(path, open(path)?).map_err(|e| failed(e.to_string()))?;
        print_rejections(path, &report);
        add_hierarchy(&mut areas, &lookup);
    }
    if let Some(path) = opts.get("population") {
        let (pops, report) =
            read_population(path, open(path)?).map_err(|e| failed(e.to_string()))?;
        print_rejections(path, &report);
        add_population(&mut areas, &pops);
    }
    let manifest_threshold = match opts.get("manifest") {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| failed(format!("{path}: cannot read: {e}")))?;
            Manifest::parse(path, &text)
                .map_err(|e| failed(e.to_string()))?
                .disclosure_threshold
        }
        None => None,
    };
    let threshold = match opts.get("threshold") {
        Some(t) => Some(t.trim().parse::<u32>().map_err(|_| {
            CliError::Usage(format!("--threshold expects a whole number, found {t:?}"))
        })?),
        None => manifest_threshold,
    };
    let quality = cube_quality(&cube);
    Ok(Loaded {
        dataset: Dataset::new(cube, areas, &categories),
        rule: Disclosure { threshold },
        quality,
    })
}

/// Adds the lookup's areas: each LSOA's parent is its ward, else MSOA,
/// else district; wards' and MSOAs' parent is the district. Areas already
/// listed keep what the areas file says.
fn add_hierarchy(areas: &mut Vec<Area>, lookup: &crate::data::Lookup) {
    let mut index: HashMap<String, usize> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.0.clone(), i))
        .collect();
    for row in lookup.rows() {
        let chain: Vec<&str> = [Level::Lsoa, Level::Ward, Level::Msoa, Level::District]
            .into_iter()
            .filter_map(|l| row.code(l))
            .collect();
        // LSOA → (ward | MSOA) → district: skip the MSOA when a ward is there.
        let chain: Vec<&str> = match (row.code(Level::Ward), row.code(Level::Msoa)) {
            (Some(_), Some(m)) => chain.into_iter().filter(|c| *c != m).collect(),
            _ => chain,
        };
        for (i, code) in chain.iter().enumerate() {
            if index.contains_key(*code) {
                continue;
            }
            let mut area = Area::named(code, lookup.name(code).unwrap_or(code));
            area.parent = chain.get(i + 1).map(|p| AreaCode::from(*p));
            index.insert((*code).to_string(), areas.len());
            areas.push(area);
        }
    }
}

/// Sets populations, adding areas the list lacks (as their own leaves).
fn add_population(areas: &mut Vec<Area>, pops: &BTreeMap<AreaCode, u32>) {
    let index: HashMap<String, usize> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.0.clone(), i))
        .collect();
    for (code, &p) in pops {
        match index.get(code.as_str()).and_then(|&i| areas.get_mut(i)) {
            Some(a) => a.population = Some(p),
            None => {
                let mut a = Area::named(code.as_str(), code.as_str());
                a.population = Some(p);
                areas.push(a);
            }
        }
    }
}

/// The period pair from `--preset` or `--current`/`--previous`, checked
/// against the data.
pub fn period_pair(opts: &Args, ds: &Dataset) -> Result<PeriodPair, CliError> {
    let (first, last) = (ds.cube.first_month(), ds.cube.last_month());
    // A bad month names the option and the real problem (not the whole usage).
    let bad = |flag: &str, e: crate::analysis::PeriodError| failed(format!("--{flag}: {e}"));
    let pair = match (opts.get("preset"), opts.get("current"), opts.get("previous")) {
        (Some(p), None, None) => {
            let keys: Vec<&str> = Preset::ALL.iter().map(|p| p.key()).collect();
            let preset = Preset::from_key(p).ok_or_else(|| {
                CliError::Usage(format!("unknown preset {p:?}; expected one of {}", keys.join(", ")))
            })?;
            preset.pair(first, last).map_err(|e| failed(e.to_string()))?
        }
        (None, Some(c), Some(p)) => PeriodPair {
            current: Period::parse(c).map_err(|e| bad("current", e))?,
            previous: Period::parse(p).map_err(|e| bad("previous", e))?,
        },
        _ => {
            return Err(CliError::Usage(
                "give either --preset P or both --current YYYY-MM..YYYY-MM and --previous YYYY-MM..YYYY-MM".to_string(),
            ))
        }
    };
    pair.check_within(first, last)
        .map_err(|e| failed(e.to_string()))?;
    Ok(pair)
}

/// `--level`: a GSS level name, `base` (the areas with counts, default)
/// or `up1`, `up2`… (parent steps).
pub fn area_level(opts: &Args) -> Result<(AreaLevel, &'static str), CliError> {
    let Some(text) = opts.get("level") else {
        return Ok((AreaLevel::Base, "area"));
    };
    if text == "base" {
        return Ok((AreaLevel::Base, "area"));
    }
    if let Some(n) = text
        .strip_prefix("up")
        .and_then(|n| n.parse::<usize>().ok())
    {
        return Ok((AreaLevel::Up(n), "area"));
    }
    let level: Level = text.parse().map_err(CliError::Usage)?;
    let noun = match level {
        Level::Lsoa => "LSOA",
        Level::Msoa => "MSOA",
        Level::Ward => "ward",
        Level::District => "district",
    };
    Ok((AreaLevel::Gss(level), noun))
}

/// `--targets FILE`, read against the dataset's categories.
pub fn targets(opts: &Args, ds: &Dataset) -> Result<Vec<Target>, CliError> {
    let Some(path) = opts.get("targets") else {
        return Ok(Vec::new());
    };
    let (t, report) =
        read_targets(path, open(path)?, &ds.categories).map_err(|e| failed(e.to_string()))?;
    print_rejections(path, &report);
    Ok(t)
}

/// What `compare`, `rank` and `findings` start from: their options parsed,
/// the output format, the data loaded, the period pair and its totals.
pub struct Start {
    /// The options.
    pub opts: Args,
    /// The output format.
    pub format: Format,
    /// The data.
    pub loaded: Loaded,
    /// The periods.
    pub pair: PeriodPair,
    /// Per-area totals of both periods.
    pub totals: PeriodTotals,
}

/// Parses `args` (the data options plus `extra`), loads the data and sums
/// the pair; `None` when `--help` was asked for (`help` is printed).
pub fn start(
    args: &[String],
    help: &str,
    extra: &[&str],
    default: Format,
) -> Result<Option<Start>, CliError> {
    if wants_help(args) {
        println!("{help}");
        return Ok(None);
    }
    let mut options = DATA_OPTIONS.to_vec();
    options.extend(extra);
    let opts = Args::parse(args, &options, &[])?;
    let format = format(&opts, default)?;
    let loaded = load(&opts)?;
    let pair = period_pair(&opts, &loaded.dataset)?;
    let totals = PeriodTotals::new(&loaded.dataset.cube, &pair);
    let all_crime = Selection::AllCrime.mask(&loaded.dataset.categories);
    if let Some(gaps) = coverage_sentence(&totals.coverage(&all_crime), &pair) {
        eprintln!("warning: {gaps}");
    }
    Ok(Some(Start {
        opts,
        format,
        loaded,
        pair,
        totals,
    }))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// A fresh file in the temp directory with `text` in it.
    fn file(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("cse-load-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn wards_without_counts_are_ranked_as_zero() {
        // Cedar and Damson have no rows in the counts file.
        let areas = file(
            "areas.csv",
            "area_code,area_name,parent_code\nB,Borough,\nW1,Ash,B\nW2,Beech,B\nW3,Cedar,B\nW4,Damson,B\n",
        );
        let counts = file(
            "counts.csv",
            "month,area_code,category,count\n2024-01,W1,Burglary,2\n2024-02,W1,Burglary,5\n2024-02,W2,Burglary,3\n",
        );
        let out = file("ranked.csv", "");
        let args: Vec<String> = [
            "--counts",
            counts.to_str().unwrap(),
            "--areas",
            areas.to_str().unwrap(),
            "--current",
            "2024-02..2024-02",
            "--previous",
            "2024-01..2024-01",
            "--out",
            out.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec();
        crate::cli::rank::run(&args).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        let rows: Vec<Vec<&str>> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(4).collect())
            .collect();
        assert_eq!(
            rows,
            [
                ["1", "W1", "Ash", "5"],
                ["2", "W2", "Beech", "3"],
                ["3", "W3", "Cedar", "0"],
                ["3", "W4", "Damson", "0"],
            ]
        );
    }

    #[test]
    fn a_month_13_is_named_not_the_whole_usage() {
        let counts = file(
            "counts13.csv",
            "month,area_code,category,count\n2023-01,W1,Burglary,2\n",
        );
        let args: Vec<String> = [
            "--counts",
            counts.to_str().unwrap(),
            "--current",
            "2023-13..2023-13",
            "--previous",
            "2023-01..2023-01",
        ]
        .map(String::from)
        .to_vec();
        let e = crate::cli::compare::run(&args).unwrap_err().to_string();
        assert_eq!(
            e,
            "--current: there is no month 13 in \"2023-13\": months run from 01 to 12"
        );
    }
}
