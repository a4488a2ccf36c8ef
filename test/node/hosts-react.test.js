// A vendor's React 19 application (test/hosts/apps/react-app.tsx), bundled with esbuild against the
// packages' dist builds as a vendor's bundler resolves them: the elements through the
// @care-record/react wrappers and directly as tags, events reaching React handlers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './support/browser.js';
import { deepText } from './support/deep-text.js';
import { VENDOR_TOKEN, buildPackages, bundleHostApp, startVendorHost, waitForText, watchForProblems } from './support/vendor-host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const apps = join(root, 'test/hosts/apps');

const page = ({ fhirBaseUrl }) => `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Rosewood Care Home (React)</title></head>
  <body>
    <div id="root"></div>
    <script type="application/json" id="host-config">${JSON.stringify({ fhirBaseUrl, token: VENDOR_TOKEN, patientId: 'margaret-whitfield' })}</script>
    <script type="module" src="/config.js"></script>
    <script type="module" src="/app.js"></script>
  </body>
</html>`;

const configScript = "window.hostConfig = JSON.parse(document.getElementById('host-config').textContent);";

/** @type {Awaited<ReturnType<typeof startVendorHost>>} */
let host;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  await buildPackages();
  const app = await bundleHostApp(join(apps, 'react-app.tsx'), { jsx: 'automatic' });
  host = await startVendorHost({ pages: { '/': page }, scripts: { '/config.js': configScript, '/app.js': app } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
});

/** Clicks the first button inside `selector`'s shadow root whose text matches `pattern`. Runs in the page. */
function clickShadowButton(selector, source) {
  const host = document.querySelector(selector);
  const button = [...(host?.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => new RegExp(source, 'i').test(candidate.textContent ?? ''));
  if (!button) throw new Error(`No button matching ${source} in ${selector}`);
  button.click();
}

describe('a React 19 application', () => {
  it("shows the resident's record through the wrappers and through the tags, with the host's token", async () => {
    const tab = await browser.newPage();
    const problems = await watchForProblems(tab);
    await tab.goto(host.origin);
    await waitForText(tab, /Through @care-record\/react.*WHITFIELD, Margaret.*Allergy to penicillin.*Inpatient discharge summary.*As tags.*WHITFIELD, Margaret.*Allergy to penicillin.*Inpatient discharge summary/s, deepText);
    assert.ok(host.fhirRequests.every((request) => request.authorization === `Bearer ${VENDOR_TOKEN}`), 'the function prop reached the provider as a property');
    assert.deepEqual(problems, []);
    await tab.close();
  });

  for (const [way, section] of [['through the wrappers', '#wrappers'], ['as tags', '#direct']]) {
    it(`passes care-record-select and care-record-navigate to React handlers (${way})`, async () => {
      const tab = await browser.newPage();
      await tab.goto(host.origin);
      await waitForText(tab, /As tags.*Inpatient discharge summary/s, deepText);
      await tab.waitForFunction((selector) => document.querySelector(`${selector} discharge-list`)?.shadowRoot?.querySelector('button') != null, {}, section);
      await tab.evaluate(clickShadowButton, `${section} discharge-list`, 'discharge summary');
      await tab.evaluate(clickShadowButton, `${section} care-record-summary`, 'View all');
      const prefix = section === '#wrappers' ? 'wrappers' : 'direct';
      await tab.waitForFunction((id) => document.getElementById(`${id}-chosen`)?.textContent !== '' && document.getElementById(`${id}-sections`)?.textContent !== '', {}, prefix);
      const chosen = await tab.$eval(`#${prefix}-chosen`, (element) => element.textContent);
      const sections = await tab.$eval(`#${prefix}-sections`, (element) => element.textContent);
      assert.match(chosen ?? '', /^(Composition|DocumentReference)\/\S+$/, 'React state holds the chosen reference');
      assert.match(sections ?? '', /^[a-z-]+$/, 'React state holds the section asked for');
      await tab.close();
    });
  }

  it("types the wrappers' props and events, and the tags, for a vendor's TSX (tsc)", () => {
    // react-misuse.tsx holds @ts-expect-error lines: an unused one (a misuse that type-checks) fails tsc.
    const output = (() => {
      try {
        execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(apps, 'tsconfig.json')], { encoding: 'utf8' });
        return '';
      } catch (error) {
        return `${error.stdout}${error.stderr}`;
      }
    })();
    assert.equal(output, '');
  });
});
