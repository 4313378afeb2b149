//! Adding files: each is recognised from its first bytes, and the small
//! files that decide the mapping are read at once; [`FileReport`] says what
//! became of each.

use crate::data::areas::read_areas_bytes;
use crate::data::boundaries::read_boundaries;
use crate::data::categories_file::read_categories;
use crate::data::category::Categories;
use crate::data::csv_scan::for_each_record;
use crate::data::deprivation_lookup::read_ranks;
use crate::data::header::{find, names};
use crate::data::lookup::read_lookup;
use crate::data::population::read_population;
use crate::data::recognise::{recognise, FileKind, SNIFF_BYTES};
use crate::data::report::LoadReport;
use crate::data::zip::{ReadAt, ZipEntry};
use crate::i18n::{Msg, Text};

use super::repeats::Repeat;
use super::{Item, LoadSession};

/// Why a file other than police.uk street data is not used by a load of
/// police.uk files only ([`LoadSession::police_only`]).
pub(super) fn not_police(kind: &FileKind) -> Text {
    match kind {
        FileKind::Unknown { .. } => kind.describe(),
        FileKind::Wide(_) => Text::msg(Msg::NotPoliceWide).with("kind", kind.describe()),
        _ => Text::msg(Msg::NotPolice).with("kind", kind.describe()),
    }
}

/// `{file}: {why}`.
pub(super) fn named(file: &str, why: Text) -> Text {
    Text::msg(Msg::NamedWhy).with("file", file).with("why", why)
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Recognised; its rows are read when the load runs.
    Waiting,
    /// Read.
    Read,
    /// Not used, and why (not an error).
    NotUsed(Text),
    /// Could not be read: the message names the file.
    Failed(Text),
    /// Read in part: it failed after some of its rows were counted (a
    /// damaged archive entry, a file changed while read); the message
    /// names the file and says how many rows are counted.
    Partly(Text),
    /// Not read: a police.uk file of a month and force already read.
    Repeat(Repeat),
}

impl FileStatus {
    /// True when rows the file holds are not counted: it could not be
    /// read (whole), or it is a different version of a month already read.
    pub fn is_set_aside(&self) -> bool {
        match self {
            FileStatus::Failed(_) | FileStatus::Partly(_) => true,
            FileStatus::Repeat(r) => !r.same,
            FileStatus::Waiting | FileStatus::Read | FileStatus::NotUsed(_) => false,
        }
    }
}

/// One file (or one entry of an archive) of the load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Its name; an archive's entry is `archive.zip/folder/file.csv`.
    pub name: String,
    /// Its size in bytes: the bytes read (unpacked, for an archive's
    /// entry; the archive itself is listed at its own size).
    pub size: u64,
    /// What it was taken to be.
    pub kind: FileKind,
    /// What became of it.
    pub status: FileStatus,
    /// Its rows (police.uk, counts, lookup, areas… files).
    pub rows: LoadReport,
}

impl FileReport {
    /// The sentence for the page: what the file was taken to be.
    pub fn describe(&self) -> Text {
        self.kind.describe()
    }
}

pub(super) fn read_all(src: &mut dyn ReadAt, name: &str) -> Result<Vec<u8>, Text> {
    let len =
        usize::try_from(src.size()).map_err(|_| Text::msg(Msg::FileTooLarge).with("file", name))?;
    let mut buf = vec![0u8; len];
    src.read_at(0, &mut buf)
        .map_err(|m| cannot_be_read(name, m))?;
    Ok(buf)
}

/// `{file}: cannot be read: {why}` (`why` the system's words).
pub(super) fn cannot_be_read(file: &str, why: String) -> Text {
    Text::msg(Msg::FileCannotBeRead)
        .with("file", file)
        .with("why", why)
}

pub(super) fn is_reference(kind: &FileKind) -> bool {
    matches!(
        kind,
        FileKind::Lookup { .. }
            | FileKind::AreasFile { .. }
            | FileKind::Boundaries
            | FileKind::Population
            | FileKind::Deprivation
            | FileKind::Categories
    )
}

/// Windows read across a police.uk file for the sample of its rows' areas,
/// and their size: 16 × 2 KB, about 160 rows from anywhere in the file
/// (police.uk files run area by area, so the first bytes alone mislead).
const SAMPLE_WINDOWS: u64 = 16;
const WINDOW_BYTES: u64 = 2048;

/// The index of the `LSOA code` column in a police.uk file's first line.
fn lsoa_column(head: &[u8]) -> Option<usize> {
    let mut column = None;
    for_each_record(head, |_, fields| {
        column = find(&names(fields).0, &["lsoa code"]);
        false
    });
    column
}

/// The non-empty codes in `column` of the whole lines of `bytes` after its
/// first (a header, or a line cut short).
fn codes_in(bytes: &[u8], column: usize) -> Vec<String> {
    let from = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| i + 1);
    let to = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let mut codes = Vec::new();
    for_each_record(bytes.get(from..to).unwrap_or_default(), |_, fields| {
        if column < fields.len() && !fields.get(column).is_empty() {
            codes.push(String::from_utf8_lossy(fields.get(column)).into_owned());
        }
        true
    });
    codes
}

