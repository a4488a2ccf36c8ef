// Checks what is generated from the elements' sources is current and complete:
// - packages/elements/custom-elements.json equals a fresh `cem analyze` (and, in a git work tree,
//   what `npm run build` just wrote is what is committed);
// - every element `defineCareRecordElements` registers has a manifest entry with its tag, summary,
//   events and CSS parts;
// - packages/react/src/index.ts equals a fresh `node scripts/generate-react.js`;
// - packages/elements/package.json `sideEffects` names exactly the registration modules.
//
//   node scripts/check-manifest.js         check (CI runs it after the build)
//   node scripts/check-manifest.js --fix   rewrite all three, then check
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { generateReactIndex, reactIndexFile, registeredElements } from './generate-react.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const manifestFile = join(root, 'packages/elements/custom-elements.json');
const elementsPackageFile = join(root, 'packages/elements/package.json');
const elementsSrc = join(root, 'packages/elements/src');

/** Top-level modules of @care-record/elements that register nothing. Every other one registers elements. */
export const nonRegistrationModules = ['index.ts', 'define.ts', 'define-element.ts', 'events.ts', 'strings.ts', 'localisation.ts', 'smart-style.ts'];

/** The manifest as `npm run analyze` would write it now. */
export async function freshManifest() {
  const manifest = await cli({ argv: ['analyze', '--config', 'custom-elements-manifest.config.js', '--quiet'], cwd: root, noWrite: true });
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `sideEffects` of @care-record/elements: the registration modules (source and build), the bundle, the themes. */
export function expectedSideEffects() {
  const registration = readdirSync(elementsSrc)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !nonRegistrationModules.includes(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  return [
    ...registration.flatMap((name) => [`./src/${name}.ts`, `./dist/${name}.js`]),
    './dist/care-record-widgets.min.js',
    './themes/*.css',
  ];
}

/** Problems with the manifest's entries for the registered elements (an empty list when complete). */
export function manifestProblems(manifestText) {
  const manifest = JSON.parse(manifestText);
  const byTag = new Map();
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) if (declaration.tagName) byTag.set(declaration.tagName, declaration);
  }
  const problems = [];
  for (const { tag, className } of registeredElements()) {
    const declaration = byTag.get(tag);
    if (!declaration) {
      problems.push(`<${tag}> (${className}) has no entry: give the class a JSDoc @tag ${tag}.`);
      continue;
    }
    if (!declaration.summary) problems.push(`<${tag}> has no @summary.`);
    if (!(declaration.events ?? []).some((event) => event.name)) problems.push(`<${tag}> lists no events (@fires).`);
    if (!(declaration.cssParts ?? []).length) problems.push(`<${tag}> lists no CSS parts (@csspart).`);
  }
  return problems;
}

function differsFromGit(file) {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', relative(root, file)], { cwd: root, stdio: 'ignore' });
  } catch {
    return false; // not a git work tree, or not committed yet (the first check reports a missing file)
  }
  try {
    execFileSync('git', ['diff', '--quiet', '--', relative(root, file)], { cwd: root, stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fix = process.argv.includes('--fix');
  const problems = [];
  const manifest = await freshManifest();
  if (fix) writeFileSync(manifestFile, manifest);
  if (readOrEmpty(manifestFile) !== manifest) {
    problems.push('packages/elements/custom-elements.json is not current: run `npm run analyze` (or this script with --fix).');
  } else if (differsFromGit(manifestFile)) {
    problems.push('packages/elements/custom-elements.json changed when regenerated: commit the regenerated file.');
  }
  problems.push(...manifestProblems(manifest));

  let react;
  try {
    react = generateReactIndex();
  } catch (error) {
    problems.push(error.message);
  }
  if (react !== undefined) {
    if (fix) writeFileSync(reactIndexFile, react);
    if (readOrEmpty(reactIndexFile) !== react) problems.push('packages/react/src/index.ts is not current: run `node scripts/generate-react.js` (or this script with --fix).');
  }

  const elementsPackage = JSON.parse(readFileSync(elementsPackageFile, 'utf8'));
  const sideEffects = expectedSideEffects();
  if (JSON.stringify(elementsPackage.sideEffects) !== JSON.stringify(sideEffects)) {
    if (fix) {
      elementsPackage.sideEffects = sideEffects;
      writeFileSync(elementsPackageFile, `${JSON.stringify(elementsPackage, null, 2)}\n`);
    } else {
      problems.push(`packages/elements/package.json "sideEffects" must name the registration modules: ${JSON.stringify(sideEffects)} (or run this script with --fix).`);
    }
  }

  if (problems.length > 0) {
    console.error(problems.map((problem) => `✗ ${problem}`).join('\n'));
    process.exit(1);
  }
  console.log('custom-elements.json, the React wrappers and the sideEffects list are current and complete.');
}
