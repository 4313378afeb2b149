//! A wide table's header: which columns are months, which name the area
//! (by code, by name), its parent, and the offence classes.
//!
//! Found by the headers' words, in any case and with `_`, `-` or spaces
//! (`WardCode`, `Ward_Code`, `LSOA Code`, `LookUp_BoroughName`, `Borough`,
//! `MajorText`, `Major Category`…): a code column ends in `code` or `cd`
//! (`WD22CD`), a name column in `name` or `nm`, or is a level's word alone
//! (`Borough`, `Ward`); its level is the word it holds (LSOA, MSOA, ward,
//! borough or district). The area is the finest level found; its parent
//! the next one up (by code when there is a code column, else by name).

use crate::data::month::Month;

use super::months::month_header;

/// The columns of a wide table, by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WideColumns {
    /// The headers as written (for messages: a cell is named by its column).
    pub headers: Vec<String>,
    /// Each month column and its month, in the file's order.
    pub months: Vec<(usize, Month)>,
    /// The area's code column.
    pub code: Option<usize>,
    /// The area's name column.
    pub name: Option<usize>,
    /// The parent's code column.
    pub parent_code: Option<usize>,
    /// The parent's name column.
    pub parent_name: Option<usize>,
    /// The offence group's column (`MajorText`).
    pub group: Option<usize>,
    /// The offence class's column (`MinorText`, or a single `Category`).
    pub category: Option<usize>,
}

/// Headers (letters and digits only, lower case) of an offence group.
const GROUP: [&str; 6] = [
    "majortext",
    "majorcategory",
    "major",
    "offencegroup",
    "crimegroup",
    "categorygroup",
];

/// Headers of an offence class (or the only offence column).
const CATEGORY: [&str; 9] = [
    "minortext",
    "minorcategory",
    "minor",
    "category",
    "crimetype",
    "offence",
    "offencetype",
    "offencesubgroup",
    "crimecategory",
];

/// Letters and digits only, in lower case: `LookUp_BoroughName` →
/// `lookupboroughname`.
fn squash(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// How fine a level a header's words name: 0 LSOA … 3 borough or
/// district; 0 too for a header that names none (`area code`, `code`):
/// the area itself.
fn level_of(squashed: &str) -> u8 {
    const WORDS: [(&str, u8); 8] = [
        ("lsoa", 0),
        ("msoa", 1),
        ("ward", 2),
        ("wd", 2),
        ("borough", 3),
        ("district", 3),
        ("localauthority", 3),
        ("lad", 3),
    ];
    // The longest word found decides.
    WORDS
        .iter()
        .filter(|(w, _)| holds(squashed, w))
        .max_by_key(|(w, _)| w.len())
        .map_or(0, |(_, level)| *level)
}

/// Whether `squashed` holds `word`. (A byte search: `str::contains`
/// would bring std's substring searcher into the bundles.)
fn holds(squashed: &str, word: &str) -> bool {
    squashed
        .as_bytes()
        .windows(word.len())
        .any(|x| x == word.as_bytes())
}

/// What a geography column holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Geo {
    Code,
    Name,
}

/// A geography column's kind, when the header is one.
fn geo_of(squashed: &str) -> Option<Geo> {
    const ALONE: [&str; 7] = ["borough", "ward", "lsoa", "msoa", "district", "area", "lad"];
    if squashed.ends_with("code") || (squashed.ends_with("cd") && squashed.len() <= 8) {
        Some(Geo::Code)
    } else if squashed.ends_with("name") || squashed.ends_with("nm") || ALONE.contains(&squashed) {
        Some(Geo::Name)
    } else {
        None
    }
}

