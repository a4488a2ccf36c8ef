// End to end: the sandbox (`npm start`) as a person uses it. A real OpenID Provider's login page,
// the FHIR API that accepts only its tokens, and the widgets showing the chosen resident, all on a
// page served under the strict Content-Security-Policy with Trusted Types.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startSandbox } from '../../packages/sandbox/server.js';
import { launchChromium } from './support/browser.js';
import { clickDeepButton, deepText } from './support/deep-text.js';
import { completeProviderSignIn } from './support/oidc.js';

/** Two consecutive free ports: the sandbox uses PORT and PORT+1 (its OpenID Provider). */
async function freePortPair() {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    const free = await Promise.all([port, port + 1].map((candidate) => new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => server.close(() => resolve(true)));
    })));
    if (free.every(Boolean)) return port;
  }
  throw new Error('No free ports');
}

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
/** @type {import('puppeteer-core').Browser} */
let browser;

before(async () => {
  sandbox = await startSandbox({ port: await freePortPair(), log: () => {} });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('the sandbox', () => {
  it('signs a member of staff in through the OpenID Provider and shows the chosen resident\'s record', async () => {
    const page = await browser.newPage();
    const violations = [];
    const fhirRequests = [];
    page.on('request', (request) => {
      if (request.url().startsWith(sandbox.config.fhirBaseUrl)) fhirRequests.push(request.headers().authorization ?? '');
    });
    // The page's own policy forbids eval (no 'unsafe-eval', Trusted Types), so the text reader is
    // installed through the DevTools protocol, which the policy does not govern, rather than built
    // with `new Function` inside the page, which the policy rightly refuses.
    await page.evaluateOnNewDocument(`window.__deepText = ${deepText.toString()};`);
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const list = (window.__cspViolations ??= []);
        list.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(`console: ${message.text()}`);
    });

    await page.goto(sandbox.url);
    await page.waitForFunction(() => window.__deepText().includes('Sign in'), { timeout: 30_000 });
    await Promise.all([page.waitForNavigation(), page.evaluate(clickDeepButton, 'Sign in')]);
    await completeProviderSignIn(page, { issuer: sandbox.config.issuer });
    await page.waitForFunction(() => location.href.startsWith(document.baseURI) && !location.search.includes('code='), { timeout: 30_000 });

    // The first resident is chosen by default; their name appears once the record has loaded.
    await page.waitForFunction(() => /WHITFIELD, Margaret/.test(window.__deepText()), { timeout: 60_000 });
    const text = await page.evaluate(deepText);
    assert.match(text, /Alex Morgan/, 'the signed-in member of staff is shown');
    assert.ok(fhirRequests.length > 0, 'the widgets read the record from the FHIR API');
    assert.ok(fhirRequests.every((header) => header.startsWith('Bearer ')), 'every FHIR request carries the bearer token');
    const cspViolations = await page.evaluate(() => window.__cspViolations ?? []);
    assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violation');
    await page.close();
  });
});
