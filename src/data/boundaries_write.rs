//! Writer for the explorer's boundaries file, as
//! [`read_boundaries`](super::boundaries::read_boundaries) reads it: a
//! GeoJSON FeatureCollection, one feature per line with properties `code`
//! and `name`, geometry a Polygon or a MultiPolygon.

use super::boundaries::{Boundary, Polygon};
use super::json_write::{number, push_string};

pub use super::json_write::EXACT;

/// The boundaries as GeoJSON, in the order given. Coordinates keep at most
/// `decimals` places (trailing zeros trimmed); a negative `decimals`
/// ([`EXACT`]) keeps each exactly. A boundary with one polygon is a
/// Polygon, with several a MultiPolygon. A missing name is written `null`,
/// so the `name` property is on every feature (the reader looks for it on
/// the first). The reader rejects what it could not have read: a boundary
/// with no polygon, a ring of fewer than three points, a coordinate that
/// is not finite (written `null`), an empty list of boundaries.
pub fn write_geojson(boundaries: &[Boundary], decimals: i32) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (i, b) in boundaries.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("{\"type\":\"Feature\",\"properties\":{\"code\":");
        push_string(&mut out, b.code.as_str());
        out.push_str(",\"name\":");
        match &b.name {
            Some(name) => push_string(&mut out, name),
            None => out.push_str("null"),
        }
        out.push_str("},\"geometry\":{\"type\":");
        if let [one] = b.polygons.as_slice() {
            out.push_str("\"Polygon\",\"coordinates\":");
            write_polygon(&mut out, one, decimals);
        } else {
            out.push_str("\"MultiPolygon\",\"coordinates\":[");
            for (p, polygon) in b.polygons.iter().enumerate() {
                if p > 0 {
                    out.push(',');
                }
                write_polygon(&mut out, polygon, decimals);
            }
            out.push(']');
        }
        out.push_str("}}");
    }
    out.push_str("\n]}\n");
    out
}

fn write_polygon(out: &mut String, polygon: &Polygon, decimals: i32) {
    out.push('[');
    for (r, ring) in polygon.iter().enumerate() {
        out.push_str(if r == 0 { "[" } else { ",[" });
        for (i, [x, y]) in ring.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            out.push_str(&number(*x, decimals));
            out.push(',');
            out.push_str(&number(*y, decimals));
            out.push(']');
        }
        out.push(']');
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::boundaries::read_boundaries;
    use crate::data::AreaCode;

    fn square(x: f64) -> Polygon {
        vec![vec![[x, 0.0], [x + 1.0, 0.0], [x + 1.0, 1.0], [x, 0.0]]]
    }

    fn boundary(code: &str, name: Option<&str>, polygons: Vec<Polygon>) -> Boundary {
        Boundary {
            code: AreaCode::from(code),
            name: name.map(str::to_string),
            polygons,
        }
    }

    #[test]
    fn writes_polygons_multipolygons_and_missing_names() {
        let mut holed = square(2.0);
        holed[0].push([2.0, 0.0]);
        holed.push(vec![[2.25, 0.25], [2.5, 0.25], [2.5, 0.5], [2.25, 0.25]]);
        let b = [
            boundary("E05000001", Some("North \"Mill\""), vec![square(-1.123456)]),
            boundary("E05000002", None, vec![square(0.0), holed]),
        ];
        let expected = "{\"type\":\"FeatureCollection\",\"features\":[\n\
{\"type\":\"Feature\",\"properties\":{\"code\":\"E05000001\",\"name\":\"North \\\"Mill\\\"\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-1.1235,0],[-0.1235,0],[-0.1235,1],[-1.1235,0]]]}},\n\
{\"type\":\"Feature\",\"properties\":{\"code\":\"E05000002\",\"name\":null},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,0],[3,0],[3,1],[2,0],[2,0]],[[2.25,0.25],[2.5,0.25],[2.5,0.5],[2.25,0.25]]]]}}\n\
]}\n";
        assert_eq!(write_geojson(&b, 4), expected);
        assert_eq!(
            write_geojson(&[], 4),
            "{\"type\":\"FeatureCollection\",\"features\":[\n\n]}\n"
        );
    }

    #[test]
    fn the_demo_boundaries_read_back_the_same() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/data/demo/wards.geojson"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let (demo, report) = read_boundaries("wards.geojson", text.as_bytes(), None).unwrap();
        assert_eq!((demo.len(), report.rejected), (25, 0));
        for decimals in [EXACT, 5] {
            let written = write_geojson(&demo, decimals);
            let (again, report) =
                read_boundaries("again.geojson", written.as_bytes(), None).unwrap();
            assert_eq!(report.rejected, 0);
            assert_eq!(again, demo, "decimals {decimals}");
        }
    }

    #[test]
    fn awkward_names_codes_and_coordinates_read_back_the_same() {
        let fine = vec![vec![
            [-1.2345678901234, 54.5],
            [0.1 + 0.2, 1e-7],
            [-179.99999999, -89.5],
            [-1.2345678901234, 54.5],
        ]];
        let b = vec![
            boundary("E05000001", None, vec![square(0.0)]),
            boundary(
                "E05000002",
                Some("Quote \" back\\slash, Ynys Môn ☃ \u{1}\ttab\nnew line"),
                vec![fine.clone()],
            ),
            boundary(
                "E05000003",
                Some("Mill, Lane"),
                vec![fine, square(5.0), square(9.0)],
            ),
        ];
        let written = write_geojson(&b, EXACT);
        let (again, report) = read_boundaries("b.geojson", written.as_bytes(), None).unwrap();
        assert_eq!(report.rejected, 0);
        assert_eq!(again, b);
    }
}
