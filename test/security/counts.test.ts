// Nothing silently lost: for the packaged residents and three Synthea patients, every list element
// shows as many items as the source bundle holds for it (after Load more, with every group open),
// says how many entries in error it leaves out, and its "Showing N of M" counts agree with the source.
// The expected numbers are worked out here from the bundles, not from the library's own models.
import { expect, fixture, html } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, loadBundle, residents } from '@care-record/mocks';
import type { Bundle, FhirResource, Reference } from '@care-record/fhir';
import { defineCareRecordElements } from '../../packages/elements/src/define.js';
import { BASE, deepElements, deepText, installTripwires, settle, watchTraffic } from './support.js';
import type { Tripwires } from './support.js';

defineCareRecordElements();

const SYNTHEA = [
  'Joie_Morissette_c47db034-eb1c-4100-9448-4d4b3cb6535c.json',
  'Carlota_Muro_ba29bb08-e7d6-44c2-92cc-894cc29b8494.json',
  'Don_Moore_d65926d8-f057-4869-a5ed-85856e8e1f8c.json',
];

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const NO_KNOWN_ALLERGY = new Set(['716186003', '409137002', '428607008', '429625007']);
const SUMMARY_CODES = new Set([`${SNOMED}|373942005`, `${SNOMED}|312711000000101`, ...['18842-5', '11490-0', '28655-9', '34105-7', '59258-4'].map((code) => `${LOINC}|${code}`)]);

type AnyResource = FhirResource & Record<string, unknown>;
const codings = (concept: unknown): Array<{ system?: string; code?: string }> =>
  (Array.isArray(concept) ? concept : [concept]).flatMap((c) => ((c as { coding?: Array<{ system?: string; code?: string }> })?.coding ?? []));
const hasCode = (concept: unknown, codes: Set<string>) => codings(concept).some((c) => codes.has(`${c.system}|${c.code}`) || codes.has(c.code ?? ''));

function isEnteredInError(resource: AnyResource): boolean {
  return resource.status === 'entered-in-error' || codings(resource.verificationStatus).some((c) => c.code === 'entered-in-error');
}

const referenceTo = (resource: FhirResource) => `${resource.resourceType}/${resource.id}`;
const points = (reference: Reference | undefined, resource: FhirResource) => !!reference?.reference && (reference.reference === referenceTo(resource) || reference.reference.endsWith(`/${referenceTo(resource)}`));

/** What one list element should show for a patient, worked out from the source resources. */
interface Expected {
  items: number;
  enteredInError: number;
  /** Secondary count (test results: result rows). */
  results?: number;
}

type Oracle = (resources: AnyResource[]) => Expected;

const ofType = (resources: AnyResource[], type: string) => resources.filter((resource) => resource.resourceType === type);
function simple(type: string, keep: (resource: AnyResource) => boolean = () => true): Oracle {
  return (resources) => {
    const all = ofType(resources, type).filter(keep);
    return { items: all.filter((r) => !isEnteredInError(r)).length, enteredInError: all.filter(isEnteredInError).length };
  };
}

const isLab = (report: AnyResource) => hasCode(report.category, new Set(['http://terminology.hl7.org/CodeSystem/v2-0074|LAB']));

