/**
 * @care-record/mocks — a FHIR R4 server in msw handlers, for tests, Storybook and the sandbox.
 *
 * - {@link createFhirHandlers}: read, search (paging, sorting, includes), `$document`, bearer-token
 *   checks and fault injection over any bundles; {@link fhirFault} adds one fault with `worker.use()`.
 * - {@link loadBundle} / {@link indexResources}: any R4 Bundle (Synthea transactions with `urn:uuid:`
 *   references, documents, messages) into servable resources.
 * - {@link residents}: synthetic UK care-home residents shipped as data; {@link generateLargeResident}
 *   for benchmarks; {@link fetchBundle} for the shared fixture files.
 *
 * @example
 * import { setupWorker } from 'msw/browser';
 * import { createFhirHandlers, residents } from '@care-record/mocks';
 * const worker = setupWorker(...createFhirHandlers({ baseUrl: 'https://fhir.test/R4', bundles: residents.map((r) => r.bundle) }));
 * await worker.start({ onUnhandledRequest: 'bypass' });
 * @packageDocumentation
 */
export { createFhirHandlers, type FhirHandlersOptions, type TokenValidator } from './handlers.js';
export { fhirFault, type FhirFault, type FaultBodyKind } from './faults.js';
export { indexResources, loadBundle, ResourceIndex } from './resource-index.js';
export { parseReference, type ParsedReference } from './references.js';
export { buildDocument } from './document.js';
export { operationOutcome } from './outcome.js';
export { fetchBundle, type FetchBundleOptions } from './fetch-bundle.js';
export { residents, allResidentResources, generateLargeResident, type Resident, type LargeResidentOptions } from './residents/index.js';
