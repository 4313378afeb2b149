//! The examples' one random generator (shared through `#[path]` by
//! `generate_demo` and `policeuk_gen`): SplitMix64, small and fully
//! deterministic, so a fixed seed gives the same files on every machine.

/// SplitMix64 (Steele, Lea and Flood): each call a well-mixed 64-bit number.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64-bit number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    #[allow(dead_code)] // not every example draws fractions
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number below `n` (`n` > 0).
    #[allow(dead_code)] // not every example draws whole numbers
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
