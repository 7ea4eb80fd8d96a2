//! The WebAssembly skin of the Airlock engine, for the offline page (`site/`).
//!
//! It turns what the browser hands over (`File` objects, a picked folder, pasted text) into engine
//! inputs, runs [`airlock::verify::verify`] unchanged, and turns the report into a plain JS value
//! (the same JSON as `airlock verify --json`). It decides nothing about a bundle: every rule lives
//! in the engine, and the page only renders.
//!
//! Everything here runs inside the page's Web Worker: `FileReaderSync`, which reads the files in
//! slices, exists only there.
//!
//! The functions exported to JavaScript:
//! - [`verify`]: inputs + trusted keys + expected image digests (the pasted text) + a progress
//!   callback → `{ report, sha256sums }` (as JSON text in `ArrayBuffer` pieces: see
//!   [`to_json_pieces`]);
//! - [`digest`] and [`scan`] + [`Scan::finish`]: the same run split over two workers (one hashes
//!   the bundle file as stored, the other decompresses and hashes the entries), for twice the
//!   cores;
//! - [`check_one`]: one file against a pasted SHA-256, through the same engine;
//! - [`describe_key`] / [`describe_key_file`]: is this a public key, and which;
//! - [`version`], [`last_panic`].

pub mod inputs;
pub mod source;

use airlock::report::{KeySource, Report};
use airlock::verify::{self as engine, ExpectedDigest, Input, KeyInput, Options, Progress};
use js_sys::{Array, Function};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::inputs::JsInputError;

/// What the worker sends back after a run.
#[derive(Serialize)]
pub struct Outcome {
    /// The report, JSON schema 1.
    pub report: Report,
    /// The `SHA256SUMS` text of every hashed file, offered when the run had no checksum list.
    pub sha256sums: Option<String>,
}

/// Run the engine and time it (the engine has no clock on wasm32; `now` gives milliseconds).
pub fn run(
    inputs: Vec<Input>,
    trusted_keys: Vec<KeyInput>,
    progress: &mut dyn Progress,
    now: &dyn Fn() -> f64,
) -> Outcome {
    run_pinned(inputs, trusted_keys, Vec::new(), progress, now)
}

/// [`run`] with the image digests the reviewer expects (`--expect-digest`).
pub fn run_pinned(
    inputs: Vec<Input>,
    trusted_keys: Vec<KeyInput>,
    expected_digests: Vec<ExpectedDigest>,
    progress: &mut dyn Progress,
    now: &dyn Fn() -> f64,
) -> Outcome {
    let options = Options {
        trusted_keys,
        expected_digests,
        // For SSH allowed_signers lines valid only between given times.
        now: Some((now() / 1000.0).max(0.0) as u64),
        ..Options::default()
    };
    let started = now();
    let mut report = engine::verify(inputs, &options, progress);
    report.elapsed_ms = (now() - started).max(0.0).round() as u64;
    let sha256sums = inputs::sha256sums(&report);
    Outcome { report, sha256sums }
}

/// Progress reports to a JS callback `(done, total)`, at most ten times a second.
struct JsProgress<'a> {
    callback: &'a Function,
    total: u64,
    last_ms: f64,
}

impl<'a> JsProgress<'a> {
    fn new(callback: &'a Function) -> Self {
        JsProgress {
            callback,
            total: 0,
            last_ms: 0.0,
        }
    }

    fn tell(&self, done: u64) {
        // A throwing callback must not stop the verification; the page only loses a tick.
        let _ = self.callback.call2(
            &JsValue::NULL,
            &JsValue::from_f64(done as f64),
            &JsValue::from_f64(self.total as f64),
        );
    }
}

impl Progress for JsProgress<'_> {
    fn start(&mut self, total_bytes: u64) {
        self.total = total_bytes;
        self.last_ms = js_sys::Date::now();
        self.tell(0);
    }
    fn advance(&mut self, done: u64) -> bool {
        let now = js_sys::Date::now();
        if now - self.last_ms >= 100.0 {
            self.last_ms = now;
            self.tell(done);
        }
        // Cancelling is done by terminating the worker: nothing here can hear a message while
        // the engine runs.
        true
    }
}

/// A report (or any value) as a plain JS value.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // JSON text parsed by the browser's `JSON.parse`: the same plain objects and numbers as the
    // CLI's `--json` document (so `JSON.stringify` of the result is that document), and faster than
    // building them with one JS call per field.
    let text = serde_json::to_string(value).map_err(|e| cannot_hand_over(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| cannot_hand_over(&"JSON.parse failed"))
}

fn cannot_hand_over(e: &dyn std::fmt::Display) -> JsError {
    JsError::new(&format!("cannot hand the report to the page: {e}"))
}

