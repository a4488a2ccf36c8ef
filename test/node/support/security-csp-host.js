// A care-home system's page under the strictest Content-Security-Policy we ask vendors to run:
// no inline script or style, no eval, no plugins, no <base>, Trusted Types enforced with only
// Lit's and DOMPurify's policies. The elements are bundled from source on the fly (the `browser`
// and `production` conditions, as a vendor's bundler resolves them), and the FHIR API runs on an
// origin of its own (so connect-src and CORS are exercised) over the packaged residents.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { build } from 'esbuild';
import { createMiddleware } from '@mswjs/http-middleware';
import { startHostServer } from './host-server.js';
import { loadMocks } from './mocks.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The bearer token the host page hands its providers; the FHIR API accepts no other. */
export const HOST_TOKEN = 'willow-court-host-token';

/** The policy under test, with the FHIR API's origin allowed for fetch. */
export function strictPolicy(fhirOrigin) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${fhirOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html dompurify',
  ].join('; ');
}

const packageAliases = Object.fromEntries(
  ['fhir', 'auth', 'mocks', 'elements'].map((name) => [`@care-record/${name}`, join(root, `packages/${name}/src/index.ts`)]),
);

/**
 * The host page's script: registers every element, then for each resident in the page's JSON
 * configuration puts every element inside a provider (the discharge summary opened on the
 * resident's summary, the document viewer on its files).
 */
const HOST_APP = `
import { careRecordElements, defineCareRecordElements } from '@care-record/elements';
defineCareRecordElements();
const config = JSON.parse(document.getElementById('host-config').textContent);
for (const resident of config.residents) {
  const section = document.createElement('section');
  section.dataset.resident = resident.id;
  const provider = document.createElement('care-record-provider');
  provider.setAttribute('fhir-base-url', config.fhirBaseUrl);
  provider.setAttribute('patient-id', resident.id);
  provider.setAttribute('auth-mode', 'token');
  provider.tokenProvider = () => config.token;
  for (const { tag } of careRecordElements) {
    if (tag === 'care-record-provider') continue;
    const element = document.createElement(tag);
    element.dataset.tag = tag;
    if (tag === 'discharge-summary' && resident.compositionId) element.setAttribute('composition-id', resident.compositionId);
    if (tag === 'care-record-document-viewer') element.attachments = resident.attachments;
    provider.append(element);
  }
  section.append(provider);
  document.getElementById('residents').append(section);
}
window.hostReady = true;
`;

