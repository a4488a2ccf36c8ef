import type { Bundle, BundleEntry, FhirResource, Identifier, Reference } from '@care-record/fhir';
import { cloneJson, isJsonObject, randomId } from './json.js';
import { parseReference, visitReferences } from './references.js';

/**
 * An in-memory FHIR server's store: resources by type and id, plus the ids that were deleted
 * (served as 410 Gone). Built by {@link indexResources}; {@link createFhirHandlers} searches it.
 */
export class ResourceIndex {
  private readonly byType = new Map<string, Map<string, FhirResource>>();
  private readonly deleted = new Set<string>();

  /** Adds or replaces a resource (it needs `resourceType` and `id`); a deleted id comes back to life. */
  add(resource: FhirResource): void {
    if (!resource.id) throw new TypeError(`Cannot index a ${resource.resourceType} without an id`);
    let ofType = this.byType.get(resource.resourceType);
    if (!ofType) this.byType.set(resource.resourceType, (ofType = new Map()));
    ofType.set(resource.id, resource);
    this.deleted.delete(`${resource.resourceType}/${resource.id}`);
  }

  /** Deletes a resource: reads of it then answer 410 Gone. */
  remove(type: string, id: string): void {
    this.byType.get(type)?.delete(id);
    this.deleted.add(`${type}/${id}`);
  }

  get<T extends FhirResource = FhirResource>(type: string, id: string): T | undefined {
    return this.byType.get(type)?.get(id) as T | undefined;
  }

  isDeleted(type: string, id: string): boolean {
    return this.deleted.has(`${type}/${id}`);
  }

  /** Resources of one type, in the order they were first indexed. */
  ofType<T extends FhirResource = FhirResource>(type: string): T[] {
    return [...(this.byType.get(type)?.values() ?? [])] as T[];
  }

  /** Resource types that hold at least one resource. */
  types(): string[] {
    return [...this.byType.entries()].filter(([, map]) => map.size > 0).map(([type]) => type);
  }

  all(): FhirResource[] {
    return [...this.byType.values()].flatMap((map) => [...map.values()]);
  }

  get size(): number {
    let n = 0;
    for (const map of this.byType.values()) n += map.size;
    return n;
  }

  /** The resource a literal reference (relative, or absolute on any base) points to. */
  resolve<T extends FhirResource = FhirResource>(reference: Reference | string | undefined): T | undefined {
    const parsed = parseReference(typeof reference === 'string' ? reference : reference?.reference);
    return parsed ? this.get<T>(parsed.type, parsed.id) : undefined;
  }
}

interface LoadedBundle {
  resources: FhirResource[];
  deleted: Array<{ type: string; id: string }>;
}

function isResource(value: unknown): value is FhirResource {
  return isJsonObject(value) && typeof value.resourceType === 'string';
}

function parseJson(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new TypeError(`Not FHIR JSON: ${(error as Error).message}`);
  }
}

/** The id an entry's resource will have: its own, else from request.url (PUT Type/id), else from fullUrl. */
function entryId(entry: BundleEntry, resource: FhirResource): string {
  if (resource.id) return resource.id;
  const fromRequest = parseReference(entry.request?.url);
  if (fromRequest && fromRequest.type === resource.resourceType) return fromRequest.id;
  const fullUrl = entry.fullUrl ?? '';
  const urn = /^urn:(?:uuid|oid):([A-Za-z0-9\-.]{1,64})$/.exec(fullUrl);
  if (urn) return urn[1]!;
  const fromFullUrl = parseReference(fullUrl);
  if (fromFullUrl) return fromFullUrl.id;
  return randomId();
}

function readBundle(bundle: Bundle, out: LoadedBundle): void {
  const local = new Map<string, string>(); // fullUrl → Type/id
  const resources: FhirResource[] = [];
  for (const entry of bundle.entry ?? []) {
    if (entry.request?.method === 'DELETE') {
      const target = parseReference(entry.request.url);
      if (target) out.deleted.push({ type: target.type, id: target.id });
      continue;
    }
    const resource = entry.resource;
    if (!isResource(resource)) continue;
    if (resource.resourceType === 'Bundle') {
      // Nested bundles (batch-response entries, search results inside a collection): index their contents.
      readBundle(resource, out);
      continue;
    }
    resource.id = entryId(entry, resource);
    if (entry.fullUrl) local.set(entry.fullUrl, `${resource.resourceType}/${resource.id}`);
    resources.push(resource);
  }
  // Transaction and document bundles refer to each other's entries by fullUrl (Synthea: `urn:uuid:…`;
  // documents: absolute URLs on the author's server). Once indexed here, they are `Type/id` on this server.
  for (const resource of resources) {
    visitReferences(
      resource,
      (reference) => {
        const rewritten = local.get(reference.reference!);
        if (rewritten) reference.reference = rewritten;
      },
      { includeContained: true },
    );
  }
  resolveConditionalReferences(resources, resources);
  out.resources.push(...resources);
}

