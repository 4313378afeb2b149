//! A scatter chart of area rate against deprivation, generic over
//! plotters' `DrawingBackend`.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use super::trend::FIRST_COLOUR;

/// What the scatter shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    /// Label of the x axis.
    pub x_label: String,
    /// Label of the y axis.
    pub y_label: String,
    /// Points (x, y).
    pub points: Vec<(f64, f64)>,
}

/// Draws the scatter filling `root`.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Scatter,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let (x_lo, x_hi) = s.points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let y_hi = s.points.iter().fold(0.0f64, |hi, p| hi.max(p.1));
    let (x_lo, x_hi) = if x_lo > x_hi {
        (0.0, 1.0)
    } else {
        (x_lo, x_hi)
    };
    let pad = ((x_hi - x_lo) * 0.05).max(0.5);
    let (width, _) = root.dim_in_pixel();
    let font = if width < 480 { 11 } else { 13 };
    let mut cc = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(
            Axis::from((x_lo - pad)..(x_hi + pad)),
            Axis::from(0f64..(y_hi * 1.1).max(1.0)),
        )
        .map_err(err)?;
    cc.configure_mesh()
        .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
        .max_light_lines(0)
        .x_labels(6)
        .y_labels(6)
        .x_desc(s.x_label.as_str())
        .y_desc(s.y_label.as_str())
        // Ranks and deciles are plotted negated (more deprived to the right):
        // label them by size.
        .x_label_formatter(&|x| crate::format::thousands(x.abs().round() as u64))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .label_style((FontFamily::SansSerif, font))
        .axis_desc_style((FontFamily::SansSerif, font))
        .draw()
        .map_err(err)?;
    cc.draw_series(
        s.points
            .iter()
            .map(|&(x, y)| Circle::new((x, y), 5, FIRST_COLOUR.filled())),
    )
    .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_one_dot_per_point() {
        let s = Scatter {
            x_label: "rank".into(),
            y_label: "rate".into(),
            points: vec![(1.0, 2.0), (3.0, 4.0), (5.0, 1.0)],
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (500, 300)).into_drawing_area();
            draw_scatter(&root, &s).unwrap();
        }
        assert_eq!(svg.matches("<circle").count(), 3);
    }
}
