//! The wards page as shown: the ranking table and the choropleth map.

use crate::analysis::{rank_areas, show_ranking, Measure, Ranking, Scope, Shown};
use crate::chart::map::{build_map, MapGeometry};
use crate::data::bundle::Bundle;
use crate::format::thousands;
use crate::state::{self, ViewState};

use super::common::{
    capitalise, count_cell, level_words, movement_text, ordinal, rate_cell, setup, Setup,
};
use super::table::{Cell, Column, TableModel};

/// One area on the map, with the words shown on hover or focus.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    /// Area code.
    pub code: String,
    /// Name and figures in one sentence, e.g. `Town Centre: 1,234 offences,
    /// 98.1 per 1,000 residents, ranked 1st of 25`.
    pub text: String,
    /// Link to the area's profile (a query string).
    pub href: String,
}

/// The wards page.
#[derive(Clone, Debug, PartialEq)]
pub struct WardsModel {
    /// What is ranked, e.g. `All crime (excluding ASB)`.
    pub what: String,
    /// `count` or `rate per 1,000 residents`.
    pub measure_label: String,
    /// The ranking table.
    pub table: TableModel,
    /// The map (empty when the dataset has no boundaries).
    pub map: MapGeometry,
    /// Words for each mapped area, in the map's order.
    pub labels: Vec<MapLabel>,
    /// The whole's rate, e.g. `Demo Borough: 85.2 per 1,000 residents`.
    pub whole_rate: Option<String>,
    /// A plural noun for the areas, e.g. `wards`.
    pub level_plural: String,
    /// Decimal places of the mapped values (0 for counts, 1 for rates).
    pub value_decimals: usize,
    /// What must be said about the periods ([`Setup::notes`]).
    pub notes: Vec<String>,
}

/// The analysis measure for a state measure.
pub fn measure_of(m: state::Measure) -> Measure {
    match m {
        state::Measure::Count => Measure::Count,
        state::Measure::Rate => Measure::Rate,
    }
}

/// The link to an area's profile that keeps the rest of the view.
pub fn profile_href(state: &ViewState, code: &str) -> String {
    let mut s = state.clone();
    s.page = state::Page::Ward;
    s.ward = Some(code.to_string());
    s.to_query()
}

/// The ranking of `setup`'s areas by the state's measure.
pub fn ranking(b: &Bundle, s: &Setup, state: &ViewState) -> Ranking {
    rank_areas(
        &b.dataset,
        &s.totals,
        &s.map,
        &s.selection,
        measure_of(state.measure),
    )
}

/// Builds the wards page for `state`.
pub fn wards(b: &Bundle, state: &ViewState) -> Result<WardsModel, String> {
    let s = setup(b, state)?;
    let r = ranking(b, &s, state);
    let mask = s.selection.mask(&b.dataset.categories);
    let whole = s
        .totals
        .total(Scope::Whole, &mask, crate::analysis::Which::Current);
    let ranked: u64 = r.rows.iter().map(|x| x.current).sum();
    let shown = show_ranking(&r, &s.rule, whole.saturating_sub(ranked));
    let (level_singular, level_plural) = level_words(&s.level_name);
    let n = r.rows.iter().filter(|x| x.rank.is_some()).count();

    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (x, sh) in r.rows.iter().zip(&shown) {
        let href = profile_href(state, r.code(x));
        let interval = match (sh.rate_low, sh.rate_high) {
            (Shown::Value(lo), Shown::Value(hi)) => {
                Cell::number(format!("{lo:.1}–{hi:.1}"), Some(lo))
            }
            (Shown::Suppressed, _) | (_, Shown::Suppressed) => Cell::number("[c]", None),
            _ => Cell::number("", None),
        };
        rows.push(vec![
            Cell::number(
                x.rank.map(|k| k.to_string()).unwrap_or_default(),
                x.rank.map(f64::from),
            ),
            Cell::text(r.name(x).to_string()).linked(href.clone()),
            count_cell(sh.current),
            rate_cell(sh.rate_per_1000),
            interval,
            Cell::text(
                sh.vs_whole
                    .map(|v| format!("{v} than {}", s.whole_name))
                    .unwrap_or_default()
                    .replace("similar than", "similar to"),
            ),
            Cell::number(
                x.previous_rank.map(|k| k.to_string()).unwrap_or_default(),
                x.previous_rank.map(f64::from),
            ),
            Cell::number(movement_text(x.movement), x.movement.map(|m| m as f64)),
        ]);
        let figures = match (sh.current, sh.rate_per_1000) {
            (Shown::Value(c), Shown::Value(rt)) => format!(
                "{} {}, {rt:.1} per 1,000 residents",
                thousands(c),
                if c == 1 { "offence" } else { "offences" }
            ),
            (Shown::Value(c), _) => format!("{} offences", thousands(c)),
            _ => "figures too small to publish".to_string(),
        };
        let rank = x
            .rank
            .map(|k| format!(", ranked {} of {n}", ordinal(k)))
            .unwrap_or_default();
        labels.push(MapLabel {
            code: r.code(x).to_string(),
            text: format!("{}: {figures}{rank}", r.name(x)),
            href,
        });
    }
    let measure_label = match state.measure {
        state::Measure::Count => "count".to_string(),
        state::Measure::Rate => "rate per 1,000 residents".to_string(),
    };
    let table = TableModel {
        caption: format!(
            "{} ranked by {measure_label}: {}, {} against {}",
            capitalise(&level_plural),
            s.selection.label(),
            s.pair.current.label(),
            s.pair.previous.label()
        ),
        columns: vec![
            Column::number("Rank"),
            Column::text(&capitalise(&level_singular)),
            Column::number("Count"),
            Column::number("Rate per 1,000"),
            Column::number("95% interval"),
            Column::text(&format!("vs {}", s.whole_name)),
            Column::number("Previous rank"),
            Column::number("Movement"),
        ],
        rows,
        footer: Vec::new(),
    };
    // The map is coloured by the rate when there are populations, else by count.
    // Figures by area code, the last row winning (a map from `&str` to an
    // index, the one map type of the page: each type is another copy of the
    // hash table code in the wasm).
    let by_code: std::collections::HashMap<&str, usize> = shown
        .iter()
        .enumerate()
        .map(|(i, sh)| (sh.area_code, i))
        .collect();
    let use_rate = state.measure == state::Measure::Rate;
    let map = build_map(&b.boundaries, 600.0, |code| {
        let sh = shown.get(*by_code.get(code)?)?;
        if use_rate {
            sh.rate_per_1000.value()
        } else {
            sh.current.value().map(|v| v as f64)
        }
    });
    let labels = map
        .areas
        .iter()
        .map(|a| {
            labels
                .iter()
                .find(|l| l.code == a.code)
                .cloned()
                .unwrap_or_else(|| MapLabel {
                    code: a.code.clone(),
                    text: format!("{}: no figures", a.code),
                    href: profile_href(state, &a.code),
                })
        })
        .collect();
    let whole_rate = r
        .whole_rate
        .map(|w| format!("{}: {:.1} per 1,000 residents", s.whole_name, w.per_1000));
    Ok(WardsModel {
        what: s.selection.label(),
        measure_label,
        table,
        map,
        labels,
        whole_rate,
        level_plural,
        value_decimals: if use_rate { 1 } else { 0 },
        notes: s.notes,
    })
}
