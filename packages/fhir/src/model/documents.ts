import type {
  Attachment,
  CodeableConcept,
  Composition,
  CompositionSection,
  DocumentReference,
  Encounter,
  FhirResource,
  Identifier,
  Reference,
} from '../fhir-types.js';
import { byNewest, compact, conceptText, findExtension, hasCode, LOINC, SNOMED } from './internal.js';
import { describeReference, isEnteredInError, type ReferencedParty } from './provenance.js';
import { referenceParts, referencesResource, referenceString, referenceTo, resolveWith, type ResourceLookup } from './references.js';

/** What kind of care-transfer summary a document is. */
export type SummaryKind = 'discharge' | 'emergency-department' | 'ambulance' | 'other';

export type AttachmentKind = 'pdf' | 'html' | 'text' | 'image' | 'other';

/**
 * Document type codes that mean an inpatient discharge summary:
 * - SNOMED 373942005 Discharge summary (record artifact): UK Core / Transfer of Care (ITK3 eDischarge)
 *   Composition.type, also used by emergency care discharge summaries (told apart by care setting).
 * - LOINC 18842-5 Discharge summary, 11490-0 Physician Discharge summary, 28655-9 Discharge summary
 *   Attending physician (HL7's document example), 34105-7 Hospital Discharge summary.
 */
export const DISCHARGE_SUMMARY_CODES = {
  snomed: ['373942005'],
  loinc: ['18842-5', '11490-0', '28655-9', '34105-7'],
} as const;

/** LOINC 59258-4 Emergency department Discharge summary. */
export const EMERGENCY_DEPARTMENT_SUMMARY_LOINC = '59258-4';
/** SNOMED 310000008 Accident and Emergency service: the care setting of an ED summary (DOMAIN). */
export const EMERGENCY_CARE_SETTING_SNOMED = '310000008';
/**
 * SNOMED 312711000000101 Ambulance Service Patient Summary Report: the Composition.type of ambulance
 * transfer-of-care documents (Yorkshire and Humber Care Record "Interweave" ToC profile).
 */
export const AMBULANCE_SUMMARY_SNOMED = '312711000000101';

const CARE_SETTING_EXTENSIONS = ['Extension-UKCore-CareSettingType', 'Extension-CareConnect-CareSettingType-1'];

type SummaryResource = Composition | DocumentReference;

function typeConcepts(resource: SummaryResource): CodeableConcept[] {
  return resource.resourceType === 'Composition'
    ? [...(resource.type ? [resource.type] : []), ...(resource.category ?? [])]
    : [...(resource.type ? [resource.type] : []), ...(resource.category ?? [])];
}

/** Care setting: the UK Core CareSettingType extension of a Composition, or DocumentReference.context practice setting / facility type. */
function careSettingConcepts(resource: SummaryResource): CodeableConcept[] {
  if (resource.resourceType === 'Composition') {
    const ext = findExtension(resource.extension, ...CARE_SETTING_EXTENSIONS);
    return ext?.valueCodeableConcept ? [ext.valueCodeableConcept] : [];
  }
  return [resource.context?.practiceSetting, resource.context?.facilityType].filter((c): c is CodeableConcept => !!c);
}

function textsOf(concepts: CodeableConcept[]): string[] {
  return concepts.flatMap((c) => [c.text, ...(c.coding ?? []).map((d) => d.display)]).filter((t): t is string => !!t);
}

/**
 * The kind of summary: ambulance (type 312711000000101, or an ambulance care setting/type by name),
 * emergency department (LOINC 59258-4, or care setting 310000008 Accident and Emergency service —
 * checked before discharge because ED summaries share the discharge summary type), discharge
 * (`DISCHARGE_SUMMARY_CODES`), else other.
 */
export function kindOfSummary(resource: FhirResource): SummaryKind {
  if (resource.resourceType !== 'Composition' && resource.resourceType !== 'DocumentReference') return 'other';
  const types = typeConcepts(resource);
  const settings = careSettingConcepts(resource);
  const named = (pattern: RegExp) => textsOf([...types, ...settings]).some((t) => pattern.test(t));
  if (hasCode(types, [AMBULANCE_SUMMARY_SNOMED], SNOMED) || named(/\bambulance\b/i)) return 'ambulance';
  if (hasCode(types, [EMERGENCY_DEPARTMENT_SUMMARY_LOINC], LOINC) || hasCode(settings, [EMERGENCY_CARE_SETTING_SNOMED], SNOMED)) {
    return 'emergency-department';
  }
  if (hasCode(types, DISCHARGE_SUMMARY_CODES.snomed, SNOMED) || hasCode(types, DISCHARGE_SUMMARY_CODES.loinc, LOINC)) return 'discharge';
  return 'other';
}

