// Small builders that keep the residents' data readable. Every code is written with its display, so
// the data reads like the record a care-home nurse would see.
import type {
  AllergyIntolerance,
  Attachment,
  Bundle,
  CarePlan,
  CarePlanActivity,
  CodeableConcept,
  Coding,
  Composition,
  CompositionSection,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Extension,
  FhirResource,
  Goal,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Reference,
} from '@care-record/fhir';

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_CODE = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const EPS_STATUS_EXTENSION = 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus';
export const CARE_SETTING_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType';
export const RECORD_HEADINGS = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-RecordStandardHeadings';

/** Base of the fullUrls in the residents' bundles (a reserved .example domain). */
export const RESIDENTS_SOURCE = 'https://fhir.care-record.example/R4';

export const sct = (code: string, display: string, text?: string): CodeableConcept => ({
  coding: [{ system: SNOMED, code, display }],
  ...(text ? { text } : {}),
});

export const coding = (system: string, code: string, display?: string): Coding => ({ system, code, ...(display ? { display } : {}) });

export const concept = (system: string, code: string, display?: string): CodeableConcept => ({ coding: [coding(system, code, display)] });

export const ref = (resource: { resourceType: string; id?: string }, display?: string): Reference => ({
  reference: `${resource.resourceType}/${resource.id}`,
  ...(display ? { display } : {}),
});

export const restricted = { security: [coding(CONFIDENTIALITY, 'R', 'restricted')] };

/** A collection Bundle of a resident's record. */
export function collection(id: string, resources: FhirResource[]): Bundle {
  return {
    resourceType: 'Bundle',
    id,
    type: 'collection',
    timestamp: '2026-11-24T08:00:00+00:00',
    entry: resources.map((resource) => ({ fullUrl: `${RESIDENTS_SOURCE}/${resource.resourceType}/${resource.id}`, resource })),
  };
}

