'use strict';
// Fixtures for the page tests, made at test time by real tools: the airlock CLI (keygen, pack),
// Debian's minisign and signify-openbsd, GNU tar and sha256sum. Nothing is checked in.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const AIRLOCK = path.join(ROOT, 'target', 'release', 'airlock');
const PAGE = path.join(ROOT, 'dist', 'airlock.html');

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

function write(file, data, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  if (mode) fs.chmodSync(file, mode);
}

/** Deterministic pseudo-random bytes (xorshift), so a failing case can be reproduced. */
function noise(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Repack a directory the way an attacker (or a careless hand) would: GNU tar + gzip. */
function tarGz(dir, top, out) {
  const tar = spawnSync('tar', ['-C', dir, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-cf', '-', top], { maxBuffer: 1 << 30 });
  if (tar.status !== 0) throw new Error('tar failed: ' + tar.stderr);
  fs.writeFileSync(out, require('node:zlib').gzipSync(tar.stdout));
}

/** A file named by a release page next to its SHA-256, as `sha256sum` prints it. */
function sha256(file) {
  return run('sha256sum', [file]).toString().split(/\s+/)[0];
}

/**
 * Make every fixture under a fresh temporary folder. Keys: A and B made by `airlock keygen`, M by
 * minisign, S by signify. Bundles: good (pack, key A), tampered, unsigned, corrupt, nolist,
 * minisign (list signed by real minisign), signify (embedded signed list), folder (good,
 * unpacked), big.tar (for cancel), many (100,000 files).
 */
function makeFixtures() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-e2e-'));
  const fx = { dir, pages: {} };
  const at = (...p) => path.join(dir, ...p);

  run(AIRLOCK, ['keygen', '-o', at('A')]);
  run(AIRLOCK, ['keygen', '-o', at('B')]);
  run('minisign', ['-G', '-W', '-p', at('M.pub'), '-s', at('M.key')]);

  // The payload: text, a script, nested folders, and 9 MB of noise (crosses the page's 4 MiB
  // read slices twice).
  const src = at('src', 'rel-1.0');
  write(path.join(src, 'README.txt'), 'Release 1.0\n');
  write(path.join(src, 'bin', 'install.sh'), '#!/bin/sh\necho installing\n', 0o755);
  write(path.join(src, 'etc', 'app.conf'), 'port = 8080\n');
  write(path.join(src, 'images', 'layer.tar.bin'), noise(9 * 1024 * 1024 + 4321, 42));
  write(path.join(src, 'docs', 'deep', 'er', 'notes.md'), '# Notes\n\nNothing to see.\n');

  fx.good = at('good.tar.gz');
  run(AIRLOCK, ['pack', src, '-o', fx.good, '-k', at('A.key')]);

  // Unpacked copy of the good bundle: the folder case, and the base of the tampered ones.
  const unpacked = at('unpacked');
  fs.mkdirSync(unpacked);
  run('tar', ['-xzf', fx.good, '-C', unpacked]);
  fx.folder = path.join(unpacked, 'rel-1.0');

  // Tampered: one changed byte, and two added files whose names try to deceive the reader.
  const t = at('t');
  fs.mkdirSync(t);
  run('tar', ['-xzf', fx.good, '-C', t]);
  const conf = path.join(t, 'rel-1.0', 'etc', 'app.conf');
  fs.writeFileSync(conf, 'port = 8081\n');
  fx.evilNewline = 'evil\nname.sh';
  fx.evilBidi = 'invoice\u202Efdp.exe';
  fx.evilHtml = '<img src=x onerror=alert(1)>.txt';
  write(path.join(t, 'rel-1.0', fx.evilNewline), 'echo pwned\n');
  write(path.join(t, 'rel-1.0', fx.evilBidi), 'MZ\n');
  write(path.join(t, 'rel-1.0', fx.evilHtml), 'x\n');
  fx.tampered = at('tampered.tar.gz');
  tarGz(t, 'rel-1.0', fx.tampered);

  // Unsigned: the signature removed, the list kept.
  const u = at('u');
  fs.mkdirSync(u);
  run('tar', ['-xzf', fx.good, '-C', u]);
  fs.rmSync(path.join(u, 'rel-1.0', 'SHA256SUMS.minisig'));
  fx.unsigned = at('unsigned.tar.gz');
  tarGz(u, 'rel-1.0', fx.unsigned);

  // No list at all: the page shows the hashes and offers them as SHA256SUMS.
  fx.nolist = at('nolist.tar.gz');
  tarGz(at('src'), 'rel-1.0', fx.nolist);

  // Corrupt: the good bundle cut short.
  const bytes = fs.readFileSync(fx.good);
  fx.corrupt = at('corrupt.tar.gz');
  fs.writeFileSync(fx.corrupt, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

  // Signed by real minisign: SHA256SUMS from sha256sum, signed with `minisign -S`.
  const m = at('m', 'tools-2.3');
  write(path.join(m, 'tool'), noise(300000, 7), 0o755);
  write(path.join(m, 'lib', 'libtool.so'), noise(120000, 8));
  write(path.join(m, 'LICENSE'), 'MIT\n');
  fs.writeFileSync(path.join(m, 'SHA256SUMS'), run('sha256sum', ['tool', 'lib/libtool.so', 'LICENSE'], { cwd: m }));
  run('minisign', ['-S', '-s', at('M.key'), '-m', path.join(m, 'SHA256SUMS'), '-t', 'tools 2.3 release']);
  fx.minisign = at('minisign.tar.gz');
  tarGz(at('m'), 'tools-2.3', fx.minisign);

  // OpenBSD style: BSD-tag list (`sha256sum --tag`) signed by real signify with the list
  // embedded (`signify -S -e`), shipped as SHA256.sig.
  run('signify-openbsd', ['-G', '-n', '-p', at('S.pub'), '-s', at('S.sec')]);
  const o = at('o', 'base-7.5');
  write(path.join(o, 'bsd.rd'), noise(200000, 11));
  write(path.join(o, 'INSTALL.amd64'), 'Read me first.\n');
  fs.writeFileSync(path.join(o, 'SHA256'), run('sha256sum', ['--tag', 'bsd.rd', 'INSTALL.amd64'], { cwd: o }));
  run('signify-openbsd', ['-S', '-e', '-s', at('S.sec'), '-m', path.join(o, 'SHA256'), '-x', path.join(o, 'SHA256.sig')]);
  fs.rmSync(path.join(o, 'SHA256'));
  fx.signify = at('signify.tar.gz');
  tarGz(at('o'), 'base-7.5', fx.signify);

  // A loose file for the pasted-hash check.
  fx.loose = at('tool-2.3.iso');
  fs.writeFileSync(fx.loose, noise(5 * 1024 * 1024 + 77, 99));

  // An unsigned container image, for the expected image digests field.
  fx.image = makeImage(at('image'), at('image.tar'));

  fx.keys = { A: at('A.pub'), B: at('B.pub'), M: at('M.pub'), S: at('S.pub') };
  return fx;
}

/**
 * An OCI image archive (`oci-layout`, `index.json`, blobs) of one uncompressed layer made by GNU
 * tar, written to `out` with nothing signing it. Returns { file, id, manifest }: the image ID
 * (the config's digest) and the manifest's digest, as a deployment manifest would give them.
 */
function makeImage(dir, out) {
  const crypto = require('node:crypto');
  const tarArgs = ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0'];
  write(path.join(dir, 'layer', 'hello.txt'), 'hello\n');
  const layer = run('tar', ['-C', path.join(dir, 'layer'), ...tarArgs, '-cf', '-', 'hello.txt']);
  const blob = (bytes) => {
    const hex = crypto.createHash('sha256').update(bytes).digest('hex');
    write(path.join(dir, 'img', 'blobs', 'sha256', hex), bytes);
    return { digest: 'sha256:' + hex, size: bytes.length };
  };
  const json = (v) => Buffer.from(JSON.stringify(v));
  const l = blob(layer);
  const config = blob(json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [l.digest] } }));
  const manifest = blob(
    json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...l }],
    }),
  );
  const ref = { 'org.opencontainers.image.ref.name': 'hello:1' };
  write(path.join(dir, 'img', 'index.json'), json({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: ref }] }));
  write(path.join(dir, 'img', 'oci-layout'), json({ imageLayoutVersion: '1.0.0' }));
  run('tar', ['-C', path.join(dir, 'img'), ...tarArgs, '-cf', out, 'blobs', 'index.json', 'oci-layout']);
  return { file: out, id: config.digest, manifest: manifest.digest };
}

