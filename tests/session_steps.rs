//! Tests of the whole load: files added, started, stepped and finished.

#![allow(clippy::unwrap_used)] // tests: a failure should stop the test

use cse::data::lookup::Level;
use cse::data::session::*;
use cse::data::{AreaMapper, Categories};

const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

fn row(month: &str, lsoa: &str, kind: &str) -> String {
    format!(",{month},F,F,0,0,Here,{lsoa},N,{kind},,\n")
}

#[test]
fn police_files_with_a_lookup_restricted_to_a_district() {
    let mut s = LoadSession::new();
    let lookup = "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
                  E01000001,E05000001,North,E06000001,Town\n\
                  E01000002,E05000002,South,E06000001,Town\n\
                  E01000003,E05000003,East,E06000002,City\n";
    s.add("lookup.csv", lookup.as_bytes().to_vec());
    let mut a = HEADER.to_string();
    a += &row("2024-01", "E01000001", "Burglary");
    a += &row("2024-01", "E01000002", "Drugs");
    a += &row("2024-01", "E01000003", "Drugs");
    a += &row("2024-01", "", "Drugs");
    a += ",2024-01,F,F,0,0,Here,E01000001,N,Nonsense,,\n";
    s.add("2024-01-x-street.csv", a.into_bytes());
    s.add("notes.txt", b"hello\n".to_vec());
    let c = s.choices();
    assert_eq!(c.default_level, Level::Ward);
    // Town holds 3 of the file's rows, City 1: Town is offered first.
    let names: Vec<(&str, usize)> = c
        .within
        .iter()
        .map(|w| (w.name.as_str(), w.sampled))
        .collect();
    assert_eq!(names, [("Town", 3), ("City", 1)]);
    s.start(None, Some("E06000001")).unwrap();
    let done = s.finish().unwrap();
    let r = &done.report;
    assert_eq!(
        (
            r.rows_read,
            r.accepted,
            r.not_allocated,
            r.outside_area,
            r.rejected
        ),
        (5, 2, 1, 1, 1)
    );
    assert_eq!(done.files[1].rows, *r);
    assert!(
        matches!(&done.files[2].status, FileStatus::Failed(m) if m.to_string().starts_with("notes.txt: "))
    );
    assert_eq!(done.data.manifest.whole_name, "Town");
    assert!(done.data.manifest.attribution.contains("police.uk"));
    assert_eq!(
        done.counts_csv(),
        "month,area_code,category,count\n2024-01,E05000001,Burglary,1\n2024-01,E05000002,Drugs,1\n"
    );
    assert_eq!(done.data.dataset.area_name("E05000002"), "South");
}

#[test]
fn nothing_to_count_and_missing_lookup_are_clear() {
    let mut s = LoadSession::new();
    s.add("a.csv", b"area_code,area_name\nE1,One\n".to_vec());
    assert_eq!(s.start(None, None), Err(SessionError::NoData));
    let mut s = LoadSession::new();
    s.add(
        "p.csv",
        format!("{HEADER}{}", row("2024-01", "E01", "Drugs")).into_bytes(),
    );
    let e = s.start(Some(Level::Ward), None).unwrap_err();
    assert!(e.to_string().contains("needs an ONS lookup"), "{e}");
    s.start(None, None).unwrap();
    let mut s2 = LoadSession::new();
    s2.add("p.csv", HEADER.as_bytes().to_vec());
    s2.cancel();
    assert_eq!(s2.start(None, None), Ok(()));
    assert_eq!(s2.finish().unwrap_err(), SessionError::Cancelled);
    assert_eq!(s.finish().unwrap().report.accepted, 1);
}

