import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import type { Bundle, CarePlan, FhirResource, Goal, Organization, Patient, Practitioner } from '@care-record/fhir';
import type { CarePlanList, CareRecordErrorEvent, CareRecordProvider, CareRecordViewedEvent, Strings } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-plan-list.js';

const BASE = 'https://fhir.test/R4';
const SNOMED = 'http://snomed.info/sct';

// ---- Hand-made records ----------------------------------------------------------------------

const resident: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Whitfield', given: ['Margaret'], prefix: ['Mrs'] }] };
const surgery: Organization = { resourceType: 'Organization', id: 'gp', name: 'Highgate Group Practice' };
const nurse: Practitioner = { resourceType: 'Practitioner', id: 'nurse', name: [{ family: 'Okoro', given: ['Ada'], prefix: ['Ms'] }] };

function goal(id: string, options: Partial<Goal> = {}): Goal {
  return {
    resourceType: 'Goal',
    id,
    lifecycleStatus: 'active',
    description: { text: `Goal ${id}` },
    subject: { reference: 'Patient/p1' },
    ...options,
  };
}

function plan(id: string, options: Partial<CarePlan> = {}): CarePlan {
  return {
    resourceType: 'CarePlan',
    id,
    status: 'active',
    intent: 'plan',
    title: `Plan ${id}`,
    subject: { reference: 'Patient/p1' },
    period: { start: '2024-03-12' },
    author: { reference: 'Organization/gp' },
    ...options,
  };
}

/** A falls plan with two goals, scheduled activities, a do-not-perform activity and a withdrawn one. */
function fallsPlan(): { plan: CarePlan; goals: Goal[] } {
  const goals = [
    goal('g-falls', {
      description: { text: 'No falls in the next 6 months' },
      achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving', display: 'Improving' }] },
      target: [{ measure: { text: 'Falls' }, detailQuantity: { value: 0, unit: 'falls' }, dueDate: '2024-09-30' }],
      startDate: '2024-03-12',
    }),
    goal('g-walk', { lifecycleStatus: 'completed', description: { text: 'Walk to the garden with a frame' }, achievementStatus: { coding: [{ code: 'achieved' }] } }),
  ];
  return {
    goals,
    plan: plan('falls', {
      title: 'Falls prevention plan',
      description: 'Keep Margaret safe on her feet after the hip fracture.',
      category: [{ coding: [{ system: SNOMED, code: '734163000', display: 'Care plan' }] }],
      created: '2024-03-12',
      goal: [{ reference: 'Goal/g-falls' }, { reference: 'Goal/g-walk' }, { reference: 'Goal/g-gone', display: 'Sleep through the night' }],
      addresses: [{ display: 'Fractured neck of femur' }],
      activity: [
        {
          detail: {
            status: 'in-progress',
            code: { text: 'Physiotherapy exercises' },
            description: 'Sit-to-stand practice with the physiotherapist.',
            scheduledTiming: { repeat: { frequency: 2, period: 1, periodUnit: 'wk', dayOfWeek: ['mon', 'thu'], timeOfDay: ['10:00:00'] } },
            performer: [{ reference: 'Practitioner/nurse' }],
            location: { display: 'Cedar Lodge lounge' },
          },
          progress: [{ text: 'Managed 5 stands on 20-Mar.' }],
        },
        { detail: { status: 'scheduled', description: 'Falls clinic review', scheduledPeriod: { start: '2024-06-01' } } },
        { detail: { status: 'not-started', description: 'Bed rails', doNotPerform: true, statusReason: { text: 'Risk of entrapment' } } },
        { detail: { status: 'entered-in-error', description: 'Wrong resident: insulin check' } },
        { detail: { status: 'cancelled', description: 'Hip protectors', statusReason: { text: 'Declined by Margaret' } } },
      ],
      note: [{ text: 'Margaret prefers a female carer for personal care.' }],
    }),
  };
}

// ---- Helpers --------------------------------------------------------------------------------

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function plans(widget: CarePlanList): HTMLElement[] {
  return [...widget.shadowRoot!.querySelectorAll<HTMLElement>('li[part~="item"]')];
}

function planTitles(widget: CarePlanList): string[] {
  return plans(widget).map((item) => text(item.querySelector('[part~="item-heading"]')));
}

