//! Codes no lookup knows ([`UnknownCodes`]): how many rows had them, the
//! commonest few, and, when they look like LSOA codes of another vintage
//! than the lookups' (2011 codes with only a 2021 lookup, the trap of
//! police.uk files before mid-2023), what to add. Rows with such codes are
//! not "outside the area": nothing says where they lie.

use serde::Serialize;

use crate::i18n::{Msg, Text};

use super::lookup::Lookup;

/// How many unknown codes are named.
pub const NAMED: usize = 5;

/// The LSOA vintages a chain of lookups knows, to explain codes it does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vintage {
    /// The year of the mapping (last) lookup's LSOA codes: 21 for `LSOA21CD`.
    pub year: Option<u32>,
    /// True when a bridge (e.g. `LSOA11CD` → `LSOA21CD`) was given.
    pub bridged: bool,
}

impl Vintage {
    /// The vintages of a chain: bridges first, the mapping lookup last.
    pub fn of(lookups: &[Lookup]) -> Vintage {
        Vintage {
            year: lookups.last().and_then(Lookup::lsoa_year),
            bridged: lookups.iter().any(Lookup::is_bridge),
        }
    }
}

/// One code no lookup knows, and its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownCode {
    /// The code as the file has it.
    pub code: String,
    /// Rows with it.
    pub rows: u64,
}

/// The rows whose code no lookup knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnknownCodes {
    /// Rows with an unknown code.
    pub rows: u64,
    /// Different unknown codes.
    pub distinct: usize,
    /// The commonest [`NAMED`] codes: most rows first, then by code.
    pub examples: Vec<UnknownCode>,
    /// What to add when the codes look like LSOA codes of another vintage.
    pub hint: Option<Text>,
}

/// True for an England or Wales LSOA code: `E01` or `W01` and six digits.
fn lsoa_shaped(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9
        && (b.starts_with(b"E01") || b.starts_with(b"W01"))
        && b.iter().skip(3).all(u8::is_ascii_digit)
}

/// What to add, given that (mostly) LSOA-shaped codes are unknown.
fn hint(vintage: &Vintage) -> Text {
    let bridge = || Text::msg(Msg::UnknownBridge);
    let year = |y: u32| format!("{y:02}");
    match vintage.year {
        _ if vintage.bridged => Text::msg(Msg::UnknownHintBridged),
        Some(21) => Text::msg(Msg::UnknownHint2011).with("bridge", bridge()),
        Some(y) if y < 21 => Text::msg(Msg::UnknownHintNewer)
            .with("year", year(y))
            .with("bridge", bridge()),
        Some(y) => Text::msg(Msg::UnknownHintOther)
            .with("year", year(y))
            .with("bridge", bridge()),
        None => Text::msg(Msg::UnknownHintVintage).with("bridge", bridge()),
    }
}

impl UnknownCodes {
    /// From every unknown code with its rows, in any order.
    pub fn new(mut counts: Vec<(String, u64)>, vintage: &Vintage) -> UnknownCodes {
        let rows = counts.iter().map(|(_, n)| n).sum();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let shaped = counts.iter().filter(|(c, _)| lsoa_shaped(c)).count();
        let hint = (shaped > 0 && shaped * 2 >= counts.len()).then(|| hint(vintage));
        UnknownCodes {
            rows,
            distinct: counts.len(),
            examples: counts
                .into_iter()
                .take(NAMED)
                .map(|(code, rows)| UnknownCode { code, rows })
                .collect(),
            hint,
        }
    }

    /// The report's sentence (`None` without unknown codes): the rows, the
    /// commonest codes, and the hint.
    pub fn sentence(&self) -> Option<Text> {
        if self.rows == 0 {
            return None;
        }
        let named: Vec<Text> = self
            .examples
            .iter()
            .map(|e| {
                Text::msg(Msg::UnknownCode)
                    .with("code", e.code.as_str())
                    .with("rows", Text::Count(e.rows, Msg::UnitRow))
            })
            .collect();
        let more = self.distinct.saturating_sub(named.len());
        let sentence = if more > 0 {
            Text::msg(Msg::UnknownCodesMore).with("more", crate::format::thousands(more as u64))
        } else {
            Text::msg(Msg::UnknownCodes)
        };
        let sentence = sentence
            .with("rows", Text::Count(self.rows, Msg::UnitRow))
            .with("codes", Text::Join(", ", named));
        Some(match &self.hint {
            Some(h) => Text::Join(" ", vec![sentence, h.clone()]),
            None => sentence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[(&str, u64)]) -> Vec<(String, u64)> {
        list.iter().map(|(c, n)| (c.to_string(), *n)).collect()
    }

    #[test]
    fn the_commonest_codes_are_named_with_the_bridge_for_a_2021_lookup() {
        let v = Vintage {
            year: Some(21),
            bridged: false,
        };
        let list = [
            ("E01000005", 2),
            ("E01000001", 7),
            ("E01000003", 2),
            ("W01000002", 1),
            ("E01000009", 4),
            ("E01000004", 1),
        ];
        let u = UnknownCodes::new(codes(&list), &v);
        assert_eq!((u.rows, u.distinct), (17, 6));
        let named: Vec<(&str, u64)> = u
            .examples
            .iter()
            .map(|e| (e.code.as_str(), e.rows))
            .collect();
        // By rows, then by code: E01000004 (1) and W01000002 (1) tie; E01… first.
        assert_eq!(
            named,
            [
                ("E01000001", 7),
                ("E01000009", 4),
                ("E01000003", 2),
                ("E01000005", 2),
                ("E01000004", 1)
            ]
        );
        let s = u.sentence().unwrap().to_string();
        assert!(
            s.starts_with("17 rows have an LSOA code no lookup lists, so they are in no area (not outside it either): E01000001 (7 rows), E01000009 (4 rows), E01000003 (2 rows), E01000005 (2 rows), E01000004 (1 row) and 1 more. They look like 2011 LSOA codes"),
            "{s}"
        );
        assert!(
            s.ends_with("add the 2011 → 2021 bridge (LSOA11CD → LSOA21CD), e.g. lsoa11_to_lsoa21_best_fit_lookup.csv."),
            "{s}"
        );
    }

    #[test]
    fn the_hint_follows_the_lookups_and_the_shape_of_the_codes() {
        let one = |c: &str| codes(&[(c, 1)]);
        let with = |year, bridged| Vintage { year, bridged };
        let h = |c: &str, v: Vintage| UnknownCodes::new(one(c), &v).hint.map(|h| h.to_string());
        assert!(h("E01033000", with(Some(11), false))
            .unwrap()
            .contains("newer than the lookup's (LSOA11CD)"));
        assert!(h("E01033000", with(Some(21), true))
            .unwrap()
            .contains("neither the bridge nor the lookup"));
        assert!(h("E01033000", with(None, false))
            .unwrap()
            .contains("another vintage"));
        // Not LSOA codes: no vintage to suggest.
        assert_eq!(h("E05000001", with(Some(21), false)), None);
        assert_eq!(h("E0100000X", with(Some(21), false)), None);
        assert_eq!(UnknownCodes::default().sentence(), None);
    }
}
