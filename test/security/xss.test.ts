// Proof that record data cannot attack the page it is shown in. Every element of the library is
// rendered inside a real provider over the packaged residents with XSS payloads in every string a
// person could be shown; every button is clicked once (disclosures, rows that open summaries,
// tables, Load more); then no payload may have run, no dialog opened, nothing loaded from another
// origin, and no dangerous markup may be in any shadow root. The states (loading, empty, error with
// a poisoned OperationOutcome, access denied, signed out) are tried the same way.
import { expect, fixture, html } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, fhirFault, residents } from '@care-record/mocks';
import type { FhirFault } from '@care-record/mocks';
import { FhirClient } from '@care-record/fhir';
import type { Attachment, Bundle, BundleEntry, DocumentReference, FhirResource } from '@care-record/fhir';
import { careRecordElements, defineCareRecordElements } from '../../packages/elements/src/define.js';
import type { CareRecordProvider } from '../../packages/elements/src/index.js';
import { payloadDocuments, poisonBundle, poisonedOutcome, poisonResource } from './poison.js';
import {
  BASE,
  attackerHandler,
  clickEveryButton,
  deepElements,
  deepText,
  deepTextAndAttributes,
  findUnsafeMarkup,
  installTripwires,
  settle,
  watchTraffic,
} from './support.js';
import type { Tripwires } from './support.js';
import { payloadIdsIn, xssPayloads } from './xss-payloads.js';

defineCareRecordElements();

// ---- The poisoned record ----------------------------------------------------------------------

/** Each resident poisoned from another point of the corpus, so payloads land in different fields. */
const poisonedResidents = residents.map((resident, index) => ({
  resident,
  poisoned: poisonBundle(resident.bundle, { offset: index * 41, perField: 3 }),
}));

const MARGARET = residents[0]!.id;
const gauntlet = payloadDocuments(MARGARET);
const gauntletIds = new Set(xssPayloads.map((p) => p.id));

/** One copy of each resource (residents share organisations and practitioners), with what was placed in it. */
const served = new Map<string, FhirResource>();
const placed = new Map<string, Set<string>>();
for (const { poisoned } of poisonedResidents) {
  for (const entry of poisoned.value.entry ?? []) {
    const resource = entry.resource!;
    const key = `${resource.resourceType}/${resource.id}`;
    if (served.has(key)) continue;
    served.set(key, resource);
    placed.set(key, poisoned.placed.get(key) ?? new Set());
  }
}
for (const resource of [gauntlet.composition, gauntlet.documentReference]) {
  served.set(`${resource.resourceType}/${resource.id}`, resource);
  placed.set(`${resource.resourceType}/${resource.id}`, gauntletIds);
}
const poisonedTexts = new Set(poisonedResidents.flatMap(({ poisoned }) => [...poisoned.texts]).map((text) => text.replace(/\s+/g, ' ').trim()));

function resourcesOf<T extends FhirResource>(type: T['resourceType'], patientId?: string): T[] {
  return [...served.values()].filter(
    (resource): resource is T =>
      resource.resourceType === type &&
      (!patientId || JSON.stringify((resource as { subject?: unknown; patient?: unknown }).subject ?? (resource as { patient?: unknown }).patient ?? '').includes(`Patient/${patientId}`)),
  );
}

const poisonedBundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: [...served.values()].map((resource): BundleEntry => ({ resource })) };

// ---- How each element is set up ---------------------------------------------------------------

interface Setup {
  /** Extra settings for the element, per resident. */
  configure?: (element: HTMLElement, patientId: string) => void;
  /** Payload ids given to the element directly (not through the server). */
  given?: (patientId: string) => Set<string>;
}

function attachmentsOf(patientId: string): Attachment[] {
  return resourcesOf<DocumentReference>('DocumentReference', patientId).flatMap((doc) => (doc.content ?? []).map((content) => content.attachment));
}

const SETUPS: Record<string, Setup> = {
  'care-record-document-viewer': {
    configure: (element, patientId) => Object.assign(element, { attachments: attachmentsOf(patientId), documentTitle: xssPayloads[5]!.payload }),
    given: (patientId) => new Set(resourcesOf('DocumentReference', patientId).flatMap((doc) => [...(placed.get(`DocumentReference/${doc.id}`) ?? [])])),
  },
  'discharge-summary': {
    configure: (element, patientId) => {
      const composition = resourcesOf('Composition', patientId)[0];
      const documentReference = resourcesOf('DocumentReference', patientId)[0];
      if (composition) element.setAttribute('composition-id', composition.id!);
      else if (documentReference) element.setAttribute('document-reference-id', documentReference.id!);
      element.setAttribute('back-to-list', '');
    },
  },
};