function planNamed(widget: CarePlanList, title: string): HTMLElement {
  const found = plans(widget).find((item) => text(item.querySelector('[part~="item-heading"]')) === title);
  if (!found) throw new Error(`No plan "${title}": ${planTitles(widget).join(', ')}`);
  return found;
}

function buttonNamed(root: ShadowRoot, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => text(button).includes(name));
  if (!found) throw new Error(`No button "${name}"`);
  return found;
}

function watchConsole() {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
    original.apply(console, args);
  };
  const onError = (event: ErrorEvent) => errors.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      console.error = original;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

async function fixtureJson<T>(path: string): Promise<T> {
  const response = await fetch(`/__shared/fixtures/fhir/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function mount(
  patientId = 'p1',
  options: { pageSize?: number; statusFilter?: string; tokenProvider?: () => string | undefined } = {},
): Promise<CarePlanList> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${options.tokenProvider ?? (() => 't')}>
      <care-plan-list page-size=${options.pageSize ?? 20} status-filter=${options.statusFilter ?? 'all'}></care-plan-list>
    </care-record-provider>
  `);
  return provider.querySelector('care-plan-list') as CarePlanList;
}

async function shown(widget: CarePlanList, words: string): Promise<void> {
  await waitUntil(() => text(widget).includes(words), `never showed "${words}"; showed: ${text(widget).slice(0, 400)}`, { timeout: 8000 });
}

async function loaded(widget: CarePlanList): Promise<void> {
  await waitUntil(
    () => !widget.shadowRoot?.querySelector('[aria-busy="true"]') && (plans(widget).length > 0 || !!widget.shadowRoot?.querySelector('[part~="state"]')),
    `never finished loading; showed: ${text(widget).slice(0, 300)}`,
    { timeout: 10000 },
  );
}

// ---- Tests ----------------------------------------------------------------------------------

