// The bench page's script, driven from Node (test/bench/browser.js) through `window.bench`.
// It registers every element as the self-contained bundle does (packages/elements/src/bundle.ts) and
// measures in the page with performance.now(): a run starts inside an animation frame, and ends two
// animation frames after the content is in the DOM and the element's update is complete, i.e. once
// that content has been painted.
//
// Nothing here names a resident: the heap-snapshot check searches the page for a resident's name and
// NHS number, and the page's own text must not be what it finds.
import '../../../packages/elements/src/bundle.ts';
import { careRecordElements } from '@care-record/elements';
import { FhirClient } from '@care-record/fhir';
import { TokenProviderSession } from '@care-record/auth';

const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
const RUN_TIMEOUT_MS = 120_000;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** Resolves when `isDone()` holds, checked after every DOM change under `roots` and at every frame. */
function until(isDone, roots, timeoutMs = RUN_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let finished = false;
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(new Error(`Timed out after ${timeoutMs} ms`)), timeoutMs);
    function finish(error) {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(undefined);
    }
    function check() {
      if (finished) return;
      let done = false;
      try {
        done = isDone();
      } catch (error) {
        finish(error);
        return;
      }
      if (done) finish();
    }
    function everyFrame() {
      if (finished) return;
      check();
      requestAnimationFrame(everyFrame);
    }
    for (const root of roots()) observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
    check();
    requestAnimationFrame(everyFrame);
  });
}

/** Every element matching `selector` in `root` and in the shadow roots below it. */
function deepQueryAll(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  return found;
}

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------------------------
// Network and memory: responses kept in the page, answered without the network.

/** URL → response recorded from the bench server on the warm-up run. */
const recorded = new Map();
const stats = { misses: 0 };

async function memoryFetch(input, init) {
  const request = input instanceof Request ? input : new Request(input, init);
  const hit = recorded.get(request.url);
  if (hit) return new Response(hit.body, { status: hit.status, headers: { 'content-type': hit.contentType } });
  stats.misses++;
  const response = await fetch(request);
  const body = await response.text();
  const entry = { status: response.status, contentType: response.headers.get('content-type') ?? 'application/fhir+json', body };
  recorded.set(request.url, entry);
  return new Response(body, { status: entry.status, headers: { 'content-type': entry.contentType } });
}

/** Requests as the page sent them (fetch called → response headers), for the round-trip count. */
const sent = [];
function trackFetch() {
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const entry = { url: request.url, method: request.method, requestId: request.headers.get('x-request-id') ?? undefined, start: Date.now(), end: undefined, status: undefined };
    sent.push(entry);
    try {
      const response = await original(request);
      entry.status = response.status;
      return response;
    } finally {
      entry.end = Date.now();
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Mounting widgets inside a provider

let scenarioClient;
let mounted;

function createProvider({ baseUrl, client, patientId, auth, tokenProvider }) {
  const provider = document.createElement('care-record-provider');
  if (client) provider.client = client;
  else provider.setAttribute('fhir-base-url', baseUrl);
  if (auth) provider.auth = auth;
  if (tokenProvider) {
    provider.setAttribute('auth-mode', 'token');
    provider.tokenProvider = tokenProvider;
  }
  provider.setAttribute('patient-id', patientId);
  return provider;
}

function createWidget(tag, attributes = {}) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Empties the page; `collect`: then a full garbage collection, so that the next run does not pay for this one's garbage. */
function unmount({ collect = true } = {}) {
  mounted?.remove();
  mounted = undefined;
  stage.replaceChildren();
  window.scrollTo(0, 0);
  if (collect && typeof window.gc === 'function') window.gc();
}

/**
 * What "loaded and shown" means for each widget (cheap checks: they run inside the measured time).
 * An error state ends the run at once, with the widget's message.
 */
const readiness = {
  'test-results': (root) => !root.querySelector('[aria-busy="true"]') && !!root.querySelector('[part~="all-results"] [role="row"][aria-rowindex="2"], [part~="report"]'),
  'discharge-list': (root) => !root.querySelector('[aria-busy="true"]') && !!root.querySelector('[part~="row"]'),
  'care-record-summary': (root) => !root.querySelector('[aria-busy="true"], [part~="no-patient"]') && root.querySelectorAll('[part~="section"]').length > 0,
};

function readyOrFailed(tag, root) {
  const error = root.querySelector('[part~="error"], [part~="signed-out"]');
  if (error) throw new Error(`<${tag}> shows "${error.textContent.replace(/\s+/g, ' ').trim()}"`);
  return readiness[tag](root);
}

/** Measures one widget's render: from the frame it is added to the page, to two frames after its content is in the DOM. */
async function renderWidget({ tag, attributes = {}, patientId, baseUrl, fresh = false, loadAll = false, maxRows = Infinity, keep = false, collect = true }) {
  unmount({ collect });
  const client = fresh || !scenarioClient ? newMemoryClient(baseUrl) : scenarioClient;
  const urls = new Set();
  const onRequest = (event) => urls.add(event.detail.url);
  client.addEventListener('request', onRequest);
  const provider = createProvider({ client, patientId });
  const widget = createWidget(tag, attributes);
  provider.append(widget);
  const ready = (root) => readyOrFailed(tag, root);
  const missesBefore = stats.misses;
  /** Each Load more: rows before it, and how long until the new rows were in the DOM. */
  const rounds = [];
  let stopped = false;

  const start = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      stage.append(provider);
      resolve(t0);
    }),
  );
  const root = widget.shadowRoot;
  for (;;) {
    await until(() => ready(root), () => [root]);
    await widget.updateComplete;
    if (!ready(root)) continue;
    const more = loadAll ? root.querySelector('[part~="load-more-button"]:not([disabled])') : null;
    if (!more) break;
    const before = root.querySelectorAll('[part~="row"]').length;
    if (before >= maxRows) {
      stopped = true;
      break;
    }
    const roundStart = performance.now();
    more.click();
    await until(() => !root.querySelector('[aria-busy="true"]') && root.querySelectorAll('[part~="row"]').length > before, () => [root]);
    rounds.push({ rowsBefore: before, ms: performance.now() - roundStart });
  }
  await nextFrame();
  const end = await nextFrame();
  client.removeEventListener('request', onRequest);
  mounted = provider;
  const result = {
    ms: end - start,
    misses: stats.misses - missesBefore,
    loadMoreClicks: rounds.length,
    rounds,
    stopped,
    urls: [...urls],
    responseBytes: [...urls].reduce((sum, url) => sum + (recorded.get(url)?.body.length ?? 0), 0),
    ...describeRendered(tag, root),
  };
  if (!keep) unmount();
  return result;
}

