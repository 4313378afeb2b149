//! A self-service load: many files chosen or dropped by the user, each
//! recognised by its content, combined into one [`Bundle`] with a report per
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
//! A damaged ZIP entry found only by its checksum at its end has had its
//! rows counted: its message says so.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::area::{Area, AreaCode};
use super::areas::read_areas_bytes;
use super::areas_build::{build_areas, Ranks};
use super::boundaries::{read_boundaries, Boundary};
use super::bundle::{cube_quality, Bundle};
use super::categories_file::read_categories;
use super::counts::read_counts_bytes;
use super::cube::{CubeBuilder, CubeError};
use super::deprivation_lookup::read_ranks;
use super::lookup::{read_lookup, Level, Lookup, LookupError, LEVELS};
use super::manifest::{Manifest, ManifestFiles};
use super::policeuk::PoliceUkAggregator;
use super::population::read_population;
use super::quality::Quality;
use super::recognise::{recognise, FileKind, SNIFF_BYTES};
use super::report::LoadReport;
use super::zip::{EntryReader, ReadAt, ZipArchive, ZipEntry};
use super::{AreaMapper, Categories};

/// Bytes read from a file per [`LoadSession::step`].
pub const STEP_BYTES: usize = 1 << 20;

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Recognised; its rows are read when the load runs.
    Waiting,
    /// Read.
    Read,
    /// Not used, and why (not an error).
    NotUsed(String),
    /// Could not be read: the message names the file.
    Failed(String),
}

/// One file (or one entry of an archive) of the load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Its name; an archive's entry is `archive.zip/folder/file.csv`.
    pub name: String,
    /// Its size in bytes (compressed, inside an archive).
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
    pub fn describe(&self) -> String {
        self.kind.describe()
    }
}

/// An area the load can be restricted to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChoice {
    /// Its code, e.g. `E06000004`.
    pub code: String,
    /// Its name, e.g. `Stockton-on-Tees` (the code when the lookup has none).
    pub name: String,
    /// Its level.
    pub level: Level,
}

/// What the user can choose before the load runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// The levels police.uk rows can be counted at (LSOA without a lookup).
    pub levels: Vec<Level>,
    /// The level chosen when the user does not choose (ward when the
    /// lookup has wards, else LSOA, as `explorer-cli prepare`).
    pub default_level: Level,
    /// Areas to restrict to: the lookup's local authorities (or its
    /// coarsest level above LSOA), by name.
    pub within: Vec<AreaChoice>,
}

/// How far the load has gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read of the files being loaded (compressed, for archives).
    pub bytes_done: u64,
    /// Bytes to read in all.
    pub bytes_total: u64,
    /// Rows read so far.
    pub rows: u64,
    /// Files finished.
    pub files_done: usize,
    /// Files to read.
    pub files_total: usize,
    /// The file being read.
    pub current: Option<String>,
}

/// Why a load cannot go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// Nothing to count.
    #[error("none of the files holds police.uk street data or a counts file, so there is nothing to show")]
    NoData,
    /// The level or area cannot be used with the lookups.
    #[error("{file}: {error}")]
    Lookup {
        /// The lookup that decides.
        file: String,
        /// Why.
        error: LookupError,
    },
    /// A level or area chosen without a lookup.
    #[error("counting at {0} level or inside an area needs an ONS lookup file (e.g. LSOA21CD, WD25CD, LAD25CD); add one, or count by LSOA")]
    NeedsLookup(Level),
    /// The load was cancelled.
    #[error("the load was cancelled")]
    Cancelled,
    /// `step` or `finish` before `start`.
    #[error("the load has not been started")]
    NotStarted,
    /// A count overflowed.
    #[error(transparent)]
    Cube(#[from] CubeError),
    /// The files hold no counts.
    #[error("the files hold no rows to show: {0}")]
    Empty(String),
}

