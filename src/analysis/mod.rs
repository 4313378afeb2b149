//! The analysis layer: pure functions over the dataset — periods,
//! comparisons, tables, rankings, rates, deprivation, disclosure control,
//! targets, trends, the statistics behind them and the generated key
//! findings. No web dependency.

pub mod area_table;
pub mod compare;
pub mod coverage;
pub mod deprivation;
pub mod disclosure;
pub mod findings;
pub mod level;
pub mod narrative;
pub mod period;
pub mod period_fit;
pub mod rank;
pub mod rate;
pub mod selection;
pub mod stats;
pub mod table;
pub mod targets;
pub mod totals;
pub mod trend;

pub use area_table::{compare_areas, show_ranking, ShownRank};
pub use compare::{compare, Comparison, Scope};
pub use coverage::Coverage;
pub use deprivation::{deprivation, Deprivation};
pub use disclosure::{Disclosure, Shown};
pub use findings::{key_findings, Finding, FindingKind, FindingsInput};
pub use level::{AreaLevel, LevelMap};
pub use period::{Period, PeriodError, PeriodPair, Preset};
pub use rank::{rank_areas, Measure, RankRow, Ranking};
pub use rate::{Rate, VsWhole};
pub use selection::Selection;
pub use table::{compare_by, compare_table, show_table, By, CompareRow, RowRole, ShownRow};
pub use targets::{read_targets, Target, TargetResult, TargetStatus};
pub use totals::{MonthlyWhole, PeriodTotals, Which};
