//! Reader for area boundaries: a GeoJSON FeatureCollection, one feature per
//! area, the code in a property (`WD25CD`, `LSOA21CD`, `code`…), geometry a
//! Polygon or MultiPolygon. Each feature is a "row" of the report.

use crate::i18n::{Msg, Text};
use std::collections::HashSet;
use std::io::Read;

use super::json::{self, Object, Value};

use super::area::AreaCode;
use super::error::FileError;
use super::report::LoadReport;

/// A ring of `[longitude, latitude]` points (or x, y).
pub type Ring = Vec<[f64; 2]>;
/// An outer ring followed by its holes.
pub type Polygon = Vec<Ring>;

/// One area's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    /// The area's code.
    pub code: AreaCode,
    /// Its name, when a name property is found.
    pub name: Option<String>,
    /// Its polygons (one for a Polygon, several for a MultiPolygon).
    pub polygons: Vec<Polygon>,
}

/// Property prefixes of ONS codes, finest first: `lsoa21cd`, `wd25cd`…
const ONS_PREFIXES: [&str; 8] = ["lsoa", "msoa", "wd", "ward", "lad", "ltla", "utla", "cty"];

/// Property names that may hold the code, in order of preference: the
/// plain ones, then ONS `<prefix><year>CD` names present in `props`.
fn code_candidates(props: &Object) -> Vec<String> {
    let mut out: Vec<String> = ["code", "area_code", "areacode", "CODE", "AREA_CODE"]
        .map(String::from)
        .to_vec();
    for prefix in ONS_PREFIXES {
        for key in props.keys() {
            let k = key.to_ascii_lowercase();
            let year = k.strip_prefix(prefix).and_then(|r| r.strip_suffix("cd"));
            if year.is_some_and(|y| {
                (1..=4).contains(&y.len()) && y.bytes().all(|b| b.is_ascii_digit())
            }) {
                out.push(key.clone());
            }
        }
    }
    out
}

/// The name property that goes with code property `code_key`.
fn name_key(code_key: &str, props: &Object) -> Option<String> {
    let lower = code_key.to_ascii_lowercase();
    let wanted: Vec<String> = match lower.strip_suffix("cd") {
        Some(stem) if !stem.is_empty() => vec![format!("{stem}nm")],
        _ => vec!["name".to_string(), "area_name".to_string()],
    };
    props
        .keys()
        .find(|k| wanted.contains(&k.to_ascii_lowercase()))
        .cloned()
}

fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn ring(v: &Value) -> Option<Ring> {
    v.as_array()?
        .iter()
        .map(|p| {
            let p = p.as_array()?;
            let x = p.first()?.as_f64()?;
            let y = p.get(1)?.as_f64()?;
            (x.is_finite() && y.is_finite()).then_some([x, y])
        })
        .collect()
}

fn polygon(v: &Value) -> Option<Polygon> {
    let rings: Option<Polygon> = v.as_array()?.iter().map(ring).collect();
    rings.filter(|r| r.first().is_some_and(|outer| outer.len() >= 3))
}

/// The polygons of a geometry, or why there are none.
fn polygons(geometry: Option<&Value>) -> Result<Vec<Polygon>, Text> {
    let g = geometry
        .and_then(Value::as_object)
        .ok_or(Text::msg(Msg::NoGeometry))?;
    let coords = g.get("coordinates").ok_or(Text::msg(Msg::NoCoordinates))?;
    let bad = |kind: &str| Text::msg(Msg::BadCoordinates).with("kind", kind);
    match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => polygon(coords)
            .map(|p| vec![p])
            .ok_or_else(|| bad("Polygon")),
        Some("MultiPolygon") => coords
            .as_array()
            .and_then(|ps| ps.iter().map(polygon).collect::<Option<Vec<_>>>())
            .filter(|ps| !ps.is_empty())
            .ok_or_else(|| bad("MultiPolygon")),
        other => Err(Text::msg(Msg::GeometryExpected).with("found", other.unwrap_or("none"))),
    }
}

/// Reads boundaries. `code_property` names the property holding the code;
/// without it the candidate (`code`, `area_code`, then ONS names from
/// finest to coarsest) with the most distinct values is used. Features with no code, a repeated code or a bad
/// geometry are rejected; "line" in the report is the feature's number.
pub fn read_boundaries<R: Read>(
    file: &str,
    input: R,
    code_property: Option<&str>,
) -> Result<(Vec<Boundary>, LoadReport), FileError> {
    let bad_json = |message: Text| FileError::BadJson {
        file: file.to_string(),
        message,
    };
    let mut input = input;
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .map_err(|e| bad_json(Text::msg(Msg::JsonNotUtf8).with("why", e.to_string())))?;
    let value = json::parse(&text)
        .map_err(|e| bad_json(Text::msg(Msg::JsonInvalid).with("why", e.to_string())))?;
    if value.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(bad_json(Text::msg(Msg::NotFeatureCollection)));
    }
    let features = value
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| bad_json(Text::msg(Msg::NoFeaturesList)))?;
    let first_props = features.first().map(props_of).unwrap_or_default();
    let key = match code_property {
        Some(k) => k.to_string(),
        None => code_key(features, &first_props)
            .ok_or_else(|| bad_json(Text::msg(Msg::NoCodeProperty)))?,
    };
    let name = name_key(&key, &first_props);
    Ok(read_features(file, features, &key, name.as_deref()))
}

