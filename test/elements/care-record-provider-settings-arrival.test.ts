// A plain host page gives the provider its token function as a property, from its own script, which
// often runs after the widgets' bundle has defined the element and the provider has first rendered.
// The provider must wait for it without crying wolf, and still say so when it never comes.
// Each page is a real document (an iframe) so that script order, DOMContentLoaded and load are the browser's own.
import { expect, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { HttpResponse, delay, http } from 'msw';
import type { CareRecordProvider } from '../../packages/elements/src/index.js';

const registration = new URL('../../packages/elements/src/care-record-provider.ts', import.meta.url).href;
const setToken = "document.querySelector('care-record-provider').tokenProvider = () => 'late-token';";

interface HostPage {
  window: Window & { errors: Array<Error & { setting?: string }> };
  provider: CareRecordProvider;
}

/** Opens a host page: `head` goes after a listener that records every care-record-error from the start. */
async function openHostPage(head: string): Promise<HostPage> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html>
<html lang="en-GB">
  <head>
    <script>
      window.process = { env: { NODE_ENV: 'development' } };
      window.errors = [];
      document.addEventListener('care-record-error', (event) => window.errors.push(event.detail.error));
    </script>
    ${head}
  </head>
  <body>
    <care-record-provider fhir-base-url="https://fhir.test/R4" auth-mode="token"></care-record-provider>
  </body>
</html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const window = frame.contentWindow as HostPage['window'];
  await waitUntil(() => window.customElements.get('care-record-provider'), 'the bundle did not define the provider', { timeout: 5000 });
  const provider = window.document.querySelector('care-record-provider') as CareRecordProvider;
  return { window, provider };
}

/** Lets whatever the page and the provider still have queued run (a few tasks, then the provider's update). */
async function settle(page: HostPage): Promise<void> {
  await new Promise((resolve) => page.window.setTimeout(resolve, 50));
  await page.provider.updateComplete;
}

const shownMessage = (provider: CareRecordProvider) => provider.shadowRoot?.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim();

const worker = setupWorker(
  // The host's own script, on a slow connection: the bundle has long run when it arrives.
  http.get('/host/slow-token.js', async () => {
    await delay(400);
    return new HttpResponse(setToken, { headers: { 'Content-Type': 'text/javascript' } });
  }),
);

describe('<care-record-provider> given its tokenProvider by the host page', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  after(() => worker.stop());
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  const late = [
    {
      when: "in a module script after the bundle's (after the element upgraded and first rendered)",
      head: `<script type="module" src="${registration}"></script>
    <script type="module">${setToken}</script>`,
    },
    {
      when: "in a module script after the bundle's that arrives well after it",
      head: `<script type="module" src="${registration}"></script>
    <script type="module" src="/host/slow-token.js"></script>`,
    },
    {
      when: 'when DOMContentLoaded fires',
      head: `<script type="module" src="${registration}"></script>
    <script type="module">document.addEventListener('DOMContentLoaded', () => { ${setToken} });</script>`,
    },
    {
      when: "in the load event of a bundle it adds once the page has loaded",
      head: `<script type="module">
      window.addEventListener('load', () => {
        const bundle = document.createElement('script');
        bundle.type = 'module';
        bundle.src = ${JSON.stringify(registration)};
        bundle.addEventListener('load', () => { ${setToken} });
        document.head.append(bundle);
      });
    </script>`,
    },
  ];

  for (const { when, head } of late) {
    it(`signs in with it, without any configuration error, when it is set ${when}`, async () => {
      const page = await openHostPage(head);
      await waitUntil(() => page.provider.auth, 'the provider never took the token provider', { timeout: 5000 });
      await settle(page);
      expect(page.window.errors.map((error) => error.message)).to.deep.equal([]);
      expect(shownMessage(page.provider)).to.equal(undefined);
      expect(await page.provider.auth!.getAccessToken()).to.equal('late-token');
    });
  }

  it('says once, in place and as care-record-error, that it is missing when the page never sets it', async () => {
    const page = await openHostPage(`<script type="module" src="${registration}"></script>`);
    await waitUntil(() => page.window.errors.length > 0, 'no care-record-error', { timeout: 5000 });
    await settle(page);
    expect(page.window.errors.map((error) => [error.name, error.setting, error.message])).to.deep.equal([
      ['ConfigurationError', 'tokenProvider', 'Token sign-in needs a tokenProvider function or an auth object.'],
    ]);
    expect(shownMessage(page.provider)).to.contain('Token sign-in needs a tokenProvider function or an auth object.');
    expect(page.provider.auth).to.equal(undefined);
  });

  it('takes a tokenProvider that arrives after the error was shown, and clears the message', async () => {
    const page = await openHostPage(`<script type="module" src="${registration}"></script>`);
    await waitUntil(() => shownMessage(page.provider), 'no message shown', { timeout: 5000 });
    page.provider.tokenProvider = () => 'later-token';
    await page.provider.updateComplete;
    expect(shownMessage(page.provider)).to.equal(undefined);
    expect(await page.provider.auth!.getAccessToken()).to.equal('later-token');
    expect(page.window.errors).to.have.length(1);
  });
});
