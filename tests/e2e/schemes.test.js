// OpenPGP and SSH signatures in the page, end to end in Chromium from file://: bundles signed by
// Debian's gpg (GNUPGHOME in a temp folder) and ssh-keygen with every accepted kind of key, made
// at test time; pages with their
// keys pinned (scripts/build.sh --page-only --trusted-key) and a page with none, where a dropped
// key counts only once switched on. Each page's JSON export must be the CLI's report.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');
const F = require('./fixtures');

const OUT = path.join(__dirname, 'out');

let browser;
let fx;

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/** A release folder with a SHA256SUMS (sha256sum) under `top`. */
function payload(dir, top) {
  const d = path.join(dir, top);
  fs.mkdirSync(path.join(d, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(d, 'bin', 'tool'), 'tool v1\n');
  fs.writeFileSync(path.join(d, 'README'), 'read me\n');
  fs.writeFileSync(path.join(d, 'SHA256SUMS'), run('sha256sum', ['bin/tool', 'README'], { cwd: d }));
  return d;
}

function makeFixtures() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-e2e-schemes-'));
  const f = { dir, pages: {} };
  const gnupg = path.join(dir, 'gnupg');
  fs.mkdirSync(gnupg, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: gnupg };
  f.env = env;
  const gpg = (...args) => run('gpg', ['--batch', '--quiet', '--passphrase', '', ...args], { env, cwd: dir });

  // OpenPGP: an Ed25519 signing subkey under a certify-only primary; a detached armored
  // signature of the list inside the bundle.
  gpg('--quick-gen-key', 'Release <rel@example.com>', 'ed25519', 'cert', 'never');
  const fpr = run('gpg', ['--with-colons', '--list-keys'], { env }).toString()
    .split('\n').find((l) => l.startsWith('fpr:')).split(':')[9];
  gpg('--quick-add-key', fpr, 'ed25519', 'sign', 'never');
  const g = payload(path.join(dir, 'g'), 'rel-2.0');
  gpg('--armor', '--detach-sign', path.join(g, 'SHA256SUMS'));
  f.gpgBundle = path.join(dir, 'gpg.tar.gz');
  run('tar', ['-C', path.join(dir, 'g'), '-czf', f.gpgBundle, 'rel-2.0']);
  fs.writeFileSync(path.join(dir, 'release.asc'), gpg('--armor', '--export', fpr));
  fs.writeFileSync(path.join(dir, 'release.gpg'), gpg('--export', fpr));
  f.fpr = fpr;

  // Every other accepted kind of key, each signing its own bundle: RSA 3072 and NIST P-256 by
  // gpg (binary .sig), ECDSA P-256 and RSA 3072 (rsa-sha2-512) by ssh-keygen; one armored keyring
  // and one allowed_signers file hold them.
  f.kinds = [];
  const certs = [];
  for (const [name, algo] of [['gpg-rsa3072', 'rsa3072'], ['gpg-nistp256', 'nistp256']]) {
    gpg('--quick-gen-key', `${name} <${name}@example.com>`, algo, 'sign', 'never');
    const kfpr = run('gpg', ['--with-colons', '--list-keys', `${name}@example.com`], { env }).toString()
      .split('\n').find((l) => l.startsWith('fpr:')).split(':')[9];
    const d = payload(path.join(dir, name), 'rel-4.0');
    gpg('--local-user', kfpr, '--detach-sign', path.join(d, 'SHA256SUMS'));
    run('tar', ['-C', path.join(dir, name), '-czf', path.join(dir, name + '.tar.gz'), 'rel-4.0']);
    certs.push(kfpr);
    f.kinds.push({ name, format: 'openpgp', fpr: kfpr });
  }
  fs.writeFileSync(path.join(dir, 'keyring.asc'), gpg('--armor', '--export', ...certs));
  const signers = [];
  for (const [name, type, bits] of [['ssh-ecdsa', 'ecdsa', '256'], ['ssh-rsa', 'rsa', '3072']]) {
    const keyFile = path.join(dir, name + '_key');
    run('ssh-keygen', ['-q', '-t', type, '-b', bits, '-N', '', '-C', name, '-f', keyFile]);
    signers.push(`${name}@example.com namespaces="file" ${fs.readFileSync(keyFile + '.pub', 'utf8').trim()}`);
    const d = payload(path.join(dir, name), 'rel-5.0');
    run('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'file', '-f', keyFile, path.join(d, 'SHA256SUMS')]);
    run('tar', ['-C', path.join(dir, name), '-czf', path.join(dir, name + '.tar.gz'), 'rel-5.0']);
    f.kinds.push({ name, format: 'ssh', principal: `${name}@example.com` });
  }
  fs.writeFileSync(path.join(dir, 'more_signers'), signers.join('\n') + '\n');

  // SSH: an ed25519 key, an allowed_signers file, a list signed with -n file, and another with
  // -n git.
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ops@example.com', '-f', path.join(dir, 'ssh_release')]);
  const pub = fs.readFileSync(path.join(dir, 'ssh_release.pub'), 'utf8').trim();
  fs.writeFileSync(path.join(dir, 'allowed_signers'), `ops@example.com namespaces="file" ${pub}\n`);
  for (const [name, ns] of [['ssh', 'file'], ['sshgit', 'git']]) {
    const s = payload(path.join(dir, name), 'rel-3.0');
    run('ssh-keygen', ['-q', '-Y', 'sign', '-n', ns, '-f', path.join(dir, 'ssh_release'), path.join(s, 'SHA256SUMS')]);
    f[name + 'Bundle'] = path.join(dir, name + '.tar.gz');
    run('tar', ['-C', path.join(dir, name), '-czf', f[name + 'Bundle'], 'rel-3.0']);
  }
  return f;
}

before(async () => {
  assert.ok(fs.existsSync(F.AIRLOCK), F.AIRLOCK + ' is missing: run scripts/build.sh first');
  fs.mkdirSync(OUT, { recursive: true });
  fx = makeFixtures();
  fx.pages.gpg = F.pinnedPage(fx, 'pinned-gpg', [path.join(fx.dir, 'release.asc')]);
  fx.pages.gpgBinary = F.pinnedPage(fx, 'pinned-gpg-binary', [path.join(fx.dir, 'release.gpg')]);
  fx.pages.ssh = F.pinnedPage(fx, 'pinned-ssh', [path.join(fx.dir, 'allowed_signers')]);
  fx.pages.plain = F.pinnedPage(fx, 'plain', []);
  fx.pages.kinds = F.pinnedPage(fx, 'pinned-kinds', [path.join(fx.dir, 'keyring.asc'), path.join(fx.dir, 'more_signers')]);
  browser = await chromium.launch({ executablePath: F.CHROMIUM, args: F.BROWSER_ARGS });
});

after(async () => {
  if (browser) await browser.close();
  if (fx) {
    try {
      run('gpgconf', ['--kill', 'gpg-agent'], { env: fx.env });
    } catch (e) {
      // The agent may not be running.
    }
    if (!process.env.AIRLOCK_KEEP_FIXTURES) fs.rmSync(fx.dir, { recursive: true, force: true });
  }
});

async function open(pageFile) {
  const opened = await F.openPage(browser, pageFile);
  const close = opened.close;
  opened.close = (name) => close(name ? path.join(OUT, name + '.png') : undefined);
  return opened;
}

/** The export without the page's provenance, in the CLI's words for a pinned key. */
function comparable(text) {
  const report = JSON.parse(text);
  delete report.page;
  report.elapsed_ms = 0;
  return JSON.stringify(report)
    .replace(/"(source|key_source)":"pinned"/g, '"$1":"command-line"');
}

async function assertParity(page, cliArgs, expectStatus) {
  const exported = await F.exportReport(page);
  const [status, cli] = F.cliVerify(fx, cliArgs);
  assert.equal(status, expectStatus, 'CLI exit status');
  assert.equal(comparable(exported), comparable(cli), 'the page reports what the CLI reports');
  return JSON.parse(exported);
}

async function codes(page) {
  return page.$$eval('#findings .code', (els) => els.map((e) => e.textContent));
}

test('verified: a list signed by a gpg subkey, the armored certificate pinned', async () => {
  const s = await open(fx.pages.gpg);
  const { page } = s;
  await page.setInputFiles('#files', [fx.gpgBundle]);
  assert.equal(await F.waitVerdict(page), 'verified');
  const report = await assertParity(page, ['gpg.tar.gz', '--trusted-key', 'release.asc'], 0);
  assert.equal(report.signatures[0].format, 'openpgp');
  assert.equal(report.signatures[0].primary_fingerprint, fx.fpr);
  assert.equal(report.signatures[0].key_source, 'pinned');
  await s.close('verified-gpg');
});

test('verified: the binary keyring (gpg --export, not armored) pinned at build time', async () => {
  // The page carries the keyring's bytes as they are: a binary keyring is no text.
  const keyring = fs.readFileSync(path.join(fx.dir, 'release.gpg'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(keyring), 'release.gpg is binary');
  const s = await open(fx.pages.gpgBinary);
  const { page } = s;
  assert.match(await page.textContent('#pinned-keys'), new RegExp(fx.fpr.slice(-16)));
  await page.setInputFiles('#files', [fx.gpgBundle]);
  assert.equal(await F.waitVerdict(page), 'verified');
  const report = await assertParity(page, ['gpg.tar.gz', '--trusted-key', 'release.gpg'], 0);
  assert.equal(report.signatures[0].primary_fingerprint, fx.fpr);
  assert.equal(report.signatures[0].key_source, 'pinned');
  await s.close('verified-gpg-binary');
});

test('verified as in the CLI: gpg RSA 3072 and NIST P-256, ssh ECDSA P-256 and RSA 3072 (rsa-sha2-512)', async () => {
  const args = ['--trusted-key', 'keyring.asc', '--trusted-key', 'more_signers'];
  for (const k of fx.kinds) {
    const s = await open(fx.pages.kinds);
    const { page } = s;
    await page.setInputFiles('#files', [path.join(fx.dir, k.name + '.tar.gz')]);
    assert.equal(await F.waitVerdict(page), 'verified', k.name);
    const report = await assertParity(page, [k.name + '.tar.gz', ...args], 0);
    assert.equal(report.signatures[0].format, k.format, k.name);
    if (k.fpr) assert.equal(report.signatures[0].primary_fingerprint, k.fpr, k.name);
    if (k.principal) assert.equal(report.signatures[0].principal, k.principal, k.name);
    await s.close('verified-' + k.name);
  }
});

test('gpg: a dropped binary keyring is listed, trusted only once switched on', async () => {
  const s = await open(fx.pages.plain);
  const { page } = s;
  await page.setInputFiles('#files', [fx.gpgBundle, path.join(fx.dir, 'release.gpg')]);
  assert.equal(await F.waitVerdict(page), 'failed');
  assert.ok((await codes(page)).includes('untrusted-key'));
  assert.ok((await page.textContent('#session-keys')).includes(fx.fpr), 'the key is shown with its fingerprint');
  await page.check('#session-keys input[role=switch]');
  assert.equal(await F.waitVerdict(page, 'failed'), 'verified');
  const report = JSON.parse(await F.exportReport(page));
  assert.equal(report.signatures[0].key_source, 'session');
  await s.close('gpg-session-key');
});

test('verified: a list signed with ssh-keygen -Y sign -n file, allowed_signers pinned', async () => {
  const s = await open(fx.pages.ssh);
  const { page } = s;
  await page.setInputFiles('#files', [fx.sshBundle]);
  assert.equal(await F.waitVerdict(page), 'verified');
  const report = await assertParity(page, ['ssh.tar.gz', '--trusted-key', 'allowed_signers'], 0);
  assert.equal(report.signatures[0].format, 'ssh');
  assert.equal(report.signatures[0].principal, 'ops@example.com');
  await s.close('verified-ssh');
});

test('failed: an ssh signature made for namespace git is refused', async () => {
  const s = await open(fx.pages.ssh);
  const { page } = s;
  await page.setInputFiles('#files', [fx.sshgitBundle]);
  assert.equal(await F.waitVerdict(page), 'failed');
  assert.ok((await codes(page)).includes('refused-signature'), (await codes(page)).join());
  await assertParity(page, ['sshgit.tar.gz', '--trusted-key', 'allowed_signers'], 1);
  await s.close('ssh-git-namespace');
});
