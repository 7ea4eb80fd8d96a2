'use strict';
// The Airlock page: moves files to the worker and renders the report it sends back. It holds no
// verification rule: the engine (Rust, in the worker as WebAssembly) decides everything, and the
// report is the JSON document `airlock verify --json` prints.
//
// Every name, comment and message in a report may come from an attacker: it reaches the page
// through textContent only (never innerHTML), with control and bidi characters made visible.
(function () {
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- text and formatting

  // C0/C1 controls, DEL, and the invisible or direction-changing characters that can make one
  // name look like another.
  const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

  const HIDDEN_ONE = new RegExp(HIDDEN.source);
  const ESCAPES = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e' };
  function escapeChar(c) {
    const n = c.charCodeAt(0);
    return ESCAPES[n] || '\\u{' + n.toString(16).toUpperCase() + '}';
  }

  /** Attacker-controlled text as a plain string, hidden characters escaped (\n, \u{202E}). */
  function visible(value) {
    return String(value).replace(HIDDEN, escapeChar);
  }

  /**
   * Attacker-controlled text as DOM nodes: text nodes, with every hidden character shown as a
   * highlighted escape (so a real newline cannot pass for the two characters "\n").
   */
  function visibleNodes(value) {
    const s = String(value);
    if (!HIDDEN_ONE.test(s)) return [s];
    const out = [];
    let last = 0;
    for (const m of s.matchAll(HIDDEN)) {
      if (m.index > last) out.push(s.slice(last, m.index));
      const span = document.createElement('span');
      span.className = 'ctl';
      span.textContent = escapeChar(m[0]);
      span.title = 'hidden character U+' + m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') + ' in the original';
      out.push(span);
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  }

  /** Make an element. `text` is attacker-safe text (textContent, hidden characters shown). */
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.append(...visibleNodes(v));
        else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') e.setAttribute(k, v);
        else e[k] = v;
      }
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function setText(node, value) {
    node.replaceChildren(...visibleNodes(value));
  }

  const intFmt = new Intl.NumberFormat('en');
  function fmtInt(n) {
    return intFmt.format(n);
  }
  function fmtBytes(n) {
    if (n < 1000) return fmtInt(n) + (n === 1 ? ' byte' : ' bytes');
    const units = ['kB', 'MB', 'GB', 'TB'];
    let v = n;
    let u = -1;
    do {
      v /= 1000;
      u += 1;
    } while (v >= 1000 && u < units.length - 1);
    return (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ' + units[u];
  }
  function fmtSeconds(s) {
    if (!isFinite(s)) return '';
    if (s < 1) return 'under a second';
    if (s < 90) return Math.round(s) + ' s';
    if (s < 5400) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }
  function plural(n, one, many) {
    return fmtInt(n) + ' ' + (n === 1 ? one : many);
  }

  function b64Bytes(text) {
    const bin = atob(text.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function b64Text(text) {
    return new TextDecoder().decode(b64Bytes(text));
  }

  function safeFileName(name) {
    const base = String(name || 'bundle').split('/').pop().replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
    return base.slice(0, 80) || 'bundle';
  }

  function download(name, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ---------------------------------------------------------------- labels

  const VERDICT = {
    verified: 'Verified',
    failed: 'Failed — do not use this bundle',
    unsigned: 'Unsigned — integrity only',
    error: 'Could not verify',
  };
  const STATUS = {
    ok: ['\u2713', 'OK', 'ok'],
    mismatch: ['\u2717', 'Hash mismatch', 'bad'],
    missing: ['\u2717', 'Missing', 'bad'],
    extra: ['\u2717', 'Not in the list', 'bad'],
    problem: ['\u2717', 'Problem', 'bad'],
    unchecked: ['?', 'Not checked', 'warn'],
    meta: ['\u2022', 'List or signature', 'neutral'],
    structure: ['\u2022', 'Folder or link', 'neutral'],
  };
  const STATUS_RANK = { problem: 0, mismatch: 1, missing: 2, extra: 3, unchecked: 4, ok: 5, meta: 6, structure: 7 };
  const PROBLEM_STATUS = new Set(['problem', 'mismatch', 'missing', 'extra']);
  const SEVERITY = {
    error: ['\u2717', 'Error'],
    problem: ['\u2717', 'Problem'],
    warning: ['\u26a0', 'Warning'],
    info: ['\u2139', 'Note'],
  };
  const KEY_SOURCE = {
    pinned: 'pinned in this page',
    'command-line': 'given with --trusted-key',
    session: 'session key, not pinned in this page',
    input: 'handed over with the files, not trusted',
  };
  const SIG_STATUS = {
    valid: ['ok', 'Valid, by a trusted key'],
    'valid-untrusted': ['bad', 'Valid, but the key is not trusted'],
    'unknown-key': ['bad', 'Signed by an unknown key'],
    invalid: ['bad', 'BAD SIGNATURE: does not verify'],
    unmatched: ['warn', 'The file it covers was not found'],
  };
  const SIG_FORMAT = { minisign: 'minisign', signify: 'signify', 'signify-embedded': 'signify, list embedded' };
  const ROLE = {
    bundle: 'bundle',
    directory: 'folder',
    'checksum-list': 'checksum list',
    'minisign-signature': 'minisign signature',
    'signify-signature': 'signify signature',
    'signify-embedded': 'signify signed list',
    'minisign-key': 'minisign public key',
    'signify-key': 'signify public key',
    file: 'file',
  };
  const KIND = {
    file: 'file',
    directory: 'folder',
    symlink: 'symbolic link',
    hardlink: 'hard link',
    'char-device': 'character device',
    'block-device': 'block device',
    fifo: 'FIFO',
    other: 'other',
  };

  // ---------------------------------------------------------------- state

  const state = {
    wasm: null, // Uint8Array of the module
    module: null, // Promise of the compiled WebAssembly.Module (or of the bytes, if it cannot be)
    // Two workers when the machine has two cores: `main` reads the bundle's content, `aux` hashes
    // the bundle file as stored, at the same time (the engine's split run).
    workers: { main: null, aux: null },
    urls: [],
    nextId: 1,
    pending: new Map(), // id -> { resolve, reject, onProgress, onNeedsDigest }
    lastFatal: null,
    pinned: [], // { origin, text, key, error }
    build: null, // { version, commit, wasm_sha256, rustc }: what scripts/build.sh stated
    items: [], // { kind: 'file', file, key, trust } | { kind: 'folder', name, members, size }
    expectedUsed: '', // the expected digests field as the last run read it
    run: null, // { total, done, started, samples: [[t, done]] }
    report: null,
    sums: null,
    finishedAt: null,
    title: '',
  };

  // ---------------------------------------------------------------- workers

  class Cancelled extends Error {}

  function newWorker(text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    state.urls.push(url);
    const worker = new Worker(url);
    worker.onmessage = (event) => onWorkerMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      fatal('The verifier could not start: ' + (event.message || 'worker error') + '.');
    };
    return worker;
  }

  function startWorker(which, text) {
    const worker = newWorker(text);
    state.workers[which] = worker;
    // The workers share one compiled module (and the optimised code V8 makes of it as it runs)
    // rather than each compiling the bytes; requests sent meanwhile wait in the worker for init.
    state.module.then((wasm) => {
      if (state.workers[which] !== worker) return;
      call('init', { wasm }, null, which).then(
        (v) => setText($('tool-version'), v.tool),
        (e) => {
          if (!(e instanceof Cancelled)) fatal('The verifier could not start: ' + e.message);
        },
      );
    });
  }

  function workerText() {
    return b64Text($('airlock-worker').textContent);
  }

  function startWorkers() {
    const text = workerText();
    startWorker('main', text);
    // One core: one worker does the whole run.
    if ((navigator.hardwareConcurrency || 1) >= 2) startWorker('aux', text);
  }

  // Requests whose worker is replaced by a fresh one once they have answered.
  const RUNS = new Set(['verify', 'check-one', 'digest', 'scan']);

  /**
   * Replace a worker that has finished its part of a run by a fresh one. A worker keeps what a run
   * made it grow: wasm memory never shrinks (~70 MB after 100,000 entries) and its JS heap holds
   * the run's garbage until its collector gets round to it. Done as soon as its answer arrives
   * (the outcome was transferred, not shared), so that memory is being given back while the page
   * parses and draws the report, not on top of it. A fresh worker starts at a few MB.
   */
  function recycleWorker(which) {
    const w = state.workers[which];
    if (!w || [...state.pending.values()].some((p) => p.which === which)) return;
    w.terminate();
    startWorker(which, workerText());
  }

  function stopWorkers() {
    for (const w of Object.values(state.workers)) if (w) w.terminate();
    for (const url of state.urls) URL.revokeObjectURL(url);
    state.workers = { main: null, aux: null };
    state.urls = [];
    for (const p of state.pending.values()) p.reject(new Cancelled('cancelled'));
    state.pending.clear();
  }

  function restartWorkers() {
    stopWorkers();
    startWorkers();
    describePinned().catch(() => {});
  }

  function call(type, payload, onProgress, which = 'main', onNeedsDigest = null) {
    const id = state.nextId++;
    if (!state.workers[which]) return Promise.reject(new Error('the verifier is not running'));
    return new Promise((resolve, reject) => {
      state.pending.set(id, { resolve, reject, onProgress, onNeedsDigest, which, type });
      state.workers[which].postMessage(Object.assign({ type, id }, payload));
    });
  }

  /** A run's outcome from the JSON text pieces a worker transferred (see site/worker.js). */
  function outcomeOf(pieces) {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let text = '';
    for (const piece of pieces) text += decoder.decode(piece, { stream: true });
    text += decoder.decode();
    return JSON.parse(text);
  }

  function onWorkerMessage(m) {
    const p = state.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      if (p.onProgress) p.onProgress(m.done, m.total);
      return;
    }
    if (m.type === 'needs-digest') {
      if (p.onNeedsDigest) p.onNeedsDigest(m.id);
      return;
    }
    state.pending.delete(m.id);
    // Each worker's wasm memory after a run, for scripts/bench-page.js (it only ever grows).
    if (m.wasm_bytes) document.documentElement.dataset['wasmMb' + p.which] = String(Math.round(m.wasm_bytes / 1048576));
    if (m.type === 'ready') p.resolve({ tool: m.tool });
    else if (m.type === 'result') {
      if (RUNS.has(p.type)) recycleWorker(p.which);
      try {
        p.resolve(m.json ? outcomeOf(m.json) : m.value);
      } catch (e) {
        p.reject(e);
      }
    } else {
      const err = new Error(m.message);
      err.fatal = m.fatal;
      p.reject(err);
      if (m.fatal) {
        // The wasm instance is unusable after a panic: start afresh. A run still waiting on the
        // other worker is told why it stopped.
        state.lastFatal = m.message;
        restartWorkers();
      }
    }
  }

  // ---------------------------------------------------------------- provenance

  /** What scripts/build.sh stated about this page: { version, commit, wasm_sha256, rustc }. */
  function loadBuild() {
    let b = {};
    try {
      b = JSON.parse($('airlock-build').textContent || '{}');
    } catch (_) {
      b = {};
    }
    const field = (k) => String(b[k] || 'unknown');
    return { version: field('version'), commit: field('commit'), wasm_sha256: field('wasm_sha256'), rustc: field('rustc') };
  }

  /** The page's provenance as it goes into an exported report. */
  function pageProvenance() {
    return {
      version: state.build.version,
      commit: state.build.commit,
      wasm_sha256: state.build.wasm_sha256,
      rustc: state.build.rustc,
      pinned_keys: state.pinned.map((p) => (p.key ? p.key.key_id : (p.error ? 'unreadable: ' : 'not read yet: ') + p.origin)),
    };
  }

  function pinnedIds() {
    if (!state.pinned.length) return 'none';
    return state.pinned.map((p) => (p.key ? p.key.key_id : p.error ? 'unreadable (' + p.origin + ')' : '…')).join(', ');
  }

  /** The footer: version, source commit, wasm module SHA-256, pinned key IDs. */
  function renderProvenance() {
    const b = state.build;
    const box = $('provenance');
    box.replaceChildren(
      'This page: airlock ' + b.version + ' · source commit ',
      el('code', { text: b.commit }),
      ' · wasm module SHA-256 ',
      el('code', { text: b.wasm_sha256 }),
      ' (' + b.rustc + ')',
      ' · pinned keys: ',
      el('code', { text: pinnedIds() }),
    );
  }

  /**
   * The module's SHA-256 as the page computes it must be the one the build stated (a damaged page
   * stops here). Where the browser offers no SHA-256 to this page, the stated value is shown as is.
   */
  async function checkWasmDigest() {
    if (!(window.crypto && crypto.subtle)) return;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', state.wasm));
    const hex = Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
    if (hex !== state.build.wasm_sha256) {
      throw new Error('its wasm module has SHA-256 ' + hex + ', not the ' + state.build.wasm_sha256 + ' it states. This page is damaged; get a good copy');
    }
    $('provenance').dataset.wasmChecked = 'true';
  }

  // ---------------------------------------------------------------- pinned and session keys

  function loadPinned() {
    let list = [];
    try {
      list = JSON.parse($('airlock-pinned').textContent || '[]');
    } catch (_) {
      list = [];
    }
    state.pinned = list.map((k) => ({ origin: b64Text(k.origin), text: b64Text(k.text), key: null, error: null }));
    renderPinned();
    renderProvenance();
    return describePinned();
  }

  /** Key IDs of the pinned keys, for display (the engine gets the keys themselves). */
  function describePinned() {
    if (!state.pinned.some((p) => !p.key && !p.error)) return Promise.resolve();
    return call('describe-text', { texts: state.pinned.map((p) => p.text) }).then((answers) => {
      answers.forEach((a, i) => {
        state.pinned[i].key = a.key || null;
        state.pinned[i].error = a.error || null;
      });
      renderPinned();
      renderProvenance();
    });
  }

  function trustedKeys() {
    // Every pinned key goes to the engine; one that cannot be decoded makes the run an error.
    const keys = state.pinned.map((p) => ({ source: 'pinned', origin: p.origin, text: p.text }));
    for (const item of state.items) {
      if (item.kind === 'file' && item.key && item.trust) keys.push({ source: 'session', origin: item.file.name, file: item.file });
    }
    return keys;
  }

  function renderPinned() {
    const list = $('pinned-keys');
    list.replaceChildren();
    const summary = $('pinned-summary');
    if (!state.pinned.length) {
      summary.textContent =
        'This page has no pinned keys. A public key handed over with the bundle is listed below with its ID, ' +
        'but not trusted: a key on the same stick as the bundle proves nothing. Compare its ID with the one the ' +
        'release engineer published, and only then switch it on; the report then says “session key, not pinned in this page”.';
      return;
    }
    summary.textContent =
      'This page trusts ' + (state.pinned.length === 1 ? 'this key' : 'these keys') + ', built into it when it was made:';
    for (const p of state.pinned) {
      const li = el('li');
      if (p.key) {
        li.append(
          el('div', null, el('span', { class: 'key-id', text: p.key.key_id }), ' ', el('span', { class: 'badge ok', text: 'pinned' }), ' ', el('span', { class: 'muted', text: p.key.format })),
          el('div', { class: 'origin', text: p.origin }),
        );
      } else if (p.error) {
        li.append(el('div', { class: 'bad-key', text: 'A pinned key cannot be read (' + p.origin + '): ' + p.error + '. This page is damaged; get a good copy.' }));
      } else {
        li.append(el('div', { class: 'muted', text: 'Reading pinned key ' + p.origin + '…' }));
      }
      list.append(li);
    }
  }

  function renderSessionKeys() {
    const list = $('session-keys');
    list.replaceChildren();
    const keys = state.items.filter((i) => i.kind === 'file' && i.key);
    const summary = $('session-summary');
    if (!keys.length) {
      summary.hidden = false;
      return;
    }
    summary.hidden = true;
    keys.forEach((item, n) => {
      const id = 'trust-' + n;
      const box = el('input', { type: 'checkbox', id, role: 'switch', checked: item.trust });
      box.addEventListener('change', () => {
        item.trust = box.checked;
        renderSessionKeys();
        verifyNow();
      });
      list.append(
        el(
          'li',
          null,
          el('div', null, el('span', { class: 'key-id', text: item.key.key_id }), ' ', el('span', { class: item.trust ? 'badge warn' : 'badge neutral', text: item.trust ? 'trusted this session' : 'not trusted' }), ' ', el('span', { class: 'muted', text: item.key.format })),
          el('div', { class: 'origin', text: item.file.name }),
          el('label', { class: 'switch', htmlFor: id }, box, 'Trust this key for this session'),
        ),
      );
    });
  }

  // ---------------------------------------------------------------- inputs

  function itemKey(file) {
    return [file.name, file.size, file.lastModified, file.webkitRelativePath || ''].join('\u0000');
  }

  async function addInputs(files, folders) {
    const known = new Set(state.items.filter((i) => i.kind === 'file').map((i) => itemKey(i.file)));
    const fresh = [];
    for (const file of files) {
      const k = itemKey(file);
      if (known.has(k)) continue;
      known.add(k);
      const item = { kind: 'file', file, key: null, trust: false };
      state.items.push(item);
      fresh.push(item);
    }
    for (const members of folders) {
      if (!members.length) continue;
      const name = members[0].path.replace(/^\/+/, '').split('/')[0];
      const size = members.reduce((s, m) => s + m.file.size, 0);
      state.items.push({ kind: 'folder', name, members, size });
    }
    if (state.run) abortRun();
    renderInputs();
    if (fresh.length) {
      try {
        const keys = await call('describe', { files: fresh.map((i) => i.file) });
        keys.forEach((k, i) => {
          fresh[i].key = k;
          // A dropped key travelled with the bundle, so it may be the attacker's: on every page,
          // pinned keys or not, it is listed with its ID and trusted only when the reviewer
          // switches it on (SECURITY.md, section 2).
          fresh[i].trust = false;
        });
      } catch (e) {
        if (e instanceof Cancelled) return;
      }
    }
    renderInputs();
    renderSessionKeys();
    verifyNow();
  }

  function removeItem(item) {
    state.items = state.items.filter((i) => i !== item);
    renderInputs();
    renderSessionKeys();
    verifyNow();
  }

  function clearAll() {
    if (state.run) abortRun();
    state.items = [];
    renderInputs();
    renderSessionKeys();
    resetResult();
  }

  function renderInputs() {
    const list = $('input-list');
    list.replaceChildren();
    const roles = reportRoles();
    for (const item of state.items) {
      let what;
      let name;
      if (item.kind === 'folder') {
        name = item.name + '/';
        what = 'folder, ' + plural(item.members.length, 'file', 'files') + ', ' + fmtBytes(item.size);
      } else {
        name = item.file.name;
        const role = roles.take(item.file.name);
        const kind = item.key ? 'public key ' + item.key.key_id : role ? ROLE[role] || role : '';
        what = [kind, fmtBytes(item.file.size)].filter(Boolean).join(', ');
      }
      const remove = el('button', { type: 'button', title: 'Remove', 'aria-label': 'Remove ' + visible(name) }, '\u00d7');
      remove.addEventListener('click', () => removeItem(item));
      list.append(el('li', null, el('span', { class: 'name', text: name, title: visible(name) }), el('span', { class: 'what', text: what }), remove));
    }
    $('clear').disabled = state.items.length === 0;
  }

  /** Roles the last report gave the inputs, looked up by name. */
  function reportRoles() {
    const byName = new Map();
    for (const input of (state.report && state.report.inputs) || []) {
      if (!byName.has(input.name)) byName.set(input.name, []);
      byName.get(input.name).push(input.role);
    }
    return { take: (name) => (byName.get(name) || []).shift() };
  }

  // ---------------------------------------------------------------- runs

  function verifyNow() {
    if (state.run) abortRun();
    if (!state.items.length) {
      resetResult();
      return;
    }
    const inputs = [];
    for (const item of state.items) {
      if (item.kind === 'folder') inputs.push({ folder: item.members });
      else if (!(item.key && item.trust)) inputs.push(item.file);
    }
    state.title = '';
    // The expected digests go to the wasm skin as typed: the engine reads them (and refuses a
    // malformed one, naming its line).
    state.expectedUsed = $('expected-digests').value;
    startRun('verify', { inputs, trusted: trustedKeys(), expected: state.expectedUsed });
  }

  function checkOne(file, sha) {
    if (state.run) abortRun();
    state.title = 'Single file: ';
    startRun('check-one', { file, sha, trusted: trustedKeys() });
  }

  function startRun(type, payload) {
    const run = { total: 0, done: 0, started: performance.now(), samples: [], parts: {} };
    state.run = run;
    state.report = null;
    state.sums = null;
    state.lastFatal = null;
    showWorking();
    // Progress of each worker; the run is as far as the slower one.
    const onPart = (part) => (done, total) => {
      if (state.run !== run) return;
      run.parts[part] = { done, total };
      const parts = Object.values(run.parts);
      const fraction = Math.min(...parts.map((p) => (p.total ? p.done / p.total : 1)));
      run.total = (run.parts.main || run.parts.aux).total;
      run.done = Math.round(fraction * run.total);
      showProgress(run);
    };
    let result;
    if (type === 'verify' && state.workers.aux) {
      // Split run: the other worker hashes the bundle file while this one reads its content.
      const digest = call('digest', payload, onPart('aux'), 'aux').catch(() => null);
      result = call('scan', payload, onPart('main'), 'main', (id) =>
        digest.then((d) => {
          if (state.pending.has(id)) state.workers.main.postMessage({ type: 'finish', id, digest: d });
        }),
      );
    } else {
      result = call(type, payload, onPart('main'));
    }
    result.then(
      (outcome) => {
        if (state.run !== run) return;
        state.run = null;
        showOutcome(outcome);
      },
      (e) => {
        // Cancelled by the reviewer (state.run is no longer this run): nothing to say.
        if (state.run !== run) return;
        state.run = null;
        showMessage('error', VERDICT.error, e instanceof Cancelled ? state.lastFatal || 'The verifier stopped.' : e.message);
      },
    );
  }

  /** Stop the work in progress: the worker is terminated, so the engine really stops. */
  function abortRun() {
    state.run = null;
    restartWorkers();
    $('progress').hidden = true;
  }

  function cancel() {
    if (!state.run) return;
    abortRun();
    showMessage('error', 'Cancelled — nothing was verified', 'You stopped the check before it finished, so nothing has been verified.');
  }

  function showWorking() {
    const v = $('verdict');
    v.dataset.verdict = '';
    setText($('verdict-title'), 'Checking…');
    $('verdict-trust').hidden = true;
    setText($('verdict-reason'), 'Reading every byte and comparing it with the checksum list. Nothing leaves this computer.');
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
    hideDetails();
    $('progress').hidden = false;
    $('progress-bar').value = 0;
    $('progress-text').textContent = 'Starting…';
  }

  function showProgress(run) {
    const now = performance.now();
    run.samples.push([now, run.done]);
    while (run.samples.length > 2 && now - run.samples[0][0] > 3000) run.samples.shift();
    const [t0, d0] = run.samples[0];
    const rate = now > t0 ? ((run.done - d0) * 1000) / (now - t0) : 0;
    const bar = $('progress-bar');
    bar.max = Math.max(run.total, 1);
    bar.value = Math.min(run.done, run.total);
    const parts = [fmtBytes(run.done) + ' of ' + fmtBytes(run.total)];
    if (rate > 0 && run.samples.length > 1) {
      parts.push(fmtBytes(rate) + '/s');
      const left = (run.total - run.done) / rate;
      parts.push(run.done >= run.total ? 'finishing' : 'about ' + fmtSeconds(left) + ' left');
    }
    $('progress-text').textContent = parts.join(' · ');
  }

  function resetResult() {
    state.report = null;
    state.sums = null;
    $('progress').hidden = true;
    const v = $('verdict');
    v.dataset.verdict = '';
    $('verdict-title').textContent = 'Nothing checked yet';
    $('verdict-trust').hidden = true;
    $('verdict-reason').textContent = 'Drop a bundle, or choose files, to check it against its signed checksum list.';
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
    hideDetails();
  }

  function hideDetails() {
    $('details').hidden = true;
    $('findings-panel').hidden = true;
    $('images-panel').hidden = true;
    $('gomod-panel').hidden = true;
    $('entries-panel').hidden = true;
    table.setEntries([], []);
  }

  /** A verdict the page states itself: only for a run that produced no report (failure, cancel). */
  function showMessage(verdict, title, reason) {
    $('progress').hidden = true;
    const v = $('verdict');
    v.dataset.verdict = verdict;
    setText($('verdict-title'), title);
    setText($('verdict-reason'), reason);
    $('verdict-trust').hidden = true;
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
  }

  function fatal(message) {
    state.run = null;
    showMessage('error', 'The verifier cannot run', message);
  }

  // ---------------------------------------------------------------- the report

  function showOutcome(outcome) {
    const r = outcome.report;
    state.report = r;
    state.sums = outcome.sha256sums || null;
    state.finishedAt = new Date();
    $('progress').hidden = true;

    const v = $('verdict');
    const title = state.title && r.verdict === 'failed' ? 'Failed — do not use this file' : VERDICT[r.verdict] || r.verdict;
    setText($('verdict-title'), state.title + title);
    setText($('verdict-reason'), r.reason);
    const session = r.verdict === 'verified' ? r.signatures.filter((s) => s.status === 'valid' && s.key_source === 'session') : [];
    $('verdict-trust').hidden = !session.length;
    setText(
      $('verdict-trust'),
      session.length
        ? 'Trusted because you switched on a session key, not pinned in this page: ' + session.map((s) => s.key_id).join(', ') + '. Make sure it is the release engineer’s key.'
        : '',
    );
    $('verdict-counts').textContent = countsLine(r);
    $('verdict-actions').hidden = false;
    $('save-sums').hidden = !state.sums;
    v.dataset.verdict = r.verdict;

    renderBundle(r);
    renderSignatures(r);
    renderFindings(r);
    renderImages(r);
    renderGoModules(r);
    table.setEntries(r.entries, r.findings);
    $('entries-panel').hidden = r.entries.length === 0;
    renderInputs();
  }

  function countsLine(r) {
    const c = r.counts;
    const parts = [plural(c.entries, 'entry', 'entries'), fmtInt(c.ok) + ' OK'];
    if (c.mismatch) parts.push(fmtInt(c.mismatch) + ' mismatched');
    if (c.missing) parts.push(fmtInt(c.missing) + ' missing');
    if (c.extra) parts.push(fmtInt(c.extra) + ' not in the list');
    if (c.problems) parts.push(plural(c.problems, 'problem', 'problems'));
    if (c.warnings) parts.push(plural(c.warnings, 'warning', 'warnings'));
    const took = r.elapsed_ms < 1000 ? fmtInt(r.elapsed_ms) + ' ms' : (r.elapsed_ms / 1000).toFixed(1) + ' s';
    return parts.join(', ') + '. Read ' + fmtBytes(r.bytes_read) + ' in ' + took + '.';
  }

  function facts(dl, rows) {
    dl.replaceChildren();
    for (const [k, v] of rows) {
      if (v === undefined || v === null || v === '') continue;
      dl.append(el('dt', { text: k }), typeof v === 'string' ? el('dd', { text: v }) : el('dd', null, v));
    }
  }

  function renderBundle(r) {
    $('details').hidden = false;
    const b = r.bundle;
    facts(
      $('bundle-info'),
      b
        ? [
            ['Name', b.name],
            ['Format', b.format === 'directory' ? 'folder (unpacked bundle)' : b.format],
            ['Size', fmtBytes(b.size) + (b.size >= 1000 ? ' (' + fmtInt(b.size) + ' bytes)' : '')],
            ['Top folder', b.root],
          ]
        : [['Bundle', 'none found among the inputs']],
    );
    const hasHash = Boolean(b && b.sha256);
    $('bundle-hash').hidden = !hasHash;
    $('bundle-sha').textContent = hasHash ? b.sha256 : '';
    $('copy-sha').textContent = 'Copy';
    const inputs = $('report-inputs');
    inputs.replaceChildren();
    for (const i of r.inputs) {
      inputs.append(el('li', null, el('code', { text: i.name }), ' — ' + (ROLE[i.role] || i.role) + ', ' + fmtBytes(i.size)));
    }
  }

  function renderSignatures(r) {
    const box = $('signatures');
    box.replaceChildren();
    if (!r.signatures.length) box.append(el('p', { class: 'muted', text: 'No signature was found among the inputs or in the bundle.' }));
    for (const s of r.signatures) {
      const [tone, label] = SIG_STATUS[s.status] || ['neutral', s.status];
      const dl = el('dl', { class: 'facts' });
      facts(dl, [
        ['Format', (SIG_FORMAT[s.format] || s.format) + ', ' + s.algorithm],
        ['Key ID', s.key_id],
        ['Key', s.key_source ? KEY_SOURCE[s.key_source] || s.key_source : s.status === 'unknown-key' ? 'no key with this ID was given' : ''],
        ['Covers', s.covers],
        ['Trusted comment', s.trusted_comment],
        ['Untrusted comment', s.untrusted_comment ? s.untrusted_comment + '  (not covered by the signature)' : null],
      ]);
      box.append(el('div', { class: 'sig' }, el('div', { class: 'sig-head' }, el('span', { class: 'badge ' + tone, text: label }), el('code', { text: s.file })), dl));
    }
    if (r.keys.length) {
      const ul = el('ul', { class: 'plain-list' });
      for (const k of r.keys) {
        ul.append(
          el('li', null, el('code', { text: k.key_id }), ' ' + k.format + ' — ' + (KEY_SOURCE[k.source] || k.source) + (k.source === 'input' ? '' : k.trusted ? ', trusted' : ', not trusted') + ' — ', el('code', { text: k.origin })),
        );
      }
      box.append(el('h3', { text: 'Keys known to this check' }), ul);
    }
    const lists = $('lists');
    lists.replaceChildren();
    if (!r.lists.length) lists.append(el('li', { class: 'muted', text: 'No checksum list was found.' }));
    for (const l of r.lists) {
      lists.append(
        el('li', null, el('code', { text: l.file }), ' — ' + l.format + ', ' + plural(l.lines, 'line', 'lines') + ', ' + (l.signed ? 'signed by a trusted key' : 'not signed by a trusted key')),
      );
    }
  }

  const MAX_FINDINGS_SHOWN = 500;

  function findingItem(f) {
    const [icon, word] = SEVERITY[f.severity] || ['', f.severity];
    return el(
      'li',
      null,
      el('div', null, el('div', { class: 'sev ' + f.severity, text: icon + ' ' + word }), el('div', { class: 'code', text: f.code })),
      el('div', null, f.path ? el('div', { class: 'path', text: f.path }) : null, el('div', { text: f.message })),
    );
  }

  function renderFindings(r) {
    const ul = $('findings');
    ul.replaceChildren();
    $('findings-panel').hidden = r.findings.length === 0;
    setText($('findings-title'), 'Findings (' + fmtInt(r.findings.length) + ')');
    for (const f of r.findings.slice(0, MAX_FINDINGS_SHOWN)) ul.append(findingItem(f));
    if (r.findings.length > MAX_FINDINGS_SHOWN) {
      ul.append(el('li', { class: 'muted', text: 'and ' + fmtInt(r.findings.length - MAX_FINDINGS_SHOWN) + ' more: every finding is in the JSON report.' }));
    }
  }

  // ---------------------------------------------------------------- images (report.images)

  const IMAGE_STATUS = {
    ok: ['ok', 'Digests match'],
    mismatch: ['bad', 'DIGEST MISMATCH'],
    'not-carried': ['warn', 'Not carried'],
    unchecked: ['neutral', 'Not checked'],
  };
  const MAX_IMAGES_SHOWN = 100;

  function renderImages(r) {
    const box = $('images');
    const images = r.images || [];
    box.replaceChildren();
    $('images-panel').hidden = images.length === 0;
    setText($('images-title'), 'Images (' + fmtInt(images.length) + ')');
    const badge = (status) => {
      const [tone, label] = IMAGE_STATUS[status] || ['neutral', status];
      return el('span', { class: 'badge ' + tone, text: label });
    };
    for (const img of images.slice(0, MAX_IMAGES_SHOWN)) {
      const dl = el('dl', { class: 'facts' });
      facts(dl, [
        ['Image ID', img.image_id],
        ['Manifest', img.manifest_digest],
        ['Platform', img.platform],
        ['Pinned by', (img.pinned || []).join(', ')],
        ['Format', img.format + (img.root ? ', in ' + img.root : '')],
      ]);
      const rows = el('tbody');
      img.layers.forEach((l, n) => {
        rows.append(
          el(
            'tr',
            null,
            el('td', { text: String(n + 1) }),
            el('td', null, el('div', { class: 'mono', text: l.digest || l.actual || '' }), el('div', { class: 'muted', text: (l.size !== undefined ? fmtBytes(l.size) : '') + (l.compression ? ', ' + l.compression : '') + (l.path ? ' — ' + l.path : '') })),
            el('td', null, el('div', { class: 'mono', text: l.uncompressed || '' }), el('div', { class: 'muted', text: l.uncompressed_size !== undefined ? fmtBytes(l.uncompressed_size) : '' })),
            el('td', null, el('div', { class: 'mono', text: l.diff_id || '' })),
            el('td', null, badge(l.status)),
          ),
        );
      });
      const layers = el(
        'table',
        { class: 'layers' },
        el('thead', null, el('tr', null, el('th', { text: '#' }), el('th', { text: 'Layer as stored' }), el('th', { text: 'Uncompressed' }), el('th', { text: 'Config diff_id' }), el('th', { text: 'Status' }))),
        rows,
      );
      const tags = img.tags.length ? img.tags.join(', ') : 'untagged';
      box.append(el('div', { class: 'image' }, el('div', { class: 'sig-head' }, badge(img.status), el('code', { text: tags })), dl, layers));
    }
    if (images.length > MAX_IMAGES_SHOWN) box.append(el('p', { class: 'muted', text: 'and ' + fmtInt(images.length - MAX_IMAGES_SHOWN) + ' more: every image is in the JSON report.' }));
  }

  function renderGoModules(r) {
    const mods = r.go_modules || [];
    const body = $('gomod');
    body.replaceChildren();
    $('gomod-panel').hidden = mods.length === 0;
    setText($('gomod-title'), 'Go modules (' + fmtInt(mods.length) + ')');
    for (const m of mods.slice(0, 1000)) {
      const [tone, label] = IMAGE_STATUS[m.status] || ['neutral', m.status];
      const cell = (v) => el('td', null, el('div', { class: 'mono', text: v || '—' }));
      body.append(
        el(
          'tr',
          null,
          el('td', null, el('div', { class: 'mono', text: m.path + ' ' + m.version }), el('div', { class: 'muted', text: m.ziphash ? '.ziphash ' + m.ziphash : '' })),
          cell(m.zip),
          cell(m.tree),
          el('td', null, el('div', { class: 'mono', text: m.go_sum || '—' }), el('div', { class: 'muted', text: m.go_sum_mod ? 'go.mod ' + m.go_sum_mod : '' })),
          el('td', null, el('span', { class: 'badge ' + tone, text: tone === 'ok' ? 'Hashes match' : label })),
        ),
      );
    }
    if (mods.length > 1000) body.append(el('tr', null, el('td', { class: 'muted', text: 'and ' + fmtInt(mods.length - 1000) + ' more: every module is in the JSON report.' })));
  }

  // ---------------------------------------------------------------- entries table (virtualised)

  const table = (function () {
    const viewport = $('entries-viewport');
    const spacer = $('entries-spacer');
    const rowH = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--row-h')) || 30;
    const t = {
      entries: [],
      lower: null,
      built: null, // what `view` was made from: { entries, q, problemsOnly, sortKey, sortDir }
      findingsByPath: new Map(),
      view: [],
      sortKey: null,
      sortDir: 1,
      problemsOnly: false,
      query: '',
      sel: -1,
      pool: [],
      frame: 0,
    };

    function makeRow(k) {
      const row = el('div', { class: 'tr', role: 'row', id: 'entry-row-' + k });
      const cells = [
        el('div', { class: 'td st', role: 'cell' }),
        el('div', { class: 'td path', role: 'cell' }),
        el('div', { class: 'td num', role: 'cell' }),
        el('div', { class: 'td hash', role: 'cell' }),
        el('div', { class: 'td hash', role: 'cell' }),
      ];
      row.append(...cells);
      row.addEventListener('click', () => select(Number(row.dataset.pos)));
      spacer.append(row);
      return { row, cells };
    }

    function shortHash(h) {
      return h ? h.slice(0, 16) + '\u2026' : '';
    }

    function fill(r, pos) {
      const e = t.entries[t.view[pos]];
      const [icon, word, tone] = STATUS[e.status] || ['', e.status, 'neutral'];
      r.row.dataset.pos = String(pos);
      r.row.setAttribute('aria-rowindex', String(pos + 2));
      r.row.style.transform = 'translateY(' + pos * rowH + 'px)';
      r.row.className = 'tr' + (pos % 2 ? ' alt' : '') + (pos === t.sel ? ' sel' : '');
      r.cells[0].className = 'td st ' + tone;
      r.cells[0].textContent = icon + ' ' + word;
      const slash = e.kind === 'directory' && !e.path.endsWith('/') ? '/' : '';
      const nodes = visibleNodes(e.path + slash);
      let title = visible(e.path + slash);
      if (e.link_target != null) {
        nodes.push(' \u2192 ', ...visibleNodes(e.link_target));
        title += ' \u2192 ' + visible(e.link_target);
      }
      r.cells[1].replaceChildren(...nodes);
      r.cells[1].title = title;
      r.cells[2].textContent = e.kind === 'file' ? fmtBytes(e.size) : KIND[e.kind] || e.kind;
      r.cells[3].textContent = shortHash(e.expected);
      r.cells[3].title = e.expected || '';
      r.cells[4].textContent = shortHash(e.actual);
      r.cells[4].title = e.actual || '';
    }

    function render() {
      t.frame = 0;
      const top = viewport.scrollTop;
      const height = viewport.clientHeight || 400;
      const first = Math.max(0, Math.floor(top / rowH) - 4);
      const last = Math.min(t.view.length, Math.ceil((top + height) / rowH) + 4);
      const need = last - first;
      while (t.pool.length < need) t.pool.push(makeRow(t.pool.length));
      for (let k = 0; k < t.pool.length; k++) {
        const r = t.pool[k];
        if (k < need) {
          r.row.hidden = false;
          fill(r, first + k);
        } else {
          r.row.hidden = true;
        }
      }
      const selRow = t.pool.find((r) => !r.row.hidden && Number(r.row.dataset.pos) === t.sel);
      if (selRow) viewport.setAttribute('aria-activedescendant', selRow.row.id);
      else viewport.removeAttribute('aria-activedescendant');
    }

    function schedule() {
      if (!t.frame) t.frame = requestAnimationFrame(render);
    }

    /** Lowercased paths, for the search box (made once per report, when first needed). */
    function lowerPaths() {
      if (!t.lower) t.lower = t.entries.map((e) => e.path.toLowerCase());
      return t.lower;
    }

    function rebuild() {
      const q = t.query.toLowerCase();
      const lower = q ? lowerPaths() : null;
      const built = t.built;
      // Typing on in the search box only narrows the rows shown: filter those (already in order)
      // instead of all entries.
      const narrowing =
        built && built.entries === t.entries && built.problemsOnly === t.problemsOnly && built.sortKey === t.sortKey && built.sortDir === t.sortDir && q.includes(built.q);
      let view;
      if (narrowing && q === built.q) {
        view = t.view;
      } else if (narrowing) {
        view = [];
        for (const i of t.view) if (lower[i].includes(q)) view.push(i);
      } else {
        view = [];
        for (let i = 0; i < t.entries.length; i++) {
          if (t.problemsOnly && !PROBLEM_STATUS.has(t.entries[i].status)) continue;
          if (q && !lower[i].includes(q)) continue;
          view.push(i);
        }
        if (t.sortKey) {
          const d = t.sortDir;
          const es = t.entries;
          let cmp;
          if (t.sortKey === 'size') cmp = (a, b) => (es[a].size - es[b].size) * d || a - b;
          else if (t.sortKey === 'status') cmp = (a, b) => (STATUS_RANK[es[a].status] - STATUS_RANK[es[b].status]) * d || a - b;
          else cmp = (a, b) => (es[a].path < es[b].path ? -d : es[a].path > es[b].path ? d : a - b);
          view.sort(cmp);
        }
      }
      t.built = { entries: t.entries, q, problemsOnly: t.problemsOnly, sortKey: t.sortKey, sortDir: t.sortDir };
      t.view = view;
      t.sel = Math.min(t.sel, view.length - 1);
      spacer.style.height = view.length * rowH + 'px';
      // As tall as the rows need, up to about half the window.
      viewport.style.height = Math.min(Math.max(view.length, 3) * rowH, Math.max(240, Math.round(window.innerHeight * 0.55))) + 'px';
      $('entries-table').setAttribute('aria-rowcount', String(view.length + 1));
      $('entries-empty').hidden = view.length > 0 || t.entries.length === 0;
      const count = view.length === t.entries.length ? plural(t.entries.length, 'entry', 'entries') : fmtInt(view.length) + ' of ' + fmtInt(t.entries.length);
      $('entries-count').textContent = '(' + count + ')';
      for (const th of document.querySelectorAll('#entries-table .th')) {
        const col = th.dataset.col;
        if (col) th.setAttribute('aria-sort', t.sortKey === col ? (t.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      }
      render();
      showDetail();
    }

    function select(pos) {
      if (!t.view.length) return;
      t.sel = Math.max(0, Math.min(t.view.length - 1, pos));
      const y = t.sel * rowH;
      if (y < viewport.scrollTop) viewport.scrollTop = y;
      else if (y + rowH > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = y + rowH - viewport.clientHeight;
      render();
      showDetail();
    }

    function showDetail() {
      const box = $('entry-detail');
      box.replaceChildren();
      if (t.sel < 0 || !t.view.length) return;
      const e = t.entries[t.view[t.sel]];
      const [icon, word] = STATUS[e.status] || ['', e.status];
      const dl = el('dl', { class: 'facts' });
      const code = (s) => (s ? el('code', { text: s }) : null);
      facts(dl, [
        ['Path', code(e.path)],
        ['Status', icon + ' ' + word],
        ['Kind', KIND[e.kind] || e.kind],
        ['Size', e.kind === 'file' || e.size ? fmtInt(e.size) + ' bytes' : null],
        ['Mode', e.mode != null ? e.mode.toString(8).padStart(4, '0') : null],
        ['Link target', code(e.link_target)],
        ['Expected SHA-256', code(e.expected)],
        ['Actual SHA-256', code(e.actual)],
      ]);
      box.append(dl);
      const notes = t.findingsByPath.get(e.path);
      if (notes) {
        const ul = el('ul', { class: 'findings' });
        for (const f of notes) ul.append(findingItem(f));
        box.append(ul);
      }
    }

    viewport.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    viewport.addEventListener('keydown', (ev) => {
      const page = Math.max(1, Math.floor(viewport.clientHeight / rowH) - 1);
      const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
      if (ev.key in moves) select((t.sel < 0 ? -1 : t.sel) + moves[ev.key]);
      else if (ev.key === 'Home') select(0);
      else if (ev.key === 'End') select(t.view.length - 1);
      else return;
      ev.preventDefault();
    });
    for (const b of document.querySelectorAll('#entries-table [data-sort]')) {
      b.addEventListener('click', () => {
        const key = b.dataset.sort;
        if (t.sortKey === key) t.sortDir = -t.sortDir;
        else {
          t.sortKey = key;
          t.sortDir = 1;
        }
        rebuild();
      });
    }
    $('problems-only').addEventListener('change', (ev) => {
      t.problemsOnly = ev.target.checked;
      rebuild();
    });
    // The search applies at the next frame: keystrokes typed within one frame cost one filter, and
    // no timer delays the answer (100,000 entries filter in a few milliseconds).
    const search = $('entry-search');
    let searchFrame = 0;
    search.addEventListener('input', () => {
      t.query = search.value;
      if (!searchFrame) {
        searchFrame = requestAnimationFrame(() => {
          searchFrame = 0;
          rebuild();
        });
      }
    });
    // The lowercased paths are made when the reviewer comes to the box, not on the first key.
    search.addEventListener('focus', () => {
      if (t.entries.length) lowerPaths();
    });

    return {
      setEntries(entries, findings) {
        t.entries = entries;
        t.lower = null;
        t.sel = -1;
        t.findingsByPath = new Map();
        for (const f of findings) {
          if (!f.path) continue;
          if (!t.findingsByPath.has(f.path)) t.findingsByPath.set(f.path, []);
          t.findingsByPath.get(f.path).push(f);
        }
        viewport.scrollTop = 0;
        rebuild();
      },
    };
  })();

  // ---------------------------------------------------------------- export, print, copy

  function exportJson() {
    if (!state.report) return;
    const name = 'airlock-report-' + safeFileName(state.report.bundle ? state.report.bundle.name : 'files') + '.json';
    // The report `airlock verify --json` would print, and which page made it ("page", last).
    download(name, JSON.stringify(Object.assign({}, state.report, { page: pageProvenance() }), null, 2) + '\n', 'application/json');
  }

  function saveSums() {
    // Not text/plain: browsers would add ".txt" to the name.
    if (state.sums) download('SHA256SUMS', state.sums, 'application/octet-stream');
  }

  async function copySha() {
    const text = $('bundle-sha').textContent;
    const button = $('copy-sha');
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($('bundle-sha'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      try {
        ok = document.execCommand('copy');
      } catch (_) {
        ok = false;
      }
    }
    button.textContent = ok ? 'Copied' : 'Selected: press Ctrl+C';
  }

  const MAX_PRINTED_ENTRIES = 5000;

  function fillPrint() {
    const r = state.report;
    if (!r) return;
    const sigs = r.signatures.map((s) => s.key_id + ' (' + (SIG_STATUS[s.status] || ['', s.status])[1] + (s.key_source ? '; ' + KEY_SOURCE[s.key_source] : '') + ')' + (s.trusted_comment ? ' — trusted comment: ' + s.trusted_comment : '')).join('\n');
    const when = state.finishedAt || new Date();
    facts($('print-facts'), [
      ['Verdict', el('span', { class: 'verdict-line', text: (VERDICT[r.verdict] || r.verdict).toUpperCase() })],
      ['Reason', r.reason],
      ['Checked', when.toString() + '  (' + when.toISOString() + ')'],
      ['Checked with', r.tool + ', offline page'],
      ['Page', 'airlock ' + state.build.version + ', source commit ' + state.build.commit + ', wasm module SHA-256 ' + state.build.wasm_sha256 + ' (' + state.build.rustc + '), pinned keys: ' + pinnedIds()],
      ['Bundle', r.bundle ? r.bundle.name + ' — ' + r.bundle.format + ', ' + fmtInt(r.bundle.size) + ' bytes' : 'none'],
      ['Bundle SHA-256', r.bundle && r.bundle.sha256 ? el('code', { text: r.bundle.sha256 }) : null],
      ['Signatures', sigs || 'none'],
      ['Counts', countsLine(r)],
    ]);
    const fl = $('print-findings');
    fl.replaceChildren();
    if (!r.findings.length) fl.append(el('li', { text: 'None.' }));
    for (const f of r.findings) fl.append(el('li', { text: (SEVERITY[f.severity] || ['', f.severity])[1] + ' [' + f.code + ']' + (f.path ? ' ' + f.path : '') + ': ' + f.message }));

    let rows = r.entries;
    let note = '';
    if (rows.length > MAX_PRINTED_ENTRIES) {
      const problems = rows.filter((e) => PROBLEM_STATUS.has(e.status));
      rows = problems.slice(0, MAX_PRINTED_ENTRIES);
      note = 'This bundle has ' + fmtInt(r.entries.length) + ' entries; printed here: the ' + fmtInt(rows.length) + ' with problems. Every entry is in the JSON report.';
    }
    setText($('print-entries-note'), note);
    const tableEl = $('print-entries');
    tableEl.replaceChildren(el('thead', null, el('tr', null, el('th', { text: 'Status' }), el('th', { text: 'Path' }), el('th', { text: 'Size' }), el('th', { text: 'SHA-256 (actual; expected if different)' }))));
    const body = el('tbody');
    for (const e of rows) {
      const hash = e.actual && e.expected && e.actual !== e.expected ? e.actual + ' (expected ' + e.expected + ')' : e.actual || e.expected || '';
      body.append(el('tr', null, el('td', { text: (STATUS[e.status] || ['', e.status])[1] }), el('td', { class: 'mono', text: e.path }), el('td', { text: e.kind === 'file' ? fmtInt(e.size) : KIND[e.kind] || e.kind }), el('td', { class: 'mono', text: hash })));
    }
    tableEl.append(body);
  }

  function clearPrint() {
    $('print-entries').replaceChildren();
  }

  // ---------------------------------------------------------------- theme

  const THEMES = ['auto', 'light', 'dark'];
  let theme = 'auto';
  function applyTheme(next) {
    theme = next;
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    const b = $('theme');
    b.textContent = 'Theme: ' + theme;
    b.setAttribute('aria-label', 'Colour theme: ' + theme + '. Press to change.');
  }

  // ---------------------------------------------------------------- files from the browser

  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }
  function entryFile(entry) {
    return new Promise((resolve, reject) => entry.file(resolve, reject));
  }
  async function walkFolder(dir, members) {
    const reader = dir.createReader();
    for (;;) {
      const batch = await readEntries(reader);
      if (!batch.length) break;
      for (const entry of batch) {
        if (entry.isFile) members.push({ path: entry.fullPath.replace(/^\/+/, ''), file: await entryFile(entry) });
        else if (entry.isDirectory) await walkFolder(entry, members);
      }
    }
    return members;
  }

  async function onDrop(dt) {
    // Everything in a DataTransfer must be taken before the drop handler returns.
    const items = dt.items ? Array.from(dt.items).filter((i) => i.kind === 'file') : [];
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    const files = items.length ? items.map((i) => i.getAsFile()) : Array.from(dt.files);
    const plain = [];
    const folders = [];
    for (let i = 0; i < files.length; i++) {
      const entry = entries[i];
      if (entry && entry.isDirectory) folders.push(await walkFolder(entry, []));
      else if (files[i]) plain.push(files[i]);
    }
    addInputs(plain, folders);
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    $('pick-files').addEventListener('click', () => $('files').click());
    $('pick-folder').addEventListener('click', () => $('folder').click());
    $('files').addEventListener('change', (ev) => {
      const files = Array.from(ev.target.files);
      ev.target.value = '';
      if (files.length) addInputs(files, []);
    });
    $('folder').addEventListener('change', (ev) => {
      const files = Array.from(ev.target.files);
      ev.target.value = '';
      if (files.length) addInputs([], [files.map((f) => ({ path: f.webkitRelativePath || f.name, file: f }))]);
    });
    $('clear').addEventListener('click', clearAll);
    // Edited expected digests check the files again (once, on leaving the field).
    $('expected-digests').addEventListener('change', () => {
      if (state.items.length && $('expected-digests').value !== state.expectedUsed) verifyNow();
    });
    $('cancel').addEventListener('click', cancel);
    $('export-json').addEventListener('click', exportJson);
    $('save-sums').addEventListener('click', saveSums);
    $('print').addEventListener('click', () => window.print());
    $('copy-sha').addEventListener('click', copySha);
    $('theme').addEventListener('click', () => applyTheme(THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]));
    $('one-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const file = $('one-file').files[0];
      if (!file) {
        $('one-file').focus();
        return;
      }
      checkOne(file, $('one-sha').value);
    });
    window.addEventListener('beforeprint', fillPrint);
    window.addEventListener('afterprint', clearPrint);
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && state.run) cancel();
    });

    // Dropping anywhere on the page adds the files (and never navigates away to them).
    const zone = $('dropzone');
    let depth = 0;
    window.addEventListener('dragenter', (ev) => {
      ev.preventDefault();
      depth += 1;
      zone.classList.add('over');
    });
    window.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) zone.classList.remove('over');
    });
    window.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      if (ev.dataTransfer) ev.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('drop', (ev) => {
      ev.preventDefault();
      depth = 0;
      zone.classList.remove('over');
      if (ev.dataTransfer) onDrop(ev.dataTransfer);
    });
  }

  function main() {
    applyTheme('auto');
    wire();
    if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
      fatal('This browser lacks WebAssembly or Web Workers, which the verifier needs.');
      return;
    }
    state.build = loadBuild();
    renderProvenance();
    resetResult();
    try {
      state.wasm = b64Bytes($('airlock-wasm').textContent);
    } catch (e) {
      fatal('The verifier could not start: ' + e.message);
      return;
    }
    // The module runs only once its SHA-256 is the one the page states (a few milliseconds).
    checkWasmDigest().then(
      () => {
        try {
          state.module = WebAssembly.compile(state.wasm).catch(() => state.wasm);
          startWorkers();
        } catch (e) {
          fatal('The verifier could not start: ' + e.message);
          return;
        }
        loadPinned().catch((e) => {
          if (e instanceof Cancelled) return;
          fatal('The pinned keys could not be read: ' + e.message);
        });
      },
      (e) => fatal('The verifier will not run: ' + e.message + '.'),
    );
  }

  main();
})();
