// Takes the README's screenshot of the sandbox: starts it, signs in through its OpenID Provider,
// shows the first resident and saves packages/sandbox/screenshot.png.
import { startSandbox } from '../packages/sandbox/server.js';
import { launchChromium } from '../test/node/support/browser.js';
import { clickDeepButton, deepText } from '../test/node/support/deep-text.js';
import { completeProviderSignIn } from '../test/node/support/oidc.js';

const sandbox = await startSandbox({ port: Number(process.env.PORT ?? 8790), log: () => {} });
const browser = await launchChromium({ defaultViewport: { width: 1280, height: 900 } });
try {
  const page = await browser.newPage();
  await page.goto(sandbox.url);
  await page.waitForFunction((fn) => new Function(`return (${fn})()`)().includes('Sign in'), { timeout: 30_000 }, deepText.toString());
  await Promise.all([page.waitForNavigation(), page.evaluate(clickDeepButton, 'Sign in')]);
  await completeProviderSignIn(page, { issuer: sandbox.config.issuer });
  await page.waitForFunction((fn) => /Penicillin|penicillin/.test(new Function(`return (${fn})()`)()), { timeout: 60_000 }, deepText.toString());
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await page.screenshot({ path: process.argv[2] ?? 'packages/sandbox/screenshot.png', fullPage: false });
} finally {
  await browser.close();
  await sandbox.close();
}