// ---- Rendering ----------------------------------------------------------------------------------

interface ProviderOptions {
  patientId: string;
  tokenProvider?: () => string | undefined;
  client?: FhirClient;
  restrictedAccess?: 'host' | 'break-glass';
}

function providerWith(children: HTMLElement[], options: ProviderOptions): CareRecordProvider {
  const provider = document.createElement('care-record-provider');
  provider.setAttribute('fhir-base-url', BASE);
  provider.setAttribute('patient-id', options.patientId);
  provider.setAttribute('auth-mode', 'token');
  if (options.restrictedAccess) provider.setAttribute('restricted-access', options.restrictedAccess);
  provider.tokenProvider = options.tokenProvider ?? (() => 't');
  if (options.client) provider.client = options.client;
  provider.append(...children);
  return provider;
}

function widget(tag: string, patientId: string): HTMLElement {
  const element = document.createElement(tag);
  SETUPS[tag]?.configure?.(element, patientId);
  return element;
}

const RESTRICTED = 'evelyn-marsh';

/** One provider per resident around the element (the restricted resident twice: opened by the host, and held for break glass). */
function renderForEveryResident(tag: string): HTMLElement[] {
  const providers = residents.map((resident) =>
    providerWith(tag === 'care-record-provider' ? [] : [widget(tag, resident.id)], {
      patientId: resident.id,
      restrictedAccess: resident.id === RESTRICTED ? 'host' : undefined,
    }),
  );
  providers.push(providerWith(tag === 'care-record-provider' ? [] : [widget(tag, RESTRICTED)], { patientId: RESTRICTED }));
  return providers;
}

// ---- The suite ----------------------------------------------------------------------------------

