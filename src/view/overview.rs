//! The overview page as shown: the headline, the category (or group)
//! table, the trend of both periods and the key findings.

use crate::analysis::coverage::has_data_for;
use crate::analysis::findings::{key_findings, FindingsInput};
use crate::analysis::narrative;
use crate::analysis::rank::peer_sentence;
use crate::analysis::table::{compare_table, By, CompareRow};
use crate::analysis::{deprivation, rank_areas, show_table, Measure, RowRole, Scope, Shown};
use crate::chart::{Series, TrendChart};
use crate::data::explorer_data::ExplorerData;
use crate::data::lookup::Level;
use crate::data::Month;
use crate::format::{signed, signed_pct, thousands};
use crate::i18n::{Msg, Words};
use crate::state::ViewState;

use super::common::{
    change_cell, count_cell, in_sentence, level_words, pct_change_cell, setup, share_cell,
    verdict_text, Setup,
};
use super::table::{Cell, Column, TableModel};

/// The headline comparison as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    /// What is counted, e.g. `All crime (excluding ASB)`.
    pub title: String,
    /// The current period, e.g. `Nov 2024 – Oct 2025`.
    pub current_label: String,
    /// The previous period.
    pub previous_label: String,
    /// Current count (or `[c]`).
    pub current: String,
    /// Previous count (or `[c]`).
    pub previous: String,
    /// Change (`+815`).
    pub change: String,
    /// % change (`+3.2%`, `[low]`, `n/a`).
    pub pct: String,
    /// The verdict in words.
    pub verdict: String,
    /// The sentence.
    pub sentence: String,
    /// What must be said about the periods (months without data,
    /// different seasons, a choice shown otherwise).
    pub notes: Vec<String>,
}

/// The whole overview.
#[derive(Clone, Debug, PartialEq)]
pub struct OverviewModel {
    /// The headline.
    pub headline: Headline,
    /// Categories or groups, with the total and anti-social behaviour.
    pub table: TableModel,
    /// Both periods month by month.
    pub trend: TrendChart,
    /// Key findings, in reading order.
    pub findings: Vec<String>,
    /// True when the table shows `[c]` or `[low]` (so the page shows a key).
    pub has_markers: bool,
    /// True when the table lists groups rather than categories.
    pub by_group: bool,
    /// The targets that apply, with their statuses, when the dataset has any.
    pub targets: Option<super::targets::TargetsModel>,
    /// With several sources: each series that is not crime (anti-social
    /// behaviour as the police and a council recorded it, deliberate
    /// fires…) side by side, each with its source, change and verdict.
    pub by_source: Option<TableModel>,
}

/// The headline for a comparison already computed for `s` (its periods,
/// disclosure rule, unit and notes) in `place`.
pub fn headline(c: &crate::analysis::Comparison, s: &Setup, place: &str) -> Headline {
    let (pair, rule, w) = (&s.pair, &s.rule, s.w);
    let hidden = rule.is_small(c.previous) || rule.is_small(c.current);
    let (current, previous, change, pct, sentence) = if hidden {
        let marker = "[c]".to_string();
        (
            if rule.is_small(c.current) {
                marker.clone()
            } else {
                thousands(c.current)
            },
            if rule.is_small(c.previous) {
                marker.clone()
            } else {
                thousands(c.previous)
            },
            marker.clone(),
            marker,
            w.f(
                Msg::TooSmallToPublishFor,
                &[("what", &s.what), ("place", place)],
            ),
        )
    } else {
        let pct = match rule.pct_change(c.previous, c.pct_change) {
            _ if !c.is_compared() => "[x]".to_string(),
            Shown::Value(p) => signed_pct(Some(p)),
            Shown::Low => "[low]".to_string(),
            _ => "n/a".to_string(),
        };
        (
            thousands(c.current),
            thousands(c.previous),
            if c.is_compared() {
                signed(c.change)
            } else {
                "[x]".to_string()
            },
            pct,
            narrative::headline(&said(c, rule), pair, s.unit, &s.what, w),
        )
    };
    Headline {
        title: s.what.clone(),
        current_label: pair.current.label_in(w),
        previous_label: pair.previous.label_in(w),
        current,
        previous,
        change,
        pct,
        verdict: if hidden {
            String::new()
        } else {
            verdict_text(c.verdict, w).to_string()
        },
        sentence,
        notes: s.notes.clone(),
    }
}

