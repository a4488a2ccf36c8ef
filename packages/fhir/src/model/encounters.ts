import type { CodeableConcept, Composition, DocumentReference, Encounter, Period } from '../fhir-types.js';
import { byNewest, compact, conceptText, conceptTexts, hasCode, SNOMED } from './internal.js';
import { mergeDischargeDocuments, type ClinicalDocumentItem } from './documents.js';
import { describeReference, isEnteredInError, sourceOf, type RecordSource, type ReferencedParty } from './provenance.js';
import { referenceParts, referenceTo, type ResourceLookup } from './references.js';

export type EncounterKind = 'inpatient' | 'emergency' | 'ambulance' | 'outpatient' | 'community' | 'virtual' | 'other';

export interface EncounterLocationView extends ReferencedParty {
  status?: string;
  period?: Period;
}

export interface EncounterItem {
  id?: string;
  reference?: string;
  kind: EncounterKind;
  status: Encounter['status'];
  /** Encounter.class code (v3 ActCode: IMP, EMER, AMB, HH, VR…). */
  classCode?: string;
  /** Type texts ("Emergency room admission"). */
  types: string[];
  serviceType?: string;
  priority?: string;
  /** Reasons: reasonCode texts, then the names of reasonReference conditions/procedures. */
  reasons: string[];
  diagnoses: string[];
  locations: EncounterLocationView[];
  period?: Period;
  start?: string;
  end?: string;
  admitSource?: string;
  dischargeDisposition?: string;
  serviceProvider?: ReferencedParty;
  /** Compositions and DocumentReferences written for this encounter (discharge, ED, ambulance summaries…). */
  linkedSummaries: ClinicalDocumentItem[];
  source: RecordSource;
}

export interface EncounterTimeline {
  /** Newest first. */
  items: EncounterItem[];
  excluded: { enteredInError: number };
}

export interface EncounterTimelineOptions {
  compositions?: Composition[];
  documentReferences?: DocumentReference[];
  resolve?: ResourceLookup;
}

// v3 ActCode encounter classes.
const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC', 'SS']);
const COMMUNITY_CLASSES = new Set(['HH', 'FLD']);
/**
 * SNOMED CT codes seen in encounter types and service types: 310000008 Accident and Emergency
 * service, 50849002 Emergency room admission, 4525004 Emergency department patient visit;
 * 185317003 Telephone encounter, 448337001 Telemedicine consultation with patient.
 */
const EMERGENCY_SNOMED = ['310000008', '50849002', '4525004'];
const VIRTUAL_SNOMED = ['185317003', '448337001'];

const AMBULANCE_WORDS = /\bambulance\b/i;
const EMERGENCY_WORDS = /\b(emergency|a ?& ?e|accident and emergency)\b/i;
const VIRTUAL_WORDS = /\b(telephone|telemedicine|video|virtual|online|remote consultation)\b/i;
const COMMUNITY_WORDS = /\b(home visit|community|district nurs\w*|care home)\b/i;

function words(concepts: Array<CodeableConcept | undefined>): string[] {
  return concepts.flatMap((c) => (c ? [c.text, ...(c.coding ?? []).map((d) => d.display)] : [])).filter((t): t is string => !!t);
}

/**
 * The kind of an encounter, by precedence: ambulance (type, service type or provider named
 * "ambulance" — class AMB means ambulatory, not ambulance); emergency (class EMER, or emergency
 * SNOMED/type text); inpatient (class IMP, ACUTE, NONAC, SS); virtual (class VR, telephone or
 * telemedicine types); community (class HH or FLD, home visit types); outpatient (class AMB); other.
 */
export function encounterKind(encounter: Encounter, resolve?: ResourceLookup): EncounterKind {
  const classCode = encounter.class?.code;
  const concepts = [...(encounter.type ?? []), encounter.serviceType];
  const text = words(concepts);
  const provider = describeReference(encounter.serviceProvider, encounter, resolve)?.name;
  if (text.some((t) => AMBULANCE_WORDS.test(t)) || (classCode !== 'VR' && provider && AMBULANCE_WORDS.test(provider))) return 'ambulance';
  if (classCode === 'EMER' || hasCode(concepts.filter((c): c is CodeableConcept => !!c), EMERGENCY_SNOMED, SNOMED) || text.some((t) => EMERGENCY_WORDS.test(t))) {
    return 'emergency';
  }
  if (classCode && INPATIENT_CLASSES.has(classCode)) return 'inpatient';
  if (classCode === 'VR' || hasCode(concepts.filter((c): c is CodeableConcept => !!c), VIRTUAL_SNOMED, SNOMED) || text.some((t) => VIRTUAL_WORDS.test(t))) {
    return 'virtual';
  }
  if ((classCode && COMMUNITY_CLASSES.has(classCode)) || text.some((t) => COMMUNITY_WORDS.test(t))) return 'community';
  if (classCode === 'AMB') return 'outpatient';
  return 'other';
}

