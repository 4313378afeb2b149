//! `explorer-cli findings`: the key findings as plain-English sentences.

use super::load::{area_level, start, targets, Start};
use super::output::{emit, Format};
use super::CliError;
use crate::analysis::targets::evaluate;
use crate::analysis::{
    compare_table, deprivation, key_findings, rank_areas, By, FindingsInput, LevelMap, Measure,
    Scope, Selection,
};
use crate::data::Month;

/// The help text of `findings`.
pub const HELP: &str =
    "usage: explorer-cli findings --counts F [--areas F | --lookup F] [--population F]
                             [--categories F] [--manifest F | --threshold N] [--targets F]
                             (--preset P | --current A..B --previous C..D)
                             [--level lsoa|msoa|ward|district|base] [--within CODE]
                             [--format text|json] [--out FILE]

Writes the key findings: the headline change, significant rises and falls
(a change that is not statistically significant is never called a rise or a
fall), the largest shares, the top areas at --level and notable rank moves
(by rate when areas have populations, else by count), the link with
deprivation, targets (targets.csv: selection,target_pct_change; on target
at or below, near within 2 points above, off beyond) and data caveats. When a
period has months without data, the first finding says which, and nothing
compares the two periods.";

/// Runs `findings`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let Some(Start {
        opts,
        format: out_format,
        loaded,
        pair,
        totals,
    }) = start(args, HELP, &["level", "within", "targets"], Format::Text)?
    else {
        return Ok(());
    };
    let ds = &loaded.dataset;
    let table = compare_table(ds, &totals, Scope::Whole, &By::Category);
    let (level, level_name) = area_level(&opts)?;
    let map = LevelMap::new(ds, level, opts.get("within"));
    let has_people = map.populations.iter().any(Option::is_some);
    let measure = if has_people {
        Measure::Rate
    } else {
        Measure::Count
    };
    let ranking =
        (!map.is_empty()).then(|| rank_areas(ds, &totals, &map, &Selection::AllCrime, measure));
    let dep = ranking.as_ref().and_then(|r| deprivation(r, &map));
    let target_results = evaluate(&targets(&opts, ds)?, &ds.categories, &totals, Scope::Whole);
    let suspect: Vec<Month> = loaded
        .quality
        .months_suspect
        .iter()
        .map(|s| s.month)
        .collect();
    let input = FindingsInput {
        pair: &pair,
        categories: &table,
        ranking: ranking.as_ref(),
        level_name,
        deprivation: dep.as_ref(),
        targets: &target_results,
        coverage: &totals.coverage(&Selection::AllCrime.mask(&ds.categories)),
        months_suspect: &suspect,
        rule: loaded.rule,
    };
    let findings = key_findings(&input);
    let text = match out_format {
        Format::Json => {
            serde_json::to_string_pretty(&findings)
                .map_err(|e| CliError::Failed(format!("cannot write the findings: {e}")))?
                + "\n"
        }
        _ => findings.iter().map(|f| format!("{}\n", f.text)).collect(),
    };
    emit(&opts, &text)
}