/** XHTML narrative, as FHIR requires it (a div in the XHTML namespace). */
export const xhtml = (body: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${body}</div>`;

// ---------------------------------------------------------------------------------------------- allergies

const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const ALLERGY_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

export interface AllergyInput {
  id: string;
  patient: Reference;
  code: CodeableConcept;
  verification: 'confirmed' | 'unconfirmed' | 'refuted' | 'entered-in-error';
  clinical?: 'active' | 'inactive' | 'resolved';
  category?: AllergyIntolerance['category'];
  criticality?: AllergyIntolerance['criticality'];
  type?: AllergyIntolerance['type'];
  recordedDate: string;
  onset?: string;
  recorder?: Reference;
  reactions?: Array<{ manifestation: CodeableConcept; severity?: 'mild' | 'moderate' | 'severe'; description?: string }>;
  note?: string;
  meta?: AllergyIntolerance['meta'];
}

export function allergy(input: AllergyInput): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance'], ...input.meta },
    // FHIR: no clinical status on an entered-in-error record (ait-2).
    ...(input.verification === 'entered-in-error'
      ? {}
      : { clinicalStatus: concept(ALLERGY_CLINICAL, input.clinical ?? 'active', capitalise(input.clinical ?? 'active')) }),
    verificationStatus: concept(ALLERGY_VERIFICATION, input.verification, capitalise(input.verification.replace(/-/g, ' '))),
    ...(input.type ? { type: input.type } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(input.criticality ? { criticality: input.criticality } : {}),
    code: input.code,
    patient: input.patient,
    ...(input.onset ? { onsetDateTime: input.onset } : {}),
    recordedDate: input.recordedDate,
    ...(input.recorder ? { recorder: input.recorder } : {}),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
    ...(input.reactions
      ? {
          reaction: input.reactions.map((reaction) => ({
            manifestation: [reaction.manifestation],
            ...(reaction.severity ? { severity: reaction.severity } : {}),
            ...(reaction.description ? { description: reaction.description } : {}),
          })),
        }
      : {}),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------- conditions

export interface ConditionInput {
  id: string;
  patient: Reference;
  code: CodeableConcept;
  clinical: 'active' | 'inactive' | 'resolved' | 'remission' | 'recurrence' | 'relapse';
  verification?: 'confirmed' | 'provisional' | 'differential' | 'refuted' | 'entered-in-error';
  category?: 'problem-list-item' | 'encounter-diagnosis';
  severity?: CodeableConcept;
  onset?: string;
  abatement?: string;
  recordedDate: string;
  recorder?: Reference;
  asserter?: Reference;
  encounter?: Reference;
  note?: string;
  meta?: Condition['meta'];
}

export function condition(input: ConditionInput): Condition {
  return {
    resourceType: 'Condition',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition'], ...input.meta },
    clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', input.clinical, capitalise(input.clinical)),
    verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', input.verification ?? 'confirmed', capitalise(input.verification ?? 'confirmed')),
    category: [
      concept(
        'http://terminology.hl7.org/CodeSystem/condition-category',
        input.category ?? 'problem-list-item',
        input.category === 'encounter-diagnosis' ? 'Encounter Diagnosis' : 'Problem List Item',
      ),
    ],
    ...(input.severity ? { severity: input.severity } : {}),
    code: input.code,
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    ...(input.onset ? { onsetDateTime: input.onset } : {}),
    ...(input.abatement ? { abatementDateTime: input.abatement } : {}),
    recordedDate: input.recordedDate,
    ...(input.recorder ? { recorder: input.recorder } : {}),
    ...(input.asserter ? { asserter: input.asserter } : {}),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------- medicines

export const EPS_STATUS = {
  '0001': 'To be Dispensed',
  '0002': 'With Dispenser',
  '0003': 'With Dispenser - Active',
  '0004': 'Expired',
  '0005': 'Cancelled',
  '0006': 'Dispensed',
  '0007': 'Not Dispensed',
} as const;

export type EpsStatusCode = keyof typeof EPS_STATUS;

export function epsStatus(code: EpsStatusCode): Extension {
  return { url: EPS_STATUS_EXTENSION, valueCoding: coding('https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code, EPS_STATUS[code]) };
}

const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';

export interface PrescriptionInput {
  id: string;
  patient: Reference;
  medication: CodeableConcept | Reference;
  status: MedicationRequest['status'];
  intent: 'plan' | 'order';
  authoredOn: string;
  requester: Reference;
  dosage: string;
  course: 'acute' | 'continuous' | 'continuous-repeat-dispensing';
  /** The authorisation an issue is based on. */
  basedOn?: Reference;
  eps?: EpsStatusCode;
  quantity?: { value: number; unit: string };
  days?: number;
  repeats?: { allowed?: number; issued: number; expires?: string };
  statusReason?: string;
  note?: string;
  category?: 'community' | 'inpatient' | 'discharge';
  encounter?: Reference;
  prescriptionNumber?: string;
  meta?: MedicationRequest['meta'];
}

export function prescription(input: PrescriptionInput): MedicationRequest {
  const extension: Extension[] = [];
  if (input.eps) extension.push(epsStatus(input.eps));
  if (input.repeats) {
    extension.push({
      url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
      extension: [
        ...(input.repeats.allowed !== undefined ? [{ url: 'numberOfRepeatPrescriptionsAllowed', valueUnsignedInt: input.repeats.allowed }] : []),
        { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: input.repeats.issued },
        ...(input.repeats.expires ? [{ url: 'authorisationExpiryDate', valueDateTime: input.repeats.expires }] : []),
      ],
    });
  }
  const course =
    input.course === 'continuous-repeat-dispensing'
      ? concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationRequestCourseOfTherapy', 'continuous-repeat-dispensing', 'Continuous long term (repeat dispensing)')
      : concept(COURSE, input.course, input.course === 'acute' ? 'Short course (acute) therapy' : 'Continuous long term therapy');
  const category = input.category ?? 'community';
  return {
    resourceType: 'MedicationRequest',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationRequest'], ...input.meta },
    ...(extension.length ? { extension } : {}),
    ...(input.prescriptionNumber ? { groupIdentifier: { system: 'https://fhir.nhs.uk/Id/prescription-order-number', value: input.prescriptionNumber } } : {}),
    status: input.status,
    ...(input.statusReason ? { statusReason: { text: input.statusReason } } : {}),
    intent: input.intent,
    category: [concept('http://terminology.hl7.org/CodeSystem/medicationrequest-category', category, capitalise(category))],
    ...('reference' in input.medication ? { medicationReference: input.medication } : { medicationCodeableConcept: input.medication }),
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    authoredOn: input.authoredOn,
    requester: input.requester,
    ...(input.basedOn ? { basedOn: [input.basedOn] } : {}),
    courseOfTherapyType: course,
    ...(input.note ? { note: [{ text: input.note }] } : {}),
    dosageInstruction: [{ text: input.dosage }],
    ...(input.quantity || input.days
      ? {
          dispenseRequest: {
            ...(input.quantity ? { quantity: { value: input.quantity.value, unit: input.quantity.unit } } : {}),
            ...(input.days ? { expectedSupplyDuration: { value: input.days, unit: 'day', system: UCUM, code: 'd' } } : {}),
            ...(input.repeats?.allowed !== undefined ? { numberOfRepeatsAllowed: input.repeats.allowed } : {}),
          },
        }
      : {}),
  };
}

export interface DispenseInput {
  id: string;
  patient: Reference;
  prescription: MedicationRequest;
  status: MedicationDispense['status'];
  pharmacy: Reference;
  whenHandedOver?: string;
  whenPrepared?: string;
  quantity: { value: number; unit: string };
  eps?: EpsStatusCode;
}

export function dispense(input: DispenseInput): MedicationDispense {
  const medication = input.prescription.medicationReference
    ? { medicationReference: input.prescription.medicationReference }
    : { medicationCodeableConcept: input.prescription.medicationCodeableConcept! };
  return {
    resourceType: 'MedicationDispense',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationDispense'] },
    ...(input.eps ? { extension: [epsStatus(input.eps)] } : {}),
    status: input.status,
    ...medication,
    subject: input.patient,
    performer: [{ actor: input.pharmacy }],
    authorizingPrescription: [ref(input.prescription)],
    quantity: { value: input.quantity.value, unit: input.quantity.unit },
    ...(input.whenPrepared ? { whenPrepared: input.whenPrepared } : {}),
    ...(input.whenHandedOver ? { whenHandedOver: input.whenHandedOver } : {}),
    dosageInstruction: input.prescription.dosageInstruction,
  };
}

// ---------------------------------------------------------------------------------------------- results

export interface LabTest {
  snomed?: [string, string];
  loinc?: [string, string];
  text: string;
  unit: string;
  ucum: string;
  low?: number;
  high?: number;
}

/** Common UK laboratory tests (SNOMED UK Pathology Bounded Code List codes, with LOINC). */
export const TESTS = {
  potassium: { snomed: ['1000651000000109', 'Serum potassium level'], loinc: ['2823-3', 'Potassium [Moles/volume] in Serum or Plasma'], text: 'Potassium', unit: 'mmol/L', ucum: 'mmol/L', low: 3.5, high: 5.3 },
  sodium: { snomed: ['1000661000000107', 'Serum sodium level'], loinc: ['2951-2', 'Sodium [Moles/volume] in Serum or Plasma'], text: 'Sodium', unit: 'mmol/L', ucum: 'mmol/L', low: 133, high: 146 },
  creatinine: { snomed: ['1000731000000107', 'Serum creatinine level'], loinc: ['14682-9', 'Creatinine [Moles/volume] in Serum or Plasma'], text: 'Creatinine', unit: 'umol/L', ucum: 'umol/L', low: 45, high: 90 },
  egfr: {
    snomed: ['1011481000000105', 'eGFR (estimated glomerular filtration rate) using creatinine Chronic Kidney Disease Epidemiology Collaboration equation per 1.73 square metres'],
    loinc: ['62238-1', 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)'],
    text: 'eGFR',
    unit: 'mL/min/1.73m2',
    ucum: 'mL/min/{1.73_m2}',
    low: 60,
  },
  hba1c: {
    snomed: ['999791000000106', 'Haemoglobin A1c level - International Federation of Clinical Chemistry and Laboratory Medicine standardised'],
    loinc: ['59261-8', 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol'],
    text: 'HbA1c',
    unit: 'mmol/mol',
    ucum: 'mmol/mol',
    low: 20,
    high: 41,
  },
  haemoglobin: { snomed: ['1022431000000105', 'Haemoglobin estimation'], loinc: ['718-7', 'Hemoglobin [Mass/volume] in Blood'], text: 'Haemoglobin', unit: 'g/L', ucum: 'g/L', low: 115, high: 165 },
  whiteCells: { snomed: ['1022541000000102', 'Total white blood count'], loinc: ['6690-2', 'Leukocytes [#/volume] in Blood by Automated count'], text: 'White cell count', unit: '10*9/L', ucum: '10*9/L', low: 4, high: 11 },
  platelets: { snomed: ['1022651000000100', 'Platelet count - observation'], loinc: ['777-3', 'Platelets [#/volume] in Blood by Automated count'], text: 'Platelets', unit: '10*9/L', ucum: '10*9/L', low: 150, high: 400 },
  crp: { snomed: ['135842001', 'Serum C reactive protein level'], loinc: ['1988-5', 'C reactive protein [Mass/volume] in Serum or Plasma'], text: 'CRP', unit: 'mg/L', ucum: 'mg/L', high: 5 },
  glucose: { loinc: ['15074-8', 'Glucose [Moles/volume] in Blood'], text: 'Blood glucose', unit: 'mmol/L', ucum: 'mmol/L', low: 4, high: 7.8 },
} satisfies Record<string, LabTest>;

export type Flag = 'H' | 'L' | 'HH' | 'LL' | 'N' | 'A';

const FLAG_DISPLAY: Record<Flag, string> = { H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low', N: 'Normal', A: 'Abnormal' };

export interface ResultInput {
  id: string;
  patient: Reference;
  test: LabTest;
  value: number;
  effective: string;
  issued: string;
  flag?: Flag;
  performer?: Reference;
  status?: Observation['status'];
  note?: string;
  meta?: Observation['meta'];
}

export function labResult(input: ResultInput): Observation {
  const { test } = input;
  const codings: Coding[] = [];
  if (test.snomed) codings.push(coding(SNOMED, test.snomed[0], test.snomed[1]));
  if (test.loinc) codings.push(coding(LOINC, test.loinc[0], test.loinc[1]));
  return {
    resourceType: 'Observation',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-Lab'], ...input.meta },
    status: input.status ?? 'final',
    category: [concept('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory', 'Laboratory')],
    code: { coding: codings, text: test.text },
    subject: input.patient,
    effectiveDateTime: input.effective,
    issued: input.issued,
    ...(input.performer ? { performer: [input.performer] } : {}),
    valueQuantity: { value: input.value, unit: test.unit, system: UCUM, code: test.ucum },
    ...(input.flag ? { interpretation: [concept(INTERPRETATION, input.flag, FLAG_DISPLAY[input.flag])] } : {}),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
    ...(test.low !== undefined || test.high !== undefined
      ? {
          referenceRange: [
            {
              ...(test.low !== undefined ? { low: { value: test.low, unit: test.unit, system: UCUM, code: test.ucum } } : {}),
              ...(test.high !== undefined ? { high: { value: test.high, unit: test.unit, system: UCUM, code: test.ucum } } : {}),
            },
          ],
        }
      : {}),
  };
}

export interface ReportInput {
  id: string;
  patient: Reference;
  code: CodeableConcept;
  category: 'LAB' | 'RAD';
  effective: string;
  issued: string;
  performer: Reference;
  results?: Observation[];
  status?: DiagnosticReport['status'];
  conclusion?: string;
  conclusionCode?: CodeableConcept[];
  presentedForm?: Attachment[];
  encounter?: Reference;
  meta?: DiagnosticReport['meta'];
}

export function report(input: ReportInput): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-DiagnosticReport'], ...input.meta },
    status: input.status ?? 'final',
    category: [concept(V2_0074, input.category, input.category === 'LAB' ? 'Laboratory' : 'Radiology')],
    code: input.code,
    subject: input.patient,
    ...(input.encounter ? { encounter: input.encounter } : {}),
    effectiveDateTime: input.effective,
    issued: input.issued,
    performer: [input.performer],
    ...(input.results ? { result: input.results.map((result) => ref(result, result.code.text)) } : {}),
    ...(input.conclusion ? { conclusion: input.conclusion } : {}),
    ...(input.conclusionCode ? { conclusionCode: input.conclusionCode } : {}),
    ...(input.presentedForm ? { presentedForm: input.presentedForm } : {}),
  };
}

// ---------------------------------------------------------------------------------------------- encounters

export const ENCOUNTER_CLASS = {
  emergency: coding(ACT_CODE, 'EMER', 'emergency'),
  inpatient: coding(ACT_CODE, 'IMP', 'inpatient encounter'),
  ambulatory: coding(ACT_CODE, 'AMB', 'ambulatory'),
  homeHealth: coding(ACT_CODE, 'HH', 'home health'),
  field: coding(ACT_CODE, 'FLD', 'field'),
};

export interface EncounterInput {
  id: string;
  patient: Reference;
  class: Coding;
  type: CodeableConcept;
  serviceType?: CodeableConcept;
  start: string;
  end?: string;
  provider: Reference;
  participant?: Reference;
  reason?: CodeableConcept;
  location?: string;
  admissionMethod?: [string, string];
  dischargeDestination?: [string, string, string?];
  status?: Encounter['status'];
  partOf?: Reference;
  meta?: Encounter['meta'];
}

export function encounter(input: EncounterInput): Encounter {
  const hospitalization: NonNullable<Encounter['hospitalization']> = {};
  if (input.admissionMethod) {
    hospitalization.extension = [
      {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod',
        valueCodeableConcept: concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland', ...input.admissionMethod),
      },
    ];
  }
  if (input.dischargeDestination) {
    const [code, display, text] = input.dischargeDestination;
    hospitalization.dischargeDisposition = { ...concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland', code, display), ...(text ? { text } : {}) };
  }
  return {
    resourceType: 'Encounter',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter'], ...input.meta },
    status: input.status ?? (input.end ? 'finished' : 'in-progress'),
    class: input.class,
    type: [input.type],
    ...(input.serviceType ? { serviceType: input.serviceType } : {}),
    subject: input.patient,
    ...(input.participant ? { participant: [{ individual: input.participant }] } : {}),
    period: { start: input.start, ...(input.end ? { end: input.end } : {}) },
    ...(input.reason ? { reasonCode: [input.reason] } : {}),
    ...(Object.keys(hospitalization).length ? { hospitalization } : {}),
    ...(input.location ? { location: [{ location: { display: input.location } }] } : {}),
    serviceProvider: input.provider,
    ...(input.partOf ? { partOf: input.partOf } : {}),
  };
}

// ---------------------------------------------------------------------------------------------- documents

export interface SectionInput {
  title: string;
  code?: string;
  html: string;
  entries?: Array<{ resourceType: string; id?: string }>;
  emptyReason?: string;
}

export function section(input: SectionInput): CompositionSection {
  return {
    title: input.title,
    ...(input.code ? { code: concept(RECORD_HEADINGS, input.code, input.title) } : {}),
    text: { status: 'additional', div: xhtml(input.html) },
    ...(input.entries?.length ? { entry: input.entries.map((entry) => ref(entry)) } : {}),
    ...(input.emptyReason ? { emptyReason: concept('http://terminology.hl7.org/CodeSystem/list-empty-reason', input.emptyReason) } : {}),
  };
}

export interface SummaryInput {
  id: string;
  patient: Reference;
  encounter: Reference;
  date: string;
  title: string;
  author: Reference;
  custodian: Reference;
  status: Composition['status'];
  sections: CompositionSection[];
  careSetting?: [string, string];
  replaces?: Composition;
  attester?: Reference;
  meta?: Composition['meta'];
}

/** A discharge (or emergency-department) summary: SNOMED 373942005, UK Core record headings. */
export function dischargeSummary(input: SummaryInput): Composition {
  return {
    resourceType: 'Composition',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Composition'], ...input.meta },
    ...(input.careSetting ? { extension: [{ url: CARE_SETTING_EXTENSION, valueCodeableConcept: sct(...input.careSetting) }] } : {}),
    identifier: { system: 'https://tools.ietf.org/html/rfc4122', value: uuidFor(input.id) },
    status: input.status,
    type: sct('373942005', 'Discharge summary'),
    subject: input.patient,
    encounter: input.encounter,
    date: input.date,
    author: [input.author],
    title: input.title,
    ...(input.attester ? { attester: [{ mode: 'legal', time: input.date, party: input.attester }] } : {}),
    custodian: input.custodian,
    ...(input.replaces ? { relatesTo: [{ code: 'replaces', targetReference: ref(input.replaces) }] } : {}),
    section: input.sections,
  };
}

/** A stable UUID-shaped identifier derived from a readable id (FNV-1a), so the data is deterministic. */
export function uuidFor(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (const ch of `${round}:${seed}`) {
      hash ^= ch.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, '0');
  }
  const h = hex.slice(0, 32).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export interface DocumentInput {
  id: string;
  patient: Reference;
  type: CodeableConcept;
  date: string;
  description: string;
  author: Reference;
  custodian: Reference;
  attachment: Attachment;
  encounter?: Reference;
  period?: { start: string; end?: string };
  setting?: CodeableConcept;
  status?: DocumentReference['status'];
  docStatus?: DocumentReference['docStatus'];
  relatesTo?: DocumentReference['relatesTo'];
  meta?: DocumentReference['meta'];
}

export function documentReference(input: DocumentInput): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-DocumentReference'], ...input.meta },
    masterIdentifier: { system: 'https://tools.ietf.org/html/rfc4122', value: uuidFor(input.id) },
    status: input.status ?? 'current',
    ...(input.docStatus ? { docStatus: input.docStatus } : {}),
    type: input.type,
    category: [sct('823651000000106', 'Clinical note')],
    subject: input.patient,
    date: input.date,
    author: [input.author],
    custodian: input.custodian,
    ...(input.relatesTo ? { relatesTo: input.relatesTo } : {}),
    description: input.description,
    content: [{ attachment: input.attachment }],
    context: {
      ...(input.encounter ? { encounter: [input.encounter] } : {}),
      ...(input.period ? { period: input.period } : {}),
      ...(input.setting ? { practiceSetting: input.setting } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------- care plans

export interface GoalInput {
  id: string;
  patient: Reference;
  description: string;
  lifecycle?: Goal['lifecycleStatus'];
  achievement?: string;
  start: string;
  due?: string;
  addresses?: Reference[];
  note?: string;
}

export function goal(input: GoalInput): Goal {
  return {
    resourceType: 'Goal',
    id: input.id,
    lifecycleStatus: input.lifecycle ?? 'active',
    ...(input.achievement
      ? { achievementStatus: concept('http://terminology.hl7.org/CodeSystem/goal-achievement', input.achievement, capitalise(input.achievement.replace(/-/g, ' '))) }
      : {}),
    description: { text: input.description },
    subject: input.patient,
    startDate: input.start,
    ...(input.due ? { target: [{ dueDate: input.due }] } : {}),
    ...(input.addresses ? { addresses: input.addresses } : {}),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
  };
}

export interface CarePlanInput {
  id: string;
  patient: Reference;
  title: string;
  description: string;
  status: CarePlan['status'];
  start: string;
  end?: string;
  author: Reference;
  contributors?: Reference[];
  addresses?: Reference[];
  goals?: Goal[];
  activities: Array<{ description: string; status: NonNullable<CarePlanActivity['detail']>['status']; code?: CodeableConcept; progress?: string; performer?: Reference }>;
  category?: CodeableConcept;
  created?: string;
  note?: string;
  meta?: CarePlan['meta'];
}

export function carePlan(input: CarePlanInput): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan'], ...input.meta },
    status: input.status,
    intent: 'plan',
    category: [input.category ?? sct('734163000', 'Care plan')],
    title: input.title,
    description: input.description,
    subject: input.patient,
    period: { start: input.start, ...(input.end ? { end: input.end } : {}) },
    created: input.created ?? input.start,
    author: input.author,
    ...(input.contributors ? { contributor: input.contributors } : {}),
    ...(input.addresses ? { addresses: input.addresses } : {}),
    ...(input.goals ? { goal: input.goals.map((g) => ref(g, g.description.text)) } : {}),
    activity: input.activities.map((activity) => ({
      ...(activity.progress ? { progress: [{ text: activity.progress }] } : {}),
      detail: {
        status: activity.status,
        ...(activity.code ? { code: activity.code } : {}),
        description: activity.description,
        ...(activity.performer ? { performer: [activity.performer] } : {}),
      },
    })),
    ...(input.note ? { note: [{ text: input.note }] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------- patients

export interface PatientInput {
  id: string;
  nhsNumber: string;
  family: string;
  given: string[];
  prefix: string;
  gender: Patient['gender'];
  birthDate: string;
  address: { line: string[]; city: string; postalCode: string; district?: string };
  phone?: string;
  gp: Organization;
  usualGp?: Practitioner;
  deceased?: string;
  contact?: { relationship: string; family: string; given: string; phone: string };
  meta?: Patient['meta'];
}

export function patient(input: PatientInput): Patient {
  return {
    resourceType: 'Patient',
    id: input.id,
    meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient'], ...input.meta },
    identifier: [
      {
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: concept('https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', '01', 'Number present and verified'),
          },
        ],
        system: NHS_NUMBER,
        value: input.nhsNumber,
      },
    ],
    active: true,
    name: [{ use: 'official', family: input.family, given: input.given, prefix: [input.prefix] }],
    ...(input.phone ? { telecom: [{ system: 'phone', value: input.phone, use: 'home' }] } : {}),
    gender: input.gender,
    birthDate: input.birthDate,
    ...(input.deceased ? { deceasedDateTime: input.deceased } : {}),
    address: [{ use: 'home', type: 'physical', ...input.address, country: 'England' }],
    ...(input.contact
      ? {
          contact: [
            {
              relationship: [{ text: input.contact.relationship }],
              name: { family: input.contact.family, given: [input.contact.given] },
              telecom: [{ system: 'phone', value: input.contact.phone, use: 'mobile' }],
            },
          ],
        }
      : {}),
    generalPractitioner: [ref(input.gp, input.gp.name), ...(input.usualGp ? [ref(input.usualGp, input.usualGp.name?.[0]?.text)] : [])],
    managingOrganization: ref(input.gp, input.gp.name),
  };
}

/** A packaged synthetic resident: the Patient id, NHS number, name, what the record shows, and its data. */
export interface Resident {
  /** Patient resource id. */
  id: string;
  /** A valid (Modulus 11) NHS number in the 999 test range. */
  nhsNumber: string;
  /** Name as people say it (`Margaret Whitfield`). */
  name: string;
  /** What this record demonstrates, for people choosing a resident in stories and the sandbox. */
  description: string;
  /** The whole record as a collection Bundle (shared organisations and practitioners included). */
  bundle: Bundle;
}
