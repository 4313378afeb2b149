//! Small JSON writing helpers for the pure writers (manifest, boundaries):
//! strings escaped as JSON requires, numbers without exponents. Like
//! [`super::json`] for reading, they keep `serde_json` out of the browser.

use std::fmt::Write as _;

/// `decimals` for [`number`] that keeps a number exactly: the shortest
/// text that reads back to the same `f64`.
pub const EXACT: i32 = -1;

/// Appends `s` as a JSON string, escaped as `serde_json` escapes it: `"`
/// and `\` with a backslash, the control characters U+0000–U+001F as `\b`,
/// `\f`, `\n`, `\r`, `\t` or `\u00XX`, everything else as UTF-8.
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `s` as a JSON string (see [`push_string`]).
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_string(&mut out, s);
    out
}

/// A number as JSON text. With `decimals` of 0 or more: rounded to at most
/// that many decimal places, trailing zeros trimmed (`54.5`, `3`). With a
/// negative `decimals` ([`EXACT`]): the shortest text that reads back to
/// the same number. Never an exponent; `-0` is written `0`; a number that
/// is not finite (which JSON cannot hold) is written `null`.
pub fn number(x: f64, decimals: i32) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    let mut s = if decimals < 0 {
        format!("{x}")
    } else {
        format!("{:.*}", decimals as usize, x)
    };
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(string("plain"), r#""plain""#);
        assert_eq!(string(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(string("a\nb\tc\rd"), r#""a\nb\tc\rd""#);
        assert_eq!(
            string("\u{0}\u{1}\u{1f}\u{8}\u{c}"),
            r#""\u0000\u0001\u001f\b\f""#
        );
        assert_eq!(string("Ynys Môn ☃ \u{7f}"), "\"Ynys Môn ☃ \u{7f}\"");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // The CLI's files were written by serde_json: they must not change.
        let every: String = (0u32..0x300).filter_map(char::from_u32).collect();
        for s in [every.as_str(), "\u{2028}\u{feff}😀", ""] {
            assert_eq!(string(s), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn numbers_round_trim_and_keep_exact_values() {
        assert_eq!(number(-1.2345649, 5), "-1.23456");
        assert_eq!(number(54.5, 5), "54.5");
        assert_eq!(number(-0.000001, 5), "0");
        assert_eq!(number(3.0, 5), "3");
        assert_eq!(number(2.5, 0), "2");
        assert_eq!(number(0.1 + 0.2, EXACT), "0.30000000000000004");
        assert_eq!(number(1e-7, EXACT), "0.0000001");
        assert_eq!(number(-1.5e21, EXACT), "-1500000000000000000000");
        assert_eq!(number(-0.0, EXACT), "0");
        assert_eq!(number(f64::NAN, 5), "null");
        assert_eq!(number(f64::NEG_INFINITY, EXACT), "null");
    }
}
