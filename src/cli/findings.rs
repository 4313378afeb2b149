//! `explorer-cli findings`: the key findings as plain-English sentences.

use super::load::targets;
use super::options::{level_noun, AnalysisArgs, AreaArgs};
use super::output::emit;
use super::start::start;
use super::{failed, CliError};
use crate::analysis::targets::evaluate;
use crate::analysis::{
    compare_table, deprivation, key_findings, rank_areas, By, FindingsInput, LevelMap, Measure,
    Scope, Selection,
};
use crate::data::Month;
use crate::i18n::english;

/// `findings`' arguments.
#[derive(clap::Args, Debug)]
pub struct FindingsArgs {
    /// The data, the periods, the output file.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// The areas whose ranks the findings name.
    #[command(flatten)]
    pub areas: AreaArgs,
    /// Targets: selection,target_pct_change (e.g. all-crime,-5)
    #[arg(long, value_name = "FILE", help_heading = "Data")]
    pub targets: Option<String>,
    /// The output format
    #[arg(long, value_enum, default_value_t, help_heading = "Output")]
    pub format: FindingsFormat,
}

/// The format of the findings.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FindingsFormat {
    /// One sentence a line.
    #[default]
    Text,
    /// A JSON array of findings.
    Json,
}

/// What `findings --help` says before the options.
pub const LONG_ABOUT: &str =
    "Writes the key findings: the headline change, significant rises and falls
(a change that is not statistically significant is never called a rise or a
fall), the largest shares, the top areas at --level and notable rank moves
(by rate when areas have populations, else by count), the link with
deprivation, targets (targets.csv: selection,target_pct_change; on target
at or below, near within 2 points above, off beyond) and data caveats. When a
period has months without data, the first finding says which, and nothing
compares the two periods.";

/// Runs `findings`.
pub fn run(args: &FindingsArgs) -> Result<(), CliError> {
    let start = start(&args.common)?;
    let (loaded, pair, totals) = (&start.loaded, &start.pair, &start.totals);
    let ds = &loaded.dataset;
    let table = compare_table(ds, totals, Scope::Whole, &By::Category);
    let map = LevelMap::new(ds, args.areas.level, args.areas.within.as_deref());
    let has_people = map.populations.iter().any(Option::is_some);
    let measure = if has_people {
        Measure::Rate
    } else {
        Measure::Count
    };
    let ranking =
        (!map.is_empty()).then(|| rank_areas(ds, totals, &map, &Selection::AllCrime, measure));
    let dep = ranking.as_ref().and_then(|r| deprivation(r, &map));
    let targets = targets(args.targets.as_deref(), ds)?;
    let target_results = evaluate(&targets, &ds.categories, totals, Scope::Whole);
    let suspect: Vec<Month> = loaded
        .quality
        .months_suspect
        .iter()
        .map(|s| s.month)
        .collect();
    let level_name = level_noun(args.areas.level);
    let level_plural = crate::view::common::level_words(level_name, english()).1;
    let input = FindingsInput {
        pair,
        categories: &table,
        ranking: ranking.as_ref(),
        level_name,
        level_plural: &level_plural,
        w: english(),
        deprivation: dep.as_ref(),
        targets: &target_results,
        names: &ds.categories,
        coverage: &totals.coverage(&Selection::AllCrime.mask(&ds.categories)),
        months_suspect: &suspect,
        rule: loaded.rule,
    };
    let findings = key_findings(&input);
    let text = match args.format {
        FindingsFormat::Json => {
            serde_json::to_string_pretty(&findings)
                .map_err(|e| failed(format!("cannot write the findings: {e}")))?
                + "\n"
        }
        FindingsFormat::Text => findings.iter().map(|f| format!("{}\n", f.text)).collect(),
    };
    emit(args.common.out.as_deref(), &text)
}
