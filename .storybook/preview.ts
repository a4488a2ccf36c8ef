import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import manifest from '../packages/elements/custom-elements.json';

interface ManifestMember {
  name?: string;
  privacy?: string;
  static?: boolean;
}

/**
 * Docs pages are generated from custom-elements.json (`npm run analyze`). They show what a vendor
 * uses: attributes, public properties, events, slots, CSS parts and custom properties; not the
 * private and protected members or statics that the manifest also records.
 */
function publicApi(source: unknown): unknown {
  const copy = structuredClone(source) as { modules?: Array<{ declarations?: Array<{ members?: ManifestMember[] }> }> };
  for (const module of copy.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.members) continue;
      declaration.members = declaration.members.filter(
        (member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !member.name?.startsWith('#') && !member.name?.startsWith('_'),
      );
    }
  }
  return copy;
}

setCustomElementsManifest(publicApi(manifest));

const preview: Preview = {
  // Every widget gets a docs page from the manifest.
  tags: ['autodocs'],
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
      return worker;
    }),
  ],
  parameters: {
    layout: 'padded',
    a11y: { test: 'error' },
    controls: { expanded: true },
    docs: { toc: true },
    options: { storySort: { order: ['Introduction', 'Guides', 'Widgets', '*'] } },
  },
};

export default preview;
