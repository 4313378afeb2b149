//! The wards page as shown: the ranking table and the choropleth map.

use std::collections::HashMap;
use std::sync::Arc;

use crate::analysis::rank::peer_sentence;
use crate::analysis::targets::{for_area, of_dataset, target_status};
use crate::analysis::{
    rank_areas, show_ranking, Measure, RankRow, Ranking, Scope, Shown, ShownRank, Which,
};
use crate::chart::map::{build_map, MapGeometry, MAP_WIDTH};
use crate::data::explorer_data::ExplorerData;
use crate::format::{signed_pct, thousands};
use crate::i18n::{Msg, Words};
use crate::state::ViewState;

use super::area_links::{part_page_href, profile_href, AreaLinks};
use super::common::{
    capitalise, count_cell, level_words, movement_text, rate_cell, setup, vs_whole_words, Setup,
};
use super::table::ROWS_SHOWN;
use super::table::{Cell, Column, TableModel};
use super::targets::{chain, status_text};

/// One area on the map, with the words shown on hover or focus.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    /// Area code.
    pub code: String,
    /// Its name.
    pub name: String,
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
    /// The ranking table (shared: a country's has 7,545 rows, and the page
    /// model is copied when shown).
    pub table: Arc<TableModel>,
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
    /// Each area among its peers ([`peer_sentence`]), when ranked by rate
    /// and there are few enough areas to say it of each (2 to 12).
    pub peers: Vec<String>,
    /// (name, link) of each local authority the ranked areas lie in, by
    /// name, when the ranking is longer than the table shows (London's 679
    /// wards): each leads to the ranking within it.
    pub within: Vec<(String, String)>,
}

/// The most local authorities offered to rank within.
const WITHIN_MOST: usize = 60;

/// The local authorities to rank within (see [`WardsModel::within`]).
fn within_links(b: &ExplorerData, state: &ViewState, rows: usize) -> Vec<(String, String)> {
    if rows <= ROWS_SHOWN || !state.level.is_empty() || b.part_of.is_some() {
        return Vec::new();
    }
    let map = super::common::level_map(b, Some(crate::data::Level::District));
    if map.len() < 2 || map.len() > WITHIN_MOST {
        return Vec::new();
    }
    let mut out = vec![(String::new(), String::new()); map.len()];
    for (i, &at) in map.name_order.iter().enumerate() {
        let code = map.labels.code(i);
        let href = part_page_href(state, code, crate::state::Page::Wards);
        out[at as usize] = (map.labels.name(i).to_string(), href);
    }
    out
}

/// The most areas whose place among their peers is said, one by one.
const PEERS_SAID: usize = 12;

/// The most areas a map draws. London's 679 wards are drawn; a country's
/// 7,545 are not: on a map 600 pixels wide most would be a few pixels
/// across, and it would take seconds to redraw on every change (a map of
/// ~1,000 areas took 0.3–0.5 s a change in Chromium, 83 took ~0.1 s:
/// BENCHMARKS.md, "national scale"). The table ranks them all.
pub const MAP_MOST_AREAS: usize = 1_000;

/// Why a dataset with boundaries for `areas` areas has no map, in words
/// for the page; `None` when its map is drawn.
pub fn no_map(areas: usize, w: &Words) -> Option<String> {
    match areas {
        0 => Some(w.t(Msg::NoBoundaries).to_string()),
        n if n > MAP_MOST_AREAS => Some(w.f(
            Msg::TooManyForMap,
            &[
                ("n", &thousands(n as u64)),
                ("most", &thousands(MAP_MOST_AREAS as u64)),
            ],
        )),
        _ => None,
    }
}

/// The ranking of `setup`'s areas by the state's measure.
pub fn ranking(b: &ExplorerData, s: &Setup, state: &ViewState) -> Ranking {
    rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, state.measure)
}

