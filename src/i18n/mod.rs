//! The words the explorer shows, in each language it speaks: one message
//! catalogue per language (English in [`en`], every other language a text
//! file under `i18n/`), filled with named values, and each language's
//! grammar (month names, ordinals, counted nouns) as code with tests.
//!
//! A leaf like [`format`](mod@crate::format): nothing here knows the data
//! model, so every layer may use it.

pub mod cy;
mod en;
mod fill;
mod text;

use std::sync::OnceLock;

pub use en::Msg;
pub use fill::fill;
pub use text::Text;

/// A language the explorer speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English (the catalogue every other is checked against).
    #[default]
    En,
    /// Welsh.
    Cy,
}

impl Lang {
    /// Every language, in the header's order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Cy];

    /// The code used in the address (`?lang=cy`) and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    /// The language with `code`, if the explorer speaks it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, as the switch offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Cy => "Cymraeg",
        }
    }

    /// The catalogue file of a language other than English, under
    /// `i18n/` (the browser fetches it when the language is chosen, so
    /// that no one downloads a language they do not read; the build
    /// writes it there one text per line in the order of the keys,
    /// `scripts/catalogues.mjs`).
    pub fn file(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::Cy => Some("cy.txt"),
        }
    }

    /// The catalogue built in (native builds: the command line and tests).
    #[cfg(not(target_arch = "wasm32"))]
    fn catalogue(self) -> Option<&'static str> {
        match self {
            Lang::En => None,
            Lang::Cy => Some(include_str!("../../i18n/cy.txt")),
        }
    }
}

/// One language's words: every message of the catalogue, English where
/// the language's file has none.
#[derive(Debug)]
pub struct Words {
    lang: Lang,
    texts: Vec<&'static str>,
    /// The catalogue file read, if any (what the page hands the loading
    /// worker, which has no copy of its own).
    file: Option<&'static str>,
}

/// Where each language's words are kept once read.
fn cell(lang: Lang) -> &'static OnceLock<Words> {
    static EN: OnceLock<Words> = OnceLock::new();
    static CY: OnceLock<Words> = OnceLock::new();
    match lang {
        Lang::En => &EN,
        Lang::Cy => &CY,
    }
}

/// The words of `lang`, read once. In the browser a language other than
/// English is there once its file is [`install`]ed; until then (or if it
/// could not be fetched) its words are English.
pub fn words(lang: Lang) -> &'static Words {
    if lang == Lang::En {
        return cell(lang).get_or_init(|| Words {
            lang,
            texts: english_texts(),
            file: None,
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    return cell(lang).get_or_init(|| Words::of(lang, lang.catalogue()));
    #[cfg(target_arch = "wasm32")]
    cell(lang).get().unwrap_or_else(english)
}

/// Takes `file` as `lang`'s catalogue, as the browser fetches it (one
/// text per line in the order of the keys; an empty line leaves the
/// English); the first one installed stays.
pub fn install(lang: Lang, file: String) {
    let file: &'static str = Box::leak(file.into_boxed_str());
    let mut texts = english_texts();
    for (text, line) in texts.iter_mut().zip(file.lines()) {
        if !line.is_empty() {
            *text = line;
        }
    }
    let words = Words {
        lang,
        texts,
        file: Some(file),
    };
    let _ = cell(lang).set(words);
}

/// Every message's English text, in order: the pages' and, where they
/// are (native builds; the loading worker once it has asked for them,
/// [`with_load_messages`]), the loading worker's.
fn english_texts() -> Vec<&'static str> {
    let load = load_english().split_terminator(en::END);
    en::ENGLISH.split_terminator(en::END).chain(load).collect()
}

#[cfg(not(target_arch = "wasm32"))]
fn load_english() -> &'static str {
    en::ENGLISH_LOAD
}

/// The loading worker's messages' English, once asked for.
#[cfg(target_arch = "wasm32")]
static LOAD: OnceLock<&'static str> = OnceLock::new();

#[cfg(target_arch = "wasm32")]
fn load_english() -> &'static str {
    LOAD.get().copied().unwrap_or_default()
}

/// Gives this bundle the loading worker's messages (what the data layer
/// says of files and rows, the load report's words): the worker calls it
/// before any words are read. The explorer's bundle never does, so it
/// carries none of their English (it shows them as the worker wrote them);
/// native builds always have them.
pub fn with_load_messages() {
    #[cfg(target_arch = "wasm32")]
    let _ = LOAD.set(en::ENGLISH_LOAD);
}

/// True once `lang`'s words are there (English always is).
pub fn is_installed(lang: Lang) -> bool {
    lang == Lang::En || cell(lang).get().is_some()
}

/// The English words: the command line's, and the pages' by default.
pub fn english() -> &'static Words {
    words(Lang::En)
}

impl Words {
    /// The words of a catalogue as translators write it (`Key = text`
    /// lines): native builds.
    #[cfg(not(target_arch = "wasm32"))]
    fn of(lang: Lang, file: Option<&'static str>) -> Words {
        let mut texts = english_texts();
        if let Some(file) = file {
            for (key, text) in entries(file) {
                if let Some(i) = keys().position(|k| k == key) {
                    texts[i] = text;
                }
            }
        }
        Words { lang, texts, file }
    }

