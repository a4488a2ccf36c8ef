import type { Bundle, FhirResource, OperationOutcome } from '@care-record/fhir';
import { setupWorker } from 'msw/browser';

export const BASE = 'https://fhir.test/R4';

/** One msw worker per test file, started in `before`, handlers added per test. */
export function startWorker(): { worker: ReturnType<typeof setupWorker> } {
  const holder = { worker: setupWorker() };
  before(async () => {
    await holder.worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  afterEach(() => holder.worker.resetHandlers());
  after(() => holder.worker.stop());
  return holder;
}

export async function getJson<T = Bundle>(url: string, init?: RequestInit): Promise<{ status: number; body: T; response: Response }> {
  const response = await fetch(url.startsWith('http') ? url : `${BASE}/${url}`, init);
  const body = (await response.json()) as T;
  return { status: response.status, body, response };
}

export const matchesOf = (bundle: Bundle): FhirResource[] =>
  (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource!);

export const idsOf = (bundle: Bundle): string[] => matchesOf(bundle).map((resource) => resource.id!);

export const includedOf = (bundle: Bundle): string[] =>
  (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'include').map((entry) => `${entry.resource!.resourceType}/${entry.resource!.id}`);

export const outcomeOf = (bundle: Bundle): OperationOutcome | undefined =>
  (bundle.entry ?? []).find((entry) => entry.search?.mode === 'outcome')?.resource as OperationOutcome | undefined;
