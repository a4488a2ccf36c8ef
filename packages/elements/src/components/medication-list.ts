import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  GP_CONNECT_LIST_CODES,
  SNOMED_SYSTEM,
  buildMedicationList,
  codeableConceptText,
  formatDate,
  isAbortError,
  listWarnings,
  referenceParts,
  referenceString,
  token,
} from '@care-record/fhir';
import type {
  FhirClient,
  FhirResource,
  List,
  MedicationDispense,
  MedicationDispenseView,
  MedicationItem,
  MedicationList as MedicationListModel,
  MedicationRequest,
  MedicationStatement,
  Patient,
  PrescriptionStatus,
  Quantity,
  Reference,
  ResourceLookup,
  SearchResult,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { medicationDispenseSearch, medicationRequestSearch, medicationStatementSearch } from '../base/queries.js';
import { renderError } from '../base/states.js';
import { resourceTypeLabel } from '../governance/scopes.js';
import { listControlStyles, matchesQuery, renderListControls, renderListCount, renderSearchControl, renderSelectControl } from '../base/list-controls.js';
import { PagedListController } from '../base/paged-list.js';
import type { LoadedPage } from '../base/paged-list.js';
import { fetchReferences, recordLookup } from '../base/record-parties.js';
import { medicationListStyles } from './medication-list.styles.js';
import { medicationListStrings } from './medication-list.strings.js';
import type { MedicationListStrings, MedicationSourceKind, MedicationStepState } from './medication-list.strings.js';
import { issuerOf, medicationStatusText, prescriptionStatusText } from './medication-status.js';
import type { MedicationIssuer, PrescriptionStatusContext } from './medication-status.js';

export type MedicationSort = 'recent' | 'name';

export { medicationListStrings } from './medication-list.strings.js';
export type { MedicationListStrings, MedicationSourceKind, MedicationStepState } from './medication-list.strings.js';
/** Who issued a prescription, for "Issued by GP" / "Issued by hospital". */
export type { MedicationIssuer } from './medication-status.strings.js';

/** One search's outcome: its result, or why it failed (each source fails on its own). */
export interface MedicationSource<T extends FhirResource> {
  result?: SearchResult<T>;
  error?: unknown;
  /** The person's SMART scopes leave this source out: it was not asked for. */
  notPermitted?: boolean;
}

/** What the three searches brought back, with the prescribers, organisations and medicines fetched to name them. */
export interface MedicationData {
  patientId: string;
  requests: MedicationSource<MedicationRequest>;
  statements: MedicationSource<MedicationStatement>;
  dispenses: MedicationSource<MedicationDispense>;
  /** Resources fetched by reference (one batched search per type), keyed by the reference text. */
  parties: Map<string, FhirResource>;
}

/** The widget's reading of the data: the model's list, split into the groups it shows. */
interface MedicationView {
  list: MedicationListModel;
  current: MedicationItem[];
  past: MedicationItem[];
  recorded: MedicationItem[];
  /** Why a request or statement has its status ("Stopped: eGFR below 30"), by `Type/id`: the model does not carry it. */
  statusReasons: Map<string, string>;
}

interface Step {
  label: string;
  state: MedicationStepState;
}

const SOURCE_KINDS: readonly MedicationSourceKind[] = ['requests', 'statements', 'dispenses'];

/** The resource type each source searches, for the SMART scope checks and the audit. */
const SOURCE_TYPES: Readonly<Record<MedicationSourceKind, string>> = {
  requests: 'MedicationRequest',
  statements: 'MedicationStatement',
  dispenses: 'MedicationDispense',
};
/** Types fetched by reference when neither contained nor included: prescribers, their organisations, medicines. */
const FETCHED_TYPES = new Set(['Practitioner', 'PractitionerRole', 'Organization', 'Medication']);

const display = (element: CareRecordElement) => ({ locale: element.settings.locale, timeZone: element.settings.timeZone });

/** The references whose targets name a record's prescriber, source organisation or medicine. */
function referencesOf(resource: FhirResource): Array<Reference | undefined> {
  switch (resource.resourceType) {
    case 'MedicationRequest':
      return [resource.requester, resource.recorder, resource.medicationReference];
    case 'MedicationStatement':
      return [resource.informationSource, resource.medicationReference];
    case 'MedicationDispense':
      return [...(resource.performer ?? []).map((p) => p.actor), resource.medicationReference];
    case 'PractitionerRole':
      return [resource.practitioner, resource.organization];
    default:
      return [];
  }
}

/** A lookup over the three search results, the fetched resources and the current patient. */
export function medicationLookup(data: Omit<MedicationData, 'patientId'>, patient: Patient | undefined): ResourceLookup {
  return recordLookup(SOURCE_KINDS.map((kind) => data[kind].result as SearchResult | undefined), data.parties, patient);
}

/**
 * Fetches the prescribers, source organisations and medicines that are neither contained nor included:
 * one batched search per resource type (`Practitioner?_id=a,b,c`), then the practitioners and
 * organisations of any PractitionerRoles found. A failure leaves names as the references' displays:
 * the list itself must still show.
 */
export async function fetchMedicationParties(
  client: FhirClient,
  resources: readonly FhirResource[],
  lookup: ResourceLookup,
  known: ReadonlyMap<string, FhirResource>,
  signal: AbortSignal,
): Promise<Map<string, FhirResource>> {
  const parties = new Map(known);
  const fetchMissing = async (from: readonly FhirResource[], types: ReadonlySet<string>) => {
    const wanted = new Map<string, Reference>();
    // Contained roles count too: EPS dispense notifications carry the pharmacist's role inside the dispense.
    const pairs = from.flatMap((resource) => [
      ...referencesOf(resource).map((reference) => [reference, resource] as const),
      ...((resource as { contained?: FhirResource[] }).contained ?? []).flatMap((inner) => referencesOf(inner).map((reference) => [reference, inner] as const)),
    ]);
    for (const [reference, resource] of pairs) {
      const text = referenceString(reference);
      if (!reference || !text || text.startsWith('#') || text.startsWith('urn:') || parties.has(text) || lookup(reference, resource)) continue;
      const type = reference.type ?? referenceParts(text).type;
      if (type && types.has(type)) wanted.set(text, reference);
    }
    await fetchReferences(client, wanted, parties, signal);
  };
  // Roles first, so that their practitioners and organisations join the same batches as the records' own.
  await fetchMissing(resources, new Set(['PractitionerRole']));
  const roles = [...parties.values()].filter((party) => party.resourceType === 'PractitionerRole');
  await fetchMissing([...resources, ...roles], FETCHED_TYPES);
  return parties;
}

/** Whether a prescription came from a hospital (category inpatient, outpatient or discharge). */

const DAYS_PER_UNIT: Record<string, number> = { d: 1, day: 1, days: 1, wk: 7, week: 7, weeks: 7, mo: 30, month: 30, months: 30 };

/** Days a quantity of time covers ("28 day", "4 wk"), when its unit says. */
function daysOf(duration: Quantity | undefined): number | undefined {
  const unit = (duration?.code ?? duration?.unit)?.toLowerCase();
  const perUnit = unit ? DAYS_PER_UNIT[unit] : undefined;
  return duration?.value !== undefined && perUnit ? duration.value * perUnit : undefined;
}

/**
 * A one-off (acute) prescription fully supplied, whose supply has run out: the model keeps an active
 * acute order current for ever, but a course dispensed in 2022 is past. The supply's days come from the
 * dispense (daysSupply) or the prescription (expectedSupplyDuration); without them the model decides.
 */
function supplyFinished(item: MedicationItem, now: number): boolean {
  if (item.kind !== 'prescribed' || item.status !== 'dispensed' || item.course === 'repeat' || item.course === 'repeat-dispensing') return false;
  if (!isStandalone(item)) return false;
  const latest = item.dispenses[0];
  const handedOver = latest?.whenHandedOver ? Date.parse(latest.whenHandedOver) : NaN;
  const days = daysOf(latest?.daysSupply) ?? daysOf(item.supplyDuration);
  return !Number.isNaN(handedOver) && days !== undefined && handedOver + days * 86_400_000 < now;
}

/** MedicationRequest.statusReason and MedicationStatement.statusReason in words, by `Type/id`. */
function statusReasonsOf(data: MedicationData): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const request of data.requests.result?.matches ?? []) {
    const text = codeableConceptText(request.statusReason);
    if (request.id && text) reasons.set(`MedicationRequest/${request.id}`, text);
  }
  for (const statement of data.statements.result?.matches ?? []) {
    const text = (statement.statusReason ?? []).map((reason) => codeableConceptText(reason)).filter(Boolean).join('; ');
    if (statement.id && text) reasons.set(`MedicationStatement/${statement.id}`, text);
  }
  return reasons;
}

