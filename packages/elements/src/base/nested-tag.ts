import { unsafeStatic } from 'lit/static-html.js';
import type { StaticValue } from 'lit/static-html.js';

const found = new WeakMap<CustomElementConstructor, StaticValue>();

/**
 * The name `ctor` is registered under, or `defaultTag` if an element is registered under that (in a
 * browser without `customElements.getName`); undefined while neither is registered.
 */
export function registeredTag(ctor: CustomElementConstructor, defaultTag: string): string | undefined {
  return nameOf(ctor) ?? (customElements.get(defaultTag) ? defaultTag : undefined);
}

function nameOf(ctor: CustomElementConstructor): string | null {
  return typeof customElements.getName === 'function' ? customElements.getName(ctor) : null;
}

/**
 * The tag to render one of our elements inside another (`<discharge-summary>` inside
 * `<discharge-list>`), for `html` from `lit/static-html.js`: the name `ctor` is registered under.
 * A vendor who registers everything under a prefix (`defineCareRecordElements({ prefix: 'acme' })`)
 * has no `discharge-summary`, only `acme-discharge-summary`, so a literal tag would stay an empty
 * unknown element. `defaultTag` serves until the class is registered.
 */
export function nestedTag(ctor: CustomElementConstructor, defaultTag: string): StaticValue {
  const known = found.get(ctor);
  if (known) return known;
  const name = nameOf(ctor);
  if (!name) return unsafeStatic(defaultTag);
  const value = unsafeStatic(name);
  found.set(ctor, value);
  return value;
}
