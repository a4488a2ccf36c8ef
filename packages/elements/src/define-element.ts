/**
 * Registers `ctor` as `tag` unless the tag is already defined (by us, or by a host that got there
 * first: the first definition stands). A class already registered under another name is registered
 * through a subclass, because the custom element registry accepts each constructor only once.
 *
 * Registration modules import this module rather than `define.ts`, so that importing one element
 * (`@care-record/elements/discharge-list.js`) does not pull in every other element's class.
 *
 * @returns the constructor now registered for `tag`.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): CustomElementConstructor {
  const existing = customElements.get(tag);
  if (existing) return existing;
  try {
    customElements.define(tag, ctor);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
    customElements.define(tag, class extends (ctor as new () => HTMLElement) {});
  }
  return customElements.get(tag)!;
}
