'use strict';
// End-to-end tests of dist/airlock.html in Chromium, opened from file:// exactly as a reviewer
// opens it from a USB stick: the page is copied alone into an empty folder, no server anywhere.
// Each case saves a screenshot under tests/e2e/out/ and checks that the page made no request
// other than file:, blob: or data:. Where the page produces a report, its JSON export must equal
// `airlock verify --json` on the same inputs (apart from the timing, and "pinned" standing where
// the CLI says "command-line").
//
// Needs: dist/airlock.html and target/release/airlock (scripts/test-e2e.sh builds them).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const F = require('./fixtures');

const OUT = path.join(__dirname, 'out');
const CHROMIUM = process.env.AIRLOCK_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser;
let fx;

before(async () => {
  for (const need of [F.PAGE, F.AIRLOCK]) {
    assert.ok(fs.existsSync(need), need + ' is missing: run scripts/build.sh first');
  }
  fs.mkdirSync(OUT, { recursive: true });
  fx = F.makeFixtures();
  fx.pages.plain = F.PAGE;
  fx.pages.A = F.pinnedPage(fx, 'pinned-A', [fx.keys.A]);
  fx.pages.B = F.pinnedPage(fx, 'pinned-B', [fx.keys.B]);
  fx.pages.M = F.pinnedPage(fx, 'pinned-M', [fx.keys.M]);
  fx.pages.S = F.pinnedPage(fx, 'pinned-S', [fx.keys.S]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (fx && !process.env.AIRLOCK_KEEP_FIXTURES) fs.rmSync(fx.dir, { recursive: true, force: true });
});

/** F.openPage in this file's browser; `close(name)` saves the screenshot as OUT/name.png. */
async function open(pageFile, options) {
  const opened = await F.openPage(browser, pageFile, options);
  const close = opened.close;
  opened.close = (name) => close(name ? path.join(OUT, name + '.png') : undefined);
  return opened;
}

const verdict = F.waitVerdict;
const exportJson = F.exportReport;

/** The CLI's wording for the same keys: pinned in the page = --trusted-key on the command line. */
function comparable(text) {
  return text
    .replace(/"elapsed_ms": \d+/, '"elapsed_ms": 0')
    .replace(/"(source|key_source)": "pinned"/g, '"$1": "command-line"');
}

/**
 * The page's export is the CLI's JSON document with the page's provenance appended as its last
 * member, "page": the text without it (checked to be there, and last).
 */
function withoutPage(text) {
  const m = text.match(/,\n {2}"page": \{\n[^]*?\n {2}\}\n\}\n$/);
  assert.ok(m, 'the export ends with the page provenance');
  const page = JSON.parse(text).page;
  assert.deepEqual(Object.keys(page), ['version', 'commit', 'wasm_sha256', 'rustc', 'pinned_keys']);
  return text.slice(0, m.index) + '\n}\n';
}

/** The page's JSON export and `airlock verify --json` must be the same document. */
async function assertParity(page, cliArgs, expectStatus) {
  const exported = await exportJson(page);
  const [status, cli] = F.cliVerify(fx, cliArgs);
  assert.equal(status, expectStatus, 'CLI exit status');
  const report = withoutPage(exported);
  assert.deepEqual(JSON.parse(comparable(report)), JSON.parse(comparable(cli)));
  assert.equal(comparable(report), comparable(cli), 'byte-for-byte the same JSON text');
  return JSON.parse(exported);
}

async function codes(page) {
  return page.$$eval('#findings .code', (els) => els.map((e) => e.textContent));
}

test('verified: a bundle made by airlock pack, on a page with its key pinned', async () => {
  const s = await open(fx.pages.A);
  const { page } = s;
  assert.match(await page.textContent('#pinned-keys'), /pinned/);
  await page.setInputFiles('#files', [fx.good]);
  assert.equal(await verdict(page), 'verified');
  assert.match(await page.textContent('#verdict-title'), /Verified/);
  assert.equal(await page.isVisible('#verdict .icon-verified'), true, 'an icon, not colour alone');
  const report = await assertParity(page, ['good.tar.gz', '--trusted-key', 'A.pub'], 0);
  assert.equal(report.signatures[0].key_source, 'pinned');
  assert.equal(await page.textContent('#bundle-sha'), F.sha256(fx.good));
  assert.match(await page.textContent('#signatures'), /pinned in this page/);
  // The entries table lists every entry of the report (few enough to be all in view).
  assert.equal(await page.$$eval('#entries-spacer .tr:not([hidden])', (r) => r.length), report.entries.length);
  await s.close('verified');
});

