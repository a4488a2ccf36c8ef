import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { CareRecordSummary, PatientBanner } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-record-summary.js';
import '../../packages/elements/src/patient-banner.js';

const BASE = 'https://fhir.test/R4';

function text(element: Element | null | undefined): string {
  if (!element) return '';
  return ((element.shadowRoot ?? element).textContent ?? '').replace(/\s+/g, ' ').trim();
}

function resident(keyword: string) {
  const found = residents.find((candidate) => candidate.name.includes(keyword));
  if (!found) throw new Error(`No packaged resident called ${keyword}`);
  return found;
}

/** What each packaged resident must show: the states they were written to demonstrate. */
const expectations: Record<string, (banner: PatientBanner, summary: CareRecordSummary) => void> = {
  Margaret: (banner, summary) => {
    expect(text(banner)).to.include('NHS No. 999 120 4563');
    const first = summary.shadowRoot!.querySelector('.card.allergies .item');
    expect(text(first)).to.include('High risk');
    expect(text(first)).to.include('Anaphylaxis');
    expect(text(summary.shadowRoot!.querySelector('.card.allergies'))).to.include('1 entry marked as entered in error is not shown');
  },
  Arthur: (_banner, summary) => {
    expect(text(summary.shadowRoot!.querySelector('.card.allergies [part~="allergy-state"]'))).to.equal('No known allergies');
    expect(text(summary.shadowRoot!.querySelector('.card.results'))).to.include('Critically high (HH)');
  },
  Doris: (_banner, summary) => {
    expect(text(summary.shadowRoot!.querySelector('.card.allergies [part~="allergy-state"]'))).to.equal('No allergies recorded');
  },
  Harold: (banner, summary) => {
    expect(text(banner.shadowRoot!.querySelector('[part~="deceased"]'))).to.match(/^Deceased \d{2}-[A-Z][a-z]{2}-\d{4}$/);
    expect(text(summary.shadowRoot!.querySelector('[part~="identity-line"]'))).to.include('Deceased');
    expect(text(summary.shadowRoot!.querySelector('.card.allergies [part~="allergy-state"]'))).to.equal('No known drug allergies');
  },
};

describe('<care-record-summary> and <patient-banner> over every packaged resident', function () {
  this.timeout(30000);
  const worker = setupWorker();
  let requests: URL[] = [];
  let problems: string[] = [];
  const onRequest = ({ request }: { request: Request }) => {
    requests.push(new URL(request.url));
  };
  const originalError = console.error;

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    requests = [];
    problems = [];
    worker.events.on('request:start', onRequest);
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((r) => r.bundle) }));
    console.error = (...args: unknown[]) => {
      problems.push(args.map(String).join(' '));
      originalError.apply(console, args);
    };
  });
  afterEach(() => {
    console.error = originalError;
    worker.events.removeListener('request:start', onRequest);
    worker.resetHandlers();
  });
  after(() => worker.stop());

  async function show(patientId: string) {
    const provider = await fixture(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" .tokenProvider=${() => 't'}>
        <patient-banner></patient-banner>
        <care-record-summary></care-record-summary>
      </care-record-provider>
    `);
    const banner = provider.querySelector('patient-banner') as PatientBanner;
    const summary = provider.querySelector('care-record-summary') as CareRecordSummary;
    await waitUntil(() => banner.shadowRoot?.querySelector('.banner, [part~="restricted"]'), 'no banner', { timeout: 10000 });
    return { banner, summary };
  }

  for (const keyword of Object.keys(expectations)) {
    it(`shows ${keyword} as the record describes, with no section failing`, async () => {
      const { banner, summary } = await show(resident(keyword).id);
      await waitUntil(
        () => summary.shadowRoot!.querySelectorAll('.card').length === 7 && !summary.shadowRoot!.querySelector('[aria-busy="true"]'),
        'the summary never finished loading',
        { timeout: 10000 },
      );
      expect(summary.shadowRoot!.querySelectorAll('[role="alert"]')).to.have.length(0);
      expectations[keyword]!(banner, summary);
      expect(problems).to.deep.equal([]);
      await expect(banner).to.be.accessible();
      await expect(summary).to.be.accessible();
    });
  }

  it('shows Evelyn (restricted) as restricted in both, and loads nothing of her record', async () => {
    const evelyn = resident('Evelyn');
    const { banner, summary } = await show(evelyn.id);
    await waitUntil(() => summary.shadowRoot!.querySelector('[part~="restricted"]'), 'no restricted state');
    expect(text(banner)).to.include('This record is restricted');
    expect(text(banner)).not.to.include('Marsh'.toUpperCase());
    expect(text(summary)).to.include('This record is restricted');
    expect(requests.map((url) => url.pathname)).to.deep.equal([`/R4/Patient/${evelyn.id}`]);
    await expect(banner).to.be.accessible();
    await expect(summary).to.be.accessible();
  });
});
