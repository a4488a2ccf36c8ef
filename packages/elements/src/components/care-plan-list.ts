import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  carePlanItems,
  codeableConceptText,
  formatDate,
  formatDateTime,
  formatPeriod,
  formatQuantity,
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
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { carePlanSearch } from '../base/queries.js';
import { renderSearchNotes, searchOutcomeTexts } from '../base/states.js';
import { listControlStyles, renderListControls, renderListCount, renderSelectControl } from '../base/list-controls.js';
import { pageSizeOf, searchPages } from '../base/paged-list.js';
import type { SearchPages } from '../base/paged-list.js';
import { fetchReferences, recordLookup } from '../base/record-parties.js';
import { sanitizedContainer } from '../security/sanitize.js';
import { carePlanListStyles } from './care-plan-list.styles.js';
import { carePlanListStrings, UNIT_WORDS } from './care-plan-list.strings.js';
import type { CarePlanListStrings, Timing } from './care-plan-list.strings.js';

export { carePlanListStrings } from './care-plan-list.strings.js';
export type { CarePlanListStrings } from './care-plan-list.strings.js';

/** Which care plans are shown: all (current first, the default) or only active ones. */
export type CarePlanStatusFilter = 'all' | 'active';


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

/** What the care plan search brought back, with the goals, authors, performers… fetched by reference. */
export type CarePlanData = SearchPages<CarePlan>;

interface CarePlanView {
  list: CarePlanListModel;
  lookup: ResourceLookup;
  /** Sanitised narratives by plan, made once per load. */
  narratives: Map<CarePlanItem, { element: HTMLElement; removedCount: number } | undefined>;
  outcomes: string[];
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
  await fetchReferences(client, wanted, parties, signal);
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

  private _viewCache?: { data: CarePlanData; patient: Patient | undefined; view: CarePlanView };

  private readonly _plans = createRecordTask(this, {
    args: () => [pageSizeOf(this.pageSize, 20)] as const,
    resourceTypes: ['CarePlan'],
    section: 'care-plans',
    // What the audit trail is told was shown: the plans on screen (entered-in-error ones are not).
    count: (data: CarePlanData) => this._view(data).list.items.length,
    task: async ({ client, patientId, signal, args: [count] }): Promise<CarePlanData> =>
      this._pages.withParties(client, await client.search<CarePlan>(...carePlanSearch(patientId, count), { signal, maxPages: 1 }), signal),
  });

  private readonly _pages = searchPages(this, {
    base: () => this._plans.value,
    section: 'care-plans',
    resourceType: 'CarePlan',
    fetchParties: fetchCarePlanParties,
    lookup: (result, parties) => recordLookup(result, parties, this.patient),
    onError: (error) => this.dispatchError(error),
  });

  /** The care plan strings with the host's overrides. */
  get carePlanStrings(): CarePlanListStrings {
    return this.localStrings(carePlanListStrings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.statusFilter !== 'all' && this.statusFilter !== 'active') this.statusFilter = 'all';
  }

  protected override renderLoading(label: string = this.carePlanStrings.carePlanLoading): TemplateResult {
    return super.renderLoading(label);
  }

  override render(): TemplateResult {
    const s = this.carePlanStrings;
    return html`<section class="care-plan-list" part="section" aria-labelledby="care-plan-heading">
      ${this.renderHeading(s.carePlanHeading, { id: 'care-plan-heading' })} ${this.renderIdentityLine()}
      ${this._plans.render({
        complete: (data) => this._renderLoaded(this._pages.data(data)),
        errorTitle: s.carePlanUnavailable,
      })}
    </section>`;
  }

  private _view(data: CarePlanData): CarePlanView {
    const cache = this._viewCache;
    if (cache && cache.data === data && cache.patient === this.patient) return cache.view;
    const lookup = recordLookup(data.result, data.parties, this.patient);
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
    const outcomes = searchOutcomeTexts(data.result);
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
      ${renderSearchNotes(view.outcomes, s.serverNoted)}
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
      ${this._pages.renderMore(result, s.carePlanLoadMoreFailed)}
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
}

declare global {
  interface HTMLElementTagNameMap {
    'care-plan-list': CarePlanList;
  }
}
