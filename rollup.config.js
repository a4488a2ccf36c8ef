// Builds every package as ES modules (dependencies external, one file per source module so that
// bundlers tree-shake what a vendor does not import) and the self-contained bundle for a plain
// <script type="module">. Lit's html``/css`` templates are minified in both (a JS minifier leaves
// template text alone). Types are emitted separately by tsc (scripts/build-types.js).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minifyLitTemplates } from './scripts/minify-lit-templates.js';

const root = dirname(fileURLToPath(import.meta.url));
/** In dependency order (scripts/build-types.js uses the same order). */
export const packages = ['fhir', 'auth', 'mocks', 'elements', 'react'];
const tsconfig = join(root, 'tsconfig.base.json');

/** Every top-level module of a package is an entry point: its index and its registration modules. */
function entryPoints(name) {
  const src = join(root, 'packages', name, 'src');
  return readdirSync(src)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.styles.ts'))
    .map((file) => join(src, file));
}

const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

const packageBuilds = packages.map((name) => ({
  input: entryPoints(name),
  external: isBareImport,
  plugins: [esbuild({ target: 'es2022', tsconfig }), minifyLitTemplates()],
  output: {
    dir: join(root, 'packages', name, 'dist'),
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: join(root, 'packages', name, 'src'),
    sourcemap: true,
  },
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    // Type-only modules (fhir-types.ts) compile to nothing: an empty module is what we want.
    if (warning.code === 'EMPTY_BUNDLE') return;
    warn(warning);
  },
}));

/** Our own packages come from source; everything else from node_modules in its production build. */
const workspaceSources = {
  name: 'care-record-workspace-sources',
  resolveId(id) {
    const match = /^@care-record\/(fhir|auth|elements)$/.exec(id);
    return match ? join(root, 'packages', match[1], 'src', 'index.ts') : null;
  },
};

const bundleEntry = join(root, 'packages/elements/src/bundle.ts');
export const bundleFile = join(root, 'packages/elements/dist/care-record-widgets.min.js');
const selfContainedBundle = existsSync(bundleEntry)
  ? [
      {
        input: bundleEntry,
        plugins: [
          workspaceSources,
          nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
          esbuild({ target: 'es2022', tsconfig, minify: true, legalComments: 'none' }),
          minifyLitTemplates(),
        ],
        output: {
          file: bundleFile,
          format: 'es',
          sourcemap: true,
          // One file for a <script> tag: lazily imported modules (the virtualizer's layouts) included.
          inlineDynamicImports: true,
        },
      },
    ]
  : [];

export default [...packageBuilds, ...selfContainedBundle];
