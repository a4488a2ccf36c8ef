// Arthur Pemberton, 92, type 2 diabetes and chronic kidney disease, in a Leeds nursing home. No known
// allergies, positively recorded. Results trends (HbA1c rising, eGFR falling, potassium up to a
// critical 6.8), an admission with hyperkalaemia and acute kidney injury whose discharge summary was
// sent as preliminary and then amended, and prescriptions at the remaining EPS statuses.
import type { DiagnosticReport, Observation } from '@care-record/fhir';
import {
  allergy,
  carePlan,
  collection,
  condition,
  dischargeSummary,
  dispense,
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
import { aireGeneralHospital, aireValleySurgery, ambulanceService, drAhmed, drMensah, kirkstallPharmacy, paramedicLee, sharedResources } from './organisations.js';

const id = 'arthur-pemberton';
const nhsNumber = '9992207183';

const arthur = patient({
  id,
  nhsNumber,
  family: 'Pemberton',
  given: ['Arthur', 'James'],
  prefix: 'Mr',
  gender: 'male',
  birthDate: '1934-11-19',
  address: { line: ['Aire View Nursing Home', '3 Canal Road'], city: 'Leeds', district: 'West Yorkshire', postalCode: 'LS12 2PL' },
  phone: '0113 496 0666',
  gp: aireValleySurgery,
  usualGp: drMensah,
  contact: { relationship: 'Son', family: 'Pemberton', given: 'David', phone: '07700 900456' },
});
const subject = ref(arthur, 'Arthur Pemberton');
const gp = ref(drMensah, 'Dr Kofi Mensah');
const hospital = ref(aireGeneralHospital, aireGeneralHospital.name);
const lab = ref(aireGeneralHospital, 'Blood Sciences, Aire General Hospital');

// ------------------------------------------------------------------------------------------ allergies
const noKnownAllergies = allergy({
  id: 'allergy-ap-nka',
  patient: subject,
  code: sct('716186003', 'No known allergy'),
  verification: 'confirmed',
  recordedDate: '2019-11-02',
  recorder: ref(aireValleySurgery, aireValleySurgery.name),
});

// ------------------------------------------------------------------------------------------ encounters
const diabetesReview = encounter({
  id: 'enc-ap-diabetes-review-2026-03-09',
  patient: subject,
  class: ENCOUNTER_CLASS.homeHealth,
  type: { text: 'Annual diabetes review (care home visit)' },
  start: '2026-03-09T10:00:00+00:00',
  end: '2026-03-09T10:40:00+00:00',
  provider: ref(aireValleySurgery, aireValleySurgery.name),
  participant: gp,
});
const ambulance = encounter({
  id: 'enc-ap-ambulance-2026-09-16',
  patient: subject,
  class: ENCOUNTER_CLASS.field,
  type: { text: 'Emergency ambulance attendance' },
  serviceType: sct('409971007', 'Emergency medical services'),
  start: '2026-09-16T06:40:00+01:00',
  end: '2026-09-16T07:35:00+01:00',
  provider: ref(ambulanceService, ambulanceService.name),
  participant: ref(paramedicLee, 'Sam Lee, Paramedic'),
  reason: { text: 'Drowsy and weak; blood glucose 2.6 on the home\'s meter' },
  location: 'Aire View Nursing Home',
});
const edAttendance = encounter({
  id: 'enc-ap-ed-2026-09-16',
  patient: subject,
  class: ENCOUNTER_CLASS.emergency,
  type: sct('4525004', 'Emergency department patient visit'),
  start: '2026-09-16T07:35:00+01:00',
  end: '2026-09-16T12:10:00+01:00',
  provider: hospital,
  participant: ref(drAhmed, 'Dr Yusuf Ahmed'),
  location: 'Emergency Department, Aire General Hospital',
});
const admission = encounter({
  id: 'enc-ap-admission-2026-09-16',
  patient: subject,
  class: ENCOUNTER_CLASS.inpatient,
  type: sct('32485007', 'Hospital admission'),
  start: '2026-09-16T12:10:00+01:00',
  end: '2026-09-21T14:00:00+01:00',
  provider: hospital,
  participant: ref(drAhmed, 'Dr Yusuf Ahmed'),
  reason: sct('14140009', 'Hyperkalaemia'),
  location: 'Acute Medical Unit, Aire General Hospital',
  admissionMethod: ['21', 'Emergency Admission: Emergency Care Department or dental casualty department of the Health Care Provider'],
  dischargeDestination: ['85', 'Non-NHS (other than Local Authority) run Care Home', 'Returned to Aire View Nursing Home'],
});

// ------------------------------------------------------------------------------------------ problems
const diabetes = condition({ id: 'cond-ap-t2dm', patient: subject, code: sct('44054006', 'Diabetes mellitus type 2'), clinical: 'active', onset: '2009-04', recordedDate: '2009-04-21' });
const ckd = condition({
  id: 'cond-ap-ckd',
  patient: subject,
  code: { ...sct('709044004', 'Chronic kidney disease'), text: 'Chronic kidney disease stage 3b' },
  clinical: 'active',
  onset: '2020-06',
  recordedDate: '2020-06-30',
});
const hypertension = condition({ id: 'cond-ap-hypertension', patient: subject, code: sct('38341003', 'Hypertensive disorder, systemic arterial'), clinical: 'active', onset: '1998', recordedDate: '1998-02-02' });
const heartAttack = condition({
  id: 'cond-ap-mi-2008',
  patient: subject,
  code: sct('22298006', 'Myocardial infarction'),
  clinical: 'inactive',
  onset: '2008-01-14',
  recordedDate: '2008-01-20',
  note: 'Stent to right coronary artery, Leeds General Infirmary.',
});
const hyperkalaemia = condition({
  id: 'cond-ap-hyperkalaemia',
  patient: subject,
  code: sct('14140009', 'Hyperkalaemia'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-09-16',
  abatement: '2026-09-18',
  recordedDate: '2026-09-16T09:00:00+01:00',
  encounter: ref(admission),
});
const aki = condition({
  id: 'cond-ap-aki',
  patient: subject,
  code: sct('14669001', 'Acute renal failure syndrome'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-09-14',
  abatement: '2026-09-21',
  recordedDate: '2026-09-16T09:00:00+01:00',
  encounter: ref(admission),
  note: 'Acute kidney injury stage 2, after a diarrhoeal illness while taking furosemide and metformin.',
});

// ------------------------------------------------------------------------------------------ results
type TestKey = 'potassium' | 'sodium' | 'creatinine' | 'egfr' | 'hba1c' | 'glucose';
const results: Observation[] = [];
const reports: DiagnosticReport[] = [];
// [date taken, issued, { test: [value, flag] }]: the trends the results widget draws.
const panels: Array<[string, string, Partial<Record<TestKey, [number, ('H' | 'L' | 'HH' | 'LL')?]>>]> = [
  ['2025-03-10T09:30:00+00:00', '2025-03-10T16:00:00+00:00', { sodium: [139], potassium: [4.9], creatinine: [105, 'H'], egfr: [52, 'L'], hba1c: [52, 'H'] }],
  ['2025-09-08T09:30:00+01:00', '2025-09-08T15:40:00+01:00', { sodium: [138], potassium: [5.2], creatinine: [114, 'H'], egfr: [47, 'L'], hba1c: [58, 'H'] }],
  ['2026-03-09T10:20:00+00:00', '2026-03-09T17:05:00+00:00', { sodium: [137], potassium: [5.6, 'H'], creatinine: [128, 'H'], egfr: [41, 'L'], hba1c: [63, 'H'] }],
  ['2026-09-16T07:50:00+01:00', '2026-09-16T08:45:00+01:00', { sodium: [129, 'L'], potassium: [6.8, 'HH'], creatinine: [215, 'H'], egfr: [24, 'L'], glucose: [2.6, 'LL'], hba1c: [71, 'H'] }],
  ['2026-09-17T06:00:00+01:00', '2026-09-17T08:30:00+01:00', { sodium: [132, 'L'], potassium: [5.9, 'H'], creatinine: [188, 'H'], egfr: [28, 'L'] }],
  ['2026-09-18T06:00:00+01:00', '2026-09-18T08:20:00+01:00', { sodium: [134], potassium: [5.2], creatinine: [172, 'H'], egfr: [31, 'L'] }],
  ['2026-09-21T06:00:00+01:00', '2026-09-21T08:10:00+01:00', { sodium: [137], potassium: [4.8], creatinine: [150, 'H'], egfr: [36, 'L'] }],
  ['2026-11-10T09:45:00+00:00', '2026-11-10T16:30:00+00:00', { sodium: [138], potassium: [5.0], creatinine: [139, 'H'], egfr: [39, 'L'] }],
];
for (const [taken, issued, values] of panels) {
  const day = taken.slice(0, 10);
  const observation = (key: TestKey) => {
    const [value, flag] = values[key]!;
    const obs = labResult({ id: `obs-ap-${key}-${day}`, patient: subject, test: TESTS[key], value, effective: taken, issued, flag, performer: lab });
    if (key === 'potassium' && flag === 'HH') obs.note = [{ text: 'Critical result telephoned to the emergency department at 08:50.' }];
    results.push(obs);
    return obs;
  };
  const inHospital = day >= '2026-09-16' && day <= '2026-09-21';
  const encounterRef = inHospital ? ref(day === '2026-09-16' ? edAttendance : admission) : undefined;
  const renal = (['sodium', 'potassium', 'creatinine', 'egfr'] as const).map(observation);
  reports.push(
    report({ id: `dr-ap-ue-${day}`, patient: subject, code: sct('252167001', 'Urea and electrolytes'), category: 'LAB', effective: taken, issued, performer: lab, results: renal, encounter: encounterRef }),
  );
  if (values.glucose) {
    reports.push(
      report({ id: `dr-ap-glucose-${day}`, patient: subject, code: { text: 'Blood glucose' }, category: 'LAB', effective: taken, issued, performer: lab, results: [observation('glucose')], encounter: encounterRef }),
    );
  }
  if (values.hba1c) {
    reports.push(
      report({ id: `dr-ap-hba1c-${day}`, patient: subject, code: sct('43396009', 'Haemoglobin A1c measurement'), category: 'LAB', effective: taken, issued, performer: lab, results: [observation('hba1c')], encounter: encounterRef }),
    );
  }
}

// ------------------------------------------------------------------------------------------ medicines
const amlodipine = sct('319283006', 'Amlodipine 5mg tablets');
const amlodipinePlan = prescription({
  id: 'mr-ap-amlodipine-plan',
  patient: subject,
  medication: amlodipine,
  status: 'active',
  intent: 'plan',
  authoredOn: '2018-05-01',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  quantity: { value: 28, unit: 'tablet' },
  days: 28,
  repeats: { allowed: 13, issued: 11, expires: '2027-05-01' },
});
const amlodipineIssue = (date: string, status: 'completed' | 'stopped' | 'active', eps: '0006' | '0004' | '0007' | '0001', statusReason?: string) =>
  prescription({
    id: `mr-ap-amlodipine-issue-${date.slice(0, 10)}`,
    patient: subject,
    medication: amlodipine,
    status,
    statusReason,
    intent: 'order',
    authoredOn: date,
    requester: gp,
    dosage: 'One tablet each morning.',
    course: 'continuous',
    basedOn: ref(amlodipinePlan),
    eps,
    quantity: { value: 28, unit: 'tablet' },
  });
const amlodipineJune = amlodipineIssue('2026-06-15T09:00:00+01:00', 'completed', '0006');
const amlodipineJuly = amlodipineIssue('2026-07-13T09:00:00+01:00', 'stopped', '0004', 'Not collected within the prescription\'s validity: expired.');
const amlodipineAugust = amlodipineIssue('2026-08-10T09:00:00+01:00', 'stopped', '0007', 'Not dispensed: the home still held a full box.');
const amlodipineOctober = amlodipineIssue('2026-10-05T09:00:00+01:00', 'completed', '0006');
const amlodipineNovember = amlodipineIssue('2026-11-22T09:00:00+00:00', 'active', '0001');

const amlodipineIncrease = prescription({
  id: 'mr-ap-amlodipine-10mg-draft',
  patient: subject,
  medication: sct('319284000', 'Amlodipine 10mg tablets'),
  status: 'draft',
  intent: 'plan',
  authoredOn: '2026-11-18T12:00:00+00:00',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  note: 'Proposed dose increase, waiting for a week of blood pressure readings from the home.',
});

const metformin = sct('39113611000001102', 'Metformin 500mg tablets');
const metforminPlan = prescription({
  id: 'mr-ap-metformin-plan',
  patient: subject,
  medication: metformin,
  status: 'stopped',
  statusReason: 'Stopped 18-Sep-2026: eGFR below 30 (acute kidney injury). Do not restart without a specialist opinion.',
  intent: 'plan',
  authoredOn: '2009-04-21',
  requester: gp,
  dosage: 'One tablet twice a day with meals.',
  course: 'continuous',
  repeats: { issued: 12 },
});
const metforminIssue = prescription({
  id: 'mr-ap-metformin-issue-2026-09-01',
  patient: subject,
  medication: metformin,
  status: 'completed',
  intent: 'order',
  authoredOn: '2026-09-01T09:00:00+01:00',
  requester: gp,
  dosage: 'One tablet twice a day with meals.',
  course: 'continuous',
  basedOn: ref(metforminPlan),
  eps: '0006',
  quantity: { value: 56, unit: 'tablet' },
});

const furosemidePlan = prescription({
  id: 'mr-ap-furosemide-plan',
  patient: subject,
  medication: sct('317972000', 'Furosemide 40mg tablets'),
  status: 'on-hold',
  statusReason: 'Withheld since the admission in September: restart only when the GP has checked kidney function.',
  intent: 'plan',
  authoredOn: '2021-02-11',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  repeats: { allowed: 12, issued: 8, expires: '2027-02-11' },
});

const ciprofloxacin = prescription({
  id: 'mr-ap-ciprofloxacin-2026-03-20',
  patient: subject,
  medication: sct('39687811000001107', 'Ciprofloxacin 500mg tablets'),
  status: 'completed',
  intent: 'order',
  authoredOn: '2026-03-20T14:00:00+00:00',
  requester: gp,
  dosage: 'One tablet twice a day for 7 days.',
  course: 'acute',
  eps: '0006',
  quantity: { value: 14, unit: 'tablet' },
  note: 'Urinary tract infection.',
});

const pharmacy = ref(kirkstallPharmacy, kirkstallPharmacy.name);
const dispenses = [
  dispense({ id: 'md-ap-amlodipine-2026-06', patient: subject, prescription: amlodipineJune, status: 'completed', pharmacy, whenHandedOver: '2026-06-16T15:00:00+01:00', quantity: { value: 28, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-ap-amlodipine-2026-08-not-dispensed', patient: subject, prescription: amlodipineAugust, status: 'declined', pharmacy, whenPrepared: '2026-08-11T10:00:00+01:00', quantity: { value: 0, unit: 'tablet' }, eps: '0007' }),
  dispense({ id: 'md-ap-amlodipine-2026-10', patient: subject, prescription: amlodipineOctober, status: 'completed', pharmacy, whenHandedOver: '2026-10-06T14:30:00+01:00', quantity: { value: 28, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-ap-metformin-2026-09', patient: subject, prescription: metforminIssue, status: 'completed', pharmacy, whenHandedOver: '2026-09-02T16:00:00+01:00', quantity: { value: 56, unit: 'tablet' }, eps: '0006' }),
  dispense({ id: 'md-ap-ciprofloxacin-2026-03', patient: subject, prescription: ciprofloxacin, status: 'completed', pharmacy, whenHandedOver: '2026-03-20T17:45:00+00:00', quantity: { value: 14, unit: 'tablet' }, eps: '0006' }),
];

// ------------------------------------------------------------------------------------------ care plan
const hba1cGoal = goal({ id: 'goal-ap-hba1c', patient: subject, description: 'HbA1c at or below 58 mmol/mol without hypoglycaemia', achievement: 'worsening', start: '2025-03-10', due: '2027-03-10', addresses: [ref(diabetes)] });
const potassiumGoal = goal({ id: 'goal-ap-potassium', patient: subject, description: 'Potassium kept below 5.5 mmol/L', achievement: 'improving', start: '2026-09-21', addresses: [ref(ckd), ref(hyperkalaemia)] });
const diabetesPlan = carePlan({
  id: 'cp-ap-diabetes-kidney',
  patient: subject,
  title: 'Diabetes and kidney care plan',
  description: 'Updated after the September admission: metformin stopped, furosemide on hold, low-potassium diet.',
  status: 'active',
  start: '2025-03-10',
  author: ref(aireValleySurgery, aireValleySurgery.name),
  contributors: [gp, { display: 'Aire View Nursing Home' }],
  addresses: [ref(diabetes), ref(ckd)],
  goals: [hba1cGoal, potassiumGoal],
  activities: [
    { status: 'in-progress', description: 'Check finger-prick glucose before breakfast and at bedtime; call the GP if below 4 or above 15.' },
    { status: 'in-progress', description: 'Low-potassium diet: no more than one banana, orange or potato portion a day.' },
    { status: 'scheduled', description: 'Kidney function and potassium blood test every 3 months (next due February 2027).' },
    { status: 'in-progress', description: 'Check his feet every month and after any new footwear.' },
  ],
});

// ------------------------------------------------------------------------------------------ documents
const registrar = ref(drAhmed, 'Dr Yusuf Ahmed');
const edSummary = dischargeSummary({
  id: 'comp-ap-ed-summary-2026-09-16',
  patient: subject,
  encounter: ref(edAttendance),
  date: '2026-09-16T12:20:00+01:00',
  title: 'Emergency department attendance summary',
  author: registrar,
  custodian: hospital,
  status: 'final',
  careSetting: ['310000008', 'Accident and Emergency service'],
  sections: [
    section({ title: 'Presenting complaints or issues', code: 'presenting-complaints-or-issues', html: '<p>Drowsy and weak after three days of diarrhoea. Blood glucose 2.6 on arrival of the ambulance.</p>' }),
    section({ title: 'Investigation results', code: 'investigation-results', html: '<p><strong>Potassium 6.8 (critical)</strong>, creatinine 215, eGFR 24, sodium 129, glucose 2.6. ECG: peaked T waves.</p>', entries: reports.filter((r) => r.id!.endsWith('2026-09-16')) }),
    section({ title: 'Diagnoses', code: 'diagnoses', html: '<ul><li>Hyperkalaemia</li><li>Acute kidney injury</li><li>Hypoglycaemia</li></ul>', entries: [hyperkalaemia, aki] }),
    section({ title: 'Plan and requested actions', code: 'plan-and-requested-actions', html: '<p>Calcium gluconate, insulin-dextrose, fluids. Admitted to the Acute Medical Unit.</p>' }),
  ],
});

const dischargeSections = (medicinesNote: string) => [
  section({ title: 'Admission details', code: 'admission-details', html: '<p>Emergency admission 16-Sep-2026 via the emergency department.</p>' }),
  section({ title: 'Diagnoses', code: 'diagnoses', html: '<ul><li>Hyperkalaemia (resolved)</li><li>Acute kidney injury stage 2 (improving)</li></ul>', entries: [hyperkalaemia, aki] }),
  section({
    title: 'Clinical summary',
    code: 'clinical-summary',
    html: '<p>Diarrhoeal illness with dehydration on furosemide and metformin. Potassium normalised by 18-Sep-2026. Creatinine 150 on discharge (baseline about 120).</p>',
  }),
  section({ title: 'Medications and medical devices', code: 'medications-and-medical-devices', html: medicinesNote, entries: [metforminPlan, furosemidePlan, amlodipinePlan] }),
  section({ title: 'Allergies and adverse reactions', code: 'allergies-and-adverse-reactions', html: '<p>No known allergies.</p>', entries: [noKnownAllergies] }),
  section({ title: 'Plan and requested actions', code: 'plan-and-requested-actions', html: '<p>GP: repeat U&amp;E and potassium in one week. Care home: low-potassium diet; encourage fluids.</p>' }),
];
const preliminarySummary = dischargeSummary({
  id: 'comp-ap-discharge-2026-09-21-preliminary',
  patient: subject,
  encounter: ref(admission),
  date: '2026-09-21T11:00:00+01:00',
  title: 'Inpatient discharge summary (preliminary)',
  author: registrar,
  custodian: hospital,
  status: 'preliminary',
  sections: dischargeSections('<p>Metformin stopped. Furosemide restarted at 40mg each morning.</p>'),
});
const amendedSummary = dischargeSummary({
  id: 'comp-ap-discharge-2026-09-21-amended',
  patient: subject,
  encounter: ref(admission),
  date: '2026-09-23T09:15:00+01:00',
  title: 'Inpatient discharge summary (amended)',
  author: registrar,
  attester: registrar,
  custodian: hospital,
  status: 'amended',
  replaces: preliminarySummary,
  sections: [
    section({
      title: 'Amendment',
      html: '<p><strong>Amended 23-Sep-2026:</strong> furosemide is to stay <strong>on hold</strong> (the preliminary summary wrongly said restarted).</p>',
    }),
    ...dischargeSections('<p>Metformin <strong>stopped</strong> (eGFR below 30). Furosemide <strong>on hold</strong> until the GP has checked kidney function. Amlodipine unchanged.</p>'),
  ],
});

const resources = [
  arthur,
  noKnownAllergies,
  diabetesReview,
  ambulance,
  edAttendance,
  admission,
  diabetes,
  ckd,
  hypertension,
  heartAttack,
  hyperkalaemia,
  aki,
  ...results,
  ...reports,
  amlodipinePlan,
  amlodipineJune,
  amlodipineJuly,
  amlodipineAugust,
  amlodipineOctober,
  amlodipineNovember,
  amlodipineIncrease,
  metforminPlan,
  metforminIssue,
  furosemidePlan,
  ciprofloxacin,
  ...dispenses,
  hba1cGoal,
  potassiumGoal,
  diabetesPlan,
  edSummary,
  preliminarySummary,
  amendedSummary,
  ...sharedResources,
];

export const arthurPemberton: Resident = {
  id,
  nhsNumber,
  name: 'Arthur Pemberton',
  description:
    '92, type 2 diabetes and chronic kidney disease in a Leeds nursing home. No known allergies (positively recorded). Results trends: HbA1c rising, eGFR falling, ' +
    'potassium up to a critical 6.8 (HH) and glucose 2.6 (LL). Ambulance, ED summary and admission for hyperkalaemia; discharge summary sent as preliminary, then amended. ' +
    'Prescriptions expired, not dispensed, to be dispensed, on hold, stopped and draft.',
  bundle: collection(`resident-${id}`, resources),
};
