//! `explorer-cli areas`: ONS lookups + LSOA populations (+ LSOA deprivation
//! ranks) → the explorer's areas file. The rules are in
//! [`crate::data::areas_build`].

use std::fs::File;
use std::io::{BufWriter, Write};

use super::args::{failed, wants_help, Args};
use super::prepare::{open, print_rejections, read_lookups};
use super::CliError;
use crate::data::areas_build::{build_areas, Ranks};
use crate::data::deprivation_lookup::{read_ranks, IMD2019_LSOAS};
use crate::data::lookup::Level;
use crate::data::population::read_population;

/// The help text of `areas`.
pub const HELP: &str =
    "usage: explorer-cli areas --lookup FILE [--lookup FILE]... --population FILE
                          [--deprivation FILE] [--imd-lsoas N]
                          [--level lsoa|msoa|ward|district] [--within CODE] --out areas.csv

Writes the explorer's areas file: area_code,area_name,parent_code,population,imd_rank,imd_decile
for every area of the level (inside CODE), and their parents (e.g. the local
authority) as rows of their own, coarsest first.

  --lookup FILE       ONS LSOA lookups, chained as in prepare: the last maps the
                      LSOAs to the level; earlier ones bridge older LSOA codes
                      (e.g. LSOA11CD → LSOA21CD) so that 2011-coded populations
                      and ranks reach the last lookup's LSOAs
  --population FILE   residents by LSOA (Census 2021 TS007A: geography code,
                      Age: Total; or the 2011 LSOA table)
  --deprivation FILE  deprivation rank by LSOA (IMD 2019: LSOA11CD, IMD19; 1 = most
                      deprived); an area's imd_rank is the population-weighted mean
                      of its LSOAs' ranks, rounded; imd_decile = ceil(rank × 10 / N)
  --imd-lsoas N       LSOAs in the ranking (default 32844, the English IMD 2019)
  --level LEVEL       the areas' level (default: ward when the last lookup has wards)
  --within CODE       only areas inside CODE (e.g. E06000004); it is the top row
  --out FILE          the areas file to write";

/// Runs `areas`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    if wants_help(args) {
        println!("{HELP}");
        return Ok(());
    }
    let opts = Args::parse(
        args,
        &[
            "lookup",
            "population",
            "deprivation",
            "imd-lsoas",
            "level",
            "within",
            "out",
        ],
        &[],
    )?;
    if let Some(extra) = opts.positional.first() {
        return Err(CliError::Usage(format!("unexpected argument {extra:?}")));
    }
    let out = opts.require("out")?;
    let pop_path = opts.require("population")?;
    let paths = opts.all("lookup");
    let Some(last_path) = paths.last().copied() else {
        return Err(CliError::Usage("--lookup is required".to_string()));
    };
    let of = match opts.get("imd-lsoas") {
        None => IMD2019_LSOAS,
        Some(t) => t.parse::<u32>().ok().filter(|&n| n > 0).ok_or_else(|| {
            CliError::Usage(format!(
                "--imd-lsoas: expected a whole number above 0, found {t:?}"
            ))
        })?,
    };
    let level = opts
        .get("level")
        .map(str::parse::<Level>)
        .transpose()
        .map_err(CliError::Usage)?;
    let lookups = read_lookups(&paths)?;
    let level = level.unwrap_or(
        if lookups.last().is_some_and(|l| l.has_level(Level::Ward)) {
            Level::Ward
        } else {
            Level::Lsoa
        },
    );
    let (population, report) =
        read_population(pop_path, open(pop_path)?).map_err(|e| failed(e.to_string()))?;
    eprintln!(
        "population {pop_path}: {} areas, {} rows rejected",
        population.len(),
        report.rejected
    );
    print_rejections(&report);
    let ranks = match opts.get("deprivation") {
        Some(path) => {
            let (ranks, report) =
                read_ranks(path, open(path)?).map_err(|e| failed(e.to_string()))?;
            eprintln!(
                "deprivation {path}: {} ranks, {} rows rejected",
                ranks.len(),
                report.rejected
            );
            print_rejections(&report);
            Some(ranks)
        }
        None => None,
    };
    let built = build_areas(
        &lookups,
        level,
        opts.get("within"),
        &population,
        ranks.as_ref().map(|by_lsoa| Ranks { by_lsoa, of }),
    )
    .map_err(|e| CliError::Usage(format!("{last_path}: {e}")))?;
    write_areas(out, &built.rows)?;
    let (pd, pb, _) = built.population_rows;
    eprintln!(
        "{} LSOAs: population for {} ({pd} rows directly, {pb} bridged), {} without",
        built.lsoas,
        built.lsoas - built.lsoas_without_population,
        built.lsoas_without_population
    );
    if ranks.is_some() {
        let (rd, rb, _) = built.rank_rows;
        eprintln!(
            "  deprivation rank for {} ({rd} ranks directly, {rb} bridged), {} without (left out of the weighted means)",
            built.lsoas - built.lsoas_without_rank,
            built.lsoas_without_rank
        );
    }
    eprintln!("wrote {out}: {} areas", built.rows.len());
    Ok(())
}

fn write_areas(path: &str, rows: &[crate::data::areas_build::AreaRow]) -> Result<(), CliError> {
    let err = |e: &dyn std::fmt::Display| failed(format!("{path}: cannot write: {e}"));
    let file = File::create(path).map_err(|e| err(&e))?;
    let mut w = csv::Writer::from_writer(BufWriter::new(file));
    w.write_record([
        "area_code",
        "area_name",
        "parent_code",
        "population",
        "imd_rank",
        "imd_decile",
    ])
    .map_err(|e| err(&e))?;
    for r in rows {
        let opt = |v: Option<String>| v.unwrap_or_default();
        w.write_record([
            r.code.clone(),
            r.name.clone(),
            opt(r.parent.clone()),
            r.population.to_string(),
            opt(r.imd_rank.map(|v| v.to_string())),
            opt(r.imd_decile.map(|v| v.to_string())),
        ])
        .map_err(|e| err(&e))?;
    }
    let mut inner = w.into_inner().map_err(|e| err(e.error()))?;
    inner.flush().map_err(|e| err(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cli::args::strings as args;

    #[test]
    fn bad_arguments_are_usage_errors() {
        let e = run(&args(&["--population", "p.csv"])).unwrap_err();
        assert!(e.to_string().contains("--out is required"), "{e}");
        let e = run(&args(&["--out", "a.csv", "--population", "p.csv"])).unwrap_err();
        assert!(e.to_string().contains("--lookup is required"), "{e}");
        let e = run(&args(&[
            "--out",
            "a.csv",
            "--population",
            "p",
            "--lookup",
            "l",
            "--imd-lsoas",
            "0",
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("--imd-lsoas"), "{e}");
        let e = run(&args(&[
            "--out",
            "a.csv",
            "--population",
            "p",
            "--lookup",
            "/no/such",
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("/no/such: cannot open"), "{e}");
        assert!(run(&args(&["--help"])).is_ok());
    }
}
