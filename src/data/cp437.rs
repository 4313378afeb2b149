//! Repairing a name whose UTF-8 was read as code page 437 (the DOS
//! encoding) and saved again as UTF-8: each accented letter became two
//! box-drawing or accented characters. ONS's LSOA → ward → local authority
//! lookup of 2025 has one such name, the Isle of Anglesey's Welsh name
//! `Ynys M├┤n` (for `Ynys Môn`, 41 rows of `LAD25NMW`).
//!
//! Only letters of Latin-1 and Latin Extended-A (UTF-8 lead bytes
//! 0xC2–0xC5, in code page 437 `┬ ├ ─ ┼`: every Welsh letter, `â ô ŵ ŷ`
//! and the rest) are repaired, and a name only when every such character
//! is followed by one that code page 437 gives a UTF-8 continuation byte
//! (0x80–0xBF), so a name that merely holds a box-drawing character is
//! left alone. The lookup reader applies it to names; nothing else does.

/// Code page 437's characters for the bytes 0x80–0xBF (UTF-8's
/// continuation bytes), in byte order.
const CONTINUATION: [char; 64] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐',
];

/// Code page 437's characters for the UTF-8 lead bytes 0xC2–0xC5.
const LEADS: [char; 4] = ['┬', '├', '─', '┼'];

/// `text` repaired, when it is UTF-8 garbled through code page 437 (see
/// the module docs); `None` when it is not.
pub fn repaired(text: &str) -> Option<String> {
    if !text.contains(LEADS) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let Some(lead) = LEADS.iter().position(|&l| l == c) else {
            out.push(c);
            continue;
        };
        let next = chars.next()?;
        let low = CONTINUATION.iter().position(|&x| x == next)?;
        // Lead 0xC2 + lead carries the high bits, the continuation the low six.
        let code = (((0xC2 + lead) & 0x1F) << 6) | low;
        out.push(char::from_u32(u32::try_from(code).ok()?)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Garbles `text` as a UTF-8 file read as code page 437 would be (the
    /// tables above, read the other way: only letters up to U+017F).
    fn garbled(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            match bytes {
                [b] => out.push(char::from(*b)),
                [lead, cont] => {
                    out.push(LEADS[usize::from(lead - 0xC2)]);
                    out.push(CONTINUATION[usize::from(cont - 0x80)]);
                }
                _ => unreachable!("a test letter beyond U+07FF"),
            }
        }
        out
    }

    #[test]
    fn the_welsh_letters_come_back() {
        assert_eq!(repaired("Ynys M├┤n").as_deref(), Some("Ynys Môn"));
        for name in [
            "Tretŵr",
            "Dwyrain Tŷ-du",
            "Cwmbrân Uchaf",
            "Y Pîl",
            "Llanfair-ym-Muallt, Ê",
        ] {
            assert_eq!(repaired(&garbled(name)).as_deref(), Some(name), "{name}");
        }
    }

    #[test]
    fn names_that_are_not_garbled_are_left_alone() {
        assert_eq!(repaired("Ynys Môn"), None);
        assert_eq!(repaired("Plain"), None);
        assert_eq!(repaired("A ├ B"), None, "not followed by a continuation");
        assert_eq!(repaired("End ├"), None);
    }
}
