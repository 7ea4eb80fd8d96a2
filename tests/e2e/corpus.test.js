'use strict';
// The hostile-input corpus (tests/corpus/) through the page, as tests/corpus.rs runs it through
// the CLI: every case must give exactly its verdict and its set of finding codes from
// tests/corpus/cases.tsv. tests/corpus/make.sh builds the corpus once into a temporary folder;
// one page is assembled per distinct set of trusted keys (scripts/build.sh --page-only
// --trusted-key ...), and each case opens that page afresh (copied alone into an empty folder,
// through file://), hands it the case's inputs and reads the JSON report it exports. The page must
// make no request other than file:, blob: or data:, report no error, open no dialog, violate no
// Content-Security-Policy directive, and show every name from the bundle as text (no element or
// event handler appears that could run script). Cases that need a CLI-only flag (--max-entries,
// --max-path-len: the page has no way to set them) are skipped, visibly.
//
// When a case goes wrong the failure carries the page's report and `airlock verify --json` on the
// same inputs, and a screenshot is saved under tests/e2e/out/corpus/.
//
// Needs: dist/airlock.html's wasm (target/wasm-page/) and target/release/airlock, as
// scripts/test-e2e.sh builds them; minisign, signify-openbsd, GNU tar, python3 for make.sh.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const F = require('./fixtures');

const OUT = path.join(__dirname, 'out', 'corpus');
/** The slowest case inflates 4 GiB of zeros in WebAssembly. */
const VERDICT_TIMEOUT = 150000;

let browser;
let corpus;
/** Sorted, comma-joined trusted key files -> the page with exactly those keys pinned. */
const pages = new Map();

const keySet = (c) => [...c.trusted].sort().join(',');

