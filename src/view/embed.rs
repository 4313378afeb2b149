//! Embedded views for partner sites, pure: the headline card, the link back
//! to the full explorer, and the snippet a partner pastes.

use crate::analysis::Scope;
use crate::data::explorer_data::ExplorerData;
use crate::state::{EmbedKind, Page, Theme, ViewState};

use crate::i18n::{words, Msg, Words};

use super::common::{area_name, capitalise, setup, whole_name};
use super::overview::{headline, Headline};

/// The headline card: one area (or the whole), one selection, one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct CardModel {
    /// The area's name (or the whole's).
    pub place: String,
    /// The comparison as shown.
    pub headline: Headline,
}

/// Builds the card for `state` (its ward, or the whole when none).
pub fn card(b: &ExplorerData, state: &ViewState) -> Result<CardModel, String> {
    let s = setup(b, state)?;
    let (ds, w) = (&b.dataset, s.w);
    let (scope, place) = match &state.ward {
        Some(code) => {
            let i = ds.cube.area_index(code).ok_or_else(|| {
                let area = w.noun(Msg::LevelArea).0;
                w.f(Msg::NoAreaWithCode, &[("level", area), ("code", code)])
            })?;
            (Scope::Area(i), place_name(b, code, w))
        }
        None => (Scope::Whole, s.whole_name.clone()),
    };
    let c = s.comparison(&ds.categories, scope);
    Ok(CardModel {
        headline: headline(&c, &s, &place),
        place,
    })
}

/// The title of an embedded view: its place and kind, e.g. `Town Centre:
/// headline card — Community Safety Explorer`.
pub fn title(b: &ExplorerData, state: &ViewState) -> String {
    let w = words(state.lang);
    let place = match &state.ward {
        Some(code) => place_name(b, code, w),
        None => capitalise(&whole_name(b, w)),
    };
    let kind = kind_label(state.embed.unwrap_or(EmbedKind::Card), w).to_ascii_lowercase();
    format!("{place}: {kind} \u{2014} {}", w.t(Msg::AppName))
}

/// The name of the area with `code` (the code itself when there is none).
fn place_name(b: &ExplorerData, code: &str, w: &Words) -> String {
    b.dataset
        .area(code)
        .map_or_else(|| code.to_string(), |a| area_name(a, w).to_string())
}

/// An embeddable view's name for people: `Headline card`.
pub fn kind_label(kind: EmbedKind, w: &Words) -> &'static str {
    w.t(match kind {
        EmbedKind::Card => Msg::EmbedCard,
        EmbedKind::Trend => Msg::EmbedTrend,
        EmbedKind::Table => Msg::EmbedTable,
        EmbedKind::Ranking => Msg::EmbedRanking,
        EmbedKind::Map => Msg::EmbedMap,
    })
}

/// The full explorer's view of the same figures (embed options dropped).
pub fn full_view(state: &ViewState) -> ViewState {
    let mut s = state.clone();
    s.page = match (state.embed, &state.ward) {
        (Some(EmbedKind::Ranking | EmbedKind::Map), _) => Page::Wards,
        (_, Some(_)) => Page::Ward,
        _ => Page::Overview,
    };
    s.embed = None;
    s.theme = Theme::Light;
    s.accent = None;
    s.top = 10;
    s
}

/// Escapes text for a double-quoted HTML attribute.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(ch),
        }
    }
    out
}

/// What a partner pastes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The embedded view's address.
    pub url: String,
    /// The `<iframe>` (works alone; sized by `embed.js` when present).
    pub iframe: String,
    /// The `<script>` for `embed.js`, which makes the iframe fit its content.
    pub script: String,
    /// The alternative: a `<div>` that `embed.js` turns into the iframe.
    pub div: String,
}

/// The sandbox an embedded view needs: scripts (the explorer runs in wasm),
/// its own origin (to fetch its data files), and pop-ups (its link opens
/// the full explorer in a new tab). Nothing else: no forms, no top
/// navigation.
pub const SANDBOX: &str =
    "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The snippet for `state` embedded from `base` (the explorer's address,
/// ending in `/`), titled `title`.
pub fn snippet(base: &str, state: &ViewState, title: &str) -> Snippet {
    let url = format!("{base}{}", state.to_query());
    let iframe = format!(
        "<iframe data-cse-embed src=\"{}\" title=\"{}\" loading=\"lazy\" sandbox=\"{SANDBOX}\" referrerpolicy=\"no-referrer\" style=\"width:100%;border:0\"></iframe>",
        attr(&url),
        attr(title)
    );
    let script = format!(
        "<script src=\"{}\" async></script>",
        attr(&format!("{base}embed.js"))
    );
    let div = format!(
        "<div data-cse-embed=\"{}\" data-cse-title=\"{}\"></div>",
        attr(&url),
        attr(title)
    );
    Snippet {
        url,
        iframe,
        script,
        div,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_and_keeps_the_view() {
        let s = ViewState::from_query("ward=E05900020&embed=card&select=Drugs");
        let sn = snippet(
            "https://example.org/explorer/",
            &s,
            "Town \"Centre\" <figures> & more",
        );
        assert_eq!(
            sn.url,
            "https://example.org/explorer/?select=Drugs&ward=E05900020&embed=card"
        );
        assert!(sn.iframe.contains("src=\"https://example.org/explorer/?select=Drugs&amp;ward=E05900020&amp;embed=card\""), "{}", sn.iframe);
        assert!(sn
            .iframe
            .contains("title=\"Town &quot;Centre&quot; &lt;figures&gt; &amp; more\""));
        assert!(sn.iframe.contains("loading=\"lazy\"") && sn.iframe.contains(SANDBOX));
        assert!(!sn.iframe.contains("height"), "no fixed height");
        assert_eq!(
            sn.script,
            "<script src=\"https://example.org/explorer/embed.js\" async></script>"
        );
    }

    #[test]
    fn the_full_view_drops_embed_options() {
        let s = ViewState::from_query("ward=E05900020&embed=ranking&theme=dark&top=5&select=Drugs");
        let f = full_view(&s);
        assert_eq!(f.page, Page::Wards);
        assert_eq!(f.to_query(), "?page=wards&select=Drugs&ward=E05900020");
        let card = ViewState::from_query("ward=E05900020&embed=card");
        assert_eq!(full_view(&card).to_query(), "?ward=E05900020");
    }
}
