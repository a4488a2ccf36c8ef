import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { FhirClient } from '../../packages/fhir/src/client.js';
import type { FhirClientOptions } from '../../packages/fhir/src/client.js';
import {
  AccessDeniedError,
  AuthenticationRequiredError,
  CareRecordError,
  FhirHttpError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  TimeoutError,
} from '../../packages/fhir/src/errors.js';
import type { OperationOutcome } from '../../packages/fhir/src/fhir-types.js';

const BASE = 'https://fhir.test/R4';
const PATIENT_URL = `${BASE}/Patient/1`;
const patient = { resourceType: 'Patient', id: '1' };

const worker = setupWorker();
/** Requests msw saw (the network boundary). */
const seen: Array<{ request: Request }> = [];
worker.events.on('request:start', ({ request }) => {
  if (request.url.startsWith(BASE)) seen.push({ request });
});

function client(options: Partial<FhirClientOptions> = {}): FhirClient {
  return new FhirClient({ baseUrl: BASE, cacheTtlMs: 0, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

/** Responds with each response in turn, then the last one for ever. */
function respondInTurn(method: 'get' | 'post', url: string, ...responses: Array<() => Response>) {
  let calls = 0;
  return http[method](url, () => responses[Math.min(calls++, responses.length - 1)]!());
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** Resolves once `condition` holds (checked every 10 ms): waits on what happened, not on a guess of how long it takes. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const outcome = (issue: OperationOutcome['issue']): OperationOutcome => ({ resourceType: 'OperationOutcome', issue });

describe('FhirClient errors, retries, aborts and timeouts', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => {
    worker.resetHandlers();
    seen.length = 0;
  });
  after(() => worker.stop());

  describe('HTTP errors', () => {
    it("carries the status and the OperationOutcome's issues, and puts the server's words in the message", async () => {
      worker.use(
        http.get(`${BASE}/Observation`, () =>
          HttpResponse.json(
            outcome([{ severity: 'error', code: 'invalid', diagnostics: 'Unknown parameter "colour"', details: { text: 'The search parameter colour is not supported' } }]),
            { status: 400 },
          ),
        ),
      );
      const error = await failure(client().search('Observation', { colour: 'red' }));
      expect(error).to.be.instanceOf(FhirHttpError);
      expect(error).to.be.instanceOf(CareRecordError);
      const httpError = error as FhirHttpError;
      expect(httpError.status).to.equal(400);
      expect(httpError.url).to.equal(`${BASE}/Observation?colour=red`);
      expect(httpError.issues).to.deep.equal([
        { severity: 'error', code: 'invalid', diagnostics: 'Unknown parameter "colour"', text: 'The search parameter colour is not supported' },
      ]);
      expect(httpError.message).to.contain('The search parameter colour is not supported');
      expect(seen).to.have.length(1);
    });

    it('uses the diagnostics in the message when an issue has no text', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.json(outcome([{ severity: 'fatal', code: 'exception', diagnostics: 'Database unavailable' }]), { status: 500 })));
      const error = (await failure(client().read('Patient', '1'))) as FhirHttpError;
      expect(error.message).to.equal('The record server had a problem (HTTP 500). Please try again later. The server said: Database unavailable');
      expect(error.code).to.equal('http-error');
    });

    it('reports 401 as AuthenticationRequiredError', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 401 })));
      const error = await failure(client().read('Patient', '1'));
      expect(error).to.be.instanceOf(AuthenticationRequiredError);
      expect((error as AuthenticationRequiredError).status).to.equal(401);
      expect((error as AuthenticationRequiredError).code).to.equal('authentication-required');
    });

    it("reports 403 as AccessDeniedError: \"You don't have access to this person's record\"", async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.json(outcome([{ severity: 'error', code: 'forbidden' }]), { status: 403 })));
      const error = await failure(client().read('Patient', '1'));
      expect(error).to.be.instanceOf(AccessDeniedError);
      expect((error as AccessDeniedError).message).to.equal("You don't have access to this person's record");
      expect((error as AccessDeniedError).issues[0]!.code).to.equal('forbidden');
      expect(seen).to.have.length(1);
    });

    it('reports 404 as NotFoundError, not retried', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.json(outcome([{ severity: 'error', code: 'not-found', details: { text: 'Patient/1 is not known' } }]), { status: 404 })));
      const error = (await failure(client().read('Patient', '1'))) as NotFoundError;
      expect(error).to.be.instanceOf(NotFoundError);
      expect(error.gone).to.equal(false);
      expect(error.message).to.contain('Patient/1 is not known');
      expect(seen).to.have.length(1);
    });

    it('reports 410 as NotFoundError that is gone (deleted)', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 410 })));
      const error = (await failure(client().read('Patient', '1'))) as NotFoundError;
      expect(error).to.be.instanceOf(NotFoundError);
      expect(error.status).to.equal(410);
      expect(error.gone).to.equal(true);
      expect(error.message).to.equal('This record has been deleted from the record server.');
    });
  });

  describe('invalid responses', () => {
    it('reports a response that is not JSON (an HTML login page) as InvalidResponseError', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.html('<html><body>Please sign in</body></html>')));
      const error = await failure(client().read('Patient', '1'));
      expect(error).to.be.instanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).to.equal('The record server sent a response that could not be read (it is not JSON).');
    });

    it('reports a read that returns another resourceType as InvalidResponseError', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.json({ resourceType: 'Practitioner', id: '1' })));
      const error = await failure(client().read('Patient', '1'));
      expect(error).to.be.instanceOf(InvalidResponseError);
      expect((error as Error).message).to.contain('expected a Patient, received a Practitioner');
    });

    it('reports a search that does not return a Bundle as InvalidResponseError', async () => {
      worker.use(http.get(`${BASE}/Observation`, () => HttpResponse.json({ resourceType: 'Observation', id: 'o1' })));
      const error = await failure(client().search('Observation'));
      expect(error).to.be.instanceOf(InvalidResponseError);
      expect((error as Error).message).to.contain('expected a Bundle');
    });
  });

  describe('renewing the session on 401', () => {
    it('asks onUnauthorized once and retries once with the new token when it renews', async () => {
      let token = 'expired';
      let renewals = 0;
      worker.use(
        http.get(PATIENT_URL, ({ request }) =>
          request.headers.get('Authorization') === 'Bearer fresh' ? HttpResponse.json(patient) : new HttpResponse(null, { status: 401 }),
        ),
      );
      const fhir = client({
        tokenSource: () => token,
        onUnauthorized: async () => {
          renewals++;
          token = 'fresh';
          return true;
        },
      });
      expect((await fhir.read('Patient', '1')).id).to.equal('1');
      expect(renewals).to.equal(1);
      expect(seen.map(({ request }) => request.headers.get('Authorization'))).to.deep.equal(['Bearer expired', 'Bearer fresh']);
    });

    it('throws AuthenticationRequiredError without a retry when the session cannot be renewed', async () => {
      let renewals = 0;
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 401 })));
      const fhir = client({ tokenSource: () => 'expired', onUnauthorized: async () => (renewals++, false) });
      expect(await failure(fhir.read('Patient', '1'))).to.be.instanceOf(AuthenticationRequiredError);
      expect(renewals).to.equal(1);
      expect(seen).to.have.length(1);
    });

    it('renews only once per request when the server still says 401', async () => {
      let renewals = 0;
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 401 })));
      const fhir = client({ tokenSource: () => 'refused', onUnauthorized: async () => (renewals++, true) });
      expect(await failure(fhir.read('Patient', '1'))).to.be.instanceOf(AuthenticationRequiredError);
      expect(renewals).to.equal(1);
      expect(seen).to.have.length(2);
    });
  });

  describe('retries', () => {
    for (const status of [429, 502, 503, 504]) {
      it(`retries a GET after HTTP ${status}`, async () => {
        worker.use(respondInTurn('get', PATIENT_URL, () => new HttpResponse(null, { status }), () => HttpResponse.json(patient)));
        expect((await client().read('Patient', '1')).id).to.equal('1');
        expect(seen).to.have.length(2);
      });
    }

    it('retries a GET after a network failure', async () => {
      worker.use(respondInTurn('get', PATIENT_URL, () => HttpResponse.error(), () => HttpResponse.json(patient)));
      expect((await client().read('Patient', '1')).id).to.equal('1');
      expect(seen).to.have.length(2);
    });

    it('gives up after maxAttempts (3 by default) with the last error', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 503 })));
      const error = (await failure(client().read('Patient', '1'))) as FhirHttpError;
      expect(error.status).to.equal(503);
      expect(seen).to.have.length(3);
    });

    it('makes as many attempts as configured', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 502 })));
      await failure(client({ retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2 } }).read('Patient', '1'));
      expect(seen).to.have.length(5);
    });

    it('reports NetworkError when the server stays unreachable', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.error()));
      const error = await failure(client().read('Patient', '1'));
      expect(error).to.be.instanceOf(NetworkError);
      expect((error as NetworkError).message).to.equal('The record server could not be reached. Check the connection and try again.');
      expect(seen).to.have.length(3);
    });

    it('caps the backoff at maxDelayMs', async () => {
      // Uncapped, a base of one minute would wait far beyond the test's time limit.
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 503 })));
      await failure(client({ retry: { maxAttempts: 3, baseDelayMs: 60000, maxDelayMs: 10 } }).read('Patient', '1'));
      expect(seen).to.have.length(3);
    });

    it('does not retry a POST', async () => {
      worker.use(http.post(`${BASE}/AuditEvent`, () => new HttpResponse(null, { status: 503 })));
      expect(await failure(client().post('AuditEvent', { resourceType: 'AuditEvent' }))).to.be.instanceOf(FhirHttpError);
      worker.use(http.post(`${BASE}/AuditEvent`, () => HttpResponse.error()));
      expect(await failure(client().post('AuditEvent', { resourceType: 'AuditEvent' }))).to.be.instanceOf(NetworkError);
      expect(seen).to.have.length(2);
    });

    it('does not retry a 400 Bad Request or a 500', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 400 })));
      await failure(client().read('Patient', '1'));
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 500 })));
      await failure(client().read('Patient', '1'));
      expect(seen).to.have.length(2);
    });

    it('waits for Retry-After given in seconds before retrying', async () => {
      worker.use(
        respondInTurn('get', PATIENT_URL, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }), () => HttpResponse.json(patient)),
      );
      const fhir = client();
      const sentAt: number[] = [];
      fhir.addEventListener('request', () => sentAt.push(performance.now()));
      await fhir.read('Patient', '1');
      expect(seen).to.have.length(2);
      expect(sentAt[1]! - sentAt[0]!).to.be.at.least(990);
    });

    it('waits for Retry-After given as an HTTP date before retrying', async () => {
      worker.use(
        respondInTurn(
          'get',
          PATIENT_URL,
          () => {
            // HTTP dates have whole seconds: the next whole second after one from now.
            const retryAt = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
            return new HttpResponse(null, { status: 503, headers: { 'Retry-After': retryAt.toUTCString() } });
          },
          () => HttpResponse.json(patient),
        ),
      );
      const fhir = client();
      const sentAt: number[] = [];
      fhir.addEventListener('request', () => sentAt.push(Date.now()));
      await fhir.read('Patient', '1');
      expect(seen).to.have.length(2);
      expect(sentAt[1]! - sentAt[0]!).to.be.at.least(990);
    });

    it('gives up at once when Retry-After asks for a long wait, saying how long', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '120' } })));
      const error = (await failure(client().read('Patient', '1'))) as FhirHttpError;
      expect(error.status).to.equal(429);
      expect(error.retryAfterMs).to.equal(120000);
      expect(error.message).to.equal('The record server is busy. Please try again in 2 minutes.');
      expect(seen).to.have.length(1);
    });

    it('gives up at once when a Retry-After date is far off', async () => {
      const retryAt = new Date(Date.now() + 10 * 60 * 1000).toUTCString();
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': retryAt } })));
      const error = (await failure(client().read('Patient', '1'))) as FhirHttpError;
      expect(error.retryAfterMs).to.be.greaterThan(60000);
      expect(seen).to.have.length(1);
    });
  });

  describe('aborts', () => {
    it('rejects with the AbortError, sending nothing, when the signal is already aborted', async () => {
      worker.use(http.get(PATIENT_URL, () => HttpResponse.json(patient)));
      const controller = new AbortController();
      controller.abort();
      const error = await failure(client().read('Patient', '1', { signal: controller.signal }));
      expect(error).to.equal(controller.signal.reason);
      expect((error as DOMException).name).to.equal('AbortError');
      expect(seen).to.have.length(0);
    });

    it('rejects with the original AbortError, not wrapped, when aborted during the request', async () => {
      worker.use(
        http.get(PATIENT_URL, async () => {
          await delay(2000);
          return HttpResponse.json(patient);
        }),
      );
      const controller = new AbortController();
      const pending = client().read('Patient', '1', { signal: controller.signal });
      await until(() => seen.length === 1);
      controller.abort();
      const error = await failure(pending);
      expect(error).to.equal(controller.signal.reason);
      expect(error).not.to.be.instanceOf(CareRecordError);
    });

    it('stops waiting to retry when aborted during the backoff', async () => {
      worker.use(http.get(PATIENT_URL, () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '30' } })));
      const controller = new AbortController();
      const pending = client().read('Patient', '1', { signal: controller.signal });
      await until(() => seen.length === 1);
      // Give the client a moment to read the 503 and start waiting.
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      expect(await failure(pending)).to.equal(controller.signal.reason);
      expect(seen).to.have.length(1);
    });
  });

  describe('timeouts', () => {
    it('reports a slow server as TimeoutError', async () => {
      worker.use(
        http.get(PATIENT_URL, async () => {
          await delay(2000);
          return HttpResponse.json(patient);
        }),
      );
      const error = await failure(client({ timeoutMs: 100 }).read('Patient', '1'));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).message).to.equal('The record server did not respond in time (100 ms).');
    });

    it('lets one call set its own time limit', async () => {
      worker.use(
        http.get(PATIENT_URL, async () => {
          await delay(2000);
          return HttpResponse.json(patient);
        }),
      );
      const error = await failure(client().read('Patient', '1', { timeoutMs: 150 }));
      expect(error).to.be.instanceOf(TimeoutError);
      expect((error as TimeoutError).timeoutMs).to.equal(150);
    });

    it('says the default time limit in seconds', () => {
      expect(new TimeoutError(PATIENT_URL, 30000).message).to.equal('The record server did not respond in time (30 s).');
    });
  });
});
