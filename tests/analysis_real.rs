//! The analysis layer on real police.uk data: West Yorkshire, July 2018 vs
//! July 2017, by category, by district and by MSOA (with the ONS LSOA 2011
//! hierarchy), and district crime rates with the 2011 Census populations.
//!
//! Every figure is checked against an independent computation written here:
//! plain, hand-written line splitting of the police.uk CSVs, the hierarchy
//! and the population table (not the app's readers), summed in hash maps.
//! p-values are checked against SciPy 1.17.1, `scipy.stats.binomtest(b,
//! a + b, 0.5).pvalue` (one month against one month), values listed below.
//!
//! The data must be present in `../shared/data` (see its README); a test
//! that cannot find it fails loudly rather than passing vacuously.

// Test helpers outside #[test] functions: a failure is the test failing.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use cse::analysis::{compare_by, By, Period, PeriodPair, RowRole, Scope};
use cse::data::{AreaMapper, Categories, Dataset, PoliceUkAggregator, ASB};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(DATA);
    assert!(
        dir.join("police-uk-west-yorkshire").is_dir(),
        "REAL DATA MISSING: {} has no police-uk-west-yorkshire folder. These tests need \
         ../shared/data (see its README); they fail rather than skip.",
        dir.display()
    );
    dir
}

/// Splits one CSV line: commas outside double quotes separate fields;
/// `""` inside quotes is a quote.
fn split_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.trim_end_matches(['\r', '\n']).chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// Rows of a CSV file as header → index and the split data lines.
fn table(path: &Path) -> (HashMap<String, usize>, Vec<Vec<String>>) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header = split_line(lines.next().unwrap().trim_start_matches('\u{feff}'));
    let mut index = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        index.entry(h.clone()).or_insert(i);
    }
    let rows = lines
        .filter(|l| !l.trim().is_empty())
        .map(split_line)
        .collect();
    (index, rows)
}

/// One July's rows: (LSOA code, crime type) for every row.
fn july(year: u32) -> Vec<(String, String)> {
    let path = data_dir().join(format!(
        "police-uk-west-yorkshire/{year}-07-west-yorkshire-street.csv"
    ));
    let (col, rows) = table(&path);
    let (lsoa, kind) = (col["LSOA code"], col["Crime type"]);
    rows.into_iter()
        .map(|r| (r[lsoa].clone(), r[kind].clone()))
        .collect()
}

/// LSOA 2011 → (MSOA, local authority) from the hierarchy file.
fn hierarchy() -> HashMap<String, (String, String)> {
    let (col, rows) = table(&data_dir().join("ons/lsoa11_hierarchy_police_force.csv"));
    let (l, m, d) = (
        col["LSOA Code"],
        col["MSOA Code"],
        col["Local authority code"],
    );
    rows.into_iter()
        .map(|r| (r[l].clone(), (r[m].clone(), r[d].clone())))
        .collect()
}

fn pair() -> PeriodPair {
    PeriodPair {
        previous: Period::parse("2017-07..2017-07").unwrap(),
        current: Period::parse("2018-07..2018-07").unwrap(),
    }
}

