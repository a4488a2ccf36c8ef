import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { Bundle, Condition, FhirResource, Patient } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/problem-list.js';

/*
 * <problem-list>: problems and diagnoses grouped into active, past significant history, inactive,
 * resolved and ruled out, searchable by name, filterable by group and sortable. Stories for the
 * packaged residents (Margaret's childhood trauma explains her distress today), every onset form,
 * the shared states, 320px, dark colours and real HL7 and Synthea data.
 */

interface ProblemArgs {
  sort: 'onset' | 'recorded' | 'name';
  groupFilter: 'all' | 'active' | 'pastSignificant' | 'inactive' | 'resolved' | 'refuted';
  query: string;
  pageSize: number;
  pastYears: number;
  headingLevel: number;
}

const problems = (patientId: string | undefined, args: Partial<ProblemArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<problem-list
      sort=${args.sort ?? 'onset'}
      group-filter=${args.groupFilter ?? 'all'}
      query=${args.query ?? ''}
      page-size=${args.pageSize ?? 100}
      past-years=${args.pastYears ?? 10}
      heading-level=${args.headingLevel ?? 2}
    ></problem-list>`,
    options,
  );

const padded = (content: TemplateResult) => html`<div style="padding: 16px; max-width: 56rem">${content}</div>`;

const meta: Meta<ProblemArgs> = {
  title: 'Widgets/problem-list',
  component: 'problem-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { sort: 'onset', groupFilter: 'all', query: '', pageSize: 100, pastYears: 10, headingLevel: 2 },
  argTypes: {
    sort: { control: 'select', options: ['onset', 'recorded', 'name'] },
    groupFilter: { control: 'select', options: ['all', 'active', 'pastSignificant', 'inactive', 'resolved', 'refuted'] },
    query: { control: 'text', description: 'Text that problem names must contain.' },
    pageSize: { control: { type: 'number', min: 1, max: 200 }, description: 'Problems per request (_count).' },
    pastYears: { control: { type: 'number', min: 1, max: 50 }, description: 'Ended problems older than this count as past significant history.' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => padded(problems(residentId('Margaret'), args)),
};
export default meta;

type Story = StoryObj<ProblemArgs>;

// ---- Hand-made records ----------------------------------------------------------------------

const storyPatient: Patient = { resourceType: 'Patient', id: 'story-problems', name: [{ use: 'official', family: 'Hughes', given: ['Iris'], prefix: ['Mrs'] }], birthDate: '1939-02-11' };
const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';

function storyCondition(id: string, name: string, status: string, extra: Partial<Condition> = {}, verification = 'confirmed'): Condition {
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: 'Patient/story-problems' },
    code: { text: name },
    clinicalStatus: { coding: [{ system: CLINICAL, code: status }] },
    verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
    ...extra,
  };
}

const collection = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

const everyOnsetForm = collection([
  storyPatient,
  storyCondition('date', 'Vascular dementia', 'active', { onsetDateTime: '2022-03', recordedDate: '2022-04-19' }),
  storyCondition('period', 'Shingles', 'resolved', { onsetPeriod: { start: '2025-05-02', end: '2025-05-09' }, abatementDateTime: '2025-06-20' }),
  storyCondition('age', 'Loss of husband in a road accident', 'inactive', {
    onsetAge: { value: 41, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' },
    recordedDate: '2019-08-01',
    note: [{ text: 'Anniversaries in March are hard; she may be tearful and withdrawn.' }],
  }),
  storyCondition('range', 'Tuberculosis (treated)', 'resolved', {
    onsetRange: { low: { value: 18, unit: 'years', code: 'a' }, high: { value: 20, unit: 'years', code: 'a' } },
    abatementString: 'after a year in a sanatorium',
  }),
  storyCondition('words', 'Childhood asthma', 'resolved', { onsetString: 'in early childhood', abatementAge: { value: 12, unit: 'years', code: 'a' } }),
  storyCondition('uti', 'Urinary tract infection', 'active', { onsetDateTime: '2026-11-18' }, 'provisional'),
  storyCondition('mi', 'Myocardial infarction', 'active', { onsetDateTime: '2024-02-02' }, 'refuted'),
  storyCondition('oops', 'Schizophrenia', 'active', { onsetDateTime: '2024-02-02' }, 'entered-in-error'),
]);

// ---- Packaged residents ---------------------------------------------------------------------

/** Dementia today; a childhood wartime trauma in 1944 in its own open "Past significant history" group, with the note that explains her fear of loud noises. */
export const MargaretWhitfield: Story = {};
/** Diabetes, kidney disease, a heart attack in 2008 and a recent admission. */
export const ArthurPemberton: Story = { render: (args) => padded(problems(residentId('Arthur'), args)) };
/** COPD and heart failure. */
export const DorisOkafor: Story = { render: (args) => padded(problems(residentId('Doris'), args)) };
/** A restricted record: the provider asks for a break-glass reason first; then Parkinson's disease and a sensitive condition. */
export const EvelynMarshRestricted: Story = { name: 'Evelyn Marsh (restricted)', render: (args) => padded(problems(residentId('Evelyn'), args)) };
/** The search box: "trauma" finds the past history at once. */
export const SearchForPastHistory: Story = { name: 'Search: "trauma"', args: { query: 'trauma' } };
/** One group only. */
export const PastSignificantHistoryOnly: Story = { args: { groupFilter: 'pastSignificant' } };
/** Onset and end as a date, a period, an age (with the year it points to), a range of ages and words; provisional and refuted flagged; an entered-in-error entry withdrawn. */
export const EveryOnsetForm: Story = {
  name: 'Every onset and end form, flags and entered in error',
  parameters: { msw: bundleHandlers([everyOnsetForm]) },
  render: (args) => padded(problems('story-problems', args)),
};

// ---- Shared states --------------------------------------------------------------------------

export const Empty: Story = {
  name: 'No problems recorded',
  parameters: { msw: bundleHandlers([collection([storyPatient])]) },
  render: (args) => padded(problems('story-problems', args)),
};
/** 500 with an OperationOutcome: the server's words and Try again. */
export const LoadFailed: Story = {
  parameters: {
    msw: residentHandlers({
      faults: [
        {
          resourceType: 'Condition',
          status: 500,
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'The problem list service is not responding.' }] },
        },
      ],
    }),
  },
};
/** Three per page: "Showing 3 of 8" and Load more. */
export const Partial: Story = { args: { pageSize: 3 } };
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Condition', hang: true }] }) } };
export const SignedOut: Story = { render: (args) => padded(problems(residentId('Margaret'), args, { signedOut: true })) };
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Condition', status: 403 }] }) } };
export const Narrow320: Story = {
  name: 'Narrow (320px)',
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${problems(residentId('Margaret'), args)}</div>`,
};
/** Dark colours through the public tokens (the widget also follows prefers-color-scheme by itself). */
export const DarkTheme: Story = {
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-text: #f0f4f5; --care-record-color-text-secondary: #aeb7bd;
      --care-record-color-background: #1b1f23; --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;
      --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c; --care-record-color-error: #ff7b6e"
  >
    ${problems(residentId('Margaret'), args)}
  </div>`,
};

// ---- Real data ------------------------------------------------------------------------------

/** Synthea (US-generated): 15 conditions over a century, no categories. */
export const RealDataSynthea: Story = {
  name: 'Real data: Synthea (Vito Feeney, 15 conditions)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Vito_Feeney_63dd4423-56ec-4f40-9dd6-82bc133aaddc.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(problems('9efca32a-04f9-438a-990c-a287e8b62aac', args)),
};

/** HL7 FHIR R4's Roel examples: onset and end as ages, words, a stage, notes and differential diagnoses. */
export const RealDataHl7: Story = {
  name: 'Real data: HL7 R4 condition examples (Roel)',
  loaders: [
    async () => ({
      bundle: collection(
        await Promise.all(
          [
            'patient-example-f201-roel',
            'condition-example-f201-fever',
            'condition-example-f202-malignancy',
            'condition-example-f203-sepsis',
            'condition-example-f204-renal',
            'condition-example-f205-infection',
          ].map(async (name) => (await fixtureBundle(`hl7-r4/${name}.json`)) as unknown as FhirResource),
        ),
      ),
    }),
  ],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(problems('f201', args)),
};
