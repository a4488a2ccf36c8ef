// Browser benchmarks (`npm run bench`): what the widgets cost a vendor's page in Chromium.
//   2. Requests: one provider and every element for one packaged resident, FHIR API over HTTP.
//   3. Render speed with the data already in memory, beside a plain innerHTML table of the same rows,
//      and scroll frame times on the long lists.
//   4. Memory: JS heap before sign-in, with the largest resident shown, after sign-out; what stays, by
//      what keeps it (heap snapshots compared); and whether the resident's name and NHS number are still
//      reachable after sign-out.
//   5. Scaling: render time and heap for 100, 1,000 and 10,000 items.
// Each figure is printed as a table; `measureBrowser()` returns them with the budgets (met / not met).
import { cpus, loadavg } from 'node:os';
import { chromiumArgs } from '../../scripts/chromium.js';
import { launchChromium } from '../node/support/browser.js';
import { profileCall, topSelfTime } from './cpu-profile.js';
import { HEAP_CATEGORIES, compareHeapSnapshots, readHeapSnapshot, searchHeapSnapshot, takeHeapSnapshot } from './heap-snapshot.js';
import { bundlePageScript, loadMocks, startBenchServer } from './server.js';

/** Timed runs per figure (median reported), and runs of the informational "JSON not yet parsed" path. */
const RUNS = 5;
const COLD_RUNS = 3;
const SCROLL_STEPS = 20;
const SCROLL_PASSES = 3;
/** Loading 10,000 documents a page at a time takes minutes: that run stops at this many rows. */
const LOAD_ALL_STOP_ROWS = 2000;
/** Server-side delay of each answer on the requests page, so requests sent together overlap in time. */
const REQUEST_LATENCY_MS = 40;

const PACKAGED_RESIDENT = { id: 'margaret-whitfield', compositionId: 'comp-mw-discharge-2026-11-04' };
const LARGE = { id: 'large-resident', observations: 10000, documents: 500 };

export const browserBudgets = {
  duplicateRequests: 0,
  /** Patient resolution, then one parallel wave (documented `_id=` follow-up lookups excepted). */
  waves: 2,
  renderRatio: 1.5,
  firstPaintAt10kMs: 100,
  heapAfterSignOut: 0.1,
  /** A second session's growth of the heap, against the heap after the first sign-out. */
  heapPerSession: 0.1,
  /** Objects other than code and V8's caches that a second session adds, against the heap before sign-in. */
  objectsPerSession: 0.01,
  /** Growth exponent per 10× (log10 of the ratio) from which growth counts as quadratic. */
  quadraticExponent: 1.7,
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value, digits = 1) => (value === undefined || Number.isNaN(value) ? undefined : Number(value.toFixed(digits)));
const MB = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1048576).toFixed(2)} MB`);
const count = (n) => n.toLocaleString('en-GB');
const ms = (value) => (value === undefined ? '—' : `${value.toFixed(1)} ms`);

function classifyGrowth(ratio) {
  if (!(ratio > 0)) return { exponent: undefined, growth: 'unknown' };
  const exponent = Math.log10(ratio);
  const growth = exponent < 0.3 ? 'flat' : exponent <= 1.2 ? 'linear' : exponent < browserBudgets.quadraticExponent ? 'superlinear' : 'quadratic';
  return { exponent: round(exponent, 2), growth };
}

/**
 * @param {{ log?: (line: string) => void, only?: string[] }} [options] `only`: some of 'requests', 'render',
 *   'memory' (also from BENCH_ONLY=render,memory), for working on one benchmark.
 */
export async function measureBrowser({ log = (line) => console.log(line), only = process.env.BENCH_ONLY?.split(',') } = {}) {
  const phase = (name) => !only || only.includes(name);
  const started = Date.now();
  const mocks = await loadMocks();
  const pageScript = await bundlePageScript();
  const make = (options) => mocks.generateLargeResident(options).bundle;
  const datasets = {
    packaged: { bundles: mocks.residents.map((resident) => resident.bundle), latencyMs: REQUEST_LATENCY_MS },
    large: { bundles: [make({ id: LARGE.id, observations: LARGE.observations, documents: LARGE.documents })] },
    'obs-100': { bundles: [make({ id: 'obs-100', observations: 100, documents: 0 })] },
    'obs-1000': { bundles: [make({ id: 'obs-1000', observations: 1000, documents: 0 })] },
    'docs-100': { bundles: [make({ id: 'docs-100', observations: 0, documents: 100 })] },
    'docs-1000': { bundles: [make({ id: 'docs-1000', observations: 0, documents: 1000 })] },
    'docs-10000': { bundles: [make({ id: 'docs-10000', observations: 0, documents: 10000 })] },
  };
  const server = await startBenchServer({ datasets, mocks, pageScript });
  const browser = await launchChromium({ args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'], protocolTimeout: 300_000 });
  log(`\nBrowser benchmarks (Chromium ${await browser.version()}, data sets ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  /** A fresh page on the bench page, with a CDP session for heap figures. */
  async function openPage() {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error?.message ?? error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/ResizeObserver loop/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench?.ready === true, { timeout: 30_000 });
    const cdp = await page.createCDPSession();
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      return { used: usage.usedSize, total: usage.totalSize, embedder: usage.embedderHeapUsedSize };
    };
    const profile = async (fn) => {
      const { value, profile: cpu } = await profileCall(cdp, fn);
      return { value, ...topSelfTime(cpu, pageScript, `${server.origin}/bench-page.js`) };
    };
    return { page, cdp, heap, profile, errors };
  }

  // Figures depend on what else the machine is doing: say how busy it was.
  const results = { chromium: await browser.version(), machine: { cpus: cpus().length, loadAverageAtStart: loadavg().map((n) => round(n, 2)) } };
  const budgets = [];
  try {
    // Each benchmark on its own: one that fails is reported, and the others still run.
    const attempt = async (name, key, fn) => {
      if (!phase(name)) return;
      try {
        results[key] = await fn();
      } catch (error) {
        log(`\n${name} benchmark failed: ${error?.stack ?? error}`);
        results[key] = { error: String(error?.message ?? error) };
        budgets.push({ budget: `${name} benchmark completed`, measured: String(error?.message ?? error), met: false });
      }
    };
    await attempt('requests', 'requests', () => measureRequests({ openPage, server, log, budgets }));
    await attempt('render', 'render', () => measureRender({ openPage, server, log, budgets }));
    await attempt('memory', 'memory', () => measureMemory({ openPage, server, log, budgets, pageScript }));
  } finally {
    await browser.close();
    await server.close();
  }
  if (Array.isArray(results.render)) results.scaling = scaling(results.render, log, budgets);
  results.durationS = round((Date.now() - started) / 1000);
  results.machine.loadAverageAtEnd = loadavg().map((n) => round(n, 2));
  log(`Browser benchmarks took ${results.durationS} s on ${results.machine.cpus} CPUs (load average ${results.machine.loadAverageAtStart[0]} at the start, ${results.machine.loadAverageAtEnd[0]} at the end).`);
  return { ...results, budgets };
}

