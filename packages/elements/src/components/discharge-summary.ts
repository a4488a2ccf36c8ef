import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import {
  codeableConceptText,
  createResourceLookup,
  documentSections,
  dosageText,
  FhirHttpError,
  formatBorn,
  formatDate,
  formatDateTime,
  formatNhsNumber,
  formatPatientName,
  formatPractitionerName,
  formatPeriod,
  formatQuantity,
  InvalidResponseError,
  isEnteredInError,
  kindOfSummary,
  mergeDischargeDocuments,
  nhsNumberOf,
  NotFoundError,
  referenceParts,
  referenceString,
} from '@care-record/fhir';
import type {
  Attachment,
  Bundle,
  ClinicalDocumentItem,
  Composition,
  CompositionSection,
  DocumentEntryView,
  DocumentReference,
  DocumentSectionView,
  FhirClient,
  FhirResource,
  Patient,
  Reference,
  ResourceLookup,
  SummaryKind,
} from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { createRecordTask } from '../base/record-task.js';
import { CareRecordNavigateEvent } from '../events.js';
import { nestedTag } from '../base/nested-tag.js';
import { sanitizedContainer } from '../security/sanitize.js';
import { CareRecordDocumentViewer } from './document-viewer.js';
import { dischargeSummaryStyles } from './discharge-summary.styles.js';
import { defaultDischargeSummaryStrings } from './discharge-summary.strings.js';
import type { DischargeSummaryStrings } from './discharge-summary.strings.js';
export { defaultDischargeSummaryStrings } from './discharge-summary.strings.js';
export type { DischargeSummaryStrings } from './discharge-summary.strings.js';

/** The words for a summary kind (shared with `<discharge-list>`). */
export function summaryKindLabel(kind: SummaryKind, strings: DischargeSummaryStrings): string {
  switch (kind) {
    case 'discharge':
      return strings.summaryKindDischarge;
    case 'emergency-department':
      return strings.summaryKindEmergency;
    case 'ambulance':
      return strings.summaryKindAmbulance;
    default:
      return strings.summaryKindOther;
  }
}

/** Statuses that need a reader's attention, shown as badges (text, never colour alone). */
export function statusBadges(item: Pick<ClinicalDocumentItem, 'status' | 'superseded'>, strings: DischargeSummaryStrings): TemplateResult[] {
  const badges: TemplateResult[] = [];
  const badge = (status: string) =>
    html`<span class="badge badge-${status}" part="badge"><span class="visually-hidden">${strings.statusPrefix}</span>${strings.status(status)}</span>`;
  if (item.status === 'preliminary' || item.status === 'amended') badges.push(badge(item.status));
  if (item.superseded) badges.push(badge('superseded'));
  return badges;
}

/** The person's SMART scopes do not cover the resource type to show: nothing was asked. */
interface NotPermitted {
  notPermitted: string;
}

/** What was loaded, ready to render (narratives already sanitised, once). */
interface LoadedSummary {
  resource: Composition | DocumentReference;
  item?: ClinicalDocumentItem;
  patient?: Patient;
  subjectDisplay?: string;
  /** The subject is known to be the provider's patient (not merely not shown to be someone else). */
  subjectVerified: boolean;
  sections: SectionModel[];
  attachments: Attachment[];
  enteredInError: boolean;
  otherPatient: boolean;
  /** The document was given as a property (nothing was fetched to show it). */
  given?: boolean;
}

interface SectionModel {
  title?: string;
  narrative?: HTMLElement;
  removedCount: number;
  entries: string[];
  enteredInError: number;
  unavailable: number;
  emptyReason?: string;
  sections: SectionModel[];
}

