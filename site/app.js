'use strict';
// The Airlock page: moves files to the worker and renders the report it sends back. It holds no
// verification rule: the engine (Rust, in the worker as WebAssembly) decides everything, and the
// report is the JSON document `airlock verify --json` prints.
//
// Every name, comment and message in a report may come from an attacker: it reaches the page
// through textContent only (never innerHTML), with control and bidi characters made visible.
//
// Every word the page shows comes from the message catalogue (locales/<lang>/{page,findings}.ftl,
// inlined by scripts/build.sh) through Fluent (@fluent/bundle, inlined before this script): the
// sentence is rendered first, names from the bundle as its parameters, then shown as text.
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
      span.title = tAttr('hidden-character', 'title', { code: m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') });
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

  // ---------------------------------------------------------------- languages (Fluent)

  const Fluent = globalThis.FluentBundle; // @fluent/bundle's UMD script sets it
  const DEFAULT_LANG = 'en'; // the reference language, and the fallback for a missing message
  const LANG_KEY = 'airlock-lang'; // the reviewer's choice, in this page's storage
  const l10n = { lang: DEFAULT_LANG, langs: [], bundles: new Map(), numbers: new Map() };

  /** One Fluent bundle per language folder of the catalogue (the build inlined them). */
  function loadCatalogue() {
    let catalogue = {};
    try {
      catalogue = JSON.parse($('airlock-l10n').textContent || '{}');
    } catch (_) {
      catalogue = {};
    }
    if (!Fluent) {
      console.error('Fluent (@fluent/bundle) is missing from this page');
      return;
    }
    for (const [lang, files] of Object.entries(catalogue)) {
      // No isolation marks around placeables: the engine renders the same text (src/i18n.rs).
      const bundle = new Fluent.FluentBundle(lang, { useIsolating: false });
      for (const [name, text] of Object.entries(files)) {
        for (const e of bundle.addResource(new Fluent.FluentResource(b64Text(text)))) console.error('locales/' + lang + '/' + name + ': ' + e.message);
      }
      l10n.bundles.set(lang, bundle);
    }
    l10n.langs = [...l10n.bundles.keys()];
  }

  /**
   * The catalogue language for the browser's preferences, as the engine negotiates (src/i18n.rs):
   * the same tag, else the same language in any region or script (zh, zh-Hans, zh-SG -> zh-CN),
   * else English.
   */
  function negotiate(wanted) {
    for (const raw of wanted) {
      const w = String(raw).split(/[.@]/)[0].replace(/_/g, '-').toLowerCase();
      if (!w || w === 'c' || w === 'posix') continue;
      const exact = l10n.langs.find((l) => l.toLowerCase() === w);
      if (exact) return exact;
      const primary = w.split('-')[0];
      const same = l10n.langs.find((l) => l.toLowerCase().split('-')[0] === primary);
      if (same) return same;
    }
    return DEFAULT_LANG;
  }

  // file:// may deny storage (a browser setting): the choice then lasts as long as the page.
  function storedLang() {
    try {
      return window.localStorage.getItem(LANG_KEY);
    } catch (_) {
      return null;
    }
  }
  function storeLang(lang) {
    try {
      window.localStorage.setItem(LANG_KEY, lang);
    } catch (_) {
      /* not remembered */
    }
  }

  /** The message `id` and the bundle holding it: the current language's, else English's. */
  function lookup(id, lang = l10n.lang) {
    for (const l of [lang, DEFAULT_LANG]) {
      const bundle = l10n.bundles.get(l);
      const msg = bundle && bundle.getMessage(id);
      if (msg) return { bundle, msg };
    }
    return null;
  }

  /** Page values: integers become Fluent numbers (grouped as the language writes them). */
  function pageArgs(args) {
    const out = {};
    for (const [k, v] of Object.entries(args || {})) out[k] = typeof v === 'number' && Number.isInteger(v) ? new Fluent.FluentNumber(v) : v;
    return out;
  }

  /**
   * Engine parameters, as i18n::render takes them: integers printed as Rust's fluent-bundle
   * prints them (no grouping); a nested message ({id, params}: why a list or archive could not
   * be read, a noun such as "symbolic link") rendered in the same language first.
   */
  function engineArgs(params, lang) {
    const out = {};
    for (const [k, v] of Object.entries(params || {})) {
      if (typeof v === 'number') out[k] = new Fluent.FluentNumber(v, { useGrouping: false });
      else if (v && typeof v === 'object' && typeof v.id === 'string') out[k] = formatIn(lang, v.id, engineArgs(v.params, lang));
      else out[k] = String(v);
    }
    return out;
  }

  function formatIn(lang, id, args, attr) {
    const found = lookup(id, lang);
    if (!found) return id;
    const pattern = attr ? found.msg.attributes[attr] : found.msg.value;
    if (!pattern) return id;
    return found.bundle.formatPattern(pattern, args, []);
  }

  /** A page sentence in the current language. */
  function t(id, args) {
    return formatIn(l10n.lang, id, pageArgs(args));
  }
  /** An attribute of a page message (.title, .aria-label, .placeholder). */
  function tAttr(id, attr, args) {
    return formatIn(l10n.lang, id, pageArgs(args), attr);
  }
  function has(id) {
    return lookup(id) !== null;
  }
  /** The word for a report value (`role-checksum-list`), or the value itself when none. */
  function word(prefix, value) {
    return has(prefix + '-' + value) ? t(prefix + '-' + value) : String(value);
  }
  /** Page parts joined as the language lists them ("a, b" / "a，b"). */
  function joinList(parts) {
    return parts.filter(Boolean).join(t('list-separator'));
  }

  /** A finding's sentence in `lang` (its message_id with its params), like Finding::message_in. */
  function findingText(f, lang = l10n.lang) {
    if (!f.message_id || !lookup(f.message_id, lang)) return f.message;
    return formatIn(lang, f.message_id, engineArgs(f.params, lang));
  }

  /**
   * The report's reason in `lang`, like Report::reason_in: a reason quoting a finding names it by
   * its index (`finding`), rendered in `lang` too and passed as `first`.
   */
  function reasonText(r, lang = l10n.lang) {
    if (!r.reason_id || !lookup(r.reason_id, lang)) return r.reason;
    const params = Object.assign({}, r.reason_params);
    const i = params.finding;
    if (Number.isInteger(i) && r.findings[i]) params.first = findingText(r.findings[i], lang);
    return formatIn(lang, r.reason_id, engineArgs(params, lang));
  }

  /**
   * A message the page states itself, kept as { id, args } (or { raw } for what the browser or
   * the engine said) so that it can be said again in another language. Args may nest messages.
   */
  function msg(id, args) {
    return { id, args };
  }
  function say(m) {
    if (!m) return '';
    if (m.raw !== undefined) return String(m.raw);
    const args = {};
    for (const [k, v] of Object.entries(m.args || {})) args[k] = v && typeof v === 'object' && (v.id || v.raw !== undefined) ? say(v) : v;
    return t(m.id, args);
  }
  /** What an error says: its message from the catalogue when it has one, else its text. */
  function errorMsg(e) {
    return (e && e.l10n) || { raw: String((e && e.message) || e) };
  }
  function l10nError(id, args) {
    const e = new Error(formatIn(DEFAULT_LANG, id, pageArgs(args)));
    e.l10n = msg(id, args);
    return e;
  }

  /**
   * A catalogue sentence as nodes: `code` between backticks (only for messages without
   * parameters, so a name with a backtick stays as it is), the rest as text.
   */
  function staticNodes(text) {
    const out = [];
    for (const part of text.split(/(`[^`]+`)/)) {
      if (!part) continue;
      if (part.length > 2 && part[0] === '`' && part.endsWith('`')) out.push(el('code', { text: part.slice(1, -1) }));
      else out.push(...visibleNodes(part));
    }
    return out;
  }

  /**
   * A sentence whose parameters are nodes (or strings shown as text), in place: every parameter
   * goes in as a marker that no catalogue text holds, so nothing from a name is ever parsed.
   */
  function tNodes(id, parts) {
    const slots = [];
    const args = {};
    for (const [k, v] of Object.entries(parts)) {
      args[k] = '\uE000' + slots.length + '\uE001';
      slots.push(v);
    }
    const out = [];
    for (const piece of t(id, args).split(/(\uE000\d+\uE001)/)) {
      if (!piece) continue;
      const m = /^\uE000(\d+)\uE001$/.exec(piece);
      if (!m) out.push(...visibleNodes(piece));
      else if (typeof slots[m[1]] === 'string') out.push(...visibleNodes(slots[m[1]]));
      else out.push(slots[m[1]]);
    }
    return out;
  }

  /** The elements of index.html named by data-l10n-id: text and attributes. */
  function translateStatic() {
    for (const node of document.querySelectorAll('[data-l10n-id]')) {
      const found = lookup(node.dataset.l10nId);
      if (!found) continue;
      if (found.msg.value) node.replaceChildren(...staticNodes(found.bundle.formatPattern(found.msg.value, null, [])));
      for (const [name, pattern] of Object.entries(found.msg.attributes)) node.setAttribute(name, found.bundle.formatPattern(pattern, null, []));
    }
  }

  /** The switch: each language by its own name (中文 / English). */
  function renderLanguages() {
    const box = $('languages');
    box.replaceChildren();
    if (l10n.langs.length < 2) return;
    for (const lang of l10n.langs) {
      const b = el('button', { type: 'button', class: 'button quiet lang', lang, 'aria-pressed': String(lang === l10n.lang), 'data-lang': lang, text: formatIn(lang, 'language-name', {}) });
      b.addEventListener('click', () => {
        storeLang(lang);
        setLang(lang);
      });
      box.append(b);
    }
  }

  /** Show the page in `lang`: its words, and whatever it shows now, without checking again. */
  function setLang(lang) {
    l10n.lang = l10n.bundles.has(lang) ? lang : DEFAULT_LANG;
    document.documentElement.lang = l10n.lang;
    document.title = t('page-title');
    translateStatic();
    renderLanguages();
    rerender();
  }

  function fmtInt(n) {
    if (!l10n.numbers.has(l10n.lang)) l10n.numbers.set(l10n.lang, new Intl.NumberFormat(l10n.lang));
    return l10n.numbers.get(l10n.lang).format(n);
  }
  function fmtBytes(n) {
    if (n < 1000) return t('size-bytes', { n });
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
    if (s < 1) return t('duration-under-second');
    if (s < 90) return t('duration-s', { n: Math.round(s) });
    if (s < 5400) return t('duration-min', { n: Math.round(s / 60) });
    return t('duration-h', { n: (s / 3600).toFixed(1) });
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

  // Icons and tones of the report's values; their words are in the catalogue (status-ok, …).
  const STATUS = {
    ok: ['\u2713', 'ok'],
    mismatch: ['\u2717', 'bad'],
    missing: ['\u2717', 'bad'],
    extra: ['\u2717', 'bad'],
    problem: ['\u2717', 'bad'],
    unchecked: ['?', 'warn'],
    meta: ['\u2022', 'neutral'],
    structure: ['\u2022', 'neutral'],
  };
  const STATUS_RANK = { problem: 0, mismatch: 1, missing: 2, extra: 3, unchecked: 4, ok: 5, meta: 6, structure: 7 };
  const PROBLEM_STATUS = new Set(['problem', 'mismatch', 'missing', 'extra']);
  const SEVERITY_ICON = { error: '\u2717', problem: '\u2717', warning: '\u26a0', info: '\u2139' };
  const SIG_TONE = { valid: 'ok', 'valid-untrusted': 'bad', 'unknown-key': 'bad', invalid: 'bad', unmatched: 'warn' };
  const IMAGE_TONE = { ok: 'ok', mismatch: 'bad', 'not-carried': 'warn', unchecked: 'neutral' };

  /** An entry's status: [icon, word, tone]. */
  function entryStatus(status) {
    const [icon, tone] = STATUS[status] || ['', 'neutral'];
    return [icon, word('status', status), tone];
  }
  function severityWord(severity) {
    return word('severity', severity);
  }
  /** The banner for a verdict (Verified, Failed — do not use this bundle, …). */
  function banner(verdict) {
    return word('banner', verdict);
  }

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
    run: null, // { total, done, started, samples: [[t, done]] }
    report: null,
    sums: null,
    finishedAt: null,
    single: false, // the run checks one file against a pasted SHA-256
    view: 'idle', // what the result area shows: idle, working, report or message
    message: null, // { verdict, title, reason } (messages, see msg()) when view is 'message'
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
      fatal(msg('error-start', { detail: event.message ? { raw: event.message } : msg('error-worker') }));
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
          if (!(e instanceof Cancelled)) fatal(msg('error-start', { detail: errorMsg(e) }));
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
    if (!state.workers[which]) return Promise.reject(l10nError('error-not-running'));
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
      const err = new Error(m.panic ? 'Internal error in the verifier: ' + m.panic : m.message);
      if (m.panic) err.l10n = msg('error-internal', { detail: { raw: m.panic } });
      err.fatal = m.fatal;
      p.reject(err);
      if (m.fatal) {
        // The wasm instance is unusable after a panic: start afresh. A run still waiting on the
        // other worker is told why it stopped.
        state.lastFatal = errorMsg(err);
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
    return { version: field('version'), commit: field('commit'), wasm_sha256: field('wasm_sha256'), rustc: field('rustc'), fluent_bundle: field('fluent_bundle') };
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
    if (!state.pinned.length) return t('pinned-ids-none');
    return joinList(state.pinned.map((p) => (p.key ? p.key.key_id : p.error ? t('pinned-id-unreadable', { origin: p.origin }) : '…')));
  }

  /** The footer: version, source commit, wasm module SHA-256, pinned key IDs. */
  function renderProvenance() {
    const b = state.build;
    if (!b) return;
    const box = $('provenance');
    box.replaceChildren(
      ...tNodes('provenance', {
        version: b.version,
        commit: el('code', { text: b.commit }),
        wasm: el('code', { text: b.wasm_sha256 }),
        rustc: b.rustc,
        fluent: b.fluent_bundle,
        keys: el('code', { text: pinnedIds() }),
      }),
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
      throw l10nError('error-damaged', { actual: hex, stated: state.build.wasm_sha256 });
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
        state.pinned[i].error = a.not_key ? msg('pinned-not-a-key') : a.error ? { raw: a.error } : null;
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
      summary.textContent = t('pinned-none');
      return;
    }
    summary.textContent = t('pinned-some', { count: state.pinned.length });
    for (const p of state.pinned) {
      const li = el('li');
      if (p.key) {
        li.append(
          el('div', null, el('span', { class: 'key-id', text: p.key.key_id }), ' ', el('span', { class: 'badge ok', text: t('pinned-badge') }), ' ', el('span', { class: 'muted', text: p.key.format })),
          el('div', { class: 'origin', text: p.origin }),
        );
      } else if (p.error) {
        li.append(el('div', { class: 'bad-key', text: t('pinned-unreadable', { origin: p.origin, error: say(p.error) }) }));
      } else {
        li.append(el('div', { class: 'muted', text: t('pinned-reading', { origin: p.origin }) }));
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
          el('div', null, el('span', { class: 'key-id', text: item.key.key_id }), ' ', el('span', { class: item.trust ? 'badge warn' : 'badge neutral', text: item.trust ? t('session-trusted') : t('session-not-trusted') }), ' ', el('span', { class: 'muted', text: item.key.format })),
          el('div', { class: 'origin', text: item.file.name }),
          el('label', { class: 'switch', htmlFor: id }, box, t('session-switch')),
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
        what = t('input-folder', { files: item.members.length, size: fmtBytes(item.size) });
      } else {
        name = item.file.name;
        const role = roles.take(item.file.name);
        const kind = item.key ? t('input-public-key', { id: item.key.key_id }) : role ? word('role', role) : '';
        what = joinList([kind, fmtBytes(item.file.size)]);
      }
      const remove = el('button', { type: 'button', title: tAttr('input-remove', 'title'), 'aria-label': tAttr('input-remove', 'aria-label', { name: visible(name) }) }, t('input-remove'));
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
    state.single = false;
    startRun('verify', { inputs, trusted: trustedKeys() });
  }

  function checkOne(file, sha) {
    if (state.run) abortRun();
    state.single = true;
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
        showMessage('error', msg('banner-error'), e instanceof Cancelled ? state.lastFatal || msg('verifier-stopped') : errorMsg(e));
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
    showMessage('error', msg('cancelled-title'), msg('cancelled-reason'));
  }

  function showWorking() {
    state.view = 'working';
    $('verdict').dataset.verdict = '';
    $('verdict-trust').hidden = true;
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
    hideDetails();
    $('progress').hidden = false;
    $('progress-bar').value = 0;
    renderWorking(state.run);
  }

  /** The words of a run in progress (again after a change of language). */
  function renderWorking(run) {
    setText($('verdict-title'), t('working-title'));
    setText($('verdict-reason'), t('working-reason'));
    $('progress-text').textContent = run && run.samples.length ? progressText(run) : t('progress-starting');
  }

  function showProgress(run) {
    const now = performance.now();
    run.samples.push([now, run.done]);
    while (run.samples.length > 2 && now - run.samples[0][0] > 3000) run.samples.shift();
    const [t0, d0] = run.samples[0];
    run.rate = now > t0 ? ((run.done - d0) * 1000) / (now - t0) : 0;
    const bar = $('progress-bar');
    bar.max = Math.max(run.total, 1);
    bar.value = Math.min(run.done, run.total);
    $('progress-text').textContent = progressText(run);
  }

  function progressText(run) {
    const parts = [t('progress-done', { done: fmtBytes(run.done), total: fmtBytes(run.total) })];
    if (run.rate > 0 && run.samples.length > 1) {
      parts.push(t('progress-rate', { rate: fmtBytes(run.rate) }));
      const left = (run.total - run.done) / run.rate;
      parts.push(run.done >= run.total ? t('progress-finishing') : t('progress-left', { time: fmtSeconds(left) }));
    }
    return parts.join(' · ');
  }

  function resetResult() {
    state.report = null;
    state.sums = null;
    state.view = 'idle';
    $('progress').hidden = true;
    $('verdict').dataset.verdict = '';
    $('verdict-trust').hidden = true;
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
    hideDetails();
    renderIdle();
  }

  function renderIdle() {
    setText($('verdict-title'), t('idle-title'));
    setText($('verdict-reason'), t('idle-reason'));
  }

  function hideDetails() {
    $('details').hidden = true;
    $('findings-panel').hidden = true;
    $('images-panel').hidden = true;
    $('gomod-panel').hidden = true;
    $('entries-panel').hidden = true;
    table.setEntries([], []);
  }

  /**
   * A verdict the page states itself: only for a run that produced no report (failure, cancel).
   * `title` and `reason` are messages (msg()), said again if the language changes.
   */
  function showMessage(verdict, title, reason) {
    state.view = 'message';
    state.message = { verdict, title, reason };
    $('progress').hidden = true;
    $('verdict').dataset.verdict = verdict;
    $('verdict-trust').hidden = true;
    $('verdict-counts').textContent = '';
    $('verdict-actions').hidden = true;
    renderMessage();
  }

  function renderMessage() {
    setText($('verdict-title'), say(state.message.title));
    setText($('verdict-reason'), say(state.message.reason));
  }

  function fatal(message) {
    state.run = null;
    showMessage('error', msg('cannot-run-title'), message);
  }

  /** Everything the page shows, said again in the language just chosen (nothing is re-checked). */
  function rerender() {
    applyTheme(theme);
    renderPinned();
    renderProvenance();
    renderSessionKeys();
    if (state.report) renderReport(false);
    else renderInputs();
    if (state.view === 'working' && state.run) renderWorking(state.run);
    else if (state.view === 'message') renderMessage();
    else if (state.view === 'idle') renderIdle();
  }

  // ---------------------------------------------------------------- the report

  function showOutcome(outcome) {
    state.report = outcome.report;
    state.sums = outcome.sha256sums || null;
    state.finishedAt = new Date();
    state.view = 'report';
    $('progress').hidden = true;
    renderReport(true);
  }

  /** The report on the page; `fresh`: a new report (else the same one, in another language). */
  function renderReport(fresh) {
    const r = state.report;
    const v = $('verdict');
    const title = state.single && r.verdict === 'failed' ? t('banner-failed-file') : banner(r.verdict);
    if (state.view === 'report') {
      setText($('verdict-title'), state.single ? t('banner-single', { banner: title }) : title);
      setText($('verdict-reason'), reasonText(r));
      const session = r.verdict === 'verified' ? r.signatures.filter((s) => s.status === 'valid' && s.key_source === 'session') : [];
      $('verdict-trust').hidden = !session.length;
      setText($('verdict-trust'), session.length ? t('trust-session', { keys: joinList(session.map((s) => s.key_id)) }) : '');
      $('verdict-counts').textContent = countsLine(r);
      $('verdict-actions').hidden = false;
      $('save-sums').hidden = !state.sums;
      v.dataset.verdict = r.verdict;
    }

    renderBundle(r);
    renderSignatures(r);
    renderFindings(r);
    renderImages(r);
    renderGoModules(r);
    if (fresh) table.setEntries(r.entries, r.findings);
    else table.relabel();
    $('entries-panel').hidden = r.entries.length === 0;
    renderInputs();
  }

  function countsLine(r) {
    const c = r.counts;
    const parts = [t('counts-entries', { n: c.entries }), t('counts-ok', { n: c.ok })];
    if (c.mismatch) parts.push(t('counts-mismatch', { n: c.mismatch }));
    if (c.missing) parts.push(t('counts-missing', { n: c.missing }));
    if (c.extra) parts.push(t('counts-extra', { n: c.extra }));
    if (c.problems) parts.push(t('counts-problems', { n: c.problems }));
    if (c.warnings) parts.push(t('counts-warnings', { n: c.warnings }));
    const took = r.elapsed_ms < 1000 ? t('duration-ms', { n: r.elapsed_ms }) : t('duration-s', { n: (r.elapsed_ms / 1000).toFixed(1) });
    return t('counts-line', { parts: joinList(parts), size: fmtBytes(r.bytes_read), took });
  }

  function facts(dl, rows) {
    dl.replaceChildren();
    for (const [k, v] of rows) {
      if (v === undefined || v === null || v === '') continue;
      dl.append(el('dt', { text: t(k) }), typeof v === 'string' ? el('dd', { text: v }) : el('dd', null, v));
    }
  }

  function renderBundle(r) {
    $('details').hidden = false;
    const b = r.bundle;
    facts(
      $('bundle-info'),
      b
        ? [
            ['fact-name', b.name],
            ['fact-format', b.format === 'directory' ? t('bundle-format-directory') : b.format],
            ['fact-size', b.size >= 1000 ? t('size-with-bytes', { size: fmtBytes(b.size), n: b.size }) : fmtBytes(b.size)],
            ['fact-top-folder', b.root],
          ]
        : [['fact-bundle', t('bundle-none')]],
    );
    const hasHash = Boolean(b && b.sha256);
    $('bundle-hash').hidden = !hasHash;
    $('bundle-sha').textContent = hasHash ? b.sha256 : '';
    $('copy-sha').textContent = t('copy');
    const inputs = $('report-inputs');
    inputs.replaceChildren();
    for (const i of r.inputs) {
      inputs.append(el('li', null, el('code', { text: i.name }), ' — ' + joinList([word('role', i.role), fmtBytes(i.size)])));
    }
  }

  function renderSignatures(r) {
    const box = $('signatures');
    box.replaceChildren();
    if (!r.signatures.length) box.append(el('p', { class: 'muted', text: t('signatures-none') }));
    for (const s of r.signatures) {
      const tone = SIG_TONE[s.status] || 'neutral';
      const dl = el('dl', { class: 'facts' });
      facts(dl, [
        ['fact-format', joinList([word('sig-format', s.format), s.algorithm])],
        ['fact-key-id', s.key_id],
        ['fact-key', s.key_source ? word('key-source', s.key_source) : s.status === 'unknown-key' ? t('key-unknown') : ''],
        ['fact-covers', s.covers],
        ['fact-trusted-comment', s.trusted_comment],
        ['fact-untrusted-comment', s.untrusted_comment ? t('untrusted-comment', { comment: s.untrusted_comment }) : null],
      ]);
      box.append(el('div', { class: 'sig' }, el('div', { class: 'sig-head' }, el('span', { class: 'badge ' + tone, text: word('sig-status', s.status) }), el('code', { text: s.file })), dl));
    }
    if (r.keys.length) {
      const ul = el('ul', { class: 'plain-list' });
      for (const k of r.keys) {
        const trust = k.source === 'input' ? '' : k.trusted ? t('key-trusted') : t('key-not-trusted');
        ul.append(el('li', null, el('code', { text: k.key_id }), ' ' + k.format + ' — ' + joinList([word('key-source', k.source), trust]) + ' — ', el('code', { text: k.origin })));
      }
      box.append(el('h3', { text: t('keys-known') }), ul);
    }
    const lists = $('lists');
    lists.replaceChildren();
    if (!r.lists.length) lists.append(el('li', { class: 'muted', text: t('lists-none') }));
    for (const l of r.lists) {
      lists.append(el('li', null, el('code', { text: l.file }), ' — ' + t('list-line', { format: l.format, lines: l.lines, signed: l.signed ? 'yes' : 'no' })));
    }
  }

  const MAX_FINDINGS_SHOWN = 500;

  function findingItem(f) {
    return el(
      'li',
      null,
      el('div', null, el('div', { class: 'sev ' + f.severity, text: (SEVERITY_ICON[f.severity] || '') + ' ' + severityWord(f.severity) }), el('div', { class: 'code', text: f.code })),
      el('div', null, f.path ? el('div', { class: 'path', text: f.path }) : null, el('div', { class: 'message', text: findingText(f) })),
    );
  }

  function renderFindings(r) {
    const ul = $('findings');
    ul.replaceChildren();
    $('findings-panel').hidden = r.findings.length === 0;
    setText($('findings-title'), t('findings-title-count', { count: r.findings.length }));
    for (const f of r.findings.slice(0, MAX_FINDINGS_SHOWN)) ul.append(findingItem(f));
    if (r.findings.length > MAX_FINDINGS_SHOWN) {
      ul.append(el('li', { class: 'muted', text: t('findings-more', { n: r.findings.length - MAX_FINDINGS_SHOWN }) }));
    }
  }

  // ---------------------------------------------------------------- images (report.images)

  const MAX_IMAGES_SHOWN = 100;

  function renderImages(r) {
    const box = $('images');
    const images = r.images || [];
    box.replaceChildren();
    $('images-panel').hidden = images.length === 0;
    setText($('images-title'), t('images-title-count', { count: images.length }));
    const badge = (status) => el('span', { class: 'badge ' + (IMAGE_TONE[status] || 'neutral'), text: word('image-status', status) });
    for (const img of images.slice(0, MAX_IMAGES_SHOWN)) {
      const dl = el('dl', { class: 'facts' });
      facts(dl, [
        ['fact-image-id', img.image_id],
        ['fact-manifest', img.manifest_digest],
        ['fact-platform', img.platform],
        ['fact-format', img.root ? t('image-format-in', { format: img.format, root: img.root }) : img.format],
      ]);
      const rows = el('tbody');
      img.layers.forEach((l, n) => {
        const stored = joinList([l.size !== undefined ? fmtBytes(l.size) : '', l.compression]) + (l.path ? ' — ' + l.path : '');
        rows.append(
          el(
            'tr',
            null,
            el('td', { text: String(n + 1) }),
            el('td', null, el('div', { class: 'mono', text: l.digest || l.actual || '' }), el('div', { class: 'muted', text: stored })),
            el('td', null, el('div', { class: 'mono', text: l.uncompressed || '' }), el('div', { class: 'muted', text: l.uncompressed_size !== undefined ? fmtBytes(l.uncompressed_size) : '' })),
            el('td', null, el('div', { class: 'mono', text: l.diff_id || '' })),
            el('td', null, badge(l.status)),
          ),
        );
      });
      const th = (id) => el('th', { text: t(id) });
      const layers = el('table', { class: 'layers' }, el('thead', null, el('tr', null, th('layer-number'), th('layer-stored'), th('layer-uncompressed'), th('layer-diff-id'), th('layer-status'))), rows);
      const tags = img.tags.length ? img.tags.join(', ') : t('image-untagged');
      box.append(el('div', { class: 'image' }, el('div', { class: 'sig-head' }, badge(img.status), el('code', { text: tags })), dl, layers));
    }
    if (images.length > MAX_IMAGES_SHOWN) box.append(el('p', { class: 'muted', text: t('images-more', { n: images.length - MAX_IMAGES_SHOWN }) }));
  }

  function renderGoModules(r) {
    const mods = r.go_modules || [];
    const body = $('gomod');
    body.replaceChildren();
    $('gomod-panel').hidden = mods.length === 0;
    setText($('gomod-title'), t('gomod-title-count', { count: mods.length }));
    for (const m of mods.slice(0, 1000)) {
      const tone = IMAGE_TONE[m.status] || 'neutral';
      const cell = (v) => el('td', null, el('div', { class: 'mono', text: v || '—' }));
      body.append(
        el(
          'tr',
          null,
          el('td', null, el('div', { class: 'mono', text: m.path + ' ' + m.version }), el('div', { class: 'muted', text: m.ziphash ? '.ziphash ' + m.ziphash : '' })),
          cell(m.zip),
          cell(m.tree),
          el('td', null, el('div', { class: 'mono', text: m.go_sum || '—' }), el('div', { class: 'muted', text: m.go_sum_mod ? 'go.mod ' + m.go_sum_mod : '' })),
          el('td', null, el('span', { class: 'badge ' + tone, text: tone === 'ok' ? t('module-status-ok') : word('image-status', m.status) })),
        ),
      );
    }
    if (mods.length > 1000) body.append(el('tr', null, el('td', { class: 'muted', text: t('gomod-more', { n: mods.length - 1000 }) })));
  }

  // ---------------------------------------------------------------- entries table (virtualised)

  const table = (function () {
    const viewport = $('entries-viewport');
    const spacer = $('entries-spacer');
    const rowH = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--row-h')) || 30;
    const ts = {
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
      const e = ts.entries[ts.view[pos]];
      const [icon, label, tone] = entryStatus(e.status);
      r.row.dataset.pos = String(pos);
      r.row.setAttribute('aria-rowindex', String(pos + 2));
      r.row.style.transform = 'translateY(' + pos * rowH + 'px)';
      r.row.className = 'tr' + (pos % 2 ? ' alt' : '') + (pos === ts.sel ? ' sel' : '');
      r.cells[0].className = 'td st ' + tone;
      r.cells[0].textContent = icon + ' ' + label;
      const slash = e.kind === 'directory' && !e.path.endsWith('/') ? '/' : '';
      const nodes = visibleNodes(e.path + slash);
      let title = visible(e.path + slash);
      if (e.link_target != null) {
        nodes.push(' \u2192 ', ...visibleNodes(e.link_target));
        title += ' \u2192 ' + visible(e.link_target);
      }
      r.cells[1].replaceChildren(...nodes);
      r.cells[1].title = title;
      r.cells[2].textContent = e.kind === 'file' ? fmtBytes(e.size) : word('kind', e.kind);
      r.cells[3].textContent = shortHash(e.expected);
      r.cells[3].title = e.expected || '';
      r.cells[4].textContent = shortHash(e.actual);
      r.cells[4].title = e.actual || '';
    }

    function render() {
      ts.frame = 0;
      const top = viewport.scrollTop;
      const height = viewport.clientHeight || 400;
      const first = Math.max(0, Math.floor(top / rowH) - 4);
      const last = Math.min(ts.view.length, Math.ceil((top + height) / rowH) + 4);
      const need = last - first;
      while (ts.pool.length < need) ts.pool.push(makeRow(ts.pool.length));
      for (let k = 0; k < ts.pool.length; k++) {
        const r = ts.pool[k];
        if (k < need) {
          r.row.hidden = false;
          fill(r, first + k);
        } else {
          r.row.hidden = true;
        }
      }
      const selRow = ts.pool.find((r) => !r.row.hidden && Number(r.row.dataset.pos) === ts.sel);
      if (selRow) viewport.setAttribute('aria-activedescendant', selRow.row.id);
      else viewport.removeAttribute('aria-activedescendant');
    }

    function schedule() {
      if (!ts.frame) ts.frame = requestAnimationFrame(render);
    }

    /** Lowercased paths, for the search box (made once per report, when first needed). */
    function lowerPaths() {
      if (!ts.lower) ts.lower = ts.entries.map((e) => e.path.toLowerCase());
      return ts.lower;
    }

    function rebuild() {
      const q = ts.query.toLowerCase();
      const lower = q ? lowerPaths() : null;
      const built = ts.built;
      // Typing on in the search box only narrows the rows shown: filter those (already in order)
      // instead of all entries.
      const narrowing =
        built && built.entries === ts.entries && built.problemsOnly === ts.problemsOnly && built.sortKey === ts.sortKey && built.sortDir === ts.sortDir && q.includes(built.q);
      let view;
      if (narrowing && q === built.q) {
        view = ts.view;
      } else if (narrowing) {
        view = [];
        for (const i of ts.view) if (lower[i].includes(q)) view.push(i);
      } else {
        view = [];
        for (let i = 0; i < ts.entries.length; i++) {
          if (ts.problemsOnly && !PROBLEM_STATUS.has(ts.entries[i].status)) continue;
          if (q && !lower[i].includes(q)) continue;
          view.push(i);
        }
        if (ts.sortKey) {
          const d = ts.sortDir;
          const es = ts.entries;
          let cmp;
          if (ts.sortKey === 'size') cmp = (a, b) => (es[a].size - es[b].size) * d || a - b;
          else if (ts.sortKey === 'status') cmp = (a, b) => (STATUS_RANK[es[a].status] - STATUS_RANK[es[b].status]) * d || a - b;
          else cmp = (a, b) => (es[a].path < es[b].path ? -d : es[a].path > es[b].path ? d : a - b);
          view.sort(cmp);
        }
      }
      ts.built = { entries: ts.entries, q, problemsOnly: ts.problemsOnly, sortKey: ts.sortKey, sortDir: ts.sortDir };
      ts.view = view;
      ts.sel = Math.min(ts.sel, view.length - 1);
      spacer.style.height = view.length * rowH + 'px';
      // As tall as the rows need, up to about half the window.
      viewport.style.height = Math.min(Math.max(view.length, 3) * rowH, Math.max(240, Math.round(window.innerHeight * 0.55))) + 'px';
      $('entries-table').setAttribute('aria-rowcount', String(view.length + 1));
      $('entries-empty').hidden = view.length > 0 || ts.entries.length === 0;
      $('entries-count').textContent = view.length === ts.entries.length ? t('entries-count', { n: ts.entries.length }) : t('entries-count-filtered', { shown: view.length, n: ts.entries.length });
      for (const th of document.querySelectorAll('#entries-table .th')) {
        const col = th.dataset.col;
        if (col) th.setAttribute('aria-sort', ts.sortKey === col ? (ts.sortDir > 0 ? 'ascending' : 'descending') : 'none');
      }
      render();
      showDetail();
    }

    function select(pos) {
      if (!ts.view.length) return;
      ts.sel = Math.max(0, Math.min(ts.view.length - 1, pos));
      const y = ts.sel * rowH;
      if (y < viewport.scrollTop) viewport.scrollTop = y;
      else if (y + rowH > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = y + rowH - viewport.clientHeight;
      render();
      showDetail();
    }

    function showDetail() {
      const box = $('entry-detail');
      box.replaceChildren();
      if (ts.sel < 0 || !ts.view.length) return;
      const e = ts.entries[ts.view[ts.sel]];
      const [icon, label] = entryStatus(e.status);
      const dl = el('dl', { class: 'facts' });
      const code = (s) => (s ? el('code', { text: s }) : null);
      facts(dl, [
        ['fact-path', code(e.path)],
        ['fact-status', icon + ' ' + label],
        ['fact-kind', word('kind', e.kind)],
        ['fact-size', e.kind === 'file' || e.size ? t('size-bytes', { n: e.size }) : null],
        ['fact-mode', e.mode != null ? e.mode.toString(8).padStart(4, '0') : null],
        ['fact-link-target', code(e.link_target)],
        ['fact-expected', code(e.expected)],
        ['fact-actual', code(e.actual)],
      ]);
      box.append(dl);
      const notes = ts.findingsByPath.get(e.path);
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
      if (ev.key in moves) select((ts.sel < 0 ? -1 : ts.sel) + moves[ev.key]);
      else if (ev.key === 'Home') select(0);
      else if (ev.key === 'End') select(ts.view.length - 1);
      else return;
      ev.preventDefault();
    });
    for (const b of document.querySelectorAll('#entries-table [data-sort]')) {
      b.addEventListener('click', () => {
        const key = b.dataset.sort;
        if (ts.sortKey === key) ts.sortDir = -ts.sortDir;
        else {
          ts.sortKey = key;
          ts.sortDir = 1;
        }
        rebuild();
      });
    }
    $('problems-only').addEventListener('change', (ev) => {
      ts.problemsOnly = ev.target.checked;
      rebuild();
    });
    // The search applies at the next frame: keystrokes typed within one frame cost one filter, and
    // no timer delays the answer (100,000 entries filter in a few milliseconds).
    const search = $('entry-search');
    let searchFrame = 0;
    search.addEventListener('input', () => {
      ts.query = search.value;
      if (!searchFrame) {
        searchFrame = requestAnimationFrame(() => {
          searchFrame = 0;
          rebuild();
        });
      }
    });
    // The lowercased paths are made when the reviewer comes to the box, not on the first key.
    search.addEventListener('focus', () => {
      if (ts.entries.length) lowerPaths();
    });

    return {
      setEntries(entries, findings) {
        ts.entries = entries;
        ts.lower = null;
        ts.sel = -1;
        ts.findingsByPath = new Map();
        for (const f of findings) {
          if (!f.path) continue;
          if (!ts.findingsByPath.has(f.path)) ts.findingsByPath.set(f.path, []);
          ts.findingsByPath.get(f.path).push(f);
        }
        viewport.scrollTop = 0;
        rebuild();
      },
      /** The same rows, filter, order and selection, in the language just chosen. */
      relabel() {
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
    button.textContent = ok ? t('copied') : t('copy-selected');
  }

  const MAX_PRINTED_ENTRIES = 5000;

  function fillPrint() {
    const r = state.report;
    if (!r) return;
    const sigs = r.signatures
      .map((s) => {
        const how = [word('sig-status', s.status)];
        if (s.key_source) how.push(word('key-source', s.key_source));
        return s.key_id + ' (' + how.join('; ') + ')' + (s.trusted_comment ? ' — ' + t('print-trusted-comment', { comment: s.trusted_comment }) : '');
      })
      .join('\n');
    const when = state.finishedAt || new Date();
    const b = state.build;
    facts($('print-facts'), [
      ['fact-verdict', el('span', { class: 'verdict-line', text: banner(r.verdict).toUpperCase() })],
      ['fact-reason', reasonText(r)],
      ['fact-checked', new Intl.DateTimeFormat(l10n.lang, { dateStyle: 'full', timeStyle: 'long' }).format(when) + '  (' + when.toISOString() + ')'],
      ['fact-checked-with', t('checked-with', { tool: r.tool })],
      ['fact-page', t('print-page', { version: b.version, commit: b.commit, wasm: b.wasm_sha256, rustc: b.rustc, fluent: b.fluent_bundle, keys: pinnedIds() })],
      ['fact-bundle', r.bundle ? t('print-bundle', { name: r.bundle.name, format: r.bundle.format, n: r.bundle.size }) : t('print-none')],
      ['fact-bundle-sha', r.bundle && r.bundle.sha256 ? el('code', { text: r.bundle.sha256 }) : null],
      ['fact-signatures', sigs || t('print-none')],
      ['fact-counts', countsLine(r)],
    ]);
    const fl = $('print-findings');
    fl.replaceChildren();
    if (!r.findings.length) fl.append(el('li', { text: t('print-findings-none') }));
    for (const f of r.findings) fl.append(el('li', { text: severityWord(f.severity) + ' [' + f.code + ']' + (f.path ? ' ' + f.path : '') + ': ' + findingText(f) }));

    let rows = r.entries;
    let note = '';
    if (rows.length > MAX_PRINTED_ENTRIES) {
      const problems = rows.filter((e) => PROBLEM_STATUS.has(e.status));
      rows = problems.slice(0, MAX_PRINTED_ENTRIES);
      note = t('print-entries-note', { total: r.entries.length, n: rows.length });
    }
    setText($('print-entries-note'), note);
    const tableEl = $('print-entries');
    const th = (id) => el('th', { text: t(id) });
    tableEl.replaceChildren(el('thead', null, el('tr', null, th('column-status'), th('column-path'), th('column-size'), th('print-column-hash'))));
    const body = el('tbody');
    for (const e of rows) {
      const hash = e.actual && e.expected && e.actual !== e.expected ? t('print-hash-differs', { actual: e.actual, expected: e.expected }) : e.actual || e.expected || '';
      body.append(el('tr', null, el('td', { text: entryStatus(e.status)[1] }), el('td', { class: 'mono', text: e.path }), el('td', { text: e.kind === 'file' ? fmtInt(e.size) : word('kind', e.kind) }), el('td', { class: 'mono', text: hash })));
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
    b.textContent = t('theme-button', { theme });
    b.setAttribute('aria-label', tAttr('theme-button', 'aria-label', { theme }));
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
    // The language: the reviewer's earlier choice, else the browser's preferences.
    loadCatalogue();
    const stored = storedLang();
    setLang(stored && l10n.bundles.has(stored) ? stored : negotiate(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || '']));
    applyTheme('auto');
    wire();
    if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
      fatal(msg('error-no-wasm'));
      return;
    }
    state.build = loadBuild();
    renderProvenance();
    resetResult();
    try {
      state.wasm = b64Bytes($('airlock-wasm').textContent);
    } catch (e) {
      fatal(msg('error-start', { detail: errorMsg(e) }));
      return;
    }
    // The module runs only once its SHA-256 is the one the page states (a few milliseconds).
    checkWasmDigest().then(
      () => {
        try {
          state.module = WebAssembly.compile(state.wasm).catch(() => state.wasm);
          startWorkers();
        } catch (e) {
          fatal(msg('error-start', { detail: errorMsg(e) }));
          return;
        }
        loadPinned().catch((e) => {
          if (e instanceof Cancelled) return;
          fatal(msg('error-pinned', { detail: errorMsg(e) }));
        });
      },
      (e) => fatal(errorMsg(e)),
    );
  }

  main();
})();
