// A vendor's plain HTML page: one <script type="module"> for the self-contained bundle (as
// `npm run build` makes it) and the elements in the markup, served under the README's strict
// Content-Security-Policy, reading a FHIR API over HTTP with the host's bearer token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registeredElements } from '../../scripts/generate-react.js';
import { launchChromium } from './support/browser.js';
import { deepText } from './support/deep-text.js';
import { VENDOR_TOKEN, buildSelfContainedBundle, startVendorHost, waitForText, watchForProblems } from './support/vendor-host.js';

const page = (patientId) => ({ fhirBaseUrl }) => `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <title>Rosewood Care Home — resident record</title>
    <!-- The host's script first: the provider finds its token provider when the bundle defines it. -->
    <script type="module" src="/host.js"></script>
    <script type="module" src="/vendor/care-record-widgets.min.js"></script>
  </head>
  <body>
    <h1>Resident record</h1>
    <care-record-provider fhir-base-url="${fhirBaseUrl}" auth-mode="token" patient-id="${patientId}">
      <care-record-summary></care-record-summary>
      <discharge-list></discharge-list>
    </care-record-provider>
  </body>
</html>`;

// The vendor's own script: its session's token, and listeners for what the widgets tell the host.
const hostScript = `
const provider = document.querySelector('care-record-provider');
provider.tokenProvider = () => ${JSON.stringify(VENDOR_TOKEN)};
window.hostEvents = [];
for (const type of ['care-record-select', 'care-record-navigate', 'care-record-error']) {
  document.addEventListener(type, (event) => {
    window.hostEvents.push({ type, reference: event.detail.reference, section: event.detail.section, error: event.detail.error?.message });
    if (type === 'care-record-select') event.preventDefault();
  });
}
`;

/** @type {Awaited<ReturnType<typeof startVendorHost>>} */
let host;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  host = await startVendorHost({
    pages: { '/': page('margaret-whitfield') },
    scripts: { '/vendor/care-record-widgets.min.js': await buildSelfContainedBundle(), '/host.js': hostScript },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
});

describe('a plain HTML page with only the self-contained bundle', () => {
  it("shows the resident's summary and discharge summaries, reading FHIR with the host's token", async () => {
    const tab = await browser.newPage();
    const problems = await watchForProblems(tab);
    await tab.goto(host.origin);
    await waitForText(tab, /WHITFIELD, Margaret.*Allergy to penicillin/s, deepText);
    await waitForText(tab, /Inpatient discharge summary/i, deepText);
    const text = await tab.evaluate(deepText);
    assert.match(text, /Royal|Hospital|Trust/, 'each summary says where it came from');
    assert.ok(host.fhirRequests.length > 0, 'the widgets read the record over HTTP');
    assert.ok(
      host.fhirRequests.every((request) => request.authorization === `Bearer ${VENDOR_TOKEN}`),
      'every FHIR request carries the token the page gave the provider',
    );
    assert.deepEqual(problems, [], 'no console errors, uncaught exceptions or CSP violations');
    await tab.close();
  });

  it('tells the page which discharge summary a person chose (care-record-select)', async () => {
    const tab = await browser.newPage();
    await tab.goto(host.origin);
    await waitForText(tab, /Inpatient discharge summary/i, deepText);
    await tab.evaluate(() => {
      const list = document.querySelector('discharge-list');
      const button = [...(list?.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => /discharge summary/i.test(candidate.textContent ?? ''));
      if (!button) throw new Error('No discharge summary button');
      button.click();
    });
    const events = await tab.evaluate(() => window.hostEvents);
    const selected = events.filter((event) => event.type === 'care-record-select');
    assert.equal(selected.length, 1);
    assert.match(selected[0].reference, /^(Composition|DocumentReference)\//);
    await tab.close();
  });

  it('registers every element that defineCareRecordElements lists, under its own tag', async () => {
    const tab = await browser.newPage();
    await tab.goto(host.origin);
    await tab.waitForFunction(() => customElements.get('care-record-provider') !== undefined);
    const tags = registeredElements().map((element) => element.tag);
    const undefinedTags = await tab.evaluate((names) => names.filter((name) => !customElements.get(name)), tags);
    assert.deepEqual(undefinedTags, []);
    await tab.close();
  });
});
