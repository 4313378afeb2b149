//! A self-service load: many files chosen or dropped by the user, each
//! recognised by its content, combined into one [`ExplorerData`](super::explorer_data::ExplorerData) with a report per
//! file and one for the whole load that adds up.
//!
//! Two phases, as the page works:
//! 1. [`LoadSession::add`] each file (any [`ReadAt`]: bytes, or a browser
//!    `File` read by slices in a worker). It is recognised from its first
//!    bytes; ZIP archives are opened and each entry recognised the same way.
//!    Small files that decide the mapping — lookups, areas, boundaries,
//!    populations, deprivation ranks, categories — are read at once.
//!    [`choices`](LoadSession::choices) then lists the levels and the areas
//!    to restrict to.
//! 2. [`start`](LoadSession::start) with the chosen level and area, then
//!    [`step`](LoadSession::step) until done (one chunk of one file per
//!    step: poll [`progress`](LoadSession::progress), stop with
//!    [`cancel`](LoadSession::cancel)), then [`finish`](LoadSession::finish).
//!
//! Rules: police.uk files (alone or in archives) stream through one
//! [`PoliceUkAggregator`], so memory grows with cells, never rows; counts
//! files are used only when no police.uk files are given (they are not
//! added to them: the same crimes could be counted twice). Lookups chain as
//! in `explorer-cli prepare`: bridges first, in the order given, then the
//! last non-bridge lookup (earlier non-bridge ones are not used). A file
//! that cannot be used gets a message naming it and the others still load.
//! A police.uk file of a month and force already read is not read again
//! ([`Repeat`]: the rule is in `repeats`). Sizes and progress count the
//! bytes read: an archive's entries unpacked.
//!
//! `explorer-cli prepare` runs the same engine: a
//! [`police_only`](LoadSession::police_only) session (other files are set
//! aside, named for what they are) started with
//! [`start_mapped`](LoadSession::start_mapped), the mapping coming from its
//! options.
//! A damaged ZIP entry found only by its checksum at its end has had its
//! rows counted: its message says so.

mod archive;
mod beside;
mod choices;
mod files;
mod finish;
mod loaded;
mod repeats;
mod start;
mod step;
mod wide;

use std::collections::BTreeMap;

use super::area::{Area, AreaCode};
use super::boundaries::Boundary;
use super::cube::{CubeBuilder, CubeError};
use super::lookup::{Level, Lookup, LookupError};
use super::policeuk::PoliceUkAggregator;
use super::report::LoadReport;
use super::zip::{EntryReader, ReadAt, ZipEntry};
use super::Categories;
use crate::i18n::{Msg, Text};

pub use choices::{AreaChoice, Choices};
pub use files::{FileReport, FileStatus};
pub use loaded::{DatasetFiles, Loaded};
pub use repeats::Repeat;
pub use step::Progress;

/// Bytes read from a file per [`LoadSession::step`].
pub const STEP_BYTES: usize = 1 << 20;

/// Why a load cannot go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// Nothing to count.
    NoData,
    /// The level or area cannot be used with the lookups.
    Lookup {
        /// The lookup that decides.
        file: String,
        /// Why.
        error: LookupError,
    },
    /// A level or area chosen without a lookup.
    NeedsLookup(Level),
    /// The load was cancelled.
    Cancelled,
    /// `step` or `finish` before `start`.
    NotStarted,
    /// A count overflowed.
    Cube(CubeError),
    /// The files hold no counts.
    Empty(Text),
}

impl SessionError {
    /// The message, in any language.
    pub fn text(&self) -> Text {
        match self {
            SessionError::NoData => Text::msg(Msg::NothingToShow),
            SessionError::Lookup { file, error } => Text::msg(Msg::NamedWhy)
                .with("file", file.as_str())
                .with("why", error.text()),
            SessionError::NeedsLookup(level) => {
                Text::msg(Msg::NeedsLookup).with("level", super::lookup::level_name(*level))
            }
            SessionError::Cancelled => Text::msg(Msg::LoadWasCancelled),
            SessionError::NotStarted => Text::msg(Msg::LoadNotStarted),
            SessionError::Cube(e) => Text::Own(e.to_string()),
            SessionError::Empty(why) => Text::msg(Msg::NoRowsToShow).with("why", why.clone()),
        }
    }
}

