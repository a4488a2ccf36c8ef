// Evelyn Marsh's record is restricted (confidentiality R): some of it is sensitive and sharing is
// limited to staff with a legitimate relationship. Hosts should show that restriction, and the
// server may withhold items: a test of how widgets announce confidential data.
import { allergy, carePlan, collection, condition, labResult, patient, prescription, ref, report, type Resident, restricted, sct, TESTS } from './builders.js';
import { cliftonDownsPractice, sharedResources } from './organisations.js';

const id = 'evelyn-marsh';
const nhsNumber = '9996601544';

const evelyn = patient({
  id,
  nhsNumber,
  family: 'Marsh',
  given: ['Evelyn', 'Grace'],
  prefix: 'Ms',
  gender: 'female',
  birthDate: '1947-03-08',
  address: { line: ['Downs View Care Home', '40 Pembroke Road'], city: 'Bristol', postalCode: 'BS8 3BB' },
  gp: cliftonDownsPractice,
  meta: restricted,
});
const subject = ref(evelyn, 'Evelyn Marsh');
const practice = ref(cliftonDownsPractice, cliftonDownsPractice.name);

const aspirin = allergy({
  id: 'allergy-em-aspirin',
  patient: subject,
  code: sct('293586001', 'Allergy to aspirin'),
  verification: 'confirmed',
  type: 'allergy',
  category: ['medication'],
  criticality: 'low',
  recordedDate: '2010-11-23',
  reactions: [{ manifestation: sct('247472004', 'Urticarial rash'), severity: 'moderate' }],
});
const parkinsons = condition({ id: 'cond-em-parkinsons', patient: subject, code: sct('49049000', "Parkinson's disease"), clinical: 'active', onset: '2019', recordedDate: '2019-07-15' });
const depression = condition({
  id: 'cond-em-depression',
  patient: subject,
  code: sct('35489007', 'Depressive disorder'),
  clinical: 'active',
  onset: '2023-02',
  recordedDate: '2023-02-20',
  meta: restricted,
  note: 'Sensitive: shared only with staff directly involved in her care.',
});
const paracetamol = prescription({
  id: 'mr-em-paracetamol-plan',
  patient: subject,
  medication: sct('322236009', 'Paracetamol 500mg tablets'),
  status: 'active',
  intent: 'plan',
  authoredOn: '2024-04-02',
  requester: practice,
  dosage: 'Two tablets up to four times a day when required.',
  course: 'continuous',
  repeats: { allowed: 6, issued: 2, expires: '2027-04-02' },
});
const lab = ref(cliftonDownsPractice, 'Pathology via Clifton Downs Practice');
const hb = labResult({ id: 'obs-em-hb-2026-10-05', patient: subject, test: TESTS.haemoglobin, value: 129, effective: '2026-10-05T09:00:00+01:00', issued: '2026-10-05T15:00:00+01:00', performer: lab });
const fbc = report({
  id: 'dr-em-fbc-2026-10-05',
  patient: subject,
  code: sct('26604007', 'Full blood count'),
  category: 'LAB',
  effective: '2026-10-05T09:00:00+01:00',
  issued: '2026-10-05T15:00:00+01:00',
  performer: lab,
  results: [hb],
});
const plan = carePlan({
  id: 'cp-em-parkinsons',
  patient: subject,
  title: "Parkinson's care plan",
  description: 'Medicines on time, every time; mobility and swallowing.',
  status: 'active',
  start: '2025-05-01',
  author: practice,
  addresses: [ref(parkinsons)],
  activities: [
    { status: 'in-progress', description: "Give Parkinson's medicines at exactly the prescribed times (08:00, 12:00, 16:00, 20:00)." },
    { status: 'scheduled', description: 'Speech and language therapy swallow review, January 2027.' },
  ],
});

export const evelynMarsh: Resident = {
  id,
  nhsNumber,
  name: 'Evelyn Marsh',
  description:
    "79, restricted record (confidentiality R on the Patient and a sensitive condition) at a Bristol care home. Parkinson's disease, aspirin allergy, one blood test, one care plan.",
  bundle: collection(`resident-${id}`, [evelyn, aspirin, parkinsons, depression, paracetamol, hb, fbc, plan, ...sharedResources]),
};
