import { ResponseCache, deepFreeze } from './cache.js';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  CareRecordError,
  ConfigurationError,
  FhirHttpError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  TimeoutError,
  isAbortError,
  outcomeIssues,
} from './errors.js';
import type { Bundle, FhirResource, OperationOutcome, Reference } from './fhir-types.js';
import { DEFAULT_RETRY, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, sleep } from './retry.js';
import type { RetryOptions } from './retry.js';
import { anyOf, searchQueryString } from './search-params.js';
import type { SearchParams } from './search-params.js';
import {
  BundleSearchResult,
  addBundlePage,
  emptySearchState,
  referenceKey,
  referenceString,
  searchStateOf,
} from './search-result.js';
import type { SearchResult, SearchResultState } from './search-result.js';

/** Gives the bearer token for a request (asked before every attempt, so a renewed token is used). */
export type TokenSource = () => Promise<string | null | undefined> | string | null | undefined;

/** Sees each request before it is sent; may change it in place or return a replacement. */
export type RequestInterceptor = (request: Request) => Request | void | Promise<Request | void>;

/** Settings of a FhirClient. */
export interface FhirClientOptions {
  /** The FHIR base, e.g. `https://fhir.example/R4` (trailing slash optional). */
  baseUrl: string;
  /** Bearer token per request; without one no Authorization header is sent. */
  tokenSource?: TokenSource;
  /** `'include'` for cookie/BFF mode: cookies go with requests and no Authorization header is sent. */
  credentials?: RequestCredentials;
  interceptors?: RequestInterceptor[];
  /** On 401: renew the session once; `true` retries the request once with the new token. */
  onUnauthorized?: () => Promise<boolean>;
  /** The signed-in subject: part of cache keys, so one person's answers are never served to another. */
  subject?: () => string | undefined;
  /** Per request attempt (default 30000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** How long GET responses are reused (default 30000; 0 disables the cache). */
  cacheTtlMs?: number;
  /** Defaults to `globalThis.fetch`, looked up at call time (so msw and other patches see requests). */
  fetch?: typeof fetch;
}

/** Per-call settings. */
export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Skip the cache for this call (the answer still refreshes it). */
  noCache?: boolean;
}

/** Per-search settings: how far to follow `next` links in one call. */
export interface SearchOptions extends RequestOptions {
  /** Pages fetched in this call (default 10). */
  maxPages?: number;
  /** Stop following `next` once this call holds this many matches (default 1000; a page is never split). */
  maxResources?: number;
}

/** Detail of the `request` event. `fromCache`: answered without a network request of its own (cache, or an identical request already in flight). */
export interface FhirRequestEventDetail {
  url: string;
  method: string;
  requestId: string;
  fromCache: boolean;
}

/** Events a FhirClient fires. */
export interface FhirClientEventMap {
  request: CustomEvent<FhirRequestEventDetail>;
}

const DEFAULT_TIMEOUT_MS = 30000;
const DEFAULT_CACHE_TTL_MS = 30000;
const DEFAULT_MAX_PAGES = 10;
const DEFAULT_MAX_RESOURCES = 1000;
// Keeps `_id=a,b,…` URLs well under common server and proxy URL limits.
const MAX_IDS_PER_REQUEST = 100;

/**
 * A FHIR R4 REST client over `fetch`: bearer token or cookie auth, interceptors, typed errors,
 * retries with backoff, paging, reference resolution, and a short-lived shared cache.
 *
 * Requests only ever go to the base URL's origin, so the token never leaves it. Every request has
 * `Accept: application/fhir+json` and an `X-Request-Id` (servers on another origin must allow
 * that header, and expose `Retry-After`, in CORS). Responses are deep-frozen.
 *
 * @fires request - `CustomEvent<FhirRequestEventDetail>` for every request sent, and every answer from the cache.
 */
export class FhirClient extends EventTarget {
  /** The base URL without a trailing slash. */
  readonly baseUrl: string;
  private readonly _origin: string;
  private readonly _options: FhirClientOptions;
  private readonly _retry: Required<RetryOptions>;
  private readonly _interceptors: RequestInterceptor[];
  private readonly _cache: ResponseCache;
  private readonly _inflight = new Map<string, SharedRequest>();