/// One file or archive entry.
struct Item {
    report: FileReport,
    source: usize,
    entry: Option<ZipEntry>,
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

/// The end of a load.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The dataset, ready for the pages.
    pub bundle: Bundle,
    /// Every file and archive entry: what it was taken to be, its rows, and
    /// any message naming it.
    pub files: Vec<FileReport>,
    /// The crime rows of the whole load (police.uk or counts files): the
    /// sum of the police.uk or counts files' rows, and it adds up.
    pub report: LoadReport,
    /// Accepted rows placed through a bridge lookup.
    pub bridged: u64,
    /// The level counted at.
    pub level: Level,
    /// The area the load was restricted to.
    pub within: Option<String>,
    /// False when rows with no LSOA were left out (a load restricted to an
    /// area cannot place them inside it).
    pub keeps_unallocated: bool,
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

impl Loaded {
    /// The counts as a counts file (`month,area_code,category,count`),
    /// sorted by month, area code (not allocated first, as an empty code)
    /// and category, zero counts left out: the file an analyst keeps.
    pub fn counts_csv(&self) -> String {
        let cube = &self.bundle.dataset.cube;
        let mut out = String::from("month,area_code,category,count\n");
        let mut areas: Vec<usize> = (0..cube.areas().len()).collect();
        crate::order::sort_by(&mut areas, |&a, &b| {
            cube.areas().get(a).cmp(&cube.areas().get(b))
        });
        let mut cats: Vec<usize> = (0..cube.categories().len()).collect();
        crate::order::sort_by(&mut cats, |&a, &b| {
            cube.categories().get(a).cmp(&cube.categories().get(b))
        });
        let cat = |c: usize| quote(cube.categories().get(c).map_or("", String::as_str));
        for (mi, month) in cube.months().enumerate() {
            if self.keeps_unallocated {
                for &c in &cats {
                    let n = cube.unallocated(mi, c);
                    if n > 0 {
                        out.push_str(&format!("{month},,{},{n}\n", cat(c)));
                    }
                }
            }
            for &a in &areas {
                let code = quote(cube.areas().get(a).map_or("", |c| c.as_str()));
                for &c in &cats {
                    let n = cube.get(a, mi, c);
                    if n > 0 {
                        out.push_str(&format!("{month},{code},{},{n}\n", cat(c)));
                    }
                }
            }
        }
        out
    }
}

/// Rows of `after` not in `before` (reports of one running load).
fn difference(after: &LoadReport, before: &LoadReport) -> LoadReport {
    LoadReport {
        rows_read: after.rows_read - before.rows_read,
        accepted: after.accepted - before.accepted,
        not_allocated: after.not_allocated - before.not_allocated,
        outside_area: after.outside_area - before.outside_area,
        rejected: after.rejected - before.rejected,
        rejections: after
            .rejections
            .get(before.rejections.len()..)
            .unwrap_or(&[])
            .to_vec(),
    }
}

fn read_all(src: &mut dyn ReadAt, name: &str) -> Result<Vec<u8>, String> {
    let len =
        usize::try_from(src.size()).map_err(|_| format!("{name}: too large to read whole"))?;
    let mut buf = vec![0u8; len];
    src.read_at(0, &mut buf)
        .map_err(|m| format!("{name}: cannot be read: {m}"))?;
    Ok(buf)
}

/// The first [`SNIFF_BYTES`] of an archive entry.
fn sniff_entry(archive: &str, src: &mut dyn ReadAt, entry: &ZipEntry) -> Result<Vec<u8>, String> {
    let mut reader = EntryReader::new(archive, entry, src).map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    while head.len() < SNIFF_BYTES {
        let done = reader
            .step(src, 4096, &mut |p| {
                let room = SNIFF_BYTES.saturating_sub(head.len());
                head.extend_from_slice(p.get(..room.min(p.len())).unwrap_or(&[]));
            })
            .map_err(|e| e.to_string())?;
        if done {
            break;
        }
    }
    Ok(head)
}

/// A whole archive entry.
fn unpack_entry(archive: &str, src: &mut dyn ReadAt, entry: &ZipEntry) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    super::zip::read_entry(archive, src, entry, STEP_BYTES, &mut |p| {
        out.extend_from_slice(p)
    })
    .map_err(|e| e.to_string())?;
    Ok(out)
}