const ORACLES: Record<string, Oracle> = {
  'allergy-list': (resources) => {
    const all = ofType(resources, 'AllergyIntolerance');
    return {
      items: all.filter((r) => !isEnteredInError(r) && !hasCode(r.code, NO_KNOWN_ALLERGY)).length,
      enteredInError: all.filter(isEnteredInError).length,
    };
  },
  'problem-list': simple('Condition'),
  // A medicine is an authorisation (intent plan) with its issues, an order without an authorisation, or a record from elsewhere.
  'medication-list': (resources) => {
    const requests = ofType(resources, 'MedicationRequest');
    const plans = requests.filter((r) => r.intent === 'plan');
    const standalone = requests.filter((r) => r.intent !== 'plan' && !((r.basedOn as Reference[] | undefined) ?? []).some((ref) => plans.some((plan) => points(ref, plan))));
    const statements = ofType(resources, 'MedicationStatement');
    const shown = [...plans, ...standalone, ...statements];
    return { items: shown.filter((r) => !isEnteredInError(r)).length, enteredInError: [...requests, ...statements].filter(isEnteredInError).length };
  },
  'test-results': (resources) => {
    const reports = ofType(resources, 'DiagnosticReport').filter(isLab);
    const live = reports.filter((r) => !isEnteredInError(r));
    const inReports = new Set(live.flatMap((report) => ((report.result as Reference[] | undefined) ?? []).map((ref) => ref.reference?.split('/').slice(-2).join('/'))));
    // The results of a report in error are withdrawn with it.
    const withdrawn = new Set(reports.filter(isEnteredInError).flatMap((report) => ((report.result as Reference[] | undefined) ?? []).map((ref) => ref.reference?.split('/').slice(-2).join('/'))));
    const observations = ofType(resources, 'Observation').filter(
      (o) =>
        inReports.has(referenceTo(o)) ||
        (!withdrawn.has(referenceTo(o)) && hasCode(o.category, new Set(['http://terminology.hl7.org/CodeSystem/observation-category|laboratory']))),
    );
    return {
      items: live.length,
      results: observations.filter((o) => !isEnteredInError(o)).length,
      enteredInError: reports.filter(isEnteredInError).length + observations.filter(isEnteredInError).length,
    };
  },
  'diagnostic-report-list': simple('DiagnosticReport'),
  'care-plan-list': simple('CarePlan'),
  'encounter-list': simple('Encounter'),
  'document-list': simple('DocumentReference'),
  'discharge-list': (resources) => {
    const compositions = ofType(resources, 'Composition').filter((r) => hasCode(r.type, SUMMARY_CODES));
    const documents = ofType(resources, 'DocumentReference').filter((r) => hasCode(r.type, SUMMARY_CODES));
    type Context = { related?: Reference[]; encounter?: Reference[] } | undefined;
    // A file is a rendering of a summary when it says so (relatesTo, context.related, the same
    // identifier), or, saying nothing, when it is of the same stay as a summary in force.
    const renders = (doc: AnyResource) =>
      compositions.some((composition) => {
        const relations = (doc.relatesTo as Array<{ target?: Reference }> | undefined) ?? [];
        const related = (doc.context as Context)?.related ?? [];
        if (relations.some((relation) => points(relation.target, composition)) || related.some((ref) => points(ref, composition))) return true;
        if (relations.length || related.length || isEnteredInError(composition) || isEnteredInError(doc)) return false;
        const stay = (composition.encounter as Reference | undefined)?.reference;
        return !!stay && ((doc.context as Context)?.encounter ?? []).some((ref) => ref.reference === stay);
      });
    const standalone = documents.filter((doc) => !renders(doc));
    return {
      items: compositions.filter((r) => !isEnteredInError(r)).length + standalone.filter((r) => !isEnteredInError(r)).length,
      enteredInError: compositions.filter(isEnteredInError).length + standalone.filter(isEnteredInError).length,
    };
  },
};

const LISTS = Object.keys(ORACLES);

/** Marks every `every`th resource of each listed type as entered in error, so each element's notice is tried. */
function withEntriesInError(resources: AnyResource[], every = 6): AnyResource[] {
  const seen = new Map<string, number>();
  const types = new Set(['AllergyIntolerance', 'Condition', 'MedicationRequest', 'DiagnosticReport', 'CarePlan', 'Encounter', 'DocumentReference', 'Composition']);
  return resources.map((resource) => {
    if (!types.has(resource.resourceType)) return resource;
    const n = (seen.get(resource.resourceType) ?? 0) + 1;
    seen.set(resource.resourceType, n);
    if (n % every !== 0) return resource;
    const copy = structuredClone(resource);
    if (copy.resourceType === 'AllergyIntolerance' || copy.resourceType === 'Condition') {
      const system = copy.resourceType === 'Condition' ? 'http://terminology.hl7.org/CodeSystem/condition-ver-status' : 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
      copy.verificationStatus = { coding: [{ system, code: 'entered-in-error' }] };
      delete copy.clinicalStatus; // FHIR: no clinical status on an entry in error
    } else {
      copy.status = 'entered-in-error';
    }
    return copy;
  });
}

/** What an element shows: items, result rows, the entered-in-error notice and "Showing N of M". */
function shown(element: Element) {
  const all = [...deepElements(element.shadowRoot!)];
  const withPart = (name: string) => all.filter((e) => (e.getAttribute('part') ?? '').split(/\s+/).includes(name));
  const text = deepText(element.shadowRoot!);
  const items = element.localName === 'discharge-list' ? withPart('row').length : element.localName === 'test-results' ? withPart('report').length : withPart('item').length;
  const notice = /(\d+) [a-z]+ marked as entered in error/.exec(text);
  const partial = /Showing (\d+) of (\d+)/.exec(withPart('partial').map((e) => deepText(e)).join(' '));
  return {
    items,
    results: withPart('result').length,
    enteredInError: notice ? Number(notice[1]) : 0,
    partial: partial ? { shown: Number(partial[1]), total: Number(partial[2]) } : undefined,
  };
}

/** Opens every group and disclosure and presses Load more (and "show more") until there is no more. */
async function revealEverything(root: HTMLElement, traffic: ReturnType<typeof watchTraffic>): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const buttons = [...deepElements(root)].filter(
      (element): element is HTMLButtonElement =>
        element instanceof HTMLButtonElement &&
        !element.disabled &&
        /\b(load-more-button|group-toggle|disclosure-button|show-more-button)\b/.test(element.getAttribute('part') ?? '') &&
        element.getAttribute('aria-expanded') !== 'true',
    );
    if (buttons.length === 0) return;
    for (const button of buttons) button.click();
    await settle(root, traffic, { timeoutMs: 15000 });
  }
}

