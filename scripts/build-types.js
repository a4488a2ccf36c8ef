// Emits .d.ts for each package in dependency order, so that a package's imports of its siblings
// resolve through their published `types` (dist), exactly as a vendor's compiler will see them.
import { execFileSync } from 'node:child_process';

const order = ['fhir', 'auth', 'mocks', 'elements'];
for (const name of order) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `packages/${name}/tsconfig.build.json`], {
    stdio: 'inherit',
  });
}
