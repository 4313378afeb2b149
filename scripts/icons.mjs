// The explorer's app icons (public/icons/, named by the web app manifest,
// public/manifest.webmanifest): three bars of a chart over a baseline, in
// the site header's colours, drawn here as shapes and written as PNG with
// Node's zlib, so that they are made by code anyone can read and re-run,
// not by hand in an editor. The PNGs are committed; re-run after a change:
//   node scripts/icons.mjs           writes public/icons/*.png
//   node scripts/icons.mjs --check   fails when a committed icon's pixels
//                                    differ from what this script draws
// `any` icons are a rounded square (transparent corners); `maskable` ones
// fill the whole square and keep the bars inside the middle 50%, within
// the safe zone (a circle of 40% radius) that a phone's mask never cuts.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const OUT = new URL('../public/icons/', import.meta.url).pathname;
const BACKGROUND = [0x0f, 0x17, 0x2a]; // the site header (style/main.css)
const BAR = [0x93, 0xc5, 0xfd];
const HIGHLIGHT = [0xfb, 0xbf, 0x24];
const WHITE = [0xff, 0xff, 0xff];

// Bars and baseline in a unit box: [x0, y0, x1, y1, colour], y down.
const MARKS = [
  [0.06, 0.4, 0.28, 0.9, BAR],
  [0.39, 0.1, 0.61, 0.9, HIGHLIGHT],
  [0.72, 0.52, 0.94, 0.9, BAR],
  [0.0, 0.9, 1.0, 0.97, WHITE],
];

export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-192.png', size: 192, maskable: true },
  { file: 'maskable-512.png', size: 512, maskable: true },
];

/** Whether (x, y) lies in the rectangle with corners rounded by r. */
function inRounded(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour at (x, y) of the unit square, or null (transparent). */
function colourAt(x, y, maskable) {
  const [b0, b1] = maskable ? [0.25, 0.75] : [0.2, 0.8];
  const u = (x - b0) / (b1 - b0);
  const v = (y - b0) / (b1 - b0);
  for (const [x0, y0, x1, y1, colour] of MARKS) {
    if (inRounded(u, v, x0, y0, x1, y1, 0.03)) return colour;
  }
  if (maskable || inRounded(x, y, 0, 0, 1, 1, 0.18)) return BACKGROUND;
  return null;
}

/** An icon's pixels, RGBA rows, each averaged over 4 × 4 samples. */
export function pixels(size, maskable) {
  const N = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const c = colourAt((px + (sx + 0.5) / N) / size, (py + (sy + 0.5) / N) / size, maskable);
          if (!c) continue;
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (sum[3] > 0) {
        for (let k = 0; k < 3; k++) rgba[at + k] = Math.round(sum[k] / sum[3]);
        rgba[at + 3] = Math.round((255 * sum[3]) / (N * N));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA rows as the bytes PNG compresses: each row after filter byte 0. */
function scanlines(rgba, size) {
  const rows = [];
  for (let y = 0; y < size; y++) rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat(rows);
}

/** A PNG file (8-bit RGBA, no interlace) of `size` × `size` pixels. */
export function png(rgba, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines(rgba, size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG this script wrote, read back: its size and its scanlines (one
 *  IDAT chunk, filter 0 on every row, as `png` writes). */
export function readPng(file) {
  const bytes = readFileSync(file);
  let at = 8;
  let size = 0;
  let idat = Buffer.alloc(0);
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') size = data.readUInt32BE(0);
    if (type === 'IDAT') idat = Buffer.concat([idat, data]);
    at += 12 + length;
  }
  return { size, lines: inflateSync(idat) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  mkdirSync(OUT, { recursive: true });
  let differ = 0;
  for (const { file, size, maskable } of ICONS) {
    const rgba = pixels(size, maskable);
    if (check) {
      const kept = readPng(join(OUT, file));
      if (kept.size !== size || !kept.lines.equals(scanlines(rgba, size))) {
        console.error(`icons.mjs: public/icons/${file} differs from what scripts/icons.mjs draws`);
        differ++;
      }
    } else {
      writeFileSync(join(OUT, file), png(rgba, size));
    }
  }
  if (differ) process.exit(1);
  console.log(check ? 'icons.mjs: the committed icons are what this script draws' : `icons.mjs: wrote ${ICONS.length} icons to ${OUT}`);
}