// ---------------------------------------------------------------------------------------------
// 2. Requests

async function measureRequests({ openPage, server, log, budgets }) {
  const { page, errors } = await openPage();
  const baseUrl = server.baseUrl('packaged');
  const firstLogged = server.log.length;
  await page.evaluate(() => window.bench.trackFetch());
  const widgets = await page.evaluate(
    (options) => window.bench.mountAll(options),
    { baseUrl, patientId: PACKAGED_RESIDENT.id, widgetAttributes: { 'discharge-summary': { 'composition-id': PACKAGED_RESIDENT.compositionId } } },
  );
  const settled = await page.evaluate(() => window.bench.settle({ quietMs: 1000 }));
  const sent = await page.evaluate(() => window.bench.sentRequests());
  await page.close();
  const received = server.log.slice(firstLogged).filter((entry) => entry.dataset === 'packaged');

  const fhirSent = sent.filter((entry) => entry.url.startsWith(baseUrl)).sort((a, b) => a.start - b.start);
  // A request's wave: 1 + the highest wave among requests that had completed before it was sent. Sent
  // and completed as the page saw them (the server sees requests queue behind Chromium's six
  // connections per host, which would look like dependencies); the server's log counts them.
  for (const entry of fhirSent) {
    const before = fhirSent.filter((other) => other !== entry && other.end !== undefined && other.end <= entry.start);
    entry.wave = 1 + Math.max(0, ...before.map((other) => other.wave ?? 0));
    entry.lookup = /[?&]_id=/.test(entry.url);
  }
  const byUrl = new Map();
  for (const entry of received) {
    const key = `${entry.method} ${entry.url}`;
    const row = byUrl.get(key) ?? { method: entry.method, url: entry.url, count: 0, status: entry.status, serverMs: [] };
    row.count++;
    row.serverMs.push((entry.end ?? entry.start) - entry.start);
    byUrl.set(key, row);
  }
  const table = [...byUrl.values()].map((row) => {
    const client = fhirSent.find((entry) => entry.url === row.url);
    return {
      wave: client?.wave,
      count: row.count,
      status: row.status,
      ms: Math.round(median(row.serverMs)),
      request: `${row.method} ${decodeURIComponent(row.url.slice(baseUrl.length))}`,
      lookup: client?.lookup ?? false,
    };
  });
  table.sort((a, b) => (a.wave ?? 99) - (b.wave ?? 99) || a.request.localeCompare(b.request));
  const duplicates = table.filter((row) => row.count > 1);
  const waves = Math.max(0, ...fhirSent.map((entry) => entry.wave));
  const coreWaves = Math.max(0, ...fhirSent.filter((entry) => !entry.lookup).map((entry) => entry.wave));
  const byType = {};
  const searchesByType = {};
  for (const entry of received) {
    const path = new URL(entry.url).pathname.slice(new URL(baseUrl).pathname.length + 1);
    const type = path.split('/')[0];
    byType[type] = (byType[type] ?? 0) + 1;
    if (!path.includes('/') && !/[?&]_id=/.test(entry.url)) searchesByType[type] = (searchesByType[type] ?? 0) + 1;
  }
  // Not duplicates, but the same resource type searched again by another widget with other parameters.
  const overlapping = Object.values(searchesByType).reduce((sum, n) => sum + n - 1, 0);

  log(`\n2. Requests: one provider, ${widgets.length} elements (${widgets.join(', ')}), resident ${PACKAGED_RESIDENT.id}; ${REQUEST_LATENCY_MS} ms server latency`);
  const shorten = (text) => (text.length > 150 ? `${text.slice(0, 100)}…${text.slice(-49)}` : text);
  console.table(table.map(({ lookup, ...row }) => ({ ...row, request: shorten(`${row.request}${lookup ? '  (lookup)' : ''}`) })));
  log(
    `${received.length} FHIR requests (server), ${duplicates.length} URL(s) requested more than once, ${waves} waves (${coreWaves} without _id= lookups); ` +
      `${overlapping} searches of a type another widget had already searched (other parameters). By type: ${JSON.stringify(byType)}`,
  );
  const failing = settled.states.filter((widget) => widget.errors > 0);
  if (failing.length || errors.length) log(`Widgets showing errors: ${JSON.stringify(failing)}; page errors: ${JSON.stringify(errors.slice(0, 5))}`);

  budgets.push(
    { budget: 'Requests: no URL requested twice', measured: `${duplicates.length} duplicated (${duplicates.reduce((sum, row) => sum + row.count - 1, 0)} extra) of ${received.length}`, met: duplicates.length <= browserBudgets.duplicateRequests },
    {
      budget: `Requests: ≤ ${browserBudgets.waves} waves (patient, then one parallel wave) + _id= lookups`,
      measured: `${coreWaves} waves without lookups, ${waves} with`,
      met: coreWaves <= browserBudgets.waves,
    },
  );
  return { widgets, total: received.length, duplicates: duplicates.length, waves, coreWaves, overlappingSearches: overlapping, byType, table, settled, pageErrors: errors };
}

