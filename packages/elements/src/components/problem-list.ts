import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  compareFhirDatesNewestFirst,
  describeReference,
  formatDate,
  formatPeriod,
  formatQuantity,
  formatRange,
  groupProblems,
  isEnteredInError,
} from '@care-record/fhir';
import type { Condition, DisplayOptions, Patient, Quantity, Period, ProblemGroups, ProblemItem, Range, ResourceLookup } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { conditionSearch, PAGE_SIZES } from '../base/queries.js';
import { listControlStyles, matchesQuery, renderListControls, renderListCount, renderSearchControl, renderSelectControl } from '../base/list-controls.js';
import { searchPages } from '../base/paged-list.js';
import type { SearchPages } from '../base/paged-list.js';
import { fetchRecordParties, recordLookup } from '../base/record-parties.js';
import { problemListStyles } from './problem-list.styles.js';
import { problemListStrings } from './problem-list.strings.js';
import type { ProblemGroupName, ProblemListStrings } from './problem-list.strings.js';

export { problemListStrings } from './problem-list.strings.js';
export type { ProblemGroupName, ProblemListStrings } from './problem-list.strings.js';

export type ProblemGroupFilter = 'all' | ProblemGroupName;
export type ProblemSort = 'onset' | 'recorded' | 'name';

const GROUP_ORDER: ProblemGroupName[] = ['active', 'pastSignificant', 'inactive', 'resolved', 'refuted'];
// Active problems and significant past history are open from the start: the past history that
// explains today's behaviour must not hide behind a click (DOMAIN). The rest open on demand.
const OPEN_AT_FIRST: ReadonlySet<ProblemGroupName> = new Set(['active', 'pastSignificant']);
const UNCONFIRMED = new Set(['unconfirmed', 'provisional', 'differential']);

/** What the condition search brought back, with the people and organisations fetched to name sources. */
export type ProblemData = SearchPages<Condition>;

interface ProblemView {
  groups: Record<ProblemGroupName, ProblemItem[]>;
  enteredInError: number;
  total: number;
  raw: Map<string, Condition>;
  lookup: ResourceLookup;
  /** Onset estimated from onset[x] Age/Range/String and the birth date, as a FHIR year, for ordering and grouping. */
  estimatedOnset: Map<ProblemItem, string>;
}

/** Years in an Age (UCUM `a`, or a unit that says years); undefined for months, weeks… */
function ageInYears(age: Quantity | undefined): number | undefined {
  if (age?.value === undefined) return undefined;
  const unit = `${age.code ?? ''} ${age.unit ?? ''}`.toLowerCase();
  return /\ba\b|year|yr/.test(unit) ? age.value : undefined;
}

/** The calendar year a condition began, when only an age or words say so, from the birth date. */
function estimatedOnsetYear(condition: Condition, patient: Patient | undefined): number | undefined {
  const birthYear = patient?.birthDate ? Number(patient.birthDate.slice(0, 4)) : undefined;
  const years = ageInYears(condition.onsetAge) ?? ageInYears(condition.onsetRange?.low) ?? ageInYears(condition.onsetRange?.high);
  if (birthYear && years !== undefined) return Math.floor(birthYear + years);
  const written = /\b(1[89]\d\d|20\d\d)\b/.exec(condition.onsetString ?? '');
  return written ? Number(written[1]) : undefined;
}