test('verified: a list signed by real minisign', async () => {
  const s = await open(fx.pages.M);
  const { page } = s;
  await page.setInputFiles('#files', [fx.minisign]);
  assert.equal(await verdict(page), 'verified');
  const report = await assertParity(page, ['minisign.tar.gz', '--trusted-key', 'M.pub'], 0);
  assert.equal(report.signatures[0].trusted_comment, 'tools 2.3 release');
  assert.match(await page.textContent('#signatures'), /tools 2\.3 release/);
  await s.close('verified-minisign');
});

test('verified: an OpenBSD-style SHA256.sig made by real signify', async () => {
  const s = await open(fx.pages.S);
  const { page } = s;
  assert.match(await page.textContent('#pinned-keys'), /signify/);
  await page.setInputFiles('#files', [fx.signify]);
  assert.equal(await verdict(page), 'verified');
  const report = await assertParity(page, ['signify.tar.gz', '--trusted-key', 'S.pub'], 0);
  assert.equal(report.signatures[0].format, 'signify-embedded');
  await s.close('verified-signify');
});

test('verified: files dropped on the page (drag and drop)', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  const files = [fx.good, fx.keys.A].map((f) => ({ name: path.basename(f), b64: fs.readFileSync(f).toString('base64') }));
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      t.items.add(new File([bytes], f.name));
    }
    return t;
  }, files);
  await page.dispatchEvent('#dropzone', 'dragenter', { dataTransfer: dt });
  assert.equal(await page.evaluate(() => document.getElementById('dropzone').classList.contains('over')), true);
  await page.dispatchEvent('#dropzone', 'drop', { dataTransfer: dt });
  // The dropped key is listed, not trusted (this page pins none): failed until switched on.
  assert.equal(await verdict(page), 'failed');
  assert.match(await page.textContent('#input-list'), /good\.tar\.gz/);
  await page.check('#session-keys input[role=switch]');
  assert.equal(await verdict(page, 'failed'), 'verified');
  assert.equal(page.url().endsWith('/airlock.html'), true, 'the drop did not navigate away');
  await s.close('dropped');
});

test('a page with no pinned keys lists a dropped key but trusts it only once switched on ("session key")', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  assert.match(await page.textContent('#pinned-summary'), /no pinned keys/);
  assert.match(await page.textContent('#pinned-summary'), /not trusted/);
  await page.setInputFiles('#files', [fx.good, fx.keys.A]);
  // Dropped alone, the key is the attacker's as far as the page knows: not verified. (The old
  // page trusted it at once here and said "verified".)
  assert.equal(await verdict(page), 'failed');
  assert.ok((await codes(page)).includes('untrusted-key'), (await codes(page)).join());
  const keyId = JSON.parse(F.cliVerify(fx, ['good.tar.gz', 'A.pub'])[1]).keys[0].key_id;
  assert.ok((await page.textContent('#session-keys')).includes(keyId), 'the dropped key is shown with its ID');
  assert.equal(await page.isChecked('#session-keys input[role=switch]'), false);
  assert.equal(await page.isHidden('#verdict-trust'), true);
  // The same report as the CLI given the key as a file (reported, never trusted).
  const off = await assertParity(page, ['good.tar.gz', 'A.pub'], 1);
  assert.equal(off.keys.find((k) => k.key_id === keyId).trusted, false);
  await page.screenshot({ path: path.join(OUT, 'session-key-off.png'), fullPage: true });

  // Switched on by the reviewer: verified, and the verdict and the report say "session key".
  await page.check('#session-keys input[role=switch]');
  assert.equal(await verdict(page, 'failed'), 'verified');
  assert.match(await page.textContent('#verdict'), /session key/);
  assert.ok((await page.textContent('#verdict-trust')).includes(keyId));
  assert.match(await page.textContent('#signatures'), /session key, not pinned in this page/);
  const report = JSON.parse(await exportJson(page));
  assert.equal(report.signatures[0].key_source, 'session');
  assert.equal(report.keys.find((k) => k.source === 'session').origin, 'A.pub');
  // Switched off again: not verified any more.
  await page.uncheck('#session-keys input[role=switch]');
  assert.equal(await verdict(page, 'verified'), 'failed');
  await s.close('session-key-on-off');
});