/// The comparison as the sentence may say it: no % change on a small base
/// (`[low]`), with or without a disclosure threshold.
fn said(
    c: &crate::analysis::Comparison,
    rule: &crate::analysis::Disclosure,
) -> crate::analysis::Comparison {
    let mut c = c.clone();
    if rule.pct_change(c.previous, c.pct_change) == Shown::Low {
        c.pct_change = None;
    }
    c
}

/// The comparison table model for rows already computed.
pub fn comparison_table(
    caption: String,
    rows: &[CompareRow],
    rule: &crate::analysis::Disclosure,
    first_column: &str,
    categories: &crate::data::Categories,
    w: &Words,
) -> (TableModel, bool) {
    let shown = show_table(rows, rule);
    let mut has_markers = false;
    let mut body = Vec::new();
    let mut footer = Vec::new();
    for (s, row) in shown.iter().zip(rows) {
        // All crime and anti-social behaviour in the page's words.
        let name = match s.role {
            RowRole::Part => categories.name_in(&s.name, w.lang()).to_string(),
            _ => row.comparison.selection.name_in(categories, w),
        };
        let cells = vec![
            Cell::text(name),
            count_cell(s.previous),
            count_cell(s.current),
            change_cell(s.change),
            pct_change_cell(s.pct_change),
            share_cell(s.share_pct),
            if s.current == Shown::Suppressed || s.previous == Shown::Suppressed {
                Cell::text("")
            } else {
                Cell::text(verdict_text(s.verdict, w))
            },
        ];
        has_markers |= cells
            .iter()
            .any(|c| c.text == "[c]" || c.text == "[low]" || c.text == "[x]");
        match s.role {
            RowRole::Part => body.push(cells),
            RowRole::Total | RowRole::Separate => footer.push(cells),
        }
    }
    let table = TableModel {
        caption,
        columns: vec![
            Column::text(first_column),
            Column::number(w.t(Msg::ColPrevious)),
            Column::number(w.t(Msg::ColCurrent)),
            Column::number(w.t(Msg::ColChange)),
            Column::number(w.t(Msg::ColPctChange)),
            Column::number(w.t(Msg::ColShareOfAllCrime)),
            Column::text(w.t(Msg::ColChangeIs)),
        ],
        rows: body,
        footer,
    };
    (table, has_markers)
}

/// The monthly series of `mask` in `months` from a whole-dataset series;
/// `None` for a month without data.
fn pick(
    series: &[u64],
    cube: &crate::data::Cube,
    mask: &[bool],
    months: crate::analysis::Period,
) -> Vec<(Month, Option<f64>)> {
    crate::analysis::coverage::period_months(months)
        .map(|m| {
            let value = cube
                .month_index(m)
                .filter(|&i| has_data_for(cube, i, mask))
                .map(|i| series[i] as f64);
            (m, value)
        })
        .collect()
}

/// Builds the overview for `state`. An error is a sentence for the page.
/// A part's place among its peers (a borough among its force area's), by
/// rate, for the crime and periods shown: ranked in the whole it was taken
/// from, at the level its code names. `None` for a whole, or a part whose
/// code names no level.
fn peer_finding(b: &ExplorerData, state: &ViewState) -> Option<String> {
    let whole = b.part_of.as_ref()?;
    let top = b.dataset.areas.iter().find(|a| a.parent.is_none())?;
    let level = Level::of_code(top.code.as_str())?;
    let at = ViewState {
        level: level.name().to_string(),
        area: None,
        measure: Measure::Rate,
        ..state.clone()
    };
    let s = setup(whole, &at).ok()?;
    let r = super::wards::ranking(whole, &s, &at);
    peer_sentence(
        &r,
        top.code.as_str(),
        &level_words(&s.level_name, s.w).1,
        s.w,
    )
}