/** The elements and the host script, bundled as a vendor's bundler would (browser + production conditions). */
export async function buildHostBundle() {
  const result = await build({
    stdin: { contents: HOST_APP, resolveDir: root, sourcefile: 'host-app.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    conditions: ['browser', 'production'],
    alias: packageAliases,
    tsconfig: join(root, 'tsconfig.base.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Listens on 127.0.0.1 on a free port; resolves with the server and its origin. */
function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/**
 * Starts the FHIR API (its own origin, CORS for the host, bearer token required) and the host's
 * page under the strict policy.
 * @param {{ residentIds: string[] }} options
 */
export async function startStrictHost({ residentIds }) {
  const { createFhirHandlers, residents } = await loadMocks();

  // The FHIR API. Its handlers need the origin they answer for: created on the first request.
  const fhirApp = express();
  fhirApp.disable('x-powered-by');
  /** @type {Array<{ url: string; authorization: string | undefined }>} */
  const fhirRequests = [];
  let fhirOrigin = '';
  let middleware;
  fhirApp.use((req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Headers', 'Authorization, Accept, Content-Type, X-Request-Id');
    res.set('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate, X-Request-Id');
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    fhirRequests.push({ url: req.originalUrl, authorization: req.get('authorization') });
    middleware ??= createMiddleware(
      ...createFhirHandlers({
        baseUrl: `${fhirOrigin}/fhir`,
        bundles: residents.map((resident) => resident.bundle),
        requireToken: (token) => token === HOST_TOKEN,
      }),
    );
    middleware(req, res, next);
  });
  const fhir = await listen(fhirApp);
  fhirOrigin = fhir.origin;
  const fhirBaseUrl = `${fhirOrigin}/fhir`;

  const chosen = residentIds.map((id) => residents.find((resident) => resident.id === id));
  const config = {
    fhirBaseUrl,
    token: HOST_TOKEN,
    residents: chosen.map((resident) => {
      const resources = resident.bundle.entry.map((entry) => entry.resource);
      const composition = resources.find((resource) => resource.resourceType === 'Composition' && !resource.extension?.length) ?? resources.find((resource) => resource.resourceType === 'Composition');
      const attachments = resources.filter((resource) => resource.resourceType === 'DocumentReference').flatMap((doc) => doc.content.map((content) => content.attachment));
      return { id: resident.id, name: resident.name, compositionId: composition?.id, attachments };
    }),
  };
  const policy = strictPolicy(fhirOrigin);
  const page = `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <title>Willow Court Care Home — residents' shared records</title>
    <script type="application/json" id="host-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
    <script type="module" src="/host-app.js"></script>
  </head>
  <body>
    <h1>Residents' shared care records</h1>
    <main id="residents"></main>
  </body>
</html>`;
  const hostScript = await buildHostBundle();
  const host = await startHostServer({
    routes: {
      '/': (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': policy }).end(page);
      },
      '/host-app.js': { type: 'text/javascript', body: hostScript },
      '/favicon.ico': { type: 'image/x-icon', body: '' },
    },
  });

  return {
    url: `${host.origin}/`,
    policy,
    fhirBaseUrl,
    fhirRequests,
    residents: config.residents,
    async close() {
      await host.close();
      fhir.server.closeAllConnections();
      await new Promise((resolve) => fhir.server.close(resolve));
    },
  };
}

/**
 * Runs in the page before anything else: records every Content-Security-Policy violation (they
 * bubble out of shadow roots to the document) and every Trusted Types policy created.
 */
export function recordViolations() {
  window.__violations = [];
  window.__policies = [];
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample || ''}) at ${event.sourceFile}:${event.lineNumber}`);
    },
    true,
  );
  if (window.trustedTypes) {
    const create = window.trustedTypes.createPolicy.bind(window.trustedTypes);
    window.trustedTypes.createPolicy = (name, rules) => {
      window.__policies.push(name);
      return create(name, rules);
    };
  }
}

/**
 * In the page: the text a person sees under `selector` (through shadow roots and slots).
 * @param {string} selector
 */
export function textOf(selector) {
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return '';
    if (node instanceof HTMLElement && (node.hidden || node.tagName === 'SCRIPT' || node.tagName === 'STYLE')) return '';
    let text = '';
    if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
    else if (node instanceof HTMLSlotElement) for (const child of node.assignedNodes({ flatten: true })) text += walk(child);
    else for (const child of node.childNodes) text += walk(child);
    return `${text} `;
  };
  const found = document.querySelector(selector);
  return found ? walk(found).replace(/\s+/g, ' ').trim() : '';
}

/**
 * In the page: clicks every button once (disclosures, rows, tables, files), then those that appear,
 * except Sign out. Resolves with how many were clicked.
 */
export async function clickEveryButton() {
  const clicked = new WeakSet();
  const all = (root) => {
    const found = [];
    for (const element of root.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) found.push(...all(element.shadowRoot));
    }
    return found;
  };
  let count = 0;
  for (let round = 0; round < 4; round++) {
    const buttons = all(document).filter((e) => e instanceof HTMLButtonElement && !clicked.has(e) && !e.disabled && !/^\s*Sign out\s*$/.test(e.textContent ?? ''));
    if (buttons.length === 0) break;
    for (const button of buttons) {
      clicked.add(button);
      if (!button.isConnected) continue;
      button.click();
      count++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
  return count;
}

/** In the page: how each custom element is styled (adopted sheets, and any <style> element in its shadow root). */
export function shadowStyling() {
  const all = (root) => {
    const found = [];
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) found.push(element, ...all(element.shadowRoot));
    }
    return found;
  };
  return all(document).map((element) => ({
    tag: element.localName,
    adopted: element.shadowRoot.adoptedStyleSheets.length,
    styleElements: element.shadowRoot.querySelectorAll('style').length,
  }));
}
