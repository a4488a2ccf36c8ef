// Launched from an EHR that publishes its look: the token response's `smart_style_url` reaches the
// provider through its session (`smartStyleUrl`), and the provider dresses the widgets in the EHR's
// style. A style that cannot be had never stops the widgets: they keep their own look, and the host hears why.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { HttpResponse, http } from 'msw';
import { TokenProviderSession } from '@care-record/auth';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordSignIn } from '../../packages/elements/src/index.js';
import { SmartStyleError, smartStyleToTokens } from '../../packages/elements/src/smart-style.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-record-sign-in.js';

const AUTHORITY = 'https://ehr-login.test';
const CLIENT_ID = 'care-record-widgets';
const STYLE_URL = 'https://ehr.test/smart-style.json';
// The example from the SMART App Launch specification ("Styling").
const ehrStyle = {
  color_background: '#edeae3',
  color_error: '#9e2d2d',
  color_highlight: '#69b5ce',
  color_text: '#303030',
  dim_border_radius: '6px',
  dim_font_size: '13px',
  font_family_body: "Georgia, Times, 'Times New Roman', serif",
};

const worker = setupWorker();
const styleRequests: Request[] = [];
const styleServed = (response: () => Response) =>
  http.get(STYLE_URL, ({ request }) => {
    styleRequests.push(request);
    return response();
  });
const signInService = http.get(`${AUTHORITY}/.well-known/openid-configuration`, () =>
  HttpResponse.json({ issuer: AUTHORITY, authorization_endpoint: `${AUTHORITY}/auth`, token_endpoint: `${AUTHORITY}/token`, jwks_uri: `${AUTHORITY}/jwks` }),
);

/**
 * A SMART launch signed in on an earlier page load, kept in this tab's sessionStorage: the tokens,
 * and the launch context (the token response's `patient` and `smart_style_url`) beside them.
 */
function keepLaunchedSession() {
  const prefix = 'care-record.user.';
  sessionStorage.setItem(
    `${prefix}user:${AUTHORITY}:${CLIENT_ID}`,
    JSON.stringify({
      access_token: 'access-1',
      refresh_token: 'refresh-1',
      token_type: 'Bearer',
      scope: 'openid profile launch/patient',
      profile: { sub: 'nurse', name: 'Alex Morgan' },
      expires_at: Math.floor(Date.now() / 1000) + 300,
    }),
  );
  sessionStorage.setItem(`${prefix}launch:${AUTHORITY}:${CLIENT_ID}`, JSON.stringify({ smartStyleUrl: STYLE_URL }));
}

/** A host's own session passing on a launch's style, as a `CareRecordAuth` may. */
class LaunchedTokenSession extends TokenProviderSession {
  smartStyleUrl: string | undefined = STYLE_URL;
}

function looks(widget: CareRecordSignIn) {
  const host = getComputedStyle(widget);
  const button = getComputedStyle(widget.shadowRoot!.querySelector('button')!);
  return { text: host.color, background: host.backgroundColor, font: host.fontFamily, fontSize: host.fontSize, primary: button.borderTopColor, radius: button.borderTopLeftRadius };
}

/** How the sign-in element looks without any EHR style (in a provider of its own). */
async function ownLook(): Promise<ReturnType<typeof looks>> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url="https://fhir.test/R4" .auth=${new TokenProviderSession({ tokenProvider: () => 't', user: { subject: 'nurse', name: 'Alex Morgan' } })}>
      <care-record-sign-in></care-record-sign-in>
    </care-record-provider>
  `);
  const widget = provider.querySelector('care-record-sign-in')!;
  await widget.updateComplete;
  const plain = looks(widget);
  provider.remove();
  return plain;
}

function collectErrors() {
  const events: CareRecordErrorEvent[] = [];
  const record = (event: CareRecordErrorEvent) => events.push(event);
  document.addEventListener('care-record-error', record);
  return { events, stop: () => document.removeEventListener('care-record-error', record) };
}

async function mountWithHostSession(): Promise<{ provider: CareRecordProvider; widget: CareRecordSignIn; session: LaunchedTokenSession }> {
  const session = new LaunchedTokenSession({ tokenProvider: () => 't', user: { subject: 'nurse', name: 'Alex Morgan' } });
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url="https://fhir.test/R4" .auth=${session}><care-record-sign-in></care-record-sign-in></care-record-provider>
  `);
  const widget = provider.querySelector('care-record-sign-in')!;
  await widget.updateComplete;
  return { provider, widget, session };
}

