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
import { parseFhirDate } from '../display/index.js';
import { compact, conceptText, findExtension, LOINC, SNOMED } from './internal.js';
import { describeReference, isEnteredInError, type ReferencedParty } from './provenance.js';
import { referenceParts, referenceString, referenceTo, resolveWith, type ResourceLookup } from './references.js';

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
  return resource.category?.length ? [...(resource.type ? [resource.type] : []), ...resource.category] : resource.type ? [resource.type] : [];
}

/** Care setting: the UK Core CareSettingType extension of a Composition, or DocumentReference.context practice setting / facility type. */
function careSettingConcepts(resource: SummaryResource): CodeableConcept[] {
  if (resource.resourceType === 'Composition') {
    const ext = findExtension(resource.extension, ...CARE_SETTING_EXTENSIONS);
    return ext?.valueCodeableConcept ? [ext.valueCodeableConcept] : [];
  }
  return [resource.context?.practiceSetting, resource.context?.facilityType].filter((c): c is CodeableConcept => !!c);
}

const AMBULANCE_WORDS = /\bambulance\b/i;
const AMBULANCE_CODES = new Set([AMBULANCE_SUMMARY_SNOMED]);
const EMERGENCY_DEPARTMENT_CODES = new Set([EMERGENCY_DEPARTMENT_SUMMARY_LOINC]);
const EMERGENCY_SETTING_CODES = new Set([EMERGENCY_CARE_SETTING_SNOMED]);
const DISCHARGE_SNOMED_CODES = new Set<string>(DISCHARGE_SUMMARY_CODES.snomed);
const DISCHARGE_LOINC_CODES = new Set<string>(DISCHARGE_SUMMARY_CODES.loinc);

function coded(concepts: CodeableConcept[], system: string, codes: ReadonlySet<string>): boolean {
  return concepts.some((concept) => concept.coding?.some((coding) => coding.system === system && coding.code !== undefined && codes.has(coding.code)));
}

function named(concepts: CodeableConcept[], pattern: RegExp): boolean {
  return concepts.some((concept) => (!!concept.text && pattern.test(concept.text)) || !!concept.coding?.some((coding) => !!coding.display && pattern.test(coding.display)));
}

/** Kinds of resources that cannot change (search results are deep-frozen): a list asks several times. */
const frozenKinds = new WeakMap<FhirResource, SummaryKind>();

/**
 * The kind of summary: ambulance (type 312711000000101, or an ambulance care setting/type by name),
 * emergency department (LOINC 59258-4, or care setting 310000008 Accident and Emergency service —
 * checked before discharge because ED summaries share the discharge summary type), discharge
 * (`DISCHARGE_SUMMARY_CODES`), else other.
 */
export function kindOfSummary(resource: FhirResource): SummaryKind {
  if (resource.resourceType !== 'Composition' && resource.resourceType !== 'DocumentReference') return 'other';
  const known = frozenKinds.get(resource);
  if (known) return known;
  const kind = summaryKindOf(resource);
  if (Object.isFrozen(resource)) frozenKinds.set(resource, kind);
  return kind;
}

function summaryKindOf(resource: SummaryResource): SummaryKind {
  const types = typeConcepts(resource);
  const settings = careSettingConcepts(resource);
  if (coded(types, SNOMED, AMBULANCE_CODES) || named(types, AMBULANCE_WORDS) || named(settings, AMBULANCE_WORDS)) return 'ambulance';
  if (coded(types, LOINC, EMERGENCY_DEPARTMENT_CODES) || coded(settings, SNOMED, EMERGENCY_SETTING_CODES)) return 'emergency-department';
  if (coded(types, SNOMED, DISCHARGE_SNOMED_CODES) || coded(types, LOINC, DISCHARGE_LOINC_CODES)) return 'discharge';
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
  /**
   * Mark a Composition that another replaces as `superseded` (default true). A list that gives each
   * summary one status word and keeps "preliminary" for it (the encounter timeline) turns this off;
   * a replaced summary never takes the files of its admission either way.
   */
  markReplaced?: boolean;
}

/** What stays the same for every page of a merge. */
export type DischargeDocumentMergeOptions = Pick<MergeDocumentsOptions, 'markReplaced'>;

