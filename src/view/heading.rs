//! What a page is called, in one place: the browser's title (which a saved
//! PDF takes as its own), the line a printed page starts with (the place
//! and the two periods), and the way back from a ward's profile.

use crate::data::explorer_data::ExplorerData;
use crate::data::Month;
use crate::state::{Page, ViewState};

use super::common::{capitalise, whole_name};
use super::periods;

/// The app's name, last in every title.
pub const APP_NAME: &str = "Community Safety Explorer";

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
    /// The way back from a profile: the whole area, then the ward.
    pub trail: Option<(String, String)>,
}

/// What a page of the app is, in words.
pub fn page_words(page: Page) -> &'static str {
    match page {
        Page::Overview => "overview",
        Page::Wards => "ranking",
        Page::Ward => "ward profile",
        Page::Deprivation => "crime and deprivation",
        Page::Embed => "embed these figures",
        Page::Load => "load your own data",
        Page::Guide => "how to read these figures",
    }
}

/// The title of a page that shows no dataset (the Load data page).
pub fn title_without_data(page: Page) -> String {
    format!("{} — {APP_NAME}", capitalise(page_words(page)))
}

/// The names of the page `state` shows of `data`.
pub fn heading(data: &ExplorerData, state: &ViewState) -> Heading {
    let whole = whole_name(data);
    let page = page_words(state.page);
    let ward = (state.page == Page::Ward)
        .then_some(state.ward.as_deref())
        .flatten()
        .and_then(|code| data.dataset.area(code))
        .map(|a| a.name.clone());
    let (pair, _) = periods::resolve(data, state.period);
    let periods = format!(
        "{} compared with {}",
        pair.current.label(),
        pair.previous.label()
    );
    match ward {
        Some(ward) => Heading {
            title: format!("{ward} — {page} — {APP_NAME}"),
            print_line: format!("{ward}, {whole}: {page}, {periods}"),
            trail: Some((whole, ward)),
        },
        None => Heading {
            title: format!("{whole} — {page} — {APP_NAME}"),
            print_line: format!("{whole}: {page}, {periods}"),
            trail: None,
        },
    }
}

/// When a page was printed and where to find it again, e.g. "Printed 3 Dec
/// 2026 from https://…/?dataset=stockton&ward=E05012345".
pub fn printed_line(day: u32, month: Month, address: &str) -> String {
    format!("Printed {day} {} from {address}", month.label())
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
        assert_eq!(
            profile.trail,
            Some(("Demo Borough".to_string(), ward.name.clone()))
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
            title_without_data(Page::Load),
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
            printed_line(3, month, "https://x.org/?ward=E05000001"),
            "Printed 3 Dec 2026 from https://x.org/?ward=E05000001"
        );
    }
}
