import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { loadBundle } from '@care-record/mocks';
import type { Bundle, Extension, FhirResource, MedicationDispense, MedicationRequest, MedicationStatement } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/medication-list.js';

/*
 * <medication-list>: current and past medication with where each prescription has got to (issued by
 * the GP, with the pharmacy, dispensed). One story per state, every packaged resident, and real data
 * (Synthea, an NHS EPS dispense notification).
 */

const SNOMED = 'http://snomed.info/sct';
const EPS_STATUS = 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus';

interface RequestInput {
  name: string;
  status?: MedicationRequest['status'];
  intent?: MedicationRequest['intent'];
  authoredOn?: string;
  basedOn?: string;
  eps?: string;
  course?: 'acute' | 'continuous';
  repeats?: { allowed: number; issued: number; expires: string };
  quantity?: number;
  validUntil?: string;
  dosage?: string;
}

function request(patient: string, id: string, input: RequestInput): MedicationRequest {
  const extension: Extension[] = [];
  if (input.eps) extension.push({ url: EPS_STATUS, valueCoding: { system: 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code: input.eps } });
  if (input.repeats) {
    extension.push({
      url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
      extension: [
        { url: 'numberOfRepeatPrescriptionsAllowed', valueUnsignedInt: input.repeats.allowed },
        { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: input.repeats.issued },
        { url: 'authorisationExpiryDate', valueDateTime: input.repeats.expires },
      ],
    });
  }
  return {
    resourceType: 'MedicationRequest',
    id,
    ...(extension.length ? { extension } : {}),
    status: input.status ?? 'active',
    intent: input.intent ?? 'order',
    medicationCodeableConcept: { coding: [{ system: SNOMED, display: input.name }] },
    subject: { reference: `Patient/${patient}` },
    authoredOn: input.authoredOn ?? '2026-11-10T09:00:00Z',
    requester: { reference: 'Practitioner/story-dr-patel' },
    ...(input.basedOn ? { basedOn: [{ reference: `MedicationRequest/${input.basedOn}` }] } : {}),
    courseOfTherapyType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy', code: input.course ?? 'acute' }] },
    dosageInstruction: [{ text: input.dosage ?? 'One tablet twice a day', route: { coding: [{ system: SNOMED, code: '26643006', display: 'Oral' }] } }],
    dispenseRequest: {
      quantity: { value: input.quantity ?? 28, unit: 'tablet' },
      expectedSupplyDuration: { value: 28, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' },
      ...(input.validUntil ? { validityPeriod: { start: '2025-01-01', end: input.validUntil } } : {}),
    },
  };
}

function dispense(patient: string, id: string, prescription: string, input: { status?: MedicationDispense['status']; quantity?: number; handedOver?: string } = {}): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id,
    status: input.status ?? 'completed',
    subject: { reference: `Patient/${patient}` },
    performer: [{ actor: { reference: 'Organization/story-pharmacy' } }],
    authorizingPrescription: [{ reference: `MedicationRequest/${prescription}` }],
    quantity: { value: input.quantity ?? 28, unit: 'tablet' },
    ...(input.handedOver ? { whenHandedOver: input.handedOver } : {}),
  };
}

const statement: MedicationStatement = {
  resourceType: 'MedicationStatement',
  id: 'story-statement',
  status: 'active',
  medicationCodeableConcept: { coding: [{ system: SNOMED, display: 'Furosemide 40mg tablets' }] },
  subject: { reference: 'Patient/story-statuses' },
  effectiveDateTime: '2026-08-17',
  dateAsserted: '2026-08-20',
  informationSource: { reference: 'Organization/story-hospital' },
  dosage: [{ text: 'One tablet each morning' }],
};