/** A prescription on its own (no authorisation above it): its one "issue" is itself. */
function isStandalone(item: MedicationItem): boolean {
  return item.issues.length === 1 && item.issues[0]!.reference === item.reference;
}

/**
 * A resident's medication from the shared record, with where each prescription has got to, so that
 * staff need not phone the GP and the pharmacy: "Issued by GP ✓ → With pharmacy ✓ → Dispensed
 * 12-Mar-2024", as a text badge and a step indicator with a text equivalent (never colour alone).
 *
 * Three searches run in parallel, each paged and each failing on its own:
 * `MedicationRequest?patient={id}&_include=MedicationRequest:medication&_revinclude=MedicationDispense:prescription&_sort=-authoredon`
 * (the summary's query: the client sends it once for both),
 * `MedicationStatement?patient={id}` and `MedicationDispense?patient={id}`. Prescribers, organisations
 * and medicines that are neither contained nor included are fetched in one batched request per type.
 * The records are merged by `buildMedicationList` (@care-record/fhir): authorisations (intent=plan)
 * group their issues, dispenses join their prescriptions, EPS business status decides where known.
 *
 * Groups: Current (acute and repeat), Past (stopped, completed, cancelled, expired; collapsed, with a
 * count) and Recorded elsewhere (MedicationStatements, e.g. from a hospital). A repeat's issue history
 * opens with a disclosure button. Entries marked entered in error are left out with a notice; a
 * failing dispensing search shows "Dispensing information unavailable" above the prescriptions.
 *
 * @tag medication-list
 * @summary Current and past medication with prescription status (issued, with pharmacy, dispensed).
 *
 * @fires care-record-error - A search (prescriptions, dispensing, records from elsewhere, the medication List) or Load more failed (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `group-heading`, `item-heading`).
 * @csspart warning - Each warning banner (a source that could not be loaded, a list warning, a server warning).
 * @csspart notice - The entered-in-error notice.
 * @csspart controls - The sort and search controls; each control has part `control`.
 * @csspart count - "Showing 3 of 8" while a search hides items.
 * @csspart list - Each list of medicines (current, past, recorded elsewhere).
 * @csspart item - Each medicine; also `item-current`, `item-past`, `item-recorded`.
 * @csspart name - The medicine's name.
 * @csspart tag - Course and repeat tags ("Repeat", "Repeat 3 of 6").
 * @csspart status - The prescription status badge; also `status-{status}` (e.g. `status-dispensed`).
 * @csspart steps - The step indicator; each step has part `step` and `step-{state}`.
 * @csspart details - The details of a medicine (dose, route, quantity, dates, prescriber…).
 * @csspart history - The issue history of a repeat (a list of issues).
 * @csspart disclosure-button - The buttons that open the past list and each issue history.
 * @csspart source - Where and when each item was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (retry, load more, disclosures, clear filters).
 *
 * @cssprop --care-record-medication-done-color - Ticks of completed steps and the border of dispensed badges (NHS green #007f3b).
 * @cssprop --care-record-medication-progress-color - The current step and the border of badges in progress (defaults to the primary colour).
 * @cssprop --care-record-medication-problem-color - Cancelled, not dispensed and expired badges and steps (defaults to the error colour).
 */
