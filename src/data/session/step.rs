//! The stepping load: one chunk of one file per step, with progress and
//! cancel.

use crate::i18n::{Msg, Text};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::data::counts::read_counts_bytes;
use crate::data::policeuk::{FeedError, PoliceUkAggregator};
use crate::data::report::LoadReport;
use crate::data::zip::{EntryReader, ReadAt};

use super::beside::item_bytes;
use super::files::FileStatus;
use super::{Current, Item, LoadSession, SessionError, Sink};

/// How far the load has gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read of the files being loaded (unpacked, for an archive's
    /// entries).
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

/// Rows of `after` not in `before` (reports of one running load: `after`
/// only ever grows from `before`).
fn difference(after: &LoadReport, before: &LoadReport) -> LoadReport {
    LoadReport {
        rows_read: after.rows_read - before.rows_read,
        accepted: after.accepted - before.accepted,
        not_allocated: after.not_allocated - before.not_allocated,
        outside_area: after.outside_area - before.outside_area,
        unknown_code: after.unknown_code - before.unknown_code,
        rejected: after.rejected - before.rejected,
        rejections: after.rejections[before.rejections.len()..].to_vec(),
        windows_1252: after.windows_1252[before.windows_1252.len()..].to_vec(),
    }
}

/// The status of a file whose reading ended: read, or failed at its end.
fn end_status(agg: &mut PoliceUkAggregator) -> FileStatus {
    match agg.end_file() {
        Ok(()) => FileStatus::Read,
        Err(e) => FileStatus::Failed(e.text()),
    }
}

/// A file that stopped part way (`why`): the rows read before stay
/// counted, and the status says how many (`counted`: which rows, the
/// message with `{why}` and `{rows}`).
fn partly(
    agg: &mut PoliceUkAggregator,
    before: &LoadReport,
    why: Text,
    counted: Msg,
) -> FileStatus {
    // The last, cut record is read as it is; a file that had not even a
    // header has 0 rows counted, which the status says.
    let _ = agg.end_file();
    let rows = agg.report().rows_read - before.rows_read;
    let rows = rows.to_string();
    FileStatus::Partly(Text::msg(counted).with("why", why).with("rows", rows))
}

/// Reads the next chunk of a plain file at `offset` into the aggregator;
/// its final status when it is done.
fn read_plain(
    agg: &mut PoliceUkAggregator,
    before: &LoadReport,
    item: &Item,
    source: &mut dyn ReadAt,
    offset: &mut u64,
    step_bytes: usize,
    progress: &mut Progress,
) -> Option<FileStatus> {
    let size = item.report.size;
    let n = (size - *offset).min(step_bytes as u64) as usize;
    // Read straight into the aggregator's buffer (no buffer allocated and
    // zeroed per step).
    let at = *offset;
    match agg.feed_from(n, |buf| source.read_at(at, buf).map(|()| buf.len())) {
        Err(FeedError::Read(m)) => Some(partly(
            agg,
            before,
            Text::msg(Msg::FileCannotBeReadToEnd)
                .with("file", item.report.name.as_str())
                .with("why", m),
            Msg::PartlyCounted,
        )),
        Err(FeedError::File(e)) => Some(FileStatus::Failed(e.text())),
        Ok(_) => {
            *offset += n as u64;
            progress.bytes_done += n as u64;
            (*offset >= size).then(|| end_status(agg))
        }
    }
}

/// Unpacks the next chunk of an archive's entry into the aggregator; its
/// final status when it is done.
fn read_entry(
    agg: &mut PoliceUkAggregator,
    before: &LoadReport,
    reader: &mut EntryReader,
    source: &mut dyn ReadAt,
    step_bytes: usize,
) -> Option<FileStatus> {
    let mut feed_error = None;
    let result = reader.step(source, step_bytes, &mut |piece| {
        if feed_error.is_none() {
            feed_error = agg.feed(piece).err();
        }
    });
    match (result, feed_error) {
        (_, Some(e)) => Some(FileStatus::Failed(e.text())),
        (Err(e), None) => Some(partly(agg, before, e.text(), Msg::PartlyDamaged)),
        (Ok(false), None) => None,
        (Ok(true), None) => Some(end_status(agg)),
    }
}