before(async () => {
  for (const need of [F.AIRLOCK, path.join(F.ROOT, 'target', 'wasm-page', 'airlock_wasm_bg.wasm')]) {
    assert.ok(fs.existsSync(need), need + ' is missing: run scripts/build.sh first');
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  corpus = F.makeCorpus();
  for (const c of corpus.cases) {
    const id = keySet(c);
    if (pages.has(id)) continue;
    const keys = id ? id.split(',').map((k) => path.join(corpus.dir, k)) : [];
    pages.set(id, F.pinnedPage({ dir: corpus.tmp }, 'corpus-keys-' + pages.size, keys));
  }
  browser = await chromium.launch({ executablePath: F.CHROMIUM, args: F.BROWSER_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (corpus && !process.env.AIRLOCK_KEEP_FIXTURES) fs.rmSync(corpus.tmp, { recursive: true, force: true });
});

/** `airlock verify --json` on the case, run exactly as tests/corpus.rs runs it. */
function cli(c) {
  const args = [...c.trusted.flatMap((k) => ['--trusted-key', k]), ...c.args, ...c.inputs];
  const [status, json] = F.cliVerify({ dir: corpus.dir }, args);
  return { status, json };
}

/** The page's answer to one case: { verdict (data-verdict), report (parsed, or null), text }. */
async function runCase(s, c) {
  const { page } = s;
  await page.setInputFiles(
    '#files',
    c.inputs.map((i) => path.join(corpus.dir, i)),
  );
  const verdict = await F.waitVerdict(page, '', VERDICT_TIMEOUT);
  // A key dropped with the case is listed but never trusted until the reviewer switches it on,
  // on every page (the CLI trusts only --trusted-key): the page must agree with the CLI as is.
  const switches = await page.$$eval('#session-keys input[role=switch]', (boxes) => boxes.map((b) => b.checked));
  assert.ok(!switches.includes(true), 'a dropped key was trusted without the reviewer switching it on');
  if (await page.isHidden('#export-json')) {
    // No report: the page stated the verdict itself (the verifier failed or stopped).
    const said = (await page.textContent('#verdict-title')) + ': ' + (await page.textContent('#verdict-reason'));
    return { verdict, report: null, text: '(no report; the page says: ' + said + ')' };
  }
  const text = await F.exportReport(page);
  return { verdict, report: JSON.parse(text), text };
}

/** Everything wrong with the page's answer to `c` (empty when the case passes). */
function wrongs(c, got) {
  const wrong = [];
  if (!got.report) return ['no JSON report ' + got.text];
  const r = got.report;
  if (got.verdict !== r.verdict) wrong.push(`data-verdict ${got.verdict} but the report says ${r.verdict}`);
  if (r.verdict !== c.verdict) wrong.push(`verdict ${r.verdict}, expected ${c.verdict} (${JSON.stringify(r.reason)})`);
  const codes = [...new Set((r.findings || []).map((f) => f.code))].sort();
  const want = [...new Set(c.codes)].sort();
  if (JSON.stringify(codes) !== JSON.stringify(want)) wrong.push(`codes [${codes}], expected [${want}]`);
  return wrong;
}

/**
 * The findings as the page shows them: the same codes in the same order as the report, and every
 * path from the bundle as literal text (hidden characters escaped, never live).
 */
async function assertShown(page, report) {
  const shown = await page.$$eval('#findings > li', (lis) =>
    lis.map((li) => ({
      code: li.querySelector('.code') && li.querySelector('.code').textContent,
      path: li.querySelector('.path') ? li.querySelector('.path').textContent : null,
    })),
  );
  const findings = report.findings.slice(0, 500);
  assert.deepEqual(
    shown.filter((f) => f.code !== null).map((f) => f.code),
    findings.map((f) => f.code),
    'the findings shown are the report\'s',
  );
  // The characters the page must show as escapes (HIDDEN in site/app.js): never live.
  const hidden = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;
  shown.forEach((f, i) => {
    const want = findings[i] && findings[i].path;
    if (!want) return;
    if (hidden.test(want)) assert.ok(!hidden.test(f.path), 'a hidden character shown live in ' + JSON.stringify(f.path));
    else assert.equal(f.path, want, 'a finding\'s path shown as literal text');
  });
}

test('every corpus case gives its verdict and finding codes in the page', async (t) => {
  const started = Date.now();
  let slowest = [0, ''];
  let ran = 0;
  let skipped = 0;
  for (const c of corpus.cases) {
    await t.test(c.name, async (t) => {
      if (c.args.length) {
        skipped++;
        t.skip('CLI-only limit flag');
        return;
      }
      ran++;
      const s = await F.openPage(browser, pages.get(keySet(c)));
      const before = await F.activeElements(s.page);
      const t0 = Date.now();
      let failure = null;
      try {
        const got = await runCase(s, c);
        const took = Date.now() - t0;
        if (took > slowest[0]) slowest = [took, c.name];
        const wrong = wrongs(c, got);
        if (wrong.length) {
          const { status, json } = cli(c);
          assert.fail(`${c.name}: ${wrong.join('; ')}\n--- page report:\n${got.text}\n--- airlock verify --json (exit ${status}):\n${json}`);
        }
        // Names render as text: nothing that could run script appeared, nothing was refused.
        assert.deepEqual(await F.activeElements(s.page), before, 'elements or handlers appeared that could run script');
        assert.deepEqual(await s.violations(), [], 'Content-Security-Policy violations');
        await assertShown(s.page, got.report);
      } catch (e) {
        failure = e;
      }
      // close() checks requests, errors and dialogs; a screenshot only when something is wrong.
      try {
        await s.close(failure ? path.join(OUT, c.name + '.png') : undefined);
      } catch (e) {
        failure = failure || e;
      }
      if (failure) throw failure;
    });
  }
  t.diagnostic(`${ran} cases run, ${skipped} skipped, in ${((Date.now() - started) / 1000).toFixed(1)} s; slowest ${slowest[1]} (${(slowest[0] / 1000).toFixed(1)} s)`);
});
