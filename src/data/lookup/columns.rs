//! Finding a lookup's columns among its headers, under any year's ONS
//! names (`LSOA21CD`, `WD25CD`…) or spelled out (`LSOA Code`).

use super::{Level, LEVELS};

/// True when normalised header `h` is `<prefix><digits><suffix>`, e.g.
/// `wd25cd` for prefix `wd` and suffix `cd`.
fn is_ons_name(h: &str, prefix: &str, suffix: &str) -> bool {
    h.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|year| {
            (1..=4).contains(&year.len()) && year.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The first column holding `level` codes (`suffix` = `cd`), names (`nm`)
/// or Welsh names (`nmw`, ONS's `WD25NMW`; spelled out, `Ward name
/// (Welsh)`).
fn find_column(headers: &[String], level: Level, suffix: &str) -> Option<usize> {
    let (prefixes, spelled) = level.column_names();
    let word = match suffix {
        "cd" => "code",
        "nm" => "name",
        _ => "name (welsh)",
    };
    headers.iter().position(|h| {
        prefixes.iter().any(|p| is_ons_name(h, p, suffix))
            || spelled
                .iter()
                .any(|s| h.strip_prefix(s).and_then(|r| r.strip_prefix(' ')) == Some(word))
    })
}

/// The year of an ONS LSOA code column (`lsoa11cd` → 11), if it is one.
pub(super) fn lsoa_year(h: &str) -> Option<u32> {
    if !is_ons_name(h, "lsoa", "cd") {
        return None;
    }
    h.strip_prefix("lsoa")
        .and_then(|r| r.strip_suffix("cd"))
        .and_then(|y| y.parse().ok())
}

/// The key LSOA column and, for a bridge, the successor column: with two
/// or more ONS LSOA code columns of different years, the oldest is the key
/// and the newest the successor.
fn lsoa_columns(headers: &[String]) -> (Option<usize>, Option<usize>) {
    let mut dated: Vec<(u32, usize)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| lsoa_year(h).map(|y| (y, i)))
        .collect();
    dated.sort();
    match (dated.first(), dated.last()) {
        (Some(&(y0, old)), Some(&(y1, new))) if y0 != y1 => (Some(old), Some(new)),
        _ => (find_column(headers, Level::Lsoa, "cd"), None),
    }
}

/// Where a lookup's columns are: codes, names and Welsh names of each
/// level (in [`LEVELS`] order), and the successor LSOA code of a bridge.
pub(super) struct Columns {
    pub(super) codes: [Option<usize>; 4],
    pub(super) names: [Option<usize>; 4],
    pub(super) names_cy: [Option<usize>; 4],
    pub(super) successor: Option<usize>,
}

impl Columns {
    pub(super) fn find(headers: &[String]) -> Columns {
        let (key_col, successor) = lsoa_columns(headers);
        // The LSOA name columns of the key's year (`LSOA11NM` and
        // `LSOA11NMW` for `LSOA11CD`): a bridge's newer LSOAs' names are
        // not the key's.
        let key_stem = key_col.and_then(|c| headers[c].strip_suffix("cd"));
        let names = |suffix: &str| {
            let key_name = key_stem.map(|stem| format!("{stem}{suffix}"));
            LEVELS.map(|l| match (l, &key_name) {
                (Level::Lsoa, Some(n)) => headers
                    .iter()
                    .position(|h| h == n)
                    .or_else(|| find_column(headers, l, suffix)),
                _ => find_column(headers, l, suffix),
            })
        };
        Columns {
            codes: LEVELS.map(|l| match l {
                Level::Lsoa => key_col,
                _ => find_column(headers, l, "cd"),
            }),
            names: names("nm"),
            names_cy: names("nmw"),
            successor,
        }
    }
}
