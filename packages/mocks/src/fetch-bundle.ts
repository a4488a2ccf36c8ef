import type { Bundle } from '@care-record/fhir';

export interface FetchBundleOptions {
  signal?: AbortSignal;
  /** Defaults to globalThis.fetch, looked up at call time. */
  fetch?: typeof fetch;
}

/**
 * Fetches a FHIR Bundle (or single resource) JSON file by URL, for tests and stories that use the
 * shared fixtures (`/__shared/fixtures/fhir/synthea/…json` in the test runner). Pass the result to
 * `createFhirHandlers({ bundles: [...] })` or `loadBundle`. The package itself never needs the fixtures.
 * @throws Error when the file cannot be fetched or is not FHIR JSON.
 */
export async function fetchBundle<T = Bundle>(url: string | URL, options: FetchBundleOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const response = await doFetch(url, { headers: { Accept: 'application/fhir+json, application/json' }, signal: options.signal });
  if (!response.ok) throw new Error(`Could not fetch ${String(url)}: HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new Error(`${String(url)} is not JSON`);
  }
  if (typeof json !== 'object' || json === null || typeof (json as { resourceType?: unknown }).resourceType !== 'string') {
    throw new Error(`${String(url)} is not a FHIR resource`);
  }
  return json as T;
}