impl WideColumns {
    /// The columns of the header `headers` (as written); `None` when it is
    /// not a wide table: fewer than two month columns, or no column
    /// naming an area.
    pub fn find(headers: &[String]) -> Option<WideColumns> {
        let months: Vec<(usize, Month)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| month_header(h).map(|m| (i, m)))
            .collect();
        if months.len() < 2 {
            return None;
        }
        let mut cols = WideColumns {
            headers: headers.to_vec(),
            months,
            code: None,
            name: None,
            parent_code: None,
            parent_name: None,
            group: None,
            category: None,
        };
        // (level, kind, column) of every geography column.
        let mut geo: Vec<(u8, Geo, usize)> = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if cols.months.iter().any(|(c, _)| *c == i) {
                continue;
            }
            let s = squash(h);
            if GROUP.contains(&s.as_str()) {
                cols.group = cols.group.or(Some(i));
            } else if CATEGORY.contains(&s.as_str()) {
                cols.category = cols.category.or(Some(i));
            } else if let Some(kind) = geo_of(&s) {
                geo.push((level_of(&s), kind, i));
            }
        }
        // The finest level and the next one up (no sort: each comparator
        // would bring a copy of std's sort into the bundles).
        let finest = geo.iter().map(|(l, _, _)| *l).min();
        let next = geo
            .iter()
            .map(|(l, _, _)| *l)
            .filter(|l| Some(*l) > finest)
            .min();
        let at = |level: Option<u8>, kind: Geo| {
            let level = level?;
            geo.iter()
                .find(|(l, k, _)| *l == level && *k == kind)
                .map(|(_, _, i)| *i)
        };
        cols.code = at(finest, Geo::Code);
        cols.name = at(finest, Geo::Name);
        cols.parent_code = at(next, Geo::Code);
        cols.parent_name = at(next, Geo::Name);
        if cols.category.is_none() {
            // A single offence column given as a group's header.
            cols.category = cols.group.take();
        }
        (cols.code.is_some() || cols.name.is_some()).then_some(cols)
    }

    /// The header of column `i` as written.
    pub fn header(&self, i: usize) -> &str {
        self.headers.get(i).map_or("", String::as_str)
    }

    /// The first and last months of the columns.
    pub fn span(&self) -> (Month, Month) {
        let mut months = self.months.iter().map(|(_, m)| *m);
        let first = months.next().unwrap_or(Month::JAN_2000);
        months.fold((first, first), |(lo, hi), m| (lo.min(m), hi.max(m)))
    }

    /// What the table calls its parents, when its header says boroughs
    /// (the Met's `LookUp_BoroughName`): the pages then rank boroughs, not
    /// districts.
    pub fn parent_noun(&self) -> Option<&'static str> {
        let column = self.parent_name.or(self.parent_code)?;
        holds(&squash(self.header(column)), "borough").then_some("borough")
    }

    /// The column the area is known by: its code, else its name.
    pub fn area_column(&self) -> usize {
        self.code.or(self.name).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(header: &str) -> Option<WideColumns> {
        let headers: Vec<String> = header.split(',').map(str::to_string).collect();
        WideColumns::find(&headers)
    }

    #[test]
    fn the_met_ward_and_borough_tables() {
        let c =
            cols("MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202112,202201").unwrap();
        assert_eq!(
            (
                c.group,
                c.category,
                c.name,
                c.code,
                c.parent_name,
                c.parent_code
            ),
            (Some(0), Some(1), Some(2), Some(3), Some(4), None)
        );
        assert_eq!(c.months.len(), 2);
        let c = cols("MajorText,MinorText,LookUp_BoroughName,202112,202201").unwrap();
        assert_eq!((c.code, c.name, c.parent_name), (None, Some(2), None));
        // The Met's older LSOA table.
        let c = cols("LSOA Code,LSOA Name,Borough,Major Category,Minor Category,201801,201802")
            .unwrap();
        assert_eq!(
            (c.code, c.name, c.parent_name, c.group, c.category),
            (Some(0), Some(1), Some(2), Some(3), Some(4))
        );
    }

    #[test]
    fn a_single_offence_column_and_parent_codes() {
        let c = cols("Ward_Code,Ward_Name,LAD23CD,Offence Group,Nov-23,Dec-23").unwrap();
        assert_eq!((c.code, c.name, c.parent_code), (Some(0), Some(1), Some(2)));
        assert_eq!((c.group, c.category), (None, Some(3)));
    }

    #[test]
    fn parents_headed_borough_are_called_boroughs() {
        let noun = |header: &str| cols(header).unwrap().parent_noun();
        assert_eq!(
            noun("MajorText,MinorText,WardName,WardCode,LookUp_BoroughName,202112,202201"),
            Some("borough")
        );
        assert_eq!(
            noun("LSOA Code,LSOA Name,BOROUGH,Minor Category,201801,201802"),
            Some("borough")
        );
        assert_eq!(
            noun("Ward_Code,Ward_Name,LAD23CD,Offence,Nov-23,Dec-23"),
            None
        );
        assert_eq!(
            noun("LookUp_BoroughName,MinorText,202112,202201"),
            None,
            "the borough is the area here, with no parent"
        );
    }

    #[test]
    fn not_wide_tables() {
        assert!(cols("month,area_code,category,count").is_none());
        assert!(cols("MajorText,MinorText,202311").is_none(), "one month");
        assert!(
            cols("MajorText,MinorText,202310,202311").is_none(),
            "no area"
        );
    }
}
