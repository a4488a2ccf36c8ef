import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController } from 'lit';
import { AccessDeniedError, AuthenticationRequiredError, isAbortError } from '@care-record/fhir';
import type { FhirClient, FhirResource, Patient, SearchResult } from '@care-record/fhir';
import { RequestRecorder } from '../governance/request-log.js';
import { resourceTypeLabel } from '../governance/scopes.js';
import type { CareRecordElement } from './care-record-element.js';

/** What a record task gets: the provider's client, the confirmed patient and an abort signal to pass on. */
export interface RecordTaskContext<A extends readonly unknown[] = readonly unknown[]> {
  /** The provider's client (recording the URLs this run asks for, for the audit trail). */
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
  /**
   * The FHIR resource types this section cannot do without, e.g. `['AllergyIntolerance']`. When the
   * person's SMART scopes do not cover one of them, the section says "You don't have permission to
   * see allergies" and asks for nothing. Leave out types the section can do without (e.g. the
   * Practitioner who recorded an allergy).
   */
  resourceTypes?: readonly string[];
  /** What the section shows, for the permission message ("allergies"); worked out from `resourceTypes` when not given. */
  scopeLabel?: string;
  /** The section's name in the audit trail, e.g. `allergies`; the widget's tag when not given. */
  section?: string;
  /** How many items the loaded value shows, for the audit; by default the matches of the SearchResults it holds. */
  count?: (value: T) => number | undefined;
  /**
   * `false` when the widget reports its views itself (`reportViewed`). By default each run that asked
   * the server for something is reported after its data has rendered (or when it failed).
   */
  audit?: boolean;
}

export interface RecordTaskRenderers<T> {
  /** The widget's content for the loaded data. */
  complete: (value: T) => unknown;
  /** Replaces the loading skeleton. */
  pending?: () => unknown;
  /** Replaces the error state (access denied and signed out are still handled here). */
  error?: (error: unknown, retry: () => void) => unknown;
  /** The error state's title in place of the general one ("Allergy information unavailable"). */
  errorTitle?: string;
}

/** One task run's requests, for the audit report. */
interface RunRecord {
  patientId: string;
  urls: readonly string[];
  value?: unknown;
  error?: unknown;
}

function isSearchResult(value: unknown): value is SearchResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as SearchResult).matches) && Array.isArray((value as SearchResult).requestUrls);
}

function isResource(value: unknown): value is FhirResource {
  return typeof value === 'object' && value !== null && typeof (value as FhirResource).resourceType === 'string' && typeof (value as FhirResource).id === 'string';
}

/** The SearchResults a loaded value holds: itself, its items, or its own properties (one level down). */
function searchResultsIn(value: unknown): SearchResult[] {
  if (isSearchResult(value)) return [value];
  if (Array.isArray(value)) return value.filter(isSearchResult);
  if (typeof value === 'object' && value !== null) return Object.values(value).filter(isSearchResult);
  return [];
}

/** What a loaded value shows, for the audit: how many items, and which resources. */
function shownIn(value: unknown): { count?: number; references: string[] } {
  const results = searchResultsIn(value);
  if (results.length) {
    const matches = results.flatMap((result) => result.matches);
    return { count: matches.length, references: matches.filter(isResource).map((resource) => `${resource.resourceType}/${resource.id}`) };
  }
  if (isResource(value)) return { count: 1, references: [`${value.resourceType}/${value.id}`] };
  if (Array.isArray(value)) {
    return { count: value.length, references: value.filter(isResource).map((resource) => `${resource.resourceType}/${resource.id}`) };
  }
  return { references: [] };
}

/**
 * A `@lit/task` Task bound to the provider's client, patient and session: it runs when all three
 * allow reading (and the person's SMART scopes cover the section), re-runs when any changes (or the
 * widget's `args` do), renders each shared state, and reports each view to the audit trail.
 * Only the latest run's result is ever shown (Task drops stale runs; the signal aborts them). When the
 * record may no longer be read (signed out, session ended, another hold) the loaded value is dropped
 * from memory as well as from the screen.
 */
