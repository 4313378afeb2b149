//! What a page is called, in one place: the browser's title (which a saved
//! PDF takes as its own), the line a printed page starts with (the place
//! and the two periods), and the way back from a ward's profile.

use crate::data::explorer_data::ExplorerData;
use crate::data::Month;
use crate::state::{Page, ViewState};

use crate::i18n::{words, Msg, Words};

use super::common::{area_name, capitalise, whole_name};
use super::periods;

/// A page's names.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// The document's title, e.g. "Stockton Town Centre — ward profile —
    /// Community Safety Explorer".
    pub title: String,
    /// The printed page's first line, e.g. "Stockton Town Centre,
    /// Stockton-on-Tees: ward profile, Dec 2024 – Nov 2025 compared with
    /// Dec 2023 – Nov 2024".
    pub print_line: String,
    /// The way back: each step's name and where it leads, the page itself
    /// last (leading nowhere); empty when there is no way back (the whole's
    /// overview).
    pub trail: Vec<(String, Option<Crumb>)>,
}

/// Where a step of the way back leads: an overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Crumb {
    /// The whole dataset's (no part chosen).
    Whole,
    /// The part shown now (the whole, when no part is chosen).
    Here,
    /// A part of the dataset (a borough of a force area), by code.
    Part(String),
}

/// The way back to `state`'s page: the whole a part was taken from, the
/// part (or the whole), a ward's own areas above it (a borough of a force
/// area's dataset; not the one area over all, which is the whole), then
/// the ward. Fewer than two steps: none.
fn trail(
    data: &ExplorerData,
    state: &ViewState,
    whole: &str,
    w: &Words,
) -> Vec<(String, Option<Crumb>)> {
    let mut steps = Vec::new();
    if let Some(parent) = &data.part_of {
        steps.push((whole_name(parent, w), Some(Crumb::Whole)));
    }
    steps.push((whole.to_string(), Some(Crumb::Here)));
    let areas = &data.dataset.areas;
    let roots = areas.iter().filter(|a| a.parent.is_none()).count();
    let ward = (state.page == Page::Ward)
        .then_some(state.ward.as_deref())
        .flatten()
        .and_then(|code| data.dataset.area(code));
    match ward {
        Some(ward) => {
            let area_of = |code: Option<&crate::data::AreaCode>| {
                code.and_then(|c| data.dataset.area(c.as_str()))
            };
            let mut above = Vec::new();
            let mut at = area_of(ward.parent.as_ref());
            // Bounded: a loop in the parents stops.
            for _ in 0..areas.len() {
                let Some(area) = at else { break };
                if area.parent.is_some() || roots > 1 {
                    let name = area_name(area, w).to_string();
                    above.push((name, Some(Crumb::Part(area.code.to_string()))));
                }
                at = area_of(area.parent.as_ref());
            }
            steps.extend(above.into_iter().rev());
            steps.push((area_name(ward, w).to_string(), None));
        }
        None if state.page == Page::Overview => {
            if let Some(last) = steps.last_mut() {
                last.1 = None;
            }
        }
        None => {}
    }
    if steps.len() < 2 {
        steps.clear();
    }
    steps
}

/// What a page of the app is, in words.
pub fn page_words(page: Page, w: &Words) -> &'static str {
    w.t(match page {
        Page::Overview => Msg::PageOverview,
        Page::Wards => Msg::PageRanking,
        Page::Ward => Msg::PageWardProfile,
        Page::Deprivation => Msg::PageDeprivation,
        Page::Embed => Msg::PageEmbed,
        Page::Load => Msg::PageLoad,
        Page::Guide => Msg::PageGuide,
    })
}

/// The title of a page that shows no dataset (the Load data page).
pub fn title_without_data(page: Page, w: &Words) -> String {
    format!(
        "{} — {}",
        capitalise(page_words(page, w)),
        w.t(Msg::AppName)
    )
}

/// The names of the page `state` shows of `data`.
pub fn heading(data: &ExplorerData, state: &ViewState) -> Heading {
    let w = words(state.lang);
    let whole = whole_name(data, w);
    let page = page_words(state.page, w);
    let ward = (state.page == Page::Ward)
        .then_some(state.ward.as_deref())
        .flatten()
        .and_then(|code| data.dataset.area(code))
        .map(|a| area_name(a, w).to_string());
    let (pair, _) = periods::resolve(data, state.period, w);
    let periods = w.f(
        Msg::ComparedWith,
        &[
            ("current", &pair.current.label_in(w)),
            ("previous", &pair.previous.label_in(w)),
        ],
    );
    let trail = trail(data, state, &whole, w);
    let app = w.t(Msg::AppName);
    match ward {
        Some(ward) => Heading {
            title: format!("{ward} — {page} — {app}"),
            print_line: format!("{ward}, {whole}: {page}, {periods}"),
            trail,
        },
        None => Heading {
            title: format!("{whole} — {page} — {app}"),
            print_line: format!("{whole}: {page}, {periods}"),
            trail,
        },
    }
}

