//! The deprivation page as shown: rate by deprivation band, a scatter of
//! area rate against deprivation, and the correlation in words.

use crate::analysis::deprivation::ImdMeasure;
use crate::analysis::{deprivation, rank_areas, Deprivation, Measure, Ranking};
use crate::chart::scatter::Scatter;
use crate::data::explorer_data::ExplorerData;
use crate::data::Area;
use crate::format::thousands;
use crate::state::ViewState;

use crate::i18n::{Msg, Words};

use super::common::{capitalise, in_sentence, level_words, setup, Setup};
use super::table::{Cell, Column, TableModel};

/// The deprivation page.
#[derive(Clone, Debug, PartialEq)]
pub struct DeprivationModel {
    /// Rate by band.
    pub table: TableModel,
    /// One point per area: deprivation against rate.
    pub scatter: Scatter,
    /// The correlation in words.
    pub summary: String,
    /// Names of the areas high on both.
    pub high_on_both: Vec<String>,
    /// A text alternative for the scatter.
    pub scatter_text: String,
    /// The scatter's areas, in the order of its points.
    pub names: Vec<String>,
    /// What must be said about the periods.
    pub notes: Vec<String>,
}

/// Builds the deprivation page, or says why it cannot be shown.
pub fn deprivation_view(b: &ExplorerData, state: &ViewState) -> Result<DeprivationModel, String> {
    let s = setup(b, state)?;
    let w = s.w;
    let (_, plural) = level_words(&s.level_name, w);
    let r = rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, Measure::Rate);
    let d = deprivation(&r, &s.map)
        .ok_or_else(|| w.f(Msg::TooFewForDeprivation, &[("plural", &plural)]))?;
    let what = s.what.clone();
    let summary = summary(&d, &what, &plural, w);
    let points = points(&d, &r, &s);
    let scatter_text = w.f(
        Msg::ScatterText,
        &[
            ("n", &points.len().to_string()),
            ("plural", &plural),
            ("what", &in_sentence(&what)),
            ("summary", &summary),
        ],
    );
    let high_on_both = d
        .high_on_both
        .iter()
        .map(|&i| s.map.labels.names[i].clone())
        .collect();
    Ok(DeprivationModel {
        table: bands_table(&d, &s, &what, &plural),
        scatter: scatter(&d, &points, w),
        summary,
        high_on_both,
        scatter_text,
        names: points.into_iter().map(|(_, _, n)| n).collect(),
        notes: s.notes,
    })
}

/// The rate by deprivation band.
fn bands_table(d: &Deprivation, s: &Setup, what: &str, plural: &str) -> TableModel {
    let w = s.w;
    let band_word = w.t(if d.band_count == 10 {
        Msg::Decile
    } else {
        Msg::Quintile
    });
    let rows = d
        .bands
        .iter()
        .map(|band| {
            let label = match band.band {
                1 => w.f(Msg::BandMostDeprived, &[("band", "1")]),
                b if b == d.band_count => w.f(Msg::BandLeastDeprived, &[("band", &b.to_string())]),
                b => b.to_string(),
            };
            let (rate, interval) = match band.rate {
                Some(rt) => (
                    Cell::number(format!("{:.1}", rt.per_1000), Some(rt.per_1000)),
                    Cell::number(format!("{:.1}–{:.1}", rt.low, rt.high), Some(rt.low)),
                ),
                None => (Cell::number("", None), Cell::number("", None)),
            };
            vec![
                Cell::number(label, Some(f64::from(band.band))),
                Cell::number(band.areas.to_string(), Some(band.areas as f64)),
                Cell::number(thousands(band.population), Some(band.population as f64)),
                Cell::number(thousands(band.count), Some(band.count as f64)),
                rate,
                interval,
            ]
        })
        .collect();
    let scope = w.t(if d.national_bands {
        Msg::BandsEngland
    } else {
        Msg::BandsLocal
    });
    TableModel {
        caption: w.f(
            if d.band_count == 10 {
                Msg::CaptionByDecile
            } else {
                Msg::CaptionByQuintile
            },
            &[("what", what), ("current", &s.pair.current.label_in(w))],
        ),
        columns: vec![
            Column::number(&format!("{band_word} ({scope})")),
            Column::number(&capitalise(plural)),
            Column::number(w.t(Msg::ColResidents)),
            Column::number(w.t(Msg::ColCount)),
            Column::number(w.t(Msg::ColRatePer1000)),
            Column::number(w.t(Msg::ColInterval)),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// The correlation in words.
fn summary(d: &Deprivation, what: &str, plural: &str, w: &Words) -> String {
    let (Some(rho), Some(p)) = (d.spearman, d.spearman_p) else {
        return w.f(Msg::TooLittleVariation, &[("plural", plural)]);
    };
    let strength = w.t(match rho.abs() {
        a if a >= 0.7 => Msg::Strong,
        a if a >= 0.4 => Msg::Moderate,
        _ => Msg::Weak,
    });
    let p_text = if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    };
    let msg = match (p < 0.05, rho > 0.0) {
        (true, true) => Msg::RatesHigherWhereDeprived,
        (true, false) => Msg::RatesLowerWhereDeprived,
        (false, _) => Msg::NoClearLink,
    };
    w.f(
        msg,
        &[
            ("what", what),
            ("what_lower", &in_sentence(what)),
            ("plural", plural),
            ("strength", strength),
            ("rho", &format!("{rho:.2}")),
            ("p", &p_text),
            ("n", &d.areas.to_string()),
        ],
    )
}

/// Each ranked area with a rate and the deprivation figure used: (the
/// figure as the areas file gives it, made positive; rate; name), in the
/// ranking's order.
fn points(d: &Deprivation, r: &Ranking, s: &Setup) -> Vec<(f64, f64, String)> {
    let figure = |a: &Area| match d.measure {
        ImdMeasure::Score => a.imd_score,
        ImdMeasure::Rank => a.imd_rank.map(f64::from),
        ImdMeasure::Decile => a.imd_decile.map(f64::from),
    };
    r.rows
        .iter()
        .filter_map(|row| {
            let x = s.map.areas[row.index].as_ref().and_then(figure)?;
            Some((x.abs(), row.rate?.per_1000, r.name(row).to_string()))
        })
        .collect()
}

/// The scatter of rate against deprivation, more deprived to the right
/// (ranks and deciles, where 1 is the most deprived, are negated).
fn scatter(d: &Deprivation, points: &[(f64, f64, String)], w: &Words) -> Scatter {
    let x_label = w.t(match d.measure {
        ImdMeasure::Score => Msg::AxisImdScore,
        ImdMeasure::Rank => Msg::AxisImdRank,
        ImdMeasure::Decile => Msg::AxisImdDecile,
    });
    let reversed = !matches!(d.measure, ImdMeasure::Score);
    Scatter {
        x_label: x_label.to_string(),
        y_label: w.t(Msg::AxisRate).into(),
        points: points
            .iter()
            .map(|(x, y, _)| (if reversed { -x } else { *x }, *y))
            .collect(),
    }
}
