// oidc-client-ts (the largest dependency) is only for OpenID Connect sign-in: a vendor's bundler puts
// it in a chunk of its own that CareRecordSession loads with import(), so pages signing in with the
// host's token or cookies never download it. Checked on the bundlers' own output (esbuild and rollup
// code splitting), on the self-contained bundle (still one file), and in Chromium: a split build
// serving a token-mode page, and signing in by redirect against a real OpenID Provider.
import assert from 'node:assert/strict';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import rollupConfigs, { bundleFile } from '../../rollup.config.js';
import { startOidcProvider } from '../../packages/sandbox/oidc-provider.js';
import { launchChromium } from './support/browser.js';
import { startHostServer } from './support/host-server.js';
import { completeProviderSignIn } from './support/oidc.js';
import { buildSelfContainedBundle } from './support/vendor-host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const isOidcClient = (file) => /(^|\/)node_modules\/oidc-client-ts\//.test(file);

/**
 * What a vendor imports (`@care-record/auth`, `@care-record/elements/care-record-provider.js`,
 * `…/discharge-list.js`), from the sources: the packages' builds keep the same import().
 */
const vendorEntries = {
  auth: join(root, 'packages/auth/src/index.ts'),
  'care-record-provider': join(root, 'packages/elements/src/care-record-provider.ts'),
  'discharge-list': join(root, 'packages/elements/src/discharge-list.ts'),
};

/**
 * A code-splitting esbuild build of `entries` (output name → source file).
 * @param {Record<string, string>} entries
 */
async function esbuildSplit(entries) {
  return build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: join(root, 'node_modules/.cache/auth-lazy-oidc'),
    write: false,
    metafile: true,
    conditions: ['development'],
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
}

/**
 * The outputs an entry loads at once (its static imports, followed) and those it may load later
 * (dynamic imports from those, followed), as metafile output paths.
 * @param {import('esbuild').Metafile} metafile
 * @param {string} entryOutput
 */
