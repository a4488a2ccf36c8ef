// What vendors install: each package built by `npm run build` (rollup, then scripts/build-types.js),
// resolved the way Node, bundlers and TypeScript resolve it, and packed with the files it promises.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { before, describe, it } from 'node:test';
import { build } from 'esbuild';
import ts from 'typescript';
import { expectedSideEffects, nonRegistrationModules } from '../../scripts/check-manifest.js';
import { buildPackages } from './support/vendor-host.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const elements = join(root, 'packages/elements');
const elementsPackage = JSON.parse(readFileSync(join(elements, 'package.json'), 'utf8'));
const topLevelModules = readdirSync(join(elements, 'src'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const registrationModules = topLevelModules.filter((name) => !nonRegistrationModules.includes(`${name}.ts`));
const fromRoot = (file) => relative(root, file);

before(async () => {
  await buildPackages();
  try {
    execFileSync(process.execPath, [join(root, 'scripts/build-types.js')], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    // A type error fails `npm run build` (CI's build step); the declarations are still written.
    console.error(String(error.stdout ?? error));
  }
});

describe('@care-record/elements subpaths', () => {
  it('resolve for Node to the built module', () => {
    for (const name of topLevelModules) {
      const resolved = fileURLToPath(import.meta.resolve(`@care-record/elements/${name}.js`, pathToFileURL(join(root, 'host.js')).href));
      assert.equal(fromRoot(resolved), `packages/elements/dist/${name}.js`);
      assert.ok(existsSync(resolved), `${name}.js is built`);
    }
  });

  it('resolve for bundlers to the built module, and to the source with the "development" condition', async () => {
    const inputs = async (conditions) => {
      const result = await build({
        stdin: { contents: topLevelModules.map((name) => `import '@care-record/elements/${name}.js';`).join('\n'), resolveDir: root, loader: 'js' },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        conditions,
        metafile: true,
        tsconfigRaw: {}, // not the repository's tsconfig.json, whose `paths` point at the sources
        external: ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'dompurify', 'oidc-client-ts', 'jwt-decode', '@care-record/fhir', '@care-record/auth'],
        logLevel: 'silent',
      });
      return Object.keys(result.metafile.inputs).map((input) => fromRoot(join(root, input)));
    };
    const production = await inputs([]);
    for (const name of topLevelModules) assert.ok(production.includes(`packages/elements/dist/${name}.js`), `${name}.js from dist`);
    assert.ok(production.every((input) => !input.startsWith('packages/elements/src/')), 'nothing from src');
    const development = await inputs(['development']);
    for (const name of topLevelModules) assert.ok(development.includes(`packages/elements/src/${name}.ts`), `${name}.ts from src`);
  });

  it("resolve for TypeScript to the module's declarations (bundler and NodeNext resolution)", () => {
    const importer = join(root, 'host.ts');
    for (const moduleResolution of [ts.ModuleResolutionKind.Bundler, ts.ModuleResolutionKind.NodeNext]) {
      const options = { moduleResolution, module: moduleResolution === ts.ModuleResolutionKind.Bundler ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext };
      for (const name of topLevelModules) {
        const { resolvedModule } = ts.resolveModuleName(`@care-record/elements/${name}.js`, importer, options, ts.sys, undefined, undefined, ts.ModuleKind.ESNext);
        assert.equal(resolvedModule && fromRoot(resolvedModule.resolvedFileName), `packages/elements/dist/${name}.d.ts`);
      }
    }
  });

  it('give the self-contained bundle, the themes and custom-elements.json their own paths', () => {
    const from = pathToFileURL(join(root, 'host.js')).href;
    assert.equal(fromRoot(fileURLToPath(import.meta.resolve('@care-record/elements/care-record-widgets.min.js', from))), 'packages/elements/dist/care-record-widgets.min.js');
    assert.equal(fromRoot(fileURLToPath(import.meta.resolve('@care-record/elements/custom-elements.json', from))), 'packages/elements/custom-elements.json');
    for (const theme of readdirSync(join(elements, 'themes'))) {
      assert.equal(fromRoot(fileURLToPath(import.meta.resolve(`@care-record/elements/themes/${theme}`, from))), `packages/elements/themes/${theme}`);
    }
  });
});

describe('@care-record/elements/localisation.js', () => {
  it('brings the English strings without the elements or lit (a translation tool can import it alone)', async () => {
    const result = await build({
      stdin: { contents: "export * from '@care-record/elements/localisation.js';", resolveDir: root, loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      minify: true,
      tsconfigRaw: {},
      external: ['lit', 'lit/*', '@lit/*', '@lit-labs/*', 'dompurify', 'oidc-client-ts', 'jwt-decode', '@care-record/fhir', '@care-record/auth'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => fromRoot(join(root, input)));
    const elementModules = inputs.filter((input) => /\/components\/[^/]+\.js$/.test(input) && !input.endsWith('.strings.js'));
    assert.deepEqual(elementModules, [], 'no element module');
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
    assert.ok(!imports.some((path) => path === 'lit' || path.startsWith('lit/') || path.startsWith('@lit')), `no lit import: ${imports.join(', ')}`);
    assert.ok(inputs.includes('packages/elements/dist/components/allergy-list.strings.js'), 'the strings modules');
  });
});

describe('@care-record/elements package.json', () => {
  it('names the registration modules (and the bundle and themes) as its only side effects', () => {
    assert.deepEqual(elementsPackage.sideEffects, expectedSideEffects());
    for (const name of ['index', 'define', 'define-element', 'events', 'strings', 'localisation', 'smart-style']) {
      assert.ok(!elementsPackage.sideEffects.some((entry) => entry.endsWith(`/${name}.js`) || entry.endsWith(`/${name}.ts`)), `${name} has no side effects`);
    }
    assert.ok(registrationModules.includes('discharge-list') && registrationModules.includes('bundle'));
  });

  it('declares its custom elements manifest', () => {
    assert.equal(elementsPackage.customElements, 'custom-elements.json');
  });

  it('packs the builds, types, sources, themes and manifest, and no tests or stories', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', 'packages/elements'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const files = pack.files.map((file) => file.path);
    for (const expected of ['custom-elements.json', 'dist/care-record-widgets.min.js', 'dist/index.js', 'dist/index.d.ts', 'dist/discharge-list.js', 'dist/discharge-list.d.ts', 'src/discharge-list.ts', 'themes/nhs.css', 'themes/vendor-example.css']) {
      assert.ok(files.includes(expected), `${expected} is packed`);
    }
    assert.ok(files.every((file) => !/(^|\/)(test|stories)\//.test(file) && !file.endsWith('.test.ts')));
  });
});

describe('element classes', () => {
  it('never register themselves: only registration modules call defineElement', () => {
    const componentsDir = join(elements, 'src/components');
    const offenders = readdirSync(componentsDir, { recursive: true })
      .filter((file) => String(file).endsWith('.ts'))
      .filter((file) => /customElements\.define\(|defineElement\(|@customElement\(/.test(readFileSync(join(componentsDir, String(file)), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});

describe('@care-record/react', () => {
  it('resolves to its build and declarations', () => {
    const from = pathToFileURL(join(root, 'host.js')).href;
    assert.equal(fromRoot(fileURLToPath(import.meta.resolve('@care-record/react', from))), 'packages/react/dist/index.js');
    const { resolvedModule } = ts.resolveModuleName('@care-record/react', join(root, 'host.ts'), { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext }, ts.sys);
    assert.equal(resolvedModule && fromRoot(resolvedModule.resolvedFileName), 'packages/react/dist/index.d.ts');
  });

  it('keeps react, lit and the elements out of its build', () => {
    const code = readFileSync(join(root, 'packages/react/dist/index.js'), 'utf8');
    assert.match(code, /from ['"]react['"]/);
    assert.match(code, /from ['"]@lit\/react['"]/);
    assert.match(code, /from ['"]@care-record\/elements\/discharge-list\.js['"]/);
  });
});
