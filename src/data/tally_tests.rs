//! Tests of the dense [`Tally`] against the sparse [`CubeBuilder`] path it
//! replaced: the same rows must give the same cube, report and quality.

use std::collections::BTreeMap;

use super::*;
use crate::data::category::Category;
use crate::data::cube::CubeBuilder;
use crate::data::lookup::{read_lookup, Level};

const LOOKUP: &[u8] = include_bytes!("../../tests/fixtures/lookup/lsoa_ward_lad.csv");

fn category(name: &str) -> Category {
    Category {
        name: name.to_string(),
        group: name.to_string(),
        is_crime: true,
        source: None,
    }
}

/// A small xorshift, so that the rows are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Counts `rows` (month, category, LSOA code or "") through a tally and,
/// independently, through a `CubeBuilder` as the sparse path did.
fn both(mapper: AreaMapper, names: &[&str], rows: &[(Month, u32, String)]) -> (Prepared, Cube) {
    let keep = mapper.keeps_unallocated();
    let categories = Categories::new(names.iter().map(|n| category(n)).collect());
    let mut tally = Tally::new(mapper, categories);
    let mut placed = Vec::new();
    for (month, cat, code) in rows {
        let place = if code.is_empty() {
            Placement::NotAllocated
        } else {
            tally.mapper.place(code.as_bytes())
        };
        tally.count(*month, *cat, place);
        placed.push((*month, *cat, place));
    }
    let mut codes = tally.mapper.codes().to_vec();
    codes.sort();
    let mut b = CubeBuilder::new()
        .with_areas(codes.iter().map(String::as_str))
        .with_categories(names.iter().copied());
    for (month, cat, place) in placed {
        b.cover_month(month);
        let name = names[cat as usize];
        match place {
            Placement::Area(a) | Placement::Bridged(a) => {
                b.add(Some(&tally.mapper.codes()[a as usize]), month, name, 1);
            }
            Placement::NotAllocated if keep => {
                b.add(None, month, name, 1);
            }
            _ => {}
        }
    }
    (tally.finish().unwrap(), b.build().unwrap())
}

fn rows(
    rng: &mut Rng,
    codes: &[&str],
    months: &[&str],
    n: usize,
    k: u64,
) -> Vec<(Month, u32, String)> {
    let mut month = months[0];
    (0..n)
        .map(|_| {
            // Runs of one month, as files hold, broken now and then.
            if rng.below(50) == 0 {
                month = months[rng.below(months.len() as u64) as usize];
            }
            let code = codes[rng.below(codes.len() as u64) as usize];
            (
                month.parse().unwrap(),
                rng.below(k) as u32,
                code.to_string(),
            )
        })
        .collect()
}

#[test]
fn dense_counts_match_the_sparse_builder_for_each_lsoa() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // Codes short, long (past the packed length) and one prefix of another;
    // months out of order with a gap; a category named twice.
    let codes = [
        "E01000001",
        "E01000002",
        "W01000003",
        "E01",
        "E01000001000000000000",
        "E010000010000000",
        "",
    ];
    let months = ["2024-03", "2023-11", "2024-02", "2023-12"];
    let names = ["Drugs", "Burglary", "Drugs", "Robbery"];
    let rows = rows(&mut rng, &codes, &months, 5000, 4);
    let (p, sparse) = both(AreaMapper::each_lsoa(), &names, &rows);
    assert_eq!(p.cube, sparse);
    assert_eq!(p.cube.categories(), ["Drugs", "Burglary", "Robbery"]);
    assert_eq!(p.cube.month_count(), 5, "2023-11 … 2024-03");
    assert_eq!(p.cube.grand_total(), 5000);
    let r = &p.report;
    assert_eq!(r.accepted + r.not_allocated, 5000);
    let mut totals = BTreeMap::new();
    for (m, _, _) in &rows {
        *totals.entry(*m).or_insert(0) += 1;
    }
    assert_eq!(p.quality, Quality::from_month_totals(&totals));
}

#[test]
fn dense_counts_match_the_sparse_builder_through_a_lookup() {
    let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let codes = [
        "E01000001",
        "E01000002",
        "E01000003",
        "E01000004",
        "E01999999",
        "",
    ];
    let months = ["2024-01", "2024-02"];
    let names = ["Drugs", "Burglary"];
    for within in [None, Some("E06000001")] {
        let mapper = AreaMapper::from_lookup(&lookup, Level::Ward, within).unwrap();
        let rows = rows(&mut rng, &codes, &months, 3000, 2);
        let (p, sparse) = both(mapper, &names, &rows);
        assert_eq!(p.cube, sparse, "within {within:?}");
        // E01999999 is in no lookup: unknown, never outside; E01000004
        // lies outside E06000001.
        let unknown = rows.iter().filter(|r| r.2 == "E01999999").count() as u64;
        assert_eq!(p.report.unknown_code, unknown);
        assert_eq!(p.unknown.rows, unknown);
        let outside = rows.iter().filter(|r| r.2 == "E01000004").count() as u64;
        assert_eq!(
            p.report.outside_area,
            if within.is_some() { outside } else { 0 }
        );
        assert!(p.report.not_allocated > 0);
        let kept: u64 = (0..2)
            .map(|m| p.cube.unallocated_month(m).iter().sum::<u32>() as u64)
            .sum();
        assert_eq!(kept > 0, within.is_none());
    }
}

#[test]
fn an_empty_tally_lists_the_areas_and_no_months() {
    let (lookup, _) = read_lookup("lookup.csv", LOOKUP).unwrap();
    let mapper = AreaMapper::from_lookup(&lookup, Level::Ward, None).unwrap();
    let (p, sparse) = both(mapper, &["Drugs"], &[]);
    assert_eq!(p.cube, sparse);
    assert_eq!(p.cube.areas().len(), 3);
    assert_eq!(p.cube.month_count(), 0);
}