function staticAndLazy(metafile, entryOutput) {
  const walk = (starts, kinds, skip = new Set()) => {
    const seen = new Set();
    const pending = [...starts];
    while (pending.length) {
      const output = pending.pop();
      if (seen.has(output) || skip.has(output)) continue;
      seen.add(output);
      for (const { path, kind } of metafile.outputs[output].imports) if (kinds.includes(kind) && metafile.outputs[path]) pending.push(path);
    }
    return seen;
  };
  const initial = walk([entryOutput], ['import-statement']);
  const dynamicTargets = [...initial].flatMap((output) => metafile.outputs[output].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  const lazy = walk(dynamicTargets, ['import-statement', 'dynamic-import'], initial);
  return { initial, lazy };
}

const inputsOf = (metafile, outputs) => [...outputs].flatMap((output) => Object.keys(metafile.outputs[output].inputs));

describe("a vendor's bundler splits oidc-client-ts out of the widgets' ES entries", () => {
  it('esbuild: no entry loads it at once; the auth package and the provider load it only on demand', async () => {
    const { metafile } = await esbuildSplit(vendorEntries);
    for (const name of Object.keys(vendorEntries)) {
      const entryOutput = Object.keys(metafile.outputs).find((output) => output.endsWith(`/${name}.js`));
      const { initial, lazy } = staticAndLazy(metafile, entryOutput);
      assert.deepEqual(inputsOf(metafile, initial).filter(isOidcClient), [], `${name} imports none of oidc-client-ts statically`);
      const lazilyLoaded = inputsOf(metafile, lazy).filter(isOidcClient).length > 0;
      assert.equal(lazilyLoaded, name !== 'discharge-list', `${name} ${name === 'discharge-list' ? 'never loads' : 'may load'} oidc-client-ts on demand`);
    }
  });

  it('rollup: the same, with its own code splitting', async () => {
    const bundled = await rollup({
      ...rollupConfigs.find((config) => config.output.file === bundleFile),
      input: vendorEntries,
      onwarn: () => {},
    });
    try {
      const { output } = await bundled.generate({ format: 'es', dir: 'unused' });
      const chunks = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
      const closure = (names, follow) => {
        const seen = new Set();
        const pending = [...names];
        while (pending.length) {
          const name = pending.pop();
          if (seen.has(name)) continue;
          seen.add(name);
          pending.push(...follow(chunks.get(name)));
        }
        return seen;
      };
      for (const name of Object.keys(vendorEntries)) {
        const entry = [...chunks.values()].find((chunk) => chunk.isEntry && chunk.name === name);
        const initial = closure([entry.fileName], (chunk) => chunk.imports);
        const everything = closure([entry.fileName], (chunk) => [...chunk.imports, ...chunk.dynamicImports]);
        const modulesOf = (names) => [...names].flatMap((fileName) => Object.keys(chunks.get(fileName).modules).map((id) => relative(root, id)));
        assert.deepEqual(modulesOf(initial).filter(isOidcClient), [], `${name} imports none of oidc-client-ts statically`);
        assert.equal(modulesOf(everything).some(isOidcClient), name !== 'discharge-list', `${name} loads oidc-client-ts on demand only`);
      }
    } finally {
      await bundled.close();
    }
  });

  it('the self-contained bundle stays one file, oidc-client-ts inside', async () => {
    const code = await buildSelfContainedBundle();
    assert.doesNotMatch(code, /\bimport\(/, 'no chunk to fetch');
    assert.match(code, /signinRedirect/, 'oidc-client-ts is in the file');
  });
});

describe('in the browser, with a code-split build', () => {
  const clientId = 'care-record-widgets';
  /** @type {Awaited<ReturnType<typeof startHostServer>>} */
  let host;
  /** @type {Awaited<ReturnType<typeof startOidcProvider>>} */
  let op;
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  /** Every path the pages fetched from the host. */
  const requested = [];
  let oidcChunk = '';
  /** Answers the oidc-client-ts chunk with a 404, as a deployment that left it out would. */
  let chunkMissing = false;

  before(async () => {
    const { outputFiles, metafile } = await esbuildSplit({ auth: vendorEntries.auth, 'care-record-provider': vendorEntries['care-record-provider'] });
    const served = (body, type) => (_request, response, url) => {
      requested.push(url.pathname);
      if (chunkMissing && url.pathname === oidcChunk) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      else response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    /** @type {import('./support/host-server.js').Routes} */
    const routes = {};
    for (const file of outputFiles) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      routes[`/build/${name}`] = served(file.text, 'text/javascript');
      const output = Object.keys(metafile.outputs).find((path) => path.endsWith(`/${name}`));
      if (Object.keys(metafile.outputs[output].inputs).some(isOidcClient)) oidcChunk = `/build/${name}`;
    }
    assert.ok(oidcChunk, 'oidc-client-ts has a chunk of its own');
    host = await startHostServer({ routes });
    op = await startOidcProvider({ clients: [{ client_id: clientId, redirect_uris: [`${host.origin}/oidc`] }] });
    const page = (script) => served(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Rosewood Care Home</title></head><body><script type="module">${script}</script></body></html>`, 'text/html; charset=utf-8');
    routes['/token'] = page(`
      import { CookieSession, TokenProviderSession } from '/build/auth.js';
      import '/build/care-record-provider.js';
      const token = await new TokenProviderSession({ tokenProvider: () => 'host-token' }).getAccessToken();
      const cookies = new CookieSession({ signInUrl: '/bff/sign-in' });
      const provider = document.createElement('care-record-provider');
      provider.setAttribute('fhir-base-url', '${host.origin}/fhir');
      provider.tokenProvider = () => 'host-token';
      document.body.append(provider);
      await provider.updateComplete;
      window.outcome = { token, cookieCredentials: cookies.credentials, providerStatus: provider.auth?.status };
    `);
    routes['/oidc'] = page(`
      import { CareRecordSession } from '/build/auth.js';
      const session = new CareRecordSession({ authority: ${JSON.stringify(op.issuer)}, clientId: ${JSON.stringify(clientId)}, redirectUri: location.origin + '/oidc' });
      window.session = session;
      window.callback = session.handleCallback().then((handled) => ({ handled }), (error) => ({ error: error.message }));
    `);
    // A session kept in this tab by an earlier page load, then a page whose oidc-client-ts chunk is missing.
    routes['/oidc-kept'] = page(`
      import { CareRecordSession } from '/build/auth.js';
      const key = 'care-record.user.user:${op.issuer}:${clientId}';
      sessionStorage.setItem(key, JSON.stringify({ access_token: 'kept', refresh_token: 'kept-refresh', token_type: 'Bearer', profile: { sub: 'nurse' }, expires_at: Math.floor(Date.now() / 1000) + 300 }));
      const session = new CareRecordSession({ authority: ${JSON.stringify(op.issuer)}, clientId: ${JSON.stringify(clientId)}, redirectUri: location.origin + '/oidc', tokenStorage: 'session' });
      await session.ready;
      const ready = { status: session.status, lastError: session.lastError && { code: session.lastError.code, message: session.lastError.message } };
      const signIn = await session.signIn().then(() => 'signed in', (error) => error.message);
      await session.signOut();
      window.outcome = { ready, signIn, keptAfterSignOut: sessionStorage.getItem(key) };
    `);
    routes['/favicon.ico'] = { type: 'image/x-icon', body: '' };
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await op?.close();
  });

  it('a page signing in with the host token (session, cookie session, provider) never downloads oidc-client-ts', async () => {
    const context = await browser.createBrowserContext();
    try {
      const tab = await context.newPage();
      requested.length = 0;
      await tab.goto(`${host.origin}/token`);
      const outcome = await tab.waitForFunction(() => window.outcome).then((handle) => handle.jsonValue());
      assert.deepEqual(outcome, { token: 'host-token', cookieCredentials: 'include', providerStatus: 'signed-in' });
      assert.ok(requested.includes('/build/auth.js') && requested.includes('/build/care-record-provider.js'));
      assert.equal(requested.includes(oidcChunk), false, `${oidcChunk} was not requested`);
    } finally {
      await context.close();
    }
  });

  it('a page whose chunk is missing stays signed out, says so, and still clears tokens kept from before at sign-out', async () => {
    const context = await browser.createBrowserContext();
    chunkMissing = true;
    try {
      const tab = await context.newPage();
      await tab.goto(`${host.origin}/oidc-kept`);
      const outcome = await tab.waitForFunction(() => window.outcome).then((handle) => handle.jsonValue());
      const reload = 'Sign-in could not start: part of this page did not load. Check the connection and reload the page.';
      assert.deepEqual(outcome, { ready: { status: 'signed-out', lastError: { code: 'sign-in-failed', message: reload } }, signIn: reload, keptAfterSignOut: null });
    } finally {
      chunkMissing = false;
      await context.close();
    }
  });

  it('an OpenID Connect session loads it when created, and signs in by redirect with it', async () => {
    const context = await browser.createBrowserContext();
    try {
      const tab = await context.newPage();
      requested.length = 0;
      await tab.goto(`${host.origin}/oidc`);
      await tab.waitForFunction(() => window.session);
      await tab.evaluate(() => window.session.ready);
      assert.ok(requested.includes(oidcChunk), 'the chunk is fetched once a CareRecordSession exists');
      await tab.evaluate(() => {
        void window.session.signIn();
      });
      await completeProviderSignIn(tab, { issuer: op.issuer });
      await tab.waitForFunction(() => location.pathname === '/oidc' && window.callback);
      assert.deepEqual(await tab.evaluate(() => window.callback), { handled: true });
      const state = await tab.evaluate(() => ({ status: window.session.status, name: window.session.user?.name }));
      assert.deepEqual(state, { status: 'signed-in', name: 'Alex Morgan' });
    } finally {
      await context.close();
    }
  });
});
