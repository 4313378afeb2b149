//! The analysis layer: pure functions over the dataset — periods,
//! comparisons, trends and the statistics behind them. No web dependency.

pub mod compare;
pub mod narrative;
pub mod period;
pub mod selection;
pub mod stats;
pub mod trend;

pub use compare::{compare, Comparison, Scope};
pub use period::{Period, PeriodError, PeriodPair, Preset};
pub use selection::Selection;
