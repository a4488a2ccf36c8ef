// Clinical domain models: pure, DOM-free functions from FHIR resources to the view models widgets render.
export * from './references.js';
export * from './provenance.js';
export * from './lists.js';
export * from './allergies.js';
export * from './medications.js';
export * from './documents.js';
export * from './results.js';
export * from './encounters.js';
export * from './problems.js';
export * from './care-plans.js';
