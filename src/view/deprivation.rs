//! The deprivation page as shown: rate by deprivation band, a scatter of
//! area rate against deprivation, and the correlation in words.

use crate::analysis::deprivation::ImdMeasure;
use crate::analysis::{deprivation, rank_areas, Measure};
use crate::chart::scatter::Scatter;
use crate::data::bundle::Bundle;
use crate::format::thousands;
use crate::state::ViewState;

use super::common::{level_words, setup};
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
pub fn deprivation_view(b: &Bundle, state: &ViewState) -> Result<DeprivationModel, String> {
    let s = setup(b, state)?;
    let (_, plural) = level_words(&s.level_name);
    let r = rank_areas(&b.dataset, &s.totals, &s.map, &s.selection, Measure::Rate);
    let d = deprivation(&r, &s.map)
        .ok_or_else(|| format!("This dataset has too few {plural} with both residents and a deprivation figure to compare."))?;
    let what = s.selection.label();
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
            vec![
                Cell::number(label, Some(f64::from(band.band))),
                Cell::number(band.areas.to_string(), Some(band.areas as f64)),
                Cell::number(thousands(band.population), Some(band.population as f64)),
                Cell::number(thousands(band.count), Some(band.count as f64)),
                band.rate.map_or(Cell::number("", None), |rt| {
                    Cell::number(format!("{:.1}", rt.per_1000), Some(rt.per_1000))
                }),
                band.rate.map_or(Cell::number("", None), |rt| {
                    Cell::number(format!("{:.1}–{:.1}", rt.low, rt.high), Some(rt.low))
                }),
            ]
        })
        .collect();
    let table = TableModel {
        caption: format!(
            "{what}: rate per 1,000 residents by deprivation {}, {}",
            band_word.to_ascii_lowercase(),
            s.pair.current.label()
        ),
        columns: vec![
            Column::number(&format!(
                "{band_word}{}",
                if d.national_bands {
                    " (England)"
                } else {
                    " (local)"
                }
            )),
            Column::number(&crate::view::common::capitalise(&plural)),
            Column::number("Residents"),
            Column::number("Count"),
            Column::number("Rate per 1,000"),
            Column::number("95% interval"),
        ],
        rows,
        footer: Vec::new(),
    };
    let summary = match (d.spearman, d.spearman_p) {
        (Some(rho), Some(p)) => {
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
                    what.to_ascii_lowercase(),
                    d.areas
                )
            }
        }
        _ => format!("The {plural} do not vary enough to measure a link with deprivation."),
    };
    // Scatter: x is "how deprived", plotted so that more deprived is to the right.
    let x_label = match d.measure {
        ImdMeasure::Score => "Deprivation score (higher = more deprived)",
        ImdMeasure::Rank => "Deprivation rank (1 = most deprived)",
        ImdMeasure::Decile => "Deprivation decile (1 = most deprived)",
    };
    let x_of = |a: &crate::data::Area| match d.measure {
        ImdMeasure::Score => a.imd_score,
        ImdMeasure::Rank => a.imd_rank.map(f64::from),
        ImdMeasure::Decile => a.imd_decile.map(f64::from),
    };
    let mut points = Vec::new();
    for row in &r.rows {
        let area = s.map.areas.get(row.index).and_then(|a| a.as_ref());
        if let (Some(x), Some(rate)) = (area.and_then(x_of), row.rate) {
            points.push((x.abs(), rate.per_1000, r.name(row).to_string()));
        }
    }
    let reversed = !matches!(d.measure, ImdMeasure::Score);
    let scatter = Scatter {
        x_label: x_label.to_string(),
        y_label: "Rate per 1,000 residents".into(),
        points: points
            .iter()
            .map(|(x, y, _)| (if reversed { -x } else { *x }, *y))
            .collect(),
    };
    let scatter_text = format!(
        "Scatter chart: each dot is one of {} {plural}, placed by deprivation (more deprived to the right) and by its rate of {} per 1,000 residents. {summary}",
        points.len(),
        what.to_ascii_lowercase()
    );
    let high_on_both = d
        .high_on_both
        .iter()
        .filter_map(|&i| s.map.labels.names.get(i).cloned())
        .collect();
    let names = points.iter().map(|(_, _, n)| n.clone()).collect();
    Ok(DeprivationModel {
        table,
        scatter,
        summary,
        high_on_both,
        scatter_text,
        names,
        notes: s.notes,
    })
}
