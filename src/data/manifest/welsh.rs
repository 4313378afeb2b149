//! The Welsh versions of a manifest's texts: each under its English key
//! with `_cy` (`"title_cy"`, `"whole_name_cy"`…, `"caveats_cy"` a list, and
//! each other source's `"source_cy"`), and the accessors that show a text
//! in a language: the Welsh where the publisher gave one, else the English.

use super::{Fields, Manifest};
use crate::i18n::Lang;

/// A text of the manifest that may have a Welsh version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// `title`.
    Title,
    /// `publisher`.
    Publisher,
    /// `licence`.
    Licence,
    /// `attribution`.
    Attribution,
    /// `whole_name`.
    WholeName,
    /// `source`: who recorded the main counts.
    Source,
    /// `targets_note`.
    TargetsNote,
}

/// Each text's Welsh key, in [`Text`]'s order.
const KEYS_CY: [&str; 7] = [
    "title_cy",
    "publisher_cy",
    "licence_cy",
    "attribution_cy",
    "whole_name_cy",
    "source_cy",
    "targets_note_cy",
];

impl Text {
    /// Every text, in the order of their keys in `manifest.json`.
    pub const ALL: [Text; 7] = [
        Text::Title,
        Text::Publisher,
        Text::Licence,
        Text::Attribution,
        Text::WholeName,
        Text::Source,
        Text::TargetsNote,
    ];

    /// Its Welsh version's key, e.g. `title_cy`.
    pub fn key_cy(self) -> &'static str {
        KEYS_CY[self as usize]
    }
}

/// The Welsh versions of a manifest's texts, each when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WelshTexts {
    /// By [`Text`].
    texts: [Option<String>; 7],
    /// `caveats_cy`: none, or one for each caveat, in the same order (an
    /// empty one keeps that caveat's English).
    pub caveats: Vec<String>,
}

impl WelshTexts {
    /// The Welsh of `text`, when given.
    pub fn get(&self, text: Text) -> Option<&str> {
        self.texts[text as usize].as_deref()
    }

    /// Gives (or, with `None`, removes) the Welsh of `text`; an empty one
    /// is none.
    pub fn set(&mut self, text: Text, welsh: Option<String>) {
        self.texts[text as usize] = welsh.filter(|t| !t.trim().is_empty());
    }
}

impl Fields<'_> {
    /// The `_cy` keys (absent, `null` or empty: none). `caveats_cy`
    /// translates each of the `caveats` English caveats in order, so it
    /// has as many (or none).
    pub(super) fn welsh(&self, caveats: usize) -> WelshTexts {
        let mut out = WelshTexts::default();
        for text in Text::ALL {
            out.set(text, self.text(text.key_cy()));
        }
        out.caveats = self.caveats("caveats_cy");
        if !out.caveats.is_empty() && out.caveats.len() != caveats {
            let message = "\"caveats_cy\" must give one text for each of the \"caveats\", in the same order (an empty one keeps the English)";
            return self.fail(message.to_string(), out);
        }
        out
    }
}

/// The texts people see, in a language: the Welsh where the publisher gave
/// one, else the English.
impl Manifest {
    /// `text` (its English `en`) in `lang`.
    fn in_lang<'a>(&'a self, text: Text, en: &'a str, lang: Lang) -> &'a str {
        match lang {
            Lang::Cy => self.welsh.get(text).unwrap_or(en),
            Lang::En => en,
        }
    }

