import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { ConfigurationError } from '@care-record/fhir';
import { CareRecordSession, SESSION_ENDED_MESSAGE } from '@care-record/auth';
import type { CareRecordSessionOptions } from '@care-record/auth';

// A stand-in OpenID Provider at the network level. The end-to-end tests (test/node/auth-*.test.js)
// sign in through a real one; here we start from a session kept in sessionStorage, as after a reload.
const AUTHORITY = 'https://op.test';
const CLIENT_ID = 'care-record-widgets';
const profile = { sub: 'nurse', name: 'Alex Morgan', role: 'Care Home Nurse', organisation: 'Rosewood Care Home' };
const discovery = {
  issuer: AUTHORITY,
  authorization_endpoint: `${AUTHORITY}/auth`,
  token_endpoint: `${AUTHORITY}/token`,
  userinfo_endpoint: `${AUTHORITY}/me`,
  revocation_endpoint: `${AUTHORITY}/token/revocation`,
  end_session_endpoint: `${AUTHORITY}/session/end`,
  jwks_uri: `${AUTHORITY}/jwks`,
};

const worker = setupWorker();
const tokenRequests: URLSearchParams[] = [];
const revocations: URLSearchParams[] = [];

function provider({ withRevocation = true } = {}) {
  return [
    http.get(`${AUTHORITY}/.well-known/openid-configuration`, () =>
      HttpResponse.json(withRevocation ? discovery : { ...discovery, revocation_endpoint: undefined }),
    ),
    http.get(`${AUTHORITY}/me`, () => HttpResponse.json(profile)),
    http.post(`${AUTHORITY}/token/revocation`, async ({ request }) => {
      revocations.push(new URLSearchParams(await request.text()));
      return new HttpResponse(null, { status: 200 });
    }),
  ];
}

/** The token endpoint: each refresh answers with `respond(n)` for the n-th request (from 1). */
function tokenEndpoint(respond: (n: number) => Response | Promise<Response>) {
  return http.post(`${AUTHORITY}/token`, async ({ request }) => {
    const body = new URLSearchParams(await request.text());
    tokenRequests.push(body);
    return respond(tokenRequests.length);
  });
}

const rotated = (n: number) =>
  HttpResponse.json({
    access_token: `access-${n + 1}`,
    refresh_token: `refresh-${n + 1}`,
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'openid profile offline_access',
  });

const userKey = `care-record.user.user:${AUTHORITY}:${CLIENT_ID}`;

/** A signed-in session left in sessionStorage by an earlier page load. */
function storeSession({ expiresIn = 300, refreshToken = 'refresh-1' as string | null } = {}) {
  sessionStorage.setItem(
    userKey,
    JSON.stringify({
      access_token: 'access-1',
      refresh_token: refreshToken,
      token_type: 'Bearer',
      scope: 'openid profile offline_access',
      profile,
      expires_at: Math.floor(Date.now() / 1000) + expiresIn,
    }),
  );
}

const sessions: CareRecordSession[] = [];
function session(options: Partial<CareRecordSessionOptions> = {}) {
  const created = new CareRecordSession({
    authority: AUTHORITY,
    clientId: CLIENT_ID,
    redirectUri: `${location.origin}/callback`,
    tokenStorage: 'session',
    renewBeforeExpirySeconds: 0,
    ...options,
  });
  sessions.push(created);
  const events: string[] = [];
  created.addEventListener('change', () => events.push(`change:${created.status}`));
  created.addEventListener('signed-out', () => events.push('signed-out'));
  return { session: created, events };
}

function ourStorageKeys(storage: Storage): string[] {
  return Object.keys(storage).filter((key) => key.startsWith('care-record.') || key.startsWith('oidc.'));
}