test('failed: a tampered bundle, with deceptive names shown as text', async () => {
  const s = await open(fx.pages.A, { colorScheme: 'dark' });
  const { page } = s;
  await page.setInputFiles('#files', [fx.tampered]);
  assert.equal(await verdict(page), 'failed');
  await assertParity(page, ['tampered.tar.gz', '--trusted-key', 'A.pub'], 1);
  const found = await codes(page);
  assert.ok(found.includes('hash-mismatch'), found.join());
  assert.ok(found.includes('extra'), found.join());
  // No markup from a file name ever becomes an element.
  assert.equal(await page.$$eval('img', (i) => i.length), 0);
  // The newline and the right-to-left override are visible escapes, not live characters.
  await page.fill('#entry-search', 'evil');
  await page.waitForFunction(() => document.getElementById('entries-count').textContent.startsWith('(1 of'));
  const cell = await page.$eval('#entries-spacer .tr:not([hidden]) .path', (c) => ({ text: c.textContent, ctl: c.querySelectorAll('.ctl').length }));
  assert.equal(cell.text, 'rel-1.0/evil\\nname.sh');
  assert.equal(cell.ctl, 1);
  await page.fill('#entry-search', 'invoice');
  await page.waitForFunction(() => document.querySelector('#entries-spacer .tr:not([hidden]) .path').textContent.includes('invoice'));
  assert.match(await page.textContent('#entries-count'), /\(1 of/);
  const bidi = await page.textContent('#entries-spacer .tr:not([hidden]) .path');
  assert.equal(bidi, 'rel-1.0/invoice\\u{202E}fdp.exe');
  const all = await page.evaluate(() => document.body.innerText);
  assert.ok(!all.includes('\u202E'), 'no live bidi override anywhere in the page');
  // Problems only: the mismatch and the three added files.
  await page.fill('#entry-search', '');
  await page.check('#problems-only');
  await page.waitForFunction(() => /\(4 of/.test(document.getElementById('entries-count').textContent));
  await s.close('failed-tampered');
});

test('unsigned: hashes match but nothing signs the list', async () => {
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [fx.unsigned]);
  assert.equal(await verdict(page), 'unsigned');
  assert.equal(await page.isVisible('#verdict .icon-unsigned'), true);
  await assertParity(page, ['unsigned.tar.gz', '--trusted-key', 'A.pub'], 1);
  await s.close('unsigned');
});

test('failed: signed by a key the page does not pin', async () => {
  const s = await open(fx.pages.B);
  const { page } = s;
  await page.setInputFiles('#files', [fx.good]);
  assert.equal(await verdict(page), 'failed');
  await assertParity(page, ['good.tar.gz', '--trusted-key', 'B.pub'], 1);
  assert.ok((await codes(page)).includes('untrusted-key'));
  await s.close('untrusted-key');
});

test('a key dropped on a pinned page is listed, not trusted, until the reviewer turns it on', async () => {
  const s = await open(fx.pages.B);
  const { page } = s;
  await page.setInputFiles('#files', [fx.good, fx.keys.A]);
  assert.equal(await verdict(page), 'failed');
  const listed = await page.textContent('#session-keys');
  const keyId = JSON.parse(F.cliVerify(fx, ['good.tar.gz', 'A.pub'])[1]).keys[0].key_id;
  assert.ok(listed.includes(keyId), 'the dropped key is shown with its ID');
  assert.equal(await page.isChecked('#session-keys input[role=switch]'), false);
  await assertParity(page, ['good.tar.gz', 'A.pub', '--trusted-key', 'B.pub'], 1);
  await page.screenshot({ path: path.join(OUT, 'dropped-key-off.png'), fullPage: true });

  await page.check('#session-keys input[role=switch]');
  assert.equal(await verdict(page, 'failed'), 'verified');
  assert.match(await page.textContent('#signatures'), /session key, not pinned in this page/);
  const report = JSON.parse(await exportJson(page));
  assert.equal(report.signatures[0].key_source, 'session');
  assert.equal(report.signatures[0].trusted, true);
  await s.close('dropped-key-on');
});

test('failed: a corrupt (truncated) archive', async () => {
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [fx.corrupt]);
  assert.equal(await verdict(page), 'failed');
  await assertParity(page, ['corrupt.tar.gz', '--trusted-key', 'A.pub'], 1);
  assert.ok((await codes(page)).includes('corrupt-archive'));
  await s.close('corrupt');
});

test('verified: a picked folder (an unpacked bundle)', async () => {
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#folder', fx.folder);
  assert.equal(await verdict(page), 'verified');
  const exported = JSON.parse(comparable(withoutPage(await exportJson(page))));
  const [status, cli] = F.cliVerify(fx, ['unpacked/rel-1.0', '--trusted-key', 'A.pub']);
  assert.equal(status, 0);
  // Browsers do not tell a page the permission bits of picked files: the only difference.
  const expected = JSON.parse(comparable(cli));
  for (const e of expected.entries) delete e.mode;
  assert.ok(exported.entries.every((e) => e.mode === undefined));
  assert.deepEqual(exported, expected);
  await s.close('folder');
});

