//! What every page needs: the periods, selection, disclosure rule, period
//! totals and area level resolved from the view state, and cell formatting
//! of shown figures.

use crate::analysis::compare::comparison_from_counts;
use crate::analysis::rate::VsWhole;
use crate::analysis::stats::Verdict;
use crate::analysis::{
    AreaLevel, Disclosure, LevelMap, PeriodPair, PeriodTotals, Selection, Shown,
};
use crate::analysis::{Comparison, Coverage, Scope, Which};
use crate::data::explorer_data::ExplorerData;
use crate::data::{Categories, Level};
pub use crate::format::in_sentence;
use crate::format::{signed, signed_pct, thousands};
use crate::state::ViewState;

use super::table::Cell;

/// The view state resolved against a dataset.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The two periods.
    pub pair: PeriodPair,
    /// What is counted (the state's selection, or all crime when it names
    /// nothing in the data).
    pub selection: Selection,
    /// What its counts are in sentences: `offences` for crime, else
    /// `incidents` (anti-social behaviour, or any category the categories
    /// file says is not crime).
    pub unit: &'static str,
    /// The disclosure rule of the dataset.
    pub rule: Disclosure,
    /// Per-area totals of both periods.
    pub totals: PeriodTotals,
    /// The months of each period without data for the selection.
    pub coverage: Coverage,
    /// The areas ranked and mapped.
    pub map: LevelMap,
    /// What those areas are, singular (e.g. `ward`).
    pub level_name: String,
    /// The name of the whole (e.g. `Demo Borough`).
    pub whole_name: String,
    /// What the page must say about the periods: a choice shown otherwise,
    /// months without data, different seasons ([`super::periods::notes`]).
    pub notes: Vec<String>,
}

impl Setup {
    /// The comparison of the selection for `scope`, from the period totals
    /// already summed (no second pass over the cube).
    pub fn comparison(&self, categories: &Categories, scope: Scope) -> Comparison {
        let mask = self.selection.mask(categories);
        let all = Selection::AllCrime.mask(categories);
        // What is not crime has no share of all crime.
        let all_crime = if self.selection.is_crime(categories) {
            self.totals.total(scope, &all, Which::Current)
        } else {
            0
        };
        comparison_from_counts(
            self.selection.clone(),
            self.totals.total(scope, &mask, Which::Previous),
            self.totals.total(scope, &mask, Which::Current),
            all_crime,
            &self.pair,
            self.coverage.clone(),
        )
    }
}

/// The name of the whole dataset for sentences: the manifest's, else
/// "the whole area".
pub fn whole_name(b: &ExplorerData) -> String {
    if b.manifest.whole_name.is_empty() {
        "the whole area".to_string()
    } else {
        b.manifest.whole_name.clone()
    }
}

/// Resolves `state` against `b`. An error is a sentence for the page.
pub fn setup(b: &ExplorerData, state: &ViewState) -> Result<Setup, String> {
    let cube = &b.dataset.cube;
    let (pair, fallback) = super::periods::resolve(b, state.period);
    let selection =
        Selection::parse(&state.select, &b.dataset.categories).unwrap_or(Selection::AllCrime);
    let totals = PeriodTotals::new(cube, &pair);
    let (level, level_name) = match state.level.parse::<Level>() {
        Ok(l) => (AreaLevel::Gss(l), l.name().to_string()),
        Err(_) => (AreaLevel::Base, b.manifest.area_level.clone()),
    };
    let level_name = level_words(&level_name).0;
    let map = LevelMap::new(&b.dataset, level, None);
    let whole_name = whole_name(b);
    let coverage = totals.coverage(&selection.mask(&b.dataset.categories));
    let notes = super::periods::notes(&pair, &coverage, fallback);
    let unit = if selection.is_crime(&b.dataset.categories) {
        "offences"
    } else {
        "incidents"
    };
    Ok(Setup {
        coverage,
        unit,
        notes,
        pair,
        selection,
        rule: Disclosure::from_manifest(&b.manifest),
        totals,
        map,
        level_name,
        whole_name,
    })
}