/**
 * A Go module cache made by the real tool, offline: Debian's golang-go downloads
 * example.com/Hello v1.0.0 from a file:// GOPROXY folder (GOSUMDB=off) into a fresh GOMODCACHE
 * and writes the app's go.sum (tests/fixtures/make-modcache.sh, shared with tests/gomod.rs).
 * Returns { good, changed, sum }: the cache as modcache.tar.gz, the same with one file of the
 * extracted module tree changed (modcache-changed.tar.gz), and the app's go.sum, all in the
 * fixture folder.
 */
function makeModcache(fx) {
  // Made once per fixture folder: go refuses to download again over a cache whose tree was changed.
  if (fx.modcache) return fx.modcache;
  const work = path.join(fx.dir, 'gomod-work');
  fs.mkdirSync(work, { recursive: true });
  run('bash', [path.join(ROOT, 'tests', 'fixtures', 'make-modcache.sh'), work]);
  const out = { good: at('modcache.tar.gz'), changed: at('modcache-changed.tar.gz'), sum: at('go.sum') };
  fs.copyFileSync(path.join(work, 'app', 'go.sum'), out.sum);
  tarGz(work, 'modcache', out.good);
  fs.appendFileSync(path.join(work, 'modcache', 'example.com', '!hello@v1.0.0', 'hello.go'), '// changed\n');
  tarGz(work, 'modcache', out.changed);
  fx.modcache = out;
  return out;

  function at(name) {
    return path.join(fx.dir, name);
  }
}

