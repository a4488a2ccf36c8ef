import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { ConfigurationError, FhirClient, NHS_NUMBER_SYSTEM } from '@care-record/fhir';
import type { Bundle, FhirResource, Patient } from '@care-record/fhir';
import { CareRecordSession, CookieSession, TokenProviderSession } from '@care-record/auth';
import { CareRecordElement, PatientMatchError } from '../../packages/elements/src/index.js';
import type {
  CareRecordErrorEvent,
  CareRecordProvider,
  CareRecordSessionChangeEvent,
} from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';

const BASE = 'https://fhir.test/R4';
const OTHER_BASE = 'https://other-fhir.test/R4';

/** Shows what reaches it through context. */
class ProviderTestProbe extends CareRecordElement {
  override render() {
    const name = this.patient?.name?.[0]?.family;
    return html`<p>${this.auth?.status ?? 'no auth'} / ${name ?? 'no patient'} / ${this.settings.locale} ${this.settings.timeZone}</p>`;
  }
}
customElements.define('provider-test-probe', ProviderTestProbe);

/** Holds a probe inside its own shadow root, as a host's component would. */
class ProviderTestShell extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<provider-test-probe></provider-test-probe>';
  }
}
customElements.define('provider-test-shell', ProviderTestShell);

function patient(id: string, family: string, nhsNumber?: string): Patient {
  return {
    resourceType: 'Patient',
    id,
    name: [{ family, given: ['Ann'] }],
    ...(nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: nhsNumber }] } : {}),
  };
}

function searchset(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', total: resources.length, entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })) };
}

const people: Record<string, Patient> = {
  p1: patient('p1', 'SMITH', '9434765919'),
  p2: patient('p2', 'JONES', '9434765870'),
};

function patientReads(base = BASE, requests: Request[] = []) {
  return http.get(`${base}/Patient/:id`, ({ params, request }) => {
    requests.push(request.clone());
    const found = people[params.id as string];
    return found ? HttpResponse.json(found) : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [] }, { status: 404 });
  });
}

