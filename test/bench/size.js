// Size benchmark: minified and gzip bytes of the self-contained bundle, of each element's ES entry
// (its registration module with everything it imports, tree-shaken, as a vendor's bundler would
// build one import), and what each dependency contributes to the whole bundle.
//
// `min`/`gzip` are everything an entry can ever run, in one file (a bundler without code splitting).
// `split` is the same entry built with code splitting: `initial` what the page loads at once, `lazy`
// each chunk loaded by import() only when needed (oidc-client-ts: only for OpenID Connect sign-in).
// Lazy bytes are reported, never dropped. `node test/bench/size.js` prints this table alone.
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

const buildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  legalComments: 'none',
  // Production builds of Lit and friends: the `development` condition is for tests only.
  conditions: ['browser', 'production'],
  alias: workspaceAliases,
  tsconfig: join(root, 'tsconfig.base.json'),
  absWorkingDir: root,
  logLevel: 'silent',
};

const sizeOf = (code) => ({ min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength });

async function bundle(entry, { metafile = false } = {}) {
  const result = await build({ ...buildOptions, entryPoints: [entry], outfile: join(root, 'test/bench/results/bundle.js'), metafile });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).contents;
  return { ...sizeOf(code), metafile: result.metafile };
}

/**
 * `entry` built with code splitting: what loads at once (the entry and the chunks it imports
 * statically) and each chunk only loaded by import(), with the packages that make it up.
 */
async function splitBundle(entry) {
  const { outputFiles, metafile } = await build({ ...buildOptions, entryPoints: [entry], splitting: true, outdir: join(root, 'test/bench/results/split'), metafile: true });
  const files = new Map(outputFiles.map((file) => [relative(root, file.path), file.contents]));
  const reachable = (starts, kinds, skip = new Set()) => {
    const seen = new Set();
    const pending = [...starts];
    while (pending.length) {
      const output = pending.pop();
      if (seen.has(output) || skip.has(output) || !metafile.outputs[output]) continue;
      seen.add(output);
      for (const { path, kind } of metafile.outputs[output].imports) if (kinds.includes(kind)) pending.push(path);
    }
    return seen;
  };
  const entryOutput = Object.keys(metafile.outputs).find((output) => metafile.outputs[output].entryPoint);
  const initial = reachable([entryOutput], ['import-statement']);
  const imported = [...initial].flatMap((output) => metafile.outputs[output].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
  const lazy = reachable(imported, ['import-statement', 'dynamic-import'], initial);
  const total = (outputs) =>
    [...outputs].map((output) => sizeOf(files.get(output))).reduce((sum, size) => ({ min: sum.min + size.min, gzip: sum.gzip + size.gzip }), { min: 0, gzip: 0 });
  return {
    initial: total(initial),
    lazy: [...lazy].map((output) => ({ ...sizeOf(files.get(output)), packages: packagesIn(metafile.outputs[output]) })).sort((a, b) => b.min - a.min),
  };
}

/** The packages in one output, largest first. */
function packagesIn(output) {
  const bytes = {};
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) bytes[packageOf(file)] = (bytes[packageOf(file)] ?? 0) + bytesInOutput;
  return Object.entries(bytes)
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name);
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
    rows.push({ name: file.replace(/\.ts$/, ''), min, gzip, split: await splitBundle(join(elementsSrc, file)) });
  }
  // The auth package alone: a host using its sessions without our elements.
  const authEntry = join(root, 'packages/auth/src/index.ts');
  const auth = await bundle(authEntry);
  rows.push({ name: '@care-record/auth', min: auth.min, gzip: auth.gzip, split: await splitBundle(authEntry) });

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

/** One line per entry: whole, initial and lazy sizes (kB, minified / gzip). */
export function sizeTable(rows) {
  const kB = (bytes) => `${(bytes / 1024).toFixed(1)}`;
  return rows.map((row) => ({
    entry: row.name,
    'whole min/gz kB': `${kB(row.min)} / ${kB(row.gzip)}`,
    'initial min/gz kB': row.split ? `${kB(row.split.initial.min)} / ${kB(row.split.initial.gzip)}` : '(one file)',
    'lazy chunks min/gz kB': row.split?.lazy.length ? row.split.lazy.map((chunk) => `${kB(chunk.min)} / ${kB(chunk.gzip)} (${chunk.packages.slice(0, 2).join(', ')})`).join('; ') : '—',
  }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, dependencies } = await measureSizes();
  console.table(sizeTable(rows));
  console.table(dependencies.slice(0, 8).map((row) => ({ package: row.name, 'min kB': (row.minBytes / 1024).toFixed(1) })));
}