fn is_reference(kind: &FileKind) -> bool {
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

impl LoadSession {
    /// An empty load.
    pub fn new() -> Self {
        LoadSession {
            sources: Vec::new(),
            items: Vec::new(),
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
        }
    }

    /// Sets the bytes read per [`step`](Self::step) (default
    /// [`STEP_BYTES`]; at least 1): smaller steps report progress more often.
    pub fn set_step_bytes(&mut self, bytes: usize) {
        self.step_bytes = bytes.max(1);
    }

    /// Adds the file called `name` (phase 1): recognises it (an archive's
    /// entries too) and reads it now when it is a small file that decides
    /// the mapping. Returns the index of its report in
    /// [`files`](Self::files); an archive's entries follow it. Never fails:
    /// a bad file gets a [`FileStatus::Failed`] naming it.
    pub fn add(&mut self, name: &str, source: impl ReadAt + 'static) -> usize {
        let src = self.sources.len();
        self.sources.push(Box::new(source));
        let index = self.items.len();
        let Some(source) = self.sources.get_mut(src) else {
            return index;
        };
        let size = source.size();
        let mut head = vec![0u8; size.min(SNIFF_BYTES as u64) as usize];
        let kind = match source.read_at(0, &mut head) {
            Ok(()) => recognise(name, &head),
            Err(m) => {
                let kind = FileKind::Unknown {
                    reason: "it cannot be read".to_string(),
                };
                self.push(
                    name,
                    size,
                    kind,
                    src,
                    None,
                    FileStatus::Failed(format!("{name}: cannot be read: {m}")),
                );
                return index;
            }
        };
        let status = match &kind {
            FileKind::Unknown { .. } => FileStatus::Failed(format!("{name}: {}", kind.describe())),
            FileKind::Zip => FileStatus::Read,
            _ => FileStatus::Waiting,
        };
        let item = self.push(name, size, kind.clone(), src, None, status);
        if kind == FileKind::Zip {
            self.open_zip(item, src);
        } else if is_reference(&kind) {
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

    fn push(
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

    fn set_status(&mut self, item: usize, status: FileStatus) {
        if let Some(i) = self.items.get_mut(item) {
            i.report.status = status;
        }
    }

    fn open_zip(&mut self, item: usize, src: usize) {
        let name = self
            .items
            .get(item)
            .map(|i| i.report.name.clone())
            .unwrap_or_default();
        let Some(source) = self.sources.get_mut(src) else {
            return;
        };
        let archive = match ZipArchive::open(&name, source.as_mut()) {
            Ok(a) => a,
            Err(e) => return self.set_status(item, FileStatus::Failed(e.to_string())),
        };
        if let Some(doc) = archive.office_document() {
            let message = format!(
                "{name}: {doc}, not an archive of data files; save the sheet as CSV (UTF-8)"
            );
            return self.set_status(item, FileStatus::Failed(message));
        }
        let mut usable = 0;
        for entry in archive.entries().iter().filter(|e| !e.is_dir()) {
            let full = format!("{name}/{}", entry.name);
            let size = entry.compressed_size;
            if entry.name.starts_with("__MACOSX/") || entry.file_name().starts_with("._") {
                let kind = FileKind::Unknown {
                    reason: "macOS metadata".to_string(),
                };
                let status = FileStatus::NotUsed("macOS metadata, not data".to_string());
                self.push(&full, size, kind, src, Some(entry.clone()), status);
                continue;
            }
            let Some(source) = self.sources.get_mut(src) else {
                return;
            };
            let head = match sniff_entry(&name, source.as_mut(), entry) {
                Ok(h) => h,
                Err(m) => {
                    let kind = FileKind::Unknown {
                        reason: "it cannot be unpacked".to_string(),
                    };
                    self.push(
                        &full,
                        size,
                        kind,
                        src,
                        Some(entry.clone()),
                        FileStatus::Failed(m),
                    );
                    continue;
                }
            };
            let kind = recognise(&full, &head);
            let status = match &kind {
                FileKind::Zip => FileStatus::NotUsed(
                    "an archive inside the archive; unzip the outer one and load this one"
                        .to_string(),
                ),
                FileKind::Unknown { .. } => FileStatus::NotUsed(kind.describe()),
                _ => FileStatus::Waiting,
            };
            let reference = is_reference(&kind);
            usable += usize::from(status == FileStatus::Waiting);
            let at = self.push(&full, size, kind, src, Some(entry.clone()), status);
            if reference {
                let bytes = self
                    .sources
                    .get_mut(src)
                    .map(|s| unpack_entry(&name, s.as_mut(), entry));
                match bytes {
                    Some(Ok(bytes)) => self.read_reference(at, &bytes),
                    Some(Err(m)) => self.set_status(at, FileStatus::Failed(m)),
                    None => {}
                }
            }
        }
        if usable == 0 {
            let message = format!("{name}: the archive holds no file the explorer reads");
            self.set_status(item, FileStatus::Failed(message));
        }
    }

    /// Reads a small file that decides the mapping.
    fn read_reference(&mut self, item: usize, bytes: &[u8]) {
        let Some(it) = self.items.get(item) else {
            return;
        };
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
                self.categories = Some(c);
                r
            }),
            _ => return,
        };
        let Some(it) = self.items.get_mut(item) else {
            return;
        };
        match result {
            Ok(rows) => {
                it.report.rows = rows;
                it.report.status = FileStatus::Read;
            }
            Err(e) => it.report.status = FileStatus::Failed(e.to_string()),
        }
    }

    /// Every file and archive entry so far.
    pub fn files(&self) -> Vec<&FileReport> {
        self.items.iter().map(|i| &i.report).collect()
    }

    /// The lookups in chain order (positions in `self.lookups`): the
    /// bridges as given, then the last lookup that is not a bridge.
    fn chain(&self) -> Vec<usize> {
        let mut chain: Vec<usize> = (0..self.lookups.len())
            .filter(|&i| self.lookups.get(i).is_some_and(|(_, l)| l.is_bridge()))
            .collect();
        if let Some(last) = (0..self.lookups.len())
            .rev()
            .find(|&i| self.lookups.get(i).is_some_and(|(_, l)| !l.is_bridge()))
        {
            chain.push(last);
        }
        chain
    }

    fn mapping_lookup(&self) -> Option<&Lookup> {
        self.chain()
            .last()
            .and_then(|&i| self.lookups.get(i))
            .map(|(_, l)| l)
    }

    /// The levels and areas the user can choose from (phase 1, after the
    /// lookups were added).
    pub fn choices(&self) -> Choices {
        let Some(lookup) = self.mapping_lookup() else {
            return Choices {
                levels: vec![Level::Lsoa],
                default_level: Level::Lsoa,
                within: Vec::new(),
            };
        };
        let levels: Vec<Level> = LEVELS
            .into_iter()
            .filter(|l| lookup.has_level(*l))
            .collect();
        let default_level = if lookup.has_level(Level::Ward) {
            Level::Ward
        } else {
            Level::Lsoa
        };
        let within_level = if lookup.has_level(Level::District) {
            Some(Level::District)
        } else {
            levels.last().copied().filter(|l| *l != Level::Lsoa)
        };
        let mut within: Vec<AreaChoice> = Vec::new();
        if let Some(level) = within_level {
            let mut codes: Vec<&str> = lookup.rows().filter_map(|r| r.code(level)).collect();
            crate::order::sort_by(&mut codes, |a, b| a.cmp(b));
            codes.dedup();
            within = codes
                .into_iter()
                .map(|code| AreaChoice {
                    code: code.to_string(),
                    name: lookup.name(code).unwrap_or(code).to_string(),
                    level,
                })
                .collect();
            crate::order::sort_by(&mut within, |a, b| {
                a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code))
            });
        }
        Choices {
            levels,
            default_level,
            within,
        }
    }
}

