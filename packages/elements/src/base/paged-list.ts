import { html, nothing } from 'lit';
import type { ReactiveController, TemplateResult } from 'lit';
import { isAbortError } from '@care-record/fhir';
import type { FhirClient, FhirResource, ResourceLookup, SearchResult } from '@care-record/fhir';
import type { CareRecordElement } from './care-record-element.js';
import { renderError, renderPartial } from './states.js';

/** A `page-size` attribute as a `_count`: a whole number from 1 to 100; `fallback` when it is not a number. */
export function pageSizeOf(value: unknown, fallback: number): number {
  const size = Math.round(Number(value));
  return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : fallback;
}

/** A search loaded a page at a time, with the people and organisations fetched to name its records. */
export interface SearchPages<R extends FhirResource = FhirResource> {
  result: SearchResult<R>;
  /** Resources fetched by reference (one batched request per type), keyed by the reference text. */
  parties: Map<string, FhirResource>;
}

/** What loading more gave. */
export interface LoadedPage<T> {
  /** The data with the new page in it. */
  data: T;
  /** Tells the audit trail what the page added; called once it is on screen. */
  report?: () => void;
  /** Part of the load failed though the rest came: shown and reported as a failed Load more. */
  failure?: unknown;
}

export interface PagedListOptions<T> {
  /** The record task's value: the first page, which Load more grows. A new one (another person, a retry) starts again. */
  base: () => T | undefined;
  /** Whether there is more to load after `data`. */
  hasMore: (data: T) => boolean;
  /** Loads what comes after `current`; pass `signal` to every request. */
  loadNext: (current: T, client: FhirClient, signal: AbortSignal) => Promise<LoadedPage<T>>;
  /** A Load more failed (not aborted), e.g. to fire `care-record-error`. */
  onError?: (error: unknown) => void;
  /** Just before the new page is shown, with what was shown until then. */
  onPage?: (previous: T) => void;
  /** A new base arrived: reset what belonged to the old list (open rows, filters by its values…). */
  onNewBase?: () => void;
}

/**
 * Load more for a list widget: holds the pages loaded since the record task's first one, whether
 * the next is loading and why the last attempt failed, all for the current base only. A new base
 * (another person, a retry, sign-out) aborts a load under way and drops the pages, so a late page is
 * never shown, reported or kept in memory; so does leaving the page.
 *
 * ```ts
 * private readonly _pages = new PagedListController(this, {
 *   base: () => this._task.value,
 *   hasMore: (data) => !!data.result.nextUrl,
 *   loadNext: async (current, client, signal) => ({ data: … }),
 * });
 * // render: this._renderList(this._pages.data(value)), then this._pages.renderMore(result, s.loadMoreFailed)
 * ```
 */
export class PagedListController<T extends object> implements ReactiveController {
  private _base?: T;
  private _data?: T;
  private _loading?: AbortController;
  private _failure?: { error: unknown };

  constructor(
    private readonly _host: CareRecordElement,
    private readonly _options: PagedListOptions<T>,
  ) {
    _host.addController(this);
  }

  /** True while the next page loads. */
  get loading(): boolean {
    return this._loading !== undefined;
  }

  /** `base` with everything loaded since. */
  data(base: T): T {
    return base === this._base && this._data ? this._data : base;
  }

  /** Replaces the data grown from `base` (e.g. after one source is tried again), unless a new base came meanwhile. */
  commit(base: T, data: T): void {
    if (this._sync() !== base) return;
    this._data = data;
    this._host.requestUpdate();
  }

  hostUpdate(): void {
    this._sync();
  }

  hostDisconnected(): void {
    this._loading?.abort();
  }

  /** Loads the next page: the Load more button's handler. */
  readonly loadMore = async (): Promise<void> => {
    const base = this._sync();
    const client = this._host.client;
    if (!base || !client || this._loading) return;
    const current = this.data(base);
    if (!this._options.hasMore(current)) return;
    const controller = new AbortController();
    const { signal } = controller;
    // A newer base (another person, a retry) replaced the list meanwhile, or the widget left the page.
    const stale = () => this._sync() !== base || signal.aborted;
    this._loading = controller;
    this._failure = undefined;
    this._host.requestUpdate();
    try {
      const page = await this._options.loadNext(current, client, signal);
      if (stale()) return;
      this._options.onPage?.(current);
      this._data = page.data;
      this._host.requestUpdate();
      if (page.report) {
        await this._host.updateComplete;
        // Record tasks report their own views; what Load more adds is reported here, once on screen.
        page.report();
      }
      if (page.failure !== undefined) this._fail(page.failure);
    } catch (error) {
      if (!isAbortError(error) && !stale()) this._fail(error);
    } finally {
      if (this._loading === controller) {
        this._loading = undefined;
        this._host.requestUpdate();
      }
    }
  };