function newMemoryClient(baseUrl) {
  // Cached answers for the whole bench: later runs find every response parsed and waiting.
  return new FhirClient({ baseUrl, fetch: memoryFetch, cacheTtlMs: 3_600_000, retry: { maxAttempts: 1 } });
}

/** Starts a data set: a client whose cache later runs share (the "data already in memory" runs). */
function prepare(baseUrl) {
  unmount();
  scenarioClient = newMemoryClient(baseUrl);
  return true;
}

function describeRendered(tag, root) {
  const text = (selector) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  if (tag === 'test-results') {
    return {
      rowsInDom: root.querySelector('[part~="all-results"]')
        ? root.querySelectorAll('[part~="all-results-rows"] [role="row"]').length
        : root.querySelectorAll('[part~="result"]').length,
      rowsTotal: root.querySelector('[part~="all-results"]') ? Number(root.querySelector('[part~="all-results"]').getAttribute('aria-rowcount')) - 1 : undefined,
      virtualised: !!root.querySelector('.flat-table.virtual'),
      count: text('[part~="count"]'),
    };
  }
  if (tag === 'discharge-list') return { rowsInDom: root.querySelectorAll('[part~="row"]').length, partial: text('[part~="partial"] p') };
  return { rowsInDom: root.querySelectorAll('[part~="item"]').length };
}

// ---------------------------------------------------------------------------------------------
// Baselines: the same rows as a plain table written with innerHTML

const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: 'short', year: 'numeric' });
const when = (value, format = dateTime) => (value ? format.format(new Date(value)) : 'Not known');
const conceptText = (concept) => concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? 'Not known';