/// The LSOA codes of rows sampled across a police.uk file: a window at
/// every sixteenth of it, or all of a small file.
fn sample_file(source: &mut dyn ReadAt, head: &[u8]) -> Vec<String> {
    let Some(column) = lsoa_column(head) else {
        return Vec::new();
    };
    let size = source.size();
    // A small file is read whole, once: windows never overlap.
    let windows = if size <= SAMPLE_WINDOWS * WINDOW_BYTES {
        1
    } else {
        SAMPLE_WINDOWS
    };
    let mut codes = Vec::new();
    for k in 0..windows {
        let start = size * k / windows;
        let length = if windows == 1 { size } else { WINDOW_BYTES };
        let mut window = vec![0u8; length.min(size - start) as usize];
        if source.read_at(start, &mut window).is_err() {
            break;
        }
        codes.extend(codes_in(&window, column));
    }
    codes
}

/// The LSOA codes of the rows in the first bytes of a police.uk file
/// inside an archive (whose entries are read from the start only).
pub(super) fn sample_head(head: &[u8]) -> Vec<String> {
    lsoa_column(head).map_or_else(Vec::new, |column| codes_in(head, column))
}

impl LoadSession {
    /// Adds the file called `name` (phase 1): recognises it (an archive's
    /// entries too) and reads it now when it is a small file that decides
    /// the mapping. Returns the index of its report in
    /// [`files`](Self::files); an archive's entries follow it. Never fails:
    /// a bad file gets a [`FileStatus::Failed`] naming it.
    pub fn add(&mut self, name: &str, source: impl ReadAt + 'static) -> usize {
        let src = self.sources.len();
        self.sources.push(Box::new(source));
        let index = self.items.len();
        let source = &mut self.sources[src];
        let size = source.size();
        let mut head = vec![0u8; size.min(SNIFF_BYTES as u64) as usize];
        let kind = match source.read_at(0, &mut head) {
            Ok(()) => recognise(name, &head),
            Err(m) => {
                let kind = FileKind::Unknown {
                    reason: Text::msg(Msg::CannotBeRead),
                };
                let status = FileStatus::Failed(cannot_be_read(name, m));
                self.push(name, size, kind, src, None, status);
                return index;
            }
        };
        let status = match &kind {
            FileKind::Unknown { .. } => FileStatus::Failed(named(name, kind.describe())),
            FileKind::Zip => FileStatus::Read,
            k if self.police_only && !k.is_police() => {
                FileStatus::Failed(named(name, not_police(k)))
            }
            _ => FileStatus::Waiting,
        };
        if matches!(kind, FileKind::PoliceUkStreet { .. }) {
            let sample = sample_file(self.sources[src].as_mut(), &head);
            self.sampled.extend(sample);
        }
        let item = self.push(name, size, kind.clone(), src, None, status);
        if kind == FileKind::Zip {
            self.open_zip(item, src);
        } else if is_reference(&kind) && !self.police_only {
            let bytes = self
                .sources
                .get_mut(src)
                .map(|s| read_all(s.as_mut(), name));
            match bytes {
                Some(Ok(bytes)) => self.read_reference(item, &bytes),
                Some(Err(m)) => self.set_status(item, FileStatus::Failed(m)),
                None => {}
            }
        }
        index
    }

    /// Adds a file that cannot be opened at all, with the message saying
    /// why (naming it): it is reported with the others, and set aside.
    pub fn add_unreadable(&mut self, name: &str, message: Text) -> usize {
        let src = self.sources.len();
        self.sources.push(Box::new(Vec::new()));
        let kind = FileKind::Unknown {
            reason: Text::msg(Msg::CannotBeRead),
        };
        self.push(name, 0, kind, src, None, FileStatus::Failed(message))
    }

    pub(super) fn push(
        &mut self,
        name: &str,
        size: u64,
        kind: FileKind,
        source: usize,
        entry: Option<ZipEntry>,
        status: FileStatus,
    ) -> usize {
        self.items.push(Item {
            report: FileReport {
                name: name.to_string(),
                size,
                kind,
                status,
                rows: LoadReport::default(),
            },
            source,
            entry,
        });
        self.items.len() - 1
    }

    pub(super) fn set_status(&mut self, item: usize, status: FileStatus) {
        self.items[item].report.status = status;
    }

    /// Reads a small file that decides the mapping.
    pub(super) fn read_reference(&mut self, item: usize, bytes: &[u8]) {
        let it = &self.items[item];
        let name = it.report.name.clone();
        let result = match &it.report.kind {
            FileKind::Lookup { .. } => read_lookup(&name, bytes).map(|(l, r)| {
                self.lookups.push((item, l));
                r
            }),
            FileKind::AreasFile { .. } => read_areas_bytes(&name, bytes).map(|(a, r)| {
                self.areas.extend(a);
                r
            }),
            FileKind::Boundaries => read_boundaries(&name, bytes, None).map(|(b, r)| {
                self.boundaries.extend(b);
                r
            }),
            FileKind::Population => read_population(&name, bytes).map(|(p, r)| {
                for (code, n) in p {
                    self.population.entry(code).or_insert(n);
                }
                r
            }),
            FileKind::Deprivation => read_ranks(&name, bytes).map(|(p, r)| {
                for (code, n) in p {
                    self.ranks.entry(code).or_insert(n);
                }
                r
            }),
            FileKind::Categories => read_categories(&name, bytes).map(|(c, r)| {
                self.categories = Some(Categories::with_file(c));
                r
            }),
            _ => return,
        };
        let it = &mut self.items[item];
        match result {
            Ok(rows) => {
                it.report.rows = rows;
                it.report.status = FileStatus::Read;
            }
            Err(e) => it.report.status = FileStatus::Failed(e.text()),
        }
    }
}
