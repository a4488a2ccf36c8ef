import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { FhirClient, codeableConceptText } from '@care-record/fhir';
import type { AllergyIntolerance, Bundle, FhirResource, SearchResult } from '@care-record/fhir';
import { TokenProviderSession } from '@care-record/auth';
import {
  CareRecordElement,
  createRecordTask,
  defaultStrings,
  renderPartial,
  sourceLine,
  tokenNames,
  tokenStyles,
  hostStyles,
} from '../../packages/elements/src/index.js';
import type { CareRecordErrorEvent, CareRecordProvider } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';

const BASE = 'https://fhir.test/R4';

/** A small widget as other engineers will write them: one record task, the shared states. */
class BaseTestAllergies extends CareRecordElement {
  loads = 0;

  readonly allergies = createRecordTask(this, {
    task: ({ client, patientId, signal }) => {
      this.loads++;
      return client.search<AllergyIntolerance>('AllergyIntolerance', { patient: patientId }, { signal });
    },
  });

  override render() {
    return html`<section aria-labelledby="heading">
      ${this.renderHeading('Allergies', { id: 'heading' })}
      ${this.allergies.render({
        complete: (result: SearchResult<AllergyIntolerance>) =>
          result.matches.length
            ? html`<ul>
                ${result.matches.map((allergy) => html`<li>${codeableConceptText(allergy.code)}</li>`)}
              </ul>`
            : this.renderEmpty('No allergies recorded'),
      })}
    </section>`;
  }
}
customElements.define('base-test-allergies', BaseTestAllergies);

/** Heading levels, without any data. */
class BaseTestHeadings extends CareRecordElement {
  override render() {
    return html`${this.renderHeading('Main')}${this.renderHeading('Sub', { offset: 1 })}`;
  }
}
customElements.define('base-test-headings', BaseTestHeadings);

function searchset(resources: FhirResource[], total = resources.length): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  };
}

function allergy(id: string, text: string): AllergyIntolerance {
  return { resourceType: 'AllergyIntolerance', id, patient: { reference: 'Patient/p1' }, code: { text } };
}

const patientHandler = http.get(`${BASE}/Patient/:id`, ({ params }) =>
  HttpResponse.json({ resourceType: 'Patient', id: params.id as string, name: [{ family: 'SMITH', given: ['Jean'] }] }),
);