// ---------------------------------------------------------------------------------------------
// 3. Render speed and scrolling; 5. scaling figures come from the same runs

/**
 * One widget figure: two warm-up runs (the first records the responses from the server), then RUNS
 * runs with every response parsed in the client's cache, each followed by a baseline run of the same
 * rows (interleaved, so that other load on the machine falls on both alike), then COLD_RUNS runs with
 * a new client (JSON text in memory, parsed again). The last runs stay on the page for the heap and
 * scroll figures.
 */
async function measureWidget(
  context,
  { name, tag, attributes, patientId, dataset, loadAll = false, maxRows, baseline, scroll, cold = true, items, runs: runCount = RUNS, profile },
) {
  const { page, heap, baseUrl } = context;
  const render = (options) => page.evaluate((o) => window.bench.renderWidget(o), options);
  const renderBaseline = (options) => page.evaluate((o) => window.bench.renderBaseline(o), options);
  const unmount = () => page.evaluate(() => window.bench.unmount());
  const scrollPasses = async (target) => {
    const passes = [];
    for (let pass = 0; pass < SCROLL_PASSES; pass++) passes.push(await page.evaluate((o) => window.bench.scrollFrames(o), { target, steps: SCROLL_STEPS }));
    return passes;
  };

  await page.evaluate((url) => window.bench.prepare(url), baseUrl(dataset));
  const options = { tag, attributes, patientId, baseUrl: baseUrl(dataset), loadAll, maxRows };
  // The first run records the responses; the second runs the code once more from the cache, so that
  // the timed runs meet optimised code.
  const warmUp = await render(options);
  await render(options);
  const texts = baseline === 'summary' ? await summaryTexts(page, options) : undefined;
  const baselineOptions = baseline ? { kind: baseline, urls: warmUp.urls, texts } : undefined;
  if (baseline) await renderBaseline(baselineOptions);

  const runs = [];
  const baselineRuns = [];
  let heapWidget;
  let heapBaseline;
  let scrollWidget;
  let scrollBaseline;
  for (let run = 0; run < runCount; run++) {
    const last = run === runCount - 1;
    const before = last ? await heap() : undefined;
    runs.push(await render({ ...options, keep: last }));
    if (last) {
      heapWidget = (await heap()).used - before.used;
      if (scroll) scrollWidget = await scrollPasses(scroll.widget);
      await unmount();
    }
    if (!baseline) continue;
    const beforeBaseline = last ? await heap() : undefined;
    baselineRuns.push(await renderBaseline({ ...baselineOptions, keep: last }));
    if (last) {
      heapBaseline = (await heap()).used - beforeBaseline.used;
      if (scroll) scrollBaseline = await scrollPasses(scroll.baseline);
      await unmount();
    }
  }
  // Where the time goes: one more run under the CPU profiler (not counted above).
  if (profile) await unmount();
  const cpu = profile ? await context.profile(() => render({ ...options, collect: false })) : undefined;

  const coldRuns = [];
  let heapWithCache;
  if (cold) {
    for (let run = 0; run < COLD_RUNS; run++) {
      const last = run === COLD_RUNS - 1;
      // The last one alone on the page: its heap is the widget's and its client's (the parsed responses).
      if (last) await page.evaluate((url) => window.bench.prepare(url), baseUrl(dataset));
      const before = last ? await heap() : undefined;
      coldRuns.push(await render({ ...options, fresh: true, keep: last }));
      if (last) {
        heapWithCache = (await heap()).used - before.used;
        await unmount();
      }
    }
  }

  const widgetMs = median(runs.map((run) => run.ms));
  const baselineMs = baseline ? median(baselineRuns.map((run) => run.ms)) : undefined;
  /** Frame times of several scroll passes: the pass with the median p95 (a busy machine spoils single passes). */
  const frames = (passes) => {
    if (!passes) return undefined;
    const summaries = passes.map((pass) => ({ median: round(median(pass.deltas)), p95: round(percentile(pass.deltas, 95)), max: round(Math.max(...pass.deltas)) }));
    const p95s = summaries.map((summary) => summary.p95);
    return { ...summaries.find((summary) => summary.p95 === median(p95s)) ?? summaries[0], passesP95: p95s };
  };
  const lastRun = runs.at(-1);
  return {
    name,
    tag,
    dataset,
    items,
    attributes,
    loadAll,
    widget: {
      medianMs: round(widgetMs),
      minMs: round(Math.min(...runs.map((run) => run.ms))),
      runsMs: runs.map((run) => round(run.ms)),
      rowsInDom: lastRun.rowsInDom,
      rowsTotal: lastRun.rowsTotal,
      virtualised: lastRun.virtualised,
      count: lastRun.count ?? lastRun.partial,
      loadMoreClicks: lastRun.loadMoreClicks,
      stoppedAtRows: lastRun.stopped ? lastRun.rowsInDom : undefined,
      rounds: lastRun.rounds.length ? lastRun.rounds.map((r) => ({ rowsBefore: r.rowsBefore, ms: round(r.ms) })) : undefined,
      missesAfterWarmUp: runs.reduce((sum, run) => sum + run.misses, 0),
      warmUpMs: round(warmUp.ms),
      requests: warmUp.urls.length,
      responseBytes: warmUp.responseBytes,
      heapBytes: heapWidget,
    },
    cold: cold ? { medianMs: round(median(coldRuns.map((run) => run.ms))), runsMs: coldRuns.map((run) => round(run.ms)), heapBytes: heapWithCache } : undefined,
    baseline: baseline
      ? {
          medianMs: round(baselineMs),
          minMs: round(Math.min(...baselineRuns.map((run) => run.ms))),
          runsMs: baselineRuns.map((run) => round(run.ms)),
          rows: baselineRuns.at(-1).rowsInDom,
          heapBytes: heapBaseline,
        }
      : undefined,
    ratio: baseline ? round(widgetMs / baselineMs, 2) : undefined,
    scroll: scroll ? { widget: frames(scrollWidget), baseline: frames(scrollBaseline) } : undefined,
    profile: cpu ? { runMs: round(cpu.value.ms), totalMs: cpu.totalMs, top: cpu.top } : undefined,
  };
}