test('error: a bundle with no list shows every hash and saves them as SHA256SUMS', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  await page.setInputFiles('#files', [fx.nolist]);
  assert.equal(await verdict(page), 'error');
  await assertParity(page, ['nolist.tar.gz'], 2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-sums')]);
  assert.equal(download.suggestedFilename(), 'SHA256SUMS');
  const saved = fs.readFileSync(await download.path(), 'utf8');
  // The same lines sha256sum writes, in the bundle's top folder.
  const src = path.join(fx.dir, 'src', 'rel-1.0');
  const names = saved.trim().split('\n').map((l) => l.slice(66));
  const want = require('node:child_process').execFileSync('sha256sum', names, { cwd: src }).toString();
  assert.equal(saved, want);
  // And the saved list checks the bundle (integrity only: nothing signs it).
  const sums = path.join(fx.dir, 'SHA256SUMS');
  fs.writeFileSync(sums, saved);
  await page.setInputFiles('#files', [sums]);
  assert.equal(await verdict(page, 'error'), 'unsigned');
  fs.rmSync(sums);
  await s.close('nolist');
});

test('one file against a pasted SHA-256', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  await page.click('#one summary');
  await page.setInputFiles('#one-file', fx.loose);
  await page.fill('#one-sha', F.sha256(fx.loose).toUpperCase());
  await page.click('#one-check');
  assert.equal(await verdict(page), 'unsigned');
  assert.match(await page.textContent('#verdict-title'), /Single file/);
  await page.fill('#one-sha', 'ab'.repeat(32));
  await page.click('#one-check');
  assert.equal(await verdict(page, 'unsigned'), 'failed');
  assert.ok((await codes(page)).includes('hash-mismatch'));
  await s.close('one-file');
});

test('expected image digests: a pinned image verifies, a digest no image has fails, a malformed one is refused', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  const { id, manifest } = fx.image;
  const none = 'sha256:' + '0'.repeat(64);
  // Pasted as a deployment manifest gives it (with a stray CR and a blank line), then the image.
  await page.fill('#expected-digests', manifest + '\r\n\n');
  await page.setInputFiles('#files', [fx.image.file]);
  assert.equal(await verdict(page), 'verified');
  await assertParity(page, ['image.tar', '--expect-digest', manifest], 0);
  assert.ok((await page.textContent('#images')).includes('Pinned by' + manifest), 'the image shows its pin');
  // Editing the field checks again (on leaving it).
  await page.fill('#expected-digests', id + '\n' + none);
  await page.press('#expected-digests', 'Tab');
  assert.equal(await verdict(page, 'verified'), 'failed');
  assert.ok((await codes(page)).includes('pin-mismatch'));
  await assertParity(page, ['image.tar', '--expect-digest', id, '--expect-digest', none], 1);
  // A malformed line: nothing runs, and the message names the line.
  await page.fill('#expected-digests', id + '\nsha256:ABC');
  await page.press('#expected-digests', 'Tab');
  assert.equal(await verdict(page, 'failed'), 'error');
  const reason = await page.textContent('#verdict-reason');
  assert.match(reason, /line 2/);
  assert.ok(reason.includes('sha256:ABC'), reason);
  // Said in the page's language: the engine's reason as well as the page's words.
  await page.click('#languages [data-lang="zh-CN"]');
  const zh = await page.textContent('#verdict-reason');
  assert.match(zh, /第 2 行/);
  assert.match(zh, /不是有效的预期摘要/);
  await page.click('#languages [data-lang="en"]');
  await s.close('expected-digests');
});

test('image archives as files of a release: inside a signed bundle and beside a list, each opened and shown with the file it came from', async () => {
  const { spawnSync } = require('node:child_process');
  const sh = (cmd, args) => assert.equal(spawnSync(cmd, args, { cwd: fx.dir }).status, 0, cmd + ' ' + args.join(' '));
  const rel = path.join(fx.dir, 'imgrel', 'rel-img');
  fs.mkdirSync(path.join(rel, 'images'), { recursive: true });
  fs.copyFileSync(fx.image.file, path.join(rel, 'images', 'hello.tar'));
  fs.writeFileSync(path.join(rel, 'README.txt'), 'Images for the offline site.\n');
  const bundle = path.join(fx.dir, 'imgrel.tar.gz');
  sh(F.AIRLOCK, ['pack', rel, '-o', bundle, '-k', path.join(fx.dir, 'A.key')]);
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [bundle]);
  assert.equal(await verdict(page), 'verified');
  const report = await assertParity(page, ['imgrel.tar.gz', '--trusted-key', 'A.pub'], 0);
  assert.equal(report.images[0].archive, 'rel-img/images/hello.tar');
  const shown = await page.textContent('#images');
  assert.ok(shown.includes('hello:1') && shown.includes('rel-img/images/hello.tar'), shown);
  // Two image archives beside a list naming them (what sha256sum -c users carry): release files,
  // each opened; nothing signs the list, so intact but unsigned.
  fs.copyFileSync(fx.image.file, path.join(fx.dir, 'image-copy.tar'));
  fs.writeFileSync(path.join(fx.dir, 'images.sha256'), spawnSync('sha256sum', ['image.tar', 'image-copy.tar'], { cwd: fx.dir }).stdout);
  await page.click('#clear');
  await page.setInputFiles('#files', ['images.sha256', 'image.tar', 'image-copy.tar'].map((f) => path.join(fx.dir, f)));
  assert.equal(await verdict(page, 'verified'), 'unsigned');
  const loose = await assertParity(page, ['images.sha256', 'image.tar', 'image-copy.tar', '--trusted-key', 'A.pub'], 1);
  assert.deepEqual(loose.images.map((i) => i.archive).sort(), ['image-copy.tar', 'image.tar']);
  await s.close('image-archives');
});

