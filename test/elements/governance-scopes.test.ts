import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TokenProviderSession } from '@care-record/auth';
import { FhirClient } from '@care-record/fhir';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import { scopeGrants, scopesAllow } from '../../packages/elements/src/governance/scopes.js';
import { BASE, MARGARET, collectViews, fhirServer, shown, text } from './governance-helpers.js';
import type { GovTestAllergies } from './governance-helpers.js';

const server = fhirServer();

async function mount(grantedScopes: readonly string[] | undefined) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .grantedScopes=${grantedScopes} .tokenProvider=${() => 'token-1'}>
      <gov-test-allergies></gov-test-allergies>
    </care-record-provider>
  `);
  return { provider, widget: provider.querySelector('gov-test-allergies') as GovTestAllergies };
}

describe('governance: SMART scopes', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  it("hides a section whose scope was not granted, says so, and asks the server for none of it", async () => {
    const { provider, widget } = await mount(['openid', 'fhirUser', 'patient/Patient.read', 'patient/Condition.rs']);
    await shown(widget, "You don't have permission to see allergies");
    expect(widget.shadowRoot!.querySelector('[part~="scope-denied"]')).to.exist;
    expect(widget.shadowRoot!.querySelector('[role="alert"]')).to.equal(null, 'not shown as a failure');
    expect(widget.hasScopeFor('AllergyIntolerance')).to.equal(false);
    expect(widget.hasScopeFor('Condition')).to.equal(true);
    // Had the task asked the server, it would have finished by now.
    await widget.allergies.task.taskComplete.catch(() => undefined);
    expect(server.paths()).to.deep.equal([`GET /R4/Patient/${MARGARET.id}`]);
    await expect(provider).to.be.accessible();
  });

  for (const scope of [
    'patient/AllergyIntolerance.read',
    'patient/*.read',
    'user/*.*',
    'patient/AllergyIntolerance.rs',
    'user/*.cruds',
    'patient/AllergyIntolerance.rs?clinical-status=active',
  ]) {
    it(`shows the section with ${scope}`, async () => {
      const { widget } = await mount(['openid', scope]);
      await shown(widget, 'Allergy to penicillin');
    });
  }

  it('shows every section when the session does not say which scopes it has', async () => {
    const { widget } = await mount(undefined);
    await shown(widget, 'Allergy to penicillin');
    expect(widget.hasScopeFor('AllergyIntolerance')).to.equal(true);
  });

  it('reads scopes from a session the host gives the provider', async () => {
    const session = new TokenProviderSession({ tokenProvider: () => 'token-1', grantedScopes: ['patient/Patient.rs'] });
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} .auth=${session}>
        <gov-test-allergies></gov-test-allergies>
      </care-record-provider>
    `);
    const widget = provider.querySelector('gov-test-allergies') as GovTestAllergies;
    await shown(widget, "You don't have permission to see allergies");
    await widget.allergies.task.taskComplete.catch(() => undefined);
    expect(server.paths().filter((path) => path.includes('AllergyIntolerance'))).to.deep.equal([]);
  });

  it('tells v1 and v2 scopes apart from what they do not grant', () => {
    expect(scopeGrants('patient/AllergyIntolerance.read', 'AllergyIntolerance')).to.equal(true);
    expect(scopeGrants('patient/AllergyIntolerance.write', 'AllergyIntolerance')).to.equal(false);
    expect(scopeGrants('patient/AllergyIntolerance.c', 'AllergyIntolerance')).to.equal(false);
    expect(scopeGrants('patient/AllergyIntolerance.r', 'AllergyIntolerance', 'search')).to.equal(false);
    expect(scopeGrants('patient/AllergyIntolerance.r', 'AllergyIntolerance', 'read')).to.equal(true);
    expect(scopeGrants('patient/AllergyIntolerance.sr', 'AllergyIntolerance')).to.equal(false, 'v2 permissions come in cruds order');
    expect(scopeGrants('patient/Condition.read', 'AllergyIntolerance')).to.equal(false);
    expect(scopeGrants('launch/patient', 'AllergyIntolerance')).to.equal(false);
    expect(scopesAllow(['openid', 'profile'], 'AllergyIntolerance')).to.equal(false);
    expect(scopesAllow([], 'AllergyIntolerance')).to.equal(true);
  });

  it('without a provider, a widget still reports its views (with what it knows)', async () => {
    const views = collectViews();
    const widget = await fixture<GovTestAllergies>(html`<gov-test-allergies
      .client=${new FhirClient({ baseUrl: BASE })}
      .patientState=${{ status: 'ready', patientId: MARGARET.id }}
    ></gov-test-allergies>`);
    await shown(widget, 'Codeine');
    await waitUntil(() => views.section('allergies').length, 'no view reported');
    views.stop();
    const detail = views.section('allergies')[0]!.detail;
    expect(detail.patientId).to.equal(MARGARET.id);
    expect(detail.requestIds).to.deep.equal([server.seen.find((request) => request.url.pathname === '/R4/AllergyIntolerance')!.requestId]);
    expect(text(widget)).not.to.include('permission');
  });
});
