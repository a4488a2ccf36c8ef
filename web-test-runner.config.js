import { createServer } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, findChromium } from './scripts/chromium.js';
import { testCountReporter } from './scripts/test-count-reporter.js';

const root = dirname(fileURLToPath(import.meta.url));
// shared/ sits beside the clone (CI) or the work tree: tests read its fixtures over /__shared/.
const sharedDir = resolve(root, process.env.CARE_RECORD_SHARED ?? '../shared');

/** Serves msw's worker at the origin root (scope "/") and the shared fixtures under /__shared/. */
function testFilesMiddleware() {
  return async (ctx, next) => {
    if (ctx.path === '/mockServiceWorker.js') {
      ctx.type = 'application/javascript';
      ctx.set('Service-Worker-Allowed', '/');
      ctx.body = await readFile(join(root, 'packages/mocks/worker/mockServiceWorker.js'), 'utf8');
      return;
    }
    if (ctx.path.startsWith('/__shared/')) {
      const file = normalize(join(sharedDir, decodeURIComponent(ctx.path.slice('/__shared/'.length))));
      if (!file.startsWith(sharedDir)) {
        ctx.status = 403;
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) throw new Error('directory');
        ctx.type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
        ctx.body = await readFile(file);
      } catch {
        ctx.status = 404;
      }
      return;
    }
    await next();
  };
}

/** A free port, so that several runs (developers' and helpers') can go on at once. */
async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export default {
  port: Number(process.env.WTR_PORT) || (await freePort()),
  files: ['test/**/*.test.ts', '!test/node/**'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  rootDir: root,
  // One test page at a time: msw reloads a page that opens while another page's service worker is
  // still installing (no controller yet, but a registration exists), which aborts that test file.
  concurrency: 1,
  // Files that render every Synthea bundle take a while on two cores.
  testsFinishTimeout: 300000,
  reporters: [defaultReporter(), testCountReporter()],
  testFramework: { config: { timeout: 15000, ui: 'bdd' } },
  middleware: [testFilesMiddleware()],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.base.json') })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en-GB">
      <head><meta charset="utf-8"></head>
      <body>
        <script>window.process = { env: { NODE_ENV: 'development' } };</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