pub fn overview(b: &ExplorerData, state: &ViewState) -> Result<OverviewModel, String> {
    let by_group = state
        .groups
        .unwrap_or_else(|| super::selection::groups_first(&b.dataset.categories));
    let s = setup(b, state)?;
    let (ds, w) = (&b.dataset, s.w);
    let c = s.comparison(&ds.categories, Scope::Whole);
    let headline = headline(&c, &s, &s.whole_name);

    let by = if by_group { By::Group } else { By::Category };
    let rows = compare_table(ds, &s.totals, Scope::Whole, &by);
    let caption = w.f(
        if by_group {
            Msg::CaptionByGroup
        } else {
            Msg::CaptionByCategory
        },
        &[
            ("place", &s.whole_name),
            ("current", &s.pair.current.label_in(w)),
            ("previous", &s.pair.previous.label_in(w)),
        ],
    );
    let first_column = w.t(if by_group {
        Msg::ColGroup
    } else {
        Msg::ColCategory
    });
    let (table, has_markers) =
        comparison_table(caption, &rows, &s.rule, first_column, &ds.categories, w);

    let mask = s.selection.mask(&ds.categories);
    let series = super::common::monthly_whole(b).series(&mask);
    let trend = TrendChart {
        what: in_sentence(&s.what),
        first: Series {
            label: s.pair.current.label_in(w),
            points: pick(&series, &ds.cube, &mask, s.pair.current),
        },
        second: Series {
            label: s.pair.previous.label_in(w),
            points: pick(&series, &ds.cube, &mask, s.pair.previous),
        },
        decimals: 0,
        lang: w.lang(),
    };

    let category_rows = if by_group {
        compare_table(ds, &s.totals, Scope::Whole, &By::Category)
    } else {
        rows
    };
    let targets = whole_targets(b, &s);
    let results = targets.as_ref().map_or(&[][..], |(_, r)| r.as_slice());
    let findings = whole_findings(b, &s, &category_rows, results);
    let findings = peer_finding(b, state).into_iter().chain(findings).collect();
    Ok(OverviewModel {
        headline,
        table,
        trend,
        findings,
        has_markers,
        by_group,
        targets: targets.map(|(m, _)| m),
        by_source: by_source(b, &s),
    })
}

/// The whole's key findings: its categories, the ranking of its areas by
/// count, crime and deprivation, its targets, suspect months.
fn whole_findings(
    b: &ExplorerData,
    s: &Setup,
    category_rows: &[CompareRow],
    results: &[crate::analysis::TargetResult],
) -> impl Iterator<Item = String> {
    let (ds, w) = (&b.dataset, s.w);
    let ranking = rank_areas(ds, &s.totals, &s.map, &s.selection, Measure::Count);
    let dep_ranking = rank_areas(ds, &s.totals, &s.map, &s.selection, Measure::Rate);
    let dep = deprivation(&dep_ranking, &s.map);
    let suspect: Vec<Month> = b.quality.months_suspect.iter().map(|m| m.month).collect();
    let (level_name, level_plural) = level_words(&s.level_name, w);
    key_findings(&FindingsInput {
        pair: &s.pair,
        categories: category_rows,
        ranking: Some(&ranking),
        level_name: &level_name,
        level_plural: &level_plural,
        deprivation: dep.as_ref(),
        targets: results,
        names: &ds.categories,
        coverage: &s
            .totals
            .coverage(&crate::analysis::Selection::AllCrime.mask(&ds.categories)),
        months_suspect: &suspect,
        rule: s.rule,
        w,
    })
    .into_iter()
    .map(|f| f.text)
}

/// The targets of the whole shown: a part (a borough) has its own, by its
/// code, before the whole's; the whole, those set for no area.
fn whole_targets(
    b: &ExplorerData,
    s: &Setup,
) -> Option<(
    super::targets::TargetsModel,
    Vec<crate::analysis::TargetResult>,
)> {
    let code = b
        .part_of
        .as_ref()
        .and_then(|_| b.dataset.areas.iter().find(|a| a.parent.is_none()))
        .map(|a| a.code.as_str());
    let chain: Vec<&str> = code.into_iter().collect();
    super::targets::targets(b, s, Scope::Whole, &chain, &s.whole_name)
}

