//! The ward profile as shown: the councillor's page.

use crate::analysis::coverage::has_data_for;
use crate::analysis::findings::{key_findings, FindingsInput};
use crate::analysis::table::{compare_table, By, CompareRow};
use crate::analysis::totals::area_series;
use crate::analysis::{rank_areas, Measure, RankRow, Scope, Selection};
use crate::chart::{Series, TrendChart};
use crate::data::explorer_data::ExplorerData;
use crate::data::{Area, Cube, Month};
use crate::format::thousands;
use crate::i18n::{Msg, Words};
use crate::state::ViewState;

use super::common::{
    area_name, capitalise, in_sentence, level_words, movement_text, setup, vs_whole_words, Setup,
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
    let (ds, w) = (&b.dataset, s.w);
    let code = state
        .ward
        .clone()
        .ok_or_else(|| w.t(Msg::NoWardChosen).to_string())?;
    let (singular, _) = level_words(&s.level_name, w);
    let Some(index) = ds.cube.area_index(&code) else {
        return Err(w.f(
            Msg::NoAreaWithCode,
            &[("level", &singular), ("code", &code)],
        ));
    };
    let area = ds.area(&code);
    let name = area.map_or(code.clone(), |a| area_name(a, w).to_string());
    let scope = Scope::Area(index);

    let c = s.comparison(&ds.categories, scope);
    let headline = headline(&c, &s, &name);
    let rows = compare_table(ds, &s.totals, scope, &By::Category);
    let caption = w.f(
        Msg::CaptionByCategory,
        &[
            ("place", &name),
            ("current", &s.pair.current.label_in(w)),
            ("previous", &s.pair.previous.label_in(w)),
        ],
    );
    let (table, has_markers) = comparison_table(
        caption,
        &rows,
        &s.rule,
        w.t(Msg::ColCategory),
        &ds.categories,
        w,
    );
    let what = in_sentence(&s.what);
    let standing = standing(b, &s, &code, &what);
    let chain = super::targets::chain(b, &code);
    let targets = super::targets::targets(b, &s, scope, &chain, &name);
    let results = targets.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
    Ok(ProfileModel {
        trend: trend(b, &s, index, area, &name, &what),
        deprivation: area.and_then(|a| deprivation_sentence(a, w)),
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
    let w = s.w;
    let (_, plural) = level_words(&s.level_name, w);
    let mut ranks = Vec::new();
    let mut rate = None;
    for measure in [Measure::Count, Measure::Rate] {
        let r = rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, measure);
        let Some(row) = r.rows.iter().find(|x| r.code(x) == code) else {
            continue;
        };
        let Some(k) = row.rank else { continue };
        let n = r.rows.iter().filter(|x| x.rank.is_some()).count();
        let msg = match measure {
            Measure::Count => Msg::RankOfByCount,
            Measure::Rate => Msg::RankOfByRate,
        };
        let rank = w.f(
            msg,
            &[
                ("rank", &capitalise(&w.ordinal(k))),
                ("n", &n.to_string()),
                ("plural", &plural),
                ("what", what),
            ],
        );
        ranks.push(format!("{rank}{}", previously(row, w)));
        if let (Measure::Rate, Some(own), Some(whole), Some(v)) =
            (measure, row.rate, r.whole_rate, row.vs_whole)
        {
            let one = |v: f64| format!("{v:.1}");
            rate = Some(w.f(
                Msg::OwnRate,
                &[
                    ("rate", &one(own.per_1000)),
                    ("low", &one(own.low)),
                    ("high", &one(own.high)),
                    ("vs", vs_whole_words(v, w)),
                    ("whole", &s.whole_name),
                    ("whole_rate", &one(whole.per_1000)),
                ],
            ));
        }
    }
    Standing { ranks, rate }
}

/// The rank in the previous period and the move since, as a sentence
/// starting with a space (empty when there was no previous rank).
fn previously(row: &RankRow, w: &Words) -> String {
    let text = match (row.previous_rank, row.movement) {
        (Some(p), Some(m)) if m != 0 => w.f(
            Msg::WasBefore,
            &[
                ("rank", &w.ordinal(p)),
                ("moved", &movement_text(Some(m), w)),
            ],
        ),
        (Some(p), _) => w.f(Msg::WasAlsoBefore, &[("rank", &w.ordinal(p))]),
        _ => return String::new(),
    };
    format!(" {text}")
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
    let (ds, w) = (&b.dataset, s.w);
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
            w.f(Msg::WhatPer1000, &[("what", what)]),
            s.whole_name.clone(),
        ),
        _ => (
            per(&own, 1.0, 1.0),
            per(&whole, s.map.codes.len().max(1) as f64, 1.0),
            0,
            what.to_string(),
            w.f(
                Msg::AverageAreaOf,
                &[
                    ("level", &level_words(&s.level_name, w).0),
                    ("whole", &s.whole_name),
                ],
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
        lang: w.lang(),
    }
}

/// The area's deprivation in words, when the areas file gives it.
fn deprivation_sentence(area: &Area, w: &Words) -> Option<String> {
    let rank = area.imd_rank.map(|r| thousands(u64::from(r)));
    let decile = area.imd_decile.map(|d| d.to_string());
    let args = [
        ("decile", decile.as_deref().unwrap_or_default()),
        ("rank", rank.as_deref().unwrap_or_default()),
    ];
    let msg = match (&decile, &rank) {
        (Some(_), Some(_)) => Msg::DecileAndRank,
        (Some(_), None) => Msg::DecileOnly,
        (None, Some(_)) => Msg::DeprivationRankOnly,
        (None, None) => return None,
    };
    Some(w.f(msg, &args))
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
    let (level_name, level_plural) = level_words(&s.level_name, s.w);
    key_findings(&FindingsInput {
        pair: &s.pair,
        categories: rows,
        ranking: None,
        level_name: &level_name,
        level_plural: &level_plural,
        deprivation: None,
        targets,
        names: categories,
        coverage: &s.totals.coverage(&Selection::AllCrime.mask(categories)),
        months_suspect: &months_suspect,
        rule: s.rule,
        w: s.w,
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
