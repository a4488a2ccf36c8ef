import type { Bundle, BundleEntry, FhirResource, OperationOutcome, Reference } from './fhir-types.js';

/** Why a search stopped before the server's last page. */
export type IncompleteReason = 'page-cap' | 'resource-cap' | 'foreign-next-link' | 'repeated-next-link';

/**
 * The outcome of a search across the pages fetched so far. Entries are kept apart by
 * `search.mode`: `matches` (what was searched for), `included` (`_include`/`_revinclude`) and
 * `outcomes` (the server's warnings, e.g. "data awaiting filing": show them, never hide them).
 * Resources are deep-frozen (shared with the cache and other callers).
 */
export interface SearchResult<T extends FhirResource = FhirResource> {
  resourceType: string;
  matches: T[];
  included: FhirResource[];
  outcomes: OperationOutcome[];
  /** The server's count of all matches, when it gives one. */
  total?: number;
  /** True when every page was read. */
  complete: boolean;
  incompleteReason?: IncompleteReason;
  /** The next page on this server, for `loadMore` (absent when complete or when it may not be followed). */
  nextUrl?: string;
  pages: number;
  requestUrls: string[];
  /**
   * Finds a referenced resource among the results: contained (`#id`, needs `from`), by an entry's
   * `fullUrl`, or `Type/id` (relative, or absolute on this server) among matches and included.
   */
  resolve<R extends FhirResource = FhirResource>(reference: Reference | string | undefined, from?: FhirResource): R | undefined;
}

const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The reference string of a Reference (or the string itself). */
export function referenceString(reference: Reference | string | undefined): string | undefined {
  return typeof reference === 'string' ? reference : reference?.reference;
}

/**
 * `Type/id` for a relative reference or an absolute one on `baseUrl` (version dropped);
 * undefined for contained, `urn:` and other servers' references.
 */
export function referenceKey(reference: string, baseUrl: string): string | undefined {
  const parts = referenceParts(reference, baseUrl);
  return parts ? `${parts[0]}/${parts[1]}` : undefined;
}

/** Type and id of a relative reference or an absolute one on `baseUrl`, as `referenceKey` (`hasColon`: whether it has a ':', if known). */
function referenceParts(reference: string, baseUrl: string, hasColon = reference.includes(':')): [type: string, id: string] | undefined {
  let relative = reference;
  if (hasColon && /^[a-z][a-z0-9+.-]*:/i.test(reference)) {
    if (!reference.startsWith(`${baseUrl}/`)) return undefined;
    relative = reference.slice(baseUrl.length + 1);
  }
  const match = RELATIVE_REFERENCE.exec(relative);
  return match ? [match[1]!, match[2]!] : undefined;
}

/** Everything a result is made of; `loadMore` carries it on to the next result. */
export interface SearchResultState<T extends FhirResource = FhirResource> {
  resourceType: string;
  baseUrl: string;
  matches: T[];
  included: FhirResource[];
  outcomes: OperationOutcome[];
  /** The pages' entries, for references by an absolute fullUrl (indexed when first needed). */
  entries: BundleEntry[][];
  /** Entries whose fullUrl has no scheme (rare: FHIR says absolute), by fullUrl; the last one wins. */
  relativeFullUrls: Map<string, FhirResource>;
  /** Included resources by type, then id (the first of each; later copies are not included again). */
  includedById: Map<string, Map<string, FhirResource>>;
  /** The resource types among matches. */
  matchTypes: Set<string>;
  total?: number;
  complete: boolean;
  incompleteReason?: IncompleteReason;
  nextUrl?: string;
  pages: number;
  requestUrls: string[];
}

/** An empty state for a search of `resourceType`. */
export function emptySearchState<T extends FhirResource>(resourceType: string, baseUrl: string): SearchResultState<T> {
  return {
    resourceType,
    baseUrl,
    matches: [],
    included: [],
    outcomes: [],
    entries: [],
    relativeFullUrls: new Map(),
    includedById: new Map(),
    matchTypes: new Set(),
    complete: false,
    pages: 0,
    requestUrls: [],
  };
}

/** The state behind a result (copied, so the previous result stays as it was). */
export function searchStateOf<T extends FhirResource>(result: SearchResult<T>, baseUrl: string): SearchResultState<T> {
  const state = emptySearchState<T>(result.resourceType, baseUrl);
  if (result instanceof BundleSearchResult) {
    state.entries.push(...result.entries);
    for (const [url, resource] of result.relativeFullUrls) state.relativeFullUrls.set(url, resource);
  }
  state.matches.push(...result.matches);
  for (const resource of result.matches) state.matchTypes.add(resource.resourceType);
  for (const resource of result.included) addIncluded(state, resource);
  state.outcomes.push(...result.outcomes);
  state.requestUrls.push(...result.requestUrls);
  return {
    ...state,
    total: result.total,
    complete: result.complete,
    incompleteReason: result.incompleteReason,
    nextUrl: result.nextUrl,
    pages: result.pages,
  };
}

/** Includes a resource unless the same one (type and id) already is: it often comes again on every page (a Medication, the GP). */
function addIncluded(state: SearchResultState, resource: FhirResource): void {
  if (resource.id) {
    let ids = state.includedById.get(resource.resourceType);
    if (!ids) state.includedById.set(resource.resourceType, (ids = new Map()));
    if (ids.has(resource.id)) return;
    ids.set(resource.id, resource);
  }
  state.included.push(resource);
}