describe("<care-record-provider> with a SMART launch's style (smart_style_url)", () => {
  const readablePrimary = smartStyleToTokens(ehrStyle).tokens['--care-record-color-primary'];

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => {
    worker.resetHandlers();
    styleRequests.length = 0;
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('care-record.')) sessionStorage.removeItem(key);
  });
  after(() => worker.stop());

  it("dresses the widgets in the EHR's style from its own OpenID session, and takes it off at sign-out", async () => {
    worker.use(signInService, styleServed(() => HttpResponse.json(ehrStyle)));
    const plain = await ownLook();
    keepLaunchedSession();
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url="https://fhir.test/R4" issuer=${AUTHORITY} client-id=${CLIENT_ID} token-storage="session">
        <care-record-sign-in></care-record-sign-in>
      </care-record-provider>
    `);
    const widget = provider.querySelector('care-record-sign-in')!;
    await waitUntil(() => provider.auth?.status === 'signed-in', 'the kept session was not picked up');
    expect(provider.auth?.smartStyleUrl).to.equal(STYLE_URL);
    await waitUntil(() => looks(widget).primary === readablePrimary, "the EHR's style was not applied");
    expect(looks(widget)).to.deep.equal({
      text: 'rgb(48, 48, 48)',
      background: 'rgb(237, 234, 227)',
      font: 'Georgia, Times, "Times New Roman", serif',
      fontSize: '13px',
      primary: readablePrimary,
      radius: '6px',
    });
    // Fetched once, as a plain GET: no cookies, and never the FHIR token.
    expect(styleRequests).to.have.length(1);
    expect(styleRequests[0]!.credentials).to.equal('omit');
    expect(styleRequests[0]!.headers.get('Authorization')).to.equal(null);
    await expect(widget).to.be.accessible();

    await provider.auth!.signOut();
    await widget.updateComplete;
    expect(provider.auth?.smartStyleUrl).to.equal(undefined);
    await waitUntil(() => looks(widget).primary === plain.primary, 'the style stayed after sign-out');
    expect(looks(widget)).to.deep.equal(plain);
  });

  it("follows a host session's smartStyleUrl as it changes", async () => {
    worker.use(styleServed(() => HttpResponse.json(ehrStyle)), http.get('https://ehr.test/dark.json', () => HttpResponse.json({ color_text: '#000000' })));
    const { widget, session } = await mountWithHostSession();
    await waitUntil(() => looks(widget).primary === readablePrimary, "the EHR's style was not applied");
    session.smartStyleUrl = 'https://ehr.test/dark.json';
    session.dispatchEvent(new Event('change'));
    await waitUntil(() => looks(widget).text === 'rgb(0, 0, 0)', 'the new style was not applied');
    // The new style replaces the old one: what it does not set is the widgets' own again.
    expect(looks(widget).radius).to.equal('4px');
  });

  const failures = [
    { what: 'is not found', respond: () => new HttpResponse(null, { status: 404 }), says: /could not be loaded \(HTTP 404\)/ },
    // What a page sees when its Content-Security-Policy connect-src leaves the EHR's origin out.
    { what: 'cannot be reached (or connect-src does not allow it)', respond: () => HttpResponse.error(), says: /could not be loaded \(no answer: .*connect-src/ },
    { what: 'is not JSON', respond: () => new HttpResponse('<html>Sign in</html>', { headers: { 'Content-Type': 'text/html' } }), says: /is not a style document/ },
  ];
  for (const { what, respond, says } of failures) {
    it(`keeps the widgets working in their own look, and reports it as care-record-error, when the style ${what}`, async () => {
      worker.use(styleServed(respond));
      const plain = await ownLook();
      const errors = collectErrors();
      try {
        const { provider, widget } = await mountWithHostSession();
        await waitUntil(() => errors.events.length > 0, 'no care-record-error');
        const [event] = errors.events;
        expect(event!.detail.source).to.equal('care-record-provider');
        expect(event!.detail.error).to.be.instanceOf(SmartStyleError);
        expect((event!.detail.error as SmartStyleError).code).to.equal('smart-style-unavailable');
        expect((event!.detail.error as SmartStyleError).url).to.equal(STYLE_URL);
        expect(event!.detail.error.message).to.match(says);
        expect(looks(widget)).to.deep.equal(plain);
        expect(widget.shadowRoot!.textContent).to.contain('Alex Morgan');
        expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      } finally {
        errors.stop();
      }
    });
  }
});
