// Margaret Whitfield, 88, Alzheimer's disease, at Willow Court Care Home in Reading. Her record
// explains her distress at loud noises (childhood wartime trauma), lists allergies with the
// life-threatening one first, and follows her through a fall: ambulance, emergency department,
// admission with pneumonia, and back home with a discharge summary and a changed medicines list.
import type { Medication } from '@care-record/fhir';
import {
  allergy,
  carePlan,
  collection,
  condition,
  dischargeSummary,
  dispense,
  documentReference,
  encounter,
  ENCOUNTER_CLASS,
  goal,
  labResult,
  patient,
  prescription,
  ref,
  report,
  type Resident,
  sct,
  section,
  TESTS,
} from './builders.js';
import {
  ambulanceService,
  drHughes,
  drOkoro,
  drPatel,
  drRadcliffe,
  generalHospital,
  hillsidePharmacy,
  nurseAdeyemi,
  paramedicLee,
  riversidePractice,
  sharedResources,
  willowCourt,
} from './organisations.js';
import { base64Size, simplePdf } from './pdf.js';

const id = 'margaret-whitfield';
const nhsNumber = '9991204563';

const margaret = patient({
  id,
  nhsNumber,
  family: 'Whitfield',
  given: ['Margaret', 'Rose'],
  prefix: 'Mrs',
  gender: 'female',
  birthDate: '1938-05-02',
  address: { line: ['Willow Court Care Home', '14 Mill Lane'], city: 'Reading', district: 'Berkshire', postalCode: 'RG1 6QW' },
  phone: '0118 496 0555',
  gp: riversidePractice,
  usualGp: drPatel,
  contact: { relationship: 'Daughter (next of kin, lasting power of attorney for health and welfare)', family: 'Hart', given: 'Susan', phone: '07700 900123' },
});
const subject = ref(margaret, 'Margaret Whitfield');

// ------------------------------------------------------------------------------------------ encounters
const ambulance = encounter({
  id: 'enc-mw-ambulance-2026-10-28',
  patient: subject,
  class: ENCOUNTER_CLASS.field,
  type: { text: 'Emergency ambulance attendance' },
  serviceType: sct('409971007', 'Emergency medical services'),
  start: '2026-10-28T08:12:00+00:00',
  end: '2026-10-28T09:20:00+00:00',
  provider: ref(ambulanceService, ambulanceService.name),
  participant: ref(paramedicLee, 'Sam Lee, Paramedic'),
  reason: sct('217082002', 'Accidental fall'),
  location: 'Willow Court Care Home',
});
const edAttendance = encounter({
  id: 'enc-mw-ed-2026-10-28',
  patient: subject,
  class: ENCOUNTER_CLASS.emergency,
  type: sct('4525004', 'Emergency department patient visit'),
  start: '2026-10-28T09:20:00+00:00',
  end: '2026-10-28T14:30:00+00:00',
  provider: ref(generalHospital, generalHospital.name),
  participant: ref(drHughes, 'Dr Rhys Hughes'),
  reason: sct('217082002', 'Accidental fall'),
  location: 'Emergency Department, Thames Valley General Hospital',
});
const admission = encounter({
  id: 'enc-mw-admission-2026-10-28',
  patient: subject,
  class: ENCOUNTER_CLASS.inpatient,
  type: sct('32485007', 'Hospital admission'),
  start: '2026-10-28T14:30:00+00:00',
  end: '2026-11-04T15:00:00+00:00',
  provider: ref(generalHospital, generalHospital.name),
  participant: ref(drOkoro, 'Dr Ada Okoro'),
  reason: sct('233604007', 'Pneumonia'),
  location: 'Ward 7 (Care of the elderly), Thames Valley General Hospital',
  admissionMethod: ['21', 'Emergency Admission: Emergency Care Department or dental casualty department of the Health Care Provider'],
  dischargeDestination: ['85', 'Non-NHS (other than Local Authority) run Care Home', 'Returned to Willow Court Care Home'],
});
const gpVisit = encounter({
  id: 'enc-mw-gp-visit-2026-11-06',
  patient: subject,
  class: ENCOUNTER_CLASS.homeHealth,
  type: sct('439708006', 'Home visit'),
  start: '2026-11-06T11:00:00+00:00',
  end: '2026-11-06T11:30:00+00:00',
  provider: ref(riversidePractice, riversidePractice.name),
  participant: ref(drPatel, 'Dr Anita Patel'),
  reason: { text: 'Review after hospital discharge' },
  location: 'Willow Court Care Home',
});

