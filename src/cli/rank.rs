//! `explorer-cli rank`: areas of one level ranked by count or rate.

use super::load::{area_level, start, Start};
use super::output::{cell, emit, render, Format};
use super::CliError;
use crate::analysis::{rank_areas, show_ranking, LevelMap, Measure, Scope, Selection, Which};

/// The help text of `rank`.
pub const HELP: &str =
    "usage: explorer-cli rank --counts F (--areas F | --lookup F) [--population F]
                         [--categories F] [--manifest F | --threshold N]
                         (--preset P | --current A..B --previous C..D)
                         [--select all-crime|asb|GROUP|CATEGORY] [--by count|rate]
                         [--level lsoa|msoa|ward|district|base] [--within CODE]
                         [--format csv|json] [--out FILE]

Ranks areas: 1 = most, ties share the best rank (1, 2, 2, 4); previous_rank is
by the same measure; movement = previous_rank - rank (positive = moved up).
Columns: rank,area_code,area_name,current,rate_per_1000,rate_low,rate_high,
vs_whole,previous_rank,movement,current_months_without_data,
previous_months_without_data (a period with months without data is ranked on
the months it has; a warning on stderr names the missing months).

  --level   the areas with counts (base, default), a GSS level found up each
            area's parent codes (lsoa E01, msoa E02, ward E05, district
            E06-E09), or upN (N parent steps); a level's counts are the sums
            of its areas with counts
  --within  only areas lying inside CODE (e.g. wards of one district)
  --by      count (default) or rate per 1,000 residents (Byar 95% interval;
            vs_whole compares it with the rate of all ranked areas together)";

/// The header of the table.
pub const COLUMNS: [&str; 12] = [
    "rank",
    "area_code",
    "area_name",
    "current",
    "rate_per_1000",
    "rate_low",
    "rate_high",
    "vs_whole",
    "previous_rank",
    "movement",
    "current_months_without_data",
    "previous_months_without_data",
];

/// Runs `rank`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let Some(Start {
        opts,
        format: out_format,
        loaded,
        totals,
        ..
    }) = start(
        args,
        HELP,
        &["select", "by", "level", "within"],
        Format::Csv,
    )?
    else {
        return Ok(());
    };
    let ds = &loaded.dataset;
    let selection = match opts.get("select") {
        None => Selection::AllCrime,
        Some(key) => Selection::parse(key, &ds.categories).ok_or_else(|| {
            CliError::Usage(format!(
                "{key:?} is not all-crime, asb, or a category or group in the data"
            ))
        })?,
    };
    let measure = match opts.get("by").unwrap_or("count") {
        "count" => Measure::Count,
        "rate" => Measure::Rate,
        other => {
            return Err(CliError::Usage(format!(
                "unknown --by {other:?}; expected count or rate"
            )))
        }
    };
    let (level, _) = area_level(&opts)?;
    let map = LevelMap::new(ds, level, opts.get("within"));
    if map.is_empty() {
        return Err(CliError::Failed(
            "no areas at that level (check --level, --within and the areas' parent codes)"
                .to_string(),
        ));
    }
    let ranking = rank_areas(ds, &totals, &map, &selection, measure);
    if measure == Measure::Rate && ranking.rows.iter().all(|r| r.rate.is_none()) {
        return Err(CliError::Failed(
            "no area has a population: give --population or an areas file with a population column"
                .to_string(),
        ));
    }
    let mask = selection.mask(&ds.categories);
    let ranked: u64 = ranking.rows.iter().map(|r| r.current).sum();
    let rest = totals
        .total(Scope::Whole, &mask, Which::Current)
        .saturating_sub(ranked);
    let gaps = totals.coverage(&mask);
    let table: Vec<Vec<serde_json::Value>> = show_ranking(&ranking, &loaded.rule, rest)
        .iter()
        .map(|r| {
            vec![
                cell(r.rank),
                cell(r.area_code),
                cell(r.area_name),
                cell(r.current),
                cell(r.rate_per_1000),
                cell(r.rate_low),
                cell(r.rate_high),
                cell(r.vs_whole),
                cell(r.previous_rank),
                cell(r.movement),
                cell(gaps.current.len()),
                cell(gaps.previous.len()),
            ]
        })
        .collect();
    emit(&opts, &render(out_format, &COLUMNS, &table)?)
}
