// `npm run bench`: measures what the library costs a vendor's page and prints a table with budgets
// marked met / not met; writes test/bench/results/results.json. `--size-only` (CI) measures sizes
// and exits non-zero when an entry grows past its ceiling in size-ceilings.json.
//
// Two kinds of size limit: the targets (whole bundle ≤ 60 kB gzip, <discharge-list> ≤ 45 kB)
// are reported as met / not met; the ceilings (each entry's size when they were last set, plus 4%)
// stop growth in CI while the targets are not met. `--update-ceilings` sets them from this build:
// only do that for growth someone has agreed to, and say so in the commit.
//
// Only `--size-only` ever fails: sizes are deterministic, browser figures are not (they depend on the
// machine and whatever else runs on it). The full run prints every budget, browser ones included, and
// exits 0 whether they are met or not, so that the report is always produced. Browser benchmarks:
// ./browser.js (BENCH_ONLY=requests,render,memory runs some of them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { measureSizes, sizeTable } from './size.js';

const here = dirname(fileURLToPath(import.meta.url));
const sizeOnly = process.argv.includes('--size-only');
const kB = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} kB`);

const results = { date: new Date().toISOString(), node: process.version };

console.log('\nSize (minified, gzip -9)');
const sizes = await measureSizes();
results.size = sizes;
console.table(sizeTable(sizes.rows));
console.log('What each package contributes to the whole bundle (minified):');
console.table(sizes.dependencies.map((row) => ({ package: row.name, min: kB(row.minBytes) })));

const budgetRows = [...sizes.budgets.map((budget) => ({ budget: `${budget.name} ≤ ${kB(budget.limitGzip)} gzip (target)`, measured: kB(budget.gzip), met: budget.met, target: true }))];

// Ceilings: no entry may grow past the size recorded for it (CI fails on these).
const ceilingsFile = join(here, 'size-ceilings.json');
const HEADROOM = 1.04;
if (process.argv.includes('--update-ceilings')) {
  const gzip = Object.fromEntries(sizes.rows.map((row) => [row.name, Math.ceil((row.gzip * HEADROOM) / 100) * 100]));
  const note = 'Each entry\'s gzip bytes when last set, plus 4%. `npm run bench:size` fails past these. Set with `node test/bench/run.js --size-only --update-ceilings`.';
  writeFileSync(ceilingsFile, `${JSON.stringify({ note, set: new Date().toISOString().slice(0, 10), gzip }, null, 2)}\n`);
  console.log(`Ceilings written to ${ceilingsFile}.`);
}
const ceilings = existsSync(ceilingsFile) ? JSON.parse(readFileSync(ceilingsFile, 'utf8')).gzip : {};
const overCeiling = sizes.rows.filter((row) => ceilings[row.name] !== undefined && row.gzip > ceilings[row.name]);
const unlisted = sizes.rows.filter((row) => ceilings[row.name] === undefined);
budgetRows.push({
  budget: `Every entry within its ceiling (size-ceilings.json, ${Object.keys(ceilings).length} entries)`,
  measured: overCeiling.length
    ? overCeiling.map((row) => `${row.name} ${kB(row.gzip)} > ${kB(ceilings[row.name])}`).join('; ')
    : unlisted.length
      ? `no ceiling for ${unlisted.map((row) => row.name).join(', ')}`
      : 'all within',
  met: overCeiling.length === 0 && unlisted.length === 0,
});
results.sizeCeilings = ceilings;

if (!sizeOnly) {
  const { measureBrowser } = await import('./browser.js');
  try {
    const browser = await measureBrowser();
    results.browser = browser;
    budgetRows.push(...browser.budgets);
  } catch (error) {
    // Still write the report (sizes, and why the browser figures are missing).
    console.error('\nBrowser benchmarks failed:', error);
    results.browser = { error: String(error?.stack ?? error) };
    budgetRows.push({ budget: 'Browser benchmarks completed', measured: String(error?.message ?? error), met: false });
  }
}

console.log('\nBudgets');
console.table(budgetRows.map((row) => ({ ...row, met: row.met ? 'met' : 'NOT MET' })));

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', sizeOnly ? 'size.json' : 'results.json'), `${JSON.stringify({ ...results, budgets: budgetRows }, null, 2)}\n`);

const failed = budgetRows.filter((row) => !row.met);
if (failed.length > 0) console.error(`\n${failed.length} budget(s) not met.`);
// CI: the ceilings fail the build; the targets are reported (they are not met yet: see the benchmark issue).
const failedLimits = failed.filter((row) => !row.target);
if (sizeOnly && failedLimits.length > 0) {
  console.error(`Size grew past a ceiling: ${failedLimits.map((row) => row.measured).join('; ')}`);
  process.exit(1);
}
