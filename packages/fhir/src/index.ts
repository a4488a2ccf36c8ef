export type * from './fhir-types.js';
