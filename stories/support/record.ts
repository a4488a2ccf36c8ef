// Shared pieces for stories: a FHIR server mocked with msw over the packaged residents (or over a
// real fixture bundle from shared/fixtures/fhir), and a provider around the widget under test.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { HttpHandler } from 'msw';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault, FhirHandlersOptions } from '@care-record/mocks';
import type { Bundle } from '@care-record/fhir';
import '@care-record/elements/care-record-provider.js';

/** The FHIR base URL stories use; msw answers it in the browser. */
export const STORY_FHIR_BASE_URL = 'https://fhir.storybook.test/R4';

/** msw handlers over every packaged resident, with optional faults (see @care-record/mocks). */
export function residentHandlers(options: Partial<FhirHandlersOptions> & { faults?: FhirFault[] } = {}): HttpHandler[] {
  return createFhirHandlers({
    baseUrl: STORY_FHIR_BASE_URL,
    bundles: residents.map((resident) => resident.bundle),
    latency: 150,
    ...options,
  });
}

/** msw handlers over one fixture bundle (fetched by the story's loader). */
export function bundleHandlers(bundles: Bundle[], options: Partial<FhirHandlersOptions> = {}): HttpHandler[] {
  return createFhirHandlers({ baseUrl: STORY_FHIR_BASE_URL, bundles, latency: 100, ...options });
}

/** The packaged resident whose description mentions `keyword` (case-insensitive), else the first. */
export function residentId(keyword?: string): string {
  const match = keyword
    ? residents.find((resident) => `${resident.id} ${resident.name} ${resident.description}`.toLowerCase().includes(keyword.toLowerCase()))
    : undefined;
  return (match ?? residents[0]!).id;
}

/** A provider signed in with a host-supplied token (no IdP in Storybook), for one patient. */
export function withRecord(patientId: string | undefined, content: TemplateResult, options: { signedOut?: boolean } = {}): TemplateResult {
  const tokenProvider = options.signedOut ? () => undefined : () => 'storybook-token';
  return html`<care-record-provider
    fhir-base-url=${STORY_FHIR_BASE_URL}
    patient-id=${patientId ?? ''}
    auth-mode="token"
    .tokenProvider=${tokenProvider}
  >${content}</care-record-provider>`;
}

/** Fixture bundles from shared/fixtures/fhir, served by Storybook under /fixtures when present. */
export async function fixtureBundle(path: string): Promise<Bundle> {
  const response = await fetch(`/fixtures/${path}`);
  if (!response.ok) throw new Error(`Fixture ${path} is not available (shared/fixtures/fhir is beside the clone in CI).`);
  return (await response.json()) as Bundle;
}
