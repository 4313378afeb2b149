//! Where each row of a ranking leads, made for a country's thousands of
//! rows: an area with counts (a ward) to its profile, an area above them
//! (a borough of a force area) to its own pages. Building the whole
//! address of each of 7,545 wards took 16 ms of a change in Chromium, so
//! the profile's address is made once and each code put in its place.

use crate::state::{Page, ViewState};

use super::common::Setup;
use crate::data::explorer_data::ExplorerData;

/// The links of one ranking's areas.
pub struct AreaLinks<'a> {
    state: &'a ViewState,
    /// The profile's address before and after the ward's code, when a
    /// plain code can be put between them.
    profile: Option<(String, String)>,
    /// For each area of the ranked level, whether it has counts of its
    /// own (an area of the dataset's own level: it has a profile).
    own: Vec<bool>,
}

/// A code the address shows as it is (letters and digits: every GSS
/// code), as [`ViewState::to_query`] writes it.
fn plain(code: &str) -> bool {
    !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl<'a> AreaLinks<'a> {
    /// The links of the areas `s` ranks, keeping the rest of `state`.
    pub fn new(b: &ExplorerData, s: &Setup, state: &'a ViewState) -> AreaLinks<'a> {
        let mut own = vec![false; s.map.len()];
        for (a, code) in b.dataset.cube.areas().iter().enumerate() {
            if let Some(at) = s.map.of_area(a) {
                own[at] |= s.map.labels.code(at) == code.as_str();
            }
        }
        // A mark found once in the address is where the code goes.
        const MARK: &str = "AREACODE";
        let address = profile_href(state, MARK);
        let profile = match address.split_once(MARK) {
            Some((before, after)) if !after.contains(MARK) => {
                Some((before.to_string(), after.to_string()))
            }
            _ => None,
        };
        AreaLinks {
            state,
            profile,
            own,
        }
    }

    /// Where the ranked area `index` (of the level), with `code`, leads.
    pub fn href(&self, index: usize, code: &str) -> String {
        if !self.own.get(index).copied().unwrap_or(false) {
            return part_href(self.state, code);
        }
        match &self.profile {
            Some((before, after)) if plain(code) => format!("{before}{code}{after}"),
            _ => profile_href(self.state, code),
        }
    }
}

/// The link to an area's profile that keeps the rest of the view.
pub fn profile_href(state: &ViewState, code: &str) -> String {
    let mut s = state.clone();
    s.page = Page::Ward;
    s.ward = Some(code.to_string());
    s.to_query()
}

/// The link to an area's own part of the dataset (a borough of a force
/// area), its overview by ward.
fn part_href(state: &ViewState, code: &str) -> String {
    part_page_href(state, code, Page::Overview)
}

/// The link to `page` of an area's own part of the dataset.
pub fn part_page_href(state: &ViewState, code: &str, page: Page) -> String {
    let mut s = state.clone();
    s.page = page;
    s.ward = None;
    s.level = String::new();
    s.area = Some(code.to_string());
    s.to_query()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::explorer_data::{assemble, Files};
    use crate::data::Manifest;
    use crate::view::common::setup;

    #[test]
    fn each_link_is_the_address_built_whole() {
        let manifest = Manifest::parse("m", r#"{"title":"T","files":{"counts":"c"}}"#).unwrap();
        let areas = "area_code,area_name,parent_code\nE06000001,Borough,\n\
                     E05000001,One,E06000001\nW 2&x,Two,E06000001\n";
        let counts = "month,area_code,category,count\n2024-01,E05000001,Burglary,3\n\
                      2024-01,W 2&x,Burglary,1\n";
        let b = assemble(
            manifest,
            Files {
                areas: Some(("a", areas.as_bytes())),
                ..Files::counts("c", counts.as_bytes())
            },
        )
        .unwrap();
        for query in [
            "?page=wards&select=Burglary&by=rate",
            "?page=wards&dataset=AREACODE&select=AREACODE",
            "?page=wards&level=district&period=month",
        ] {
            let state = ViewState::from_query(query);
            let s = setup(&b, &state).unwrap();
            let links = AreaLinks::new(&b, &s, &state);
            for i in 0..s.map.len() {
                let code = s.map.labels.code(i);
                let whole = if b.dataset.cube.area_index(code).is_some() {
                    profile_href(&state, code)
                } else {
                    part_href(&state, code)
                };
                assert_eq!(links.href(i, code), whole, "{query}: {code}");
            }
        }
        let state = ViewState::from_query("?page=wards&level=district");
        let s = setup(&b, &state).unwrap();
        assert_eq!(s.map.labels.code(0), "E06000001");
        let href = AreaLinks::new(&b, &s, &state).href(0, "E06000001");
        assert!(href.contains("area=E06000001"), "{href}");
    }
}
