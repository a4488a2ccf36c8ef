// UK and international codes the widgets rely on, in one place. Texts are written for care-home staff.
// Sources: DOMAIN.md; GP Connect Access Record: Structured (lists and warning codes); EPS FHIR API
// (prescription business status); HL7 v3 ObservationInterpretation and ActCode (Encounter.class).

/** SNOMED CT (which also holds the NHS Dictionary of medicines and devices, dm+d). */
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
/** NHS Dictionary of medicines and devices. Some UK Core examples add a trailing slash or path. */
export const DMD_SYSTEM = 'https://dmd.nhs.uk';
/** LOINC (laboratory tests and observations). */
export const LOINC_SYSTEM = 'http://loinc.org';
/** UCUM, the units of `Quantity.code`. */
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
/** Read codes version 2 and CTV3 (Clinical Terms Version 3), still found in GP records. */
export const READ_V2_SYSTEM = 'http://read.info/readv2';
export const CTV3_SYSTEM = 'http://read.info/ctv3';
/** ICD-10 (hospital diagnoses). */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
/** HL7 v3 ObservationInterpretation (`Observation.interpretation`). */
export const OBSERVATION_INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
/** HL7 v3 ActCode, the code system of `Encounter.class`. */
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** EPS prescription business status (`Extension-EPS-TaskBusinessStatus`, `Task.businessStatus`). */
export const EPS_BUSINESS_STATUS_SYSTEM = 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status';
/** Extension on MedicationRequest / MedicationDispense carrying the EPS business status. */
export const EPS_BUSINESS_STATUS_EXTENSION = 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus';

/** Identifier systems of UK people and organisations. */
export const IDENTIFIER_SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisationCode: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsSiteCode: 'https://fhir.nhs.uk/Id/ods-site-code',
  sdsUserId: 'https://fhir.nhs.uk/Id/sds-user-id',
} as const;

/** SNOMED CT concepts the widgets query or test for. */
export const SNOMED_CODES = {
  noKnownAllergy: '716186003',
  noKnownDrugAllergy: '409137002',
  noKnownEnvironmentalAllergy: '428607008',
  noKnownFoodAllergy: '429625007',
  /** Discharge summary: `Composition.type` of hospital discharge summaries. */
  dischargeSummary: '373942005',
  /** Accident and Emergency service: care setting of an emergency-department summary. */
  accidentAndEmergencyService: '310000008',
} as const;

/**
 * "No known allergy" statements (SNOMED CT), a positive statement that differs from "no allergies
 * recorded". Test with `hasCode(allergy.code, SNOMED_SYSTEM, Object.keys(NO_KNOWN_ALLERGY_TEXT))`.
 */
export const NO_KNOWN_ALLERGY_TEXT: Readonly<Record<string, string>> = {
  [SNOMED_CODES.noKnownAllergy]: 'No known allergies',
  [SNOMED_CODES.noKnownDrugAllergy]: 'No known drug allergies',
  [SNOMED_CODES.noKnownEnvironmentalAllergy]: 'No known environmental allergies',
  [SNOMED_CODES.noKnownFoodAllergy]: 'No known food allergies',
};

/** HL7 v3 ObservationInterpretation codes used for results, with their texts. */
export type InterpretationCode = 'H' | 'L' | 'HH' | 'LL' | 'A' | 'AA' | 'N';

/** Words for result interpretation flags, so colour is never the only signal. */
export const INTERPRETATION_TEXT: Readonly<Record<InterpretationCode, string>> = {
  H: 'High',
  L: 'Low',
  HH: 'Critically high',
  LL: 'Critically low',
  A: 'Abnormal',
  AA: 'Critically abnormal',
  N: 'Normal',
};

/**
 * SNOMED CT codes of the primary Lists in a GP Connect Access Record: Structured response
 * (`List.code`).
 */
export const GP_CONNECT_LIST_CODES = {
  allergies: '886921000000105',
  endedAllergies: '1103671000000101',
  medications: '933361000000108',
  problems: '717711000000103',
  consultations: '1149501000000101',
  immunisations: '1102181000000102',
  investigations: '887191000000108',
  referrals: '792931000000107',
  diaryEntries: '714311000000108',
  uncategorised: '826501000000100',
} as const;

