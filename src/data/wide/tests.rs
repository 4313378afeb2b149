//! Tests of the wide reader on small tables counted by hand.

use super::*;
use crate::data::lookup::read_lookup;

fn read(text: &str) -> WideTable {
    read_wide("w.csv", text.as_bytes()).unwrap()
}

/// The cube of a table placed without a lookup.
fn cube_of(t: &WideTable) -> crate::data::Cube {
    let placed = place(t, None);
    let mut b = t.builder();
    t.count_into(&placed, &mut b);
    b.build().unwrap()
}

fn get(cube: &crate::data::Cube, area: &str, month: &str, category: &str) -> u32 {
    let m = cube.month_index(month.parse().unwrap()).unwrap();
    cube.get(
        cube.area_index(area).unwrap(),
        m,
        cube.category_index(category).unwrap(),
    )
}

#[test]
fn every_month_header_form_gives_the_same_counts() {
    for (a, b) in [
        ("202310", "202311"),
        ("2023-10", "2023-11"),
        ("Oct-23", "Nov-23"),
        ("Oct 2023", "Nov 2023"),
        ("2023 Oct", "2023 Nov"),
    ] {
        let t = read(&format!(
            "WardCode,WardName,Borough,MajorText,MinorText,{a},{b}\n\
             E05000001,North,Barnet,Theft,Shoplifting,3,4\n\
             E05000002,South,Barnet,Theft,Shoplifting,0,5\n"
        ));
        let cube = cube_of(&t);
        assert_eq!(get(&cube, "E05000001", "2023-10", "Shoplifting"), 3, "{a}");
        assert_eq!(get(&cube, "E05000001", "2023-11", "Shoplifting"), 4, "{a}");
        assert_eq!(get(&cube, "E05000002", "2023-11", "Shoplifting"), 5, "{a}");
        assert_eq!(cube.grand_total(), 12, "{a}");
        assert_eq!((t.report.rows_read, t.report.accepted), (4, 4), "{a}");
    }
}

#[test]
fn offence_names_in_any_case_are_one_class_spelt_as_first_met() {
    let t = read(
        "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202301,202302\n\
         Arson and Criminal Damage,Arson,North,E05000001,Barnet,1,2\n\
         ARSON AND CRIMINAL DAMAGE,ARSON,South,E05000002,Barnet,10,20\n\
         arson and criminal damage,Criminal Damage,North,E05000001,barnet,100,200\n\
         Theft,Other,North,E05000001,Barnet,1000,0\n\
         Burglary,Other,North,E05000001,Barnet,0,3000\n",
    );
    let names: Vec<(&str, &str)> = t
        .categories
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Arson", "Arson and Criminal Damage"),
            ("Criminal Damage", "Arson and Criminal Damage"),
            ("Other", "Theft"),
            ("Other (Burglary)", "Burglary"),
        ]
    );
    let cube = cube_of(&t);
    assert_eq!(get(&cube, "E05000002", "2023-02", "Arson"), 20);
    assert_eq!(get(&cube, "E05000001", "2023-02", "Other (Burglary)"), 3000);
    // `barnet` is Barnet: one parent, and the ward one area.
    assert_eq!(t.areas.len(), 2);
    let placed = place(&t, None);
    let parents: Vec<&str> = placed
        .areas
        .iter()
        .filter(|a| a.parent.is_none())
        .map(|a| a.code.as_str())
        .collect();
    assert_eq!(parents, ["Barnet"]);
}

