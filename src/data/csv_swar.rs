//! The byte search under [`csv_scan`](super::csv_scan): one pass over a
//! quote-free record finds its end, its commas and whether it is all ASCII,
//! a block of bytes per step, with exact masks (no false hits).
//!
//! Two ways to make a block's masks, one scan over them:
//! - eight bytes per step in a `u64` word (SWAR), everywhere;
//! - 64 bytes per step in four 128-bit lanes, in the loader's worker built
//!   with the `wasm-simd` feature (wasm SIMD, in every current browser; the
//!   explorer's own bundle stays without it so that older browsers still
//!   open published datasets). ARCHITECTURE.md has the measurements.
//!
//! The lanes' scan is tested natively with masks made a byte at a time.

/// 0x80 in each byte of `word` that equals `byte` (exact, no false hits):
/// the one-byte form of the masks of [`words::Words`].
#[cfg(test)]
#[inline]
pub fn byte_mask(word: u64, byte: u8) -> u64 {
    use words::{LO, LOW7};
    let x = word ^ (LO * u64::from(byte));
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Index of the first `\n` or `"` in `hay`, found by [`scan`].
#[cfg(test)]
pub fn find_newline_or_quote(hay: &[u8]) -> Option<usize> {
    match scan(hay, &mut Spans::default()).0 {
        Stop::Newline(i) | Stop::Quote(i) => Some(i),
        Stop::End => None,
    }
}

/// Where [`scan`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// At a `\n` at this index.
    Newline(usize),
    /// At a `"` at this index (the record needs the quote-aware path).
    Quote(usize),
    /// At the end of the input, with no `\n` or `"`.
    End,
}

/// Field spans (start, end) kept in a vector that is reused without
/// shrinking, so that adding one is a store, not a call: `items[..len]`
/// are the current ones.
#[derive(Debug, Default)]
pub struct Spans {
    items: Vec<(usize, usize)>,
    len: usize,
}

impl Spans {
    /// Forgets every span.
    #[inline(always)]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Adds a span.
    #[inline(always)]
    pub fn push(&mut self, span: (usize, usize)) {
        match self.items.get_mut(self.len) {
            Some(item) => *item = span,
            None => self.items.push(span),
        }
        self.len += 1;
    }

    /// The current spans.
    #[inline(always)]
    pub fn as_slice(&self) -> &[(usize, usize)] {
        &self.items[..self.len]
    }
}

/// Where the bytes that matter are in one block: a bit set for each `\n`
/// or `"` (`stops`), each `,` (`commas`) and each byte over 0x7F (`high`).
/// Byte `i` of the block is bit `i << shift`'s block of bits: one bit per
/// byte for lanes, eight (the top one set) for SWAR words.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Masks {
    stops: u64,
    commas: u64,
    high: u64,
}

/// A way of making the [`Masks`] of `N`-byte blocks, in which byte `i` is
/// bit `i << SHIFT`'s. (A trait rather than a function passed in: its
/// calls are inlined at every optimisation level.)
trait Blocks<const N: usize> {
    const SHIFT: u32;
    fn masks(block: &[u8; N]) -> Masks;
}

/// Eight bytes per step in a `u64` word (unused in the loader's SIMD build).
#[cfg_attr(all(target_arch = "wasm32", feature = "wasm-simd"), allow(dead_code))]
mod words {
    use super::{Blocks, Masks};

    pub const LO: u64 = 0x0101_0101_0101_0101;
    pub const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINE: u64 = LO * b'\n' as u64;
    const QUOTE: u64 = LO * b'"' as u64;
    const COMMA: u64 = LO * b',' as u64;

    /// Eight bytes in a `u64` word, the top bit of a byte marking it.
    pub struct Words;

    impl Blocks<8> for Words {
        const SHIFT: u32 = 3;

        /// With the top bit of each byte cleared, `(t ^ c) + LOW7` has it set
        /// again exactly where the byte differs from `c`; `ascii` keeps only
        /// bytes below 0x80 (whose low seven bits could match).
        #[inline(always)]
        fn masks(word: &[u8; 8]) -> Masks {
            let w = u64::from_le_bytes(*word);
            let t = w & LOW7;
            let ascii = !(w | LOW7);
            Masks {
                stops: !((t ^ NEWLINE).wrapping_add(LOW7) & (t ^ QUOTE).wrapping_add(LOW7)) & ascii,
                commas: !(t ^ COMMA).wrapping_add(LOW7) & ascii,
                high: w & !LOW7,
            }
        }
    }
}

