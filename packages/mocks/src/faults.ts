import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { issueCodeForStatus, operationOutcome, statusText } from './outcome.js';
import { fhirResponse, FHIR_JSON, normaliseBaseUrl, pathSegments, underBase } from './routing.js';

/** Canned bodies that break a client's expectations in the ways real servers and proxies do. */
export type FaultBodyKind = 'malformed-json' | 'wrong-resource-type' | 'empty-bundle' | 'html';

/**
 * A fault to inject into FHIR traffic, for tests and stories. Every criterion given must match
 * (none given: every request under the base URL). Then, in order: wait `delayMs`; `hang` (never
 * answer); `networkError` (fetch rejects); else answer with `status` and/or `body`. A fault with only
 * `delayMs` slows the route down and lets the normal answer through.
 *
 * @example
 * // The first two allergy searches fail with 503 and Retry-After, then the service recovers.
 * { resourceType: 'AllergyIntolerance', status: 503, retryAfter: 2, times: 2 }
 */
export interface FhirFault {
  /** HTTP method (any case); any method when absent. */
  method?: string;
  /** First path segment after the base (`Observation`); any when absent. */
  resourceType?: string;
  /**
   * A string is the path after the base, exactly (`Patient/123`, `Composition/c1/$document`, leading
   * slash optional); a RegExp is tested against the whole request URL, query included.
   */
  path?: string | RegExp;
  /** Any other test of the request (a clone: reading its body is fine). */
  match?: (request: Request) => boolean;
  /** Status to answer with. Errors (>= 400) get an OperationOutcome body unless `body` is given. */
  status?: number;
  /** Delay before the fault's answer (or before the normal answer when the fault gives none). */
  delayMs?: number;
  /** A canned broken body, or any object to send as JSON. Status 200 unless `status` is given. */
  body?: FaultBodyKind | object;
  /** `Retry-After` header: seconds, or an HTTP date. Status 503 unless `status` is given. */
  retryAfter?: number | string;
  /** Apply to this many matching requests, then heal (requests go through normally). */
  times?: number;
  /** Fail at the network level: `fetch` rejects with a TypeError. */
  networkError?: true;
  /** Never answer (for timeout tests: the client has to give up). */
  hang?: true;
}

const MALFORMED_JSON = '{"resourceType":"Bundle","type":"searchset","total":3,"entry":[{"resource":{"resourceType":"Observ';

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Service unavailable</title></head>
<body><h1>Service unavailable</h1><p>The service you requested is not available at the moment. Please try again later.</p></body></html>`;

function bodyResponse(kind: FaultBodyKind | object, status: number, resourceType: string | undefined, isRead: boolean, headers: Record<string, string>): Response {
  switch (kind) {
    case 'malformed-json':
      return new Response(MALFORMED_JSON, { status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
    case 'html':
      return new Response(HTML_PAGE, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers } });
    case 'empty-bundle':
      return fhirResponse({ resourceType: 'Bundle', type: 'searchset', total: 0 }, { status, headers });
    case 'wrong-resource-type': {
      // Something other than what was asked for: a read gets another type, a search a non-Bundle.
      const wrongType = isRead && resourceType === 'Patient' ? 'Practitioner' : 'Patient';
      return fhirResponse({ resourceType: wrongType, id: 'wrong-resource-type' }, { status, headers });
    }
    default:
      return fhirResponse(kind, { status, headers });
  }
}

interface FaultState {
  fault: FhirFault;
  used: number;
}

function matches(fault: FhirFault, request: Request, segments: string[]): boolean {
  if (fault.method && fault.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (fault.resourceType && segments[0] !== fault.resourceType) return false;
  if (fault.path !== undefined) {
    if (typeof fault.path === 'string') {
      if (fault.path.replace(/^\/+|\/+$/g, '') !== segments.join('/')) return false;
    } else {
      fault.path.lastIndex = 0;
      if (!fault.path.test(request.url)) return false;
    }
  }
  if (fault.match && !fault.match(request.clone())) return false;
  return true;
}

/** Never resolves, unless the request is aborted (then the handler can let go). */
function hang(request: Request): Promise<void> {
  return new Promise<void>((resolve) => {
    request.signal?.addEventListener('abort', () => resolve(), { once: true });
    void delay('infinite').then(resolve);
  });
}

/** Applies the first matching fault of a list; shared by createFhirHandlers and fhirFault. */
export class FaultInjector {
  private readonly states: FaultState[];

  constructor(
    private readonly baseUrl: string,
    faults: readonly FhirFault[],
  ) {
    this.states = faults.map((fault) => ({ fault, used: 0 }));
  }

  /** The fault's response, or undefined to let the request through (no fault, healed, delay only). */
  async apply(request: Request): Promise<Response | undefined> {
    const segments = pathSegments(this.baseUrl, new URL(request.url));
    if (!segments) return undefined;
    const state = this.states.find(({ fault, used }) => (fault.times === undefined || used < fault.times) && matches(fault, request, segments));
    if (!state) return undefined;
    state.used++;
    const { fault } = state;
    if (fault.delayMs) await delay(fault.delayMs);
    if (fault.hang) {
      await hang(request);
      return HttpResponse.error();
    }
    if (fault.networkError) return HttpResponse.error();

    const status = fault.status ?? (fault.body !== undefined ? 200 : fault.retryAfter !== undefined ? 503 : undefined);
    if (status === undefined) return undefined;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="fhir", error="invalid_token"';
    if (fault.body !== undefined) return bodyResponse(fault.body, status, segments[0], segments.length === 2, headers);
    if (status >= 400) return fhirResponse(operationOutcome('error', issueCodeForStatus(status), statusText(status)), { status, headers });
    return new Response(null, { status, headers });
  }
}

/**
 * A standalone msw handler that injects one fault into requests under `baseUrl`, for
 * `worker.use(fhirFault(base, { status: 500 }))` on top of {@link createFhirHandlers}. Requests the
 * fault does not match (or after it healed) fall through to the next handler.
 */
export function fhirFault(baseUrl: string, fault: FhirFault): HttpHandler {
  const base = normaliseBaseUrl(baseUrl);
  const injector = new FaultInjector(base, [fault]);
  return http.all(underBase(base), async ({ request }) => injector.apply(request));
}