/**
 * Container image archives made by the real tool: Debian's buildah builds `from scratch` and
 * pushes docker-archive and oci-archive files (tests/fixtures/make-images.sh, shared with
 * tests/images.rs). Returns { docker, oci }: app-docker.tar and app-oci.tar, copied into the
 * fixture folder (so the CLI, run there, names them as the page does).
 */
function makeBuildahImages(fx) {
  if (fx.buildah) return fx.buildah;
  const work = path.join(fx.dir, 'buildah-work');
  run('bash', [path.join(ROOT, 'tests', 'fixtures', 'make-images.sh'), work]);
  const out = { docker: path.join(fx.dir, 'app-docker.tar'), oci: path.join(fx.dir, 'app-oci.tar') };
  fs.copyFileSync(path.join(work, 'app-docker.tar'), out.docker);
  fs.copyFileSync(path.join(work, 'app-oci.tar'), out.oci);
  fx.buildah = out;
  return out;
}

/** A large uncompressed tar of zeros, for the cancel case (read time is what matters). */
function makeBig(fx, megabytes) {
  const d = path.join(fx.dir, 'big');
  fs.mkdirSync(d, { recursive: true });
  fs.closeSync(fs.openSync(path.join(d, 'zeros.bin'), 'w'));
  fs.truncateSync(path.join(d, 'zeros.bin'), megabytes * 1024 * 1024);
  const out = path.join(fx.dir, 'big.tar');
  run('tar', ['-C', fx.dir, '-cf', out, 'big']);
  return out;
}

/** A signed bundle of 100,000 small files (key A). */
function makeMany(fx) {
  const top = path.join(fx.dir, 'many-src', 'many-1.0');
  for (let d = 0; d < 100; d++) {
    const sub = path.join(top, 'd' + String(d).padStart(2, '0'));
    fs.mkdirSync(sub, { recursive: true });
    for (let i = 0; i < 1000; i++) {
      const n = d * 1000 + i;
      fs.writeFileSync(path.join(sub, 'f' + String(n).padStart(6, '0') + '.txt'), 'file ' + n + '\n');
    }
  }
  const out = path.join(fx.dir, 'many.tar.gz');
  run(AIRLOCK, ['pack', top, '-o', out, '-k', path.join(fx.dir, 'A.key')]);
  return out;
}

/** A page with these keys pinned, assembled by scripts/build.sh from the wasm built before. */
function pinnedPage(fx, name, keys) {
  const out = path.join(fx.dir, 'pages', name + '.html');
  const args = [path.join(ROOT, 'scripts', 'build.sh'), '--page-only', '--out', out];
  for (const k of keys) args.push('--trusted-key', k);
  run('bash', args);
  return out;
}

/** `airlock verify ARGS... --json` run in the fixture folder: [exit status, JSON text]. */
function cliVerify(fx, args) {
  const r = spawnSync(AIRLOCK, ['verify', ...args, '--json'], { cwd: fx.dir, maxBuffer: 1 << 28 });
  return [r.status, r.stdout.toString()];
}

// ---------------------------------------------------------------- the hostile-input corpus

/**
 * Build the hostile-input corpus (tests/corpus/make.sh, real minisign, signify and GNU tar) in a
 * fresh temporary folder. Returns { tmp, dir, cases }: `dir` is make.sh's OUT, `cases` its
 * cases.json (name, verdict, codes, trusted, args, inputs; paths relative to `dir`), checked to
 * name the same cases, in the same order, as tests/corpus/cases.tsv.
 */
