//! Tests of `prepare`'s arguments and of its report on small files.

use super::*;

use crate::cli::args::strings as args;

#[test]
fn bad_arguments_are_usage_errors() {
    let e = run(&args(&["x.csv"])).unwrap_err();
    assert!(e.to_string().contains("--out is required"), "{e}");
    let e = run(&args(&["--out", "o.csv"])).unwrap_err();
    assert!(e.to_string().contains("at least one INPUT"), "{e}");
    let e = run(&args(&["--out", "o.csv", "--level", "county", "x"])).unwrap_err();
    assert!(e.to_string().contains("unknown level"), "{e}");
    let e = run(&args(&["--out", "o.csv", "--within", "E08000035", "x"])).unwrap_err();
    assert!(e.to_string().contains("--within needs --lookup"), "{e}");
    let e = run(&args(&["--out", "o.csv", "/no/such/file-street.csv"])).unwrap_err();
    assert!(e.to_string().contains("no such file"), "{e}");
    assert!(run(&args(&["--help"])).is_ok());
}

#[test]
fn suspect_months_count_the_rows_in_the_counts_as_the_page_does() {
    // Town (E06000001) has 4 rows a month but 1 in March; rows outside
    // it (E01000003, City) fill every month up to 5.
    let dir = std::env::temp_dir().join(format!("cse-prepare-suspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";
    let lookup = dir.join("lookup.csv");
    std::fs::write(
        &lookup,
        "LSOA21CD,WD25CD,LAD25CD\nE01000001,E05000001,E06000001\nE01000003,E05000003,E06000002\n",
    )
    .unwrap();
    for (i, month) in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
        .iter()
        .enumerate()
    {
        let town = if i == 2 { 1 } else { 4 };
        let mut text = header.to_string();
        for j in 0..5 {
            let lsoa = if j < town { "E01000001" } else { "E01000003" };
            text += &format!(",{month},F,F,0,0,Here,{lsoa},N,Drugs,,\n");
        }
        std::fs::write(dir.join(format!("{month}-f-street.csv")), text).unwrap();
    }
    let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
    let path = |p: &std::path::Path| p.display().to_string();
    let outcome = run(&args(&[
        "--lookup",
        &path(&lookup),
        "--within",
        "E06000001",
        "--out",
        &path(&out),
        "--report",
        &path(&report),
        &path(&dir),
    ]))
    .unwrap();
    assert_eq!(outcome, Outcome::Done);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["months_suspect"][0]["month"], "2024-03");
    assert_eq!(json["months_suspect"][0]["total"], 1);
    assert_eq!(json["months_suspect"].as_array().unwrap().len(), 1);
    assert_eq!(
        (json["accepted"].as_u64(), json["outside_area"].as_u64()),
        (Some(17), Some(8))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
