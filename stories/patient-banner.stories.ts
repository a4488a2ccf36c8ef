import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { NHS_NUMBER_SYSTEM, ODS_ORGANIZATION_SYSTEM } from '@care-record/fhir';
import type { Bundle, FhirResource, Patient } from '@care-record/fhir';
import { STORY_FHIR_BASE_URL, bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/patient-banner.js';

/*
 * <patient-banner>: the NHS patient banner for the provider's patient. One story per state, every
 * packaged resident, and real Synthea data.
 */

const practice: FhirResource = {
  resourceType: 'Organization',
  id: 'story-gp',
  name: 'Bridge Street Surgery',
  identifier: [{ system: ODS_ORGANIZATION_SYSTEM, value: 'Y01234' }],
};

function person(id: string, extra: Partial<Patient> = {}): Patient {
  return {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', family: 'Smith', given: ['John'], prefix: ['Mr'] }],
    gender: 'male',
    birthDate: '1945-07-14',
    identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765919' }],
    generalPractitioner: [{ reference: 'Organization/story-gp', display: 'Bridge Street Surgery' }],
    address: [{ use: 'home', line: ['Rose Court Care Home', '1 High Street'], city: 'Leeds', postalCode: 'LS1 1AA' }],
    ...extra,
  };
}

/** Hand-made people for the states the packaged residents do not show. */
const people: Bundle = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    practice,
    person('story-john'),
    { resourceType: 'Patient', id: 'story-unknown' },
    person('story-bad-nhs', { identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765918' }] }),
    person('story-deceased', { deceasedDateTime: '2024-03-12T03:40:00Z' }),
    person('story-restricted', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'restricted' }] } }),
  ].map((resource) => ({ resource: resource as FhirResource })),
};

const banner = (patientId: string | undefined, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(patientId, html`<patient-banner></patient-banner>`, options);

const meta: Meta = {
  title: 'Widgets/patient-banner',
  component: 'patient-banner',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  render: () => banner(residentId('Margaret')),
};
export default meta;

type Story = StoryObj;

// Every packaged resident.
export const MargaretWhitfield: Story = { render: () => banner(residentId('Margaret')) };
export const ArthurPemberton: Story = { render: () => banner(residentId('Arthur')) };
export const DorisOkafor: Story = { render: () => banner(residentId('Doris')) };
export const HaroldBrennanDeceased: Story = { name: 'Harold Brennan (deceased)', render: () => banner(residentId('Harold')) };
export const EvelynMarsh: Story = { render: () => banner(residentId('Evelyn')) };

/** Name, born, gender, NHS number, GP practice (looked up by reference) and address. */
export const Loaded: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () => banner('story-john'),
};

/** Nothing recorded: "Not known", never a blank. */
export const NotKnown: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () => banner('story-unknown'),
};

/** An NHS number failing Modulus 11 is shown, flagged: "NHS number fails its check digit: confirm identity". */
export const InvalidNhsNumber: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () => banner('story-bad-nhs'),
};

/** "Deceased" and the date, in words; the age stops at death. */
export const Deceased: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () => banner('story-deceased'),
};

/**
 * A restricted record: the provider holds it back until the person gives a reason and confirms (break
 * glass); the banner shows nothing of it meanwhile. Without a governing provider the banner's own
 * restricted state shows, with its `restricted` slot for the host's break-glass step.
 */
export const Restricted: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () =>
    withRecord(
      'story-restricted',
      html`<patient-banner>
        <p slot="restricted"><em>(The host's break-glass process would go here.)</em></p>
      </patient-banner>`,
    ),
};

/**
 * A restricted record opened through the host's own break-glass step (`restricted-access="host"` on the
 * provider; by default the provider asks for a reason and confirmation first): the details, marked
 * "Restricted record".
 */
export const RestrictedOpened: Story = {
  name: 'Restricted, opened (break glass)',
  parameters: { msw: bundleHandlers([people]) },
  render: () => html`<care-record-provider
    fhir-base-url=${STORY_FHIR_BASE_URL}
    patient-id="story-restricted"
    restricted-access="host"
    .tokenProvider=${() => 'storybook-token'}
  >
    <patient-banner></patient-banner>
  </care-record-provider>`,
};

/** The GP practice lookup fails: the banner still shows the person, and says the practice could not be loaded. */
export const GpPracticeUnavailable: Story = {
  parameters: { msw: bundleHandlers([people], { faults: [{ resourceType: 'Organization', status: 500 }] }) },
  render: () => banner('story-john'),
};

export const Loading: Story = {
  parameters: { msw: bundleHandlers([people], { faults: [{ resourceType: 'Patient', hang: true }] }) },
  render: () => banner('story-john'),
};

export const SignedOut: Story = {
  parameters: { msw: bundleHandlers([people]) },
  render: () => banner('story-john', { signedOut: true }),
};

export const AccessDenied: Story = {
  parameters: { msw: bundleHandlers([people], { faults: [{ resourceType: 'Patient', status: 403 }] }) },
  render: () => banner('story-john'),
};

export const Narrow320: Story = {
  name: 'Narrow (320px)',
  parameters: { msw: bundleHandlers([people]) },
  render: () => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${banner('story-bad-nhs')}</div>`,
};

/** Dark colours through the public tokens (the widget also follows prefers-color-scheme by itself). */
export const DarkTheme: Story = {
  parameters: { msw: bundleHandlers([people]), backgrounds: { default: 'dark' } },
  render: () => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-text: #f0f4f5; --care-record-color-text-secondary: #aeb7bd;
      --care-record-color-background: #1b1f23; --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;
      --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c; --care-record-color-error: #ff7b6e"
  >
    ${banner('story-bad-nhs')}
  </div>`,
};

// Real data: Synthea bundles from shared/fixtures/fhir (US-generated, so no NHS number: "Not known").
export const RealDataSyntheaDeceased: Story = {
  name: 'Real data: Synthea (Don Moore, deceased)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: () => banner('63c5db14-f5b0-4405-9ff6-0b88601ddb22'),
};

export const RealDataSynthea: Story = {
  name: 'Real data: Synthea (Jacqueline Wyman)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Jacqueline_Wyman_e9408230-3ce9-4536-a84c-4efad41111b4.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: () => banner('802e150c-c3f3-4a2d-954f-9b7a92be59bc'),
};
