'use strict';
// The page in the reviewer's language: Chromium with its locale set to zh-CN opens
// dist/airlock.html from file:// and checks bundles signed by real minisign (verified, tampered,
// unsigned, no list at all). Banner, reason, findings, headings, table and printed report must be
// Chinese, with no English UI sentence left; switching to English and back re-renders the report
// without checking again and is remembered across a reload; with an English locale the page is
// English, and the finding sentences it renders with @fluent/bundle are the report's `message`
// fields, which the engine rendered with Rust's fluent-bundle. Screenshots in tests/e2e/out/.
//
// The expected sentences are rendered here from the same catalogue (locales/<lang>/*.ftl) with the
// same @fluent/bundle the page inlines (site/node_modules, installed by scripts/build.sh).
//
// Needs: dist/airlock.html and target/release/airlock (scripts/test-e2e.sh builds them).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');
const F = require('./fixtures');

const OUT = path.join(__dirname, 'out');
const FLUENT = path.join(F.ROOT, 'site', 'node_modules', '@fluent', 'bundle');
const LOCALES = path.join(F.ROOT, 'locales');
const HAN = /\p{Script=Han}/u;

// How the page shows a hidden character of a name (site/app.js, visibleNodes).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
const ESCAPES = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e' };
const escaped = (s) => s.replace(HIDDEN, (c) => ESCAPES[c.charCodeAt(0)] || '\\u{' + c.charCodeAt(0).toString(16).toUpperCase() + '}');
/** Text with the given names taken out (names from the bundle may hold any script). */
const without = (text, names) => names.reduce((t, n) => t.split(n).join(''), text);

let browser;
let fx;
let Fluent;
const catalogue = {}; // lang -> { bundle, resources: [FluentResource] }

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

function write(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/**
 * Bundles made with real minisign (`minisign -S` over sha256sum's list), key M pinned in the page:
 * signed (verified); tampered after signing, with names that try to deceive (failed); the
 * signature removed (unsigned); no list at all (error).
 */
function makeBundles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-e2e-i18n-'));
  const at = (...p) => path.join(dir, ...p);
  run('minisign', ['-G', '-W', '-p', at('M.pub'), '-s', at('M.key')]);
  const b = { dir, pages: {}, keys: { M: at('M.pub') }, names: {} };
  const bundle = (name, edit) => {
    const top = at(name, 'tools-2.3');
    write(path.join(top, 'tool'), Buffer.alloc(200000, 7));
    write(path.join(top, 'lib', 'libtool.so'), Buffer.alloc(90000, 8));
    write(path.join(top, 'LICENSE'), 'MIT\n');
    fs.writeFileSync(path.join(top, 'SHA256SUMS'), run('sha256sum', ['tool', 'lib/libtool.so', 'LICENSE'], { cwd: top }));
    run('minisign', ['-S', '-s', at('M.key'), '-m', path.join(top, 'SHA256SUMS'), '-t', 'tools 2.3 release']);
    edit(top);
    b[name] = at(name + '.tar.gz');
    run('tar', ['-C', at(name), '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-czf', b[name], 'tools-2.3']);
  };
  b.names.bidi = 'invoice\u202Efdp.exe';
  b.names.html = '<img src=x onerror=alert(1)>说明.txt';
  bundle('signed', () => {});
  bundle('tampered', (top) => {
    fs.writeFileSync(path.join(top, 'LICENSE'), 'GPL\n');
    write(path.join(top, b.names.bidi), 'MZ\n');
    write(path.join(top, b.names.html), 'x\n');
  });
  bundle('unsigned', (top) => fs.rmSync(path.join(top, 'SHA256SUMS.minisig')));
  bundle('nolist', (top) => {
    fs.rmSync(path.join(top, 'SHA256SUMS'));
    fs.rmSync(path.join(top, 'SHA256SUMS.minisig'));
  });
  return b;
}

