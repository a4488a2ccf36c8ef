// End to end: CareRecordSession in Chromium against a real OpenID Provider (oidc-provider through
// its development login and consent pages), with a host page and a FHIR endpoint that checks tokens.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOidcProvider, validateAccessToken } from '../../packages/sandbox/oidc-provider.js';
import { startAuthHost } from './support/auth-host.js';
import { launchChromium, waitForPopup } from './support/browser.js';
import { completeProviderSignIn, countTokenGrants, revokeToken, tryRefreshToken } from './support/oidc.js';

const clientId = 'care-record-widgets';
// Short enough to watch a token expire: the session treats a token's last 5 seconds as expired.
const accessTokenTtl = 7;
/** The EHR's style document (SMART `smart_style_url`), as the launch's token response gives it. */
const ehrStyleUrl = 'https://ehr.rosewood.example/smart-style.json';

/** @type {Awaited<ReturnType<typeof startOidcProvider>>} */
let op;
/** @type {Awaited<ReturnType<typeof startAuthHost>>} */
let host;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  host = await startAuthHost({ validateToken: (token) => validateAccessToken(op.provider, token) });
  op = await startOidcProvider({
    clients: [
      {
        client_id: clientId,
        redirect_uris: [host.url('callback'), host.url('popupCallback')],
        post_logout_redirect_uris: [host.url('signedOut')],
      },
    ],
    accessTokenTtl,
    launchContext: { patient: 'resident-margaret-evans', smart_style_url: ehrStyleUrl },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await op?.close();
});

/**
 * Opens the host page in a fresh browser context (no provider cookies) with a session configured
 * for the provider. Records the authorize requests and token responses the page makes.
 * @param {Record<string, unknown>} [options] CareRecordSession options over the defaults.
 * @param {{ holdCallback?: boolean }} [behaviour]
 */