/**
 * A resident's problems and diagnoses (`Condition`, problem-list items and encounter diagnoses alike)
 * in groups: active, past significant history, inactive, resolved, and ruled out. Past significant
 * history — ended problems marked significant, or from long ago — has its own group with a count,
 * open from the start, because a trauma decades ago can explain distress today. Each problem shows
 * when it began and ended (as a date, an age, a period or words, only as precise as recorded),
 * severity, category, verification (unconfirmed, provisional, differential and refuted are flagged),
 * notes, and where and when it was recorded. Entered-in-error entries are left out with a notice.
 *
 * Searches `Condition?patient={id}&_count={page-size}`; Load more fetches the next page.
 *
 * @tag problem-list
 * @summary Problems, diagnoses and significant past history, grouped, searchable and sortable.
 *
 * @fires care-record-error - The problems could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `group-heading`, `item-heading`).
 * @csspart notice - The entered-in-error notice.
 * @csspart controls - The search box, group filter and sort order; each control has part `control`.
 * @csspart count - "Showing 3 of 12" while the search or a filter hides problems.
 * @csspart group - Each group (`group-active`, `group-pastSignificant`, `group-inactive`, `group-resolved`, `group-refuted`).
 * @csspart group-toggle - The button that opens or closes a group.
 * @csspart list - Each group's list of problems.
 * @csspart item - Each problem.
 * @csspart name - The problem's name.
 * @csspart flag - Each flag (unconfirmed, significant…).
 * @csspart details - Began, ended, status, severity, category, notes.
 * @csspart source - Where and when each problem was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (group toggles, retry, load more, clear filters).
 *
 * @cssprop --care-record-problem-history-color - Accent of the past significant history group (defaults to the primary colour, #005eb8).
 */
export class ProblemList extends CareRecordElement {
  static override stringsNamespace = 'problem-list';

  static override styles = [CareRecordElement.styles, listControlStyles, problemListStyles];

  /** Problems asked for per request (`_count`); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 100;

  /** Ended problems that began longer ago than this many years count as past significant history (default 10). */
  @property({ attribute: 'past-years', type: Number }) pastYears = 10;

  /** Order within each group: `onset` (newest first, the default), `recorded` (newest first) or `name`. */
  @property() sort: ProblemSort = 'onset';

  /** Show one group only (`active`, `pastSignificant`, `inactive`, `resolved`, `refuted`) or `all` (default). */
  @property({ attribute: 'group-filter' }) groupFilter: ProblemGroupFilter = 'all';

  /** Text that problem names must contain (the search box). */
  @property() query = '';

  @state() private _open: ReadonlySet<ProblemGroupName> = OPEN_AT_FIRST;
  private _viewCache?: { data: ProblemData; patient: Patient | undefined; pastYears: number; view: ProblemView };

  private readonly _problems = createRecordTask(this, {
    args: () => [this.pageSize] as const,
    resourceTypes: ['Condition'],
    section: 'problems',
    // What the audit trail is told was shown: entries marked entered in error are left out.
    count: (data: ProblemData) => data.result.matches.filter((condition) => !isEnteredInError(condition)).length,
    task: async ({ client, patientId, signal, args: [pageSize] }): Promise<ProblemData> => {
      const count = Number.isFinite(pageSize) && pageSize > 0 ? Math.floor(pageSize) : PAGE_SIZES.problems;
      return this._pages.withParties(client, await client.search<Condition>(...conditionSearch(patientId, count), { signal, maxPages: 1 }), signal);
    },
  });

  private readonly _pages = searchPages(this, {
    base: () => this._problems.value,
    section: 'problems',
    resourceType: 'Condition',
    fetchParties: fetchRecordParties,
    lookup: (result) => result.resolve.bind(result),
  });

  /** The problem-list strings with the host's overrides. */
  protected get problemStrings(): ProblemListStrings {
    return this.localStrings(problemListStrings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!['onset', 'recorded', 'name'].includes(this.sort)) this.sort = 'onset';
    if (this.groupFilter !== 'all' && !GROUP_ORDER.includes(this.groupFilter)) this.groupFilter = 'all';
    if (typeof this.query !== 'string') this.query = '';
  }

  override render(): TemplateResult {
    const s = this.problemStrings;
    return html`<section class="problem-list" part="section" aria-labelledby="problem-heading">
      ${this.renderHeading(s.problemHeading, { id: 'problem-heading' })} ${this.renderIdentityLine()}
      ${this._problems.render({
        complete: (data) => this._renderProblems(this._pages.data(data)),
        errorTitle: s.problemUnavailable,
      })}
    </section>`;
  }

