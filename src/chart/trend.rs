//! The monthly trend chart: the current period against the previous one,
//! month by month, on one axis.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::trend::MonthCount;

/// Colour of the current period's line (dark blue: 8.6:1 on white).
pub const CURRENT_COLOUR: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
/// Colour of the previous period's line (grey: 4.8:1 on white).
pub const PREVIOUS_COLOUR: RGBColor = RGBColor(0x6b, 0x72, 0x80);

/// What the trend chart shows: two aligned monthly series.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendChart {
    /// Label of the current series, e.g. `Oct 2024 – Sep 2025`.
    pub current_label: String,
    /// Label of the previous series.
    pub previous_label: String,
    /// The current period, month by month.
    pub current: Vec<MonthCount>,
    /// The previous period, month by month (same length or shorter).
    pub previous: Vec<MonthCount>,
}

impl TrendChart {
    /// The largest count on either line.
    pub fn max_count(&self) -> u64 {
        self.current
            .iter()
            .chain(&self.previous)
            .map(|p| p.count)
            .max()
            .unwrap_or(0)
    }
}

/// Draws `chart` filling `root`. The x axis is the position in the period,
/// labelled with the current period's month names; the previous line is
/// dashed with square markers and the current one solid with dots, so
/// colour is not the only difference.
pub fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TrendChart,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = chart.current.len().max(chart.previous.len()).max(1);
    let y_max = (chart.max_count() as f64 * 1.1).max(1.0);
    let (width, _) = root.dim_in_pixel();
    let font = if width < 480 { 11 } else { 13 };
    let mut cc = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(if width < 480 { 44 } else { 56 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max)
        .map_err(err)?;
    let labels: Vec<String> = chart.current.iter().map(|p| p.month.label()).collect();
    let step = if width < 480 { 3 } else { 1 };
    cc.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
        .max_light_lines(0)
        .y_labels(6)
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            let i = i as usize;
            if !i.is_multiple_of(step) {
                return String::new();
            }
            labels
                .get(i)
                .map(|l| l.chars().take(3).collect())
                .unwrap_or_default()
        })
        .y_label_formatter(&|y| crate::format::thousands(y.max(0.0).round() as u64))
        .label_style(("sans-serif", font))
        .draw()
        .map_err(err)?;

    let prev: Vec<(f64, f64)> = chart
        .previous
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.count as f64))
        .collect();
    let cur: Vec<(f64, f64)> = chart
        .current
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.count as f64))
        .collect();
    let prev_style = PREVIOUS_COLOUR.stroke_width(2);
    cc.draw_series(DashedLineSeries::new(prev.clone(), 6, 4, prev_style))
        .map_err(err)?
        .label(format!("{} (previous)", chart.previous_label))
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 16, y)], PREVIOUS_COLOUR.stroke_width(2))
        });
    cc.draw_series(prev.iter().map(|&(x, y)| {
        Rectangle::new(
            [(x - 0.08, y - y_max * 0.008), (x + 0.08, y + y_max * 0.008)],
            PREVIOUS_COLOUR.filled(),
        )
    }))
    .map_err(err)?;
    cc.draw_series(LineSeries::new(cur.clone(), CURRENT_COLOUR.stroke_width(3)))
        .map_err(err)?
        .label(format!("{} (current)", chart.current_label))
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 16, y)], CURRENT_COLOUR.stroke_width(3))
        });
    cc.draw_series(
        cur.iter()
            .map(|&(x, y)| Circle::new((x, y), 4, CURRENT_COLOUR.filled())),
    )
    .map_err(err)?;
    cc.configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(0xd1, 0xd5, 0xdb))
        .label_font(("sans-serif", font))
        .draw()
        .map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

/// A text alternative for the chart: what it shows and its extremes.
pub fn describe(chart: &TrendChart, what: &str) -> String {
    let mut text = format!(
        "Line chart of {what} by month: {} (solid line) against {} (dashed line).",
        chart.current_label, chart.previous_label
    );
    let hi = chart
        .current
        .iter()
        .max_by_key(|p| (p.count, std::cmp::Reverse(p.month)));
    let lo = chart.current.iter().min_by_key(|p| (p.count, p.month));
    if let (Some(hi), Some(lo)) = (hi, lo) {
        text.push_str(&format!(
            " In the current period the highest month was {} ({}) and the lowest {} ({}).",
            hi.month.label(),
            crate::format::thousands(hi.count),
            lo.month.label(),
            crate::format::thousands(lo.count)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Month;

    fn series(start: &str, counts: &[u64]) -> Vec<MonthCount> {
        let s: Month = start.parse().unwrap();
        counts
            .iter()
            .enumerate()
            .map(|(i, &c)| MonthCount {
                month: s.offset(i as i64).unwrap(),
                count: c,
            })
            .collect()
    }

    #[test]
    fn draws_both_lines_to_svg() {
        let chart = TrendChart {
            current_label: "2025".into(),
            previous_label: "2024".into(),
            current: series("2025-01", &[10, 20, 30]),
            previous: series("2024-01", &[5, 15, 25]),
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
            draw_trend(&root, &chart).unwrap();
        }
        assert!(svg.contains("<svg"));
        // Three dots for the current months, in the current colour.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert!(svg.contains("#1D4ED8") || svg.contains("#1d4ed8"));
        assert!(svg.contains("2025 (current)"));
    }

    #[test]
    fn describes_extremes_in_words() {
        let chart = TrendChart {
            current_label: "Jan 2025 – Mar 2025".into(),
            previous_label: "Jan 2024 – Mar 2024".into(),
            current: series("2025-01", &[10, 1200, 3]),
            previous: series("2024-01", &[5, 15, 25]),
        };
        let d = describe(&chart, "all crime");
        assert!(d.contains("highest month was Feb 2025 (1,200)"), "{d}");
        assert!(d.contains("lowest Mar 2025 (3)"), "{d}");
    }
}
