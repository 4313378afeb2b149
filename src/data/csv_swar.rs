//! Word-at-a-time (SWAR) byte search for [`csv_scan`](super::csv_scan):
//! one pass over a quote-free record finds its end, its commas and whether
//! it is all ASCII, eight bytes per step, with exact masks (no false hits).

const LO: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const NEWLINE: u64 = LO * b'\n' as u64;
const QUOTE: u64 = LO * b'"' as u64;
const COMMA: u64 = LO * b',' as u64;

/// 0x80 in each byte of `word` that equals `byte` (exact, no false hits):
/// the one-byte form of the masks in [`State::word`].
#[cfg(test)]
#[inline]
pub fn byte_mask(word: u64, byte: u8) -> u64 {
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

/// What [`scan`] carries from word to word.
struct State<'a> {
    spans: &'a mut Spans,
    /// Where the current field starts.
    start: usize,
    /// The bytes seen so far, or-ed (a top bit set: not all ASCII).
    high: u64,
}

impl State<'_> {
    /// Scans the word `w` of bytes `base..base + 8`: records its commas
    /// and returns the index of the first `\n` or `"` in it, if any.
    #[inline(always)]
    fn word(&mut self, w: u64, base: usize) -> Option<usize> {
        // With the top bit of each byte cleared, `(t ^ c) + LOW7` has it
        // set again exactly where the byte differs from `c`; `ascii` keeps
        // only bytes below 0x80 (whose low seven bits could match).
        let t = w & LOW7;
        let ascii = !(w | LOW7);
        let stop = !((t ^ NEWLINE).wrapping_add(LOW7) & (t ^ QUOTE).wrapping_add(LOW7)) & ascii;
        let mut hits = !(t ^ COMMA).wrapping_add(LOW7) & ascii;
        if stop == 0 {
            self.high |= w;
        } else {
            // Only the bits below the first stop.
            let before = (stop & stop.wrapping_neg()).wrapping_sub(1);
            hits &= before;
            self.high |= w & before;
        }
        while hits != 0 {
            let at = base + (hits.trailing_zeros() / 8) as usize;
            self.spans.push((self.start, at));
            self.start = at + 1;
            hits &= hits - 1;
        }
        (stop != 0).then(|| base + (stop.trailing_zeros() / 8) as usize)
    }
}

/// Scans `input` up to its first `\n` or `"` (or its end), adding to
/// `spans` the field before every comma found: the last field starts after
/// the last of them. Returns where it stopped and whether the bytes before
/// that point are all ASCII.
#[inline]
pub fn scan(input: &[u8], spans: &mut Spans) -> (Stop, bool) {
    let mut state = State {
        spans,
        start: 0,
        high: 0,
    };
    let (words, rest) = input.as_chunks::<8>();
    let mut at = None;
    for (i, w) in words.iter().enumerate() {
        at = state.word(u64::from_le_bytes(*w), i * 8);
        if at.is_some() {
            break;
        }
    }
    if at.is_none() && !rest.is_empty() {
        // The last few bytes, padded with zeros (neither stops nor commas).
        let mut last = [0u8; 8];
        for (d, s) in last.iter_mut().zip(rest) {
            *d = *s;
        }
        at = state.word(u64::from_le_bytes(last), words.len() * 8);
    }
    let ascii = state.high & !LOW7 == 0;
    match at {
        Some(i) if input.get(i) == Some(&b'\n') => (Stop::Newline(i), ascii),
        Some(i) => (Stop::Quote(i), ascii),
        None => (Stop::End, ascii),
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
        proptest::collection::vec(byte, 0..40)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6_000))]

        #[test]
        fn agrees_with_a_byte_at_a_time_scan(input in record_bytes()) {
            let mut spans = Spans::default();
            spans.push((7, 7));
            spans.clear();
            let (stop, ascii) = scan(&input, &mut spans);
            let commas: Vec<usize> = spans.as_slice().iter().map(|s| s.1).collect();
            proptest::prop_assert_eq!((stop, ascii, commas), slow(&input), "{:?}", input);
        }
    }

    #[test]
    fn ignores_bytes_after_the_stop() {
        let mut spans = Spans::default();
        assert_eq!(scan(b"a,b\n,\xff", &mut spans), (Stop::Newline(3), true));
        assert_eq!(spans.as_slice(), [(0, 1)]);
    }
}
