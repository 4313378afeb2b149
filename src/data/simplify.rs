//! Simplifying boundary rings for the map: Douglas–Peucker to a tolerance
//! in the coordinates' own units (degrees for GeoJSON), then rounding to a
//! fixed number of decimals, keeping every ring valid.
//!
//! A ring is closed (first point = last point). It is simplified as the
//! two halves either side of its point farthest from the first point, so
//! that the closing point is kept; a point is dropped when it lies within
//! `tolerance` of the chord between the points kept either side. After
//! rounding, repeated consecutive points are removed. A ring left with
//! fewer than 4 points (3 distinct + the closing one) or no area falls back to the
//! rounded original; an inner ring (hole) that still has fewer than 4 is
//! dropped, and a polygon whose outer ring does is dropped. Each ring is
//! simplified on its own, so neighbouring areas' shared edges may part by
//! up to the tolerance.

use super::boundaries::{Polygon, Ring};

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - x).powi(2) + (p[1] - y).powi(2)).sqrt()
}

/// Marks the points of `line` that Douglas–Peucker keeps (iteratively, so a
/// long line cannot overflow the stack). Both ends are kept.
fn douglas_peucker(line: &[[f64; 2]], tolerance: f64, keep: &mut [bool]) {
    let n = line.len();
    if n == 0 {
        return;
    }
    if let Some(k) = keep.first_mut() {
        *k = true;
    }
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    while let Some((first, last)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
        let (a, b) = (line[first], line[last]);
        let mut far = (first, 0.0);
        for (i, &p) in line.iter().enumerate().take(last).skip(first + 1) {
            let d = segment_distance(p, a, b);
            if d > far.1 {
                far = (i, d);
            }
        }
        if far.1 > tolerance {
            keep[far.0] = true;
            stack.push((first, far.0));
            stack.push((far.0, last));
        }
    }
}

/// Rounds to `decimals` places and removes repeated consecutive points.
fn round_ring(ring: &[[f64; 2]], decimals: i32) -> Ring {
    let scale = 10f64.powi(decimals);
    let mut out: Ring = Vec::with_capacity(ring.len());
    for p in ring {
        let q = [
            (p[0] * scale).round() / scale,
            (p[1] * scale).round() / scale,
        ];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    out
}

/// Closes a ring (appends its first point when the last differs).
fn close(mut ring: Ring) -> Ring {
    if let (Some(&first), Some(&last)) = (ring.first(), ring.last()) {
        if first != last {
            ring.push(first);
        }
    }
    ring
}

/// Twice the signed area of a ring (shoelace formula).
fn twice_area(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|w| match w {
            [a, b] => a[0] * b[1] - b[0] * a[1],
            _ => 0.0,
        })
        .sum()
}

/// True when a ring is closed, has at least 4 points and encloses some area.
pub fn is_valid_ring(ring: &[[f64; 2]]) -> bool {
    ring.len() >= 4 && ring.first() == ring.last() && twice_area(ring) != 0.0
}

/// Simplifies one closed ring; `None` when even the rounded original is
/// not a valid ring.
pub fn simplify_ring(ring: &[[f64; 2]], tolerance: f64, decimals: i32) -> Option<Ring> {
    let ring = close(ring.to_vec());
    let first = *ring.first()?;
    // Split at the point farthest from the first, so both halves are
    // simplified as open lines with fixed ends.
    let split = ring
        .iter()
        .enumerate()
        .max_by(|(_, p), (_, q)| {
            let d = |r: &[f64; 2]| (r[0] - first[0]).powi(2) + (r[1] - first[1]).powi(2);
            d(p).total_cmp(&d(q))
        })
        .map_or(0, |(i, _)| i);
    let mut keep = vec![false; ring.len()];
    if let (Some(head), Some(tail)) = (ring.get(..=split), ring.get(split..)) {
        douglas_peucker(head, tolerance, &mut keep[..=split]);
        douglas_peucker(tail, tolerance, &mut keep[split..]);
    }
    let kept: Ring = ring
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(p, _)| *p)
        .collect();
    let simple = close(round_ring(&kept, decimals));
    if is_valid_ring(&simple) {
        return Some(simple);
    }
    let rounded = close(round_ring(&ring, decimals));
    is_valid_ring(&rounded).then_some(rounded)
}

/// Simplifies a polygon: its outer ring (the polygon is dropped when that
/// is not valid) and its holes (invalid ones dropped).
pub fn simplify_polygon(polygon: &Polygon, tolerance: f64, decimals: i32) -> Option<Polygon> {
    let (outer, holes) = polygon.split_first()?;
    let mut out = vec![simplify_ring(outer, tolerance, decimals)?];
    out.extend(
        holes
            .iter()
            .filter_map(|h| simplify_ring(h, tolerance, decimals)),
    );
    Some(out)
}

/// Points in a set of polygons.
pub fn point_count(polygons: &[Polygon]) -> usize {
    polygons.iter().flatten().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_points_within_the_tolerance_and_keeps_corners() {
        // A unit square with a point nudged 0.00004 off the bottom edge and
        // one 0.5 off it: the first goes at tolerance 0.0001, the second stays.
        let ring = vec![
            [0.0, 0.0],
            [0.25, 0.00004],
            [0.5, 0.0],
            [0.75, -0.5],
            [1.0, 0.0],
            [1.0, 1.0],
            [0.0, 1.0],
            [0.0, 0.0],
        ];
        let s = simplify_ring(&ring, 0.0001, 6).unwrap();
        assert_eq!(
            s,
            vec![
                [0.0, 0.0],
                [0.5, 0.0],
                [0.75, -0.5],
                [1.0, 0.0],
                [1.0, 1.0],
                [0.0, 1.0],
                [0.0, 0.0]
            ]
        );
        assert!(is_valid_ring(&s));
    }

    #[test]
    fn rounds_and_keeps_tiny_rings_valid_or_drops_them() {
        let ring = vec![[0.1234567, 1.0], [0.2, 1.0], [0.2, 1.1], [0.1234567, 1.0]];
        let s = simplify_ring(&ring, 0.0001, 5).unwrap();
        assert_eq!(s.first(), Some(&[0.12346, 1.0]));
        assert_eq!(s.len(), 4);
        // A sliver thinner than the tolerance: DP keeps too few points, so
        // the rounded original is used; collapsed by rounding, it is dropped.
        let sliver = vec![[0.0, 0.0], [1.0, 0.0], [0.5, 0.00001], [0.0, 0.0]];
        assert_eq!(simplify_ring(&sliver, 0.001, 6).unwrap().len(), 4);
        assert_eq!(simplify_ring(&sliver, 0.001, 4), None);
        let with_hole = vec![ring.clone(), sliver];
        let p = simplify_polygon(&with_hole, 0.001, 4).unwrap();
        assert_eq!(p.len(), 1, "the collapsed hole is dropped");
        // An unclosed ring is closed.
        let open = vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]];
        assert_eq!(simplify_ring(&open, 0.0, 6).unwrap().len(), 4);
        assert_eq!(point_count(&[with_hole]), 8);
    }
}
