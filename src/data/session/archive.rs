//! Opening a ZIP archive of the load: each entry is recognised like a file,
//! and the small ones that decide the mapping are unpacked and read at once.

use crate::data::recognise::{recognise, FileKind, SNIFF_BYTES};
use crate::data::zip::{EntryReader, ReadAt, ZipArchive, ZipEntry};

use crate::i18n::{Msg, Text};

use super::files::{is_reference, not_police, FileStatus};
use super::{LoadSession, STEP_BYTES};

/// The first [`SNIFF_BYTES`] of an archive entry.
fn sniff_entry(archive: &str, src: &mut dyn ReadAt, entry: &ZipEntry) -> Result<Vec<u8>, Text> {
    let mut reader = EntryReader::new(archive, entry, src).map_err(|e| e.text())?;
    let mut head = Vec::new();
    while head.len() < SNIFF_BYTES {
        let done = reader
            .step(src, 4096, &mut |p| {
                let room = SNIFF_BYTES.saturating_sub(head.len());
                head.extend_from_slice(&p[..room.min(p.len())]);
            })
            .map_err(|e| e.text())?;
        if done {
            break;
        }
    }
    Ok(head)
}

/// A whole archive entry.
pub(super) fn unpack_entry(
    archive: &str,
    src: &mut dyn ReadAt,
    entry: &ZipEntry,
) -> Result<Vec<u8>, Text> {
    let mut out = Vec::new();
    crate::data::zip::read_entry(archive, src, entry, STEP_BYTES, &mut |p| {
        out.extend_from_slice(p)
    })
    .map_err(|e| e.text())?;
    Ok(out)
}

impl LoadSession {
    /// Opens item `item` (source `src`) as a ZIP archive and adds each of
    /// its entries as an item of its own, recognised; the archive fails
    /// when it cannot be opened or holds nothing the explorer reads.
    pub(super) fn open_zip(&mut self, item: usize, src: usize) {
        let name = self.items[item].report.name.clone();
        let archive = match ZipArchive::open(&name, self.sources[src].as_mut()) {
            Ok(a) => a,
            Err(e) => return self.set_status(item, FileStatus::Failed(e.text())),
        };
        if let Some(doc) = archive.office_document() {
            let message = Text::msg(Msg::OfficeNotArchive)
                .with("file", name.as_str())
                .with("doc", Text::msg(doc));
            return self.set_status(item, FileStatus::Failed(message));
        }
        let mut usable = 0;
        for entry in archive.entries().iter().filter(|e| !e.is_dir()) {
            usable += usize::from(self.add_entry(&name, src, entry));
        }
        if usable == 0 {
            let message = Text::msg(Msg::ArchiveHoldsNothing).with("file", name.as_str());
            self.set_status(item, FileStatus::Failed(message));
        }
    }

    /// Adds one entry of the archive `name` as an item, recognised from its
    /// first bytes (a reference file is read at once); true when it waits
    /// to be loaded.
    fn add_entry(&mut self, name: &str, src: usize, entry: &ZipEntry) -> bool {
        let full = format!("{name}/{}", entry.name);
        let size = entry.size;
        let push = |s: &mut Self, kind: FileKind, status: FileStatus| {
            s.push(&full, size, kind, src, Some(entry.clone()), status)
        };
        if entry.name.starts_with("__MACOSX/") || entry.file_name().starts_with("._") {
            let kind = FileKind::Unknown {
                reason: Text::msg(Msg::MacMetadata),
            };
            let status = FileStatus::NotUsed(Text::msg(Msg::MacMetadataNotData));
            push(self, kind, status);
            return false;
        }
        let head = match sniff_entry(name, self.sources[src].as_mut(), entry) {
            Ok(h) => h,
            Err(m) => {
                let kind = FileKind::Unknown {
                    reason: Text::msg(Msg::CannotBeUnpacked),
                };
                push(self, kind, FileStatus::Failed(m));
                return false;
            }
        };
        let kind = recognise(&full, &head);
        if matches!(kind, FileKind::PoliceUkStreet { .. }) {
            self.sampled.extend(super::files::sample_head(&head));
        }
        let status = match &kind {
            FileKind::Zip => FileStatus::NotUsed(Text::msg(Msg::ZipInZip)),
            FileKind::Unknown { .. } => FileStatus::NotUsed(kind.describe()),
            k if self.police_only && !k.is_police() => FileStatus::NotUsed(not_police(k)),
            _ => FileStatus::Waiting,
        };
        let reference = is_reference(&kind) && !self.police_only;
        let waiting = status == FileStatus::Waiting;
        let at = push(self, kind, status);
        if reference {
            match unpack_entry(name, self.sources[src].as_mut(), entry) {
                Ok(bytes) => self.read_reference(at, &bytes),
                Err(m) => self.set_status(at, FileStatus::Failed(m)),
            }
        }
        waiting
    }
}
