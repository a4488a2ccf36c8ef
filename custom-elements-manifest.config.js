// `npm run analyze` writes packages/elements/custom-elements.json from the elements' JSDoc
// (@tag, @summary, @fires, @csspart, @cssprop, @slot) and their Lit properties. The base class is
// analysed too, so every element lists what it inherits (heading-level, the shared parts and tokens,
// care-record-error). `node scripts/check-manifest.js` checks the committed file is current.
import { readFileSync } from 'node:fs';

const eventsModule = 'packages/elements/src/events.ts';

/**
 * Event classes and their names, read from the events module: `class CareRecordSelectEvent extends
 * CustomEvent<…> { static readonly eventName = 'care-record-select'; … }`.
 */
function eventClasses() {
  const source = readFileSync(eventsModule, 'utf8');
  const classes = new Map();
  for (const match of source.matchAll(/class (\w+) extends CustomEvent<[^{]*\{\s*static readonly eventName = '([^']+)'/g)) {
    classes.set(match[1], match[2]);
  }
  return classes;
}

/**
 * The analyser records `this.dispatchEvent(new CareRecordErrorEvent(…))` as a nameless event of type
 * CareRecordErrorEvent (or one named after the argument) beside the documented `@fires care-record-error`. This gives each event one
 * entry: its name, the description from `@fires`, and its class as the type (hosts and the React
 * wrappers type their listeners with it).
 */
function oneEntryPerEvent() {
  return {
    name: 'care-record-one-entry-per-event',
    packageLinkPhase({ customElementsManifest }) {
      const classes = eventClasses();
      const classOf = new Map([...classes].map(([className, name]) => [name, className]));
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.events) continue;
          const byName = new Map();
          for (const event of declaration.events) {
            // An event class names its event; the analyser may have taken a variable for the name.
            const name = classes.get(event.type?.text) ?? event.name;
            if (!name) continue;
            const entry = byName.get(name) ?? { name };
            if (event.description && !entry.description) entry.description = event.description;
            if (event.inheritedFrom && !entry.inheritedFrom) entry.inheritedFrom = event.inheritedFrom;
            byName.set(name, entry);
          }
          declaration.events = [...byName.values()].map((entry) => {
            const className = classOf.get(entry.name);
            const type = className
              ? { text: className, references: [{ name: className, package: '@care-record/elements', module: 'events.js' }] }
              : { text: 'CustomEvent' };
            return { name: entry.name, type, ...(entry.description ? { description: entry.description } : {}), ...(entry.inheritedFrom ? { inheritedFrom: entry.inheritedFrom } : {}) };
          });
        }
      }
    },
  };
}

export default {
  globs: ['packages/elements/src/components/**/*.ts', 'packages/elements/src/base/care-record-element.ts'],
  exclude: ['packages/elements/src/**/*.styles.ts'],
  outdir: 'packages/elements',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [oneEntryPerEvent()],
};
