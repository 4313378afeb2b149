//! Where the areas' names go on a map: inside their own area where they
//! fit, never over another name, the largest areas first, each as near
//! its area's middle as it fits. Pure: the UI
//! writes the `<text>` elements, and names an area whose name does not fit
//! when it is pointed at or focused, at its anchor.

use super::map::ascending;

/// A point in view-box units.
pub type Point = (f64, f64);

/// An area's outline in view-box units: every ring of every polygon. A
/// point is inside when it is inside an odd number of rings (so holes and
/// islands need no special case).
pub type Outline = Vec<Vec<Point>>;

/// The line height, as a multiple of the font size.
pub const LINE_HEIGHT: f64 = 1.15;

/// Room kept between two names, in view-box units.
const GAP: f64 = 2.0;

/// Candidate points per side of an area's bounding box (odd, so that the
/// box's centre is one of them).
const GRID: usize = 13;

/// A name placed on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaLabel {
    /// One line, or two when the name is split at a space to fit.
    pub lines: Vec<String>,
    /// The centre of the label's box.
    pub at: Point,
}

/// The width of `text` in a sans-serif face at `font` units, estimated on
/// the generous side from the letters' shapes (narrow, wide, capitals,
/// others). Browser tests check the estimate against the real font: no
/// placed name leaves its area.
pub fn text_width(text: &str, font: f64) -> f64 {
    let ems: f64 =
        text.chars()
            .map(|c| match c {
                'i' | 'j' | 'l' | 'I' | 'f' | 't' | 'r' | ' ' | '\'' | '.' | ',' | '-' | '('
                | ')' => 0.36,
                'm' | 'w' | 'M' | 'W' => 0.92,
                c if c.is_ascii_uppercase() => 0.74,
                _ => 0.62,
            })
            .sum();
    ems * font
}

/// An axis-aligned box.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    fn around((x, y): Point, width: f64, height: f64) -> Rect {
        Rect {
            left: x - width / 2.0,
            top: y - height / 2.0,
            right: x + width / 2.0,
            bottom: y + height / 2.0,
        }
    }

    /// Whether the two boxes come closer than `gap`.
    fn near(&self, other: &Rect, gap: f64) -> bool {
        self.left < other.right + gap
            && other.left < self.right + gap
            && self.top < other.bottom + gap
            && other.top < self.bottom + gap
    }

    fn contains(&self, (x, y): Point) -> bool {
        x > self.left && x < self.right && y > self.top && y < self.bottom
    }

    /// Points along the box's edges: corners, and four more per side.
    fn edge_points(&self) -> impl Iterator<Item = Point> + '_ {
        (0..=4).flat_map(move |k| {
            let t = f64::from(k) / 4.0;
            let x = self.left + t * (self.right - self.left);
            let y = self.top + t * (self.bottom - self.top);
            [
                (x, self.top),
                (x, self.bottom),
                (self.left, y),
                (self.right, y),
            ]
        })
    }
}

/// Whether `p` is inside `outline` (even-odd over all its rings).
pub fn inside(outline: &Outline, (x, y): Point) -> bool {
    let mut odd = false;
    for ring in outline {
        for (a, b) in ring.iter().zip(ring.iter().cycle().skip(1)) {
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1) {
                odd = !odd;
            }
        }
    }
    odd
}

fn bounds(outline: &Outline) -> Option<Rect> {
    let mut points = outline.iter().flatten();
    let first = *points.next()?;
    let mut r = Rect {
        left: first.0,
        top: first.1,
        right: first.0,
        bottom: first.1,
    };
    for &(x, y) in points {
        r.left = r.left.min(x);
        r.right = r.right.max(x);
        r.top = r.top.min(y);
        r.bottom = r.bottom.max(y);
    }
    Some(r)
}

/// An area's outline and the points where its name could go.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// The outline.
    pub outline: Outline,
    /// Its bounding box (`None` when it has no points).
    bounds: Option<Rect>,
    /// Points on a grid over the bounding box, the nearest its middle
    /// first: where a name reads as the area's (whether each is inside the
    /// outline is found when it is tried).
    candidates: Vec<Point>,
}

impl Shape {
    /// The shape of `outline`, its candidate points in order.
    pub fn new(outline: Outline) -> Shape {
        let bounds = bounds(&outline);
        let candidates = bounds.map_or_else(Vec::new, |b| {
            let step = |lo: f64, hi: f64, k: usize| lo + (hi - lo) * (k as f64 + 0.5) / GRID as f64;
            let middle = ((b.left + b.right) / 2.0, (b.top + b.bottom) / 2.0);
            let points: Vec<Point> = (0..GRID)
                .flat_map(|i| (0..GRID).map(move |j| (i, j)))
                .map(|(i, j)| (step(b.left, b.right, i), step(b.top, b.bottom, j)))
                .collect();
            let distances: Vec<f64> = points
                .iter()
                .map(|p| (p.0 - middle.0).hypot(p.1 - middle.1))
                .collect();
            ascending(&distances)
                .into_iter()
                .map(|i| points[i])
                .collect()
        });
        Shape {
            outline,
            bounds,
            candidates,
        }
    }

