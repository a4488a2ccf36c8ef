import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { NHS_NUMBER_SYSTEM } from '@care-record/fhir';
import type { Bundle, FhirResource } from '@care-record/fhir';
import { STORY_FHIR_BASE_URL, bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/care-record-summary.js';
import '@care-record/elements/patient-banner.js';

/*
 * <care-record-summary>: one card per section, each loading on its own. Stories for every packaged
 * resident, each allergy state, a failing section, restricted and deceased people, an invalid NHS
 * number, the shared states, 320px, dark colours, and real Synthea data.
 */

interface SummaryArgs {
  sections: string;
  maxItems: number;
  headingLevel: number;
}

const summary = (patientId: string | undefined, args: Partial<SummaryArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<care-record-summary
      sections=${args.sections ?? ''}
      max-items=${args.maxItems ?? 5}
      heading-level=${args.headingLevel ?? 2}
    ></care-record-summary>`,
    options,
  );

const meta: Meta<SummaryArgs> = {
  title: 'Widgets/care-record-summary',
  component: 'care-record-summary',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { sections: '', maxItems: 5, headingLevel: 2 },
  argTypes: {
    sections: { control: 'text', description: 'Comma-separated section names, in order (empty: all).' },
    maxItems: { control: { type: 'number', min: 1, max: 20 }, description: 'Items per section before "and N more".' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => summary(residentId('Margaret'), args),
};
export default meta;

type Story = StoryObj<SummaryArgs>;

const padded = (content: TemplateResult) => html`<div style="padding: 16px">${content}</div>`;

// Every packaged resident (see @care-record/mocks residents for what each one shows).
/** Allergies most critical first (penicillin anaphylaxis), an unconfirmed and an entered-in-error entry; fall, ambulance, ED and discharge. */
export const MargaretWhitfield: Story = { render: (args) => padded(summary(residentId('Margaret'), args)) };
/** "No known allergies" (positively recorded); critical potassium HH and glucose LL; ambulance, ED and admission. */
export const ArthurPemberton: Story = { render: (args) => padded(summary(residentId('Arthur'), args)) };
/** "No allergies recorded" (nothing at all: not the same as none known); a discharge summary entered in error. */
export const DorisOkafor: Story = { render: (args) => padded(summary(residentId('Doris'), args)) };
/** Deceased: medicines stopped, plan completed; "No known drug allergies". */
export const HaroldBrennanDeceased: Story = { name: 'Harold Brennan (deceased)', render: (args) => padded(summary(residentId('Harold'), args)) };
/** Restricted record: the provider asks for a reason and confirmation (break glass); the summary loads nothing until then. */
export const EvelynMarshRestricted: Story = { name: 'Evelyn Marsh (restricted)', render: (args) => padded(summary(residentId('Evelyn'), args)) };

/** Evelyn's restricted record opened through the host's own break-glass step (`restricted-access="host"`): shown, marked "Restricted record". */
export const EvelynMarshRestrictedOpened: Story = {
  name: 'Evelyn Marsh (restricted, opened by break glass)',
  render: (args) =>
    padded(html`<care-record-provider
      fhir-base-url=${STORY_FHIR_BASE_URL}
      patient-id=${residentId('Evelyn')}
      restricted-access="host"
      .tokenProvider=${() => 'storybook-token'}
    >
      <care-record-summary sections=${args.sections} max-items=${args.maxItems}></care-record-summary>
    </care-record-provider>`),
};

// The four allergy states.
export const AllergiesListed: Story = {
  args: { sections: 'allergies' },
  render: (args) => padded(summary(residentId('Margaret'), args)),
};
export const NoKnownAllergies: Story = {
  args: { sections: 'allergies' },
  render: (args) => padded(summary(residentId('Arthur'), args)),
};
export const NoAllergiesRecorded: Story = {
  args: { sections: 'allergies' },
  render: (args) => padded(summary(residentId('Doris'), args)),
};
/** Allergies fail (500 with an OperationOutcome): "Allergy information unavailable", with the server's words and Try again. Other sections still show. */
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
  render: (args) => padded(summary(residentId('Margaret'), args)),
};

/** One section fails (medication, 503 after retries); every other card still shows. */
export const SectionFailure: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'MedicationRequest', status: 503 }] }) },
  render: (args) => padded(summary(residentId('Margaret'), args)),
};

/** The identity line flags an NHS number that fails its check digit. */
const badNhsNumber: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id: 'story-bad-nhs',
        name: [{ use: 'official', family: 'Smith', given: ['John'], prefix: ['Mr'] }],
        gender: 'male',
        birthDate: '1945-07-14',
        identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765918' }],
      } as FhirResource,
    },
  ],
};
export const InvalidNhsNumber: Story = {
  parameters: { msw: bundleHandlers([badNhsNumber]) },
  render: (args) => padded(summary('story-bad-nhs', args)),
};

/** "and N more": two items per section. */
export const Partial: Story = {
  args: { maxItems: 2 },
  render: (args) => padded(summary(residentId('Margaret'), args)),
};

/** Sections chosen and ordered by attribute; an unknown name is explained where it stood. */
export const ChosenSections: Story = {
  args: { sections: 'medications,allergies,vitals,discharges' },
  render: (args) => padded(summary(residentId('Arthur'), args)),
};

/** With the banner above: the summary's own identity line is hidden (patient-banner="host"). */
export const WithBanner: Story = {
  render: () =>
    padded(
      withRecord(
        residentId('Margaret'),
        html`<patient-banner></patient-banner>
          <care-record-summary patient-banner="host" style="margin-top: 16px"></care-record-summary>`,
      ),
    ),
};

/** The person is known; every section is still loading (its own skeleton, aria-busy). */
export const Loading: Story = {
  parameters: { msw: residentHandlers({ faults: [{ hang: true, match: (request) => !new URL(request.url).pathname.includes('/Patient') }] }) },
  render: (args) => padded(summary(residentId('Margaret'), args)),
};

export const SignedOut: Story = {
  render: (args) => padded(summary(residentId('Margaret'), args, { signedOut: true })),
};

export const AccessDenied: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'Patient', status: 403 }] }) },
  render: (args) => padded(summary(residentId('Margaret'), args)),
};

export const Narrow320: Story = {
  name: 'Narrow (320px)',
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${summary(residentId('Margaret'), args)}</div>`,
};

/** Dark colours through the public tokens (the widget also follows prefers-color-scheme by itself). */
export const DarkTheme: Story = {
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-text: #f0f4f5; --care-record-color-text-secondary: #aeb7bd;
      --care-record-color-background: #1b1f23; --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;
      --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c; --care-record-color-error: #ff7b6e"
  >
    ${summary(residentId('Arthur'), args)}
  </div>`,
};

// Real data from shared/fixtures/fhir/synthea (US-generated: no NHS numbers, no UK organisations).
export const RealDataSynthea: Story = {
  name: 'Real data: Synthea (Jacqueline Wyman, 8 allergies)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(summary('802e150c-c3f3-4a2d-954f-9b7a92be59bc', args)),
};

export const RealDataSyntheaLargeRecord: Story = {
  name: 'Real data: Synthea (Don Moore, deceased, 50 prescriptions, 45 reports)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: (args) => padded(summary('63c5db14-f5b0-4405-9ff6-0b88601ddb22', args)),
};