/** Headings for GP Connect Lists, by `List.code`. */
export const GP_CONNECT_LIST_TEXT: Readonly<Record<string, string>> = {
  [GP_CONNECT_LIST_CODES.allergies]: 'Allergies and adverse reactions',
  [GP_CONNECT_LIST_CODES.endedAllergies]: 'Ended allergies',
  [GP_CONNECT_LIST_CODES.medications]: 'Medications and medical devices',
  [GP_CONNECT_LIST_CODES.problems]: 'Problems',
  [GP_CONNECT_LIST_CODES.consultations]: 'Consultations',
  [GP_CONNECT_LIST_CODES.immunisations]: 'Immunisations',
  [GP_CONNECT_LIST_CODES.investigations]: 'Investigations and results',
  [GP_CONNECT_LIST_CODES.referrals]: 'Outbound referrals',
  [GP_CONNECT_LIST_CODES.diaryEntries]: 'Diary entries',
  [GP_CONNECT_LIST_CODES.uncategorised]: 'Uncategorised data',
};

/** Code systems of List warning codes: UK Core (R4) and Care Connect (STU3, GP Connect). */
export const LIST_WARNING_CODE_SYSTEMS: readonly string[] = [
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-ListWarningCode',
  'https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-ListWarningCode-1',
];

/** Extensions that carry a List warning code (`List.extension[warningCode]`), UK Core and STU3. */
export const LIST_WARNING_CODE_EXTENSIONS: readonly string[] = [
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode',
  'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-ListWarningCode-1',
];

export type ListWarningCode = 'confidential-items' | 'data-in-transit' | 'data-awaiting-filing';

/**
 * List warning codes: items the source holds but did not send. They must be shown, never hidden.
 * `display` is the code's name; `text` explains it to a reader.
 */
export const LIST_WARNINGS: Readonly<Record<ListWarningCode, { readonly display: string; readonly text: string }>> = {
  'confidential-items': {
    display: 'Confidential items',
    text: "Some items are not shown because they are confidential or because of the person's preferences.",
  },
  'data-in-transit': {
    display: 'Data in transit',
    text: "The record is still being transferred from the person's previous GP practice: older information may be missing.",
  },
  'data-awaiting-filing': {
    display: 'Data awaiting filing',
    text: 'Some information has reached the GP practice but has not been filed in the record yet, so it may be missing.',
  },
};

/** EPS prescription business status codes (DOMAIN.md). */
export type EpsBusinessStatusCode = '0001' | '0002' | '0003' | '0004' | '0005' | '0006' | '0007';

/** Where a prescription is, in words: answers "has it reached the pharmacy?". */
export const EPS_BUSINESS_STATUS_TEXT: Readonly<Record<EpsBusinessStatusCode, string>> = {
  '0001': 'To be dispensed',
  '0002': 'With dispenser',
  '0003': 'With dispenser – active',
  '0004': 'Expired',
  '0005': 'Cancelled',
  '0006': 'Dispensed',
  '0007': 'Not dispensed',
};

/** `Encounter.class` codes (HL7 v3 ActCode) the widgets meet. */
export type EncounterClassCode = 'EMER' | 'IMP' | 'AMB' | 'HH' | 'VR' | 'ACUTE' | 'NONAC' | 'PRENC' | 'SS' | 'OBSENC';

/** Texts for `Encounter.class` in UK wording (AMB, "ambulatory", is an outpatient or clinic visit). */
export const ENCOUNTER_CLASS_TEXT: Readonly<Record<EncounterClassCode, string>> = {
  EMER: 'Emergency',
  IMP: 'Inpatient',
  AMB: 'Outpatient or clinic',
  HH: 'Home visit',
  VR: 'Virtual',
  ACUTE: 'Inpatient (acute)',
  NONAC: 'Inpatient (non-acute)',
  PRENC: 'Pre-admission',
  SS: 'Short stay',
  OBSENC: 'Observation',
};