/**
 * A newest-first timeline of encounters: kind, reasons, locations, period, discharge disposition,
 * service provider and status, each with the summaries (Compositions by `encounter`, DocumentReferences
 * by `context.encounter`) written for it. Entered-in-error encounters are removed and counted.
 */
export function encounterTimeline(encounters: Encounter[], opts: EncounterTimelineOptions = {}): EncounterTimeline {
  // Each linked summary keeps its own status ("preliminary"), even when an amendment replaces it.
  const documents = mergeDischargeDocuments(opts.compositions ?? [], opts.documentReferences ?? [], { resolve: opts.resolve, encounters, markReplaced: false }).items;
  const documentsByEncounter = summariesByEncounterId(documents);
  let enteredInError = 0;
  const items: EncounterItem[] = [];
  const seen = new Set<string>();
  for (const encounter of encounters) {
    const key = referenceTo(encounter);
    if (key) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (isEnteredInError(encounter)) {
      enteredInError++;
      continue;
    }
    const linkedSummaries = (encounter.id && documentsByEncounter.get(encounter.id)) || [];
    items.push(
      compact({
        id: encounter.id,
        reference: key,
        kind: encounterKind(encounter, opts.resolve),
        status: encounter.status,
        classCode: encounter.class?.code,
        types: conceptTexts(encounter.type),
        serviceType: conceptText(encounter.serviceType),
        priority: conceptText(encounter.priority),
        reasons: [
          ...conceptTexts(encounter.reasonCode),
          ...(encounter.reasonReference ?? []).map((r) => nameOfClinicalReference(r, encounter, opts.resolve)).filter((n): n is string => !!n),
        ],
        diagnoses: (encounter.diagnosis ?? []).map((d) => nameOfClinicalReference(d.condition, encounter, opts.resolve)).filter((n): n is string => !!n),
        locations: (encounter.location ?? []).map((l) =>
          compact({ ...(describeReference(l.location, encounter, opts.resolve) ?? {}), status: l.status, period: l.period }),
        ),
        period: encounter.period,
        start: encounter.period?.start,
        end: encounter.period?.end,
        admitSource: conceptText(encounter.hospitalization?.admitSource),
        dischargeDisposition: conceptText(encounter.hospitalization?.dischargeDisposition),
        serviceProvider: describeReference(encounter.serviceProvider, encounter, opts.resolve),
        linkedSummaries,
        source: sourceOf(encounter, opts.resolve),
      }),
    );
  }
  items.sort(byNewest((i) => i.start ?? i.end));
  return { items, excluded: { enteredInError } };
}

/**
 * The summaries naming each encounter id (by `Encounter/id`, an absolute URL ending so, `urn:uuid:id`
 * or a bare id), in the documents' order: one pass over the documents rather than one per encounter.
 */
function summariesByEncounterId(documents: ClinicalDocumentItem[]): Map<string, ClinicalDocumentItem[]> {
  const byId = new Map<string, ClinicalDocumentItem[]>();
  for (const document of documents) {
    for (const reference of document.encounterReferences) {
      const { type, id } = referenceParts(reference);
      if (!id || (type !== undefined && type !== 'Encounter')) continue;
      const linked = byId.get(id);
      if (!linked) byId.set(id, [document]);
      else if (linked[linked.length - 1] !== document) linked.push(document);
    }
  }
  return byId;
}

function nameOfClinicalReference(reference: Parameters<typeof describeReference>[0], from: Encounter, resolve?: ResourceLookup): string | undefined {
  const target = reference && resolve ? resolve(reference, from) : undefined;
  if (target && 'code' in target) {
    const text = conceptText(target.code as CodeableConcept | undefined);
    if (text) return text;
  }
  return reference?.display;
}