  /** Why the last Load more failed, with Try again; nothing when it did not. */
  renderFailure(errorTitle: string): TemplateResult | typeof nothing {
    return this._failure ? renderError({ ...this._host.strings, errorTitle }, this._failure.error, this.loadMore) : nothing;
  }

  /** "Showing 20 of 45" with Load more while `result` has more pages, and why the last Load more failed. */
  renderMore(result: SearchResult, errorTitle: string): TemplateResult {
    return html`${result.complete
      ? nothing
      : renderPartial(this._host.strings, {
          shown: result.matches.length,
          total: result.total,
          onLoadMore: result.nextUrl ? this.loadMore : undefined,
          loading: this.loading,
        })}
    ${this.renderFailure(errorTitle)}`;
  }

  private _fail(error: unknown): void {
    this._failure = { error };
    this._options.onError?.(error);
  }

  /** The current base; a new one drops what belonged to the old. */
  private _sync(): T | undefined {
    const base = this._options.base();
    if (base !== this._base) {
      this._base = base;
      this._data = undefined;
      this._failure = undefined;
      this._loading?.abort();
      this._loading = undefined;
      this._options.onNewBase?.();
    }
    return base;
  }
}

export interface SearchPagesOptions<R extends FhirResource> {
  /** The record task's value: the first page. */
  base: () => SearchPages<R> | undefined;
  /** The section and resource type the audit trail is told Load more showed (`'allergies'`, `'AllergyIntolerance'`). */
  section: string;
  resourceType: string;
  /** Fetches the people and organisations that name the page's new records, adding to `known`. */
  fetchParties: (
    client: FhirClient,
    added: readonly R[],
    lookup: ResourceLookup,
    known: ReadonlyMap<string, FhirResource>,
    signal: AbortSignal,
  ) => Promise<Map<string, FhirResource>>;
  /** The lookup `fetchParties` is given: what the search (with the parties known so far) already names. */
  lookup: (result: SearchResult<R>, parties: ReadonlyMap<string, FhirResource>) => ResourceLookup;
  onError?: (error: unknown) => void;
  onPage?: (previous: SearchPages<R>) => void;
  onNewBase?: () => void;
}

/** Load more for a list made of one search, a page at a time (`client.loadMore(…, { maxPages: 1 })`). */
export class SearchPagesController<R extends FhirResource> extends PagedListController<SearchPages<R>> {
  constructor(
    host: CareRecordElement,
    private readonly _search: SearchPagesOptions<R>,
  ) {
    super(host, {
      base: _search.base,
      hasMore: (data) => !!data.result.nextUrl,
      loadNext: async (current, client, signal) => {
        const result = await client.loadMore(current.result, { signal, maxPages: 1 });
        const added = result.matches.slice(current.result.matches.length);
        const { parties } = await this.withParties(client, result, signal, added, current.parties);
        return {
          data: { result, parties },
          report: () => host['reportLoadedMore'](_search.section, _search.resourceType, added, result.requestUrls.slice(current.result.requestUrls.length)),
        };
      },
      onError: _search.onError,
      onPage: _search.onPage,
      onNewBase: _search.onNewBase,
    });
  }

  /** `result` with the parties that name its records (`added`, those of the first page by default): what the record task returns. */
  async withParties(
    client: FhirClient,
    result: SearchResult<R>,
    signal: AbortSignal,
    added: readonly R[] = result.matches,
    known: ReadonlyMap<string, FhirResource> = new Map(),
  ): Promise<SearchPages<R>> {
    const parties = await this._search.fetchParties(client, added, this._search.lookup(result, known), known, signal);
    return { result, parties };
  }
}

/** Load more for a list made of one search (see `SearchPagesController`). */
export function searchPages<R extends FhirResource>(host: CareRecordElement, options: SearchPagesOptions<R>): SearchPagesController<R> {
  return new SearchPagesController(host, options);
}
