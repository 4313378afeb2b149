//! The monthly trend chart: two series on one month axis, e.g. the current
//! period against the previous one, or a ward's rate against the borough's.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::Axis;
use crate::data::Month;
use crate::i18n::{words, Lang, Msg};

/// Colour of the first series' line (dark blue: 8.6:1 on white).
pub const FIRST_COLOUR: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
/// Colour of the second series' line (grey: 4.8:1 on white).
pub const SECOND_COLOUR: RGBColor = RGBColor(0x6b, 0x72, 0x80);

/// One line of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Legend label, e.g. `Oct 2024 – Sep 2025`.
    pub label: String,
    /// Month by month values; `None` for a month without data (drawn as
    /// a gap, never as 0).
    pub points: Vec<(Month, Option<f64>)>,
}

/// What the trend chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendChart {
    /// What is plotted, for the text alternative (e.g. `all crime`).
    pub what: String,
    /// The solid line; its months label the x axis.
    pub first: Series,
    /// The dashed line, aligned by position with the first.
    pub second: Series,
    /// Decimal places of the values (0 for counts, 2 for rates).
    pub decimals: usize,
    /// The language of its months and words.
    pub lang: Lang,
}

impl TrendChart {
    /// The largest value on either line.
    pub fn max_value(&self) -> f64 {
        self.first
            .points
            .iter()
            .chain(&self.second.points)
            .filter_map(|p| p.1)
            .fold(0.0, f64::max)
    }
}

/// A value as the chart and its text show it.
pub fn value_text(v: f64, decimals: usize) -> String {
    if decimals == 0 {
        crate::format::thousands(v.max(0.0).round() as u64)
    } else {
        format!("{v:.decimals$}")
    }
}

/// Draws `chart` filling `root`. The second line is dashed with square
/// markers and the first solid with dots, so colour is not the only
/// difference.
pub fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &TrendChart,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let n = chart
        .first
        .points
        .len()
        .max(chart.second.points.len())
        .max(1);
    let y_max = (chart.max_value() * 1.1).max(if chart.decimals == 0 { 1.0 } else { 0.01 });
    let narrow = root.dim_in_pixel().0 < 480;
    let mut cc = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(if narrow { 44 } else { 56 })
        .build_cartesian_2d(
            Axis::from(-0.5f64..(n as f64 - 0.5)),
            Axis::from(0f64..y_max),
        )
        .map_err(err)?;
    draw_axes(&mut cc, chart, n, narrow).map_err(err)?;
    draw_lines(&mut cc, chart, y_max).map_err(err)?;
    root.present().map_err(err)?;
    Ok(())
}

/// A trend chart's drawing area: month positions against values.
type TrendArea<'a, DB> = ChartContext<'a, DB, Cartesian2d<Axis, Axis>>;

/// The grid and the axis labels: months along the bottom (every month up
/// to 12, fewer when there are more or the chart is `narrow`), values up
/// the side.
fn draw_axes<DB: DrawingBackend>(
    cc: &mut TrendArea<DB>,
    chart: &TrendChart,
    n: usize,
    narrow: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let w = words(chart.lang);
    let labels: Vec<(u32, u32)> = chart
        .first
        .points
        .iter()
        .map(|p| (p.0.year(), p.0.month_of_year()))
        .collect();
    let step = if narrow {
        n.div_ceil(4).max(1)
    } else {
        n.div_ceil(12).max(1)
    };
    let decimals = chart.decimals;
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
            let Some(&(year, month)) = labels.get(i) else {
                return String::new();
            };
            // "Jan" when the chart is one year or less, else "Jan '25".
            let name = w.month_short(month);
            if n <= 12 {
                name.to_string()
            } else {
                format!("{name} '{:02}", year % 100)
            }
        })
        .y_label_formatter(&|y| value_text(*y, if decimals == 0 { 0 } else { decimals.min(1) }))
        .label_style((FontFamily::SansSerif, if narrow { 11 } else { 13 }))
        .draw()
}

/// Both lines, each drawn in runs of months with data: a month without
/// data is a gap. The legend is HTML beside the chart (readable,
/// zoomable text), not pixels: see [`legend`].
fn draw_lines<DB: DrawingBackend>(
    cc: &mut TrendArea<DB>,
    chart: &TrendChart,
    y_max: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (half_w, half_h) = (0.08, y_max * 0.008);
    for run in runs(&chart.second.points) {
        cc.draw_series(DashedLineSeries::new(
            run.clone(),
            6,
            4,
            SECOND_COLOUR.stroke_width(2),
        ))?;
        cc.draw_series(run.iter().map(|&(x, y)| {
            Rectangle::new(
                [(x - half_w, y - half_h), (x + half_w, y + half_h)],
                SECOND_COLOUR.filled(),
            )
        }))?;
    }
    for run in runs(&chart.first.points) {
        cc.draw_series(LineSeries::new(run.clone(), FIRST_COLOUR.stroke_width(3)))?;
        cc.draw_series(
            run.iter()
                .map(|&(x, y)| Circle::new((x, y), 4, FIRST_COLOUR.filled())),
        )?;
    }
    Ok(())
}