/// A feature's properties (none: empty).
fn props_of(feature: &Value) -> Object {
    feature
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The candidate property with the most distinct codes; ties go to the
/// earlier (finer) one, so a ward file's shared LAD25CD loses.
fn code_key(features: &[Value], first_props: &Object) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for k in code_candidates(first_props) {
        let codes: HashSet<String> = features
            .iter()
            .filter_map(|f| text_of(props_of(f).get(&k)))
            .collect();
        if !codes.is_empty() && best.as_ref().is_none_or(|(n, _)| codes.len() > *n) {
            best = Some((codes.len(), k));
        }
    }
    best.map(|(_, k)| k)
}

/// Each feature's boundary, coded by the property `key` (named by `name`,
/// when given); features with no code, a repeated code or a bad geometry
/// are rejected, "line" being the feature's number.
fn read_features(
    file: &str,
    features: &[Value],
    key: &str,
    name: Option<&str>,
) -> (Vec<Boundary>, LoadReport) {
    let mut report = LoadReport::default();
    let mut out: Vec<Boundary> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, feature) in features.iter().enumerate() {
        let number = i as u64 + 1;
        report.rows_read += 1;
        let props = props_of(feature);
        let Some(code) = text_of(props.get(key)) else {
            let reason = Text::msg(Msg::FeatureNoCode)
                .with("n", number.to_string())
                .with("key", key);
            report.reject(file, number, Some(key), reason);
            continue;
        };
        if !seen.insert(code.clone()) {
            let reason = Text::msg(Msg::AreaTwoFeatures).with("code", code.as_str());
            report.reject(file, number, Some(key), reason);
            continue;
        }
        match polygons(feature.get("geometry")) {
            Ok(polygons) => {
                out.push(Boundary {
                    code: AreaCode::from(code.as_str()),
                    name: name.and_then(|k| text_of(props.get(k))),
                    polygons,
                });
                report.accepted += 1;
            }
            Err(reason) => {
                let reason = Text::msg(Msg::AreaWhy)
                    .with("code", code.as_str())
                    .with("why", reason);
                report.reject(file, number, Some("geometry"), reason);
            }
        }
    }
    (out, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = "[[0,0],[1,0],[1,1],[0,1],[0,0]]";

    fn feature(props: &str, geometry: &str) -> String {
        format!("{{\"type\":\"Feature\",\"properties\":{{{props}}},\"geometry\":{geometry}}}")
    }

    #[test]
    fn finds_the_ward_code_not_the_shared_district_code() {
        let poly = format!("{{\"type\":\"Polygon\",\"coordinates\":[{SQUARE}]}}");
        let multi = format!(
            "{{\"type\":\"MultiPolygon\",\"coordinates\":[[{SQUARE}],[{SQUARE},{SQUARE}]]}}"
        );
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{},{}]}}",
            feature(
                "\"LAD25CD\":\"E06000004\",\"WD25CD\":\"E05000001\",\"WD25NM\":\"North\"",
                &poly
            ),
            feature(
                "\"LAD25CD\":\"E06000004\",\"WD25CD\":\"E05000002\",\"WD25NM\":\"South\"",
                &multi
            ),
        );
        let (b, r) = read_boundaries("b.geojson", text.as_bytes(), None).unwrap();
        assert_eq!(r.accepted, 2);
        assert_eq!(b[0].code.as_str(), "E05000001");
        assert_eq!(b[0].name.as_deref(), Some("North"));
        assert_eq!(b[1].polygons.len(), 2);
        assert_eq!(b[1].polygons[1].len(), 2, "outer ring and one hole");
        assert_eq!(b[0].polygons[0][0][2], [1.0, 1.0]);
    }

    #[test]
    fn rejects_bad_features_and_reports_bad_files() {
        let ok = format!("{{\"type\":\"Polygon\",\"coordinates\":[{SQUARE}]}}");
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{},{},{},{}]}}",
            feature("\"code\":\"A\"", &ok),
            feature(
                "\"code\":\"B\"",
                "{\"type\":\"Point\",\"coordinates\":[0,0]}"
            ),
            feature("\"code\":\"A\"", &ok),
            feature(
                "\"code\":\"C\"",
                "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1]]]}"
            ),
        );
        let (b, r) = read_boundaries("b.geojson", text.as_bytes(), Some("code")).unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!((r.rows_read, r.rejected), (4, 3));
        assert!(r.rejections[0].reason.to_string().contains("Point"));
        assert!(r.rejections[1].reason.to_string().contains("two features"));
        assert!(read_boundaries("x", "{\"type\":\"Feature\"}".as_bytes(), None).is_err());
        assert!(read_boundaries("x", "{not json".as_bytes(), None)
            .unwrap_err()
            .to_string()
            .contains("x: not valid JSON"));
    }
}
