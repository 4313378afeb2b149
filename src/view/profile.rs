//! The ward profile as shown: the councillor's page.

use crate::analysis::coverage::has_data_for;
use crate::analysis::findings::{key_findings, FindingsInput};
use crate::analysis::table::{compare_table, By, CompareRow};
use crate::analysis::totals::area_series;
use crate::analysis::{rank_areas, Measure, RankRow, Scope, Selection};
use crate::chart::{Series, TrendChart};
use crate::data::explorer_data::ExplorerData;
use crate::data::{Area, Cube, Month};
use crate::format::{ordinal, thousands};
use crate::state::ViewState;

use super::common::{
    capitalise, in_sentence, level_words, movement_text, setup, vs_whole_words, Setup,
};
use super::overview::{comparison_table, headline, Headline};
use super::table::TableModel;

/// The profile of one area.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileModel {
    /// Its name.
    pub name: String,
    /// Its code.
    pub code: String,
    /// The whole it lies in, e.g. `Demo Borough`.
    pub whole_name: String,
    /// Rank sentences (by count, by rate).
    pub ranks: Vec<String>,
    /// Its headline comparison.
    pub headline: Headline,
    /// Its categories.
    pub table: TableModel,
    /// True when the table shows `[c]` or `[low]`.
    pub has_markers: bool,
    /// Its monthly trend against the whole's.
    pub trend: TrendChart,
    /// Its rate against the whole's, in words.
    pub rate: Option<String>,
    /// Its deprivation, in words.
    pub deprivation: Option<String>,
    /// Key findings for the area.
    pub findings: Vec<String>,
    /// The targets that apply (its own, else its borough's, else the
    /// whole's), when any.
    pub targets: Option<super::targets::TargetsModel>,
}

/// Builds the profile of the area in `state.ward`.
pub fn profile(b: &ExplorerData, state: &ViewState) -> Result<ProfileModel, String> {
    let s = setup(b, state)?;
    let ds = &b.dataset;
    let code = state.ward.clone().ok_or("no ward was chosen")?;
    let (singular, _) = level_words(&s.level_name);
    let Some(index) = ds.cube.area_index(&code) else {
        return Err(format!(
            "There is no {singular} with the code {code} in this dataset."
        ));
    };
    let area = ds.area(&code);
    let name = area.map_or(code.clone(), |a| a.name.clone());
    let scope = Scope::Area(index);

    let c = s.comparison(&ds.categories, scope);
    let headline = headline(&c, &s, &name);
    let rows = compare_table(ds, &s.totals, scope, &By::Category);
    let caption = format!(
        "{name} by category, {} against {}",
        s.pair.current.label(),
        s.pair.previous.label()
    );
    let (table, has_markers) = comparison_table(caption, &rows, &s.rule, "Category");
    let what = in_sentence(&s.selection.label());
    let standing = standing(b, &s, &code, &what);
    let chain = super::targets::chain(b, &code);
    let targets = super::targets::targets(b, &s, scope, &chain, &name);
    let results = targets.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
    Ok(ProfileModel {
        trend: trend(b, &s, index, area, &name, &what),
        deprivation: area.and_then(deprivation_sentence),
        findings: findings(b, &s, &rows, results),
        targets: targets.map(|(m, _)| m),
        name,
        code,
        whole_name: s.whole_name,
        ranks: standing.ranks,
        headline,
        table,
        has_markers,
        // Small counts have no rate shown.
        rate: standing.rate.filter(|_| !s.rule.is_small(c.current)),
    })
}

/// Where an area stands among the level's: its rank by count and by rate
/// in sentences, and its rate against the whole's.
struct Standing {
    ranks: Vec<String>,
    rate: Option<String>,
}

/// The area `code`'s ranks among the level's areas (by count, then by
/// rate) and its rate against the whole's, for `what` (e.g. `all crime`).
fn standing(b: &ExplorerData, s: &Setup, code: &str, what: &str) -> Standing {
    let (_, plural) = level_words(&s.level_name);
    let mut ranks = Vec::new();
    let mut rate = None;
    for measure in [Measure::Count, Measure::Rate] {
        let r = rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, measure);
        let Some(row) = r.rows.iter().find(|x| r.code(x) == code) else {
            continue;
        };
        let Some(k) = row.rank else { continue };
        let n = r.rows.iter().filter(|x| x.rank.is_some()).count();
        let by = match measure {
            Measure::Count => "number of offences",
            Measure::Rate => "rate per 1,000 residents",
        };
        ranks.push(format!(
            "{} of {n} {plural} for {what} by {by} (1st = most).{}",
            capitalise(&ordinal(k)),
            previously(row)
        ));
        if let (Measure::Rate, Some(own), Some(whole), Some(v)) =
            (measure, row.rate, r.whole_rate, row.vs_whole)
        {
            rate = Some(format!(
                "{:.1} per 1,000 residents (95% interval {:.1}–{:.1}): {} the rate for {} as a whole ({:.1}).",
                own.per_1000,
                own.low,
                own.high,
                vs_whole_words(v),
                s.whole_name,
                whole.per_1000,
            ));
        }
    }
    Standing { ranks, rate }
}

