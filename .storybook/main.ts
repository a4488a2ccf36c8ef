import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', 'msw-storybook-addon'],
  // msw's worker must be served at the root of the preview.
  staticDirs: ['../packages/mocks/worker'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Our packages are consumed from source (their `development` export condition), as in tests.
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['development', 'browser', 'module', 'import', 'default'];
    return viteConfig;
  },
};

export default config;