#[test]
fn blank_and_non_numeric_cells_are_named_and_never_read_as_zero() {
    let t = read(
        "WardCode,WardName,Borough,MinorText,202301,202302,202303\n\
         E05000001,North,Barnet,Arson,1,,2\n\
         E05000002,South,Barnet,Arson,n/a,\"1,234\",-1\n\
         E05000003,East,Barnet,Arson,4,5\n\
         ,Nowhere,Barnet,Arson,7,0,0\n\
         E05000004,West,Barnet,,1,1,1\n",
    );
    let r = &t.report;
    // 5 rows × 3 months: 1 + 2 + 1 + 3 (no area) + 1 counted… by hand:
    // row 2: 1 and 2 counted, the blank rejected; row 3: 1,234 counted,
    // n/a and -1 rejected; row 4 (two fields short) all 3 rejected; row 5
    // (no area) 3 not allocated; row 6 (no class) all 3 rejected.
    assert_eq!(r.rows_read, 15);
    assert_eq!(
        (r.accepted, r.not_allocated, r.rejected),
        (3, 3, 9),
        "{:?}",
        r.rejections
    );
    assert!(r.adds_up());
    let first = &r.rejections[0];
    assert_eq!(
        (first.file.as_str(), first.line, first.column.as_deref()),
        ("w.csv", 2, Some("202302"))
    );
    assert!(
        first.reason.to_string().contains("blank"),
        "{}",
        first.reason
    );
    let na = &r.rejections[1];
    assert_eq!((na.line, na.column.as_deref()), (3, Some("202301")));
    assert!(
        na.reason.to_string().contains("found \"n/a\""),
        "{}",
        na.reason
    );
    assert!(r.rejections[2].reason.to_string().contains("found \"-1\""));
    assert!(r.rejections[3]
        .reason
        .to_string()
        .contains("expected 7 fields, found 6: its 3 month cells"));
    assert_eq!(r.rejections[4].column.as_deref(), Some("MinorText"));
    let cube = cube_of(&t);
    assert_eq!(get(&cube, "E05000002", "2023-02", "Arson"), 1234);
    assert_eq!(cube.grand_total(), 1 + 2 + 1234 + 7);
    let m = cube.month_index("2023-02".parse().unwrap()).unwrap();
    assert_eq!(
        get(&cube, "E05000001", "2023-02", "Arson"),
        0,
        "blank: not counted"
    );
    assert!(cube.has_data(m));
}

#[test]
fn thousands_separators_only_where_they_belong() {
    assert_eq!(whole_number("1,234"), Some(1234));
    assert_eq!(whole_number("12,345,678"), Some(12_345_678));
    assert_eq!(whole_number("0"), Some(0));
    for bad in ["1,23", "12,3456", ",123", "1.5", "-1", "", "1e3", " 1"] {
        assert_eq!(whole_number(bad), None, "{bad:?}");
    }
}

#[test]
fn a_parent_that_is_not_a_local_authority_is_an_area_of_its_own() {
    // Heathrow Villages (E05000009) is listed under Hillingdon and again
    // under the Met's aviation security command.
    let text = "MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202301,202302\n\
         Theft,Shoplifting,Heathrow Villages,E05000009,Aviation Security (SO18),5,6\n\
         Theft,Shoplifting,Heathrow Villages,E05000009,Hillingdon,1,2\n\
         Theft,Shoplifting,Yiewsley,E05000008,Hillingdon,10,20\n\
         Theft,Shoplifting,Soho,E05000007,Westminster,100,200\n";
    let t = read(text);
    let lookup = "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
         E01000009,E05000009,Heathrow Villages,E09000017,Hillingdon\n\
         E01000008,E05000008,Yiewsley,E09000017,Hillingdon\n\
         E01000007,E05000007,West End,E09000033,Westminster\n\
         E01000006,E05000006,Somewhere,E09000001,City of London\n";
    let (lookup, _) = read_lookup("l.csv", lookup.as_bytes()).unwrap();
    for with_lookup in [Some(&lookup), None] {
        let placed = place(&t, with_lookup);
        let hillingdon = if with_lookup.is_some() {
            "E09000017"
        } else {
            "Hillingdon"
        };
        assert_eq!(
            placed.codes,
            [
                "Aviation Security (SO18)",
                "E05000009",
                "E05000008",
                "E05000007"
            ]
        );
        let parent = |code: &str| {
            let a = placed.areas.iter().find(|a| a.code.as_str() == code);
            a.unwrap().parent.as_ref().map(|p| p.as_str().to_string())
        };
        assert_eq!(parent("E05000009").as_deref(), Some(hillingdon));
        assert_eq!(parent("Aviation Security (SO18)"), None, "under the whole");
        assert_eq!(placed.notes.len(), 1, "{:?}", placed.notes);
        let note = &placed.notes[0];
        assert!(
            note.contains("\"Aviation Security (SO18)\" is not a local authority: its 11 offences (in Heathrow Villages (E05000009))"),
            "{note}"
        );
        if with_lookup.is_some() {
            assert!(note.ends_with("not added to Hillingdon"), "{note}");
        }
        let mut b = t.builder();
        t.count_into(&placed, &mut b);
        let cube = b.build().unwrap();
        assert_eq!(
            get(&cube, "Aviation Security (SO18)", "2023-02", "Shoplifting"),
            6
        );
        assert_eq!(get(&cube, "E05000009", "2023-02", "Shoplifting"), 2);
        assert_eq!(cube.grand_total(), 344);
    }
}

