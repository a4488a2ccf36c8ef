import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import { formatPatientName } from '@care-record/fhir';
import type { AllergyIntolerance, Bundle, MedicationRequest, Patient } from '@care-record/fhir';
import type { CareRecordSummary, PatientBanner } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-record-summary.js';
import '../../packages/elements/src/patient-banner.js';

const BASE = 'https://fhir.test/R4';

/** Every Synthea bundle in shared/fixtures/fhir/synthea. */
const SYNTHEA = [
  'Carlene_Schamberger_cc19113f-aa63-434b-ab4e-62a5f97f1f0b.json',
  'Carlota_Muro_ba29bb08-e7d6-44c2-92cc-894cc29b8494.json',
  'Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json',
  'Emilee_Ritchie_27abf6e8-2b5d-4ec0-bfd9-6b433fc73cc2.json',
  'Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json',
  'Joie_Morissette_c47db034-eb1c-4100-9448-4d4b3cb6535c.json',
  'Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json',
  'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json',
  'Rhett_Kuhlman_aa455d27-37f0-4617-9086-f2c26446e368.json',
  'Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json',
];

function text(element: Element | null | undefined): string {
  if (!element) return '';
  return ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

function resourcesOf<T>(bundle: Bundle, type: string): T[] {
  return (bundle.entry ?? []).map((entry) => entry.resource).filter((resource) => resource?.resourceType === type) as T[];
}

/** How many items a card accounts for: those listed plus "and N more". */
function accountedFor(card: Element): number {
  const listed = card.querySelectorAll('.items > .item').length;
  const more = /and (\d+) more/.exec(text(card.querySelector('[part~="more"]')))?.[1];
  return listed + Number(more ?? 0);
}

describe('<care-record-summary> and <patient-banner> over every Synthea bundle', function () {
  // Real bundles are large (up to 3.4 MB): indexing them and checking whole summaries with axe takes time.
  this.timeout(60000);

  const worker = setupWorker();
  let problems: string[] = [];
  const originalError = console.error;
  const originalWarn = console.warn;
  const onWindowError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    problems = [];
    console.error = (...args: unknown[]) => {
      problems.push(`console.error: ${args.map(String).join(' ')}`);
      originalError.apply(console, args);
    };
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes('Lit is in dev mode')) problems.push(`console.warn: ${args.map(String).join(' ')}`);
      originalWarn.apply(console, args);
    };
    window.addEventListener('error', onWindowError);
  });
  afterEach(() => {
    console.error = originalError;
    console.warn = originalWarn;
    window.removeEventListener('error', onWindowError);
    worker.resetHandlers();
  });
  after(() => worker.stop());

  for (const file of SYNTHEA) {
    it(`shows ${file.split('_').slice(0, 2).join(' ')} without errors`, async () => {
      const response = await fetch(`/__shared/fixtures/fhir/synthea/${file}`);
      expect(response.ok, `fixture ${file} is missing`).to.equal(true);
      const bundle = (await response.json()) as Bundle;
      const patient = resourcesOf<Patient>(bundle, 'Patient')[0]!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));

      const provider = await fixture(html`
        <care-record-provider fhir-base-url=${BASE} patient-id=${patient.id!} auth-mode="token" .tokenProvider=${() => 't'}>
          <patient-banner></patient-banner>
          <care-record-summary></care-record-summary>
        </care-record-provider>
      `);
      const banner = provider.querySelector('patient-banner') as PatientBanner;
      const summary = provider.querySelector('care-record-summary') as CareRecordSummary;
      await waitUntil(
        () => summary.shadowRoot!.querySelectorAll('.card').length === 7 && !summary.shadowRoot!.querySelector('[aria-busy="true"]'),
        `${file}: the summary never finished loading`,
        { timeout: 30000 },
      );
      await waitUntil(() => banner.shadowRoot!.querySelector('.banner'), `${file}: no banner`);

      // The banner: the person, and "Not known" for the NHS number Synthea (a US generator) never has.
      expect(text(banner.shadowRoot!.querySelector('h2'))).to.equal(formatPatientName(patient));
      expect(text(banner)).to.include('NHS No. Not known');
      expect(text(banner).includes('Deceased')).to.equal(!!patient.deceasedDateTime);

      // No section failed.
      expect(summary.shadowRoot!.querySelectorAll('[role="alert"]'), `${file}: a section failed`).to.have.length(0);

      // Every allergy in the bundle is accounted for (listed, or counted in "and N more").
      const allergies = resourcesOf<AllergyIntolerance>(bundle, 'AllergyIntolerance');
      const allergyCard = summary.shadowRoot!.querySelector('.card.allergies')!;
      if (allergies.length) expect(accountedFor(allergyCard)).to.equal(allergies.length);
      else expect(text(allergyCard)).to.include('No allergies recorded');

      // Each medicine shown is one of the bundle's prescriptions.
      const prescribed = new Set(resourcesOf<MedicationRequest>(bundle, 'MedicationRequest').map((request) => request.medicationCodeableConcept?.text ?? request.medicationCodeableConcept?.coding?.[0]?.display));
      for (const name of summary.shadowRoot!.querySelectorAll('.card.medications .item-title strong')) expect(prescribed.has(text(name)), text(name)).to.equal(true);

      expect(problems, problems.join('\n')).to.deep.equal([]);
      await expect(banner).to.be.accessible();
      await expect(summary).to.be.accessible();
    });
  }
});
