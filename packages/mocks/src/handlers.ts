import type { Bundle, BundleEntry, BundleLink, Composition, FhirResource } from '@care-record/fhir';
import { delay, http, type HttpHandler } from 'msw';
import { buildDocument } from './document.js';
import { FaultInjector, type FhirFault } from './faults.js';
import { fromBase64Url, randomId, toBase64Url } from './json.js';
import { issueCodeForStatus, operationOutcome, statusText } from './outcome.js';
import { asResource, indexResources, type ResourceIndex } from './resource-index.js';
import { fhirResponse, normaliseBaseUrl, pathSegments, resourceKey, underBase } from './routing.js';
import { SEARCH_PARAMS } from './search/definitions.js';
import { InvalidSearchError, isKnownType, runSearch, type SearchSettings } from './search/engine.js';

/** Checks a bearer token; resolve `false` to answer 401 `invalid_token`. */
export type TokenValidator = (token: string, request: Request) => boolean | Promise<boolean>;

/** Options of {@link createFhirHandlers}. */
export interface FhirHandlersOptions {
  /** The FHIR base URL to serve, e.g. `https://fhir.test/R4` (any origin: msw intercepts it). */
  baseUrl: string;
  /** R4 Bundles of any type (or single resources), parsed or as JSON text: see `loadBundle`. */
  bundles?: ReadonlyArray<unknown>;
  /** More resources to serve (each needs an id). */
  resources?: ReadonlyArray<FhirResource>;
  /** Serve this index (shared with the caller, who may add or remove resources) instead of a new one. */
  index?: ResourceIndex;
  /** `Type/id` keys to serve as deleted (410 Gone). */
  deleted?: ReadonlyArray<string>;
  /** Delay before each answer, in ms, or a random delay between min and max. */
  latency?: number | { min: number; max: number };
  /**
   * Require `Authorization: Bearer …`: `true` accepts any token; a function decides. Missing or
   * rejected tokens get 401 with `WWW-Authenticate: Bearer` and an OperationOutcome (code `login`).
   * The CapabilityStatement (`/metadata`) stays open, as on real servers.
   */
  requireToken?: boolean | TokenValidator;
  /** Faults to inject, tried in order before the normal answer: see {@link FhirFault}. */
  faults?: ReadonlyArray<FhirFault>;
  /** Page size when a search has no `_count` (default 50). */
  pageSize?: number;
  /** Largest page, whatever `_count` asks (default 1000). */
  maxPageSize?: number;
}

interface PageToken {
  /** Resource type. */
  t: string;
  /** The search's parameters. */
  p: Array<[string, string]>;
  /** Offset of the page. */
  o: number;
}

function encodePageToken(token: PageToken): string {
  return toBase64Url(JSON.stringify(token));
}

function decodePageToken(value: string): PageToken | undefined {
  try {
    const token = JSON.parse(fromBase64Url(value)) as PageToken;
    if (typeof token.t === 'string' && Array.isArray(token.p) && Number.isInteger(token.o) && token.o >= 0) return token;
  } catch {
    // Not one of ours.
  }
  return undefined;
}

function error(status: number, diagnostics: string = statusText(status), headers?: Record<string, string>, code = issueCodeForStatus(status)): Response {
  return fhirResponse(operationOutcome('error', code, diagnostics), { status, headers });
}

function httpDate(instant: string | undefined): string | undefined {
  const time = instant ? Date.parse(instant) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
}

function readHeaders(resource: FhirResource): Record<string, string> {
  const headers: Record<string, string> = {};
  if (resource.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  const lastModified = httpDate(resource.meta?.lastUpdated);
  if (lastModified) headers['Last-Modified'] = lastModified;
  return headers;
}

// CapabilityStatement has no alias in @care-record/fhir: typed through the FhirResource union.
function capabilityStatement(index: ResourceIndex, tokenRequired: boolean): FhirResource {
  const types = [...new Set([...Object.keys(SEARCH_PARAMS), ...index.types()])].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    software: { name: '@care-record/mocks' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        ...(tokenRequired ? { security: { description: 'Bearer token required (OAuth 2.0 / SMART on FHIR).' } } : {}),
        resource: types.map((type) => ({
          type,
          interaction: [{ code: 'read' as const }, { code: 'search-type' as const }],
          searchParam: Object.entries(SEARCH_PARAMS[type] ?? {}).map(([name, definition]) => ({ name, type: definition.type })),
          ...(type === 'Composition' ? { operation: [{ name: 'document', definition: 'http://hl7.org/fhir/OperationDefinition/Composition-document' }] } : {}),
        })),
      },
    ],
  };
}