/// Builds the wards page for `state`.
pub fn wards(b: &ExplorerData, state: &ViewState) -> Result<WardsModel, String> {
    let s = setup(b, state)?;
    let w = s.w;
    let r = ranking(b, &s, state);
    let mask = s.selection.mask(&b.dataset.categories);
    let whole = s.totals.total(Scope::Whole, &mask, Which::Current);
    let ranked: u64 = r.rows.iter().map(|x| x.current).sum();
    let shown = show_ranking(&r, &s.rule, whole.saturating_sub(ranked));
    let n = r.rows.iter().filter(|x| x.rank.is_some()).count();
    let drawn = no_map(b.boundaries.len(), w).is_none();
    let links = AreaLinks::new(b, &s, state);
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for (x, sh) in r.rows.iter().zip(&shown) {
        let href = links.href(x.index, r.code(x));
        rows.push(table_row(&r, x, sh, &s.whole_name, &href, w));
        if drawn {
            labels.push(MapLabel {
                code: r.code(x).to_string(),
                name: r.name(x).to_string(),
                text: map_words(&r, x, sh, n, w),
                href,
            });
        }
    }
    let measure_label = w
        .t(match state.measure {
            Measure::Count => Msg::MeasureCount,
            Measure::Rate => Msg::MeasureRate,
        })
        .to_string();
    let use_rate = state.measure == Measure::Rate;
    let map = map_of(b, &s, &shown, use_rate);
    let labels = in_map_order(b, &s, &map, labels, state);
    let plural = level_words(&s.level_name, w).1;
    let rated = r.rows.iter().filter(|x| x.rate.is_some()).count();
    let peers = if use_rate && (2..=PEERS_SAID).contains(&rated) {
        r.rows
            .iter()
            .filter_map(|x| peer_sentence(&r, r.code(x), &plural, w))
            .collect()
    } else {
        Vec::new()
    };
    let whole_rate = r.whole_rate.map(|rate| {
        w.f(
            Msg::PlaceRate,
            &[
                ("place", &s.whole_name),
                ("rate", &format!("{:.1}", rate.per_1000)),
            ],
        )
    });
    let within = within_links(b, state, rows.len());
    let mut table = ranking_table(&s, &measure_label, rows);
    with_targets(b, &s, &r, &mut table);
    Ok(WardsModel {
        what: s.what.clone(),
        table: Arc::new(table),
        measure_label,
        map,
        labels,
        whole_rate,
        level_plural: plural,
        value_decimals: if use_rate { 1 } else { 0 },
        notes: s.notes,
        peers,
        within,
    })
}

/// The ranking prepared ahead ([`prepare_ranking`]): the view it ranks and
/// its model.
struct Prepared {
    state: ViewState,
    model: Result<WardsModel, String>,
}

/// Where the prepared ranking is kept with the dataset.
const PREPARED: &str = "prepared ranking";

/// Ranks the areas as the ranking page would show `state` and keeps the
/// result with the dataset (once: a later call keeps the first), for
/// [`wards_prepared`]. Made while the reader looks at the first page, so
/// that moving to the ranking does not wait for it; a ranking of another
/// view still finds its code compiled (a browser compiles wasm a function
/// at a time, the first time it runs, then again once it runs hot).
pub fn prepare_ranking(b: &ExplorerData, state: &ViewState) {
    // On the ranking already: its model is made, its code compiled.
    if state.page == crate::state::Page::Wards {
        return;
    }
    let state = state.on_page(crate::state::Page::Wards);
    b.derived.get_or_make(PREPARED, || Prepared {
        model: wards(b, &state),
        state,
    });
}

/// [`wards`], taken from the prepared ranking when that is of `state`.
pub fn wards_prepared(b: &ExplorerData, state: &ViewState) -> Result<WardsModel, String> {
    match b.derived.get::<Prepared>(PREPARED) {
        Some(p) if p.state == *state => p.model.clone(),
        _ => wards(b, state),
    }
}

/// One row of the ranking table: rank, name (a link to the profile),
/// count, rate, interval, against the whole, previous rank, movement.
fn table_row(
    r: &Ranking,
    x: &RankRow,
    sh: &ShownRank,
    whole_name: &str,
    href: &str,
    w: &Words,
) -> Vec<Cell> {
    let interval = match (sh.rate_low, sh.rate_high) {
        (Shown::Value(lo), Shown::Value(hi)) => Cell::number(format!("{lo:.1}–{hi:.1}"), Some(lo)),
        (Shown::Suppressed, _) | (_, Shown::Suppressed) => Cell::number("[c]", None),
        _ => Cell::number("", None),
    };
    let rank_cell = |k: Option<u32>| {
        Cell::number(
            k.map(|k| k.to_string()).unwrap_or_default(),
            k.map(f64::from),
        )
    };
    vec![
        rank_cell(x.rank),
        Cell::text(r.name(x).to_string()).linked(href.to_string()),
        count_cell(sh.current),
        rate_cell(sh.rate_per_1000),
        interval,
        Cell::text(
            x.vs_whole
                .map(|v| format!("{} {whole_name}", vs_whole_words(v, w)))
                .unwrap_or_default(),
        ),
        rank_cell(x.previous_rank),
        Cell::number(movement_text(x.movement, w), x.movement.map(|m| m as f64)),
    ]
}