/// The series that are not crime, one row per group of each source (a
/// group is one source's: see `Categories::separate_sources`), with who
/// recorded it: `None` with one source.
fn by_source(b: &ExplorerData, s: &Setup) -> Option<TableModel> {
    let ds = &b.dataset;
    if ds.categories.sources().len() < 2 {
        return None;
    }
    let w = s.w;
    let main = b.manifest.source.as_deref().unwrap_or("police.uk");
    // Each group of categories none of which is crime, with its source.
    let source_of = |group: &str| -> Option<String> {
        let mut of_group = ds.categories.iter().filter(|c| c.group == group);
        let first = of_group.next()?;
        let not_crime = !first.is_crime && of_group.all(|c| !c.is_crime);
        not_crime.then(|| first.source.clone().unwrap_or_else(|| main.to_string()))
    };
    let rows: Vec<CompareRow> = compare_table(ds, &s.totals, Scope::Whole, &By::Group)
        .into_iter()
        .filter(|r| r.role != RowRole::Total && source_of(&r.key).is_some())
        .collect();
    let caption = w.f(
        Msg::CaptionBySource,
        &[
            ("place", &s.whole_name),
            ("current", &s.pair.current.label_in(w)),
            ("previous", &s.pair.previous.label_in(w)),
        ],
    );
    let (mut table, _) = comparison_table(
        caption,
        &rows,
        &s.rule,
        w.t(Msg::ColSeries),
        &ds.categories,
        w,
    );
    // Each row's source, in the table's order: its body (the parts), then
    // its footer.
    let (parts, rest): (Vec<&CompareRow>, Vec<&CompareRow>) =
        rows.iter().partition(|r| r.role == RowRole::Part);
    let sources = parts.into_iter().chain(rest).map(|r| {
        let source = source_of(&r.key).unwrap_or_default();
        b.manifest.source_name_in(&source, w.lang()).to_string()
    });
    let mut cells = std::mem::take(&mut table.rows);
    cells.append(&mut table.footer);
    for (row, source) in cells.iter_mut().zip(sources) {
        row.remove(5); // no share of all crime: none of it is crime
        row.insert(1, Cell::text(source));
    }
    table.columns.remove(5);
    table
        .columns
        .insert(1, Column::text(w.t(Msg::ColRecordedBy)));
    table.rows = cells;
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;
    use crate::state::PeriodChoice;

    #[test]
    fn a_rise_from_1_to_2_is_marked_low_without_a_threshold() {
        let manifest = Manifest::parse("m", r#"{"title":"T","files":{"counts":"c"}}"#).unwrap();
        let counts =
            "month,area_code,category,count\n2024-01,W1,Burglary,1\n2024-02,W1,Burglary,2\n";
        let b = assemble(manifest, Files::counts("c", counts.as_bytes())).unwrap();
        let state = ViewState {
            period: PeriodChoice::Custom(crate::analysis::PeriodPair {
                previous: crate::analysis::Period::parse("2024-01").unwrap(),
                current: crate::analysis::Period::parse("2024-02").unwrap(),
            }),
            ..ViewState::default()
        };
        let m = overview(&b, &state).unwrap();
        assert_eq!(
            (m.headline.current.as_str(), m.headline.pct.as_str()),
            ("2", "[low]")
        );
        assert!(
            !m.headline.sentence.contains('%'),
            "{}",
            m.headline.sentence
        );
        assert!(
            m.headline.sentence.contains("was 1 offence higher"),
            "{}",
            m.headline.sentence
        );
        let burglary = m
            .table
            .rows
            .iter()
            .find(|r| r[0].text == "Burglary")
            .unwrap();
        assert_eq!(burglary[4].text, "[low]");
        assert!(m.has_markers, "the page shows the key to [low]");
    }
}