/** Every language folder's findings.ftl and page.ftl in one Fluent bundle, as the page has them. */
function loadCatalogue() {
  Fluent = require(FLUENT);
  for (const lang of fs.readdirSync(LOCALES).filter((d) => fs.statSync(path.join(LOCALES, d)).isDirectory())) {
    const bundle = new Fluent.FluentBundle(lang, { useIsolating: false });
    const resources = [];
    for (const file of ['findings.ftl', 'page.ftl']) {
      const res = new Fluent.FluentResource(fs.readFileSync(path.join(LOCALES, lang, file), 'utf8'));
      assert.deepEqual(bundle.addResource(res), [], 'locales/' + lang + '/' + file + ' parses');
      resources.push(res);
    }
    catalogue[lang] = { bundle, resources };
  }
  assert.ok(catalogue.en && catalogue['zh-CN'], 'the catalogue has en and zh-CN');
}

/** Message `id` in `lang` (English when `lang` lacks it), engine-style arguments. */
function render(lang, id, params) {
  const { bundle } = catalogue[lang].bundle.hasMessage(id) ? catalogue[lang] : catalogue.en;
  const args = {};
  for (const [k, v] of Object.entries(params || {})) args[k] = typeof v === 'number' ? new Fluent.FluentNumber(v, { useGrouping: false }) : v;
  const errors = [];
  const text = bundle.formatPattern(bundle.getMessage(id).value, args, errors);
  assert.deepEqual(errors, [], id + ' renders without errors');
  return text;
}
const finding = (lang, f) => render(lang, f.message_id, f.params);
function reason(lang, r) {
  const params = Object.assign({}, r.reason_params);
  if (Number.isInteger(params.finding)) params.first = finding(lang, r.findings[params.finding]);
  return render(lang, r.reason_id, params);
}

/**
 * The English UI sentences: the literal text of every message and attribute of en page.ftl and
 * findings.ftl (the parts between placeables, in every variant), those of two words or more and
 * at least 10 characters. None may be left on a page shown in another language.
 */
function englishSentences() {
  const out = new Set();
  const walk = (node) => {
    if (typeof node === 'string') {
      for (const part of node.split('\n')) {
        const s = part.trim();
        if (s.length >= 10 && /[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}/.test(s)) out.add(s);
      }
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'select') node.variants.forEach((v) => walk(v.value));
    }
  };
  for (const res of catalogue.en.resources) {
    for (const [id, msg] of res.body.map((m) => [m.id, m])) {
      if (id === 'language-name') continue; // "English" on the switch, by design
      walk(msg.value);
      Object.values(msg.attributes || {}).forEach(walk);
    }
  }
  return [...out];
}

