import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, CarePlan, FhirResource, Goal, Patient } from '@care-record/fhir';
import { bundleHandlers, fixtureBundle, residentHandlers, residentId, withRecord } from './support/record.js';
import '@care-record/elements/care-plan-list.js';

/*
 * <care-plan-list>: care plans, current first, with goals (status, progress, targets) and activities
 * (status, schedule, who and where, "Do not do this"), and the plan's own text, sanitised. Stories for
 * the packaged residents, every shared state, plans entered in error, a long list, a plan that is only
 * text, 320px, dark colours and real HL7, UK Core and Synthea data.
 */

interface CarePlanArgs {
  patientId: string;
  statusFilter: 'all' | 'active';
  pageSize: number;
  headingLevel: number;
}

const plans = (patientId: string | undefined, args: Partial<CarePlanArgs> = {}, options: { signedOut?: boolean } = {}): TemplateResult =>
  withRecord(
    patientId,
    html`<care-plan-list status-filter=${args.statusFilter ?? 'all'} page-size=${args.pageSize ?? 20} heading-level=${args.headingLevel ?? 2}></care-plan-list>`,
    options,
  );

const padded = (content: TemplateResult) => html`<div style="padding: 16px; max-width: 56rem">${content}</div>`;

const meta: Meta<CarePlanArgs> = {
  title: 'Widgets/care-plan-list',
  component: 'care-plan-list',
  tags: ['autodocs'],
  parameters: { msw: residentHandlers(), layout: 'fullscreen' },
  args: { patientId: residentId('Arthur'), statusFilter: 'all', pageSize: 20, headingLevel: 2 },
  argTypes: {
    patientId: { control: 'select', options: ['arthur-pemberton', 'doris-okafor', 'harold-brennan', 'evelyn-marsh', 'margaret-whitfield'] },
    statusFilter: { control: 'inline-radio', options: ['all', 'active'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 }, description: 'Care plans per request (_count).' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => padded(plans(args.patientId, args)),
};
export default meta;

type Story = StoryObj<CarePlanArgs>;

// ---- Hand-made records for the states the residents do not show -----------------------------

const storyPatient: Patient = { resourceType: 'Patient', id: 'story-care-plans', name: [{ use: 'official', family: 'Hughes', given: ['Iris'], prefix: ['Mrs'] }], birthDate: '1939-02-11' };
const collection = (resources: FhirResource[]): Bundle => ({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });

function storyPlan(id: string, extra: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id,
    status: 'active',
    intent: 'plan',
    subject: { reference: 'Patient/story-care-plans' },
    period: { start: '2026-03-01' },
    author: { display: 'Highgate Group Practice' },
    ...extra,
  };
}

const fallsGoal: Goal = {
  resourceType: 'Goal',
  id: 'story-goal-falls',
  lifecycleStatus: 'active',
  achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving', display: 'Improving' }] },
  description: { text: 'No falls in the next 6 months' },
  subject: { reference: 'Patient/story-care-plans' },
  target: [{ measure: { text: 'Falls' }, detailQuantity: { value: 0, unit: 'falls' }, dueDate: '2026-09-30' }],
};

const fallsPlan = storyPlan('story-falls', {
  title: 'Falls prevention plan',
  description: 'Keep Iris safe on her feet after the hip fracture.',
  goal: [{ reference: 'Goal/story-goal-falls' }],
  activity: [
    {
      detail: {
        status: 'in-progress',
        code: { text: 'Physiotherapy exercises' },
        scheduledTiming: { repeat: { frequency: 2, period: 1, periodUnit: 'wk', dayOfWeek: ['mon', 'thu'], timeOfDay: ['10:00:00'] } },
        performer: [{ display: 'Ada Okoro, physiotherapist' }],
        location: { display: 'Cedar Lodge lounge' },
      },
    },
    { detail: { status: 'not-started', description: 'Bed rails', doNotPerform: true, statusReason: { text: 'Risk of entrapment' } } },
    { detail: { status: 'entered-in-error', description: 'Insulin check (wrong resident)' } },
  ],
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Full falls plan as written by the GP.</p></div>' },
});

const enteredInError = collection([
  storyPatient,
  fallsGoal,
  fallsPlan,
  storyPlan('story-withdrawn', { title: 'Plan for another resident', status: 'entered-in-error' }),
]);

/** Only text: the plan's sanitised narrative is the plan (the script, the image's onerror and the javascript: link are removed). */
const narrativeOnly = collection([
  storyPatient,
  storyPlan('story-narrative', {
    title: 'Pressure area care',
    text: {
      status: 'generated',
      div:
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Turn every 2 hours at night; check heels and sacrum at each turn.</p>' +
        '<table><tr><th>Time</th><th>Position</th></tr><tr><td>22:00</td><td>Left side</td></tr><tr><td>00:00</td><td>Back</td></tr></table>' +
        '<script>alert(1)</script><img src="x" onerror="alert(1)"/><a href="javascript:alert(1)">Details</a></div>',
    },
  }),
]);

const manyPlans = collection([
  storyPatient,
  ...Array.from({ length: 45 }, (_, i) =>
    storyPlan(`story-many-${i + 1}`, {
      title: `Care plan ${i + 1}`,
      status: i % 3 === 0 ? 'completed' : 'active',
      period: { start: new Date(Date.UTC(2026, 10, 1) - i * 14 * 86400000).toISOString().slice(0, 10) },
    }),
  ),
]);

const serverError = (diagnostics: string): FhirFault[] => [
  { resourceType: 'CarePlan', status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics }] } },
];