function makeCorpus() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-e2e-corpus-'));
  const dir = path.join(tmp, 'corpus');
  const made = spawnSync('bash', [path.join(ROOT, 'tests', 'corpus', 'make.sh'), dir], { encoding: 'utf8' });
  if (made.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error('tests/corpus/make.sh failed:\n' + made.stdout + made.stderr);
  }
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  const listed = fs
    .readFileSync(path.join(ROOT, 'tests', 'corpus', 'cases.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')[0]);
  const exported = json.cases.map((c) => c.name);
  if (JSON.stringify(exported) !== JSON.stringify(listed)) {
    throw new Error('cases.json and cases.tsv disagree: ' + exported.join() + ' / ' + listed.join());
  }
  return { tmp, dir, cases: json.cases };
}

// ---------------------------------------------------------------- driving the page

const CHROMIUM = process.env.AIRLOCK_CHROMIUM || '/usr/bin/chromium';
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VERDICTS = ['verified', 'failed', 'unsigned', 'error'];

/**
 * Open `pageFile` in `browser` the way a reviewer does: copied alone into an empty folder,
 * through file://, in a fresh context (`cores` sets the core count the page sees, `locale` the
 * browser's language: navigator.languages). Records every request, page error and console error,
 * every dialog (alert, confirm, prompt: dismissed) and every Content-Security-Policy violation.
 * Returns { page, requests, errors, dialogs, workers, violations(), close(screenshot) }; close
 * saves a full-page screenshot when given a path, then asserts that no request left file:, blob:
 * and data:, that no error was reported and that no dialog opened.
 */
async function openPage(browser, pageFile, { colorScheme = 'light', cores = 0, locale } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-stick-'));
  const copy = path.join(dir, 'airlock.html');
  fs.copyFileSync(pageFile, copy);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme, ...(locale ? { locale } : {}) });
  // `cores`: the number of cores the page sees (navigator.hardwareConcurrency).
  if (cores) await context.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
  await context.addInitScript(() => {
    window.__airlockViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__airlockViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  const requests = [];
  const errors = [];
  const dialogs = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const workers = [];
  page.on('worker', (w) => {
    const rec = { url: w.url(), closed: false };
    w.on('close', () => (rec.closed = true));
    workers.push(rec);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.type() + ': ' + d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto('file://' + copy);
  await page.waitForFunction(() => document.getElementById('tool-version').textContent.startsWith('airlock'));
  return {
    page,
    requests,
    errors,
    dialogs,
    workers,
    violations: () => page.evaluate(() => window.__airlockViolations),
    async close(screenshot) {
      if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
      const foreign = requests.filter((u) => !/^(file|blob|data):/.test(u));
      assert.deepEqual(foreign, [], 'the page made requests other than file:, blob:, data:');
      assert.deepEqual(errors, [], 'errors in the page');
      assert.deepEqual(dialogs, [], 'the page opened dialogs');
    },
  };
}

/** Wait until #verdict has a verdict other than `previous`; return it. */
async function waitVerdict(page, previous = '', timeout = 90000) {
  const handle = await page.waitForFunction(
    (prev) => {
      const v = document.getElementById('verdict').dataset.verdict;
      return v && v !== prev ? v : null;
    },
    previous,
    { timeout },
  );
  const v = await handle.jsonValue();
  if (!VERDICTS.includes(v)) throw new Error('unexpected data-verdict ' + v);
  return v;
}

/** The page's JSON report, through its "Export JSON report" button (a download): the text. */
async function exportReport(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return fs.readFileSync(await download.path(), 'utf8');
}

/**
 * Elements through which markup from a name could run script or load something: counted before
 * and after a report is shown, the counts must not change (names reach the page as text only).
 */
const ACTIVE = 'script, img, iframe, frame, object, embed, svg, math, link, meta, style, base, form, video, audio, source, [srcdoc], a[href^="javascript:" i]';
async function activeElements(page) {
  return page.evaluate((sel) => {
    const n = document.querySelectorAll(sel).length;
    let handlers = 0;
    for (const e of document.querySelectorAll('*')) for (const a of e.attributes) if (/^on/i.test(a.name)) handlers++;
    return { elements: n, handlers };
  }, ACTIVE);
}

module.exports = {
  ROOT,
  AIRLOCK,
  PAGE,
  CHROMIUM,
  BROWSER_ARGS,
  VERDICTS,
  makeFixtures,
  makeBig,
  makeMany,
  makeModcache,
  makeBuildahImages,
  makeCorpus,
  pinnedPage,
  cliVerify,
  sha256,
  openPage,
  waitVerdict,
  exportReport,
  activeElements,
};