test('real archives: buildah images and a go module cache, unsigned alone with their images named, verified as files of a bundle signed with the pinned key, a changed layer fails', async () => {
  const { spawnSync } = require('node:child_process');
  const sh = (script) => {
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: fx.dir });
    assert.equal(r.status, 0, script + '\n' + r.stderr);
  };
  const img = F.makeBuildahImages(fx);
  const mc = F.makeModcache(fx);
  const s = await open(fx.pages.A);
  const { page } = s;
  let shown = '';
  for (const [file, format, tag] of [
    [img.docker, 'docker-archive', 'localhost/app:1.0'],
    [img.oci, 'oci-layout', 'app:1.0'],
  ]) {
    if (shown) await page.click('#clear');
    await page.setInputFiles('#files', [file]);
    assert.equal(await verdict(page), 'unsigned');
    shown = 'unsigned';
    const report = await assertParity(page, [path.basename(file), '--trusted-key', 'A.pub'], 1);
    assert.equal(report.images[0].format, format);
    assert.deepEqual(report.images[0].tags, [tag]);
    assert.ok((await page.textContent('#verdict-reason')).includes(tag), 'the reason names the image');
    assert.ok((await page.textContent('#images')).includes(report.images[0].image_id));
  }
  // The release: both image archives and the module cache as files, the project's go.sum beside.
  sh(`mkdir -p rel-real/images && cp app-docker.tar app-oci.tar rel-real/images/
      cp modcache.tar.gz go.sum rel-real/ && ${F.AIRLOCK} pack rel-real -o real.tar.gz -k A.key >/dev/null`);
  await page.click('#clear');
  await page.setInputFiles('#files', [path.join(fx.dir, 'real.tar.gz')]);
  assert.equal(await verdict(page), 'verified');
  const signed = await assertParity(page, ['real.tar.gz', '--trusted-key', 'A.pub'], 0);
  assert.deepEqual(signed.images.map((i) => i.archive).sort(), ['rel-real/images/app-docker.tar', 'rel-real/images/app-oci.tar']);
  assert.equal(signed.go_modules[0].archive, 'rel-real/modcache.tar.gz');
  assert.equal(signed.go_modules[0].go_sum, signed.go_modules[0].zip, "the release's go.sum checked the cache");
  // The same release with one byte of the OCI archive's layer changed (and signed that way).
  sh(`rm -rf x && mkdir x && tar -C x -xf app-oci.tar
      b=$(python3 -c "import json;m=json.load(open('x/index.json'))['manifests'][0]['digest'][7:];print(json.load(open('x/blobs/sha256/'+m))['layers'][0]['digest'][7:])")
      python3 -c "import sys;p='x/blobs/sha256/'+sys.argv[1];d=bytearray(open(p,'rb').read());d[len(d)//2]^=0x20;open(p,'wb').write(d)" $b
      (cd x && tar --sort=name -cf ../rel-real/images/app-oci.tar $(ls -A)) && rm -rf x
      ${F.AIRLOCK} pack rel-real -o real-bad.tar.gz -k A.key >/dev/null`);
  await page.click('#clear');
  await page.setInputFiles('#files', [path.join(fx.dir, 'real-bad.tar.gz')]);
  assert.equal(await verdict(page, 'verified'), 'failed');
  const codes_ = await codes(page);
  assert.ok(codes_.includes('blob-digest-mismatch') && codes_.includes('diff-id-mismatch'), codes_.join(' '));
  await assertParity(page, ['real-bad.tar.gz', '--trusted-key', 'A.pub'], 1);
  await s.close('real-archives');
});

