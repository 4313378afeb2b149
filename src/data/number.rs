//! A small decimal parser for the browser's inputs (GeoJSON coordinates,
//! deprivation scores). It avoids the standard library's general float
//! parser, whose tables cost the bundle ~17 KB.
//!
//! Numbers with up to 15 significant digits and a decimal exponent within
//! ±22 — every coordinate and score in practice — are converted exactly
//! (correctly rounded, as `str::parse::<f64>` gives: the mantissa and the
//! power of ten are both exact doubles, so one multiplication or division
//! rounds once). Longer mantissas are cut to 19 digits and larger exponents
//! scaled step by step: within a few units in the last place.

/// Exact powers of ten as doubles, 1e0 … 1e22.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses a decimal number: an optional `-` or `+`, digits with an optional
/// fraction, and an optional exponent (`e`/`E`). `None` for anything else,
/// and for results that are not finite.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let negative = cursor.sign();
    let mut mantissa = Mantissa::default();
    let whole = cursor.digits(|c| mantissa.push_whole(c));
    let fraction = cursor
        .eat(b'.')
        .then(|| cursor.digits(|c| mantissa.push_fraction(c)));
    if whole == 0 && fraction.unwrap_or(0) == 0 {
        return None;
    }
    let mut exp10 = mantissa.exp10;
    if cursor.eat(b'e') || cursor.eat(b'E') {
        let exp_negative = cursor.sign();
        let mut e: i64 = 0;
        let n = cursor.digits(|c| e = (e * 10 + i64::from(c - b'0')).min(100_000));
        if n == 0 {
            return None;
        }
        exp10 += if exp_negative { -e } else { e };
    }
    if cursor.at != cursor.bytes.len() {
        return None;
    }
    let value = scale(mantissa.value, exp10);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// A place in the text being parsed.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// Takes `c` when it comes next.
    fn eat(&mut self, c: u8) -> bool {
        let next = self.bytes.get(self.at) == Some(&c);
        self.at += usize::from(next);
        next
    }

    /// An optional sign: true for `-`.
    fn sign(&mut self) -> bool {
        if self.eat(b'-') {
            return true;
        }
        self.eat(b'+');
        false
    }

    /// Hands each ASCII digit that comes next to `each`; how many there were.
    fn digits(&mut self, mut each: impl FnMut(u8)) -> usize {
        let start = self.at;
        while let Some(&c) = self.bytes.get(self.at).filter(|c| c.is_ascii_digit()) {
            each(c);
            self.at += 1;
        }
        self.at - start
    }
}

/// The significant digits read (up to 19) and the power of ten they stand
/// for.
#[derive(Default)]
struct Mantissa {
    value: u64,
    /// Significant digits kept in `value`.
    digits: usize,
    exp10: i64,
}

impl Mantissa {
    /// Keeps digit `c` when there is room; true when it was kept.
    fn keep(&mut self, c: u8) -> bool {
        if self.digits >= 19 {
            return false;
        }
        if self.value > 0 || c != b'0' {
            self.digits += 1;
        }
        self.value = self.value * 10 + u64::from(c - b'0');
        true
    }

    /// A digit before the point (beyond the 19th, it scales by ten).
    fn push_whole(&mut self, c: u8) {
        if !self.keep(c) {
            self.exp10 += 1;
        }
    }

    /// A digit after the point (beyond the 19th, it is dropped).
    fn push_fraction(&mut self, c: u8) {
        if self.keep(c) {
            self.exp10 -= 1;
        }
    }
}

/// `mantissa` × 10^`exp10`: one exact operation when both are exact doubles
/// (correctly rounded), else in steps of 1e22.
fn scale(mantissa: u64, exp10: i64) -> f64 {
    let value = mantissa as f64;
    if mantissa == 0 {
        return value;
    }
    let times = |value: f64, e: i64| {
        let p = POW10[e.unsigned_abs() as usize];
        if e < 0 {
            value / p
        } else {
            value * p
        }
    };
    if mantissa < (1u64 << 53) && (-22..=22).contains(&exp10) {
        return times(value, exp10);
    }
    let (mut value, mut e) = (value, exp10);
    while e > 22 {
        value *= 1e22;
        e -= 22;
    }
    while e < -22 {
        value /= 1e22;
        e += 22;
    }
    times(value, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `c` both ways: bit for bit the same as std within 15
    /// significant digits and no exponent, else within 1e-14.
    fn agrees_with_std(c: &str) {
        let want: f64 = c.parse().unwrap();
        let got = parse_decimal(c).unwrap_or_else(|| panic!("{c} did not parse"));
        let fast_path = c
            .trim_start_matches(['-', '+'])
            .replace('.', "")
            .trim_start_matches('0')
            .len()
            <= 15
            && !c.contains(['e', 'E']);
        if fast_path {
            assert_eq!(got.to_bits(), want.to_bits(), "{c}: {got} vs {want}");
        } else {
            assert!(
                ((got - want) / want.abs().max(f64::MIN_POSITIVE)).abs() < 1e-14,
                "{c}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn agrees_bit_for_bit_with_std_on_everyday_numbers() {
        // Coordinates, scores and ranks as the files write them, plus edge
        // shapes; each compared with the standard library's parser.
        for c in [
            "0",
            "-0",
            "1",
            "-1.5",
            "54.48000",
            "-1.45123",
            "-1.212283",
            "54.506084",
            "32844",
            "1e3",
            "2.5E-3",
            "+7",
            "0.1",
            "0.3",
            "123456789012345",
            "1.7976931348623157e308",
            "5e-324",
            "00012.50",
            ".5",
            "9007199254740993",
        ] {
            agrees_with_std(c);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        /// 6-decimal coordinates and 3-decimal scores, as the files write them.
        #[test]
        fn agrees_with_std_on_coordinates_and_scores(
            lon in -180.0..180.0f64,
            score in 0..100_000u32,
            whole in 0..100u32,
            thousandths in 0..1000u32,
        ) {
            agrees_with_std(&format!("{lon:.6}"));
            agrees_with_std(&format!("{score}.000"));
            agrees_with_std(&format!("{whole}.{thousandths:03}"));
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "", "-", "+", ".", "1.2.3", "1e", "e5", "1,5", "abc", "1 ", " 1", "0x10", "1e99999",
            "nan", "inf",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
