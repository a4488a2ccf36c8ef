import { html, nothing, svg } from 'lit';
import type { PropertyValues, SVGTemplateResult, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  CareRecordError,
  encounterTimeline,
  formatDate,
  formatDateTime,
  formatHumanName,
  isAbortError,
  isEnteredInError,
  preferredName,
  referenceString,
} from '@care-record/fhir';
import type {
  Composition,
  DocumentReference,
  Encounter,
  EncounterItem,
  EncounterKind,
  EncounterTimeline,
  FhirClient,
  FhirResource,
  Patient,
  Reference,
  ResourceLookup,
  SearchResult,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { InlineSummaryController } from '../base/inline-summary.js';
import { createRecordTask } from '../base/record-task.js';
import { compositionSearch, documentReferenceSearch, encounterSearch } from '../base/queries.js';
import { renderSearchNotes, searchOutcomeTexts, serverMessages } from '../base/states.js';
import { dayRange, inDayRange, listControlStyles, renderDateControl, renderListControls, renderListCount } from '../base/list-controls.js';
import { pageSizeOf, searchPages } from '../base/paged-list.js';
import type { SearchPages } from '../base/paged-list.js';
import { fetchReferences, recordLookup } from '../base/record-parties.js';
import { TaskStatus } from '@lit/task';
import { encounterListStyles } from './encounter-list.styles.js';
import { encounterListStrings } from './encounter-list.strings.js';
import type { EncounterFilterKind, EncounterListStrings } from './encounter-list.strings.js';

export { encounterListStrings } from './encounter-list.strings.js';
export type { EncounterFilterKind, EncounterListStrings } from './encounter-list.strings.js';

export const ENCOUNTER_FILTER_KINDS: readonly EncounterFilterKind[] = ['inpatient', 'emergency', 'ambulance', 'outpatient', 'other'];

/** The filter group an encounter kind belongs to. */
export function filterKindOf(kind: EncounterKind): EncounterFilterKind {
  return kind === 'inpatient' || kind === 'emergency' || kind === 'ambulance' || kind === 'outpatient' ? kind : 'other';
}

/** The encounters loaded so far, with the organisations, places, conditions and clinicians the search did not include, fetched by reference. */
export type EncounterPage = SearchPages<Encounter>;

/** The documents that may have been written for the encounters (discharge, ED and ambulance summaries…). */
interface LinkedDocuments {
  compositions?: SearchResult<Composition>;
  documentReferences?: SearchResult<DocumentReference>;
  error?: unknown;
}

interface EncounterView {
  timeline: EncounterTimeline;
  raw: Map<string, Encounter>;
  lookup: ResourceLookup;
}

/**
 * Days in hospital, counted as NHS length of stay: discharge date minus admission date (midnights),
 * in the display time zone. Undefined when either date is only a month or a year.
 */
export function lengthOfStayDays(start: string | undefined, end: string | undefined, timeZone: string, now: Date = new Date()): number | undefined {
  const from = dayRange(start, timeZone);
  const to = end ? dayRange(end, timeZone) : dayRange(now.toISOString(), timeZone);
  if (!from || !to || from[0] !== from[1] || to[0] !== to[1]) return undefined;
  const days = Math.round((Date.parse(`${to[0]}T00:00:00Z`) - Date.parse(`${from[0]}T00:00:00Z`)) / 86400000);
  return days >= 0 ? days : undefined;
}

/**
 * Fetches, in one batched request per resource type, the names the encounter search did not include:
 * service providers and places without a display, the conditions given as reasons or diagnoses, and
 * the clinicians taking part. A failure leaves them as "Not known": the timeline must still show.
 */
async function fetchEncounterParties(
  client: FhirClient,
  encounters: readonly Encounter[],
  lookup: ResourceLookup,
  known: ReadonlyMap<string, FhirResource>,
  signal: AbortSignal,
): Promise<Map<string, FhirResource>> {
  const parties = new Map(known);
  const wanted = new Map<string, Reference>();
  const want = (reference: Reference | undefined, from: Encounter) => {
    const text = referenceString(reference);
    if (!reference || !text || reference.display || text.startsWith('#') || text.startsWith('urn:')) return;
    if (lookup(reference, from) || parties.has(text)) return;
    wanted.set(text, reference);
  };
  for (const encounter of encounters) {
    want(encounter.serviceProvider, encounter);
    encounter.location?.forEach((location) => want(location.location, encounter));
    encounter.reasonReference?.forEach((reason) => want(reason, encounter));
    encounter.diagnosis?.forEach((diagnosis) => want(diagnosis.condition, encounter));
    encounter.participant?.forEach((participant) => want(participant.individual, encounter));
  }
  await fetchReferences(client, wanted, parties, signal);
  return parties;
}

function encounterLookup(page: EncounterPage, documents: LinkedDocuments | undefined, patient: Patient | undefined): ResourceLookup {
  return recordLookup([page.result, documents?.compositions, documents?.documentReferences], page.parties, patient);
}

/** Decorative icons: the kind is always written beside them. 24×24, currentColor. */
const KIND_ICONS: Record<EncounterKind, SVGTemplateResult> = {
  // A bed.
  inpatient: svg`<path d="M3 6h2v7h6V8h7a3 3 0 0 1 3 3v7h-2v-3H5v3H3V6Zm4 1.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z"/>`,
  // A cross in a square: emergency care.
  emergency: svg`<path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm6 4v3H7v4h3v3h4v-3h3v-4h-3V7h-4Z"/>`,
  // An ambulance.
  ambulance: svg`<path d="M2 6h12v3h4l4 4v5h-2a2.5 2.5 0 0 1-5 0H9a2.5 2.5 0 0 1-5 0H2V6Zm5 1.5v2H5v2h2v2h2v-2h2v-2H9v-2H7Zm9 3.5v2h3.6l-2-2H16ZM6.5 17a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm11 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z"/>`,
  // A clipboard.
  outpatient: svg`<path d="M9 2h6v2h3a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3V2Zm1 2v2h4V4h-4ZM8 10v2h8v-2H8Zm0 4v2h6v-2H8Z"/>`,
  // A house.
  community: svg`<path d="M12 3 2 11h3v10h5v-6h4v6h5V11h3L12 3Z"/>`,
  // A telephone.
  virtual: svg`<path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1L6.6 10.8Z"/>`,
  // A circle.
  other: svg`<circle cx="12" cy="12" r="6"/>`,
};

function kindIcon(kind: EncounterKind): TemplateResult {
  return html`<svg class="kind-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24" fill="currentColor">
    ${KIND_ICONS[kind] ?? KIND_ICONS.other}
  </svg>`;
}

/**
 * A resident's contacts with health services as a timeline, newest first: hospital stays, emergency
 * department and ambulance attendances, outpatient appointments, home and community visits. Each
 * shows its kind in words with an icon (never colour alone), what it was (type), when (admitted and
 * discharged, with the length of stay, for hospital stays), status, reason, diagnoses, where, where the
 * person was discharged to, the hospital or service and who they were seen by; and buttons for the
 * summaries written for it ("Discharge summary", "ED summary", "Ambulance summary": Compositions whose
 * `encounter`, and DocumentReferences whose `context.encounter`, refer to it). Choosing a summary fires
 * `care-record-select`; unless the host calls `preventDefault()`, the summary opens in
 * `<discharge-summary>` in place of the timeline (which keeps its page and filters) with "Back to list"
 * (or Escape) returning to the button. Filters by kind (checkboxes) and date range. Encounters marked
 * as entered in error are left out with a notice.
 *
 * Searches `Encounter?patient={id}&_sort=-date&_include=Encounter:service-provider&_include=Encounter:location&_count={page-size}`
 * one page at a time ("Showing 50 of 412" and Load more), and — separately, so that a failure there
 * never blanks the timeline — `Composition?patient={id}` and the document list's
 * `DocumentReference?patient={id}&_sort=-date&…` (every page), so the client's cache answers that
 * one once for both. Names the encounter search did not include are fetched in one batched request
 * per type.
 *
 * @tag encounter-list
 * @summary A timeline of hospital stays, emergency, ambulance and outpatient attendances, with their summaries.
 *
 * @fires care-record-select - A summary was chosen (detail `{ resource, reference }`); cancelable: `preventDefault()` keeps it from opening here.
 * @fires care-record-error - A search failed (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `item-heading`).
 * @csspart filters - The kind and date filters; each control has part `control`.
 * @csspart count - "12 visits and stays", or "Showing 3 of 12" while filters hide some.
 * @csspart notice - Notices (entered in error, summaries that could not be loaded).
 * @csspart list - The timeline (an ordered list, newest first).
 * @csspart item - One visit or stay; also `item-{kind}` (`item-inpatient`, `item-emergency`…).
 * @csspart kind - The kind, in words with its icon.
 * @csspart details - Its details (when, status, reason, where…).
 * @csspart summary-button - A button opening a summary written for it.
 * @csspart source - Where and when each was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (retry, load more, clear filters).
 * @csspart header - The opened summary's header; also its `section`, `narrative`, `attachment`, `badge` (from `<discharge-summary>`).
 *
 * @cssprop --care-record-encounter-list-line-color - The timeline's line and markers (defaults to the border colour).
 * @cssprop --care-record-encounter-list-emergency-color - Marker of emergency and ambulance attendances (defaults to the error colour).
 */
export class EncounterList extends CareRecordElement {
  static override stringsNamespace = 'encounter-list';

  static override styles = [CareRecordElement.styles, listControlStyles, encounterListStyles];

  /** Encounters asked for per request (`_count`, 1–100, default 50); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 50;

  /**
   * Kinds shown, as a space- or comma-separated list of `inpatient`, `emergency`, `ambulance`,
   * `outpatient` and `other` (default: all). People can change it with the checkboxes.
   */
  @property({ attribute: 'kinds' }) kinds = 'inpatient emergency ambulance outpatient other';

  @state() private _from = '';
  @state() private _to = '';

  private _focusAfterLoad?: Set<string>;
  private readonly _summary = new InlineSummaryController(
    this,
    (key) => [...(this.shadowRoot?.querySelectorAll<HTMLButtonElement>('.summary-button') ?? [])].find((button) => button.dataset.key === key),
  );
  private _viewCache?: { page: EncounterPage; documents: LinkedDocuments | undefined; patient: Patient | undefined; view: EncounterView };

  private readonly _encounters = createRecordTask(this, {
    args: () => [pageSizeOf(this.pageSize, 50)] as const,
    resourceTypes: ['Encounter'],
    section: 'encounters',
    // What the audit trail is told was shown: the visits on screen (entered-in-error ones are not).
    count: (page: EncounterPage) => page.result.matches.filter((encounter) => !isEnteredInError(encounter)).length,
    task: async ({ client, patientId, signal, args: [count] }): Promise<EncounterPage> =>
      this._pages.withParties(client, await client.search<Encounter>(...encounterSearch(patientId, count), { signal, maxPages: 1 }), signal),
  });

  private readonly _pages = searchPages(this, {
    base: () => this._encounters.value,
    section: 'encounters',
    resourceType: 'Encounter',
    fetchParties: fetchEncounterParties,
    lookup: (result, parties) => recordLookup(result, parties, this.patient),
    onError: (error) => this.dispatchError(error),
    // After Load more, focus moves to the first new visit (the button it replaced may be gone).
    onPage: (previous) => (this._focusAfterLoad = new Set(this._filtered(this._view(previous).timeline.items).map((item) => item.reference ?? ''))),
    // A new search (another resident, a retry, a new page size): the timeline is shown again.
    onNewBase: () => this._summary.reset(),
  });

  private readonly _documents = createRecordTask(this, {
    section: 'encounters',
    // Shown as the buttons of the visits they were written for.
    count: (documents: LinkedDocuments) =>
      (documents.compositions?.matches ?? []).filter((composition) => composition.encounter).length +
      (documents.documentReferences?.matches ?? []).filter((document) => document.context?.encounter?.length).length,
    task: async ({ client, patientId, signal }): Promise<LinkedDocuments> => {
      // Summaries are extra: a person whose SMART scopes cover neither still sees the timeline.
      // Documents: the document list's search (its first page is one request for both), read on.
      const [compositions, documentReferences] = await Promise.allSettled([
        this.hasScopeFor('Composition') ? client.search<Composition>(...compositionSearch(patientId), { signal }) : Promise.resolve(undefined),
        this.hasScopeFor('DocumentReference')
          ? client.search<DocumentReference>(...documentReferenceSearch(patientId), { signal })
          : Promise.resolve(undefined),
      ]);
      for (const settled of [compositions, documentReferences]) {
        if (settled.status === 'rejected' && isAbortError(settled.reason)) throw settled.reason;
      }
      const failure = [compositions, documentReferences].find((settled) => settled.status === 'rejected') as PromiseRejectedResult | undefined;
      if (failure && !(failure.reason instanceof AccessDeniedError) && !(failure.reason instanceof AuthenticationRequiredError)) {
        this.dispatchError(failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason)));
      }
      return {
        compositions: compositions.status === 'fulfilled' ? compositions.value : undefined,
        documentReferences: documentReferences.status === 'fulfilled' ? documentReferences.value : undefined,
        error: failure?.reason,
      };
    },
  });

  /** The encounter list's strings with the host's overrides. */
  get encounterStrings(): EncounterListStrings {
    return this.localStrings(encounterListStrings);
  }

  /** The kinds chosen, from `kinds` (unknown words ignored; nothing known means every kind). */
  private get _shownKinds(): Set<EncounterFilterKind> {
    const chosen = (this.kinds ?? '')
      .split(/[\s,]+/)
      .map((word) => word.trim().toLowerCase())
      .filter((word): word is EncounterFilterKind => (ENCOUNTER_FILTER_KINDS as readonly string[]).includes(word));
    return new Set(chosen.length || !(this.kinds ?? '').trim() ? chosen : ENCOUNTER_FILTER_KINDS);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this._focusAfterLoad) {
      const before = this._focusAfterLoad;
      this._focusAfterLoad = undefined;
      const heading = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('.item-heading') ?? [])].find((h) => !before.has(h.dataset.key ?? ''));
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
  }

  protected override renderLoading(label: string = this.encounterStrings.encounterLoading): TemplateResult {
    return super.renderLoading(label);
  }

  override render(): TemplateResult {
    const s = this.encounterStrings;
    return html`<section class="encounter-list" part="section" aria-labelledby="encounter-heading">
      ${this.renderHeading(s.encounterHeading, { id: 'encounter-heading' })} ${this.renderIdentityLine()}
      ${this._encounters.render({
        complete: (page) => this._renderLoaded(this._pages.data(page)),
        errorTitle: s.encounterUnavailable,
      })}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  private get _loadedDocuments(): LinkedDocuments | undefined {
    if (this._documents.status === TaskStatus.COMPLETE) return this._documents.value;
    if (this._documents.status === TaskStatus.ERROR) return { error: this._documents.error };
    return undefined;
  }

  private _view(page: EncounterPage): EncounterView {
    const documents = this._loadedDocuments;
    const cache = this._viewCache;
    if (cache && cache.page === page && cache.documents === documents && cache.patient === this.patient) return cache.view;
    const lookup = encounterLookup(page, documents, this.patient);
    const timeline = encounterTimeline(page.result.matches, {
      compositions: documents?.compositions?.matches ?? [],
      documentReferences: documents?.documentReferences?.matches ?? [],
      resolve: lookup,
    });
    const raw = new Map(page.result.matches.filter((e) => e.id).map((e) => [`Encounter/${e.id}`, e]));
    const view = { timeline, raw, lookup };
    this._viewCache = { page, documents, patient: this.patient, view };
    return view;
  }

  private _filtered(items: EncounterItem[]): EncounterItem[] {
    const kinds = this._shownKinds;
    const timeZone = this.settings.timeZone;
    return items.filter((item) => {
      if (!kinds.has(filterKindOf(item.kind))) return false;
      // A visit is in range when any of it is: from its start to its end (a stay over the boundary counts).
      return inDayRange(item.start ?? item.end, item.end ?? item.start, this._from, this._to, timeZone);
    });
  }

  private _setKind(kind: EncounterFilterKind, shown: boolean): void {
    const kinds = this._shownKinds;
    if (shown) kinds.add(kind);
    else kinds.delete(kind);
    this.kinds = ENCOUNTER_FILTER_KINDS.filter((k) => kinds.has(k)).join(' ');
  }

  private readonly _clearFilters = (): void => {
    this.kinds = ENCOUNTER_FILTER_KINDS.join(' ');
    this._from = '';
    this._to = '';
  };

  // ---------------------------------------------------------------------------------------------
  // Opening a summary


  // ---------------------------------------------------------------------------------------------
  // Rendering

  private _renderLoaded(page: EncounterPage): TemplateResult {
    const s = this.encounterStrings;
    const view = this._view(page);
    const { result } = page;
    const items = view.timeline.items;
    const shown = this._filtered(items);
    const excluded = view.timeline.excluded.enteredInError;
    const documents = this._loadedDocuments;
    const open = this._summary.open;
    return html`<div class="list-view" ?hidden=${!!open}>
        ${renderSearchNotes(searchOutcomeTexts(result), s.serverNoted)}
        ${excluded ? html`<p class="notice" part="notice" role="note">${s.encounterEnteredInError(excluded)}</p>` : nothing}
        ${documents?.error && items.length ? this._renderDocumentsFailure(documents.error) : nothing}
        ${items.length === 0 && result.complete
          ? this.renderEmpty(s.encounterNoneRecorded)
          : html`${this._renderFilters(items, shown.length)}
              ${shown.length
                ? html`<ol class="timeline" part="list">
                    ${shown.map((item) => this._renderItem(item, view))}
                  </ol>`
                : html`<p class="state empty" part="state empty">${s.noMatches}</p>`}`}
        ${this._pages.renderMore(result, s.encounterLoadMoreFailed)}
      </div>
      ${this._summary.render({
        renderings: this._loadedDocuments?.documentReferences?.matches ?? [],
        headingLevel: this.effectiveHeadingLevel + 1,
        patientBanner: this.patientBanner,
      })}`;
  }

  private _renderDocumentsFailure(error: unknown): TemplateResult {
    // Our errors carry a sentence written for a person (with the server's own words); anything else is a bug.
    const message = error instanceof AccessDeniedError ? this.strings.accessDenied : error instanceof CareRecordError ? error.message : undefined;
    return html`<div class="notice warning" part="notice" role="alert">
      <p>${this.encounterStrings.summariesFailed}</p>
      ${message ? html`<p>${message}</p>` : nothing}
      ${serverMessages(error).map((text) => html`<p>${this.strings.serverSaid(text)}</p>`)}
      <button class="button secondary-button" part="button retry-button" type="button" @click=${this._documents.run}>${this.strings.retry}</button>
    </div>`;
  }

  private _renderFilters(items: EncounterItem[], shown: number): TemplateResult {
    const s = this.encounterStrings;
    const kinds = this._shownKinds;
    const counts = new Map<EncounterFilterKind, number>();
    for (const item of items) counts.set(filterKindOf(item.kind), (counts.get(filterKindOf(item.kind)) ?? 0) + 1);
    return html`<div class="filters" part="filters">
      <fieldset class="kinds" part="control kinds">
        <legend class="control-label">${s.filterKindsLabel}</legend>
        ${ENCOUNTER_FILTER_KINDS.map(
          (kind) => html`<label class="kind-choice">
            <input
              type="checkbox"
              name="kind"
              value=${kind}
              .checked=${live(kinds.has(kind))}
              @change=${(event: Event) => this._setKind(kind, (event.target as HTMLInputElement).checked)}
            />
            <span>${s.filterKind(kind, counts.get(kind) ?? 0)}</span>
          </label>`,
        )}
      </fieldset>
      ${renderListControls(s.encounterFiltersLabel, [
        renderDateControl({ id: 'encounter-from', label: s.filterFrom, value: this._from, onChange: (value) => (this._from = value) }),
        renderDateControl({ id: 'encounter-to', label: s.filterTo, value: this._to, onChange: (value) => (this._to = value) }),
      ])}
      ${renderListCount(s, { shown, total: items.length, allText: s.encounterCount(items.length), onClear: this._clearFilters })}
    </div>`;
  }

  private _renderItem(item: EncounterItem, view: EncounterView): TemplateResult {
    const s = this.encounterStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const raw = item.reference ? view.raw.get(item.reference) : undefined;
    const kindText = s.encounterKindLabel(item.kind);
    const title = item.types[0] ?? item.serviceType ?? kindText;
    const inpatient = item.kind === 'inpatient';
    const ongoing = !item.end && (item.status === 'in-progress' || item.status === 'arrived' || item.status === 'triaged' || item.status === 'onleave');
    const stay = inpatient ? lengthOfStayDays(item.start, item.end, display.timeZone) : undefined;
    const start = formatDateTime(item.start, display);
    const end = formatDateTime(item.end, display);
    // The same day is not said twice: "16-Sep-2026 07:35 to 12:10".
    const startDay = formatDate(item.start, display);
    const sameDay = !!start && !!end && startDay === formatDate(item.end, display) && end.startsWith(`${startDay} `);
    const when = start && end ? `${start} to ${sameDay ? end.slice(startDay!.length + 1) : end}` : (start ?? end);
    const locations = [...new Set(item.locations.map((location) => location.name).filter((name): name is string => !!name))];
    const seenBy = [
      ...new Set(
        (raw?.participant ?? [])
          .map((participant) => {
            const target = view.lookup(participant.individual, raw);
            return (target?.resourceType === 'Practitioner' ? formatHumanName(preferredName(target.name)) : undefined) ?? participant.individual?.display;
          })
          .filter((name): name is string => !!name),
      ),
    ];
    const detail = (label: string, value: unknown) => html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
    return html`<li class="item kind-${item.kind}" part="item item-${item.kind}">
      <span class="marker" aria-hidden="true">${kindIcon(item.kind)}</span>
      <div class="item-body">
        <p class="kind" part="kind"><span class="visually-hidden">${s.kindPrefix}</span>${kindText}</p>
        ${this.renderHeading(html`<span class="item-heading" data-key=${item.reference ?? ''}>${title}</span>`, { offset: 1, part: 'heading item-heading' })}
        <dl class="details" part="details">
          ${inpatient
            ? html`${detail(s.labelAdmitted, start ?? s.notKnown)}
              ${detail(s.labelDischarged, end ?? (ongoing ? s.encounterStatus('in-progress', 'inpatient') : s.notKnown))}
              ${stay !== undefined ? detail(s.labelLengthOfStay, s.lengthOfStay(stay, !item.end)) : nothing}`
            : detail(s.labelWhen, when ?? s.notKnown)}
          ${detail(s.labelStatus, html`<span class="status status-${item.status}">${s.encounterStatus(item.status, item.kind)}</span>`)}
          ${item.reasons.length ? detail(s.labelReason, item.reasons.join(', ')) : nothing}
          ${item.diagnoses.length ? detail(s.labelDiagnoses, item.diagnoses.join(', ')) : nothing}
          ${locations.length ? detail(s.labelWhere, locations.join(', ')) : nothing}
          ${item.admitSource ? detail(s.labelAdmissionSource, item.admitSource) : nothing}
          ${item.dischargeDisposition ? detail(s.labelDischargedTo, item.dischargeDisposition) : nothing}
          ${detail(s.labelProvider, item.serviceProvider?.name ?? s.notKnown)}
          ${seenBy.length ? detail(s.labelSeenBy, seenBy.join(', ')) : nothing}
        </dl>
        ${item.linkedSummaries.length ? this._renderSummaryButtons(item) : nothing}
        <p class="source" part="source">${this.sourceLine(item.source.organisationName ?? item.serviceProvider?.name, item.start ?? item.source.recorded)}</p>
      </div>
    </li>`;
  }

  private _renderSummaryButtons(item: EncounterItem): TemplateResult {
    const s = this.encounterStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    return html`<ul class="summaries" aria-label=${s.summariesLabel}>
      ${item.linkedSummaries.map((summary, index) => {
        const key = `${item.reference ?? ''}|${summary.reference ?? index}`;
        const date = formatDate(summary.date, display);
        const status = summary.superseded ? 'superseded' : summary.status === 'preliminary' || summary.status === 'amended' ? summary.status : undefined;
        const meta = [date ? s.summaryWritten(date) : undefined, status ? s.summaryStatus(status) : undefined].filter(Boolean).join(', ');
        return html`<li>
          <button class="button secondary-button summary-button" part="button summary-button" type="button" data-key=${key} @click=${() => this._summary.select(summary, key)}>
            ${s.summaryButton(summary.kind, summary.title?.trim() || summary.typeText)}${meta ? html` <span class="summary-meta">(${meta})</span>` : nothing}
          </button>
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'encounter-list': EncounterList;
  }
}
