// A resident with a very long record, for benchmarks and paging tests: thousands of results over
// twenty years and hundreds of documents. Generated deterministically (same options, same data).
import type { Composition, DiagnosticReport, DocumentReference, Encounter, FhirResource, Observation } from '@care-record/fhir';
import { base64Utf8 } from './pdf.js';
import {
  collection,
  dischargeSummary,
  documentReference,
  encounter,
  ENCOUNTER_CLASS,
  type Flag,
  type LabTest,
  labResult,
  patient,
  ref,
  report,
  type Resident,
  sct,
  section,
  TESTS,
} from './builders.js';
import { drOkoro, drPatel, generalHospital, riversidePractice } from './organisations.js';

/** Options of {@link generateLargeResident}. */
export interface LargeResidentOptions {
  /** Laboratory Observations, grouped into DiagnosticReports of up to four (default 10000). */
  observations?: number;
  /** Documents: alternately discharge-summary Compositions and DocumentReferences, each with an admission (default 500). */
  documents?: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Patient id (default `large-resident`). */
  id?: string;
}

// mulberry32: a tiny deterministic PRNG.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flagFor(test: LabTest, value: number): Flag | undefined {
  if (test.low !== undefined && value < test.low) return value < test.low * 0.75 ? 'LL' : 'L';
  if (test.high !== undefined && value > test.high) return value > test.high * 1.4 ? 'HH' : 'H';
  return undefined;
}

const PANELS: Array<{ code: [string, string]; tests: LabTest[] }> = [
  { code: ['252167001', 'Urea and electrolytes'], tests: [TESTS.sodium, TESTS.potassium, TESTS.creatinine, TESTS.egfr] },
  { code: ['26604007', 'Full blood count'], tests: [TESTS.haemoglobin, TESTS.whiteCells, TESTS.platelets] },
  { code: ['43396009', 'Haemoglobin A1c measurement'], tests: [TESTS.hba1c] },
  { code: ['55235003', 'C-reactive protein measurement'], tests: [TESTS.crp] },
];

const TYPICAL = new Map<LabTest, [number, number]>([
  [TESTS.sodium, [138, 4]],
  [TESTS.potassium, [4.6, 0.6]],
  [TESTS.creatinine, [95, 25]],
  [TESTS.egfr, [55, 12]],
  [TESTS.haemoglobin, [125, 14]],
  [TESTS.whiteCells, [8, 3]],
  [TESTS.platelets, [260, 70]],
  [TESTS.hba1c, [50, 9]],
  [TESTS.crp, [6, 8]],
]);

const DAY = 86_400_000;

/**
 * A synthetic resident with a very long record, for benchmarks (`{ observations: 10000, documents: 500 }`
 * by default): results spread evenly over the twenty years to 2026, grouped in DiagnosticReports, and
 * discharge summaries (Compositions) and documents (DocumentReferences with small HTML attachments),
 * each with its admission. NHS number 999 770 3812.
 */