function resourcesIn(urls) {
  const byKey = new Map();
  for (const url of urls) {
    const entry = recorded.get(url);
    if (!entry) continue;
    const body = JSON.parse(entry.body);
    const resources = body.resourceType === 'Bundle' ? (body.entry ?? []).map((e) => e.resource).filter(Boolean) : [body];
    for (const resource of resources) byKey.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  return [...byKey.values()];
}

function observationRows(resources) {
  const observations = resources.filter((r) => r.resourceType === 'Observation').sort((a, b) => String(b.effectiveDateTime).localeCompare(String(a.effectiveDateTime)));
  const head = '<tr><th scope="col">Test</th><th scope="col">Result</th><th scope="col">Flag</th><th scope="col">Range</th><th scope="col">Taken</th><th scope="col">Source</th></tr>';
  return {
    count: observations.length,
    scroll: true,
    html: `<table><caption>All results</caption><thead>${head}</thead><tbody>${observations
      .map((o) => {
        const q = o.valueQuantity;
        const range = o.referenceRange?.[0];
        return `<tr><th scope="row">${escapeHtml(conceptText(o.code))}</th><td>${escapeHtml(q ? `${q.value} ${q.unit ?? ''}` : 'Not known')}</td><td>${escapeHtml(
          o.interpretation?.[0]?.coding?.[0]?.display ?? '',
        )}</td><td>${escapeHtml(range ? `${range.low?.value ?? ''}–${range.high?.value ?? ''} ${range.high?.unit ?? range.low?.unit ?? ''}` : 'No range')}</td><td>${escapeHtml(
          when(o.effectiveDateTime),
        )}</td><td>${escapeHtml(o.performer?.[0]?.display ?? 'Not known')} · ${escapeHtml(when(o.issued, dateOnly))}</td></tr>`;
      })
      .join('')}</tbody></table>`,
  };
}

function documentRows(resources) {
  const documents = resources
    .filter((r) => r.resourceType === 'Composition' || r.resourceType === 'DocumentReference')
    .sort((a, b) => String(b.date).localeCompare(String(a.date)));
  const head = '<tr><th scope="col">Date</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Source</th><th scope="col">Author</th></tr>';
  return {
    count: documents.length,
    scroll: false,
    html: `<table><caption>Discharge summaries</caption><thead>${head}</thead><tbody>${documents
      .map(
        (d) =>
          `<tr><td><button type="button">${escapeHtml(when(d.date, dateOnly))}</button></td><th scope="row">${escapeHtml(d.title ?? d.description ?? 'Discharge summary')}</th><td>${escapeHtml(
            conceptText(d.type),
          )}</td><td>${escapeHtml(d.custodian?.display ?? 'Not known')} · ${escapeHtml(when(d.date, dateOnly))}</td><td>${escapeHtml(d.author?.[0]?.display ?? 'Not known')}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  };
}

function textRows(texts) {
  return {
    count: texts.length,
    scroll: false,
    html: `<table><tbody>${texts.map(([section, text]) => `<tr><th scope="row">${escapeHtml(section)}</th><td>${escapeHtml(text)}</td></tr>`).join('')}</tbody></table>`,
  };
}

/** What the mounted summary shows, as [section, text] rows (the summary's baseline writes the same rows). */
function summaryRows() {
  const widget = mounted?.querySelector('care-record-summary');
  const root = widget?.shadowRoot;
  if (!root) return [];
  return [...root.querySelectorAll('[part~="section"]')].flatMap((section) => {
    const name = section.querySelector('[part~="heading"]')?.textContent?.trim() ?? '';
    const items = [...section.querySelectorAll('[part~="item"], [part~="allergy-state"], [part~="state"]')];
    return items.map((item) => [name, item.textContent.replace(/\s+/g, ' ').trim()]);
  });
}

/**
 * The baseline run: the same data, already parsed (as the widget's runs find it in the client's cache),
 * written as one plain table with innerHTML, to painted.
 */
async function renderBaseline({ kind, urls, texts, keep = false }) {
  unmount();
  const resources = kind === 'summary' ? [] : resourcesIn(urls);
  const build = kind === 'observations' ? () => observationRows(resources) : kind === 'documents' ? () => documentRows(resources) : () => textRows(texts);
  const container = document.createElement('div');
  container.className = 'baseline';
  let count = 0;
  let scroll = false;
  const start = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      const table = build();
      count = table.count;
      scroll = table.scroll;
      if (scroll) container.classList.add('baseline-scroll');
      container.innerHTML = table.html;
      stage.append(container);
      resolve(t0);
    }),
  );
  await nextFrame();
  const end = await nextFrame();
  mounted = container;
  const result = { ms: end - start, rowsInDom: count, scroll };
  if (!keep) unmount();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Scrolling: 20 steps of one view height, one per frame; the frame times are the deltas between frames.

async function scrollFrames({ target, steps = 20 }) {
  let scroller;
  if (target === 'test-results') scroller = mounted?.querySelector('test-results')?.shadowRoot?.querySelector('[part~="all-results-rows"]');
  else if (target === 'baseline-container') scroller = mounted?.classList.contains('baseline-scroll') ? mounted : undefined;
  else scroller = document.scrollingElement;
  if (!scroller) throw new Error(`Nothing to scroll for ${target}`);
  const page = target === 'window' ? window.innerHeight : scroller.clientHeight;
  scroller.scrollTop = 0;
  await nextFrame();
  await nextFrame();
  const times = [];
  for (let step = 0; step < steps; step++) {
    times.push(await nextFrame());
    scroller.scrollTop += page * 0.9;
  }
  // Two more frames: the last step's rows (the virtualiser renders after the scroll event).
  times.push(await nextFrame());
  times.push(await nextFrame());
  const deltas = times.slice(1).map((t, i) => t - times[i]);
  return { deltas, scrollTop: scroller.scrollTop, scrollHeight: scroller.scrollHeight, view: page };
}

