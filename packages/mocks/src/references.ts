import type { Reference } from '@care-record/fhir';
import { isJsonObject, type JsonObject } from './json.js';

/** The parts of a literal reference: `Patient/1`, `https://x/R4/Patient/1/_history/2`. */
export interface ParsedReference {
  type: string;
  id: string;
  /** Service base of an absolute reference (`https://x/R4`), undefined for relative ones. */
  base?: string;
  version?: string;
}

// FHIR ids: [A-Za-z0-9\-\.]{1,64}; resource types start with a capital letter.
const LITERAL_REFERENCE = /^(?:(.*)\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/;

/** Parses a literal reference; undefined for contained (`#x`), `urn:` and conditional (`Type?…`) references. */
export function parseReference(reference: string | undefined): ParsedReference | undefined {
  if (!reference || reference.startsWith('#') || reference.startsWith('urn:') || reference.includes('?')) return undefined;
  const match = LITERAL_REFERENCE.exec(reference);
  if (!match) return undefined;
  const [, base, type, id, version] = match;
  return { type: type!, id: id!, base: base || undefined, version };
}

/** `Type/id` key of a literal reference, ignoring its base and version. */
export function referenceKey(reference: string | undefined): string | undefined {
  const parsed = parseReference(reference);
  return parsed ? `${parsed.type}/${parsed.id}` : undefined;
}

export interface VisitOptions {
  /** Also visit references inside `contained` resources (default false). */
  includeContained?: boolean;
}

/**
 * Calls `visit` for every Reference-shaped object (an object with a string `reference`) in `value`,
 * with the name of the element that holds it (`subject`, `result`, `entry`…).
 */
export function visitReferences(
  value: unknown,
  visit: (reference: Reference, element: string) => void,
  options: VisitOptions = {},
  element = '',
): void {
  if (Array.isArray(value)) {
    for (const item of value) visitReferences(item, visit, options, element);
    return;
  }
  if (!isJsonObject(value)) return;
  if (typeof value.reference === 'string') visit(value as Reference, element);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'contained' && !options.includeContained) continue;
    if (typeof child === 'object' && child !== null) visitReferences(child, visit, options, key);
  }
}

/** All Reference objects found under elements named `name` (at any depth, outside contained resources). */
export function referencesInElement(resource: JsonObject, names: readonly string[]): Reference[] {
  const found: Reference[] = [];
  const walk = (value: unknown, inside: boolean): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, inside);
      return;
    }
    if (!isJsonObject(value)) return;
    if (inside && typeof value.reference === 'string') found.push(value as Reference);
    for (const [key, child] of Object.entries(value)) {
      if (key === 'contained') continue;
      if (typeof child === 'object' && child !== null) walk(child, inside || names.includes(key));
    }
  };
  walk(resource, false);
  return found;
}