/// An outcome as JSON text (UTF-8) in `ArrayBuffer` pieces of about 1 MiB: an `Array` that the
/// worker transfers to the page, which decodes and parses it (`site/app.js`, `outcomeOf`).
///
/// A report of 100,000 entries is ~35 MB of JSON. Built as JS objects in the worker and
/// structured-cloned to the page, it existed three times over at the hand-over (the worker's
/// objects, the message, the page's objects) and took ~0.75 s; transferred as bytes, the worker
/// keeps nothing and nothing is copied on the way. Written in pieces, the text never sits whole in
/// wasm memory (which never shrinks).
pub fn to_json_pieces<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let mut out = JsonPieces {
        pieces: Array::new(),
        buf: Vec::with_capacity(JsonPieces::PIECE),
    };
    serde_json::to_writer(&mut out, value).map_err(|e| cannot_hand_over(&e))?;
    out.flush_piece();
    Ok(out.pieces.into())
}

/// A JSON text written in pieces to a JS array of `ArrayBuffer`s.
struct JsonPieces {
    pieces: Array,
    buf: Vec<u8>,
}

impl JsonPieces {
    const PIECE: usize = 1 << 20;

    fn flush_piece(&mut self) {
        if !self.buf.is_empty() {
            self.pieces
                .push(&js_sys::Uint8Array::from(&self.buf[..]).buffer());
            self.buf.clear();
        }
    }
}

impl std::io::Write for JsonPieces {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= Self::PIECE {
            self.flush_piece();
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn js_err(e: JsInputError) -> JsError {
    JsError::new(&e.to_string())
}

fn options(trusted: &Array, expected: &str) -> Result<Options, JsError> {
    Ok(Options {
        trusted_keys: inputs::trusted_keys_from_js(trusted).map_err(js_err)?,
        expected_digests: inputs::expected_digests(expected).map_err(js_err)?,
        // For SSH allowed_signers lines valid only between given times.
        now: Some((js_sys::Date::now() / 1000.0).max(0.0) as u64),
        ..Options::default()
    })
}

fn run_js(
    inputs: Vec<Input>,
    trusted: Array,
    expected: &str,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let keys = inputs::trusted_keys_from_js(&trusted).map_err(js_err)?;
    let expected = inputs::expected_digests(expected).map_err(js_err)?;
    let mut progress = JsProgress::new(progress);
    let outcome = run_pinned(inputs, keys, expected, &mut progress, &js_sys::Date::now);
    progress.tell(outcome.report.bytes_read);
    to_json_pieces(&outcome)
}

/// Stage one of a split run, for a second worker: the bundle file's SHA-256 and the detached
/// signatures over it, read without decompressing. Same arguments as [`verify`]; returns the
/// digest (a plain object to hand to [`Scan::finish`]), or `null` when there is no archive.
#[wasm_bindgen]
pub fn digest(
    inputs: Array,
    trusted: Array,
    expected: &str,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let inputs = inputs::inputs_from_js(&inputs).map_err(js_err)?;
    let options = options(&trusted, expected)?;
    let mut progress = JsProgress::new(progress);
    let digest = engine::digest_bundle(inputs, &options, &mut progress);
    progress.tell(progress.total);
    match digest {
        Some(d) => to_js(&d),
        None => Ok(JsValue::NULL),
    }
}

/// Stage two of a split run: everything but the bundle file's digest, waiting for it.
#[wasm_bindgen]
pub struct Scan {
    pending: Option<engine::Pending>,
    started: f64,
}

#[wasm_bindgen]
impl Scan {
    /// True when the report needs the digest from [`digest`] (the inputs hold an archive).
    pub fn needs_digest(&self) -> bool {
        self.pending.as_ref().is_some_and(|p| p.needs_digest())
    }

