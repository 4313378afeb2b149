//! Welsh grammar the sentences need: month names, ordinals written in
//! figures, the initial mutations, the article, and a noun counted in
//! figures. Needs review by a Welsh speaker (README, "Languages").

const MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];
const MONTHS_SHORT: [&str; 12] = [
    "Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag",
];

/// A month's name, 1 = `Ionawr`; empty outside 1..=12.
pub fn month(month_of_year: u32) -> &'static str {
    name(&MONTHS, month_of_year)
}

/// A month's short name, 1 = `Ion`.
pub fn month_short(month_of_year: u32) -> &'static str {
    name(&MONTHS_SHORT, month_of_year)
}

fn name(names: &[&'static str; 12], month_of_year: u32) -> &'static str {
    let i = month_of_year.wrapping_sub(1) as usize;
    names.get(i).copied().unwrap_or_default()
}

/// An ordinal in figures: `1af`, `2il`, `3ydd`, `5ed`, `7fed`, `11eg`,
/// `21ain`, `40fed`, `101af`.
pub fn ordinal(n: u32) -> String {
    let r = n % 100;
    let suffix = match r {
        0 => "fed",
        1 => "af",
        2 => "il",
        3 | 4 => "ydd",
        5 | 6 => "ed",
        11 | 13 | 14 | 16 | 17 | 19 => "eg",
        7..=20 => "fed",
        r if r % 10 == 0 && r != 30 => "fed",
        _ => "ain",
    };
    format!("{n}{suffix}")
}

/// Which mutation a word takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mutation {
    /// None (the radical).
    None,
    /// Soft: `trosedd` → `drosedd`, `mis` → `fis`, `gwerth` → `werth`.
    Soft,
    /// Aspirate: `trosedd` → `throsedd`, `cyfradd` → `chyfradd`.
    Aspirate,
    /// Nasal: `trosedd` → `nhrosedd`, `blwyddyn` → `mlwyddyn`.
    Nasal,
}

/// `word` mutated; a word whose first letters do not mutate is returned
/// as it is. A capital stays a capital (`Tref` → `Dref`).
pub fn mutate(word: &str, m: Mutation) -> String {
    let lower = word.to_ascii_lowercase();
    let rules: &[(&str, &str)] = match m {
        Mutation::None => &[],
        Mutation::Soft => &[
            ("ll", "l"),
            ("rh", "r"),
            ("p", "b"),
            ("t", "d"),
            ("c", "g"),
            ("b", "f"),
            ("d", "dd"),
            ("g", ""),
            ("m", "f"),
        ],
        Mutation::Aspirate => &[("p", "ph"), ("t", "th"), ("c", "ch")],
        Mutation::Nasal => &[
            ("p", "mh"),
            ("t", "nh"),
            ("c", "ngh"),
            ("b", "m"),
            ("d", "n"),
            ("g", "ng"),
        ],
    };
    // Digraphs that are letters of their own never take a one-letter rule:
    // `ch`, `ph`, `th`, `dd`, `ff`, `ng`.
    let own_letter = ["ch", "ph", "th", "dd", "ff", "ng"]
        .iter()
        .any(|d| lower.starts_with(d));
    let rule = rules
        .iter()
        .find(|(from, _)| lower.starts_with(from) && (from.len() == 2 || !own_letter));
    let Some((from, to)) = rule else {
        return word.to_string();
    };
    let rest = &word[from.len()..];
    let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
    let mut out = String::with_capacity(word.len() + 2);
    if capital {
        let mut chars = to.chars();
        match chars.next() {
            Some(first) => {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
                out.push_str(rest);
            }
            // `g` dropped: the next letter takes the capital.
            None => {
                let mut rest_chars = rest.chars();
                if let Some(next) = rest_chars.next() {
                    out.push(next.to_ascii_uppercase());
                }
                out.push_str(rest_chars.as_str());
            }
        }
    } else {
        out.push_str(to);
        out.push_str(rest);
    }
    out
}

/// The article before `word`: `yr` before a vowel or `h`, else `y`.
pub fn article(word: &str) -> &'static str {
    let first = word.chars().next().map(|c| c.to_ascii_lowercase());
    match first {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y' | 'h') => "yr",
        _ => "y",
    }
}

/// "And" before `next`: `ac` before a vowel (and before `nid`, `mae`),
/// else `a`.
pub fn and_before(next: &str) -> &'static str {
    let lower = next.trim_start().to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u', 'w', 'y']);
    if vowel || lower.starts_with("nid ") || lower.starts_with("mae ") {
        "ac"
    } else {
        "a"
    }
}

/// A Welsh noun as a count needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun<'a> {
    /// The singular: `trosedd`.
    pub singular: &'a str,
    /// The plural: `troseddau`.
    pub plural: &'a str,
    /// Feminine nouns mutate after `un` and take `dwy`, `tair`.
    pub feminine: bool,
}

