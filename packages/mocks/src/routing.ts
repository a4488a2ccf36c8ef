import type { FhirResource } from '@care-record/fhir';

/** A base URL without its trailing slash (`https://fhir.test/R4/` → `https://fhir.test/R4`). */
export function normaliseBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, not "${baseUrl}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`baseUrl must be http(s), not "${baseUrl}"`);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An msw path that matches the base URL and everything under it (msw matches it without the query). */
export function underBase(baseUrl: string): RegExp {
  return new RegExp(`^${escapeRegExp(baseUrl)}(?:/.*)?$`);
}

/** Path segments after the base (`Composition/1/$document` → ['Composition', '1', '$document']). */
export function pathSegments(baseUrl: string, url: URL): string[] | undefined {
  const base = new URL(baseUrl);
  if (url.origin !== base.origin) return undefined;
  const basePath = base.pathname.replace(/\/+$/, '');
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
  return url.pathname
    .slice(basePath.length)
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR JSON response (msw's HttpResponse.json would say application/json). */
export function fhirResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': FHIR_JSON, ...init.headers },
  });
}

export function resourceKey(resource: FhirResource): string {
  return `${resource.resourceType}/${resource.id}`;
}
