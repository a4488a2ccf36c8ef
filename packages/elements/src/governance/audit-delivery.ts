import { CareRecordError, ConfigurationError, FhirHttpError, NetworkError, TimeoutError } from '@care-record/fhir';
import type { AuditEvent } from '@care-record/fhir';

/** How audit records are re-sent when the audit endpoint fails. */
export interface AuditRetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Wait before the second attempt; doubles for each further one (default 1000 ms). */
  baseDelayMs?: number;
  /** Longest wait between attempts, also for a server's Retry-After (default 30000 ms). */
  maxDelayMs?: number;
}

export const DEFAULT_AUDIT_RETRY: Required<AuditRetryOptions> = Object.freeze({ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 });

/**
 * An audit record could not be delivered to the audit endpoint after every attempt. It is kept (the
 * provider's `undeliveredAuditEvents`) and can be sent again (`retryAuditDelivery()`); the host
 * may also store it elsewhere. Reported as `care-record-error`.
 */
export class AuditDeliveryError extends CareRecordError {
  /** The AuditEvent that was not delivered. */
  readonly auditEvent: AuditEvent;
  readonly attempts: number;
  /** Where it was sent. */
  readonly endpoint: string;

  constructor(message: string, options: { auditEvent: AuditEvent; attempts: number; endpoint: string; cause?: unknown }) {
    super(message, 'audit-delivery-failed', { cause: options.cause });
    this.auditEvent = options.auditEvent;
    this.attempts = options.attempts;
    this.endpoint = options.endpoint;
  }
}

/**
 * Where AuditEvents go for an `audit-endpoint` value: a URL ending in `/AuditEvent` as it is,
 * anything else taken as a FHIR base (`{base}/AuditEvent`, the FHIR create interaction).
 * Relative values are resolved against the page.
 */
export function auditEndpointUrl(endpoint: string, baseUri: string): string {
  let url: URL;
  try {
    url = new URL(endpoint.trim(), baseUri);
  } catch {
    throw new ConfigurationError(`The audit endpoint “${endpoint}” is not a web address.`, 'audit-endpoint');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`The audit endpoint “${endpoint}” must start with https:// or http://.`, 'audit-endpoint');
  }
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = /\/AuditEvent$/.test(path) ? path : `${path}/AuditEvent`;
  return url.href;
}

/** Worth another attempt: no answer, a time-out, rate limiting, or the server briefly failing. */
function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) return true;
  if (error instanceof FhirHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  if (error instanceof CareRecordError) return false;
  return true;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends one AuditEvent; rejects when it was not accepted. */
export type AuditSender = (event: AuditEvent) => Promise<void>;

/**
 * An in-memory queue of AuditEvents on their way to the audit endpoint: sent one at a time, in
 * order, each retried with exponential backoff up to `maxAttempts`, then kept as undelivered and
 * reported through `onGiveUp`. Never blocks the record: callers add and go on.
 */
export class AuditQueue {
  private readonly _waiting: AuditEvent[] = [];
  private readonly _undelivered: AuditEvent[] = [];
  private _draining?: Promise<void>;

  constructor(
    private readonly _send: AuditSender,
    private readonly _onGiveUp: (error: AuditDeliveryError) => void,
    private readonly _retry: () => Required<AuditRetryOptions>,
    private readonly _endpoint: () => string,
    private readonly _message: (attempts: number) => string = (attempts) => `Audit record not delivered after ${attempts} attempt(s).`,
  ) {}

  /** Waiting to be sent, or being sent. */
  get pending(): readonly AuditEvent[] {
    return [...this._waiting];
  }

  /** Given up on after every attempt (each was reported). */
  get undelivered(): readonly AuditEvent[] {
    return [...this._undelivered];
  }

  /** Resolves when nothing is waiting (delivered or given up). */
  get settled(): Promise<void> {
    return this._draining ?? Promise.resolve();
  }

  add(event: AuditEvent): void {
    this._waiting.push(event);
    this._drain();
  }

  /** Sends the undelivered records again. */
  retryUndelivered(): void {
    this._waiting.push(...this._undelivered.splice(0));
    this._drain();
  }

  private _drain(): void {
    this._draining ??= (async () => {
      while (this._waiting.length) {
        await this._deliver(this._waiting[0]!);
        this._waiting.shift();
      }
    })().finally(() => {
      this._draining = undefined;
    });
  }

  private async _deliver(event: AuditEvent): Promise<void> {
    const retry = { ...DEFAULT_AUDIT_RETRY, ...this._retry() };
    const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
    for (let attempt = 1; ; attempt++) {
      try {
        await this._send(event);
        return;
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryable(error)) {
          this._undelivered.push(event);
          let endpoint = '';
          try {
            endpoint = this._endpoint();
          } catch {
            // The endpoint itself is the problem; the error says so.
          }
          const message = error instanceof ConfigurationError ? error.message : this._message(attempt);
          try {
            this._onGiveUp(new AuditDeliveryError(message, { auditEvent: event, attempts: attempt, endpoint, cause: error }));
          } catch {
            // A host's listener failing must not stop the queue.
          }
          return;
        }
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        const asked = error instanceof FhirHttpError && error.retryAfterMs !== undefined ? Math.min(retry.maxDelayMs, error.retryAfterMs) : 0;
        await wait(Math.max(backoff, asked));
      }
    }
  }
}
