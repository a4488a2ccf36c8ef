// Doris Okafor, 85, COPD and heart failure, in a care home in Lewisham. Nothing has ever been recorded
// about allergies (not the same as "no known allergies"). Her discharge summary was first sent for
// the wrong admission and marked entered-in-error; the corrected one is also available as an HTML
// document, the form some hospital systems publish.
import {
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
import { drPatel, hillsidePharmacy, lewishamHighStreetPractice, sharedResources, southLondonHospital } from './organisations.js';
import { base64Size, base64Utf8 } from './pdf.js';

const id = 'doris-okafor';
const nhsNumber = '9993318426';

const doris = patient({
  id,
  nhsNumber,
  family: 'Okafor',
  given: ['Doris', 'Abimbola'],
  prefix: 'Mrs',
  gender: 'female',
  birthDate: '1941-02-14',
  address: { line: ['Rosemary House Care Home', '27 Ladywell Road'], city: 'London', postalCode: 'SE13 7UW' },
  phone: '020 7946 0444',
  gp: lewishamHighStreetPractice,
  contact: { relationship: 'Niece', family: 'Eze', given: 'Chioma', phone: '07700 900789' },
});
const subject = ref(doris, 'Doris Okafor');
const gp = ref(drPatel, 'Dr Anita Patel');
const hospital = ref(southLondonHospital, southLondonHospital.name);
const physician = { display: 'Dr Helen Marsh, Respiratory consultant' };

const admission = encounter({
  id: 'enc-do-admission-2026-08-10',
  patient: subject,
  class: ENCOUNTER_CLASS.inpatient,
  type: sct('32485007', 'Hospital admission'),
  start: '2026-08-10T16:20:00+01:00',
  end: '2026-08-17T13:00:00+01:00',
  provider: hospital,
  reason: sct('195951007', 'Acute exacerbation of chronic obstructive airways disease'),
  location: 'Respiratory ward, South London General Hospital',
  admissionMethod: ['22', 'Emergency Admission: General Practitioner: after a request for immediate admission'],
  dischargeDestination: ['85', 'Non-NHS (other than Local Authority) run Care Home', 'Returned to Rosemary House Care Home'],
});

const copd = condition({ id: 'cond-do-copd', patient: subject, code: sct('13645005', 'Chronic obstructive lung disease'), clinical: 'active', onset: '2012', recordedDate: '2012-10-03' });
const heartFailure = condition({ id: 'cond-do-heart-failure', patient: subject, code: sct('84114007', 'Heart failure'), clinical: 'active', onset: '2020-02', recordedDate: '2020-02-26' });
const osteoporosis = condition({ id: 'cond-do-osteoporosis', patient: subject, code: sct('64859006', 'Osteoporosis'), clinical: 'active', onset: '2016', recordedDate: '2016-05-09' });
const cataract = condition({
  id: 'cond-do-cataract',
  patient: subject,
  code: sct('193570009', 'Cataract'),
  clinical: 'resolved',
  onset: '2017',
  abatement: '2018-03-22',
  recordedDate: '2017-09-14',
  note: 'Right cataract operation March 2018.',
});
const exacerbation = condition({
  id: 'cond-do-copd-exacerbation',
  patient: subject,
  code: sct('195951007', 'Acute exacerbation of chronic obstructive airways disease'),
  category: 'encounter-diagnosis',
  clinical: 'resolved',
  onset: '2026-08-08',
  abatement: '2026-08-24',
  recordedDate: '2026-08-10T18:00:00+01:00',
  encounter: ref(admission),
});

const furosemidePlan = prescription({
  id: 'mr-do-furosemide-plan',
  patient: subject,
  medication: sct('317972000', 'Furosemide 40mg tablets'),
  status: 'active',
  intent: 'plan',
  authoredOn: '2020-03-02',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  quantity: { value: 28, unit: 'tablet' },
  repeats: { allowed: 12, issued: 10, expires: '2027-03-02' },
});
const furosemideIssue = prescription({
  id: 'mr-do-furosemide-issue-2026-11-02',
  patient: subject,
  medication: sct('317972000', 'Furosemide 40mg tablets'),
  status: 'completed',
  intent: 'order',
  authoredOn: '2026-11-02T09:00:00+00:00',
  requester: gp,
  dosage: 'One tablet each morning.',
  course: 'continuous',
  basedOn: ref(furosemidePlan),
  eps: '0006',
  quantity: { value: 28, unit: 'tablet' },
});
const doxycycline = prescription({
  id: 'mr-do-doxycycline-discharge',
  patient: subject,
  medication: sct('41948311000001104', 'Doxycycline 100mg capsules'),
  status: 'completed',
  intent: 'order',
  category: 'discharge',
  authoredOn: '2026-08-17T10:00:00+01:00',
  requester: physician,
  encounter: ref(admission),
  dosage: 'One capsule daily for 2 more days, then stop.',
  course: 'acute',
  quantity: { value: 2, unit: 'capsule' },
});
const dispenses = [
  dispense({
    id: 'md-do-furosemide-2026-11',
    patient: subject,
    prescription: furosemideIssue,
    status: 'completed',
    pharmacy: ref(hillsidePharmacy, hillsidePharmacy.name),
    whenHandedOver: '2026-11-03T14:00:00+00:00',
    quantity: { value: 28, unit: 'tablet' },
    eps: '0006',
  }),
];

const lab = ref(southLondonHospital, 'Pathology, South London General Hospital');
const fbcTaken = '2026-08-10T17:00:00+01:00';
const fbcIssued = '2026-08-10T19:15:00+01:00';
const fbcResults = [
  labResult({ id: 'obs-do-hb-2026-08-10', patient: subject, test: TESTS.haemoglobin, value: 121, effective: fbcTaken, issued: fbcIssued, performer: lab }),
  labResult({ id: 'obs-do-wcc-2026-08-10', patient: subject, test: TESTS.whiteCells, value: 12.8, effective: fbcTaken, issued: fbcIssued, flag: 'H', performer: lab }),
  labResult({ id: 'obs-do-crp-2026-08-10', patient: subject, test: TESTS.crp, value: 62, effective: fbcTaken, issued: fbcIssued, flag: 'H', performer: lab }),
];
const fbc = report({
  id: 'dr-do-fbc-2026-08-10',
  patient: subject,
  code: sct('26604007', 'Full blood count'),
  category: 'LAB',
  effective: fbcTaken,
  issued: fbcIssued,
  performer: lab,
  results: fbcResults,
  encounter: ref(admission),
});

const breathing = goal({ id: 'goal-do-breathing', patient: subject, description: 'Walk to the lounge without stopping to rest', achievement: 'in-progress', start: '2026-08-20', addresses: [ref(copd)] });
const copdPlan = carePlan({
  id: 'cp-do-copd',
  patient: subject,
  title: 'COPD and breathlessness plan',
  description: 'What to do when Doris is more breathless than usual, and how to keep her well.',
  status: 'active',
  start: '2026-08-20',
  author: ref(lewishamHighStreetPractice, lewishamHighStreetPractice.name),
  addresses: [ref(copd), ref(heartFailure)],
  goals: [breathing],
  activities: [
    { status: 'in-progress', description: 'Sit her upright and open a window when breathless; use the hand-held fan.' },
    { status: 'in-progress', description: 'Weigh every morning: a gain of 2 kg in 3 days may mean fluid is building up. Call the GP.' },
    { status: 'scheduled', description: 'Pulmonary rehabilitation assessment (referral sent 20-Aug-2026).' },
    { status: 'cancelled', description: 'Home oxygen assessment: not needed, saturation 94% at rest on review.' },
  ],
});

const sections = (wrongPatient: boolean) => [
  section({
    title: 'Diagnoses',
    code: 'diagnoses',
    html: wrongPatient ? '<p>Community-acquired pneumonia. Type 1 diabetes.</p>' : '<p>Infective exacerbation of COPD.</p><p>Comorbidities: heart failure, osteoporosis.</p>',
    entries: wrongPatient ? [] : [exacerbation],
  }),
  section({
    title: 'Clinical summary',
    code: 'clinical-summary',
    html: wrongPatient
      ? '<p>Treated with intravenous antibiotics and an insulin infusion.</p>'
      : '<p>Admitted by her GP with increased breathlessness and green sputum. Treated with nebulisers, prednisolone and doxycycline. Back to her usual exercise tolerance on discharge.</p>',
  }),
  section({
    title: 'Medications and medical devices',
    code: 'medications-and-medical-devices',
    html: wrongPatient ? '<p>Insulin glargine 10 units at night (new).</p>' : '<p>Doxycycline 100mg daily for 2 more days (new, short course). Furosemide unchanged.</p>',
    entries: wrongPatient ? [] : [doxycycline, furosemidePlan],
  }),
  section({
    title: 'Allergies and adverse reactions',
    code: 'allergies-and-adverse-reactions',
    html: '<p>No allergy information was recorded by the hospital.</p>',
    emptyReason: 'unavailable',
  }),
  section({ title: 'Plan and requested actions', code: 'plan-and-requested-actions', html: '<p>GP review in 2 weeks. Pulmonary rehabilitation referral made.</p>' }),
];
const wrongSummary = dischargeSummary({
  id: 'comp-do-discharge-2026-08-17-error',
  patient: subject,
  encounter: ref(admission),
  date: '2026-08-17T11:00:00+01:00',
  title: 'Inpatient discharge summary',
  author: physician,
  custodian: hospital,
  status: 'entered-in-error',
  sections: sections(true),
});
const summary = dischargeSummary({
  id: 'comp-do-discharge-2026-08-17',
  patient: subject,
  encounter: ref(admission),
  date: '2026-08-17T16:00:00+01:00',
  title: 'Inpatient discharge summary',
  author: physician,
  attester: physician,
  custodian: hospital,
  status: 'final',
  sections: sections(false),
});

const html = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Discharge summary: Doris Okafor</title></head>
<body>
<h1>Discharge summary</h1>
<p>South London General Hospital NHS Trust, Respiratory ward</p>
<table>
<tr><th>Patient</th><td>OKAFOR, Doris Abimbola</td></tr>
<tr><th>NHS number</th><td>999 331 8426</td></tr>
<tr><th>Admitted</th><td>10-Aug-2026</td></tr>
<tr><th>Discharged</th><td>17-Aug-2026, to Rosemary House Care Home</td></tr>
</table>
<h2>Diagnosis</h2><p>Infective exacerbation of COPD.</p>
<h2>Medicines</h2><ul><li>Doxycycline 100mg daily for 2 more days (new)</li><li>Furosemide 40mg each morning (unchanged)</li></ul>
<h2>Allergies</h2><p>No allergy information recorded.</p>
<h2>Follow-up</h2><p>GP review in 2 weeks. Pulmonary rehabilitation referral made.</p>
<p>Dr Helen Marsh, Respiratory consultant</p>
</body></html>`;
const htmlData = base64Utf8(html);
const htmlDocument = documentReference({
  id: 'doc-do-discharge-2026-08-17-html',
  patient: subject,
  type: sct('373942005', 'Discharge summary'),
  date: '2026-08-17T16:05:00+01:00',
  description: 'Discharge summary, Respiratory ward',
  author: physician,
  custodian: hospital,
  encounter: ref(admission),
  period: { start: '2026-08-10T16:20:00+01:00', end: '2026-08-17T13:00:00+01:00' },
  setting: { text: 'Respiratory medicine' },
  docStatus: 'final',
  attachment: { contentType: 'text/html', language: 'en-GB', data: htmlData, size: base64Size(htmlData), title: 'Discharge summary 17-Aug-2026', creation: '2026-08-17T16:05:00+01:00' },
});

const resources = [
  doris,
  admission,
  copd,
  heartFailure,
  osteoporosis,
  cataract,
  exacerbation,
  furosemidePlan,
  furosemideIssue,
  doxycycline,
  ...dispenses,
  ...fbcResults,
  fbc,
  breathing,
  copdPlan,
  wrongSummary,
  summary,
  htmlDocument,
  ...sharedResources,
];

export const dorisOkafor: Resident = {
  id,
  nhsNumber,
  name: 'Doris Okafor',
  description:
    '85, COPD and heart failure in a Lewisham care home. No allergy information recorded at all (nothing recorded, not "no known allergies"). ' +
    'A discharge summary entered in error (wrong patient) and the corrected final one, also as an HTML document. Active, scheduled and cancelled care plan activities.',
  bundle: collection(`resident-${id}`, resources),
};
