//! What every page needs: the periods, selection, disclosure rule, period
//! totals and area level resolved from the view state, and cell formatting
//! of shown figures.

use std::sync::Arc;

use crate::analysis::compare::comparison_from_counts;
use crate::analysis::rate::VsWhole;
use crate::analysis::stats::Verdict;
use crate::analysis::{
    AreaLevel, Disclosure, LevelMap, MonthlyWhole, PeriodPair, PeriodTotals, Selection, Shown,
};
use crate::analysis::{Comparison, Coverage, Scope, Which};
use crate::data::explorer_data::ExplorerData;
use crate::data::{Categories, Level};
pub use crate::format::in_sentence;
use crate::format::{signed, signed_pct, thousands};
use crate::i18n::{words, Msg, Words};
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
    /// The words of the page's language.
    pub w: &'static Words,
    /// What is counted, in those words (`All crime (excluding ASB)`,
    /// `Byrgleriaeth`).
    pub what: String,
    /// What its counts are in sentences: offences for crime, else
    /// incidents (anti-social behaviour, or any category the categories
    /// file says is not crime); a noun message.
    pub unit: Msg,
    /// The disclosure rule of the dataset.
    pub rule: Disclosure,
    /// Per-area totals of both periods.
    pub totals: PeriodTotals,
    /// The months of each period without data for the selection.
    pub coverage: Coverage,
    /// The areas ranked and mapped (built once per dataset and level:
    /// [`level_map`]).
    pub map: Arc<LevelMap>,
    /// What those areas are, as the data names them (e.g. `ward`,
    /// `district`, a manifest's `borough`): [`level_words`] says it in the
    /// page's language, singular and plural.
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
pub fn whole_name(b: &ExplorerData, w: &Words) -> String {
    if b.manifest.whole_name.is_empty() {
        w.t(Msg::TheWholeArea).to_string()
    } else {
        b.manifest.whole_name_in(w.lang()).to_string()
    }
}

/// An area's name in `w`'s language.
pub fn area_name<'a>(area: &'a crate::data::Area, w: &Words) -> &'a str {
    area.name_in(w.lang())
}