#[test]
fn a_name_the_lookup_disagrees_with_is_placed_by_code_and_said() {
    let t = read(
        "WardCode,WardName,Borough,MinorText,202301,202302\n\
         E05000007,Soho,Camden,Arson,1,1\n",
    );
    let lookup = "LSOA21CD,WD25CD,LAD25CD,LAD25NM\n\
         E01000007,E05000007,E09000033,Westminster\n\
         E01000005,E05000005,E09000007,Camden\n";
    let (lookup, _) = read_lookup("l.csv", lookup.as_bytes()).unwrap();
    let placed = place(&t, Some(&lookup));
    let ward = placed.areas.iter().find(|a| a.code.as_str() == "E05000007");
    assert_eq!(
        ward.unwrap().parent.as_ref().map(|p| p.as_str()),
        Some("E09000033")
    );
    assert!(
        placed.notes[0].contains("Soho (E05000007) is in Westminster by the lookup, not in Camden"),
        "{:?}",
        placed.notes
    );
}

#[test]
fn not_a_wide_table_is_a_clear_error() {
    let e = read_wide("x.csv", b"month,area_code,category,count\n").unwrap_err();
    assert!(e.to_string().contains("two or more month columns"), "{e}");
    let e = read_wide("x.csv", b"WardCode,202301,202302\nE05000001,1,2\n").unwrap_err();
    assert!(e.to_string().contains("an offence column"), "{e}");
    assert!(read_wide("x.csv", b"").is_err());
}

#[test]
fn areas_the_lookup_does_not_know_are_placed_by_their_parents_names() {
    // A lookup of another part of the country: neither the wards nor the
    // borough are in it, so the names place them (not pseudo-parents).
    let t = read(
        "WardCode,WardName,Borough,MinorText,202301,202302\n\
         E05000001,North,Barnet,Arson,1,1\n\
         E05000002,South,Barnet,Arson,2,2\n",
    );
    let lookup =
        "LSOA21CD,WD25CD,LAD25CD,LAD25NM\nE01000007,E05000007,E06000004,Stockton-on-Tees\n";
    let (lookup, _) = read_lookup("l.csv", lookup.as_bytes()).unwrap();
    let placed = place(&t, Some(&lookup));
    assert_eq!(placed.codes, ["E05000001", "E05000002"]);
    let north = placed.areas.iter().find(|a| a.code.as_str() == "E05000001");
    assert_eq!(
        north.unwrap().parent.as_ref().map(|p| p.as_str()),
        Some("Barnet")
    );
    assert_eq!(placed.notes.len(), 1, "{:?}", placed.notes);
    assert!(
        placed.notes[0].contains(
            "neither the code nor the parent of 2 area(s) (the first: North (E05000001))"
        ),
        "{:?}",
        placed.notes
    );
}
