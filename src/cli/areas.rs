//! `explorer-cli areas`: ONS lookups + LSOA populations (+ LSOA deprivation
//! ranks) → the explorer's areas file. The rules are in
//! [`crate::data::areas_build`].

use super::inputs::{default_level, open, print_rejections, read_lookups};
use super::options::level_parser;
use super::{failed, CliError};
use crate::data::areas_build::{build_areas, AreaRow, BuiltAreas, Ranks};
use crate::data::areas_write::write_areas_csv;
use crate::data::deprivation_lookup::{read_ranks, IMD2019_LSOAS};
use crate::data::lookup::Level;
use crate::data::population::read_population;
use crate::data::{Area, AreaCode};

/// What `areas --help` says before the options.
pub const LONG_ABOUT: &str = "Writes the explorer's areas file: \
area_code,area_name,parent_code,population,imd_rank,imd_decile for every area \
of the level (inside CODE), and their parents (e.g. the local authority) as \
rows of their own, coarsest first; with area_name_cy after area_name when any \
of those areas has a Welsh name in the lookup (WD25NMW, LAD25NMW…).";

/// `areas`' arguments.
#[derive(clap::Args, Debug)]
pub struct AreasArgs {
    /// ONS LSOA lookups, chained as in prepare: the last maps the LSOAs to
    /// the level; earlier ones bridge older LSOA codes (e.g. LSOA11CD →
    /// LSOA21CD) so that 2011-coded populations and ranks reach the last
    /// lookup's LSOAs
    #[arg(long, value_name = "FILE", required = true)]
    pub lookup: Vec<String>,
    /// Residents by LSOA (Census 2021 TS007A: geography code, Age: Total;
    /// or the 2011 LSOA table)
    #[arg(long, value_name = "FILE")]
    pub population: String,
    /// Deprivation rank by LSOA (IMD 2019: LSOA11CD, IMD19; 1 = most
    /// deprived); an area's imd_rank is the population-weighted mean of its
    /// LSOAs' ranks, rounded; imd_decile = ceil(rank × 10 / N)
    #[arg(long, value_name = "FILE")]
    pub deprivation: Option<String>,
    /// LSOAs in the ranking (32844: the English IMD 2019)
    #[arg(
        long,
        value_name = "N",
        default_value_t = IMD2019_LSOAS,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub imd_lsoas: u32,
    /// The areas' level (default: ward when the last lookup has wards)
    #[arg(long, value_name = "LEVEL", ignore_case = true, value_parser = level_parser())]
    pub level: Option<Level>,
    /// Only areas inside CODE (e.g. E06000004), or inside any of several
    /// (repeated or comma-separated); each is a top row
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub within: Vec<String>,
    /// The areas file to write
    #[arg(long, value_name = "FILE")]
    pub out: String,
}

/// Runs `areas`.
pub fn run(args: &AreasArgs) -> Result<(), CliError> {
    let lookups = read_lookups(&args.lookup)?;
    let level = args.level.unwrap_or_else(|| default_level(&lookups));
    let pop_path = &args.population;
    let (population, report) =
        read_population(pop_path, open(pop_path)?).map_err(|e| failed(e.to_string()))?;
    eprintln!(
        "population {pop_path}: {} areas, {} rows rejected",
        population.len(),
        report.rejected
    );
    print_rejections(&report);
    let ranks = match &args.deprivation {
        Some(path) => Some(read_deprivation(path)?),
        None => None,
    };
    let built = build_areas(
        &lookups,
        level,
        &args.within,
        &population,
        ranks.as_ref().map(|by_lsoa| Ranks {
            by_lsoa,
            of: args.imd_lsoas,
        }),
    )
    .map_err(|e| failed(format!("{}: {e}", lookup_path(args))))?;
    let text = write_areas_csv(&areas_of(&built.rows)?);
    std::fs::write(&args.out, text)
        .map_err(|e| failed(format!("{}: cannot write: {e}", args.out)))?;
    print_summary(&built, ranks.is_some());
    eprintln!("wrote {}: {} areas", args.out, built.rows.len());
    Ok(())
}

/// The last lookup's path: the one the areas come from.
fn lookup_path(args: &AreasArgs) -> &str {
    args.lookup.last().map_or("", String::as_str)
}

/// Deprivation ranks by LSOA, with a line and the first rejections.
fn read_deprivation(path: &str) -> Result<std::collections::BTreeMap<AreaCode, u32>, CliError> {
    let (ranks, report) = read_ranks(path, open(path)?).map_err(|e| failed(e.to_string()))?;
    eprintln!(
        "deprivation {path}: {} ranks, {} rows rejected",
        ranks.len(),
        report.rejected
    );
    print_rejections(&report);
    Ok(ranks)
}

/// The rows built as the areas file's areas. A population the file cannot
/// hold (over 4,294,967,295 residents) is an error, not a wrong figure.
fn areas_of(rows: &[AreaRow]) -> Result<Vec<Area>, CliError> {
    rows.iter()
        .map(|r| {
            let population = u32::try_from(r.population).map_err(|_| {
                failed(format!(
                    "{}: a population of {} is more than the areas file can hold",
                    r.code, r.population
                ))
            })?;
            Ok(Area {
                name_cy: r.name_cy.clone(),
                parent: r.parent.as_deref().map(AreaCode::from),
                population: Some(population),
                imd_rank: r.imd_rank,
                imd_decile: r.imd_decile,
                ..Area::named(&r.code, &r.name)
            })
        })
        .collect()
}

/// How many LSOAs got a population and a rank, directly or bridged.
fn print_summary(built: &BuiltAreas, with_ranks: bool) {
    let (pd, pb, _) = built.population_rows;
    eprintln!(
        "{} LSOAs: population for {} ({pd} rows directly, {pb} bridged), {} without",
        built.lsoas,
        built.lsoas - built.lsoas_without_population,
        built.lsoas_without_population
    );
    if with_ranks {
        let (rd, rb, _) = built.rank_rows;
        eprintln!(
            "  deprivation rank for {} ({rd} ranks directly, {rb} bridged), {} without (left out of the weighted means)",
            built.lsoas - built.lsoas_without_rank,
            built.lsoas_without_rank
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::testing::{assert_usage_error, command};
    use crate::cli::Outcome;

    #[test]
    fn bad_arguments_are_usage_errors() {
        let areas = |args: &[&str]| command("areas", args);
        let usage = |args: &[&str], says: &str| assert_usage_error("areas", args, says);
        usage(&["--population", "p.csv", "--lookup", "l"], "--out <FILE>");
        usage(
            &["--out", "a.csv", "--population", "p.csv"],
            "--lookup <FILE>",
        );
        let zero = [
            "--out",
            "a.csv",
            "--population",
            "p",
            "--lookup",
            "l",
            "--imd-lsoas",
            "0",
        ];
        usage(&zero, "--imd-lsoas");
        let e = areas(&[
            "--out",
            "a.csv",
            "--population",
            "p",
            "--lookup",
            "/no/such",
        ])
        .unwrap_err();
        assert!(e.to_string().contains("/no/such: cannot open"), "{e}");
        assert_eq!(areas(&["--help"]).unwrap(), Outcome::Done);
    }
}