    /// Where to name the area when it is pointed at: the grid point inside
    /// it nearest its middle, or the middle when none is inside.
    pub fn anchor(&self) -> Point {
        let inner = self.candidates.iter().find(|&&p| inside(&self.outline, p));
        inner
            .or(self.candidates.first())
            .copied()
            .unwrap_or((0.0, 0.0))
    }

    /// Where a box `width` × `height` fits inside the area clear of every
    /// box `taken`: the first candidate, or `None`.
    fn room_for(&self, width: f64, height: f64, taken: &[Rect]) -> Option<(Point, Rect)> {
        let b = self.bounds?;
        // Cheap tests first: the box within the bounding box, clear of
        // other names; then the outline's own.
        self.candidates.iter().find_map(|&at| {
            let r = Rect::around(at, width, height);
            let within =
                r.left > b.left && r.right < b.right && r.top > b.top && r.bottom < b.bottom;
            let free = within && !taken.iter().any(|t| t.near(&r, GAP));
            (free && fits(&self.outline, &r)).then_some((at, r))
        })
    }
}

/// The ways to write `name`: on one line, then on two, split at the space
/// that makes the wider line narrowest.
fn layouts(name: &str) -> Vec<Vec<String>> {
    let mut ways = vec![vec![name.to_string()]];
    let wider = |i: usize| text_width(&name[..i], 1.0).max(text_width(&name[i + 1..], 1.0));
    let split = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by(|&a, &b| wider(a).total_cmp(&wider(b)));
    if let Some(i) = split {
        ways.push(vec![name[..i].to_string(), name[i + 1..].to_string()]);
    }
    ways
}

/// Whether a box lies inside `outline`: its edges inside, and no corner of
/// the outline poking into it.
fn fits(outline: &Outline, r: &Rect) -> bool {
    r.edge_points().all(|p| inside(outline, p)) && !outline.iter().flatten().any(|&p| r.contains(p))
}

/// Twice the area enclosed by `outline`'s rings (for ordering only).
fn size(outline: &Outline) -> f64 {
    outline
        .iter()
        .map(|ring| {
            ring.iter()
                .zip(ring.iter().cycle().skip(1))
                .map(|(a, b)| a.0 * b.1 - b.0 * a.1)
                .sum::<f64>()
                .abs()
        })
        .sum()
}

/// Places `names[i]` inside `shapes[i]` at `font` units where it fits,
/// the largest areas first, no two names closer than a small gap; `None`
/// where a name fits nowhere.
pub fn place_labels(shapes: &[Shape], names: &[String], font: f64) -> Vec<Option<AreaLabel>> {
    let count = shapes.len().min(names.len());
    let negative_sizes: Vec<f64> = shapes[..count].iter().map(|s| -size(&s.outline)).collect();
    let mut taken: Vec<Rect> = Vec::new();
    let mut placed = vec![None; shapes.len()];
    for i in ascending(&negative_sizes) {
        let found = layouts(&names[i]).into_iter().find_map(|lines| {
            let width = lines
                .iter()
                .map(|l| text_width(l, font))
                .fold(0.0, f64::max);
            let height = font * LINE_HEIGHT * lines.len() as f64;
            let (at, r) = shapes[i].room_for(width, height, &taken)?;
            Some((r, AreaLabel { lines, at }))
        });
        if let Some((r, label)) = found {
            taken.push(r);
            placed[i] = Some(label);
        }
    }
    placed
}

/// A name as SVG markup centred on `at`: a `<text>` with a `<tspan>` per
/// line, and presentation attributes (not only CSS) so that a saved
/// picture of the map draws it as the page does.
pub fn name_svg(lines: &[String], at: Point, font: f64, class: &str, code: &str) -> String {
    let x = format!("{:.1}", at.0);
    // The narrow set is hidden unless the page's CSS shows it.
    let hidden = if class.contains("narrow") {
        r#" display="none""#
    } else {
        ""
    };
    let mut svg = format!(
        r##"<text class="{class}" data-code="{}" x="{x}" y="{:.1}" font-size="{font}"{hidden} text-anchor="middle" fill="#111827" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"##,
        escape(code),
        at.1
    );
    // The first baseline: up half the block, then down to a line's middle.
    let first = 0.35 - (lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0;
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { first } else { LINE_HEIGHT };
        svg.push_str(&format!(
            r#"<tspan x="{x}" dy="{dy:.3}em">{}</tspan>"#,
            escape(line)
        ));
    }
    svg.push_str("</text>");
    svg
}