  private _view(data: ProblemData): ProblemView {
    const cache = this._viewCache;
    const pastYears = Number.isFinite(this.pastYears) && this.pastYears > 0 ? this.pastYears : 10;
    if (cache && cache.data === data && cache.patient === this.patient && cache.pastYears === pastYears) return cache.view;
    const { result, parties } = data;
    const lookup = recordLookup(result, parties, this.patient);
    const grouped: ProblemGroups = groupProblems(result.matches, { resolve: lookup, pastYears });
    const raw = new Map(result.matches.filter((c) => c.id).map((c) => [`Condition/${c.id}`, c]));

    // groupProblems dates a problem by onset[x] dateTime/Period only; one that began "at age 30" (or
    // "in 1975") decades ago is just as much past history, so the birth date dates it here.
    const estimatedOnset = new Map<ProblemItem, string>();
    const threshold = new Date().getFullYear() - pastYears;
    const moved: ProblemItem[] = [];
    for (const item of [...grouped.active, ...grouped.inactive, ...grouped.resolved, ...grouped.pastSignificant, ...grouped.excluded.refuted]) {
      const condition = item.reference ? raw.get(item.reference) : undefined;
      const year = !item.onsetDate && condition ? estimatedOnsetYear(condition, this.patient) : undefined;
      if (year === undefined) continue;
      estimatedOnset.set(item, String(year));
      if (item.significance !== 'minor' && year < threshold && (grouped.inactive.includes(item) || grouped.resolved.includes(item))) moved.push(item);
    }
    const keep = (items: ProblemItem[]) => items.filter((item) => !moved.includes(item));
    const groups: Record<ProblemGroupName, ProblemItem[]> = {
      active: grouped.active,
      pastSignificant: [...grouped.pastSignificant, ...moved],
      inactive: keep(grouped.inactive),
      resolved: keep(grouped.resolved),
      refuted: grouped.excluded.refuted,
    };
    const view: ProblemView = {
      groups,
      enteredInError: grouped.excluded.enteredInError,
      total: GROUP_ORDER.reduce((sum, group) => sum + groups[group].length, 0),
      raw,
      lookup,
      estimatedOnset,
    };
    this._viewCache = { data, patient: this.patient, pastYears, view };
    return view;
  }

  private _renderProblems(data: ProblemData): TemplateResult {
    const s = this.problemStrings;
    const view = this._view(data);
    return html`
      ${view.enteredInError ? html`<p class="notice" part="notice">${s.problemEnteredInError(view.enteredInError)}</p>` : nothing}
      ${view.total ? this._renderGroups(view) : this.renderEmpty(s.problemNoneRecorded)} ${this._pages.renderMore(data.result, s.loadMoreFailed)}
    `;
  }

  private _renderGroups(view: ProblemView): TemplateResult {
    const s = this.problemStrings;
    const query = this.query.trim();
    const matches = (item: ProblemItem) => matchesQuery(query, item.name, ...(item.code?.coding ?? []).map((c) => c.display));
    const chosen = GROUP_ORDER.filter((group) => this.groupFilter === 'all' || this.groupFilter === group);
    const shownGroups = chosen.map((group) => ({ group, items: this._sorted(view.groups[group].filter(matches), view) }));
    const shown = shownGroups.reduce((sum, { items }) => sum + items.length, 0);
    const groupOptions = GROUP_ORDER.filter((group) => group !== 'refuted' || view.groups.refuted.length);
    return html`
      ${renderListControls(s.controlsLabel(s.problemItems), [
        renderSearchControl({
          id: 'problem-search',
          label: s.searchLabel,
          hint: s.searchHint,
          value: this.query,
          onInput: (value) => (this.query = value),
        }),
        renderSelectControl<ProblemGroupFilter>({
          id: 'problem-group',
          label: s.groupLabel,
          value: this.groupFilter,
          options: [
            { value: 'all', label: s.groupAll },
            ...groupOptions.map((group) => ({ value: group, label: s.problemGroup(group, view.groups[group].length) })),
          ],
          onChange: (value) => (this.groupFilter = value),
        }),
        renderSelectControl<ProblemSort>({
          id: 'problem-sort',
          label: s.sortLabel,
          value: this.sort,
          options: [
            { value: 'onset', label: s.sortOnset },
            { value: 'recorded', label: s.sortRecorded },
            { value: 'name', label: s.sortName },
          ],
          onChange: (value) => (this.sort = value),
        }),
      ])}
      ${renderListCount(s, { shown, total: view.total, allText: s.problemCount(view.total), onClear: this._clearFilters })}
      ${shownGroups.map(({ group, items }) => {
        const always = group === 'active' || group === 'pastSignificant';
        // While searching, groups without a match step aside; otherwise empty groups other than
        // active problems and past history have nothing to say.
        if (!items.length && (query || !always) && this.groupFilter !== group) return nothing;
        return this._renderGroup(group, items, view, !!query || this.groupFilter === group);
      })}
      ${shown === 0 && (query || this.groupFilter !== 'all') ? html`<p class="none">${s.noMatches}</p>` : nothing}
    `;
  }

