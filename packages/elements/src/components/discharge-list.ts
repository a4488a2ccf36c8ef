import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  DischargeDocumentMerge,
  formatDate,
  isAbortError,
  isDischargeSummary,
  referenceString,
} from '@care-record/fhir';
import type {
  ClinicalDocumentItem,
  ClinicalDocumentList,
  Composition,
  DocumentReference,
  Encounter,
  FhirClient,
  FhirResource,
  Reference,
  ResourceLookup,
  SearchResult,
  SummaryKind,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { InlineSummaryController } from '../base/inline-summary.js';
import { dayRange, listControlStyles, renderListControls, renderListCount, renderSelectControl } from '../base/list-controls.js';
import type { ListControlStrings } from '../base/list-controls.js';
import { summaryCompositionSearch, summaryDocumentReferenceSearch } from '../base/queries.js';
import { createRecordTask } from '../base/record-task.js';
import { renderError, serverMessages } from '../base/states.js';
import { statusBadges, summaryKindLabel } from './discharge-summary.js';
import { defaultDischargeListStrings } from './discharge-list.strings.js';
import type { DischargeListKind, DischargeListStrings } from './discharge-list.strings.js';
import { dischargeListStyles } from './discharge-list.styles.js';
export { defaultDischargeListStrings } from './discharge-list.strings.js';
export type { DischargeListKind, DischargeListStrings } from './discharge-list.strings.js';

const NOT_KNOWN_ORGANISATION = '\u0000not-known';

/** The two searches behind the list, as loaded so far, and the names fetched for them. */
interface DischargePage {
  compositions?: SearchResult<Composition>;
  documentReferences?: SearchResult<DocumentReference>;
  compositionsError?: unknown;
  documentReferencesError?: unknown;
  /** The person's SMART scopes do not cover that resource type: it was not asked for. */
  compositionsNotPermitted?: boolean;
  documentReferencesNotPermitted?: boolean;
  /** Organisations, practitioners and encounters fetched by reference (not included by the searches). */
  extra: Map<string, FhirResource>;
  /** The search's first page, when this one grew from it by Load more (the merge goes on from it). */
  origin?: DischargePage;
}

/** What the list has merged so far: Load more adds each new page to it rather than merging again. */
interface MergedPages {
  origin: DischargePage;
  page: DischargePage;
  merge: DischargeDocumentMerge;
  /** How much of each search's matches and included resources has been merged. */
  compositions: number;
  documentReferences: number;
  includedCompositions: number;
  includedDocumentReferences: number;
  list: ClinicalDocumentList;
}

/** A page's matches after `from`, when they are the ones merged so far plus more (searches only ever add). */
function newMatches<T>(matches: readonly T[] | undefined, from: number, last: T | undefined): readonly T[] | undefined {
  const list = matches ?? [];
  if (list.length < from || (from > 0 && list[from - 1] !== last)) return undefined;
  return list.slice(from);
}

const isEncounter = (resource: FhirResource): resource is Encounter => resource.resourceType === 'Encounter';

function pageRemaining(result: SearchResult | undefined): number | undefined {
  if (!result || result.complete) return 0;
  return result.total === undefined ? undefined : Math.max(0, result.total - result.matches.length);
}

/**
 * A resident's hospital discharge summaries, emergency department and ambulance summaries, newest
 * first, from structured documents (`Composition`) and document files (`DocumentReference`: PDFs,
 * HTML) merged into one list without duplicates: a PDF that renders a Composition becomes a file of
 * that row, not a row of its own. Each row shows the date, hospital (and how old the record is),
 * care setting, author, kind, status badges (Preliminary, Amended), the stay's dates and what files
 * there are. Summaries marked as entered in error are left out, with a notice saying how many.
 *
 * Long records come a page at a time ("Showing 20 of 212" and Load more); dates and the hospital
 * filter what has been loaded. Choosing a row fires `care-record-select`; unless the host calls
 * `preventDefault()`, the summary opens in place of the list (which keeps its page and filters) with a
 * "Back to list" button: focus moves to the summary's heading, and back to the row on return
 * (Escape also returns). Replacing the list works at 320px, where a summary below a long list
 * would be out of sight.
 *
 * Searches (two, in parallel, one page each): `Composition?patient={id}&type={codes}&_sort=-date` and
 * `DocumentReference?patient={id}&type={codes}&_sort=-date`, where `{codes}` is an OR list of every
 * summary type code the model recognises (SNOMED 373942005 discharge summary — which UK emergency
 * care summaries share, told apart by their care setting —, SNOMED 312711000000101 ambulance patient
 * summary, the LOINC discharge summary codes and LOINC 59258-4 emergency department summary). Typed
 * rather than every document filtered here, because a shared record holds many other documents (a GP
 * consultation note per visit, letters, care plans): an untyped page of 20 could hold no summary at
 * all, and its total would count documents the list never shows, so "Showing 20 of 212" would not
 * count summaries. Results are still checked with `isDischargeSummary`, for servers that ignore the
 * parameter. Organisations and authors the searches do not include are fetched in batches.
 *
 * @tag discharge-list
 * @summary Discharge, emergency department and ambulance summaries, newest first.
 *
 * @fires care-record-select - A row was chosen (detail `{ resource, reference }`); cancelable: `preventDefault()` keeps the summary from opening here.
 * @fires care-record-error - A search failed (detail `{ error, source }`).
 *
 * @csspart list - The list of summaries.
 * @csspart row - One summary.
 * @csspart row-button - The button that opens a summary.
 * @csspart badge - Status badges (Preliminary, Amended).
 * @csspart filters - The date and hospital filters.
 * @csspart notice - Notices (entered in error, part failed).
 * @csspart header - The opened summary's header; also its `section`, `narrative`, `attachment` (from `<discharge-summary>`).
 * @csspart heading - Headings.
 * @csspart button - Buttons; also `load-more-button`, `retry-button`, `clear-filters-button`.
 *
 * @cssprop --care-record-discharge-list-row-gap - Space between rows (default 8px).
 */
export class DischargeList extends CareRecordElement {
  static override stringsNamespace = 'discharge-list';

  static override styles = [CareRecordElement.styles, listControlStyles, dischargeListStyles];

  /** Summaries per page of each search (1–100, default 20). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** Which summaries to show: 'discharge', 'emergency-department' or 'all' (with ambulance summaries; default). */
  @property() kind: DischargeListKind = 'all';

  @state() private _page?: DischargePage;
  @state() private _loadingMore = false;
  @state() private _moreError?: unknown;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _organisation = '';

  /** The task result `_page` grew from: a new search (another patient, a retry) starts again. */
  private _pageBase?: DischargePage;
  private _moreController?: AbortController;
  /** The row to focus once the rows Load more added have been painted. */
  private _focusAfterLoad?: string;
  private _focusFrame?: number;
  private _focusTimer?: number;
  private readonly _summary = new InlineSummaryController(this, (key) => this._rowButton(key));
  // Memoised views of the record (`_…Cache`: sign-out drops them, see forgetDerivedRecordData).
  private _mergedCache?: MergedPages;
  private _kindCache?: { list: ClinicalDocumentList; kind: DischargeListKind; items: ClinicalDocumentItem[] };
  private _filteredCache?: { items: ClinicalDocumentItem[]; from: string; to: string; organisation: string; timeZone: string; shown: ClinicalDocumentItem[] };
  private _organisationsCache?: { items: ClinicalDocumentItem[]; locale: string; names: string[]; someNotKnown: boolean };
  private _unidentifiedKeyCache?: WeakMap<FhirResource, string>;
  private _unidentifiedCount = 0;
  /** Each row's template, made once per item (Load more re-renders the list; earlier rows stay as they were). */
  private _rowCache?: { stamp: readonly unknown[]; rows: WeakMap<ClinicalDocumentItem, TemplateResult> };

  private readonly _searches = createRecordTask(this, {
    args: () => [this._effectivePageSize] as const,
    section: 'discharges',
    // What the audit trail is told was shown: the rows, not the documents searched.
    count: (page: DischargePage) => this._ofKind(this._merged(page)).length,
    task: async ({ client, patientId, signal, args: [count] }): Promise<DischargePage> => {
      // Either kind of record is enough for a useful list: a person whose SMART scopes cover only one
      // sees that one, with a notice (both missing is the shared "no permission" state, in render).
      const compositionsPermitted = this.hasScopeFor('Composition');
      const documentsPermitted = this.hasScopeFor('DocumentReference');
      if (!compositionsPermitted && !documentsPermitted) return { compositionsNotPermitted: true, documentReferencesNotPermitted: true, extra: new Map() };
      const [compositions, documentReferences] = await Promise.allSettled([
        compositionsPermitted
          ? client.search<Composition>(...summaryCompositionSearch(patientId, count), { signal, maxPages: 1 })
          : Promise.resolve(undefined),
        documentsPermitted
          ? client.search<DocumentReference>(...summaryDocumentReferenceSearch(patientId, count), { signal, maxPages: 1 })
          : Promise.resolve(undefined),
      ]);
      // One part failing does not blank the other; both failing is the list's failure, told by the
      // reason a person can act on first (sign in again, then access, then anything else).
      const failed = [compositions, documentReferences].filter((settled): settled is PromiseRejectedResult => settled.status === 'rejected');
      const asked = Number(compositionsPermitted) + Number(documentsPermitted);
      if (failed.length === asked) {
        const reasons = failed.map((settled) => settled.reason);
        throw (
          reasons.find((r) => r instanceof AuthenticationRequiredError) ?? reasons.find((r) => r instanceof AccessDeniedError) ?? reasons[0]
        );
      }
      for (const settled of [compositions, documentReferences]) {
        if (settled.status === 'rejected' && isAbortError(settled.reason)) throw settled.reason;
      }
      const page: DischargePage = {
        compositions: compositions.status === 'fulfilled' ? compositions.value : undefined,
        documentReferences: documentReferences.status === 'fulfilled' ? documentReferences.value : undefined,
        compositionsError: compositions.status === 'rejected' ? compositions.reason : undefined,
        documentReferencesError: documentReferences.status === 'rejected' ? documentReferences.reason : undefined,
        compositionsNotPermitted: !compositionsPermitted,
        documentReferencesNotPermitted: !documentsPermitted,
        extra: new Map(),
      };
      for (const settled of [compositions, documentReferences]) {
        if (settled.status === 'rejected' && !(settled.reason instanceof AccessDeniedError) && !(settled.reason instanceof AuthenticationRequiredError)) {
          this.dispatchError(settled.reason instanceof Error ? settled.reason : new Error(String(settled.reason)));
        }
      }
      page.extra = await this._resolveNames(client, page, signal);
      return page;
    },
  });

  /** The list's strings with the host's overrides. */
  get listStrings(): DischargeListStrings {
    return this.localStrings(defaultDischargeListStrings, ['discharge-summary', 'discharge-list']);
  }

  private get _effectivePageSize(): number {
    const size = Math.round(Number(this.pageSize));
    return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : 20;
  }

  private get _effectiveKind(): DischargeListKind {
    return this.kind === 'discharge' || this.kind === 'emergency-department' ? this.kind : 'all';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._moreController?.abort();
    this._cancelFocusAfterLoad();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const base = this._searches.value;
    if (base !== this._pageBase) {
      // A new search (another resident, a retry, a new page size): start again from its first page.
      this._moreController?.abort();
      this._pageBase = base;
      this._page = base;
      this._moreError = undefined;
      this._loadingMore = false;
      this._summary.reset();
      this._organisation = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this._focusAfterLoad !== undefined) {
      const key = this._focusAfterLoad;
      this._focusAfterLoad = undefined;
      this._cancelFocusAfterLoad();
      // Once the new rows are painted (a task after the frame): focusing now would make the browser
      // lay the whole list out at once, and again when it paints.
      this._focusFrame = requestAnimationFrame(() => {
        this._focusFrame = undefined;
        this._focusTimer = window.setTimeout(() => {
          this._focusTimer = undefined;
          this._rowButton(key)?.focus();
        });
      });
    }
  }

  private _rowButton(key: string): HTMLButtonElement | undefined {
    for (const button of this.shadowRoot?.querySelectorAll<HTMLButtonElement>('.row-button') ?? []) {
      if (button.dataset.key === key) return button;
    }
    return undefined;
  }

  private _cancelFocusAfterLoad(): void {
    if (this._focusFrame !== undefined) cancelAnimationFrame(this._focusFrame);
    if (this._focusTimer !== undefined) clearTimeout(this._focusTimer);
    this._focusFrame = undefined;
    this._focusTimer = undefined;
  }

  /** The loading skeleton says what is loading. */
  protected override renderLoading(label: string = this.listStrings.listLoading): TemplateResult {
    return super.renderLoading(label);
  }

  override render(): TemplateResult {
    const strings = this.listStrings;
    const kind = this._effectiveKind;
    return html`<section class="discharge-list" aria-labelledby="list-heading">
      ${this.renderHeading(strings.listHeading(kind), { id: 'list-heading' })} ${this.renderIdentityLine()}
      ${this._searches.render({
        complete: (value) => this._renderLoaded(this._page ?? value),
      })}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  /**
   * Names of hospitals and authors the searches did not include (Composition has no `custodian`
   * search parameter to `_include`, and encounters name the hospital as `serviceProvider`): fetched
   * in batches, one search per type, only for references with no display and on this server.
   */
  private async _resolveNames(
    client: FhirClient,
    page: DischargePage,
    signal: AbortSignal,
    /** Matches already looked at (an earlier page's): Load more asks only for the new ones' names. */
    seen: { compositions: number; documentReferences: number } = { compositions: 0, documentReferences: 0 },
  ): Promise<Map<string, FhirResource>> {
    const lookup = this._lookup(page);
    const wanted: Reference[] = [];
    const want = (reference: Reference | undefined, from: FhirResource) => {
      const text = referenceString(reference);
      if (!reference || !text || text.startsWith('#') || text.startsWith('urn:') || reference.display) return;
      if (!lookup(reference, from)) wanted.push(reference);
    };
    for (const composition of page.compositions?.matches.slice(seen.compositions) ?? []) {
      want(composition.custodian, composition);
      composition.author?.forEach((author) => want(author, composition));
      const encounter = lookup(composition.encounter, composition);
      if (encounter?.resourceType === 'Encounter' && !composition.custodian) want(encounter.serviceProvider, encounter);
    }
    for (const documentReference of page.documentReferences?.matches.slice(seen.documentReferences) ?? []) {
      want(documentReference.custodian, documentReference);
      documentReference.author?.forEach((author) => want(author, documentReference));
    }
    const extra = new Map(page.extra);
    if (!wanted.length) return extra;
    try {
      for (const [key, value] of await client.resolveReferences(wanted, { signal })) extra.set(key, value);
    } catch (error) {
      // Names are a nicety: without them rows say "Not known" and the list still shows every summary.
      if (isAbortError(error)) throw error;
    }
    return extra;
  }

  private _lookup(page: DischargePage): ResourceLookup {
    return (reference, from) => {
      const text = referenceString(reference);
      return (
        page.compositions?.resolve(reference, from) ??
        page.documentReferences?.resolve(reference, from) ??
        (text ? page.extra.get(text) : undefined)
      );
    };
  }

  /**
   * The merged list for a page (cached: rendering asks often, the page changes rarely). A page that
   * Load more grew from the one merged last only adds its new entries to the merge, so loading
   * everything a page at a time costs what one merge of everything would.
   */
  private _merged(page: DischargePage): ClinicalDocumentList {
    const cached = this._mergedCache;
    if (cached?.page === page) return cached.list;
    const origin = page.origin ?? page;
    const grown = cached?.origin === origin ? cached : undefined;
    const compositions = newMatches(page.compositions?.matches, grown?.compositions ?? 0, grown?.page.compositions?.matches[grown.compositions - 1]);
    const documentReferences = newMatches(
      page.documentReferences?.matches,
      grown?.documentReferences ?? 0,
      grown?.page.documentReferences?.matches[grown.documentReferences - 1],
    );
    if (grown && (!compositions || !documentReferences)) {
      // Not what was merged plus more (never expected): merge this page afresh.
      this._mergedCache = undefined;
      return this._merged(page);
    }
    const merge = grown?.merge ?? new DischargeDocumentMerge();
    const included = (result: SearchResult | undefined, from: number) => (result?.included ?? []).slice(from).filter(isEncounter);
    const list = merge.add((compositions ?? []).filter(isDischargeSummary), (documentReferences ?? []).filter(isDischargeSummary), {
      resolve: this._lookup(page),
      encounters: [
        ...included(page.compositions, grown?.includedCompositions ?? 0),
        ...included(page.documentReferences, grown?.includedDocumentReferences ?? 0),
      ],
    });
    this._mergedCache = {
      origin,
      page,
      merge,
      compositions: page.compositions?.matches.length ?? 0,
      documentReferences: page.documentReferences?.matches.length ?? 0,
      includedCompositions: page.compositions?.included.length ?? 0,
      includedDocumentReferences: page.documentReferences?.included.length ?? 0,
      list,
    };
    return list;
  }

  private _ofKind(list: ClinicalDocumentList): ClinicalDocumentItem[] {
    const kind = this._effectiveKind;
    if (kind === 'all') return list.items;
    const cached = this._kindCache;
    if (cached?.list === list && cached.kind === kind) return cached.items;
    const items = list.items.filter((item) => item.kind === (kind as SummaryKind));
    this._kindCache = { list, kind, items };
    return items;
  }

  private _filtered(items: ClinicalDocumentItem[]): ClinicalDocumentItem[] {
    const timeZone = this.settings.timeZone;
    const from = this._from;
    const to = this._to;
    const organisation = this._organisation;
    if (!from && !to && !organisation) return items;
    const cached = this._filteredCache;
    if (cached && cached.items === items && cached.from === from && cached.to === to && cached.organisation === organisation && cached.timeZone === timeZone) {
      return cached.shown;
    }
    const shown = items.filter((item) => {
      if (organisation) {
        const name = item.organisation?.name?.trim();
        if (organisation === NOT_KNOWN_ORGANISATION ? !!name : name !== organisation) return false;
      }
      if (from || to) {
        const range = dayRange(item.date ?? item.periodEnd, timeZone);
        // An undated summary cannot be said to fall in a range: it is left out while dates filter.
        if (!range) return false;
        if (from && range[1] < from) return false;
        if (to && range[0] > to) return false;
      }
      return true;
    });
    this._filteredCache = { items, from, to, organisation, timeZone, shown };
    return shown;
  }

  private readonly _loadMore = async (): Promise<void> => {
    const page = this._page;
    const client = this.client;
    if (!page || !client || this._loadingMore) return;
    this._moreController?.abort();
    const controller = new AbortController();
    this._moreController = controller;
    const signal = controller.signal;
    this._loadingMore = true;
    this._moreError = undefined;
    const before = new Set(this._ofKind(this._merged(page)).map((item) => this._key(item)));
    try {
      const [compositions, documentReferences] = await Promise.all([
        page.compositions?.nextUrl ? client.loadMore(page.compositions, { signal, maxPages: 1 }) : page.compositions,
        page.documentReferences?.nextUrl ? client.loadMore(page.documentReferences, { signal, maxPages: 1 }) : page.documentReferences,
      ]);
      const next: DischargePage = { ...page, compositions, documentReferences, origin: page.origin ?? page };
      next.extra = await this._resolveNames(client, next, signal, {
        compositions: page.compositions?.matches.length ?? 0,
        documentReferences: page.documentReferences?.matches.length ?? 0,
      });
      if (signal.aborted || this._page !== page) return;
      const added = this._ofKind(this._merged(next)).filter((item) => !before.has(this._key(item)));
      // Focus goes to the first new row shown (none when the filters hide them all).
      const firstNew = this._filtered(this._ofKind(this._merged(next))).find((item) => !before.has(this._key(item)));
      this._focusAfterLoad = firstNew ? this._key(firstNew) : undefined;
      this._page = next;
      await this.updateComplete;
      // Record tasks report their own views; what Load more adds is reported here, once on screen.
      const newUrls = [
        ...(compositions?.requestUrls.slice(page.compositions?.requestUrls.length ?? 0) ?? []),
        ...(documentReferences?.requestUrls.slice(page.documentReferences?.requestUrls.length ?? 0) ?? []),
      ];
      this.reportViewed({
        section: 'discharges',
        count: added.length,
        references: added.flatMap((item) => [item.reference, ...item.mergedReferences]).filter((r): r is string => !!r),
        requestUrls: newUrls,
      });
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      this._moreError = error;
      this.dispatchError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      if (this._moreController === controller) {
        this._loadingMore = false;
        this._moreController = undefined;
      }
    }
  };

  /** A row's key: its reference, or for a document without an id one of its own (stable while it is loaded). */
  private _key(item: ClinicalDocumentItem): string {
    if (item.reference) return item.reference;
    this._unidentifiedKeyCache ??= new WeakMap();
    let key = this._unidentifiedKeyCache.get(item.resource);
    if (!key) {
      key = `${item.source}:unidentified-${++this._unidentifiedCount}`;
      this._unidentifiedKeyCache.set(item.resource, key);
    }
    return key;
  }

  // ---------------------------------------------------------------------------------------------
  // Choosing a summary


  // ---------------------------------------------------------------------------------------------
  // Rendering

  private _renderLoaded(page: DischargePage): TemplateResult {
    const strings = this.listStrings;
    if (page.compositionsNotPermitted && page.documentReferencesNotPermitted) return this.renderScopeDenied(strings.listScopeLabel);
    const kind = this._effectiveKind;
    const merged = this._merged(page);
    const items = this._ofKind(merged);
    const shown = this._filtered(items);
    const rows = this._rows();
    const open = this._summary.open;
    const notPermitted = (part: 'compositions' | 'documents') =>
      html`<p class="notice warning" part="notice" role="note">${strings.listPartNotPermitted(part)}</p>`;
    const notices = html`${page.compositionsNotPermitted ? notPermitted('compositions') : nothing}
    ${page.documentReferencesNotPermitted ? notPermitted('documents') : nothing}
    ${page.compositionsError ? this._renderPartFailure('compositions', page.compositionsError) : nothing}
    ${page.documentReferencesError ? this._renderPartFailure('documents', page.documentReferencesError) : nothing}
    ${this._renderOutcomes(page)}
    ${merged.excludedEnteredInError
      ? html`<p class="notice" part="notice" role="note">${strings.listEnteredInError(merged.excludedEnteredInError)}</p>`
      : nothing}`;
    const incomplete = [page.compositions, page.documentReferences].some((r) => r && !r.complete);
    return html`<div class="list-view" ?hidden=${!!open}>
        ${notices}
        ${items.length === 0 && !incomplete
          ? this.renderEmpty(strings.listEmpty(kind))
          : html`${items.length > 1 || this._from || this._to || this._organisation ? this._renderFilters(items, shown.length) : nothing}
            ${shown.length
              ? html`<ul class="rows" part="list" @click=${this._onRowClick}>
                  ${repeat(
                    shown,
                    (item) => this._key(item),
                    (item) => this._row(rows, item),
                  )}
                </ul>`
              : items.length
                ? html`<p class="state empty" part="state empty">${strings.noMatches}</p>`
                : this.renderEmpty(strings.listNoneLoadedYet)}
            ${this._renderPaging(page, items.length)}`}
      </div>
      ${this._summary.render({
        renderings: page.documentReferences?.matches ?? [],
        headingLevel: this.effectiveHeadingLevel + 1,
        patientBanner: this.patientBanner,
        superseded: open?.superseded,
      })}`;
  }

  private _renderPartFailure(part: 'compositions' | 'documents', error: unknown): TemplateResult {
    const strings = this.listStrings;
    const message = error instanceof AccessDeniedError ? this.strings.accessDenied : undefined;
    return html`<div class="notice warning" part="notice" role="alert">
      <p>${strings.listPartFailed(part)}</p>
      ${message ? html`<p>${message}</p>` : nothing}
      ${serverMessages(error).map((text) => html`<p>${this.strings.serverSaid(text)}</p>`)}
      <button class="button secondary-button" part="button retry-button" type="button" @click=${this._searches.run}>${this.strings.retry}</button>
    </div>`;
  }

  /** Warnings the server attached to the searches (e.g. "data awaiting filing"): shown, never hidden. */
  private _renderOutcomes(page: DischargePage): TemplateResult | typeof nothing {
    const messages = [...(page.compositions?.outcomes ?? []), ...(page.documentReferences?.outcomes ?? [])]
      .flatMap((outcome) => outcome.issue)
      .filter((issue) => issue.severity !== 'information')
      .map((issue) => (issue.details?.text ?? issue.diagnostics)?.trim())
      .filter((text): text is string => !!text);
    const unique = [...new Set(messages)];
    if (!unique.length) return nothing;
    return html`<div class="notice" part="notice" role="note">
      ${unique.map((text) => html`<p>${this.listStrings.serverNoted(text)}</p>`)}
    </div>`;
  }

  /** The hospitals of the loaded summaries, in the locale's order, and whether some are not known. */
  private _organisations(items: ClinicalDocumentItem[]): { names: string[]; someNotKnown: boolean } {
    const locale = this.settings.locale;
    const cached = this._organisationsCache;
    if (cached?.items === items && cached.locale === locale) return cached;
    const names = new Set<string>();
    let someNotKnown = false;
    for (const item of items) {
      const name = item.organisation?.name?.trim();
      if (name) names.add(name);
      else someNotKnown = true;
    }
    const collator = new Intl.Collator(locale);
    this._organisationsCache = { items, locale, names: [...names].sort(collator.compare), someNotKnown };
    return this._organisationsCache;
  }

  private _renderFilters(items: ClinicalDocumentItem[], shown: number): TemplateResult {
    const strings = this.listStrings;
    const { names, someNotKnown } = this._organisations(items);
    const options = [
      { value: '', label: strings.filterAllOrganisations },
      ...names.map((name) => ({ value: name, label: name })),
      ...(someNotKnown ? [{ value: NOT_KNOWN_ORGANISATION, label: strings.filterOrganisationNotKnown }] : []),
    ];
    const countStrings: ListControlStrings = {
      controlsLabel: () => strings.filtersLabel,
      filteredCount: strings.filteredCount,
      clearFilters: strings.clearFilters,
      noMatches: strings.noMatches,
    };
    const dateInput = (id: string, label: string, value: string, onChange: (value: string) => void) =>
      html`<div class="control control-date">
        <label class="control-label" for=${id}>${label}</label>
        <input
          id=${id}
          class="control-input"
          part="control date"
          type="date"
          .value=${live(value)}
          @change=${(event: Event) => onChange((event.target as HTMLInputElement).value)}
        />
      </div>`;
    return html`<div class="filters" part="filters">
      ${renderListControls(strings.filtersLabel, [
        dateInput('filter-from', strings.filterFrom, this._from, (value) => (this._from = value)),
        dateInput('filter-to', strings.filterTo, this._to, (value) => (this._to = value)),
        renderSelectControl({
          id: 'filter-organisation',
          label: strings.filterOrganisation,
          value: options.some((o) => o.value === this._organisation) ? this._organisation : '',
          options,
          onChange: (value) => (this._organisation = value),
        }),
      ])}
      ${renderListCount(countStrings, { shown, total: items.length, allText: strings.summaryCount(items.length), onClear: this._clearFilters })}
    </div>`;
  }

  private readonly _clearFilters = (): void => {
    this._from = '';
    this._to = '';
    this._organisation = '';
  };

  private _renderPaging(page: DischargePage, shown: number): TemplateResult | typeof nothing {
    const results = [page.compositions, page.documentReferences].filter((r): r is SearchResult<Composition> | SearchResult<DocumentReference> => !!r);
    if (results.every((result) => result.complete)) return nothing;
    const remaining = results.map(pageRemaining);
    const total = remaining.some((r) => r === undefined) ? undefined : shown + remaining.reduce<number>((sum, r) => sum + (r ?? 0), 0);
    const canLoadMore = results.some((result) => result.nextUrl);
    return html`${this.renderPartial({
      shown,
      total,
      onLoadMore: canLoadMore ? this._loadMore : undefined,
      loading: this._loadingMore,
    })}
    ${this._moreError ? renderError({ ...this.strings, errorTitle: this.listStrings.loadMoreFailed }, this._moreError, this._loadMore) : nothing}`;
  }

  /** Rows made so far, while the strings, locale, time zone and day stay the same. */
  private _rows(): WeakMap<ClinicalDocumentItem, TemplateResult> {
    const { locale, timeZone } = this.settings;
    // The day is part of it because rows say how long ago a summary was written.
    const stamp = [this.listStrings, this.strings, locale, timeZone, new Date().toDateString()];
    const cached = this._rowCache;
    if (cached && cached.stamp.every((value, index) => value === stamp[index])) return cached.rows;
    this._rowCache = { stamp, rows: new WeakMap() };
    return this._rowCache.rows;
  }

  private _row(rows: WeakMap<ClinicalDocumentItem, TemplateResult>, item: ClinicalDocumentItem): TemplateResult {
    let row = rows.get(item);
    if (!row) {
      row = this._renderRow(item);
      rows.set(item, row);
    }
    return row;
  }

  private _renderRow(item: ClinicalDocumentItem): TemplateResult {
    const strings = this.listStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const date = formatDate(item.date ?? item.periodEnd, display) ?? strings.notKnown;
    const kindLabel = summaryKindLabel(item.kind, strings);
    const title = item.title?.trim() || item.typeText || kindLabel;
    const stay =
      item.kind === 'emergency-department' || item.kind === 'ambulance'
        ? item.periodStart
          ? strings.rowAttended(formatDate(item.periodStart, display)!)
          : ''
        : strings.rowStay(formatDate(item.periodStart, display), formatDate(item.periodEnd, display));
    const fileKinds = [...new Set(item.attachments.map((a) => (a.kind === 'pdf' ? 'PDF' : a.kind === 'html' ? 'HTML' : a.kind === 'text' ? 'text' : 'other')))];
    const badges = statusBadges(item, strings);
    const careSetting = item.careSetting ? strings.rowCareSetting(item.careSetting) : '';
    const files = fileKinds.length ? strings.rowFiles(fileKinds.join(', ')) : '';
    // One template per row (spans without text are hidden rather than left out): thousands of rows
    // are made on Load more, and each nested template would be made and walked on its own.
    return html`<li class="row" part="row">
      <button class="row-button" part="row-button" type="button" data-key=${this._key(item)}>
        <span class="row-date">${date}</span>
        <span class="row-title">${title}</span>
      </button>
      <p class="row-kind">
        <span class="kind kind-${item.kind}">${kindLabel}</span>
        ${badges.length ? badges : nothing}
      </p>
      <p class="source">${this.sourceLine(item.organisation?.name, item.date)}</p>
      <p class="row-detail">
        <span ?hidden=${!careSetting}>${careSetting}</span>
        <span>${strings.rowAuthor(item.author?.name ?? strings.notKnown)}</span>
        <span ?hidden=${!stay}>${stay}</span>
        <span ?hidden=${!files}>${files}</span>
      </p>
    </li>`;
  }

  /** Rows' buttons, through one listener on the list. */
  private readonly _onRowClick = (event: MouseEvent): void => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.row-button');
    const key = button?.dataset.key;
    const page = this._page;
    if (key === undefined || !page) return;
    const item = this._ofKind(this._merged(page)).find((candidate) => this._key(candidate) === key);
    if (item) void this._summary.select(item, key);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'discharge-list': DischargeList;
  }
}