/// `text` safe inside SVG markup, in an element or a quoted attribute.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rectangle(left: f64, top: f64, width: f64, height: f64) -> Outline {
        vec![vec![
            (left, top),
            (left + width, top),
            (left + width, top + height),
            (left, top + height),
        ]]
    }

    #[test]
    fn names_as_svg_markup() {
        let lines = ["Town & Country".to_string(), "<North>".to_string()];
        let svg = name_svg(&lines, (10.0, 20.0), 11.0, "name narrow", "E05\"1");
        assert!(
            svg.starts_with(
                r#"<text class="name narrow" data-code="E05&quot;1" x="10.0" y="20.0" font-size="11" display="none""#
            ),
            "{svg}"
        );
        // Two lines: the first baseline 0.35 − 1.15 / 2 = −0.225 em up.
        assert!(
            svg.contains(r#"<tspan x="10.0" dy="-0.225em">Town &amp; Country</tspan>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"<tspan x="10.0" dy="1.150em">&lt;North&gt;</tspan></text>"#),
            "{svg}"
        );
        assert!(!name_svg(&lines, (0.0, 0.0), 11.0, "name wide", "E05").contains("display"));
    }

    #[test]
    fn even_odd_inside_with_a_hole() {
        let mut o = rectangle(0.0, 0.0, 10.0, 10.0);
        o.extend(rectangle(4.0, 4.0, 2.0, 2.0));
        assert!(inside(&o, (1.0, 1.0)));
        assert!(!inside(&o, (5.0, 5.0)), "in the hole");
        assert!(!inside(&o, (11.0, 5.0)));
    }

    #[test]
    fn widths_by_hand() {
        // "Ab i": 0.74 + 0.62 + 0.36 + 0.36 = 2.08 em.
        assert!((text_width("Ab i", 10.0) - 20.8).abs() < 1e-9);
    }

    #[test]
    fn a_name_goes_where_it_fits_or_nowhere() {
        let names = ["Big".to_string(), "Tiny".to_string()];
        let shapes = [
            rectangle(0.0, 0.0, 100.0, 40.0),
            rectangle(200.0, 0.0, 5.0, 5.0),
        ]
        .map(Shape::new);
        let placed = place_labels(&shapes, &names, 10.0);
        let big = placed[0].as_ref().expect("fits the large area");
        assert_eq!(big.lines, vec!["Big"]);
        // The most interior grid point of a 100 × 40 box is near its centre.
        assert!(
            (big.at.0 - 50.0).abs() < 5.0 && (big.at.1 - 20.0).abs() < 2.0,
            "{:?}",
            big.at
        );
        assert_eq!(placed[1], None, "a 5 × 5 area cannot hold a 10-unit name");
    }

    #[test]
    fn a_long_name_splits_at_the_middle_space_when_one_line_is_too_wide() {
        // "North West Town" at 10 units: one line 8.84 em = 88 wide, too
        // wide for 60; "North" | "West Town" leaves 61.8; "North West" |
        // "Town" 55.8, which fits.
        let names = ["North West Town".to_string()];
        let placed = place_labels(&[Shape::new(rectangle(0.0, 0.0, 60.0, 60.0))], &names, 10.0);
        let label = placed[0].as_ref().expect("fits on two lines");
        assert_eq!(label.lines, vec!["North West", "Town"]);
    }

    #[test]
    fn two_names_never_meet() {
        // Two areas side by side, each just wide enough: both names fit,
        // and their boxes keep the gap.
        let names = ["Aaaa".to_string(), "Bbbb".to_string()];
        let shapes = [
            rectangle(0.0, 0.0, 40.0, 20.0),
            rectangle(40.0, 0.0, 40.0, 20.0),
        ]
        .map(Shape::new);
        let placed = place_labels(&shapes, &names, 8.0);
        let (a, b) = (placed[0].as_ref().unwrap(), placed[1].as_ref().unwrap());
        let w = |l: &AreaLabel| text_width(&l.lines[0], 8.0);
        assert!(a.at.0 + w(a) / 2.0 + GAP <= b.at.0 - w(b) / 2.0 + 1e-9);
    }

    #[test]
    fn a_concave_area_keeps_its_name_off_the_notch() {
        // A U shape with arms too narrow for the name: the bounding box's
        // centre is in the notch, outside.
        let u = vec![vec![
            (0.0, 0.0),
            (20.0, 0.0),
            (20.0, 100.0),
            (80.0, 100.0),
            (80.0, 0.0),
            (100.0, 0.0),
            (100.0, 130.0),
            (0.0, 130.0),
        ]];
        assert!(!inside(&u, (50.0, 65.0)));
        let shape = Shape::new(u.clone());
        let a = shape.anchor();
        assert!(inside(&u, a), "{a:?}");
        let placed = place_labels(&[shape], &["Vale".to_string()], 10.0);
        let at = placed[0].as_ref().expect("fits in the base").at;
        assert!(at.1 > 100.0, "in the U's base, not the notch: {at:?}");
    }
}