/// Resolves `state` against `b`. An error is a sentence for the page.
pub fn setup(b: &ExplorerData, state: &ViewState) -> Result<Setup, String> {
    let cube = &b.dataset.cube;
    let w = words(state.lang);
    let (pair, fallback) = super::periods::resolve(b, state.period, w);
    let selection =
        Selection::parse(&state.select, &b.dataset.categories).unwrap_or(Selection::AllCrime);
    let totals = PeriodTotals::new(cube, &pair);
    let level = state.level.parse::<Level>().ok();
    let level_name = match (level, &b.manifest.parent_level) {
        (Some(Level::District), Some(parent)) => parent,
        (Some(l), _) => l.name(),
        (None, _) => &b.manifest.area_level,
    };
    let level_name = level_name.to_string();
    let map = level_map_in(b, level, w);
    let whole_name = whole_name(b, w);
    let what = selection.name_in(&b.dataset.categories, w);
    let coverage = totals.coverage(&selection.mask(&b.dataset.categories));
    let notes = super::periods::notes(&pair, &coverage, fallback, w);
    let unit = if selection.is_crime(&b.dataset.categories) {
        Msg::UnitOffence
    } else {
        Msg::UnitIncident
    };
    Ok(Setup {
        w,
        what,
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

/// The areas at `level` (`None`: the dataset's own, those with counts),
/// built the first time a page asks and kept with the dataset: a
/// country's 7,545 wards take ~10 ms to map natively and several times
/// that in the browser, too long to redo on every change of a control.
pub fn level_map(b: &ExplorerData, level: Option<Level>) -> Arc<LevelMap> {
    // Kept under the level's name ("base" for the dataset's own).
    let key = level.map_or("base", Level::name);
    let level = level.map_or(AreaLevel::Base, AreaLevel::Gss);
    b.derived
        .get_or_make(key, || LevelMap::new(&b.dataset, level, None))
}

/// [`level_map`] with its areas named in `w`'s language (Welsh names
/// where the areas file has them): what rankings, maps and findings name.
pub fn level_map_in(b: &ExplorerData, level: Option<Level>, w: &Words) -> Arc<LevelMap> {
    let english = level_map(b, level);
    if w.lang() == crate::i18n::Lang::En {
        return english;
    }
    let key = format!("{} {}", level.map_or("base", Level::name), w.lang().code());
    b.derived.get_or_make(&key, || {
        let mut map = (*english).clone();
        let mut labels = (*map.labels).clone();
        for (name, code) in labels.names.iter_mut().zip(&labels.codes) {
            if let Some(area) = b.dataset.area(code.as_str()) {
                *name = area_name(area, w).to_string();
            }
        }
        map.labels = Arc::new(labels);
        map
    })
}

/// The whole dataset's totals by month and category, summed the first time
/// a trend asks and kept with the dataset (every count of a country's
/// cube, too many to add up again on every change).
pub fn monthly_whole(b: &ExplorerData) -> Arc<MonthlyWhole> {
    b.derived
        .get_or_make("monthly whole", || MonthlyWhole::new(&b.dataset.cube))
}

/// The dataset's areas as (name, code), sorted by name: what the ward
/// search and the embed builder offer. Made once per dataset and
/// language, from its level map, which has them in that order already
/// (by their English names: a browser's list offers the names that match
/// what is typed, in any order).
pub fn area_choices(b: &ExplorerData, w: &Words) -> Arc<Vec<(String, String)>> {
    let key = format!("area choices {}", w.lang().code());
    b.derived.get_or_make(&key, || {
        let map = level_map(b, None);
        let mut out = vec![(String::new(), String::new()); map.len()];
        for (i, &at) in map.name_order.iter().enumerate() {
            let code = map.labels.code(i);
            let name = b
                .dataset
                .area(code)
                .map_or(map.labels.name(i), |a| area_name(a, w));
            out[at as usize] = (name.to_string(), code.to_string());
        }
        out
    })
}

/// The names of `choices` (name, code) as the options of a `<datalist>`,
/// in markup, each name escaped: the page sets the list in one step, where
/// a country's 7,545 options made one by one took ~100 ms (the map's names
/// are markup for the same reason).
pub fn options_markup(choices: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, _) in choices {
        out.push_str("<option value=\"");
        out.push_str(&super::embed::attr(name));
        out.push_str("\"></option>");
    }
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
    w: &Words,
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
    Some(
        hit.map(|(_, code)| code.clone())
            .ok_or_else(|| w.f(Msg::NoSingleMatch, &[("noun", noun), ("text", text.trim())])),
    )
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
pub fn verdict_text(v: Verdict, w: &Words) -> &'static str {
    w.t(match v {
        Verdict::SignificantIncrease => Msg::VerdictIncrease,
        Verdict::SignificantDecrease => Msg::VerdictDecrease,
        Verdict::NoSignificantChange => Msg::VerdictNoChange,
        Verdict::NotCompared => Msg::VerdictNotCompared,
    })
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
/// `lsoa` → (`LSOA`, `LSOAs`); an empty name is `area`. The levels the
/// explorer knows are named in the page's language; another is the
/// publisher's word (made plural in English).
pub fn level_words(level: &str, w: &Words) -> (String, String) {
    let known = match level.trim().to_ascii_lowercase().as_str() {
        "" | "area" => Some(Msg::LevelArea),
        "ward" => Some(Msg::LevelWard),
        "lsoa" => Some(Msg::LevelLsoa),
        "msoa" => Some(Msg::LevelMsoa),
        "district" => Some(Msg::LevelDistrict),
        "borough" => Some(Msg::LevelBorough),
        _ => None,
    };
    if let Some(msg) = known {
        let (one, many) = w.noun(msg);
        return (one.to_string(), many.to_string());
    }
    let singular = level.trim().to_string();
    let plural = if singular.ends_with('s') || w.lang() != crate::i18n::Lang::En {
        singular.clone()
    } else {
        format!("{singular}s")
    };
    (singular, plural)
}

/// The words that name a dataset's areas in the page menu and the name
/// search ([`area_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaWords {
    /// The search's label (`Find a ward`).
    pub find: &'static str,
    /// The search's placeholder (`Type a ward name`).
    pub type_name: &'static str,
    /// The noun of the search's "no single match" message (`ward`).
    pub noun: &'static str,
    /// The ranking page's menu link (`Wards`).
    pub ranking: &'static str,
    /// The profile page's menu link (`Ward profile`).
    pub profile: &'static str,
}

/// The words for a dataset whose areas are `area_level`: wards are named
/// as such; any other level (LSOAs, districts, a publisher's own) is
/// named as areas.
pub fn area_words(area_level: &str, w: &Words) -> AreaWords {
    if area_level.trim().eq_ignore_ascii_case("ward") {
        AreaWords {
            find: w.t(Msg::FindAWard),
            type_name: w.t(Msg::TypeAWardName),
            noun: w.noun(Msg::LevelWard).0,
            ranking: w.t(Msg::NavWards),
            profile: w.t(Msg::NavWardProfile),
        }
    } else {
        AreaWords {
            find: w.t(Msg::FindAnArea),
            type_name: w.t(Msg::TypeAnAreaName),
            noun: w.noun(Msg::LevelArea).0,
            ranking: w.t(Msg::NavAreas),
            profile: w.t(Msg::NavAreaProfile),
        }
    }
}

/// How a rate compares with the whole's, before the whole's name:
/// `higher than`, `similar to`, `lower than`.
pub fn vs_whole_words(v: VsWhole, w: &Words) -> &'static str {
    w.t(match v {
        VsWhole::Higher => Msg::HigherThan,
        VsWhole::Similar => Msg::SimilarTo,
        VsWhole::Lower => Msg::LowerThan,
    })
}

/// A move in a ranking where 1st is the most, in words nobody can read
/// backwards: `up 3 places, towards the most`, `down 1 place, towards the
/// least`, `no change`.
pub fn movement_text(m: Option<i64>, w: &Words) -> String {
    let places = |n: i64| {
        let n = n.unsigned_abs();
        w.count(n, &n.to_string(), Msg::UnitPlace)
    };
    match m {
        Some(m) if m > 0 => w.f(Msg::MovedUp, &[("places", &places(m))]),
        Some(m) if m < 0 => w.f(Msg::MovedDown, &[("places", &places(m))]),
        Some(_) => w.t(Msg::NoChange).to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wards_are_named_wards() {
        let en = words(crate::i18n::Lang::En);
        let ward = area_words("ward", en);
        assert_eq!(
            (
                ward.find,
                ward.type_name,
                ward.noun,
                ward.ranking,
                ward.profile
            ),
            (
                "Find a ward",
                "Type a ward name",
                "ward",
                "Wards",
                "Ward profile"
            )
        );
        for level in ["lsoa", "district", "borough", ""] {
            let area = area_words(level, en);
            assert_eq!(
                (
                    area.find,
                    area.type_name,
                    area.noun,
                    area.ranking,
                    area.profile
                ),
                (
                    "Find an area",
                    "Type an area name",
                    "area",
                    "Areas",
                    "Area profile"
                ),
                "{level}"
            );
        }
        let cy = words(crate::i18n::Lang::Cy);
        assert_eq!(area_words("lsoa", cy).find, "Dod o hyd i ardal");
        assert_eq!(area_words("Ward", cy).find, "Dod o hyd i ward");
    }

    #[test]
    fn the_search_list_is_markup_whose_names_stay_text() {
        let choices = [
            (
                "Town \"Centre\" & <b>more</b>".to_string(),
                "E05000001".to_string(),
            ),
            ("Ynys Môn".to_string(), "W05000002".to_string()),
        ];
        assert_eq!(
            options_markup(&choices),
            "<option value=\"Town &quot;Centre&quot; &amp; &lt;b&gt;more&lt;/b&gt;\"></option>\
             <option value=\"Ynys Môn\"></option>"
        );
        assert_eq!(options_markup(&[]), "");
    }

    #[test]
    fn kept_values_are_made_once_per_dataset() {
        let manifest =
            crate::data::Manifest::parse("m", r#"{"title":"T","files":{"counts":"c"}}"#).unwrap();
        let areas = "area_code,area_name,parent_code\nE06000001,Borough,\n\
                     E05000003,Alpha,E06000001\nE05000002,Beta,E06000001\n\
                     E05000001,Alpha,E06000001\n";
        let counts = "month,area_code,category,count\n2024-01,E05000001,Burglary,3\n";
        let b = crate::data::explorer_data::assemble(
            manifest,
            crate::data::explorer_data::Files {
                areas: Some(("a", areas.as_bytes())),
                ..crate::data::explorer_data::Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap();
        let state = ViewState::from_query("?period=month");
        let first = setup(&b, &state).unwrap();
        let again = setup(&b, &ViewState::from_query("?period=month&select=Burglary")).unwrap();
        assert!(
            Arc::ptr_eq(&first.map, &again.map),
            "one level map a dataset"
        );
        assert_eq!(*first.map, LevelMap::new(&b.dataset, AreaLevel::Base, None));
        let district = level_map(&b, Some(Level::District));
        assert_eq!(
            *district,
            LevelMap::new(&b.dataset, AreaLevel::Gss(Level::District), None)
        );
        assert_eq!(district.codes, [crate::data::AreaCode::from("E06000001")]);
        assert!(Arc::ptr_eq(&monthly_whole(&b), &monthly_whole(&b)));
        assert_eq!(*monthly_whole(&b), MonthlyWhole::new(&b.dataset.cube));
        // By name, then code; as a plain sort of the dataset's names puts them.
        let choices = area_choices(&b, crate::i18n::english());
        let mut plain: Vec<(String, String)> = ["E05000001", "E05000002", "E05000003"]
            .map(|c| (b.dataset.area_name(c).to_string(), c.to_string()))
            .into();
        plain.sort();
        assert_eq!(*choices, plain);
        assert_eq!(choices[1], ("Alpha".to_string(), "E05000003".to_string()));
        assert!(Arc::ptr_eq(
            &choices,
            &area_choices(&b, crate::i18n::english())
        ));
        assert_eq!(
            b.derived.len(),
            4,
            "base and district maps, monthly whole, choices"
        );
    }

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
        assert_eq!(
            movement_text(Some(3), crate::i18n::english()),
            "up 3 places, towards the most"
        );
        assert_eq!(
            movement_text(Some(-1), crate::i18n::english()),
            "down 1 place, towards the least"
        );
        assert_eq!(movement_text(Some(0), crate::i18n::english()), "no change");
        assert_eq!(capitalise("wards"), "Wards");
        assert_eq!(capitalise(""), "");
        assert_eq!(
            level_words("lsoa", crate::i18n::english()),
            ("LSOA".to_string(), "LSOAs".to_string())
        );
        assert_eq!(
            level_words("", crate::i18n::english()),
            ("area".to_string(), "areas".to_string())
        );
    }

    #[test]
    fn the_ward_search_needs_one_match() {
        let choices: Vec<(String, String)> =
            [("Town Centre", "E1"), ("Townend", "E2"), ("Ashcombe", "E3")]
                .iter()
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect();
        assert_eq!(
            find_area(&choices, "  ", "ward", crate::i18n::english()),
            None
        );
        assert_eq!(
            find_area(&choices, "town centre", "ward", crate::i18n::english()),
            Some(Ok("E1".to_string()))
        );
        assert_eq!(
            find_area(&choices, "e3", "ward", crate::i18n::english()),
            Some(Ok("E3".to_string())),
            "by code"
        );
        assert_eq!(
            find_area(&choices, "ash", "ward", crate::i18n::english()),
            Some(Ok("E3".to_string())),
            "one name starts so"
        );
        let two = find_area(&choices, "town", "ward", crate::i18n::english())
            .unwrap()
            .unwrap_err();
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