before(async () => {
  for (const need of [F.PAGE, F.AIRLOCK, path.join(FLUENT, 'index.js')]) {
    assert.ok(fs.existsSync(need), need + ' is missing: run scripts/build.sh first');
  }
  fs.mkdirSync(OUT, { recursive: true });
  loadCatalogue();
  fx = makeBundles();
  fx.pages.M = F.pinnedPage(fx, 'pinned-M', [fx.keys.M]);
  browser = await chromium.launch({ executablePath: F.CHROMIUM, args: F.BROWSER_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (fx && !process.env.AIRLOCK_KEEP_FIXTURES) fs.rmSync(fx.dir, { recursive: true, force: true });
});

async function open(locale) {
  const opened = await F.openPage(browser, fx.pages.M, { locale });
  const close = opened.close;
  opened.close = (name) => close(name ? path.join(OUT, name + '.png') : undefined);
  return opened;
}

/** The exported report, checked to be the one `airlock verify --json` prints (language-free). */
async function exported(page, bundle, status) {
  const text = await F.exportReport(page);
  const [code, cli] = F.cliVerify(fx, [path.basename(bundle), '--trusted-key', 'M.pub']);
  assert.equal(code, status, 'CLI exit status');
  const norm = (t) => {
    const r = JSON.parse(t);
    delete r.page;
    r.elapsed_ms = 0;
    return JSON.stringify(r).replace(/"(source|key_source)":"pinned"/g, '"$1":"command-line"');
  };
  assert.equal(norm(text), norm(cli), 'the export is the engine report, whatever the page language');
  return JSON.parse(text);
}

/** What the page shows, read once. */
function shown(page) {
  return page.evaluate(() => {
    const visible = (e) => e.offsetParent !== null || e.getClientRects().length > 0;
    const texts = (sel) => [...document.querySelectorAll(sel)].filter(visible).map((e) => e.textContent);
    return {
      lang: document.documentElement.lang,
      title: document.getElementById('verdict-title').textContent,
      reason: document.getElementById('verdict-reason').textContent,
      counts: document.getElementById('verdict-counts').textContent,
      headings: texts('main h2, main h3'),
      severities: texts('#findings .sev'),
      messages: [...document.querySelectorAll('#findings li .message')].map((e) => e.textContent),
      statuses: texts('#entries-spacer .tr:not([hidden]) .st'),
      columns: texts('#entries-table .th'),
      buttons: texts('button:not([data-lang])'),
      labels: [...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((e) => [e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('title')]).filter(Boolean),
      body: document.body.innerText,
    };
  });
}

/**
 * No Unicode isolation marks around placeables, raw or shown as escapes: the page's Fluent, like
 * the engine's, renders with useIsolating off (the names of these bundles hold none).
 */
function assertNoIsolation(text) {
  assert.doesNotMatch(text, /[\u2066-\u2069]|\\u\{206[6-9]\}/, 'isolation marks in the page text');
}

/** No English UI sentence in `text`; `allowed`: English text that is data (the engine's untranslated sentences). */
function assertNoEnglish(text, allowed, where) {
  let rest = text;
  for (const a of allowed) rest = rest.split(a).join(' ');
  const left = englishSentences().filter((s) => rest.includes(s));
  assert.deepEqual(left, [], 'English UI sentences left in ' + where);
}

/**
 * The page in Chinese for report `r`: banner, reason and findings are the catalogue's Chinese
 * sentences; headings, severities, statuses, column headers, buttons, labels are Chinese; no
 * English sentence of the catalogue is left anywhere in the page's text or its labels.
 */
async function assertChinese(page, r) {
  const s = await shown(page);
  const zh = catalogue['zh-CN'].bundle;
  const banner = zh.formatPattern(zh.getMessage('banner-' + r.verdict).value);
  assert.equal(s.lang, 'zh-CN');
  assert.equal(s.title, banner);
  assert.match(s.title, HAN);
  assert.equal(s.reason, reason('zh-CN', r), 'the reason, in Chinese');
  assert.match(s.counts, HAN);
  // Findings: the Chinese sentence of each (names inside are shown as they are, escaped).
  assert.equal(s.messages.length, Math.min(r.findings.length, 500));
  const untranslated = [];
  r.findings.slice(0, 500).forEach((f, i) => {
    assert.equal(s.messages[i], escaped(finding('zh-CN', f)), 'finding ' + i + ' (' + f.message_id + ')');
    // A sentence the engine has not given a message of its own yet is its English text (the
    // transitional finding-untranslated); every other finding reads in Chinese.
    if (/-untranslated$/.test(f.message_id)) untranslated.push(f.message);
    else assert.match(s.messages[i], HAN, f.message_id + ' in Chinese');
  });
  if (/-untranslated$/.test(r.reason_id)) untranslated.push(r.reason);
  else assert.match(s.reason, HAN, r.reason_id + ' in Chinese');
  // Comments the signer wrote are data too (minisign's "signature from minisign secret key").
  for (const sig of r.signatures) untranslated.push(...[sig.untrusted_comment, sig.trusted_comment].filter(Boolean));
  for (const sev of s.severities) assert.match(sev, HAN);
  for (const h of s.headings) assert.match(h, HAN, 'heading ' + h);
  for (const st of s.statuses) assert.match(st, HAN, 'status ' + st);
  for (const c of s.columns) assert.match(c, HAN, 'column ' + c);
  for (const b of s.buttons) if (b.trim() && b !== '\u00d7') assert.match(b, HAN, 'button ' + b);
  assertNoEnglish(s.body, untranslated, 'the page');
  assertNoIsolation(s.body);
  assertNoEnglish(s.labels.join('\n'), [], 'aria labels, placeholders and titles');
  return s;
}

for (const [name, bundle, verdict, status] of [
  ['verified', 'signed', 'verified', 0],
  ['failed', 'tampered', 'failed', 1],
  ['unsigned', 'unsigned', 'unsigned', 1],
  ['error', 'nolist', 'error', 2],
]) {
  test(`zh-CN: ${name} — banner, reason, findings, headings and table in Chinese, no English sentence left`, async () => {
    const s = await open('zh-CN');
    const { page } = s;
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.setInputFiles('#files', [fx[bundle]]);
    assert.equal(await F.waitVerdict(page), verdict);
    const r = await exported(page, fx[bundle], status);
    const seen = await assertChinese(page, r);
    if (name === 'failed') {
      assert.ok(r.findings.some((f) => f.code === 'hash-mismatch'));
      // Names from the bundle stay as they are: the bidi override shown as an escape, the markup
      // as text (no element made of it).
      const paths = await page.$$eval('#findings .path', (els) => els.map((e) => e.textContent));
      assert.ok(paths.some((p) => p.includes('invoice\\u{202E}fdp.exe')), paths.join(' | '));
      assert.ok(paths.some((p) => p.includes(fx.names.html)), paths.join(' | '));
      assert.equal(await page.$$eval('#findings img', (e) => e.length), 0);
      // The printed report too.
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => document.getElementById('print-report').innerText);
      assert.match(printed, /Airlock 验证报告/);
      assert.ok(printed.includes(seen.title.toUpperCase()));
      assertNoEnglish(printed, r.findings.filter((f) => /-untranslated$/.test(f.message_id)).map((f) => f.message).concat(r.reason), 'the printed report');
      await page.emulateMedia({ media: 'screen' });
    }
    await s.close('i18n-zh-' + name);
  });
}

test('zh-CN: the idle page, the key panel and the switch are Chinese; zh, zh-Hans, zh-SG get Chinese too', async () => {
  for (const locale of ['zh-CN', 'zh', 'zh-Hans', 'zh-SG']) {
    const s = await open(locale);
    const { page } = s;
    const seen = await shown(page);
    assert.equal(seen.lang, 'zh-CN', locale);
    assert.match(seen.title, HAN);
    assert.equal(await page.title(), catalogue['zh-CN'].bundle.formatPattern(catalogue['zh-CN'].bundle.getMessage('page-title').value));
    assertNoEnglish(seen.body, [], 'the idle page (' + locale + ')');
    assertNoEnglish(seen.labels.join('\n'), [], 'labels (' + locale + ')');
    // The switch names each language in its own words, the current one pressed.
    const langs = await page.$$eval('#languages button', (b) => b.map((x) => [x.dataset.lang, x.textContent, x.getAttribute('aria-pressed'), x.lang]));
    assert.deepEqual(langs, [
      ['en', 'English', 'false', 'en'],
      ['zh-CN', '中文', 'true', 'zh-CN'],
    ]);
    await s.close(locale === 'zh-CN' ? 'i18n-zh-idle' : undefined);
  }
});

test('switching language re-renders the report without checking again, and is remembered across a reload', async () => {
  const s = await open('zh-CN');
  const { page } = s;
  await page.setInputFiles('#files', [fx.tampered]);
  assert.equal(await F.waitVerdict(page), 'failed');
  const r = await exported(page, fx.tampered, 1);
  await assertChinese(page, r);
  // A run replaces the workers it used; a change of language starts none.
  const workers = s.workers.length;

  await page.click('#languages button[data-lang="en"]');
  let seen = await shown(page);
  assert.equal(seen.lang, 'en');
  assert.equal(seen.title, 'Failed — do not use this bundle');
  assert.equal(seen.reason, r.reason, 'the English reason is the report’s');
  assert.deepEqual(seen.messages, r.findings.map((f) => escaped(f.message)));
  assert.doesNotMatch(without(seen.body, ['中文', fx.names.html]), HAN, 'no Chinese left');
  assert.equal(await page.getAttribute('#languages button[data-lang="en"]', 'aria-pressed'), 'true');
  assert.equal(await page.$eval('#verdict', (v) => v.dataset.verdict), 'failed');
  await page.screenshot({ path: path.join(OUT, 'i18n-switched-en.png'), fullPage: true });

  await page.click('#languages button[data-lang="zh-CN"]');
  await assertChinese(page, r);
  await page.click('#languages button[data-lang="en"]');
  assert.equal(s.workers.length, workers, 'no check ran again');

  // Remembered: the zh-CN browser reloads the page in English, until the reviewer switches back.
  await page.reload();
  await page.waitForFunction(() => document.getElementById('tool-version').textContent.startsWith('airlock'));
  seen = await shown(page);
  assert.equal(seen.lang, 'en');
  assert.equal(seen.title, 'Nothing checked yet');
  assert.doesNotMatch(without(seen.body, ['中文']), HAN);
  await page.click('#languages button[data-lang="zh-CN"]');
  await page.reload();
  await page.waitForFunction(() => document.getElementById('tool-version').textContent.startsWith('airlock'));
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.textContent('#verdict-title'), HAN);
  await s.close();
});

test('en-US: the page is English, and its finding sentences are the report’s message fields', async () => {
  for (const bundle of ['tampered', 'unsigned', 'nolist', 'signed']) {
    const s = await open('en-US');
    const { page } = s;
    await page.setInputFiles('#files', [fx[bundle]]);
    await F.waitVerdict(page);
    const r = await exported(page, fx[bundle], { signed: 0, tampered: 1, unsigned: 1, nolist: 2 }[bundle]);
    const seen = await shown(page);
    assert.equal(seen.lang, 'en');
    assert.equal(seen.title, render('en', 'banner-' + r.verdict));
    // The two Fluent implementations agree: @fluent/bundle in the page renders each finding and
    // the reason exactly as the engine's fluent-bundle did for the report.
    assert.equal(seen.reason, r.reason);
    assert.deepEqual(seen.messages, r.findings.map((f) => escaped(f.message)));
    for (const f of r.findings) assert.equal(finding('en', f), f.message, f.message_id);
    assertNoIsolation(seen.body);
    assert.doesNotMatch(without(seen.body, ['中文', fx.names.html]), HAN, 'no Chinese on the English page');
    await s.close(bundle === 'tampered' ? 'i18n-en-failed' : undefined);
  }
});

test('zh-CN: what the page says itself (a damaged page that will not run its module) is Chinese, and switches', async () => {
  const html = fs.readFileSync(fx.pages.M, 'utf8');
  const stated = /"wasm_sha256":"([0-9a-f]{64})"/.exec(html)[1];
  const other = stated.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const damaged = path.join(fx.dir, 'pages', 'damaged.html');
  fs.writeFileSync(damaged, html.replace('"wasm_sha256":"' + stated + '"', '"wasm_sha256":"' + other + '"'));
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('file://' + damaged);
  assert.equal(await F.waitVerdict(page), 'error');
  const args = { actual: stated, stated: other }; // the module's real digest, the one the page now states
  assert.equal(await page.textContent('#verdict-title'), render('zh-CN', 'cannot-run-title'));
  assert.equal(await page.textContent('#verdict-reason'), catalogue['zh-CN'].bundle.formatPattern(catalogue['zh-CN'].bundle.getMessage('error-damaged').value, args));
  assertNoEnglish(await page.evaluate(() => document.body.innerText), [], 'the damaged page');
  await page.click('#languages button[data-lang="en"]');
  assert.equal(await page.textContent('#verdict-title'), 'The verifier cannot run');
  assert.ok((await page.textContent('#verdict-reason')).includes('not the ' + other + ' it states'));
  await context.close();
});