function text(element: Element): string {
  return ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

function probeIn(provider: Element): ProviderTestProbe {
  return provider.querySelector('provider-test-probe') as ProviderTestProbe;
}

/** Collects care-record-error events from the moment it is called. */
function collectErrors() {
  const events: CareRecordErrorEvent[] = [];
  const record = (event: CareRecordErrorEvent) => events.push(event);
  document.addEventListener('care-record-error', record);
  return { events, stop: () => document.removeEventListener('care-record-error', record) };
}

async function alertOf(provider: CareRecordProvider): Promise<HTMLElement> {
  await waitUntil(() => provider.shadowRoot!.querySelector('[role="alert"]'), 'no message shown');
  return provider.shadowRoot!.querySelector('[role="alert"]') as HTMLElement;
}

describe('<care-record-provider>', () => {
  const worker = setupWorker();

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('gives nested widgets its session, patient and settings, even inside other shadow roots', async () => {
    worker.use(patientReads());
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" locale="en-GB" time-zone="Europe/Belfast" .tokenProvider=${() => 'token-1'}>
        <div><provider-test-probe></provider-test-probe></div>
        <provider-test-shell></provider-test-shell>
      </care-record-provider>
    `);
    const nested = provider.querySelector('provider-test-shell')!.shadowRoot!.querySelector('provider-test-probe') as ProviderTestProbe;
    for (const probe of [probeIn(provider), nested]) {
      await waitUntil(() => text(probe).includes('SMITH'), 'patient never reached a widget');
      expect(text(probe)).to.equal('signed-in / SMITH / en-GB Europe/Belfast');
      expect(probe.client).to.equal(provider.client);
      expect(probe.auth).to.equal(provider.auth);
    }
    expect(provider.patient?.id).to.equal('p1');
    expect(provider.client).to.be.instanceOf(FhirClient);
    await expect(provider).to.be.accessible();
  });

  it("sends the host's token from tokenProvider as the bearer token", async () => {
    const requests: Request[] = [];
    worker.use(patientReads(BASE, requests));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" .tokenProvider=${async () => 'host-token-42'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    await waitUntil(() => provider.patient, 'patient never loaded');
    expect(requests[0].headers.get('Authorization')).to.equal('Bearer host-token-42');
  });

  it('finds the patient by NHS number', async () => {
    const searches: URL[] = [];
    worker.use(
      http.get(`${BASE}/Patient`, ({ request }) => {
        searches.push(new URL(request.url));
        return HttpResponse.json(searchset([people.p2]));
      }),
    );
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} nhs-number="943 476 5870" .tokenProvider=${() => 'token-1'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    await waitUntil(() => text(probeIn(provider)).includes('JONES'), 'patient never found');
    expect(searches[0].searchParams.get('identifier')).to.equal(`${NHS_NUMBER_SYSTEM}|9434765870`);
    expect(provider.patientState).to.include({ status: 'ready', patientId: 'p2' });
  });

  it('says plainly when no one has the NHS number', async () => {
    worker.use(http.get(`${BASE}/Patient`, () => HttpResponse.json(searchset([]))));
    const errors = collectErrors();
    try {
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} nhs-number="9434765870" .tokenProvider=${() => 'token-1'}>
          <provider-test-probe></provider-test-probe>
        </care-record-provider>
      `);
      const alert = await alertOf(provider);
      expect(text(alert)).to.equal('No one with NHS number 943 476 5870 was found in the shared record.');
      expect(text(probeIn(provider))).to.contain('no patient');
      expect(errors.events.map((event) => event.detail.error)).to.satisfy((list: Error[]) =>
        list.some((error) => error instanceof PatientMatchError && error.matches === 0),
      );
      await expect(provider).to.be.accessible();
    } finally {
      errors.stop();
    }
  });

  it('shows no record when several people have the NHS number, and says why', async () => {
    worker.use(http.get(`${BASE}/Patient`, () => HttpResponse.json(searchset([people.p1, patient('p3', 'SMITH', '9434765919')]))));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} nhs-number="9434765919" .tokenProvider=${() => 'token-1'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    const alert = await alertOf(provider);
    expect(text(alert)).to.contain('2 people have NHS number 943 476 5919 in the shared record, so no record is shown.');
    expect(provider.patient).to.equal(undefined);
    expect(text(probeIn(provider))).to.contain('no patient');
  });

  it('uses the SMART launch patient when no patient is named', async () => {
    worker.use(patientReads());
    const session = new TokenProviderSession({ tokenProvider: () => 'token-1', patientId: 'p2' });
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} .auth=${session}><provider-test-probe></provider-test-probe></care-record-provider>
    `);
    await waitUntil(() => text(probeIn(provider)).includes('JONES'), 'launch patient not used');
    expect(provider.auth).to.equal(session);
  });

  it('keeps two providers on one page apart: own client, own patient, own widgets', async () => {
    const first: Request[] = [];
    const second: Request[] = [];
    worker.use(patientReads(BASE, first), patientReads(OTHER_BASE, second));
    const page = await fixture(html`<div>
      <care-record-provider id="a" fhir-base-url=${BASE} patient-id="p1" .tokenProvider=${() => 'token-a'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
      <care-record-provider id="b" fhir-base-url=${OTHER_BASE} patient-id="p2" .tokenProvider=${() => 'token-b'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    </div>`);
    const a = page.querySelector<CareRecordProvider>('#a')!;
    const b = page.querySelector<CareRecordProvider>('#b')!;
    await waitUntil(() => text(probeIn(a)).includes('SMITH') && text(probeIn(b)).includes('JONES'), 'patients not shown');
    expect(a.client).not.to.equal(b.client);
    expect(probeIn(a).client).to.equal(a.client);
    expect(probeIn(b).client).to.equal(b.client);
    expect(first.map((request) => request.headers.get('Authorization'))).to.deep.equal(['Bearer token-a']);
    expect(second.map((request) => request.headers.get('Authorization'))).to.deep.equal(['Bearer token-b']);

    await a.auth!.signOut();
    await waitUntil(() => text(probeIn(a)).startsWith('signed-out'), 'first provider did not sign out');
    expect(text(probeIn(b))).to.contain('signed-in / JONES');
  });

  it("clears the client's cache on sign-out, so the next identical request goes to the server", async () => {
    const requests: Request[] = [];
    worker.use(patientReads(BASE, requests));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" .tokenProvider=${() => 'token-1'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    await waitUntil(() => provider.patient, 'patient never loaded');
    await provider.client!.read('Patient', 'p1');
    expect(requests).to.have.length(1, 'the second read came from the cache');

    const changes: CareRecordSessionChangeEvent[] = [];
    provider.addEventListener('care-record-session-change', (event) => changes.push(event));
    await provider.auth!.signOut();
    await waitUntil(() => text(probeIn(provider)) === 'signed-out / no patient / en-GB Europe/London', 'widget still shows the record');
    expect(changes.map((event) => event.detail.status)).to.deep.equal(['signed-out']);
    expect(provider.patient).to.equal(undefined);

    await provider.client!.read('Patient', 'p1');
    expect(requests).to.have.length(2);
  });

  it("clears the client's cache when the patient changes", async () => {
    const requests: Request[] = [];
    worker.use(patientReads(BASE, requests));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" .tokenProvider=${() => 'token-1'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    await waitUntil(() => provider.patient?.id === 'p1', 'first patient never loaded');
    provider.setAttribute('patient-id', 'p2');
    await waitUntil(() => text(probeIn(provider)).includes('JONES'), 'second patient never shown');
    provider.setAttribute('patient-id', 'p1');
    await waitUntil(() => text(probeIn(provider)).includes('SMITH'), 'first patient never shown again');
    expect(requests.map((request) => new URL(request.url).pathname)).to.deep.equal(['/R4/Patient/p1', '/R4/Patient/p2', '/R4/Patient/p1']);
  });

  it('renders its content even while it cannot connect', async () => {
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider .tokenProvider=${() => 'token-1'}><provider-test-probe></provider-test-probe></care-record-provider>
    `);
    await alertOf(provider);
    expect(provider.shadowRoot!.querySelector('slot')).not.to.equal(null);
    expect(text(probeIn(provider))).to.equal('no auth / no patient / en-GB Europe/London');
  });

  describe('configuration problems are shown in place and fired as care-record-error', () => {
    const cases: Array<{ title: string; setting: string; message: string; template: () => ReturnType<typeof html> }> = [
      {
        title: 'a missing FHIR server address',
        setting: 'fhir-base-url',
        message: 'The FHIR server address is missing (set fhir-base-url).',
        template: () => html`<care-record-provider patient-id="p1" .tokenProvider=${() => 't'}></care-record-provider>`,
      },
      {
        title: 'a FHIR server address that is not a web address',
        setting: 'fhir-base-url',
        message: 'The FHIR server address “ftp://fhir.test” is not a web address starting with https:// or http://.',
        template: () => html`<care-record-provider fhir-base-url="ftp://fhir.test" .tokenProvider=${() => 't'}></care-record-provider>`,
      },
      {
        title: 'an NHS number with a wrong check digit',
        setting: 'nhs-number',
        message: '“943 476 5918” is not a valid NHS number (it must be 10 digits with a correct check digit).',
        template: () => html`<care-record-provider fhir-base-url=${BASE} nhs-number="943 476 5918" .tokenProvider=${() => 't'}></care-record-provider>`,
      },
      {
        title: 'OpenID Connect without a client id',
        setting: 'client-id',
        message: 'The client id for sign-in is missing (set client-id).',
        template: () => html`<care-record-provider fhir-base-url=${BASE} auth-mode="oidc" issuer="https://login.test"></care-record-provider>`,
      },
      {
        title: 'an unknown token storage',
        setting: 'token-storage',
        message: '“disk” is not a token storage: use memory or session.',
        template: () =>
          html`<care-record-provider fhir-base-url=${BASE} issuer="https://login.test" client-id="widgets" token-storage="disk"></care-record-provider>`,
      },
      {
        title: 'an idle time-out that is not a number of minutes',
        setting: 'idle-timeout',
        message: '“soon” is not a number of minutes for idle-timeout.',
        template: () =>
          html`<care-record-provider fhir-base-url=${BASE} issuer="https://login.test" client-id="widgets" idle-timeout="soon"></care-record-provider>`,
      },
      {
        title: 'a patient id that is not a FHIR id',
        setting: 'patient-id',
        message: '“../Practitioner/1” is not a valid FHIR patient id.',
        template: () => html`<care-record-provider fhir-base-url=${BASE} patient-id="../Practitioner/1" .tokenProvider=${() => 't'}></care-record-provider>`,
      },
      {
        title: 'an unknown sign-in mode',
        setting: 'auth-mode',
        message: '“magic” is not a sign-in mode: use oidc, token or cookie.',
        template: () => html`<care-record-provider fhir-base-url=${BASE} auth-mode="magic"></care-record-provider>`,
      },
    ];

    for (const { title, setting, message, template } of cases) {
      it(`for ${title}`, async () => {
        const errors = collectErrors();
        try {
          const provider = await fixture<CareRecordProvider>(template());
          const alert = await alertOf(provider);
          expect(text(alert)).to.contain('The care record cannot be shown because it is not set up correctly.');
          expect(text(alert)).to.contain(message);
          const configErrors = errors.events.filter((event) => event.detail.error instanceof ConfigurationError);
          expect(configErrors).to.have.length(1);
          expect((configErrors[0].detail.error as ConfigurationError).setting).to.equal(setting);
          expect(configErrors[0].detail.source).to.equal('care-record-provider');
          await expect(provider).to.be.accessible();
        } finally {
          errors.stop();
        }
      });
    }

    it('for a patient id and NHS number that name different people', async () => {
      worker.use(patientReads());
      const errors = collectErrors();
      try {
        const provider = await fixture<CareRecordProvider>(html`
          <care-record-provider fhir-base-url=${BASE} patient-id="p1" nhs-number="9434765870" .tokenProvider=${() => 't'}>
            <provider-test-probe></provider-test-probe>
          </care-record-provider>
        `);
        const alert = await alertOf(provider);
        expect(text(alert)).to.contain('Patient p1 does not have NHS number 943 476 5870');
        expect(provider.patient).to.equal(undefined);
        expect(text(probeIn(provider))).to.contain('no patient');
        const error = errors.events.map((event) => event.detail.error).find((e) => e instanceof ConfigurationError) as ConfigurationError;
        expect(error.setting).to.equal('nhs-number');
      } finally {
        errors.stop();
      }
    });

    it('and accepts a patient id and NHS number that agree', async () => {
      worker.use(patientReads());
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider fhir-base-url=${BASE} patient-id="p1" nhs-number="943 476 5919" .tokenProvider=${() => 't'}>
          <provider-test-probe></provider-test-probe>
        </care-record-provider>
      `);
      await waitUntil(() => text(probeIn(provider)).includes('SMITH'), 'patient not shown');
      expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });

    it('and clears the message once the setting is corrected', async () => {
      worker.use(patientReads());
      const provider = await fixture<CareRecordProvider>(html`
        <care-record-provider patient-id="p1" .tokenProvider=${() => 't'}><provider-test-probe></provider-test-probe></care-record-provider>
      `);
      await alertOf(provider);
      provider.fhirBaseUrl = BASE;
      await waitUntil(() => text(probeIn(provider)).includes('SMITH'), 'patient not shown after the fix');
      expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });
  });

  it('signs in with OpenID Connect when given an issuer and client id, and widgets ask the person to sign in', async () => {
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} issuer="https://login.test/realms/care" client-id="care-widgets" patient-id="p1">
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    expect(provider.auth).to.be.instanceOf(CareRecordSession);
    await waitUntil(() => text(probeIn(provider)).startsWith('signed-out / no patient'), 'widget not told to sign in');
    expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    (provider.auth as CareRecordSession).dispose();
  });

  it("uses the host's cookie session when given a sign-in address: no bearer token is sent", async () => {
    const requests: Request[] = [];
    worker.use(patientReads(BASE, requests));
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} sign-in-url="/bff/login" patient-id="p1">
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    expect(provider.auth).to.be.instanceOf(CookieSession);
    expect(provider.auth!.credentials).to.equal('include');
    await waitUntil(() => text(probeIn(provider)).includes('SMITH'), 'patient not shown');
    expect(requests[0].headers.get('Authorization')).to.equal(null);
  });

  it('needs no sign-in settings when the host gives a client that authorises itself', async () => {
    const requests: Request[] = [];
    worker.use(patientReads(OTHER_BASE, requests));
    const client = new FhirClient({ baseUrl: OTHER_BASE, tokenSource: () => 'host-managed' });
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider patient-id="p2" .client=${client}><provider-test-probe></provider-test-probe></care-record-provider>
    `);
    await waitUntil(() => text(probeIn(provider)).includes('no auth / JONES'), 'patient not shown');
    expect(provider.auth).to.equal(undefined);
    expect(provider.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('uses a client the host gives it', async () => {
    const requests: Request[] = [];
    worker.use(patientReads(OTHER_BASE, requests));
    const client = new FhirClient({ baseUrl: OTHER_BASE, tokenSource: () => 'own-token' });
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider patient-id="p2" .client=${client} .tokenProvider=${() => 't'}>
        <provider-test-probe></provider-test-probe>
      </care-record-provider>
    `);
    await waitUntil(() => text(probeIn(provider)).includes('JONES'), 'patient not shown');
    expect(provider.client).to.equal(client);
    expect(requests[0].headers.get('Authorization')).to.equal('Bearer own-token');
  });
});