impl LoadSession {
    /// Asks the load to stop; the next [`step`](Self::step) says so and
    /// [`finish`](Self::finish) gives [`SessionError::Cancelled`].
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// How far the load has gone.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Reads the next chunk (up to the step size: [`set_step_bytes`](Self::set_step_bytes),
    /// by default [`STEP_BYTES`](super::STEP_BYTES)) of the next file.
    /// `Ok(true)` when every file has been read.
    pub fn step(&mut self) -> Result<bool, SessionError> {
        if self.cancelled {
            return Err(SessionError::Cancelled);
        }
        let Some(plan) = self.plan.as_mut() else {
            return Err(SessionError::NotStarted);
        };
        if plan.current.is_none() {
            let Some(next) = plan.queue.pop_front() else {
                self.progress.current = None;
                return Ok(true);
            };
            self.open(next);
        }
        self.read_chunk();
        Ok(false)
    }

    /// Starts item `next`: a counts file is read whole at once; a police.uk
    /// file or entry becomes the one being read.
    fn open(&mut self, next: usize) {
        let LoadSession {
            sources,
            items,
            plan,
            progress,
            ..
        } = self;
        let Some(plan) = plan.as_mut() else {
            return;
        };
        let item = &mut items[next];
        let source = sources[item.source].as_mut();
        let name = item.report.name.clone();
        progress.current = Some(name.clone());
        let agg = match &mut plan.sink {
            Sink::Counts(counts) => {
                let (builder, total) = &mut **counts;
                let result = item_bytes(source, item)
                    .and_then(|b| read_counts_bytes(&name, &b, builder).map_err(|e| e.text()));
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
                return;
            }
            Sink::Wide(wide) => {
                let result =
                    item_bytes(source, item).and_then(|b| wide.read(&name, &b).map_err(Text::from));
                match result {
                    Ok(rows) => {
                        progress.rows = wide.report.rows_read;
                        item.report.rows = rows;
                        item.report.status = FileStatus::Read;
                    }
                    Err(m) => item.report.status = FileStatus::Failed(m),
                }
                progress.bytes_done += item.report.size;
                progress.files_done += 1;
                return;
            }
            Sink::Police(agg) => agg,
        };
        let before = agg.report().clone();
        let current = match &item.entry {
            None => Current::Plain {
                item: next,
                offset: 0,
            },
            Some(entry) => match EntryReader::new(item.archive_name(), entry, source) {
                Ok(reader) => Current::Entry {
                    item: next,
                    reader: Box::new(reader),
                },
                Err(e) => {
                    item.report.status = FileStatus::Failed(e.text());
                    progress.bytes_done += item.report.size;
                    progress.files_done += 1;
                    return;
                }
            },
        };
        if let Err(e) = agg.start_file(&name) {
            item.report.status = FileStatus::Failed(e.text());
        }
        plan.current = Some((current, before));
    }

    /// Reads one chunk of the police.uk file being read, if any; closes it
    /// when it is done.
    fn read_chunk(&mut self) {
        let LoadSession {
            sources,
            items,
            plan,
            progress,
            step_bytes,
            ..
        } = self;
        let Some(plan) = plan.as_mut() else {
            return;
        };
        let (Sink::Police(agg), Some((current, before))) = (&mut plan.sink, plan.current.as_mut())
        else {
            return;
        };
        let (index, read) = match current {
            Current::Plain { item, offset } => (*item, *offset),
            Current::Entry { item, reader } => (*item, reader.unpacked_done()),
        };
        let item = &mut items[index];
        let source = sources[item.source].as_mut();
        // `finished` is the file's final status when it is done.
        let finished = match current {
            Current::Plain { offset, .. } => {
                read_plain(agg, before, item, source, offset, *step_bytes, progress)
            }
            Current::Entry { reader, .. } => {
                let finished = read_entry(agg, before, reader, source, *step_bytes);
                progress.bytes_done += reader.unpacked_done() - read;
                finished
            }
        };
        progress.rows = agg.report().rows_read;
        let Some(status) = finished else {
            return;
        };
        item.report.rows = difference(agg.report(), before);
        if item.report.status == FileStatus::Waiting {
            item.report.status = status;
        }
        // Bytes of a file abandoned part way still count as handled.
        let read = match current {
            Current::Plain { offset, .. } => *offset,
            Current::Entry { reader, .. } => reader.unpacked_done(),
        };
        progress.bytes_done += item.report.size.saturating_sub(read);
        progress.files_done += 1;
        plan.current = None;
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
