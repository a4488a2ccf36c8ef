import { AMBULANCE_SUMMARY_SNOMED, anyOf, DISCHARGE_SUMMARY_CODES, EMERGENCY_DEPARTMENT_SUMMARY_LOINC, LOINC_SYSTEM, SNOMED_SYSTEM, token } from '@care-record/fhir';
import type {
  AllergyIntolerance,
  CarePlan,
  Composition,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  FhirResource,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Observation,
  SearchParamValue,
} from '@care-record/fhir';

/**
 * The searches widgets load the record with, one place for each resource type.
 *
 * The provider's client answers identical URLs once per page (identical searches in flight are
 * shared, answers are cached by URL), so a summary card and a list asking for the same records must
 * ask word for word the same question: same parameters, same order, same page size. The summary
 * therefore asks the lists' searches (at their default page sizes) and works out what it shows from
 * them, instead of asking narrower questions of its own. Each function gives the resource type and
 * the parameters; callers add their own options (a list reads one page and has Load more, the summary
 * may read on: later pages have the same URLs for both).
 *
 * ```ts
 * client.search<AllergyIntolerance>(...allergySearch(patientId), { signal, maxPages: 1 });
 * ```
 */
export type RecordSearch<T extends FhirResource> = readonly [resourceType: T['resourceType'], params: Record<string, SearchParamValue>];

/** Default page sizes (`_count`) of the lists: the summary asks with these, so that both share one request. */
export const PAGE_SIZES = {
  allergies: 100,
  problems: 100,
  carePlans: 20,
  encounters: 50,
  documents: 20,
  discharges: 20,
  labReports: 50,
  labObservations: 200,
  diagnosticReports: 20,
} as const;

/** `AllergyIntolerance?patient={id}&_count={n}`: every allergy record (the list and the summary's card). */
export function allergySearch(patientId: string, count: number = PAGE_SIZES.allergies): RecordSearch<AllergyIntolerance> {
  return ['AllergyIntolerance', { patient: patientId, _count: count }];
}

/**
 * `Condition?patient={id}&_count={n}`: every category (GP problem lists, encounter diagnoses, and
 * senders such as Synthea that give none), for the problem list and the summary's card.
 */
export function conditionSearch(patientId: string, count: number = PAGE_SIZES.problems): RecordSearch<Condition> {
  return ['Condition', { patient: patientId, _count: count }];
}

/**
 * `CarePlan?patient={id}&_sort=-date&_include=CarePlan:goal&_include=CarePlan:condition&_count={n}`:
 * plans of every status, newest first (the summary keeps the active ones).
 */
export function carePlanSearch(patientId: string, count: number = PAGE_SIZES.carePlans): RecordSearch<CarePlan> {
  return ['CarePlan', { patient: patientId, _sort: '-date', _include: ['CarePlan:goal', 'CarePlan:condition'], _count: count }];
}

/**
 * `Encounter?patient={id}&_sort=-date&_include=Encounter:service-provider&_include=Encounter:location&_count={n}`:
 * every kind, newest first (the summary keeps the emergency and ambulance attendances of the last 12 months).
 */
export function encounterSearch(patientId: string, count: number = PAGE_SIZES.encounters): RecordSearch<Encounter> {
  return ['Encounter', { patient: patientId, _sort: '-date', _include: ['Encounter:service-provider', 'Encounter:location'], _count: count }];
}

/**
 * `DocumentReference?patient={id}&_sort=-date&_include=DocumentReference:author&_include=DocumentReference:custodian&_count={n}`:
 * every document, newest first (the document list; the encounter list links them to visits).
 */
export function documentReferenceSearch(patientId: string, count: number = PAGE_SIZES.documents): RecordSearch<DocumentReference> {
  return ['DocumentReference', { patient: patientId, _sort: '-date', _include: ['DocumentReference:author', 'DocumentReference:custodian'], _count: count }];
}

/** `Composition?patient={id}`: every Composition, to link them to the visits they were written for. */
export function compositionSearch(patientId: string): RecordSearch<Composition> {
  return ['Composition', { patient: patientId }];
}

/**
 * Every care-transfer summary type the documents model recognises, as one OR list: discharge
 * summaries (which UK emergency care summaries share, told apart by care setting), ambulance patient
 * summaries and emergency department summaries.
 */
export const CARE_TRANSFER_SUMMARY_TYPES = anyOf(
  ...DISCHARGE_SUMMARY_CODES.snomed.map((code) => token(SNOMED_SYSTEM, code)),
  token(SNOMED_SYSTEM, AMBULANCE_SUMMARY_SNOMED),
  ...DISCHARGE_SUMMARY_CODES.loinc.map((code) => token(LOINC_SYSTEM, code)),
  token(LOINC_SYSTEM, EMERGENCY_DEPARTMENT_SUMMARY_LOINC),
);

