// The loading worker's reader (a worker it starts): reads one File's byte
// range slice by slice on this thread and hands the slices over in order
// (transferred, not copied) while the loading worker parses the slices
// before them. It keeps at most AHEAD slices read or being read unclaimed,
// and up to PARALLEL of them being read at once.
//   in:  ['read', id, file, start, end, sliceBytes]  (a new job replaces the old)
//        ['more', id, ArrayBuffer]                    (a slice was claimed; its
//                                                      buffer, given back for reuse)
//   out: ['slice', id, offset, ArrayBuffer, ms reading it] | ['failed', id]
// A slice is read from the file's byte stream into one buffer (a BYOB
// reader: no chunk is copied twice); where byte streams are missing,
// FileReaderSync reads it. BENCHMARKS.md (issue 17) has the measurements.
'use strict';
const AHEAD = 3;
const PARALLEL = 2;
let job = null;
// Buffers given back, to read later slices into: no new 16 MiB buffer
// (allocated and zeroed) for every slice.
const spare = [];

function buffer(size) {
  const i = spare.findIndex((b) => b.byteLength === size);
  return i < 0 ? new ArrayBuffer(size) : spare.splice(i, 1)[0];
}

// The byte streams being read. Chromium collects a file's stream that
// nothing else holds while a read is pending, and that read then never
// ends: the load waited 10 s for the reader and gave it up whenever the
// garbage collector ran during a read (6 loads of 9 when most slices had
// a new buffer; BENCHMARKS.md, issue 17).
const reading = new Set();

async function streamed(blob) {
  const reader = blob.stream().getReader({ mode: 'byob' });
  reading.add(reader);
  try {
    let view = new Uint8Array(buffer(blob.size));
    let at = 0;
    while (at < view.length) {
      const { value, done } = await reader.read(view.subarray(at));
      if (done) break;
      at += value.byteLength;
      view = new Uint8Array(value.buffer);
    }
    if (at !== view.length) throw new Error('the file ended early');
    return view.buffer;
  } finally {
    reading.delete(reader);
  }
}

async function read(blob) {
  try {
    return await streamed(blob);
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) {
      return new FileReaderSync().readAsArrayBuffer(blob);
    }
    throw e;
  }
}

/** Posts the slices read, in order, while the loading worker has room. */
function flush(j) {
  while (j.credit > 0 && j.ready.has(j.posted)) {
    const [bytes, ms] = j.ready.get(j.posted);
    j.ready.delete(j.posted);
    const at = j.posted;
    // Transferring the buffer empties it here: count its bytes first.
    j.posted += bytes.byteLength;
    postMessage(['slice', j.id, at, bytes, ms], [bytes]);
    j.credit -= 1;
  }
}

function pump() {
  const j = job;
  while (j && j === job && j.reading < PARALLEL && j.at < j.end &&
         j.ready.size + j.reading < j.credit) {
    const at = j.at;
    const n = Math.min(j.slice, j.end - at);
    j.at += n;
    j.reading += 1;
    const t0 = performance.now();
    read(j.file.slice(at, at + n)).then(
      (bytes) => {
        j.reading -= 1;
        if (j !== job) return;
        j.ready.set(at, [bytes, performance.now() - t0]);
        flush(j);
        pump();
      },
      () => {
        j.reading -= 1;
        if (j !== job) return;
        postMessage(['failed', j.id]);
        job = null;
      },
    );
  }
}

onmessage = (e) => {
  const m = e.data;
  if (m[0] === 'read') {
    job = { id: m[1], file: m[2], at: m[3], posted: m[3], end: m[4], slice: m[5],
            credit: AHEAD, reading: 0, ready: new Map() };
    pump();
  } else if (m[0] === 'more' && job && job.id === m[1]) {
    if (m[2] instanceof ArrayBuffer && spare.length < AHEAD) spare.push(m[2]);
    job.credit += 1;
    flush(job);
    pump();
  }
};