/// What [`scan_blocks`] carries from block to block.
struct State<'a> {
    spans: &'a mut Spans,
    /// Where the current field starts.
    start: usize,
    /// The `high` masks so far, before the stop (non-zero: not all ASCII).
    high: u64,
}

impl State<'_> {
    /// Takes the masks of the block starting at `base`: records its commas
    /// before the first stop and returns that stop's index, if any.
    #[inline(always)]
    fn take(&mut self, m: Masks, base: usize, shift: u32) -> Option<usize> {
        let mut hits = m.commas;
        if m.stops == 0 {
            self.high |= m.high;
        } else {
            // Only the bits below the first stop.
            let before = (m.stops & m.stops.wrapping_neg()).wrapping_sub(1);
            hits &= before;
            self.high |= m.high & before;
        }
        while hits != 0 {
            let at = base + (hits.trailing_zeros() >> shift) as usize;
            self.spans.push((self.start, at));
            self.start = at + 1;
            hits &= hits - 1;
        }
        if m.stops == 0 {
            None
        } else {
            Some(base + (m.stops.trailing_zeros() >> shift) as usize)
        }
    }
}

/// Scans `input` up to its first `\n` or `"` (or its end), adding to
/// `spans` the field before every comma found: the last field starts after
/// the last of them. Returns where it stopped and whether the bytes before
/// that point are all ASCII.
#[inline]
pub fn scan(input: &[u8], spans: &mut Spans) -> (Stop, bool) {
    #[cfg(all(target_arch = "wasm32", feature = "wasm-simd"))]
    return lanes::scan(input, spans);
    #[cfg(not(all(target_arch = "wasm32", feature = "wasm-simd")))]
    scan_blocks::<8, words::Words>(input, spans)
}

/// [`scan`] a block of `N` bytes at a time, their masks made by `B`.
#[inline(always)]
fn scan_blocks<const N: usize, B: Blocks<N>>(input: &[u8], spans: &mut Spans) -> (Stop, bool) {
    let mut state = State {
        spans,
        start: 0,
        high: 0,
    };
    let (blocks, rest) = input.as_chunks::<N>();
    let mut at = None;
    for (i, block) in blocks.iter().enumerate() {
        at = state.take(B::masks(block), i * N, B::SHIFT);
        if at.is_some() {
            break;
        }
    }
    if at.is_none() && !rest.is_empty() {
        // The last few bytes, padded with zeros (neither stops nor commas).
        let mut last = [0u8; N];
        for (d, s) in last.iter_mut().zip(rest) {
            *d = *s;
        }
        at = state.take(B::masks(&last), blocks.len() * N, B::SHIFT);
    }
    let ascii = state.high == 0;
    match at {
        Some(i) if input.get(i) == Some(&b'\n') => (Stop::Newline(i), ascii),
        Some(i) => (Stop::Quote(i), ascii),
        None => (Stop::End, ascii),
    }
}