impl<'a> Noun<'a> {
    /// A noun written `singular|plural|f` (or `|m`) in a catalogue.
    pub fn parse(text: &'a str) -> Noun<'a> {
        let mut parts = text.split('|').map(str::trim);
        let singular = parts.next().unwrap_or_default();
        let plural = parts.next().unwrap_or(singular);
        Noun {
            singular,
            plural,
            feminine: parts.next() == Some("f"),
        }
    }
}

/// `figures` (already formatted, e.g. `1,203`) of `noun` counting `n`:
/// under 100 the singular, mutated as the number's last word makes it
/// (`1 drosedd`, `2 ddigwyddiad`, `3 throsedd` is `tair` so none, `6
/// throsedd`); from 100 `o` and the plural, soft (`415 o droseddau`).
pub fn count(n: u64, figures: &str, noun: Noun) -> String {
    if n >= 100 {
        return format!("{figures} o {}", mutate(noun.plural, Mutation::Soft));
    }
    let last = if n < 20 && n > 10 { n } else { n % 10 };
    let m = match (last, noun.feminine) {
        (1, true) | (2, _) => Mutation::Soft,
        (3, false) | (6, _) => Mutation::Aspirate,
        _ => Mutation::None,
    };
    let m = if n == 0 { Mutation::None } else { m };
    format!("{figures} {}", mutate(noun.singular, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_figures() {
        let got: Vec<String> = [
            1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 18, 20, 21, 30, 40, 57, 101, 112,
        ]
        .into_iter()
        .map(ordinal)
        .collect();
        assert_eq!(
            got,
            [
                "1af", "2il", "3ydd", "4ydd", "5ed", "6ed", "7fed", "10fed", "11eg", "12fed",
                "13eg", "18fed", "20fed", "21ain", "30ain", "40fed", "57ain", "101af", "112fed"
            ]
        );
    }

    #[test]
    fn mutations_follow_the_first_letters() {
        use Mutation::*;
        assert_eq!(mutate("trosedd", Soft), "drosedd");
        assert_eq!(mutate("trosedd", Aspirate), "throsedd");
        assert_eq!(mutate("trosedd", Nasal), "nhrosedd");
        assert_eq!(mutate("cyfradd", Aspirate), "chyfradd");
        assert_eq!(mutate("gwerth", Soft), "werth");
        assert_eq!(mutate("Gwerth", Soft), "Werth");
        assert_eq!(mutate("mis", Soft), "fis");
        assert_eq!(mutate("llai", Soft), "lai");
        assert_eq!(mutate("rhif", Soft), "rif");
        assert_eq!(mutate("dwyn", Soft), "ddwyn");
        assert_eq!(mutate("Tref", Soft), "Dref");
        assert_eq!(mutate("blwyddyn", Nasal), "mlwyddyn");
        // Letters of their own, and vowels, do not mutate.
        assert_eq!(mutate("ffigur", Soft), "ffigur");
        assert_eq!(mutate("chwe", Aspirate), "chwe");
        assert_eq!(mutate("ddoe", Soft), "ddoe");
        assert_eq!(mutate("achos", Soft), "achos");
        assert_eq!(mutate("ward", Soft), "ward");
    }

    #[test]
    fn and_before_vowels_is_ac() {
        assert_eq!(and_before("Ionawr 2025"), "ac");
        assert_eq!(and_before("Tachwedd 2025"), "a");
        assert_eq!(and_before("nid oes data"), "ac");
    }

    #[test]
    fn the_article_before_vowels_and_h() {
        assert_eq!(article("ward"), "yr");
        assert_eq!(article("Heddlu"), "yr");
        assert_eq!(article("trosedd"), "y");
        assert_eq!(article("cyfnod"), "y");
    }

    #[test]
    fn counted_nouns_mutate_after_numbers() {
        let trosedd = Noun::parse("trosedd|troseddau|f");
        let digwyddiad = Noun::parse("digwyddiad|digwyddiadau|m");
        let c = |n: u64, noun| count(n, &crate::format::thousands(n), noun);
        assert_eq!(c(1, trosedd), "1 drosedd");
        assert_eq!(c(1, digwyddiad), "1 digwyddiad");
        assert_eq!(c(2, trosedd), "2 drosedd");
        assert_eq!(c(2, digwyddiad), "2 ddigwyddiad");
        assert_eq!(c(3, trosedd), "3 trosedd");
        assert_eq!(c(3, digwyddiad), "3 digwyddiad");
        assert_eq!(c(6, trosedd), "6 throsedd");
        assert_eq!(c(12, Noun::parse("mis|misoedd|m")), "12 mis");
        assert_eq!(c(22, trosedd), "22 drosedd");
        assert_eq!(c(0, trosedd), "0 trosedd");
        assert_eq!(c(415, trosedd), "415 o droseddau");
        assert_eq!(c(1203, digwyddiad), "1,203 o ddigwyddiadau");
    }
}