// ---- Stories ---------------------------------------------------------------------------------

/** Arthur Pemberton: diabetes and kidney plan with two goals (worsening, improving) and four activities. */
export const Loaded: Story = {};

/** Doris Okafor: COPD plan with in-progress, scheduled and cancelled activities. */
export const DorisOkafor: Story = { args: { patientId: residentId('Doris') } };

/** Harold Brennan (deceased): an end-of-life plan, completed. */
export const CompletedPlan: Story = { args: { patientId: residentId('Harold') } };

/** Active plans only. */
export const ActiveOnly: Story = { args: { patientId: residentId('Harold'), statusFilter: 'active' } };

/** Goals, schedule, performer and place, "Do not do this", an activity entered in error, and a plan entered in error (notice). */
export const EnteredInErrorNotice: Story = {
  args: { patientId: 'story-care-plans' },
  parameters: { msw: bundleHandlers([enteredInError]) },
};

/** A plan that is only text: shown in full, sanitised. */
export const NarrativeOnly: Story = {
  args: { patientId: 'story-care-plans' },
  parameters: { msw: bundleHandlers([narrativeOnly]) },
};

/** 45 plans: "Showing 20 of 45" and Load more. */
export const Partial: Story = {
  args: { patientId: 'story-care-plans' },
  parameters: { msw: bundleHandlers([manyPlans]) },
};

/** Margaret Whitfield has no care plan. */
export const Empty: Story = { args: { patientId: residentId('Margaret') } };

/** The server fails with an OperationOutcome: its message and Try again. */
export const ServerError: Story = { parameters: { msw: residentHandlers({ faults: serverError('The care plan service is not responding.') }) } };

/** The server refuses (403). */
export const AccessDenied: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'CarePlan', status: 403 }] }) } };

/** No one is signed in. */
export const SignedOut: Story = { render: (args) => padded(plans(args.patientId, args, { signedOut: true })) };

/** The search never answers: the busy skeleton. */
export const Loading: Story = { parameters: { msw: residentHandlers({ faults: [{ resourceType: 'CarePlan', hang: true }] }) } };

/** 320 px wide. */
export const Narrow320: Story = {
  render: (args) => html`<div style="width: 320px; border: 1px dashed #aeb7bd">${plans(args.patientId, args)}</div>`,
};

/** A host's dark theme through the public tokens. */
export const DarkTheme: Story = {
  render: (args) => html`<div
    style="padding: 16px; background: #1b1f23; --care-record-color-background: #1b1f23; --care-record-color-text: #f0f4f5;
      --care-record-color-text-secondary: #aeb7bd; --care-record-color-primary: #5ea8f0; --care-record-color-primary-contrast: #0b0c0c;
      --care-record-color-surface: #2a3138; --care-record-color-border: #4c6272; --care-record-color-error: #ff7b6e;"
  >
    ${plans(args.patientId, args)}
  </div>`,
};

/** Real data: HL7's integrated care plan (contained conditions and goals, many activities). */
export const RealDataHl7Integrated: Story = {
  args: { patientId: '1' },
  loaders: [async () => ({ bundle: await fixtureBundle('hl7-r4/careplan-example-integrated.json') })],
  beforeEach: ({ loaded, msw }) => {
    const plan = (loaded as { bundle: Bundle }).bundle as unknown as CarePlan;
    msw.use(...bundleHandlers([collection([{ resourceType: 'Patient', id: '1' }, plan])]));
  },
};

/** Real data: the UK Core wellness plan example. */
export const RealDataUkCore: Story = {
  args: { patientId: 'UKCore-Patient-RichardSmith-Example' },
  loaders: [async () => ({ bundle: await fixtureBundle('uk-core/UKCore-CarePlan-WellnessPlan-Example.json') })],
  beforeEach: ({ loaded, msw }) => {
    const plan = (loaded as { bundle: Bundle }).bundle as unknown as CarePlan;
    msw.use(...bundleHandlers([collection([{ resourceType: 'Patient', id: 'UKCore-Patient-RichardSmith-Example' }, plan])]));
  },
};

/** Real data: Synthea's Miguel Garibay (five plans, active and completed, goals by reference). */
export const RealDataSynthea: Story = {
  args: { patientId: 'd4456fef-9f85-47c6-81c3-1dc1c2924326' },
  loaders: [async () => ({ bundle: await fixtureBundle('synthea/Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json') })],
  beforeEach: ({ loaded, msw }) => {
    msw.use(...bundleHandlers([(loaded as { bundle: Bundle }).bundle]));
  },
};
