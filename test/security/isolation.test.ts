// One resident's record never shows up beside another's: two providers for two residents on one
// page keep to their own person, and switching the provider to another resident never shows the
// previous one's data, even when the previous resident's answers arrive after the switch.
import { expect, fixture, html } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, fhirFault, residents } from '@care-record/mocks';
import type { Resident } from '@care-record/mocks';
import type { Composition, Patient } from '@care-record/fhir';
import { careRecordElements, defineCareRecordElements } from '../../packages/elements/src/define.js';
import type { CareRecordProvider } from '../../packages/elements/src/index.js';
import { BASE, deepElements, deepTextAndAttributes, installTripwires, settle, watchTraffic } from './support.js';
import type { Tripwires } from './support.js';

defineCareRecordElements();

const [margaret, arthur] = residents as [Resident, Resident, ...Resident[]];

/** What would tell a person whose record this is: names and NHS number, as stored and as shown. */
function identityOf(resident: Resident): string[] {
  const patient = resident.bundle.entry!.find((entry) => entry.resource?.resourceType === 'Patient')!.resource as Patient;
  const name = patient.name![0]!;
  const nhs = resident.nhsNumber;
  return [name.family!, name.family!.toUpperCase(), name.given![0]!, nhs, `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`];
}

const SHARED_TYPES = new Set(['Organization', 'Practitioner', 'Medication']);

/**
 * Names, NHS number and what the resident's own record says in words (codes' displays and texts,
 * titles, descriptions, conclusions) that no other resident's record says: any of them on screen
 * beside another resident is a leak.
 */
function markersOf(resident: Resident): string[] {
  const others = residents.filter((other) => other !== resident).map((other) => JSON.stringify(other.bundle)).join('\n');
  const words = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key && ['display', 'text', 'title', 'description', 'conclusion'].includes(key) && value.length >= 8 && !value.startsWith('<') && !others.includes(value)) words.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  for (const entry of resident.bundle.entry ?? []) if (entry.resource && !SHARED_TYPES.has(entry.resource.resourceType)) visit(entry.resource);
  return [...identityOf(resident).filter((marker) => !others.includes(marker)), ...words];
}

function firstComposition(resident: Resident): Composition {
  return resident.bundle.entry!.map((entry) => entry.resource).find((resource) => resource?.resourceType === 'Composition') as Composition;
}

/** Every element except the provider itself, set up for `resident`. */
function everyWidget(resident: Resident): HTMLElement[] {
  return careRecordElements
    .filter(({ tag }) => tag !== 'care-record-provider')
    .map(({ tag }) => {
      const element = document.createElement(tag);
      if (tag === 'discharge-summary') element.setAttribute('composition-id', firstComposition(resident).id!);
      return element;
    });
}

function provider(resident: Resident, children: HTMLElement[]): CareRecordProvider {
  const element = document.createElement('care-record-provider');
  element.setAttribute('fhir-base-url', BASE);
  element.setAttribute('patient-id', resident.id);
  element.setAttribute('auth-mode', 'token');
  element.tokenProvider = () => 't';
  element.append(...children);
  return element;
}

/** The markers of `resident` found in each element's subtree (through shadow roots). */
function leaks(root: Element, resident: Resident): string[] {
  const markers = markersOf(resident);
  const found: string[] = [];
  for (const child of [root, ...root.children]) {
    const text = child === root ? (root.shadowRoot ? deepTextAndAttributes(root.shadowRoot) : '') : deepTextAndAttributes(child);
    for (const marker of markers) if (text.includes(marker)) found.push(`${marker} in <${child.localName}>`);
  }
  return found;
}

/** The elements whose subtree shows something of `resident`'s record. */
function elementsShowing(root: Element, resident: Resident): Set<string> {
  return new Set(leaks(root, resident).map((found) => found.slice(found.lastIndexOf(' in <') + 5, -1)));
}

/** Elements that show record data (the sign-in element and the viewer, given no files, show none). */
const DATA_ELEMENTS = careRecordElements.length - 3;

/** Requests about `resident`: their Patient, searches for them, their documents. */
function about(resident: Resident): (request: Request) => boolean {
  const ids = new Set(resident.bundle.entry!.map((entry) => entry.resource!).filter((resource) => resource.resourceType !== 'Organization' && resource.resourceType !== 'Practitioner').map((resource) => resource.id!));
  return (request) => {
    const url = decodeURIComponent(request.url);
    return [...ids].some((id) => url.includes(id));
  };
}

