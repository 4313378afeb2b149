//! `explorer-cli rank`: areas of one level ranked by count or rate.

use super::options::{AnalysisArgs, AreaArgs, TableFormat};
use super::output::{cell, emit, render};
use super::start::{areas, selection, start};
use super::{failed, CliError};
use crate::analysis::{rank_areas, show_ranking, Measure, Scope, Which};

/// `rank`'s arguments.
#[derive(clap::Args, Debug)]
pub struct RankArgs {
    /// The data, the periods, the output file.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// all-crime (default), asb, a group or a crime type
    #[arg(long, value_name = "S", help_heading = "Ranking")]
    pub select: Option<String>,
    /// Rank by count or by rate per 1,000 residents (Byar 95% interval;
    /// vs_whole compares it with the rate of all ranked areas together)
    #[arg(long, value_enum, default_value_t = RankBy::Count, help_heading = "Ranking")]
    pub by: RankBy,
    /// The areas ranked.
    #[command(flatten)]
    pub areas: AreaArgs,
    /// The output format
    #[arg(long, value_enum, default_value_t, help_heading = "Output")]
    pub format: TableFormat,
}

/// What areas are ranked by.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    /// The count in the current period.
    Count,
    /// The rate per 1,000 residents.
    Rate,
}

/// What `rank --help` says before the options.
pub const LONG_ABOUT: &str =
    "Ranks areas: 1 = most, ties share the best rank (1, 2, 2, 4); previous_rank is
by the same measure; movement = previous_rank - rank (positive = moved up).
Columns: rank,area_code,area_name,current,rate_per_1000,rate_low,rate_high,
vs_whole,previous_rank,movement,current_months_without_data,
previous_months_without_data (a period with months without data is ranked on
the months it has; a warning on stderr names the missing months).";

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
pub fn run(args: &RankArgs) -> Result<(), CliError> {
    let start = start(&args.common)?;
    let (loaded, totals) = (&start.loaded, &start.totals);
    let ds = &loaded.dataset;
    let selection = selection(args.select.as_deref(), ds)?;
    let measure = match args.by {
        RankBy::Count => Measure::Count,
        RankBy::Rate => Measure::Rate,
    };
    let map = areas(&args.areas, ds)?;
    let ranking = rank_areas(ds, totals, &map, &selection, measure);
    if measure == Measure::Rate && ranking.rows.iter().all(|r| r.rate.is_none()) {
        return Err(failed(
            "no area has a population: give --population or an areas file with a population column",
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
    emit(
        args.common.out.as_deref(),
        &render(args.format, &COLUMNS, &table)?,
    )
}