async function openHost(options = {}, { holdCallback = false } = {}) {
  host.setSessionOptions({
    authority: op.issuer,
    clientId,
    redirectUri: host.url('callback'),
    popupRedirectUri: host.url('popupCallback'),
    // Renew on demand only, so that tests see each refresh they cause.
    renewBeforeExpirySeconds: 0,
    ...options,
  });
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {URL[]} */
  const authorizeRequests = [];
  /** @type {Promise<any>[]} */
  const tokenResponses = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${op.issuer}/auth?`)) authorizeRequests.push(new URL(request.url()));
  });
  page.on('response', (response) => {
    if (response.url() === `${op.issuer}/token` && response.request().method() === 'POST') {
      tokenResponses.push(response.json().catch(() => undefined));
    }
  });
  if (holdCallback) await page.evaluateOnNewDocument(() => Object.assign(window, { holdCallback: true }));
  await page.goto(host.url('home'));
  await page.waitForFunction(() => window.hostReady);
  return { page, context, authorizeRequests, tokens: () => Promise.all(tokenResponses) };
}

/**
 * Starts a redirect sign-in, signs in on the provider's pages and waits for the host to handle the callback.
 * @param {import('puppeteer-core').Page} page
 */
async function signInByRedirect(page) {
  // Not awaited in the page: the navigation destroys the page's context.
  await page.evaluate(() => {
    void window.session.signIn();
  });
  await completeProviderSignIn(page, { issuer: op.issuer });
  await page.waitForFunction(() => window.hostReady && location.pathname === '/callback');
  return page.evaluate(() => window.callbackOutcome);
}

/** @param {import('puppeteer-core').Page} page */
const sessionState = (page) =>
  page.evaluate(() => ({
    status: window.session.status,
    user: window.session.user,
    patientId: window.session.patientId,
    smartStyleUrl: window.session.smartStyleUrl,
    grantedScopes: [...window.session.grantedScopes],
    events: [...window.events],
    lastError: window.session.lastError ? window.describe(window.session.lastError) : undefined,
    url: location.href,
  }));

/** Waits until the session counts the access token as expired (5 s before the provider does). */
const waitUntilExpired = () => new Promise((resolve) => setTimeout(resolve, (accessTokenTtl - 5 + 0.5) * 1000));

/** Every key and value in both web storages of the page. */
const webStorageContents = (/** @type {import('puppeteer-core').Page} */ page) =>
  page.evaluate(() => {
    const dump = (/** @type {Storage} */ storage) =>
      Array.from({ length: storage.length }, (_, index) => {
        const key = storage.key(index) ?? '';
        return `${key}=${storage.getItem(key)}`;
      }).join('\n');
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });

describe('CareRecordSession with a real OpenID Provider', () => {
  it('signs in by redirect through the login and consent pages and shows who is signed in', async () => {
    const { page, context, authorizeRequests } = await openHost();
    try {
      const outcome = await signInByRedirect(page);
      assert.deepEqual(outcome, { handled: true });
      const state = await sessionState(page);
      assert.equal(state.status, 'signed-in');
      assert.deepEqual(state.user, {
        subject: 'nurse',
        name: 'Alex Morgan',
        role: 'Care Home Nurse',
        organisation: 'Rosewood Care Home',
      });
      assert.equal(await page.$eval('#status', (element) => element.textContent), 'Signed in as Alex Morgan');
      assert.ok(state.grantedScopes.includes('openid') && state.grantedScopes.includes('profile'));
      // The code and state are gone from the address bar.
      assert.equal(state.url, host.url('callback'));

      assert.equal(authorizeRequests.length, 1);
      const authorize = authorizeRequests[0].searchParams;
      assert.equal(authorize.get('response_type'), 'code');
      assert.equal(authorize.get('code_challenge_method'), 'S256');
      assert.match(authorize.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
      assert.equal(authorize.get('redirect_uri'), host.url('callback'));
      assert.equal(authorize.get('client_id'), clientId);
      assert.ok(authorize.get('state'));
    } finally {
      await context.close();
    }
  });

  it('sends the access token on FHIR requests, and the FHIR server accepts it', async () => {
    const { page, context } = await openHost();
    try {
      await signInByRedirect(page);
      const before = host.fhirRequests.length;
      const response = await page.evaluate(() => window.fetchPatient());
      assert.equal(response.status, 200);
      assert.equal(response.body.resourceType, 'Patient');
      const seen = host.fhirRequests.slice(before);
      assert.equal(seen.length, 1);
      assert.match(seen[0].authorization ?? '', /^Bearer \S+$/);
      assert.equal(seen[0].valid, true);
    } finally {
      await context.close();
    }
  });

  it('keeps tokens out of localStorage and sessionStorage by default', async () => {
    const { page, context, tokens } = await openHost();
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      const secrets = [signInTokens.access_token, signInTokens.refresh_token, signInTokens.id_token];
      assert.ok(secrets.every(Boolean));
      const storage = await webStorageContents(page);
      for (const secret of secrets) {
        assert.ok(!storage.local.includes(secret), 'a token is in localStorage');
        assert.ok(!storage.session.includes(secret), 'a token is in sessionStorage');
      }
      // The sign-in request's state and PKCE verifier are cleared once the callback is handled.
      assert.equal(storage.local, '');
      assert.equal(storage.session, '');
    } finally {
      await context.close();
    }
  });

  it('renews an expired access token with the refresh token, once for two concurrent callers', async () => {
    const { page, context, tokens } = await openHost();
    const grants = countTokenGrants(op.provider);
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      await waitUntilExpired();

      const [first, second] = await page.evaluate(() =>
        Promise.all([window.session.getAccessToken(), window.session.getAccessToken()]),
      );
      assert.equal(grants.counts.refresh_token, 1);
      assert.ok(first);
      assert.equal(first, second);
      assert.notEqual(first, signInTokens.access_token);
      // The provider rotated the refresh token: the first one is spent.
      const [, refreshed] = await tokens();
      assert.notEqual(refreshed.refresh_token, signInTokens.refresh_token);

      const state = await sessionState(page);
      assert.equal(state.status, 'signed-in');
      assert.ok(state.events.includes('change:renewing'));
      const response = await page.evaluate(() => window.fetchPatient());
      assert.equal(response.status, 200);
    } finally {
      grants.stop();
      await context.close();
    }
  });

  it('refreshes once when two sessions sharing sessionStorage need a new token at the same time', async () => {
    const { page, context } = await openHost({ tokenStorage: 'session' });
    const grants = countTokenGrants(op.provider);
    try {
      await signInByRedirect(page);
      await waitUntilExpired();
      // A second widget (or same-origin frame) with its own session over the same sessionStorage.
      const tokens = await page.evaluate(async () => {
        const other = new window.auth.CareRecordSession(window.sessionOptions);
        await other.ready;
        return Promise.all([window.session.getAccessToken(), other.getAccessToken()]);
      });
      // Without the lock both would present the same rotating refresh token, and the provider
      // would treat the second use as theft and revoke the grant.
      assert.equal(grants.counts.refresh_token, 1);
      assert.ok(tokens[0]);
      assert.equal(tokens[0], tokens[1]);
      assert.equal((await page.evaluate(() => window.fetchPatient())).status, 200);
    } finally {
      grants.stop();
      await context.close();
    }
  });

  it('renews shortly before expiry in the background without leaving the signed-in state', async () => {
    const { page, context, tokens } = await openHost({ renewBeforeExpirySeconds: 60 });
    const grants = countTokenGrants(op.provider);
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      // At most half the token's life ahead, and never inside the 5 s expiry margin: here after 2 s.
      for (let waited = 0; !grants.counts.refresh_token && waited < 6000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(grants.counts.refresh_token >= 1, 'no background refresh');
      const token = await page.evaluate(() => window.session.getAccessToken());
      assert.ok(token);
      assert.notEqual(token, signInTokens.access_token);
      const state = await sessionState(page);
      assert.equal(state.status, 'signed-in');
      assert.ok(!state.events.includes('change:renewing'));
    } finally {
      grants.stop();
      await context.close();
    }
  });

  it('ends the session, asking for a new sign-in, when the provider no longer accepts the refresh token', async () => {
    const { page, context, tokens } = await openHost();
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      // Revoking the grant elsewhere (an administrator, a re-used refresh token) ends it everywhere.
      await revokeToken(op.issuer, { clientId, token: signInTokens.refresh_token });
      await waitUntilExpired();

      const token = await page.evaluate(() => window.session.getAccessToken());
      assert.equal(token, undefined);
      const state = await sessionState(page);
      assert.equal(state.status, 'session-ended');
      assert.equal(state.user, undefined);
      assert.equal(state.lastError?.message, 'Your session has ended — sign in again');
      assert.ok(state.events.includes('signed-out'));
    } finally {
      await context.close();
    }
  });

  it('renews after the FHIR server refuses a revoked token, and ends the session if renewal is refused', async () => {
    const { page, context, tokens } = await openHost();
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      await revokeToken(op.issuer, { clientId, token: signInTokens.access_token });
      const outcome = await page.evaluate(async () => {
        const first = await window.fetchPatient();
        const renewed = await window.session.renew();
        return { status: first.status, renewed };
      });
      assert.equal(outcome.status, 401);
      // oidc-provider revokes the whole grant with the access token, refresh token included.
      assert.equal(outcome.renewed, false);
      assert.equal((await sessionState(page)).status, 'session-ended');
    } finally {
      await context.close();
    }
  });

  it('signs out: clears the session, tells the page to clear its caches, and revokes the tokens', async () => {
    const { page, context, tokens } = await openHost();
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      await page.evaluate(() => window.session.signOut());

      const state = await sessionState(page);
      assert.equal(state.status, 'signed-out');
      assert.equal(state.user, undefined);
      assert.deepEqual(state.events.slice(-2), ['change:signed-out', 'signed-out']);
      assert.equal(await page.evaluate(() => window.session.getAccessToken()), undefined);

      assert.equal(await validateAccessToken(op.provider, signInTokens.access_token), undefined);
      const refresh = await tryRefreshToken(op.issuer, { clientId, refreshToken: signInTokens.refresh_token });
      assert.equal(refresh.status, 400);
      assert.equal(refresh.body.error, 'invalid_grant');
      const storage = await webStorageContents(page);
      assert.equal(storage.session, '');
    } finally {
      await context.close();
    }
  });

  it("asks the next person for their own credentials after a sign-out, not the provider's remembered session", async () => {
    const { page, context, authorizeRequests } = await openHost();
    try {
      await signInByRedirect(page);
      await page.evaluate(() => window.session.signOut());
      await page.evaluate(() => {
        void window.session.signIn();
      });
      // The provider still has a session cookie for the last person: the login form must show anyway.
      await completeProviderSignIn(page, { issuer: op.issuer });
      await page.waitForFunction(() => window.hostReady && location.pathname === '/callback');
      assert.deepEqual(await page.evaluate(() => window.callbackOutcome), { handled: true });
      assert.equal(authorizeRequests.length, 2);
      assert.equal(authorizeRequests[0].searchParams.get('prompt'), null);
      assert.equal(authorizeRequests[1].searchParams.get('prompt'), 'login');
    } finally {
      await context.close();
    }
  });

  it("ends the provider's session too when configured with a post-logout redirect URI", async () => {
    const { page, context } = await openHost({ postLogoutRedirectUri: host.url('signedOut') });
    try {
      await signInByRedirect(page);
      await page.evaluate(() => {
        void window.session.signOut();
      });
      await page.waitForSelector('button[name="logout"]');
      assert.ok(page.url().startsWith(`${op.issuer}/session/end`));
      await Promise.all([page.waitForNavigation(), page.click('button[name="logout"]')]);
      await page.waitForFunction(() => window.hostReady);
      assert.equal(new URL(page.url()).pathname, '/signed-out');
      // A new sign-in meets the login page: the provider forgot the person.
      await page.evaluate(() => {
        void window.session.signIn();
      });
      await page.waitForSelector('input[name="login"]');
    } finally {
      await context.close();
    }
  });

  it('rejects a sign-in response whose state was tampered with', async () => {
    const { page, context } = await openHost({}, { holdCallback: true });
    try {
      await page.evaluate(() => {
        void window.session.signIn();
      });
      await completeProviderSignIn(page, { issuer: op.issuer });
      await page.waitForFunction(() => window.hostReady && location.pathname === '/callback');
      const outcome = await page.evaluate(async () => {
        const tampered = new URL(location.href);
        tampered.searchParams.set('state', 'f'.repeat(32));
        history.replaceState(null, '', tampered.href);
        try {
          await window.session.handleCallback();
          return { handled: true };
        } catch (error) {
          return { error: window.describe(error) };
        }
      });
      assert.equal(outcome.error?.code, 'state-mismatch');
      assert.match(outcome.error?.message ?? '', /did not match/);
      const state = await sessionState(page);
      assert.equal(state.status, 'signed-out');
      assert.equal(state.user, undefined);
      assert.equal(await page.evaluate(() => window.session.getAccessToken()), undefined);
      assert.equal(state.url, host.url('callback'));
      // The abandoned request's verifier is not left behind either.
      assert.equal((await webStorageContents(page)).session, '');
    } finally {
      await context.close();
    }
  });

  it('signs in in a popup, for hosts that embed the widgets in a frame', async () => {
    const { page, context } = await openHost();
    /** @type {Set<string>} */
    const authorizeParams = new Set();
    /** @param {any} ctx */
    const onInteraction = (ctx) =>
      authorizeParams.add(`${ctx.oidc.params.redirect_uri} ${ctx.oidc.params.code_challenge_method}`);
    op.provider.on('interaction.started', onInteraction);
    try {
      const popupOpened = waitForPopup(browser, page);
      await page.evaluate(() => {
        window.popupSignIn = window.session.signIn({ popup: true }).then(
          () => ({ done: true }),
          (error) => ({ error: window.describe(error) }),
        );
      });
      const popup = await popupOpened;
      await completeProviderSignIn(popup, { issuer: op.issuer });
      assert.deepEqual(await page.evaluate(() => window.popupSignIn), { done: true });
      const state = await sessionState(page);
      assert.equal(state.status, 'signed-in');
      assert.equal(state.user?.name, 'Alex Morgan');
      assert.deepEqual([...authorizeParams], [`${host.url('popupCallback')} S256`]);
      assert.equal((await page.evaluate(() => window.fetchPatient())).status, 200);
    } finally {
      op.provider.off('interaction.started', onInteraction);
      await context.close();
    }
  });

  it('reports a cancelled sign-in when the person closes the popup', async () => {
    const { page, context } = await openHost();
    try {
      const popupOpened = waitForPopup(browser, page);
      await page.evaluate(() => {
        window.popupSignIn = window.session.signIn({ popup: true }).then(
          () => ({ done: true }),
          (error) => ({ error: window.describe(error) }),
        );
      });
      const popup = await popupOpened;
      await popup.waitForSelector('input[name="login"]');
      await popup.close();
      const outcome = await page.evaluate(() => window.popupSignIn);
      assert.equal(outcome.error?.code, 'sign-in-cancelled');
      assert.equal((await sessionState(page)).status, 'signed-out');
    } finally {
      await context.close();
    }
  });

  it('takes the SMART launch context: aud and launch sent, patient and smart_style_url from the token response', async () => {
    const iss = 'https://fhir.rosewood.example/R4';
    const { page, context, authorizeRequests } = await openHost({ smart: { iss, launch: 'launch-123' } });
    try {
      await signInByRedirect(page);
      const authorize = authorizeRequests[0].searchParams;
      assert.equal(authorize.get('aud'), iss);
      assert.equal(authorize.get('launch'), 'launch-123');
      assert.ok(authorize.get('scope')?.split(' ').includes('launch/patient'));
      const state = await sessionState(page);
      assert.equal(state.patientId, 'resident-margaret-evans');
      assert.equal(state.smartStyleUrl, ehrStyleUrl);
      assert.ok(state.grantedScopes.includes('launch/patient'));
      assert.equal(state.user?.fhirUser, 'Practitioner/rosewood-nurse-alex-morgan');
    } finally {
      await context.close();
    }
  });

  it('has no launch context without a SMART launch, and forgets it at sign-out', async () => {
    const plain = await openHost();
    try {
      await signInByRedirect(plain.page);
      const state = await sessionState(plain.page);
      assert.equal(state.status, 'signed-in');
      assert.equal(state.patientId, undefined);
      assert.equal(state.smartStyleUrl, undefined);
    } finally {
      await plain.context.close();
    }
    const launched = await openHost({ smart: { iss: 'https://fhir.rosewood.example/R4', launch: 'launch-456' }, tokenStorage: 'session' });
    try {
      await signInByRedirect(launched.page);
      // A reload keeps the launch context with the tokens (sessionStorage mode).
      await launched.page.reload();
      await launched.page.waitForFunction(() => window.hostReady);
      await launched.page.evaluate(() => window.session.ready);
      const reloaded = await sessionState(launched.page);
      assert.equal(reloaded.status, 'signed-in');
      assert.equal(reloaded.patientId, 'resident-margaret-evans');
      assert.equal(reloaded.smartStyleUrl, ehrStyleUrl);
      await launched.page.evaluate(() => window.session.signOut());
      const signedOut = await sessionState(launched.page);
      assert.equal(signedOut.patientId, undefined);
      assert.equal(signedOut.smartStyleUrl, undefined);
    } finally {
      await launched.context.close();
    }
  });

  it('keeps the session across a reload when asked to use sessionStorage, never localStorage', async () => {
    const { page, context, tokens } = await openHost({ tokenStorage: 'session' });
    try {
      await signInByRedirect(page);
      await page.reload();
      await page.waitForFunction(() => window.hostReady);
      await page.evaluate(() => window.session.ready);
      const state = await sessionState(page);
      assert.equal(state.status, 'signed-in');
      assert.equal(state.user?.name, 'Alex Morgan');
      const [signInTokens] = await tokens();
      const storage = await webStorageContents(page);
      assert.ok(storage.session.includes(signInTokens.refresh_token));
      assert.equal(storage.local, '');
    } finally {
      await context.close();
    }
  });

  it('signs out after the configured idle time on a shared terminal', async () => {
    const { page, context, tokens } = await openHost({ idleTimeoutMs: 1500 });
    try {
      await signInByRedirect(page);
      const [signInTokens] = await tokens();
      await page.waitForFunction(() => window.session.status === 'signed-out', { timeout: 5000 });
      assert.ok((await sessionState(page)).events.includes('signed-out'));
      const refresh = await tryRefreshToken(op.issuer, { clientId, refreshToken: signInTokens.refresh_token });
      assert.equal(refresh.status, 400);
    } finally {
      await context.close();
    }
  });
});
