//! Tests of the area table: packed and long codes stay distinct.

use super::*;

#[test]
fn codes_of_every_length_get_their_own_area() {
    let mut codes: Vec<Vec<u8>> = Vec::new();
    for len in 1..=20 {
        let base: Vec<u8> = (0..len).map(|i| b'0' + (i % 10) as u8).collect();
        codes.push(base.clone());
        // The same with its last byte changed, and with a zero byte added.
        let mut other = base.clone();
        if let Some(b) = other.last_mut() {
            *b = b'x';
        }
        codes.push(other);
        let mut zero = base;
        zero.push(0);
        codes.push(zero);
    }
    codes.sort();
    codes.dedup();
    let mut mapper = AreaMapper::each_lsoa();
    let ids: Vec<u32> = codes.iter().map(|c| mapper.area_of(c).unwrap()).collect();
    let again: Vec<u32> = codes.iter().map(|c| mapper.area_of(c).unwrap()).collect();
    assert_eq!(ids, again);
    assert_eq!(ids, (0..codes.len() as u32).collect::<Vec<_>>());
    for (c, id) in codes.iter().zip(&ids) {
        assert_eq!(mapper.codes()[*id as usize].as_bytes(), &c[..]);
    }
}

#[test]
fn packing_keeps_the_length() {
    assert_ne!(pack(b"E01"), pack(b"E01\0"));
    assert_ne!(pack(b"E0100000"), pack(b"E0100000\0"));
    assert_eq!(pack(b"0123456789abcde").map(|k| k >> 120), Some(15));
    assert_eq!(pack(b"0123456789abcdef"), None);
}