/**
 * msw request handlers for a read-only FHIR R4 server over the given resources (plus create, so that
 * audit events can be posted). They work alike in the browser worker, Storybook and Node
 * (`@mswjs/http-middleware`). Served under `baseUrl`:
 * - `GET /{type}/{id}` (read; 404 or 410 with an OperationOutcome), `…/_history/{vid}` (vread);
 * - `GET /{type}?…` and `POST /{type}/_search` (form body) — search with `_count` paging (opaque
 *   `next`/`previous` links on the base URL's origin), `total`, `_sort`, `_include`, `_revinclude`
 *   (`:iterate`), `_summary=count`, `_total=none`; unknown parameters are ignored with an
 *   OperationOutcome warning entry (search.mode `outcome`); bad values get 400;
 * - `GET|POST /Composition/{id}/$document`;
 * - `GET /metadata` (CapabilityStatement), `POST /{type}` (create, 201).
 * An unknown resource type gets 404 with an OperationOutcome.
 *
 * @example
 * const worker = setupWorker(...createFhirHandlers({ baseUrl: 'https://fhir.test/R4', bundles: residents.map((r) => r.bundle) }));
 */
export function createFhirHandlers(options: FhirHandlersOptions): HttpHandler[] {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const index = options.index ?? indexResources([...(options.bundles ?? [])]);
  for (const resource of options.resources ?? []) index.add(resource);
  for (const key of options.deleted ?? []) {
    const [type, id] = key.split('/');
    if (type && id) index.remove(type, id);
  }
  const settings: SearchSettings = { baseUrl, defaultCount: options.pageSize ?? 50, maxCount: options.maxPageSize ?? 1000 };
  const faults = new FaultInjector(baseUrl, options.faults ?? []);
  const { requireToken, latency } = options;

  async function checkToken(request: Request): Promise<Response | undefined> {
    if (!requireToken) return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
    if (!match) return error(401, 'Sign in is required: the request has no bearer token', { 'WWW-Authenticate': 'Bearer realm="fhir"' });
    if (typeof requireToken === 'function' && !(await requireToken(match[1]!, request))) {
      return error(401, 'The access token is not valid or has expired', {
        'WWW-Authenticate': 'Bearer realm="fhir", error="invalid_token", error_description="The access token is not valid or has expired"',
      });
    }
    return undefined;
  }

  function searchBundle(type: string, params: Array<[string, string]>, offset: number, selfUrl: string): Response {
    let page;
    try {
      page = runSearch(index, type, params, offset, settings);
    } catch (e) {
      if (e instanceof InvalidSearchError) return error(400, e.message);
      throw e;
    }
    const pageLink = (relation: string, pageOffset: number): BundleLink => ({
      relation,
      url: `${baseUrl}/${type}?_getpages=${encodePageToken({ t: type, p: params, o: pageOffset })}`,
    });
    const link: BundleLink[] = [{ relation: 'self', url: selfUrl }];
    if (!page.countOnly && page.count > 0) {
      if (page.offset > 0) link.push(pageLink('first', 0), pageLink('previous', Math.max(0, page.offset - page.count)));
      if (page.offset + page.count < page.total) link.push(pageLink('next', page.offset + page.count));
    }
    const entry: BundleEntry[] = [
      ...page.matches.map((resource) => ({ fullUrl: `${baseUrl}/${resourceKey(resource)}`, resource, search: { mode: 'match' as const } })),
      ...page.included.map((resource) => ({ fullUrl: `${baseUrl}/${resourceKey(resource)}`, resource, search: { mode: 'include' as const } })),
    ];
    if (page.warnings.length > 0) {
      entry.push({
        fullUrl: `urn:uuid:${randomId()}`,
        resource: { resourceType: 'OperationOutcome', issue: page.warnings },
        search: { mode: 'outcome' },
      });
    }
    const bundle: Bundle = {
      resourceType: 'Bundle',
      id: randomId(),
      meta: { lastUpdated: new Date().toISOString() },
      type: 'searchset',
      ...(page.omitTotal ? {} : { total: page.total }),
      link,
      ...(entry.length ? { entry } : {}),
    };
    return fhirResponse(bundle);
  }

  function searchParams(url: URL): Array<[string, string]> {
    return [...url.searchParams.entries()];
  }

  function selfUrl(type: string, params: Array<[string, string]>): string {
    const query = new URLSearchParams(params).toString();
    return `${baseUrl}/${type}${query ? `?${query}` : ''}`;
  }

  function pagedSearch(token: string, type?: string): Response {
    const decoded = decodePageToken(token);
    if (!decoded || (type && decoded.t !== type)) return error(400, 'The page link is not valid: it may have been altered or come from another server');
    return searchBundle(decoded.t, decoded.p, decoded.o, `${baseUrl}/${decoded.t}?_getpages=${token}`);
  }

  async function create(type: string, request: Request): Promise<Response> {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return error(400, 'The request body is not FHIR JSON');
    }
    const resource = asResource(body);
    if (!resource || resource.resourceType !== type) return error(400, `The request body is not a ${type}`);
    const created = { ...resource, id: randomId(), meta: { ...resource.meta, versionId: '1', lastUpdated: new Date().toISOString() } } as FhirResource;
    index.add(created);
    const location = `${baseUrl}/${type}/${created.id}/_history/1`;
    if (/return=minimal/.test(request.headers.get('Prefer') ?? '')) return new Response(null, { status: 201, headers: { Location: location } });
    return fhirResponse(created, { status: 201, headers: { Location: location, ...readHeaders(created) } });
  }

  async function route(request: Request, url: URL, segments: string[]): Promise<Response> {
    const method = request.method.toUpperCase();
    const [type, second, third, fourth] = segments;
    if (!type) {
      const token = url.searchParams.get('_getpages');
      if (method === 'GET' && token) return pagedSearch(token);
      return error(405, 'This mock server does not support whole-system interactions (transaction, batch, system search)');
    }
    if (type === 'metadata' && segments.length === 1) {
      return method === 'GET' ? fhirResponse(capabilityStatement(index, Boolean(requireToken))) : error(405);
    }
    if (!isKnownType(index, type)) return error(404, `Unknown resource type "${type}"`, undefined, 'not-supported');

    if (segments.length === 1) {
      if (method === 'POST') return create(type, request);
      if (method !== 'GET') return error(405, `${method} ${type} is not supported by this mock server`);
      const token = url.searchParams.get('_getpages');
      if (token) return pagedSearch(token, type);
      const params = searchParams(url);
      return searchBundle(type, params, 0, selfUrl(type, params));
    }
    if (second === '_search' && segments.length === 2) {
      if (method !== 'POST') return error(405, 'Use POST for _search');
      const body = new URLSearchParams(await request.text());
      const params = [...searchParams(url), ...body.entries()];
      return searchBundle(type, params, 0, selfUrl(type, params));
    }
    if (second?.startsWith('$')) return error(404, `The operation ${second} is not supported on ${type}`, undefined, 'not-supported');
    const id = second!;
    if (segments.length === 2) {
      if (method !== 'GET') return error(405, `${method} ${type}/${id} is not supported by this mock server`);
      const resource = index.get(type, id);
      if (resource) return fhirResponse(resource, { headers: readHeaders(resource) });
      if (index.isDeleted(type, id)) return error(410, `${type}/${id} has been deleted`);
      return error(404, `${type}/${id} is not known to this server`);
    }
    if (third === '$document' && segments.length === 3) {
      if (type !== 'Composition') return error(404, `$document is an operation on Composition, not ${type}`);
      if (method !== 'GET' && method !== 'POST') return error(405);
      const composition = index.get<Composition>(type, id);
      if (!composition) return index.isDeleted(type, id) ? error(410, `Composition/${id} has been deleted`) : error(404, `Composition/${id} is not known to this server`);
      return fhirResponse(buildDocument(index, composition, baseUrl));
    }
    if (third === '_history' && fourth !== undefined && segments.length === 4 && method === 'GET') {
      const resource = index.get(type, id);
      if (resource && (resource.meta?.versionId ?? '1') === fourth) return fhirResponse(resource, { headers: readHeaders(resource) });
      return error(404, `${type}/${id}/_history/${fourth} is not known to this server`);
    }
    return error(404, `No FHIR interaction at ${url.pathname}`);
  }

  const handler = http.all(underBase(baseUrl), async ({ request }) => {
    const url = new URL(request.url);
    const segments = pathSegments(baseUrl, url);
    if (!segments) return undefined;
    const faulted = await faults.apply(request);
    if (faulted) return faulted;
    if (typeof latency === 'number' && latency > 0) await delay(latency);
    else if (typeof latency === 'object') await delay(latency.min + Math.random() * Math.max(0, latency.max - latency.min));
    if (!(segments.length === 1 && segments[0] === 'metadata')) {
      const denied = await checkToken(request);
      if (denied) return denied;
    }
    return route(request, url, segments);
  });
  return [handler];
}
