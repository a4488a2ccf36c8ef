import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { FhirClient, formatAge, NHS_NUMBER_SYSTEM, ODS_ORGANIZATION_SYSTEM } from '@care-record/fhir';
import type { Bundle, FhirResource, Organization, Patient } from '@care-record/fhir';
import { renderPatientIdentityLine, defaultSettings } from '../../packages/elements/src/index.js';
import type { CareRecordErrorEvent, PatientBanner } from '../../packages/elements/src/index.js';
import { render } from 'lit';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/patient-banner.js';

const BASE = 'https://fhir.test/R4';

const practice: Organization = {
  resourceType: 'Organization',
  id: 'gp-bridge',
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
    ...extra,
  };
}

function collection(resources: FhirResource[]): Bundle {
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
}

function text(element: Element | null | undefined): string {
  if (!element) return '';
  return ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('<patient-banner>', () => {
  const worker = setupWorker();
  let requests: URL[] = [];
  const onRequest = ({ request }: { request: Request }) => {
    requests.push(new URL(request.url));
  };

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    requests = [];
    worker.events.on('request:start', onRequest);
  });
  afterEach(() => {
    worker.events.removeListener('request:start', onRequest);
    worker.resetHandlers();
  });
  after(() => worker.stop());

  function serve(resources: FhirResource[], faults: FhirFault[] = []) {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [collection(resources)], faults }));
  }

  async function banner(patientId: string, ready: (el: PatientBanner) => boolean = (el) => !!el.shadowRoot?.querySelector('.banner')): Promise<PatientBanner> {
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${() => 't'}>
        <patient-banner></patient-banner>
      </care-record-provider>
    `);
    const element = provider.querySelector('patient-banner') as PatientBanner;
    await waitUntil(() => ready(element), 'the banner never showed the patient', { timeout: 5000 });
    await element.updateComplete;
    return element;
  }

  function details(element: PatientBanner): Array<[string, string]> {
    return [...element.shadowRoot!.querySelectorAll('.detail')].map((detail) => [
      text(detail.querySelector('dt')!),
      text(detail.querySelector('dd')!),
    ]);
  }

  it('shows name, born with age, gender and NHS number, in that order, NHS style', async () => {
    serve([person('p1')]);
    const element = await banner('p1');
    expect(text(element.shadowRoot!.querySelector('h2')!)).to.equal('SMITH, John (Mr)');
    const [born, gender, nhs] = details(element);
    expect(born).to.deep.equal(['Born', `14-Jul-1945 (${formatAge('1945-07-14')})`]);
    expect(gender).to.deep.equal(['Gender', 'Male']);
    expect(nhs[0]).to.equal('NHS No.');
    expect(text(element.shadowRoot!.querySelector('[part~="nhs-number"]')!)).to.equal('943 476 5919');
    expect(text(element)).to.match(/^SMITH, John \(Mr\) Born 14-Jul-1945 \(\d+y\) Gender Male NHS No\. 943 476 5919 Copy NHS number/);
    await expect(element).to.be.accessible();
  });

  it('uses the patient the provider loaded: no second request for the person', async () => {
    serve([person('p1')]);
    await banner('p1');
    const patientRequests = requests.filter((url) => url.pathname.includes('/Patient'));
    expect(patientRequests.map((url) => url.pathname)).to.deep.equal(['/R4/Patient/p1']);
    expect(requests).to.have.length(1);
  });

  it('says "Not known" instead of leaving blanks', async () => {
    serve([{ resourceType: 'Patient', id: 'bare' }]);
    const element = await banner('bare');
    expect(text(element.shadowRoot!.querySelector('h2')!)).to.equal('Name not known');
    expect(details(element)).to.deep.equal([
      ['Born', 'Not known'],
      ['Gender', 'Not known'],
      ['NHS No.', 'Not known'],
    ]);
    expect(element.shadowRoot!.querySelector('[part~="copy-button"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('flags an NHS number that fails its check digit, and still shows it', async () => {
    serve([person('p1', { identifier: [{ system: NHS_NUMBER_SYSTEM, value: '9434765918' }] })]);
    const element = await banner('p1');
    expect(text(element.shadowRoot!.querySelector('[part~="nhs-number"]')!)).to.equal('943 476 5918');
    const warning = element.shadowRoot!.querySelector('[part~="nhs-number-warning"]')!;
    expect(text(warning)).to.equal('! Warning: NHS number fails its check digit: confirm identity');
    await expect(element).to.be.accessible();
  });

  it('does not flag a valid NHS number', async () => {
    serve([person('p1')]);
    const element = await banner('p1');
    expect(element.shadowRoot!.querySelector('[part~="nhs-number-warning"]')).to.equal(null);
  });

  it('marks a deceased person in words, with the date, and stops the age at death', async () => {
    serve([person('p1', { deceasedDateTime: '2019-05-21T06:29:54+00:00' })]);
    const element = await banner('p1');
    expect(text(element.shadowRoot!.querySelector('[part~="deceased"]')!)).to.equal('Deceased 21-May-2019');
    expect(details(element)[0]).to.deep.equal(['Born', '14-Jul-1945 (died aged 73y)']);
    await expect(element).to.be.accessible();
  });

  it('marks a death recorded without a date', async () => {
    serve([person('p1', { deceasedBoolean: true })]);
    const element = await banner('p1');
    expect(text(element.shadowRoot!.querySelector('[part~="deceased"]')!)).to.equal('Deceased date not known');
    expect(details(element)[0]).to.deep.equal(['Born', '14-Jul-1945']);
  });

  for (const [label, security] of [
    ['restricted (v3-Confidentiality R)', { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
    ['very restricted (V)', { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'V' }],
    ['labelled with a restricting ActCode', { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }],
  ] as const) {
    it(`shows a ${label} record as restricted, with none of its details`, async () => {
      serve([
        practice,
        person('p1', {
          meta: { security: [security] },
          generalPractitioner: [{ reference: 'Organization/gp-bridge' }],
          address: [{ line: ['1 High Street'], city: 'Leeds', postalCode: 'LS1 1AA' }],
        }),
      ]);
      const element = await banner('p1', (el) => !!el.shadowRoot?.querySelector('[part~="restricted"]'));
      const shown = text(element);
      expect(shown).to.include('This record is restricted');
      for (const detail of ['SMITH', 'John', '943', '5919', '1945', 'Male', 'Bridge Street', 'High Street']) expect(shown).not.to.include(detail);
      expect(requests.some((url) => url.pathname.includes('Organization'))).to.equal(false);
      await expect(element).to.be.accessible();
    });
  }

  describe('the break-glass extension point', () => {
    const restrictedPatient = person('p1', {
      meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
      generalPractitioner: [{ reference: 'Organization/gp-bridge' }],
    });

    async function given(patient: Patient, governance?: object): Promise<PatientBanner> {
      const element = await fixture<PatientBanner>(html`<patient-banner><button slot="restricted">Break glass</button></patient-banner>`);
      Object.assign(element, {
        client: new FhirClient({ baseUrl: BASE }),
        patientState: { status: 'ready', patientId: patient.id, patient },
        ...(governance ? { governance } : {}),
      });
      await waitUntil(() => element.shadowRoot!.querySelector('.banner'), 'no banner');
      return element;
    }

    it("offers the host's break-glass step through the restricted slot", async () => {
      serve([practice, restrictedPatient]);
      const element = await given(restrictedPatient);
      expect(element.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="restricted"]')!.assignedElements().map((el) => el.textContent)).to.deep.equal([
        'Break glass',
      ]);
      expect(text(element)).not.to.include('SMITH');
      await expect(element).to.be.accessible();
    });

    it('shows a restricted record, marked as such, once a governing provider has opened it', async () => {
      serve([practice, restrictedPatient]);
      const element = await given(restrictedPatient, { reportViewed: () => undefined });
      await waitUntil(() => text(element).includes('Bridge Street Surgery'), 'the practice never loaded');
      expect(text(element.shadowRoot!.querySelector('[part~="restricted-marker"]'))).to.equal('Restricted record');
      expect(text(element.shadowRoot!.querySelector('h2'))).to.equal('SMITH, John (Mr)');
      expect(text(element.shadowRoot!.querySelector('[part~="nhs-number"]'))).to.equal('943 476 5919');
      await expect(element).to.be.accessible();
    });
  });

  it('does not treat normal confidentiality as restricted', async () => {
    serve([person('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'N' }] } })]);
    const element = await banner('p1');
    expect(text(element)).to.include('SMITH, John (Mr)');
  });

  describe('copying the NHS number', () => {
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    afterEach(() => {
      clipboard.writeText = original;
    });

    it('copies the ten digits and says "NHS number copied"', async () => {
      const copied: string[] = [];
      clipboard.writeText = async (value: string) => {
        copied.push(value);
      };
      serve([person('p1')]);
      const element = await banner('p1');
      const button = element.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="copy-button"]')!;
      expect(button.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Copy NHS number');
      button.click();
      const status = element.shadowRoot!.querySelector('[part~="copy-status"]')!;
      await waitUntil(() => text(status) === 'NHS number copied', 'no confirmation');
      expect(copied).to.deep.equal(['9434765919']);
      expect(status.getAttribute('role')).to.equal('status');
      await expect(element).to.be.accessible();
    });

    it('says so when the browser refuses to copy', async () => {
      clipboard.writeText = async () => {
        throw new DOMException('Denied', 'NotAllowedError');
      };
      serve([person('p1')]);
      const element = await banner('p1');
      element.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="copy-button"]')!.click();
      const status = element.shadowRoot!.querySelector('[part~="copy-status"]')!;
      await waitUntil(() => text(status).includes('could not be copied'), 'no failure message');
    });

    it('leaves the number as selectable text', async () => {
      serve([person('p1')]);
      const element = await banner('p1');
      const number = element.shadowRoot!.querySelector('[part~="nhs-number"]')!;
      expect(getComputedStyle(number).userSelect).to.equal('all');
    });
  });

  it('shows the registered GP practice, looked up once by reference, and the address', async () => {
    serve([
      practice,
      person('p1', {
        generalPractitioner: [{ reference: 'Organization/gp-bridge' }],
        address: [
          { use: 'old', line: ['9 Old Road'], city: 'York' },
          { use: 'home', line: ['Rose Court Care Home', '1 High Street'], city: 'Leeds', postalCode: 'LS1 1AA' },
        ],
      }),
    ]);
    const element = await banner('p1', (el) => text(el).includes('Bridge Street Surgery'));
    const shown = details(element);
    expect(shown[3]).to.deep.equal(['GP practice', 'Bridge Street Surgery (ODS code Y01234)']);
    expect(shown[4]).to.deep.equal(['Address', 'Rose Court Care Home, 1 High Street, Leeds, LS1 1AA']);
    expect(requests.map((url) => `${url.pathname}${url.search}`)).to.deep.equal(['/R4/Patient/p1', '/R4/Organization?_id=gp-bridge&_count=1']);
    await expect(element).to.be.accessible();
  });

  it('shows a GP practice given by ODS code without looking it up', async () => {
    serve([
      person('p1', {
        generalPractitioner: [{ type: 'Organization', identifier: { system: ODS_ORGANIZATION_SYSTEM, value: 'Y01234' }, display: 'Bridge Street Surgery' }],
      }),
    ]);
    const element = await banner('p1', (el) => text(el).includes('Bridge Street'));
    expect(details(element)[3]).to.deep.equal(['GP practice', 'Bridge Street Surgery (ODS code Y01234)']);
    expect(requests).to.have.length(1);
  });

  it('still shows the person when the GP practice cannot be loaded, and tells the host', async () => {
    const errors: CareRecordErrorEvent[] = [];
    const record = (event: CareRecordErrorEvent) => errors.push(event);
    document.addEventListener('care-record-error', record);
    try {
      serve([practice, person('p1', { generalPractitioner: [{ reference: 'Organization/gp-bridge' }] })], [
        { resourceType: 'Organization', status: 500 },
      ]);
      const element = await banner('p1', (el) => text(el).includes('Could not be loaded'));
      expect(text(element.shadowRoot!.querySelector('h2')!)).to.equal('SMITH, John (Mr)');
      expect(details(element)[3]).to.deep.equal(['GP practice', 'Could not be loaded']);
      expect(errors.map((event) => event.detail.source)).to.deep.equal(['patient-banner']);
      await expect(element).to.be.accessible();
    } finally {
      document.removeEventListener('care-record-error', record);
    }
  });

  it('places the name at the host page’s heading level', async () => {
    serve([person('p1')]);
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => 't'}>
        <patient-banner heading-level="3"></patient-banner>
      </care-record-provider>
    `);
    const element = provider.querySelector('patient-banner') as PatientBanner;
    await waitUntil(() => element.shadowRoot?.querySelector('h3'), 'no h3');
    expect(text(element.shadowRoot!.querySelector('h3')!)).to.equal('SMITH, John (Mr)');
  });

  it('asks to sign in when there is no session, and shows no one', async () => {
    serve([person('p1')]);
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id="p1" auth-mode="token" .tokenProvider=${() => undefined}>
        <patient-banner></patient-banner>
      </care-record-provider>
    `);
    const element = provider.querySelector('patient-banner') as PatientBanner;
    await waitUntil(() => element.shadowRoot?.querySelector('.state'), 'no state shown');
    expect(text(element)).not.to.include('SMITH');
    await expect(element).to.be.accessible();
  });

  describe('renderPatientIdentityLine', () => {
    function line(patient: Patient | undefined, options: { restrictedOpened?: boolean } = {}): string {
      const host = document.createElement('div');
      render(renderPatientIdentityLine(patient, defaultSettings, options), host);
      return text(host);
    }

    it('puts name, born and NHS number on one line', () => {
      expect(line(person('p1'))).to.equal(`SMITH, John (Mr) · Born 14-Jul-1945 (${formatAge('1945-07-14')}) · NHS No. 943 476 5919`);
    });

    it('says "Not known", marks death in words and flags a bad NHS number', () => {
      const patient = person('p1', { birthDate: undefined, deceasedDateTime: '2024-03-12', identifier: [{ system: NHS_NUMBER_SYSTEM, value: '1234567890' }] });
      expect(line(patient)).to.equal(
        'SMITH, John (Mr) · Born Not known · Deceased 12-Mar-2024 · NHS No. 123 456 7890 · Warning: NHS number fails its check digit: confirm identity',
      );
    });

    it('marks a restricted record beside the data a widget shows, and shows nothing else of one not opened', () => {
      const patient = person('p1', { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] } });
      expect(line(patient)).to.equal(`Restricted record · SMITH, John (Mr) · Born 14-Jul-1945 (${formatAge('1945-07-14')}) · NHS No. 943 476 5919`);
      expect(line(patient, { restrictedOpened: false })).to.equal('This record is restricted');
    });

    it('renders nothing without a patient', () => {
      expect(line(undefined)).to.equal('');
    });
  });
});