interface Source {
  name: string;
  patientId: string;
  resources: AnyResource[];
  bundles: Bundle[];
}

describe('Nothing silently lost: list counts match the source bundles', () => {
  const worker = setupWorker();
  const traffic = watchTraffic(worker);
  let tripwires: Tripwires;
  const report: string[] = [];

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
    console.log(`Counts checked:\n  ${report.join('\n  ')}`);
  });

  async function check(source: Source): Promise<void> {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: source.bundles }));
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    const provider = document.createElement('care-record-provider');
    provider.setAttribute('fhir-base-url', BASE);
    provider.setAttribute('patient-id', source.patientId);
    provider.setAttribute('auth-mode', 'token');
    provider.setAttribute('restricted-access', 'host');
    provider.tokenProvider = () => 't';
    for (const tag of LISTS) provider.append(document.createElement(tag));
    // One item per card, so that the rest must be counted in "and N more".
    const summary = document.createElement('care-record-summary');
    summary.setAttribute('max-items', '1');
    provider.append(summary);
    root.append(provider);
    await settle(root, traffic, { timeoutMs: 20000 });

    const problems: string[] = [];
    const expected = new Map(LISTS.map((tag) => [tag, ORACLES[tag]!(source.resources)]));
    // Before Load more: "Showing N of M" must say how many there are, and N how many records arrived:
    // those on screen plus those entered in error, which the notice next to them names.
    for (const tag of LISTS) {
      const first = shown(provider.querySelector(tag)!);
      const want = expected.get(tag)!;
      if (first.partial && first.partial.shown !== first.items && first.partial.shown !== first.items + first.enteredInError) problems.push(`<${tag}> says "Showing ${first.partial.shown}" with ${first.items} on screen`);
      if (first.partial && first.partial.total !== want.items + want.enteredInError && first.partial.total !== want.items) {
        problems.push(`<${tag}> says "of ${first.partial.total}", the source holds ${want.items} (+${want.enteredInError} in error)`);
      }
    }
    await revealEverything(root, traffic);
    const line: string[] = [];
    for (const tag of LISTS) {
      const got = shown(provider.querySelector(tag)!);
      const want = expected.get(tag)!;
      line.push(`${tag.replace(/-list$/, '')} ${got.items}${want.results !== undefined ? `/${got.results}` : ''}${want.enteredInError ? ` (+${want.enteredInError} in error)` : ''}`);
      if (got.items !== want.items) problems.push(`<${tag}> shows ${got.items} items, the source holds ${want.items}`);
      if (want.results !== undefined && got.results !== want.results) problems.push(`<${tag}> shows ${got.results} results, the source holds ${want.results}`);
      if (got.enteredInError !== want.enteredInError) problems.push(`<${tag}> says ${got.enteredInError} entries in error are not shown, the source holds ${want.enteredInError}`);
    }
    // The summary's allergy card: listed + "and N more" + ruled out = every allergy not in error.
    const card = summary.shadowRoot!.querySelector('[part~="section"][part~="allergies"]');
    if (card) {
      const cardText = deepText(card);
      const listed = card.querySelectorAll('[part~="item"]').length;
      const more = Number(/and (\d+) more/.exec(cardText)?.[1] ?? 0);
      const ruledOut = (/Ruled out: ([^.]*)/.exec(cardText)?.[1] ?? '').split(',').filter((s) => s.trim()).length;
      const want = expected.get('allergy-list')!;
      line.push(`summary allergies ${listed}+${more} more`);
      if (listed + more + ruledOut !== want.items) problems.push(`<care-record-summary> lists ${listed} allergies "and ${more} more" (${ruledOut} ruled out), the source holds ${want.items}`);
    } else {
      problems.push('<care-record-summary> has no allergy card');
    }
    report.push(`${source.name}: ${line.join(', ')}`);
    expect(problems, `${source.name}`).to.deep.equal([]);
    expect(tripwires.uncaught).to.deep.equal([]);
  }

  for (const resident of residents) {
    it(`${resident.name}: every list shows every item of the record`, async function () {
      this.timeout(60000);
      const resources = resident.bundle.entry!.map((entry) => entry.resource as AnyResource);
      await check({ name: resident.name, patientId: resident.id, resources, bundles: residents.map((r) => r.bundle) });
    });
  }

  for (const file of SYNTHEA) {
    it(`Synthea ${file.split('_').slice(0, 2).join(' ')} (with every sixth entry marked as entered in error): every list shows every item and counts the rest`, async function () {
      this.timeout(90000);
      const response = await fetch(`/__shared/fixtures/fhir/synthea/${file}`);
      expect(response.ok, `fixture ${file}`).to.equal(true);
      const resources = withEntriesInError(loadBundle(await response.json()) as AnyResource[]);
      const patient = resources.find((resource) => resource.resourceType === 'Patient')!;
      const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
      await check({ name: `Synthea ${file.split('_').slice(0, 2).join(' ')}`, patientId: patient.id!, resources, bundles: [bundle] });
    });
  }
});
