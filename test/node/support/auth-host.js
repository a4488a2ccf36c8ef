// The host page for the auth end-to-end tests: a care-home system page that bundles
// @care-record/auth, creates a CareRecordSession from options the test sets, handles the sign-in
// callback on load, and calls a tiny FHIR endpoint that checks bearer tokens with the provider.
import { fileURLToPath } from 'node:url';
import { bearerToken } from '../../../packages/sandbox/oidc-provider.js';
import { bundleModule } from './bundle.js';
import { sendJson, startHostServer } from './host-server.js';

const authEntry = fileURLToPath(new URL('../../../packages/auth/src/index.ts', import.meta.url));

export const hostPaths = {
  home: '/',
  callback: '/callback',
  popupCallback: '/popup-callback',
  signedOut: '/signed-out',
};

/**
 * @param {{ validateToken: (token: string | undefined) => Promise<unknown> }} options `validateToken`
 *   is the FHIR server's check (e.g. `validateAccessToken(provider, token)`), looked up per request so
 *   the provider can start after the host (it needs the host's redirect URIs).
 */
export async function startAuthHost({ validateToken }) {
  const authModule = await bundleModule(authEntry);
  /** @type {Record<string, unknown>} */
  let sessionOptions = {};
  /** @type {Array<{ authorization: string | undefined; valid: boolean }>} */
  const fhirRequests = [];

  /** @type {import('./host-server.js').RouteHandler} */
  const page = (_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(hostPage(sessionOptions));
  };

  /** @type {import('./host-server.js').RouteHandler} */
  const patient = async (request, response) => {
    const authorization = request.headers.authorization;
    const valid = Boolean(await validateToken(bearerToken(authorization)));
    fhirRequests.push({ authorization, valid });
    if (!valid) {
      sendJson(
        response,
        401,
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Sign in again' }] },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
      return;
    }
    sendJson(response, 200, { resourceType: 'Patient', id: 'example', name: [{ family: 'Evans', given: ['Margaret'] }] });
  };

  const server = await startHostServer({
    routes: {
      [hostPaths.home]: page,
      [hostPaths.callback]: page,
      [hostPaths.popupCallback]: page,
      [hostPaths.signedOut]: page,
      '/auth.js': { type: 'text/javascript', body: authModule },
      '/favicon.ico': { type: 'image/x-icon', body: '' },
      '/fhir/Patient/example': patient,
    },
  });

  return {
    origin: server.origin,
    fhirRequests,
    /** Options for the next page load's CareRecordSession (authority, clientId, …). */
    setSessionOptions(/** @type {Record<string, unknown>} */ options) {
      sessionOptions = options;
    },
    /** @param {keyof typeof hostPaths} name */
    url: (name) => server.origin + hostPaths[name],
    close: server.close,
  };
}

/** @param {Record<string, unknown>} sessionOptions */
function hostPage(sessionOptions) {
  return `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Rosewood Care Home — resident record</title></head>
  <body>
    <p id="status">Loading</p>
    <script type="module">
      import * as auth from '/auth.js';
      const sessionOptions = ${JSON.stringify(sessionOptions)};
      const session = new auth.CareRecordSession(sessionOptions);
      const events = [];
      session.addEventListener('change', () => events.push('change:' + session.status));
      session.addEventListener('signed-out', () => events.push('signed-out'));
      session.addEventListener('change', () => {
        document.getElementById('status').textContent = session.user?.name ? 'Signed in as ' + session.user.name : session.status;
      });
      const describe = (error) => ({ name: error.name, code: error.code, message: error.message });
      Object.assign(window, {
        auth,
        session,
        sessionOptions,
        events,
        fetchPatient: async () => {
          const token = await session.getAccessToken();
          const response = await fetch('/fhir/Patient/example', { headers: token ? { Authorization: 'Bearer ' + token } : {} });
          return { status: response.status, body: await response.json() };
        },
        describe,
      });
      // A test can hold the callback back to edit the address first.
      window.callbackOutcome = window.holdCallback
        ? undefined
        : session.handleCallback().then((handled) => ({ handled }), (error) => ({ error: describe(error) }));
      window.hostReady = true;
    </script>
  </body>
</html>`;
}
