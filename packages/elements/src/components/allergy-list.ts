import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { TaskStatus } from '@lit/task';
import {
  compareFhirDatesNewestFirst,
  describeReference,
  formatDate,
  formatPeriod,
  formatQuantity,
  formatRange,
  isEnteredInError,
  listWarnings,
  sourceOf,
  summariseAllergies,
  token,
} from '@care-record/fhir';
import type {
  AllergyIntolerance,
  AllergyItem,
  AllergyReactionView,
  AllergySummary,
  List,
  ListWarning,
  Patient,
  RecordSource,
  ResourceLookup,
  SearchResult,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { allergySearch, PAGE_SIZES } from '../base/queries.js';
import { listControlStyles, renderListControls, renderListCount, renderSelectControl } from '../base/list-controls.js';
import type { SelectOption } from '../base/list-controls.js';
import { searchPages } from '../base/paged-list.js';
import type { SearchPages } from '../base/paged-list.js';
import { fetchRecordParties, recordLookup } from '../base/record-parties.js';
import { allergyListStyles } from './allergy-list.styles.js';
import { allergyListStrings } from './allergy-list.strings.js';
import type { AllergyListStrings } from './allergy-list.strings.js';

export { allergyListStrings } from './allergy-list.strings.js';
export type { AllergyListStrings } from './allergy-list.strings.js';
export { fetchRecordParties, recordLookup } from '../base/record-parties.js';

export type AllergySort = 'criticality' | 'date' | 'name';
export type AllergyCategoryFilter = 'all' | 'food' | 'medication' | 'environment' | 'biologic';
export type AllergyStatusFilter = 'all' | 'active' | 'inactive';

/** SNOMED CT: the UK Core / GP Connect "Allergies and adverse reactions" list. */
export const ALLERGY_LIST_CODE = '886921000000105';
const SNOMED = 'http://snomed.info/sct';
// GP2GP "transfer-degraded" record artefacts: the original code was lost in transfer, the text remains.
const TRANSFER_DEGRADED_DRUG = '196461000000101';
const TRANSFER_DEGRADED_NON_DRUG = '196471000000108';
const CATEGORIES = ['food', 'medication', 'environment', 'biologic'] as const;

/** What the allergy search brought back, with the people and organisations fetched to name sources. */
export type AllergyData = SearchPages<AllergyIntolerance>;

interface StatementView {
  item: AllergyItem;
  label: string;
  current: boolean;
  conflicting: boolean;
}

interface AllergyView {
  summary: AllergySummary;
  state: 'list' | 'no-known-allergies' | 'none-recorded';
  items: AllergyItem[];
  statements: StatementView[];
  raw: Map<string, AllergyIntolerance>;
  lookup: ResourceLookup;
  warnings: ListWarning[];
  list?: List;
}

/** AllergyIntolerance.onset[x] in words, with the display helpers (only the precision recorded). */
function onsetText(allergy: AllergyIntolerance | undefined, item: AllergyItem, strings: AllergyListStrings, display: { locale: string; timeZone: string }): string | undefined {
  if (!allergy) return item.onsetText ?? formatDate(item.onsetDate, display);
  if (allergy.onsetDateTime) return formatDate(allergy.onsetDateTime, display);
  if (allergy.onsetPeriod) return formatPeriod(allergy.onsetPeriod, display);
  const age = formatQuantity(allergy.onsetAge, display) ?? formatRange(allergy.onsetRange, display);
  if (age) return strings.allergyOnsetAge(age);
  return allergy.onsetString?.trim() || undefined;
}

function isTransferDegraded(item: AllergyItem): boolean {
  return !!item.code?.coding?.some((c) => c.system === SNOMED && (c.code === TRANSFER_DEGRADED_DRUG || c.code === TRANSFER_DEGRADED_NON_DRUG));
}

/** Categories as recorded; a transfer-degraded drug allergy is a medication allergy even without one. */
function categoriesOf(item: AllergyItem): string[] {
  if (item.categories.length) return item.categories;
  return item.code?.coding?.some((c) => c.system === SNOMED && c.code === TRANSFER_DEGRADED_DRUG) ? ['medication'] : [];
}

// Statements the model does not know by code ("No known insect allergy"…) are still statements, not allergies.
const NO_KNOWN_WORDS = /^no known\b.*\ballerg(y|ies)\b/i;

function statementWords(item: AllergyItem): string | undefined {
  const texts = [item.code?.text, ...(item.code?.coding ?? []).map((c) => c.display)];
  return texts.find((text): text is string => !!text && NO_KNOWN_WORDS.test(text.trim()))?.replace(/\s*\((situation|finding)\)\s*$/i, '');
}

/** Whether a current allergy contradicts a "no known … allergy" statement of this scope. */
function contradicts(scope: string | undefined, words: string | undefined, allergy: AllergyItem): boolean {
  const categories = categoriesOf(allergy);
  switch (scope) {
    case 'all':
      return true;
    case 'medication':
    case 'food':
    case 'environment':
      return categories.length === 0 || categories.includes(scope);
    case 'latex':
      return /latex/i.test(allergy.substance ?? '');
    default: {
      // "No known insect allergy" against an allergy to "Insect sting": the word in between.
      const subject = /^no known (.+?) allerg/i.exec(words ?? '')?.[1];
      return !!subject && new RegExp(`\\b${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(allergy.substance ?? '');
    }
  }
}

function searchWarnings(result: SearchResult): ListWarning[] {
  return result.outcomes.flatMap((outcome) =>
    (outcome.issue ?? [])
      .map((issue) => issue.details?.text?.trim() || issue.diagnostics?.trim())
      .filter((text): text is string => !!text)
      .map((text) => ({ code: 'outcome', kind: 'warning' as const, text })),
  );
}

/**
 * A resident's allergies and adverse reactions, most serious first, in the four states clinical safety
 * asks for: a list; "No known allergies" positively recorded (with who and when); "No allergies
 * recorded"; and "Allergy information unavailable" with Try again. High criticality is said in words
 * ("Important: High criticality") with an icon and a heavy border, never by colour alone; unconfirmed,
 * inactive, resolved and ruled-out entries are flagged and grouped after current ones; entries marked
 * entered in error are left out with a notice; a "No known allergies" statement that contradicts a
 * recorded allergy is flagged. GP Connect / UK Core list warnings (confidential items withheld, record
 * in transit…) are shown as banners when `include-list-warnings` is set.
 *
 * Searches `AllergyIntolerance?patient={id}&_count={page-size}`; recorders and asserters that are
 * neither contained nor included are fetched in one batched request per resource type.
 *
 * @tag allergy-list
 * @summary Allergies and adverse reactions, most serious first, with the four allergy states.
 *
 * @fires care-record-error - The allergies (or the list warnings) could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `group-heading`, `item-heading`).
 * @csspart warning - Each list warning banner (confidential items, data in transit, empty reason…).
 * @csspart notice - The entered-in-error notice.
 * @csspart conflict - The banner saying a "No known allergies" statement contradicts recorded allergies.
 * @csspart statement - A "No known allergies" statement with who recorded it and when.
 * @csspart controls - The sort and filter controls; each control has part `control`.
 * @csspart count - "Showing 3 of 8" while filters hide items.
 * @csspart list - Each list of allergies (current, no longer active, ruled out).
 * @csspart item - Each allergy; also `item-critical` for high criticality.
 * @csspart substance - The substance's name.
 * @csspart flag - Each flag (criticality, unconfirmed, inactive…); also `flag-critical`.
 * @csspart details - The details of an allergy (reaction, criticality, status, onset, who recorded it).
 * @csspart source - Where and when each item was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (retry, load more, clear filters).
 *
 * @cssprop --care-record-allergy-critical-color - Border and icon of high-criticality allergies and the conflict banner (defaults to the error colour, #d5281b).
 * @cssprop --care-record-allergy-critical-border-width - Left border of high-criticality allergies (8px; others have 4px).
 */
export class AllergyList extends CareRecordElement {
  static override stringsNamespace = 'allergy-list';

  static override styles = [CareRecordElement.styles, listControlStyles, allergyListStyles];

  /** Ask for the GP Connect / UK Core allergy List (`List?patient=…&code=…|886921000000105`) and show its warnings. */
  @property({ attribute: 'include-list-warnings', type: Boolean }) includeListWarnings = false;

  /** Allergies asked for per request (`_count`); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 100;

  /** Order within each group: `criticality` (most serious first, the default), `date` (newest recorded) or `name`. */
  @property() sort: AllergySort = 'criticality';

  /** Show one category only: `food`, `medication`, `environment`, `biologic`, or `all` (default). */
  @property({ attribute: 'category-filter' }) categoryFilter: AllergyCategoryFilter = 'all';

  /** `active` (current only), `inactive` (no longer active or ruled out) or `all` (default, current first). */
  @property({ attribute: 'status-filter' }) statusFilter: AllergyStatusFilter = 'all';

  private _viewCache?: { data: AllergyData; list: SearchResult<List> | undefined; patient: Patient | undefined; strings: AllergyListStrings; view: AllergyView };

  private readonly _allergies = createRecordTask(this, {
    args: () => [this.pageSize] as const,
    resourceTypes: ['AllergyIntolerance'],
    section: 'allergies',
    // What the audit trail is told was shown: entries marked entered in error are left out.
    count: (data: AllergyData) => data.result.matches.filter((allergy) => !isEnteredInError(allergy)).length,
    task: async ({ client, patientId, signal, args: [pageSize] }): Promise<AllergyData> => {
      const count = Number.isFinite(pageSize) && pageSize > 0 ? Math.floor(pageSize) : PAGE_SIZES.allergies;
      return this._pages.withParties(client, await client.search<AllergyIntolerance>(...allergySearch(patientId, count), { signal, maxPages: 1 }), signal);
    },
  });

  // Optional: without a List scope (or when the List fails) the allergies still show.
  private readonly _list = createRecordTask(this, {
    args: () => [this.includeListWarnings] as const,
    resourceTypes: ['List'],
    section: 'allergies',
    task: async ({ client, patientId, signal, args: [include] }): Promise<SearchResult<List> | undefined> => {
      if (!include) return undefined;
      return client.search<List>('List', { patient: patientId, code: token(SNOMED, ALLERGY_LIST_CODE) }, { signal, maxPages: 1 });
    },
  });

  private readonly _pages = searchPages(this, {
    base: () => this._allergies.value,
    section: 'allergies',
    resourceType: 'AllergyIntolerance',
    fetchParties: fetchRecordParties,
    lookup: (result) => result.resolve.bind(result),
  });

  /** The allergy-list strings with the host's overrides. */
  protected get allergyStrings(): AllergyListStrings {
    return this.localStrings(allergyListStrings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!['criticality', 'date', 'name'].includes(this.sort)) this.sort = 'criticality';
    if (!['all', ...CATEGORIES].includes(this.categoryFilter)) this.categoryFilter = 'all';
    if (!['all', 'active', 'inactive'].includes(this.statusFilter)) this.statusFilter = 'all';
  }

  override render(): TemplateResult {
    const s = this.allergyStrings;
    return html`<section class="allergy-list" part="section" aria-labelledby="allergy-heading">
      ${this.renderHeading(s.allergyHeading, { id: 'allergy-heading' })} ${this.renderIdentityLine()} ${this._renderListTaskProblems()}
      ${this._allergies.render({
        complete: (data) => this._renderAllergies(this._pages.data(data)),
        errorTitle: s.allergyUnavailable,
      })}
    </section>`;
  }

  /** The list warnings request failed: say so, without hiding the allergies. */
  private _renderListTaskProblems(): TemplateResult | typeof nothing {
    if (!this.includeListWarnings || this._list.status !== TaskStatus.ERROR) return nothing;
    return html`<div class="banner warning" part="warning">
      <p>
        <span class="visually-hidden">${this.allergyStrings.warningPrefix}</span>${this.allergyStrings.listWarningsFailed}
        <button class="link-button" part="button retry-button" type="button" @click=${this._list.run}>${this.strings.retry}</button>
      </p>
    </div>`;
  }

  private _view(data: AllergyData): AllergyView {
    const list = this._list.status === TaskStatus.COMPLETE ? this._list.value : undefined;
    const strings = this.allergyStrings;
    const cache = this._viewCache;
    if (cache && cache.data === data && cache.list === list && cache.patient === this.patient && cache.strings === strings) return cache.view;

    const { result, parties } = data;
    const lookup = recordLookup(result, parties, this.patient);
    const lists = (list?.matches ?? []).filter((l) => l.status !== 'entered-in-error');
    const current = lists.filter((l) => l.status === 'current');
    const allergyList = (current.length ? current : lists)[0];
    const seen = new Set<string>();
    const warnings = [...lists.flatMap((l) => listWarnings(l)), ...searchWarnings(result)].filter((w) => !seen.has(w.text) && !!seen.add(w.text));
    const summary = summariseAllergies(result.matches, { resolve: lookup, listEmptyReason: allergyList?.emptyReason });

    // Statements the model does not know by code still must not read as allergies.
    const extra = new Map(summary.items.filter((item) => statementWords(item)).map((item) => [item, statementWords(item)!]));
    const items = summary.items.filter((item) => !extra.has(item));
    const statementItems = [...summary.noKnownStatements, ...extra.keys()];
    const statements: StatementView[] = statementItems
      .map((item) => {
        const words = extra.get(item);
        const current = !item.inactive;
        return {
          item,
          label: item.noKnownScope ? strings.allergyNoKnown(item.noKnownScope, item.substance) : (words ?? item.substance ?? strings.allergyNoKnown('all')),
          current,
          conflicting: current && items.some((allergy) => !allergy.inactive && contradicts(item.noKnownScope, words, allergy)),
        };
      })
      .sort((a, b) => compareFhirDatesNewestFirst(a.item.recordedDate, b.item.recordedDate));
    const hasCurrentStatement = statements.some((statement) => statement.current);
    const view: AllergyView = {
      summary,
      state: items.length ? 'list' : hasCurrentStatement || summary.noKnownFromList ? 'no-known-allergies' : 'none-recorded',
      items,
      statements,
      raw: new Map(result.matches.filter((a) => a.id).map((a) => [`AllergyIntolerance/${a.id}`, a])),
      lookup,
      warnings,
      list: allergyList,
    };
    this._viewCache = { data, list, patient: this.patient, strings, view };
    return view;
  }

  private _renderAllergies(data: AllergyData): TemplateResult {
    const view = this._view(data);
    const s = this.allergyStrings;
    const excluded = view.summary.excluded.enteredInError;
    return html`
      ${view.warnings.map((warning) => this._renderWarning(warning))}
      ${excluded ? html`<p class="notice" part="notice">${s.allergyEnteredInError(excluded)}</p>` : nothing}
      ${view.state === 'list'
        ? this._renderList(view)
        : view.state === 'no-known-allergies'
          ? this._renderNoKnown(view)
          : html`${this.renderEmpty(s.allergyNoneRecorded)}
              <p class="hint">${s.allergyNoneRecordedHint}</p>
              ${this._renderPastStatements(view)} ${this._renderRefuted(view.summary.refuted, view)}`}
      ${this._pages.renderMore(data.result, s.loadMoreFailed)}
    `;
  }

  private _renderWarning(warning: ListWarning): TemplateResult {
    return html`<div class="banner warning" part="warning">
      <p><span class="visually-hidden">${this.allergyStrings.warningPrefix}</span>${warning.text}</p>
    </div>`;
  }

  private _statementSource(item: AllergyItem, view: AllergyView): TemplateResult {
    const s = this.allergyStrings;
    const raw = item.reference ? view.raw.get(item.reference) : undefined;
    const lookup = view.lookup;
    const who = describeReference(item.recorder, raw, lookup)?.name ?? describeReference(item.asserter, raw, lookup)?.name ?? item.source.authorName;
    return html`<p class="statement-by">${s.allergyStatementBy(who ?? s.notKnown)}</p>
      <p class="source" part="source">${this.sourceLine(item.source.organisationName, item.recordedDate ?? item.source.recorded)}</p>`;
  }

  private _renderNoKnown(view: AllergyView): TemplateResult {
    const s = this.allergyStrings;
    const current = view.statements.filter((statement) => statement.current);
    const listSource: RecordSource | undefined = view.list ? sourceOf(view.list) : undefined;
    return html`
      ${current.length
        ? current.map(
            (statement) => html`<div class="statement" part="statement">
              <p class="statement-title">${statement.label}</p>
              ${this._statementSource(statement.item, view)}
            </div>`,
          )
        : html`<div class="statement" part="statement">
            <p class="statement-title">${s.allergyNoKnown('all')}</p>
            <p>${s.allergyNoKnownFromList}</p>
            <p class="source" part="source">${this.sourceLine(listSource?.organisationName, view.list?.date ?? listSource?.recorded)}</p>
          </div>`}
      ${this._renderPastStatements(view)} ${this._renderRefuted(view.summary.refuted, view)}
    `;
  }

  private _renderPastStatements(view: AllergyView): TemplateResult | typeof nothing {
    const past = view.statements.filter((statement) => !statement.current);
    if (!past.length) return nothing;
    return html`${past.map(
      (statement) => html`<div class="statement past" part="statement">
        <p>${this.allergyStrings.allergyPastStatement(statement.label)}</p>
        ${this._statementSource(statement.item, view)}
      </div>`,
    )}`;
  }

  private _renderList(view: AllergyView): TemplateResult {
    const s = this.allergyStrings;
    const conflicting = view.statements.filter((statement) => statement.conflicting);
    const alsoRecorded = view.statements.filter((statement) => statement.current && !statement.conflicting);
    const inCategory = (item: AllergyItem) => this.categoryFilter === 'all' || categoriesOf(item).includes(this.categoryFilter);
    const sorted = this._sorted(view.items);
    const active = sorted.filter((item) => !item.inactive);
    const inactive = sorted.filter((item) => item.inactive);
    const refuted = this._sorted(view.summary.refuted);
    const showActive = this.statusFilter !== 'inactive';
    const showInactive = this.statusFilter !== 'active';
    const shownActive = showActive ? active.filter(inCategory) : [];
    const shownInactive = showInactive ? inactive.filter(inCategory) : [];
    const shownRefuted = showInactive ? refuted.filter(inCategory) : [];
    const total = view.items.length + refuted.length;
    const shown = shownActive.length + shownInactive.length + shownRefuted.length;
    return html`
      ${conflicting.map(
        (statement) => html`<div class="banner conflict" part="conflict" role="note">
          ${warningIcon()}
          <div>
            <p class="banner-title">
              <span class="visually-hidden">${s.importantPrefix}</span>${s.allergyConflict(statement.label)}
            </p>
            <p>${s.allergyConflictAction}</p>
            ${this._statementSource(statement.item, view)}
          </div>
        </div>`,
      )}
      ${alsoRecorded.length
        ? html`<div class="statement" part="statement">
            <p class="statement-title">${s.allergyAlsoRecorded}</p>
            ${alsoRecorded.map((statement) => html`<p>${statement.label}</p>${this._statementSource(statement.item, view)}`)}
          </div>`
        : nothing}
      ${this._renderPastStatements(view)}
      ${renderListControls(s.controlsLabel(s.allergyItems), [
        renderSelectControl<AllergySort>({
          id: 'allergy-sort',
          label: s.sortLabel,
          value: this.sort,
          options: [
            { value: 'criticality', label: s.sortCriticality },
            { value: 'date', label: s.sortDate },
            { value: 'name', label: s.sortName },
          ],
          onChange: (value) => (this.sort = value),
        }),
        renderSelectControl<AllergyCategoryFilter>({
          id: 'allergy-category',
          label: s.categoryLabel,
          value: this.categoryFilter,
          options: [
            { value: 'all', label: s.categoryAll },
            ...CATEGORIES.map((category): SelectOption<AllergyCategoryFilter> => ({ value: category, label: s.allergyCategory(category) })),
          ],
          onChange: (value) => (this.categoryFilter = value),
        }),
        renderSelectControl<AllergyStatusFilter>({
          id: 'allergy-status',
          label: s.statusLabel,
          value: this.statusFilter,
          options: [
            { value: 'all', label: s.statusAll },
            { value: 'active', label: s.statusActive },
            { value: 'inactive', label: s.statusInactive },
          ],
          onChange: (value) => (this.statusFilter = value),
        }),
      ])}
      ${renderListCount(s, { shown, total, allText: s.allergyCount(total), onClear: this._clearFilters })}
      ${showActive
        ? html`${this.renderHeading(s.allergyCurrentHeading(shownActive.length), { offset: 1, part: 'heading group-heading' })}
          ${shownActive.length
            ? this._renderItems(shownActive, view)
            : html`<p class="none">${active.length ? s.noMatches : s.allergyNoneCurrent}</p>`}`
        : nothing}
      ${showInactive && shownInactive.length
        ? html`${this.renderHeading(s.allergyInactiveHeading(shownInactive.length), { offset: 1, part: 'heading group-heading' })}
          ${this._renderItems(shownInactive, view)}`
        : nothing}
      ${showInactive ? this._renderRefuted(shownRefuted, view) : nothing}
      ${!showActive && !shownInactive.length && !shownRefuted.length ? html`<p class="none">${s.noMatches}</p>` : nothing}
    `;
  }

  private _renderRefuted(refuted: AllergyItem[], view: AllergyView): TemplateResult | typeof nothing {
    if (!refuted.length) return nothing;
    return html`${this.renderHeading(this.allergyStrings.allergyRefutedHeading(refuted.length), { offset: 1, part: 'heading group-heading' })}
    ${this._renderItems(refuted, view)}`;
  }

  private _sorted(items: AllergyItem[]): AllergyItem[] {
    switch (this.sort) {
      case 'date':
        return [...items].sort((a, b) => compareFhirDatesNewestFirst(a.recordedDate ?? a.onsetDate, b.recordedDate ?? b.onsetDate));
      case 'name': {
        const collator = new Intl.Collator(this.settings.locale, { sensitivity: 'base', numeric: true });
        return [...items].sort((a, b) => collator.compare(a.substance ?? '', b.substance ?? ''));
      }
      default:
        // summariseAllergies' order: high criticality, then severe reactions, then confirmed, then newest.
        return items;
    }
  }

  private _renderItems(items: AllergyItem[], view: AllergyView): TemplateResult {
    return html`<ul class="items" part="list">
      ${items.map((item) => this._renderItem(item, view))}
    </ul>`;
  }

  private _renderItem(item: AllergyItem, view: AllergyView): TemplateResult {
    const s = this.allergyStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const raw = item.reference ? view.raw.get(item.reference) : undefined;
    const critical = item.criticality === 'high' && !item.refuted;
    const transferred = isTransferDegraded(item);
    const categories = categoriesOf(item);
    const recorder = describeReference(item.recorder, raw, view.lookup)?.name;
    const asserter = describeReference(item.asserter, raw, view.lookup)?.name;
    const status = [
      item.clinicalStatus ? s.allergyClinicalStatus(item.clinicalStatus) : undefined,
      item.verificationStatus ? s.allergyVerificationStatus(item.verificationStatus) : undefined,
    ].filter(Boolean);
    const flags: TemplateResult[] = [];
    if (critical) {
      flags.push(html`<span class="flag flag-critical" part="flag flag-critical"
        >${warningIcon()}<span class="visually-hidden">${s.importantPrefix}</span>${s.allergyCriticality('high')}</span
      >`);
    }
    if (item.unconfirmed) flags.push(html`<span class="flag" part="flag">${s.allergyFlagUnconfirmed}</span>`);
    if (item.refuted) flags.push(html`<span class="flag" part="flag">${s.allergyFlagRefuted}</span>`);
    else if (item.resolved) flags.push(html`<span class="flag" part="flag">${s.allergyFlagResolved}</span>`);
    else if (item.inactive) flags.push(html`<span class="flag" part="flag">${s.allergyFlagInactive}</span>`);
    if (transferred) flags.push(html`<span class="flag" part="flag">${s.allergyFlagTransferred}</span>`);
    const onset = onsetText(raw, item, s, display);
    return html`<li class="item ${critical ? 'critical' : ''} ${item.inactive || item.refuted ? 'inactive' : ''}" part="item${critical ? ' item-critical' : ''}">
      <div class="item-header">
        ${this.renderHeading(html`<span class="substance" part="substance">${item.substance ?? s.notKnown}</span>`, {
          offset: 2,
          part: 'heading item-heading',
        })}
        ${flags.length ? html`<p class="flags">${flags}</p>` : nothing}
      </div>
      ${transferred ? html`<p class="hint">${s.allergyTransferredHint}</p>` : nothing}
      <dl class="details" part="details">
        <div>
          <dt>${s.labelReaction}</dt>
          <dd>${item.reactions.length ? this._renderReactions(item.reactions, display) : s.notKnown}</dd>
        </div>
        <div>
          <dt>${s.labelCriticality}</dt>
          <dd>${item.criticality ? s.allergyCriticalityValue(item.criticality) : s.notKnown}</dd>
        </div>
        <div>
          <dt>${s.labelCategory}</dt>
          <dd>${categories.length ? categories.map((c) => s.allergyCategory(c)).join(', ') : s.notKnown}</dd>
        </div>
        ${item.type
          ? html`<div>
              <dt>${s.labelType}</dt>
              <dd>${s.allergyType(item.type)}</dd>
            </div>`
          : nothing}
        <div>
          <dt>${s.labelStatus}</dt>
          <dd>${status.length ? status.join(' · ') : s.notKnown}</dd>
        </div>
        <div>
          <dt>${s.labelOnset}</dt>
          <dd>${onset ?? s.notKnown}</dd>
        </div>
        ${item.lastOccurrence
          ? html`<div>
              <dt>${s.labelLastOccurrence}</dt>
              <dd>${formatDate(item.lastOccurrence, display)}</dd>
            </div>`
          : nothing}
        <div>
          <dt>${s.labelRecordedBy}</dt>
          <dd>${recorder ?? s.notKnown}</dd>
        </div>
        ${asserter && asserter !== recorder
          ? html`<div>
              <dt>${s.labelReportedBy}</dt>
              <dd>${asserter}</dd>
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

  private _renderReactions(reactions: AllergyReactionView[], display: { locale: string; timeZone: string }): TemplateResult {
    const s = this.allergyStrings;
    return html`<ul class="reactions">
      ${reactions.map((reaction) => {
        const what = reaction.manifestations.join(', ') || reaction.description || s.notKnown;
        const extras = [
          reaction.substance ? s.allergyReactionSubstance(reaction.substance) : undefined,
          reaction.onset ? s.allergyReactionOnset(formatDate(reaction.onset, display) ?? reaction.onset) : undefined,
          reaction.exposureRoute ? s.allergyReactionRoute(reaction.exposureRoute) : undefined,
        ].filter(Boolean);
        return html`<li>
          <span class="manifestation">${what}</span>
          ${reaction.severity
            ? html`<span class="severity ${reaction.severity}"
                >${reaction.severity === 'severe' ? html`<span class="visually-hidden">${s.importantPrefix}</span>` : nothing}${s.allergySeverity(
                  reaction.severity,
                )}</span
              >`
            : nothing}
          ${extras.length ? html`<span class="secondary">(${extras.join('; ')})</span>` : nothing}
          ${reaction.manifestations.length && reaction.description ? html`<p class="note">${reaction.description}</p>` : nothing}
          ${reaction.notes.map((note) => html`<p class="note">${note}</p>`)}
        </li>`;
      })}
    </ul>`;
  }

  private readonly _clearFilters = (): void => {
    this.categoryFilter = 'all';
    this.statusFilter = 'all';
  };
}

/** A warning triangle with "!" (decorative: the words beside it say the same). */
function warningIcon(): TemplateResult {
  return html`<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
    <path fill="currentColor" d="M12 2 1 21h22L12 2Zm0 5.5 7.5 12.5h-15L12 7.5Zm-1 3.5v4h2v-4h-2Zm0 5.5v2h2v-2h-2Z" />
  </svg>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'allergy-list': AllergyList;
  }
}