export class MedicationList extends CareRecordElement {
  static override stringsNamespace = 'medication-list';

  static override styles = [CareRecordElement.styles, listControlStyles, medicationListStyles];

  /** Records asked for per search (`_count`); more come with Load more. Unset: the server's page size. */
  @property({ attribute: 'page-size', type: Number }) pageSize?: number;

  /** Order within each group: `recent` (latest issued or recorded first, the default) or `name`. */
  @property() sort: MedicationSort = 'recent';

  /** Shows only medicines whose name, dose, route or prescriber contains this text. */
  @property() filter = '';

  /** Opens the Past medication group (collapsed by default). */
  @property({ attribute: 'past-expanded', type: Boolean }) pastExpanded = false;

  /**
   * Also ask for the GP record's medication List (`List?patient=…&code=http://snomed.info/sct|933361000000108`,
   * GP Connect / UK Core) and show its warnings: confidential items withheld, data in transit, why it is empty.
   */
  @property({ attribute: 'include-list-warnings', type: Boolean }) includeListWarnings = false;

  /** Item keys whose issue history is open. */
  @state() private _openHistories = new Set<string>();
  @state() private _retrying = new Set<MedicationSourceKind>();

  private _viewCache?: { data: MedicationData; patient: Patient | undefined; view: MedicationView };

  // Each source needs its own scope, checked in the task: a source the person's SMART scopes leave out
  // is not asked for and says so, the others still show (all three left out: the shared "no permission").
  private readonly _medication = createRecordTask(this, {
    args: () => [this.pageSize] as const,
    section: 'medications',
    // What the audit trail is told was shown: the medicines on screen (entered-in-error ones are not).
    count: (data: MedicationData) => {
      const view = this._view(data);
      return view.current.length + view.past.length + view.recorded.length;
    },
    task: async ({ client, patientId, patient, signal, args: [pageSize] }): Promise<MedicationData> => {
      const count = pageSize !== undefined && Number.isFinite(pageSize) && pageSize > 0 ? { _count: Math.floor(pageSize) } : {};
      const permitted = SOURCE_KINDS.filter((kind) => this.hasScopeFor(SOURCE_TYPES[kind]));
      const settled = await Promise.allSettled(
        SOURCE_KINDS.map((kind) => (permitted.includes(kind) ? this._search(client, kind, patientId, count, signal) : Promise.resolve(undefined))),
      );
      const errors = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      // Aborted (a newer run), or a session or access problem: the shared state speaks for the whole list.
      const shared = errors.find((error) => isAbortError(error) || error instanceof AuthenticationRequiredError);
      if (shared) throw shared;
      if (permitted.length && errors.length === permitted.length) throw errors.find((error) => error instanceof AccessDeniedError) ?? errors[0];
      const [requests, statements, dispenses] = settled.map((outcome, index) =>
        !permitted.includes(SOURCE_KINDS[index]!)
          ? { notPermitted: true }
          : outcome.status === 'fulfilled'
            ? { result: outcome.value }
            : { error: outcome.reason as unknown },
      ) as [MedicationSource<MedicationRequest>, MedicationSource<MedicationStatement>, MedicationSource<MedicationDispense>];
      const data: MedicationData = { patientId, requests, statements, dispenses, parties: new Map() };
      data.parties = await fetchMedicationParties(client, this._resourcesOf(data), medicationLookup(data, patient), new Map(), signal);
      for (const error of errors) this._reportError(error);
      return data;
    },
  });

  // Optional: without a List scope (or when the List fails) the medicines still show.
  private readonly _list = createRecordTask(this, {
    args: () => [this.includeListWarnings] as const,
    resourceTypes: ['List'],
    section: 'medications',
    task: async ({ client, patientId, signal, args: [include] }): Promise<SearchResult<List> | undefined> => {
      if (!include) return undefined;
      return client.search<List>('List', { patient: patientId, code: token(SNOMED_SYSTEM, GP_CONNECT_LIST_CODES.medications) }, { signal, maxPages: 1 });
    },
  });

  private readonly _pages = new PagedListController<MedicationData>(this, {
    base: () => this._medication.value,
    hasMore: (data) => SOURCE_KINDS.some((kind) => data[kind].result?.nextUrl),
    loadNext: (current, client, signal) => this._loadNext(current, client, signal),
    onError: (error) => this._reportError(error),
  });

  /** The medication-list strings with the host's overrides. */
  protected get medicationStrings(): MedicationListStrings {
    return this.localStrings(medicationListStrings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!['recent', 'name'].includes(this.sort)) this.sort = 'recent';
    if (typeof this.filter !== 'string') this.filter = '';
  }

  override render(): TemplateResult {
    const s = this.medicationStrings;
    return html`<section class="medication-list" part="section" aria-labelledby="medication-heading">
      ${this.renderHeading(s.medHeading, { id: 'medication-heading' })} ${this.renderIdentityLine()} ${this._renderListWarnings()}
      ${this._medication.render({
        complete: (data) =>
          SOURCE_KINDS.every((kind) => data[kind].notPermitted)
            ? this.renderScopeDenied(resourceTypeLabel(SOURCE_TYPES.requests))
            : this._renderData(this._pages.data(data)),
        errorTitle: s.medUnavailable,
      })}
    </section>`;
  }

  // ------------------------------------------------------------------------------------------- loading

