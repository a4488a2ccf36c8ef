import { FhirClient, searchQueryString } from '@care-record/fhir';
import type { FhirRequestEventDetail, FhirResource, Reference, RequestOptions, SearchOptions, SearchParams, SearchResult } from '@care-record/fhir';

/*
 * Correlation ids for the audit trail: which requests (their `X-Request-Id`) fed what a widget showed.
 *
 * The FHIR client fires a `request` event for every request it sends (and every answer it gives from
 * its cache). The log below remembers, per URL, the id of the network request that last fetched it,
 * so a view answered from the cache is still tied to the request that brought the data. A recorder
 * wraps the client for one task run and notes the URLs that run asked for.
 */

/** A URL in one spelling, so the client's URL and the Request's (normalised) URL compare equal. */
export function normaliseUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

// Enough for a busy page; the oldest entries go first.
const MAX_ENTRIES = 1000;

/** The `X-Request-Id` of the network request that last fetched each URL on one client. */
export class RequestLog {
  private readonly _ids = new Map<string, string>();

  constructor(client: FhirClient) {
    client.addEventListener('request', this._onRequest);
  }

  /** The ids of the requests that fetched `urls` (each once, in the order given). */
  idsFor(urls: Iterable<string>): string[] {
    const ids = new Set<string>();
    for (const url of urls) {
      const id = this._ids.get(normaliseUrl(url));
      if (id) ids.add(id);
    }
    return [...ids];
  }

  /** Forgets every URL (sign-out: the URLs name the person). */
  clear(): void {
    this._ids.clear();
  }

  private readonly _onRequest = (event: CustomEvent<FhirRequestEventDetail>): void => {
    const { url, requestId, fromCache } = event.detail;
    // A cached answer keeps the id of the request that fetched the data.
    if (fromCache || !requestId) return;
    const key = normaliseUrl(url);
    this._ids.delete(key);
    this._ids.set(key, requestId);
    if (this._ids.size > MAX_ENTRIES) this._ids.delete(this._ids.keys().next().value as string);
  };
}

const logs = new WeakMap<FhirClient, RequestLog>();

/** The one request log of `client`, started on first use. */
export function requestLogFor(client: FhirClient): RequestLog {
  let log = logs.get(client);
  if (!log) {
    log = new RequestLog(client);
    logs.set(client, log);
  }
  return log;
}

function absoluteUrl(baseUrl: string, pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) return pathOrUrl;
  return `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
}

/**
 * Wraps a client for one task run and records every URL the run asks for (reads, searches and their
 * pages, reference lookups, raw GETs). The wrapper is a FhirClient in every other respect: the cache,
 * token and events are the client's own.
 */
export class RequestRecorder {
  /** The URLs asked for, each once, in order. */
  readonly urls: string[] = [];
  /** The client to hand to the task. */
  readonly client: FhirClient;

  constructor(target: FhirClient) {
    requestLogFor(target);
    const add = (url: string | undefined): void => {
      if (!url) return;
      const key = normaliseUrl(url);
      if (!this.urls.includes(key)) this.urls.push(key);
    };
    const addResult = <R extends { requestUrls: readonly string[] }>(result: R): R => {
      for (const url of result.requestUrls) add(url);
      return result;
    };
    const wrapped: Partial<Record<keyof FhirClient, unknown>> = {
      read: (type: string, id: string, options?: RequestOptions) => {
        if (id) add(`${target.baseUrl}/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
        return target.read(type as FhirResource['resourceType'], id, options);
      },
      search: async (type: string, params?: SearchParams, options?: SearchOptions) => {
        const query = searchQueryString(params);
        add(`${target.baseUrl}/${encodeURIComponent(type)}${query ? `?${query}` : ''}`);
        return addResult(await target.search(type as FhirResource['resourceType'], params, options));
      },
      loadMore: async (previous: SearchResult, options?: SearchOptions) => {
        add(previous.nextUrl);
        return addResult(await target.loadMore(previous, options));
      },
      get: (pathOrUrl: string, options?: RequestOptions) => {
        add(absoluteUrl(target.baseUrl, pathOrUrl));
        return target.get(pathOrUrl, options);
      },
    };
    const proxy: FhirClient = new Proxy(target, {
      get(object, property) {
        if (Object.prototype.hasOwnProperty.call(wrapped, property)) return wrapped[property as keyof FhirClient];
        // Reference lookups search through `this`: run them on the wrapper so their searches are recorded.
        if (property === 'resolveReferences') {
          return (references: Array<Reference | string>, options?: RequestOptions) =>
            FhirClient.prototype.resolveReferences.call(proxy, references, options);
        }
        const value: unknown = Reflect.get(object, property, object);
        // Everything else runs on the client itself (EventTarget methods refuse a Proxy as `this`).
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
    this.client = proxy;
  }
}

/** What a URL on `baseUrl` asks for: its resource type, and whether it is a search or a read. */
export function describeRequestUrl(url: string, baseUrl: string): { resourceType?: string; interaction: 'read' | 'search-type' } {
  const base = baseUrl.replace(/\/+$/, '');
  const normalised = normaliseUrl(url);
  const normalisedBase = normaliseUrl(base).replace(/\/+$/, '');
  if (!normalised.startsWith(`${normalisedBase}/`)) return { interaction: 'read' };
  const rest = normalised.slice(normalisedBase.length + 1);
  const [path = '', query] = rest.split('?', 2) as [string, string | undefined];
  const segments = path.split('/').filter(Boolean);
  const resourceType = segments[0] && /^[A-Z][A-Za-z]+$/.test(segments[0]) ? segments[0] : undefined;
  const isRead = segments.length >= 2 && !segments[1]!.startsWith('_') && !segments[1]!.startsWith('$') && query === undefined;
  return { ...(resourceType ? { resourceType } : {}), interaction: isRead ? 'read' : 'search-type' };
}
