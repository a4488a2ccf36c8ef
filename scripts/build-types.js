// Emits .d.ts for each package in dependency order, so that a package's imports of its siblings
// resolve through their published `types` (dist), exactly as a vendor's compiler will see them.
//
// Types are emitted for what rollup builds: the package's top-level modules (its index and, for
// elements, each registration module) and everything they import. A module nothing imports is not
// published, so it gets no types either (and a half-written one does not stop the build).
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packages } from '../rollup.config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const only = process.argv.slice(2);

for (const name of packages) {
  if (only.length > 0 && !only.includes(name)) continue;
  const packageDir = join(root, 'packages', name);
  const entries = readdirSync(join(packageDir, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.styles.ts'))
    .map((file) => `src/${file}`);
  // tsc cannot take both a project and a file list: a throwaway project beside the package's one.
  const project = join(packageDir, `.tsconfig.types.json`);
  writeFileSync(project, JSON.stringify({ extends: './tsconfig.build.json', include: [], files: entries }, null, 2));
  try {
    console.log(`types: @care-record/${name}`);
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(project, { force: true });
  }
}
