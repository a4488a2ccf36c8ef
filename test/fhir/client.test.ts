import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { FhirClient } from '../../packages/fhir/src/client.js';
import type { FhirRequestEventDetail } from '../../packages/fhir/src/client.js';
import { ConfigurationError } from '../../packages/fhir/src/errors.js';
import type { Bundle, BundleEntry, DiagnosticReport, FhirResource, MedicationRequest, Observation, Patient } from '../../packages/fhir/src/fhir-types.js';
import { anyOf, escapeSearchValue, token } from '../../packages/fhir/src/search-params.js';

const BASE = 'https://fhir.test/R4';
const FOREIGN = 'https://elsewhere.test';

const worker = setupWorker();
/** Every request msw saw, in order (the network boundary). */
const seen: Request[] = [];
worker.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(BASE) || request.url.startsWith(FOREIGN)) seen.push(request);
});

function searchset(entries: BundleEntry[], extra: Partial<Bundle> = {}): Bundle {
  return { resourceType: 'Bundle', type: 'searchset', entry: entries, ...extra };
}

function observation(id: string): Observation {
  return { resourceType: 'Observation', id, status: 'final', code: { text: `Observation ${id}` } };
}

function match(resource: FhirResource): BundleEntry {
  return { fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } };
}

function client(options: Partial<ConstructorParameters<typeof FhirClient>[0]> = {}): FhirClient {
  return new FhirClient({ baseUrl: BASE, cacheTtlMs: 0, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

/** A server with `pages` pages of three Observations each, linked by opaque `_getpages` next links. */
function pagedObservations(pages: number, extra: Partial<Bundle> = {}) {
  return [
    http.get(`${BASE}/Observation`, () => HttpResponse.json(page(1))),
    http.get(BASE, ({ request }) => HttpResponse.json(page(Number(new URL(request.url).searchParams.get('_getpagesoffset')) / 3 + 1))),
  ];
  function page(number: number): Bundle {
    const entries = [1, 2, 3].map((n) => match(observation(`p${number}-${n}`)));
    const link = number < pages ? [{ relation: 'next', url: `${BASE}?_getpages=abc-123&_getpagesoffset=${number * 3}&_count=3` }] : [];
    return searchset(entries, { link, ...extra });
  }
}

describe('FhirClient', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => {
    worker.resetHandlers();
    seen.length = 0;
  });
  after(() => worker.stop());

  describe('configuration', () => {
    it('refuses a base URL that is not http(s), naming the setting', () => {
      let error: unknown;
      try {
        new FhirClient({ baseUrl: 'ftp://fhir.test/R4' });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).to.be.instanceOf(ConfigurationError);
      expect((error as ConfigurationError).setting).to.equal('baseUrl');
    });

    it('accepts a base URL with a trailing slash', async () => {
      worker.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
      const fhir = client({ baseUrl: `${BASE}/` });
      expect(fhir.baseUrl).to.equal(BASE);
      await fhir.read('Patient', '1');
      expect(seen.map((request) => request.url)).to.deep.equal([`${BASE}/Patient/1`]);
    });
  });

  describe('read', () => {
    it('reads Type/id as FHIR JSON with a correlation id', async () => {
      worker.use(http.get(`${BASE}/Patient/9000000009`, () => HttpResponse.json({ resourceType: 'Patient', id: '9000000009' })));
      const patient = await client().read<Patient>('Patient', '9000000009');
      expect(patient.id).to.equal('9000000009');
      expect(seen[0]!.headers.get('Accept')).to.equal('application/fhir+json');
      expect(seen[0]!.headers.get('X-Request-Id')).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('gives each request its own X-Request-Id', async () => {
      worker.use(http.get(`${BASE}/Patient/:id`, ({ params }) => HttpResponse.json({ resourceType: 'Patient', id: params.id })));
      const fhir = client();
      await fhir.read('Patient', '1');
      await fhir.read('Patient', '2');
      expect(seen[0]!.headers.get('X-Request-Id')).not.to.equal(seen[1]!.headers.get('X-Request-Id'));
    });
  });

  describe('search parameters on the wire', () => {
    it('escapes , | $ and \\ inside values so the server reads each as one value', async () => {
      worker.use(http.get(`${BASE}/Observation`, () => HttpResponse.json(searchset([]))));
      await client().search('Observation', {
        code: token('urn:local|codes', 'a,b'),
        'value-string': escapeSearchValue('cost $5 \\ each'),
        category: anyOf('x,y', 'z'),
      });
      const query = new URL(seen[0]!.url).searchParams;
      expect(query.get('code')).to.equal('urn:local\\|codes|a\\,b');
      expect(query.get('value-string')).to.equal('cost \\$5 \\\\ each');
      expect(query.get('category')).to.equal('x\\,y,z');
    });

    it('repeats a parameter given several values (AND), and sends _include, _revinclude, _count and _sort', async () => {
      worker.use(http.get(`${BASE}/MedicationRequest`, () => HttpResponse.json(searchset([]))));
      await client().search('MedicationRequest', {
        patient: 'Patient/1',
        authoredon: ['ge2024-01-01', 'lt2025-01-01'],
        _include: ['MedicationRequest:medication', 'MedicationRequest:requester'],
        _revinclude: 'Provenance:target',
        _count: 50,
        _sort: '-authoredon',
      });
      const url = new URL(seen[0]!.url);
      expect(url.pathname).to.equal('/R4/MedicationRequest');
      expect(url.searchParams.getAll('authoredon')).to.deep.equal(['ge2024-01-01', 'lt2025-01-01']);
      expect(url.searchParams.getAll('_include')).to.deep.equal(['MedicationRequest:medication', 'MedicationRequest:requester']);
      expect(url.searchParams.get('_revinclude')).to.equal('Provenance:target');
      expect(url.searchParams.get('_count')).to.equal('50');
      expect(url.searchParams.get('_sort')).to.equal('-authoredon');
    });
  });

  describe('search entries', () => {
    it('keeps matches, included resources and server outcomes apart by search.mode', async () => {
      worker.use(
        http.get(`${BASE}/MedicationRequest`, () =>
          HttpResponse.json(
            searchset([
              match({ resourceType: 'MedicationRequest', id: 'mr1', status: 'active', intent: 'order', subject: { reference: 'Patient/1' } }),
              { resource: { resourceType: 'Medication', id: 'med1' }, search: { mode: 'include' } },
              {
                resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', details: { text: 'Data awaiting filing' } }] },
                search: { mode: 'outcome' },
              },
            ]),
          ),
        ),
      );
      const result = await client().search<MedicationRequest>('MedicationRequest', { patient: '1', _include: 'MedicationRequest:medication' });
      expect(result.matches.map((resource) => resource.id)).to.deep.equal(['mr1']);
      expect(result.included.map((resource) => `${resource.resourceType}/${resource.id}`)).to.deep.equal(['Medication/med1']);
      expect(result.outcomes[0]!.issue[0]!.details!.text).to.equal('Data awaiting filing');
    });

    it('places entries without search.mode by type: the searched type matches, outcomes apart, the rest included', async () => {
      worker.use(
        http.get(`${BASE}/Observation`, () =>
          HttpResponse.json(
            searchset([
              { resource: observation('o1') },
              { resource: { resourceType: 'Patient', id: '1' } },
              { resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] } },
            ]),
          ),
        ),
      );
      const result = await client().search('Observation', { patient: '1' });
      expect(result.matches.map((resource) => resource.id)).to.deep.equal(['o1']);
      expect(result.included.map((resource) => resource.resourceType)).to.deep.equal(['Patient']);
      expect(result.outcomes).to.have.length(1);
    });
  });

  describe('paging', () => {
    it('follows next links as opaque URLs to the last page and reports the server total', async () => {
      worker.use(...pagedObservations(3, { total: 9 }));
      const result = await client().search('Observation', { patient: '1' });
      expect(result.matches).to.have.length(9);
      expect(result.complete).to.equal(true);
      expect(result.incompleteReason).to.equal(undefined);
      expect(result.total).to.equal(9);
      expect(result.pages).to.equal(3);
      expect(seen.map((request) => request.url)).to.deep.equal([
        `${BASE}/Observation?patient=1`,
        `${BASE}?_getpages=abc-123&_getpagesoffset=3&_count=3`,
        `${BASE}?_getpages=abc-123&_getpagesoffset=6&_count=3`,
      ]);
      expect(result.requestUrls).to.deep.equal(seen.map((request) => request.url));
    });

    it('leaves total undefined when the server does not give one', async () => {
      worker.use(...pagedObservations(1));
      const result = await client().search('Observation');
      expect(result.total).to.equal(undefined);
      expect(result.complete).to.equal(true);
    });

    it('stops at the page cap, says so, and loadMore continues with the earlier entries kept', async () => {
      worker.use(...pagedObservations(5, { total: 15 }));
      const fhir = client();
      const first = await fhir.search('Observation', { patient: '1' }, { maxPages: 2 });
      expect(seen).to.have.length(2);
      expect(first.matches).to.have.length(6);
      expect(first.complete).to.equal(false);
      expect(first.incompleteReason).to.equal('page-cap');
      expect(first.total).to.equal(15);
      expect(first.nextUrl).to.equal(`${BASE}?_getpages=abc-123&_getpagesoffset=6&_count=3`);

      const more = await fhir.loadMore(first, { maxPages: 2 });
      expect(more.matches.map((resource) => resource.id)).to.deep.equal([...first.matches.map((resource) => resource.id), 'p3-1', 'p3-2', 'p3-3', 'p4-1', 'p4-2', 'p4-3']);
      expect(more.incompleteReason).to.equal('page-cap');
      expect(more.pages).to.equal(4);
      expect(first.matches).to.have.length(6);

      const rest = await fhir.loadMore(more);
      expect(rest.matches).to.have.length(15);
      expect(rest.complete).to.equal(true);
      expect(rest.nextUrl).to.equal(undefined);
      expect(seen).to.have.length(5);
    });

    it('stops following next links once the resource cap is reached', async () => {
      worker.use(...pagedObservations(5));
      const result = await client().search('Observation', {}, { maxResources: 5 });
      expect(seen).to.have.length(2);
      expect(result.matches).to.have.length(6);
      expect(result.complete).to.equal(false);
      expect(result.incompleteReason).to.equal('resource-cap');
    });

    it('never requests a next link on another origin, so the token cannot leave the record server', async () => {
      let foreignRequests = 0;
      worker.use(
        http.get(`${BASE}/Observation`, () =>
          HttpResponse.json(searchset([match(observation('o1'))], { total: 2, link: [{ relation: 'next', url: `${FOREIGN}/R4?page=2` }] })),
        ),
        http.get(`${FOREIGN}/*`, () => {
          foreignRequests++;
          return HttpResponse.json(searchset([match(observation('o2'))]));
        }),
      );
      const result = await client({ tokenSource: () => 'secret-token' }).search('Observation');
      expect(result.matches).to.have.length(1);
      expect(result.complete).to.equal(false);
      expect(result.incompleteReason).to.equal('foreign-next-link');
      expect(result.nextUrl).to.equal(undefined);
      expect(foreignRequests).to.equal(0);
      expect(seen.map((request) => new URL(request.url).origin)).to.deep.equal([new URL(BASE).origin]);
    });

    it('does not follow a next link it has already followed', async () => {
      worker.use(
        http.get(`${BASE}/Observation`, ({ request }) => {
          const second = new URL(request.url).searchParams.get('page') === '2';
          return HttpResponse.json(
            searchset([match(observation(second ? 'o2' : 'o1'))], {
              link: [{ relation: 'next', url: second ? `${BASE}/Observation` : `${BASE}/Observation?page=2` }],
            }),
          );
        }),
      );
      const result = await client().search('Observation');
      expect(seen.map((request) => request.url)).to.deep.equal([`${BASE}/Observation`, `${BASE}/Observation?page=2`]);
      expect(result.matches.map((resource) => resource.id)).to.deep.equal(['o1', 'o2']);
      expect(result.complete).to.equal(false);
      expect(result.incompleteReason).to.equal('repeated-next-link');
    });

    it('resolves a relative next link against the page it came from', async () => {
      worker.use(
        http.get(`${BASE}/Observation`, ({ request }) => {
          const second = new URL(request.url).searchParams.has('page');
          return HttpResponse.json(searchset([match(observation(second ? 'o2' : 'o1'))], { link: second ? [] : [{ relation: 'next', url: 'Observation?page=2' }] }));
        }),
      );
      const result = await client().search('Observation');
      expect(result.complete).to.equal(true);
      expect(seen[1]!.url).to.equal(`${BASE}/Observation?page=2`);
    });

    it('loadMore of a complete result returns it without a request', async () => {
      worker.use(...pagedObservations(1));
      const fhir = client();
      const result = await fhir.search('Observation');
      expect(await fhir.loadMore(result)).to.equal(result);
      expect(seen).to.have.length(1);
    });
  });

  describe('references', () => {
    const medicationRequest: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: 'mr1',
      status: 'active',
      intent: 'order',
      subject: { reference: `${BASE}/Patient/1` },
      medicationReference: { reference: '#med1' },
      requester: { reference: 'Practitioner/dr1' },
      performer: { reference: 'urn:uuid:0b5a1f0e-7c1e-4a39-9a53-2f1f3c0d7e11' },
      recorder: { reference: 'https://another.test/R4/Practitioner/dr1' },
      contained: [{ resourceType: 'Medication', id: 'med1', code: { text: 'Paracetamol 500mg tablets' } }],
    };

    async function searchWithReferences() {
      worker.use(
        http.get(`${BASE}/MedicationRequest`, () =>
          HttpResponse.json(
            searchset([
              match(medicationRequest),
              { fullUrl: `${BASE}/Practitioner/dr1`, resource: { resourceType: 'Practitioner', id: 'dr1', name: [{ text: 'Dr A Jones' }] }, search: { mode: 'include' } },
              { fullUrl: `${BASE}/Patient/1`, resource: { resourceType: 'Patient', id: '1' }, search: { mode: 'include' } },
              {
                fullUrl: 'urn:uuid:0b5a1f0e-7c1e-4a39-9a53-2f1f3c0d7e11',
                resource: { resourceType: 'Organization', name: 'Riverside Pharmacy' },
                search: { mode: 'include' },
              },
            ]),
          ),
        ),
      );
      return client().search<MedicationRequest>('MedicationRequest', { patient: '1' });
    }

    it('resolves a contained reference (#id) within the resource that holds it', async () => {
      const result = await searchWithReferences();
      const medication = result.resolve(medicationRequest.medicationReference, result.matches[0]);
      expect(medication).to.deep.include({ resourceType: 'Medication', id: 'med1' });
      expect(result.resolve('#med1')).to.equal(undefined);
    });

    it('resolves a relative reference to an included resource', async () => {
      const result = await searchWithReferences();
      expect(result.resolve(medicationRequest.requester)).to.deep.include({ resourceType: 'Practitioner', id: 'dr1' });
    });

    it('resolves an absolute reference on this server, but not the same path on another server', async () => {
      const result = await searchWithReferences();
      expect(result.resolve(medicationRequest.subject)).to.deep.include({ resourceType: 'Patient', id: '1' });
      expect(result.resolve(medicationRequest.recorder)).to.equal(undefined);
    });

    it('resolves a reference by the fullUrl of an entry (urn:uuid)', async () => {
      const result = await searchWithReferences();
      expect(result.resolve(medicationRequest.performer)).to.deep.include({ name: 'Riverside Pharmacy' });
    });

    it('resolves references to resources of every page, after Load more too, preferring a match to an included copy', async () => {
      const report = (id: string, result: string): DiagnosticReport => ({ resourceType: 'DiagnosticReport', id, status: 'final', code: { text: id }, result: [{ reference: result }] });
      const include = (resource: FhirResource): BundleEntry => ({ fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'include' } });
      const lab = { resourceType: 'Organization', id: 'lab', name: 'Leeds Pathology' } as const;
      worker.use(
        http.get(`${BASE}/DiagnosticReport`, () =>
          HttpResponse.json(searchset([match(report('r1', 'Observation/o1')), include(observation('o1'))], { link: [{ relation: 'next', url: `${BASE}?_getpages=r&_getpagesoffset=1` }] })),
        ),
        http.get(BASE, () =>
          HttpResponse.json(searchset([match(report('r2', 'Observation/o2')), include(observation('o2')), include(lab), include({ ...report('r1', 'Observation/o1'), status: 'amended' })])),
        ),
      );
      const fhir = client();
      const first = await fhir.search('DiagnosticReport', { patient: '1' }, { maxPages: 1 });
      expect(first.resolve('Observation/o1')?.id).to.equal('o1');
      expect(first.resolve('Observation/o2')).to.equal(undefined);
      expect(first.resolve('Organization/lab')).to.equal(undefined);
      const more = await fhir.loadMore(first);
      expect(more.resolve('Observation/o2')?.id).to.equal('o2');
      expect(more.resolve(`${BASE}/Observation/o1`)?.id).to.equal('o1');
      expect(more.resolve({ reference: 'Organization/lab' })).to.deep.include({ name: 'Leeds Pathology' });
      expect(more.resolve<DiagnosticReport>('DiagnosticReport/r1')?.status).to.equal('final');
      expect(more.resolve('Practitioner/lab')).to.equal(undefined);
      expect(first.resolve('Observation/o2')).to.equal(undefined);
    });

    it('fetches unresolved references with one request per resource type', async () => {
      worker.use(
        http.get(`${BASE}/:type`, ({ request, params }) => {
          const ids = new URL(request.url).searchParams.get('_id')!.split(',');
          return HttpResponse.json(searchset(ids.map((id) => match({ resourceType: params.type, id } as FhirResource))));
        }),
      );
      const resolved = await client().resolveReferences([
        'Practitioner/a',
        { reference: 'Practitioner/b' },
        { reference: `${BASE}/Practitioner/c` },
        'Practitioner/a',
        'Organization/x',
        { reference: 'Organization/y/_history/2' },
        { reference: '#contained' },
        { reference: `${FOREIGN}/R4/Organization/z` },
        { display: 'No reference at all' },
      ]);
      const queries = seen.map((request) => new URL(request.url));
      expect(queries.map((url) => `${url.pathname}?_id=${url.searchParams.get('_id')}`).sort()).to.deep.equal([
        '/R4/Organization?_id=x,y',
        '/R4/Practitioner?_id=a,b,c',
      ]);
      expect(resolved.get('Practitioner/a')?.id).to.equal('a');
      expect(resolved.get(`${BASE}/Practitioner/c`)?.id).to.equal('c');
      expect(resolved.get('Organization/y/_history/2')?.id).to.equal('y');
      expect(resolved.has('#contained')).to.equal(false);
      expect(resolved.has(`${FOREIGN}/R4/Organization/z`)).to.equal(false);
    });
  });

  describe('authentication and interceptors', () => {
    it('sends the token from the token source as a bearer token, asking it for every request', async () => {
      worker.use(http.get(`${BASE}/Patient/:id`, ({ params }) => HttpResponse.json({ resourceType: 'Patient', id: params.id })));
      let issued = 0;
      const fhir = client({ tokenSource: async () => `token-${++issued}` });
      await fhir.read('Patient', '1');
      await fhir.read('Patient', '2');
      expect(seen.map((request) => request.headers.get('Authorization'))).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
    });

    it('sends no Authorization header without a token', async () => {
      worker.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
      await client({ tokenSource: () => undefined }).read('Patient', '1');
      expect(seen[0]!.headers.has('Authorization')).to.equal(false);
    });

    it("in cookie mode (credentials: 'include') sends cookies and no Authorization header", async () => {
      worker.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
      await client({ credentials: 'include', tokenSource: () => 'should-not-be-sent' }).read('Patient', '1');
      expect(seen[0]!.headers.has('Authorization')).to.equal(false);
      expect(seen[0]!.credentials).to.equal('include');
    });

    it('lets interceptors see the built request and add headers; the remover takes one out', async () => {
      worker.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
      const observed: Array<string | null> = [];
      const fhir = client({
        tokenSource: () => 't',
        interceptors: [
          (request) => {
            observed.push(request.headers.get('Authorization'), request.headers.get('X-Request-Id'));
          },
        ],
      });
      const remove = fhir.addRequestInterceptor((request) => {
        const headers = new Headers(request.headers);
        headers.set('X-Care-Home', 'RX123');
        return new Request(request, { headers });
      });
      await fhir.read('Patient', '1', { noCache: true });
      remove();
      await fhir.read('Patient', '1', { noCache: true });
      expect(observed[0]).to.equal('Bearer t');
      expect(observed[1]).to.equal(seen[0]!.headers.get('X-Request-Id'));
      expect(seen.map((request) => request.headers.get('X-Care-Home'))).to.deep.equal(['RX123', null]);
    });

    it('refuses a request an interceptor redirects to another origin', async () => {
      const fhir = client({ tokenSource: () => 't', interceptors: [(request) => new Request(`${FOREIGN}/steal`, request)] });
      let error: unknown;
      await fhir.read('Patient', '1').catch((thrown: unknown) => (error = thrown));
      expect(error).to.be.instanceOf(ConfigurationError);
      expect(seen).to.have.length(0);
    });

    it('refuses get() of a URL on another origin without sending anything', async () => {
      let error: unknown;
      await client({ tokenSource: () => 't' })
        .get(`${FOREIGN}/R4/metadata`)
        .catch((thrown: unknown) => (error = thrown));
      expect(error).to.be.instanceOf(ConfigurationError);
      expect(seen).to.have.length(0);
    });

    it('get() takes paths relative to the base URL', async () => {
      worker.use(http.get(`${BASE}/metadata`, () => HttpResponse.json({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' })));
      const capability = await client().get<{ fhirVersion: string }>('metadata');
      expect(capability.fhirVersion).to.equal('4.0.1');
    });

    it('post() sends FHIR JSON and returns the parsed answer', async () => {
      let received: unknown;
      let contentType: string | null = null;
      worker.use(
        http.post(`${BASE}/AuditEvent`, async ({ request }) => {
          received = await request.json();
          contentType = request.headers.get('Content-Type');
          return HttpResponse.json({ resourceType: 'AuditEvent', id: 'ae1' }, { status: 201 });
        }),
      );
      const created = await client().post<{ id: string }>('AuditEvent', { resourceType: 'AuditEvent' });
      expect(created.id).to.equal('ae1');
      expect(received).to.deep.equal({ resourceType: 'AuditEvent' });
      expect(contentType).to.equal('application/fhir+json');
    });

    it('fires a request event with the URL, method and the X-Request-Id sent', async () => {
      worker.use(http.get(`${BASE}/Patient/1`, () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
      const fhir = client();
      const events: FhirRequestEventDetail[] = [];
      fhir.addEventListener('request', (event) => events.push(event.detail));
      await fhir.read('Patient', '1');
      expect(events).to.deep.equal([{ url: `${BASE}/Patient/1`, method: 'GET', requestId: seen[0]!.headers.get('X-Request-Id'), fromCache: false }]);
    });
  });
});
