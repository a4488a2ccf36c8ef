// The sandbox: a local stand-in for a care-home management system, so anyone can see the widgets
// working on one machine. It runs
//   - a real OpenID Provider (oidc-provider, development login) on 127.0.0.1:PORT+1,
//   - a FHIR R4 API over HTTP at /fhir that serves the packaged residents through the same msw
//     handlers the tests and stories use, and requires a valid bearer token from that provider,
//   - a host page listing residents; choosing one shows the widgets for that resident.
// Vendors can point the page at their own FHIR server and IdP with FHIR_BASE_URL, OIDC_ISSUER,
// OIDC_CLIENT_ID and OIDC_SCOPE (see README).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { build } from 'esbuild';
import { createMiddleware } from '@mswjs/http-middleware';
import { startOidcProvider, validateAccessToken } from './oidc-provider.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * Starts the sandbox. Returns its URL and a `close()`; used by `npm start` and by the end-to-end
 * tests, which start it on free ports.
 * @param {{ port?: number, oidcPort?: number, host?: string, log?: (line: string) => void }} [options]
 */
export async function startSandbox(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const origin = `http://${host}:${port}`;
  const redirectUri = `${origin}/`;
  const log = options.log ?? ((line) => console.log(line));

  const externalIdp = process.env.OIDC_ISSUER;
  const oidc = externalIdp
    ? undefined
    : await startOidcProvider({
        host,
        port: options.oidcPort ?? (process.env.OIDC_PORT ? Number(process.env.OIDC_PORT) : port + 1),
        clients: [{ client_id: 'care-record-sandbox', redirect_uris: [redirectUri], post_logout_redirect_uris: [redirectUri] }],
        // The widgets ask for read access to the chosen resident's record (SMART v1 scopes).
        scopes: ['profile', 'fhirUser', 'patient/*.read'],
      });

  const config = {
    fhirBaseUrl: process.env.FHIR_BASE_URL ?? `${origin}/fhir`,
    issuer: externalIdp ?? oidc.issuer,
    clientId: process.env.OIDC_CLIENT_ID ?? 'care-record-sandbox',
    redirectUri,
    scope: process.env.OIDC_SCOPE ?? 'openid profile offline_access fhirUser patient/*.read',
  };

  const app = express();
  app.disable('x-powered-by');

  // One canonical origin: OIDC redirect URIs must match exactly, and so must the FHIR base URL.
  app.use((req, res, next) => {
    if (req.get('host') !== `${host}:${port}`) {
      res.redirect(302, `${origin}${req.originalUrl}`);
      return;
    }
    next();
  });

  const { createFhirHandlers, residents } = await loadMocks();
  const fhirHandlers = createFhirHandlers({
    baseUrl: `${origin}/fhir`,
    bundles: residents.map((resident) => resident.bundle),
    requireToken: oidc ? (token) => validateAccessToken(oidc.provider, token) : false,
  });
  app.use('/fhir', (req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Headers', 'Authorization, Accept, Content-Type, X-Request-Id');
    res.set('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate, X-Request-Id');
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  });
  app.use(createMiddleware(...fhirHandlers));

  app.get('/api/residents', (_req, res) => {
    res.json(residents.map(({ id, name, nhsNumber, description }) => ({ id, name, nhsNumber, description })));
  });

  const appScript = await bundleHostScript();
  app.get('/app.js', (_req, res) => {
    res.type('application/javascript').send(appScript);
  });

  const indexHtml = (await readFile(join(here, 'public', 'index.html'), 'utf8')).replace(
    '<!--config-->',
    `<script type="application/json" id="sandbox-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`,
  );
  app.get('/', (_req, res) => {
    res.set('Content-Security-Policy', contentSecurityPolicy(config));
    res.type('html').send(indexHtml);
  });
  app.get('/styles.css', (_req, res) => res.sendFile(join(here, 'public', 'styles.css')));

  const server = await new Promise((resolve) => {
    const listening = app.listen(port, host, () => resolve(listening));
  });

  log(`Care Record Widgets sandbox: ${origin}/`);
  if (oidc) log(`Sign in with any user name and password at the development login page (${oidc.issuer}).`);
  log(`FHIR API: ${config.fhirBaseUrl} (needs a bearer token from ${config.issuer})`);

  return {
    url: `${origin}/`,
    config,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await oidc?.close();
    },
  };
}

/** The strict policy the widgets are built to run under (see README, "Content-Security-Policy"). */
export function contentSecurityPolicy(config) {
  const connect = new Set(["'self'", new URL(config.fhirBaseUrl).origin, new URL(config.issuer).origin]);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self' " + new URL(config.issuer).origin,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html dompurify',
  ].join('; ');
}

/**
 * The mocks package from source, so `npm start` needs no build step: bundled for Node into
 * packages/sandbox/.cache (inside the workspace, so its npm dependencies resolve as usual).
 */
let mocksModule;
async function loadMocks() {
  mocksModule ??= bundleMocks();
  return mocksModule;
}

async function bundleMocks() {
  const result = await build({
    entryPoints: [join(root, 'packages/mocks/src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    packages: 'external',
    alias: { '@care-record/fhir': join(root, 'packages/fhir/src/index.ts') },
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  const cacheDir = join(here, '.cache');
  await mkdir(cacheDir, { recursive: true });
  const file = join(cacheDir, 'mocks.mjs');
  await writeFile(file, result.outputFiles[0].text);
  return import(file);
}

async function bundleHostScript() {
  const result = await build({
    entryPoints: [join(here, 'app.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    minify: false,
    sourcemap: 'inline',
    conditions: ['development', 'browser'],
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sandbox = await startSandbox();
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