/// When a page was printed and where to find it again, e.g. "Printed 3 Dec
/// 2026 from https://…/?dataset=stockton&ward=E05012345".
pub fn printed_line(day: u32, month: Month, address: &str, w: &Words) -> String {
    let date = format!("{day} {}", month.label_in(w));
    w.f(Msg::PrintedFrom, &[("date", &date), ("address", address)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;

    /// A borough of two wards over two years.
    fn demo() -> ExplorerData {
        let manifest = Manifest::parse(
            "m",
            r#"{"title":"T","whole_name":"Demo Borough","files":{"counts":"c","areas":"a"}}"#,
        )
        .unwrap();
        let areas = "area_code,area_name,parent_code,population,imd_rank,imd_decile\n\
                     E06000999,Demo Borough,,2000,,\n\
                     E05900001,Ashcombe,E06000999,1000,,\n\
                     E05900002,Brook,E06000999,1000,,\n";
        let mut counts = String::from("month,area_code,category,count\n");
        for year in [2024, 2025] {
            for month in 1..=12 {
                counts += &format!("{year}-{month:02},E05900001,Burglary,3\n");
                counts += &format!("{year}-{month:02},E05900002,Burglary,4\n");
            }
        }
        let files = Files {
            areas: Some(("a", areas.as_bytes())),
            ..Files::counts("c", counts.as_bytes())
        };
        assemble(manifest, files).unwrap()
    }

    #[test]
    fn the_way_back_goes_through_a_borough_and_from_a_part_to_the_whole() {
        // Two boroughs (two areas over all): a ward's borough is a step.
        let manifest = Manifest::parse(
            "m",
            r#"{"title":"T","whole_name":"Force","files":{"counts":"c","areas":"a"}}"#,
        )
        .unwrap();
        let areas = "area_code,area_name,parent_code\nE06000001,North,\nE06000002,South,\n\
                     E05000001,Aa,E06000001\nE05000002,Bb,E06000002\n";
        let counts = "month,area_code,category,count\n2024-01,E05000001,Burglary,3\n\
                      2024-01,E05000002,Burglary,4\n";
        let files = Files {
            areas: Some(("a", areas.as_bytes())),
            ..Files::counts("c", counts.as_bytes())
        };
        let data = std::sync::Arc::new(assemble(manifest, files).unwrap());
        let profile = ViewState {
            page: Page::Ward,
            ward: Some("E05000002".to_string()),
            ..ViewState::default()
        };
        assert_eq!(
            heading(&data, &profile).trail,
            vec![
                ("Force".to_string(), Some(Crumb::Here)),
                (
                    "South".to_string(),
                    Some(Crumb::Part("E06000002".to_string()))
                ),
                ("Bb".to_string(), None)
            ]
        );
        assert!(
            heading(&data, &ViewState::default()).trail.is_empty(),
            "the whole's overview"
        );
        // South's part: the way back to the whole it was taken from.
        let south = data.within("E06000002").unwrap();
        assert_eq!(
            heading(&south, &ViewState::default()).trail,
            vec![
                ("Force".to_string(), Some(Crumb::Whole)),
                ("South".to_string(), None)
            ]
        );
        assert_eq!(
            heading(&south, &profile).trail,
            vec![
                ("Force".to_string(), Some(Crumb::Whole)),
                ("South".to_string(), Some(Crumb::Here)),
                ("Bb".to_string(), None)
            ]
        );
    }

    #[test]
    fn each_page_has_its_own_title_and_a_profile_names_its_ward() {
        let data = demo();
        let mut titles = Vec::new();
        for page in [Page::Overview, Page::Wards, Page::Deprivation, Page::Embed] {
            let state = ViewState {
                page,
                ..ViewState::default()
            };
            titles.push(heading(&data, &state).title);
        }
        let ward = data.dataset.area("E05900001").unwrap().clone();
        let profile = heading(
            &data,
            &ViewState {
                page: Page::Ward,
                ward: Some(ward.code.to_string()),
                ..ViewState::default()
            },
        );
        assert_eq!(
            profile.title,
            format!("{} — ward profile — Community Safety Explorer", ward.name)
        );
        // The one area over all is the whole: not said twice.
        assert_eq!(
            profile.trail,
            vec![
                ("Demo Borough".to_string(), Some(Crumb::Here)),
                (ward.name.clone(), None)
            ]
        );
        assert!(profile
            .print_line
            .starts_with(&format!("{}, Demo Borough: ward profile, ", ward.name)));
        assert!(profile.print_line.contains(" compared with "));
        titles.push(profile.title);
        let mut unique = titles.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), titles.len(), "{titles:?}");
        assert_eq!(
            title_without_data(Page::Load, crate::i18n::english()),
            "Load your own data — Community Safety Explorer"
        );
        assert_eq!(
            titles[0],
            "Demo Borough — overview — Community Safety Explorer"
        );
    }

    #[test]
    fn a_printed_page_says_when_and_where() {
        let month = Month::new(2026, 12).unwrap();
        assert_eq!(
            printed_line(
                3,
                month,
                "https://x.org/?ward=E05000001",
                crate::i18n::english()
            ),
            "Printed 3 Dec 2026 from https://x.org/?ward=E05000001"
        );
    }
}