describe('<care-plan-list>', () => {
  const worker = setupWorker();
  let requests: URL[] = [];

  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    worker.events.on('request:start', ({ request }) => {
      if (request.url.startsWith(BASE)) requests.push(new URL(request.url));
    });
  });
  beforeEach(() => {
    requests = [];
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  const searches = (type: string) => requests.filter((url) => url.pathname.endsWith(`/${type}`));

  function serve(resources: FhirResource[], options: { faults?: FhirFault[]; latency?: number } = {}) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [resident, surgery, nurse, ...resources], ...options }));
  }

  describe('while loading', () => {
    it('shows a busy skeleton that says "Loading care plans…", and is accessible', async () => {
      serve([plan('a')], { faults: [{ resourceType: 'CarePlan', hang: true }] });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state', { timeout: 5000 });
      expect(text(widget.shadowRoot!.querySelector('[aria-busy="true"]'))).to.contain('Loading care plans…');
      expect(text(widget.shadowRoot!.querySelector('h2'))).to.equal('Care plans');
      await expect(widget).to.be.accessible();
    });
  });

  describe('a packaged resident', () => {
    it("shows Arthur's diabetes and kidney plan with its goals, targets, activities and statuses", async () => {
      const arthur = residents.find((r) => r.id === 'arthur-pemberton')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [arthur.bundle] }));
      const widget = await mount('arthur-pemberton');
      await shown(widget, 'Diabetes and kidney care plan');
      const item = planNamed(widget, 'Diabetes and kidney care plan');
      const words = text(item);
      expect(text(item.querySelector('[part~="header"] [part~="badge"]'))).to.equal('Status: Active');
      expect(words).to.contain('Updated after the September admission: metformin stopped, furosemide on hold, low-potassium diet.');
      expect(words).to.contain('Period From 10-Mar-2025');
      expect(words).to.contain('Written by Aire Valley Surgery');
      expect(words).to.match(/For .*diabetes/i);
      const goals = [...item.querySelectorAll('[part~="goal"]')].map((g) => text(g));
      expect(goals).to.have.length(2);
      expect(goals[0]).to.contain('HbA1c at or below 58 mmol/mol without hypoglycaemia');
      expect(goals[0]).to.contain('Goal status: Active');
      expect(goals[0]).to.contain('Progress: Worsening');
      expect(goals[0]).to.contain('Target date: 10-Mar-2027');
      expect(goals[1]).to.contain('Progress: Improving');
      const activities = [...item.querySelectorAll('[part~="activity"]')].map((a) => text(a));
      expect(activities).to.have.length(4);
      expect(activities[0]).to.contain('Check finger-prick glucose before breakfast and at bedtime');
      expect(activities[0]).to.contain('Status: In progress');
      expect(activities[2]).to.contain('Status: Scheduled');
      expect(text(item.querySelector('[part~="source"]'))).to.match(/^From Aire Valley Surgery · recorded 10-Mar-2025/);
      // Goals came with the search (_include), not one request each.
      const search = searches('CarePlan')[0];
      expect(search.searchParams.get('patient')).to.equal('arthur-pemberton');
      expect(search.searchParams.get('_sort')).to.equal('-date');
      expect(search.searchParams.getAll('_include')).to.include('CarePlan:goal');
      expect(searches('Goal')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it("shows each of Doris's activities with its own status, cancelled ones included", async () => {
      const doris = residents.find((r) => r.id === 'doris-okafor')!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [doris.bundle] }));
      const widget = await mount('doris-okafor');
      await shown(widget, 'COPD and breathlessness plan');
      const activities = [...planNamed(widget, 'COPD and breathlessness plan').querySelectorAll('[part~="activity"]')];
      expect(activities.map((a) => text(a.querySelector('[part~="badge"]')))).to.deep.equal([
        'Status: In progress',
        'Status: In progress',
        'Status: Scheduled',
        'Status: Cancelled',
      ]);
      expect(text(activities[3])).to.contain('Home oxygen assessment: not needed');
      await expect(widget).to.be.accessible();
    });
  });

  describe('goals and activities', () => {
    it('shows targets, schedules, who and where, do-not-perform, reasons, progress notes and goals that were not found', async () => {
      const { plan: falls, goals } = fallsPlan();
      serve([falls, ...goals]);
      const widget = await mount();
      await shown(widget, 'Falls prevention plan');
      const item = planNamed(widget, 'Falls prevention plan');
      expect(text(item)).to.contain('Keep Margaret safe on her feet after the hip fracture.');
      expect(text(item)).to.contain('Category Care plan');
      expect(text(item)).to.contain('For Fractured neck of femur');
      expect(text(item)).to.contain('Written by Highgate Group Practice');
      expect(text(item)).to.contain('Margaret prefers a female carer for personal care.');

      const goalTexts = [...item.querySelectorAll('[part~="goal"]')].map((g) => text(g));
      expect(goalTexts[0]).to.contain('No falls in the next 6 months');
      expect(goalTexts[0]).to.contain('Target: Falls 0 falls, by 30-Sep-2024');
      expect(goalTexts[0]).to.contain('Started 12-Mar-2024');
      expect(goalTexts[1]).to.contain('Goal status: Completed');
      expect(goalTexts[1]).to.contain('Progress: Achieved');
      expect(text(item.querySelector('[part~="goals"]'))).to.contain('Goals (3)');
      expect(text(item.querySelector('[part~="goals"]'))).to.contain('1 goal named by this plan was not found in the record: Sleep through the night');

      const activities = [...item.querySelectorAll<HTMLElement>('[part~="activity"]')];
      expect(text(item.querySelector('[part~="activities"]'))).to.contain('Activities (4)');
      expect(text(item.querySelector('[part~="activities"]'))).to.contain('1 activity marked as entered in error is not shown');
      expect(text(item)).not.to.contain('insulin check');
      const physio = text(activities[0]);
      expect(physio).to.contain('Physiotherapy exercises');
      expect(physio).to.contain('Sit-to-stand practice with the physiotherapist.');
      expect(physio).to.contain('When: Twice a week, on Mon, Thu, at 10:00');
      expect(physio).to.contain('By: OKORO, Ada (Ms)');
      expect(physio).to.contain('Where: Cedar Lodge lounge');
      expect(physio).to.contain('Progress notes: Managed 5 stands on 20-Mar.');
      expect(text(activities[1])).to.contain('When: From 01-Jun-2024');
      const bedRails = activities[2];
      expect(bedRails.getAttribute('part')).to.contain('activity-do-not-perform');
      expect(text(bedRails)).to.contain('Important: Do not do this: Bed rails');
      expect(text(bedRails)).to.contain('Reason: Risk of entrapment');
      expect(text(activities[3])).to.contain('Status: Cancelled');
      expect(text(activities[3])).to.contain('Reason: Declined by Margaret');
      await expect(widget).to.be.accessible();
    });

    it("fetches goals the server did not include in one batched request", async () => {
      const { plan: falls, goals } = fallsPlan();
      serve([falls, ...goals]);
      worker.use(
        // A server that ignores _include: the plans come alone.
        http.get(`${BASE}/CarePlan`, () =>
          HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ fullUrl: `${BASE}/CarePlan/falls`, resource: falls, search: { mode: 'match' } }] }),
        ),
      );
      const widget = await mount();
      await shown(widget, 'No falls in the next 6 months');
      const goalSearches = searches('Goal');
      expect(goalSearches).to.have.length(1);
      expect(goalSearches[0].searchParams.get('_id')!.split(',').sort()).to.deep.equal(['g-falls', 'g-gone', 'g-walk']);
      expect(text(planNamed(widget, 'Falls prevention plan'))).to.contain('Walk to the garden with a frame');
    });
  });

  describe('the plan text', () => {
    const hostile =
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Turn every 2 hours at night.</p><script>window.__pwned = true</script>' +
      '<img src="x" onerror="window.__pwned = true"/><a href="javascript:window.__pwned = true">Click</a></div>';

    it('shows the sanitised text in full when the plan has no structured goals or activities', async () => {
      serve([plan('narr', { title: 'Pressure area care', text: { status: 'generated', div: hostile } })]);
      const widget = await mount();
      await shown(widget, 'Turn every 2 hours at night.');
      const item = planNamed(widget, 'Pressure area care');
      const narrative = item.querySelector('[part~="narrative"]')!;
      expect(narrative.closest('details')).to.equal(null);
      expect(narrative.querySelector('script')).to.equal(null);
      expect(narrative.querySelector('[onerror]')).to.equal(null);
      const link = narrative.querySelector('a')!;
      expect(link.getAttribute('href')).to.equal(null);
      expect(narrative.innerHTML).not.to.contain('javascript:');
      expect(text(item)).to.contain('Some content in this plan could not be shown safely and was removed');
      expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
      await expect(widget).to.be.accessible();
    });

    it('keeps the text behind "Show full plan text" when goals and activities are recorded', async () => {
      const { plan: falls, goals } = fallsPlan();
      falls.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Full falls plan as written by the GP.</p></div>' };
      serve([falls, ...goals]);
      const widget = await mount();
      await shown(widget, 'Falls prevention plan');
      const details = planNamed(widget, 'Falls prevention plan').querySelector('details')!;
      expect(text(details.querySelector('summary'))).to.equal('Show full plan text');
      expect(details.open).to.equal(false);
      details.querySelector('summary')!.click();
      expect(details.open).to.equal(true);
      expect(text(details)).to.contain('Full falls plan as written by the GP.');
      await expect(widget).to.be.accessible();
    });
  });

  describe('order, status and filters', () => {
    it('lists current plans first, then ended ones, and filters to active plans only', async () => {
      serve([
        plan('old-done', { title: 'Wound care', status: 'completed', period: { start: '2023-01-01', end: '2023-02-01' } }),
        plan('new-active', { title: 'Nutrition plan', period: { start: '2024-05-01' } }),
        plan('hold', { title: 'Catheter care', status: 'on-hold', period: { start: '2024-01-01' } }),
        plan('stopped', { title: 'Insulin plan', status: 'revoked', period: { start: '2024-06-01' } }),
      ]);
      const widget = await mount();
      await shown(widget, 'Nutrition plan');
      expect(planTitles(widget)).to.deep.equal(['Nutrition plan', 'Catheter care', 'Insulin plan', 'Wound care']);
      const groupHeadings = [...widget.shadowRoot!.querySelectorAll('[part~="group-heading"]')].map((h) => text(h));
      expect(groupHeadings).to.deep.equal(['Current (2)', 'Completed, stopped or not known (2)']);
      expect(text(planNamed(widget, 'Insulin plan').querySelector('[part~="badge"]'))).to.equal('Status: Stopped');
      expect(text(planNamed(widget, 'Catheter care').querySelector('[part~="badge"]'))).to.equal('Status: On hold');
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('4 care plans');

      const select = widget.shadowRoot!.querySelector<HTMLSelectElement>('#care-plan-status')!;
      select.value = 'active';
      select.dispatchEvent(new Event('change'));
      await widget.updateComplete;
      expect(planTitles(widget)).to.deep.equal(['Nutrition plan']);
      expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain('Showing 1 of 4');
      await expect(widget).to.be.accessible();

      buttonNamed(widget.shadowRoot!, 'Clear filters').click();
      await widget.updateComplete;
      expect(planTitles(widget)).to.have.length(4);
    });

    it('leaves out plans entered in error, and says how many', async () => {
      serve([plan('ok', { title: 'Kept plan' }), plan('bad', { title: 'Withdrawn plan', status: 'entered-in-error' })]);
      const widget = await mount();
      await shown(widget, 'Kept plan');
      expect(planTitles(widget)).to.deep.equal(['Kept plan']);
      expect(text(widget)).to.contain('1 care plan marked as entered in error is not shown');
      expect(text(widget)).not.to.contain('Withdrawn plan');
      await expect(widget).to.be.accessible();
    });

    it('says "No care plans recorded" when there are none', async () => {
      serve([]);
      const widget = await mount();
      await shown(widget, 'No care plans recorded');
      expect(widget.shadowRoot!.querySelector('[part~="empty"]')).to.exist;
      await expect(widget).to.be.accessible();
    });
  });

  describe('paging', () => {
    it('shows "Showing 20 of 25" and loads the rest with Load more', async () => {
      serve(Array.from({ length: 25 }, (_, i) => plan(`p${i + 1}`, { title: `Plan number ${i + 1}`, period: { start: `2024-01-${String(28 - i).padStart(2, '0')}` } })));
      const widget = await mount();
      await shown(widget, 'Plan number 1');
      expect(plans(widget)).to.have.length(20);
      expect(text(widget.shadowRoot!.querySelector('[part~="partial"]'))).to.contain('Showing 20 of 25');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Load more').click();
      await waitUntil(() => plans(widget).length === 25, 'the second page never came');
      expect(widget.shadowRoot!.querySelector('[part~="partial"]')).to.equal(null);
      expect(new Set(planTitles(widget)).size).to.equal(25);
    });

    it('says "More care plans could not be loaded." when Load more fails, tells the host, keeps the first page, and Try again loads the rest', async () => {
      serve(
        Array.from({ length: 25 }, (_, i) => plan(`p${i + 1}`, { title: `Plan number ${i + 1}`, period: { start: `2024-01-${String(28 - i).padStart(2, '0')}` } })),
        { faults: [{ path: /_getpages=/, status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Page store restarting' }] } }] },
      );
      const errors: CareRecordErrorEvent[] = [];
      const record = (event: CareRecordErrorEvent) => errors.push(event);
      document.addEventListener('care-record-error', record);
      try {
        const widget = await mount();
        await shown(widget, 'Plan number 1');
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await shown(widget, 'More care plans could not be loaded.');
        expect(text(widget.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Page store restarting');
        expect(plans(widget)).to.have.length(20);
        expect(errors.filter((event) => event.detail.source === 'care-plan-list')).to.have.length(1);
        await expect(widget).to.be.accessible();
        widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="error"] [part~="retry-button"]')!.click();
        await waitUntil(() => plans(widget).length === 25, 'the second page never came');
        expect(widget.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
      } finally {
        document.removeEventListener('care-record-error', record);
      }
    });
  });

  describe('when something goes wrong', () => {
    it("shows the server's message and Try again, then recovers", async () => {
      serve([plan('a', { title: 'Recovered plan' })], {
        faults: [{ resourceType: 'CarePlan', status: 500, times: 1, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Care plan store offline' }] } }],
      });
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="error"]'), 'no error shown', { timeout: 10000 });
      expect(text(widget)).to.contain('Care plans could not be loaded');
      expect(text(widget)).to.contain('Care plan store offline');
      await expect(widget).to.be.accessible();
      buttonNamed(widget.shadowRoot!, 'Try again').click();
      await shown(widget, 'Recovered plan');
    });

    it("says the person may not see the record when the server refuses (403)", async () => {
      serve([plan('a')], { faults: [{ resourceType: 'CarePlan', status: 403 }] });
      const widget = await mount();
      await shown(widget, "You don't have access to this person's record");
      await expect(widget).to.be.accessible();
    });

    it('asks the person to sign in when signed out, without searching', async () => {
      serve([plan('a')]);
      const widget = await mount('p1', { tokenProvider: () => undefined });
      await shown(widget, "Sign in to see this person's record.");
      expect(searches('CarePlan')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });
  });

  describe('governance', () => {
    it('says whose record it is, unless the host shows its own banner', async () => {
      serve([plan('a', { title: 'Nutrition plan' })]);
      const widget = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="identity-line"]'), 'no identity line', { timeout: 8000 });
      expect(text(widget.shadowRoot!.querySelector('[part~="identity-line"]'))).to.contain('WHITFIELD, Margaret');
      widget.patientBanner = 'host';
      await widget.updateComplete;
      expect(widget.shadowRoot!.querySelector('[part~="identity-line"]')).to.equal(null);
    });

    it("says \"You don't have permission\" and asks for nothing when the SMART scopes leave out CarePlan", async () => {
      serve([plan('a', { title: 'Nutrition plan' })]);
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" .grantedScopes=${['openid', 'patient/Patient.rs', 'patient/AllergyIntolerance.rs']} .tokenProvider=${() => 't'}>
          <care-plan-list></care-plan-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('care-plan-list') as CarePlanList;
      await waitUntil(() => widget.shadowRoot!.querySelector('[part~="scope-denied"]'), `no permission message: ${text(widget)}`, { timeout: 8000 });
      expect(text(widget)).to.contain("You don't have permission");
      expect(searches('CarePlan')).to.have.length(0);
      await expect(widget).to.be.accessible();
    });

    it('reports what was shown for the audit trail: the first page, then what Load more added', async () => {
      serve([plan('a', { title: 'First plan', period: { start: '2024-03-03' } }), plan('b', { status: 'entered-in-error', period: { start: '2024-03-02' } }), plan('c', { title: 'Third plan', period: { start: '2024-03-01' } })]);
      const views: CareRecordViewedEvent[] = [];
      const record = (event: CareRecordViewedEvent) => views.push(event);
      document.addEventListener('care-record-viewed', record);
      try {
        const widget = await mount('p1', { pageSize: 2 });
        await shown(widget, 'Showing 2 of 3');
        await waitUntil(() => views.some((v) => v.detail.section === 'care-plans' && v.detail.resourceTypes.includes('CarePlan')), 'no view reported', { timeout: 8000 });
        const first = views.filter((v) => v.detail.section === 'care-plans' && v.detail.resourceTypes.includes('CarePlan'));
        expect(first).to.have.length(1);
        expect(first[0].detail.count, 'entries in error are not shown').to.equal(1);
        buttonNamed(widget.shadowRoot!, 'Load more').click();
        await waitUntil(() => views.filter((v) => v.detail.section === 'care-plans' && v.detail.resourceTypes.includes('CarePlan')).length === 2, 'Load more not reported', { timeout: 8000 });
        const more = views.filter((v) => v.detail.section === 'care-plans' && v.detail.resourceTypes.includes('CarePlan'))[1];
        expect(more.detail).to.deep.include({ count: 1, outcome: 'success' });
        expect(more.detail.references).to.have.length(1);
      } finally {
        document.removeEventListener('care-record-viewed', record);
      }
    });
  });

  describe('wording', () => {
    it("accepts other wording through the provider's strings", async () => {
      serve([]);
      const strings = { carePlanHeading: 'Plans of care', carePlanNoneRecorded: 'No plans on file' } as unknown as Partial<Strings>;
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'} .strings=${strings}>
          <care-plan-list heading-level="3"></care-plan-list>
        </care-record-provider>
      `);
      const widget = provider.querySelector('care-plan-list') as CarePlanList;
      await shown(widget, 'No plans on file');
      expect(text(widget.shadowRoot!.querySelector('h3'))).to.equal('Plans of care');
    });
  });

  describe('layout', () => {
    it('fits 320px without sideways scrolling', async () => {
      const { plan: falls, goals } = fallsPlan();
      falls.text = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><table><tr><th>Morning</th><td>Averyveryveryverylongwordwithoutanybreaksinsideittocheckwrapping</td></tr></table></div>' };
      serve([falls, ...goals]);
      const widget = await mount();
      widget.style.width = '320px';
      await shown(widget, 'Falls prevention plan');
      planNamed(widget, 'Falls prevention plan').querySelector('details')!.open = true;
      await widget.updateComplete;
      expect(widget.scrollWidth).to.be.at.most(320);
      const overflowing = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter(
        (element) => element.tagName !== 'SELECT' && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'hidden',
      );
      expect(overflowing.map((element) => element.className || element.tagName)).to.deep.equal([]);
    });
  });

  describe('real records', () => {
    const hl7 = [
      'careplan-example-GPVisit.json',
      'careplan-example-f001-heart.json',
      'careplan-example-f002-lung.json',
      'careplan-example-f003-pharynx.json',
      'careplan-example-f201-renal.json',
      'careplan-example-f202-malignancy.json',
      'careplan-example-f203-sepsis.json',
      'careplan-example-integrated.json',
      'careplan-example-obesity-narrative.json',
      'careplan-example-pregnancy.json',
      'careplan-example.json',
    ];

    async function rendersExample(path: string): Promise<{ widget: CarePlanList; resource: CarePlan }> {
      const resource = await fixtureJson<CarePlan>(path);
      const patientId = resource.subject.reference!.split('/').pop()!;
      worker.use(...createFhirHandlers({ baseUrl: BASE, resources: [{ resourceType: 'Patient', id: patientId }, resource] }));
      const widget = await mount(patientId);
      await loaded(widget);
      return { widget, resource };
    }

    for (const file of hl7) {
      it(`renders the HL7 example ${file} without console errors`, async () => {
        const console = watchConsole();
        try {
          const { widget, resource } = await rendersExample(`hl7-r4/${file}`);
          expect(plans(widget)).to.have.length(1);
          const item = plans(widget)[0];
          // Every activity the example records (none are entered in error) is listed.
          expect(item.querySelectorAll('[part~="activity"]')).to.have.length((resource.activity ?? []).length);
          expect(item.querySelectorAll('[part~="goal"]').length + (item.querySelector('[part~="goals"] .missing')?.children.length ?? 0)).to.equal(
            (resource.goal ?? []).length,
          );
          if (file === 'careplan-example-obesity-narrative.json') {
            // No goals, no activities: the plan's own text is the plan.
            expect(item.querySelector('details')).to.equal(null);
            expect(item.querySelector('[part~="narrative"]')).to.exist;
          }
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }

    it('renders the UK Core wellness plan example without console errors', async () => {
      const console = watchConsole();
      try {
        const { widget } = await rendersExample('uk-core/UKCore-CarePlan-WellnessPlan-Example.json');
        expect(plans(widget)).to.have.length(1);
        expect(text(plans(widget)[0].querySelector('[part~="badge"]'))).to.equal('Status: Active');
        await expect(widget).to.be.accessible();
      } finally {
        console.stop();
      }
      expect(console.errors).to.deep.equal([]);
    });

    const synthea = [
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

    for (const file of synthea) {
      it(`shows every care plan of Synthea's ${file.split('_').slice(0, 2).join(' ')} without console errors`, async () => {
        const bundle = await fixtureJson<Bundle>(`synthea/${file}`);
        const resources = (bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
        const patient = resources.find((r): r is Patient => r.resourceType === 'Patient')!;
        const carePlans = resources.filter((r): r is CarePlan => r.resourceType === 'CarePlan');
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [bundle] }));
        const console = watchConsole();
        try {
          const widget = await mount(patient.id!);
          await loaded(widget);
          expect(plans(widget)).to.have.length(carePlans.length);
          if (carePlans.length) expect(text(widget.shadowRoot!.querySelector('[part~="count"]'))).to.contain(`${carePlans.length} care plan`);
          else expect(text(widget)).to.contain('No care plans recorded');
          const activities = carePlans.reduce((sum, p) => sum + (p.activity ?? []).length, 0);
          expect(widget.shadowRoot!.querySelectorAll('[part~="activity"]')).to.have.length(activities);
          await expect(widget).to.be.accessible();
        } finally {
          console.stop();
        }
        expect(console.errors).to.deep.equal([]);
      });
    }
  });
});
