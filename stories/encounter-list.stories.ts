import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { generateLargeResident } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, Encounter, FhirResource, Patient } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/encounter-list.js';

/*
 * <encounter-list>: a newest-first timeline of hospital stays, emergency department, ambulance,
 * outpatient and community contacts, each with its kind in words and an icon, and buttons opening the
 * summaries written for it. Stories for the packaged residents, every shared state, an entered-in-error
 * notice, hundreds of encounters, summaries that fail to load, 320px, dark colours and real data.
 */

interface EncounterArgs {
  patientId: string;
  kinds: string;
  pageSize: number;
  headingLevel: number;
}

const timeline = (patientId: string | undefined, args: Partial<EncounterArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<encounter-list
      kinds=${args.kinds ?? 'inpatient emergency ambulance outpatient other'}
      page-size=${args.pageSize ?? 50}
      heading-level=${args.headingLevel ?? 2}
    ></encounter-list>`,
    options,
  );

const padded = (content: TemplateResult) => html`<div style="padding: 16px; max-width: 56rem">${content}</div>`;

const meta: Meta<EncounterArgs> = {
  title: 'Widgets/encounter-list',
  component: 'encounter-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { patientId: residentId('Arthur'), kinds: 'inpatient emergency ambulance outpatient other', pageSize: 50, headingLevel: 2 },
  argTypes: {
    patientId: { control: 'select', options: ['arthur-pemberton', 'margaret-whitfield', 'doris-okafor', 'harold-brennan', 'evelyn-marsh'] },
    kinds: { control: 'text', description: 'Kinds shown: inpatient, emergency, ambulance, outpatient, other.' },
    pageSize: { control: { type: 'number', min: 1, max: 100 }, description: 'Encounters per request (_count).' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => padded(timeline(args.patientId, args)),
};
export default meta;

type Story = StoryObj<EncounterArgs>;

const storyPatient: Patient = { resourceType: 'Patient', id: 'story-encounters', name: [{ use: 'official', family: 'Hughes', given: ['Iris'], prefix: ['Mrs'] }], birthDate: '1939-02-11' };
const collection = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

function storyEncounter(id: string, extra: Partial<Encounter>): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    subject: { reference: 'Patient/story-encounters' },
    serviceProvider: { display: 'Royal Free Hospital' },
    ...extra,
  };
}

const withdrawn = collection([
  storyPatient,
  storyEncounter('story-now', {
    status: 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
    type: [{ text: 'Emergency admission' }],
    period: { start: '2026-11-20T22:10:00Z' },
    reasonCode: [{ text: 'Chest infection' }],
    hospitalization: { admitSource: { text: 'From a care home' } },
  }),
  storyEncounter('story-clinic', { type: [{ text: 'Memory clinic' }], period: { start: '2026-10-02T10:00:00Z', end: '2026-10-02T10:40:00Z' } }),
  storyEncounter('story-wrong', { status: 'entered-in-error', type: [{ text: 'Recorded against the wrong person' }], period: { start: '2026-09-01T10:00:00Z' } }),
]);

// 412 admissions, each with a discharge summary or document: "Showing 50 of 412".
const largeResident = generateLargeResident({ id: 'large-encounters', observations: 0, documents: 412 });

const serverError = (resourceType: string, diagnostics: string): FhirFault => ({
  resourceType,
  status: 500,
  body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics }] },
});

/** Arthur Pemberton: ambulance, ED (with its summary), admission (discharge summaries, preliminary and amended, 5 days), GP review. */
export const Loaded: Story = {};

/** Margaret Whitfield: fall, ambulance, ED, pneumonia admission with its discharge summary and PDF, then a GP home visit. */
export const MargaretWhitfield: Story = { args: { patientId: residentId('Margaret') } };

/** Emergency and ambulance attendances only. */
export const EmergencyAndAmbulanceOnly: Story = { args: { kinds: 'emergency ambulance' } };

/** An ongoing stay ("Still in hospital"), and a visit entered in error left out with a notice. */
export const EnteredInErrorNotice: Story = { args: { patientId: 'story-encounters' }, parameters: { msw: bundleHandlers([withdrawn]) } };

/** Hundreds of encounters: "Showing 50 of 412" and Load more. */
export const Partial: Story = { args: { patientId: largeResident.id }, parameters: { msw: bundleHandlers([largeResident.bundle]) } };

/** Evelyn Marsh has no recorded visits. */
export const Empty: Story = { args: { patientId: residentId('Evelyn') } };

/** The encounter search fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = { parameters: { msw: residentHandlers({ faults: [serverError('Encounter', 'The encounter index is being rebuilt.')] }) } };

/** The summaries cannot be loaded: the timeline still shows, with a notice and Try again. */
export const SummariesFailed: Story = { parameters: { msw: residentHandlers({ faults: [serverError('Composition', 'Document store offline')] }) } };

/** The server refuses (403). */
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Encounter', status: 403 }] }) } };

/** No one is signed in. */
export const SignedOut: Story = { render: (args) => padded(timeline(args.patientId, args, { signedOut: true })) };

/** The search never answers: the busy skeleton. */
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Encounter', hang: true }] }) } };

/** 320 px wide: details stack under their labels. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${timeline(args.patientId, args)}</div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272; --care-record-color-error: #ff7b6e;"
  >
    ${timeline(args.patientId, args)}
  </div>`,
};

/** Real data: HL7's emergency encounter (arrived in the ED, now admitted). */
export const RealDataHl7Emergency: Story = {
  args: { patientId: 'example' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/encounter-example-emerg.json') })],
  beforeEach: ({ loaded, msw }) => {
    const encounter = (loaded as { bundle: Bundle }).bundle as unknown as Encounter;
    msw.use(...bundleHandlers([collection([{ resourceType: 'Patient', id: 'example' }, encounter])]));
  },
};

/** Real data: Synthea's Miguel Garibay (90 encounters: "Showing 50 of 90"). */
export const RealDataSynthea: Story = {
  args: { patientId: 'd4456fef-9f85-47c6-81c3-1dc1c2924326' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};

/** Real data: Synthea's Lanell Goodwin, whose clinical notes each belong to a visit. */
export const RealDataSyntheaWithNotes: Story = {
  args: { patientId: '988f3282-6014-affe-fb17-b051fe0380ee' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