test('a Go module cache made by go: unsigned with its module named, the project\'s go.sum beside it, a changed module tree fails', async () => {
  const mc = F.makeModcache(fx);
  const s = await open(fx.pages.plain);
  const { page } = s;
  await page.setInputFiles('#files', [mc.good]);
  assert.equal(await verdict(page), 'unsigned');
  const report = await assertParity(page, ['modcache.tar.gz'], 1);
  assert.equal(report.go_modules[0].path, 'example.com/Hello');
  assert.equal(report.go_modules[0].status, 'ok');
  assert.equal(await page.isVisible('#gomod-panel'), true);
  assert.ok((await page.textContent('#gomod')).includes('example.com/Hello v1.0.0'), 'the Go modules section names the module');
  // One file of the extracted module tree changed (the page adds what is dropped: clear first).
  await page.click('#clear');
  await page.setInputFiles('#files', [mc.changed]);
  assert.equal(await verdict(page, 'unsigned'), 'failed');
  assert.deepEqual(await codes(page), ['module-tree-changed']);
  await assertParity(page, ['modcache-changed.tar.gz'], 1);
  // The project's go.sum dropped beside it: the cache is compared with it, as on the command line.
  await page.click('#clear');
  await page.setInputFiles('#files', [mc.good, mc.sum]);
  assert.equal(await verdict(page, 'failed'), 'unsigned');
  const beside = await assertParity(page, ['modcache.tar.gz', 'go.sum'], 1);
  assert.equal(beside.inputs[1].role, 'go-sum');
  assert.equal(beside.go_modules[0].go_sum, beside.go_modules[0].zip);
  assert.ok((await page.textContent('#gomod')).includes(beside.go_modules[0].go_sum));
  await s.close('gomod');
});

test('cancel stops the work: the worker is terminated and the page is ready again', async () => {
  const big = F.makeBig(fx, 700);
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [big]);
  await page.waitForFunction(() => /MB of/.test(document.getElementById('progress-text').textContent) && document.getElementById('progress-bar').value > 0);
  assert.equal(await page.getAttribute('#verdict', 'data-verdict'), '', 'empty while working');
  const text = await page.textContent('#progress-text');
  assert.match(text, /MB of .*MB/);
  await page.screenshot({ path: path.join(OUT, 'cancel-progress.png') });
  // One worker per core, up to two: one reads the content, the other hashes the bundle file.
  const busy = s.workers.filter((w) => !w.closed);
  assert.ok(busy.length >= 1 && busy.length <= 2, busy.length + ' live workers');
  await page.click('#cancel');
  assert.equal(await verdict(page), 'error');
  assert.match(await page.textContent('#verdict-title'), /Cancelled/);
  assert.equal(await page.isHidden('#progress'), true);
  // The worker that was reading is gone (terminated, not just ignored), and a new one is up.
  await page.waitForFunction(() => document.getElementById('progress').hidden);
  for (let i = 0; i < 50 && !busy.every((w) => w.closed); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(busy.every((w) => w.closed), 'the busy workers were terminated');
  assert.equal(s.workers.filter((w) => !w.closed).length, busy.length, 'fresh workers replaced them');
  fs.rmSync(big);
  // A fresh worker takes the next bundle.
  await page.click('#clear');
  await page.setInputFiles('#files', [fx.good]);
  assert.equal(await verdict(page, ''), 'verified');
  await s.close('cancel');
});

test('one core: one worker does the whole run, and the report is the same', async () => {
  const s = await open(fx.pages.A, { cores: 1 });
  const { page } = s;
  await page.waitForTimeout(300);
  assert.equal(s.workers.length, 1, 'one worker on one core');
  await page.setInputFiles('#files', [fx.good]);
  assert.equal(await verdict(page), 'verified');
  await assertParity(page, ['good.tar.gz', '--trusted-key', 'A.pub'], 0);
  assert.ok(s.workers.filter((w) => !w.closed).length <= 1, 'never two workers at once');
  await s.close('one-core');
});

test('100,000 entries: only the rows in view exist, search and keys work', async (t) => {
  const many = F.makeMany(fx);
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [many]);
  assert.equal(await verdict(page), 'verified');
  assert.match(await page.textContent('#entries-count'), /100,10\d entries/);
  const rows = () => page.$$eval('#entries-spacer .tr', (r) => r.length);
  assert.ok((await rows()) < 80, 'rows rendered: ' + (await rows()));
  // Scroll to the end: still few rows, and the last ones are there.
  const timing = await page.evaluate(async () => {
    const v = document.getElementById('entries-viewport');
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const t0 = performance.now();
    for (let i = 1; i <= 20; i++) {
      v.scrollTop = (v.scrollHeight * i) / 20;
      await frame();
    }
    return (performance.now() - t0) / 20;
  });
  t.diagnostic('scroll step with redraw: ' + timing.toFixed(1) + ' ms');
  assert.ok(timing < 250, 'a scroll step took ' + timing.toFixed(0) + ' ms');
  assert.ok((await rows()) < 80);
  const tail = await page.$$eval('#entries-spacer .tr:not([hidden]) .path', (c) => c.map((x) => x.textContent));
  assert.ok(tail.some((p) => p.endsWith('f099999.txt') || p.endsWith('SHA256SUMS.minisig')), tail.slice(-3).join());
  // Search narrows 100,000 rows to one.
  await page.fill('#entry-search', 'f054321');
  await page.waitForFunction(() => document.getElementById('entries-count').textContent.startsWith('(1 of'));
  // Keyboard: focus the table, move with the arrow keys, the detail shows the entry.
  await page.fill('#entry-search', '');
  await page.waitForFunction(() => !document.getElementById('entries-count').textContent.includes(' of '));
  await page.focus('#entries-viewport');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const detail = await page.textContent('#entry-detail');
  assert.match(detail, /Path/);
  assert.match(detail, /Actual SHA-256/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('#entry-detail'), /many-1\.0\//);
  await s.close('many-entries');
});