  private _search(
    client: FhirClient,
    kind: MedicationSourceKind,
    patientId: string,
    count: { _count?: number },
    signal: AbortSignal,
  ): Promise<SearchResult> {
    const options = { signal, maxPages: 1 };
    switch (kind) {
      case 'requests':
        // The summary's query too (without a page size), so that with both on a page the client sends it once.
        // Dispenses only where the person's scopes cover them (the dispense search is left out then too).
        return client.search<MedicationRequest>(
          ...medicationRequestSearch(patientId, { dispenses: this.hasScopeFor('MedicationDispense'), count: count._count }),
          options,
        );
      case 'statements':
        return client.search<MedicationStatement>(...medicationStatementSearch(patientId, count._count), options);
      default:
        return client.search<MedicationDispense>(...medicationDispenseSearch(patientId, count._count), options);
    }
  }

  private _resourcesOf(data: Pick<MedicationData, MedicationSourceKind>): FhirResource[] {
    return SOURCE_KINDS.flatMap((kind) => [...(data[kind].result?.matches ?? []), ...(data[kind].result?.included ?? [])]);
  }

  /** Tells the audit trail about records shown after the task's own view (Load more, a source tried again). */
  private _reportShown(kinds: readonly MedicationSourceKind[], matches: readonly FhirResource[], requestUrls: readonly string[]): void {
    const shown = matches.filter((resource) => (resource as { status?: string }).status !== 'entered-in-error');
    this.reportViewed({
      section: 'medications',
      resourceTypes: kinds.map((kind) => SOURCE_TYPES[kind]),
      count: shown.length,
      references: shown.map((resource) => `${resource.resourceType}/${resource.id}`),
      requestUrls,
    });
  }

  private _reportError(error: unknown): void {
    // As for the whole list: sign-in and access problems are states the widget shows, not errors to report.
    if (isAbortError(error) || error instanceof AccessDeniedError || error instanceof AuthenticationRequiredError) return;
    this.dispatchError(error instanceof Error ? error : new Error(String(error)));
  }

  /** Tries one failed source again, leaving the others as they are. */
  private async _retrySource(kind: MedicationSourceKind): Promise<void> {
    const base = this._medication.value;
    const client = this.client;
    if (!base || !client || this._retrying.has(kind)) return;
    this._retrying = new Set([...this._retrying, kind]);
    const controller = new AbortController();
    try {
      const count = this.pageSize && this.pageSize > 0 ? { _count: Math.floor(this.pageSize) } : {};
      let source: MedicationSource<FhirResource>;
      try {
        source = { result: await this._search(client, kind, base.patientId, count, controller.signal) };
      } catch (error) {
        if (isAbortError(error)) return;
        this._reportError(error);
        source = { error };
      }
      const current = this._pages.data(base);
      const next = { ...current, [kind]: source } as MedicationData;
      if (source.result) {
        next.parties = await fetchMedicationParties(
          client,
          [...source.result.matches, ...source.result.included],
          medicationLookup(next, this.patient),
          current.parties,
          controller.signal,
        );
      }
      this._pages.commit(base, next);
      if (source.result && this._medication.value === base) {
        await this.updateComplete;
        this._reportShown([kind], source.result.matches, source.result.requestUrls);
      }
    } finally {
      const retrying = new Set(this._retrying);
      retrying.delete(kind);
      this._retrying = retrying;
    }
  }

  /** The next page of every source that has one; a source that fails leaves the others' pages standing. */
  private async _loadNext(current: MedicationData, client: FhirClient, signal: AbortSignal): Promise<LoadedPage<MedicationData>> {
    const incomplete = SOURCE_KINDS.filter((kind) => current[kind].result?.nextUrl);
    const settled = await Promise.allSettled(incomplete.map((kind) => client.loadMore(current[kind].result as SearchResult, { signal, maxPages: 1 })));
    const next: MedicationData = { ...current };
    const added: FhirResource[] = [];
    const addedMatches: FhirResource[] = [];
    const loaded: MedicationSourceKind[] = [];
    const requestUrls: string[] = [];
    let failure: unknown;
    settled.forEach((outcome, index) => {
      const kind = incomplete[index]!;
      if (outcome.status === 'rejected') {
        failure ??= outcome.reason;
        return;
      }
      const before = current[kind].result!;
      const matches = outcome.value.matches.slice(before.matches.length);
      added.push(...matches, ...outcome.value.included.slice(before.included.length));
      addedMatches.push(...matches);
      loaded.push(kind);
      requestUrls.push(...outcome.value.requestUrls.slice(before.requestUrls.length));
      (next as unknown as Record<MedicationSourceKind, MedicationSource<FhirResource>>)[kind] = { result: outcome.value };
    });
    if (failure !== undefined && isAbortError(failure)) throw failure;
    next.parties = await fetchMedicationParties(client, added, medicationLookup(next, this.patient), current.parties, signal);
    return { data: next, report: loaded.length ? () => this._reportShown(loaded, addedMatches, requestUrls) : undefined, failure };
  }

  // ------------------------------------------------------------------------------------------- the view

  private _view(data: MedicationData): MedicationView {
    const cache = this._viewCache;
    if (cache && cache.data === data && cache.patient === this.patient) return cache.view;
    const lookup = medicationLookup(data, this.patient);
    const list = buildMedicationList({
      requests: data.requests.result?.matches,
      statements: data.statements.result?.matches,
      // The dispense search's, and those that came with the prescriptions (the model drops repeats).
      dispenses: [
        ...(data.dispenses.result?.matches ?? []),
        ...(data.requests.result?.included ?? []).filter((r): r is MedicationDispense => r.resourceType === 'MedicationDispense'),
      ],
      included: SOURCE_KINDS.flatMap((kind) => data[kind].result?.included ?? []),
      resolve: lookup,
    });
    const now = Date.now();
    const finished = list.current.filter((item) => supplyFinished(item, now));
    const view: MedicationView = {
      list,
      current: list.current.filter((item) => item.kind !== 'recorded' && !finished.includes(item)),
      past: [...finished, ...list.past.filter((item) => item.kind !== 'recorded')],
      // Recorded elsewhere: what is still taken first, then the rest, each newest first.
      recorded: [...list.current, ...list.past].filter((item) => item.kind === 'recorded'),
      statusReasons: statusReasonsOf(data),
    };
    this._viewCache = { data, patient: this.patient, view };
    return view;
  }

