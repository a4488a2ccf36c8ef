// The fault matrix's pieces: the record the faults are applied to, broken variants of it
// (fields stripped, codes nobody knows, pages that never end), and a page with every element,
// each in its own provider, for one resident.
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { residents } from '@care-record/mocks';
import type { Resident } from '@care-record/mocks';
import { FhirClient } from '@care-record/fhir';
import type { Attachment, Bundle, Composition, FhirResource } from '@care-record/fhir';
import type { TokenProviderSession } from '@care-record/auth';
import { careRecordElements } from '../../packages/elements/src/define.js';
import type { CareRecordProvider } from '../../packages/elements/src/index.js';
import { base64Utf8 } from './poison.js';

export const resident: Resident = residents[0]!;
export const residentResources: FhirResource[] = resident.bundle.entry!.map((entry) => entry.resource!);

/** A file on the FHIR server (read as a Binary), so the document viewer goes through the faults too. */
export const letter: FhirResource = { resourceType: 'Binary', id: 'care-home-letter', contentType: 'text/plain', data: base64Utf8('Letter from the GP practice about the new medicines') };
export const letterAttachment: Attachment = { contentType: 'text/plain', url: 'Binary/care-home-letter', title: 'Letter from the GP' };

export const dischargeComposition = residentResources.find(
  (resource): resource is Composition => resource.resourceType === 'Composition' && !resource.extension?.length,
) ?? (residentResources.find((resource) => resource.resourceType === 'Composition') as Composition);

/** A small deterministic random number generator (mulberry32), so stripped fields are the same every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a search must keep to be found at all (the rest may go, required or not). */
const KEPT_FOR_SEARCH = new Set(['resourceType', 'id', 'subject', 'patient']);

/** The resident's record with fields removed at random (top level and one level down), optional and required alike. */
export function strippedRecord(seed = 20261124): FhirResource[] {
  const random = seededRandom(seed);
  return residentResources.map((resource) => {
    if (resource.resourceType === 'Patient') return resource;
    const copy = structuredClone(resource) as unknown as Record<string, unknown>;
    for (const key of Object.keys(copy)) {
      if (KEPT_FOR_SEARCH.has(key)) continue;
      if (random() < 0.35) {
        delete copy[key];
        continue;
      }
      const value = copy[key];
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (!item || typeof item !== 'object') continue;
        for (const inner of Object.keys(item as object)) if (random() < 0.35) delete (item as Record<string, unknown>)[inner];
      }
    }
    return copy as unknown as FhirResource;
  });
}

/**
 * The resident's record with every code and code system replaced by ones nobody knows (displays and
 * texts kept), except a resource's own `category` and `type`, which the widgets' searches ask for.
 */
export function unknownCodesRecord(): FhirResource[] {
  let n = 0;
  const visit = (value: unknown, key?: string, depth = 0): unknown => {
    if (depth === 1 && (key === 'category' || key === 'type')) return value;
    if (Array.isArray(value)) return value.map((item) => visit(item, key, depth));
    if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const isCoding = typeof object.code === 'string' && (typeof object.system === 'string' || typeof object.display === 'string');
      const copy: Record<string, unknown> = {};
      for (const [childKey, child] of Object.entries(object)) {
        if (isCoding && childKey === 'code') copy[childKey] = `zz-unknown-${++n}`;
        else if (isCoding && childKey === 'system') copy[childKey] = 'urn:example:unknown-code-system';
        else copy[childKey] = visit(child, childKey, depth + 1);
      }
      return copy;
    }
    return value;
  };
  return residentResources.map((resource) => (resource.resourceType === 'Patient' ? resource : (visit(resource) as FhirResource)));
}

/** Is this a search (GET {base}/{Type}?…) rather than a read? */
export function isSearch(request: Request, base: string): boolean {
  const path = new URL(request.url).pathname.slice(new URL(base).pathname.length).replace(/^\/+/, '');
  return request.method === 'GET' && path !== '' && !path.includes('/');
}

function typeOf(request: Request, base: string): string {
  return new URL(request.url).pathname.slice(new URL(base).pathname.length).replace(/^\/+/, '').split('/')[0]!;
}

function searchset(request: Request, resources: FhirResource[], next: string | undefined, total?: number): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link: [{ relation: 'self', url: request.url }, ...(next ? [{ relation: 'next', url: next }] : [])],
    entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' as const } })),
  };
}

/** Searches answered with the resident's resources of the type and a `next` link made by `next(url)`. */
export function nextLinkHandler(base: string, next: (url: URL) => string): HttpHandler {
  return http.get(`${base}/*`, ({ request }) => {
    if (!isSearch(request, base)) return undefined;
    const type = typeOf(request, base);
    const matches = residentResources.filter((resource) => resource.resourceType === type);
    return HttpResponse.json(searchset(request, matches, next(new URL(request.url))), { headers: { 'Content-Type': 'application/fhir+json' } });
  });
}

/**
 * Searches for the given types (every type when none is given) answered with one page of `size`
 * resources of the type asked for (copies of the resident's).
 */
export function enormousPageHandler(base: string, size = 5000, types?: readonly string[]): HttpHandler {
  const pages = new Map<string, Bundle>();
  return http.get(`${base}/*`, ({ request }) => {
    if (!isSearch(request, base)) return undefined;
    const type = typeOf(request, base);
    if (types && !types.includes(type)) return undefined;
    const templates = residentResources.filter((resource) => resource.resourceType === type);
    if (templates.length === 0) return undefined;
    let page = pages.get(type);
    if (!page) {
      const copies = Array.from({ length: size }, (_, index) => ({ ...templates[index % templates.length]!, id: `${templates[index % templates.length]!.id}-copy-${index}` }) as FhirResource);
      page = searchset(request, copies, undefined, size);
      pages.set(type, page);
    }
    return HttpResponse.json(page, { headers: { 'Content-Type': 'application/fhir+json' } });
  });
}

export interface PageOptions {
  base: string;
  /** Use this client in every provider (small timeouts, quick retries). */
  client?: () => FhirClient;
  /** Use this session in every provider. */
  auth?: () => TokenProviderSession;
  /** Tags to leave out. */
  without?: string[];
}

/** Every element, each in its own provider for the resident. */
export function everyElement(options: PageOptions): HTMLElement[] {
  return careRecordElements
    .filter(({ tag }) => !options.without?.includes(tag))
    .map(({ tag }) => {
      const provider = document.createElement('care-record-provider') as CareRecordProvider;
      provider.setAttribute('fhir-base-url', options.base);
      provider.setAttribute('patient-id', resident.id);
      provider.dataset.tag = tag;
      if (options.auth) provider.auth = options.auth();
      else {
        provider.setAttribute('auth-mode', 'token');
        provider.tokenProvider = () => 't';
      }
      if (options.client) provider.client = options.client();
      if (tag !== 'care-record-provider') {
        const element = document.createElement(tag);
        if (tag === 'discharge-summary') element.setAttribute('composition-id', dischargeComposition.id!);
        if (tag === 'care-record-document-viewer') Object.assign(element, { attachments: [letterAttachment] });
        provider.append(element);
      }
      return provider;
    });
}

/** A client that gives up quickly: two attempts 10 ms apart, `timeoutMs` per attempt. */
export function quickClient(base: string, timeoutMs = 5000): FhirClient {
  return new FhirClient({ baseUrl: base, timeoutMs, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, tokenSource: () => 't' });
}