/** Which resource to load, from `reference`, `composition-id` or `document-reference-id`. */
function target(
  reference: string | undefined,
  compositionId: string | undefined,
  documentReferenceId: string | undefined,
): { type: 'Composition' | 'DocumentReference'; id: string } | undefined {
  if (compositionId) return { type: 'Composition' as const, id: compositionId };
  if (documentReferenceId) return { type: 'DocumentReference' as const, id: documentReferenceId };
  const { type, id } = referenceParts(reference?.trim());
  if (id && type === 'Composition') return { type, id };
  if (id && type === 'DocumentReference') return { type, id };
  return undefined;
}

/**
 * Statuses for which a server does not offer `$document`: 404 (operation unknown — a missing
 * Composition is then reported by the read that follows), 400, 405 and 501. A 410 means the
 * Composition was deleted and is reported as such.
 */
function documentOperationUnsupported(error: unknown): boolean {
  if (error instanceof NotFoundError) return !error.gone;
  return error instanceof FhirHttpError && [400, 405, 501].includes(error.status);
}

/** Every reference in a Composition that names a person, place or record the summary shows. */
function compositionReferences(composition: Composition): Reference[] {
  const references: Reference[] = [];
  const add = (reference: Reference | undefined) => {
    if (reference?.reference && !reference.reference.startsWith('#')) references.push(reference);
  };
  add(composition.subject);
  add(composition.encounter);
  add(composition.custodian);
  composition.author?.forEach(add);
  composition.attester?.forEach((attester) => add(attester.party));
  const walk = (sections: Composition['section']) =>
    sections?.forEach((section) => {
      section.entry?.forEach(add);
      walk(section.section);
    });
  walk(composition.section);
  return references;
}

/** References a resolved resource makes that a summary line needs (a medicine, a service provider, a role's person). */
function secondaryReferences(resource: FhirResource): Reference[] {
  switch (resource.resourceType) {
    case 'Encounter':
      return resource.serviceProvider ? [resource.serviceProvider] : [];
    case 'MedicationRequest':
    case 'MedicationStatement':
      return resource.medicationReference ? [resource.medicationReference] : [];
    case 'PractitionerRole':
      return [resource.practitioner, resource.organization].filter((r): r is Reference => !!r);
    default:
      return [];
  }
}

/**
 * A hospital discharge summary (or emergency department or ambulance summary) as one readable
 * document: a header (patient, hospital, admission and discharge dates, author, status, date), the
 * Composition's sections in order with their titles (UK record headings) and nested sections, each
 * section's narrative sanitised to the FHIR narrative rules (with a notice when something was
 * removed), its coded entries as short lines (medicines on discharge, allergies, diagnoses,
 * follow-up), and why a section is empty. A DocumentReference's files (PDF, HTML, text) are shown by
 * `<care-record-document-viewer>`. Prints cleanly.
 *
 * Give it a resource already loaded (`document`: a Composition, a DocumentReference or a document
 * Bundle) or what to load: `reference` (`Composition/123`), `composition-id` or
 * `document-reference-id`. A Composition is loaded with `Composition/{id}/$document`; when the server
 * does not offer that operation (404, 400, 405, 501), the Composition is read and what its sections
 * refer to is fetched in batches (`client.resolveReferences`).
 *
 * A document about anyone other than the provider's patient is never shown.
 *
 * @tag discharge-summary
 * @summary One discharge summary: header, sections, coded entries, files.
 *
 * @fires care-record-navigate - "Back to list" was chosen (detail `{ section: 'discharges' }`); only with `back-to-list`.
 * @fires care-record-error - The document could not be loaded (detail `{ error, source }`).
 *
 * @csspart header - The document's header (patient, hospital, dates, author, status).
 * @csspart heading - Each heading; the main one also has `summary-heading`, sections `section-heading`.
 * @csspart badge - Status badges (Preliminary, Amended).
 * @csspart section - Each section (nested sections too).
 * @csspart narrative - A section's sanitised narrative.
 * @csspart entries - A section's coded entries.
 * @csspart notice - Notices (content removed, entries not shown).
 * @csspart attachment - Each file of the document (from `<care-record-document-viewer>`, with its `link` and `attachment-notice` parts).
 * @csspart button - Buttons; also `back-button`.
 *
 * @cssprop --care-record-discharge-summary-section-gap - Space between sections (default 16px).
 */
