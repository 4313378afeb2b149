//! The view state that lives in the URL query: dataset, page, periods,
//! selection, area level, ranking measure and ward. Pure: parsing and
//! writing query strings, with an explicit fallback for every value.

mod query;

pub use crate::analysis::Measure;
use crate::analysis::{Period, PeriodPair, Preset};
use crate::i18n::Lang;

pub use query::{decode, encode, parse_query};

/// Which page is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// Headline, category table, trend, key findings.
    Overview,
    /// Ward ranking and map.
    Wards,
    /// One ward's profile (needs `ward`).
    Ward,
    /// Crime rate against deprivation.
    Deprivation,
    /// The embed snippet builder.
    Embed,
    /// Loading the user's own files.
    Load,
    /// How to read these figures: the words, the marks, the data, citing.
    Guide,
}

impl Page {
    /// Every page, in menu order.
    pub const ALL: [Page; 7] = [
        Page::Overview,
        Page::Wards,
        Page::Ward,
        Page::Deprivation,
        Page::Embed,
        Page::Load,
        Page::Guide,
    ];

    /// The key used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::Wards => "wards",
            Page::Ward => "ward",
            Page::Deprivation => "deprivation",
            Page::Embed => "embed",
            Page::Load => "load",
            Page::Guide => "guide",
        }
    }

    /// The page with `key`, if any.
    pub fn from_key(key: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// How the periods are chosen: the dataset's default, a preset, or a
/// custom pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodChoice {
    /// The pair the dataset opens on (always one its data covers fully:
    /// see [`crate::analysis::period_fit`]); no `period` in the address.
    Default,
    /// A preset computed from the latest month in the data.
    Preset(Preset),
    /// An explicit pair of periods.
    Custom(PeriodPair),
}

/// Which embeddable view a partner's page shows (`?embed=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EmbedKind {
    /// A headline card for one area (or the whole).
    Card,
    /// The monthly trend chart.
    Trend,
    /// The category table.
    Table,
    /// The top of the ward ranking.
    Ranking,
    /// The ward map.
    Map,
}

impl EmbedKind {
    /// Every kind, in the builder's order.
    pub const ALL: [EmbedKind; 5] = [
        EmbedKind::Card,
        EmbedKind::Trend,
        EmbedKind::Table,
        EmbedKind::Ranking,
        EmbedKind::Map,
    ];

    /// The key used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            EmbedKind::Card => "card",
            EmbedKind::Trend => "trend",
            EmbedKind::Table => "table",
            EmbedKind::Ranking => "ranking",
            EmbedKind::Map => "map",
        }
    }

    /// The kind with `key`, if any.
    pub fn from_key(key: &str) -> Option<EmbedKind> {
        EmbedKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Colour scheme of an embedded view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// A colour written `#rgb` or `#rrggbb` (nothing else is accepted, so the
/// value can go straight into a stylesheet property).
pub fn valid_colour(v: &str) -> bool {
    let hex = v.strip_prefix('#').unwrap_or("");
    (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// Everything a shared link must reproduce.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViewState {
    /// Dataset folder name under `data/` (letters, digits, `-`, `_`).
    pub dataset: String,
    /// The page.
    pub page: Page,
    /// The periods.
    pub period: PeriodChoice,
    /// The selection key (`all-crime`, `asb`, a group or category name);
    /// checked against the dataset when used.
    pub select: String,
    /// Area level key (e.g. `ward`); empty = the dataset's own level.
    pub level: String,
    /// Ranking measure (`by=rate` in the address; count otherwise).
    pub measure: Measure,
    /// The ward (area code) of the profile page, if any.
    pub ward: Option<String>,
    /// The part of the dataset shown (a borough of a force area's
    /// dataset, by code), if not the whole (`area=` in the address).
    pub area: Option<String>,
    /// Tables list groups (`Some(true)`, `rows=group`) or categories
    /// (`Some(false)`, `rows=category`); `None`: as the dataset suits
    /// ([`crate::view::selection::groups_first`]).
    pub groups: Option<bool>,
    /// An embedded view (minimal chrome) instead of a page.
    pub embed: Option<EmbedKind>,
    /// Colour scheme (embedded views).
    pub theme: Theme,
    /// Accent colour `#rrggbb` (embedded views).
    pub accent: Option<String>,
    /// How many areas a ranking embed lists.
    pub top: u32,
    /// The view the embed builder shows and writes the snippet for (its
    /// theme, accent and `top` are the fields above).
    pub builder: EmbedKind,
    /// The language the pages speak (`lang=cy` in the address).
    pub lang: Lang,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            dataset: "cleveland".to_string(),
            page: Page::Overview,
            period: PeriodChoice::Default,
            select: "all-crime".to_string(),
            level: String::new(),
            measure: Measure::Count,
            ward: None,
            area: None,
            groups: None,
            embed: None,
            theme: Theme::Light,
            accent: None,
            top: 10,
            builder: EmbedKind::Card,
            lang: Lang::En,
        }
    }
}

