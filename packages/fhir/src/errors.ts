import type { OperationOutcome } from './fhir-types.js';

/** One issue of a FHIR OperationOutcome, flattened (`text` is the issue's `details.text`). */
export interface OutcomeIssue {
  severity: string;
  code: string;
  diagnostics?: string;
  text?: string;
}

/** Base class of every error the library throws. `code` is stable; `message` is written for a person. */
export class CareRecordError extends Error {
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Options shared by the HTTP error classes. */
export interface FhirHttpErrorOptions {
  status: number;
  url: string;
  issues?: OutcomeIssue[];
  retryAfterMs?: number;
  message?: string;
  code?: string;
  cause?: unknown;
}

/** The record server answered with an HTTP error status; `issues` come from its OperationOutcome. */
export class FhirHttpError extends CareRecordError {
  readonly status: number;
  readonly url: string;
  readonly issues: OutcomeIssue[];
  /** How long the server asked us to wait (429/503 `Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  constructor(options: FhirHttpErrorOptions) {
    const issues = options.issues ?? [];
    super(
      options.message ?? withOutcome(defaultHttpMessage(options.status, options.retryAfterMs), issues),
      options.code ?? 'http-error',
      { cause: options.cause },
    );
    this.status = options.status;
    this.url = options.url;
    this.issues = issues;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 401: the session has ended or the token was refused. */
export class AuthenticationRequiredError extends FhirHttpError {
  constructor(options: Omit<FhirHttpErrorOptions, 'status' | 'code'> & { status?: number }) {
    super({
      ...options,
      status: options.status ?? 401,
      code: 'authentication-required',
      message: options.message ?? withOutcome('Your session has ended. Please sign in again to see this record.', options.issues ?? []),
    });
  }
}

/** 403: signed in, but not allowed to see this person's record. */
export class AccessDeniedError extends FhirHttpError {
  constructor(options: Omit<FhirHttpErrorOptions, 'status' | 'code'> & { status?: number }) {
    super({
      ...options,
      status: options.status ?? 403,
      code: 'access-denied',
      message: options.message ?? "You don't have access to this person's record",
    });
  }
}

/** 404 or 410 (`gone`: the record was deleted). */
export class NotFoundError extends FhirHttpError {
  readonly gone: boolean;

  constructor(options: Omit<FhirHttpErrorOptions, 'code'>) {
    const gone = options.status === 410;
    super({
      ...options,
      code: 'not-found',
      message:
        options.message ??
        withOutcome(gone ? 'This record has been deleted from the record server.' : 'The record server could not find this record.', options.issues ?? []),
    });
    this.gone = gone;
  }
}

/** The record server could not be reached (offline, DNS, CORS refusal, connection reset). */
export class NetworkError extends CareRecordError {
  readonly url: string;

  constructor(url: string, options?: { cause?: unknown }) {
    super('The record server could not be reached. Check the connection and try again.', 'network', options);
    this.url = url;
  }
}

/** No response within the per-request time limit. */
export class TimeoutError extends CareRecordError {
  readonly url: string;
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number) {
    super(`The record server did not respond in time (${formatDuration(timeoutMs)}).`, 'timeout');
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}

/** The response could not be used: not JSON, the wrong resourceType, or not a Bundle where one is due. */
export class InvalidResponseError extends CareRecordError {
  readonly url: string;

  constructor(url: string, problem: string, options?: { cause?: unknown }) {
    super(`The record server sent a response that could not be read (${problem}).`, 'invalid-response', options);
    this.url = url;
  }
}

/** A provider or client was configured wrongly (the message names the setting). */
export class ConfigurationError extends CareRecordError {
  readonly setting?: string;

  constructor(message: string, setting?: string) {
    super(message, 'configuration');
    this.setting = setting;
  }
}

/** True for the DOMException an aborted signal rejects with: callers re-throw these as they are. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Flattens an OperationOutcome's issues (`details.text` becomes `text`). */
export function outcomeIssues(outcome: OperationOutcome | undefined): OutcomeIssue[] {
  return (outcome?.issue ?? []).map((issue) => {
    const flat: OutcomeIssue = { severity: issue.severity, code: issue.code };
    if (issue.diagnostics) flat.diagnostics = issue.diagnostics;
    if (issue.details?.text) flat.text = issue.details.text;
    return flat;
  });
}

/** "30 s", "1.5 s", "250 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Math.round(ms / 100) / 10} s`;
}

function defaultHttpMessage(status: number, retryAfterMs: number | undefined): string {
  if (status === 429) {
    return retryAfterMs !== undefined
      ? `The record server is busy. Please try again in ${formatWait(retryAfterMs)}.`
      : 'The record server is busy. Please try again in a moment.';
  }
  if (status === 503 && retryAfterMs !== undefined) {
    return `The record server is unavailable. Please try again in ${formatWait(retryAfterMs)}.`;
  }
  if (status >= 500) return `The record server had a problem (HTTP ${status}). Please try again later.`;
  return `The record server could not answer this request (HTTP ${status}).`;
}

function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Appends what the server said (issue text, else diagnostics) so the person sees the real reason. */
function withOutcome(message: string, issues: OutcomeIssue[]): string {
  const serious = issues.filter((issue) => issue.severity === 'fatal' || issue.severity === 'error');
  const said = [...new Set((serious.length ? serious : issues).map((issue) => issue.text ?? issue.diagnostics).filter(Boolean))];
  return said.length ? `${message} The server said: ${said.join('; ')}` : message;
}