impl From<CubeError> for SessionError {
    fn from(e: CubeError) -> SessionError {
        SessionError::Cube(e)
    }
}

/// In English (the command line's).
impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for SessionError {}

/// One file or archive entry.
struct Item {
    report: FileReport,
    source: usize,
    entry: Option<ZipEntry>,
}

impl Item {
    /// The archive an entry is in (its name without the entry's path); ""
    /// for a plain file.
    fn archive_name(&self) -> &str {
        let name = &self.report.name;
        match &self.entry {
            Some(entry) => name
                .strip_suffix(entry.name.as_str())
                .and_then(|a| a.strip_suffix('/'))
                .or_else(|| name.rsplit_once('/').map(|(a, _)| a))
                .unwrap_or(""),
            None => "",
        }
    }
}

/// What is being read now.
enum Current {
    Plain {
        item: usize,
        offset: u64,
    },
    Entry {
        item: usize,
        reader: Box<EntryReader>,
    },
}

/// What the load counts into.
enum Sink {
    Police(Box<PoliceUkAggregator>),
    Counts(Box<(CubeBuilder, LoadReport)>),
    Wide(Box<wide::WideSink>),
}

/// The level and area chosen, and what they decided.
struct Plan {
    level: Level,
    within: Option<String>,
    chain: Vec<usize>,
    keeps_unallocated: bool,
    sink: Sink,
    queue: std::collections::VecDeque<usize>,
    current: Option<(Current, LoadReport)>,
    /// Counts files of another source, added beside the police.uk counts
    /// when the load finishes ([`beside`]).
    beside: Vec<usize>,
}

/// A self-service load: see the module docs.
pub struct LoadSession {
    sources: Vec<Box<dyn ReadAt>>,
    items: Vec<Item>,
    lookups: Vec<(usize, Lookup)>,
    areas: Vec<Area>,
    boundaries: Vec<Boundary>,
    population: BTreeMap<AreaCode, u32>,
    ranks: BTreeMap<AreaCode, u32>,
    categories: Option<Categories>,
    plan: Option<Plan>,
    progress: Progress,
    cancelled: bool,
    step_bytes: usize,
    /// Only police.uk street files (and archives of them) are read.
    police_only: bool,
    /// The LSOA codes of rows sampled from the police.uk files: which
    /// areas the files are about, before they are read.
    sampled: Vec<String>,
}

impl Default for LoadSession {
    fn default() -> Self {
        LoadSession::new()
    }
}

impl std::fmt::Debug for LoadSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadSession")
            .field("files", &self.files())
            .field("progress", &self.progress)
            .finish()
    }
}

impl LoadSession {
    /// An empty load.
    pub fn new() -> Self {
        LoadSession {
            sources: Vec::new(),
            items: Vec::new(),
            sampled: Vec::new(),
            lookups: Vec::new(),
            areas: Vec::new(),
            boundaries: Vec::new(),
            population: BTreeMap::new(),
            ranks: BTreeMap::new(),
            categories: None,
            plan: None,
            progress: Progress::default(),
            cancelled: false,
            step_bytes: STEP_BYTES,
            police_only: false,
        }
    }

    /// An empty load of police.uk street files only, whose mapping comes
    /// from elsewhere ([`start_mapped`](Self::start_mapped); `explorer-cli
    /// prepare` takes its lookups and categories as options): any other
    /// file is set aside, named for what it seems to be (inside an
    /// archive, not used).
    pub fn police_only() -> Self {
        LoadSession {
            police_only: true,
            ..LoadSession::new()
        }
    }

    /// Sets the bytes read per [`step`](Self::step) (default
    /// [`STEP_BYTES`]; at least 1): smaller steps report progress more often.
    pub fn set_step_bytes(&mut self, bytes: usize) {
        self.step_bytes = bytes.max(1);
    }

    /// Every file and archive entry so far.
    pub fn files(&self) -> Vec<&FileReport> {
        self.items.iter().map(|i| &i.report).collect()
    }
}
