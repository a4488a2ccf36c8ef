import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { AllergyIntolerance, Bundle, FhirResource, List, Patient } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/allergy-list.js';

/*
 * <allergy-list>: allergies and adverse reactions, most serious first, in the four allergy states
 * (a list, "No known allergies", "No allergies recorded", "Allergy information unavailable"). Stories
 * for each state, each packaged resident with allergy data, conflicts, list warnings, the shared
 * states, 320px, dark colours and real HL7, UK Core and Synthea data.
 */

interface AllergyArgs {
  sort: 'criticality' | 'date' | 'name';
  categoryFilter: 'all' | 'food' | 'medication' | 'environment' | 'biologic';
  statusFilter: 'all' | 'active' | 'inactive';
  includeListWarnings: boolean;
  pageSize: number;
  headingLevel: number;
}

const allergies = (patientId: string | undefined, args: Partial<AllergyArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<allergy-list
      sort=${args.sort ?? 'criticality'}
      category-filter=${args.categoryFilter ?? 'all'}
      status-filter=${args.statusFilter ?? 'all'}
      ?include-list-warnings=${args.includeListWarnings ?? false}
      page-size=${args.pageSize ?? 100}
      heading-level=${args.headingLevel ?? 2}
    ></allergy-list>`,
    options,
  );

const padded = (content: TemplateResult) => html`<div style="padding: 16px; max-width: 56rem">${content}</div>`;

const meta: Meta<AllergyArgs> = {
  title: 'Widgets/allergy-list',
  component: 'allergy-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { sort: 'criticality', categoryFilter: 'all', statusFilter: 'all', includeListWarnings: false, pageSize: 100, headingLevel: 2 },
  argTypes: {
    sort: { control: 'select', options: ['criticality', 'date', 'name'] },
    categoryFilter: { control: 'select', options: ['all', 'food', 'medication', 'environment', 'biologic'] },
    statusFilter: { control: 'select', options: ['all', 'active', 'inactive'] },
    includeListWarnings: { control: 'boolean', description: 'Also ask for the GP record allergy List and show its warnings.' },
    pageSize: { control: { type: 'number', min: 1, max: 200 }, description: 'Allergies per request (_count).' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => padded(allergies(residentId('Margaret'), args)),
};
export default meta;

type Story = StoryObj<AllergyArgs>;

// ---- Small hand-made records for the states the residents do not show -----------------------

const SNOMED = 'http://snomed.info/sct';
const storyPatient: Patient = { resourceType: 'Patient', id: 'story-allergies', name: [{ use: 'official', family: 'Hughes', given: ['Iris'], prefix: ['Mrs'] }], birthDate: '1939-02-11' };

function storyAllergy(id: string, code: [string, string] | string, extra: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id,
    patient: { reference: 'Patient/story-allergies' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
    code: typeof code === 'string' ? { text: code } : { coding: [{ system: SNOMED, code: code[0], display: code[1] }] },
    recordedDate: '2025-03-04',
    ...extra,
  };
}

const collection = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

const conflicting = collection([
  storyPatient,
  storyAllergy('nkda', ['409137002', 'No known drug allergy'], { recordedDate: '2021-06-01', recorder: { display: 'Dr Sam Osei' } }),
  storyAllergy('penicillin', ['91936005', 'Allergy to penicillin'], {
    category: ['medication'],
    criticality: 'high',
    recordedDate: '2025-02-11',
    reaction: [{ manifestation: [{ text: 'Swollen lips and tongue' }], severity: 'severe' }],
  }),
]);

const withListWarnings = collection([
  storyPatient,
  storyAllergy('egg', 'Egg', { category: ['food'], reaction: [{ manifestation: [{ text: 'Hives' }], severity: 'moderate' }] }),
  {
    resourceType: 'List',
    id: 'story-allergy-list',
    status: 'current',
    mode: 'snapshot',
    code: { coding: [{ system: SNOMED, code: '886921000000105', display: 'Allergies and adverse reactions' }] },
    subject: { reference: 'Patient/story-allergies' },
    date: '2026-11-20',
    extension: [
      { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode', valueCode: 'confidential-items' },
      { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ListWarningCode', valueCode: 'data-in-transit' },
    ],
    entry: [{ item: { reference: 'AllergyIntolerance/egg' } }],
  } satisfies List,
]);

const mixedStatuses = collection([
  storyPatient,
  storyAllergy('codeine', ['387494007', 'Codeine'], {
    category: ['medication'],
    type: 'intolerance',
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'unconfirmed' }] },
  }),
  storyAllergy('elastoplast', 'Elastoplast', {
    category: ['environment'],
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'resolved' }] },
    recordedDate: '2009-10-01',
  }),
  storyAllergy('strawberry', 'Strawberries', {
    category: ['food'],
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'refuted' }] },
  }),
  storyAllergy('morphine', 'Morphine', {
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'entered-in-error' }] },
  }),
]);

// ---- Packaged residents and the four allergy states -----------------------------------------

/** The list: penicillin anaphylaxis first (high criticality, icon and border, "Important:" for screen readers), unconfirmed codeine flagged, one entry entered in error withdrawn with a notice. */
export const MargaretWhitfield: Story = {};
/** A restricted record: the provider asks for a break-glass reason first; once given, one allergy (aspirin). */
export const EvelynMarshRestricted: Story = { name: 'Evelyn Marsh (restricted)', render: (args) => padded(allergies(residentId('Evelyn'), args)) };
/** "No known allergies", positively recorded: who and when. */
export const NoKnownAllergies: Story = { render: (args) => padded(allergies(residentId('Arthur'), args)) };
/** "No known drug allergies": a narrower statement, said as such. */
export const NoKnownDrugAllergies: Story = { render: (args) => padded(allergies(residentId('Harold'), args)) };
/** Nothing recorded at all: "No allergies recorded", never "No known allergies". */
export const NoAllergiesRecorded: Story = { render: (args) => padded(allergies(residentId('Doris'), args)) };
/** The search fails (500 with an OperationOutcome): "Allergy information unavailable", the server's words and Try again. */
export const AllergyInformationUnavailable: Story = {
  parameters: {
    msw: residentHandlers({
      faults: [
        {
          resourceType: 'AllergyIntolerance',
          status: 500,
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'The allergy service is not responding.' }] },
        },
      ],
    }),
  },
};

// ---- Clinical flags -------------------------------------------------------------------------

/** "No known drug allergies" recorded, then a penicillin allergy: the statement is flagged as contradicted. */
export const NoKnownAllergiesConflict: Story = {
  name: '"No known allergies" conflict',
  parameters: { msw: bundleHandlers([conflicting]) },
  render: (args) => padded(allergies('story-allergies', args)),
};
/** Unconfirmed, resolved and refuted entries; an entered-in-error entry withdrawn with a notice. */
export const StatusesAndEnteredInError: Story = {
  name: 'Unconfirmed, resolved, refuted and entered in error',
  parameters: { msw: bundleHandlers([mixedStatuses]) },
  render: (args) => padded(allergies('story-allergies', args)),
};
/** GP record list warnings (confidential items withheld, record in transit) as banners. */
export const ListWarnings: Story = {
  args: { includeListWarnings: true },
  parameters: { msw: bundleHandlers([withListWarnings]) },
  render: (args) => padded(allergies('story-allergies', args)),
};
/** Medication allergies only, newest first. */
export const FilteredAndSorted: Story = { args: { categoryFilter: 'medication', sort: 'date' } };

// ---- Shared states --------------------------------------------------------------------------

/** Two per page: "Showing 2 of 4" and Load more. */
export const Partial: Story = { args: { pageSize: 2 } };
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'AllergyIntolerance', hang: true }] }) } };
export const SignedOut: Story = { render: (args) => padded(allergies(residentId('Margaret'), args, { signedOut: true })) };
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'AllergyIntolerance', status: 403 }] }) } };
export const Narrow320: Story = {
  name: 'Narrow (320px)',
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${allergies(residentId('Margaret'), args)}</div>`,
};
/** Dark colours through the public tokens (the widget also follows prefers-color-scheme by itself). */
export const DarkTheme: Story = {
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-text: #f0f4f5; --care-record-color-text-secondary: #aeb7bd;
      --care-record-color-background: #1b1f23; --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;
      --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c; --care-record-color-error: #ff7b6e"
  >
    ${allergies(residentId('Margaret'), args)}
  </div>`,
};

// ---- Real data ------------------------------------------------------------------------------

/** Synthea (US-generated): 8 allergies, active and inactive, no recorders. */
export const RealDataSynthea: Story = {
  name: 'Real data: Synthea (Jacqueline Wyman, 8 allergies)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(allergies('802e150c-c3f3-4a2d-954f-9b7a92be59bc', args)),
};

/** HL7 FHIR R4's cashew nut example: two reactions, exposure route, notes, recorder and asserter. */
export const RealDataHl7Example: Story = {
  name: 'Real data: HL7 R4 allergyintolerance-example',
  loaders: [
    async () => ({
      bundle: collection(
        await Promise.all(
          ['hl7-r4/allergyintolerance-example.json', 'hl7-r4/patient-example.json', 'hl7-r4/practitioner-example.json'].map(
            async (path) => (await fixtureBundle(path)) as unknown as FhirResource,
          ),
        ),
      ),
    }),
  ],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(allergies('example', args)),
};

/** UK Core examples: Amoxicillin with its recorder, an entered-in-error entry, and transfer-degraded GP2GP records. */
export const RealDataUkCore: Story = {
  name: 'Real data: UK Core AllergyIntolerance examples',
  loaders: [
    async () => ({
      bundle: collection(
        await Promise.all(
          [
            'Patient-RichardSmith-Example',
            'Practitioner-ConsultantSandraGose-Example',
            'AllergyIntolerance-Amoxicillin-Example',
            'AllergyIntolerance-EnteredInError-Example',
            'AllergyIntolerance-Sn-TransferDegradedDrugAllergy-Example',
            'AllergyIntolerance-Sn-NonDrugAllergy-Example',
          ].map(async (name) => (await fixtureBundle(`uk-core/UKCore-${name}.json`)) as unknown as FhirResource),
        ),
      ),
    }),
  ],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(allergies('UKCore-Patient-RichardSmith-Example', args)),
};