test('keyboard: every control is reached with Tab, and the theme switches', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  await page.setInputFiles('#files', [fx.good, fx.keys.A]);
  assert.equal(await verdict(page), 'failed', 'the dropped key is not trusted until switched on');
  const reached = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      return a.id || (a.dataset && a.dataset.sort ? 'sort-' + a.dataset.sort : a.getAttribute('role') || a.tagName);
    });
    reached.add(id);
  }
  for (const want of ['theme', 'pick-files', 'pick-folder', 'clear', 'switch', 'expected-digests', 'export-json', 'print', 'copy-sha', 'problems-only', 'entry-search', 'sort-path', 'entries-viewport']) {
    assert.ok(reached.has(want) || [...reached].some((r) => r.startsWith('trust-') && want === 'switch'), want + ' not reachable; reached ' + [...reached].join(' '));
  }
  await page.focus('#theme');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(bg, 'rgb(15, 18, 22)', 'dark background');
  await s.close('keyboard-dark');
});

test('the page is locked down: strict CSP, no inline script runs, no fetch', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  // Two inline scripts, each allowed by its hash: @fluent/bundle's index.js, then site/app.js.
  assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  const injected = await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.__ran = false;
        const el = document.createElement('script');
        el.textContent = 'window.__ran = true';
        document.body.append(el);
        setTimeout(() => resolve(window.__ran), 200);
      }),
  );
  assert.equal(injected, false, 'an injected inline script must not run');
  const fetched = await page.evaluate(() => fetch('data:text/plain,x').then(() => 'fetched', () => 'blocked'));
  assert.equal(fetched, 'blocked');
  // The CSP violations above are expected; nothing else may have gone wrong.
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(s.errors.every((e) => /Content Security Policy/.test(e)), s.errors.join('\n'));
  s.errors.length = 0;
  await s.close('csp');
});

test('print: the printable report has the verdict, bundle hash, key, findings and entries', async () => {
  const s = await open(fx.pages.A);
  const { page } = s;
  await page.setInputFiles('#files', [fx.tampered]);
  assert.equal(await verdict(page), 'failed');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => document.body.innerText);
  assert.match(printed, /Airlock verification report/);
  assert.match(printed, /FAILED/);
  assert.ok(printed.includes(F.sha256(fx.tampered)), 'bundle SHA-256 printed');
  assert.match(printed, /hash-mismatch/);
  assert.match(printed, /rel-1\.0\/etc\/app\.conf/);
  assert.equal(await page.isVisible('#drop-zone, #dropzone'), false, 'controls are not printed');
  await page.pdf({ path: path.join(OUT, 'print.pdf') });
  await s.close('print');
});

/** The SHA-256 of the wasm module inlined in a page file, and the page's stated provenance. */
function pageFacts(file) {
  const html = fs.readFileSync(file, 'utf8');
  const wasm = /<script type="application\/octet-stream" id="airlock-wasm">([^<]*)<\/script>/.exec(html)[1];
  const stated = JSON.parse(/<script type="application\/json" id="airlock-build">([^<]*)<\/script>/.exec(html)[1]);
  return { html, stated, wasmSha: require('node:crypto').createHash('sha256').update(Buffer.from(wasm, 'base64')).digest('hex') };
}