/// An area's figures in one sentence for the map, e.g. `Town Centre:
/// 1,234 offences, 98.1 per 1,000 residents, ranked 1st of 25` (`n`
/// areas ranked).
fn map_words(r: &Ranking, x: &RankRow, sh: &ShownRank, n: usize, w: &Words) -> String {
    let figures = match (sh.current, sh.rate_per_1000) {
        (Shown::Value(c), Shown::Value(rt)) => w.f(
            Msg::CountAndRate,
            &[
                ("count", &w.count(c, &thousands(c), Msg::UnitOffence)),
                ("rate", &format!("{rt:.1}")),
            ],
        ),
        (Shown::Value(c), _) => w.count(c, &thousands(c), Msg::UnitOffence),
        _ => w.t(Msg::FiguresTooSmall).to_string(),
    };
    let rank = x
        .rank
        .map(|k| {
            let ranked = w.f(
                Msg::RankedOf,
                &[("rank", &w.ordinal(k)), ("n", &n.to_string())],
            );
            format!(", {ranked}")
        })
        .unwrap_or_default();
    format!("{}: {figures}{rank}", r.name(x))
}

/// Adds a "Target" column to the ranking `table` when a target for the
/// selection applies to any area ranked (its own, else its parent's, else
/// the whole's): each
/// area's status against it, in words with a mark.
fn with_targets(b: &ExplorerData, s: &Setup, r: &Ranking, table: &mut TableModel) {
    let all = of_dataset(b);
    let target_of = |code: &str| {
        for_area(&all, &chain(b, code))
            .into_iter()
            .find(|t| t.selection == s.selection)
    };
    if !r.rows.iter().any(|x| target_of(r.code(x)).is_some()) {
        return;
    }
    let mask = s.selection.mask(&b.dataset.categories);
    let whole = s.totals.coverage(&mask).is_complete();
    for (row, x) in table.rows.iter_mut().zip(&r.rows) {
        let cell = match target_of(r.code(x)) {
            Some(t) => {
                let actual = (whole && x.previous > 0)
                    .then(|| (x.current as f64 - x.previous as f64) / x.previous as f64 * 100.0);
                let status = target_status(actual, t.target_pct_change);
                Cell::text(format!(
                    "{} ({})",
                    status_text(status, s.w),
                    signed_pct(Some(t.target_pct_change))
                ))
            }
            None => Cell::text(""),
        };
        row.push(cell);
    }
    table.columns.push(Column::text(s.w.t(Msg::ColTarget)));
}