/// The points of a line as runs of consecutive months with data, each
/// point at its position on the month axis.
fn runs(points: &[(Month, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut open = false;
    for (i, (_, v)) in points.iter().enumerate() {
        match (v, open) {
            (Some(y), true) => {
                if let Some(run) = out.last_mut() {
                    run.push((i as f64, *y));
                }
            }
            (Some(y), false) => out.push(vec![(i as f64, *y)]),
            (None, _) => {}
        }
        open = v.is_some();
    }
    out
}

/// The legend: each line's label and how it is drawn, for the page to
/// show as text beside the chart.
pub fn legend(chart: &TrendChart) -> [(String, &'static str); 2] {
    let w = words(chart.lang);
    [
        (chart.first.label.clone(), w.t(Msg::SolidLineWithDots)),
        (chart.second.label.clone(), w.t(Msg::DashedLineWithSquares)),
    ]
}

/// A text alternative for the chart: what it shows, the first line's
/// highest and lowest months (or its one figure), and the months without
/// data.
pub fn describe(chart: &TrendChart) -> String {
    let w = words(chart.lang);
    let mut text = w.f(
        Msg::LineChartOf,
        &[
            ("what", &chart.what),
            ("first", &chart.first.label),
            ("second", &chart.second.label),
        ],
    );
    let with_data: Vec<(Month, f64)> = chart
        .first
        .points
        .iter()
        .filter_map(|&(m, v)| Some((m, v?)))
        .collect();
    let value = |v: f64| value_text(v, chart.decimals);
    let hi = with_data
        .iter()
        .fold(None::<&(Month, f64)>, |best, p| match best {
            Some(b) if b.1 >= p.1 => Some(b),
            _ => Some(p),
        });
    let lo = with_data
        .iter()
        .fold(None::<&(Month, f64)>, |best, p| match best {
            Some(b) if b.1 <= p.1 => Some(b),
            _ => Some(p),
        });
    match (hi, lo) {
        (Some(hi), Some(lo)) if with_data.len() > 1 => {
            text.push(' ');
            text.push_str(&w.f(
                Msg::HighestLowestMonth,
                &[
                    ("line", &chart.first.label),
                    ("high_month", &hi.0.label_in(w)),
                    ("high", &value(hi.1)),
                    ("low_month", &lo.0.label_in(w)),
                    ("low", &value(lo.1)),
                ],
            ));
        }
        (Some(one), _) => {
            text.push(' ');
            text.push_str(&w.f(
                Msg::OneMonthFigure,
                &[
                    ("line", &chart.first.label),
                    ("month", &one.0.label_in(w)),
                    ("value", &value(one.1)),
                ],
            ));
        }
        _ => {}
    }
    for line in [&chart.first, &chart.second] {
        let missing: Vec<Month> = line
            .points
            .iter()
            .filter(|p| p.1.is_none())
            .map(|p| p.0)
            .collect();
        if !missing.is_empty() {
            text.push(' ');
            text.push_str(&w.f(
                Msg::NoDataGap,
                &[
                    (
                        "months",
                        &crate::analysis::coverage::month_runs(&missing, w),
                    ),
                    ("line", &line.label),
                ],
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, start: &str, values: &[f64]) -> Series {
        let s: Month = start.parse().unwrap();
        Series {
            label: label.into(),
            points: values
                .iter()
                .enumerate()
                .map(|(i, &v)| (s.offset(i as i64).unwrap(), (v >= 0.0).then_some(v)))
                .collect(),
        }
    }

    #[test]
    fn draws_both_lines_to_svg() {
        let chart = TrendChart {
            what: "all crime".into(),
            first: series("2025", "2025-01", &[10.0, 20.0, 30.0]),
            second: series("2024", "2024-01", &[5.0, 15.0, 25.0]),
            decimals: 0,
            lang: Lang::En,
        };
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
            draw_trend(&root, &chart).unwrap();
        }
        assert!(svg.contains("<svg"));
        // Three dots for the first line's months, in its colour.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert!(svg.to_ascii_lowercase().contains("#1d4ed8"));
        // Both lines are drawn, the dashed one in its own colour; the
        // legend is given as text.
        assert!(svg.to_ascii_lowercase().contains("#6b7280"));
        assert_eq!(legend(&chart)[1].0, "2024");
    }

    #[test]
    fn describes_extremes_in_words() {
        let chart = TrendChart {
            what: "all crime".into(),
            first: series("Jan 2025 – Mar 2025", "2025-01", &[10.0, 1200.0, 3.0]),
            second: series("Jan 2024 – Mar 2024", "2024-01", &[5.0, 15.0, 25.0]),
            decimals: 0,
            lang: Lang::En,
        };
        let d = describe(&chart);
        assert!(d.contains("highest month was Feb 2025 (1,200)"), "{d}");
        assert!(d.contains("lowest Mar 2025 (3)"), "{d}");
        let rates = TrendChart {
            decimals: 2,
            ..chart
        };
        assert!(describe(&rates).contains("(1200.00)"));
    }

    #[test]
    fn months_without_data_are_gaps_not_zeros() {
        // −1 stands for a month without data in these fixtures.
        let chart = TrendChart {
            what: "all crime".into(),
            first: series("Aug 2017 – Jul 2018", "2017-08", &[-1.0, -1.0, 26_193.0]),
            second: series("Aug 2016 – Jul 2017", "2016-08", &[-1.0, -1.0, 22_582.0]),
            decimals: 0,
            lang: Lang::En,
        };
        let d = describe(&chart);
        assert!(
            !d.contains("lowest"),
            "one point is not highest and lowest: {d}"
        );
        assert!(d.contains("the figure for Oct 2017 was 26,193"), "{d}");
        assert!(
            d.contains("No data for Aug 2017 – Sep 2017 (Aug 2017 – Jul 2018): shown as a gap."),
            "{d}"
        );
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
            draw_trend(&root, &chart).unwrap();
        }
        assert_eq!(
            svg.matches("<circle").count(),
            1,
            "one dot: the month with data"
        );
        let gappy = runs(&series("x", "2024-01", &[1.0, -1.0, 2.0, 3.0, -1.0]).points);
        assert_eq!(gappy, vec![vec![(0.0, 1.0)], vec![(2.0, 2.0), (3.0, 3.0)]]);
    }
}
