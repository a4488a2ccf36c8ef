// Harold Brennan died at his Norwich care home on 12-Sep-2026, as his end-of-life plan intended.
// A deceased resident: the banner must say so, medicines are stopped, the plan is completed.
import { allergy, carePlan, collection, condition, encounter, ENCOUNTER_CLASS, goal, patient, prescription, ref, type Resident, sct } from './builders.js';
import { cathedralGreenSurgery, drMensah, sharedResources } from './organisations.js';

const id = 'harold-brennan';
const nhsNumber = '9994402676';

const harold = patient({
  id,
  nhsNumber,
  family: 'Brennan',
  given: ['Harold'],
  prefix: 'Mr',
  gender: 'male',
  birthDate: '1929-08-30',
  deceased: '2026-09-12T03:40:00+01:00',
  address: { line: ['Cathedral View Care Home', '5 Bishopgate'], city: 'Norwich', district: 'Norfolk', postalCode: 'NR1 4AA' },
  gp: cathedralGreenSurgery,
  contact: { relationship: 'Wife', family: 'Brennan', given: 'Maureen', phone: '07700 900321' },
});
const subject = ref(harold, 'Harold Brennan');
const gp = ref(drMensah, 'Dr Kofi Mensah');

const noDrugAllergy = allergy({
  id: 'allergy-hb-nkda',
  patient: subject,
  code: sct('409137002', 'No known drug allergy'),
  verification: 'confirmed',
  recordedDate: '2022-01-18',
});
const prostateCancer = condition({
  id: 'cond-hb-prostate-cancer',
  patient: subject,
  code: sct('399068003', 'Malignant tumor of prostate'),
  clinical: 'active',
  onset: '2022-01',
  recordedDate: '2022-01-18',
  note: 'Metastatic to bone. Hormone treatment stopped in 2025 at his request.',
});
const endOfLifeRegister = condition({
  id: 'cond-hb-end-of-life-register',
  patient: subject,
  code: sct('526631000000108', 'On end of life care register'),
  clinical: 'active',
  onset: '2026-06-30',
  recordedDate: '2026-06-30',
});
const visit = encounter({
  id: 'enc-hb-gp-visit-2026-09-10',
  patient: subject,
  class: ENCOUNTER_CLASS.homeHealth,
  type: sct('439708006', 'Home visit'),
  start: '2026-09-10T14:00:00+01:00',
  end: '2026-09-10T14:30:00+01:00',
  provider: ref(cathedralGreenSurgery, cathedralGreenSurgery.name),
  participant: gp,
  reason: { text: 'End-of-life review' },
});
const paracetamol = prescription({
  id: 'mr-hb-paracetamol-plan',
  patient: subject,
  medication: sct('322236009', 'Paracetamol 500mg tablets'),
  status: 'stopped',
  statusReason: 'Patient died 12-Sep-2026.',
  intent: 'plan',
  authoredOn: '2022-02-01',
  requester: gp,
  dosage: 'Two tablets four times a day.',
  course: 'continuous',
  repeats: { allowed: 12, issued: 12 },
});
const comfortable = goal({
  id: 'goal-hb-comfortable-at-home',
  patient: subject,
  lifecycle: 'completed',
  description: 'Comfortable and free of pain at Cathedral View, without transfer to hospital',
  achievement: 'achieved',
  start: '2026-06-30',
});
const endOfLifePlan = carePlan({
  id: 'cp-hb-end-of-life',
  patient: subject,
  title: 'End of life care plan',
  description: 'Harold wished to die at Cathedral View with Maureen present. Do not attempt cardiopulmonary resuscitation decision recorded 30-Jun-2026.',
  status: 'completed',
  start: '2026-06-30',
  end: '2026-09-12',
  author: ref(cathedralGreenSurgery, cathedralGreenSurgery.name),
  addresses: [ref(prostateCancer)],
  goals: [comfortable],
  activities: [
    { status: 'completed', description: 'Anticipatory medicines kept at the home (prescribed 2-Sep-2026).' },
    { status: 'completed', description: 'Community nurse visits daily in the last week.' },
    { status: 'completed', description: 'Maureen and their daughter to be called at any hour if he deteriorates.' },
  ],
});

export const haroldBrennan: Resident = {
  id,
  nhsNumber,
  name: 'Harold Brennan',
  description:
    'Deceased 12-Sep-2026, aged 97, at his Norwich care home. No known drug allergy. Metastatic prostate cancer, on the end of life care register; completed end of life care plan; medicines stopped.',
  bundle: collection(`resident-${id}`, [harold, noDrugAllergy, prostateCancer, endOfLifeRegister, visit, paracetamol, comfortable, endOfLifePlan, ...sharedResources]),
};