/**
 * Adds a page's entries to the state. Entries without `search.mode` (some servers omit it) are
 * placed by type: the searched type is a match, an OperationOutcome an outcome, anything else included.
 * What resolving references needs is noted on the way (the entries are in hand now; going through
 * thousands of them again later costs more).
 */
export function addBundlePage<T extends FhirResource>(state: SearchResultState<T>, bundle: Bundle): void {
  if (typeof bundle.total === 'number') state.total = bundle.total;
  const entries = bundle.entry ?? [];
  state.entries.push(entries);
  // Matches come in runs of one type: a type is noted when it changes.
  let lastMatchType: string | undefined;
  for (const entry of entries) {
    const resource = entry.resource;
    if (!resource) continue;
    if (entry.fullUrl && !entry.fullUrl.includes(':')) state.relativeFullUrls.set(entry.fullUrl, resource);
    const mode =
      entry.search?.mode ??
      (resource.resourceType === state.resourceType ? 'match' : resource.resourceType === 'OperationOutcome' ? 'outcome' : 'include');
    if (mode === 'match') {
      state.matches.push(resource as T);
      if (resource.resourceType !== lastMatchType) state.matchTypes.add((lastMatchType = resource.resourceType));
    } else if (mode === 'outcome' && resource.resourceType === 'OperationOutcome') {
      state.outcomes.push(resource);
    } else {
      addIncluded(state, resource);
    }
  }
}

/** A SearchResult over a state. */
export class BundleSearchResult<T extends FhirResource = FhirResource> implements SearchResult<T> {
  readonly resourceType: string;
  readonly matches: T[];
  readonly included: FhirResource[];
  readonly outcomes: OperationOutcome[];
  readonly total?: number;
  readonly complete: boolean;
  readonly incompleteReason?: IncompleteReason;
  readonly nextUrl?: string;
  readonly pages: number;
  readonly requestUrls: string[];
  /** @internal the pages' entries, for references by fullUrl (e.g. `urn:uuid:`). */
  readonly entries: BundleEntry[][];
  /** @internal entries whose fullUrl has no scheme. */
  readonly relativeFullUrls: Map<string, FhirResource>;
  private readonly _baseUrl: string;
  private readonly _includedById: Map<string, Map<string, FhirResource>>;
  private readonly _matchTypes: Set<string>;
  /** Resources by type, then id; each type made when a reference to it is first resolved. */
  private readonly _byType = new Map<string, ReadonlyMap<string, FhirResource>>();
  /** Entries by absolute fullUrl (`https:`, `urn:`), indexed when first needed. */
  private _byAbsoluteUrl?: Map<string, FhirResource>;

  constructor(state: SearchResultState<T>) {
    this.resourceType = state.resourceType;
    this.matches = state.matches;
    this.included = state.included;
    this.outcomes = state.outcomes;
    this.total = state.total;
    this.complete = state.complete;
    this.incompleteReason = state.incompleteReason;
    this.nextUrl = state.nextUrl;
    this.pages = state.pages;
    this.requestUrls = state.requestUrls;
    this.entries = state.entries;
    this.relativeFullUrls = state.relativeFullUrls;
    this._includedById = state.includedById;
    this._matchTypes = state.matchTypes;
    this._baseUrl = state.baseUrl;
  }

  resolve<R extends FhirResource = FhirResource>(reference: Reference | string | undefined, from?: FhirResource): R | undefined {
    const text = referenceString(reference);
    if (!text) return undefined;
    if (text.startsWith('#')) {
      // "#" alone points back at the containing resource (FHIR R4 §2.14 Contained resources).
      if (text === '#') return from as R | undefined;
      const id = text.slice(1);
      const contained = from && 'contained' in from ? from.contained : undefined;
      return contained?.find((resource) => resource.id === id) as R | undefined;
    }
    // A reference equal to an entry's fullUrl first (a text without a scheme can only equal a fullUrl without one).
    const absolute = text.includes(':');
    const byFullUrl = absolute ? this._absoluteUrlIndex().get(text) : this.relativeFullUrls.size ? this.relativeFullUrls.get(text) : undefined;
    if (byFullUrl) return byFullUrl as R;
    const parts = referenceParts(text, this._baseUrl, absolute);
    return parts ? (this._typeIndex(parts[0]).get(parts[1]) as R | undefined) : undefined;
  }

  private _absoluteUrlIndex(): Map<string, FhirResource> {
    if (this._byAbsoluteUrl) return this._byAbsoluteUrl;
    const index = new Map<string, FhirResource>();
    for (const entries of this.entries) {
      for (const entry of entries) if (entry.fullUrl && entry.resource && entry.fullUrl.includes(':')) index.set(entry.fullUrl, entry.resource);
    }
    return (this._byAbsoluteUrl = index);
  }

  /** The resources of one type by id (matches win over included copies of the same resource). */
  private _typeIndex(type: string): ReadonlyMap<string, FhirResource> {
    const known = this._byType.get(type);
    if (known) return known;
    let index: ReadonlyMap<string, FhirResource> = this._includedById.get(type) ?? NONE;
    if (this._matchTypes.has(type)) {
      const withMatches = new Map(index);
      for (const resource of this.matches) if (resource.resourceType === type && resource.id) withMatches.set(resource.id, resource);
      index = withMatches;
    }
    this._byType.set(type, index);
    return index;
  }
}

const NONE: ReadonlyMap<string, FhirResource> = new Map();