async function summaryTexts(page, options) {
  await page.evaluate((o) => window.bench.renderWidget(o), { ...options, keep: true });
  const texts = await page.evaluate(() => window.bench.summaryRows());
  await page.evaluate(() => window.bench.unmount());
  return texts;
}

// Every result in one page of each search (reports hold 1 to 4 results; a result whose report is not
// loaded yet is held back by the widget, so the report page must hold every report too).
const allResults = (observations) => ({ view: 'all', 'page-size': observations, 'results-page-size': observations });

async function measureRender({ openPage, server, log, budgets }) {
  const figures = [];
  const baseUrl = (name) => server.baseUrl(name);

  const add = (figure) => {
    figures.push(figure);
    log(`  ${figure.name}: ${figure.widget.medianMs} ms${figure.baseline ? ` (baseline ${figure.baseline.medianMs} ms, ×${figure.ratio})` : ''}`);
  };
  log('\n3. Render speed (data in memory; median of 5) and scrolling; 5. scaling');

  const resultsScroll = { widget: 'test-results', baseline: 'baseline-container' };
  const large = { patientId: LARGE.id, dataset: 'large' };
  const scenarios = [
    { ...large, name: 'summary, largest resident', tag: 'care-record-summary', attributes: {}, baseline: 'summary', cold: false },
    ...[100, 1000, 10000].map((n) => ({
      ...(n === LARGE.observations ? large : { patientId: `obs-${n}`, dataset: `obs-${n}` }),
      name: `test-results, ${count(n)} observations (all)`,
      tag: 'test-results',
      attributes: allResults(n),
      baseline: 'observations',
      scroll: n >= 1000 ? resultsScroll : undefined,
      items: { kind: 'observations', n },
      profile: n !== 1000,
    })),
    {
      ...large,
      name: `test-results, ${count(LARGE.observations)} observations (default first page)`,
      tag: 'test-results',
      attributes: {},
      cold: false,
      items: { kind: 'observations-default', n: LARGE.observations },
    },
    ...[100, 500, 1000, 10000].flatMap((n) => {
      const data = n === LARGE.documents ? large : { patientId: `docs-${n}`, dataset: `docs-${n}` };
      const common = { ...data, tag: 'discharge-list', attributes: { 'page-size': 100 }, baseline: 'documents' };
      return [
        { ...common, name: `discharge-list, ${count(n)} documents (first page)`, items: { kind: 'documents-first-page', n }, profile: n === 10000 },
        {
          ...common,
          name: `discharge-list, ${count(n)} documents (all, Load more)`,
          loadAll: true,
          items: { kind: 'documents-all', n },
          scroll: n === 500 ? { widget: 'window', baseline: 'window' } : undefined,
          profile: n === 1000,
          // Loading 10,000 a page at a time takes minutes: three runs, stopped at LOAD_ALL_STOP_ROWS rows.
          ...(n === 10000 ? { runs: 3, cold: false, maxRows: LOAD_ALL_STOP_ROWS } : {}),
        },
      ];
    }),
  ];
  // A fresh page for each figure: no figure's garbage collection pays for another's data.
  for (const scenario of scenarios) {
    const opened = await openPage();
    try {
      add(await measureWidget({ ...opened, baseUrl }, scenario));
    } finally {
      if (opened.errors.length) log(`  page errors: ${JSON.stringify(opened.errors.slice(0, 5))}`);
      await opened.page.close();
    }
  }

  console.table(
    figures.map((f) => ({
      figure: f.name,
      widget: ms(f.widget.medianMs),
      'widget min': ms(f.widget.minMs),
      baseline: ms(f.baseline?.medianMs),
      'baseline min': ms(f.baseline?.minMs),
      ratio: f.ratio === undefined ? '—' : `×${f.ratio}`,
      'JSON parsed too': ms(f.cold?.medianMs),
      rows: `${f.widget.rowsInDom}${f.widget.rowsTotal !== undefined ? ` of ${f.widget.rowsTotal}` : ''}`,
      'JSON in': MB(f.widget.responseBytes),
      'heap (widget)': MB(f.widget.heapBytes),
      'heap (+cache)': MB(f.cold?.heapBytes),
      'heap (baseline)': MB(f.baseline?.heapBytes),
    })),
  );
  for (const f of figures.filter((figure) => figure.profile)) {
    log(`Where the time goes: ${f.name} (one run under the profiler: ${ms(f.profile.runMs)}; ${f.profile.totalMs} ms sampled; "(program)" is the browser's style, layout and paint)`);
    console.table(f.profile.top.slice(0, 6));
  }
  const scrolled = figures.filter((f) => f.scroll);
  log('Scroll frame times (20 steps of 0.9 view each, one per frame; rAF deltas)');
  console.table(
    scrolled.map((f) => ({
      list: f.name,
      'widget median': ms(f.scroll.widget?.median),
      'widget p95': ms(f.scroll.widget?.p95),
      'baseline median': ms(f.scroll.baseline?.median),
      'baseline p95': ms(f.scroll.baseline?.p95),
    })),
  );

  for (const f of figures.filter((figure) => figure.baseline)) {
    budgets.push({ budget: `Render ≤ ${browserBudgets.renderRatio}× plain table: ${f.name}`, measured: `${ms(f.widget.medianMs)} vs ${ms(f.baseline.medianMs)} (×${f.ratio})`, met: f.ratio <= browserBudgets.renderRatio });
  }
  for (const f of figures.filter((figure) => figure.items?.n === 10000)) {
    // A Load more figure's time is every page's (its clicks follow at once, so nothing is painted until
    // the last): what it first paints is the first page, measured by the first-page figure of its data.
    const firstPage = f.loadAll ? figures.find((other) => !other.loadAll && other.tag === f.tag && other.dataset === f.dataset) : f;
    const firstPaintMs = firstPage?.widget.medianMs;
    const measured = f.loadAll ? `${ms(firstPaintMs)} (its first page; all ${count(f.widget.rowsInDom)} rows: ${ms(f.widget.medianMs)})` : ms(firstPaintMs);
    budgets.push({ budget: `First paint < ${browserBudgets.firstPaintAt10kMs} ms at 10,000 items: ${f.name}`, measured, met: firstPaintMs !== undefined && firstPaintMs < browserBudgets.firstPaintAt10kMs });
  }
  for (const f of scrolled) {
    const widget = f.scroll.widget?.p95;
    const baseline = f.scroll.baseline?.p95;
    budgets.push({
      budget: `Scroll p95 frame ≤ ${browserBudgets.renderRatio}× plain table: ${f.name}`,
      measured: `${ms(widget)} vs ${ms(baseline)}`,
      met: widget !== undefined && baseline !== undefined && widget <= browserBudgets.renderRatio * baseline,
    });
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// 5. Scaling (from the render figures)

function scaling(figures, log, budgets) {
  const series = [
    { name: 'test-results (all loaded)', kind: 'observations' },
    { name: 'discharge-list (first page)', kind: 'documents-first-page' },
    { name: 'discharge-list (all, Load more)', kind: 'documents-all' },
  ];
  const rows = [];
  for (const { name, kind } of series) {
    const points = [100, 1000, 10000].map((n) => figures.find((f) => f.items?.kind === kind && f.items.n === n));
    if (points.some((point) => !point)) continue;
    const stopped = points[2].widget.stoppedAtRows ? points[2] : undefined;
    for (const [metric, value] of [
      ['render ms', (f) => f.widget.medianMs],
      ['heap (+cache)', (f) => f.cold?.heapBytes],
    ]) {
      const values = points.map(value);
      if (values.some((v) => v === undefined)) continue;
      const step1 = values[1] / values[0];
      // The step from 1,000 to 10,000 decides: at 100 items fixed costs (two frames, the provider) dominate.
      // A run stopped before 10,000 gives the growth from 1,000 to the rows it reached, per 10×.
      const step2 = stopped ? (values[2] / values[1]) ** (1 / Math.log10(stopped.widget.rowsInDom / 1000)) : values[2] / values[1];
      const { exponent, growth } = classifyGrowth(step2);
      const show = (v, i) =>
        metric === 'render ms' ? `${i === 2 && stopped ? '> ' : ''}${ms(v)}${i === 2 && stopped ? ` (stopped: ${count(stopped.widget.rowsInDom)} rows)` : ''}` : MB(v);
      rows.push({
        series: name,
        metric,
        at100: show(values[0], 0),
        at1000: show(values[1], 1),
        at10000: show(values[2], 2),
        'per 10×': `×${round(step1, 2)}, ×${round(step2, 2)}`,
        exponent,
        growth,
      });
    }
  }
  log('\nScaling: 100, 1,000, 10,000 items (per 10×: 100→1k, 1k→10k; growth from the 1k→10k step, exponent = log10 of its ratio: flat < 0.3 ≤ linear ≤ 1.2 < superlinear < 1.7 ≤ quadratic)');
  console.table(rows);
  for (const row of rows) {
    budgets.push({ budget: `Scaling not quadratic: ${row.series}, ${row.metric}`, measured: `${row.growth} (exponent ${row.exponent}; ${row['per 10×']})`, met: row.growth !== 'quadratic' && row.growth !== 'unknown' });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 4. Memory

async function measureMemory({ openPage, server, log, budgets, pageScript }) {
  const { page, cdp, heap, errors } = await openPage();
  const baseUrl = server.baseUrl('large');
  const tags = [
    'patient-banner',
    'care-record-summary',
    'allergy-list',
    'problem-list',
    'medication-list',
    'test-results',
    'diagnostic-report-list',
    'discharge-list',
    'encounter-list',
    'document-list',
    'care-plan-list',
  ];
  // A name and a number only the record holds (generateLargeResident's patient), never the page's code.
  const needles = ['Longstaff', '9997703812', '999 770 3812'];
  const inPageSource = needles.filter((needle) => pageScript.includes(needle));
  await page.evaluate(
    (options) => window.bench.mountAll(options),
    {
      baseUrl,
      patientId: LARGE.id,
      signedOut: true,
      only: ['care-record-sign-in', ...tags],
      widgetAttributes: { 'test-results': allResults(LARGE.observations), 'discharge-list': { 'page-size': 100 } },
    },
  );
  await page.evaluate((t) => window.bench.waitForSignedOut({ tags: t }), tags);
  const beforeSignIn = await heap();
  // A snapshot at each moment (it does not change the used size): V8 keeps an object's snapshot id for
  // the object's life, so the later snapshot tells what is new since the earlier one.
  const snapshotBeforeSignIn = readHeapSnapshot(await takeHeapSnapshot(cdp));
  const signInStarted = Date.now();
  await page.evaluate(() => window.bench.signIn());
  const shown = await page.evaluate((t) => window.bench.waitForRecord({ tags: t }), tags);
  const renderS = (Date.now() - signInStarted) / 1000;
  const afterRender = await heap();
  await page.evaluate(() => window.bench.signOut());
  await page.evaluate((t) => window.bench.waitForSignedOut({ tags: t }), tags);
  const afterSignOut = await heap();
  const snapshotAfterSignOut = readHeapSnapshot(await takeHeapSnapshot(cdp));
  // A second session on the same page: does what stays after sign-out pile up, or is it replaced?
  await page.evaluate(() => window.bench.signIn());
  await page.evaluate((t) => window.bench.waitForRecord({ tags: t }), tags);
  await page.evaluate(() => window.bench.signOut());
  await page.evaluate((t) => window.bench.waitForSignedOut({ tags: t }), tags);
  const afterSecondSignOut = await heap();
  const snapshot = await takeHeapSnapshot(cdp);
  const found = searchHeapSnapshot(snapshot, needles);
  await page.close();
  const firstSession = compareHeapSnapshots(snapshotBeforeSignIn, snapshotAfterSignOut);
  const secondSession = compareHeapSnapshots(snapshotAfterSignOut, readHeapSnapshot(snapshot));
  const permanentKeys = Object.keys(HEAP_CATEGORIES).filter((key) => key !== 'objects');
  const permanent = permanentKeys.reduce((sum, key) => sum + firstSession.categories[key].net, 0);
  const withoutPermanent = afterSignOut.used - permanent;
  const growthWithoutPermanent = (withoutPermanent - beforeSignIn.used) / beforeSignIn.used;
  const sessionGrowth = (afterSecondSignOut.used - afterSignOut.used) / afterSignOut.used;
  const objectsLimit = browserBudgets.objectsPerSession * beforeSignIn.used;

  const growth = (afterSignOut.used - beforeSignIn.used) / beforeSignIn.used;
  log(`\n4. Memory: every data widget for the largest resident (${LARGE.observations} results, ${LARGE.documents} documents), over HTTP; shown in ${renderS.toFixed(1)} s`);
  console.table([
    { moment: 'before sign-in (widgets signed out)', 'JS heap': MB(beforeSignIn.used), 'DOM (embedder) heap': MB(beforeSignIn.embedder) },
    { moment: 'largest resident shown', 'JS heap': MB(afterRender.used), 'DOM (embedder) heap': MB(afterRender.embedder) },
    { moment: 'after sign-out', 'JS heap': MB(afterSignOut.used), 'DOM (embedder) heap': MB(afterSignOut.embedder) },
    { moment: 'after a second sign-in and sign-out', 'JS heap': MB(afterSecondSignOut.used), 'DOM (embedder) heap': MB(afterSecondSignOut.embedder) },
  ]);
  log(`Shown: ${shown.map((widget) => `${widget.tag} ${widget.rows}`).join(', ')}`);
  const kB = (bytes) => {
    const rounded = Math.round(bytes / 1024);
    return `${rounded < 0 ? '−' : '+'}${Math.abs(rounded)} kB`;
  };
  const size = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
  log('What stays in the JS heap, by what keeps it alive (heap snapshots at each moment; new objects less those gone):');
  console.table([
    ...Object.entries(HEAP_CATEGORIES).map(([key, label]) => ({
      'kept by': label,
      'after sign-out − before sign-in': kB(firstSession.categories[key].net),
      'second sign-out − first': kB(secondSession.categories[key].net),
    })),
    { 'kept by': 'all (snapshot totals)', 'after sign-out − before sign-in': kB(firstSession.after.jsBytes - firstSession.before.jsBytes), 'second sign-out − first': kB(secondSession.after.jsBytes - secondSession.before.jsBytes) },
  ]);
  log(
    '  Code, DOM interfaces, template strings and V8\'s caches are made the first time code runs with data and stay for the page\'s life: ' +
      'a cost of having shown a record once, not a record kept. A leak of ours would be among the other objects, and would grow again in the second session.\n' +
      '  Budgets: the first heap row compares the whole JS heap (so it counts that code); the second takes off what the first four rows above say the ' +
      'session added; the third and fourth compare the second session with the first.',
  );
  const holderRows = new Map();
  for (const [column, comparison] of [['first session', firstSession], ['second session', secondSession]]) {
    for (const holder of comparison.holders.filter((row) => Math.abs(row.net) >= 512).slice(0, 6)) {
      holderRows.set(holder.holder, { ...holderRows.get(holder.holder), holder: holder.holder, [column]: `${kB(holder.net)} (${size(holder.added)} new)` });
    }
  }
  log(`Other objects by holder (new less gone, 0.5 kB or more)${holderRows.size ? ':' : ': none'}`);
  if (holderRows.size) console.table([...holderRows.values()].map((row) => ({ holder: row.holder, 'first session': row['first session'] ?? '—', 'second session': row['second session'] ?? '—' })));
  const { detached } = secondSession;
  log(
    `Detached DOM nodes after the second sign-out: ${detached.nodes}, ${detached.inTemplates} inside Lit's cached <template>s` +
      `${detached.others.length ? `; others: ${detached.others.map((row) => `${row.holder} ${row.nodes}`).join(', ')}` : ''}`,
  );
  log(`Heap snapshot after the second sign-out (${(snapshot.length / 1048576).toFixed(1)} MB); needles in the page's own script: ${inPageSource.length ? inPageSource.join(', ') : 'none'}`);
  console.table(
    found.map((f) => ({
      string: f.needle,
      found: f.objects > 0 ? 'FOUND' : 'not found',
      objects: f.objects,
      bytes: f.bytes,
      'held by (objects)': Object.entries(f.holders)
        .sort((a, b) => b[1] - a[1])
        .map(([holder, n]) => `${holder} ${n}`)
        .join(', '),
    })),
  );
  for (const f of found) for (const match of f.matches) log(`  "${f.needle}" in ${match.object}, held by ${match.holder}:\n     ${match.retainedBy}`);
  if (errors.length) log(`Page errors: ${JSON.stringify(errors.slice(0, 5))}`);

  budgets.push({
    budget: `Heap after sign-out within ${browserBudgets.heapAfterSignOut * 100}% of before sign-in`,
    measured: `${MB(afterSignOut.used)} vs ${MB(beforeSignIn.used)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%; shown: ${MB(afterRender.used)})`,
    met: Math.abs(growth) <= browserBudgets.heapAfterSignOut,
  });
  budgets.push(
    {
      budget: `Heap after sign-out, less the code, DOM interfaces, template strings and V8 caches the session added (snapshot diff), within ${browserBudgets.heapAfterSignOut * 100}% of before sign-in`,
      measured: `${MB(withoutPermanent)} (${MB(afterSignOut.used)} − ${MB(permanent)}) vs ${MB(beforeSignIn.used)} (${growthWithoutPermanent >= 0 ? '+' : ''}${(growthWithoutPermanent * 100).toFixed(1)}%)`,
      met: Math.abs(growthWithoutPermanent) <= browserBudgets.heapAfterSignOut,
    },
    {
      budget: `Heap after a second sign-in and sign-out within ${browserBudgets.heapPerSession * 100}% of after the first (a leak grows with each session; warm-up does not)`,
      measured: `${MB(afterSecondSignOut.used)} vs ${MB(afterSignOut.used)} (${sessionGrowth >= 0 ? '+' : ''}${(sessionGrowth * 100).toFixed(1)}%; code ${kB(secondSession.categories.code.net)})`,
      met: Math.abs(sessionGrowth) <= browserBudgets.heapPerSession,
    },
    {
      budget: `Other objects (not code, DOM interfaces, template strings, V8 caches) added by a second session ≤ ${browserBudgets.objectsPerSession * 100}% of the heap before sign-in`,
      measured: `${kB(secondSession.categories.objects.net)} (${size(secondSession.categories.objects.added)} new, ${size(secondSession.categories.objects.removed)} gone; limit ${size(objectsLimit)})`,
      met: secondSession.categories.objects.net <= objectsLimit,
    },
  );
  for (const f of found) {
    budgets.push({
      budget: `After sign-out the heap holds no "${f.needle}"`,
      measured: f.objects ? `${f.objects} object(s), ${f.bytes} bytes` : 'not found',
      met: f.objects === 0 && !inPageSource.includes(f.needle),
    });
  }
  return {
    widgets: tags,
    shown,
    renderS: round(renderS),
    heap: { beforeSignIn, afterRender, afterSignOut, afterSecondSignOut, growthAfterSignOut: round(growth, 4) },
    kept: { firstSession, secondSession, permanentBytes: permanent, growthWithoutPermanent: round(growthWithoutPermanent, 4), sessionGrowth: round(sessionGrowth, 4) },
    snapshotBytes: snapshot.length,
    strings: found,
    needlesInPageSource: inPageSource,
    pageErrors: errors,
  };
}
