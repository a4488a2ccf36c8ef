// Every element, for two residents, on a page served with the strict Content-Security-Policy a
// vendor is asked to run (no inline script or style, no eval, no plugins, no <base>, Trusted Types
// with only Lit's and DOMPurify's policies, FHIR on its own origin): everything renders and works
// (disclosures, rows, the discharge summary, the document viewer's PDF) with not one violation and
// not one console error. Controls show the page really is under that policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './support/browser.js';
import { clickEveryButton, recordViolations, shadowStyling, startStrictHost, textOf } from './support/security-csp-host.js';

const MARGARET = 'margaret-whitfield';
const ARTHUR = 'arthur-pemberton';

/** What a person sees once each resident's record has loaded, element by element. */
const SHOWN = {
  [MARGARET]: [
    /WHITFIELD, Margaret Rose \(Mrs\)/,
    /Allergy to penicillin/,
    /Alzheimer/,
    /Amlodipine 5mg tablets/,
    /Urea and electrolytes/,
    /Dementia care and wellbeing plan/,
    /Home visit/,
    /Discharge summary, Ward 7/,
    /Inpatient discharge summary/,
    /Thames Valley General Hospital NHS Foundation Trust/,
    /Open PDF/,
    /Signed in/,
  ],
  [ARTHUR]: [/PEMBERTON, Arthur/, /No known/, /Signed in/],
};
const FAILED = /could not be loaded|unavailable|could not be read|Sign in to see|Loading…/;

/** @type {Awaited<ReturnType<typeof startStrictHost>>} */
let host;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  host = await startStrictHost({ residentIds: [MARGARET, ARTHUR] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await host?.close();
});

/** The page's violations, each once with how often it happened. */
async function violationsOf(page) {
  const all = await page.evaluate(() => window.__violations);
  const counts = new Map();
  for (const violation of all) counts.set(violation, (counts.get(violation) ?? 0) + 1);
  return [...counts].map(([violation, count]) => `${count} × ${violation}`);
}

/** Opens the host page, recording violations, console errors and uncaught exceptions from the start. */
async function openHostPage() {
  const page = await browser.newPage();
  /** @type {string[]} */
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.evaluateOnNewDocument(recordViolations);
  const response = await page.goto(host.url);
  assert.equal(response?.headers()['content-security-policy'], host.policy, 'the page is served with the strict policy');
  await page.waitForFunction(() => window.hostReady === true, { timeout: 15_000 });
  return { page, consoleErrors };
}

/** Waits until each resident's section shows its record (every pattern) and nothing is still loading. */
async function waitForRecords(page) {
  for (const [id, patterns] of Object.entries(SHOWN)) {
    await page.waitForFunction(
      (selector, sources) => {
        const walk = (node) => {
          if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
          if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return '';
          let text = '';
          if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
          for (const child of node.childNodes) text += walk(child);
          return `${text} `;
        };
        const section = document.querySelector(selector);
        const text = section ? walk(section).replace(/\s+/g, ' ') : '';
        return sources.every((source) => new RegExp(source).test(text)) && !/Loading…/.test(text);
      },
      { timeout: 20_000, polling: 200 },
      `[data-resident="${id}"]`,
      patterns.map((pattern) => pattern.source),
    );
  }
}

describe('a host page under the strict Content-Security-Policy', () => {
  it('renders every element for two residents with no violation and no console error', async () => {
    const { page, consoleErrors } = await openHostPage();
    await waitForRecords(page);
    for (const id of [MARGARET, ARTHUR]) {
      const text = await page.evaluate(textOf, `[data-resident="${id}"]`);
      assert.doesNotMatch(text, FAILED, `${id}: no element failed`);
    }
    // Styles reach every shadow root as constructable stylesheets, which style-src 'self' allows.
    const styling = await page.evaluate(shadowStyling);
    assert.ok(styling.length >= 2 * 14, `every element has a shadow root (${styling.length})`);
    assert.deepEqual(styling.filter((entry) => entry.adopted === 0 || entry.styleElements > 0), [], 'styles are adopted stylesheets, never <style> elements');
    const policies = await page.evaluate(() => [...new Set(window.__policies)].sort());
    assert.ok(policies.every((name) => ['dompurify', 'lit-html'].includes(name)), `Trusted Types policies: ${policies.join(', ')}`);
    assert.ok(host.fhirRequests.length > 0 && host.fhirRequests.every((request) => request.authorization === 'Bearer willow-court-host-token'), 'the FHIR API on its own origin was called with the token');
    assert.deepEqual(await violationsOf(page), [], 'no Content-Security-Policy violation');
    assert.deepEqual(consoleErrors, [], 'no console error');
    await page.close();
  });

  it('opens disclosures, rows, the discharge summary and the document viewer, and the PDF as a blob: URL, with no violation', async () => {
    const { page, consoleErrors } = await openHostPage();
    await waitForRecords(page);
    const clicks = await page.evaluate(clickEveryButton);
    assert.ok(clicks > 20, `buttons clicked: ${clicks}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const text = await page.evaluate(textOf, `[data-resident="${MARGARET}"]`);
    assert.doesNotMatch(text, /could not be loaded|unavailable|could not be read/, 'nothing failed after the clicks');
    // The discharge summary opened from the list (its sections) and the viewer's PDF.
    assert.match(text, /Back to list|Discharge summary/);

    // "Open PDF" is a blob: URL the viewer made from the inline PDF; opening it is a navigation.
    const href = await page.evaluate(() => {
      const find = (root) => {
        for (const element of root.querySelectorAll('*')) {
          if (element instanceof HTMLAnchorElement && /Open PDF/.test(element.textContent ?? '')) return element;
          if (element.shadowRoot) {
            const found = find(element.shadowRoot);
            if (found) return found;
          }
        }
        return undefined;
      };
      const link = find(document);
      if (!link) return '';
      link.click();
      return link.href;
    });
    assert.match(href, /^blob:http:\/\/127\.0\.0\.1:\d+\//, 'the PDF opens from a blob: URL of the host origin');
    const pdf = await browser.waitForTarget((target) => target.url() === href && target.type() === 'page', { timeout: 10_000 });
    assert.ok(pdf, 'the PDF opened in a new tab');
    // Chromium's own PDF viewer takes it (a navigation: the host's policy needs nothing for it).
    const viewer = await browser.waitForTarget((target) => target.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'), { timeout: 5_000 }).catch(() => undefined);
    console.log(`PDF opened at ${href} in ${viewer ? "Chromium's PDF viewer" : 'a new tab (no PDF viewer target seen)'}`);
    await (await pdf.page())?.close();

    assert.deepEqual(await violationsOf(page), [], 'no Content-Security-Policy violation');
    assert.deepEqual(consoleErrors, [], 'no console error');
    await page.close();
  });

  it('is really under that policy: an inline <style> and an HTML string sink are refused and reported', async () => {
    const { page } = await openHostPage();
    const refused = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
      let sinkRefused = false;
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>not trusted</b>');
      } catch {
        sinkRefused = true;
      }
      return { sinkRefused, color: getComputedStyle(document.body).color };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const violations = await page.evaluate(() => window.__violations);
    assert.equal(refused.sinkRefused, true, 'Trusted Types refuse an HTML string');
    assert.notEqual(refused.color, 'rgb(255, 0, 0)', 'the inline style is not applied');
    assert.ok(violations.some((v) => v.startsWith('style-src')), `the inline style is reported: ${violations.join('; ')}`);
    assert.ok(violations.some((v) => v.startsWith('require-trusted-types-for')), `the HTML sink is reported: ${violations.join('; ')}`);
    await page.close();
  });
});