    /// The title.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.in_lang(Text::Title, &self.title, lang)
    }

    /// Who publishes it.
    pub fn publisher_in(&self, lang: Lang) -> &str {
        self.in_lang(Text::Publisher, &self.publisher, lang)
    }

    /// The licence.
    pub fn licence_in(&self, lang: Lang) -> &str {
        self.in_lang(Text::Licence, &self.licence, lang)
    }

    /// The attribution.
    pub fn attribution_in(&self, lang: Lang) -> &str {
        self.in_lang(Text::Attribution, &self.attribution, lang)
    }

    /// The name of the whole (empty when the manifest has none).
    pub fn whole_name_in(&self, lang: Lang) -> &str {
        self.in_lang(Text::WholeName, &self.whole_name, lang)
    }

    /// Who recorded the main counts, when said.
    pub fn source_in(&self, lang: Lang) -> Option<&str> {
        Some(self.in_lang(Text::Source, self.source.as_deref()?, lang))
    }

    /// The targets' note, when there is one.
    pub fn targets_note_in(&self, lang: Lang) -> Option<&str> {
        Some(self.in_lang(Text::TargetsNote, self.targets_note.as_deref()?, lang))
    }

    /// The caveats, in order.
    pub fn caveats_in(&self, lang: Lang) -> Vec<&str> {
        let welsh = match lang {
            Lang::Cy => self.welsh.caveats.as_slice(),
            Lang::En => &[],
        };
        self.caveats
            .iter()
            .enumerate()
            .map(|(i, en)| welsh.get(i).filter(|c| !c.is_empty()).unwrap_or(en))
            .map(String::as_str)
            .collect()
    }

    /// Each source's Welsh name the manifest gives, `(English, Welsh)`:
    /// the main source's and other sources'.
    pub fn sources_cy(&self) -> Vec<(String, String)> {
        let main = self.source.as_deref().zip(self.welsh.get(Text::Source));
        let others = self.files.other_sources.iter();
        let others = others.filter_map(|o| Some(o.source.as_str()).zip(o.source_cy.as_deref()));
        main.into_iter()
            .chain(others)
            .map(|(en, cy)| (en.to_string(), cy.to_string()))
            .collect()
    }

    /// Any source's name (a category's `source`: the main source's or one
    /// of `other_sources`', as the English names it) in `lang`: its Welsh
    /// name when the manifest gives one, else `source` itself.
    pub fn source_name_in<'a>(&'a self, source: &'a str, lang: Lang) -> &'a str {
        if self.source.as_deref() == Some(source) {
            return self.in_lang(Text::Source, source, lang);
        }
        let other = self.files.other_sources.iter().find(|o| o.source == source);
        match (lang, other.and_then(|o| o.source_cy.as_deref())) {
            (Lang::Cy, Some(cy)) => cy,
            _ => source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_texts_are_read_shown_in_welsh_and_written_back() {
        let text = r#"{"title": "Merthyr Tydfil", "title_cy": "Merthyr Tudful",
            "licence": "Open Government Licence v3.0", "licence_cy": "",
            "whole_name": "Merthyr Tydfil", "whole_name_cy": "Merthyr Tudful",
            "source": "South Wales Police", "source_cy": "Heddlu De Cymru",
            "targets_note": "Examples.",
            "files": {"counts": "c.csv", "other_sources": [
                {"counts": "asb.csv", "source": "Council", "source_cy": "Cyngor"},
                {"counts": "fires.csv", "source": "Fire service"}]},
            "caveats": ["One.", "Two."], "caveats_cy": ["Un.", ""]}"#;
        let m = Manifest::parse("m.json", text).unwrap();
        let (en, cy) = (Lang::En, Lang::Cy);
        assert_eq!(
            (m.title_in(en), m.title_in(cy)),
            ("Merthyr Tydfil", "Merthyr Tudful")
        );
        assert_eq!(m.whole_name_in(cy), "Merthyr Tudful");
        assert_eq!(
            m.licence_in(cy),
            "Open Government Licence v3.0",
            "empty: English"
        );
        assert_eq!(m.attribution_in(cy), "", "none in either");
        assert_eq!(m.source_in(cy), Some("Heddlu De Cymru"));
        assert_eq!(m.targets_note_in(cy), Some("Examples."));
        assert_eq!(m.caveats_in(cy), ["Un.", "Two."]);
        assert_eq!(m.caveats_in(en), ["One.", "Two."]);
        assert_eq!(
            m.source_name_in("South Wales Police", cy),
            "Heddlu De Cymru"
        );
        assert_eq!(m.source_name_in("Council", cy), "Cyngor");
        assert_eq!(m.source_name_in("Council", en), "Council");
        assert_eq!(m.source_name_in("Fire service", cy), "Fire service");
        assert_eq!(m.source_name_in("Elsewhere", cy), "Elsewhere");
        let json = m.to_json();
        assert!(json
            .contains("  \"title\": \"Merthyr Tydfil\",\n  \"title_cy\": \"Merthyr Tudful\",\n"));
        assert!(json.contains("\"source\": \"Council\", \"source_cy\": \"Cyngor\"}"));
        assert!(
            json.ends_with("  \"caveats_cy\": [\n    \"Un.\",\n    \"\"\n  ]\n}\n"),
            "{json}"
        );
        assert!(!json.contains("licence_cy"), "an empty Welsh text is none");
        assert_eq!(Manifest::parse("again.json", &json).unwrap(), m);
    }

    #[test]
    fn welsh_caveats_must_match_the_english_ones() {
        let text = r#"{"title":"T","files":{"counts":"c"},"caveats":["One.","Two."],"caveats_cy":["Un."]}"#;
        let e = Manifest::parse("m.json", text).unwrap_err().to_string();
        assert!(
            e.contains("m.json") && e.contains("\"caveats_cy\" must give one text for each"),
            "{e}"
        );
        let text = r#"{"title":"T","files":{"counts":"c"},"title_cy":3}"#;
        let e = Manifest::parse("m.json", text).unwrap_err().to_string();
        assert!(e.contains("\"title_cy\" must be text"), "{e}");
        let text = r#"{"title":"T","files":{"counts":"c"},"caveats_cy":"Un."}"#;
        let e = Manifest::parse("m.json", text).unwrap_err().to_string();
        assert!(e.contains("\"caveats_cy\" must be a list of texts"), "{e}");
    }

    #[test]
    fn a_welsh_text_is_set_and_an_empty_one_is_none() {
        let mut w = WelshTexts::default();
        w.set(Text::WholeName, Some("Merthyr Tudful".to_string()));
        w.set(Text::Title, Some("  ".to_string()));
        assert_eq!(w.get(Text::WholeName), Some("Merthyr Tudful"));
        assert_eq!(w.get(Text::Title), None);
        assert_eq!(Text::TargetsNote.key_cy(), "targets_note_cy");
    }
}
