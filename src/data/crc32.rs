//! CRC-32 (IEEE 802.3, the checksum of ZIP and gzip), table-driven and
//! computed in pieces, so that a ZIP entry is checked as it is inflated.

/// The reflected polynomial 0x04C11DB7.
const POLY: u32 = 0xEDB8_8320;

/// The byte table, built at compile time.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { POLY ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// A running CRC-32: [`update`](Crc32::update) with each piece, then
/// [`value`](Crc32::value).
#[derive(Clone, Copy, Debug)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Crc32::new()
    }
}

impl Crc32 {
    /// The checksum of nothing so far.
    pub fn new() -> Self {
        Crc32(0xFFFF_FFFF)
    }

    /// Adds `bytes` to the checksum.
    pub fn update(&mut self, bytes: &[u8]) {
        let mut c = self.0;
        for &b in bytes {
            let i = ((c ^ u32::from(b)) & 0xFF) as usize;
            c = TABLE.get(i).copied().unwrap_or(0) ^ (c >> 8);
        }
        self.0 = c;
    }

    /// The checksum of everything added.
    pub fn value(&self) -> u32 {
        !self.0
    }
}

/// The CRC-32 of `bytes` in one go.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut c = Crc32::new();
    c.update(bytes);
    c.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_check_values() {
        // The standard check value of CRC-32/ISO-HDLC, and two more known ones.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn pieces_give_the_same_value_as_the_whole() {
        let text = b"month,area_code,category,count\n2024-01,E05000001,Burglary,3\n";
        for cut in 0..text.len() {
            let mut c = Crc32::new();
            c.update(&text[..cut]);
            c.update(&text[cut..]);
            assert_eq!(c.value(), crc32(text), "cut at {cut}");
        }
    }
}
