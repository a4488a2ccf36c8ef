import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ConfigurationError, formatDate, formatRelativeAge } from '@care-record/fhir';
import type { FhirClient, FhirResource } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import type { RecordTask } from '../base/record-task.js';
import { renderError } from '../base/states.js';
import { CareRecordNavigateEvent, CareRecordSelectEvent } from '../events.js';
import { careRecordSummaryStyles } from './care-record-summary.styles.js';
import {
  isRestrictedRecord,
  padlockIcon,
  patientIdentityLineStyles,
  renderPatientIdentityLine,
  restrictedRecordOpened,
} from './patient-identity-line.js';
import { loadAllergies, renderAllergies } from './summary/allergies.js';
import type { AllergySectionData } from './summary/allergies.js';
import { loadCarePlans, renderCarePlans } from './summary/care-plans.js';
import type { CarePlanSectionData } from './summary/care-plans.js';
import type { SectionContext, SectionMeta } from './summary/common.js';
import { loadDischarges, renderDischarges } from './summary/discharges.js';
import type { DischargeSectionData } from './summary/discharges.js';
import { loadEncounters, renderEncounters } from './summary/encounters.js';
import type { EncounterSectionData } from './summary/encounters.js';
import { loadMedications, renderMedications } from './summary/medications.js';
import type { MedicationSectionData } from './summary/medications.js';
import { loadProblems, renderProblems } from './summary/problems.js';
import type { ProblemSectionData } from './summary/problems.js';
import { loadResults, renderResults } from './summary/results.js';
import type { ResultSectionData } from './summary/results.js';
import { parseSections, SUMMARY_SECTIONS } from './summary/sections.js';
import type { SectionChoice, SummarySection } from './summary/sections.js';
import { summaryStrings } from './summary/strings.js';
import type { SummaryStrings } from './summary/strings.js';

/** Each section's loaded data. */
interface SectionDataMap {
  allergies: AllergySectionData;
  problems: ProblemSectionData;
  medications: MedicationSectionData;
  discharges: DischargeSectionData;
  encounters: EncounterSectionData;
  results: ResultSectionData;
  'care-plans': CarePlanSectionData;
}

type SectionTasks = { [S in SummarySection]: RecordTask<SectionDataMap[S] | undefined> };

interface LoadInput {
  client: FhirClient;
  patientId: string;
  signal: AbortSignal;
  now: Date;
  limit: number;
}

const DEFAULT_MAX_ITEMS = 5;

/** The resource types each section cannot do without (included Medications, Observations… are extras). */
const SECTION_RESOURCE_TYPES: Readonly<Record<SummarySection, readonly string[]>> = {
  allergies: ['AllergyIntolerance'],
  problems: ['Condition'],
  medications: ['MedicationRequest'],
  discharges: ['Composition', 'DocumentReference'],
  encounters: ['Encounter'],
  results: ['DiagnosticReport'],
  'care-plans': ['CarePlan'],
};

/**
 * An at-a-glance overview of one resident's shared care record: allergies and adverse reactions first
 * (most critical first), then active problems, current medication with prescription status, the latest
 * hospital discharge summary, emergency department and ambulance attendances of the last 12 months,
 * the latest laboratory results with abnormal flags, and active care plans.
 *
 * Each section is a card that loads on its own (one search each, all in parallel, shared with other
 * widgets through the provider's client), says where its data came from and how recent it is
 * ("From Royal Free Hospital · Updated 3 days ago (12-Mar-2024)"), shows a few items and then
 * "and N more", and has a "View all" button. A section that fails shows why, with Try again, and the
 * others still show. Allergies have four distinct states: a list, "No known allergies",
 * "No allergies recorded" and "Allergy information unavailable".
 *
 * A restricted record (see `isRestrictedRecord`) shows only "This record is restricted" and loads
 * nothing, unless a provider with governance has opened it after a break-glass step (`restrictedRecordOpened`).
 *
 * @tag care-record-summary
 * @summary At-a-glance overview of a resident's record, one card per section.
 *
 * @fires care-record-navigate - "View all" (or "Past significant history") for a section; `detail.section` is a `SummarySection`.
 * @fires care-record-select - The latest discharge summary was chosen (detail `{ resource, reference }`).
 * @fires care-record-error - A section failed to load, or `sections` names an unknown section (a `ConfigurationError`).
 * @fires care-record-viewed - Each section reports what it showed (section name, count, resources) for the audit trail.
 *
 * @csspart summary - The whole summary.
 * @csspart heading - Every heading; also `section-heading` for the cards' headings.
 * @csspart grid - The grid of cards.
 * @csspart section - Each card; also the section's name: `allergies`, `problems`, `medications`, `discharges`, `encounters`, `results`, `care-plans`.
 * @csspart section-source - A card's "From … · Updated …" line.
 * @csspart list - A card's list; `item` each entry; `more` the "and N more" line.
 * @csspart source - An item's source line.
 * @csspart tag - Labels such as "High risk", "Unconfirmed".
 * @csspart flag - A result's abnormal flag ("▲ High (H)").
 * @csspart allergy-state - "No known allergies" (`no-known-allergies`) or "No allergies recorded" (`none-recorded`).
 * @csspart prescription-status - A medicine's prescription status.
 * @csspart notice - Notices such as entries not shown because they were entered in error.
 * @csspart button - Buttons; also `view-all-button`, `item-button`, `past-history-button`, `retry-button`.
 * @csspart configuration-error - The card shown for a section name that does not exist.
 * @csspart identity-line - The person's name, born and NHS number (hidden with `patient-banner="host"`).
 * @csspart restricted - The restricted-record state.
 *
 * @cssprop --care-record-summary-card-min-width - Narrowest a card gets before the grid drops a column (18rem).
 * @cssprop --care-record-summary-allergy-border-color - The allergy card's border (defaults to --care-record-color-error).
 */