export class DischargeSummary extends CareRecordElement {
  static override stringsNamespace = 'discharge-summary';

  static override styles = [CareRecordElement.styles, dischargeSummaryStyles];

  /**
   * The document, already loaded: a Composition, a DocumentReference or a document Bundle (its first
   * entry is the Composition). Takes precedence over `reference`. A Composition given here has its
   * section entries fetched from the server when they are not contained.
   */
  @property({ attribute: false }) document?: Composition | DocumentReference | Bundle;

  /** What to load: `Composition/123` or `DocumentReference/456`. */
  @property() reference?: string;

  /** The id of a Composition to load with `$document`. */
  @property({ attribute: 'composition-id' }) compositionId?: string;

  /** The id of a DocumentReference to load. */
  @property({ attribute: 'document-reference-id' }) documentReferenceId?: string;

  /**
   * DocumentReferences that are renderings of this Composition (its PDF, say): their files are shown
   * under "Document files". `<discharge-list>` sets it from the documents it merged.
   */
  @property({ attribute: false }) renderings: DocumentReference[] = [];

  /**
   * Marks the summary as replaced by a newer version (an amended summary replaces a preliminary one).
   * `<discharge-list>` sets it from the newer document's `relatesTo`.
   */
  @property({ type: Boolean }) superseded = false;

  /** Shows a "Back to list" button, which fires `care-record-navigate` with `{ section: 'discharges' }`. */
  @property({ type: Boolean, attribute: 'back-to-list' }) backToList = false;

  private readonly _summary = createRecordTask(this, {
    args: () => [this.document, this.reference, this.compositionId, this.documentReferenceId, this.renderings] as const,
    section: 'discharge-summary',
    count: (loaded: LoadedSummary | NotPermitted | undefined) => (loaded && !('notPermitted' in loaded) && !loaded.enteredInError && !loaded.otherPatient ? 1 : 0),
    task: ({ client, patientId, signal, args: [document, reference, compositionId, documentReferenceId, renderings] }) =>
      this._load(client, patientId, signal, document, target(reference, compositionId, documentReferenceId), renderings ?? []),
  });

  /** The loaded value last reported to the audit trail by this element (documents given as a property ask the server nothing). */
  private _reportedGiven?: LoadedSummary;

  /** The summary's strings with the host's overrides. */
  get summaryStrings(): DischargeSummaryStrings {
    return this.localStrings(defaultDischargeSummaryStrings);
  }

