//! Choropleth map geometry, pure: projects area boundaries to SVG path
//! data, sorts values into classes and describes the legend. The UI only
//! writes the `<svg>` elements.

use super::map_labels::{place_labels, AreaLabel, Outline, Point, Shape};
use crate::data::boundaries::Boundary;
use crate::format::decimal;

/// Fill colours of the classes, lightest (lowest) to darkest (highest): a
/// single-hue sequential scale, readable in greyscale.
pub const CLASS_COLOURS: [&str; 5] = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
/// Fill of an area with no value.
pub const NO_DATA_COLOUR: &str = "#e5e7eb";
/// The view box's width.
pub const MAP_WIDTH: f64 = 600.0;
/// The areas' names' font sizes in view-box units: on a map drawn at its
/// full width (600 units on 600–640 px) and on a phone's (about 340 px
/// wide), each at least 11 px on the screen.
pub const NAME_FONTS: [f64; 2] = [11.0, 20.0];

/// One area of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapArea {
    /// The area's code.
    pub code: String,
    /// SVG path data (`M… L… Z`), in view-box units.
    pub path: String,
    /// Its value's class (0 = lowest), `None` when it has no value.
    pub class: Option<usize>,
    /// Where its name goes when it is pointed at or focused: its most
    /// interior point.
    pub anchor: Point,
    /// Its name placed at each of [`NAME_FONTS`], where it fits.
    pub names: [Option<AreaLabel>; 2],
}

/// One legend entry: the class's colour and its value range.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Fill colour.
    pub colour: &'static str,
    /// Lowest value in the class.
    pub low: f64,
    /// Highest value in the class.
    pub high: f64,
}

impl LegendItem {
    /// The class's range in words: `45.2 to 60.1`, or one value when the
    /// class holds one.
    pub fn range_text(&self, decimals: usize) -> String {
        let (low, high) = (decimal(self.low, decimals), decimal(self.high, decimals));
        if low == high {
            low
        } else {
            format!("{low} to {high}")
        }
    }
}

/// A whole map ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct MapGeometry {
    /// View-box width.
    pub width: f64,
    /// View-box height.
    pub height: f64,
    /// The areas, in the boundaries' order.
    pub areas: Vec<MapArea>,
    /// The legend, lowest class first.
    pub legend: Vec<LegendItem>,
}

/// The positions of `values`, smallest value first (ties in their order).
/// The map's one sort: each sort with its own comparison is another copy
/// of std's sort in the wasm (ARCHITECTURE.md, "Size rules").
pub fn ascending(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    order
}

/// Splits the values into at most `classes` groups of (nearly) equal size by
/// rank (quantiles): returns each value's class and every class's range.
/// Equal values always share a class.
pub fn quantile_classes(values: &[f64], classes: usize) -> (Vec<usize>, Vec<(f64, f64)>) {
    let n = values.len();
    if n == 0 || classes == 0 {
        return (vec![0; n], Vec::new());
    }
    let order = ascending(values);
    let k = classes.min(n);
    let mut class_of = vec![0usize; n];
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    let mut class = 0;
    let mut i = 0;
    while i < n {
        // The class of position i by rank; ties join the class of their first.
        let target = (i * k / n).max(class);
        if target != class || ranges.is_empty() {
            class = target;
            ranges.push((values[order[i]], values[order[i]]));
        }
        let v = values[order[i]];
        let mut j = i;
        while j < n && values[order[j]] == v {
            class_of[order[j]] = ranges.len() - 1;
            j += 1;
        }
        if let Some(last) = ranges.last_mut() {
            last.1 = v;
        }
        i = j;
    }
    (class_of, ranges)
}

/// Projects `boundaries` into a view box `width` units wide (equirectangular,
/// scaled by the cosine of the mean latitude, north up), classes each
/// area by `value(code)` and places each area's `name(code)` where it fits.
pub fn build_map(
    boundaries: &[Boundary],
    width: f64,
    value: impl Fn(&str) -> Option<f64>,
    name: impl Fn(&str) -> String,
) -> MapGeometry {
    let Some(projection) = Projection::fit(boundaries, width) else {
        return MapGeometry {
            width,
            height: 0.0,
            areas: Vec::new(),
            legend: Vec::new(),
        };
    };
    let (classes, ranges) = classes(boundaries, value);
    // With fewer classes than colours, spread them over the scale.
    let colour_index = |c: usize| {
        if ranges.len() <= 1 {
            CLASS_COLOURS.len() / 2
        } else {
            c * (CLASS_COLOURS.len() - 1) / (ranges.len() - 1)
        }
    };
    let (paths, outlines): (Vec<String>, Vec<Outline>) =
        boundaries.iter().map(|b| projection.outline(b)).unzip();
    let shapes: Vec<Shape> = outlines.into_iter().map(Shape::new).collect();
    let names: Vec<String> = boundaries.iter().map(|b| name(b.code.as_str())).collect();
    let [mut wide, mut narrow] = NAME_FONTS.map(|font| place_labels(&shapes, &names, font));
    let areas = boundaries
        .iter()
        .zip(paths)
        .enumerate()
        .map(|(i, (b, path))| MapArea {
            code: b.code.as_str().to_string(),
            path,
            class: classes[i].map(colour_index),
            anchor: shapes[i].anchor(),
            names: [wide[i].take(), narrow[i].take()],
        })
        .collect();
    let legend = ranges
        .iter()
        .enumerate()
        .map(|(c, &(low, high))| LegendItem {
            colour: CLASS_COLOURS[colour_index(c)],
            low,
            high,
        })
        .collect();
    MapGeometry {
        width,
        height: projection.height,
        areas,
        legend,
    }
}

