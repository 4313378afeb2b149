//! Loading shared by the analysis commands: counts, areas (an areas file,
//! or an ONS lookup for the hierarchy plus a population table), categories,
//! the disclosure rule, targets, and the period pair from the options.

use std::collections::{BTreeMap, HashMap};

use super::inputs::{open, print_rejections};
use super::options::DataArgs;
use super::{failed, CliError};
use crate::analysis::targets::{read_targets, Target};
use crate::analysis::Disclosure;
use crate::data::areas::read_areas;
use crate::data::categories_file::read_categories;
use crate::data::counts::read_counts;
use crate::data::explorer_data::{cube_quality, leaf_codes};
use crate::data::lookup::read_lookup;
use crate::data::population::read_population;
use crate::data::{
    Area, AreaCode, Categories, CubeBuilder, Dataset, Level, LoadReport, Manifest, Quality,
};

/// A loaded dataset with what the commands need beside it.
pub struct Loaded {
    /// The data.
    pub dataset: Dataset,
    /// The disclosure rule (`--threshold`, else the manifest's).
    pub rule: Disclosure,
    /// What the counts say about completeness.
    pub quality: Quality,
}

/// Prints how many of a file's rows were rejected (when any were), then
/// its rows read as Windows-1252 and its first rejections.
fn print_read(path: &str, report: &LoadReport) {
    if report.rejected > 0 {
        eprintln!(
            "{path}: {} of {} rows rejected",
            report.rejected, report.rows_read
        );
    }
    print_rejections(report);
}

/// Loads the dataset the options name.
pub fn load(data: &DataArgs) -> Result<Loaded, CliError> {
    let categories = match &data.categories {
        Some(path) => {
            let (c, report) =
                read_categories(path, open(path)?).map_err(|e| failed(e.to_string()))?;
            print_read(path, &report);
            Categories::with_file(c)
        }
        None => Categories::default(),
    };
    let counts = &data.counts;
    let (mut areas, areas_report) = match &data.areas {
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
    print_read(counts, &report);
    let cube = builder
        .build()
        .map_err(|e| failed(format!("{counts}: {e}")))?;
    if let Some((path, report)) = &areas_report {
        print_read(path, report);
    }
    add_areas_around(data, &mut areas)?;
    let quality = cube_quality(&cube);
    Ok(Loaded {
        dataset: Dataset::new(cube, areas, &categories),
        rule: Disclosure {
            threshold: threshold(data)?,
        },
        quality,
    })
}

/// Adds the lookup's hierarchy and the population table's residents to
/// the areas (when given).
fn add_areas_around(data: &DataArgs, areas: &mut Vec<Area>) -> Result<(), CliError> {
    if let Some(path) = &data.lookup {
        let (lookup, report) = read_lookup(path, open(path)?).map_err(|e| failed(e.to_string()))?;
        print_read(path, &report);
        add_hierarchy(areas, &lookup);
    }
    if let Some(path) = &data.population {
        let (pops, report) =
            read_population(path, open(path)?).map_err(|e| failed(e.to_string()))?;
        print_read(path, &report);
        add_population(areas, &pops);
    }
    Ok(())
}

/// The disclosure threshold: `--threshold`, else the manifest's (a
/// manifest given is read either way: one that cannot be is an error).
fn threshold(data: &DataArgs) -> Result<Option<u32>, CliError> {
    let manifest = match &data.manifest {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| failed(format!("{path}: cannot read: {e}")))?;
            Manifest::parse(path, &text)
                .map_err(|e| failed(e.to_string()))?
                .disclosure_threshold
        }
        None => None,
    };
    Ok(data.threshold.or(manifest))
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
            area.name_cy = lookup.name_cy(code).map(str::to_string);
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

/// `--targets FILE`, read against the dataset's categories (none without
/// the file).
pub fn targets(path: Option<&str>, ds: &Dataset) -> Result<Vec<Target>, CliError> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let (t, report) = read_targets(path, open(path)?, &ds.categories, |c| {
        ds.area(c).is_some() || ds.cube.area_index(c).is_some()
    })
    .map_err(|e| failed(e.to_string()))?;
    print_read(path, &report);
    Ok(t)
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
        crate::cli::run(std::iter::once("rank".to_string()).chain(args)).unwrap();
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
}