export class CareRecordSummary extends CareRecordElement {
  static override stringsNamespace = 'care-record-summary';

  static override styles = [CareRecordElement.styles, patientIdentityLineStyles, careRecordSummaryStyles];

  /**
   * The sections to show, in order: comma- or space-separated names from `allergies`, `problems`,
   * `medications`, `discharges`, `encounters`, `results`, `care-plans`. Unknown names show a
   * configuration message in their place (and fire `care-record-error`); the others still show.
   * Not set: every section, in that order.
   */
  @property() sections?: string;

  /**
   * How many items a section shows before "and N more" (default 5). The discharge section always
   * shows only the latest summary.
   */
  @property({ attribute: 'max-items', type: Number }) maxItems = DEFAULT_MAX_ITEMS;

  private _choices: SectionChoice[] = parseSections(undefined);
  private _reportedSections?: string;

  private readonly _tasks: SectionTasks = {
    allergies: this._sectionTask('allergies', ({ client, patientId, signal, now }) => loadAllergies(client, patientId, signal, now)),
    problems: this._sectionTask('problems', ({ client, patientId, signal, now }) => loadProblems(client, patientId, signal, now)),
    // Dispenses only when the person's scopes cover them, as the medication list asks (one request for both).
    medications: this._sectionTask('medications', ({ client, patientId, signal, now }) =>
      loadMedications(client, patientId, signal, now, this.hasScopeFor('MedicationDispense')),
    ),
    discharges: this._sectionTask('discharges', ({ client, patientId, signal, now }) => loadDischarges(client, patientId, signal, now)),
    encounters: this._sectionTask('encounters', ({ client, patientId, signal, now }) => loadEncounters(client, patientId, signal, now)),
    results: this._sectionTask('results', ({ client, patientId, signal, now, limit }) => loadResults(client, patientId, signal, now, limit)),
    'care-plans': this._sectionTask('care-plans', ({ client, patientId, signal, now }) => loadCarePlans(client, patientId, signal, now)),
  };

  /** The summary's strings with the host's overrides. */
  protected get summaryStrings(): SummaryStrings {
    return this.localStrings(summaryStrings);
  }

  /** The sections shown, in order (unknown names left out). */
  get shownSections(): SummarySection[] {
    return this._choices.flatMap((choice) => ('section' in choice ? [choice.section] : []));
  }

  private get _limit(): number {
    const n = Number(this.maxItems);
    return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_MAX_ITEMS;
  }

  /** A restricted record that has not been opened through a break-glass step: nothing is asked for. */
  private get _restricted(): boolean {
    return isRestrictedRecord(this.patient) && !restrictedRecordOpened(this);
  }