export class RecordTask<T, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  #task: Task<readonly unknown[], T>;
  #lastRun?: RunRecord;
  // Kept without the widget's argument types, so a RecordTask<T, [number]> is still a RecordTask<T>.
  readonly #options: RecordTaskOptions<T, readonly unknown[]>;

  constructor(
    private readonly _host: CareRecordElement,
    options: RecordTaskOptions<T, A>,
  ) {
    this.#options = options as unknown as RecordTaskOptions<T, readonly unknown[]>;
    // Added before the Task, so hostUpdate can drop a value before the Task looks at its arguments.
    _host.addController(this);
    this.#task = this.#createTask();
  }

  /** The underlying `@lit/task` Task (replaced by a fresh one when the record may no longer be read). */
  get task(): Task<readonly unknown[], T> {
    return this.#task;
  }

  get status(): TaskStatus {
    return this.#task.status;
  }

  /** The latest loaded value (undefined until loaded). */
  get value(): T | undefined {
    return this.#task.value;
  }

  get error(): unknown {
    return this.#task.error;
  }

  /** True when the person's SMART scopes cover every resource type of `resourceTypes`. */
  get scopeAllowed(): boolean {
    return this.#deniedResourceType() === undefined;
  }

  /** Loads again with the current inputs (the Retry button). */
  readonly run = (): Promise<void> => this.#task.run();

  hostUpdate(): void {
    const host = this._host;
    const readable = Boolean(host.client && host.patientId && host.canRead);
    const holding = this.#task.status === TaskStatus.COMPLETE || this.#task.status === TaskStatus.ERROR;
    // Signed out, timed out or held back: nothing of the record stays in memory here either.
    if (!readable && holding) {
      this.#task.abort();
      host.removeController(this.#task);
      this.#lastRun = undefined;
      this.#task = this.#createTask();
      host.forgetDerivedRecordData();
    }
  }

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
    if (patientState.status === 'error') return this.#renderFailure(patientState.error, undefined, renderers, true);
    const hold = host.recordHold;
    if (hold) return host['renderRecordHold'](hold);
    if (!host.patientId) {
      return patientState.status === 'loading' ? host['renderLoading']() : host['renderNoPatient']();
    }
    const denied = this.#deniedResourceType();
    if (denied) return host['renderScopeDenied'](this.#options.scopeLabel ?? resourceTypeLabel(denied));

    switch (this.#task.status) {
      case TaskStatus.COMPLETE:
        return renderers.complete(this.#task.value as T);
      case TaskStatus.ERROR:
        return this.#renderFailure(this.#task.error, this.run, renderers, false);
      default:
        return renderers.pending ? renderers.pending() : host['renderLoading']();
    }
  }

  #deniedResourceType(): string | undefined {
    return this.#options.resourceTypes?.find((type) => !this._host.hasScopeFor(type));
  }

  #createTask(): Task<readonly unknown[], T> {
    const host = this._host;
    const options = this.#options;
    return new Task<readonly unknown[], T>(host, {
      // The session's readability, not its status: a 'renewing' blip must not abort the request
      // that caused the renewal.
      args: () => [host.client, host.patientId, host.auth, host.canRead, this.scopeAllowed, ...(options.args?.() ?? [])],
      task: async (_args, { signal }) => {
        const { client, patientId } = host;
        if (!client || !patientId || !host.canRead || !this.scopeAllowed) return initialState;
        const args = options.args?.() ?? [];
        const recorder = new RequestRecorder(client);
        try {
          const value = await options.task({ client: recorder.client, patientId, patient: host.patient, signal, args });
          if (!signal.aborted) this.#lastRun = { patientId, urls: recorder.urls, value };
          return value;
        } catch (error) {
          if (!signal.aborted) this.#lastRun = { patientId, urls: recorder.urls, error };
          throw error;
        }
      },
      onComplete: (value) => this.#reportAfterRender(value),
      onError: (error) => {
        if (isAbortError(error) || error instanceof AccessDeniedError || error instanceof AuthenticationRequiredError) {
          if (error instanceof AccessDeniedError) this.#reportFailure(error);
          return;
        }
        host.dispatchError(error instanceof Error ? error : new Error(String(error)));
        this.#reportFailure(error);
      },
    });
  }

  /** Reports a successful view once the data is on screen (the next render after the Task completes). */
  #reportAfterRender(value: T): void {
    const run = this.#lastRun;
    if (this.#options.audit === false || !run || run.value !== value || run.urls.length === 0) return;
    const task = this.#task;
    const host = this._host;
    // The Task asks for its render just after this callback: wait a microtask, then for that render.
    void Promise.resolve()
      .then(() => host.updateComplete)
      .then(() => {
        if (this.#task !== task || task.status !== TaskStatus.COMPLETE || task.value !== value) return;
        if (!host.isConnected || host.patientId !== run.patientId || !host.canRead) return;
        const shown = shownIn(value);
        const count = this.#options.count ? this.#options.count(value) : shown.count;
        host.reportViewed({
          section: this.#options.section ?? host.localName,
          ...(this.#options.resourceTypes ? { resourceTypes: this.#options.resourceTypes } : {}),
          ...(count !== undefined ? { count } : {}),
          references: shown.references,
          requestUrls: run.urls,
        });
      });
  }

  #reportFailure(error: unknown): void {
    const run = this.#lastRun;
    if (this.#options.audit === false || !run || run.error !== error || run.urls.length === 0) return;
    this._host.reportViewed({
      section: this.#options.section ?? this._host.localName,
      ...(this.#options.resourceTypes ? { resourceTypes: this.#options.resourceTypes } : {}),
      requestUrls: run.urls,
      outcome: 'failure',
      error,
    });
  }

  #renderFailure(error: unknown, retry: (() => void) | undefined, renderers: RecordTaskRenderers<T>, patientFailed: boolean): unknown {
    const host = this._host;
    if (error instanceof AccessDeniedError) return host['renderAccessDenied']();
    if (error instanceof AuthenticationRequiredError) {
      return host.auth?.status === 'session-ended' ? host['renderSessionEnded']() : host['renderSignedOut']();
    }
    // The provider already says why the patient could not be found; widgets just stay empty-handed.
    if (patientFailed) return host['renderNoPatient'](host.strings.patientUnavailable);
    if (renderers.error && retry) return renderers.error(error, retry);
    return host['renderError'](error, retry, retry ? renderers.errorTitle : undefined);
  }
}

/**
 * The one way widgets load record data:
 *
 * ```ts
 * private _allergies = createRecordTask(this, {
 *   resourceTypes: ['AllergyIntolerance'],
 *   section: 'allergies',
 *   task: ({ client, patientId, signal }) =>
 *     client.search<AllergyIntolerance>('AllergyIntolerance', { patient: patientId }, { signal }),
 * });
 * override render() {
 *   return html`${this.renderIdentityLine()}${this._allergies.render({ complete: (result) => this._renderList(result) })}`;
 * }
 * ```
 */
export function createRecordTask<T, A extends readonly unknown[] = readonly unknown[]>(
  host: CareRecordElement,
  options: RecordTaskOptions<T, A>,
): RecordTask<T, A> {
  return new RecordTask(host, options);
}