    /// The catalogue file these words were read from (`None`: English).
    pub fn file(&self) -> Option<&'static str> {
        self.file
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message as it stands. Indexed directly: the explorer's bundle has
    /// no text for the loading worker's messages and no code that shows
    /// one (only the worker's and the data layer's session do); a slice
    /// `get` here, inlined at every call, cost the bundle 1.9 KB gzip.
    pub fn t(&self, msg: Msg) -> &'static str {
        self.texts[msg as usize]
    }

    /// A message with its `{name}`s filled from `args`.
    pub fn f(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// A month's name and year: `Nov 2025` (English), `Tachwedd 2025`.
    pub fn month(&self, year: u32, month_of_year: u32) -> String {
        let name = match self.lang {
            Lang::En => en::month_short(month_of_year),
            Lang::Cy => cy::month(month_of_year),
        };
        format!("{name} {year}")
    }

    /// A month's name alone, short where the language shortens it: `Nov`,
    /// `Tach`.
    pub fn month_short(&self, month_of_year: u32) -> &'static str {
        match self.lang {
            Lang::En => en::month_short(month_of_year),
            Lang::Cy => cy::month_short(month_of_year),
        }
    }

    /// `figures` (a count already formatted) of a noun message
    /// (`singular|plural`, in Welsh `singular|plural|f`): `1 offence`,
    /// `415 offences`, `415 o droseddau`, `2 ddigwyddiad`.
    pub fn count(&self, n: u64, figures: &str, noun: Msg) -> String {
        let noun = cy::Noun::parse(self.t(noun));
        match self.lang {
            Lang::Cy => cy::count(n, figures, noun),
            Lang::En if n == 1 => format!("{figures} {}", noun.singular),
            Lang::En => format!("{figures} {}", noun.plural),
        }
    }

    /// A noun message's singular and plural: (`ward`, `wards`).
    pub fn noun(&self, noun: Msg) -> (&'static str, &'static str) {
        let n = cy::Noun::parse(self.t(noun));
        (n.singular, n.plural)
    }

    /// The word for "and" before `next`: `and`; `ac` before a vowel, `a`
    /// before a consonant.
    pub fn and_before(&self, next: &str) -> &'static str {
        match self.lang {
            Lang::Cy => cy::and_before(next),
            Lang::En => "and",
        }
    }

    /// An ordinal: `2nd`, `2il`.
    pub fn ordinal(&self, n: u32) -> String {
        match self.lang {
            Lang::En => crate::format::ordinal(n),
            Lang::Cy => cy::ordinal(n),
        }
    }
}

/// The messages' keys, in order (the browser reads catalogues by
/// position, so has no need of them).
#[cfg(not(target_arch = "wasm32"))]
fn keys() -> impl Iterator<Item = &'static str> {
    en::KEYS.split_terminator(en::END)
}

/// A catalogue file's `Key = text` lines (blank lines and `#` comments
/// skipped).
#[cfg(not(target_arch = "wasm32"))]
fn entries(file: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    file.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let (key, text) = line.split_once('=')?;
        Some((key.trim(), text.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("CY"), None);
    }

    /// Every key of a catalogue file is a message of the English one, once,
    /// and every message has its text: a typo or a forgotten line fails.
    #[test]
    fn every_catalogue_translates_every_message_once() {
        for lang in Lang::ALL {
            let Some(file) = lang.catalogue() else {
                continue;
            };
            let mut seen = std::collections::HashSet::new();
            for (key, text) in entries(file) {
                assert!(
                    keys().any(|k| k == key),
                    "{}: unknown key {key}",
                    lang.code()
                );
                assert!(seen.insert(key), "{}: {key} twice", lang.code());
                assert!(!text.is_empty(), "{}: {key} is empty", lang.code());
            }
            let missing: Vec<_> = keys().filter(|k| !seen.contains(k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        }
    }

    /// A translation names only values the English names (or the few the
    /// code passes for another language's grammar, listed here): a
    /// `{place}` misspelt would leave a brace on the page.
    #[test]
    fn translations_name_only_values_the_code_gives() {
        const FOR_GRAMMAR: &[(&str, &str)] = &[
            ("HeadlineNotCompared", "count_previous"),
            ("PeerNthLowest", "but"),
            ("PeerNthHighest", "but"),
            ("RatesHigherWhereDeprived", "what_lower"),
            ("HeadlineRose", "what_lower"),
            ("HeadlineFell", "what_lower"),
            ("HeadlineUnchanged", "what_lower"),
            ("HeadlineHigher", "what_lower"),
            ("HeadlineLower", "what_lower"),
            ("CategoryRose", "what_lower"),
            ("CategoryFell", "what_lower"),
            ("RatesLowerWhereDeprived", "what_lower"),
        ];
        for lang in Lang::ALL {
            let w = words(lang);
            let en = words(Lang::En);
            for (i, key) in keys().enumerate() {
                let english: Vec<&str> = fill::names(en.texts[i]).collect();
                for name in fill::names(w.texts[i]) {
                    let given = english.contains(&name) || FOR_GRAMMAR.contains(&(key, name));
                    assert!(given, "{}: {key} names {{{name}}}", lang.code());
                }
            }
        }
    }

    #[test]
    fn months_and_ordinals_in_each_language() {
        let (en, cy) = (words(Lang::En), words(Lang::Cy));
        assert_eq!(en.month(2025, 1), "Jan 2025");
        assert_eq!(cy.month(2025, 1), "Ionawr 2025");
        assert_eq!(cy.month(2024, 12), "Rhagfyr 2024");
        assert_eq!(en.ordinal(22), "22nd");
        assert_eq!(cy.ordinal(2), "2il");
    }
}
