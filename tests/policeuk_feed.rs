//! Tests of [`PoliceUkAggregator::feed_from`]: reading into the
//! aggregator's own buffer gives the same counts as any other chunking.

#![allow(clippy::unwrap_used)] // tests: a failure should stop the test

use cse::data::policeuk::*;
use cse::data::{AreaMapper, Categories, Prepared};

const JAN: &[u8] = include_bytes!("fixtures/policeuk/2024-01-demo-street.csv");
const FEB: &[u8] = include_bytes!("fixtures/policeuk/2024-02-demo-street.csv");

fn whole() -> Prepared {
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    agg.read("jan.csv", JAN).unwrap();
    agg.read("feb.csv", FEB).unwrap();
    agg.finish().unwrap()
}

#[test]
fn reading_into_the_buffer_in_any_steps_gives_the_same_counts() {
    let whole = whole();
    assert!(whole.report.accepted > 0 && whole.report.rejected > 0);
    for step in [1, 2, 3, 7, 64, 1000] {
        let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
        for (name, bytes) in [("jan.csv", JAN), ("feb.csv", FEB)] {
            agg.start_file(name).unwrap();
            let mut at = 0;
            while at < bytes.len() {
                let n = step.min(bytes.len() - at);
                let read = agg.feed_from(n, |buf: &mut [u8]| {
                    buf.copy_from_slice(&bytes[at..at + n]);
                    Ok::<_, String>(n)
                });
                assert_eq!(read.unwrap(), n);
                at += n;
            }
            agg.end_file().unwrap();
        }
        let p = agg.finish().unwrap();
        assert_eq!(p.report, whole.report, "steps of {step}");
        assert_eq!(p.cube, whole.cube, "steps of {step}");
    }
}

#[test]
fn a_failed_read_feeds_nothing_and_leaves_the_file_open() {
    let (head, tail) = JAN.split_at(JAN.len() / 2);
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    agg.start_file("jan.csv").unwrap();
    agg.feed(head).unwrap();
    let failed = agg.feed_from(10, |buf: &mut [u8]| {
        buf.fill(b'!');
        Err("disk on fire")
    });
    assert!(matches!(failed, Err(FeedError::Read("disk on fire"))));
    agg.feed(tail).unwrap();
    agg.start_file("feb.csv").unwrap();
    agg.feed(FEB).unwrap();
    let p = agg.finish().unwrap();
    let whole = whole();
    assert_eq!((p.report, p.cube), (whole.report, whole.cube));
}

#[test]
fn a_short_read_feeds_only_what_was_read() {
    let mut agg = PoliceUkAggregator::new(AreaMapper::each_lsoa(), Categories::default());
    agg.start_file("jan.csv").unwrap();
    for piece in JAN.chunks(5) {
        let n = agg
            .feed_from(100, |buf: &mut [u8]| {
                buf[..piece.len()].copy_from_slice(piece);
                Ok::<_, String>(piece.len())
            })
            .unwrap();
        assert_eq!(n, piece.len());
    }
    assert_eq!(agg.feed_from(100, |_| Ok::<_, String>(0)).unwrap(), 0);
    agg.end_file().unwrap();
    agg.start_file("feb.csv").unwrap();
    agg.feed(FEB).unwrap();
    let p = agg.finish().unwrap();
    let whole = whole();
    assert_eq!((p.report, p.cube), (whole.report, whole.cube));
}
