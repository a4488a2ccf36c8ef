// Launches the system Chromium (never a downloaded one) through puppeteer-core, headless.
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium } from '../../../scripts/chromium.js';

/**
 * @param {import('puppeteer-core').LaunchOptions} [options]
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export async function launchChromium(options = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install the Debian chromium package or set CHROMIUM_PATH.');
  return puppeteer.launch({ executablePath, headless: true, args: chromiumArgs, ...options });
}

/**
 * Waits for a popup opened by `page` and returns its page.
 * @param {import('puppeteer-core').Browser} browser
 * @param {import('puppeteer-core').Page} page
 */
export async function waitForPopup(browser, page) {
  const target = await browser.waitForTarget((candidate) => candidate.opener() === page.target(), { timeout: 10_000 });
  const popup = await target.page();
  if (!popup) throw new Error('The popup has no page');
  return popup;
}