/// The ranking table around its `rows`.
fn ranking_table(s: &Setup, measure_label: &str, rows: Vec<Vec<Cell>>) -> TableModel {
    let w = s.w;
    let (singular, plural) = level_words(&s.level_name, w);
    TableModel {
        caption: w.f(
            Msg::CaptionRanked,
            &[
                ("plural", &capitalise(&plural)),
                ("measure", measure_label),
                ("what", &s.what),
                ("current", &s.pair.current.label_in(w)),
                ("previous", &s.pair.previous.label_in(w)),
            ],
        ),
        columns: vec![
            Column::number(w.t(Msg::ColRank)),
            Column::text(&capitalise(&singular)),
            Column::number(w.t(Msg::ColCount)),
            Column::number(w.t(Msg::ColRatePer1000)),
            Column::number(w.t(Msg::ColInterval)),
            Column::text(&w.f(Msg::ColVs, &[("whole", &s.whole_name)])),
            Column::number(w.t(Msg::ColPreviousRank)),
            Column::number(w.t(Msg::ColMovement)),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// The code of the ranked area whose figures a boundary shows: its own, or
/// (ranking boroughs on a map of wards) the ranked area it lies in.
fn ranked_code<'a>(b: &ExplorerData, s: &'a Setup, code: &str) -> Option<&'a str> {
    let at = match s.map.index_of(code) {
        Some(i) => i,
        None => s.map.of_area(b.dataset.cube.area_index(code)?)?,
    };
    Some(s.map.labels.code(at))
}

/// The map, coloured by the rate when `use_rate` (there are
/// populations), else by count; a boundary below the ranked level (a ward
/// when boroughs are ranked) takes its ranked area's figure.
fn map_of(b: &ExplorerData, s: &Setup, shown: &[ShownRank], use_rate: bool) -> MapGeometry {
    // Figures by area code, the last row winning (a map from `&str` to an
    // index, the one map type of the page: each type is another copy of the
    // hash table code in the wasm).
    let by_code: HashMap<&str, usize> = shown
        .iter()
        .enumerate()
        .map(|(i, sh)| (sh.area_code, i))
        .collect();
    let value = |code: &str| {
        let sh = &shown[*by_code.get(ranked_code(b, s, code)?)?];
        if use_rate {
            sh.rate_per_1000.value()
        } else {
            sh.current.value().map(|v| v as f64)
        }
    };
    let name = |code: &str| b.dataset.area_name(code).to_string();
    // A map of too many areas is not drawn ([`no_map`]): no boundaries.
    let boundaries = match no_map(b.boundaries.len(), s.w) {
        None => &b.boundaries[..],
        Some(_) => &[],
    };
    build_map(boundaries, MAP_WIDTH, value, name)
}

/// The map's words in the order of its areas (a ward below the ranked
/// level: its ranked area's words and link, under its own name); an area
/// the ranking does not list has "no figures".
fn in_map_order(
    b: &ExplorerData,
    s: &Setup,
    map: &MapGeometry,
    labels: Vec<MapLabel>,
    state: &ViewState,
) -> Vec<MapLabel> {
    map.areas
        .iter()
        .map(|a| {
            let ranked = ranked_code(b, s, &a.code).unwrap_or(&a.code);
            labels
                .iter()
                .find(|l| l.code == ranked)
                .map(|l| MapLabel {
                    code: a.code.clone(),
                    name: b.dataset.area_name(&a.code).to_string(),
                    ..l.clone()
                })
                .unwrap_or_else(|| MapLabel {
                    code: a.code.clone(),
                    name: b.dataset.area_name(&a.code).to_string(),
                    text: format!("{}: no figures", b.dataset.area_name(&a.code)),
                    href: profile_href(state, &a.code),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;

    /// A dataset of `n` wards of one borough, each a small square on the
    /// map, with a year of counts.
    fn squares(n: usize) -> ExplorerData {
        let mut areas =
            String::from("area_code,area_name,parent_code,population\nE06000001,Town,,\n");
        let mut counts = String::from("month,area_code,category,count\n");
        let mut features = Vec::new();
        for i in 0..n {
            let code = format!("E05{i:06}");
            areas.push_str(&format!("{code},Ward {i},E06000001,1000\n"));
            for m in 1..=12 {
                counts.push_str(&format!("2024-{m:02},{code},Burglary,{}\n", i % 7 + m));
            }
            let (x, y) = ((i % 40) as f64 / 100.0, (i / 40) as f64 / 100.0);
            let (x2, y2) = (x + 0.009, y + 0.009);
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"code":"{code}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x2},{y}],[{x2},{y2}],[{x},{y2}],[{x},{y}]]]}}}}"#
            ));
        }
        let geojson = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        );
        let manifest = r#"{"title":"T","files":{"counts":"c","areas":"a","boundaries":"b"}}"#;
        let files = Files {
            areas: Some(("a", areas.as_bytes())),
            boundaries: Some(("b", geojson.as_bytes())),
            ..Files::counts("c", counts.as_bytes())
        };
        assemble(Manifest::parse("m", manifest).unwrap(), files).unwrap()
    }

    #[test]
    fn the_prepared_ranking_is_used_for_its_own_view_only() {
        let data = squares(30);
        let first = ViewState::from_query("?period=cytd&ward=E05000003");
        prepare_ranking(&data, &first);
        let ranked = ViewState::from_query("?page=wards&period=cytd");
        let kept = data.derived.get::<Prepared>(PREPARED).unwrap();
        assert!(kept.state == ranked, "kept as the menu leads there");
        assert_eq!(wards_prepared(&data, &ranked), wards(&data, &ranked));

        let by_rate = ViewState::from_query("?page=wards&period=cytd&by=rate");
        let fresh = wards_prepared(&data, &by_rate).unwrap();
        assert_eq!(fresh.measure_label, "rate per 1,000 residents");
        assert_eq!(Ok(fresh), wards(&data, &by_rate));

        prepare_ranking(&data, &by_rate);
        let still = data.derived.get::<Prepared>(PREPARED).unwrap();
        assert!(still.state == ranked, "the first prepared is kept");
    }

    #[test]
    fn a_map_is_drawn_up_to_its_most_areas_and_else_the_page_says_why() {
        assert_eq!(
            no_map(0, crate::i18n::english()).as_deref(),
            Some("This dataset has no boundaries, so there is no map.")
        );
        assert_eq!(no_map(1, crate::i18n::english()), None);
        assert_eq!(no_map(MAP_MOST_AREAS, crate::i18n::english()), None);
        let why = no_map(7_545, crate::i18n::english()).unwrap();
        assert!(why.contains("7,545 areas, more than the 1,000"), "{why}");

        let state = ViewState::from_query("?page=wards&period=cytd");
        let drawn = wards(&squares(MAP_MOST_AREAS), &state).unwrap();
        assert_eq!(drawn.map.areas.len(), MAP_MOST_AREAS);
        assert_eq!(drawn.labels.len(), MAP_MOST_AREAS, "the map's words");
        let data = squares(MAP_MOST_AREAS + 1);
        assert_eq!(data.boundaries.len(), MAP_MOST_AREAS + 1);
        let withheld = wards(&data, &state).unwrap();
        assert!(withheld.map.areas.is_empty() && withheld.labels.is_empty());
        assert_eq!(
            withheld.table.rows.len(),
            MAP_MOST_AREAS + 1,
            "the table ranks them all"
        );
    }
}
