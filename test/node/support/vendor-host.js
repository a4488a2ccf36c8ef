// A vendor's system as the host tests see it: the shipped artefacts (the self-contained bundle, the
// packages' dist builds) made by the real rollup configuration, a FHIR API over HTTP serving the
// packaged residents through the same msw handlers the browser tests use, and a small web server
// for the vendor's pages under the strict Content-Security-Policy the README documents.
import express from 'express';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { createMiddleware } from '@mswjs/http-middleware';
import rollupConfigs, { bundleFile } from '../../../rollup.config.js';
import { loadMocks } from './mocks.js';

/** The bearer token the vendor's page hands the provider; the FHIR API accepts nothing else. */
export const VENDOR_TOKEN = 'rosewood-care-home-token';

/** `care-record-widgets.min.js` as `npm run build` makes it, built now (not a stale dist). */
export async function buildSelfContainedBundle() {
  const config = rollupConfigs.find((candidate) => candidate.output.file === bundleFile);
  const bundle = await rollup({ ...config, onwarn: () => {} });
  try {
    const { output } = await bundle.generate({ ...config.output, sourcemap: false });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/** Every package's dist (ES modules), as `npm run build` writes them, so hosts import what is published. */
export async function buildPackages() {
  for (const config of rollupConfigs.filter((candidate) => candidate.output.dir)) {
    const bundle = await rollup({ ...config, onwarn: () => {} });
    try {
      await bundle.write(config.output);
    } finally {
      await bundle.close();
    }
  }
}

/**
 * Bundles a host application (React, Vue, Angular…) with esbuild, resolving our packages as a
 * vendor's bundler does: through their package.json exports to dist (no `development` condition).
 * @param {string} entryPoint
 * @param {import('esbuild').BuildOptions} [options]
 */
export async function bundleHostApp(entryPoint, options = {}) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    // No tsconfig.json lookup: the repository's `paths` would point our packages at their sources.
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } },
    metafile: true,
    ...options,
  });
  const ours = Object.keys(result.metafile.inputs).filter((input) => /(^|\/)packages\/[^/]+\/src\//.test(input));
  if (ours.length > 0) throw new Error(`The host app was bundled with our sources instead of the packages' builds: ${ours.slice(0, 3).join(', ')}`);
  return result.outputFiles[0].text;
}

/** The policy from the README ("Security notes"), with the host's own origin for FHIR. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html dompurify',
].join('; ');

/**
 * Starts the vendor's web server on 127.0.0.1: `pages` (path → HTML, or a function of the server's
 * origin and FHIR base URL giving it), `scripts` (path → JS), and the FHIR API at /fhir over the
 * packaged residents (bearer token {@link VENDOR_TOKEN} required).
 * @param {{ pages: Record<string, string | ((server: { origin: string; fhirBaseUrl: string }) => string)>; scripts: Record<string, string>; csp?: string | false }} options
 */
export async function startVendorHost({ pages, scripts, csp = contentSecurityPolicy }) {
  const { createFhirHandlers, residents } = await loadMocks();
  const app = express();
  app.disable('x-powered-by');
  /** @type {Array<{ url: string; authorization: string | undefined }>} */
  const fhirRequests = [];
  let origin = '';

  app.use('/fhir', (req, _res, next) => {
    fhirRequests.push({ url: req.originalUrl, authorization: req.get('authorization') });
    next();
  });
  // Handlers need the origin they answer for: created on the first request, once it is known.
  let middleware;
  app.use((req, res, next) => {
    middleware ??= createMiddleware(
      ...createFhirHandlers({
        baseUrl: `${origin}/fhir`,
        bundles: residents.map((resident) => resident.bundle),
        requireToken: (token) => token === VENDOR_TOKEN,
      }),
    );
    return middleware(req, res, next);
  });
  for (const [path, html] of Object.entries(pages)) {
    app.get(path, (_req, res) => {
      if (csp) res.set('Content-Security-Policy', csp);
      res.set('Cache-Control', 'no-store').type('html').send(typeof html === 'function' ? html({ origin, fhirBaseUrl: `${origin}/fhir` }) : html);
    });
  }
  for (const [path, code] of Object.entries(scripts)) {
    app.get(path, (_req, res) => res.set('Cache-Control', 'no-store').type('text/javascript').send(code));
  }
  app.get('/favicon.ico', (_req, res) => res.status(204).end());

  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    fhirBaseUrl: `${origin}/fhir`,
    fhirRequests,
    residents,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * Records what a page reports that a vendor would see as a failure: console errors, uncaught
 * exceptions, Content-Security-Policy violations and `care-record-error` events.
 * @param {import('puppeteer-core').Page} page
 */
export async function watchForProblems(page) {
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
    // From the first moment, before the host's own listeners exist.
    document.addEventListener('care-record-error', (event) => {
      console.error(`care-record-error from ${event.detail.source}: ${event.detail.error?.message}`);
    });
  });
  return problems;
}

/**
 * Waits until the page's visible text (through shadow roots) matches `pattern`.
 * @param {import('puppeteer-core').Page} page
 * @param {RegExp} pattern
 * @param {(() => string)} deepText the function from ./deep-text.js
 */
export async function waitForText(page, pattern, deepText, timeout = 20_000) {
  // An expression evaluated over the DevTools protocol: the page's CSP (no eval) does not apply to it.
  const test = `new RegExp(${JSON.stringify(pattern.source)}, ${JSON.stringify(pattern.flags)}).test((${deepText})())`;
  await page.waitForFunction(test, { timeout, polling: 100 });
}