function attachmentView(attachment: Attachment, format?: string, documentReference?: string): DocumentAttachmentView {
  return definedFields({
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

/** Encounters handed to the merge, by id (the first of each wins, as a search's order gives them). */
type EncounterIndex = Map<string, Encounter>;

interface ItemContext {
  resolve?: ResourceLookup;
  encounters: EncounterIndex;
  /** Parties already described in this page: every summary names the same few hospitals and authors. */
  parties: Map<string, ReferencedParty | undefined>;
}

/**
 * `compact` for the view models of long lists: a new object of the defined fields, rather than
 * deleting the others (which turns an object into a slow dictionary in V8, and a list's items are
 * read on every render).
 */
function definedFields<T extends object>(value: T): T {
  const fields = {} as T;
  for (const key in value) if (value[key] !== undefined) fields[key] = value[key];
  return fields;
}

/** describeReference, once per reference in a page (a PractitionerRole's person may be contained in the document: not shared). */
function describeParty(reference: Reference | undefined, from: FhirResource, context: ItemContext): ReferencedParty | undefined {
  const text = referenceString(reference);
  if (!reference || !text || text.startsWith('#')) return describeReference(reference, from, context.resolve);
  const key = `${text}\u0000${reference.display ?? ''}\u0000${reference.type ?? ''}`;
  if (context.parties.has(key)) return context.parties.get(key);
  const party = describeReference(reference, from, context.resolve);
  if (resolveWith(context.resolve, reference, from)?.resourceType !== 'PractitionerRole') context.parties.set(key, party);
  return party;
}

function findEncounter(reference: Reference | undefined, from: FhirResource, context: ItemContext): Encounter | undefined {
  if (!reference) return undefined;
  const { type, id } = referenceParts(referenceString(reference));
  const listed = id ? context.encounters.get(id) : undefined;
  if (listed && (type ?? reference.type ?? 'Encounter') === 'Encounter') return listed;
  const found = resolveWith(context.resolve, reference, from);
  return found?.resourceType === 'Encounter' ? found : undefined;
}

function compositionItem(composition: Composition, context: ItemContext, kind = kindOfSummary(composition)): ClinicalDocumentItem {
  const encounter = findEncounter(composition.encounter, composition, context);
  const eventPeriod = composition.event?.find((e) => e.period)?.period;
  const period = encounter?.period ?? eventPeriod;
  const organisationAuthor = composition.author?.find((a) => a.type === 'Organization' || referenceParts(a.reference).type === 'Organization');
  const personAuthor = composition.author?.find((a) => a !== organisationAuthor);
  return definedFields({
    id: composition.id,
    reference: referenceTo(composition),
    source: 'Composition' as const,
    kind,
    title: composition.title,
    typeText: conceptText(composition.type),
    date: composition.date,
    periodStart: period?.start,
    periodEnd: period?.end,
    organisation: describeParty(composition.custodian ?? organisationAuthor ?? encounter?.serviceProvider, composition, context),
    careSetting: conceptText(careSettingConcepts(composition)[0]),
    author: describeParty(personAuthor ?? composition.author?.[0], composition, context),
    status: composition.status,
    superseded: false,
    attachments: [],
    mergedReferences: [],
    encounterReferences: [referenceString(composition.encounter)].filter((r): r is string => !!r),
    resource: composition,
  });
}

function documentReferenceItem(documentReference: DocumentReference, context: ItemContext, kind = kindOfSummary(documentReference)): ClinicalDocumentItem {
  const encounterRefs = documentReference.context?.encounter ?? [];
  const encounter = encounterRefs.map((r) => findEncounter(r, documentReference, context)).find((e) => !!e);
  const period = documentReference.context?.period ?? encounter?.period;
  const organisationAuthor = documentReference.author?.find((a) => a.type === 'Organization' || referenceParts(a.reference).type === 'Organization');
  const personAuthor = documentReference.author?.find((a) => a !== organisationAuthor);
  const first = documentReference.content?.[0]?.attachment;
  return definedFields({
    id: documentReference.id,
    reference: referenceTo(documentReference),
    source: 'DocumentReference' as const,
    kind,
    title: documentReference.description ?? first?.title ?? conceptText(documentReference.type),
    typeText: conceptText(documentReference.type),
    date: documentReference.date ?? first?.creation,
    periodStart: period?.start,
    periodEnd: period?.end,
    organisation: describeParty(documentReference.custodian ?? organisationAuthor ?? encounter?.serviceProvider, documentReference, context),
    careSetting: conceptText(careSettingConcepts(documentReference)[0]),
    author: describeParty(personAuthor ?? documentReference.author?.[0], documentReference, context),
    status: documentReference.docStatus ?? documentReference.status,
    superseded: documentReference.status === 'superseded',
    attachments: (documentReference.content ?? []).map((c) => attachmentView(c.attachment, conceptText(c.format ? { coding: [c.format] } : undefined))),
    mergedReferences: [],
    encounterReferences: encounterRefs.map(referenceString).filter((r): r is string => !!r),
    resource: documentReference,
  });
}

/** `Type/id` of a reference, relative or absolute, with `type` when the reference does not say. */
function typedKey(reference: Reference | undefined, type: string): string | undefined {
  const { type: written, id } = referenceParts(referenceString(reference));
  return id ? `${written ?? reference?.type ?? type}/${id}` : undefined;
}

/** Newest first, undated last (compareFhirDatesNewestFirst's order), read once per document. */
interface DateKey {
  instant?: number;
  precision: number;
}

const PRECISION_RANK = { year: 0, month: 1, day: 2, time: 3 } as const;

function dateKey(value: string | undefined): DateKey {
  const parsed = parseFhirDate(value);
  return parsed ? { instant: parsed.date.getTime(), precision: PRECISION_RANK[parsed.precision] } : { precision: 0 };
}

function newerFirst(a: DateKey, b: DateKey): number {
  if (a.instant === undefined || b.instant === undefined) return a.instant !== undefined ? -1 : b.instant !== undefined ? 1 : 0;
  return b.instant - a.instant || b.precision - a.precision;
}

/** A row of the list: its item, and where it sorts (dated newest first; ties keep Compositions, then documents, in arrival order). */
interface ListedRow {
  item: ClinicalDocumentItem;
  date: DateKey;
  group: 0 | 1;
  order: number;
  removed: boolean;
}

function listOrder(a: ListedRow, b: ListedRow): number {
  return newerFirst(a.date, b.date) || a.group - b.group || a.order - b.order;
}

interface CompositionEntry {
  composition: Composition;
  order: number;
  withdrawn: boolean;
  reference?: string;
  kind: SummaryKind;
  /** `Encounter/id` of its admission, when it has an id to be linked by. */
  encounterKey?: string;
  date: DateKey;
  /** Not withdrawn: its row, without the documents merged into it. */
  base?: ClinicalDocumentItem;
  listed?: ListedRow;
  /** DocumentReferences merged into the row, in arrival order. */
  renderings: DocumentReferenceEntry[];
}

interface DocumentReferenceEntry {
  documentReference: DocumentReference;
  order: number;
  reference?: string;
  kind: SummaryKind;
  enteredInError: boolean;
  /** Ids of Compositions it names: relatesTo, context.related, an attachment URL fetching one. */
  compositionIds: string[];
  /** Identifiers a Composition may share with it: masterIdentifier, identifier, those in relatesTo and context.related. */
  identifiers: Identifier[];
  /** Its admissions, when nothing else links it (see sameAdmission). */
  sameAdmissionKeys: string[];
  placement?: CompositionEntry | 'own' | 'excluded';
  listed?: ListedRow;
  views?: DocumentAttachmentView[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The Composition id a link names, when it names a Composition (or does not say what it names). */
function linkedCompositionId(reference: Reference | undefined): string | undefined {
  const { type, id } = referenceParts(referenceString(reference));
  return id && (type ?? reference?.type ?? 'Composition') === 'Composition' ? id : undefined;
}

/** An attachment URL that fetches a Composition itself or its $document Bundle: that Composition's id. */
function urlCompositionId(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split(/[?#]/)[0].replace(/\/\$document$/, '');
  const { type, id } = referenceParts(path);
  return type === 'Composition' ? id : undefined;
}

function documentReferenceEntry(documentReference: DocumentReference, order: number): DocumentReferenceEntry {
  const links = [...(documentReference.relatesTo ?? []).map((r) => r.target), ...(documentReference.context?.related ?? [])];
  const enteredInError = isEnteredInError(documentReference);
  const kind = kindOfSummary(documentReference);
  // Only a summary that names no document of its own is taken by its admission (see sameAdmission).
  const unlinked = !documentReference.relatesTo?.length && !documentReference.context?.related?.length && !enteredInError && kind !== 'other';
  const sameAdmissionKeys = unlinked
    ? [...new Set((documentReference.context?.encounter ?? []).map((e) => typedKey(e, 'Encounter')).filter((k): k is string => !!k))]
    : [];
  return {
    documentReference,
    order,
    reference: referenceTo(documentReference),
    kind,
    enteredInError,
    compositionIds: [
      ...links.map(linkedCompositionId),
      ...(documentReference.content ?? []).map((c) => urlCompositionId(c.attachment?.url)),
    ].filter((id): id is string => !!id),
    identifiers: [documentReference.masterIdentifier, ...(documentReference.identifier ?? []), ...links.map((r) => r?.identifier)].filter(
      (i): i is Identifier => !!i?.value,
    ),
    sameAdmissionKeys,
  };
}

/**
 * Merges discharge documents as they arrive, a page at a time (Load more): `add` each page's
 * Compositions and DocumentReferences and get the list so far, the same list `mergeDischargeDocuments`
 * gives for everything added, without redoing earlier pages: documents are indexed by id, identifier
 * and admission, and a page only revisits the documents it concerns (a later page can hold the
 * Composition an earlier PDF renders, or the amendment that replaces an earlier summary). Rows that
 * did not change keep their item object, so a widget can keep what it rendered for them.
 *
 * The rules, for Compositions and DocumentReferences alike:
 * - A document that arrives twice (same `Type/id`) is listed once.
 * - Entered-in-error documents are left out and counted; so is a DocumentReference that renders an
 *   entered-in-error Composition (it shows the same withdrawn document).
 * - A DocumentReference that renders a Composition is merged into that Composition's row as another
 *   format (attachment): it relates to it (`relatesTo`), lists it in `context.related`, shares its
 *   identifier (masterIdentifier or identifier), or its attachment URL fetches the Composition or its
 *   `$document`. The first such Composition takes it.
 * - Same admission: hospitals often publish the PDF or HTML of a summary with nothing but the same
 *   admission. A DocumentReference that names no document (no relatesTo, no context.related), of the
 *   same kind of summary as a Composition for the same encounter, is that Composition's rendering: it
 *   joins the newest such Composition that has not been replaced. Nothing is hidden: it becomes a file
 *   of that row.
 * - Replaced: a Composition that another replaces (`relatesTo.code = replaces`, as an amended summary
 *   replaces the preliminary one) is still listed, marked `superseded`; so is a DocumentReference
 *   whose status is `superseded`.
 * - Newest first by date (else the end of the stay); undated last.
 */
export class DischargeDocumentMerge {
  private readonly _markReplaced: boolean;
  private readonly _encounters: EncounterIndex = new Map();
  private readonly _compositionKeys = new Set<string>();
  private readonly _documentReferenceKeys = new Set<string>();
  private readonly _compositionsById = new Map<string, CompositionEntry>();
  private readonly _compositionsByIdentifier = new Map<string, CompositionEntry[]>();
  private readonly _rowsByAdmission = new Map<string, CompositionEntry[]>();
  private readonly _rowsByReference = new Map<string, CompositionEntry>();
  private readonly _documentReferencesByCompositionId = new Map<string, DocumentReferenceEntry[]>();
  private readonly _documentReferencesByIdentifier = new Map<string, DocumentReferenceEntry[]>();
  private readonly _documentReferencesByAdmission = new Map<string, DocumentReferenceEntry[]>();
  private readonly _documentReferencesByReference = new Map<string, DocumentReferenceEntry>();
  private readonly _replaced = new Set<string>();
  private _compositionCount = 0;
  private _documentReferenceCount = 0;
  private _withdrawn = 0;
  private _excludedDocumentReferences = 0;
  private _sorted: ListedRow[] = [];
  private _list: ClinicalDocumentList = { items: [], excludedEnteredInError: 0 };

  constructor(options: DischargeDocumentMergeOptions = {}) {
    this._markReplaced = options.markReplaced ?? true;
  }

  /** The list of everything added so far (the same object until the next `add`). */
  get list(): ClinicalDocumentList {
    return this._list;
  }

  /**
   * Adds a page. `opts.encounters` join those of earlier pages; `opts.resolve` describes the rows
   * this page creates (rows already made keep what they resolved).
   */
  add(compositions: Composition[], documentReferences: DocumentReference[], opts: MergeDocumentsOptions = {}): ClinicalDocumentList {
    for (const encounter of opts.encounters ?? []) {
      if (encounter.resourceType === 'Encounter' && encounter.id && !this._encounters.has(encounter.id)) this._encounters.set(encounter.id, encounter);
    }
    const context: ItemContext = { resolve: opts.resolve, encounters: this._encounters, parties: new Map() };
    const added: ListedRow[] = [];
    const changedRows = new Set<CompositionEntry>();
    const changedDocuments = new Set<DocumentReferenceEntry>();
    /** DocumentReferences whose place may have changed: the new ones, and those a new Composition concerns. */
    const toPlace = new Set<DocumentReferenceEntry>();
    const revisit = (entries: DocumentReferenceEntry[] | undefined) => entries?.forEach((entry) => toPlace.add(entry));

    for (const composition of compositions) {
      // What a Composition replaces counts even when it came twice (a repeat may carry the relation).
      this._noteReplaced(composition, changedRows, changedDocuments, revisit);
      const reference = referenceTo(composition);
      if (reference) {
        if (this._compositionKeys.has(reference)) continue;
        this._compositionKeys.add(reference);
      }
      const withdrawn = isEnteredInError(composition);
      const entry: CompositionEntry = {
        composition,
        order: this._compositionCount++,
        withdrawn,
        reference,
        kind: kindOfSummary(composition),
        encounterKey: reference ? typedKey(composition.encounter, 'Encounter') : undefined,
        date: dateKey(composition.date),
        renderings: [],
      };
      if (withdrawn) {
        this._withdrawn++;
      } else {
        entry.base = compositionItem(composition, context, entry.kind);
        entry.listed = { item: entry.base, date: dateKey(entry.base.date ?? entry.base.periodEnd), group: 0, order: entry.order, removed: false };
        added.push(entry.listed);
        changedRows.add(entry);
        if (reference) this._rowsByReference.set(reference, entry);
        if (entry.encounterKey) {
          push(this._rowsByAdmission, entry.encounterKey, entry);
          revisit(this._documentReferencesByAdmission.get(entry.encounterKey));
        }
      }
      if (composition.id) {
        this._compositionsById.set(composition.id, entry);
        revisit(this._documentReferencesByCompositionId.get(composition.id));
      }
      const identifier = composition.identifier?.value;
      if (identifier) {
        push(this._compositionsByIdentifier, identifier, entry);
        revisit(this._documentReferencesByIdentifier.get(identifier));
      }
    }

    for (const documentReference of documentReferences) {
      const reference = referenceTo(documentReference);
      if (reference) {
        if (this._documentReferenceKeys.has(reference)) continue;
        this._documentReferenceKeys.add(reference);
      }
      const entry = documentReferenceEntry(documentReference, this._documentReferenceCount++);
      if (reference) this._documentReferencesByReference.set(reference, entry);
      for (const id of new Set(entry.compositionIds)) push(this._documentReferencesByCompositionId, id, entry);
      for (const value of new Set(entry.identifiers.map((i) => i.value!))) push(this._documentReferencesByIdentifier, value, entry);
      for (const key of entry.sameAdmissionKeys) push(this._documentReferencesByAdmission, key, entry);
      toPlace.add(entry);
    }

    for (const entry of toPlace) {
      const placement = this._place(entry);
      if (placement === entry.placement) continue;
      const previous = entry.placement;
      if (previous === 'excluded') {
        this._excludedDocumentReferences--;
      } else if (previous === 'own') {
        entry.listed!.removed = true;
        entry.listed = undefined;
        changedDocuments.delete(entry);
      } else if (previous) {
        previous.renderings.splice(previous.renderings.indexOf(entry), 1);
        changedRows.add(previous);
      }
      entry.placement = placement;
      if (placement === 'excluded') {
        this._excludedDocumentReferences++;
      } else if (placement === 'own') {
        const item = documentReferenceItem(entry.documentReference, context, entry.kind);
        entry.listed = { item, date: dateKey(item.date ?? item.periodEnd), group: 1, order: entry.order, removed: false };
        added.push(entry.listed);
        changedDocuments.add(entry);
      } else {
        const renderings = placement.renderings;
        let at = renderings.length;
        while (at > 0 && renderings[at - 1].order > entry.order) at--;
        renderings.splice(at, 0, entry);
        changedRows.add(placement);
      }
    }

    for (const row of changedRows) row.listed!.item = this._rowItem(row);
    for (const document of changedDocuments) {
      const listed = document.listed!;
      const superseded = listed.item.superseded || this._isReplaced(document.reference);
      if (superseded !== listed.item.superseded) listed.item = { ...listed.item, superseded };
    }

    added.sort(listOrder);
    const sorted: ListedRow[] = [];
    let i = 0;
    let j = 0;
    const kept = this._sorted;
    while (i < kept.length || j < added.length) {
      if (i < kept.length && kept[i].removed) {
        i++;
      } else if (j < added.length && added[j].removed) {
        j++;
      } else if (j >= added.length || (i < kept.length && listOrder(kept[i], added[j]) <= 0)) {
        sorted.push(kept[i++]);
      } else {
        sorted.push(added[j++]);
      }
    }
    this._sorted = sorted;
    this._list = { items: sorted.map((row) => row.item), excludedEnteredInError: this._withdrawn + this._excludedDocumentReferences };
    return this._list;
  }

  /** Records what `composition` replaces; rows already listed for those become superseded. */
  private _noteReplaced(
    composition: Composition,
    changedRows: Set<CompositionEntry>,
    changedDocuments: Set<DocumentReferenceEntry>,
    revisit: (entries: DocumentReferenceEntry[] | undefined) => void,
  ): void {
    for (const relation of composition.relatesTo ?? []) {
      const target = relation.code === 'replaces' ? typedKey(relation.targetReference, 'Composition') : undefined;
      if (!target || this._replaced.has(target)) continue;
      this._replaced.add(target);
      const row = this._rowsByReference.get(target);
      if (row) {
        changedRows.add(row);
        // A replaced summary no longer takes the documents of its admission.
        if (row.encounterKey) revisit(this._documentReferencesByAdmission.get(row.encounterKey));
      }
      const document = this._documentReferencesByReference.get(target);
      if (document?.placement === 'own') changedDocuments.add(document);
    }
  }

  /** Where a DocumentReference belongs now: a Composition's row, a row of its own, or left out. */
  private _place(entry: DocumentReferenceEntry): CompositionEntry | 'own' | 'excluded' {
    if (entry.enteredInError) return 'excluded';
    let renders: CompositionEntry | undefined;
    let rendersWithdrawn = false;
    const consider = (composition: CompositionEntry) => {
      if (composition.withdrawn) rendersWithdrawn = true;
      else if (!renders || composition.order < renders.order) renders = composition;
    };
    for (const id of entry.compositionIds) {
      const composition = this._compositionsById.get(id);
      if (composition) consider(composition);
    }
    for (const identifier of entry.identifiers) {
      for (const composition of this._compositionsByIdentifier.get(identifier.value!) ?? []) {
        if (identifierMatches(identifier, composition.composition.identifier)) consider(composition);
      }
    }
    if (rendersWithdrawn) return 'excluded';
    if (renders) return renders;
    let sameAdmission: CompositionEntry | undefined;
    for (const key of entry.sameAdmissionKeys) {
      for (const row of this._rowsByAdmission.get(key) ?? []) {
        if (row.kind !== entry.kind || this._replaced.has(row.reference!)) continue;
        if (!sameAdmission || newerFirst(row.date, sameAdmission.date) < 0 || (newerFirst(row.date, sameAdmission.date) === 0 && row.order < sameAdmission.order)) {
          sameAdmission = row;
        }
      }
    }
    return sameAdmission ?? 'own';
  }

  private _isReplaced(reference: string | undefined): boolean {
    return this._markReplaced && !!reference && this._replaced.has(reference);
  }

  private _rowItem(row: CompositionEntry): ClinicalDocumentItem {
    const base = row.base!;
    const item: ClinicalDocumentItem = {
      ...base,
      superseded: this._isReplaced(row.reference),
      attachments: [],
      mergedReferences: [],
      encounterReferences: [...base.encounterReferences],
    };
    for (const rendering of row.renderings) {
      const { documentReference, reference } = rendering;
      rendering.views ??= (documentReference.content ?? []).map((c) =>
        attachmentView(c.attachment, conceptText(c.format ? { coding: [c.format] } : undefined), reference),
      );
      item.attachments.push(...rendering.views);
      if (reference) item.mergedReferences.push(reference);
      for (const encounter of documentReference.context?.encounter ?? []) {
        const ref = referenceString(encounter);
        if (ref && !item.encounterReferences.includes(ref)) item.encounterReferences.push(ref);
      }
    }
    return item;
  }
}

/**
 * One newest-first list of documents from Compositions and DocumentReferences, without duplicates:
 * a DocumentReference that renders a Composition, or a summary's file published for the same
 * admission, becomes an extra format (attachment) of the Composition's row instead of a row of its
 * own; replaced Compositions are marked `superseded`; entered-in-error documents are removed and
 * counted. See `DischargeDocumentMerge` for the rules (and for merging a page at a time).
 */
export function mergeDischargeDocuments(
  compositions: Composition[],
  documentReferences: DocumentReference[],
  opts: MergeDocumentsOptions = {},
): ClinicalDocumentList {
  return new DischargeDocumentMerge(opts).add(compositions, documentReferences, opts);
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
