//! ZIP archives for the tests, written by the `zip` crate: an independent
//! writer is a better test of the explorer's reader than its own would be.
//! Stored or deflated entries; data descriptors (written when the crate
//! streams, so for every entry of such an archive); ZIP64 records (sizes in
//! each entry's ZIP64 extra field, the ZIP64 end record and its locator).
//! The crate cannot write a local header's offset in the ZIP64 extra field
//! below 4 GB, so that field is met only in real archives over 4 GB.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// An archive of `entries` (name, data, deflate?, data descriptor?), with
/// ZIP64 records when `zip64`. All entries of one archive have data
/// descriptors or none (the crate writes them for a whole archive).
pub fn zip(entries: &[(&str, &[u8], bool, bool)], zip64: bool) -> Vec<u8> {
    let descriptors = entries.iter().any(|e| e.3);
    assert!(
        entries.iter().all(|e| e.3 == descriptors),
        "the zip crate writes data descriptors for all entries of an archive or none"
    );
    if descriptors {
        let mut w = ZipWriter::new_stream(Vec::new());
        add(&mut w, entries, zip64);
        w.finish().expect("the archive is written").into_inner()
    } else {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        add(&mut w, entries, zip64);
        w.finish().expect("the archive is written").into_inner()
    }
}

fn add<W: Write + std::io::Seek>(
    w: &mut ZipWriter<W>,
    entries: &[(&str, &[u8], bool, bool)],
    zip64: bool,
) {
    for &(name, data, deflate, _) in entries {
        let method = if deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(zip64);
        if name.ends_with('/') {
            w.add_directory(name, options).expect("a folder is added");
        } else {
            w.start_file(name, options).expect("an entry is started");
            w.write_all(data).expect("an entry is written");
        }
    }
    if zip64 {
        // Any ZIP64 extensible data makes the crate write the ZIP64 end
        // record and its locator.
        w.set_raw_zip64_extensible_data_sector(Box::new([]));
    }
}
