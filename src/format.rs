//! Display formatting of figures: rounded once, here, at display.

/// A whole number with thousands separators: `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A signed change with separators: `+415`, `−1,203`, `0`.
pub fn signed(n: i64) -> String {
    let body = thousands(n.unsigned_abs());
    match n.signum() {
        1 => format!("+{body}"),
        -1 => format!("\u{2212}{body}"),
        _ => body,
    }
}

/// A signed percentage to one decimal place: `+4.0%`, `−7.2%`; `n/a` when
/// there is none (no baseline).
pub fn signed_pct(p: Option<f64>) -> String {
    match p {
        None => "n/a".to_string(),
        Some(p) if !p.is_finite() => "n/a".to_string(),
        Some(p) => {
            let rounded = format!("{:.1}", p.abs());
            if rounded == "0.0" {
                "0.0%".to_string()
            } else if p > 0.0 {
                format!("+{rounded}%")
            } else {
                format!("\u{2212}{rounded}%")
            }
        }
    }
}

/// An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A decimal with thousands separators in its whole part, rounded to
/// `places`: `1,234.5`, `−12.0`.
pub fn decimal(v: f64, places: usize) -> String {
    let text = format!("{:.*}", places, v.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_string(), thousands);
    let sign = if v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "−"
    } else {
        ""
    };
    match fraction {
        "" => format!("{sign}{whole}"),
        f => format!("{sign}{whole}.{f}"),
    }
}

/// A percentage share to one decimal place: `19.0%`; empty when none.
pub fn pct(p: Option<f64>) -> String {
    match p {
        Some(p) if p.is_finite() => format!("{p:.1}%"),
        _ => String::new(),
    }
}

/// A label as it reads inside a sentence: its first letter lower-cased,
/// unless it starts an acronym (`ASB`), and nothing else touched: "All
/// crime (excluding ASB)" → "all crime (excluding ASB)", "ASB (council)"
/// stays.
pub fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(|c| c.is_ascii_uppercase()) => {
            first.to_ascii_lowercase().to_string() + &label[first.len_utf8()..]
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_have_separators_and_a_true_minus() {
        assert_eq!(decimal(1234.56, 1), "1,234.6");
        assert_eq!(decimal(999.96, 1), "1,000.0");
        assert_eq!(decimal(12.0, 0), "12");
        assert_eq!(decimal(-1234567.0, 2), "−1,234,567.00");
        assert_eq!(decimal(-0.01, 1), "0.0", "no minus on a zero");
        assert_eq!(decimal(0.5, 3), "0.500");
    }

    #[test]
    fn formats_by_hand() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(signed(415), "+415");
        assert_eq!(signed(-1203), "\u{2212}1,203");
        assert_eq!(signed_pct(Some(4.04)), "+4.0%");
        assert_eq!(signed_pct(Some(-7.25)), "\u{2212}7.2%");
        assert_eq!(signed_pct(Some(-0.01)), "0.0%");
        assert_eq!(signed_pct(None), "n/a");
        assert_eq!(pct(Some(19.04)), "19.0%");
        let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 1013]
            .iter()
            .map(|&n| ordinal(n))
            .collect();
        assert_eq!(
            words,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th", "1013th"
            ]
        );
    }
}