// ------------------------------------------------------------------------------------------ problems
const wartimeTrauma = condition({
  id: 'cond-mw-wartime-trauma',
  patient: subject,
  code: { ...sct('47505003', 'Posttraumatic stress disorder'), text: 'Childhood wartime trauma (1944)' },
  clinical: 'inactive',
  onset: '1944',
  recordedDate: '1998-03-11',
  recorder: ref(riversidePractice, riversidePractice.name),
  note:
    'Significant past history. Her younger brother was killed when a flying bomb hit their street in south London in 1944; ' +
    'she was six. Sirens, alarms and sudden bangs can bring the fear back. With her dementia she may not be able to say why ' +
    'she is frightened: explain noises calmly and stay with her.',
});
const alzheimers = condition({
  id: 'cond-mw-alzheimers',
  patient: subject,
  code: sct('26929004', "Alzheimer's disease"),
  clinical: 'active',
  onset: '2021-03',
  recordedDate: '2021-04-12',
  recorder: ref(drPatel, 'Dr Anita Patel'),
  severity: sct('6736007', 'Moderate'),
});
const hypertension = condition({
  id: 'cond-mw-hypertension',
  patient: subject,
  code: sct('38341003', 'Hypertensive disorder, systemic arterial'),
  clinical: 'active',
  onset: '2004-09-20',
  recordedDate: '2004-09-20',
});
const osteoarthritis = condition({
  id: 'cond-mw-osteoarthritis',
  patient: subject,
  code: sct('396275006', 'Osteoarthritis'),
  clinical: 'active',
  onset: '2011',
  recordedDate: '2011-06-01',
});
const hipFracture = condition({
  id: 'cond-mw-hip-fracture',
  patient: subject,
  code: sct('5913000', 'Fracture of neck of femur'),
  clinical: 'resolved',
  onset: '2024-07-03',
  abatement: '2024-10-15',
  recordedDate: '2024-07-03',
  note: 'Left hemiarthroplasty 4-Jul-2024. Walks with a frame.',
});
const pneumonia = condition({
  id: 'cond-mw-pneumonia',
  patient: subject,
  code: sct('233604007', 'Pneumonia'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-10-26',
  abatement: '2026-11-10',
  recordedDate: '2026-10-28T12:00:00+00:00',
  encounter: ref(admission),
  recorder: ref(drOkoro, 'Dr Ada Okoro'),
});
const delirium = condition({
  id: 'cond-mw-delirium',
  patient: subject,
  code: sct('2776000', 'Delirium'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-10-27',
  abatement: '2026-11-02',
  recordedDate: '2026-10-28T12:00:00+00:00',
  encounter: ref(admission),
});
const fall = condition({
  id: 'cond-mw-fall',
  patient: subject,
  code: sct('217082002', 'Accidental fall'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-10-28T07:50:00+00:00',
  abatement: '2026-10-28',
  recordedDate: '2026-10-28T09:40:00+00:00',
  encounter: ref(edAttendance),
  note: 'Found on bedroom floor by night staff. No head injury. No fracture on examination.',
});

// ------------------------------------------------------------------------------------------ allergies
const penicillin = allergy({
  id: 'allergy-mw-penicillin',
  patient: subject,
  code: sct('91936005', 'Allergy to penicillin'),
  verification: 'confirmed',
  type: 'allergy',
  category: ['medication'],
  criticality: 'high',
  onset: '1972',
  recordedDate: '2003-05-14',
  recorder: ref(riversidePractice, riversidePractice.name),
  reactions: [{ manifestation: sct('39579001', 'Anaphylaxis'), severity: 'severe', description: 'Collapsed after amoxicillin in 1972; treated in hospital.' }],
});
const latex = allergy({
  id: 'allergy-mw-latex',
  patient: subject,
  code: sct('300916003', 'Latex allergy'),
  verification: 'confirmed',
  type: 'allergy',
  category: ['environment'],
  criticality: 'low',
  recordedDate: '2019-02-01',
  reactions: [{ manifestation: sct('40275004', 'Contact dermatitis'), severity: 'mild', description: 'Itchy rash where latex gloves touch the skin. Use nitrile gloves.' }],
});
const codeine = allergy({
  id: 'allergy-mw-codeine',
  patient: subject,
  code: sct('387494007', 'Codeine'),
  verification: 'unconfirmed',
  type: 'intolerance',
  category: ['medication'],
  criticality: 'low',
  recordedDate: '2026-10-30T10:00:00+00:00',
  recorder: ref(drOkoro, 'Dr Ada Okoro'),
  reactions: [
    { manifestation: sct('422587007', 'Nausea'), severity: 'mild' },
    { manifestation: sct('422400008', 'Vomiting'), severity: 'moderate' },
  ],
  note: 'Vomited twice after co-codamol on the ward. Possible intolerance; not confirmed.',
});
const peanutEnteredInError = allergy({
  id: 'allergy-mw-peanut-error',
  patient: subject,
  code: sct('91935009', 'Allergy to peanuts'),
  verification: 'entered-in-error',
  category: ['food'],
  recordedDate: '2025-06-02',
  note: 'Recorded against the wrong resident; removed 3-Jun-2025.',
});

// ------------------------------------------------------------------------------------------ medicines
const paracetamol: Medication = {
  resourceType: 'Medication',
  id: 'med-paracetamol-500mg-tablets',
  code: sct('322236009', 'Paracetamol 500mg tablets'),
  form: sct('385055001', 'Tablet'),
};
const gp = ref(drPatel, 'Dr Anita Patel');
const paracetamolPlan = prescription({
  id: 'mr-mw-paracetamol-plan',
  patient: subject,
  medication: ref(paracetamol, 'Paracetamol 500mg tablets'),
  status: 'active',
  intent: 'plan',
  authoredOn: '2025-01-10',
  requester: gp,
  dosage: 'Two tablets up to four times a day when required for pain. No more than 8 tablets in 24 hours.',
  course: 'continuous',
  quantity: { value: 100, unit: 'tablet' },
  days: 28,
  repeats: { allowed: 12, issued: 3, expires: '2027-01-10' },
});
const paracetamolIssue = (n: number, date: string, status: 'completed' | 'active', eps: '0006' | '0002') =>
  prescription({
    id: `mr-mw-paracetamol-issue-${n}`,
    patient: subject,
    medication: ref(paracetamol, 'Paracetamol 500mg tablets'),
    status,
    intent: 'order',
    authoredOn: date,
    requester: gp,
    dosage: paracetamolPlan.dosageInstruction![0]!.text!,
    course: 'continuous',
    basedOn: ref(paracetamolPlan),
    eps,
    quantity: { value: 100, unit: 'tablet' },
    days: 28,
    prescriptionNumber: `A99901-${n}F0C1-1A2B3${n}`,
  });
const paracetamolIssue1 = paracetamolIssue(1, '2026-09-20T09:00:00+01:00', 'completed', '0006');
const paracetamolIssue2 = paracetamolIssue(2, '2026-10-18T09:00:00+01:00', 'completed', '0006');
const paracetamolIssue3 = paracetamolIssue(3, '2026-11-17T09:00:00+00:00', 'active', '0002');

const donepezilPlan = prescription({
  id: 'mr-mw-donepezil-plan',
  patient: subject,
  // Free text, as some GP systems send a drug that was not picked from dm+d.
  medication: { text: 'Donepezil 10mg tablets' },
  status: 'active',
  intent: 'plan',
  authoredOn: '2021-05-04',
  requester: gp,
  dosage: 'One tablet at night.',
  course: 'continuous-repeat-dispensing',
  quantity: { value: 28, unit: 'tablet' },
  days: 28,
  repeats: { allowed: 6, issued: 2, expires: '2027-03-20' },
});
const donepezilIssue1 = prescription({
  id: 'mr-mw-donepezil-issue-1',
  patient: subject,
  medication: { text: 'Donepezil 10mg tablets' },
  status: 'completed',
  intent: 'order',
  authoredOn: '2026-10-20T09:00:00+01:00',
  requester: gp,
  dosage: 'One tablet at night.',
  course: 'continuous-repeat-dispensing',
  basedOn: ref(donepezilPlan),
  eps: '0006',
  quantity: { value: 28, unit: 'tablet' },
});
const donepezilIssue2 = prescription({
  id: 'mr-mw-donepezil-issue-2',
  patient: subject,
  medication: { text: 'Donepezil 10mg tablets' },
  status: 'active',
  intent: 'order',
  authoredOn: '2026-11-19T09:00:00+00:00',
  requester: gp,
  dosage: 'One tablet at night.',
  course: 'continuous-repeat-dispensing',
  basedOn: ref(donepezilPlan),
  eps: '0003',
  quantity: { value: 28, unit: 'tablet' },
  note: 'Part supplied: 14 tablets given, balance owed by the pharmacy.',
});

const amlodipinePlan = prescription({
  id: 'mr-mw-amlodipine-plan',
  patient: subject,
  medication: sct('319283006', 'Amlodipine 5mg tablets'),
  status: 'active',
  intent: 'plan',
  authoredOn: '2019-08-14',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  quantity: { value: 28, unit: 'tablet' },
  days: 28,
  repeats: { allowed: 12, issued: 9, expires: '2027-02-01' },
});
const amlodipineIssue = prescription({
  id: 'mr-mw-amlodipine-issue-2026-11-21',
  patient: subject,
  medication: sct('319283006', 'Amlodipine 5mg tablets'),
  status: 'active',
  intent: 'order',
  authoredOn: '2026-11-21T10:15:00+00:00',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  basedOn: ref(amlodipinePlan),
  eps: '0001',
  quantity: { value: 28, unit: 'tablet' },
});

const coCodamol = sct('322341003', 'Co-codamol 30mg/500mg tablets');
const coCodamolPlan = prescription({
  id: 'mr-mw-cocodamol-plan',
  patient: subject,
  medication: coCodamol,
  status: 'stopped',
  statusReason: 'Stopped in hospital: nausea and vomiting, possible codeine intolerance. Use paracetamol alone.',
  intent: 'plan',
  authoredOn: '2024-07-20',
  requester: gp,
  dosage: 'One or two tablets up to four times a day when required for knee pain.',
  course: 'continuous',
  repeats: { allowed: 6, issued: 6 },
});
const coCodamolIssue = prescription({
  id: 'mr-mw-cocodamol-issue-2026-10-10',
  patient: subject,
  medication: coCodamol,
  status: 'completed',
  intent: 'order',
  authoredOn: '2026-10-10T09:00:00+01:00',
  requester: gp,
  dosage: coCodamolPlan.dosageInstruction![0]!.text!,
  course: 'continuous',
  basedOn: ref(coCodamolPlan),
  eps: '0006',
  quantity: { value: 56, unit: 'tablet' },
});
const coCodamolCancelled = prescription({
  id: 'mr-mw-cocodamol-issue-2026-10-29',
  patient: subject,
  medication: coCodamol,
  status: 'cancelled',
  statusReason: 'Cancelled by the practice while she was in hospital.',
  intent: 'order',
  authoredOn: '2026-10-27T09:00:00+00:00',
  requester: gp,
  dosage: coCodamolPlan.dosageInstruction![0]!.text!,
  course: 'continuous',
  basedOn: ref(coCodamolPlan),
  eps: '0005',
  quantity: { value: 56, unit: 'tablet' },
});

const clarithromycin = prescription({
  id: 'mr-mw-clarithromycin-discharge',
  patient: subject,
  medication: sct('41946511000001109', 'Clarithromycin 500mg tablets'),
  status: 'completed',
  intent: 'order',
  category: 'discharge',
  authoredOn: '2026-11-04T11:00:00+00:00',
  requester: ref(drOkoro, 'Dr Ada Okoro'),
  encounter: ref(admission),
  dosage: 'One tablet twice a day for 3 more days (to complete 7 days), then stop.',
  course: 'acute',
  quantity: { value: 6, unit: 'tablet' },
  note: 'Penicillin allergy: clarithromycin chosen instead of amoxicillin.',
});

const aspirinError = prescription({
  id: 'mr-mw-aspirin-error',
  patient: subject,
  medication: sct('319773006', 'Aspirin 75mg dispersible tablets'),
  status: 'entered-in-error',
  intent: 'order',
  authoredOn: '2026-08-03T09:00:00+01:00',
  requester: gp,
  dosage: 'One tablet daily.',
  course: 'acute',
  note: 'Issued to the wrong patient record; withdrawn the same day.',
});

const pharmacy = ref(hillsidePharmacy, hillsidePharmacy.name);
const dispenses = [
  dispense({ id: 'md-mw-paracetamol-1', patient: subject, prescription: paracetamolIssue1, status: 'completed', pharmacy, whenPrepared: '2026-09-21T11:00:00+01:00', whenHandedOver: '2026-09-21T15:30:00+01:00', quantity: { value: 100, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-mw-paracetamol-2', patient: subject, prescription: paracetamolIssue2, status: 'completed', pharmacy, whenPrepared: '2026-10-19T11:00:00+01:00', whenHandedOver: '2026-10-19T15:10:00+01:00', quantity: { value: 100, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-mw-donepezil-1', patient: subject, prescription: donepezilIssue1, status: 'completed', pharmacy, whenPrepared: '2026-10-21T10:00:00+01:00', whenHandedOver: '2026-10-21T16:00:00+01:00', quantity: { value: 28, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-mw-donepezil-2-part', patient: subject, prescription: donepezilIssue2, status: 'in-progress', pharmacy, whenPrepared: '2026-11-20T10:00:00+00:00', whenHandedOver: '2026-11-20T15:45:00+00:00', quantity: { value: 14, unit: 'tablet' }, eps: '0003' }),
  dispense({ id: 'md-mw-cocodamol-1', patient: subject, prescription: coCodamolIssue, status: 'completed', pharmacy, whenPrepared: '2026-10-11T10:00:00+01:00', whenHandedOver: '2026-10-11T14:20:00+01:00', quantity: { value: 56, unit: 'tablet' }, eps: '0006' }),
];

// ------------------------------------------------------------------------------------------ results
const lab = ref(generalHospital, 'Pathology, Thames Valley General Hospital');
const edTaken = '2026-10-28T10:05:00+00:00';
const edIssued = '2026-10-28T11:40:00+00:00';
const result = (key: string, test: (typeof TESTS)[keyof typeof TESTS], value: number, effective: string, issued: string, flag?: 'H' | 'L' | 'HH' | 'LL') =>
  labResult({ id: `obs-mw-${key}`, patient: subject, test, value, effective, issued, flag, performer: lab });

const fbcResults = [
  result('hb-2026-10-28', TESTS.haemoglobin, 108, edTaken, edIssued, 'L'),
  result('wcc-2026-10-28', TESTS.whiteCells, 14.2, edTaken, edIssued, 'H'),
  result('plt-2026-10-28', TESTS.platelets, 312, edTaken, edIssued),
];
const ueResults = [
  result('na-2026-10-28', TESTS.sodium, 131, edTaken, edIssued, 'L'),
  result('k-2026-10-28', TESTS.potassium, 4.2, edTaken, edIssued),
  result('creat-2026-10-28', TESTS.creatinine, 102, edTaken, edIssued, 'H'),
  result('egfr-2026-10-28', TESTS.egfr, 44, edTaken, edIssued, 'L'),
];
const crpResult = result('crp-2026-10-28', TESTS.crp, 148, edTaken, edIssued, 'H');
const repeatTaken = '2026-11-03T07:30:00+00:00';
const repeatIssued = '2026-11-03T12:10:00+00:00';
const repeatResults = [
  result('na-2026-11-03', TESTS.sodium, 136, repeatTaken, repeatIssued),
  result('k-2026-11-03', TESTS.potassium, 4.5, repeatTaken, repeatIssued),
  result('creat-2026-11-03', TESTS.creatinine, 88, repeatTaken, repeatIssued),
  result('egfr-2026-11-03', TESTS.egfr, 52, repeatTaken, repeatIssued, 'L'),
];
const repeatCrp = result('crp-2026-11-03', TESTS.crp, 24, repeatTaken, repeatIssued, 'H');

const reports = [
  report({ id: 'dr-mw-fbc-2026-10-28', patient: subject, code: sct('26604007', 'Full blood count'), category: 'LAB', effective: edTaken, issued: edIssued, performer: lab, results: fbcResults, encounter: ref(edAttendance) }),
  report({ id: 'dr-mw-ue-2026-10-28', patient: subject, code: sct('252167001', 'Urea and electrolytes'), category: 'LAB', effective: edTaken, issued: edIssued, performer: lab, results: ueResults, encounter: ref(edAttendance) }),
  report({ id: 'dr-mw-crp-2026-10-28', patient: subject, code: sct('55235003', 'C-reactive protein measurement'), category: 'LAB', effective: edTaken, issued: edIssued, performer: lab, results: [crpResult], encounter: ref(edAttendance) }),
  report({ id: 'dr-mw-ue-2026-11-03', patient: subject, code: sct('252167001', 'Urea and electrolytes'), category: 'LAB', effective: repeatTaken, issued: repeatIssued, performer: lab, results: [...repeatResults, repeatCrp], encounter: ref(admission), conclusion: 'Sodium and kidney function improving with fluids.' }),
];

const chestXrayConclusion = 'Right lower lobe consolidation in keeping with pneumonia. No pleural effusion. No pneumothorax. No acute bony injury seen.';
const chestXrayPdf = simplePdf('Chest X-ray report - Thames Valley General Hospital', [
  'Patient: WHITFIELD, Margaret Rose   NHS No.: 999 120 4563   Born: 02-May-1938',
  'Examination: Plain X-ray chest (PA erect)   Date: 28-Oct-2026 11:00',
  'Clinical details: Fall, new confusion, cough and fever for two days.',
  '',
  'Findings: Airspace opacification in the right lower zone. Heart size normal.',
  'Costophrenic angles clear. No pneumothorax. No displaced rib fracture.',
  '',
  `Conclusion: ${chestXrayConclusion}`,
  '',
  'Reported by: Dr Joan Radcliffe, Consultant Radiologist, 28-Oct-2026 16:20',
]);
const chestXray = report({
  id: 'dr-mw-chest-xray-2026-10-28',
  patient: subject,
  code: sct('399208008', 'Plain X-ray of chest'),
  category: 'RAD',
  effective: '2026-10-28T11:00:00+00:00',
  issued: '2026-10-28T16:20:00+00:00',
  performer: ref(drRadcliffe, 'Dr Joan Radcliffe'),
  encounter: ref(edAttendance),
  conclusion: chestXrayConclusion,
  conclusionCode: [sct('233604007', 'Pneumonia')],
  presentedForm: [{ contentType: 'application/pdf', language: 'en-GB', data: chestXrayPdf, size: base64Size(chestXrayPdf), title: 'Chest X-ray report', creation: '2026-10-28T16:20:00+00:00' }],
});

// ------------------------------------------------------------------------------------------ care plans
const home = ref(willowCourt, willowCourt.name);
const nurse = ref(nurseAdeyemi, 'Grace Adeyemi, Registered nurse');
const calmerEvenings = goal({
  id: 'goal-mw-calmer-evenings',
  patient: subject,
  description: 'Fewer episodes of evening distress (no more than 2 a week)',
  achievement: 'improving',
  start: '2025-01-15',
  due: '2027-01-15',
  addresses: [ref(alzheimers), ref(wartimeTrauma)],
});
const eatingWell = goal({
  id: 'goal-mw-eating-well',
  patient: subject,
  description: 'Keep eating and drinking well: weight stable at about 58 kg',
  achievement: 'in-progress',
  start: '2025-01-15',
  due: '2026-12-31',
});
const noFallInjury = goal({
  id: 'goal-mw-no-fall-injury',
  patient: subject,
  description: 'No falls causing injury',
  achievement: 'worsening',
  start: '2024-10-20',
  note: 'Fell 28-Oct-2026 (unwell with pneumonia). Plan reviewed on return from hospital.',
});
const walkingAgain = goal({
  id: 'goal-mw-walking-after-fracture',
  patient: subject,
  lifecycle: 'completed',
  description: 'Walk to the dining room with a frame after the hip fracture',
  achievement: 'achieved',
  start: '2024-07-20',
  due: '2024-10-20',
});

const carePlans = [
  carePlan({
    id: 'cp-mw-dementia-wellbeing',
    patient: subject,
    title: 'Dementia care and wellbeing plan',
    description: 'How to support Margaret when she is frightened or confused, and what helps her feel safe.',
    status: 'active',
    start: '2025-01-15',
    author: home,
    contributors: [nurse, ref(drPatel, 'Dr Anita Patel'), { display: 'Susan Hart (daughter)' }],
    addresses: [ref(alzheimers), ref(wartimeTrauma)],
    goals: [calmerEvenings, eatingWell],
    activities: [
      {
        status: 'in-progress',
        description:
          'Warn her before fire-alarm tests and sit with her while they run. If a siren or bang upsets her, tell her calmly what the noise is and that she is safe. ' +
          'Her brother died in a bombing raid when she was a child; she may think the raid is happening now.',
      },
      { status: 'in-progress', description: 'Play 1950s dance-band music in the late afternoon, when she becomes restless. It settles her.' },
      { status: 'in-progress', description: 'Offer finger food and a drink every two hours; she eats better walking about.' },
      { status: 'scheduled', description: 'Weigh monthly and tell the GP about a loss of more than 2 kg.', code: sct('27113001', 'Body weight') },
    ],
  }),
  carePlan({
    id: 'cp-mw-falls',
    patient: subject,
    title: 'Falls prevention plan',
    description: 'Reviewed 5-Nov-2026 after the fall of 28-Oct-2026.',
    status: 'active',
    start: '2024-10-20',
    author: home,
    contributors: [nurse],
    addresses: [ref(hipFracture)],
    goals: [noFallInjury],
    activities: [
      { status: 'in-progress', description: 'Walking frame within reach at all times.' },
      { status: 'in-progress', description: 'Sensor mat beside the bed at night; check on her every two hours.' },
      { status: 'scheduled', description: 'Community physiotherapy review after hospital discharge (requested by the ward).' },
    ],
  }),
  carePlan({
    id: 'cp-mw-hip-rehabilitation',
    patient: subject,
    title: 'Rehabilitation after hip fracture',
    description: 'Physiotherapy and mobility plan after the left hemiarthroplasty.',
    status: 'completed',
    start: '2024-07-20',
    end: '2024-10-20',
    author: home,
    goals: [walkingAgain],
    activities: [{ status: 'completed', description: 'Daily walking practice with the physiotherapy assistant.' }],
  }),
];

// ------------------------------------------------------------------------------------------ documents
const consultant = ref(drOkoro, 'Dr Ada Okoro');
const hospital = ref(generalHospital, generalHospital.name);

const edSummary = dischargeSummary({
  id: 'comp-mw-ed-summary-2026-10-28',
  patient: subject,
  encounter: ref(edAttendance),
  date: '2026-10-28T14:40:00+00:00',
  title: 'Emergency department attendance summary',
  author: ref(drHughes, 'Dr Rhys Hughes'),
  custodian: hospital,
  status: 'final',
  careSetting: ['310000008', 'Accident and Emergency service'],
  sections: [
    section({
      title: 'Attendance details',
      code: 'attendance-details',
      html: '<table><tbody><tr><th>Arrived</th><td>28-Oct-2026 09:20 by ambulance</td></tr><tr><th>Left the department</th><td>28-Oct-2026 14:30, admitted to Ward 7</td></tr></tbody></table>',
    }),
    section({
      title: 'Presenting complaints or issues',
      code: 'presenting-complaints-or-issues',
      html: '<p>Found on her bedroom floor at 07:50 by night staff. Two days of cough and fever, more confused than usual.</p>',
    }),
    section({
      title: 'Clinical summary',
      code: 'clinical-summary',
      html: '<p>Alert but disorientated (usual: oriented to person). Temperature 38.4, respiratory rate 24, oxygen saturation 91% on air. Crackles right base. No injury found. Chest X-ray: right lower lobe pneumonia.</p>',
    }),
    section({
      title: 'Investigation results',
      code: 'investigation-results',
      html: '<ul><li>Chest X-ray: right lower lobe consolidation</li><li>White cell count 14.2 (high), CRP 148 (high), sodium 131 (low), eGFR 44</li></ul>',
      entries: [chestXray, ...reports.slice(0, 3)],
    }),
    section({
      title: 'Diagnoses',
      code: 'diagnoses',
      html: '<ul><li>Community-acquired pneumonia</li><li>Delirium</li><li>Fall without injury</li></ul>',
      entries: [pneumonia, delirium, fall],
    }),
    section({
      title: 'Allergies and adverse reactions',
      code: 'allergies-and-adverse-reactions',
      html: '<ul><li><strong>Penicillin: anaphylaxis</strong></li><li>Latex: contact dermatitis</li></ul>',
      entries: [penicillin, latex],
    }),
    section({
      title: 'Plan and requested actions',
      code: 'plan-and-requested-actions',
      html: '<p>Admitted to Ward 7 (care of the elderly) for antibiotics (clarithromycin: penicillin allergy) and fluids.</p>',
    }),
  ],
});

const dischargeText = {
  admission: 'Admitted 28-Oct-2026 from the emergency department after a fall at her care home, with pneumonia and delirium.',
  summary:
    'Treated with intravenous then oral clarithromycin (penicillin allergy) and intravenous fluids. Confusion settled by 2-Nov-2026; ' +
    'now at her usual level (oriented to person, enjoys company). Vomited after co-codamol: stopped; use paracetamol alone.',
  gp: 'Please review in one week and repeat U&E in two weeks (sodium 136, eGFR 52 on 3-Nov-2026).',
  home: 'Encourage fluids (at least 1.5 litres a day). Watch for new confusion, which was her first sign of infection. Physiotherapy referral made.',
};

const dischargeComposition = dischargeSummary({
  id: 'comp-mw-discharge-2026-11-04',
  patient: subject,
  encounter: ref(admission),
  date: '2026-11-04T15:30:00+00:00',
  title: 'Inpatient discharge summary',
  author: consultant,
  attester: consultant,
  custodian: hospital,
  status: 'final',
  sections: [
    section({
      title: 'Admission details',
      code: 'admission-details',
      html: `<p>${dischargeText.admission}</p><p>Method of admission: emergency, via the emergency department.</p>`,
    }),
    section({
      title: 'Discharge details',
      code: 'discharge-details',
      html: '<p>Discharged 4-Nov-2026 15:00 to Willow Court Care Home (her usual residence).</p>',
    }),
    section({
      title: 'Diagnoses',
      code: 'diagnoses',
      html: '<ul><li>Community-acquired pneumonia (primary)</li><li>Delirium, resolved</li><li>Fall without injury</li></ul><p>Comorbidities: Alzheimer\'s disease, hypertension, osteoarthritis.</p>',
      entries: [pneumonia, delirium, fall],
    }),
    section({ title: 'Clinical summary', code: 'clinical-summary', html: `<p>${dischargeText.summary}</p>` }),
    section({ title: 'Procedures', code: 'procedures', html: '<p>None.</p>', emptyReason: 'nilknown' }),
    section({
      title: 'Investigation results',
      code: 'investigation-results',
      html: '<p>Chest X-ray 28-Oct-2026: right lower lobe consolidation. Bloods 3-Nov-2026: sodium 136, eGFR 52, CRP 24 (falling).</p>',
      entries: [chestXray, reports[3]!],
    }),
    section({
      title: 'Medications and medical devices',
      code: 'medications-and-medical-devices',
      html:
        '<table><thead><tr><th>Medicine</th><th>Instructions</th><th>Change</th></tr></thead><tbody>' +
        '<tr><td>Clarithromycin 500mg tablets</td><td>One tablet twice a day for 3 more days, then stop</td><td>New</td></tr>' +
        '<tr><td>Co-codamol 30mg/500mg tablets</td><td>-</td><td><strong>Stopped</strong>: nausea and vomiting</td></tr>' +
        '<tr><td>Paracetamol 500mg tablets</td><td>Two tablets up to four times a day when required</td><td>Unchanged</td></tr>' +
        '<tr><td>Donepezil 10mg tablets</td><td>One tablet at night</td><td>Unchanged</td></tr>' +
        '<tr><td>Amlodipine 5mg tablets</td><td>One tablet each morning</td><td>Unchanged</td></tr></tbody></table>',
      entries: [clarithromycin, coCodamolPlan, paracetamolPlan, donepezilPlan, amlodipinePlan],
    }),
    section({
      title: 'Allergies and adverse reactions',
      code: 'allergies-and-adverse-reactions',
      html: '<ul><li><strong>Penicillin: anaphylaxis</strong></li><li>Latex: contact dermatitis</li><li>Codeine: nausea and vomiting (new, unconfirmed)</li></ul>',
      entries: [penicillin, latex, codeine],
    }),
    section({
      title: 'Information and advice given',
      code: 'information-and-advice-given',
      html: '<p>Discussed with her daughter Susan Hart (lasting power of attorney) by telephone on 4-Nov-2026.</p>',
    }),
    section({
      title: 'Plan and requested actions',
      code: 'plan-and-requested-actions',
      html: `<p><strong>GP:</strong> ${dischargeText.gp}</p><p><strong>Care home:</strong> ${dischargeText.home}</p>`,
    }),
    section({
      title: 'Person completing record',
      code: 'person-completing-record',
      html: '<p>Dr Ada Okoro, Consultant geriatrician, Ward 7, Thames Valley General Hospital. 4-Nov-2026 15:30.</p>',
    }),
  ],
});

const dischargePdf = simplePdf('Discharge summary - Thames Valley General Hospital', [
  'Patient: WHITFIELD, Margaret Rose   NHS No.: 999 120 4563   Born: 02-May-1938',
  'Admitted: 28-Oct-2026 (emergency)   Discharged: 04-Nov-2026 to Willow Court Care Home',
  '',
  'Diagnoses: community-acquired pneumonia; delirium (resolved); fall without injury.',
  '',
  dischargeText.admission,
  dischargeText.summary.slice(0, 110),
  dischargeText.summary.slice(110),
  '',
  'Medicines: NEW clarithromycin 500mg twice a day for 3 more days. STOPPED co-codamol.',
  'Allergies: PENICILLIN (anaphylaxis); latex; codeine (unconfirmed).',
  '',
  `GP: ${dischargeText.gp}`,
  `Care home: ${dischargeText.home.slice(0, 95)}`,
  dischargeText.home.slice(95),
  '',
  'Dr Ada Okoro, Consultant geriatrician',
]);
const dischargeDocument = documentReference({
  id: 'doc-mw-discharge-2026-11-04-pdf',
  patient: subject,
  type: sct('373942005', 'Discharge summary'),
  date: '2026-11-04T15:35:00+00:00',
  description: 'Discharge summary, Ward 7 (care of the elderly)',
  author: consultant,
  custodian: hospital,
  encounter: ref(admission),
  period: { start: '2026-10-28T14:30:00+00:00', end: '2026-11-04T15:00:00+00:00' },
  setting: { text: 'Care of the elderly' },
  docStatus: 'final',
  attachment: { contentType: 'application/pdf', language: 'en-GB', data: dischargePdf, size: base64Size(dischargePdf), title: 'Discharge summary 4-Nov-2026.pdf', creation: '2026-11-04T15:35:00+00:00' },
});

const resources = [
  margaret,
  ambulance,
  edAttendance,
  admission,
  gpVisit,
  wartimeTrauma,
  alzheimers,
  hypertension,
  osteoarthritis,
  hipFracture,
  pneumonia,
  delirium,
  fall,
  penicillin,
  latex,
  codeine,
  peanutEnteredInError,
  paracetamol,
  paracetamolPlan,
  paracetamolIssue1,
  paracetamolIssue2,
  paracetamolIssue3,
  donepezilPlan,
  donepezilIssue1,
  donepezilIssue2,
  amlodipinePlan,
  amlodipineIssue,
  coCodamolPlan,
  coCodamolIssue,
  coCodamolCancelled,
  clarithromycin,
  aspirinError,
  ...dispenses,
  ...fbcResults,
  ...ueResults,
  crpResult,
  ...repeatResults,
  repeatCrp,
  ...reports,
  chestXray,
  calmerEvenings,
  eatingWell,
  noFallInjury,
  walkingAgain,
  ...carePlans,
  edSummary,
  dischargeComposition,
  dischargeDocument,
  ...sharedResources,
];

export const margaretWhitfield: Resident = {
  id,
  nhsNumber,
  name: 'Margaret Whitfield',
  description:
    "88, Alzheimer's disease (dementia) at Willow Court Care Home. Distress at loud noises explained by childhood wartime trauma in 1944 (long-past significant history). " +
    'Allergies with the critical one first (penicillin anaphylaxis), plus an unconfirmed and an entered-in-error entry. Fall: ambulance, emergency department (ED summary), ' +
    'admission with pneumonia, discharge summary (Composition and PDF), chest X-ray report with PDF. Prescriptions awaited: to be dispensed, with dispenser, part dispensed; ' +
    'stopped, cancelled and entered-in-error items. Care plans with goals.',
  bundle: collection(`resident-${id}`, resources),
};