const S = 'story-statuses';
const E = 'story-eps';
const records: FhirResource[] = [
  { resourceType: 'Patient', id: S, name: [{ family: 'Okafor', given: ['Doris'], prefix: ['Mrs'] }] },
  { resourceType: 'Patient', id: E, name: [{ family: 'Marsh', given: ['Evelyn'], prefix: ['Mrs'] }] },
  { resourceType: 'Patient', id: 'story-empty', name: [{ family: 'Brennan', given: ['Harold'], prefix: ['Mr'] }] },
  { resourceType: 'Practitioner', id: 'story-dr-patel', name: [{ family: 'Patel', given: ['Anita'], prefix: ['Dr'] }] },
  { resourceType: 'Organization', id: 'story-pharmacy', name: 'Hillside Pharmacy' },
  { resourceType: 'Organization', id: 'story-hospital', name: 'South London General Hospital' },
  // Every prescription status, one medicine each.
  request(S, 'awaiting', { name: 'Atorvastatin 20mg tablets', intent: 'plan', course: 'continuous', authoredOn: '2026-11-18', repeats: { allowed: 6, issued: 0, expires: '2027-11-18' } }),
  request(S, 'issued', { name: 'Amoxicillin 500mg capsules', authoredOn: '2026-11-21T09:00:00Z' }),
  request(S, 'with-pharmacy', { name: 'Lactulose 3.35g/5ml oral solution', authoredOn: '2026-11-20T09:00:00Z' }),
  dispense(S, 'with-pharmacy-d', 'with-pharmacy', { status: 'in-progress' }),
  request(S, 'plan', { name: 'Amlodipine 5mg tablets', intent: 'plan', course: 'continuous', authoredOn: '2025-01-10', repeats: { allowed: 6, issued: 3, expires: '2027-01-10' } }),
  request(S, 'plan-1', { name: 'Amlodipine 5mg tablets', course: 'continuous', status: 'completed', basedOn: 'plan', authoredOn: '2026-09-10T09:00:00Z' }),
  request(S, 'plan-2', { name: 'Amlodipine 5mg tablets', course: 'continuous', status: 'completed', basedOn: 'plan', authoredOn: '2026-10-10T09:00:00Z' }),
  request(S, 'plan-3', { name: 'Amlodipine 5mg tablets', course: 'continuous', status: 'completed', basedOn: 'plan', authoredOn: '2026-11-10T09:00:00Z' }),
  dispense(S, 'plan-1-d', 'plan-1', { handedOver: '2026-09-11T15:00:00Z' }),
  dispense(S, 'plan-2-d', 'plan-2', { handedOver: '2026-10-11T15:00:00Z' }),
  dispense(S, 'plan-3-d', 'plan-3', { handedOver: '2026-11-12T14:00:00Z' }),
  request(S, 'partial', { name: 'Sertraline 50mg tablets', quantity: 56, authoredOn: '2026-11-15T09:00:00Z' }),
  dispense(S, 'partial-d', 'partial', { quantity: 28, handedOver: '2026-11-16T12:00:00Z' }),
  request(S, 'not-dispensed', { name: 'Senna 7.5mg tablets', status: 'completed', authoredOn: '2026-10-01T09:00:00Z' }),
  dispense(S, 'not-dispensed-d', 'not-dispensed', { status: 'declined', quantity: 0 }),
  request(S, 'cancelled', { name: 'Trimethoprim 200mg tablets', status: 'cancelled', authoredOn: '2026-09-01T09:00:00Z' }),
  request(S, 'expired', { name: 'Nitrofurantoin 50mg capsules', authoredOn: '2025-11-10', validUntil: '2026-05-10' }),
  request(S, 'error', { name: 'Aspirin 75mg dispersible tablets', status: 'entered-in-error' }),
  statement,
  // Each EPS business status.
  ...['0001', '0002', '0003', '0004', '0005', '0006', '0007'].map((code, i) =>
    request(E, `eps-${code}`, {
      name: ['Paracetamol 500mg tablets', 'Ramipril 2.5mg capsules', 'Metformin 500mg tablets', 'Cefalexin 500mg capsules', 'Co-codamol 30mg/500mg tablets', 'Omeprazole 20mg capsules', 'Simvastatin 40mg tablets'][i]!,
      eps: code,
      status: ['0004', '0005', '0006', '0007'].includes(code) ? 'completed' : 'active',
      authoredOn: `2026-11-0${i + 1}T09:00:00Z`,
    }),
  ),
];
const hand: Bundle = { resourceType: 'Bundle', type: 'collection', entry: records.map((resource) => ({ resource })) };