/// Each boundary's class (`None` without a finite value) and each class's
/// range, by quantiles of the values.
fn classes(
    boundaries: &[Boundary],
    value: impl Fn(&str) -> Option<f64>,
) -> (Vec<Option<usize>>, Vec<(f64, f64)>) {
    let values: Vec<(usize, f64)> = boundaries
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            value(b.code.as_str())
                .filter(|v| v.is_finite())
                .map(|v| (i, v))
        })
        .collect();
    let plain: Vec<f64> = values.iter().map(|&(_, v)| v).collect();
    let (class_of, ranges) = quantile_classes(&plain, CLASS_COLOURS.len());
    let mut classes: Vec<Option<usize>> = vec![None; boundaries.len()];
    for (&(i, _), &c) in values.iter().zip(&class_of) {
        classes[i] = Some(c);
    }
    (classes, ranges)
}

/// Longitude and latitude to view-box units: equirectangular, scaled by
/// the cosine of the mean latitude, north up, with a 1% margin.
struct Projection {
    min_x: f64,
    max_y: f64,
    /// The cosine of the mean latitude.
    k: f64,
    scale: f64,
    pad: f64,
    /// The view box's height.
    height: f64,
}

impl Projection {
    /// The projection that fits every point of `boundaries` into `width`;
    /// `None` when they have no points.
    fn fit(boundaries: &[Boundary], width: f64) -> Option<Projection> {
        let points = boundaries
            .iter()
            .flat_map(|b| b.polygons.iter().flatten().flatten());
        let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in points {
            min_x = min_x.min(p[0]);
            max_x = max_x.max(p[0]);
            min_y = min_y.min(p[1]);
            max_y = max_y.max(p[1]);
        }
        if min_x > max_x {
            return None;
        }
        let k = ((min_y + max_y) / 2.0).to_radians().cos().max(0.01);
        let span_x = ((max_x - min_x) * k).max(1e-12);
        let span_y = (max_y - min_y).max(1e-12);
        let pad = width * 0.01;
        let scale = (width - 2.0 * pad) / span_x;
        Some(Projection {
            min_x,
            max_y,
            k,
            scale,
            pad,
            height: span_y * scale + 2.0 * pad,
        })
    }

    fn project(&self, p: &[f64; 2]) -> (f64, f64) {
        (
            self.pad + (p[0] - self.min_x) * self.k * self.scale,
            self.pad + (self.max_y - p[1]) * self.scale,
        )
    }

    /// An area's SVG path data (`M… L… Z` per ring) and its rings in
    /// view-box units.
    fn outline(&self, b: &Boundary) -> (String, Outline) {
        let mut path = String::new();
        let mut outline = Outline::new();
        for ring in b.polygons.iter().flatten() {
            let points: Vec<Point> = ring.iter().map(|p| self.project(p)).collect();
            for (j, (x, y)) in points.iter().enumerate() {
                path.push_str(&format!(
                    "{}{:.1},{:.1}",
                    if j == 0 { 'M' } else { 'L' },
                    x,
                    y
                ));
            }
            path.push('Z');
            outline.push(points);
        }
        (path, outline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::AreaCode;

    fn square(code: &str, x: f64, y: f64) -> Boundary {
        let ring = vec![
            [x, y],
            [x + 1.0, y],
            [x + 1.0, y + 1.0],
            [x, y + 1.0],
            [x, y],
        ];
        Boundary {
            code: AreaCode::from(code),
            name: None,
            polygons: vec![vec![ring]],
        }
    }

    #[test]
    fn quantiles_by_hand_with_ties_kept_together() {
        let (c, r) = quantile_classes(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 5);
        assert_eq!(c, vec![0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        assert_eq!(
            r,
            vec![(1.0, 2.0), (3.0, 4.0), (5.0, 6.0), (7.0, 8.0), (9.0, 10.0)]
        );
        // Four equal values cannot be split across classes.
        let (c, r) = quantile_classes(&[5.0, 5.0, 5.0, 5.0, 9.0], 5);
        assert_eq!(c, vec![0, 0, 0, 0, 1]);
        assert_eq!(r.len(), 2);
        assert_eq!(quantile_classes(&[], 5).0, Vec::<usize>::new());
    }

    #[test]
    fn projects_north_up_and_classes_values() {
        // Two unit squares near the equator side by side. By hand: padding
        // 1% of 202 = 2.02 each side; x span 2·cos(0.5°) ≈ 1.99992, so the
        // scale is 197.96 / 1.99992 ≈ 98.984 and the height ≈ 98.984 + 4.04.
        let b = [square("A", 0.0, 0.0), square("B", 1.0, 0.0)];
        let m = build_map(
            &b,
            202.0,
            |code| (code == "B").then_some(3.0),
            |code| code.to_string(),
        );
        assert!((m.height - 103.024).abs() < 0.01, "height {}", m.height);
        // A's south-west corner (0, 0) is at the bottom left: (2.02, 2.02 + 98.98).
        assert!(
            m.areas[0].path.starts_with("M2.0,101.0L101.0,101.0"),
            "{}",
            m.areas[0].path
        );
        assert!(m.areas[0].path.ends_with('Z'));
        assert_eq!(m.areas[0].class, None, "no value, no class");
        assert!(m.areas[1].class.is_some());
        assert_eq!(m.legend.len(), 1);
        assert_eq!((m.legend[0].low, m.legend[0].high), (3.0, 3.0));
        assert_eq!(m.legend[0].range_text(1), "3.0");
        let item = LegendItem {
            colour: CLASS_COLOURS[0],
            low: 4.25,
            high: 60.0,
        };
        assert_eq!(item.range_text(0), "4 to 60");
    }
}
