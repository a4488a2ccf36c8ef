export { createFhirHandlers, type FhirHandlersOptions, type TokenValidator } from './handlers.js';
export { fhirFault, type FhirFault, type FaultBodyKind } from './faults.js';
export { indexResources, loadBundle, ResourceIndex } from './resource-index.js';
export { parseReference, type ParsedReference } from './references.js';
export { buildDocument } from './document.js';
export { operationOutcome } from './outcome.js';
export { fetchBundle, type FetchBundleOptions } from './fetch-bundle.js';
export { residents, allResidentResources, generateLargeResident, type Resident, type LargeResidentOptions } from './residents/index.js';
