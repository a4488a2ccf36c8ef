export type * from './fhir-types.js';
export {
  CareRecordError,
  FhirHttpError,
  AuthenticationRequiredError,
  AccessDeniedError,
  NotFoundError,
  NetworkError,
  TimeoutError,
  InvalidResponseError,
  ConfigurationError,
  isAbortError,
  outcomeIssues,
} from './errors.js';
export type { OutcomeIssue, FhirHttpErrorOptions } from './errors.js';
export { SearchValue, escapeSearchValue, token, anyOf, searchQueryString } from './search-params.js';
export type { SearchParamValue, SearchParams } from './search-params.js';
export type { SearchResult, IncompleteReason } from './search-result.js';
export type { RetryOptions } from './retry.js';
export { FhirClient } from './client.js';
export type {
  TokenSource,
  RequestInterceptor,
  FhirClientOptions,
  RequestOptions,
  SearchOptions,
  FhirRequestEventDetail,
  FhirClientEventMap,
} from './client.js';
export { NHS_NUMBER_SYSTEM, ODS_ORGANIZATION_SYSTEM, findPatientByNhsNumber, odsCode } from './patient.js';
export type { PatientLookup, PatientLookupOptions } from './patient.js';
export * from './display/index.js';
export * from './codes.js';
export * from './model/index.js';