  private _sorted(items: MedicationItem[]): MedicationItem[] {
    if (this.sort !== 'name') return items;
    const collator = new Intl.Collator(this.settings.locale, { sensitivity: 'base', numeric: true });
    return [...items].sort((a, b) => collator.compare(a.name ?? '', b.name ?? ''));
  }

  private _matches(item: MedicationItem): boolean {
    return matchesQuery(this.filter, item.name, item.doseText, item.route, item.prescriber?.name, item.source.organisationName, item.source.authorName);
  }

  // ------------------------------------------------------------------------------------------- rendering

  private _renderData(data: MedicationData): TemplateResult {
    const s = this.medicationStrings;
    const view = this._view(data);
    const excluded = view.list.excluded.enteredInError;
    const groups = { current: this._sorted(view.current), past: this._sorted(view.past), recorded: this._sorted(view.recorded) };
    const shown = {
      current: groups.current.filter((item) => this._matches(item)),
      past: groups.past.filter((item) => this._matches(item)),
      recorded: groups.recorded.filter((item) => this._matches(item)),
    };
    const total = groups.current.length + groups.past.length + groups.recorded.length;
    const shownCount = shown.current.length + shown.past.length + shown.recorded.length;
    // Not asked (no scope) counts as failed: "No medication recorded" would not be true.
    const requestsFailed = data.requests.error !== undefined || data.requests.notPermitted === true;
    return html`
      ${this._renderSourceProblems(data)} ${this._renderServerWarnings(data)}
      ${excluded ? html`<p class="notice" part="notice">${s.medEnteredInError(excluded)}</p>` : nothing}
      ${total === 0
        ? requestsFailed
          ? nothing
          : html`${this.renderEmpty(s.medNoneRecorded)}
              <p class="hint">${s.medNoneRecordedHint}</p>`
        : html`${this._renderControls(shownCount, total)} ${requestsFailed && !groups.current.length ? nothing : this._renderCurrent(shown.current, groups.current.length)}
          ${this._renderPast(shown.past)} ${this._renderRecorded(shown.recorded)}`}
      ${this._renderPartial(data)} ${this._pages.renderFailure(s.medLoadMoreFailed)}
    `;
  }

  /** A source that failed: prescriptions get the error box; dispensing and records from elsewhere a warning banner. */
  private _renderSourceProblems(data: MedicationData): TemplateResult {
    const s = this.medicationStrings;
    const retry = (kind: MedicationSourceKind) => () => void this._retrySource(kind);
    const banner = (kind: MedicationSourceKind, title: string, hint: string) => {
      const error = data[kind].error;
      if (error === undefined) return nothing;
      const message = error instanceof AccessDeniedError ? error.message : undefined;
      return html`<div class="banner warning" part="warning" role="alert">
        <p class="banner-title"><span class="visually-hidden">${s.warningPrefix}</span>${title}</p>
        <p>${message ?? hint}</p>
        <button
          class="button secondary-button"
          part="button retry-button"
          type="button"
          ?disabled=${this._retrying.has(kind)}
          @click=${retry(kind)}
        >
          ${this.strings.retry}
        </button>
      </div>`;
    };
    const denied = (kind: MedicationSourceKind) => (data[kind].notPermitted ? this.renderScopeDenied(s.medScopeLabel(kind)) : nothing);
    return html`${data.requests.error !== undefined
      ? renderError({ ...this.strings, errorTitle: s.medRequestsUnavailable }, data.requests.error, retry('requests'))
      : nothing}
    ${denied('requests')} ${banner('dispenses', s.medDispensesUnavailable, s.medDispensesUnavailableHint)} ${denied('dispenses')}
    ${banner('statements', s.medStatementsUnavailable, s.medStatementsUnavailableHint)} ${denied('statements')}`;
  }

  /** The GP record's medication List warnings, or a banner saying they could not be loaded: never hidden. */
  private _renderListWarnings(): TemplateResult | typeof nothing {
    if (!this.includeListWarnings) return nothing;
    const s = this.medicationStrings;
    const listError = this._list.error;
    // Signed out or refused: the medication list itself says so.
    if (this._list.status === TaskStatus.ERROR && !(listError instanceof AccessDeniedError || listError instanceof AuthenticationRequiredError)) {
      return html`<div class="banner warning" part="warning">
        <p>
          <span class="visually-hidden">${s.warningPrefix}</span>${s.medListWarningsFailed}
          <button class="link-button" part="button retry-button" type="button" @click=${this._list.run}>${this.strings.retry}</button>
        </p>
      </div>`;
    }
    if (this._list.status !== TaskStatus.COMPLETE) return nothing;
    const lists = (this._list.value?.matches ?? []).filter((list) => list.status !== 'entered-in-error');
    const current = lists.filter((list) => list.status === 'current');
    const seen = new Set<string>();
    const warnings = (current.length ? current : lists).flatMap((list) => listWarnings(list)).filter((w) => !seen.has(w.text) && !!seen.add(w.text));
    return html`${warnings.map(
      (warning) => html`<div class="banner warning" part="warning">
        <p><span class="visually-hidden">${s.warningPrefix}</span>${warning.text}</p>
      </div>`,
    )}`;
  }

