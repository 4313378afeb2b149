//! A ZIP writer for tests: stored or deflated entries, with or without data
//! descriptors and ZIP64 records.

/// A test ZIP writer: entries (name, data, deflate?, data descriptor?),
/// optionally with ZIP64 records (sizes and offsets in the extra field).
pub fn zip(entries: &[(&str, &[u8], bool, bool)], zip64: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for &(name, data, deflate, descriptor) in entries {
        let stored = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let offset = out.len() as u64;
        let crc = crc32fast::hash(data);
        let flags: u16 = if descriptor { 8 } else { 0 };
        let method: u16 = if deflate { 8 } else { 0 };
        let mut local = 0x0403_4b50u32.to_le_bytes().to_vec();
        local.extend(20u16.to_le_bytes());
        local.extend(flags.to_le_bytes());
        local.extend(method.to_le_bytes());
        local.extend([0u8; 4]);
        for v in [crc, stored.len() as u32, data.len() as u32] {
            local.extend(if descriptor { 0 } else { v }.to_le_bytes());
        }
        local.extend((name.len() as u16).to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(name.as_bytes());
        out.extend(local);
        out.extend(&stored);
        if descriptor {
            out.extend(0x0807_4b50u32.to_le_bytes());
            for v in [crc, stored.len() as u32, data.len() as u32] {
                out.extend(v.to_le_bytes());
            }
        }
        let mut extra = Vec::new();
        if zip64 {
            extra.extend(1u16.to_le_bytes());
            extra.extend(24u16.to_le_bytes());
            for v in [data.len() as u64, stored.len() as u64, offset] {
                extra.extend(v.to_le_bytes());
            }
        }
        let big = |v: u64| if zip64 { u32::MAX } else { v as u32 };
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(45u16.to_le_bytes());
        central.extend(45u16.to_le_bytes());
        central.extend(flags.to_le_bytes());
        central.extend(method.to_le_bytes());
        central.extend([0u8; 4]);
        central.extend(crc.to_le_bytes());
        central.extend(big(stored.len() as u64).to_le_bytes());
        central.extend(big(data.len() as u64).to_le_bytes());
        central.extend((name.len() as u16).to_le_bytes());
        central.extend((extra.len() as u16).to_le_bytes());
        central.extend([0u8; 10]);
        central.extend(big(offset).to_le_bytes());
        central.extend(name.as_bytes());
        central.extend(extra);
    }
    let cd_offset = out.len() as u64;
    out.extend(&central);
    let n = entries.len() as u64;
    if zip64 {
        let end64 = out.len() as u64;
        out.extend(0x0606_4b50u32.to_le_bytes());
        out.extend(44u64.to_le_bytes());
        out.extend(45u16.to_le_bytes());
        out.extend(45u16.to_le_bytes());
        out.extend([0u8; 8]);
        for v in [n, n, central.len() as u64, cd_offset] {
            out.extend(v.to_le_bytes());
        }
        out.extend(0x0706_4b50u32.to_le_bytes());
        out.extend(0u32.to_le_bytes());
        out.extend(end64.to_le_bytes());
        out.extend(1u32.to_le_bytes());
    }
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    let count = if zip64 { u16::MAX } else { n as u16 };
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    let off = if zip64 { u32::MAX } else { cd_offset as u32 };
    out.extend(off.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
