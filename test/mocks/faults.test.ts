import { expect } from '@open-wc/testing';
import type { Bundle, FhirResource, OperationOutcome } from '@care-record/fhir';
import { createFhirHandlers, fhirFault } from '@care-record/mocks';
import { BASE, getJson, startWorker } from './helpers.js';

const resources: FhirResource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/p1' } },
];

describe('@care-record/mocks fault injection', () => {
  const { worker } = startWorker();
  const serve = (faults: Parameters<typeof createFhirHandlers>[0]['faults']) => worker.use(...createFhirHandlers({ baseUrl: BASE, resources, faults }));

  it('answers an error status with an OperationOutcome', async () => {
    serve([{ resourceType: 'AllergyIntolerance', status: 500 }]);
    const { status, body } = await getJson<OperationOutcome>('AllergyIntolerance?patient=p1');
    expect(status).to.equal(500);
    expect(body.resourceType).to.equal('OperationOutcome');
    expect(body.issue[0]!.severity).to.equal('error');
    expect((await getJson('Patient/p1')).status, 'other routes are untouched').to.equal(200);
  });

  it('sends Retry-After with 429 and 503', async () => {
    serve([
      { path: 'Patient/p1', status: 429, retryAfter: 2 },
      { resourceType: 'AllergyIntolerance', retryAfter: 'Wed, 25 Nov 2026 10:00:00 GMT' },
    ]);
    const throttled = await getJson<OperationOutcome>('Patient/p1');
    expect(throttled.status).to.equal(429);
    expect(throttled.response.headers.get('Retry-After')).to.equal('2');
    expect(throttled.body.issue[0]!.code).to.equal('throttled');
    const unavailable = await getJson('AllergyIntolerance');
    expect(unavailable.status).to.equal(503);
    expect(unavailable.response.headers.get('Retry-After')).to.equal('Wed, 25 Nov 2026 10:00:00 GMT');
  });

  it('delays the normal answer when the fault only has delayMs', async () => {
    serve([{ path: /\/Patient\/p1$/, delayMs: 400 }]);
    const pending = getJson<FhirResource>('Patient/p1');
    const early = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 100))]);
    expect(early).to.equal('still waiting');
    const { status, body } = await pending;
    expect(status).to.equal(200);
    expect(body.id).to.equal('p1');
  });

  it('sends malformed JSON, HTML, the wrong resource type or an empty bundle', async () => {
    serve([
      { path: 'AllergyIntolerance', body: 'malformed-json', times: 1 },
      { path: 'AllergyIntolerance', body: 'html', status: 502, times: 1 },
      { path: 'AllergyIntolerance', body: 'wrong-resource-type', times: 1 },
      { path: 'AllergyIntolerance', body: 'empty-bundle', times: 1 },
      { path: 'Patient/p1', body: 'wrong-resource-type' },
    ]);
    const malformed = await fetch(`${BASE}/AllergyIntolerance`);
    expect(malformed.headers.get('Content-Type')).to.include('application/fhir+json');
    let parseError: unknown;
    try {
      await malformed.json();
    } catch (e) {
      parseError = e;
    }
    expect(parseError).to.be.instanceOf(SyntaxError);

    const html = await fetch(`${BASE}/AllergyIntolerance`);
    expect(html.status).to.equal(502);
    expect(html.headers.get('Content-Type')).to.include('text/html');
    expect(await html.text()).to.include('<html');

    expect((await getJson<FhirResource>('AllergyIntolerance')).body.resourceType).to.equal('Patient');
    const empty = await getJson<Bundle>('AllergyIntolerance');
    expect(empty.body.resourceType).to.equal('Bundle');
    expect(empty.body.total).to.equal(0);
    expect(empty.body.entry).to.equal(undefined);
    expect((await getJson<FhirResource>('Patient/p1')).body.resourceType).not.to.equal('Patient');
  });

  it('sends any object as the body', async () => {
    serve([{ path: 'Patient/p1', status: 403, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Legitimate relationship required' }] } }]);
    const { status, body } = await getJson<OperationOutcome>('Patient/p1');
    expect(status).to.equal(403);
    expect(body.issue[0]!.diagnostics).to.equal('Legitimate relationship required');
  });

  it('fails at the network level', async () => {
    serve([{ resourceType: 'Patient', networkError: true }]);
    let failure: unknown;
    try {
      await fetch(`${BASE}/Patient/p1`);
    } catch (e) {
      failure = e;
    }
    expect(failure).to.be.instanceOf(TypeError);
  });

  it('applies a fault the given number of times, then heals', async () => {
    serve([{ resourceType: 'Patient', status: 503, times: 2 }]);
    expect((await getJson('Patient/p1')).status).to.equal(503);
    expect((await getJson('Patient/p1')).status).to.equal(503);
    expect((await getJson('Patient/p1')).status).to.equal(200);
  });

  it('matches on method and on a request predicate', async () => {
    serve([
      { method: 'POST', status: 422 },
      { match: (request) => request.headers.get('X-Request-Id') === 'poison', status: 400 },
    ]);
    expect((await getJson('Patient/p1')).status).to.equal(200);
    expect((await getJson('Patient/p1', { headers: { 'X-Request-Id': 'poison' } })).status).to.equal(400);
    const posted = await fetch(`${BASE}/Patient/_search`, { method: 'POST', body: new URLSearchParams({ _id: 'p1' }) });
    expect(posted.status).to.equal(422);
  });

  it('never answers a hanging route, so the client has to give up', async () => {
    serve([{ path: 'Patient/p1', hang: true }]);
    const controller = new AbortController();
    const pending = fetch(`${BASE}/Patient/p1`, { signal: controller.signal });
    const outcome = await Promise.race([pending.then(() => 'answered', () => 'failed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
    controller.abort();
    await pending.catch(() => undefined);
    expect(outcome).to.equal('still waiting');
  });

  it('works standalone with worker.use(fhirFault(...)) over the normal handlers', async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, resources }));
    worker.use(fhirFault(BASE, { resourceType: 'AllergyIntolerance', status: 401, times: 1 }));
    const denied = await getJson<OperationOutcome>('AllergyIntolerance?patient=p1');
    expect(denied.status).to.equal(401);
    expect(denied.response.headers.get('WWW-Authenticate')).to.match(/^Bearer/);
    expect((await getJson('AllergyIntolerance?patient=p1')).status).to.equal(200);
    expect((await getJson('Patient/p1')).status).to.equal(200);
  });
});
