//! `explorer-cli compare`: a comparison table by category, group or area.

use super::load::{area_level, start, Start};
use super::output::{cell, emit, render, Format};
use super::CliError;
use crate::analysis::{compare_areas, compare_table, show_table, By, LevelMap, Scope, Selection};

/// The help text of `compare`.
pub const HELP: &str =
    "usage: explorer-cli compare --counts F [--areas F | --lookup F] [--population F]
                            [--categories F] [--manifest F | --threshold N]
                            (--preset P | --current A..B --previous C..D)
                            [--area CODE] [--by category|group|area] [--select S]
                            [--level lsoa|msoa|ward|district|base] [--within CODE]
                            [--format csv|json] [--out FILE]

Compares two periods. Columns: key,name,previous,current,change,pct_change,
share_pct,p_value,rr_low,rr_high,verdict,current_months_without_data,
previous_months_without_data. Rows by category or group (for the
whole, or one --area with counts), then the all-crime total, then ASB; or by
area (--by area, for the --select selection, default all-crime, at --level),
then counts not allocated to those areas, then the whole.

When a period has months without data, the periods are not compared: change,
pct_change, p_value and the interval are [x], the verdict says so, and a
warning on stderr names the months.

  --preset P      rolling12, fytd, cytd, quarter or month
  --current A..B  months YYYY-MM..YYYY-MM (with --previous)
  --threshold N   suppress counts 1..N-1 as [c] (default: the manifest's)";

/// The header of the table.
pub const COLUMNS: [&str; 13] = [
    "key",
    "name",
    "previous",
    "current",
    "change",
    "pct_change",
    "share_pct",
    "p_value",
    "rr_low",
    "rr_high",
    "verdict",
    "current_months_without_data",
    "previous_months_without_data",
];

/// Runs `compare`.
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
        &["area", "by", "select", "level", "within"],
        Format::Csv,
    )?
    else {
        return Ok(());
    };
    let ds = &loaded.dataset;
    let scope = match opts.get("area") {
        None => Scope::Whole,
        Some(code) => Scope::Area(ds.cube.area_index(code).ok_or_else(|| {
            CliError::Failed(format!(
                "area {code} has no counts in the data; use --by area --level … for areas made of others"
            ))
        })?),
    };
    let selection = match opts.get("select") {
        None => Selection::AllCrime,
        Some(key) => Selection::parse(key, &ds.categories).ok_or_else(|| {
            CliError::Usage(format!(
                "{key:?} is not all-crime, asb, or a category or group in the data"
            ))
        })?,
    };
    let rows = match opts.get("by").unwrap_or("category") {
        "category" => compare_table(ds, &totals, scope, &By::Category),
        "group" => compare_table(ds, &totals, scope, &By::Group),
        "area" => {
            let (level, _) = area_level(&opts)?;
            let map = LevelMap::new(ds, level, opts.get("within"));
            if map.is_empty() {
                return Err(CliError::Failed(
                    "no areas at that level (check --level, --within and the areas' parent codes)"
                        .to_string(),
                ));
            }
            compare_areas(ds, &totals, &map, &selection)
        }
        other => {
            return Err(CliError::Usage(format!(
                "unknown --by {other:?}; expected category, group or area"
            )))
        }
    };
    let shown = show_table(&rows, &loaded.rule);
    let table: Vec<Vec<serde_json::Value>> = shown
        .iter()
        .zip(&rows)
        .map(|(r, row)| {
            let gaps = &row.comparison.coverage;
            vec![
                cell(&r.key),
                cell(&r.name),
                cell(r.previous),
                cell(r.current),
                cell(r.change),
                cell(r.pct_change),
                cell(r.share_pct),
                cell(r.p_value),
                cell(r.rr_low),
                cell(r.rr_high),
                cell(r.verdict.label()),
                cell(gaps.current.len()),
                cell(gaps.previous.len()),
            ]
        })
        .collect();
    emit(&opts, &render(out_format, &COLUMNS, &table)?)
}