  /** What the server said about a search (OperationOutcome entries), without repeats. */
  private _renderServerWarnings(data: MedicationData): TemplateResult | typeof nothing {
    const texts = new Set<string>();
    for (const kind of SOURCE_KINDS) {
      for (const outcome of data[kind].result?.outcomes ?? []) {
        for (const issue of outcome.issue ?? []) {
          if (issue.severity === 'information') continue;
          const text = issue.details?.text?.trim() || issue.diagnostics?.trim();
          if (text) texts.add(text);
        }
      }
    }
    if (!texts.size) return nothing;
    return html`${[...texts].map(
      (text) => html`<div class="banner warning" part="warning">
        <p><span class="visually-hidden">${this.medicationStrings.warningPrefix}</span>${text}</p>
      </div>`,
    )}`;
  }

  private _renderControls(shown: number, total: number): TemplateResult {
    const s = this.medicationStrings;
    return html`${renderListControls(s.controlsLabel(s.medItems), [
        renderSelectControl<MedicationSort>({
          id: 'medication-sort',
          label: s.medSortLabel,
          value: this.sort,
          options: [
            { value: 'recent', label: s.medSortRecent },
            { value: 'name', label: s.medSortName },
          ],
          onChange: (value) => (this.sort = value),
        }),
        renderSearchControl({
          id: 'medication-search',
          label: s.medSearchLabel,
          hint: s.medSearchHint,
          value: this.filter,
          onInput: (value) => (this.filter = value),
        }),
      ])}
      ${renderListCount(s, { shown, total, allText: s.medCount(total), onClear: this._clearFilter })}`;
  }

  private _renderCurrent(items: MedicationItem[], unfiltered: number): TemplateResult {
    const s = this.medicationStrings;
    return html`${this.renderHeading(s.medCurrentHeading(items.length), { offset: 1, part: 'heading group-heading' })}
    ${items.length
      ? this._renderItems(items, 'current')
      : html`<p class="none">${unfiltered ? s.noMatches : s.medNoneCurrent}</p>`}`;
  }

  private _renderPast(items: MedicationItem[]): TemplateResult | typeof nothing {
    if (!items.length) return nothing;
    const s = this.medicationStrings;
    const open = this.pastExpanded;
    const button = html`<button
      class="disclosure"
      part="button disclosure-button"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="medication-past"
      @click=${this._togglePast}
    >
      <span class="disclosure-mark" aria-hidden="true"></span>${s.medPastHeading(items.length)}
    </button>`;
    return html`${this.renderHeading(button, { offset: 1, part: 'heading group-heading' })}
      <div id="medication-past" ?hidden=${!open}>${this._renderItems(items, 'past')}</div>`;
  }

  private _renderRecorded(items: MedicationItem[]): TemplateResult | typeof nothing {
    if (!items.length) return nothing;
    const s = this.medicationStrings;
    return html`${this.renderHeading(s.medRecordedElsewhereHeading(items.length), { offset: 1, part: 'heading group-heading' })}
      <p class="hint">${s.medRecordedElsewhereHint}</p>
      ${this._renderItems(items, 'recorded')}`;
  }

  private _renderItems(items: MedicationItem[], group: 'current' | 'past' | 'recorded'): TemplateResult {
    return html`<ul class="items" part="list">
      ${items.map((item, index) => this._renderItem(item, group, index))}
    </ul>`;
  }

  private _renderItem(item: MedicationItem, group: 'current' | 'past' | 'recorded', index: number): TemplateResult {
    const s = this.medicationStrings;
    const name = item.name ?? s.medNameNotKnown;
    const steps = this._steps(item);
    const statusText = this._itemStatusText(item);
    return html`<li class="item ${group}" part="item item-${group}" data-status=${item.status}>
      <div class="item-header">
        ${this.renderHeading(html`<span class="name" part="name">${name}</span>`, { offset: 2, part: 'heading item-heading' })}
        ${this._renderTags(item)}
      </div>
      <p class="status-line">
        <span class="badge ${this._tone(item.status)}" part="status status-${item.status}"
          ><span class="visually-hidden">${item.kind === 'recorded' ? s.medRecordedStatusPrefix : s.medStatusPrefix}</span>${statusText}</span
        >
      </p>
      ${steps ? this._renderSteps(steps) : nothing}
      ${item.kind === 'dispensed' ? html`<p class="hint">${s.medDispenseOnly}</p>` : nothing}
      ${this._renderDetails(item)} ${this._renderHistory(item, `${group}-${index}`)}
      <p class="source" part="source">${this.sourceLine(this._organisation(item), this._sourceDate(item))}</p>
    </li>`;
  }

  private _renderTags(item: MedicationItem): TemplateResult | typeof nothing {
    const s = this.medicationStrings;
    const tags: string[] = [];
    if (item.course !== 'unknown') tags.push(s.medCourse(item.course));
    if (item.course !== 'acute') {
      if (item.repeatsIssued !== undefined && item.repeatsAllowed !== undefined) tags.push(s.medRepeatOf(item.repeatsIssued, item.repeatsAllowed));
      else if (item.repeatsAllowed !== undefined && item.repeatsAllowed > 0) tags.push(s.medRepeatsAllowed(item.repeatsAllowed));
      else if (item.repeatsIssued !== undefined) tags.push(s.medRepeatsIssued(item.repeatsIssued));
    }
    if (!tags.length) return nothing;
    return html`<p class="tags">${tags.map((tag) => html`<span class="tag" part="tag">${tag}</span> `)}</p>`;
  }

  private _renderSteps(steps: Step[]): TemplateResult {
    const s = this.medicationStrings;
    return html`<ol class="steps" part="steps" aria-label=${s.medStepsLabel}>
      ${steps.map(
        (step) => html`<li class="step ${step.state}" part="step step-${step.state}">
          <span class="step-mark" aria-hidden="true"></span>${step.label}
          <span class="visually-hidden">${s.medStepState(step.state)}</span>
        </li>`,
      )}
    </ol>`;
  }

