//! Runs of the built `explorer-cli prepare` on the real Cleveland files,
//! shared by the integration tests (`#[path]`-included): exit status,
//! counts file, JSON report and stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
pub const CLI: &str = env!("CARGO_BIN_EXE_explorer-cli");

pub fn cleveland() -> PathBuf {
    let dir = Path::new(DATA).join("police-uk-cleveland");
    assert!(
        dir.is_dir(),
        "the real test data is missing: {} (see ../shared/data/README.md); these tests cannot run without it",
        dir.display()
    );
    dir
}

pub fn month_file(month: &str) -> PathBuf {
    cleveland().join(format!("{month}-cleveland-street.csv"))
}

pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cse-prepare-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One run of the binary: exit status, counts file, JSON report, stderr.
pub struct Run {
    pub status: i32,
    pub counts: String,
    pub report: serde_json::Value,
    pub stderr: String,
}

pub fn prepare(dir: &Path, args: &[&str], inputs: &[&Path]) -> Run {
    let (out, report) = (dir.join("counts.csv"), dir.join("report.json"));
    std::fs::remove_file(&out).ok();
    std::fs::remove_file(&report).ok();
    let output = Command::new(CLI)
        .arg("prepare")
        .args([
            "--out",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .args(args)
        .args(inputs)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let status = output.status.code().unwrap();
    let counts = std::fs::read_to_string(&out).unwrap_or_default();
    let report = std::fs::read_to_string(&report)
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(serde_json::Value::Null);
    Run {
        status,
        counts,
        report,
        stderr,
    }
}

/// The file entries of a report whose status is `status`.
pub fn files_with(report: &serde_json::Value, status: &str) -> Vec<(String, String)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == status)
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// A path as `explorer-cli` names it: from where it runs (the tests run in
/// the crate's folder), by a plain count: up to the root, then down to it.
pub fn as_reported(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap();
    let text = path.display().to_string();
    match text.strip_prefix(&format!("{}/", cwd.display())) {
        Some(inside) => inside.to_string(),
        None => format!(
            "{}{}",
            "../".repeat(cwd.components().count() - 1),
            text.trim_start_matches('/')
        ),
    }
}
