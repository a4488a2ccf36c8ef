import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { FhirClient } from '../../packages/fhir/src/client.js';
import type { FhirClientOptions, FhirRequestEventDetail } from '../../packages/fhir/src/client.js';
import type { Bundle, Patient } from '../../packages/fhir/src/fhir-types.js';

const BASE = 'https://fhir.test/R4';
const PATIENT_URL = `${BASE}/Patient/1`;

const worker = setupWorker();
/** Requests msw saw (the network boundary). */
const seen: Request[] = [];
worker.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(BASE)) seen.push(request);
});

let served = 0;
/** Serves Patient/1 with a version number per response, after `ms`. */
function patientServer(ms = 0) {
  served = 0;
  return http.get(PATIENT_URL, async () => {
    const version = ++served;
    if (ms) await delay(ms);
    return HttpResponse.json({ resourceType: 'Patient', id: '1', meta: { versionId: String(version) }, name: [{ family: 'SMITH' }] });
  });
}

function client(options: Partial<FhirClientOptions> = {}): FhirClient {
  return new FhirClient({ baseUrl: BASE, cacheTtlMs: 30000, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds (checked every 10 ms): waits on what happened, not on a guess of how long it takes. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await wait(10);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

describe('FhirClient de-duplication and cache', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => {
    worker.resetHandlers();
    seen.length = 0;
  });
  after(() => worker.stop());

  describe('identical requests in flight', () => {
    it('sends one request for two identical GETs at the same time', async () => {
      worker.use(patientServer(100));
      const fhir = client({ cacheTtlMs: 0 });
      const [first, second] = await Promise.all([fhir.read<Patient>('Patient', '1'), fhir.read<Patient>('Patient', '1')]);
      expect(seen).to.have.length(1);
      expect(first.meta?.versionId).to.equal('1');
      expect(second.meta?.versionId).to.equal('1');
    });

    it("does not cancel the other caller's request when one caller aborts", async () => {
      worker.use(patientServer(300));
      const sent: Request[] = [];
      const fhir = client({ fetch: (request) => (sent.push(request as Request), fetch(request)) });
      const controller = new AbortController();
      const aborted = fhir.read('Patient', '1', { signal: controller.signal });
      const kept = fhir.read<Patient>('Patient', '1', { signal: new AbortController().signal });
      await until(() => sent.length === 1);
      controller.abort();
      expect(await failure(aborted)).to.equal(controller.signal.reason);
      expect(sent[0]!.signal.aborted).to.equal(false);
      expect((await kept).id).to.equal('1');
      expect(seen).to.have.length(1);
    });

    it('aborts the shared request when every caller has aborted, and the next caller starts afresh', async () => {
      worker.use(patientServer(300));
      const sent: Request[] = [];
      const fhir = client({ fetch: (request) => (sent.push(request as Request), fetch(request)) });
      const first = new AbortController();
      const second = new AbortController();
      const calls = [fhir.read('Patient', '1', { signal: first.signal }), fhir.read('Patient', '1', { signal: second.signal })];
      await until(() => sent.length === 1);
      first.abort();
      second.abort();
      await Promise.all(calls.map(failure));
      expect(sent[0]!.signal.aborted).to.equal(true);
      const later = await fhir.read<Patient>('Patient', '1');
      expect(later.meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it('tells listeners that a joined request was answered without a request of its own', async () => {
      worker.use(patientServer(50));
      const fhir = client({ cacheTtlMs: 0 });
      const events: FhirRequestEventDetail[] = [];
      fhir.addEventListener('request', (event) => events.push(event.detail));
      await Promise.all([fhir.read('Patient', '1'), fhir.read('Patient', '1')]);
      expect(events.map((detail) => detail.fromCache).sort()).to.deep.equal([false, true]);
    });
  });

  describe('cache', () => {
    it('answers the same GET from the cache within cacheTtlMs, and says so in the request event', async () => {
      worker.use(patientServer());
      const fhir = client();
      const events: FhirRequestEventDetail[] = [];
      fhir.addEventListener('request', (event) => events.push(event.detail));
      await fhir.read('Patient', '1');
      const again = await fhir.read<Patient>('Patient', '1');
      expect(again.meta?.versionId).to.equal('1');
      expect(seen).to.have.length(1);
      expect(events.map(({ url, fromCache }) => ({ url, fromCache }))).to.deep.equal([
        { url: PATIENT_URL, fromCache: false },
        { url: PATIENT_URL, fromCache: true },
      ]);
    });

    it('serves every page of a repeated search from the cache', async () => {
      const page = (next?: string): Bundle => ({
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: { resourceType: 'Patient', id: next ? '1' : '2' } }],
        link: next ? [{ relation: 'next', url: next }] : [],
      });
      worker.use(http.get(`${BASE}/Patient`, ({ request }) => HttpResponse.json(new URL(request.url).searchParams.has('page') ? page() : page(`${BASE}/Patient?page=2`))));
      const fhir = client();
      await fhir.search('Patient');
      const again = await fhir.search('Patient');
      expect(again.matches).to.have.length(2);
      expect(again.complete).to.equal(true);
      expect(seen).to.have.length(2);
    });

    it('asks the server again once cacheTtlMs has passed', async () => {
      worker.use(patientServer());
      const fhir = client({ cacheTtlMs: 50 });
      await fhir.read('Patient', '1');
      await wait(100);
      expect((await fhir.read<Patient>('Patient', '1')).meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it('does not cache with cacheTtlMs 0', async () => {
      worker.use(patientServer());
      const fhir = client({ cacheTtlMs: 0 });
      await fhir.read('Patient', '1');
      await fhir.read('Patient', '1');
      expect(seen).to.have.length(2);
    });

    it('skips the cache for a call with noCache', async () => {
      worker.use(patientServer());
      const fhir = client();
      await fhir.read('Patient', '1');
      expect((await fhir.read<Patient>('Patient', '1', { noCache: true })).meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it("keeps each signed-in subject's answers apart", async () => {
      worker.use(patientServer());
      let subject = 'carer-a';
      const fhir = client({ subject: () => subject });
      await fhir.read('Patient', '1');
      subject = 'carer-b';
      expect((await fhir.read<Patient>('Patient', '1')).meta?.versionId).to.equal('2');
      subject = 'carer-a';
      expect((await fhir.read<Patient>('Patient', '1')).meta?.versionId).to.equal('1');
      expect(seen).to.have.length(2);
    });

    it('is emptied by clear()', async () => {
      worker.use(patientServer());
      const fhir = client();
      await fhir.read('Patient', '1');
      fhir.clear();
      expect((await fhir.read<Patient>('Patient', '1')).meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it('is not refilled by a request that was in flight during clear()', async () => {
      worker.use(patientServer(150));
      const fhir = client();
      const beforeClear = fhir.read('Patient', '1');
      await until(() => seen.length === 1);
      fhir.clear();
      await beforeClear;
      expect((await fhir.read<Patient>('Patient', '1')).meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it('does not let a caller after clear() share a request made before it', async () => {
      worker.use(patientServer(150));
      const fhir = client();
      const beforeClear = fhir.read<Patient>('Patient', '1');
      await until(() => seen.length === 1);
      fhir.clear();
      const afterClear = await fhir.read<Patient>('Patient', '1');
      expect((await beforeClear).meta?.versionId).to.equal('1');
      expect(afterClear.meta?.versionId).to.equal('2');
      expect(seen).to.have.length(2);
    });

    it('does not cache errors', async () => {
      let calls = 0;
      worker.use(http.get(PATIENT_URL, () => (++calls === 1 ? new HttpResponse(null, { status: 500 }) : HttpResponse.json({ resourceType: 'Patient', id: '1' }))));
      const fhir = client();
      await failure(fhir.read('Patient', '1'));
      expect((await fhir.read<Patient>('Patient', '1')).id).to.equal('1');
      expect(seen).to.have.length(2);
    });

    it('gives out frozen resources, so one caller cannot change what another sees', async () => {
      worker.use(patientServer());
      const fhir = client();
      const first = await fhir.read<Patient>('Patient', '1');
      expect(() => {
        first.name![0]!.family = 'CHANGED';
      }).to.throw(TypeError);
      expect((await fhir.read<Patient>('Patient', '1')).name![0]!.family).to.equal('SMITH');
    });
  });
});