describe('Isolation: one resident never shows up beside another', () => {
  const worker = setupWorker();
  const traffic = watchTraffic(worker);
  let tripwires: Tripwires;

  before(async () => {
    tripwires = installTripwires();
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  beforeEach(() => {
    traffic.reset();
    tripwires.reset();
  });
  afterEach(() => worker.resetHandlers());
  after(() => {
    worker.stop();
    tripwires.uninstall();
  });

  it("the residents' records do not mention each other (so any marker found is a leak)", () => {
    expect(identityOf(arthur).filter((marker) => JSON.stringify(margaret.bundle).includes(marker))).to.deep.equal([]);
    expect(identityOf(margaret).filter((marker) => JSON.stringify(arthur.bundle).includes(marker))).to.deep.equal([]);
    expect(markersOf(margaret).length).to.be.greaterThan(50);
    expect(markersOf(arthur).length).to.be.greaterThan(50);
  });

  it('two providers for two residents on one page each show only their own resident, in every element', async function () {
    this.timeout(30000);
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((resident) => resident.bundle), latency: { min: 0, max: 120 } }));
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const forMargaret = provider(margaret, everyWidget(margaret));
    const forArthur = provider(arthur, everyWidget(arthur));
    root.append(forMargaret, forArthur);
    await settle(root, traffic, { timeoutMs: 15000 });

    expect(leaks(forMargaret, arthur), "Arthur's data in Margaret's provider").to.deep.equal([]);
    expect(leaks(forArthur, margaret), "Margaret's data in Arthur's provider").to.deep.equal([]);
    // And each does show its own resident (the scan looks at rendered data).
    expect(elementsShowing(forMargaret, margaret).size).to.be.at.least(DATA_ELEMENTS);
    expect(elementsShowing(forArthur, arthur).size).to.be.at.least(DATA_ELEMENTS);
    expect(tripwires.uncaught).to.deep.equal([]);
  });

  async function switchWhileLate({ delayPatient }: { delayPatient: boolean }): Promise<CareRecordProvider> {
    const delayed = about(margaret);
    worker.use(
      fhirFault(BASE, { match: (request) => delayed(request) && (delayPatient || !new URL(request.url).pathname.includes('/Patient/')), delayMs: 1500 }),
      ...createFhirHandlers({ baseUrl: BASE, bundles: residents.map((resident) => resident.bundle) }),
    );
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const element = provider(margaret, everyWidget(margaret));
    root.append(element);
    if (!delayPatient) {
      // Margaret is found at once; her widgets' searches are on their way (and will be late).
      await settle(root, traffic, { timeoutMs: 3000, allowBusy: true, allowInFlight: true });
      const started = performance.now();
      while (element.patientState.status !== 'ready' && performance.now() - started < 3000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(element.patientState.status).to.equal('ready');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    element.setAttribute('patient-id', arthur.id);
    // Long enough for every late answer about Margaret to have arrived.
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await settle(root, traffic, { timeoutMs: 15000 });
    return element;
  }

  it("switching resident while the previous resident's searches are late never shows the previous resident", async function () {
    this.timeout(30000);
    const element = await switchWhileLate({ delayPatient: false });
    expect(leaks(element, margaret), "Margaret's data after switching to Arthur").to.deep.equal([]);
    expect(elementsShowing(element, arthur).size, "Arthur's data is shown").to.be.at.least(DATA_ELEMENTS);
    // Her discharge summary, still asked for by id, is not shown beside Arthur either.
    const summary = [...deepElements(element)].find((child) => child.localName === 'discharge-summary')!;
    expect(deepTextAndAttributes(summary.shadowRoot!)).not.to.include(firstComposition(margaret).title!);
    expect(tripwires.uncaught).to.deep.equal([]);
  });

  it("switching resident while the previous resident's own record is late never shows the previous resident", async function () {
    this.timeout(30000);
    const element = await switchWhileLate({ delayPatient: true });
    expect(leaks(element, margaret), "Margaret's data after switching to Arthur").to.deep.equal([]);
    expect(element.patient?.id).to.equal(arthur.id);
    expect(elementsShowing(element, arthur).size, "Arthur's data is shown").to.be.at.least(DATA_ELEMENTS);
    expect(tripwires.uncaught).to.deep.equal([]);
  });
});
