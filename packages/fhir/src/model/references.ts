import type { Bundle, FhirResource, Reference } from '../fhir-types.js';

/**
 * Finds the resource a reference points to: contained (`#id`, needs `from`), a Bundle entry's fullUrl
 * (`urn:uuid:…` in documents and messages), relative (`Type/id`) or absolute (`…/Type/id`). The same shape
 * as the client's `SearchResult.resolve`, so either can be passed to the models.
 */
export type ResourceLookup = (reference: Reference | string | undefined, from?: FhirResource) => FhirResource | undefined;

const TYPED = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** Type and id named by a reference string (`Type/id`, `…/Type/id`, `urn:uuid:id`, a bare id); contained refs give none. */
export function referenceParts(reference: string | undefined): { type?: string; id?: string } {
  if (!reference || reference.startsWith('#')) return {};
  // Most references are relative: one anchored match, which gives what TYPED would.
  const relative = RELATIVE.exec(reference);
  if (relative) return { type: relative[1], id: relative[2] };
  const uuid = /^urn:(?:uuid|oid):(.+)$/.exec(reference);
  if (uuid) return { id: uuid[1] };
  const typed = TYPED.exec(reference.split('?')[0]);
  if (typed) return { type: typed[1], id: typed[2] };
  // Some senders write a bare id (UK Core's DiagnosticReport example does): accept it as an id.
  return /^[A-Za-z0-9\-.]{1,64}$/.test(reference) ? { id: reference } : {};
}

export function referenceString(reference: Reference | string | undefined): string | undefined {
  return typeof reference === 'string' ? reference : reference?.reference;
}

/** `Type/id` of a resource, or undefined when it has no id (e.g. entries of EPS message bundles). */
export function referenceTo(resource: FhirResource | undefined): string | undefined {
  return resource?.id ? `${resource.resourceType}/${resource.id}` : undefined;
}

/**
 * True when `reference` points at `resource` — by `Type/id`, an absolute URL ending so, or a
 * `urn:uuid:` equal to its id (Synthea and document bundles use the id as the uuid).
 */
export function referencesResource(reference: Reference | string | undefined, resource: FhirResource): boolean {
  const ref = referenceString(reference);
  if (!ref || !resource.id) return false;
  const { type, id } = referenceParts(ref);
  if (id !== resource.id) return false;
  const declared = typeof reference === 'object' ? reference.type : undefined;
  return (type ?? declared ?? resource.resourceType) === resource.resourceType;
}

function* walk(source: FhirResource | Bundle, fullUrl?: string): Generator<[FhirResource, string | undefined]> {
  yield [source, fullUrl];
  if (source.resourceType === 'Bundle') {
    for (const entry of source.entry ?? []) if (entry.resource) yield* walk(entry.resource, entry.fullUrl);
  }
}

/**
 * A lookup over the given resources and bundles (entries indexed by fullUrl too). `fallback` is asked
 * when nothing here matches — e.g. a search result's `resolve`.
 */
export function createResourceLookup(sources: Array<FhirResource | Bundle> | Bundle, fallback?: ResourceLookup): ResourceLookup {
  const byKey = new Map<string, FhirResource>();
  const byId = new Map<string, FhirResource>();
  for (const source of Array.isArray(sources) ? sources : [sources]) {
    for (const [resource, fullUrl] of walk(source)) {
      if (fullUrl && !byKey.has(fullUrl)) byKey.set(fullUrl, resource);
      if (resource.id) {
        const key = `${resource.resourceType}/${resource.id}`;
        if (!byKey.has(key)) byKey.set(key, resource);
        if (!byId.has(resource.id)) byId.set(resource.id, resource);
      }
    }
  }
  return (reference, from) => {
    const ref = referenceString(reference);
    if (ref?.startsWith('#')) {
      const id = ref.slice(1);
      if (!id) return from;
      const contained = (from as { contained?: FhirResource[] } | undefined)?.contained?.find((r) => r.id === id);
      return contained ?? fallback?.(reference, from);
    }
    if (ref) {
      const exact = byKey.get(ref);
      if (exact) return exact;
      const { type, id } = referenceParts(ref);
      const found = id ? (type ? byKey.get(`${type}/${id}`) : byId.get(id)) : undefined;
      if (found) return found;
    }
    return fallback?.(reference, from);
  };
}

/** Resolves with `lookup` when given, otherwise only contained references of `from`. */
export function resolveWith(lookup: ResourceLookup | undefined, reference: Reference | string | undefined, from?: FhirResource): FhirResource | undefined {
  if (!reference) return undefined;
  if (lookup) return lookup(reference, from);
  const ref = referenceString(reference);
  if (ref?.startsWith('#') && from) return (from as { contained?: FhirResource[] }).contained?.find((r) => r.id === ref.slice(1));
  return undefined;
}
