//! Writer for the areas file, as [`read_areas`](super::areas::read_areas)
//! reads it: `area_code,area_name,parent_code,population,imd_rank,imd_decile`
//! and `imd_score` when any area has one, quoted as RFC 4180 asks.

use std::borrow::Cow;

use super::area::Area;

/// A CSV field, quoted (with `"` doubled) when it holds a comma, a quote or
/// a line break.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// The areas as an areas file, in the order given, one line per area
/// ending `\n`; unknown values are left empty. The `imd_score` column is
/// there only when an area has a score; a score that is not finite is
/// written empty. The reader trims fields, so a code or name with spaces at
/// either end reads back trimmed.
pub fn write_areas_csv(areas: &[Area]) -> String {
    let scores = areas.iter().any(|a| a.imd_score.is_some());
    let mut out = String::from("area_code,area_name,parent_code,population,imd_rank,imd_decile");
    out.push_str(if scores { ",imd_score\n" } else { "\n" });
    let text = |v: Option<String>| v.unwrap_or_default();
    for a in areas {
        let parent = a.parent.as_ref().map_or("", |p| p.as_str());
        let fields = [
            csv_field(a.code.as_str()).into_owned(),
            csv_field(&a.name).into_owned(),
            csv_field(parent).into_owned(),
            text(a.population.map(|v| v.to_string())),
            text(a.imd_rank.map(|v| v.to_string())),
            text(a.imd_decile.map(|v| v.to_string())),
        ];
        out.push_str(&fields.join(","));
        if scores {
            out.push(',');
            if let Some(s) = a.imd_score.filter(|s| s.is_finite()) {
                out.push_str(&format!("{s}"));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::areas::read_areas_bytes;
    use crate::data::AreaCode;

    fn read(text: &str) -> Vec<Area> {
        let (areas, report) = read_areas_bytes("areas.csv", text.as_bytes()).unwrap();
        assert_eq!(report.rejected, 0, "{:?}", report.rejections);
        areas
    }

    #[test]
    fn writes_the_columns_quoted_in_the_order_given() {
        let mut ward = Area::named("E05000002", "Mill, Lane \"East\"");
        ward.parent = Some(AreaCode::from("E06000001"));
        ward.population = Some(1563);
        ward.imd_rank = Some(12);
        ward.imd_decile = Some(1);
        let mut town = Area::named("E06000001", "Town\non Tees");
        town.imd_score = Some(23.5);
        let areas = [ward, town, Area::named("E05000001", "Ynys Môn")];
        assert_eq!(
            write_areas_csv(&areas),
            "area_code,area_name,parent_code,population,imd_rank,imd_decile,imd_score\n\
             E05000002,\"Mill, Lane \"\"East\"\"\",E06000001,1563,12,1,\n\
             E06000001,\"Town\non Tees\",,,,,23.5\n\
             E05000001,Ynys Môn,,,,,\n"
        );
        assert_eq!(
            write_areas_csv(&areas[2..]),
            "area_code,area_name,parent_code,population,imd_rank,imd_decile\n\
             E05000001,Ynys Môn,,,,\n"
        );
    }

    #[test]
    fn the_demo_areas_read_back_the_same() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo/areas.csv");
        let demo = read(&std::fs::read_to_string(path).unwrap());
        assert_eq!(demo.len(), 26);
        assert_eq!(read(&write_areas_csv(&demo)), demo);
    }

    #[test]
    fn awkward_names_and_every_column_read_back_the_same() {
        let mut a = Area::named("E05000001", "Mill, Lane \"East\" — Ynys Môn\r\nsecond line");
        a.parent = Some(AreaCode::from("E06000001"));
        a.population = Some(u32::MAX);
        a.imd_rank = Some(32_844);
        a.imd_decile = Some(10);
        a.imd_score = Some(41.237);
        let mut b = Area::named("E05000002", "\"");
        b.imd_score = Some(-0.25);
        let areas = vec![
            a,
            b,
            Area::named("E06000001", ","),
            Area::named("E05000003", ""),
        ];
        assert_eq!(read(&write_areas_csv(&areas)), areas);
        assert_eq!(read(&write_areas_csv(&areas[2..])), areas[2..]);
    }
}
