//! The ward profile as shown: the councillor's page.

use crate::analysis::findings::{key_findings, FindingsInput};
use crate::analysis::table::{compare_table, By};
use crate::analysis::totals::{area_series, MonthlyWhole};
use crate::analysis::{rank_areas, Measure, Scope};
use crate::chart::{Series, TrendChart};
use crate::data::bundle::Bundle;
use crate::format::thousands;
use crate::state::ViewState;

use super::common::{capitalise, level_words, movement_text, ordinal, setup};
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
}

/// Builds the profile of the area in `state.ward`.
pub fn profile(b: &Bundle, state: &ViewState) -> Result<ProfileModel, String> {
    let s = setup(b, state)?;
    let ds = &b.dataset;
    let code = state.ward.clone().ok_or("no ward was chosen")?;
    let (singular, plural) = level_words(&s.level_name);
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

    let what = s
        .selection
        .label()
        .to_ascii_lowercase()
        .replace("asb", "ASB");
    let mut ranks = Vec::new();
    let mut rate = None;
    for measure in [Measure::Count, Measure::Rate] {
        let r = rank_areas(ds, &s.totals, &s.map, &s.selection, measure);
        let n = r.rows.iter().filter(|x| x.rank.is_some()).count();
        let Some(row) = r.rows.iter().find(|x| r.code(x) == code) else {
            continue;
        };
        let Some(k) = row.rank else { continue };
        let by = if measure == Measure::Count {
            "number of offences"
        } else {
            "rate per 1,000 residents"
        };
        let before = match (row.previous_rank, row.movement) {
            (Some(p), Some(m)) if m != 0 => format!(
                " It was {} in the previous period ({}).",
                ordinal(p),
                movement_text(Some(m))
            ),
            (Some(p), _) => format!(" It was also {} in the previous period.", ordinal(p)),
            _ => String::new(),
        };
        ranks.push(format!(
            "{} of {n} {plural} for {what} by {by} (1st = most).{before}",
            capitalise(&ordinal(k))
        ));
        if measure == Measure::Rate {
            if let (Some(own), Some(whole)) = (row.rate, r.whole_rate) {
                let verdict = match row.vs_whole.map(|v| v.label()) {
                    Some("higher") => format!("higher than {}'s", s.whole_name),
                    Some("lower") => format!("lower than {}'s", s.whole_name),
                    _ => format!("similar to {}'s", s.whole_name),
                };
                rate = Some(format!(
                    "{:.1} per 1,000 residents (95% interval {:.1}–{:.1}) against {:.1} for {}: {verdict}.",
                    own.per_1000, own.low, own.high, whole.per_1000, s.whole_name
                ));
            }
        }
    }
    if s.rule.is_small(c.current) {
        rate = None;
    }

    // Trend: rates per 1,000 when both populations are known, else counts
    // against the average area's.
    let mask = s.selection.mask(&ds.categories);
    let own = area_series(&ds.cube, index, &mask);
    let whole = MonthlyWhole::new(&ds.cube).series(&mask);
    let months: Vec<_> = ds.cube.months().collect();
    let own_pop = area.and_then(|a| a.population).map(f64::from);
    let whole_pop: Option<f64> = s
        .map
        .base_populations
        .iter()
        .try_fold(0.0, |acc, p| p.map(|p| acc + p as f64));
    let areas = s.map.codes.len().max(1) as f64;
    let (own_v, whole_v, decimals, what_line, whole_label): (
        Vec<f64>,
        Vec<f64>,
        usize,
        String,
        String,
    ) = match (own_pop, whole_pop) {
        (Some(op), Some(wp)) if op > 0.0 && wp > 0.0 => (
            own.iter().map(|&v| v as f64 / op * 1000.0).collect(),
            whole.iter().map(|&v| v as f64 / wp * 1000.0).collect(),
            2,
            format!("{what} per 1,000 residents"),
            s.whole_name.clone(),
        ),
        _ => (
            own.iter().map(|&v| v as f64).collect(),
            whole.iter().map(|&v| v as f64 / areas).collect(),
            0,
            what.clone(),
            format!("average {singular} of {}", s.whole_name),
        ),
    };
    let trend = TrendChart {
        what: what_line,
        first: Series {
            label: name.clone(),
            points: with_gaps(&ds.cube, &mask, &months, own_v),
        },
        second: Series {
            label: whole_label,
            points: with_gaps(&ds.cube, &mask, &months, whole_v),
        },
        decimals,
    };
    let trend = if s.rule.threshold.is_some() {
        // Monthly counts of one area can be small: show no trend under control.
        TrendChart {
            first: Series {
                points: Vec::new(),
                ..trend.first
            },
            ..trend
        }
    } else {
        trend
    };

    let deprivation = area.and_then(|a| match (a.imd_decile, a.imd_rank) {
        (Some(d), Some(r)) => Some(format!(
            "Deprivation decile {d} of 10 (1 = the most deprived tenth of neighbourhoods in England); average rank {} (1 = most deprived).",
            thousands(u64::from(r))
        )),
        (Some(d), None) => Some(format!("Deprivation decile {d} of 10 (1 = the most deprived tenth of neighbourhoods in England).")),
        (None, Some(r)) => Some(format!("Deprivation rank {} (1 = most deprived).", thousands(u64::from(r)))),
        (None, None) => None,
    });
    let findings = key_findings(&FindingsInput {
        pair: &s.pair,
        categories: &rows,
        ranking: None,
        level_name: &singular,
        deprivation: None,
        targets: &[],
        coverage: &s
            .totals
            .coverage(&crate::analysis::Selection::AllCrime.mask(&ds.categories)),
        months_suspect: &b
            .quality
            .months_suspect
            .iter()
            .map(|m| m.month)
            .collect::<Vec<_>>(),
        rule: s.rule,
    })
    .into_iter()
    .map(|f| f.text)
    .collect();
    Ok(ProfileModel {
        name,
        code,
        whole_name: s.whole_name,
        ranks,
        headline,
        table,
        has_markers,
        trend,
        rate,
        deprivation,
        findings,
    })
}

/// Month by month values, `None` for the months without data for `mask`.
fn with_gaps(
    cube: &crate::data::Cube,
    mask: &[bool],
    months: &[crate::data::Month],
    values: Vec<f64>,
) -> Vec<(crate::data::Month, Option<f64>)> {
    months
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (&m, v))| {
            let data = crate::analysis::coverage::has_data_for(cube, i, mask);
            (m, data.then_some(v))
        })
        .collect()
}