  constructor(options: FhirClientOptions) {
    super();
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new ConfigurationError(`The record server address "${options.baseUrl}" is not a valid URL.`, 'baseUrl');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigurationError(`The record server address "${options.baseUrl}" must start with https://.`, 'baseUrl');
    }
    if (url.search || url.hash) {
      throw new ConfigurationError(`The record server address "${options.baseUrl}" must not have a query or fragment.`, 'baseUrl');
    }
    this.baseUrl = url.href.replace(/\/+$/, '');
    this._origin = url.origin;
    this._options = options;
    this._retry = { ...DEFAULT_RETRY, ...definedOnly(options.retry ?? {}) };
    if (!(this._retry.maxAttempts >= 1)) throw new ConfigurationError('retry.maxAttempts must be at least 1.', 'retry.maxAttempts');
    this._interceptors = [...(options.interceptors ?? [])];
    this._cache = new ResponseCache(options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS);
  }

  /** Reads `{base}/{type}/{id}`; InvalidResponseError when the server returns another resourceType. */
  async read<T extends FhirResource>(type: T['resourceType'], id: string, options?: RequestOptions): Promise<T> {
    if (!id) throw new ConfigurationError(`A ${type} id is needed to read it.`, 'id');
    const url = `${this.baseUrl}/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
    const body = await this._request('GET', url, undefined, options);
    if (resourceTypeOf(body) !== type) throw new InvalidResponseError(url, `expected a ${type}, received ${describe(body)}`);
    return body as T;
  }

  /**
   * Searches `{base}/{type}?{params}` and follows `next` links on this server, up to the caps.
   * Use `token()`, `anyOf()` and `escapeSearchValue()` for values with `, | $ \`; arrays repeat a parameter.
   */
  async search<T extends FhirResource = FhirResource>(
    type: T['resourceType'],
    params?: SearchParams,
    options?: SearchOptions,
  ): Promise<SearchResult<T>> {
    const query = searchQueryString(params);
    const url = `${this.baseUrl}/${encodeURIComponent(type)}${query ? `?${query}` : ''}`;
    return this._collect(emptySearchState<T>(type, this.baseUrl), url, options);
  }

  /** Continues a result from its `nextUrl`; the new result holds the previous entries and the new ones. */
  async loadMore<T extends FhirResource>(previous: SearchResult<T>, options?: SearchOptions): Promise<SearchResult<T>> {
    if (!previous.nextUrl) return previous;
    const state = searchStateOf(previous, this.baseUrl);
    const next = new URL(previous.nextUrl, this.baseUrl);
    if (next.origin !== this._origin) {
      return new BundleSearchResult({ ...state, complete: false, incompleteReason: 'foreign-next-link', nextUrl: undefined });
    }
    return this._collect(state, next.href, options);
  }

  /**
   * Fetches referenced resources in batches: one `Type?_id=a,b,c` search per resource type (not one
   * request per reference). The map is keyed by the reference strings given. Contained (`#id`),
   * `urn:` and other servers' references are left out (never requested); versions are ignored.
   */
  async resolveReferences(references: Array<Reference | string>, options?: RequestOptions): Promise<Map<string, FhirResource>> {
    const wanted = new Map<string, Map<string, string[]>>();
    for (const reference of references) {
      const text = referenceString(reference);
      const key = text ? referenceKey(text, this.baseUrl) : undefined;
      if (!text || !key) continue;
      const [type, id] = key.split('/') as [string, string];
      const ids = wanted.get(type) ?? new Map<string, string[]>();
      wanted.set(type, ids);
      ids.set(id, [...(ids.get(id) ?? []), text]);
    }
    const resolved = new Map<string, FhirResource>();
    await Promise.all(
      [...wanted].map(async ([type, ids]) => {
        const sorted = [...ids.keys()].sort();
        for (let start = 0; start < sorted.length; start += MAX_IDS_PER_REQUEST) {
          const batch = sorted.slice(start, start + MAX_IDS_PER_REQUEST);
          const result = await this.search(type as FhirResource['resourceType'], { _id: anyOf(...batch), _count: batch.length }, { ...options, maxPages: 1 });
          for (const resource of result.matches) {
            if (resource.resourceType !== type || !resource.id) continue;
            for (const text of ids.get(resource.id) ?? []) resolved.set(text, resource);
          }
        }
      }),
    );
    return resolved;
  }

  /** A GET on this server (a path relative to the base, or an absolute URL on the same origin); the parsed JSON. */
  async get<T = unknown>(pathOrUrl: string, options?: RequestOptions): Promise<T> {
    return (await this._request('GET', this._url(pathOrUrl), undefined, options)) as T;
  }

  /** A POST of JSON (e.g. an AuditEvent) to this server; never retried. Resolves undefined for an empty response. */
  async post<T = unknown>(pathOrUrl: string, body: unknown, options?: RequestOptions): Promise<T> {
    return (await this._request('POST', this._url(pathOrUrl), JSON.stringify(body), options)) as T;
  }

  /** Adds an interceptor (run after the built-in headers are set); returns a function that removes it. */
  addRequestInterceptor(interceptor: RequestInterceptor): () => void {
    this._interceptors.push(interceptor);
    return () => {
      const index = this._interceptors.indexOf(interceptor);
      if (index >= 0) this._interceptors.splice(index, 1);
    };
  }

  /** Empties the cache (sign-out, another resident); requests already in flight will not refill it. */
  clear(): void {
    this._cache.clear();
    this._inflight.clear();
  }

  override addEventListener<K extends keyof FhirClientEventMap>(
    type: K,
    listener: (this: FhirClient, event: FhirClientEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof FhirClientEventMap>(
    type: K,
    listener: (this: FhirClient, event: FhirClientEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener, options);
  }

  private async _collect<T extends FhirResource>(
    state: SearchResultState<T>,
    firstUrl: string,
    options: SearchOptions = {},
  ): Promise<SearchResult<T>> {
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    const maxResources = options.maxResources ?? DEFAULT_MAX_RESOURCES;
    const matchesBefore = state.matches.length;
    const requested = new Set(state.requestUrls);
    let url = firstUrl;
    for (let page = 1; ; page++) {
      requested.add(url);
      const bundle = await this._request('GET', url, undefined, options);
      if (resourceTypeOf(bundle) !== 'Bundle') throw new InvalidResponseError(url, `expected a Bundle, received ${describe(bundle)}`);
      state.pages++;
      state.requestUrls.push(url);
      addBundlePage(state, bundle as Bundle);

      state.nextUrl = undefined;
      state.incompleteReason = undefined;
      state.complete = false;
      const link = (bundle as Bundle).link?.find((candidate) => candidate.relation === 'next')?.url;
      const next = link ? safeUrl(link, url) : undefined;
      if (!link) {
        state.complete = true;
      } else if (!next || next.origin !== this._origin) {
        // The bearer token must never go to another origin: such a page is not fetched at all.
        state.incompleteReason = 'foreign-next-link';
      } else if (requested.has(next.href)) {
        state.incompleteReason = 'repeated-next-link';
      } else {
        state.nextUrl = next.href;
        if (page >= maxPages) state.incompleteReason = 'page-cap';
        else if (state.matches.length - matchesBefore >= maxResources) state.incompleteReason = 'resource-cap';
        else {
          url = next.href;
          continue;
        }
      }
      return new BundleSearchResult(state);
    }
  }

  private _url(pathOrUrl: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl)) return new URL(pathOrUrl).href;
    return `${this.baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
  }

  private _assertOnServer(url: string): void {
    if (new URL(url).origin !== this._origin) {
      throw new ConfigurationError(`Requests go only to the record server (${this._origin}), not to ${new URL(url).origin}.`, 'url');
    }
  }

  /** GETs are answered from the cache, or share an identical request in flight; other methods go straight out. */
  private async _request(method: string, url: string, body: string | undefined, options: RequestOptions = {}): Promise<unknown> {
    options.signal?.throwIfAborted();
    this._assertOnServer(url);
    const timeoutMs = options.timeoutMs ?? this._options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (method !== 'GET') return this._perform(method, url, body, options.signal, timeoutMs);

    const key = `${this._options.subject?.() ?? ''}\n${url}`;
    if (!options.noCache) {
      const cached = this._cache.get(key);
      if (cached !== undefined) {
        this._emit({ url, method, requestId: newRequestId(), fromCache: true });
        return cached;
      }
    }
    let shared = this._inflight.get(key);
    if (shared) {
      this._emit({ url, method, requestId: newRequestId(), fromCache: true });
    } else {
      const generation = this._cache.generation;
      const created: SharedRequest = new SharedRequest(
        (signal) =>
          this._perform(method, url, undefined, signal, timeoutMs).then((value) => {
            this._cache.set(key, value, generation);
            return value;
          }),
        () => {
          if (this._inflight.get(key) === created) this._inflight.delete(key);
        },
      );
      shared = created;
      this._inflight.set(key, shared);
    }
    return shared.join(options.signal);
  }

  /** One logical request: attempts, the 401 renewal and retries with backoff. */
  private async _perform(method: string, url: string, body: string | undefined, signal: AbortSignal | undefined, timeoutMs: number): Promise<unknown> {
    const idempotent = method === 'GET' || method === 'HEAD';
    const retry = this._retry;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let text: string;
      try {
        ({ response, text } = await this._attempt(method, url, body, signal, timeoutMs));
      } catch (error) {
        if (error instanceof NetworkError && idempotent && attempt < retry.maxAttempts) {
          await sleep(backoffDelay(attempt, retry), signal);
          continue;
        }
        throw error;
      }
      if (response.ok) return parseJson(url, text, idempotent);

      if (response.status === 401 && this._options.onUnauthorized && !renewed) {
        renewed = true;
        const renewedToken = await this._options.onUnauthorized();
        signal?.throwIfAborted();
        if (renewedToken) {
          attempt--; // the retry after a renewal is not one of the backoff attempts
          continue;
        }
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
      const waitTooLong = retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs;
      if (RETRYABLE_STATUSES.has(response.status) && idempotent && attempt < retry.maxAttempts && !waitTooLong) {
        // The server's Retry-After is honoured as given: retrying sooner would only earn another 429.
        await sleep(retryAfterMs ?? backoffDelay(attempt, retry), signal);
        continue;
      }
      throw httpError(response.status, url, text, retryAfterMs);
    }
  }

  /** One network attempt, with its own time limit; resolves with the response and its body text. */
  private async _attempt(
    method: string,
    url: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<{ response: Response; text: string }> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const { request, requestId } = await this._buildRequest(method, url, body, controller.signal);
      signal?.throwIfAborted();
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
      }, timeoutMs);
      this._emit({ url: request.url, method, requestId, fromCache: false });
      const fetchImpl = this._options.fetch ?? globalThis.fetch;
      try {
        const response = await fetchImpl(request);
        const text = await response.text();
        return { response, text };
      } catch (error) {
        if (timedOut) throw new TimeoutError(url, timeoutMs);
        if (signal?.aborted) throw signal.reason;
        if (isAbortError(error) || error instanceof CareRecordError) throw error;
        throw new NetworkError(url, { cause: error });
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async _buildRequest(
    method: string,
    url: string,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<{ request: Request; requestId: string }> {
    const headers = new Headers({ Accept: 'application/fhir+json' });
    if (body !== undefined) headers.set('Content-Type', 'application/fhir+json');
    headers.set('X-Request-Id', newRequestId());
    // Cookie (BFF) mode authenticates with the cookie alone.
    if (this._options.tokenSource && this._options.credentials !== 'include') {
      const token = await this._options.tokenSource();
      if (token) headers.set('Authorization', `Bearer ${token}`);
    }
    let request = new Request(url, { method, headers, body, signal, credentials: this._options.credentials });
    for (const interceptor of [...this._interceptors]) request = (await interceptor(request)) ?? request;
    if (new URL(request.url).origin !== this._origin) {
      throw new ConfigurationError(`An interceptor sent a request to ${new URL(request.url).origin}; requests go only to ${this._origin}.`, 'interceptors');
    }
    return { request, requestId: request.headers.get('X-Request-Id') ?? '' };
  }

  private _emit(detail: FhirRequestEventDetail): void {
    this.dispatchEvent(new CustomEvent<FhirRequestEventDetail>('request', { detail }));
  }
}

/**
 * One network request shared by every caller of the same GET. A caller's abort only detaches that
 * caller; the request itself is aborted when no caller is left.
 */
class SharedRequest {
  private readonly _controller = new AbortController();
  private readonly _promise: Promise<unknown>;
  private _callers = 0;

  constructor(
    run: (signal: AbortSignal) => Promise<unknown>,
    private readonly _onDone: () => void,
  ) {
    this._promise = run(this._controller.signal).finally(_onDone);
    // Callers observe the outcome through join(); an abandoned request must not report an unhandled rejection.
    this._promise.catch(() => undefined);
  }

  join(signal: AbortSignal | undefined): Promise<unknown> {
    this._callers++;
    if (!signal) return this._promise;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this._leave();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this._promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private _leave(): void {
    this._callers--;
    if (this._callers === 0) {
      this._onDone();
      this._controller.abort();
    }
  }
}

function httpError(status: number, url: string, text: string, retryAfterMs: number | undefined): FhirHttpError {
  const options = { status, url, issues: outcomeIssues(operationOutcomeIn(text)), retryAfterMs };
  if (status === 401) return new AuthenticationRequiredError(options);
  if (status === 403) return new AccessDeniedError(options);
  if (status === 404 || status === 410) return new NotFoundError(options);
  return new FhirHttpError(options);
}

function operationOutcomeIn(text: string): OperationOutcome | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return resourceTypeOf(value) === 'OperationOutcome' ? (value as OperationOutcome) : undefined;
  } catch {
    return undefined;
  }
}

function parseJson(url: string, text: string, required: boolean): unknown {
  if (text.trim() === '') {
    if (required) throw new InvalidResponseError(url, 'the response was empty');
    return undefined;
  }
  try {
    return deepFreeze(JSON.parse(text) as unknown);
  } catch (error) {
    throw new InvalidResponseError(url, 'it is not JSON', { cause: error });
  }
}

function resourceTypeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { resourceType?: unknown }).resourceType;
  return typeof type === 'string' ? type : undefined;
}

function describe(value: unknown): string {
  const type = resourceTypeOf(value);
  return type ? `a ${type}` : 'something that is not a FHIR resource';
}

function safeUrl(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; an RFC 4122 version 4 id from getRandomValues otherwise.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