impl LoadSession {
    /// Starts the load (phase 2) at `level` (the default of
    /// [`choices`](Self::choices) when `None`), restricted to the area
    /// `within` when given. Fails when there is nothing to count or the
    /// level or area cannot be used; the files stay as they are, so the
    /// user can choose again.
    pub fn start(
        &mut self,
        level: Option<Level>,
        within: Option<&str>,
    ) -> Result<(), SessionError> {
        if self.plan.is_some() {
            return Ok(());
        }
        let waiting = |kind: fn(&FileKind) -> bool| -> Vec<usize> {
            (0..self.items.len())
                .filter(|&i| {
                    self.items.get(i).is_some_and(|it| {
                        it.report.status == FileStatus::Waiting && kind(&it.report.kind)
                    })
                })
                .collect()
        };
        let police = waiting(FileKind::is_police);
        let counts = waiting(|k| *k == FileKind::CountsFile);
        let chain = self.chain();
        let level = level.unwrap_or(self.choices().default_level);
        let within = within.map(str::trim).filter(|w| !w.is_empty());
        let categories = self.categories.clone().unwrap_or_default();
        let (sink, queue, keeps_unallocated) = if !police.is_empty() {
            let lookups: Vec<Lookup> = chain
                .iter()
                .filter_map(|&i| self.lookups.get(i).map(|(_, l)| l.clone()))
                .collect();
            let mapper = if lookups.is_empty() {
                if level != Level::Lsoa || within.is_some() {
                    return Err(SessionError::NeedsLookup(level));
                }
                AreaMapper::each_lsoa()
            } else {
                AreaMapper::from_lookups(&lookups, level, within).map_err(|error| {
                    let file = chain
                        .last()
                        .and_then(|&i| self.lookups.get(i))
                        .and_then(|(item, _)| self.items.get(*item))
                        .map(|it| it.report.name.clone())
                        .unwrap_or_default();
                    SessionError::Lookup { file, error }
                })?
            };
            let keeps = mapper.keeps_unallocated();
            for &c in &counts {
                self.set_status(c, FileStatus::NotUsed(
                    "a counts file is not added to police.uk files (the same crimes could be counted twice); load it on its own".to_string(),
                ));
            }
            let agg = PoliceUkAggregator::new(mapper, categories);
            (Sink::Police(Box::new(agg)), police, keeps)
        } else if !counts.is_empty() {
            let mut parents: Vec<&str> = self
                .areas
                .iter()
                .filter_map(|a| a.parent.as_ref().map(AreaCode::as_str))
                .collect();
            crate::order::sort_by(&mut parents, |a, b| a.cmp(b));
            let mut leaves: Vec<&str> = self
                .areas
                .iter()
                .map(|a| a.code.as_str())
                .filter(|c| parents.binary_search(c).is_err())
                .collect();
            crate::order::sort_by(&mut leaves, |a, b| a.cmp(b));
            let builder = CubeBuilder::new()
                .with_categories(categories.iter().map(|c| c.name.as_str()))
                .with_areas(leaves);
            (
                Sink::Counts(Box::new((builder, LoadReport::default()))),
                counts,
                true,
            )
        } else {
            return Err(SessionError::NoData);
        };
        // Lookups left out of the chain.
        let used: Vec<usize> = chain
            .iter()
            .filter_map(|&i| self.lookups.get(i).map(|(item, _)| *item))
            .collect();
        let unused: Vec<usize> = self
            .lookups
            .iter()
            .map(|(item, _)| *item)
            .filter(|i| !used.contains(i))
            .collect();
        for item in unused {
            self.set_status(item, FileStatus::NotUsed(
                "a later lookup that is not a bridge was given; only the last one maps LSOAs to areas".to_string(),
            ));
        }
        self.progress = Progress {
            bytes_total: queue
                .iter()
                .filter_map(|&i| self.items.get(i))
                .map(|it| it.report.size)
                .sum(),
            files_total: queue.len(),
            ..Progress::default()
        };
        self.plan = Some(Plan {
            level,
            within: within.map(str::to_string),
            chain,
            keeps_unallocated,
            sink,
            queue: queue.into_iter().collect(),
            current: None,
        });
        Ok(())
    }