  private _renderDetails(item: MedicationItem): TemplateResult {
    const s = this.medicationStrings;
    const d = display(this);
    const rows: Array<[string, unknown]> = [];
    const row = (label: string, value: unknown) => rows.push([label, value ?? s.notKnown]);
    row(s.medLabelDose, item.doseText);
    if (item.patientInstruction && item.patientInstruction !== item.doseText) row(s.medLabelInstructions, item.patientInstruction);
    row(s.medLabelRoute, item.route);
    if (item.kind === 'recorded') {
      row(s.medLabelStarted, formatDate(item.authorisedDate, d));
      if (item.lastIssuedDate) row(s.medLabelLastIssued, formatDate(item.lastIssuedDate, d));
      row(s.medLabelRecordedBy, item.source.authorName ?? item.source.organisationName);
    } else {
      const quantity = item.quantityText && item.supplyDurationText ? s.medQuantityWithSupply(item.quantityText, item.supplyDurationText) : item.quantityText;
      row(s.medLabelQuantity, quantity);
      if (item.kind === 'prescribed') {
        row(s.medLabelAuthorised, formatDate(item.authorisedDate, d));
        row(s.medLabelLastIssued, formatDate(item.lastIssuedDate, d));
        if (item.course !== 'acute' || item.authorisationExpiryDate) row(s.medLabelExpiry, formatDate(item.authorisationExpiryDate, d));
        row(s.medLabelPrescriber, item.prescriber?.name);
      }
      if (item.epsBusinessStatus?.code) row(s.medLabelEps, s.medEpsStatus(item.epsBusinessStatus.code, item.epsBusinessStatus.display));
      const latest = item.dispenses[0];
      if (latest) row(this._dispenseLabel(latest), this._dispenseText(latest));
    }
    const statusReason = this._statusReason(item.reference);
    if (statusReason) row(s.medLabelStatusReason, statusReason);
    if (item.reasons.length) row(s.medLabelReason, item.reasons.join(', '));
    if (item.notes.length) row(s.medLabelNotes, item.notes.map((note) => html`<p class="note">${note}</p>`));
    return html`<dl class="details" part="details">
      ${rows.map(
        ([label, value]) => html`<div>
          <dt>${label}</dt>
          <dd>${value}</dd>
        </div>`,
      )}
    </dl>`;
  }

  private _renderHistory(item: MedicationItem, id: string): TemplateResult | typeof nothing {
    if (item.kind !== 'prescribed' || !item.issues.length || isStandalone(item)) return nothing;
    const s = this.medicationStrings;
    const key = `${item.kind}:${item.key}`;
    const open = this._openHistories.has(key);
    const count = item.issues.length;
    const d = display(this);
    const historyId = `medication-history-${id}`;
    return html`<div class="history-disclosure">
      <button
        class="disclosure"
        part="button disclosure-button"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${historyId}
        @click=${() => this._toggleHistory(key)}
      >
        <span class="disclosure-mark" aria-hidden="true"></span>${open ? s.medHistoryHide(count) : s.medHistoryShow(count)}
      </button>
      <ol class="history" part="history" id=${historyId} aria-label=${s.medHistoryLabel(item.name ?? s.medNameNotKnown)} ?hidden=${!open}>
        ${open
          ? item.issues.map((issue) => {
              const issued = formatDate(issue.authoredOn, d);
              return html`<li class="issue">
                <p class="issue-title">
                  <strong>${issued ? s.medIssueIssued(issued) : s.medIssueUndated}</strong>
                  <span class="badge small ${this._tone(issue.status)}" part="status status-${issue.status}"
                    ><span class="visually-hidden">${s.medStatusPrefix}</span>${this._statusText(
                      issue.status,
                      issue.status === 'issued' ? (issue.date ?? issue.authoredOn) : issue.date,
                      issuerOf(item),
                      { requestStatus: issue.requestStatus },
                    )}</span
                  >
                </p>
                ${this._statusReason(issue.reference) ? html`<p>${this._statusReason(issue.reference)}</p>` : nothing}
                ${issue.quantityText ? html`<p class="secondary">${s.medIssueQuantity(issue.quantityText)}</p>` : nothing}
                ${issue.eps?.code ? html`<p class="secondary">${s.medLabelEps}: ${s.medEpsStatus(issue.eps.code, issue.eps.display)}</p>` : nothing}
                ${issue.dispenses.map((dispense) => html`<p class="secondary">${this._dispenseLabel(dispense)}: ${this._dispenseText(dispense)}</p>`)}
              </li>`;
            })
          : nothing}
      </ol>
    </div>`;
  }

  private _statusReason(reference: string | undefined): string | undefined {
    return reference ? this._viewCache?.view.statusReasons.get(reference) : undefined;
  }

  /** "Last supplied" for a supply; "Pharmacy" for a record of anything else (being prepared, declined…). */
  private _dispenseLabel(dispense: MedicationDispenseView): string {
    const s = this.medicationStrings;
    return !dispense.status || dispense.status === 'completed' ? s.medLabelDispensed : s.medLabelPharmacy;
  }

  private _dispenseText(dispense: MedicationDispenseView): string {
    const s = this.medicationStrings;
    const supplied = !dispense.status || dispense.status === 'completed';
    return s.medDispenseSummary({
      pharmacy: dispense.pharmacy?.name,
      date: formatDate(dispense.whenHandedOver ?? dispense.whenPrepared, display(this)),
      // Nothing handed over: no "0 tablet", but what the pharmacy did.
      quantity: supplied ? dispense.quantityText : undefined,
      type: dispense.type ?? (supplied ? undefined : s.medDispenseStatus(dispense.status!)),
    });
  }

