// The README's Angular example, for real: a standalone component with CUSTOM_ELEMENTS_SCHEMA
// (test/hosts/apps/angular/), with Angular 20 and the packages' dist builds, run in Chromium
// (zoneless) two ways:
// - ahead of time: `ngc` with strict template checking, Angular's own packages linked with its
//   Babel linker (as the Angular CLI does), served under the README's strict Content-Security-Policy;
// - just in time: @angular/compiler in the page.
// Each time the record shows, the token provider arrives through a property binding, and the
// widgets' events reach the component's handlers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { transformAsync } from '@babel/core';
import linkerPlugin from '@angular/compiler-cli/linker/babel';
import { launchChromium } from './support/browser.js';
import { deepText } from './support/deep-text.js';
import { VENDOR_TOKEN, buildPackages, bundleHostApp, contentSecurityPolicy, startVendorHost, waitForText, watchForProblems } from './support/vendor-host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const app = join(root, 'test/hosts/apps/angular');
const aotOut = join(root, 'node_modules/.cache/care-record-hosts/angular');

/** esbuild plugin: Angular's partially compiled packages linked ahead of time (no compiler at run time). */
const angularLinker = {
  name: 'angular-linker',
  setup(build) {
    build.onLoad({ filter: /node_modules\/@angular\/.*\.m?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const result = await transformAsync(source, { filename: path, plugins: [linkerPlugin], babelrc: false, configFile: false, compact: false, sourceMaps: false });
      return { contents: result?.code ?? source, loader: 'js' };
    });
  },
};

const page = ({ fhirBaseUrl }) => `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Rosewood Care Home (Angular)</title></head>
  <body>
    <rosewood-app></rosewood-app>
    <script type="application/json" id="host-config">${JSON.stringify({ fhirBaseUrl, token: VENDOR_TOKEN, patientId: 'margaret-whitfield' })}</script>
    <script type="module" src="/config.js"></script>
    <script type="module" src="/app.js"></script>
  </body>
</html>`;
const configScript = "window.hostConfig = JSON.parse(document.getElementById('host-config').textContent);";

/** @type {Record<'aot' | 'jit', Awaited<ReturnType<typeof startVendorHost>>>} */
const hosts = {};
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  await buildPackages();
  // Ahead of time: ngc type-checks the template (strictTemplates) and compiles it.
  execFileSync(process.execPath, [join(root, 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js'), '-p', join(app, 'tsconfig.json')], { stdio: 'inherit' });
  const aot = await bundleHostApp(join(aotOut, 'test/hosts/apps/angular/main.js'), {
    plugins: [angularLinker],
    define: { 'process.env.NODE_ENV': '"production"', ngDevMode: 'false', ngJitMode: 'false' },
  });
  hosts.aot = await startVendorHost({
    pages: { '/': page },
    scripts: { '/config.js': configScript, '/app.js': aot },
    // Angular's sanitiser has a Trusted Types policy of its own, named "angular".
    csp: contentSecurityPolicy.replace('trusted-types lit-html dompurify', 'trusted-types lit-html dompurify angular'),
  });
  // Just in time: esbuild compiles the TypeScript (with TypeScript's experimental decorators, as Angular's are).
  const jit = await bundleHostApp(join(app, 'main-jit.ts'), {
    define: { 'process.env.NODE_ENV': '"production"', ngDevMode: 'false' },
  });
  hosts.jit = await startVendorHost({
    pages: { '/': page },
    scripts: { '/config.js': configScript, '/app.js': jit },
    // The compiler evaluates the code it generates: 'unsafe-eval' and its "angular#unsafe-jit" policy.
    csp: contentSecurityPolicy
      .replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
      .replace('trusted-types lit-html dompurify', 'trusted-types lit-html dompurify angular angular#unsafe-jit'),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await hosts.aot?.close();
  await hosts.jit?.close();
});

for (const [mode, title] of [['aot', 'ahead of time, strict CSP'], ['jit', 'just in time']]) {
  describe(`an Angular 20 application (${title}, CUSTOM_ELEMENTS_SCHEMA)`, () => {
    it("shows the resident's record, with the host's token through a property binding", async () => {
      const host = hosts[mode];
      const tab = await browser.newPage();
      const problems = await watchForProblems(tab);
      await tab.goto(host.origin);
      await waitForText(tab, /Rosewood Care Home \(Angular\).*WHITFIELD, Margaret.*Allergy to penicillin.*Inpatient discharge summary/s, deepText);
      assert.ok(host.fhirRequests.length > 0 && host.fhirRequests.every((request) => request.authorization === `Bearer ${VENDOR_TOKEN}`));
      assert.deepEqual(problems, []);
      await tab.close();
    });

    it("passes care-record-select and care-record-navigate to the component's handlers", async () => {
      const tab = await browser.newPage();
      await tab.goto(hosts[mode].origin);
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
}
