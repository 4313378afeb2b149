//! The committed Cleveland dataset (`public/data/cleveland`) is exactly
//! what `scripts/build-cleveland` builds from the open files in
//! `../shared/data`: rebuilt into a temporary folder, every file is
//! byte-identical, and neither folder has a file the other lacks.

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
