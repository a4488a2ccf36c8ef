import { Task, TaskStatus, initialState } from '@lit/task';
import { AccessDeniedError, AuthenticationRequiredError, isAbortError } from '@care-record/fhir';
import type { FhirClient, Patient } from '@care-record/fhir';
import type { CareRecordElement } from './care-record-element.js';

/** What a record task gets: the provider's client, the confirmed patient and an abort signal to pass on. */
export interface RecordTaskContext<A extends readonly unknown[] = readonly unknown[]> {
  client: FhirClient;
  patientId: string;
  patient: Patient | undefined;
  /** Aborted when a newer run starts: pass it to every client call. */
  signal: AbortSignal;
  /** The widget's own arguments (from `args`). */
  args: A;
}

export interface RecordTaskOptions<T, A extends readonly unknown[] = readonly unknown[]> {
  /** Loads the widget's data. */
  task: (context: RecordTaskContext<A>) => Promise<T>;
  /** The widget's own inputs (e.g. a code to trend); the task re-runs when any of them changes. */
  args?: () => A;
}

export interface RecordTaskRenderers<T> {
  /** The widget's content for the loaded data. */
  complete: (value: T) => unknown;
  /** Replaces the loading skeleton. */
  pending?: () => unknown;
  /** Replaces the error state (access denied and signed out are still handled here). */
  error?: (error: unknown, retry: () => void) => unknown;
}

/**
 * A `@lit/task` Task bound to the provider's client, patient and session: it runs when all three
 * allow reading, re-runs when any changes (or the widget's `args` do), and renders each shared state.
 * Only the latest run's result is ever shown (Task drops stale runs; the signal aborts them).
 */
export class RecordTask<T, A extends readonly unknown[] = readonly unknown[]> {
  readonly task: Task<readonly unknown[], T>;

  constructor(
    private readonly _host: CareRecordElement,
    options: RecordTaskOptions<T, A>,
  ) {
    this.task = new Task<readonly unknown[], T>(_host, {
      // The session's readability, not its status: a 'renewing' blip must not abort the request
      // that caused the renewal.
      args: () => [_host.client, _host.patientId, _host.auth, _host.canRead, ...(options.args?.() ?? [])],
      task: async (_args, { signal }) => {
        const { client, patientId } = _host;
        if (!client || !patientId || !_host.canRead) return initialState;
        const args = (options.args?.() ?? []) as unknown as A;
        return options.task({ client, patientId, patient: _host.patient, signal, args });
      },
      onError: (error) => {
        if (isAbortError(error) || error instanceof AccessDeniedError || error instanceof AuthenticationRequiredError) return;
        _host.dispatchError(error instanceof Error ? error : new Error(String(error)));
      },
    });
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** The latest loaded value (undefined until loaded). */
  get value(): T | undefined {
    return this.task.value;
  }

  get error(): unknown {
    return this.task.error;
  }

  /** Loads again with the current inputs (the Retry button). */
  readonly run = (): Promise<void> => this.task.run();

  /** The widget's content, or the shared state that applies instead. */
  render(renderers: RecordTaskRenderers<T>): unknown {
    const host = this._host;
    const auth = host.auth;
    const status = auth?.status;
    if (status === 'session-ended') return host['renderSessionEnded']();
    if (status === 'signed-out' || (!auth && !host.client)) return host['renderSignedOut']();
    if (status === 'signing-in') return host['renderLoading']();
    if (!host.client) return host['renderSignedOut']();

    const patientState = host.patientState;
    if (patientState.status === 'error') return this._renderFailure(patientState.error, undefined, renderers, true);
    if (!host.patientId) {
      return patientState.status === 'loading' ? host['renderLoading']() : host['renderNoPatient']();
    }

    switch (this.task.status) {
      case TaskStatus.COMPLETE:
        return renderers.complete(this.task.value as T);
      case TaskStatus.ERROR:
        return this._renderFailure(this.task.error, this.run, renderers, false);
      default:
        return renderers.pending ? renderers.pending() : host['renderLoading']();
    }
  }

  private _renderFailure(
    error: unknown,
    retry: (() => void) | undefined,
    renderers: RecordTaskRenderers<T>,
    patientFailed: boolean,
  ): unknown {
    const host = this._host;
    if (error instanceof AccessDeniedError) return host['renderAccessDenied']();
    if (error instanceof AuthenticationRequiredError) {
      return host.auth?.status === 'session-ended' ? host['renderSessionEnded']() : host['renderSignedOut']();
    }
    // The provider already says why the patient could not be found; widgets just stay empty-handed.
    if (patientFailed) return host['renderNoPatient'](host.strings.patientUnavailable);
    if (renderers.error && retry) return renderers.error(error, retry);
    return host['renderError'](error, retry);
  }
}

/**
 * The one way widgets load record data:
 *
 * ```ts
 * private _allergies = createRecordTask(this, {
 *   task: ({ client, patientId, signal }) =>
 *     client.search<AllergyIntolerance>('AllergyIntolerance', { patient: patientId }, { signal }),
 * });
 * override render() {
 *   return this._allergies.render({ complete: (result) => this._renderList(result) });
 * }
 * ```
 */
export function createRecordTask<T, A extends readonly unknown[] = readonly unknown[]>(
  host: CareRecordElement,
  options: RecordTaskOptions<T, A>,
): RecordTask<T, A> {
  return new RecordTask(host, options);
}