    /// Asks the load to stop; the next [`step`](Self::step) says so and
    /// [`finish`](Self::finish) gives [`SessionError::Cancelled`].
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// How far the load has gone.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Reads the next chunk (up to [`STEP_BYTES`]) of the next file.
    /// `Ok(true)` when every file has been read.
    pub fn step(&mut self) -> Result<bool, SessionError> {
        if self.cancelled {
            return Err(SessionError::Cancelled);
        }
        let LoadSession {
            sources,
            items,
            plan,
            progress,
            step_bytes,
            ..
        } = self;
        let step_bytes = *step_bytes;
        let Some(plan) = plan.as_mut() else {
            return Err(SessionError::NotStarted);
        };
        if plan.current.is_none() {
            let Some(next) = plan.queue.pop_front() else {
                progress.current = None;
                return Ok(true);
            };
            let Some(item) = items.get_mut(next) else {
                return Ok(false);
            };
            let Some(source) = sources.get_mut(item.source) else {
                return Ok(false);
            };
            let name = item.report.name.clone();
            progress.current = Some(name.clone());
            match &mut plan.sink {
                Sink::Counts(counts) => {
                    let (builder, total) = &mut **counts;
                    let archive = name.rsplit_once('/').map_or("", |(a, _)| a);
                    let bytes = match &item.entry {
                        Some(entry) => {
                            let archive_name = name
                                .strip_suffix(entry.name.as_str())
                                .and_then(|a| a.strip_suffix('/'))
                                .unwrap_or(archive);
                            unpack_entry(archive_name, source.as_mut(), entry)
                        }
                        None => read_all(source.as_mut(), &name),
                    };
                    let result = bytes.and_then(|b| {
                        read_counts_bytes(&name, &b, builder).map_err(|e| e.to_string())
                    });
                    match result {
                        Ok(rows) => {
                            total.merge(rows.clone());
                            progress.rows = total.rows_read;
                            item.report.rows = rows;
                            item.report.status = FileStatus::Read;
                        }
                        Err(m) => item.report.status = FileStatus::Failed(m),
                    }
                    progress.bytes_done += item.report.size;
                    progress.files_done += 1;
                    return Ok(false);
                }
                Sink::Police(agg) => {
                    let before = agg.report().clone();
                    let current = match &item.entry {
                        None => Current::Plain {
                            item: next,
                            offset: 0,
                        },
                        Some(entry) => {
                            let archive_name = name
                                .strip_suffix(entry.name.as_str())
                                .and_then(|a| a.strip_suffix('/'))
                                .unwrap_or(&name);
                            match EntryReader::new(archive_name, entry, source.as_mut()) {
                                Ok(reader) => Current::Entry {
                                    item: next,
                                    reader: Box::new(reader),
                                },
                                Err(e) => {
                                    item.report.status = FileStatus::Failed(e.to_string());
                                    progress.bytes_done += item.report.size;
                                    progress.files_done += 1;
                                    return Ok(false);
                                }
                            }
                        }
                    };
                    if let Err(e) = agg.start_file(&name) {
                        item.report.status = FileStatus::Failed(e.to_string());
                    }
                    plan.current = Some((current, before));
                }
            }
        }
        let Sink::Police(agg) = &mut plan.sink else {
            return Ok(false);
        };
        let Some((current, before)) = plan.current.as_mut() else {
            return Ok(false);
        };
        // Read one chunk; `finished` is the file's final status when done.
        let (index, finished) = match current {
            Current::Plain { item, offset } => {
                let index = *item;
                let Some(it) = items.get(index) else {
                    plan.current = None;
                    return Ok(false);
                };
                let Some(source) = sources.get_mut(it.source) else {
                    plan.current = None;
                    return Ok(false);
                };
                let size = it.report.size;
                let n = (size - *offset).min(step_bytes as u64) as usize;
                let mut buf = vec![0u8; n];
                let finished = match source.read_at(*offset, &mut buf) {
                    Err(m) => {
                        let _ = agg.end_file();
                        Some(FileStatus::Failed(format!(
                            "{}: cannot be read: {m}",
                            it.report.name
                        )))
                    }
                    Ok(()) => match agg.feed(&buf) {
                        Err(e) => Some(FileStatus::Failed(e.to_string())),
                        Ok(()) => {
                            *offset += n as u64;
                            progress.bytes_done += n as u64;
                            (*offset >= size).then(|| match agg.end_file() {
                                Ok(()) => FileStatus::Read,
                                Err(e) => FileStatus::Failed(e.to_string()),
                            })
                        }
                    },
                };
                (index, finished)
            }
            Current::Entry { item, reader } => {
                let index = *item;
                let Some(source) = items.get(index).and_then(|it| sources.get_mut(it.source))
                else {
                    plan.current = None;
                    return Ok(false);
                };
                let done_before = reader.compressed_done();
                let mut feed_error = None;
                let result = reader.step(source.as_mut(), step_bytes, &mut |piece| {
                    if feed_error.is_none() {
                        if let Err(e) = agg.feed(piece) {
                            feed_error = Some(e);
                        }
                    }
                });
                progress.bytes_done += reader.compressed_done() - done_before;
                let finished = match (result, feed_error) {
                    (_, Some(e)) => Some(FileStatus::Failed(e.to_string())),
                    (Err(e), None) => {
                        let _ = agg.end_file();
                        let rows = agg.report().rows_read - before.rows_read;
                        Some(FileStatus::Failed(format!(
                            "{e} (its {rows} rows read before the damage was found are counted)"
                        )))
                    }
                    (Ok(false), None) => None,
                    (Ok(true), None) => Some(match agg.end_file() {
                        Ok(()) => FileStatus::Read,
                        Err(e) => FileStatus::Failed(e.to_string()),
                    }),
                };
                (index, finished)
            }
        };
        progress.rows = agg.report().rows_read;
        if let Some(status) = finished {
            if let Some(it) = items.get_mut(index) {
                it.report.rows = difference(agg.report(), before);
                if it.report.status == FileStatus::Waiting {
                    it.report.status = status;
                }
                // Bytes of a file abandoned part way still count as handled.
                let read = match current {
                    Current::Plain { offset, .. } => *offset,
                    Current::Entry { reader, .. } => reader.compressed_done(),
                };
                progress.bytes_done += it.report.size.saturating_sub(read);
            }
            progress.files_done += 1;
            plan.current = None;
        }
        Ok(false)
    }