function identifierMatches(identifiers: Identifier[] | undefined, token: string): boolean {
  const bar = token.indexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : undefined;
  const value = bar >= 0 ? token.slice(bar + 1) : token;
  return (identifiers ?? []).some((identifier) => identifier.value === value && (system === undefined || (identifier.system ?? '') === system));
}

/**
 * Synthea (newer versions) refers to practitioners and organisations conditionally:
 * `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999965859`. A server resolves these on
 * transaction; so do we, when the target is among `candidates`.
 */
function resolveConditionalReferences(resources: FhirResource[], candidates: Iterable<FhirResource>): void {
  const cache = new Map<string, string | null>();
  const byType = new Map<string, FhirResource[]>();
  for (const candidate of candidates) {
    let list = byType.get(candidate.resourceType);
    if (!list) byType.set(candidate.resourceType, (list = []));
    list.push(candidate);
  }
  for (const resource of resources) {
    visitReferences(
      resource,
      (reference) => {
        const ref = reference.reference!;
        const match = /^([A-Z][A-Za-z]+)\?identifier=(.+)$/.exec(ref);
        if (!match) return;
        if (!cache.has(ref)) {
          const token = decodeURIComponent(match[2]!);
          const target = (byType.get(match[1]!) ?? []).find((candidate) =>
            identifierMatches((candidate as { identifier?: Identifier[] }).identifier, token),
          );
          cache.set(ref, target ? `${target.resourceType}/${target.id}` : null);
        }
        const resolved = cache.get(ref);
        if (resolved) reference.reference = resolved;
      },
      { includeContained: true },
    );
  }
}

/**
 * Reads any R4 Bundle (searchset, collection, transaction, batch, document, message, history) or a
 * single resource, as JSON text or a parsed object, and returns copies of its resources ready to serve:
 * - each entry's resource gets an id if it lacks one (from `request.url`, else the `urn:uuid:` or
 *   absolute `fullUrl`);
 * - references to other entries by `fullUrl` (`urn:uuid:…`, absolute URLs) become `Type/id`, so that
 *   `Encounter?patient=…` finds Synthea's encounters;
 * - conditional references (`Practitioner?identifier=sys|value`) become `Type/id` when the target is
 *   in the same bundle;
 * - contained resources stay contained; nested Bundles' entries are read too.
 * The input is not modified.
 * @throws TypeError when the input is not FHIR JSON.
 */
export function loadBundle(json: unknown): FhirResource[] {
  const out: LoadedBundle = { resources: [], deleted: [] };
  readSource(json, out);
  return out.resources;
}

function readSource(json: unknown, out: LoadedBundle): void {
  const parsed = parseJson(json);
  if (!isResource(parsed)) throw new TypeError('Not a FHIR resource: the JSON has no resourceType');
  const copy = cloneJson(parsed);
  if (copy.resourceType === 'Bundle') readBundle(copy, out);
  else {
    if (!copy.id) copy.id = randomId();
    out.resources.push(copy);
  }
}

/**
 * Builds a {@link ResourceIndex} from bundles (any R4 Bundle type, see {@link loadBundle}) and single
 * resources, as parsed objects or JSON text. Later sources replace earlier resources with the same
 * type and id; `DELETE` entries of transaction or history bundles mark ids as deleted (410 Gone).
 * Conditional references are resolved across all the sources.
 */
export function indexResources(sources: ReadonlyArray<unknown>): ResourceIndex {
  const index = new ResourceIndex();
  const loaded: LoadedBundle = { resources: [], deleted: [] };
  for (const source of sources) {
    const before = loaded.resources.length;
    const deletedBefore = loaded.deleted.length;
    readSource(source, loaded);
    for (const resource of loaded.resources.slice(before)) index.add(resource);
    for (const { type, id } of loaded.deleted.slice(deletedBefore)) index.remove(type, id);
  }
  resolveConditionalReferences(index.all(), index.all());
  return index;
}

/** Makes sure a value is a JSON object representing a resource (used by create). */
export function asResource(value: unknown): FhirResource | undefined {
  return isResource(value) ? value : undefined;
}

