import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  carePlanItems,
  codeableConceptText,
  formatDate,
  formatDateTime,
  formatPeriod,
  formatQuantity,
  isAbortError,
  referenceString,
} from '@care-record/fhir';
import type {
  CarePlan,
  CarePlanActivityView,
  CarePlanItem,
  CarePlanList as CarePlanListModel,
  FhirClient,
  FhirResource,
  GoalView,
  Patient,
  Reference,
  ResourceLookup,
  SearchResult,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { carePlanSearch } from '../base/queries.js';
import { renderError } from '../base/states.js';
import { defaultListControlStrings, listControlStyles, renderListControls, renderListCount, renderSelectControl } from '../base/list-controls.js';
import type { ListControlStrings } from '../base/list-controls.js';
import { sanitizedContainer } from './document-viewer.js';
import { carePlanListStyles } from './care-plan-list.styles.js';

/** Which care plans are shown: all (current first, the default) or only active ones. */
export type CarePlanStatusFilter = 'all' | 'active';

type Timing = NonNullable<NonNullable<NonNullable<CarePlan['activity']>[number]['detail']>['scheduledTiming']>;
type TimingUnit = NonNullable<NonNullable<Timing['repeat']>['periodUnit']>;

/** Every sentence `<care-plan-list>` shows; hosts override any of them through the provider's `strings`. */
export interface CarePlanListStrings extends ListControlStrings {
  carePlanHeading: string;
  carePlanLoading: string;
  carePlanUnavailable: string;
  carePlanNoneRecorded: string;
  carePlanNoneActive: string;
  /** "1 care plan marked as entered in error is not shown". */
  carePlanEnteredInError: (count: number) => string;
  carePlanCount: (count: number) => string;
  carePlanCurrentHeading: (count: number) => string;
  carePlanEndedHeading: (count: number) => string;
  carePlanUntitled: string;
  /** CarePlan.status in words. */
  carePlanStatus: (status: string) => string;
  /** CarePlan.intent in words, when it is not simply a plan. */
  carePlanIntent: (intent: string) => string;
  statusPrefix: string;
  importantPrefix: string;
  labelStatus: string;
  labelPeriod: string;
  carePlanLabelCategory: string;
  labelWrittenBy: string;
  labelAddresses: string;
  labelDescription: string;
  labelIntent: string;
  labelNotes: string;
  notKnown: string;
  goalsHeading: (count: number) => string;
  goalUntitled: string;
  /** Goal.lifecycleStatus in words. */
  goalLifecycle: (status: string) => string;
  /** Goal.achievementStatus in words (goal-achievement codes), else the recorded text. */
  goalAchievement: (code: string | undefined, text: string | undefined) => string | undefined;
  goalLifecycleLabel: string;
  goalAchievementLabel: string;
  goalPriority: (priority: string) => string;
  goalStarted: (date: string) => string;
  /** "Target: HbA1c ≤ 58 mmol/mol, by 10-Mar-2027". */
  goalTarget: (measure: string | undefined, detail: string | undefined, due: string | undefined) => string;
  /** Goals the plan names but the record did not provide. */
  goalsMissing: (count: number) => string;
  activitiesHeading: (count: number) => string;
  activityUntitled: string;
  /** CarePlan.activity.detail.status in words. */
  activityStatus: (status: string | undefined) => string;
  activityDoNotPerform: string;
  activityWhen: (when: string) => string;
  activityBy: (who: string) => string;
  activityWhere: (where: string) => string;
  activityStatusReason: (reason: string) => string;
  activityOutcome: (outcomes: string) => string;
  activityProgress: string;
  activitiesEnteredInError: (count: number) => string;
  /** "Twice a day", "Every 3 months", "3 times a week". */
  timingFrequency: (frequency: number, period: number, unit: TimingUnit) => string;
  timingDays: (days: string[]) => string;
  timingTimes: (times: string[]) => string;
  timingDuration: (duration: string) => string;
  timingCount: (count: number) => string;
  /** Event codes such as "before breakfast" (Timing.repeat.when). */
  timingWhen: (code: string) => string;
  narrativeHeading: string;
  narrativeShow: string;
  carePlanNarrativeRemoved: string;
  statusFilterLabel: string;
  statusFilterAll: string;
  statusFilterActive: string;
  carePlanItems: string;
  carePlanLoadMoreFailed: string;
  serverNoted: (message: string) => string;
}

const plural = (count: number, one: string, other: string) => (count === 1 ? one : other);
const words = (code: string) => {
  const text = code.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const PLAN_STATUS: Record<string, string> = {
  draft: 'Draft',
  active: 'Active',
  'on-hold': 'On hold',
  revoked: 'Stopped',
  completed: 'Completed',
  'entered-in-error': 'Entered in error',
  unknown: 'Status not known',
};

const PLAN_INTENT: Record<string, string> = {
  proposal: 'Proposed',
  plan: 'Plan',
  order: 'Ordered',
  option: 'Option',
};

const GOAL_LIFECYCLE: Record<string, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Active',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

const GOAL_ACHIEVEMENT: Record<string, string> = {
  'in-progress': 'In progress',
  improving: 'Improving',
  worsening: 'Worsening',
  'no-change': 'No change',
  achieved: 'Achieved',
  sustaining: 'Sustaining',
  'not-achieved': 'Not achieved',
  'no-progress': 'No progress',
  'not-attainable': 'Not attainable',
};

const ACTIVITY_STATUS: Record<string, string> = {
  'not-started': 'Not started',
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  stopped: 'Stopped',
  unknown: 'Status not known',
  'entered-in-error': 'Entered in error',
};

const UNIT_WORDS: Record<TimingUnit, [string, string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

// HL7 v3 TimingEvent and FHIR event-timing codes people meet in care plans.
const WHEN_WORDS: Record<string, string> = {
  MORN: 'in the morning',
  AFT: 'in the afternoon',
  EVE: 'in the evening',
  NIGHT: 'at night',
  HS: 'at bedtime',
  WAKE: 'on waking',
  C: 'with a meal',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with the evening meal',
  AC: 'before a meal',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before the evening meal',
  PC: 'after a meal',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after the evening meal',
};

export const carePlanListStrings: CarePlanListStrings = {
  ...defaultListControlStrings,
  carePlanHeading: 'Care plans',
  carePlanLoading: 'Loading care plans…',
  carePlanUnavailable: 'Care plans could not be loaded',
  carePlanNoneRecorded: 'No care plans recorded',
  carePlanNoneActive: 'No active care plans. Choose "All care plans" to see completed and stopped ones.',
  carePlanEnteredInError: (count) =>
    `${count} ${plural(count, 'care plan', 'care plans')} marked as entered in error ${plural(count, 'is', 'are')} not shown`,
  carePlanCount: (count) => `${count} ${plural(count, 'care plan', 'care plans')}`,
  carePlanCurrentHeading: (count) => `Current (${count})`,
  carePlanEndedHeading: (count) => `Completed, stopped or not known (${count})`,
  carePlanUntitled: 'Care plan',
  carePlanStatus: (status) => PLAN_STATUS[status] ?? words(status),
  carePlanIntent: (intent) => PLAN_INTENT[intent] ?? words(intent),
  statusPrefix: 'Status: ',
  importantPrefix: 'Important: ',
  labelStatus: 'Status',
  labelPeriod: 'Period',
  carePlanLabelCategory: 'Category',
  labelWrittenBy: 'Written by',
  labelAddresses: 'For',
  labelDescription: 'Description',
  labelIntent: 'Intent',
  labelNotes: 'Notes',
  notKnown: 'Not known',
  goalsHeading: (count) => `Goals (${count})`,
  goalUntitled: 'Goal without a description',
  goalLifecycle: (status) => GOAL_LIFECYCLE[status] ?? words(status),
  goalAchievement: (code, text) => (code && GOAL_ACHIEVEMENT[code]) || text,
  goalLifecycleLabel: 'Goal status',
  goalAchievementLabel: 'Progress',
  goalPriority: (priority) => `Priority: ${priority}`,
  goalStarted: (date) => `Started ${date}`,
  goalTarget: (measure, detail, due) => {
    const what = [measure, detail].filter(Boolean).join(' ');
    if (!what) return due ? `Target date: ${due}` : 'Target not stated';
    return `Target: ${what}${due ? `, by ${due}` : ''}`;
  },
  goalsMissing: (count) =>
    `${count} ${plural(count, 'goal', 'goals')} named by this plan ${plural(count, 'was', 'were')} not found in the record:`,
  activitiesHeading: (count) => `Activities (${count})`,
  activityUntitled: 'Activity without a description',
  activityStatus: (status) => (status ? (ACTIVITY_STATUS[status] ?? words(status)) : 'Status not known'),
  activityDoNotPerform: 'Do not do this',
  activityWhen: (when) => `When: ${when}`,
  activityBy: (who) => `By: ${who}`,
  activityWhere: (where) => `Where: ${where}`,
  activityStatusReason: (reason) => `Reason: ${reason}`,
  activityOutcome: (outcomes) => `Outcome: ${outcomes}`,
  activityProgress: 'Progress notes',
  activitiesEnteredInError: (count) =>
    `${count} ${plural(count, 'activity', 'activities')} marked as entered in error ${plural(count, 'is', 'are')} not shown`,
  timingFrequency: (frequency, period, unit) => {
    const [one, many] = UNIT_WORDS[unit] ?? [unit, unit];
    const article = unit === 'h' ? 'an' : 'a';
    if (period === 1) {
      if (frequency === 1) return `Once ${article} ${one}`;
      if (frequency === 2) return `Twice ${article} ${one}`;
      return `${frequency} times ${article} ${one}`;
    }
    if (frequency === 1) return `Every ${period} ${many}`;
    return `${frequency} times every ${period} ${many}`;
  },
  timingDays: (days) => `on ${days.join(', ')}`,
  timingTimes: (times) => `at ${times.join(', ')}`,
  timingDuration: (duration) => `for ${duration}`,
  timingCount: (count) => (count === 1 ? 'once only' : `${count} times in all`),
  timingWhen: (code) => WHEN_WORDS[code] ?? code.toLowerCase().replace(/-/g, ' '),
  narrativeHeading: 'Plan text',
  narrativeShow: 'Show full plan text',
  carePlanNarrativeRemoved: 'Some content in this plan could not be shown safely and was removed (for example scripts or pictures from other websites).',
  statusFilterLabel: 'Show',
  statusFilterAll: 'All care plans',
  statusFilterActive: 'Active care plans only',
  carePlanItems: 'care plans',
  carePlanLoadMoreFailed: 'More care plans could not be loaded.',
  serverNoted: (message) => `The record server noted: ${message}`,
};

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** A FHIR Timing in words: "Twice a day, at 08:00, 20:00, from 01-Jan-2024". Undefined when it says nothing. */
export function timingText(timing: Timing | undefined, strings: CarePlanListStrings, display: { locale: string; timeZone: string }): string | undefined {
  if (!timing) return undefined;
  const parts: string[] = [];
  const code = codeableConceptText(timing.code);
  const repeat = timing.repeat;
  if (repeat) {
    if (repeat.frequency !== undefined || repeat.period !== undefined) {
      parts.push(strings.timingFrequency(repeat.frequency ?? 1, repeat.period ?? 1, repeat.periodUnit ?? 'd'));
    }
    if (repeat.dayOfWeek?.length) parts.push(strings.timingDays(repeat.dayOfWeek.map((day) => DAY_NAMES[day] ?? day)));
    if (repeat.timeOfDay?.length) parts.push(strings.timingTimes(repeat.timeOfDay.map((time) => time.slice(0, 5))));
    if (repeat.when?.length) parts.push(repeat.when.map((when) => strings.timingWhen(when)).join(', '));
    if (repeat.duration !== undefined && repeat.durationUnit) {
      const [one, many] = UNIT_WORDS[repeat.durationUnit] ?? [repeat.durationUnit, repeat.durationUnit];
      parts.push(strings.timingDuration(`${repeat.duration} ${repeat.duration === 1 ? one : many}`));
    }
    if (repeat.count !== undefined) parts.push(strings.timingCount(repeat.count));
    const bounds = repeat.boundsPeriod ? formatPeriod(repeat.boundsPeriod, display) : formatQuantity(repeat.boundsDuration, display);
    if (bounds) parts.push(repeat.boundsPeriod ? bounds.charAt(0).toLowerCase() + bounds.slice(1) : strings.timingDuration(bounds));
  }
  const events = (timing.event ?? []).map((event) => formatDateTime(event, display)).filter((event): event is string => !!event);
  if (events.length) parts.push(events.join(', '));
  const text = parts.join(', ');
  if (code && text) return `${code} (${text})`;
  return code ?? (text || undefined);
}

/** What the care plan search brought back, with the goals, people and organisations fetched by reference. */
export interface CarePlanData {
  result: SearchResult<CarePlan>;
  /** Goals, authors, performers… that were neither contained nor included, fetched in batches. */
  parties: Map<string, FhirResource>;
}

interface CarePlanView {
  list: CarePlanListModel;
  lookup: ResourceLookup;
  /** Sanitised narratives by plan, made once per load. */
  narratives: Map<CarePlanItem, { element: HTMLElement; removedCount: number } | undefined>;
  outcomes: string[];
}

/** A lookup over the search result, the fetched parties and the current patient. */
function planLookup(result: SearchResult, parties: ReadonlyMap<string, FhirResource>, patient: Patient | undefined): ResourceLookup {
  return (reference, from) => {
    const found = result.resolve(reference, from);
    if (found) return found;
    const text = referenceString(reference);
    if (!text) return undefined;
    const party = parties.get(text);
    if (party) return party;
    if (patient?.id && (text === `Patient/${patient.id}` || text.endsWith(`/Patient/${patient.id}`))) return patient;
    return undefined;
  };
}

/**
 * Fetches, in one batched request per resource type (`Goal?_id=a,b`), what the plans refer to and the
 * search did not include: goals (always: their statuses matter, not only their names), and authors,
 * performers, places and requests that have no display of their own. A failure leaves those as
 * "Not known" or as the goal's display: the plans themselves must still show.
 */
export async function fetchCarePlanParties(
  client: FhirClient,
  plans: readonly CarePlan[],
  lookup: ResourceLookup,
  known: ReadonlyMap<string, FhirResource>,
  signal: AbortSignal,
): Promise<Map<string, FhirResource>> {
  const parties = new Map(known);
  const wanted = new Map<string, Reference>();
  const want = (reference: Reference | undefined, from: CarePlan, evenWithDisplay = false) => {
    const text = referenceString(reference);
    if (!reference || !text || text.startsWith('#') || text.startsWith('urn:')) return;
    if (!evenWithDisplay && reference.display) return;
    if (lookup(reference, from) || parties.has(text)) return;
    wanted.set(text, reference);
  };
  for (const plan of plans) {
    plan.goal?.forEach((goal) => want(goal, plan, true));
    want(plan.author, plan);
    plan.addresses?.forEach((condition) => want(condition, plan));
    for (const activity of plan.activity ?? []) {
      want(activity.reference, plan);
      activity.detail?.performer?.forEach((performer) => want(performer, plan));
      want(activity.detail?.location, plan);
    }
  }
  if (!wanted.size) return parties;
  try {
    for (const [key, resource] of await client.resolveReferences([...wanted.values()], { signal })) parties.set(key, resource);
  } catch (error) {
    if (isAbortError(error)) throw error;
  }
  return parties;
}

function isCurrent(item: CarePlanItem): boolean {
  return item.status === 'active' || item.status === 'on-hold' || item.status === 'draft';
}

/**
 * A resident's care plans, current ones first (active, on hold, draft), then completed and stopped
 * ones, newest first within each. Each plan shows its title and description, status (in words, as a
 * badge), period, category, who wrote it and the problems it addresses; its goals with their status,
 * progress (improving, worsening, achieved…) and targets; its activities, each with its own status,
 * schedule ("Twice a day, at 08:00, 20:00"), who does it and where, and "Do not do this" where the
 * plan says so; and notes. The plan's own text (`CarePlan.text`) is sanitised with `sanitizeNarrative`
 * and shown in full when the structured data is thin (no goals and no activities), otherwise behind a
 * "Show full plan text" disclosure. Plans and activities marked as entered in error are left out with
 * a notice.
 *
 * Searches `CarePlan?patient={id}&_sort=-date&_include=CarePlan:goal&_include=CarePlan:condition&_count={page-size}`
 * (one page; "Showing 20 of 45" and Load more after). Goals a server does not include, and authors and
 * performers without a display, are fetched in one batched request per type.
 *
 * @tag care-plan-list
 * @summary Care plans with goals, activities and their statuses, current first.
 *
 * @fires care-record-error - The care plans could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `group-heading`, `item-heading`, `sub-heading`).
 * @csspart controls - The status filter; each control has part `control`.
 * @csspart count - "3 care plans", or "Showing 1 of 3" while the filter hides some.
 * @csspart notice - Notices (entered in error, what the server noted).
 * @csspart list - Each list of care plans.
 * @csspart item - One care plan; also `item-current` or `item-ended`.
 * @csspart header - A plan's heading and status badge.
 * @csspart badge - Status badges (plan status, activity status).
 * @csspart details - A plan's details (status, period, category, author, problems).
 * @csspart goals - A plan's goals; each goal has part `goal`.
 * @csspart activities - A plan's activities; each activity has part `activity` (also `activity-do-not-perform`).
 * @csspart narrative - The plan's sanitised text; its disclosure has part `narrative-disclosure`.
 * @csspart source - Where and when each plan was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (retry, load more, clear filters).
 *
 * @cssprop --care-record-care-plan-current-color - Left border of current plans (defaults to the primary colour).
 * @cssprop --care-record-care-plan-gap - Space between plans (default 16px).
 */
export class CarePlanList extends CareRecordElement {
  static override stringsNamespace = 'care-plan-list';

  static override styles = [CareRecordElement.styles, listControlStyles, carePlanListStyles];

  /** Care plans asked for per request (`_count`, 1–100, default 20); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** `all` (the default: current plans first, then ended ones) or `active` (active plans only). */
  @property({ attribute: 'status-filter' }) statusFilter: CarePlanStatusFilter = 'all';

  @state() private _page?: CarePlanData;
  @state() private _loadingMore = false;
  @state() private _moreError?: unknown;

  private _pageBase?: CarePlanData;
  private _moreController?: AbortController;
  private _viewCache?: { data: CarePlanData; patient: Patient | undefined; view: CarePlanView };

  private readonly _plans = createRecordTask(this, {
    args: () => [this._effectivePageSize] as const,
    resourceTypes: ['CarePlan'],
    section: 'care-plans',
    // What the audit trail is told was shown: the plans on screen (entered-in-error ones are not).
    count: (data: CarePlanData) => this._view(data).list.items.length,
    task: async ({ client, patientId, patient, signal, args: [count] }): Promise<CarePlanData> => {
      const result = await client.search<CarePlan>(...carePlanSearch(patientId, count), { signal, maxPages: 1 });
      const parties = await fetchCarePlanParties(client, result.matches, planLookup(result, new Map(), patient), new Map(), signal);
      return { result, parties };
    },
  });

  /** The care plan strings with the host's overrides. */
  get carePlanStrings(): CarePlanListStrings {
    return this.localStrings(carePlanListStrings);
  }

  private get _effectivePageSize(): number {
    const size = Math.round(Number(this.pageSize));
    return Number.isFinite(size) ? Math.min(100, Math.max(1, size)) : 20;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._moreController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.statusFilter !== 'all' && this.statusFilter !== 'active') this.statusFilter = 'all';
    const base = this._plans.value;
    if (base !== this._pageBase) {
      // A new search (another resident, a retry, a new page size): start again from its first page.
      this._moreController?.abort();
      this._pageBase = base;
      this._page = base;
      this._moreError = undefined;
      this._loadingMore = false;
    }
  }

  protected override renderLoading(label: string = this.carePlanStrings.carePlanLoading): TemplateResult {
    return super.renderLoading(label);
  }

  override render(): TemplateResult {
    const s = this.carePlanStrings;
    return html`<section class="care-plan-list" part="section" aria-labelledby="care-plan-heading">
      ${this.renderHeading(s.carePlanHeading, { id: 'care-plan-heading' })} ${this.renderIdentityLine()}
      ${this._plans.render({
        complete: (data) => this._renderLoaded(this._page ?? data),
        error: (error, retry) => renderError({ ...this.strings, errorTitle: s.carePlanUnavailable }, error, retry),
      })}
    </section>`;
  }

  private _view(data: CarePlanData): CarePlanView {
    const cache = this._viewCache;
    if (cache && cache.data === data && cache.patient === this.patient) return cache.view;
    const lookup = planLookup(data.result, data.parties, this.patient);
    const list = carePlanItems(data.result.matches, { resolve: lookup });
    // Sanitised once per load, so each render moves the same nodes instead of parsing record HTML again.
    const narratives = new Map(
      list.items.map((item) => {
        const markup = item.narrative?.trim();
        if (!markup) return [item, undefined] as const;
        const sanitised = sanitizedContainer(markup, 'narrative', 'narrative');
        return [item, sanitised.element.textContent?.trim() ? sanitised : undefined] as const;
      }),
    );
    const outcomes = [
      ...new Set(
        data.result.outcomes
          .flatMap((outcome) => outcome.issue ?? [])
          .filter((issue) => issue.severity !== 'information')
          .map((issue) => (issue.details?.text ?? issue.diagnostics)?.trim())
          .filter((text): text is string => !!text),
      ),
    ];
    const view = { list, lookup, narratives, outcomes };
    this._viewCache = { data, patient: this.patient, view };
    return view;
  }

  private _renderLoaded(data: CarePlanData): TemplateResult {
    const s = this.carePlanStrings;
    const view = this._view(data);
    const { result } = data;
    const excluded = view.list.excluded.enteredInError;
    const items = view.list.items;
    const current = items.filter(isCurrent);
    const ended = this.statusFilter === 'active' ? [] : items.filter((item) => !isCurrent(item));
    const shownCurrent = this.statusFilter === 'active' ? current.filter((item) => item.status === 'active') : current;
    const shown = shownCurrent.length + ended.length;
    return html`
      ${view.outcomes.length
        ? html`<div class="notice" part="notice" role="note">${view.outcomes.map((text) => html`<p>${s.serverNoted(text)}</p>`)}</div>`
        : nothing}
      ${excluded ? html`<p class="notice" part="notice" role="note">${s.carePlanEnteredInError(excluded)}</p>` : nothing}
      ${items.length === 0 && result.complete
        ? this.renderEmpty(s.carePlanNoneRecorded)
        : html`${renderListControls(s.controlsLabel(s.carePlanItems), [
              renderSelectControl<CarePlanStatusFilter>({
                id: 'care-plan-status',
                label: s.statusFilterLabel,
                value: this.statusFilter,
                options: [
                  { value: 'all', label: s.statusFilterAll },
                  { value: 'active', label: s.statusFilterActive },
                ],
                onChange: (value) => (this.statusFilter = value),
              }),
            ])}
            ${renderListCount(s, { shown, total: items.length, allText: s.carePlanCount(items.length), onClear: this._clearFilters })}
            ${shownCurrent.length
              ? html`${this.renderHeading(s.carePlanCurrentHeading(shownCurrent.length), { offset: 1, part: 'heading group-heading' })}
                ${this._renderPlans(shownCurrent, view, true)}`
              : this.statusFilter === 'active'
                ? html`<p class="none">${s.carePlanNoneActive}</p>`
                : nothing}
            ${ended.length
              ? html`${this.renderHeading(s.carePlanEndedHeading(ended.length), { offset: 1, part: 'heading group-heading' })}
                ${this._renderPlans(ended, view, false)}`
              : nothing}`}
      ${result.complete
        ? nothing
        : this.renderPartial({
            shown: result.matches.length,
            total: result.total,
            onLoadMore: result.nextUrl ? this._loadMore : undefined,
            loading: this._loadingMore,
          })}
      ${this._moreError ? renderError({ ...this.strings, errorTitle: s.carePlanLoadMoreFailed }, this._moreError, this._loadMore) : nothing}
    `;
  }

  private _renderPlans(items: CarePlanItem[], view: CarePlanView, current: boolean): TemplateResult {
    return html`<ul class="plans" part="list">
      ${items.map((item) => this._renderPlan(item, view, current))}
    </ul>`;
  }

  private _renderPlan(item: CarePlanItem, view: CarePlanView, current: boolean): TemplateResult {
    const s = this.carePlanStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const title = item.title?.trim() || item.description?.trim() || item.categories[0] || s.carePlanUntitled;
    const description = item.title?.trim() && item.description?.trim() ? item.description.trim() : undefined;
    const period = formatPeriod(item.period, display);
    const author = item.author?.name ?? item.source.authorName;
    const activities = item.activities.filter((activity) => activity.status !== 'entered-in-error');
    const withdrawnActivities = item.activities.length - activities.length;
    const narrative = view.narratives.get(item);
    const thin = item.goals.length === 0 && activities.length === 0 && item.missingGoals.length === 0;
    return html`<li class="plan ${current ? 'current' : 'ended'}" part="item ${current ? 'item-current' : 'item-ended'}">
      <div class="plan-header" part="header">
        ${this.renderHeading(title, { offset: 2, part: 'heading item-heading' })}
        <p class="badges">
          <span class="badge badge-${item.status}" part="badge"
            ><span class="visually-hidden">${s.statusPrefix}</span>${s.carePlanStatus(item.status)}</span
          >
        </p>
      </div>
      ${description ? html`<p class="description">${description}</p>` : nothing}
      <dl class="details" part="details">
        <div>
          <dt>${s.labelPeriod}</dt>
          <dd>${period ?? s.notKnown}</dd>
        </div>
        ${item.categories.length
          ? html`<div>
              <dt>${s.carePlanLabelCategory}</dt>
              <dd>${item.categories.join(', ')}</dd>
            </div>`
          : nothing}
        <div>
          <dt>${s.labelWrittenBy}</dt>
          <dd>${author ?? s.notKnown}</dd>
        </div>
        ${item.addresses.length
          ? html`<div>
              <dt>${s.labelAddresses}</dt>
              <dd>${item.addresses.join(', ')}</dd>
            </div>`
          : nothing}
        ${item.intent && item.intent !== 'plan'
          ? html`<div>
              <dt>${s.labelIntent}</dt>
              <dd>${s.carePlanIntent(item.intent)}</dd>
            </div>`
          : nothing}
      </dl>
      ${this._renderGoals(item, display)} ${this._renderActivities(activities, withdrawnActivities, display)}
      ${item.notes.length
        ? html`${this.renderHeading(s.labelNotes, { offset: 3, part: 'heading sub-heading' })}
          ${item.notes.map((note) => html`<p class="note">${note}</p>`)}`
        : nothing}
      ${narrative ? this._renderNarrative(narrative, thin) : nothing}
      <p class="source" part="source">${this.sourceLine(item.source.organisationName ?? item.author?.name, item.created ?? item.period?.start ?? item.source.recorded)}</p>
    </li>`;
  }

  private _renderGoals(item: CarePlanItem, display: { locale: string; timeZone: string }): TemplateResult | typeof nothing {
    const s = this.carePlanStrings;
    const goals = item.goals;
    if (!goals.length && !item.missingGoals.length) return nothing;
    const count = goals.length + item.missingGoals.length;
    return html`<div class="goals" part="goals">
      ${this.renderHeading(s.goalsHeading(count), { offset: 3, part: 'heading sub-heading' })}
      ${goals.length ? html`<ul class="sub-list">${goals.map((goal) => this._renderGoal(goal, display))}</ul>` : nothing}
      ${item.missingGoals.length
        ? html`<p class="hint">${s.goalsMissing(item.missingGoals.length)}</p>
            <ul class="missing">
              ${item.missingGoals.map((goal) => html`<li>${goal.display ?? goal.reference ?? s.goalUntitled}</li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  private _renderGoal(goal: GoalView, display: { locale: string; timeZone: string }): TemplateResult {
    const s = this.carePlanStrings;
    const achievement = s.goalAchievement(goal.achievementCode, goal.achievementStatus);
    const started = formatDate(goal.startDate, display);
    return html`<li class="goal" part="goal">
      <p class="goal-title">${goal.description ?? s.goalUntitled}</p>
      <p class="statuses">
        <span class="status-pair"
          ><span class="status-label">${s.goalLifecycleLabel}:</span> <span class="badge badge-${goal.lifecycleStatus}" part="badge">${s.goalLifecycle(goal.lifecycleStatus)}</span></span
        >
        ${achievement
          ? html`<span class="status-pair"
              ><span class="status-label">${s.goalAchievementLabel}:</span>
              <span class="badge badge-${goal.achievementCode ?? 'other'}" part="badge">${achievement}</span></span
            >`
          : nothing}
      </p>
      ${goal.targets.map(
        (target) => html`<p class="target">${s.goalTarget(target.measure, target.detail, target.due ? (formatDate(target.due, display) ?? target.due) : undefined)}</p>`,
      )}
      ${goal.priority || started
        ? html`<p class="secondary">${[goal.priority ? s.goalPriority(goal.priority) : undefined, started ? s.goalStarted(started) : undefined].filter(Boolean).join(' · ')}</p>`
        : nothing}
      ${goal.notes.map((note) => html`<p class="note">${note}</p>`)}
    </li>`;
  }

  private _renderActivities(activities: CarePlanActivityView[], withdrawn: number, display: { locale: string; timeZone: string }): TemplateResult | typeof nothing {
    const s = this.carePlanStrings;
    if (!activities.length && !withdrawn) return nothing;
    return html`<div class="activities" part="activities">
      ${this.renderHeading(s.activitiesHeading(activities.length), { offset: 3, part: 'heading sub-heading' })}
      ${withdrawn ? html`<p class="notice" part="notice" role="note">${s.activitiesEnteredInError(withdrawn)}</p>` : nothing}
      ${activities.length ? html`<ul class="sub-list">${activities.map((activity) => this._renderActivity(activity, display))}</ul>` : nothing}
    </div>`;
  }

  private _renderActivity(activity: CarePlanActivityView, display: { locale: string; timeZone: string }): TemplateResult {
    const s = this.carePlanStrings;
    const when = activity.scheduled
      ? (timingText(activity.scheduled.timing, s, display) ?? formatPeriod(activity.scheduled.period, display) ?? activity.scheduled.text)
      : undefined;
    const performers = activity.performers.map((p) => p.name).filter((name): name is string => !!name);
    const status = activity.status ?? 'unknown';
    const lines = [
      when ? s.activityWhen(when) : undefined,
      performers.length ? s.activityBy(performers.join(', ')) : undefined,
      activity.location?.name ? s.activityWhere(activity.location.name) : undefined,
      activity.statusReason ? s.activityStatusReason(activity.statusReason) : undefined,
      activity.outcomes.length ? s.activityOutcome(activity.outcomes.join(', ')) : undefined,
    ].filter((line): line is string => !!line);
    return html`<li
      class="activity ${activity.doNotPerform ? 'do-not-perform' : ''} status-${status}"
      part="activity${activity.doNotPerform ? ' activity-do-not-perform' : ''}"
    >
      <div class="activity-header">
        <p class="activity-title">
          ${activity.doNotPerform
            ? html`<strong class="do-not"><span class="visually-hidden">${s.importantPrefix}</span>${s.activityDoNotPerform}:</strong> `
            : nothing}${activity.title ?? s.activityUntitled}
        </p>
        <span class="badge badge-${status}" part="badge"><span class="visually-hidden">${s.statusPrefix}</span>${s.activityStatus(activity.status)}</span>
      </div>
      ${activity.description ? html`<p class="activity-description">${activity.description}</p>` : nothing}
      ${lines.map((line) => html`<p class="activity-line">${line}</p>`)}
      ${activity.notes.length
        ? html`<p class="activity-line">${s.activityProgress}:</p>
            ${activity.notes.map((note) => html`<p class="note">${note}</p>`)}`
        : nothing}
    </li>`;
  }

  private _renderNarrative(narrative: { element: HTMLElement; removedCount: number }, thin: boolean): TemplateResult {
    const s = this.carePlanStrings;
    const content = html`${narrative.removedCount ? html`<p class="notice" part="notice" role="note">${s.carePlanNarrativeRemoved}</p>` : nothing}${narrative.element}`;
    if (thin) {
      return html`<div class="narrative-block">
        ${this.renderHeading(s.narrativeHeading, { offset: 3, part: 'heading sub-heading' })} ${content}
      </div>`;
    }
    return html`<details class="narrative-disclosure" part="narrative-disclosure">
      <summary>${s.narrativeShow}</summary>
      ${content}
    </details>`;
  }

  private readonly _clearFilters = (): void => {
    this.statusFilter = 'all';
  };

  private readonly _loadMore = async (): Promise<void> => {
    const page = this._page;
    const client = this.client;
    if (!page || !client || this._loadingMore || !page.result.nextUrl) return;
    this._moreController?.abort();
    const controller = new AbortController();
    this._moreController = controller;
    const signal = controller.signal;
    this._loadingMore = true;
    this._moreError = undefined;
    try {
      const result = await client.loadMore(page.result, { signal, maxPages: 1 });
      const added = result.matches.slice(page.result.matches.length);
      const parties = await fetchCarePlanParties(client, added, planLookup(result, page.parties, this.patient), page.parties, signal);
      if (signal.aborted || this._page !== page) return;
      this._page = { result, parties };
      await this.updateComplete;
      // Record tasks report their own views; what Load more adds is reported here, once on screen.
      this.reportLoadedMore('care-plans', 'CarePlan', added, result.requestUrls.slice(page.result.requestUrls.length));
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
}

declare global {
  interface HTMLElementTagNameMap {
    'care-plan-list': CarePlanList;
  }
}
