import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Bundle, FhirResource } from '@care-record/fhir';
import { defineCareRecordElements } from '@care-record/elements';
import { bundleHandlers, fixtureBundle, withRecord } from './support/record.js';

// Every registered widget, as a vendor's page with the bundle has them.
defineCareRecordElements();

interface Loaded {
  bundle: Bundle;
  patientId: string;
}

/** A fixture as a Bundle (single resources are wrapped), and the id of the first Patient in it. */
async function loadRecord(path: string): Promise<Loaded> {
  const json = (await fixtureBundle(path)) as Bundle | FhirResource;
  const bundle: Bundle = json.resourceType === 'Bundle' ? json : { resourceType: 'Bundle', type: 'collection', entry: [{ resource: json }] };
  const patient = (bundle.entry ?? []).map((entry) => entry.resource).find((resource) => resource?.resourceType === 'Patient');
  const subject = (bundle.entry ?? [])
    .map((entry) => (entry.resource as { subject?: { reference?: string } } | undefined)?.subject?.reference)
    .find((reference) => reference?.startsWith('Patient/'));
  return { bundle, patientId: patient?.id ?? subject?.slice('Patient/'.length) ?? '' };
}

const meta: Meta = {
  title: 'Real data',
  tags: ['!autodocs'],
  parameters: {
    layout: 'fullscreen',
    docs: {
      description: {
        component:
          'Whole records from real example data (shared/fixtures/fhir: Synthea, HL7 R4 and UK Core examples), served by the same msw FHIR handlers as the tests: every widget at once, as a care-home system would show them.',
      },
    },
  },
  render: (_args, { loaded }) =>
    html`<div style="display: grid; gap: 24px; padding: 16px; max-width: 1100px">
      ${withRecord(
        (loaded as Loaded).patientId,
        html`<patient-banner></patient-banner>
          <care-record-summary></care-record-summary>
          <allergy-list></allergy-list>
          <problem-list></problem-list>
          <medication-list></medication-list>
          <discharge-list></discharge-list>
          <test-results></test-results>
          <diagnostic-report-list></diagnostic-report-list>
          <care-plan-list></care-plan-list>
          <encounter-list></encounter-list>
          <document-list></document-list>`,
      )}
    </div>`,
  // Loaders run before beforeEach, and the msw loader has set up `msw` by then.
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as Loaded).bundle]));
  },
};
export default meta;
type Story = StoryObj;

const story = (path: string): Story => ({ loaders: [() => loadRecord(path)] });

/** Synthea: Jacqueline Wyman, a long record (encounters, observations, notes over decades). */
export const SyntheaJacquelineWyman = story('synthea/Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json');

/** Synthea: Don Moore. */
export const SyntheaDonMoore = story('synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json');

/** Synthea: Miguel Garibay (care plans). */
export const SyntheaMiguelGaribay = story('synthea/Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json');

/** Synthea: Lanell Goodwin (62 clinical-note documents, results). */
export const SyntheaLanellGoodwin = story('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json');

/** HL7 R4: the discharge summary document example (a FHIR document Bundle). */
export const Hl7DischargeSummaryDocument = story('hl7-r4/document-example-dischargesummary.json');

/** UK Core: an allergy list Bundle. */
export const UkCoreAllergyList = story('uk-core/UKCore-Bundle-AllergyList-Example.json');
