import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';

describe('toolchain', () => {
  it('mocks FHIR traffic at the network boundary with msw', async () => {
    const worker = setupWorker(http.get('https://fhir.example/Patient/1', () => HttpResponse.json({ resourceType: 'Patient', id: '1' })));
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    const res = await fetch('https://fhir.example/Patient/1');
    expect((await res.json()).id).to.equal('1');
    const fixture = await fetch('/__shared/fixtures/fhir/hl7-r4/allergyintolerance-nka.json');
    expect((await fixture.json()).resourceType).to.equal('AllergyIntolerance');
    worker.stop();
  });
});
