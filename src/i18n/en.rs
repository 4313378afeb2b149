//! The English catalogue: every message the explorer shows, by key. Every
//! other language's file (`i18n/<code>.txt`) gives the same keys its own
//! text, with the same `{names}`.

/// Declares the messages: the `Msg` keys, their names (which other
/// catalogues use) and their English texts, in one order.
macro_rules! messages {
    ($($(#[$doc:meta])* $key:ident = $text:literal,)*) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $key,)*
        }
        /// Each message's key, as catalogue files write it.
        pub(super) const KEYS: &[&str] = &[$(stringify!($key),)*];
        /// Each message in English.
        pub(super) const ENGLISH: &[&str] = &[$($text,)*];
    };
}

messages! {
    AppName = "Community Safety Explorer",
    SkipToContent = "Skip to content",
    LoadYourOwnData = "Load your own data",
    Language = "Language",
    // Offline (issue 16)
    /// The notice over figures that are the copy kept on this device.
    OfflineNotice = "You are offline: these figures are the copy kept on this device, saved {date} ({age}).",
    /// The kept copy's age: saved today.
    OfflineToday = "today",
    /// The kept copy's age: saved yesterday.
    OfflineYesterday = "yesterday",
    /// The kept copy's age in days (2 or more).
    OfflineDaysAgo = "{days} days ago",
}

const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's short English name, 1 = `Jan`; empty outside 1..=12.
pub(super) fn month_short(month_of_year: u32) -> &'static str {
    let i = month_of_year.wrapping_sub(1) as usize;
    MONTHS_SHORT.get(i).copied().unwrap_or_default()
}
