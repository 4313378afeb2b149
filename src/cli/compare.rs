//! `explorer-cli compare`: a comparison table by category, group or area.

use super::options::{AnalysisArgs, AreaArgs, TableFormat};
use super::output::{cell, emit, render};
use super::start::{areas, selection, start};
use super::{failed, CliError};
use crate::analysis::{compare_areas, compare_table, show_table, By, Scope};

/// `compare`'s arguments.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// The data, the periods, the output file.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// One area with counts: its rows by category or group
    #[arg(long, value_name = "CODE", help_heading = "Rows")]
    pub area: Option<String>,
    /// Rows by category, group or area
    #[arg(long, value_enum, default_value_t = CompareBy::Category, help_heading = "Rows")]
    pub by: CompareBy,
    /// With --by area: all-crime (default), asb, a group or a crime type
    #[arg(long, value_name = "S", help_heading = "Rows")]
    pub select: Option<String>,
    /// With --by area: the areas compared.
    #[command(flatten)]
    pub areas: AreaArgs,
    /// The output format
    #[arg(long, value_enum, default_value_t, help_heading = "Output")]
    pub format: TableFormat,
}

/// The rows of a comparison.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareBy {
    /// Crime types, then the all-crime total, then ASB.
    Category,
    /// Crime groups, then the totals.
    Group,
    /// Areas of --level, then counts not allocated to them, then the whole.
    Area,
}

/// What `compare --help` says before the options.
pub const LONG_ABOUT: &str =
    "Compares two periods. Columns: key,name,previous,current,change,pct_change,
share_pct,p_value,rr_low,rr_high,verdict,current_months_without_data,
previous_months_without_data. Rows by category or group (for the
whole, or one --area with counts), then the all-crime total, then ASB; or by
area (--by area, for the --select selection, default all-crime, at --level),
then counts not allocated to those areas, then the whole.

When a period has months without data, the periods are not compared: change,
pct_change, p_value and the interval are [x], the verdict says so, and a
warning on stderr names the months.";

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
pub fn run(args: &CompareArgs) -> Result<(), CliError> {
    let start = start(&args.common)?;
    let (loaded, totals) = (&start.loaded, &start.totals);
    let ds = &loaded.dataset;
    let scope = match &args.area {
        None => Scope::Whole,
        Some(code) => Scope::Area(ds.cube.area_index(code).ok_or_else(|| {
            failed(format!(
                "area {code} has no counts in the data; use --by area --level … for areas made of others"
            ))
        })?),
    };
    let selection = selection(args.select.as_deref(), ds)?;
    let rows = match args.by {
        CompareBy::Category => compare_table(ds, totals, scope, &By::Category),
        CompareBy::Group => compare_table(ds, totals, scope, &By::Group),
        CompareBy::Area => {
            let map = areas(&args.areas, ds)?;
            compare_areas(ds, totals, &map, &selection)
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
    emit(
        args.common.out.as_deref(),
        &render(args.format, &COLUMNS, &table)?,
    )
}