/**
 * True for a Composition or DocumentReference that is a care-transfer summary the home needs when a
 * resident returns: a discharge summary, an emergency department summary or an ambulance patient summary.
 */
export function isDischargeSummary(resource: FhirResource): boolean {
  return kindOfSummary(resource) !== 'other';
}

/** What a viewer can do with an attachment, from its content type (then its URL's extension). */
export function classifyAttachment(attachment: Attachment | undefined): AttachmentKind {
  const type = attachment?.contentType?.split(';')[0].trim().toLowerCase();
  if (type) {
    if (type === 'application/pdf') return 'pdf';
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    if (type.startsWith('image/')) return 'image';
    if (type === 'text/plain' || type === 'text/markdown' || type === 'text/rtf') return 'text';
    return 'other';
  }
  const path = attachment?.url?.split(/[?#]/)[0].toLowerCase() ?? '';
  if (path.endsWith('.pdf')) return 'pdf';
  if (/\.x?html?$/.test(path)) return 'html';
  if (/\.(png|jpe?g|gif|webp|tiff?)$/.test(path)) return 'image';
  if (path.endsWith('.txt')) return 'text';
  return 'other';
}

export interface DocumentAttachmentView {
  kind: AttachmentKind;
  contentType?: string;
  url?: string;
  size?: number;
  title?: string;
  language?: string;
  creation?: string;
  /** Inline base64 data present (the widget decodes it; it is not copied here). */
  hasData: boolean;
  /** DocumentReference.content.format text ("PDF rendering"…). */
  format?: string;
  /** The DocumentReference this rendering came from, when merged into a Composition row. */
  documentReference?: string;
}

export interface ClinicalDocumentItem {
  id?: string;
  reference?: string;
  source: 'Composition' | 'DocumentReference';
  kind: SummaryKind;
  title?: string;
  /** The document type as text ("Discharge summary"). */
  typeText?: string;
  /** Composition.date / DocumentReference.date (raw). */
  date?: string;
  /** Admission (start) and discharge (end): Encounter.period, else event/context period. */
  periodStart?: string;
  periodEnd?: string;
  organisation?: ReferencedParty;
  /** Care setting or specialty text ("Accident and Emergency service", "Cardiology service"). */
  careSetting?: string;
  author?: ReferencedParty;
  /** Composition.status, or DocumentReference.docStatus, else its status (current/superseded). */
  status?: string;
  /** A DocumentReference that has been replaced by a newer version. */
  superseded: boolean;
  attachments: DocumentAttachmentView[];
  /** DocumentReferences merged into this row because they render it. */
  mergedReferences: string[];
  encounterReferences: string[];
  resource: Composition | DocumentReference;
}

export interface ClinicalDocumentList {
  /** Newest first. */
  items: ClinicalDocumentItem[];
  /** Entered-in-error documents (and renderings of them): not shown, counted. */
  excludedEnteredInError: number;
}

export interface MergeDocumentsOptions {
  /** Resolves encounters (admission/discharge dates), custodians and authors. */
  resolve?: ResourceLookup;
  /** Encounters to take admission and discharge dates from. */
  encounters?: Encounter[];
}

function attachmentView(attachment: Attachment, format?: string, documentReference?: string): DocumentAttachmentView {
  return compact({
    kind: classifyAttachment(attachment),
    contentType: attachment.contentType,
    url: attachment.url,
    size: attachment.size,
    title: attachment.title,
    language: attachment.language,
    creation: attachment.creation,
    hasData: !!attachment.data,
    format,
    documentReference,
  });
}

function identifierMatches(a: Identifier | undefined, b: Identifier | undefined): boolean {
  if (!a?.value || !b?.value || a.value !== b.value) return false;
  return !a.system || !b.system || a.system === b.system;
}

function pointsAt(reference: Reference | undefined, composition: Composition): boolean {
  if (!reference) return false;
  if (referencesResource(reference, composition)) return true;
  return identifierMatches(reference.identifier, composition.identifier);
}

/** An attachment URL that fetches the Composition itself or its $document Bundle. */
function urlPointsAt(url: string | undefined, composition: Composition): boolean {
  if (!url || !composition.id) return false;
  const path = url.split(/[?#]/)[0].replace(/\/\$document$/, '');
  const { type, id } = referenceParts(path);
  return type === 'Composition' && id === composition.id;
}

/**
 * True when a DocumentReference is a rendering (PDF, HTML…) of the Composition: it relates to it, lists
 * it in context.related, shares its identifier (masterIdentifier or identifier), or its attachment URL
 * fetches the Composition or its $document.
 */
function renders(documentReference: DocumentReference, composition: Composition): boolean {
  if ((documentReference.relatesTo ?? []).some((r) => pointsAt(r.target, composition))) return true;
  if ((documentReference.context?.related ?? []).some((r) => pointsAt(r, composition))) return true;
  const identifiers = [documentReference.masterIdentifier, ...(documentReference.identifier ?? [])];
  if (identifiers.some((i) => identifierMatches(i, composition.identifier))) return true;
  return (documentReference.content ?? []).some((c) => urlPointsAt(c.attachment?.url, composition));
}

function findEncounter(reference: Reference | undefined, from: FhirResource, opts: MergeDocumentsOptions): Encounter | undefined {
  if (!reference) return undefined;
  const listed = opts.encounters?.find((e) => referencesResource(reference, e));
  if (listed) return listed;
  const found = resolveWith(opts.resolve, reference, from);
  return found?.resourceType === 'Encounter' ? found : undefined;
}

function compositionItem(composition: Composition, opts: MergeDocumentsOptions): ClinicalDocumentItem {
  const encounter = findEncounter(composition.encounter, composition, opts);
  const eventPeriod = composition.event?.find((e) => e.period)?.period;
  const period = encounter?.period ?? eventPeriod;
  const organisationAuthor = composition.author?.find((a) => a.type === 'Organization' || referenceParts(a.reference).type === 'Organization');
  const personAuthor = composition.author?.find((a) => a !== organisationAuthor);
  return compact({
    id: composition.id,
    reference: referenceTo(composition),
    source: 'Composition' as const,
    kind: kindOfSummary(composition),
    title: composition.title,
    typeText: conceptText(composition.type),
    date: composition.date,
    periodStart: period?.start,
    periodEnd: period?.end,
    organisation: describeReference(composition.custodian ?? organisationAuthor ?? encounter?.serviceProvider, composition, opts.resolve),
    careSetting: conceptText(careSettingConcepts(composition)[0]),
    author: describeReference(personAuthor ?? composition.author?.[0], composition, opts.resolve),
    status: composition.status,
    superseded: false,
    attachments: [],
    mergedReferences: [],
    encounterReferences: [referenceString(composition.encounter)].filter((r): r is string => !!r),
    resource: composition,
  });
}

function documentReferenceItem(documentReference: DocumentReference, opts: MergeDocumentsOptions): ClinicalDocumentItem {
  const encounterRefs = documentReference.context?.encounter ?? [];
  const encounter = encounterRefs.map((r) => findEncounter(r, documentReference, opts)).find((e) => !!e);
  const period = documentReference.context?.period ?? encounter?.period;
  const organisationAuthor = documentReference.author?.find((a) => a.type === 'Organization' || referenceParts(a.reference).type === 'Organization');
  const personAuthor = documentReference.author?.find((a) => a !== organisationAuthor);
  const first = documentReference.content?.[0]?.attachment;
  return compact({
    id: documentReference.id,
    reference: referenceTo(documentReference),
    source: 'DocumentReference' as const,
    kind: kindOfSummary(documentReference),
    title: documentReference.description ?? first?.title ?? conceptText(documentReference.type),
    typeText: conceptText(documentReference.type),
    date: documentReference.date ?? first?.creation,
    periodStart: period?.start,
    periodEnd: period?.end,
    organisation: describeReference(documentReference.custodian ?? organisationAuthor ?? encounter?.serviceProvider, documentReference, opts.resolve),
    careSetting: conceptText(careSettingConcepts(documentReference)[0]),
    author: describeReference(personAuthor ?? documentReference.author?.[0], documentReference, opts.resolve),
    status: documentReference.docStatus ?? documentReference.status,
    superseded: documentReference.status === 'superseded',
    attachments: (documentReference.content ?? []).map((c) => attachmentView(c.attachment, conceptText(c.format ? { coding: [c.format] } : undefined))),
    mergedReferences: [],
    encounterReferences: encounterRefs.map(referenceString).filter((r): r is string => !!r),
    resource: documentReference,
  });
}

function dedupe<T extends FhirResource>(resources: T[]): T[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const key = referenceTo(r);
    if (!key) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One newest-first list of documents from Compositions and DocumentReferences, without duplicates:
 * a DocumentReference that renders a Composition (see `renders`) becomes an extra format (attachment)
 * of the Composition's row instead of a row of its own. Entered-in-error documents are removed and
 * counted; so is a rendering of an entered-in-error Composition (it shows the same withdrawn document).
 */
export function mergeDischargeDocuments(
  compositions: Composition[],
  documentReferences: DocumentReference[],
  opts: MergeDocumentsOptions = {},
): ClinicalDocumentList {
  let excludedEnteredInError = 0;
  const allCompositions = dedupe(compositions);
  const withdrawn = allCompositions.filter(isEnteredInError);
  excludedEnteredInError += withdrawn.length;
  const rows = allCompositions.filter((c) => !isEnteredInError(c)).map((c) => ({ composition: c, item: compositionItem(c, opts) }));
  const items = rows.map((r) => r.item);
  for (const documentReference of dedupe(documentReferences)) {
    if (isEnteredInError(documentReference) || withdrawn.some((c) => renders(documentReference, c))) {
      excludedEnteredInError++;
      continue;
    }
    const row = rows.find((r) => renders(documentReference, r.composition));
    if (!row) {
      items.push(documentReferenceItem(documentReference, opts));
      continue;
    }
    const reference = referenceTo(documentReference);
    row.item.attachments.push(
      ...(documentReference.content ?? []).map((c) => attachmentView(c.attachment, conceptText(c.format ? { coding: [c.format] } : undefined), reference)),
    );
    if (reference) row.item.mergedReferences.push(reference);
    for (const encounter of documentReference.context?.encounter ?? []) {
      const ref = referenceString(encounter);
      if (ref && !row.item.encounterReferences.includes(ref)) row.item.encounterReferences.push(ref);
    }
  }
  items.sort(byNewest((i) => i.date ?? i.periodEnd));
  return { items, excludedEnteredInError };
}

export interface DocumentEntryView {
  reference?: string;
  display?: string;
  resourceType?: string;
  /** The resolved resource, when the lookup found it. */
  resource?: FhirResource;
}

export interface DocumentSectionView {
  /** Section title, else its code's text/display. */
  title?: string;
  code?: CodeableConcept;
  /** Raw XHTML narrative (Narrative.div). Not sanitised: the widget must sanitise before rendering. */
  narrative?: string;
  narrativeStatus?: string;
  mode?: string;
  entries: DocumentEntryView[];
  /** Why the section is empty ("Unavailable", "Nil known"…). */
  emptyReason?: string;
  sections: DocumentSectionView[];
}

function sectionView(section: CompositionSection, composition: Composition, resolve: ResourceLookup | undefined): DocumentSectionView {
  return compact({
    title: section.title?.trim() || conceptText(section.code),
    code: section.code,
    narrative: section.text?.div,
    narrativeStatus: section.text?.status,
    mode: section.mode,
    entries: (section.entry ?? []).map((entry) => {
      const resource = resolveWith(resolve, entry, composition);
      return compact({
        reference: referenceString(entry),
        display: entry.display,
        resourceType: resource?.resourceType ?? entry.type ?? referenceParts(entry.reference).type,
        resource,
      });
    }),
    emptyReason: conceptText(section.emptyReason),
    sections: (section.section ?? []).map((s) => sectionView(s, composition, resolve)),
  });
}

/**
 * The Composition's sections as nested view models, entries resolved through `resolve` (e.g. a lookup
 * over the `$document` Bundle, whose entries are referenced by fullUrl).
 */
export function documentSections(composition: Composition, resolve?: ResourceLookup): DocumentSectionView[] {
  return (composition.section ?? []).map((s) => sectionView(s, composition, resolve));
}
