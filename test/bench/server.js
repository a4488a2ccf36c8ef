// The benchmarks' local server: the bench page and its script (our elements bundled from source,
// production conditions) and FHIR R4 APIs over the mocks (the same msw handlers as the tests, through
// @mswjs/http-middleware), one base URL per data set. Every FHIR request is logged with its start and
// end time, so the requests benchmark counts what really reached the server.
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createMiddleware } from '@mswjs/http-middleware';
export { loadMocks } from '../node/support/mocks.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export const workspaceAliases = {
  '@care-record/fhir': join(root, 'packages/fhir/src/index.ts'),
  '@care-record/auth': join(root, 'packages/auth/src/index.ts'),
  '@care-record/mocks': join(root, 'packages/mocks/src/index.ts'),
  '@care-record/elements': join(root, 'packages/elements/src/index.ts'),
};

/** The page script: every element registered (the self-contained bundle's entry) plus the bench's helpers. */
export async function bundlePageScript() {
  const result = await build({
    entryPoints: [join(here, 'page', 'bench-page.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    // As a vendor ships it: production builds of Lit and friends (no dev-mode warnings or checks).
    // Not minified: CPU profiles then name our functions, and each module starts with a
    // `// packages/…` comment that says where a function comes from (see profileModuleOf).
    conditions: ['browser', 'production'],
    alias: workspaceAliases,
    tsconfig: join(root, 'tsconfig.base.json'),
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const PAGE = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Care Record Widgets bench</title>
<style>
  body { margin: 0; font: 16px/1.4 system-ui, sans-serif; }
  #stage { max-width: 1200px; margin: 0 auto; padding: 8px; }
  .baseline-scroll { height: 32rem; overflow: auto; }
  .baseline table { border-collapse: collapse; width: 100%; }
  .baseline td, .baseline th { border-bottom: 1px solid #d8dde0; padding: 4px 8px; text-align: left; }
</style>
</head>
<body><main id="stage"></main><script type="module" src="/bench-page.js"></script></body>
</html>`;

/**
 * @param {{ datasets: Record<string, { bundles: unknown[], latencyMs?: number }>, mocks: any, pageScript: string }} options
 *   `datasets`: base URL name → bundles served at `/fhir/{name}`.
 */
export async function startBenchServer({ datasets, mocks, pageScript }) {
  /** @type {Array<{ dataset: string, method: string, url: string, requestId: string | undefined, start: number, end?: number, status?: number }>} */
  const log = [];
  let origin = '';
  let fhirMiddleware;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
      return;
    }
    if (url.pathname === '/bench-page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(pageScript);
      return;
    }
    if (url.pathname.startsWith('/fhir/')) {
      const entry = { dataset: url.pathname.split('/')[2], method: req.method ?? 'GET', url: `${origin}${req.url}`, requestId: req.headers['x-request-id'], start: Date.now() };
      log.push(entry);
      res.on('finish', () => {
        entry.end = Date.now();
        entry.status = res.statusCode;
      });
      // @mswjs/http-middleware is written for Express: give it the three request helpers it uses.
      req.protocol = 'http';
      req.get = (name) => req.headers[String(name).toLowerCase()];
      req.header = req.get;
      fhirMiddleware(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  origin = `http://127.0.0.1:${server.address().port}`;

  const handlers = Object.entries(datasets).flatMap(([name, { bundles, latencyMs }]) =>
    mocks.createFhirHandlers({
      baseUrl: `${origin}/fhir/${name}`,
      bundles,
      // Big enough for one page of every result of the largest record (the render benchmark asks for all at once).
      maxPageSize: 20000,
      ...(latencyMs ? { latency: latencyMs } : {}),
    }),
  );
  fhirMiddleware = createMiddleware(...handlers);

  return {
    origin,
    log,
    baseUrl: (name) => `${origin}/fhir/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
