//! The figures behind each chart, as the table shown under it.

use crate::chart::scatter::Scatter;
use crate::chart::trend::value_text;
use crate::chart::TrendChart;
use crate::i18n::{words, Msg};

use super::table::{Cell, Column, TableModel};

/// The trend chart's figures: each month of the first line beside the
/// month at the same position on the second.
pub fn trend_table(chart: &TrendChart, caption: &str) -> TableModel {
    let (d, w) = (chart.decimals, words(chart.lang));
    let rows = chart
        .first
        .points
        .iter()
        .enumerate()
        .map(|(i, (m, v))| {
            let other = chart.second.points.get(i);
            vec![
                Cell::text(m.label_in(w)),
                value_cell(*v, d, w.t(Msg::NoData)),
                Cell::text(other.map(|o| o.0.label_in(w)).unwrap_or_default()),
                other.map_or_else(
                    || Cell::number("", None),
                    |o| value_cell(o.1, d, w.t(Msg::NoData)),
                ),
            ]
        })
        .collect();
    TableModel {
        caption: caption.to_string(),
        columns: vec![
            Column::text(w.t(Msg::ColMonth)),
            Column::number(&chart.first.label),
            Column::text(w.t(Msg::ColMonth)),
            Column::number(&chart.second.label),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// A month's value, or `none` ("no data", sorted last).
fn value_cell(v: Option<f64>, decimals: usize, none: &str) -> Cell {
    match v {
        Some(v) => Cell::number(value_text(v, decimals), Some(v)),
        None => Cell::number(none, None),
    }
}

/// The scatter's figures: one row per area (`names` in the points' order).
pub fn scatter_table(
    scatter: &Scatter,
    names: &[String],
    caption: &str,
    w: &crate::i18n::Words,
) -> TableModel {
    let rows = scatter
        .points
        .iter()
        .zip(names)
        .map(|(&(x, y), n)| {
            vec![
                Cell::text(n.clone()),
                Cell::number(format!("{}", x.abs()), Some(x.abs())),
                Cell::number(format!("{y:.1}"), Some(y)),
            ]
        })
        .collect();
    TableModel {
        caption: caption.to_string(),
        columns: vec![
            Column::text(&crate::view::common::capitalise(w.noun(Msg::LevelArea).0)),
            Column::number(&scatter.x_label),
            Column::number(&scatter.y_label),
        ],
        rows,
        footer: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Series;
    use crate::data::Month;

    #[test]
    fn the_trend_table_pairs_months_by_position() {
        let m = |s: &str| s.parse::<Month>().unwrap();
        let chart = TrendChart {
            what: "all crime".into(),
            first: Series {
                label: "2025".into(),
                points: vec![(m("2025-01"), Some(1200.0)), (m("2025-02"), None)],
            },
            second: Series {
                label: "2024".into(),
                points: vec![(m("2024-01"), Some(9.0))],
            },
            decimals: 0,
            lang: crate::i18n::Lang::En,
        };
        let t = trend_table(&chart, "c");
        assert_eq!(t.columns[1].label, "2025");
        let texts: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            vec![
                vec!["Jan 2025", "1,200", "Jan 2024", "9"],
                vec!["Feb 2025", "no data", "", ""]
            ]
        );
    }

    #[test]
    fn the_scatter_table_shows_deprivation_by_size() {
        let s = Scatter {
            x_label: "rank".into(),
            y_label: "rate".into(),
            points: vec![(-2014.0, 181.74)],
        };
        let t = scatter_table(&s, &["Ivy Bank".to_string()], "c", crate::i18n::english());
        let texts: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Ivy Bank", "2014", "181.7"]);
    }
}
