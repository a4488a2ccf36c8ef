import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { FhirClient } from '../../packages/fhir/src/client.js';
import { CareRecordError } from '../../packages/fhir/src/errors.js';
import type { Bundle, Organization, Patient } from '../../packages/fhir/src/fhir-types.js';
import { NHS_NUMBER_SYSTEM, ODS_ORGANIZATION_SYSTEM, findPatientByNhsNumber, odsCode } from '../../packages/fhir/src/patient.js';

const BASE = 'https://fhir.test/R4';
const FIXTURES = '/__shared/fixtures/fhir/uk-core';

const worker = setupWorker();
const seen: Request[] = [];
worker.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(BASE)) seen.push(request);
});

async function fixture<T>(name: string): Promise<T> {
  return (await fetch(`${FIXTURES}/${name}`)).json() as Promise<T>;
}

describe('patient lookup by NHS number', () => {
  let richardSmith: Patient;
  let whiteRose: Organization;

  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    whiteRose = await fixture<Organization>('UKCore-Organization-WhiteRoseMedicalCentre-Example.json');
    richardSmith = {
      ...(await fixture<Patient>('UKCore-Patient-RichardSmith-Example.json')),
      generalPractitioner: [{ reference: `Organization/${whiteRose.id}` }],
    };
  });
  afterEach(() => {
    worker.resetHandlers();
    seen.length = 0;
  });
  after(() => worker.stop());

  function server(found: Patient[]) {
    worker.use(
      http.get(`${BASE}/Patient`, () =>
        HttpResponse.json<Bundle>({
          resourceType: 'Bundle',
          type: 'searchset',
          total: found.length,
          entry: [
            ...found.map((resource) => ({ resource, search: { mode: 'match' as const } })),
            ...(found.length ? [{ resource: whiteRose, search: { mode: 'include' as const } }] : []),
          ],
        }),
      ),
    );
  }

  it('searches by the NHS number identifier with the registered GP included', async () => {
    server([richardSmith]);
    const { patients, result } = await findPatientByNhsNumber(new FhirClient({ baseUrl: BASE }), '9912003888');
    const query = new URL(seen[0]!.url).searchParams;
    expect(query.get('identifier')).to.equal('https://fhir.nhs.uk/Id/nhs-number|9912003888');
    expect(query.get('_include')).to.equal('Patient:general-practitioner');
    expect(patients.map((patient) => patient.id)).to.deep.equal([richardSmith.id]);
    const gp = result.resolve<Organization>(patients[0]!.generalPractitioner?.[0]);
    expect(gp?.name).to.equal('WHITE ROSE MEDICAL CENTRE');
    expect(odsCode(gp)).to.equal('GP5');
  });

  it('accepts an NHS number written with spaces (943 476 5919)', async () => {
    server([]);
    await findPatientByNhsNumber(new FhirClient({ baseUrl: BASE }), '991 200 3888');
    expect(new URL(seen[0]!.url).searchParams.get('identifier')).to.equal(`${NHS_NUMBER_SYSTEM}|9912003888`);
  });

  it('finds no patients when the server has none with that number', async () => {
    server([]);
    const { patients } = await findPatientByNhsNumber(new FhirClient({ baseUrl: BASE }), '9434765919');
    expect(patients).to.deep.equal([]);
  });

  it('can leave the GP out', async () => {
    server([richardSmith]);
    await findPatientByNhsNumber(new FhirClient({ baseUrl: BASE }), '9912003888', { includeGeneralPractitioner: false });
    expect(new URL(seen[0]!.url).searchParams.has('_include')).to.equal(false);
  });

  it('refuses something that is not a 10-digit NHS number without asking the server', async () => {
    server([]);
    let error: unknown;
    await findPatientByNhsNumber(new FhirClient({ baseUrl: BASE }), '12345|x').catch((thrown: unknown) => (error = thrown));
    expect(error).to.be.instanceOf(CareRecordError);
    expect((error as CareRecordError).code).to.equal('invalid-nhs-number');
    expect((error as CareRecordError).message).to.equal('"12345|x" is not an NHS number: an NHS number has 10 digits.');
    expect(seen).to.have.length(0);
  });
});

describe('odsCode', () => {
  it('gives the ODS code of an organisation', () => {
    expect(odsCode({ resourceType: 'Organization', identifier: [{ system: 'urn:local', value: 'X' }, { system: ODS_ORGANIZATION_SYSTEM, value: 'Y12345' }] })).to.equal('Y12345');
  });

  it('gives the ODS code of a logical reference to an organisation', () => {
    expect(odsCode({ type: 'Organization', identifier: { system: ODS_ORGANIZATION_SYSTEM, value: 'B82005' } })).to.equal('B82005');
  });

  it('gives nothing when there is no ODS identifier', () => {
    expect(odsCode({ resourceType: 'Organization', identifier: [{ system: 'urn:local', value: 'X' }] })).to.equal(undefined);
    expect(odsCode(undefined)).to.equal(undefined);
  });

  it('uses the NHS identifier systems', () => {
    expect(NHS_NUMBER_SYSTEM).to.equal('https://fhir.nhs.uk/Id/nhs-number');
    expect(ODS_ORGANIZATION_SYSTEM).to.equal('https://fhir.nhs.uk/Id/ods-organization-code');
  });
});