test('provenance: footer, export and print state the version, source commit, wasm SHA-256 and pinned keys', async () => {
  const { stated, wasmSha } = pageFacts(fx.pages.A);
  const version = /^version = "([^"]+)"/m.exec(fs.readFileSync(path.join(F.ROOT, 'Cargo.toml'), 'utf8'))[1];
  const keyId = JSON.parse(F.cliVerify(fx, ['good.tar.gz', 'A.pub'])[1]).keys[0].key_id;
  assert.equal(stated.wasm_sha256, wasmSha, 'build.sh states the SHA-256 of the module it inlined');
  assert.equal(stated.version, version);
  // The commit the page was built from (the tree may have moved on since: it must exist).
  assert.match(stated.commit, /^[0-9a-f]{40}(-dirty)?$/);
  const exists = require('node:child_process').spawnSync('git', ['-C', F.ROOT, 'cat-file', '-e', stated.commit.slice(0, 40) + '^{commit}']);
  assert.equal(exists.status, 0, 'commit ' + stated.commit + ' is in the repository');

  const s = await open(fx.pages.A);
  const { page } = s;
  // The page checked the module against the stated SHA-256 before running it.
  assert.equal(await page.getAttribute('#provenance', 'data-wasm-checked'), 'true');
  await page.waitForFunction((id) => document.getElementById('provenance').textContent.includes(id), keyId);
  const foot = await page.textContent('footer');
  for (const want of ['airlock ' + version, stated.commit, wasmSha, stated.rustc, keyId]) assert.ok(foot.includes(want), want + ' not in the footer: ' + foot);

  await page.setInputFiles('#files', [fx.good]);
  assert.equal(await verdict(page), 'verified');
  const report = JSON.parse(await exportJson(page));
  assert.match(stated.rustc, /^rustc \d+\.\d+\.\d+/);
  assert.deepEqual(report.page, { version, commit: stated.commit, wasm_sha256: wasmSha, rustc: stated.rustc, pinned_keys: [keyId] });
  assert.equal(report.tool, 'airlock ' + version, 'the engine in the module is the stated version');

  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => document.body.innerText);
  for (const want of [stated.commit, wasmSha, keyId]) assert.ok(printed.includes(want), want + ' not printed');
  await s.close('provenance');

  // A page with no pinned key says so.
  const p = await open(fx.pages.plain);
  assert.match(await p.page.textContent('#provenance'), /pinned keys: none/);
  await p.close();
});

test('a page whose wasm module is not the one it states does not run it', async () => {
  const { html, wasmSha } = pageFacts(fx.pages.A);
  const other = wasmSha.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const damaged = path.join(fx.dir, 'pages', 'damaged.html');
  fs.writeFileSync(damaged, html.replace('"wasm_sha256":"' + wasmSha + '"', '"wasm_sha256":"' + other + '"'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto('file://' + damaged);
  assert.equal(await verdict(page), 'error');
  assert.match(await page.textContent('#verdict-title'), /cannot run/);
  assert.ok((await page.textContent('#verdict-reason')).includes(wasmSha), 'the real SHA-256 is named');
  assert.equal(await page.textContent('#tool-version'), '');
  assert.equal(workers.length, 0, 'no worker was started');
  await context.close();
});

test('publishing the page: airlock sign, airlock verify PAGE PAGE.minisig, minisign -V, sha256sum', () => {
  const { spawnSync, execFileSync } = require('node:child_process');
  const dir = path.join(fx.dir, 'publish');
  fs.mkdirSync(dir, { recursive: true });
  const html = path.join(dir, 'airlock.html');
  fs.copyFileSync(F.PAGE, html);
  execFileSync(F.AIRLOCK, ['sign', '-k', path.join(fx.dir, 'A.key'), html], { stdio: 'pipe' });
  assert.ok(fs.existsSync(html + '.minisig'));
  const verify = (...args) => {
    const r = spawnSync(F.AIRLOCK, ['verify', ...args, '--json'], { cwd: dir });
    return { status: r.status, report: r.stdout.length ? JSON.parse(r.stdout) : null, stderr: r.stderr.toString() };
  };
  // The reviewer's check on a trusted machine, before opening the page.
  const good = verify('airlock.html', 'airlock.html.minisig', '--trusted-key', fx.keys.A);
  assert.equal(good.status, 0, good.stderr + JSON.stringify(good.report));
  assert.equal(good.report.verdict, 'verified');
  const entry = good.report.entries.find((e) => e.path === 'airlock.html');
  assert.equal(entry.actual, F.sha256(html), 'the report gives the page\'s SHA-256');
  assert.equal(good.report.signatures[0].status, 'valid');
  // Real minisign agrees.
  assert.equal(spawnSync('minisign', ['-V', '-q', '-m', html, '-p', fx.keys.A]).status, 0);
  // Any other key, or no key: not verified.
  assert.equal(verify('airlock.html', 'airlock.html.minisig', '--trusted-key', fx.keys.B).status, 1);
  assert.equal(verify('airlock.html', 'airlock.html.minisig').status, 1);
  // A page changed after signing (one byte of its script): failed.
  const bytes = fs.readFileSync(html);
  const at = bytes.indexOf('use strict');
  bytes[at] = 'U'.charCodeAt(0);
  fs.writeFileSync(html, bytes);
  const bad = verify('airlock.html', 'airlock.html.minisig', '--trusted-key', fx.keys.A);
  assert.equal(bad.status, 1);
  assert.equal(bad.report.verdict, 'failed');
  assert.ok(bad.report.findings.some((f) => f.code === 'bad-signature'), JSON.stringify(bad.report.findings));
  assert.notEqual(spawnSync('minisign', ['-V', '-q', '-m', html, '-p', fx.keys.A]).status, 0);
});