function text(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function mount(patientId = 'p1', session?: TokenProviderSession) {
  const auth = session ?? new TokenProviderSession({ tokenProvider: () => 'token-1' });
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} .auth=${auth}>
      <base-test-allergies></base-test-allergies>
    </care-record-provider>
  `);
  const widget = provider.querySelector('base-test-allergies') as BaseTestAllergies;
  return { provider, widget, auth };
}

describe('CareRecordElement', () => {
  const worker = setupWorker();

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('shows a loading skeleton, busy, with "Loading…" for screen readers, until the data arrives', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      patientHandler,
      http.get(`${BASE}/AllergyIntolerance`, async () => {
        await released;
        return HttpResponse.json(searchset([allergy('a1', 'Penicillin')]));
      }),
    );
    const { widget } = await mount();
    await waitUntil(() => widget.shadowRoot!.querySelector('[aria-busy="true"]'), 'no loading state');
    expect(widget.shadowRoot!.querySelector('[aria-busy="true"]')!.textContent).to.contain('Loading…');
    await expect(widget).to.be.accessible();
    release();
    await waitUntil(() => text(widget).includes('Penicillin'), 'data never shown');
    expect(widget.shadowRoot!.querySelector('[aria-busy="true"]')).to.equal(null);
  });

  it('shows the empty message when the search finds nothing', async () => {
    worker.use(patientHandler, http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json(searchset([]))));
    const { widget } = await mount();
    await waitUntil(() => text(widget).includes('No allergies recorded'), 'no empty message');
    await expect(widget).to.be.accessible();
  });

  it("shows an error with the server's message, fires care-record-error, and Try again loads again", async () => {
    let calls = 0;
    worker.use(
      patientHandler,
      http.get(`${BASE}/AllergyIntolerance`, () => {
        calls++;
        if (calls === 1) {
          return HttpResponse.json(
            {
              resourceType: 'OperationOutcome',
              issue: [{ severity: 'error', code: 'not-supported', details: { text: 'Allergy search is switched off tonight' } }],
            },
            { status: 400 },
          );
        }
        return HttpResponse.json(searchset([allergy('a1', 'Latex')]));
      }),
    );
    const errors: CareRecordErrorEvent[] = [];
    const record = (event: CareRecordErrorEvent) => errors.push(event);
    document.addEventListener('care-record-error', record);
    try {
      const { widget } = await mount();
      await waitUntil(() => widget.shadowRoot!.querySelector('[role="alert"]'), 'no error state');
      expect(text(widget)).to.contain(defaultStrings.errorTitle);
      expect(text(widget).split('Allergy search is switched off tonight')).to.have.length(2, 'the server message, once');
      const fromWidget = errors.filter((event) => event.detail.source === 'base-test-allergies');
      expect(fromWidget).to.have.length(1);
      expect(fromWidget[0].composed).to.equal(true);
      await expect(widget).to.be.accessible();

      const retry = widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
      expect(retry.textContent!.trim()).to.equal('Try again');
      retry.click();
      await waitUntil(() => text(widget).includes('Latex'), 'retry did not load again');
      expect(calls).to.equal(2);
    } finally {
      document.removeEventListener('care-record-error', record);
    }
  });

  it("says \"You don't have access to this person's record\" on 403, without an error event", async () => {
    worker.use(
      patientHandler,
      http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 403 })),
    );
    const errors: Event[] = [];
    const record = (event: Event) => errors.push(event);
    document.addEventListener('care-record-error', record);
    try {
      const { widget } = await mount();
      await waitUntil(() => text(widget).includes("You don't have access to this person's record"), 'no access-denied state');
      expect(errors).to.have.length(0);
      await expect(widget).to.be.accessible();
    } finally {
      document.removeEventListener('care-record-error', record);
    }
  });

  it('shows a sign-in prompt when signed out, and its button signs in', async () => {
    worker.use(patientHandler, http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json(searchset([]))));
    let signIns = 0;
    const session = new TokenProviderSession({ tokenProvider: () => 'token-1', onSignIn: () => void signIns++ });
    await session.signOut();
    const { widget } = await mount('p1', session);
    await waitUntil(() => text(widget).includes("Sign in to see this person's record."), 'no signed-out prompt');
    expect(widget.loads).to.equal(0);
    await expect(widget).to.be.accessible();
    widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="sign-in-button"]')!.click();
    expect(signIns).to.equal(1);
  });

  it('says the session has ended when the server refuses the token and it cannot be renewed', async () => {
    worker.use(
      patientHandler,
      http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 401 })),
    );
    const { widget } = await mount();
    await waitUntil(() => text(widget).includes('Your session has ended. Sign in again to see records.'), 'no session-ended state');
    await expect(widget).to.be.accessible();
  });

  it('asks for a person to be chosen when the provider has no patient', async () => {
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} .tokenProvider=${() => 'token-1'}>
        <base-test-allergies></base-test-allergies>
      </care-record-provider>
    `);
    const widget = provider.querySelector('base-test-allergies') as BaseTestAllergies;
    await waitUntil(() => text(widget).includes(defaultStrings.noPatient), 'no no-patient state');
    expect(widget.loads).to.equal(0);
    await expect(widget).to.be.accessible();
  });

  it('never shows the previous patient’s data once the patient has changed', async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    worker.use(
      patientHandler,
      http.get(`${BASE}/AllergyIntolerance`, async ({ request }) => {
        const patient = new URL(request.url).searchParams.get('patient');
        if (patient === 'p1') {
          await firstHeld;
          return HttpResponse.json(searchset([allergy('a1', 'Peanut (first person)')]));
        }
        return HttpResponse.json(searchset([allergy('a2', 'Egg (second person)')]));
      }),
    );
    const { provider, widget } = await mount('p1');
    await waitUntil(() => widget.loads === 1, 'first load never started');
    provider.patientId = 'p2';
    await waitUntil(() => text(widget).includes('Egg (second person)'), 'second person never shown');
    releaseFirst();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await widget.updateComplete;
    expect(text(widget)).to.contain('Egg (second person)');
    expect(text(widget)).not.to.contain('Peanut');
  });

  it('works without a provider when a host sets the client and patient itself', async () => {
    worker.use(http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json(searchset([allergy('a1', 'Aspirin')]))));
    const client = new FhirClient({ baseUrl: BASE });
    const widget = await fixture<BaseTestAllergies>(html`
      <base-test-allergies .client=${client} .patientState=${{ status: 'ready', patientId: 'p9' }}></base-test-allergies>
    `);
    await waitUntil(() => text(widget).includes('Aspirin'), 'no data without a provider');
  });

  it('uses the strings a host gives the provider', async () => {
    worker.use(patientHandler, http.get(`${BASE}/AllergyIntolerance`, () => HttpResponse.json(searchset([]))));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} .tokenProvider=${() => 'token-1'} .strings=${{ noPatient: 'Pick a resident first.' }}>
        <base-test-allergies></base-test-allergies>
      </care-record-provider>
    `);
    const widget = provider.querySelector('base-test-allergies') as BaseTestAllergies;
    await waitUntil(() => text(widget).includes('Pick a resident first.'), 'override not used');
  });

  describe('heading-level', () => {
    it('renders the main heading as h2 and sub-headings one level lower by default', async () => {
      const element = await fixture<BaseTestHeadings>(html`<base-test-headings></base-test-headings>`);
      expect(element.shadowRoot!.querySelector('h2')!.textContent).to.equal('Main');
      expect(element.shadowRoot!.querySelector('h3')!.textContent).to.equal('Sub');
    });

    it('follows the heading-level attribute', async () => {
      const element = await fixture<BaseTestHeadings>(html`<base-test-headings heading-level="4"></base-test-headings>`);
      expect(element.shadowRoot!.querySelector('h4')!.textContent).to.equal('Main');
      expect(element.shadowRoot!.querySelector('h5')!.textContent).to.equal('Sub');
      await expect(element).to.be.accessible();
    });

    it('keeps headings within h1–h6 whatever the attribute says', async () => {
      const deep = await fixture<BaseTestHeadings>(html`<base-test-headings heading-level="9"></base-test-headings>`);
      expect([...deep.shadowRoot!.querySelectorAll('h6')].map((h) => h.textContent)).to.deep.equal(['Main', 'Sub']);
      const shallow = await fixture<BaseTestHeadings>(html`<base-test-headings heading-level="0"></base-test-headings>`);
      expect(shallow.shadowRoot!.querySelector('h1')!.textContent).to.equal('Main');
      const nonsense = await fixture<BaseTestHeadings>(html`<base-test-headings heading-level="big"></base-test-headings>`);
      expect(nonsense.shadowRoot!.querySelector('h2')!.textContent).to.equal('Main');
    });
  });

  describe('shared helpers', () => {
    it('says "Showing 50 of 212" with a Load more button that asks for more', async () => {
      let asked = 0;
      // Rendered by hand: fixture() waits an animation frame for plain elements, and a background tab may never paint.
      const element = document.createElement('div');
      document.body.append(element);
      try {
        render(renderPartial(defaultStrings, { shown: 50, total: 212, onLoadMore: () => asked++ }), element);
        expect(element.textContent!.replace(/\s+/g, ' ')).to.contain('Showing 50 of 212');
        const button = element.querySelector('button')!;
        expect(button.textContent!.trim()).to.equal('Load more');
        button.click();
        expect(asked).to.equal(1);
        await expect(element).to.be.accessible();
      } finally {
        element.remove();
      }
    });

    it('says where and when an item was recorded, and how long ago', () => {
      const line = sourceLine(defaultStrings, 'Royal Free Hospital', '2024-03-12', { now: new Date('2024-03-15T12:00:00Z') });
      expect(line).to.equal('From Royal Free Hospital · recorded 12-Mar-2024 (3 days ago)');
      expect(sourceLine(defaultStrings, undefined, '2024-03', { now: new Date('2024-03-15T12:00:00Z') })).to.equal('recorded Mar-2024 (this month)');
      expect(sourceLine(defaultStrings, undefined, undefined)).to.equal('Source and date not recorded');
    });

    it('uses every design token it declares, with the NHS defaults', () => {
      const tokens = tokenStyles.cssText;
      const all = tokens + hostStyles.cssText;
      for (const name of tokenNames) expect(tokens, name).to.contain(`var(${name}`);
      const privates = new Set([...tokens.matchAll(/(--_cr-[a-z-]+):/g)].map((match) => match[1]));
      for (const name of privates) expect(all, name).to.contain(`var(${name})`);
      expect(tokens).to.contain('#005eb8').and.to.contain('#212b32').and.to.contain('#ffeb3b').and.to.contain('#d5281b');
    });
  });
});