export function generateLargeResident(options: LargeResidentOptions = {}): Resident {
  const observationCount = options.observations ?? 10000;
  const documentCount = options.documents ?? 500;
  const rand = random(options.seed ?? 1);
  const id = options.id ?? 'large-resident';
  const nhsNumber = '9997703812';
  const person = patient({
    id,
    nhsNumber,
    family: 'Longstaff',
    given: ['Peter'],
    prefix: 'Mr',
    gender: 'male',
    birthDate: '1931-01-15',
    address: { line: ['Willow Court Care Home', '14 Mill Lane'], city: 'Reading', postalCode: 'RG1 6QW' },
    gp: riversidePractice,
  });
  const subject = ref(person, 'Peter Longstaff');
  const lab = ref(generalHospital, 'Pathology, Thames Valley General Hospital');
  const resources: FhirResource[] = [person, riversidePractice, generalHospital, drPatel, drOkoro];

  const start = Date.UTC(2006, 11, 1);
  const end = Date.UTC(2026, 10, 20);
  const observations: Observation[] = [];
  const reports: DiagnosticReport[] = [];
  let n = 0;
  let panelIndex = 0;
  // Panels in round-robin, spread evenly in time; a little jitter in the hour.
  const panelsNeeded = Math.ceil(observationCount / 3);
  while (n < observationCount) {
    const panel = PANELS[panelIndex % PANELS.length]!;
    const at = start + Math.floor(((end - start) * panelIndex) / panelsNeeded) + Math.floor(rand() * 8) * 3_600_000;
    const taken = new Date(at).toISOString().replace('.000Z', '+00:00');
    const issued = new Date(at + 5 * 3_600_000).toISOString().replace('.000Z', '+00:00');
    const results: Observation[] = [];
    for (const test of panel.tests) {
      if (n >= observationCount) break;
      const [mean, spread] = TYPICAL.get(test)!;
      const value = Math.max(0.1, Math.round((mean + (rand() * 2 - 1) * spread * 1.6) * 10) / 10);
      results.push(labResult({ id: `obs-large-${n}`, patient: subject, test, value, effective: taken, issued, flag: flagFor(test, value), performer: lab }));
      n++;
    }
    observations.push(...results);
    reports.push(report({ id: `dr-large-${panelIndex}`, patient: subject, code: sct(...panel.code), category: 'LAB', effective: taken, issued, performer: lab, results }));
    panelIndex++;
  }

  const encounters: Encounter[] = [];
  const documents: Array<Composition | DocumentReference> = [];
  for (let d = 0; d < documentCount; d++) {
    const admitted = start + Math.floor(((end - start) * d) / Math.max(1, documentCount)) + Math.floor(rand() * 3) * DAY;
    const days = 1 + Math.floor(rand() * 9);
    const discharged = admitted + days * DAY;
    const iso = (t: number) => new Date(t).toISOString().replace('.000Z', '+00:00');
    const stay = encounter({
      id: `enc-large-${d}`,
      patient: subject,
      class: ENCOUNTER_CLASS.inpatient,
      type: sct('32485007', 'Hospital admission'),
      start: iso(admitted),
      end: iso(discharged),
      provider: ref(generalHospital, generalHospital.name),
      dischargeDestination: ['85', 'Non-NHS (other than Local Authority) run Care Home'],
    });
    encounters.push(stay);
    const date = iso(discharged + 2 * 3_600_000);
    if (d % 2 === 0) {
      documents.push(
        dischargeSummary({
          id: `comp-large-${d}`,
          patient: subject,
          encounter: ref(stay),
          date,
          title: `Inpatient discharge summary ${d + 1}`,
          author: ref(drOkoro, 'Dr Ada Okoro'),
          custodian: ref(generalHospital, generalHospital.name),
          status: 'final',
          sections: [
            section({ title: 'Clinical summary', code: 'clinical-summary', html: `<p>Admission ${d + 1} of ${documentCount}: ${days} days.</p>` }),
            section({ title: 'Plan and requested actions', code: 'plan-and-requested-actions', html: '<p>GP review in two weeks.</p>' }),
          ],
        }),
      );
    } else {
      const data = base64Utf8(`<!DOCTYPE html><html lang="en-GB"><head><title>Discharge letter ${d + 1}</title></head><body><p>Admission ${d + 1}: ${days} days.</p></body></html>`);
      documents.push(
        documentReference({
          id: `doc-large-${d}`,
          patient: subject,
          type: sct('373942005', 'Discharge summary'),
          date,
          description: `Discharge letter ${d + 1}`,
          author: ref(drOkoro, 'Dr Ada Okoro'),
          custodian: ref(generalHospital, generalHospital.name),
          encounter: ref(stay),
          attachment: { contentType: 'text/html', data, title: `Discharge letter ${d + 1}` },
        }),
      );
    }
  }

  resources.push(...observations, ...reports, ...encounters, ...documents);
  return {
    id,
    nhsNumber,
    name: 'Peter Longstaff',
    description: `Generated long record for benchmarks: ${observationCount} results in ${reports.length} reports and ${documentCount} discharge documents over twenty years.`,
    bundle: collection(`resident-${id}`, resources),
  };
}