  private _renderGroup(group: ProblemGroupName, items: ProblemItem[], view: ProblemView, forceOpen: boolean): TemplateResult {
    const s = this.problemStrings;
    const open = forceOpen || this._open.has(group);
    const bodyId = `problem-group-${group}`;
    const hint = s.problemGroupHint(group);
    const toggle = html`<button
      class="group-toggle"
      part="button group-toggle"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${bodyId}
      ?disabled=${forceOpen}
      @click=${() => this._toggle(group)}
    >
      <span class="chevron" aria-hidden="true"></span>${s.problemGroup(group, items.length)}
    </button>`;
    return html`<div class="group group-${group}" part="group group-${group}">
      ${this.renderHeading(toggle, { offset: 1, part: 'heading group-heading' })}
      <div id=${bodyId} class="group-body" ?hidden=${!open}>
        ${hint ? html`<p class="hint">${hint}</p>` : nothing}
        ${items.length
          ? html`<ul class="items" part="list">
              ${items.map((item) => this._renderItem(item, view))}
            </ul>`
          : html`<p class="none">${s.problemGroupEmpty(group)}</p>`}
      </div>
    </div>`;
  }

  private _sorted(items: ProblemItem[], view: ProblemView): ProblemItem[] {
    const onset = (item: ProblemItem) => item.onsetDate ?? view.estimatedOnset.get(item) ?? item.recordedDate ?? item.abatementDate;
    switch (this.sort) {
      case 'recorded':
        return [...items].sort((a, b) => compareFhirDatesNewestFirst(a.recordedDate ?? a.source.recorded, b.recordedDate ?? b.source.recorded));
      case 'name': {
        const collator = new Intl.Collator(this.settings.locale, { sensitivity: 'base', numeric: true });
        return [...items].sort((a, b) => collator.compare(a.name ?? '', b.name ?? ''));
      }
      default:
        return [...items].sort((a, b) => compareFhirDatesNewestFirst(onset(a), onset(b)));
    }
  }

