//! The committed Cleveland dataset (`public/data/cleveland`) is exactly
//! what `scripts/build-cleveland` builds from the open files in
//! `../shared/data`: rebuilt into a temporary folder, every file is
//! byte-identical, and neither folder has a file the other lacks. A
//! borough's part of it holds exactly its wards' counts.

#![allow(clippy::unwrap_used)] // test helpers: a failure should stop the test

use std::path::Path;
use std::process::Command;

#[test]
fn the_committed_cleveland_dataset_is_a_rebuild_of_the_open_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data");
    assert!(
        data.join("police-uk-cleveland").is_dir(),
        "REAL DATA MISSING: {} is needed to rebuild the Cleveland dataset (see ../shared/data/README.md)",
        data.display()
    );
    let out = std::env::temp_dir().join(format!("cse-cleveland-{}", std::process::id()));
    let status = Command::new("bash")
        .arg(root.join("scripts/build-cleveland"))
        .arg(&data)
        .arg(&out)
        .status()
        .expect("bash runs");
    assert!(status.success(), "scripts/build-cleveland failed");
    let committed = root.join("public/data/cleveland");
    let names = |dir: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&committed), names(&out), "the same files");
    for name in names(&committed) {
        let (a, b) = (
            std::fs::read(committed.join(&name)).unwrap(),
            std::fs::read(out.join(&name)).unwrap(),
        );
        assert!(
            a == b,
            "{name} differs from its rebuild in {}",
            out.display()
        );
    }
    std::fs::remove_dir_all(&out).ok();
}

/// The committed dataset's files, assembled as the explorer reads them.
fn cleveland() -> cse::data::explorer_data::ExplorerData {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/cleveland");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let manifest = cse::data::Manifest::parse(
        "manifest.json",
        &String::from_utf8(read("manifest.json")).unwrap(),
    )
    .unwrap();
    let (counts, areas, wards) = (read("counts.csv"), read("areas.csv"), read("wards.geojson"));
    let files = cse::data::explorer_data::Files {
        counts: ("counts.csv", &counts),
        areas: Some(("areas.csv", &areas)),
        categories: None,
        boundaries: Some(("wards.geojson", &wards)),
        targets: None,
        others: &[],
    };
    cse::data::explorer_data::assemble(manifest, files).unwrap()
}

/// A borough's part of the force area's dataset holds exactly its wards'
/// counts, by a plain reading of the committed files (a ward's parent from
/// areas.csv, every count line of counts.csv), and its boundaries.
#[test]
fn a_borough_within_cleveland_holds_its_wards_counts_and_nothing_else() {
    let data = std::sync::Arc::new(cleveland());
    let part = data.within("E06000004").expect("Stockton-on-Tees is in it");
    assert_eq!(
        part.part_of
            .as_ref()
            .map(|w| w.manifest.whole_name.as_str()),
        Some("Cleveland")
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data/cleveland");
    let areas = std::fs::read_to_string(dir.join("areas.csv")).unwrap();
    let wards: std::collections::BTreeSet<&str> = areas
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[2] == "E06000004")
        .map(|f| f[0])
        .collect();
    assert_eq!(wards.len(), 27, "Stockton's 2025 wards");
    let counts = std::fs::read_to_string(dir.join("counts.csv")).unwrap();
    let mut want = std::collections::BTreeMap::new();
    for line in counts.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if wards.contains(f[1]) {
            *want
                .entry((f[0].to_string(), f[1].to_string(), f[2].to_string()))
                .or_insert(0u64) += f[3].parse::<u64>().unwrap();
        }
    }
    let cube = &part.dataset.cube;
    let mut got = std::collections::BTreeMap::new();
    for (a, code) in cube.areas().iter().enumerate() {
        for (m, month) in cube.months().enumerate() {
            for (c, category) in cube.categories().iter().enumerate() {
                let n = u64::from(cube.get(a, m, c));
                if n > 0 {
                    got.insert(
                        (
                            month.to_string(),
                            code.as_str().to_string(),
                            category.clone(),
                        ),
                        n,
                    );
                }
            }
        }
    }
    assert_eq!(got, want);
    let in_part: std::collections::BTreeSet<&str> =
        cube.areas().iter().map(|a| a.as_str()).collect();
    assert_eq!(in_part, wards);
    assert_eq!(part.manifest.whole_name, "Stockton-on-Tees");
    assert_eq!(part.boundaries.len(), 27);
    assert!(part
        .dataset
        .areas
        .iter()
        .any(|a| a.code.as_str() == "E06000004" && a.parent.is_none()));
    assert!(
        data.within("E05014882").is_some(),
        "a ward is a part of one"
    );
    assert!(
        data.within("E06000005").is_none(),
        "Darlington is not in it"
    );
}