describe('CareRecordSession', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => {
    worker.resetHandlers();
    for (const created of sessions.splice(0)) created.dispose();
    for (const key of ourStorageKeys(sessionStorage)) sessionStorage.removeItem(key);
    tokenRequests.length = 0;
    revocations.length = 0;
  });
  after(() => worker.stop());

  describe('settings', () => {
    it('refuses an authority or redirect URI that is not an http(s) URL, naming the setting', () => {
      expect(() => session({ authority: 'op.test' })).to.throw(ConfigurationError).with.property('setting', 'authority');
      expect(() => session({ redirectUri: 'javascript:alert(1)' }))
        .to.throw(ConfigurationError)
        .with.property('setting', 'redirectUri');
    });

    it('reports a blocked sign-in pop-up in words the person can act on', async () => {
      worker.use(...provider());
      const { session: created } = session();
      const open = window.open;
      window.open = () => null;
      try {
        const failure = await created.signIn({ popup: true }).then(
          () => undefined,
          (error: unknown) => error as { code?: string; message?: string },
        );
        expect(failure?.code).to.equal('popup-blocked');
        expect(failure?.message).to.include('Allow pop-ups');
        expect(created.status).to.equal('signed-out');
      } finally {
        window.open = open;
      }
    });

    it('has nothing to do on a page without a sign-in response', async () => {
      const { session: created } = session();
      expect(await created.handleCallback(`${location.origin}/callback`)).to.equal(false);
      expect(await created.handleCallback(`${location.origin}/elsewhere?code=abc&state=xyz`)).to.equal(false);
      expect(created.status).to.equal('signed-out');
    });
  });

  describe('token storage', () => {
    it('picks up a session kept in sessionStorage, with who is signed in', async () => {
      storeSession();
      const { session: created } = session();
      await created.ready;
      expect(created.status).to.equal('signed-in');
      expect(created.user).to.deep.equal({
        subject: 'nurse',
        name: 'Alex Morgan',
        role: 'Care Home Nurse',
        organisation: 'Rosewood Care Home',
      });
      expect(created.grantedScopes).to.deep.equal(['openid', 'profile', 'offline_access']);
      expect(await created.getAccessToken()).to.equal('access-1');
    });

    it('keeps tokens in memory by default, ignoring web storage', async () => {
      storeSession();
      const { session: created } = session({ tokenStorage: undefined });
      await created.ready;
      expect(created.status).to.equal('signed-out');
      expect(await created.getAccessToken()).to.equal(undefined);
    });

    it('never writes to localStorage', async () => {
      worker.use(...provider(), tokenEndpoint(rotated));
      storeSession({ expiresIn: 0 });
      const before = ourStorageKeys(localStorage);
      const { session: created } = session();
      await created.getAccessToken();
      await created.signOut();
      expect(ourStorageKeys(localStorage)).to.deep.equal(before);
    });
  });

  describe('renewal', () => {
    it('renews an expired token with the refresh token, once for concurrent callers', async () => {
      worker.use(...provider(), tokenEndpoint(rotated));
      storeSession({ expiresIn: 0 });
      const { session: created, events } = session();
      const tokens = await Promise.all([created.getAccessToken(), created.getAccessToken(), created.renew()]);
      expect(tokens).to.deep.equal(['access-2', 'access-2', true]);
      expect(tokenRequests).to.have.length(1);
      expect(tokenRequests[0]!.get('grant_type')).to.equal('refresh_token');
      expect(tokenRequests[0]!.get('refresh_token')).to.equal('refresh-1');
      expect(events).to.deep.equal(['change:signed-in', 'change:renewing', 'change:signed-in']);
      // The rotated refresh token replaced the spent one.
      expect(sessionStorage.getItem(userKey)).to.include('refresh-2').and.not.include('refresh-1');
    });

    it('tries a refresh that fails on the network a limited number of times, then ends the session', async () => {
      worker.use(...provider(), tokenEndpoint(() => HttpResponse.error()));
      storeSession({ expiresIn: 0 });
      const { session: created, events } = session({ refreshAttempts: 2 });
      expect(await created.getAccessToken()).to.equal(undefined);
      expect(tokenRequests).to.have.length(2);
      expect(created.status).to.equal('session-ended');
      expect(created.lastError?.message).to.equal(SESSION_ENDED_MESSAGE);
      expect(events.slice(-2)).to.deep.equal(['change:session-ended', 'signed-out']);
      expect(sessionStorage.getItem(userKey)).to.equal(null);
    });

    it('ends the session at once when the provider refuses the refresh token', async () => {
      worker.use(
        ...provider(),
        tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, { status: 400 })),
      );
      storeSession({ expiresIn: 0 });
      const { session: created } = session();
      expect(await created.renew()).to.equal(false);
      expect(tokenRequests).to.have.length(1);
      expect(created.status).to.equal('session-ended');
      expect(created.user).to.equal(undefined);
      // The refresh token travels in the failed request's form: it must not surface in the error.
      expect(JSON.stringify(created.lastError?.cause ?? '')).not.to.include('refresh-1');
    });

    it('drops a kept session whose token has expired when there is no refresh token', async () => {
      storeSession({ expiresIn: 0, refreshToken: null });
      const { session: created } = session();
      await created.ready;
      expect(created.status).to.equal('signed-out');
      expect(await created.getAccessToken()).to.equal(undefined);
      expect(sessionStorage.getItem(userKey)).to.equal(null);
    });

    it('ends the session when the server refuses a token and there is no refresh token', async () => {
      worker.use(...provider(), tokenEndpoint(rotated));
      storeSession({ refreshToken: null });
      const { session: created } = session();
      expect(await created.getAccessToken()).to.equal('access-1');
      expect(await created.renew()).to.equal(false);
      expect(tokenRequests).to.have.length(0);
      expect(created.status).to.equal('session-ended');
    });
  });

  describe('sign-out', () => {
    it('clears the session and caches at once, then revokes the refresh and access tokens', async () => {
      worker.use(...provider(), tokenEndpoint(rotated));
      storeSession();
      const { session: created, events } = session();
      await created.ready;
      await created.signOut();
      expect(created.status).to.equal('signed-out');
      expect(created.user).to.equal(undefined);
      expect(events.slice(-2)).to.deep.equal(['change:signed-out', 'signed-out']);
      expect(await created.getAccessToken()).to.equal(undefined);
      expect(ourStorageKeys(sessionStorage)).to.deep.equal([]);
      expect(revocations.map((form) => [form.get('token_type_hint'), form.get('token'), form.get('client_id')])).to.deep.equal([
        ['refresh_token', 'refresh-1', CLIENT_ID],
        ['access_token', 'access-1', CLIENT_ID],
      ]);
    });

    it('signs out even when the provider cannot revoke', async () => {
      worker.use(
        ...provider(),
        http.post(`${AUTHORITY}/token/revocation`, () => HttpResponse.error()),
      );
      storeSession();
      const { session: created } = session();
      await created.ready;
      await created.signOut();
      expect(created.status).to.equal('signed-out');
      expect(ourStorageKeys(sessionStorage)).to.deep.equal([]);
    });

    it('does not try to revoke where the provider has no revocation endpoint', async () => {
      worker.use(...provider({ withRevocation: false }));
      storeSession();
      const { session: created } = session();
      await created.ready;
      await created.signOut();
      expect(revocations).to.have.length(0);
      expect(created.status).to.equal('signed-out');
    });
  });

  describe('idle time-out', () => {
    it('signs out a shared terminal left idle, and not while someone is using it', async () => {
      worker.use(...provider());
      storeSession();
      const { session: created, events } = session({ idleTimeoutMs: 500 });
      await created.ready;
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'Tab' }));
      }
      expect(created.status).to.equal('signed-in');
      await waitUntil(() => created.status === 'signed-out', 'not signed out when idle', { timeout: 3000 });
      expect(events).to.include('signed-out');
      expect(ourStorageKeys(sessionStorage)).to.deep.equal([]);
    });
  });
});