const list = (patientId: string | undefined, attributes: { pageSize?: number; pastExpanded?: boolean; signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<medication-list .pageSize=${attributes.pageSize} ?past-expanded=${attributes.pastExpanded ?? false}></medication-list>`,
    { signedOut: attributes.signedOut },
  );

const meta: Meta = {
  title: 'Widgets/medication-list',
  component: 'medication-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers() },
  render: () => list(residentId('Margaret')),
};
export default meta;

type Story = StoryObj;

// Every packaged resident.
/** Repeats with the pharmacy and sent electronically, a stopped repeat, a hospital prescription, one entry in error. */
export const MargaretWhitfield: Story = { render: () => list(residentId('Margaret')) };
/** A repeat whose history holds dispensed, expired and not-dispensed issues; on hold; a draft dose change. */
export const ArthurPemberton: Story = { render: () => list(residentId('Arthur')) };
export const DorisOkafor: Story = { render: () => list(residentId('Doris')) };
/** An authorised repeat awaiting issue. */
export const EvelynMarsh: Story = { render: () => list(residentId('Evelyn')) };
/** Deceased: every medicine stopped, all in Past. */
export const HaroldBrennanDeceased: Story = { name: 'Harold Brennan (deceased)', render: () => list(residentId('Harold'), { pastExpanded: true }) };

/** One medicine at each prescription status, Past open: awaiting issue, issued, with pharmacy, dispensed, partially dispensed, not dispensed, cancelled, expired. */
export const EveryPrescriptionStatus: Story = {
  parameters: { msw: bundleHandlers([hand]) },
  render: () => list(S, { pastExpanded: true }),
};

/** EPS business status 0001–0007, in words ("Electronic prescription: With dispenser – active"). */
export const EpsBusinessStatuses: Story = {
  name: 'EPS business statuses',
  parameters: { msw: bundleHandlers([hand]) },
  render: () => list(E, { pastExpanded: true }),
};

export const Empty: Story = {
  parameters: { msw: bundleHandlers([hand]) },
  render: () => list('story-empty'),
};

export const Loading: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'MedicationRequest', hang: true }] }) },
  render: () => list(residentId('Margaret')),
};

/** Every search fails with 500 and an OperationOutcome: the server's words and Try again. */
export const Error500: Story = {
  name: 'Error (500)',
  parameters: {
    msw: residentHandlers({
      faults: [
        {
          path: /\/Medication(Request|Statement|Dispense)\?/,
          status: 500,
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'The GP record service is not responding' }] },
        },
      ],
    }),
  },
  render: () => list(residentId('Margaret')),
};

export const AccessDenied: Story = {
  name: 'Access denied (403)',
  parameters: { msw: residentHandlers({ faults: [{ path: /\/Medication(Request|Statement|Dispense)\?/, status: 403 }] }) },
  render: () => list(residentId('Margaret')),
};

export const SignedOut: Story = { render: () => list(residentId('Margaret'), { signedOut: true }) };

/** The dispensing search fails: a banner says so, and the prescriptions still show. */
export const DispensingUnavailable: Story = {
  parameters: { msw: residentHandlers({ faults: [{ resourceType: 'MedicationDispense', status: 500 }] }) },
  render: () => list(residentId('Margaret')),
};

/** "Showing 4 of 16 prescription records" and Load more. */
export const Partial: Story = { render: () => list(residentId('Margaret'), { pageSize: 4 }) };

/** "1 entry marked as entered in error is not shown". */
export const EnteredInError: Story = {
  parameters: { msw: bundleHandlers([hand]) },
  render: () => list(S),
};

export const Narrow320: Story = {
  name: 'Narrow (320px)',
  render: () => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${list(residentId('Arthur'))}</div>`,
};

/** Dark colours through the public tokens (the widget also follows prefers-color-scheme by itself). */
export const DarkTheme: Story = {
  parameters: { backgrounds: { default: 'dark' } },
  render: () => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-text: #f0f4f5; --care-record-color-text-secondary: #aeb7bd;
      --care-record-color-background: #1b1f23; --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272;
      --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c; --care-record-color-error: #ff7b6e;
      --care-record-medication-done-color: #5ec98a"
  >
    ${list(residentId('Arthur'))}
  </div>`,
};

// Real data from shared/fixtures/fhir.
export const RealDataSynthea: Story = {
  name: 'Real data: Synthea (Don Moore, 50 prescriptions)',
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json') })],
  beforeEach: ({ msw, loaded }) => {
    msw.use(...bundleHandlers([loaded.bundle as Bundle]));
  },
  render: () => list('63c5db14-f5b0-4405-9ff6-0b88601ddb22'),
};

/**
 * An NHS EPS dispense notification (a message bundle). It names the patient by NHS number only: as a
 * server storing it would, the story links the dispenses to a Patient with that number.
 */
export const RealDataEpsDispenseNotification: Story = {
  name: 'Real data: EPS dispense notification',
  loaders: [async () => ({ bundle: await fixtureBundle('nhs-other/eps-dispense-notification-acute-01.json') })],
  beforeEach: ({ msw, loaded }) => {
    const patient: FhirResource = { resourceType: 'Patient', id: 'story-eps-patient', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449304130' }] };
    const resources = loadBundle(loaded.bundle).map((resource) =>
      resource.resourceType === 'MedicationDispense' ? ({ ...resource, subject: { ...resource.subject, reference: 'Patient/story-eps-patient' } } as FhirResource) : resource,
    );
    msw.use(...bundleHandlers([{ resourceType: 'Bundle', type: 'collection', entry: [patient, ...resources].map((resource) => ({ resource })) }]));
  },
  render: () => list('story-eps-patient', { pastExpanded: true }),
};