    /// Judge and report with the digest from the other worker (`null` when it could not be
    /// had: the report then says the check is incomplete). Returns `{ report, sha256sums }` as
    /// [`to_json_pieces`].
    pub fn finish(&mut self, digest: JsValue) -> Result<JsValue, JsError> {
        let digest = if digest.is_null() || digest.is_undefined() {
            None
        } else {
            Some(
                serde_wasm_bindgen::from_value::<engine::FileDigest>(digest)
                    .map_err(|e| JsError::new(&format!("bad digest from the other worker: {e}")))?,
            )
        };
        let pending = self
            .pending
            .take()
            .ok_or_else(|| JsError::new("this scan is already finished"))?;
        let mut report = pending.finish(digest);
        report.elapsed_ms = (js_sys::Date::now() - self.started).max(0.0).round() as u64;
        let sha256sums = inputs::sha256sums(&report);
        to_json_pieces(&Outcome { report, sha256sums })
    }
}

/// Start stage two of a split run. Same arguments as [`verify`].
#[wasm_bindgen]
pub fn scan(
    inputs: Array,
    trusted: Array,
    expected: &str,
    progress: &Function,
) -> Result<Scan, JsError> {
    let inputs = inputs::inputs_from_js(&inputs).map_err(js_err)?;
    let options = options(&trusted, expected)?;
    let started = js_sys::Date::now();
    let mut progress = JsProgress::new(progress);
    let pending = engine::scan_contents(inputs, &options, &mut progress);
    progress.tell(progress.total);
    Ok(Scan {
        pending: Some(pending),
        started,
    })
}

/// Verify what the reviewer handed over.
///
/// `inputs`: each a `File`, or `{ folder: [{ path, file }] }` for a picked or dropped folder
/// (`path` is the `webkitRelativePath`, starting with the folder's name).
/// `trusted`: each `{ source: "pinned" | "session", origin, text }`, `{ source, origin, bytes }`
/// (a Uint8Array: pinned keys, which may be binary OpenPGP keyrings) or `{ source, origin, file }`.
/// Keys that are not trusted go in `inputs`, like any other file.
/// `expected`: the text of the page's expected image digests field, one `sha256:…` per line
/// ([`inputs::expected_digests`]; a malformed line is an error naming it, and nothing runs).
/// `progress(done, total)` is called while the inputs are read.
/// Returns `{ report, sha256sums }` as JSON text in pieces ([`to_json_pieces`]).
#[wasm_bindgen]
pub fn verify(
    inputs: Array,
    trusted: Array,
    expected: &str,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let inputs = inputs::inputs_from_js(&inputs).map_err(js_err)?;
    run_js(inputs, trusted, expected, progress)
}

/// Check one file against a SHA-256 the reviewer pasted (64 hex digits, or a `sha256sum` line).
/// The engine does the comparison, given a one-line checksum list naming the file.
#[wasm_bindgen]
pub fn check_one(
    file: web_sys::File,
    expected: &str,
    trusted: Array,
    progress: &Function,
) -> Result<JsValue, JsError> {
    let list = inputs::pasted_list(&file.name(), expected).map_err(js_err)?;
    let name = file.name();
    let inputs = vec![
        Input::File(Box::new(source::blob_source(name, file.into()))),
        Input::File(Box::new(list)),
    ];
    run_js(inputs, trusted, "", progress)
}

/// `null` when every line of the page's expected image digests field is a digest, else
/// `{ line, message: { id, params } }` for the first malformed line (the page says it in its
/// language and starts no run).
#[wasm_bindgen]
pub fn expected_digests_problem(text: &str) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Problem {
        line: usize,
        message: airlock::i18n::Message,
    }
    match inputs::expected_digests_problem(text) {
        Some((line, message)) => to_js(&Problem { line, message }),
        None => Ok(JsValue::NULL),
    }
}

/// `{ key_id, format, public_key }` for the first key of a key file of any kind (minisign, signify,
/// SSH, OpenPGP armored or binary, or a bare minisign/signify key string as bytes), `null` when
/// `bytes` hold no public key.
#[wasm_bindgen]
pub fn describe_key(bytes: &[u8]) -> Result<JsValue, JsError> {
    match inputs::describe_key_bytes(bytes) {
        Some(d) => to_js(&d),
        None => Ok(JsValue::NULL),
    }
}

/// [`describe_key`] for a dropped file (files larger than a key file are not keys).
#[wasm_bindgen]
pub fn describe_key_file(file: web_sys::File) -> Result<JsValue, JsError> {
    match inputs::read_small_bytes(&source::blob_source(file.name(), file.into())) {
        Ok(Some(bytes)) => match inputs::describe_key_bytes(&bytes) {
            Some(d) => to_js(&d),
            None => Ok(JsValue::NULL),
        },
        Ok(None) => Ok(JsValue::NULL),
        Err(e) => Err(js_err(e)),
    }
}

/// Bytes of wasm linear memory this worker's instance holds (it only ever grows): a check that a
/// run's memory does not grow with the bundle's size.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// `airlock X.Y.Z`.
#[wasm_bindgen]
pub fn version() -> String {
    airlock::TOOL.to_string()
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The message of the last panic, if the engine panicked (the worker is then unusable and the
/// page starts a new one).
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(text));
    }));
}

/// The [`KeySource`] names the page uses (`pinned`, `session`).
pub fn key_source(name: &str) -> Option<KeySource> {
    match name {
        "pinned" => Some(KeySource::Pinned),
        "session" => Some(KeySource::Session),
        _ => None,
    }
}
