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

use std::sync::OnceLock;

pub use en::Msg;
pub use fill::fill;

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

    /// The catalogue file of a language other than English.
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
}

/// The words of `lang`, read once.
pub fn words(lang: Lang) -> &'static Words {
    static EN: OnceLock<Words> = OnceLock::new();
    static CY: OnceLock<Words> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Cy => &CY,
    };
    cell.get_or_init(|| Words::of(lang))
}

impl Words {
    fn of(lang: Lang) -> Words {
        let mut texts = en::ENGLISH.to_vec();
        if let Some(file) = lang.catalogue() {
            for (key, text) in entries(file) {
                if let Some(i) = en::KEYS.iter().position(|k| *k == key) {
                    texts[i] = text;
                }
            }
        }
        Words { lang, texts }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message as it stands.
    pub fn t(&self, msg: Msg) -> &'static str {
        self.texts[msg as usize]
    }

    /// A message with its `{name}`s filled from `args`.
    pub fn f(&self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.t(msg), args)
    }

    /// A month's name and year: `Nov 2025` (English), `Tachwedd 2025`.
    pub fn month(&self, year: i32, month_of_year: u32) -> String {
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

    /// An ordinal: `2nd`, `2il`.
    pub fn ordinal(&self, n: u32) -> String {
        match self.lang {
            Lang::En => crate::format::ordinal(n),
            Lang::Cy => cy::ordinal(n),
        }
    }
}

/// A catalogue file's `Key = text` lines (blank lines and `#` comments
/// skipped); `\n` in a text is a line break.
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
                    en::KEYS.contains(&key),
                    "{}: unknown key {key}",
                    lang.code()
                );
                assert!(seen.insert(key), "{}: {key} twice", lang.code());
                assert!(!text.is_empty(), "{}: {key} is empty", lang.code());
            }
            let missing: Vec<_> = en::KEYS.iter().filter(|k| !seen.contains(*k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        }
    }

    /// A translation names the same values as the English: a `{place}`
    /// lost or misspelt would leave a hole or a brace on the page.
    #[test]
    fn translations_name_the_same_values() {
        let names = |t: &str| {
            let mut v: Vec<String> = fill::names(t).map(str::to_string).collect();
            v.sort();
            v
        };
        for lang in Lang::ALL {
            let w = words(lang);
            for (i, key) in en::KEYS.iter().enumerate() {
                assert_eq!(
                    names(w.texts[i]),
                    names(en::ENGLISH[i]),
                    "{}: {key}",
                    lang.code()
                );
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
