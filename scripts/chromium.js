// Where the browser lives and how it is started, shared by the test runner, the Node end-to-end
// tests and the benchmarks. We only ever use the system Chromium (Debian's `chromium` package):
// no tool may download a browser of its own.
import { existsSync } from 'node:fs';

export const chromiumCandidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

export function findChromium() {
  return chromiumCandidates.find((path) => existsSync(path));
}

// Flags that keep Chromium quiet on a machine with no network beyond localhost.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  // Test pages may sit in the background: keep their timers and animation frames running.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