/// The dataset's areas as (name, code), sorted by name: what the ward
/// search and the embed builder offer.
pub fn area_choices(b: &ExplorerData) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = b
        .dataset
        .cube
        .areas()
        .iter()
        .map(|c| {
            (
                b.dataset.area_name(c.as_str()).to_string(),
                c.as_str().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// An area search (wards, local authorities): the code of the one area of
/// `choices` (name, code) whose name or code is `text` (any case), or else
/// whose name alone starts with it. `None` for empty text; an error
/// sentence naming the `noun` when no single area matches.
pub fn find_area(
    choices: &[(String, String)],
    text: &str,
    noun: &str,
) -> Option<Result<String, String>> {
    let wanted = text.trim().to_ascii_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let exact = choices
        .iter()
        .find(|(n, c)| n.to_ascii_lowercase() == wanted || c.to_ascii_lowercase() == wanted);
    let hit = exact.or_else(|| {
        let mut starts = choices
            .iter()
            .filter(|(n, _)| n.to_ascii_lowercase().starts_with(&wanted));
        match (starts.next(), starts.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    });
    Some(hit.map(|(_, code)| code.clone()).ok_or_else(|| {
        format!(
            "No single {noun} matches \u{201c}{}\u{201d}. Pick one from the list.",
            text.trim()
        )
    }))
}

/// A count cell: `1,234`, or its marker.
pub fn count_cell(v: Shown<u64>) -> Cell {
    match v {
        Shown::Value(n) => Cell::number(thousands(n), Some(n as f64)),
        other => Cell::number(other.marker().unwrap_or(""), None),
    }
}

/// A change cell: `+415`, `−12`, or its marker.
pub fn change_cell(v: Shown<i64>) -> Cell {
    match v {
        Shown::Value(n) => Cell::number(signed(n), Some(n as f64)),
        other => Cell::number(other.marker().unwrap_or(""), None),
    }
}

/// A % change cell: `+4.0%`, or its marker (empty when there is none).
pub fn pct_change_cell(v: Shown<f64>) -> Cell {
    match v {
        Shown::Value(p) => Cell::number(signed_pct(Some(p)), Some(p)),
        other => Cell::number(other.marker().unwrap_or(""), None),
    }
}

/// A share cell: `19.0%`.
pub fn share_cell(v: Shown<f64>) -> Cell {
    match v {
        Shown::Value(p) => Cell::number(format!("{p:.1}%"), Some(p)),
        other => Cell::number(other.marker().unwrap_or(""), None),
    }
}

/// A rate cell to one decimal place.
pub fn rate_cell(v: Shown<f64>) -> Cell {
    match v {
        Shown::Value(r) => Cell::number(format!("{r:.1}"), Some(r)),
        other => Cell::number(other.marker().unwrap_or(""), None),
    }
}

/// The verdict in words, capitalised for a table.
pub fn verdict_text(v: Verdict) -> &'static str {
    match v {
        Verdict::SignificantIncrease => "Significant increase",
        Verdict::SignificantDecrease => "Significant decrease",
        Verdict::NoSignificantChange => "No significant change",
        Verdict::NotCompared => "Not compared: months without data",
    }
}

/// The first letter in capitals (safe on any text).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => std::iter::once(c.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// Singular and plural names of an area level: `ward` → (`ward`, `wards`),
/// `lsoa` → (`LSOA`, `LSOAs`); an empty name is `area`.
pub fn level_words(level: &str) -> (String, String) {
    let singular = match level.trim() {
        "" => "area".to_string(),
        l if l.eq_ignore_ascii_case("lsoa") || l.eq_ignore_ascii_case("msoa") => {
            l.to_ascii_uppercase()
        }
        l => l.to_string(),
    };
    let plural = if singular.ends_with('s') {
        singular.clone()
    } else {
        format!("{singular}s")
    };
    (singular, plural)
}

/// How a rate compares with the whole's, before the whole's name:
/// `higher than`, `similar to`, `lower than`.
pub fn vs_whole_words(v: VsWhole) -> &'static str {
    match v {
        VsWhole::Higher => "higher than",
        VsWhole::Similar => "similar to",
        VsWhole::Lower => "lower than",
    }
}

/// A move in a ranking where 1st is the most, in words nobody can read
/// backwards: `up 3 places, towards the most`, `down 1 place, towards the
/// least`, `no change`.
pub fn movement_text(m: Option<i64>) -> String {
    let places = |n: i64| {
        if n == 1 {
            "1 place".to_string()
        } else {
            format!("{n} places")
        }
    };
    match m {
        Some(m) if m > 0 => format!("up {}, towards the most", places(m)),
        Some(m) if m < 0 => format!("down {}, towards the least", places(-m)),
        Some(_) => "no change".to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_and_level_words_by_hand() {
        assert_eq!(
            in_sentence("All crime (excluding ASB)"),
            "all crime (excluding ASB)"
        );
        assert_eq!(in_sentence("ASB (council)"), "ASB (council)");
        assert_eq!(
            in_sentence("Anti-social behaviour"),
            "anti-social behaviour"
        );
        assert_eq!(in_sentence("Casbah thefts"), "casbah thefts");
        assert_eq!(in_sentence("É"), "É");
        assert_eq!(in_sentence(""), "");
        // Rank 1 is the most: a smaller rank number is a move up.
        assert_eq!(movement_text(Some(3)), "up 3 places, towards the most");
        assert_eq!(movement_text(Some(-1)), "down 1 place, towards the least");
        assert_eq!(movement_text(Some(0)), "no change");
        assert_eq!(capitalise("wards"), "Wards");
        assert_eq!(capitalise(""), "");
        assert_eq!(
            level_words("lsoa"),
            ("LSOA".to_string(), "LSOAs".to_string())
        );
        assert_eq!(level_words(""), ("area".to_string(), "areas".to_string()));
    }

    #[test]
    fn the_ward_search_needs_one_match() {
        let choices: Vec<(String, String)> =
            [("Town Centre", "E1"), ("Townend", "E2"), ("Ashcombe", "E3")]
                .iter()
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect();
        assert_eq!(find_area(&choices, "  ", "ward"), None);
        assert_eq!(
            find_area(&choices, "town centre", "ward"),
            Some(Ok("E1".to_string()))
        );
        assert_eq!(
            find_area(&choices, "e3", "ward"),
            Some(Ok("E3".to_string())),
            "by code"
        );
        assert_eq!(
            find_area(&choices, "ash", "ward"),
            Some(Ok("E3".to_string())),
            "one name starts so"
        );
        let two = find_area(&choices, "town", "ward").unwrap().unwrap_err();
        assert!(
            two.contains("No single ward matches \u{201c}town\u{201d}"),
            "{two}"
        );
    }

    #[test]
    fn cells_show_markers_and_sort_last() {
        assert_eq!(count_cell(Shown::Suppressed).text, "[c]");
        assert_eq!(pct_change_cell(Shown::Low).text, "[low]");
        assert_eq!(count_cell(Shown::Value(1234)).text, "1,234");
        assert_eq!(pct_change_cell(Shown::Value(-7.25)).text, "\u{2212}7.2%");
    }
}
