// @care-record/mocks for Node, from source, for the test and benchmark servers (the sandbox, a
// package of its own, bundles it the same way).
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The mocks module (msw stays external, so the caller's msw and middleware serve its handlers). */
export async function loadMocks() {
  const result = await build({
    entryPoints: [join(root, 'packages/mocks/src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    packages: 'external',
    alias: { '@care-record/fhir': join(root, 'packages/fhir/src/index.ts') },
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  // Inside node_modules so that its `msw` import resolves like any dependency's.
  const dir = join(root, 'node_modules/.cache/care-record-mocks');
  await mkdir(dir, { recursive: true });
  // Named by content: runs share one file per version of the mocks instead of leaving one each.
  const code = result.outputFiles[0].text;
  const file = join(dir, `mocks-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  await writeFile(file, code);
  return import(file);
}