/// The rank in the previous period and the move since, as a sentence
/// starting with a space (empty when there was no previous rank).
fn previously(row: &RankRow) -> String {
    match (row.previous_rank, row.movement) {
        (Some(p), Some(m)) if m != 0 => format!(
            " It was {} in the previous period ({}).",
            ordinal(p),
            movement_text(Some(m))
        ),
        (Some(p), _) => format!(" It was also {} in the previous period.", ordinal(p)),
        _ => String::new(),
    }
}

/// The area's monthly trend against the whole's: rates per 1,000 when
/// both populations are known, else counts against the average area's.
/// Under disclosure control the area's own line is left empty (monthly
/// counts of one area can be small).
fn trend(
    b: &ExplorerData,
    s: &Setup,
    index: usize,
    area: Option<&Area>,
    name: &str,
    what: &str,
) -> TrendChart {
    let ds = &b.dataset;
    let mask = s.selection.mask(&ds.categories);
    let own = area_series(&ds.cube, index, &mask);
    let whole = super::common::monthly_whole(b).series(&mask);
    let months: Vec<_> = ds.cube.months().collect();
    let own_pop = area.and_then(|a| a.population).map(f64::from);
    let whole_pop: Option<f64> = s
        .map
        .base_populations
        .iter()
        .try_fold(0.0, |acc, p| p.map(|p| acc + p as f64));
    let per = |values: &[u64], divisor: f64, scale: f64| -> Vec<f64> {
        values.iter().map(|&v| v as f64 / divisor * scale).collect()
    };
    let (own_v, whole_v, decimals, what_line, whole_label) = match (own_pop, whole_pop) {
        (Some(op), Some(wp)) if op > 0.0 && wp > 0.0 => (
            per(&own, op, 1000.0),
            per(&whole, wp, 1000.0),
            2,
            format!("{what} per 1,000 residents"),
            s.whole_name.clone(),
        ),
        _ => (
            per(&own, 1.0, 1.0),
            per(&whole, s.map.codes.len().max(1) as f64, 1.0),
            0,
            what.to_string(),
            format!(
                "average {} of {}",
                level_words(&s.level_name).0,
                s.whole_name
            ),
        ),
    };
    let own_points = if s.rule.threshold.is_some() {
        Vec::new()
    } else {
        with_gaps(&ds.cube, &mask, &months, own_v)
    };
    TrendChart {
        what: what_line,
        first: Series {
            label: name.to_string(),
            points: own_points,
        },
        second: Series {
            label: whole_label,
            points: with_gaps(&ds.cube, &mask, &months, whole_v),
        },
        decimals,
    }
}

/// The area's deprivation in words, when the areas file gives it.
fn deprivation_sentence(area: &Area) -> Option<String> {
    const DECILE: &str = "(1 = the most deprived tenth of neighbourhoods in England)";
    match (area.imd_decile, area.imd_rank) {
        (Some(d), Some(r)) => Some(format!(
            "Decile {d} of 10 {DECILE}; average rank {} (1 = most deprived).",
            thousands(u64::from(r))
        )),
        (Some(d), None) => Some(format!("Decile {d} of 10 {DECILE}.")),
        (None, Some(r)) => Some(format!(
            "Deprivation rank {} (1 = most deprived).",
            thousands(u64::from(r))
        )),
        (None, None) => None,
    }
}

/// The key findings of the area's category table `rows` and `targets`.
fn findings(
    b: &ExplorerData,
    s: &Setup,
    rows: &[CompareRow],
    targets: &[crate::analysis::TargetResult],
) -> Vec<String> {
    let categories = &b.dataset.categories;
    let months_suspect: Vec<Month> = b.quality.months_suspect.iter().map(|m| m.month).collect();
    key_findings(&FindingsInput {
        pair: &s.pair,
        categories: rows,
        ranking: None,
        level_name: &level_words(&s.level_name).0,
        deprivation: None,
        targets,
        coverage: &s.totals.coverage(&Selection::AllCrime.mask(categories)),
        months_suspect: &months_suspect,
        rule: s.rule,
    })
    .into_iter()
    .map(|f| f.text)
    .collect()
}

/// Month by month values, `None` for the months without data for `mask`.
fn with_gaps(
    cube: &Cube,
    mask: &[bool],
    months: &[Month],
    values: Vec<f64>,
) -> Vec<(Month, Option<f64>)> {
    months
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (&m, v))| (m, has_data_for(cube, i, mask).then_some(v)))
        .collect()
}
