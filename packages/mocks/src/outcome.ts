import type { OperationOutcome, OperationOutcomeIssue } from '@care-record/fhir';

/** An OperationOutcome with one issue, as FHIR servers return with errors. */
export function operationOutcome(
  severity: OperationOutcomeIssue['severity'],
  code: OperationOutcomeIssue['code'],
  diagnostics: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity, code, diagnostics, details: { text: diagnostics } }],
  };
}

/** The OperationOutcome issue type that fits an HTTP error status. */
export function issueCodeForStatus(status: number): OperationOutcomeIssue['code'] {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'login';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
      return 'not-supported';
    case 408:
    case 504:
      return 'timeout';
    case 409:
    case 412:
      return 'conflict';
    case 410:
      return 'deleted';
    case 422:
      return 'processing';
    case 429:
      return 'throttled';
    case 502:
    case 503:
      return 'transient';
    default:
      return status >= 500 ? 'exception' : 'processing';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request was not valid',
  401: 'Sign in is required to see this record',
  403: 'You do not have access to this record',
  404: 'The record was not found',
  408: 'The server timed out',
  409: 'The record was changed by someone else',
  410: 'The record has been deleted',
  422: 'The request could not be processed',
  429: 'Too many requests: please wait and try again',
  500: 'The server had an internal error',
  502: 'A gateway could not reach the record server',
  503: 'The record service is temporarily unavailable',
  504: 'A gateway timed out waiting for the record server',
};

/** A person-readable diagnostics text for an HTTP error status. */
export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `The server answered with status ${status}`;
}
