//! Writer for the areas file, as [`read_areas`](super::areas::read_areas)
//! reads it: `area_code,area_name,parent_code,population,imd_rank,imd_decile`,
//! with `area_name_cy` after `area_name` when any area has a Welsh name and
//! `imd_score` when any area has one, quoted as RFC 4180 asks.

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
/// ending `\n`; unknown values are left empty. The `area_name_cy` column is
/// there only when an area has a Welsh name (so an English dataset's file
/// is as it was), empty for the areas that have none; the `imd_score`
/// column only when an area has a score, and a score that is not finite is
/// written empty. The reader trims fields, so a code or name with spaces at
/// either end reads back trimmed.
pub fn write_areas_csv(areas: &[Area]) -> String {
    let welsh = areas.iter().any(|a| a.name_cy.is_some());
    let scores = areas.iter().any(|a| a.imd_score.is_some());
    let mut out = String::from("area_code,area_name");
    out.push_str(if welsh { ",area_name_cy" } else { "" });
    out.push_str(",parent_code,population,imd_rank,imd_decile");
    out.push_str(if scores { ",imd_score\n" } else { "\n" });
    let text = |v: Option<String>| v.unwrap_or_default();
    for a in areas {
        let parent = a.parent.as_ref().map_or("", |p| p.as_str());
        let mut fields = vec![
            csv_field(a.code.as_str()).into_owned(),
            csv_field(&a.name).into_owned(),
        ];
        if welsh {
            fields.push(csv_field(a.name_cy.as_deref().unwrap_or("")).into_owned());
        }
        fields.extend([
            csv_field(parent).into_owned(),
            text(a.population.map(|v| v.to_string())),
            text(a.imd_rank.map(|v| v.to_string())),
            text(a.imd_decile.map(|v| v.to_string())),
        ]);
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
    fn welsh_names_get_their_column_only_when_an_area_has_one() {
        let mut park = Area::named("W05001621", "Park");
        park.name_cy = Some("Y Parc, \"Merthyr\"".to_string());
        park.parent = Some(AreaCode::from("W06000024"));
        let areas = [park, Area::named("W05001617", "Cyfarthfa")];
        let text = write_areas_csv(&areas);
        assert_eq!(
            text,
            "area_code,area_name,area_name_cy,parent_code,population,imd_rank,imd_decile\n\
             W05001621,Park,\"Y Parc, \"\"Merthyr\"\"\",W06000024,,,\n\
             W05001617,Cyfarthfa,,,,,\n"
        );
        assert_eq!(read(&text), areas);
        assert!(!write_areas_csv(&areas[1..]).contains("area_name_cy"));
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

    /// `explorer-cli areas` wrote its file with the `csv` crate; the rows
    /// of `build_areas` through [`AreaRow::to_area`] and this writer give
    /// the same bytes (names with commas, quotes and line breaks included).
    #[test]
    fn writes_built_areas_as_the_csv_crate_does() {
        use crate::data::areas_build::AreaRow;
        let row =
            |code: &str, name: &str, parent: Option<&str>, population, rank: Option<u32>| AreaRow {
                code: code.to_string(),
                name: name.to_string(),
                name_cy: None,
                parent: parent.map(str::to_string),
                population,
                imd_rank: rank,
                imd_decile: rank.map(|r| (r % 10) as u8 + 1),
            };
        let rows = [
            row(
                "E05000001",
                "Mill, Lane \"East\"",
                Some("E06000001"),
                1563,
                Some(12),
            ),
            row("E05000002", "Town\non Tees", Some("E06000001"), 0, None),
            row("E05000003", "Ynys Môn\r", None, 42, Some(32_844)),
            row("E06000001", "", None, 1605, None),
        ];
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "area_code",
            "area_name",
            "parent_code",
            "population",
            "imd_rank",
            "imd_decile",
        ])
        .unwrap();
        for r in &rows {
            let opt = |v: Option<String>| v.unwrap_or_default();
            w.write_record([
                r.code.clone(),
                r.name.clone(),
                opt(r.parent.clone()),
                r.population.to_string(),
                opt(r.imd_rank.map(|v| v.to_string())),
                opt(r.imd_decile.map(|v| v.to_string())),
            ])
            .unwrap();
        }
        let by_csv_crate = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let areas: Vec<Area> = rows.iter().map(|r| r.to_area(true)).collect();
        assert_eq!(write_areas_csv(&areas), by_csv_crate);
    }
}