/// Crime (not ASB) counts per key, `key_of` giving `None` for rows that go
/// to no key.
fn crime_by(
    rows: &[(String, String)],
    key_of: impl Fn(&str) -> Option<String>,
) -> HashMap<String, u64> {
    let mut out = HashMap::new();
    for (lsoa, kind) in rows {
        if kind == ASB {
            continue;
        }
        let key = key_of(lsoa).unwrap_or_else(|| "not-allocated".to_string());
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

#[test]
fn category_table_matches_plain_counting_and_scipy() {
    let dir = data_dir().join("police-uk-west-yorkshire");
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    for year in [2016, 2017, 2018] {
        let name = dir.join(format!("{year}-07-west-yorkshire-street.csv"));
        agg.read(&name.display().to_string(), fs::File::open(&name).unwrap())
            .unwrap();
    }
    let prepared = agg.finish().unwrap();
    let ds = Dataset::new(prepared.cube, Vec::new(), &Categories::default());
    let rows = compare_by(&ds, Scope::Whole, &pair(), &By::Category).unwrap();

    let (prev, cur) = (july(2017), july(2018));
    let by_type = |rows: &[(String, String)]| {
        let mut m: HashMap<String, u64> = HashMap::new();
        for (_, kind) in rows {
            *m.entry(kind.clone()).or_insert(0) += 1;
        }
        m
    };
    let (p, c) = (by_type(&prev), by_type(&cur));
    assert_eq!(rows.len(), 14 + 1, "13 crime types, the total, ASB");
    for row in &rows {
        let (want_p, want_c) = match row.role {
            RowRole::Total => (
                p.iter().filter(|(k, _)| *k != ASB).map(|(_, v)| v).sum(),
                c.iter().filter(|(k, _)| *k != ASB).map(|(_, v)| v).sum(),
            ),
            _ => (p[&row.key], c[&row.key]),
        };
        let got = (row.comparison.previous, row.comparison.current);
        assert_eq!(got, (want_p, want_c), "{}", row.key);
    }
    // Shares add to 100% over the crime types.
    let shares: f64 = rows
        .iter()
        .filter(|r| r.role == RowRole::Part)
        .filter_map(|r| r.comparison.share_pct)
        .sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");
    // SciPy: all crime binomtest(26193, 48775, 0.5) = 4.1178920637737577e-60;
    // burglary binomtest(2029, 4260, 0.5) = 0.0020693816498388237.
    // Rate-ratio interval: Clopper-Pearson ends from SciPy
    // beta.ppf(0.025, b, a+1) and beta.ppf(0.975, b+1, a), each as π/(1−π).
    let scipy = [
        (
            "all-crime",
            (22582, 26193),
            4.117_892_063_773_757_7e-60,
            (1.139_400_973_236_656_6, 1.180_787_177_767_400_4),
        ),
        (
            "Burglary",
            (2231, 2029),
            0.002_069_381_649_838_823_7,
            (0.855_964_596_383_247_6, 0.966_251_570_475_183_5),
        ),
    ];
    for (key, counts, p_value, (rr_low, rr_high)) in scipy {
        let row = rows.iter().find(|r| r.key == key).unwrap();
        let c = &row.comparison;
        assert_eq!(
            (c.previous, c.current),
            counts,
            "the counts SciPy was given for {key}"
        );
        assert!(
            (c.test.p_value / p_value - 1.0).abs() < 1e-9,
            "{key}: {} vs {p_value}",
            c.test.p_value
        );
        let ratio = c.current as f64 / c.previous as f64;
        assert!(c.test.rr_low.unwrap() < ratio && ratio < c.test.rr_high.unwrap());
        assert!(
            (c.test.rr_low.unwrap() / rr_low - 1.0).abs() < 1e-6,
            "{key} low"
        );
        assert!(
            (c.test.rr_high.unwrap() / rr_high - 1.0).abs() < 1e-6,
            "{key} high"
        );
    }
}

/// Runs the CLI, returning the CSV it wrote as rows keyed by header.
fn cli(args: &[&str]) -> Vec<HashMap<String, String>> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let out =
        std::env::temp_dir().join(format!("cse-analysis-real-{}-{n}.csv", std::process::id()));
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(["--out".to_string(), out.display().to_string()]);
    cse::cli::run(&all).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    let (col, rows) = table(&out);
    let _ = fs::remove_file(&out);
    rows.into_iter()
        .map(|r| {
            col.iter()
                .map(|(h, &i)| (h.clone(), r[i].clone()))
                .collect()
        })
        .collect()
}

/// Writes the LSOA-level counts file with `prepare` (once per test).
fn counts_file(tag: &str) -> String {
    let dir = data_dir().join("police-uk-west-yorkshire");
    let out = std::env::temp_dir().join(format!(
        "cse-analysis-real-counts-{tag}-{}.csv",
        std::process::id()
    ));
    let out = out.display().to_string();
    let args: Vec<String> = ["prepare", "--out", &out, &dir.display().to_string()]
        .iter()
        .map(|s| s.to_string())
        .collect();
    cse::cli::run(&args).unwrap();
    out
}

#[test]
fn districts_and_msoas_match_plain_counting_and_scipy() {
    let counts = counts_file("areas");
    let lookup = data_dir()
        .join("ons/lsoa11_hierarchy_police_force.csv")
        .display()
        .to_string();
    let h = hierarchy();
    let (prev, cur) = (july(2017), july(2018));
    for (level, pick) in [("district", 1usize), ("msoa", 0)] {
        let key_of = |l: &str| {
            h.get(l)
                .map(|(m, d)| if pick == 0 { m.clone() } else { d.clone() })
        };
        let (want_p, want_c) = (crime_by(&prev, key_of), crime_by(&cur, key_of));
        let rows = cli(&[
            "compare",
            "--counts",
            &counts,
            "--lookup",
            &lookup,
            "--current",
            "2018-07..2018-07",
            "--previous",
            "2017-07..2017-07",
            "--by",
            "area",
            "--level",
            level,
        ]);
        let mut seen = 0;
        for row in &rows {
            let key = row["key"].as_str();
            let got: (u64, u64) = (
                row["previous"].parse().unwrap(),
                row["current"].parse().unwrap(),
            );
            if key == "whole" {
                let total = |m: &HashMap<String, u64>| m.values().sum::<u64>();
                assert_eq!(got, (total(&want_p), total(&want_c)), "{level} whole");
                continue;
            }
            let want = (
                *want_p.get(key).unwrap_or(&0),
                *want_c.get(key).unwrap_or(&0),
            );
            assert_eq!(got, want, "{level} {key}");
            // Areas with counts only in July 2016 or only of ASB list 0, 0.
            if want != (0, 0) {
                seen += 1;
            }
        }
        let keys: std::collections::HashSet<&String> = want_p.keys().chain(want_c.keys()).collect();
        assert_eq!(
            seen,
            keys.len(),
            "{level}: every area (and not allocated) listed once"
        );
        if level == "district" {
            // SciPy binomtest(current, previous + current, 0.5).pvalue, and
            // the rate-ratio interval from beta.ppf as above.
            for (code, counts, p, (rr_low, rr_high)) in [
                (
                    "E08000032",
                    (5514u64, 6839u64),
                    8.891_496_458_846_613e-33,
                    (1.196_894_889_061_942_6, 1.285_317_424_793_192_7),
                ),
                (
                    "E08000033",
                    (1856, 2162),
                    1.480_317_150_207_160_5e-6,
                    (1.094_310_931_657_451_5, 1.240_072_547_803_620_3),
                ),
                (
                    "E08000034",
                    (3215, 3794),
                    4.921_425_626_447_383e-12,
                    (1.125_633_673_794_238_3, 1.237_244_784_640_075_4),
                ),
                (
                    "E08000035",
                    (7664, 8865),
                    9.831_118_503_600_074e-21,
                    (1.121_753_410_257_937_4, 1.192_769_369_649_474_3),
                ),
                (
                    "E08000036",
                    (2828, 3683),
                    3.020_019_408_492_32e-26,
                    (1.239_713_931_977_944, 1.368_225_833_130_881_9),
                ),
            ] {
                let row = rows.iter().find(|r| r["key"] == code).unwrap();
                let got: (u64, u64) = (
                    row["previous"].parse().unwrap(),
                    row["current"].parse().unwrap(),
                );
                assert_eq!(got, counts, "the counts SciPy was given for {code}");
                let p_value: f64 = row["p_value"].parse().unwrap();
                assert!((p_value / p - 1.0).abs() < 1e-9, "{code}: {p_value} vs {p}");
                for (column, want) in [("rr_low", rr_low), ("rr_high", rr_high)] {
                    let got: f64 = row[column].parse().unwrap();
                    assert!(
                        (got / want - 1.0).abs() < 1e-6,
                        "{code} {column}: {got} vs {want}"
                    );
                }
                assert_eq!(row["verdict"], "significant increase");
            }
        }
    }
    let _ = fs::remove_file(&counts);
}

#[test]
fn district_rates_and_ranks_match_plain_computation() {
    let counts = counts_file("rank");
    let dir = data_dir();
    let lookup = dir
        .join("ons/lsoa11_hierarchy_police_force.csv")
        .display()
        .to_string();
    let population = dir
        .join("ons/lsoa11_population_2011.csv")
        .display()
        .to_string();
    let h = hierarchy();
    // Residents per district: every LSOA of the hierarchy, first "Persons".
    let (col, rows) = table(&dir.join("ons/lsoa11_population_2011.csv"));
    let (l, persons) = (col["LSOA Code"], col["Persons"]);
    let mut people: HashMap<String, u64> = HashMap::new();
    for r in rows {
        let n: u64 = r[persons].replace(',', "").trim().parse().unwrap();
        if let Some((_, d)) = h.get(&r[l]) {
            *people.entry(d.clone()).or_insert(0) += n;
        }
    }
    let district = |l: &str| h.get(l).map(|(_, d)| d.clone());
    let (want_p, want_c) = (
        crime_by(&july(2017), district),
        crime_by(&july(2018), district),
    );
    let got = cli(&[
        "rank",
        "--counts",
        &counts,
        "--lookup",
        &lookup,
        "--population",
        &population,
        "--preset",
        "month",
        "--level",
        "district",
        "--by",
        "rate",
    ]);
    // Independent rates over the districts listed, and competition ranks
    // (1 = highest; ties share the best).
    let rates = |m: &HashMap<String, u64>| -> HashMap<String, f64> {
        got.iter()
            .map(|row| {
                let code = row["area_code"].clone();
                let n = *m.get(&code).unwrap_or(&0) as f64;
                let residents = *people
                    .get(&code)
                    .unwrap_or_else(|| panic!("no residents for {code}"))
                    as f64;
                (code, n / residents * 1000.0)
            })
            .collect()
    };
    let rank_of = |rs: &HashMap<String, f64>, code: &str| {
        1 + rs.values().filter(|&&x| x > rs[code]).count() as u32
    };
    let (now, before) = (rates(&want_c), rates(&want_p));
    assert!(got.len() >= 5, "at least the five West Yorkshire districts");
    for row in &got {
        let code = row["area_code"].as_str();
        let count: u64 = row["current"].parse().unwrap();
        assert_eq!(count, *want_c.get(code).unwrap_or(&0), "{code} count");
        let rate: f64 = row["rate_per_1000"].parse().unwrap();
        assert!(
            (rate - now[code]).abs() <= 1e-12 * now[code].max(1.0),
            "{code}: {rate} vs {}",
            now[code]
        );
        let low: f64 = row["rate_low"].parse().unwrap();
        let high: f64 = row["rate_high"].parse().unwrap();
        assert!(low <= rate && rate < high, "{code}: interval {low}..{high}");
        let (r, b) = (rank_of(&now, code), rank_of(&before, code));
        assert_eq!(row["rank"].parse::<u32>().unwrap(), r, "{code} rank");
        assert_eq!(
            row["previous_rank"].parse::<u32>().unwrap(),
            b,
            "{code} previous rank"
        );
        assert_eq!(
            row["movement"].parse::<i64>().unwrap(),
            i64::from(b) - i64::from(r),
            "{code} movement"
        );
    }
    // The five West Yorkshire districts lead, Bradford first.
    assert_eq!(got[0]["area_code"], "E08000032");
    let _ = fs::remove_file(&counts);
}

/// Three Julys loaded as twelve-month periods: eleven months of each have
/// no data, so the periods are shown (the counts of the one July each) and
/// not compared, with a warning on stderr naming the months.
#[test]
fn years_made_of_one_july_each_are_not_compared() {
    let counts = counts_file("gaps");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_explorer-cli"))
        .args([
            "compare",
            "--counts",
            &counts,
            "--current",
            "2017-08..2018-07",
            "--previous",
            "2016-08..2017-07",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "warning: 11 of the 12 months in each period have no data (Aug 2017 \u{2013} \
             Jun 2018; Aug 2016 \u{2013} Jun 2017), so the two periods are not compared."
        ),
        "{stderr}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header = split_line(lines.next().unwrap());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let all = lines.map(split_line).find(|r| r[0] == "all-crime").unwrap();
    let crime = |year| july(year).iter().filter(|(_, t)| t != ASB).count();
    assert_eq!(all[col("current")], crime(2018).to_string());
    assert_eq!(all[col("previous")], crime(2017).to_string());
    for name in ["change", "pct_change", "p_value", "rr_low", "rr_high"] {
        assert_eq!(all[col(name)], "[x]", "{name}");
    }
    assert_eq!(all[col("verdict")], "not compared: months without data");
    assert_eq!(all[col("current_months_without_data")], "11");
    assert_eq!(all[col("previous_months_without_data")], "11");
    let _ = fs::remove_file(&counts);
}