  private _sectionTask<S extends SummarySection>(section: S, load: (input: LoadInput) => Promise<SectionDataMap[S]>): RecordTask<SectionDataMap[S] | undefined> {
    return createRecordTask(this, {
      // A section the person's SMART scopes do not cover says so, and asks for nothing.
      resourceTypes: SECTION_RESOURCE_TYPES[section],
      section,
      count: (data) => (data ? Math.min(data.items, section === 'discharges' ? 1 : this._limit) : undefined),
      // Only the results section's request depends on the number of items shown.
      args: () => [this.shownSections.includes(section), this._restricted, section === 'results' ? this._limit : 0] as const,
      task: async ({ client, patientId, signal, args: [shown, restricted] }) =>
        shown && !restricted ? load({ client, patientId, signal, now: new Date(), limit: this._limit }) : undefined,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('sections')) {
      this._choices = parseSections(this.sections);
      this._reportUnknownSections();
    }
  }

  override render(): TemplateResult {
    const strings = this.summaryStrings;
    return html`<section class="summary" part="summary" aria-labelledby="summary-heading">
      ${this.renderHeading(strings.summaryHeading, { id: 'summary-heading' })} ${this._renderBody(strings)}
    </section>`;
  }

  private _renderBody(strings: SummaryStrings): unknown {
    const ready = this.client && this.patientId && this.canRead && this.auth?.status !== 'signing-in';
    // Signed out, no patient, patient loading…: said once for the whole summary, not in every card.
    if (!ready) return this._tasks.allergies.render({ complete: () => nothing });
    if (this._restricted) {
      return html`<div class="state restricted" part="state restricted" role="status">
        <p class="state-title">${padlockIcon} ${strings.restrictedTitle}</p>
        <p>${strings.restrictedBody}</p>
      </div>`;
    }
    return html`${this.hostShowsBanner
        ? nothing
        : renderPatientIdentityLine(this.patient, this.settings, { restrictedOpened: restrictedRecordOpened(this) })}
      <div class="grid" part="grid">
        ${this._choices.map((choice) => ('section' in choice ? this._renderSection(choice.section, strings) : this._renderUnknown(choice.unknown, strings)))}
      </div>`;
  }

  private _renderSection(section: SummarySection, strings: SummaryStrings): TemplateResult {
    const context = this._context(strings);
    const headingId = `section-${section}`;
    const task = this._tasks[section] as RecordTask<SectionMeta | undefined>;
    return html`<section class="card ${section}" part="section ${section}" aria-labelledby=${headingId}>
      ${this.renderHeading(strings.sectionTitle[section], { id: headingId, offset: 1, part: 'heading section-heading' })}
      <div class="card-body">
        ${task.render({
          complete: (data) => (data ? html`${this._renderSectionSource(data, strings)}${this._renderContent(section, data, context)}` : nothing),
          error: (error, retry) => renderError({ ...this.strings, errorTitle: strings.sectionUnavailable[section] }, error, retry),
        })}
      </div>
      <p class="view-all">
        <button class="button secondary-button" part="button view-all-button" type="button" @click=${() => this._navigate(section)}>
          ${strings.viewAll}<span class="visually-hidden">${strings.viewAllHidden[section]}</span>
        </button>
      </p>
    </section>`;
  }

  private _renderContent(section: SummarySection, data: SectionMeta, context: SectionContext): TemplateResult {
    switch (section) {
      case 'allergies':
        return renderAllergies(data as AllergySectionData, context);
      case 'problems':
        return renderProblems(data as ProblemSectionData, context);
      case 'medications':
        return renderMedications(data as MedicationSectionData, context);
      case 'discharges':
        return renderDischarges(data as DischargeSectionData, context);
      case 'encounters':
        return renderEncounters(data as EncounterSectionData, context);
      case 'results':
        return renderResults(data as ResultSectionData, context);
      case 'care-plans':
        return renderCarePlans(data as CarePlanSectionData, context);
    }
  }

  /** "From Royal Free Hospital · Updated 3 days ago (12-Mar-2024)": batch-fed sources lag, so say how old the data is. */
  private _renderSectionSource(meta: SectionMeta, strings: SummaryStrings): TemplateResult | typeof nothing {
    if (meta.records === 0) return nothing;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const parts: string[] = [];
    if (meta.organisations.length) parts.push(strings.sectionFrom(meta.organisations));
    if (meta.updated) {
      const date = formatDate(meta.updated, display) ?? meta.updated;
      parts.push(strings.sectionUpdated(formatRelativeAge(meta.updated, new Date(), display), date));
    }
    const text = parts.length ? parts.join(this.strings.sourceSeparator) : strings.sectionSourceUnknown;
    return html`<p class="section-source source" part="section-source">${text}</p>`;
  }

  private _renderUnknown(name: string, strings: SummaryStrings): TemplateResult {
    return html`<div class="card configuration-error" part="section configuration-error" role="alert">
      <p>${strings.unknownSection(name, [...SUMMARY_SECTIONS])}</p>
    </div>`;
  }

  private _context(strings: SummaryStrings): SectionContext {
    return {
      strings,
      display: { locale: this.settings.locale, timeZone: this.settings.timeZone },
      limit: this._limit,
      sourceLine: (organisation, date) => this.sourceLine(organisation, date),
      select: (resource) => this._select(resource),
      navigate: (section) => this._navigate(section),
      now: new Date(),
    };
  }

  private _reportUnknownSections(): void {
    const unknown = this._choices.flatMap((choice) => ('unknown' in choice ? [choice.unknown] : []));
    const key = unknown.join(',');
    if (key === (this._reportedSections ?? '')) return;
    this._reportedSections = key;
    if (!unknown.length) return;
    const strings = this.summaryStrings;
    for (const name of unknown) this.dispatchError(new ConfigurationError(strings.unknownSection(name, [...SUMMARY_SECTIONS]), 'sections'));
  }

  private _navigate(section: SummarySection): void {
    this.dispatchEvent(new CareRecordNavigateEvent({ section }));
  }

  private _select(resource: FhirResource): void {
    this.dispatchEvent(new CareRecordSelectEvent({ resource, reference: `${resource.resourceType}/${resource.id}` }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-summary': CareRecordSummary;
  }
}