    /// Steps until done, calling `on_progress` after each step; stops
    /// (with [`SessionError::Cancelled`]) once `cancel` is set.
    pub fn run(
        &mut self,
        cancel: &AtomicBool,
        on_progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), SessionError> {
        loop {
            if cancel.load(Ordering::Relaxed) {
                self.cancel();
            }
            let done = self.step()?;
            on_progress(&self.progress);
            if done {
                return Ok(());
            }
        }
    }
}

impl LoadSession {
    /// Reads whatever is left and builds the dataset: counts, areas (the
    /// areas file, else built from the lookups with any populations and
    /// deprivation ranks), boundaries of the areas loaded, and a manifest
    /// titled "Your files".
    pub fn finish(mut self) -> Result<Loaded, SessionError> {
        while !self.step()? {}
        let Some(plan) = self.plan.take() else {
            return Err(SessionError::NotStarted);
        };
        let lookups: Vec<Lookup> = plan
            .chain
            .iter()
            .filter_map(|&i| self.lookups.get(i).map(|(_, l)| l.clone()))
            .collect();
        let categories = self.categories.clone().unwrap_or_default();
        let police = matches!(plan.sink, Sink::Police(_));
        let (cube, report, quality, bridged) = match plan.sink {
            Sink::Police(agg) => {
                let prepared = agg.finish().map_err(|e| match e {
                    super::policeuk::PrepareError::Cube(c) => SessionError::Cube(c),
                    super::policeuk::PrepareError::File(f) => SessionError::Empty(f.to_string()),
                })?;
                (
                    prepared.cube,
                    prepared.report,
                    prepared.quality,
                    prepared.bridged,
                )
            }
            Sink::Counts(counts) => {
                let (builder, report) = *counts;
                let cube = builder.build()?;
                let quality = cube_quality(&cube);
                (cube, report, quality, 0)
            }
        };
        if cube.month_count() == 0 {
            let why = self
                .items
                .iter()
                .find_map(|i| match &i.report.status {
                    FileStatus::Failed(m) => Some(m.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| "no row could be counted".to_string());
            return Err(SessionError::Empty(why));
        }
        let areas = if !self.areas.is_empty() || lookups.is_empty() || !police {
            std::mem::take(&mut self.areas)
        } else {
            self.areas_from_lookups(&lookups, plan.level, plan.within.as_deref())
        };
        let mut boundaries = std::mem::take(&mut self.boundaries);
        boundaries.retain(|b| {
            cube.area_index(b.code.as_str()).is_some() || areas.iter().any(|a| a.code == b.code)
        });
        let within_name = plan.within.as_deref().map(|code| {
            lookups
                .last()
                .and_then(|l| l.name(code))
                .unwrap_or(code)
                .to_string()
        });
        let manifest = self.manifest(
            police,
            &lookups,
            &boundaries,
            plan.level,
            within_name,
            &quality,
        );
        let bundle = Bundle::from_cube(
            manifest,
            cube,
            areas,
            &categories,
            report.clone(),
            quality,
            boundaries,
        );
        Ok(Loaded {
            bundle,
            files: self.items.into_iter().map(|i| i.report).collect(),
            report,
            bridged,
            level: plan.level,
            within: plan.within,
            keeps_unallocated: plan.keeps_unallocated,
        })
    }

    /// The areas of the level (and their parents) from the lookups, with
    /// populations and deprivation when those files were given.
    fn areas_from_lookups(
        &self,
        lookups: &[Lookup],
        level: Level,
        within: Option<&str>,
    ) -> Vec<Area> {
        let of = self
            .ranks
            .values()
            .copied()
            .max()
            .unwrap_or(0)
            .max(self.ranks.len() as u32);
        let ranks = (!self.ranks.is_empty()).then_some(Ranks {
            by_lsoa: &self.ranks,
            of,
        });
        let Ok(built) = build_areas(lookups, level, within, &self.population, ranks) else {
            return Vec::new();
        };
        let with_population = !self.population.is_empty();
        built
            .rows
            .into_iter()
            .map(|r| Area {
                code: AreaCode::from(r.code.as_str()),
                name: r.name,
                parent: r.parent.as_deref().map(AreaCode::from),
                population: with_population
                    .then(|| u32::try_from(r.population).unwrap_or(u32::MAX)),
                imd_rank: r.imd_rank,
                imd_decile: r.imd_decile,
                imd_score: None,
            })
            .collect()
    }

    fn manifest(
        &self,
        police: bool,
        lookups: &[Lookup],
        boundaries: &[Boundary],
        level: Level,
        within_name: Option<String>,
        quality: &Quality,
    ) -> Manifest {
        let mut attribution = Vec::new();
        if police {
            attribution
                .push("Contains police.uk data licensed under the Open Government Licence v3.0.");
        }
        if !lookups.is_empty() || !self.population.is_empty() || !self.ranks.is_empty() {
            attribution.push("Contains ONS data licensed under the Open Government Licence v3.0.");
        }
        if !boundaries.is_empty() {
            attribution.push("Contains OS data © Crown copyright and database right.");
        }
        let read = |kind: fn(&FileKind) -> bool| {
            self.items
                .iter()
                .filter(|i| i.report.status == FileStatus::Read && kind(&i.report.kind))
                .count()
        };
        let mut caveats = Vec::new();
        if police {
            caveats.push(format!(
                "Counted from {} police.uk street-level file(s) you loaded. police.uk street-level data are not the official recorded crime figures: locations are approximate and some offences are left out.",
                read(FileKind::is_police)
            ));
        } else {
            caveats.push(format!(
                "Read from {} counts file(s) you loaded.",
                read(|k| *k == FileKind::CountsFile)
            ));
        }
        if !quality.months_missing.is_empty() {
            let months: Vec<String> = quality
                .months_missing
                .iter()
                .map(|m| m.to_string())
                .collect();
            caveats.push(format!("No rows for {}.", months.join(", ")));
        }
        if !quality.months_suspect.is_empty() {
            let months: Vec<String> = quality
                .months_suspect
                .iter()
                .map(|s| s.month.to_string())
                .collect();
            caveats.push(format!(
                "Implausibly few rows for {}: the data may be incomplete.",
                months.join(", ")
            ));
        }
        let failed = self
            .items
            .iter()
            .filter(|i| matches!(i.report.status, FileStatus::Failed(_)))
            .count();
        if failed > 0 {
            caveats.push(format!(
                "{failed} file(s) could not be read; see the load report."
            ));
        }
        Manifest {
            title: "Your files".to_string(),
            publisher: String::new(),
            synthetic: false,
            licence: if police || !lookups.is_empty() {
                "Open Government Licence v3.0".to_string()
            } else {
                String::new()
            },
            attribution: attribution.join(" "),
            area_level: level.name().to_string(),
            whole_name: within_name.unwrap_or_else(|| "All areas in your files".to_string()),
            population_year: None,
            disclosure_threshold: None,
            files: ManifestFiles {
                counts: "your files".to_string(),
                areas: None,
                categories: None,
                boundaries: None,
            },
            caveats,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n";

    fn row(month: &str, lsoa: &str, kind: &str) -> String {
        format!(",{month},F,F,0,0,Here,{lsoa},N,{kind},,\n")
    }

    #[test]
    fn police_files_with_a_lookup_restricted_to_a_district() {
        let mut s = LoadSession::new();
        let lookup = "LSOA21CD,WD25CD,WD25NM,LAD25CD,LAD25NM\n\
                      E01000001,E05000001,North,E06000001,Town\n\
                      E01000002,E05000002,South,E06000001,Town\n\
                      E01000003,E05000003,East,E06000002,City\n";
        s.add("lookup.csv", lookup.as_bytes().to_vec());
        let mut a = HEADER.to_string();
        a += &row("2024-01", "E01000001", "Burglary");
        a += &row("2024-01", "E01000002", "Drugs");
        a += &row("2024-01", "E01000003", "Drugs");
        a += &row("2024-01", "", "Drugs");
        a += ",2024-01,F,F,0,0,Here,E01000001,N,Nonsense,,\n";
        s.add("2024-01-x-street.csv", a.into_bytes());
        s.add("notes.txt", b"hello\n".to_vec());
        let c = s.choices();
        assert_eq!(c.default_level, Level::Ward);
        let names: Vec<&str> = c.within.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["City", "Town"]);
        s.start(None, Some("E06000001")).unwrap();
        let done = s.finish().unwrap();
        let r = &done.report;
        assert_eq!(
            (
                r.rows_read,
                r.accepted,
                r.not_allocated,
                r.outside_area,
                r.rejected
            ),
            (5, 2, 1, 1, 1)
        );
        assert_eq!(done.files[1].rows, *r);
        assert!(
            matches!(&done.files[2].status, FileStatus::Failed(m) if m.starts_with("notes.txt: "))
        );
        assert_eq!(done.bundle.manifest.whole_name, "Town");
        assert!(done.bundle.manifest.attribution.contains("police.uk"));
        assert_eq!(done.counts_csv(), "month,area_code,category,count\n2024-01,E05000001,Burglary,1\n2024-01,E05000002,Drugs,1\n");
        assert_eq!(done.bundle.dataset.area_name("E05000002"), "South");
    }

    #[test]
    fn nothing_to_count_and_missing_lookup_are_clear() {
        let mut s = LoadSession::new();
        s.add("a.csv", b"area_code,area_name\nE1,One\n".to_vec());
        assert_eq!(s.start(None, None), Err(SessionError::NoData));
        let mut s = LoadSession::new();
        s.add(
            "p.csv",
            format!("{HEADER}{}", row("2024-01", "E01", "Drugs")).into_bytes(),
        );
        let e = s.start(Some(Level::Ward), None).unwrap_err();
        assert!(e.to_string().contains("needs an ONS lookup"), "{e}");
        s.start(None, None).unwrap();
        let mut s2 = LoadSession::new();
        s2.add("p.csv", HEADER.as_bytes().to_vec());
        s2.cancel();
        assert_eq!(s2.start(None, None), Ok(()));
        assert_eq!(s2.finish().unwrap_err(), SessionError::Cancelled);
        assert_eq!(s.finish().unwrap().report.accepted, 1);
    }
}
