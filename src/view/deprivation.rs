//! The deprivation page as shown: rate by deprivation band, a scatter of
//! area rate against deprivation, and the correlation in words.

use crate::analysis::deprivation::ImdMeasure;
use crate::analysis::{deprivation, rank_areas, Deprivation, Measure, Ranking};
use crate::chart::scatter::Scatter;
use crate::data::explorer_data::ExplorerData;
use crate::data::Area;
use crate::format::thousands;
use crate::state::ViewState;

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
    let (_, plural) = level_words(&s.level_name);
    let r = rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, Measure::Rate);
    let d = deprivation(&r, &s.map).ok_or_else(|| {
        format!("This dataset has too few {plural} with both residents and a deprivation figure to compare.")
    })?;
    let what = s.selection.label();
    let summary = summary(&d, &what, &plural);
    let points = points(&d, &r, &s);
    let scatter_text = format!(
        "Scatter chart: each dot is one of {} {plural}, placed by deprivation (more deprived to the right) and by its rate of {} per 1,000 residents. {summary}",
        points.len(),
        in_sentence(&what)
    );
    let high_on_both = d
        .high_on_both
        .iter()
        .map(|&i| s.map.labels.names[i].clone())
        .collect();
    Ok(DeprivationModel {
        table: bands_table(&d, &s, &what, &plural),
        scatter: scatter(&d, &points),
        summary,
        high_on_both,
        scatter_text,
        names: points.into_iter().map(|(_, _, n)| n).collect(),
        notes: s.notes,
    })
}

/// The rate by deprivation band.
fn bands_table(d: &Deprivation, s: &Setup, what: &str, plural: &str) -> TableModel {
    let band_word = if d.band_count == 10 {
        "Decile"
    } else {
        "Quintile"
    };
    let rows = d
        .bands
        .iter()
        .map(|band| {
            let label = match band.band {
                1 => format!("{} (most deprived)", band.band),
                b if b == d.band_count => format!("{b} (least deprived)"),
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
    let scope = if d.national_bands {
        " (England)"
    } else {
        " (local)"
    };
    TableModel {
        caption: format!(
            "{what}: rate per 1,000 residents by deprivation {}, {}",
            band_word.to_ascii_lowercase(),
            s.pair.current.label()
        ),
        columns: vec![
            Column::number(&format!("{band_word}{scope}")),
            Column::number(&capitalise(plural)),
            Column::number("Residents"),
            Column::number("Count"),
            Column::number("Rate per 1,000"),
            Column::number("95% interval"),
        ],
        rows,
        footer: Vec::new(),
    }
}

/// The correlation in words.
fn summary(d: &Deprivation, what: &str, plural: &str) -> String {
    let (Some(rho), Some(p)) = (d.spearman, d.spearman_p) else {
        return format!("The {plural} do not vary enough to measure a link with deprivation.");
    };
    let strength = match rho.abs() {
        a if a >= 0.7 => "strong",
        a if a >= 0.4 => "moderate",
        _ => "weak",
    };
    let p_text = if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    };
    if p < 0.05 {
        let direction = if rho > 0.0 { "higher" } else { "lower" };
        format!(
            "{what} rates are {direction} in more deprived {plural}: a {strength} rank correlation (Spearman's ρ = {rho:.2}, {p_text}, {} {plural}).",
            d.areas
        )
    } else {
        format!(
            "There is no clear link between {} rates and deprivation across the {} {plural} (Spearman's ρ = {rho:.2}, {p_text}).",
            in_sentence(what),
            d.areas
        )
    }
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
fn scatter(d: &Deprivation, points: &[(f64, f64, String)]) -> Scatter {
    let x_label = match d.measure {
        ImdMeasure::Score => "Deprivation score (higher = more deprived)",
        ImdMeasure::Rank => "Deprivation rank (1 = most deprived)",
        ImdMeasure::Decile => "Deprivation decile (1 = most deprived)",
    };
    let reversed = !matches!(d.measure, ImdMeasure::Score);
    Scatter {
        x_label: x_label.to_string(),
        y_label: "Rate per 1,000 residents".into(),
        points: points
            .iter()
            .map(|(x, y, _)| (if reversed { -x } else { *x }, *y))
            .collect(),
    }
}