/**
 * `Composition?patient={id}&type={summary types}&_sort=-date&_count={n}&_include=Composition:author&_include=Composition:encounter`:
 * the discharge list's search (the summary keeps the discharge summaries).
 */
export function summaryCompositionSearch(patientId: string, count: number = PAGE_SIZES.discharges): RecordSearch<Composition> {
  return [
    'Composition',
    { patient: patientId, type: CARE_TRANSFER_SUMMARY_TYPES, _sort: '-date', _count: count, _include: ['Composition:author', 'Composition:encounter'] },
  ];
}

/** As {@link summaryCompositionSearch}, for summaries sent as documents (PDFs), with their custodians. */
export function summaryDocumentReferenceSearch(patientId: string, count: number = PAGE_SIZES.discharges): RecordSearch<DocumentReference> {
  return [
    'DocumentReference',
    {
      patient: patientId,
      type: CARE_TRANSFER_SUMMARY_TYPES,
      _sort: '-date',
      _count: count,
      _include: ['DocumentReference:author', 'DocumentReference:custodian', 'DocumentReference:encounter'],
    },
  ];
}

/** HL7 v2 table 0074 (diagnostic service section): `LAB` is "Laboratory". */
const DIAGNOSTIC_SERVICE_SECTION = 'http://terminology.hl7.org/CodeSystem/v2-0074';

/**
 * `DiagnosticReport?patient={id}&category=…v2-0074|LAB&_include=DiagnosticReport:result&_sort=-date&_count={n}`:
 * laboratory reports with their results, newest first (test results, and the summary's latest results).
 */
export function labReportSearch(patientId: string, count: number = PAGE_SIZES.labReports, categories: readonly string[] = ['LAB']): RecordSearch<DiagnosticReport> {
  return [
    'DiagnosticReport',
    {
      patient: patientId,
      category: anyOf(...categories.map((code) => token(DIAGNOSTIC_SERVICE_SECTION, code))),
      _include: 'DiagnosticReport:result',
      _sort: '-date',
      _count: count,
    },
  ];
}

/** `Observation?patient={id}&category=laboratory&_revinclude=DiagnosticReport:result&_sort=-date&_count={n}`: results, in reports or not. */
export function labObservationSearch(patientId: string, count: number = PAGE_SIZES.labObservations): RecordSearch<Observation> {
  return ['Observation', { patient: patientId, category: 'laboratory', _revinclude: 'DiagnosticReport:result', _sort: '-date', _count: count }];
}

/** `Observation?patient={id}&code={system|code}&_sort=-date&_count={n}`: one test's results, newest first (its history and trend). */
export function observationHistorySearch(patientId: string, system: string, code: string, count = 100): RecordSearch<Observation> {
  return ['Observation', { patient: patientId, code: token(system, code), _sort: '-date', _count: count }];
}

/**
 * `DiagnosticReport?patient={id}[&category=…]&_include=DiagnosticReport:result&_sort=-date&_count={n}`:
 * reports of every kind (or of the categories given); results only when the person may see Observations.
 */
export function diagnosticReportSearch(
  patientId: string,
  options: { category?: SearchParamValue; withResults: boolean; count?: number },
): RecordSearch<DiagnosticReport> {
  return [
    'DiagnosticReport',
    {
      patient: patientId,
      category: options.category,
      _include: options.withResults ? 'DiagnosticReport:result' : undefined,
      _sort: '-date',
      _count: options.count ?? PAGE_SIZES.diagnosticReports,
    },
  ];
}

/**
 * `MedicationRequest?patient={id}&_include=MedicationRequest:medication&_revinclude=MedicationDispense:prescription&_sort=-authoredon[&_count={n}]`:
 * prescriptions with their medicines and, where the person's scopes cover them, their dispenses (which
 * keep prescription statuses when the dispense search fails). No `_count`: the server's page size.
 */
export function medicationRequestSearch(patientId: string, options: { dispenses: boolean; count?: number }): RecordSearch<MedicationRequest> {
  return [
    'MedicationRequest',
    {
      patient: patientId,
      _include: 'MedicationRequest:medication',
      ...(options.dispenses ? { _revinclude: 'MedicationDispense:prescription' } : {}),
      _sort: '-authoredon',
      ...(options.count !== undefined ? { _count: options.count } : {}),
    },
  ];
}

/** `MedicationStatement?patient={id}[&_count={n}]`: medicines recorded elsewhere. */
export function medicationStatementSearch(patientId: string, count?: number): RecordSearch<MedicationStatement> {
  return ['MedicationStatement', { patient: patientId, ...(count !== undefined ? { _count: count } : {}) }];
}

/** `MedicationDispense?patient={id}[&_count={n}]`: what pharmacies supplied. */
export function medicationDispenseSearch(patientId: string, count?: number): RecordSearch<MedicationDispense> {
  return ['MedicationDispense', { patient: patientId, ...(count !== undefined ? { _count: count } : {}) }];
}
