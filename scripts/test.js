// `npm test`: every test. Makes sure Debian's Chromium is there, runs the browser suite
// (web-test-runner) and the Node end-to-end suite (node --test), then prints one closing line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ensure = spawnSync(process.execPath, ['scripts/ensure-chromium.js'], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

const countsFile = join(mkdtempSync(join(tmpdir(), 'care-record-tests-')), 'browser.json');
const extraArgs = process.argv.slice(2);

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const browser = await run(
  process.execPath,
  ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.js', ...extraArgs],
  { CARE_RECORD_TEST_COUNTS: countsFile },
);
const browserCounts = existsSync(countsFile)
  ? JSON.parse(readFileSync(countsFile, 'utf8'))
  : { passed: 0, failed: 1, skipped: 0, fileErrors: 0 };

const nodeTests = existsSync('test/node')
  ? readdirSync('test/node').filter((file) => file.endsWith('.test.js')).map((file) => join('test/node', file))
  : [];
let nodeCounts = { passed: 0, failed: 0, skipped: 0 };
let nodeCode = 0;
if (nodeTests.length > 0 && extraArgs.length === 0) {
  const result = await run(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...nodeTests]);
  nodeCode = result.code;
  const count = (name) => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(result.output)?.[1] ?? 0);
  nodeCounts = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
}

const passed = browserCounts.passed + nodeCounts.passed;
const failed = browserCounts.failed + browserCounts.fileErrors + nodeCounts.failed;
const skipped = browserCounts.skipped + nodeCounts.skipped;
console.log(`\nbrowser: ${browserCounts.passed} passed, ${browserCounts.failed + browserCounts.fileErrors} failed; node: ${nodeCounts.passed} passed, ${nodeCounts.failed} failed`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(browser.code !== 0 || nodeCode !== 0 || failed > 0 ? 1 : 0);
