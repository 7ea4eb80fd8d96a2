'use strict';
/* global wasm_bindgen */
// The page's worker. scripts/build.sh puts wasm-bindgen's glue (--target no-modules) in front of
// this file and the page starts it from a Blob URL. It only passes messages to and from the wasm
// skin (wasm/src/lib.rs); the engine does every check.
//
// Page -> worker: { type, id, ... }
//   init        { wasm: WebAssembly.Module | bytes }       -> ready { tool }
//   describe    { files: File[] }                          -> result { value: (key | null)[] }
//   describe-text { texts: string[] }                      -> result { value: ({ key } | { error })[] }
//   verify      { inputs, trusted }                        -> progress*, result { json }
//   check-one   { file, sha, trusted }                     -> progress*, result { json }
// A run split over two workers (one hashes the bundle file, the other reads its content):
//   digest      { inputs, trusted }                        -> progress*, result { value: digest | null }
//   scan        { inputs, trusted }                        -> progress*, then result { json }
//                                                             or needs-digest, answered by:
//   finish      { digest }  (same id as the scan)          -> result { json }
// result { json }: the outcome { report, sha256sums } as JSON text, UTF-8, in ArrayBuffer pieces
// that are transferred (not copied) to the page, which parses them. Results of a run (verify,
// check-one, digest, finish) also give wasm_bytes, the worker's wasm memory at the end.
// Requests that arrive before init wait for it. Any request may answer failure { message, panic,
// fatal } instead (panic: the engine's panic message, which the page words in its language);
// after a fatal one the page starts a new worker. describe-text answers { not_key: true } for a
// text that is no public key (the page words that too).

let ready = false;
const early = []; // requests that came before init
const scans = new Map(); // id -> Scan waiting for the other worker's digest

function failure(id, error) {
  let panic = null;
  if (ready) {
    try { panic = wasm_bindgen.last_panic() || null; } catch (_) { panic = null; }
  }
  const message = String((error && error.message) || error);
  const fatal = Boolean(panic) || (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError);
  self.postMessage({ type: 'failure', id, message, panic, fatal });
}

function outcome(id, pieces) {
  self.postMessage({ type: 'result', id, json: pieces, wasm_bytes: wasm_bindgen.memory_bytes() }, pieces);
}

function progress(id) {
  return (done, total) => self.postMessage({ type: 'progress', id, done, total });
}

self.onmessage = (event) => {
  const m = event.data;
  if (!ready && m.type !== 'init') {
    early.push(m);
    return;
  }
  handle(m);
  if (m.type === 'init' && ready) for (const e of early.splice(0)) handle(e);
};

function handle(m) {
  try {
    switch (m.type) {
      case 'init':
        wasm_bindgen.initSync({ module: m.wasm });
        ready = true;
        self.postMessage({ type: 'ready', id: m.id, tool: wasm_bindgen.version() });
        break;
      case 'describe':
        self.postMessage({ type: 'result', id: m.id, value: m.files.map((f) => wasm_bindgen.describe_key_file(f)) });
        break;
      case 'describe-text':
        self.postMessage({
          type: 'result',
          id: m.id,
          value: m.texts.map((t) => {
            try {
              const key = wasm_bindgen.describe_key(t);
              return key ? { key } : { not_key: true };
            } catch (e) {
              return { error: String((e && e.message) || e) };
            }
          }),
        });
        break;
      case 'verify':
        outcome(m.id, wasm_bindgen.verify(m.inputs, m.trusted, progress(m.id)));
        break;
      case 'digest':
        self.postMessage({
          type: 'result',
          id: m.id,
          value: wasm_bindgen.digest(m.inputs, m.trusted, progress(m.id)),
          wasm_bytes: wasm_bindgen.memory_bytes(),
        });
        break;
      case 'scan': {
        const scan = wasm_bindgen.scan(m.inputs, m.trusted, progress(m.id));
        if (scan.needs_digest()) {
          scans.set(m.id, scan);
          self.postMessage({ type: 'needs-digest', id: m.id });
        } else {
          const pieces = scan.finish(null);
          scan.free();
          outcome(m.id, pieces);
        }
        break;
      }
      case 'finish': {
        const scan = scans.get(m.id);
        scans.delete(m.id);
        if (!scan) throw new Error('no scan is waiting for this digest');
        const pieces = scan.finish(m.digest === undefined ? null : m.digest);
        scan.free();
        outcome(m.id, pieces);
        break;
      }
      case 'check-one':
        outcome(m.id, wasm_bindgen.check_one(m.file, m.sha, m.trusted, progress(m.id)));
        break;
      default:
        throw new Error('unknown request ' + m.type);
    }
  } catch (e) {
    failure(m.id, e);
  }
}