// ---------------------------------------------------------------------------------------------
// A whole page: one provider and every element of the library (requests and memory benchmarks)

let session;

/** Every element of `careRecordElements` inside one provider, as a host would put them on a page. */
function mountAll({ baseUrl, patientId, widgetAttributes = {}, signedOut = false, only }) {
  unmount();
  session = signedOut || only ? new TokenProviderSession({ tokenProvider: () => 'bench-token' }) : undefined;
  const provider = createProvider(session ? { baseUrl, patientId, auth: session } : { baseUrl, patientId, tokenProvider: () => 'bench-token' });
  for (const { tag } of careRecordElements) {
    if (tag === 'care-record-provider') continue;
    if (only && !only.includes(tag)) continue;
    provider.append(createWidget(tag, widgetAttributes[tag]));
  }
  if (signedOut) void session.signOut();
  stage.append(provider);
  mounted = provider;
  return [...provider.children].map((child) => child.localName);
}

/** True when no widget shows a loading state and the page has had no request in flight for `quietMs`. */
async function settle({ quietMs = 500, timeoutMs = RUN_TIMEOUT_MS } = {}) {
  const deadline = performance.now() + timeoutMs;
  const provider = mounted;
  let quietSince = performance.now();
  for (;;) {
    if (performance.now() > deadline) throw new Error('The page did not settle');
    const busy = deepQueryAll(provider, '[aria-busy="true"]').length;
    const inFlight = sent.filter((entry) => entry.end === undefined).length;
    const widgets = [...provider.children];
    await Promise.all(widgets.map((widget) => widget.updateComplete));
    if (busy || inFlight || !widgets.every((widget) => widget.shadowRoot?.childElementCount || widget.shadowRoot?.textContent?.trim())) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await nextFrame();
  await nextFrame();
  return {
    patientStatus: provider.patientState?.status,
    authStatus: session?.status ?? provider.auth?.status,
    states: [...provider.children].map((widget) => ({
      tag: widget.localName,
      states: [...new Set(deepQueryAll(widget.shadowRoot, '[part~="state"]').map((element) => element.getAttribute('part')))],
      errors: deepQueryAll(widget.shadowRoot, '[part~="error"]').length,
    })),
  };
}

/** Widgets showing the loaded record (no loading, signed-out or no-patient state), for the memory run. */
async function waitForRecord({ tags, timeoutMs = RUN_TIMEOUT_MS }) {
  const provider = mounted;
  const widgets = tags.map((tag) => provider.querySelector(tag));
  const shown = (widget) => {
    const root = widget.shadowRoot;
    if (!root || deepQueryAll(root, '[aria-busy="true"]').length || root.querySelector('[part~="signed-out"], [part~="no-patient"], [part~="loading"]')) return false;
    // (Rows of the flat results table are not awaited: the virtualiser renders none while the table is
    // outside the window's view, as it is on this long page.)
    return root.textContent.trim().length > 0;
  };
  await until(() => widgets.every(shown), () => widgets.map((widget) => widget.shadowRoot), timeoutMs);
  await Promise.all(widgets.map((widget) => widget.updateComplete));
  await nextFrame();
  await nextFrame();
  const rowsOf = (widget) => {
    // The flat results table says how many rows it has (the virtualiser puts few or none in the DOM).
    const flat = widget.shadowRoot.querySelector('[part~="all-results"]');
    return flat ? Number(flat.getAttribute('aria-rowcount')) - 1 : deepQueryAll(widget.shadowRoot, '[part~="row"], [part~="item"], [role="row"]').length;
  };
  return widgets.map((widget) => ({ tag: widget.localName, rows: rowsOf(widget) }));
}

async function waitForSignedOut({ tags, timeoutMs = 30_000 }) {
  const provider = mounted;
  const widgets = tags.map((tag) => provider.querySelector(tag));
  await until(() => widgets.every((widget) => widget.shadowRoot?.querySelector('[part~="signed-out"]')), () => widgets.map((widget) => widget.shadowRoot), timeoutMs);
  await Promise.all(widgets.map((widget) => widget.updateComplete));
  await nextFrame();
  await nextFrame();
  return true;
}

window.bench = {
  ready: true,
  prepare,
  renderWidget,
  renderBaseline,
  summaryRows,
  scrollFrames,
  unmount,
  trackFetch,
  sentRequests: () => sent.map((entry) => ({ ...entry })),
  mountAll,
  settle,
  signIn: () => session.signIn(),
  signOut: () => session.signOut(),
  waitForRecord,
  waitForSignedOut,
};
