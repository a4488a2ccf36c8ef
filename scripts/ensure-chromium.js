// Makes sure a system Chromium is present before browser tests run. As root on Debian it installs
// the `chromium` package; otherwise it stops with the exact command to run. It never downloads a
// browser build of its own.
import { execSync } from 'node:child_process';
import { findChromium } from './chromium.js';

process.env.PUPPETEER_SKIP_DOWNLOAD = '1';

if (findChromium()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = (() => {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

if (isRoot && hasApt) {
  console.log('Chromium not found: installing Debian\'s "chromium" package (apt-get)...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
  });
  if (findChromium()) process.exit(0);
}

console.error(
  [
    'The tests need a system Chromium and none was found.',
    'Install it with:  sudo apt-get update && sudo apt-get install -y chromium',
    'or point CHROMIUM_PATH at an existing Chromium or Chrome binary, then run `npm test` again.',
  ].join('\n'),
);
process.exit(1);
