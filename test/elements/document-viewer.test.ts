import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { TokenProviderSession } from '@care-record/auth';
import type { Attachment } from '@care-record/fhir';
import type { CareRecordDocumentViewer, CareRecordProvider } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/document-viewer.js';

const BASE = 'https://fhir.test/R4';

/** A tiny but well-formed PDF header and trailer: enough for a browser to know it is a PDF. */
const PDF_TEXT = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const PDF_BASE64 = btoa(PDF_TEXT);

/** Base64 of UTF-8 text, as HTML attachments carry it. */
function base64Utf8(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function text(element: Element | ShadowRoot | null | undefined): string {
  const root = element instanceof Element ? (element.shadowRoot ?? element) : element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function link(viewer: CareRecordDocumentViewer, part: 'open-link' | 'download-link', index = 0): HTMLAnchorElement | undefined {
  return viewer.shadowRoot!.querySelectorAll<HTMLElement>('[part~="attachment"]')[index]?.querySelector<HTMLAnchorElement>(`a[part~="${part}"]`) ?? undefined;
}

function recordRequests(worker: ReturnType<typeof setupWorker>) {
  const requests: Request[] = [];
  const listener = ({ request }: { request: Request }) => requests.push(request.clone());
  worker.events.on('request:start', listener);
  return { requests, stop: () => worker.events.removeListener('request:start', listener) };
}

async function mount(attachments: Attachment[]): Promise<CareRecordDocumentViewer> {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} patient-id="p1" .auth=${new TokenProviderSession({ tokenProvider: () => 'viewer-token' })}>
      <care-record-document-viewer .attachments=${attachments}></care-record-document-viewer>
    </care-record-provider>
  `);
  return provider.querySelector('care-record-document-viewer') as CareRecordDocumentViewer;
}

const patientRead = http.get(`${BASE}/Patient/p1`, () => HttpResponse.json({ resourceType: 'Patient', id: 'p1' }));

describe('<care-record-document-viewer>', () => {
  const worker = setupWorker();

  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe("the provider's person", () => {
    it('shows no file, and fetches none, while the person cannot be found', async () => {
      worker.use(http.get(`${BASE}/Patient/p1`, () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }, { status: 404 })));
      const binary = http.get(`${BASE}/Binary/pdf-1`, () => HttpResponse.arrayBuffer(new TextEncoder().encode(PDF_TEXT).buffer, { headers: { 'Content-Type': 'application/pdf' } }));
      worker.use(binary);
      const seen = recordRequests(worker);
      const viewer = await mount([{ contentType: 'application/pdf', url: `${BASE}/Binary/pdf-1`, title: 'Discharge letter' }]);
      await waitUntil(() => text(viewer).includes("This person's record cannot be shown."), 'the viewer never said the record cannot be shown', { timeout: 5000 });
      expect(viewer.shadowRoot!.querySelector('[part~="attachment"]')).to.equal(null);
      expect(text(viewer)).to.not.include('Discharge letter');
      seen.stop();
      expect(seen.requests.map((request) => new URL(request.url).pathname)).to.not.include('/R4/Binary/pdf-1');
    });
  });

  describe('PDF', () => {
    it('opens inline PDF data from a blob: URL in a new tab and offers a Download with type and size', async () => {
      worker.use(patientRead);
      const viewer = await mount([{ contentType: 'application/pdf', data: PDF_BASE64, title: 'Discharge letter', size: 48213, creation: '2024-03-12' }]);
      await waitUntil(() => link(viewer, 'open-link'), 'no Open PDF link');
      const open = link(viewer, 'open-link')!;
      expect(text(open)).to.equal('Open PDF: Discharge letter (opens in a new tab)');
      expect(open.href).to.match(/^blob:/);
      expect(open.target).to.equal('_blank');
      expect(open.rel).to.contain('noopener');
      const download = link(viewer, 'download-link')!;
      expect(text(download)).to.equal('Download (PDF, 47 KB): Discharge letter');
      expect(download.getAttribute('download')).to.equal('Discharge letter.pdf');
      expect(text(viewer.shadowRoot!.querySelector('[part~="attachment-meta"]'))).to.equal('PDF, 47 KB · Created 12-Mar-2024');
      const blob = await (await fetch(open.href)).blob();
      expect(blob.type).to.equal('application/pdf');
      expect(await blob.text()).to.equal(PDF_TEXT);
      // Never embedded: strict CSP hosts forbid plugins and frames.
      expect(viewer.shadowRoot!.querySelector('embed, object, iframe')).to.equal(null);
      await expect(viewer).to.be.accessible();
    });

    it("fetches a PDF on the FHIR server with the client's token (a Binary resource)", async () => {
      const requests = recordRequests(worker);
      worker.use(
        patientRead,
        http.get(`${BASE}/Binary/pdf1`, ({ request }) =>
          request.headers.get('Authorization') === 'Bearer viewer-token'
            ? HttpResponse.json({ resourceType: 'Binary', contentType: 'application/pdf', data: PDF_BASE64 })
            : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }, { status: 401 }),
        ),
      );
      try {
        const viewer = await mount([{ contentType: 'application/pdf', url: 'Binary/pdf1', title: 'Letter' }]);
        await waitUntil(() => link(viewer, 'open-link')?.href.startsWith('blob:'), 'the PDF was never fetched');
        expect(await (await fetch(link(viewer, 'open-link')!.href)).text()).to.equal(PDF_TEXT);
        const binary = requests.requests.filter((r) => r.url === `${BASE}/Binary/pdf1`);
        expect(binary).to.have.length(1);
        expect(binary[0].headers.get('Accept')).to.equal('application/fhir+json');
      } finally {
        requests.stop();
      }
    });

    it('fetches the raw bytes, still with the token, from a server that ignores Accept', async () => {
      const requests = recordRequests(worker);
      worker.use(
        patientRead,
        http.get(`${BASE}/Binary/raw`, () => new HttpResponse(new TextEncoder().encode(PDF_TEXT), { headers: { 'Content-Type': 'application/pdf' } })),
      );
      try {
        const viewer = await mount([{ contentType: 'application/pdf', url: `${BASE}/Binary/raw` }]);
        await waitUntil(() => link(viewer, 'open-link')?.href.startsWith('blob:'), 'the PDF was never fetched');
        expect(await (await fetch(link(viewer, 'open-link')!.href)).text()).to.equal(PDF_TEXT);
        const raw = requests.requests.filter((r) => r.url === `${BASE}/Binary/raw`);
        expect(raw.length).to.equal(2);
        expect(raw.every((r) => r.headers.get('Authorization') === 'Bearer viewer-token')).to.equal(true);
      } finally {
        requests.stop();
      }
    });

    it('links to a PDF elsewhere in a new tab without fetching it (our token never leaves the FHIR server)', async () => {
      const requests = recordRequests(worker);
      worker.use(patientRead);
      try {
        const viewer = await mount([{ contentType: 'application/pdf', url: 'https://health.trust.uk/CarePlanReport_44301kfgd.pdf', title: 'Care Plan Report' }]);
        await waitUntil(() => link(viewer, 'open-link'), 'no link');
        const open = link(viewer, 'open-link')!;
        expect(open.href).to.equal('https://health.trust.uk/CarePlanReport_44301kfgd.pdf');
        expect(open.target).to.equal('_blank');
        expect(open.rel.split(' ')).to.include.members(['noopener', 'noreferrer']);
        expect(requests.requests.filter((r) => r.url.includes('health.trust.uk'))).to.have.length(0);
        await expect(viewer).to.be.accessible();
      } finally {
        requests.stop();
      }
    });

    it("shows the server's failure with Try again, and then the PDF", async () => {
      let calls = 0;
      worker.use(
        patientRead,
        http.get(`${BASE}/Binary/flaky`, () =>
          ++calls === 1
            ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Binary store offline' }] }, { status: 500 })
            : HttpResponse.json({ resourceType: 'Binary', contentType: 'application/pdf', data: PDF_BASE64 }),
        ),
      );
      const viewer = await mount([{ contentType: 'application/pdf', url: 'Binary/flaky' }]);
      await waitUntil(() => text(viewer).includes('Binary store offline'), 'no failure shown');
      expect(text(viewer)).to.contain('This document could not be loaded.');
      await expect(viewer).to.be.accessible();
      [...viewer.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Try again')!.click();
      await waitUntil(() => link(viewer, 'open-link')?.href.startsWith('blob:'), 'never recovered');
    });

    it('revokes its blob: URLs when disconnected, and makes new ones when connected again', async () => {
      worker.use(patientRead);
      const viewer = await mount([{ contentType: 'application/pdf', data: PDF_BASE64 }]);
      await waitUntil(() => link(viewer, 'open-link'), 'no link');
      const first = link(viewer, 'open-link')!.href;
      const parent = viewer.parentElement!;
      viewer.remove();
      let revoked = false;
      try {
        await fetch(first);
      } catch {
        revoked = true;
      }
      expect(revoked, 'the blob: URL still works after disconnect').to.equal(true);
      parent.append(viewer);
      await waitUntil(() => link(viewer, 'open-link') && link(viewer, 'open-link')!.href !== first, 'no new URL after reconnect');
      expect(await (await fetch(link(viewer, 'open-link')!.href)).text()).to.equal(PDF_TEXT);
    });
  });

  describe('HTML', () => {
    it('decodes UTF-8, sanitises and shows it inline, with a notice of what was removed', async () => {
      worker.use(patientRead);
      const page =
        '<html><head><title>Letter</title></head><body><h1>Discharge letter</h1><p>Café visit – paracetamol 500 mg</p>' +
        '<script>window.__pwned = true</script><img src="https://tracker.example/p.gif" onerror="window.__pwned = true"><a href="javascript:alert(1)">x</a></body></html>';
      const viewer = await mount([{ contentType: 'text/html; charset=utf-8', data: base64Utf8(page), title: 'Letter' }]);
      await waitUntil(() => text(viewer).includes('Café visit – paracetamol 500 mg'), 'the HTML never showed');
      const root = viewer.shadowRoot!;
      expect(root.querySelector('[part~="narrative"] h1')?.textContent).to.equal('Discharge letter');
      expect(root.querySelector('script')).to.equal(null);
      expect(root.querySelector('[onerror]')).to.equal(null);
      expect([...root.querySelectorAll('img')].filter((img) => img.getAttribute('src'))).to.have.length(0);
      expect([...root.querySelectorAll('a')].filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? ''))).to.have.length(0);
      expect(text(root.querySelector('[part~="notice"]'))).to.contain('could not be shown safely and was removed');
      expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
      await expect(viewer).to.be.accessible();
    });
  });

  describe('text and other files', () => {
    it('shows plain text in a <pre>, keeping its lines', async () => {
      worker.use(patientRead);
      const viewer = await mount([{ contentType: 'text/plain', data: base64Utf8('Line one\nLine two – ok') }]);
      await waitUntil(() => viewer.shadowRoot!.querySelector('pre'), 'no text');
      expect(viewer.shadowRoot!.querySelector('pre')!.textContent).to.equal('Line one\nLine two – ok');
      await expect(viewer).to.be.accessible();
    });

    it('offers any other type as a Download with its type and size', async () => {
      worker.use(patientRead);
      const viewer = await mount([{ contentType: 'application/msword', data: btoa('x'.repeat(1300)), title: 'Care plan' }]);
      await waitUntil(() => link(viewer, 'download-link'), 'no download');
      expect(text(link(viewer, 'download-link'))).to.equal('Download (application/msword, 1.3 KB): Care plan');
      expect(link(viewer, 'open-link')).to.equal(undefined);
      await expect(viewer).to.be.accessible();
    });

    it('says when content is missing, damaged, or at an address that is not a web address', async () => {
      worker.use(patientRead);
      const viewer = await mount([
        { contentType: 'application/pdf', title: 'Nothing here' },
        { contentType: 'application/pdf', data: '***not base64***', title: 'Damaged' },
        { contentType: 'application/pdf', url: 'javascript:alert(1)', title: 'Sneaky' },
      ]);
      await waitUntil(() => text(viewer).includes('not a web address'), 'no messages');
      expect(text(viewer)).to.contain('The content of this document was not included in the record.');
      expect(text(viewer)).to.contain('could not be read');
      expect(viewer.shadowRoot!.querySelector('a')).to.equal(null);
      await expect(viewer).to.be.accessible();
    });
  });
});