  private _renderItem(item: ProblemItem, view: ProblemView): TemplateResult {
    const s = this.problemStrings;
    const display: DisplayOptions = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const condition = item.reference ? view.raw.get(item.reference) : undefined;
    const onset = this._onset(condition, item, display);
    const ended = this._abatement(condition, item, display);
    const status = [
      item.clinicalStatus ? s.problemClinicalStatus(item.clinicalStatus) : undefined,
      item.verificationStatus ? s.problemVerificationStatus(item.verificationStatus) : undefined,
    ].filter(Boolean);
    const categories = (condition?.category ?? []).map((category) => {
      const code = category.coding?.find((c) => c.system === 'http://terminology.hl7.org/CodeSystem/condition-category')?.code;
      return s.problemCategory(code, category.text ?? category.coding?.find((c) => c.display)?.display ?? category.coding?.[0]?.code);
    });
    const recorder = describeReference(condition?.recorder, condition, view.lookup)?.name ?? describeReference(condition?.asserter, condition, view.lookup)?.name;
    const flags: TemplateResult[] = [];
    if (item.verificationStatus && (UNCONFIRMED.has(item.verificationStatus) || item.verificationStatus === 'refuted')) {
      flags.push(html`<span class="flag" part="flag">${s.problemFlagVerification(item.verificationStatus)}</span>`);
    }
    if (item.significance) flags.push(html`<span class="flag" part="flag">${s.problemFlagSignificance(item.significance)}</span>`);
    return html`<li class="item" part="item">
      <div class="item-header">
        ${this.renderHeading(html`<span class="name" part="name">${item.name ?? s.notKnown}</span>`, { offset: 2, part: 'heading item-heading' })}
        ${flags.length ? html`<p class="flags">${flags}</p>` : nothing}
      </div>
      <dl class="details" part="details">
        <div>
          <dt>${s.labelOnset}</dt>
          <dd>${onset ?? s.notKnown}</dd>
        </div>
        ${ended || item.clinicalStatus === 'resolved' || item.clinicalStatus === 'inactive'
          ? html`<div>
              <dt>${s.labelEnded}</dt>
              <dd>${ended ?? s.notKnown}</dd>
            </div>`
          : nothing}
        <div>
          <dt>${s.labelStatus}</dt>
          <dd>${status.length ? status.join(' · ') : s.notKnown}</dd>
        </div>
        ${item.severity
          ? html`<div>
              <dt>${s.labelSeverity}</dt>
              <dd>${item.severity}</dd>
            </div>`
          : nothing}
        ${categories.length
          ? html`<div>
              <dt>${s.labelCategory}</dt>
              <dd>${[...new Set(categories)].join(', ')}</dd>
            </div>`
          : nothing}
        ${item.bodySites.length
          ? html`<div>
              <dt>${s.labelBodySite}</dt>
              <dd>${item.bodySites.join(', ')}</dd>
            </div>`
          : nothing}
        ${item.stage
          ? html`<div>
              <dt>${s.labelStage}</dt>
              <dd>${item.stage}</dd>
            </div>`
          : nothing}
        ${recorder
          ? html`<div>
              <dt>${s.labelRecordedBy}</dt>
              <dd>${recorder}</dd>
            </div>`
          : nothing}
        ${item.notes.length
          ? html`<div>
              <dt>${s.labelNotes}</dt>
              <dd>${item.notes.map((note) => html`<p class="note">${note}</p>`)}</dd>
            </div>`
          : nothing}
      </dl>
      <p class="source" part="source">${this.sourceLine(item.source.organisationName, item.recordedDate ?? item.source.recorded)}</p>
    </li>`;
  }

  /** onset[x] in words: a date, a period, an age (with the year it points to), a range of ages, or the sender's words. */
  private _onset(condition: Condition | undefined, item: ProblemItem, display: DisplayOptions): string | undefined {
    if (!condition) return item.onsetText ?? formatDate(item.onsetDate, display);
    return this._choice(condition.onsetDateTime, condition.onsetPeriod, condition.onsetAge, condition.onsetRange, condition.onsetString, display);
  }

  /** abatement[x] likewise; STU3-era feeds' abatementBoolean true says it ended without saying when. */
  private _abatement(condition: Condition | undefined, item: ProblemItem, display: DisplayOptions): string | undefined {
    if (!condition) return item.abatementText ?? formatDate(item.abatementDate, display);
    const text = this._choice(condition.abatementDateTime, condition.abatementPeriod, condition.abatementAge, condition.abatementRange, condition.abatementString, display);
    return text ?? ((condition as { abatementBoolean?: boolean }).abatementBoolean ? this.problemStrings.problemEndedNoDate : undefined);
  }

  private _choice(
    dateTime: string | undefined,
    period: Period | undefined,
    age: Quantity | undefined,
    range: Range | undefined,
    words: string | undefined,
    display: DisplayOptions,
  ): string | undefined {
    const s = this.problemStrings;
    if (dateTime) return formatDate(dateTime, display);
    const during = formatPeriod(period, display);
    if (during) return during;
    const ageText = formatQuantity(age, display) ?? formatRange(range, display);
    if (ageText) {
      const years = ageInYears(age) ?? ageInYears(range?.low);
      const birthYear = this.patient?.birthDate ? Number(this.patient.birthDate.slice(0, 4)) : undefined;
      const around = years !== undefined && birthYear ? ` (${s.problemAroundYear(Math.floor(birthYear + years))})` : '';
      return `${s.problemAtAge(ageText)}${around}`;
    }
    return words?.trim() || undefined;
  }

  private _toggle(group: ProblemGroupName): void {
    const open = new Set(this._open);
    if (open.has(group)) open.delete(group);
    else open.add(group);
    this._open = open;
  }

  private readonly _clearFilters = (): void => {
    this.query = '';
    this.groupFilter = 'all';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'problem-list': ProblemList;
  }
}