/// 64 bytes per step in four 128-bit lanes (wasm SIMD).
#[cfg(all(target_arch = "wasm32", feature = "wasm-simd"))]
mod lanes {
    use super::{scan_blocks, Blocks, Masks, Spans, Stop};
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};

    /// [`scan`](super::scan) with lanes.
    #[target_feature(enable = "simd128")]
    pub fn scan(input: &[u8], spans: &mut Spans) -> (Stop, bool) {
        scan_blocks::<64, Lanes>(input, spans)
    }

    /// 64 bytes in four 128-bit lanes, one bit per byte.
    struct Lanes;

    impl Blocks<64> for Lanes {
        const SHIFT: u32 = 0;

        /// Not itself marked with the target feature (such a function
        /// cannot be inlined everywhere), this is inlined into [`scan`],
        /// which is, and so are the compares.
        #[inline(always)]
        fn masks(block: &[u8; 64]) -> Masks {
            let mut m = Masks::default();
            // Eight words, two to a lane.
            let words = block.as_chunks::<8>().0;
            for (i, pair) in words.chunks_exact(2).enumerate() {
                let v = u64x2(u64::from_le_bytes(pair[0]), u64::from_le_bytes(pair[1]));
                let stops = v128_or(
                    u8x16_eq(v, u8x16_splat(b'\n')),
                    u8x16_eq(v, u8x16_splat(b'"')),
                );
                let at = 16 * i;
                m.stops |= u64::from(u8x16_bitmask(stops)) << at;
                m.commas |= u64::from(u8x16_bitmask(u8x16_eq(v, u8x16_splat(b',')))) << at;
                m.high |= u64::from(u8x16_bitmask(v)) << at;
            }
            m
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same scan a byte at a time.
    fn slow(input: &[u8]) -> (Stop, bool, Vec<usize>) {
        let end = input.iter().position(|&b| b == b'\n' || b == b'"');
        let upto = input.get(..end.unwrap_or(input.len())).unwrap();
        let commas = (0..upto.len()).filter(|&i| upto[i] == b',').collect();
        let stop = match end {
            Some(i) if input[i] == b'\n' => Stop::Newline(i),
            Some(i) => Stop::Quote(i),
            None => Stop::End,
        };
        (stop, upto.is_ascii(), commas)
    }

    /// Bytes of records, mostly plain so that stops come late: commas,
    /// line ends, quotes, bytes over 0x7F and NUL among them.
    fn record_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        let byte = prop_oneof![
            31 => Just(b'x'),
            1 => Just(b'a'),
            1 => Just(b','),
            1 => Just(b'\n'),
            1 => Just(b'"'),
            1 => Just(b'\r'),
            1 => Just(0x80u8),
            1 => Just(0xc3u8),
            1 => Just(b',' | 0x80),
            1 => Just(0u8),
        ];
        proptest::collection::vec(byte, 0..160)
    }

    /// The lanes' masks of 64 bytes made a byte at a time: what the wasm
    /// SIMD compares give, so that the lanes' scan is tested natively.
    struct BytewiseLanes;

    impl Blocks<64> for BytewiseLanes {
        const SHIFT: u32 = 0;

        fn masks(block: &[u8; 64]) -> Masks {
            let mut m = Masks::default();
            for (i, &b) in block.iter().enumerate() {
                let bit = 1u64 << i;
                if b == b'\n' || b == b'"' {
                    m.stops |= bit;
                }
                if b == b',' {
                    m.commas |= bit;
                }
                if b > 0x7f {
                    m.high |= bit;
                }
            }
            m
        }
    }

    /// Both ways of scanning `input`, each as (stop, ascii, commas).
    fn both(input: &[u8]) -> [(Stop, bool, Vec<usize>); 2] {
        let mut spans = Spans::default();
        spans.push((7, 7));
        let mut run = |f: &dyn Fn(&mut Spans) -> (Stop, bool)| {
            spans.clear();
            let (stop, ascii) = f(&mut spans);
            let commas = spans.as_slice().iter().map(|s| s.1).collect();
            (stop, ascii, commas)
        };
        [
            run(&|s| scan_blocks::<8, words::Words>(input, s)),
            run(&|s| scan_blocks::<64, BytewiseLanes>(input, s)),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6_000))]

        #[test]
        fn agrees_with_a_byte_at_a_time_scan(input in record_bytes()) {
            let [words, lanes] = both(&input);
            proptest::prop_assert_eq!(&words, &slow(&input), "words {:?}", input);
            proptest::prop_assert_eq!(&lanes, &slow(&input), "lanes {:?}", input);
        }
    }

    #[test]
    fn finds_each_byte_at_every_place_in_a_block() {
        for n in 0..140 {
            for byte in [b'\n', b'"', b',', 0xc3] {
                let mut input = vec![b'x'; n];
                input.push(byte);
                input.extend_from_slice(b"y,z\n");
                let want = slow(&input);
                assert_eq!(both(&input), [want.clone(), want], "{byte} at {n}");
            }
        }
    }

    #[test]
    fn ignores_bytes_after_the_stop() {
        let mut spans = Spans::default();
        assert_eq!(scan(b"a,b\n,\xff", &mut spans), (Stop::Newline(3), true));
        assert_eq!(spans.as_slice(), [(0, 1)]);
    }
}
