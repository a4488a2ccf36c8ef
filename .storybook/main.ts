import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const here = dirname(fileURLToPath(import.meta.url));
// Real fixture bundles (shared/ beside the clone): "real data" stories read them under /fixtures.
const sharedFixtures = join(here, '..', '..', 'shared', 'fixtures', 'fhir');

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', 'msw-storybook-addon'],
  // msw's worker must be served at the root of the preview.
  staticDirs: ['../packages/mocks/worker', ...(existsSync(sharedFixtures) ? [{ from: sharedFixtures, to: '/fixtures' }] : [])],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Our packages are consumed from source (their `development` export condition), as in tests.
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['development', 'browser', 'module', 'import', 'default'];
    return viteConfig;
  },
};

export default config;