fn safe_name(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn safe_code(v: &str) -> bool {
    !v.is_empty() && v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric())
}

impl ViewState {
    /// This view on `page`, as the page menu leads there: only the profile
    /// and the embed builder (its area) keep the ward chosen.
    pub fn on_page(&self, page: Page) -> ViewState {
        let keeps_ward = matches!(page, Page::Ward | Page::Embed);
        ViewState {
            page,
            ward: self.ward.clone().filter(|_| keeps_ward),
            ..self.clone()
        }
    }

    /// Parses a query string (with or without the leading `?`). Unknown
    /// keys are ignored; a bad value falls back to its default.
    pub fn from_query(query: &str) -> ViewState {
        let mut s = ViewState::default();
        let mut current = None;
        let mut previous = None;
        let mut page = None;
        for (k, v) in parse_query(query) {
            match k.as_str() {
                "dataset" if safe_name(&v) => s.dataset = v,
                "page" => page = Page::from_key(&v),
                "period" => {
                    if let Some(p) = Preset::from_key(&v) {
                        s.period = PeriodChoice::Preset(p);
                    }
                }
                "current" => current = Period::parse(&v).ok(),
                "previous" => previous = Period::parse(&v).ok(),
                "select" if !v.trim().is_empty() && v.len() <= 80 => s.select = v,
                "level" if safe_name(&v) => s.level = v,
                "by" => {
                    s.measure = if v == "rate" {
                        Measure::Rate
                    } else {
                        Measure::Count
                    }
                }
                "ward" if safe_code(&v) => s.ward = Some(v),
                "area" if safe_code(&v) => s.area = Some(v),
                "rows" => s.groups = Some(v == "group"),
                "embed" => s.embed = EmbedKind::from_key(&v),
                "show" => s.builder = EmbedKind::from_key(&v).unwrap_or(EmbedKind::Card),
                "theme" => {
                    s.theme = if v == "dark" {
                        Theme::Dark
                    } else {
                        Theme::Light
                    }
                }
                "accent" if valid_colour(&v) => s.accent = Some(v),
                "lang" => s.lang = Lang::from_code(&v).unwrap_or_default(),
                "top" => {
                    s.top = v
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=100).contains(n))
                        .unwrap_or(10)
                }
                _ => {}
            }
        }
        if let (Some(current), Some(previous)) = (current, previous) {
            s.period = PeriodChoice::Custom(PeriodPair { current, previous });
        }
        s.page = match (page, &s.ward) {
            (Some(p), _) => p,
            (None, Some(_)) => Page::Ward,
            (None, None) => Page::Overview,
        };
        if s.page == Page::Ward && s.ward.is_none() {
            s.page = Page::Wards;
        }
        s
    }

    /// An embedded view's options, or the builder's (which shows one), as
    /// the address writes them.
    fn embed_parts(&self, parts: &mut Vec<(&str, String)>) {
        let shown = match (self.embed, self.page) {
            (Some(k), _) => {
                parts.push(("embed", k.key().to_string()));
                k
            }
            (None, Page::Embed) => {
                if self.builder != EmbedKind::Card {
                    parts.push(("show", self.builder.key().to_string()));
                }
                self.builder
            }
            _ => return,
        };
        if self.theme == Theme::Dark {
            parts.push(("theme", "dark".to_string()));
        }
        if let Some(a) = &self.accent {
            parts.push(("accent", a.clone()));
        }
        if shown == EmbedKind::Ranking && self.top != 10 {
            parts.push(("top", self.top.to_string()));
        }
    }

    /// The query string (with a leading `?`) that reproduces this state;
    /// defaults are left out so links stay short.
    pub fn to_query(&self) -> String {
        let d = ViewState::default();
        let mut parts: Vec<(&str, String)> = Vec::new();
        if self.dataset != d.dataset {
            parts.push(("dataset", self.dataset.clone()));
        }
        // A ward without a page opens its profile, so another page with a
        // ward names itself.
        let page_implied = match self.page {
            Page::Ward => self.ward.is_some(),
            Page::Overview => self.ward.is_none(),
            _ => false,
        };
        if !page_implied {
            parts.push(("page", self.page.key().to_string()));
        }
        match self.period {
            PeriodChoice::Default => {}
            PeriodChoice::Preset(p) => parts.push(("period", p.key().to_string())),
            PeriodChoice::Custom(pair) => {
                parts.push(("current", pair.current.to_string()));
                parts.push(("previous", pair.previous.to_string()));
            }
        }
        if let Some(a) = &self.area {
            parts.push(("area", a.clone()));
        }
        if self.select != d.select {
            parts.push(("select", self.select.clone()));
        }
        if !self.level.is_empty() {
            parts.push(("level", self.level.clone()));
        }
        if self.measure == Measure::Rate {
            parts.push(("by", "rate".to_string()));
        }
        match self.groups {
            Some(true) => parts.push(("rows", "group".to_string())),
            Some(false) => parts.push(("rows", "category".to_string())),
            None => {}
        }
        if let Some(w) = &self.ward {
            parts.push(("ward", w.clone()));
        }
        self.embed_parts(&mut parts);
        // Last, and in embeds too: a shared link or a partner's snippet
        // speaks the language it was made in.
        if self.lang != Lang::En {
            parts.push(("lang", self.lang.code().to_string()));
        }
        if parts.is_empty() {
            return "?".to_string();
        }
        let body: Vec<String> = parts
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("?{}", body.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_the_ward_only_where_it_is_used() {
        let v = ViewState::from_query("?page=ward&ward=E05001&by=rate");
        let ranking = v.on_page(Page::Wards);
        assert_eq!((ranking.page, ranking.ward), (Page::Wards, None));
        assert_eq!(ranking.measure, v.measure, "the other choices stay");
        assert_eq!(v.on_page(Page::Embed).ward.as_deref(), Some("E05001"));
        assert_eq!(v.on_page(Page::Ward).ward.as_deref(), Some("E05001"));
    }

    #[test]
    fn defaults_and_round_trips() {
        let d = ViewState::from_query("");
        assert_eq!(d, ViewState::default());
        assert_eq!(d.to_query(), "?");
        let q =
            "?dataset=stockton&page=wards&period=fytd&select=Violence+and+sexual+offences&by=rate&rows=group";
        let s = ViewState::from_query(q);
        assert_eq!(s.dataset, "stockton");
        assert_eq!(s.page, Page::Wards);
        assert_eq!(s.period, PeriodChoice::Preset(Preset::FinancialYearToDate));
        assert_eq!(s.select, "Violence and sexual offences");
        assert_eq!(s.measure, Measure::Rate);
        assert_eq!(s.groups, Some(true));
        assert_eq!(s.to_query(), q);
        let q = "?rows=category";
        assert_eq!(ViewState::from_query(q).groups, Some(false));
        assert_eq!(ViewState::from_query(q).to_query(), q);
        assert_eq!(ViewState::from_query(&s.to_query()), s);
    }

    #[test]
    fn the_language_comes_and_goes_with_the_address() {
        let s = ViewState::from_query("?dataset=demo&embed=card&lang=cy");
        assert_eq!(s.lang, Lang::Cy);
        assert_eq!(s.to_query(), "?dataset=demo&embed=card&lang=cy");
        // An unknown language is English, and English is not written.
        assert_eq!(ViewState::from_query("?lang=fr").lang, Lang::En);
        assert_eq!(ViewState::from_query("?lang=en").to_query(), "?");
    }

    #[test]
    fn a_ward_link_opens_the_profile_and_custom_periods_parse() {
        let s = ViewState::from_query(
            "ward=E05012345&current=2018-07..2018-07&previous=2017-07..2017-07",
        );
        assert_eq!(s.page, Page::Ward);
        assert_eq!(s.ward.as_deref(), Some("E05012345"));
        let PeriodChoice::Custom(pair) = s.period else {
            panic!("expected a custom pair")
        };
        assert_eq!(pair.current.to_string(), "2018-07..2018-07");
        assert_eq!(
            s.to_query(),
            "?current=2018-07..2018-07&previous=2017-07..2017-07&ward=E05012345"
        );
    }

    #[test]
    fn every_page_with_or_without_a_ward_comes_back_from_its_address() {
        let pages = [
            Page::Overview,
            Page::Wards,
            Page::Ward,
            Page::Deprivation,
            Page::Embed,
            Page::Load,
            Page::Guide,
        ];
        for page in pages {
            for ward in [None, Some("E05012345".to_string())] {
                let s = ViewState {
                    page,
                    ward: ward.clone(),
                    ..ViewState::default()
                };
                let back = ViewState::from_query(&s.to_query());
                // A profile without a ward is the ranking (tested below).
                if page != Page::Ward || ward.is_some() {
                    assert_eq!(back, s, "{page:?} with {ward:?}: {}", s.to_query());
                }
            }
        }
        let overview = ViewState {
            ward: Some("E05012345".into()),
            ..ViewState::default()
        };
        assert_eq!(overview.to_query(), "?page=overview&ward=E05012345");
        // A borough's part of the dataset, on any page.
        let part = ViewState::from_query("?dataset=stockton&area=E06000004&page=wards");
        assert_eq!(part.area.as_deref(), Some("E06000004"));
        assert_eq!(
            part.to_query(),
            "?dataset=stockton&page=wards&area=E06000004"
        );
        // The default dataset (cleveland) is not written out.
        let default = ViewState::from_query("?dataset=cleveland&page=wards");
        assert_eq!(default.to_query(), "?page=wards");
        assert_eq!(ViewState::from_query("?area=<b>").area, None);
    }

    #[test]
    fn the_embed_builder_keeps_its_options_in_the_address() {
        let q = "?page=embed&ward=E05900020&show=ranking&theme=dark&accent=%23aa3300&top=5";
        let s = ViewState::from_query(q);
        assert_eq!(
            (s.page, s.builder, s.embed),
            (Page::Embed, EmbedKind::Ranking, None)
        );
        assert_eq!((s.theme, s.top), (Theme::Dark, 5));
        assert_eq!(s.to_query(), q);
        // Another page does not carry them.
        let overview = ViewState {
            page: Page::Overview,
            ward: None,
            ..s
        };
        assert_eq!(overview.to_query(), "?");
    }

    #[test]
    fn bad_values_fall_back_safely() {
        let s = ViewState::from_query(
            "dataset=../../etc&page=nope&period=decade&ward=<script>&by=x&current=2018-07..2018-07",
        );
        assert_eq!(s.dataset, "cleveland");
        assert_eq!(s.page, Page::Overview);
        assert_eq!(
            s.period,
            PeriodChoice::Default,
            "one custom period alone is not a pair"
        );
        let s = ViewState::from_query("period=rolling12");
        assert_eq!(s.period, PeriodChoice::Preset(Preset::Rolling12));
        assert_eq!(s.to_query(), "?period=rolling12", "a preset chosen is kept");
        assert_eq!(s.ward, None);
        assert_eq!(s.measure, Measure::Count);
        assert_eq!(
            ViewState::from_query("page=ward").page,
            Page::Wards,
            "a profile needs a ward"
        );
    }

    #[test]
    fn embed_options_round_trip_and_reject_bad_values() {
        let q = "?ward=E05900020&embed=ranking&theme=dark&accent=%23aa3300&top=5";
        let s = ViewState::from_query(q);
        assert_eq!(s.embed, Some(EmbedKind::Ranking));
        assert_eq!(
            (s.theme, s.accent.as_deref(), s.top),
            (Theme::Dark, Some("#aa3300"), 5)
        );
        assert_eq!(s.to_query(), q);
        let bad = ViewState::from_query("embed=popup&accent=red;x:url(y)&top=100000&theme=neon");
        assert_eq!(
            (bad.embed, bad.accent, bad.top, bad.theme),
            (None, None, 10, Theme::Light)
        );
        assert!(
            valid_colour("#fff")
                && valid_colour("#A1b2C3")
                && !valid_colour("#ggg")
                && !valid_colour("fff")
        );
    }
}
