'use strict';
// Times dist/airlock.html in headless Chromium opened from file:// (used by scripts/bench.sh).
//
//   node scripts/bench-page.js PAGE.html [--table] [--workers N] [--no-memory] FILE...
//
// Prints one JSON line: { seconds, verdict, idle_rss_mb, idle_pss_mb, peak_rss_mb, peak_pss_mb,
// filter_ms, scroll_ms, workers, wasm_mb }.
// seconds: from setInputFiles('#files', ...) to #verdict[data-verdict] non-empty.
// peak_rss_mb: the largest sum of RSS over the browser's process tree, sampled every 100 ms
// (counts shared pages once per process); peak_pss_mb: the same with PSS (shared pages split).
// wasm_mb: each worker's wasm memory at the end of the run (it only grows: the worker's peak).
// --table: also time the entries table (search box and scrolling) once the verdict is in.
// --workers 1: make the page see one core (navigator.hardwareConcurrency), so it runs one worker.
// --no-memory: no memory sampling (reading smaps_rollup every 100 ms slows the page: measured
// +1.2 s on bundle a, by contention on the renderer's memory map), for a clean time.
const fs = require('fs');
const path = require('path');

const pwPath = process.env.PLAYWRIGHT_CORE || 'playwright-core';
const { chromium } = require(pwPath);

const args = process.argv.slice(2);
const html = path.resolve(args.shift());
let table = false;
let cores = 0;
let memory = true;
while (args[0] && args[0].startsWith('--')) {
  const opt = args.shift();
  if (opt === '--table') table = true;
  else if (opt === '--workers') cores = Number(args.shift());
  else if (opt === '--no-memory') memory = false;
  else throw new Error('unknown option ' + opt);
}
const files = args.map((f) => path.resolve(f));

function tree(root) {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch (_) {
      /* gone */
    }
  }
  const out = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    for (const k of kids.get(p) || []) todo.push(k);
  }
  return out;
}

function memKiB(pids) {
  let rss = 0;
  let pss = 0;
  for (const p of pids) {
    try {
      const s = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number((/^Rss:\s+(\d+)/m.exec(s) || [0, 0])[1]);
      pss += Number((/^Pss:\s+(\d+)/m.exec(s) || [0, 0])[1]);
    } catch (_) {
      /* gone */
    }
  }
  return [rss, pss];
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The browser runs as a child of this node process: count the tree below it, not node itself.
  const root = process.pid;
  const below = () => tree(root).filter((p) => p !== root);
  let pids = below();
  let peak = 0;
  let peakPss = 0;
  let ticks = 0;
  const sampler = setInterval(() => {
    if (!memory) return;
    if (++ticks % 10 === 0) pids = below();
    const [rss, pss] = memKiB(pids);
    peak = Math.max(peak, rss);
    peakPss = Math.max(peakPss, pss);
  }, 100);
  const result = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    if (cores) {
      await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
    }
    await page.goto('file://' + html);
    await page.waitForSelector('#files', { state: 'attached' });
    // Let the worker compile the wasm before the clock starts.
    await page.waitForTimeout(1000);
    pids = below();
    if (memory) [result.idle_rss_mb, result.idle_pss_mb] = memKiB(pids).map((k) => Math.round(k / 1024));
    const t0 = Date.now();
    await page.setInputFiles('#files', files);
    await page.waitForFunction(
      () => {
        const v = document.querySelector('#verdict');
        return v && v.dataset.verdict;
      },
      null,
      { timeout: 0, polling: 50 },
    );
    result.seconds = (Date.now() - t0) / 1000;
    result.verdict = await page.$eval('#verdict', (v) => v.dataset.verdict);
    // The page notes each worker's wasm memory at the end of a run (then replaces the workers).
    const mem = await page.evaluate(() => Object.assign({}, document.documentElement.dataset));
    result.wasm_mb = ['wasmMbmain', 'wasmMbaux'].filter((k) => k in mem).map((k) => Number(mem[k]));
    result.workers = result.wasm_mb.length;
    if (table && (await page.$('#entry-search'))) {
      await page.waitForTimeout(500);
      // Search: from the input event to the entries count changing, then one painted frame.
      result.filter_ms = await page.evaluate(async () => {
        const box = document.querySelector('#entry-search');
        const count = document.querySelector('#entries-count');
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        const times = [];
        for (const q of ['f0042', '', 'd07/f0', '']) {
          const before = count.textContent;
          const t = performance.now();
          box.value = q;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          while (count.textContent === before && performance.now() - t < 10000) await frame();
          await frame();
          times.push(performance.now() - t);
        }
        return Math.round(Math.max(...times));
      });
      // Scroll: jump the viewport, then wait for the rows in view to be drawn (two frames).
      result.scroll_ms = await page.evaluate(async () => {
        const vp = document.querySelector('#entries-viewport');
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        const times = [];
        for (const f of [0.5, 0.9, 0.1, 0.75, 0.25]) {
          const t = performance.now();
          vp.scrollTop = Math.floor(vp.scrollHeight * f);
          vp.dispatchEvent(new Event('scroll'));
          await frame();
          await frame();
          times.push(performance.now() - t);
        }
        return Math.round(Math.max(...times));
      });
    }
  } catch (e) {
    result.error = String((e && e.message) || e).split('\n')[0];
  } finally {
    clearInterval(sampler);
    if (memory) {
      result.peak_rss_mb = Math.round(peak / 1024);
      result.peak_pss_mb = Math.round(peakPss / 1024);
    }
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
})();
