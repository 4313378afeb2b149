//! Random mutations for the property tests: a deterministic xorshift
//! generator and byte edits shaped like real damage (cuts, stray commas,
//! quotes and line breaks, deleted runs, blank lines) and like text saved
//! in another encoding (bytes over 0x7F, as Windows-1252 writes them).

/// A xorshift64 generator (deterministic, no dependency).
pub struct XorShift(pub u64);

impl XorShift {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Windows-1252 bytes of everyday text: é, ô, £, €, ’, –, and 0x81 (one of
/// the five bytes Windows-1252 leaves undefined).
pub const HIGH_BYTES: [u8; 7] = [0xE9, 0xF4, 0xA3, 0x80, 0x92, 0x96, 0x81];

/// Makes one to four random edits to `text`.
pub fn mutate(rng: &mut XorShift, text: &mut Vec<u8>) {
    for _ in 0..(1 + rng.below(4)) {
        let at = rng.below(text.len() + 1);
        match rng.below(11) {
            0 => {
                if let Some(b) = text.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            1 => text.truncate(at),
            2 => text.insert(at, b','),
            3 => text.insert(at, b'"'),
            4 => text.insert(at, b'\n'),
            5 => text.insert(at, b'\r'),
            6 => text.splice(at..at, [0xC3u8, 0x28, 0xFF]).for_each(drop),
            7 => {
                let end = (at + rng.below(40)).min(text.len());
                text.drain(at..end);
            }
            8 => text.insert(at, HIGH_BYTES[rng.below(HIGH_BYTES.len())]),
            9 => high_bytes(rng, text),
            _ => text.splice(at..at, *b"\n\n  \n").for_each(drop),
        }
    }
}

/// Replaces a few letters by Windows-1252 bytes over 0x7F.
pub fn high_bytes(rng: &mut XorShift, text: &mut [u8]) {
    for _ in 0..(1 + rng.below(8)) {
        let at = rng.below(text.len());
        if let Some(b) = text.get_mut(at).filter(|b| b.is_ascii_alphabetic()) {
            *b = HIGH_BYTES[rng.below(HIGH_BYTES.len())];
        }
    }
}
