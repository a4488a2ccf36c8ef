// The README's Vue example, for real: a single-file component (test/hosts/apps/VueApp.vue) compiled
// with @vue/compiler-sfc and `isCustomElement`, bundled with Vue 3 and the packages' dist builds,
// mounted in Chromium: the record shows, the token provider arrives as a property, and the widgets'
// events reach the component's handlers.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { compileScript, parse } from '@vue/compiler-sfc';
import { registeredElements } from '../../scripts/generate-react.js';
import { launchChromium } from './support/browser.js';
import { deepText } from './support/deep-text.js';
import { VENDOR_TOKEN, buildPackages, bundleHostApp, contentSecurityPolicy, startVendorHost, waitForText, watchForProblems } from './support/vendor-host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const apps = join(root, 'test/hosts/apps');

// As in the README: Vue leaves our tags to the browser.
const careRecordTags = new Set(registeredElements().map((element) => element.tag));
const isCustomElement = (tag) => careRecordTags.has(tag);

/** esbuild plugin: .vue files through @vue/compiler-sfc (script setup with the template inlined). */
const vueSfc = {
  name: 'vue-sfc',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // The template is parsed here already: it needs isCustomElement too (as @vitejs/plugin-vue passes it).
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), { filename: path, templateParseOptions: { isCustomElement } });
      if (errors.length > 0) throw errors[0];
      const script = compileScript(descriptor, { id: 'rosewood', inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } } });
      return { contents: script.content, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

const page = ({ fhirBaseUrl }) => `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Rosewood Care Home (Vue)</title></head>
  <body>
    <div id="root"></div>
    <script type="application/json" id="host-config">${JSON.stringify({ fhirBaseUrl, token: VENDOR_TOKEN, patientId: 'margaret-whitfield' })}</script>
    <script type="module" src="/config.js"></script>
    <script type="module" src="/app.js"></script>
  </body>
</html>`;

/** @type {Awaited<ReturnType<typeof startVendorHost>>} */
let host;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  await buildPackages();
  const app = await bundleHostApp(join(apps, 'vue-main.js'), {
    plugins: [vueSfc],
    // Vue's development build, so that a tag it failed to recognise would be reported in the console.
    define: { 'process.env.NODE_ENV': '"development"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  });
  host = await startVendorHost({
    pages: { '/': page },
    scripts: { '/config.js': "window.hostConfig = JSON.parse(document.getElementById('host-config').textContent);", '/app.js': app },
    // Vue creates a Trusted Types policy of its own, named "vue" (README, "Frameworks").
    csp: contentSecurityPolicy.replace('trusted-types lit-html dompurify', 'trusted-types lit-html dompurify vue'),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
});

describe('a Vue 3 application (compiled single-file component)', () => {
  it("shows the resident's record, with the host's token as a property", async () => {
    const tab = await browser.newPage();
    const problems = await watchForProblems(tab);
    const warnings = [];
    tab.on('console', (message) => {
      if (message.type() === 'warn' || message.type() === 'warning') warnings.push(message.text());
    });
    await tab.goto(host.origin);
    await waitForText(tab, /WHITFIELD, Margaret.*Allergy to penicillin.*Inpatient discharge summary/s, deepText);
    assert.ok(host.fhirRequests.length > 0 && host.fhirRequests.every((request) => request.authorization === `Bearer ${VENDOR_TOKEN}`));
    assert.deepEqual(problems, []);
    assert.deepEqual(warnings.filter((text) => /Failed to resolve component/.test(text)), [], 'Vue treats our tags as custom elements');
    await tab.close();
  });

  it("passes care-record-select and care-record-navigate to the component's handlers", async () => {
    const tab = await browser.newPage();
    await tab.goto(host.origin);
    await waitForText(tab, /Inpatient discharge summary/, deepText);
    await tab.evaluate(() => {
      const click = (selector, pattern) => {
        const button = [...(document.querySelector(selector)?.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => pattern.test(candidate.textContent ?? ''));
        if (!button) throw new Error(`No ${pattern} button in ${selector}`);
        button.click();
      };
      click('discharge-list', /discharge summary/i);
      click('care-record-summary', /View all/);
    });
    await tab.waitForFunction(() => document.getElementById('chosen')?.textContent !== '' && document.getElementById('sections')?.textContent !== '');
    assert.match((await tab.$eval('#chosen', (element) => element.textContent)) ?? '', /^(Composition|DocumentReference)\/\S+$/);
    assert.match((await tab.$eval('#sections', (element) => element.textContent)) ?? '', /^[a-z-]+$/);
    await tab.close();
  });
});