  private _renderPartial(data: MedicationData): TemplateResult | typeof nothing {
    const s = this.medicationStrings;
    const parts = SOURCE_KINDS.flatMap((kind) => {
      const result = data[kind].result;
      if (!result || result.complete) return [];
      return [s.medPartialSource(kind, result.matches.length, result.total)];
    });
    if (!parts.length) return nothing;
    const canLoadMore = SOURCE_KINDS.some((kind) => data[kind].result?.nextUrl);
    return html`<div class="state partial" part="state partial">
      <p aria-live="polite">${s.medPartial(parts)}</p>
      ${canLoadMore
        ? html`<button
            class="button secondary-button"
            part="button load-more-button"
            type="button"
            ?disabled=${this._pages.loading}
            aria-busy=${this._pages.loading ? 'true' : 'false'}
            @click=${this._pages.loadMore}
          >
            ${this.strings.loadMore}
          </button>`
        : nothing}
    </div>`;
  }

  // ------------------------------------------------------------------------------------------- status

  private _itemStatusText(item: MedicationItem): string {
    return medicationStatusText(item, this.medicationStrings, display(this));
  }

  private _statusText(status: PrescriptionStatus, date: string | undefined, issuer: MedicationIssuer, context: PrescriptionStatusContext): string {
    return prescriptionStatusText(status, date, issuer, context, this.medicationStrings, display(this));
  }

  /** Visual tone of a badge; the words always say the same. */
  private _tone(status: PrescriptionStatus): string {
    switch (status) {
      case 'dispensed':
        return 'tone-done';
      case 'issued':
      case 'with-pharmacy':
      case 'authorised':
        return 'tone-progress';
      case 'partially-dispensed':
      case 'on-hold':
        return 'tone-attention';
      case 'not-dispensed':
      case 'cancelled':
      case 'expired':
        return 'tone-problem';
      default:
        return 'tone-neutral';
    }
  }

  /** "Issued by GP ✓ → With pharmacy ✓ → Dispensed 12-Mar-2024" for where the latest prescription has got to. */
  private _steps(item: MedicationItem): Step[] | undefined {
    if (item.kind === 'recorded') return undefined;
    const s = this.medicationStrings;
    const d = display(this);
    const issuer = issuerOf(item);
    const issuedOn = formatDate(item.kind === 'dispensed' ? undefined : (item.lastIssuedDate ?? item.issues[0]?.authoredOn), d);
    const statusDate = formatDate(item.statusDate, d);
    const wasIssued = item.kind === 'dispensed' || item.issues.length > 0 || !!item.lastIssuedDate;
    const issued: Step = { label: s.medStepIssued(issuer, issuedOn), state: 'done' };
    const withPharmacy = (state: MedicationStepState): Step => ({ label: s.medStepWithPharmacy, state });
    switch (item.status) {
      case 'authorised':
        return [{ label: s.medStepIssued(issuer), state: 'todo' }, withPharmacy('todo'), { label: s.medStepDispensed(), state: 'todo' }];
      case 'issued':
        return [issued, withPharmacy('todo'), { label: s.medStepDispensed(), state: 'todo' }];
      case 'with-pharmacy':
        return [issued, withPharmacy('current'), { label: s.medStepDispensed(), state: 'todo' }];
      case 'dispensed':
        return [issued, withPharmacy('done'), { label: s.medStepDispensed(statusDate), state: 'done' }];
      case 'partially-dispensed':
        return [issued, withPharmacy('done'), { label: s.medStatusPartiallyDispensed(statusDate), state: 'partial' }];
      case 'not-dispensed':
        return [issued, withPharmacy('done'), { label: s.medStatusNotDispensed, state: 'failed' }];
      case 'cancelled':
        return wasIssued ? [issued, { label: s.medStatusCancelled, state: 'failed' }] : undefined;
      case 'expired':
        return wasIssued ? [issued, { label: s.medStatusExpired, state: 'failed' }] : undefined;
      default:
        return undefined;
    }
  }

  // ------------------------------------------------------------------------------------------- source

  private _organisation(item: MedicationItem): string | undefined {
    if (item.source.organisationName) return item.source.organisationName;
    // A dispense with no prescription here (or only the dispense's copy of it): the pharmacy is where it came from.
    if ((item.kind === 'dispensed' || this._fromPharmacyOnly(item)) && item.dispenses[0]?.pharmacy?.name) return item.dispenses[0].pharmacy.name;
    // No organisation recorded (a prescriber who is a Practitioner, not a role): name the person rather than guess a practice.
    return item.source.authorName;
  }

  private _sourceDate(item: MedicationItem): string | undefined {
    if (item.kind === 'prescribed') {
      const date = item.lastIssuedDate ?? item.authorisedDate ?? item.source.recorded;
      // Known only from the pharmacy's dispense notification (its copy of the prescription is undated).
      return date ?? (this._fromPharmacyOnly(item) ? (item.dispenses[0]?.whenHandedOver ?? item.dispenses[0]?.whenPrepared) : undefined);
    }
    return item.source.recorded ?? item.statusDate;
  }

  /** A prescription known only through a dispense's copy of it: nothing says who wrote it or where. */
  private _fromPharmacyOnly(item: MedicationItem): boolean {
    return item.kind === 'prescribed' && !item.source.organisationName && !item.source.authorName && item.dispenses.length > 0;
  }

  // ------------------------------------------------------------------------------------------- handlers

  private readonly _togglePast = (): void => {
    this.pastExpanded = !this.pastExpanded;
  };

  private _toggleHistory(key: string): void {
    const open = new Set(this._openHistories);
    if (open.has(key)) open.delete(key);
    else open.add(key);
    this._openHistories = open;
  }

  private readonly _clearFilter = (): void => {
    this.filter = '';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'medication-list': MedicationList;
  }
}