  /** Moves focus to the summary's heading (e.g. after opening it from a list). */
  override focus(options?: FocusOptions): void {
    const heading = this.shadowRoot?.querySelector<HTMLElement>('#summary-heading');
    if (!heading) return super.focus(options);
    // Focusable by script only: a heading is not a tab stop.
    heading.tabIndex = -1;
    heading.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('renderings') && !Array.isArray(this.renderings)) this.renderings = [];
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A document Bundle given as a property is shown without asking the server, so the record task
    // has no request to report: the view is reported here, once it is on screen.
    const loaded = this._summary.value;
    if (loaded && !('notPermitted' in loaded) && loaded.given && loaded !== this._reportedGiven && this.canRead && !loaded.otherPatient && !loaded.enteredInError) {
      this._reportedGiven = loaded;
      const references = [loaded.resource, ...this.renderings].map((r) => (r.id ? `${r.resourceType}/${r.id}` : undefined)).filter((r): r is string => !!r);
      this.reportViewed({ section: 'discharge-summary', resourceTypes: ['Composition'], count: 1, references });
    }
  }

  override render(): TemplateResult {
    const strings = this.summaryStrings;
    const loaded = this._summary.value;
    const headingText = loaded && !('notPermitted' in loaded) ? this._title(loaded) : strings.summaryKindDischarge;
    return html`<article class="summary" aria-labelledby="summary-heading">
      ${this.backToList
        ? html`<button class="button secondary-button back" part="button back-button" type="button" @click=${this._onBack}>
            <span aria-hidden="true">‹ </span>${strings.backToList}
          </button>`
        : nothing}
      ${this.renderHeading(headingText, { id: 'summary-heading', part: 'heading summary-heading' })}
      ${this._summary.render({ complete: (value) => this._renderLoaded(value) })}
    </article>`;
  }

  private readonly _onBack = (): void => {
    this.dispatchEvent(new CareRecordNavigateEvent({ section: 'discharges' }));
  };

  private _title(loaded: LoadedSummary): string {
    const strings = this.summaryStrings;
    if (loaded.enteredInError || loaded.otherPatient) return summaryKindLabel(kindOfSummary(loaded.resource), strings);
    const item = loaded.item;
    return item?.title?.trim() || item?.typeText || summaryKindLabel(kindOfSummary(loaded.resource), strings);
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  private async _load(
    client: FhirClient,
    patientId: string,
    signal: AbortSignal,
    given: Composition | DocumentReference | Bundle | undefined,
    wanted: { type: 'Composition' | 'DocumentReference'; id: string } | undefined,
    renderings: DocumentReference[],
  ): Promise<LoadedSummary | NotPermitted | undefined> {
    const type = given?.resourceType === 'Bundle' ? 'Composition' : (given?.resourceType ?? wanted?.type);
    if (type && !this.hasScopeFor(type, given ? 'search' : 'read')) return { notPermitted: type };
    if (given?.resourceType === 'Bundle') return { ...this._fromBundle(given, patientId, renderings), given: true };
    if (given?.resourceType === 'Composition') return this._fromResolved(given, await this._resolveAll(client, given, signal), patientId, renderings);
    if (given?.resourceType === 'DocumentReference') return this._fromResolved(given, await this._resolveAll(client, given, signal), patientId, []);
    if (!wanted) return undefined;
    if (wanted.type === 'DocumentReference') {
      const documentReference = await client.read<DocumentReference>('DocumentReference', wanted.id, { signal });
      return this._fromResolved(documentReference, await this._resolveAll(client, documentReference, signal), patientId, []);
    }
    let bundle: Bundle | undefined;
    try {
      bundle = await client.get<Bundle>(`Composition/${encodeURIComponent(wanted.id)}/$document`, { signal });
    } catch (error) {
      if (!documentOperationUnsupported(error)) throw error;
    }
    if (bundle) {
      if (bundle.resourceType !== 'Bundle') throw new InvalidResponseError(`${client.baseUrl}/Composition/${wanted.id}/$document`, 'expected a document Bundle');
      return this._fromBundle(bundle, patientId, renderings);
    }
    const composition = await client.read<Composition>('Composition', wanted.id, { signal });
    return this._fromResolved(composition, await this._resolveAll(client, composition, signal), patientId, renderings);
  }

  /**
   * What a Composition (or DocumentReference) refers to, fetched in batches: one search per resource
   * type (`client.resolveReferences`), then once more for what those need (a MedicationRequest's
   * Medication, an Encounter's hospital). References already contained or with a display only are
   * still asked for: the display may be all the sender gave, but the record may hold more.
   */
  private async _resolveAll(client: FhirClient, resource: Composition | DocumentReference, signal: AbortSignal): Promise<ResourceLookup> {
    const first =
      resource.resourceType === 'Composition'
        ? compositionReferences(resource)
        : [resource.custodian, ...(resource.author ?? []), ...(resource.context?.encounter ?? []), resource.subject].filter(
            (r): r is Reference => !!r?.reference && !r.reference.startsWith('#'),
          );
    const found = new Map<string, FhirResource>();
    if (first.length) for (const [key, value] of await client.resolveReferences(first, { signal })) found.set(key, value);
    const second = [...found.values()].flatMap(secondaryReferences).filter((r) => r.reference && !found.has(r.reference));
    if (second.length) for (const [key, value] of await client.resolveReferences(second, { signal })) found.set(key, value);
    const lookup = createResourceLookup([resource, ...found.values()]);
    return (reference, from) => {
      const text = referenceString(reference);
      return (text ? found.get(text) : undefined) ?? lookup(reference, from);
    };
  }

  private _fromBundle(bundle: Bundle, patientId: string, renderings: DocumentReference[]): LoadedSummary {
    const composition = bundle.entry?.map((entry) => entry.resource).find((r): r is Composition => r?.resourceType === 'Composition');
    if (!composition) throw new InvalidResponseError(bundle.id ? `Bundle/${bundle.id}` : 'document', 'the document Bundle has no Composition');
    return this._fromResolved(composition, createResourceLookup(bundle), patientId, renderings);
  }

  private _fromResolved(
    resource: Composition | DocumentReference,
    lookup: ResourceLookup,
    patientId: string,
    renderings: DocumentReference[],
  ): LoadedSummary {
    const subject = resource.subject;
    const subjectResource = subject ? lookup(subject, resource) : undefined;
    const patient = subjectResource?.resourceType === 'Patient' ? subjectResource : undefined;
    const base: LoadedSummary = {
      resource,
      patient,
      subjectDisplay: subject?.display,
      subjectVerified: this._aboutPatient(subject, patient, patientId),
      sections: [],
      attachments: [],
      enteredInError: isEnteredInError(resource),
      otherPatient: this._aboutSomeoneElse(subject, patient, patientId),
    };
    if (base.enteredInError || base.otherPatient) return base;
    const usable = renderings.filter((r) => r.resourceType === 'DocumentReference' && !isEnteredInError(r));
    const merged =
      resource.resourceType === 'Composition'
        ? mergeDischargeDocuments([resource], usable, { resolve: lookup })
        : mergeDischargeDocuments([], [resource], { resolve: lookup });
    const attachments =
      resource.resourceType === 'Composition'
        ? usable.flatMap((r) => (r.content ?? []).map((c) => c.attachment))
        : (resource.content ?? []).map((c) => c.attachment);
    const sections =
      resource.resourceType === 'Composition'
        ? documentSections(resource, lookup).map((view, index) => this._sectionModel(view, resource.section?.[index], lookup))
        : [];
    return { ...base, item: merged.items[0], sections, attachments };
  }

  /**
   * True when the document names a different patient from the provider's: by the Patient it
   * resolves to, or a `Patient/{id}` reference. `urn:uuid:` references to a Patient the document does
   * not carry cannot be checked and are accepted (UK Core examples are so).
   */
  /** True when the subject is shown to be the provider's patient (by the resolved Patient or a `Patient/{id}` reference). */
  private _aboutPatient(subject: Reference | undefined, patient: Patient | undefined, patientId: string): boolean {
    if (patient?.id === patientId) return true;
    const text = referenceString(subject);
    if (!text || text.startsWith('urn:') || text.startsWith('#')) return false;
    const { type, id } = referenceParts(text);
    return (type === undefined || type === 'Patient') && id === patientId;
  }

  private _aboutSomeoneElse(subject: Reference | undefined, patient: Patient | undefined, patientId: string): boolean {
    if (patient?.id) {
      const { id } = referenceParts(referenceString(subject));
      // A document Bundle may name the patient by fullUrl (urn:uuid) with a local id.
      return patient.id !== patientId && id !== patientId;
    }
    const text = referenceString(subject);
    if (!text || text.startsWith('urn:') || text.startsWith('#')) return false;
    const { type, id } = referenceParts(text);
    return (type === undefined || type === 'Patient') && id !== undefined && id !== patientId;
  }

  /** A section ready to render; `raw` is the same section in the Composition (for its emptyReason code). */
  private _sectionModel(section: DocumentSectionView, raw: CompositionSection | undefined, lookup: ResourceLookup): SectionModel {
    const narrative = section.narrative && section.narrativeStatus !== 'empty' ? sanitizedContainer(section.narrative, 'narrative', 'narrative') : undefined;
    const hasNarrative = !!narrative?.element.textContent?.trim();
    let enteredInError = 0;
    let unresolved = 0;
    const entries: string[] = [];
    for (const entry of section.entries) {
      if (entry.resource && isEnteredInError(entry.resource)) {
        enteredInError++;
        continue;
      }
      const line = this._entryLine(entry, lookup);
      if (line) entries.push(line);
      else unresolved++;
    }
    return {
      title: section.title,
      narrative: hasNarrative ? narrative?.element : undefined,
      removedCount: narrative?.removedCount ?? 0,
      entries,
      enteredInError,
      // The narrative is the attested content (FHIR R4 Composition); entries we cannot find are only
      // worth a word when there is no narrative to read instead.
      unavailable: hasNarrative ? 0 : unresolved,
      emptyReason: section.emptyReason || raw?.emptyReason
        ? this.summaryStrings.emptyReason(raw?.emptyReason?.coding?.find((c) => c.code)?.code, section.emptyReason)
        : undefined,
      sections: section.sections.map((view, index) => this._sectionModel(view, raw?.section?.[index], lookup)),
    };
  }

  /** One readable line for a coded entry, using the display helpers; undefined when nothing can be said. */
  private _entryLine(entry: DocumentEntryView, lookup: ResourceLookup): string | undefined {
    const strings = this.summaryStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const resource = entry.resource;
    const join = (...parts: Array<string | undefined | false>) => parts.filter((p): p is string => !!p).join(' — ');
    const date = (value: string | undefined) => formatDate(value, display);
    if (!resource) return entry.display?.trim() || undefined;
    switch (resource.resourceType) {
      case 'MedicationRequest':
      case 'MedicationStatement': {
        const medication = resource.medicationReference ? lookup(resource.medicationReference, resource) : undefined;
        const medicine =
          codeableConceptText(resource.medicationCodeableConcept) ??
          (medication?.resourceType === 'Medication' ? codeableConceptText(medication.code) : undefined) ??
          resource.medicationReference?.display;
        const dose = resource.resourceType === 'MedicationRequest' ? dosageText(resource.dosageInstruction) : dosageText(resource.dosage);
        // A medicine stopped in hospital must never read like one to carry on giving.
        const status = resource.status && resource.status !== 'active' && resource.status !== 'intended' ? strings.entryMedicationStatus(resource.status) : undefined;
        const reason = codeableConceptText(resource.statusReason instanceof Array ? resource.statusReason[0] : resource.statusReason);
        return join(
          status,
          medicine ?? entry.display ?? strings.entryLinked(resource.resourceType),
          dose && strings.entryDose(dose),
          status && reason && strings.entryReason(reason),
        );
      }
      case 'AllergyIntolerance': {
        const reaction = resource.reaction?.flatMap((r) => r.manifestation.map((m) => codeableConceptText(m))).filter(Boolean).join(', ');
        const unconfirmed = resource.verificationStatus?.coding?.some((c) => c.code === 'unconfirmed');
        return join(
          codeableConceptText(resource.code) ?? entry.display,
          reaction && strings.entryReaction(reaction),
          resource.criticality === 'high' && strings.allergyHighRisk,
          unconfirmed && strings.allergyUnconfirmed,
        );
      }
      case 'Condition': {
        const status = codeableConceptText(resource.clinicalStatus);
        const onset = date(resource.onsetDateTime ?? resource.onsetPeriod?.start);
        return join(codeableConceptText(resource.code) ?? entry.display, status && strings.entryClinicalStatus(status), onset && strings.entryOnset(onset));
      }
      case 'Observation': {
        const value =
          formatQuantity(resource.valueQuantity, display) ??
          codeableConceptText(resource.valueCodeableConcept) ??
          resource.valueString ??
          (resource.valueBoolean === undefined ? undefined : resource.valueBoolean ? 'Yes' : 'No');
        const name = codeableConceptText(resource.code) ?? entry.display;
        return join(value ? `${name}: ${value}` : (name ?? entry.display), date(resource.effectiveDateTime ?? resource.effectivePeriod?.start));
      }
      case 'DiagnosticReport':
        return join(
          codeableConceptText(resource.code) ?? entry.display,
          resource.conclusion,
          date(resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued),
        );
      case 'Procedure':
        return join(
          codeableConceptText(resource.code) ?? entry.display,
          date(resource.performedDateTime ?? resource.performedPeriod?.start) && strings.entryPerformed(date(resource.performedDateTime ?? resource.performedPeriod?.start)!),
        );
      case 'Encounter':
        return join(
          codeableConceptText(resource.type?.[0]) ?? resource.class?.display ?? entry.display ?? strings.entryLinked('Encounter'),
          formatPeriod(resource.period, display),
        );
      case 'ServiceRequest':
        return join(
          codeableConceptText(resource.code) ?? entry.display,
          resource.occurrenceDateTime && strings.entryDue(date(resource.occurrenceDateTime)!),
          resource.patientInstruction,
        );
      case 'Appointment':
        return join(resource.description ?? codeableConceptText(resource.serviceType?.[0]) ?? entry.display, resource.start && strings.entryDue(formatDateTime(resource.start, display)!));
      case 'CarePlan':
        return join(resource.title ?? resource.description ?? entry.display, formatPeriod(resource.period, display));
      case 'Immunization':
        return join(codeableConceptText(resource.vaccineCode) ?? entry.display, date(resource.occurrenceDateTime));
      case 'Patient':
        return formatPatientName(resource) ?? entry.display;
      case 'Practitioner':
        return formatPractitionerName(resource) ?? entry.display;
      case 'Organization':
      case 'Location':
      case 'HealthcareService':
        return resource.name ?? entry.display;
      default:
        return entry.display?.trim() || strings.entryLinked(resource.resourceType);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private _renderLoaded(loaded: LoadedSummary | NotPermitted | undefined): TemplateResult {
    const strings = this.summaryStrings;
    if (!loaded) return this.renderEmpty(strings.noDocumentChosen);
    if ('notPermitted' in loaded) return this.renderScopeDenied(strings.scopeLabel(loaded.notPermitted));
    if (loaded.otherPatient) return html`<div class="state error" part="state error" role="alert"><p>${strings.otherPatient}</p></div>`;
    if (loaded.enteredInError) return html`<p class="state empty entered-in-error" part="state entered-in-error" role="note">${strings.enteredInError}</p>`;
    return html`${this._renderHeader(loaded)}
      ${loaded.resource.resourceType === 'DocumentReference' && loaded.resource.description && loaded.resource.description !== this._title(loaded)
        ? html`<p class="description">${loaded.resource.description}</p>`
        : nothing}
      ${loaded.sections.map((section, index) => this._renderSection(section, [index]))}
      ${loaded.attachments.length ? this._renderFiles(loaded) : nothing}`;
  }

  private _renderHeader(loaded: LoadedSummary): TemplateResult {
    const strings = this.summaryStrings;
    const item = loaded.item;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    // The document's Patient, else the provider's when the subject is shown to be them; a subject that
    // cannot be checked (a urn:uuid the document does not carry) is never given the resident's name.
    const patient = loaded.patient ?? (loaded.subjectVerified ? this.patient : undefined);
    const name = (patient && formatPatientName(patient)) ?? loaded.subjectDisplay;
    const nhsNumber = patient ? formatNhsNumber(nhsNumberOf(patient)) : undefined;
    const born = patient ? formatBorn(patient.birthDate, patient.deceasedDateTime ?? patient.deceasedBoolean, undefined, display) : undefined;
    const notKnown = html`<span class="not-known">${strings.notKnown}</span>`;
    const row = (label: string, value: unknown) => html`<div class="field"><dt>${label}</dt><dd>${value ?? notKnown}</dd></div>`;
    const kind = summaryKindLabel(item?.kind ?? kindOfSummary(loaded.resource), strings);
    const badges = item ? statusBadges({ status: item.status, superseded: item.superseded || this.superseded }, strings) : [];
    return html`<div class="header" part="header">
      ${badges.length ? html`<p class="badges">${badges}</p>` : nothing}
      <dl class="fields">
        ${this.hostShowsBanner
          ? nothing
          : html`${row(strings.headerPatient, name)}
            ${nhsNumber ? row(strings.headerNhsNumber, nhsNumber) : nothing} ${born ? row(strings.headerBorn, born) : nothing}`}
        ${row(strings.headerKind, kind)} ${row(strings.headerHospital, item?.organisation?.name)}
        ${item?.careSetting ? row(strings.headerCareSetting, item.careSetting) : nothing}
        ${row(strings.headerAdmitted, formatDateTime(item?.periodStart, display))}
        ${row(strings.headerDischarged, formatDateTime(item?.periodEnd, display))} ${row(strings.headerAuthor, item?.author?.name)}
        ${row(strings.headerStatus, strings.status(item?.status))} ${row(strings.headerDate, formatDateTime(item?.date, display))}
      </dl>
      <p class="source">${this.sourceLine(item?.organisation?.name, item?.date)}</p>
    </div>`;
  }

  private _renderSection(section: SectionModel, path: number[]): TemplateResult {
    const strings = this.summaryStrings;
    const id = `section-${path.join('-')}`;
    const title = section.title ?? strings.sectionUntitled;
    const empty =
      !section.narrative && section.entries.length === 0 && section.sections.length === 0 && !section.emptyReason && !section.enteredInError && !section.unavailable;
    // Not labelled: a named <section> is a landmark, and documents repeat headings ("Additional").
    return html`<section class="section" part="section">
      ${this.renderHeading(title, { id, offset: path.length, part: 'heading section-heading' })}
      ${section.removedCount ? html`<p class="notice" part="notice" role="note">${strings.narrativeRemoved}</p>` : nothing}
      ${section.narrative ?? nothing}
      ${section.entries.length
        ? html`<p class="entries-caption" aria-hidden="true">${strings.entriesCaption}</p>
            <ul class="entries" part="entries" aria-label=${strings.entriesLabel(title)}>
              ${section.entries.map((line) => html`<li>${line}</li>`)}
            </ul>`
        : nothing}
      ${section.enteredInError ? html`<p class="notice" part="notice" role="note">${strings.entriesEnteredInError(section.enteredInError)}</p>` : nothing}
      ${section.unavailable ? html`<p class="notice" part="notice" role="note">${strings.entriesUnavailable(section.unavailable)}</p>` : nothing}
      ${section.emptyReason ? html`<p class="empty-reason">${section.emptyReason}</p>` : nothing}
      ${empty ? html`<p class="empty-reason">${strings.sectionNothing}</p>` : nothing}
      ${section.sections.map((child, index) => this._renderSection(child, [...path, index]))}
    </section>`;
  }

  private _renderFiles(loaded: LoadedSummary): TemplateResult {
    const strings = this.summaryStrings;
    const viewer = nestedTag(CareRecordDocumentViewer, 'care-record-document-viewer');
    return staticHtml`<section class="section files">
      ${this.renderHeading(strings.filesHeading, { id: 'files-heading', offset: 1, part: 'heading section-heading' })}
      <${viewer}
        exportparts="attachment, narrative, link, notice: attachment-notice"
        .attachments=${loaded.attachments}
        document-title=${this._title(loaded)}
      ></${viewer}>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'discharge-summary': DischargeSummary;
  }
}
