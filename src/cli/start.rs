//! What `compare`, `rank` and `findings` start from, in one place: the
//! data loaded, the period pair checked against it and summed (with a
//! warning naming months without data), the selection and the areas asked
//! for.

use super::load::{load, Loaded};
use super::options::{AnalysisArgs, AreaArgs, PeriodArgs};
use super::{failed, CliError};
use crate::analysis::narrative::coverage_sentence;
use crate::analysis::{LevelMap, PeriodPair, PeriodTotals, Selection};
use crate::data::Dataset;
use crate::i18n::english;

/// The data, the periods and their totals.
pub struct Start {
    /// The data.
    pub loaded: Loaded,
    /// The periods.
    pub pair: PeriodPair,
    /// Per-area totals of both periods.
    pub totals: PeriodTotals,
}

/// Loads the data and sums the pair; warns on stderr when a period has
/// months without data.
pub fn start(args: &AnalysisArgs) -> Result<Start, CliError> {
    let loaded = load(&args.data)?;
    let pair = period_pair(&args.period, &loaded.dataset)?;
    let totals = PeriodTotals::new(&loaded.dataset.cube, &pair);
    let all_crime = Selection::AllCrime.mask(&loaded.dataset.categories);
    if let Some(gaps) = coverage_sentence(&totals.coverage(&all_crime), &pair, english()) {
        eprintln!("warning: {gaps}");
    }
    Ok(Start {
        loaded,
        pair,
        totals,
    })
}

/// The period pair from `--preset` or `--current`/`--previous`, checked
/// against the data.
fn period_pair(period: &PeriodArgs, ds: &Dataset) -> Result<PeriodPair, CliError> {
    let (first, last) = (ds.cube.first_month(), ds.cube.last_month());
    let pair = match (period.preset, period.current, period.previous) {
        (Some(preset), _, _) => preset
            .pair(first, last)
            .map_err(|e| failed(e.to_string()))?,
        (None, Some(current), Some(previous)) => PeriodPair { current, previous },
        // clap asks for these already.
        _ => {
            return Err(failed(
                "give either --preset P or both --current YYYY-MM..YYYY-MM and --previous YYYY-MM..YYYY-MM",
            ))
        }
    };
    pair.check_within(first, last)
        .map_err(|e| failed(e.to_string()))?;
    Ok(pair)
}

/// `--select`: all crime when not given, else asb, a group or a crime type
/// of the data.
pub fn selection(key: Option<&str>, ds: &Dataset) -> Result<Selection, CliError> {
    match key {
        None => Ok(Selection::AllCrime),
        Some(key) => Selection::parse(key, &ds.categories).ok_or_else(|| {
            failed(format!(
                "--select {key:?}: not all-crime, asb, or a category or group in the data"
            ))
        }),
    }
}

/// The areas of `--level` inside `--within`; an error when there are none.
pub fn areas(args: &AreaArgs, ds: &Dataset) -> Result<LevelMap, CliError> {
    let map = LevelMap::new(ds, args.level, args.within.as_deref());
    if map.is_empty() {
        return Err(failed(
            "no areas at that level (check --level, --within and the areas' parent codes)",
        ));
    }
    Ok(map)
}