#[test]
fn a_month_and_force_given_twice_is_read_once_and_says_why() {
    let file = format!(
        "{HEADER}{}{}",
        row("2024-01", "E01000001", "Drugs"),
        row("2024-01", "E01000002", "Burglary")
    );
    // Another download of the month: one more row, so other bytes.
    let other = format!("{file}{}", row("2024-01", "E01000003", "Drugs"));
    let mut s = LoadSession::new();
    s.add("2024-01-x-street.csv", file.clone().into_bytes());
    s.add("copy of 2024-01-x-street.csv", file.into_bytes());
    s.add("new 2024-01-x-street.csv", other.into_bytes());
    s.start(None, None).unwrap();
    let done = s.finish().unwrap();
    assert_eq!((done.report.rows_read, done.report.accepted), (2, 2));
    assert_eq!(done.files[0].status, FileStatus::Read);
    let repeat = |i: usize| match &done.files[i].status {
        FileStatus::Repeat(r) => r.clone(),
        other => panic!("{other:?}"),
    };
    let (copy, new) = (repeat(1), repeat(2));
    assert_eq!(copy.first, "2024-01-x-street.csv");
    assert!(copy.same && !new.same);
    assert!(!done.files[1].status.is_set_aside() && done.files[2].status.is_set_aside());
    assert!(
        copy.describe().to_string().starts_with(
            "the same month and force as 2024-01-x-street.csv (2024-01, F) and the same content"
        ),
        "{}",
        copy.describe()
    );
    assert!(
        new.describe()
            .to_string()
            .contains("but a different content"),
        "{}",
        new.describe()
    );
}

#[test]
fn a_load_of_police_files_only_sets_other_files_aside() {
    let file = format!("{HEADER}{}", row("2024-01", "E01000001", "Drugs"));
    let mut s = LoadSession::police_only();
    s.add(
        "lookup.csv",
        b"LSOA21CD,WD25CD,LAD25CD\nE01000001,E05000001,E06000001\n".to_vec(),
    );
    s.add("2024-01-x-street.csv", file.into_bytes());
    s.add("empty-street.csv", Vec::new());
    s.add_unreadable(
        "gone.csv",
        "gone.csv: cannot open: no such file".to_string().into(),
    );
    s.start_mapped(
        AreaMapper::each_lsoa(),
        Level::Lsoa,
        None,
        Categories::default(),
    )
    .unwrap();
    let done = s.finish().unwrap();
    assert_eq!((done.report.rows_read, done.report.accepted), (1, 1));
    let status: Vec<&FileStatus> = done.files.iter().map(|f| &f.status).collect();
    assert!(
        matches!(status[0], FileStatus::Failed(m) if m.to_string() == "lookup.csv: an ONS area lookup: LSOA → ward → local authority, not police.uk street data (only those are read here)"),
        "{:?}",
        status[0]
    );
    assert_eq!(status[1], &FileStatus::Read);
    assert!(
        matches!(status[2], FileStatus::Failed(m) if m.to_string() == "empty-street.csv: not a file the explorer reads: the file is empty"),
        "{:?}",
        status[2]
    );
    assert!(
        matches!(status[3], FileStatus::Failed(m) if m.to_string().starts_with("gone.csv: cannot open"))
    );
    // The lookup was not read: the mapping is the one given (by LSOA).
    let areas: Vec<&str> = done
        .data
        .dataset
        .cube
        .areas()
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(areas, ["E01000001"]);
}

/// A file that cannot be read from its `fails_at`-th read on (changed or
/// gone while being read); the first read is the look at its start.
struct FailsAt {
    bytes: Vec<u8>,
    fails_at: usize,
    reads: usize,
}

impl cse::data::zip::ReadAt for FailsAt {
    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        self.reads += 1;
        if self.reads >= self.fails_at {
            return Err("the file changed".to_string());
        }
        let start = offset as usize;
        buf.copy_from_slice(&self.bytes[start..start + buf.len()]);
        Ok(())
    }
}

#[test]
fn a_file_that_fails_mid_read_says_its_rows_before_are_counted() {
    let mut file = HEADER.to_string();
    for _ in 0..10 {
        file += &row("2024-01", "E01000001", "Drugs");
    }
    let mut s = LoadSession::new();
    // Steps of the header and a bit: the third step fails (the first
    // read is the sample of its rows' areas, when it is added).
    s.set_step_bytes(HEADER.len() + 2);
    s.add(
        "2024-01-x-street.csv",
        FailsAt {
            bytes: file.into_bytes(),
            fails_at: 5,
            reads: 0,
        },
    );
    s.start(None, None).unwrap();
    let done = s.finish().unwrap();
    let FileStatus::Partly(m) = &done.files[0].status else {
        panic!("{:?}", done.files[0].status);
    };
    let rows = done.report.rows_read;
    assert!((1..10).contains(&rows), "{rows}");
    assert_eq!(
        m.to_string(),
        format!("2024-01-x-street.csv: cannot be read to its end: the file changed (its {rows} rows read before are counted)")
    );
    assert!(done.report.adds_up());
}
