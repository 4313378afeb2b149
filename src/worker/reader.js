// The loading worker's reader (a worker it starts): reads one File's byte
// range in order, slice by slice, with FileReaderSync on this thread, and
// hands each slice over (transferred, not copied) while the loading worker
// parses the slices before it. It keeps at most AHEAD slices unclaimed.
//   in:  ['read', id, file, start, end, sliceBytes]  (a new job replaces the old)
//        ['more', id]                                 (a slice was claimed)
//   out: ['slice', id, offset, ArrayBuffer, ms reading it] | ['failed', id]
'use strict';
const AHEAD = 2;
let job = null;

function pump() {
  const reader = new FileReaderSync();
  while (job && job.credit > 0 && job.at < job.end) {
    const n = Math.min(job.slice, job.end - job.at);
    let bytes;
    const t0 = performance.now();
    try {
      bytes = reader.readAsArrayBuffer(job.file.slice(job.at, job.at + n));
    } catch (e) {
      postMessage(['failed', job.id]);
      job = null;
      return;
    }
    postMessage(['slice', job.id, job.at, bytes, performance.now() - t0], [bytes]);
    job.at += n;
    job.credit -= 1;
  }
}

onmessage = (e) => {
  const m = e.data;
  if (m[0] === 'read') {
    job = { id: m[1], file: m[2], at: m[3], end: m[4], slice: m[5], credit: AHEAD };
    pump();
  } else if (m[0] === 'more' && job && job.id === m[1]) {
    job.credit += 1;
    pump();
  }
};