describe('Record data never runs, loads or injects anything (XSS corpus in every field)', () => {
  const worker = setupWorker();
  const traffic = watchTraffic(worker);
  let tripwires: Tripwires;
  /** Resources the server answered with during the current test. */
  const delivered = new Set<string>();
  const report: string[] = [];
  let tried = 0;
  let headBefore = '';

  worker.events.on('response:mocked', ({ response }) => {
    if (!(response.headers.get('Content-Type') ?? '').includes('json')) return;
    void response
      .clone()
      .json()
      .then((body: FhirResource) => {
        const resources = body.resourceType === 'Bundle' ? (body.entry ?? []).map((entry) => entry.resource) : [body];
        for (const resource of resources) if (resource?.id) delivered.add(`${resource.resourceType}/${resource.id}`);
      })
      .catch(() => undefined);
  });

  before(async () => {
    tripwires = installTripwires();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
    headBefore = document.head.innerHTML;
  });
  beforeEach(() => {
    worker.use(attackerHandler, ...createFhirHandlers({ baseUrl: BASE, bundles: [poisonedBundle] }));
    tripwires.reset();
    traffic.reset();
    delivered.clear();
  });
  afterEach(() => worker.resetHandlers());
  after(async () => {
    worker.stop();
    tripwires.uninstall();
    console.log(`XSS corpus: ${xssPayloads.length} payloads; ${tried} payload × element trials\n  ${report.join('\n  ')}`);
  });

  /** Everything that must hold after record data has been shown under `root`. */
  function expectSafe(root: HTMLElement, what: string): void {
    expect(tripwires.findings(), `${what}: tripwires`).to.deep.equal([]);
    expect(traffic.foreign, `${what}: requests to other origins`).to.deep.equal([]);
    expect(findUnsafeMarkup(root), `${what}: unsafe markup in the shadow roots`).to.deep.equal([]);
    expect(document.head.innerHTML, `${what}: the page's head`).to.equal(headBefore);
    expect(document.baseURI, `${what}: base URL`).to.equal(location.href);
    expect(tripwires.uncaught, `${what}: uncaught errors`).to.deep.equal([]);
  }

  /** Payload ids the element was given (through the server or directly). */
  function payloadsGiven(tag: string): Set<string> {
    const ids = new Set<string>();
    for (const key of delivered) for (const id of placed.get(key) ?? []) ids.add(id);
    for (const resident of residents) for (const id of SETUPS[tag]?.given?.(resident.id) ?? []) ids.add(id);
    return ids;
  }

  /** Poisoned text values shown verbatim (as text, not markup). */
  function textsShown(root: HTMLElement): number {
    const text = deepText(root);
    return [...poisonedTexts].filter((value) => text.includes(value)).length;
  }

  for (const { tag } of careRecordElements) {
    it(`<${tag}> shows every resident's poisoned record as text, with every button clicked, and nothing runs`, async function () {
      this.timeout(60000);
      const started = performance.now();
      const root = await fixture<HTMLDivElement>(html`<div></div>`);
      root.append(...renderForEveryResident(tag));
      await settle(root, traffic);
      expectSafe(root, `<${tag}> first render`);
      const clicks = await clickEveryButton(root, traffic);
      await settle(root, traffic);
      expectSafe(root, `<${tag}> after ${clicks} clicks`);

      const given = payloadsGiven(tag);
      const shown = payloadIdsIn(deepTextAndAttributes(root));
      const verbatim = textsShown(root);
      tried += given.size;
      report.push(`<${tag}>: ${given.size} payloads given, ${shown.size} visible, ${verbatim} poisoned texts shown verbatim, ${clicks} buttons clicked (${Math.round(performance.now() - started)} ms)`);
      if (tag !== 'care-record-provider' && tag !== 'care-record-sign-in') {
        expect(given.size, `<${tag}> was given payloads`).to.be.greaterThan(0);
        expect(shown.size, `<${tag}> shows the payloads' text`).to.be.greaterThan(0);
      }
      if (!['care-record-provider', 'care-record-sign-in', 'care-record-document-viewer'].includes(tag)) {
        expect(verbatim, `<${tag}> shows record text exactly as written`).to.be.greaterThan(0);
      }
    });
  }

  it('<discharge-summary> opens every poisoned document (by id, by reference and as a document Bundle) and nothing runs', async function () {
    this.timeout(60000);
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const resident of residents) {
      const summaries: HTMLElement[] = [];
      for (const composition of resourcesOf('Composition', resident.id)) {
        const summary = document.createElement('discharge-summary');
        summary.setAttribute('composition-id', composition.id!);
        summaries.push(summary);
      }
      for (const documentReference of resourcesOf('DocumentReference', resident.id)) {
        const summary = document.createElement('discharge-summary');
        summary.setAttribute('reference', `DocumentReference/${documentReference.id}`);
        summaries.push(summary);
      }
      if (resident.id === MARGARET) {
        const given = document.createElement('discharge-summary');
        Object.assign(given, { document: gauntlet.documentBundle, renderings: [gauntlet.documentReference] });
        summaries.push(given);
      }
      root.append(providerWith(summaries, { patientId: resident.id, restrictedAccess: 'host' }));
    }
    await settle(root, traffic, { timeoutMs: 15000 });
    await clickEveryButton(root, traffic);
    await settle(root, traffic);
    expectSafe(root, '<discharge-summary> documents');
    const summaries = [...deepElements(root)].filter((element) => element.localName === 'discharge-summary');
    const shown = payloadIdsIn(deepTextAndAttributes(root));
    const gauntletShown = [...gauntletIds].filter((id) => shown.has(id)).length;
    tried += gauntletIds.size;
    report.push(`<discharge-summary> × ${summaries.length} documents: ${gauntletShown} of ${gauntletIds.size} section payloads visible as text`);
    // Every section title is a payload: each is shown as text, whatever its narrative did.
    expect(gauntletShown, 'section titles shown as text').to.be.greaterThan(xssPayloads.length * 0.9);
  });

  it('<care-record-document-viewer> shows each payload as its own HTML file, text file and link, and nothing runs', async function () {
    this.timeout(60000);
    const viewer = document.createElement('care-record-document-viewer');
    viewer.attachments = (gauntlet.documentReference.content ?? []).map((content) => content.attachment);
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    root.append(providerWith([viewer], { patientId: MARGARET }));
    await settle(root, traffic);
    expectSafe(root, 'document viewer');
    const attachments = viewer.shadowRoot!.querySelectorAll('[part~="attachment"]');
    expect(attachments.length).to.equal(viewer.attachments.length);
    // Links the viewer makes are only ever http(s) or its own blob: URLs.
    for (const link of [...deepElements(viewer)].filter((element): element is HTMLAnchorElement => element instanceof HTMLAnchorElement && element.hasAttribute('href'))) {
      expect(link.href, link.outerHTML).to.match(/^(https?:|blob:|mailto:|tel:|#)/);
    }
    tried += xssPayloads.length;
    report.push(`<care-record-document-viewer>: ${viewer.attachments.length} attachments (one per payload as HTML, text and URL)`);
  });

  // ---- States -------------------------------------------------------------------------------------

  const STATE_PATIENT = residents[0]!;
  const poisonedPatient = poisonResource(STATE_PATIENT.bundle.entry!.find((entry) => entry.resource?.resourceType === 'Patient')!.resource!, { offset: 7 });
  const notPatient = (request: Request) => !/\/Patient\//.test(new URL(request.url).pathname);

  /** Every element, each in its own provider, for the state patient. */
  function everyElement(options: Partial<ProviderOptions> = {}): HTMLElement[] {
    return careRecordElements.map(({ tag }) =>
      providerWith(tag === 'care-record-provider' ? [] : [widget(tag, STATE_PATIENT.id)], { patientId: STATE_PATIENT.id, ...options }),
    );
  }

  const quickClient = () => new FhirClient({ baseUrl: BASE, retry: { maxAttempts: 1, baseDelayMs: 10 }, tokenSource: () => 't' });

  async function renderState(name: string, faults: FhirFault[], options: Partial<ProviderOptions> = {}, { loading = false } = {}): Promise<HTMLDivElement> {
    worker.resetHandlers();
    worker.use(attackerHandler, ...faults.map((fault) => fhirFault(BASE, fault)), ...createFhirHandlers({ baseUrl: BASE, bundles: [poisonedBundle] }));
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    root.append(...everyElement(options));
    const waiting = { allowBusy: loading, allowInFlight: loading };
    await settle(root, traffic, waiting);
    await clickEveryButton(root, traffic, { rounds: 2, ...waiting });
    await settle(root, traffic, waiting);
    expectSafe(root, `${name} state`);
    return root;
  }

  it('every element is safe while loading (the poisoned patient has loaded, the rest never answers)', async function () {
    this.timeout(30000);
    const root = await renderState('loading', [{ match: notPatient, hang: true }, { path: `Patient/${STATE_PATIENT.id}`, body: poisonedPatient.value }], {}, { loading: true });
    expect([...deepElements(root)].some((element) => element.getAttribute('aria-busy') === 'true'), 'something is still loading').to.equal(true);
    tried += poisonedPatient.placed.get(`Patient/${STATE_PATIENT.id}`)!.size * careRecordElements.length;
  });

  it('every element is safe when the record is empty apart from the poisoned patient', async function () {
    this.timeout(30000);
    await renderState('empty', [{ match: notPatient, body: 'empty-bundle' }, { path: `Patient/${STATE_PATIENT.id}`, body: poisonedPatient.value }]);
  });

  it("every element shows a poisoned OperationOutcome's diagnostics as text when a search fails", async function () {
    this.timeout(30000);
    const outcome = poisonedOutcome(3);
    const root = await renderState('error', [{ match: notPatient, status: 500, body: outcome }], { client: quickClient() });
    const text = deepText(root);
    expect(text).to.include(outcome.issue[0]!.details!.text!.replace(/\s+/g, ' ').trim());
    tried += 4 * careRecordElements.length;
  });

  it("the provider shows a poisoned OperationOutcome as text when the patient cannot be read", async function () {
    this.timeout(30000);
    const outcome = poisonedOutcome(11);
    const root = await renderState('patient error', [{ path: `Patient/${STATE_PATIENT.id}`, status: 500, body: outcome }], { client: quickClient() });
    expect(deepText(root)).to.include(outcome.issue[0]!.details!.text!.replace(/\s+/g, ' ').trim());
    tried += 4 * careRecordElements.length;
  });

  it('every element is safe when access is denied with a poisoned OperationOutcome', async function () {
    this.timeout(30000);
    const root = await renderState('access denied', [{ match: notPatient, status: 403, body: poisonedOutcome(19) }]);
    expect(deepText(root)).to.include("You don't have access to this person's record");
    tried += 4 * careRecordElements.length;
  });

  it('every element is safe when signed out', async function () {
    this.timeout(30000);
    const root = await renderState('signed out', [], { tokenProvider: () => undefined });
    expect(deepText(root)).to.include("Sign in to see this person's record.");
  });
});
