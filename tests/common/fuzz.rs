//! Random mutations for the property tests: byte edits shaped like real
//! damage (cuts, stray commas, quotes and line breaks, deleted runs, blank
//! lines) and like text saved in another encoding (bytes over 0x7F, as
//! Windows-1252 writes them), drawn from proptest's seeded generator so
//! that a run's cases (and the counts the tests check over them) are the
//! same every time.

use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// Proptest's deterministic generator (ChaCha), seeded with `seed`.
pub fn rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&seed.to_le_bytes());
    }
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Draws from a generator, as the tests use them.
pub trait Draw {
    /// The next number.
    fn next(&mut self) -> u64;
    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;
}

impl Draw for TestRng {
    fn next(&mut self) -> u64 {
        self.next_u64()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Windows-1252 bytes of everyday text: é, ô, £, €, ’, –, and 0x81 (one of
/// the five bytes Windows-1252 leaves undefined).
pub const HIGH_BYTES: [u8; 7] = [0xE9, 0xF4, 0xA3, 0x80, 0x92, 0x96, 0x81];

/// Makes one to four random edits to `text`.
pub fn mutate(rng: &mut TestRng, text: &mut Vec<u8>) {
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
pub fn high_bytes(rng: &mut TestRng, text: &mut [u8]) {
    for _ in 0..(1 + rng.below(8)) {
        let at = rng.below(text.len());
        if let Some(b) = text.get_mut(at).filter(|b| b.is_ascii_alphabetic()) {
            *b = HIGH_BYTES[rng.below(HIGH_BYTES.len())];
        }
    }
}
