// `npm run bench`: measures what the library costs a vendor's page and prints a table with budgets
// marked met / not met; writes test/bench/results/results.json. `--size-only` (CI) measures sizes
// and exits non-zero when a size budget is exceeded.
//
// Only `--size-only` ever fails: sizes are deterministic, browser figures are not (they depend on the
// machine and whatever else runs on it). The full run prints every budget, browser ones included, and
// exits 0 whether they are met or not, so that the report is always produced. Browser benchmarks:
// ./browser.js (BENCH_ONLY=requests,render,memory runs some of them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSizes } from './size.js';

const here = dirname(fileURLToPath(import.meta.url));
const sizeOnly = process.argv.includes('--size-only');
const kB = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} kB`);

const results = { date: new Date().toISOString(), node: process.version };

console.log('\nSize (minified, gzip -9)');
const sizes = await measureSizes();
results.size = sizes;
console.table(sizes.rows.map((row) => ({ entry: row.name, min: kB(row.min), gzip: kB(row.gzip) })));
console.log('What each package contributes to the whole bundle (minified):');
console.table(sizes.dependencies.map((row) => ({ package: row.name, min: kB(row.minBytes) })));

const budgetRows = [...sizes.budgets.map((budget) => ({ budget: `${budget.name} ≤ ${kB(budget.limitGzip)} gzip`, measured: kB(budget.gzip), met: budget.met }))];

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
if (sizeOnly && failed.length > 0) process.exit(1);
