// Size benchmark: minified and gzip bytes of the self-contained bundle, of each element's ES entry
// (its registration module with everything it imports, tree-shaken, as a vendor's bundler would
// build one import), and what each dependency contributes to the whole bundle.
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const elementsSrc = join(root, 'packages/elements/src');

/** Budgets in gzip bytes (issue: benchmarks). */
export const sizeBudgets = {
  'care-record-widgets.min.js (everything)': 60 * 1024,
  'discharge-list': 45 * 1024,
};

const workspaceAliases = {
  '@care-record/fhir': join(root, 'packages/fhir/src/index.ts'),
  '@care-record/auth': join(root, 'packages/auth/src/index.ts'),
  '@care-record/elements': join(root, 'packages/elements/src/index.ts'),
};

async function bundle(entry, { metafile = false } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outfile: join(root, 'test/bench/results/bundle.js'),
    metafile,
    legalComments: 'none',
    // Production builds of Lit and friends: the `development` condition is for tests only.
    conditions: ['browser', 'production'],
    alias: workspaceAliases,
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, metafile: result.metafile };
}

/** Which package a bundled input file belongs to (node_modules package, or our own package). */
function packageOf(file) {
  const nodeModules = file.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = file.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = /packages\/([^/]+)\//.exec(file);
  return ours ? `@care-record/${ours[1]}` : file;
}

export async function measureSizes() {
  const rows = [];
  const everything = await bundle(join(elementsSrc, 'bundle.ts'), { metafile: true });
  rows.push({ name: 'care-record-widgets.min.js (everything)', min: everything.min, gzip: everything.gzip });

  // Registration modules are the top-level files that register a tag (`defineElement(`): one import each.
  const registrationModules = readdirSync(elementsSrc)
    .filter((file) => file.endsWith('.ts') && file !== 'bundle.ts' && readFileSync(join(elementsSrc, file), 'utf8').includes('defineElement('))
    .filter((file) => !['define.ts', 'define-element.ts'].includes(file))
    .sort();
  for (const file of registrationModules) {
    const { min, gzip } = await bundle(join(elementsSrc, file));
    rows.push({ name: file.replace(/\.ts$/, ''), min, gzip });
  }

  // Contribution of each package to the whole bundle: bytes of its code in the minified output.
  const output = Object.values(everything.metafile.outputs).find((entry) => entry.entryPoint);
  const contributions = {};
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(relative(root, file));
    contributions[name] = (contributions[name] ?? 0) + bytesInOutput;
  }
  const dependencies = Object.entries(contributions)
    .map(([name, bytes]) => ({ name, minBytes: bytes }))
    .sort((a, b) => b.minBytes - a.minBytes);

  const budgets = Object.entries(sizeBudgets).map(([name, limit]) => {
    const row = rows.find((candidate) => candidate.name === name);
    return { name, limitGzip: limit, gzip: row?.gzip, met: row !== undefined && row.gzip <= limit };
  });
  return { rows, dependencies, budgets };
}
