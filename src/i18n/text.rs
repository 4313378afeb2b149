//! [`Text`]: words made before the language is known (a reader's reason
//! for rejecting a row, why a file was not used), kept as a message and
//! its named values, and said in a language where they are shown.

use super::{english, Msg, Words};

/// Words to be said in a language: a message of the catalogue with its
/// named values (themselves texts), or the data's own words (a file's
/// name, a value as the file gives it), which every language shows as
/// they stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// The data's own words.
    Own(String),
    /// A message and its named values.
    Said(Msg, Vec<(&'static str, Text)>),
    /// A count of a noun message (`row|rows`): `1 row`, `2 rows`, `2 res`.
    Count(u64, Msg),
    /// Texts joined by a separator the languages share (`, `, ` → `).
    Join(&'static str, Vec<Text>),
    /// Texts listed with "and" before the last: `a, b and c`.
    And(Vec<Text>),
}

impl Text {
    /// A message, its values to come ([`Text::with`]).
    pub fn msg(msg: Msg) -> Text {
        Text::Said(msg, Vec::new())
    }

    /// The text with `{name}` given `value`.
    pub fn with(self, name: &'static str, value: impl Into<Text>) -> Text {
        self.with_text(name, value.into())
    }

    /// [`with`](Self::with), one copy for every call (the bundles have
    /// dozens of them).
    #[inline(never)]
    fn with_text(mut self, name: &'static str, value: Text) -> Text {
        if let Text::Said(_, args) = &mut self {
            args.push((name, value));
        }
        self
    }

    /// The text in `w`'s language.
    #[inline(never)]
    pub fn in_words(&self, w: &Words) -> String {
        match self {
            Text::Own(s) => s.clone(),
            Text::Said(msg, args) => {
                let said: Vec<(&str, String)> =
                    args.iter().map(|(k, v)| (*k, v.in_words(w))).collect();
                let args: Vec<(&str, &str)> = said.iter().map(|(k, v)| (*k, v.as_str())).collect();
                w.f(*msg, &args)
            }
            Text::Count(n, noun) => w.count(*n, &crate::format::thousands(*n), *noun),
            Text::Join(sep, parts) => {
                let parts: Vec<String> = parts.iter().map(|p| p.in_words(w)).collect();
                parts.join(sep)
            }
            Text::And(parts) => {
                let parts: Vec<String> = parts.iter().map(|p| p.in_words(w)).collect();
                match parts.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} {} {last}", rest.join(", "), w.and_before(last))
                    }
                    _ => parts.concat(),
                }
            }
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Own(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Own(s.to_string())
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Text {
        Text::msg(msg)
    }
}

/// In English: the command line's words, and the reports it writes.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_words(english()))
    }
}

/// In English, as a string (the command line's JSON reports).
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{words, Lang};

    #[test]
    fn a_text_is_said_in_each_language_with_its_values_nested() {
        let why = Text::msg(Msg::NotUsed).with("why", Text::msg(Msg::MacMetadataNotData));
        assert_eq!(why.to_string(), "Not used: macOS metadata, not data");
        let cy = why.in_words(words(Lang::Cy));
        assert!(cy.starts_with("Heb ei defnyddio"), "{cy}");
        assert!(!cy.contains("macOS metadata"), "{cy}");
        assert_eq!(Text::from("a.csv").in_words(words(Lang::Cy)), "a.csv");
    }
}
