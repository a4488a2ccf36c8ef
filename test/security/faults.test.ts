// The fault matrix: every element, each in its own provider for one resident, under each way a
// FHIR server (or the network between) fails. Each element must end in a specific state a person
// can read (the record, "nothing recorded", an error with the server's words and Try again, access
// denied, sign in), with no uncaught exception; one failing section never blanks the others; and
// Try again recovers once the fault clears.
import { expect, fixture, html } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { createFhirHandlers, fhirFault } from '@care-record/mocks';
import { TokenProviderSession } from '@care-record/auth';
import type { AllergyIntolerance, DocumentReference, Encounter, FhirResource, MedicationRequest } from '@care-record/fhir';
import { careRecordElements, defineCareRecordElements } from '../../packages/elements/src/define.js';
import { ATTACKER_ORIGIN } from './xss-payloads.js';
import { clickEveryButton, deepElements, deepText, installTripwires, settle, watchTraffic } from './support.js';
import type { Tripwires } from './support.js';
import {
  enormousPageHandler,
  everyElement,
  letter,
  nextLinkHandler,
  quickClient,
  resident,
  residentResources,
  strippedRecord,
  unknownCodesRecord,
} from './fault-kit.js';
import type { PageOptions } from './fault-kit.js';

defineCareRecordElements();

const BASE = 'https://fhir.test/R4';
/** The summary test gives each summary a server of its own, so each can fail in its own way. */
const SUMMARY_TYPES = ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'Composition', 'Encounter', 'DiagnosticReport', 'CarePlan'] as const;
const summaryBase = (type: string) => `https://fhir-${type.toLowerCase()}.test/R4`;
const ORIGINS = [new URL(BASE).origin, ...SUMMARY_TYPES.map((type) => new URL(summaryBase(type)).origin)];

const notPatient = (request: Request) => !new URL(request.url).pathname.includes('/Patient/');
const record = (base = BASE, resources: FhirResource[] = residentResources) => createFhirHandlers({ baseUrl: base, resources: [...resources, letter] });

// ---- What each element shows -----------------------------------------------------------------------

/** Margaret Whitfield's record, as each element shows it when it has loaded. */
const DATA: Record<string, RegExp> = {
  'care-record-provider': /^$/,
  'care-record-sign-in': /Signed in/,
  'allergy-list': /Allergy to penicillin/,
  'problem-list': /Alzheimer/,
  'patient-banner': /WHITFIELD, Margaret Rose \(Mrs\).*NHS No\. 999 120 4563/,
  'care-record-summary': /Allergy to penicillin/,
  'care-record-document-viewer': /Letter from the GP practice about the new medicines/,
  'discharge-summary': /Thames Valley General Hospital NHS Foundation Trust/,
  'discharge-list': /Inpatient discharge summary/,
  'medication-list': /Amlodipine 5mg tablets/,
  'test-results': /Urea and electrolytes/,
  'diagnostic-report-list': /Urea and electrolytes/,
  'care-plan-list': /Dementia care and wellbeing plan/,
  'encounter-list': /Home visit/,
  'document-list': /Discharge summary, Ward 7/,
};

/** What each element says when the server holds nothing for the person. */
const EMPTY: Record<string, RegExp> = {
  'allergy-list': /No allergies recorded/,
  'problem-list': /No problems or diagnoses recorded/,
  'care-record-summary': /No allergies recorded.*No active problems recorded.*No current medication recorded/,
  'care-record-document-viewer': /content could not be read/,
  'discharge-summary': /could not be read \(the document Bundle has no Composition\)/,
  'discharge-list': /No discharge, emergency department or ambulance summaries recorded/,
  'medication-list': /No medication recorded/,
  'test-results': /No test results recorded/,
  'diagnostic-report-list': /No diagnostic reports recorded/,
  'care-plan-list': /No care plans recorded/,
  'encounter-list': /No visits or hospital stays recorded/,
  'document-list': /No documents shared/,
};

/** Elements whose content does not come from the searches the faults hit. */
const UNAFFECTED = new Set(['care-record-provider', 'care-record-sign-in', 'patient-banner']);

type Expect = (tag: string) => RegExp;
const data: Expect = (tag) => DATA[tag] ?? /\S/;
const empty: Expect = (tag) => EMPTY[tag] ?? data(tag);
/** A failure, said as the element's title, the error's own words, and a way to try again. */
const failure =
  (message: string, overrides: Record<string, string> = {}): Expect =>
  (tag) =>
    UNAFFECTED.has(tag) ? data(tag) : new RegExp(`(could not be loaded|unavailable).*${overrides[tag] ?? message}.*Try again`);
const sameForAll =
  (pattern: RegExp, overrides: Record<string, RegExp> = {}): Expect =>
  (tag) =>
    overrides[tag] ?? (UNAFFECTED.has(tag) ? data(tag) : pattern);
/** Rows that show some of the record (the list may hold other items than usual when records are broken). */
const SOME_RECORD: Record<string, RegExp> = { 'discharge-list': /\d{2}-[A-Z][a-z]{2}-\d{4} .*[Ss]ummary/ };
/** Any state a person can read (for records that are broken in ways no one can predict). */
const readable: Expect = (tag) =>
  new RegExp(`${data(tag).source}|${empty(tag).source}|${(SOME_RECORD[tag] ?? data(tag)).source}|could not be loaded|unavailable|could not be read|not known|Not known`);

interface FaultCase {
  name: string;
  handlers: () => HttpHandler[];
  page?: Partial<PageOptions>;
  expected: Expect;
  /** The provider's own message (on top of every element). */
  provider?: RegExp;
  /** Hung requests never end: wait for the elements, not the traffic. */
  hangs?: boolean;
  /** Click every button after the first render (Load more, Try again…). */
  click?: boolean;
  /** Say how long each element took to show its state (for slow cases). */
  timed?: boolean;
  /** More checks on what was requested. */
  check?: (requests: SeenRequest[]) => void;
}

interface SeenRequest {
  url: string;
  authorization: string | null;
}

let renewals = 0;
/** A host session whose token changes each time it is renewed. */
const renewingSession = () => {
  let token = 'token-0';
  return new TokenProviderSession({
    tokenProvider: (context) => {
      if (context?.renew) token = `token-${++renewals}`;
      return token;
    },
  });
};

const quick = { client: () => quickClient(BASE) };
const throttled = new Set<string>();

const CASES: FaultCase[] = [
  {
    name: '401 on every search: one renewal, one retry with the new token, then the sign-in prompt',
    handlers: () => [fhirFault(BASE, { match: notPatient, status: 401 }), ...record()],
    page: { auth: renewingSession },
    expected: sameForAll(/Sign in to see this person's record\. Sign in/, {
      'care-record-document-viewer': /could not be loaded\. Your session has ended\. Please sign in again.*Try again/,
    }),
    check: (requests) => {
      const byUrl = new Map<string, Array<string | null>>();
      for (const request of requests.filter((r) => notPatient(new Request(r.url)))) byUrl.set(request.url, [...(byUrl.get(request.url) ?? []), request.authorization]);
      expect(byUrl.size).to.be.greaterThan(0);
      for (const [url, tokens] of byUrl) {
        // Each element's client asks once, renews once and retries once (identical requests of one client are shared).
        expect(tokens.length, `requests for ${url}`).to.be.at.most(2 * careRecordElements.length);
        expect(new Set(tokens).size, `${url} was retried with a renewed token`).to.be.greaterThan(1);
      }
    },
  },
  {
    name: '403 on every search',
    handlers: () => [fhirFault(BASE, { match: notPatient, status: 403 }), ...record()],
    expected: sameForAll(/You don't have access to this person's record/),
  },
  {
    name: '404 for the patient',
    handlers: () => [fhirFault(BASE, { path: `Patient/${resident.id}`, status: 404 }), ...record()],
    // The viewer's files are the provider's person's too: nothing is shown while that person is not confirmed.
    expected: sameForAll(/This person's record cannot be shown\./, {
      'care-record-provider': /^$/,
      'care-record-sign-in': /Signed in/,
      'patient-banner': /This person's record cannot be shown\./,
    }),
    provider: /The person's record could not be loaded\. The record server could not find this record\. The server said: The record was not found Try again/,
  },
  {
    name: '410 on every search',
    handlers: () => [fhirFault(BASE, { match: notPatient, status: 410 }), ...record()],
    expected: failure('This record has been deleted from the record server\\.'),
  },
  {
    name: '429 with Retry-After: 1 once for each search, then the record',
    handlers: () => {
      throttled.clear();
      return [
        fhirFault(BASE, {
          match: (request) => {
            if (!notPatient(request) || throttled.has(request.url)) return false;
            throttled.add(request.url);
            return true;
          },
          status: 429,
          retryAfter: 1,
        }),
        ...record(),
      ];
    },
    expected: data,
    check: (requests) => {
      expect(throttled.size).to.be.greaterThan(0);
      for (const url of throttled) expect(requests.filter((request) => request.url === url).length, `${url} asked again after Retry-After`).to.be.at.least(2);
    },
  },
  {
    name: '500 with an OperationOutcome',
    handlers: () => [fhirFault(BASE, { match: notPatient, status: 500 }), ...record()],
    page: quick,
    expected: failure('The record server had a problem \\(HTTP 500\\)\\. Please try again later\\. The server said: The server had an internal error'),
  },
  ...[502, 503, 504].map(
    (status): FaultCase => ({
      name: `${status} from a gateway`,
      handlers: () => [fhirFault(BASE, { match: notPatient, status }), ...record()],
      page: quick,
      expected: failure(`The record server had a problem \\(HTTP ${status}\\)`),
    }),
  ),
  {
    name: 'no answer at all (the client gives up after 300 ms)',
    handlers: () => [fhirFault(BASE, { match: notPatient, hang: true }), ...record()],
    page: { client: () => quickClient(BASE, 300) },
    expected: failure('The record server did not respond in time \\(300 ms\\)'),
    hangs: true,
  },
  {
    name: 'the network is down',
    handlers: () => [fhirFault(BASE, { match: notPatient, networkError: true }), ...record()],
    page: quick,
    expected: failure('The record server could not be reached'),
  },
  {
    name: 'malformed JSON',
    handlers: () => [fhirFault(BASE, { match: notPatient, body: 'malformed-json' }), ...record()],
    page: quick,
    // The viewer must not show a broken FHIR answer as if it were the letter.
    expected: (tag) => (tag === 'care-record-document-viewer' ? /could not be (loaded|read)/ : failure('could not be read \\(it is not JSON\\)')(tag)),
  },
  {
    name: 'the wrong resourceType',
    handlers: () => [fhirFault(BASE, { match: notPatient, body: 'wrong-resource-type' }), ...record()],
    page: quick,
    expected: (tag) =>
      tag === 'care-record-document-viewer'
        ? /content could not be read/
        : failure('could not be read \\(expected a Bundle, received a Patient\\)', { 'discharge-summary': 'could not be read \\(expected a document Bundle\\)' })(tag),
  },
  {
    name: 'a Bundle without entries',
    handlers: () => [fhirFault(BASE, { match: notPatient, body: 'empty-bundle' }), ...record()],
    expected: empty,
  },
  {
    name: 'resources with optional and required fields stripped at random',
    handlers: () => record(BASE, strippedRecord()),
    expected: readable,
  },
  ...(
    [
      ['a DocumentReference without content', 'DocumentReference', (r: DocumentReference) => void delete (r as Partial<DocumentReference>).content],
      ['an Encounter without status', 'Encounter', (r: Encounter) => void delete (r as Partial<Encounter>).status],
      ['an allergy reaction without manifestation', 'AllergyIntolerance', (r: AllergyIntolerance) => r.reaction?.forEach((reaction) => delete (reaction as Partial<typeof reaction>).manifestation)],
      ['an extension without url', 'MedicationRequest', (r: MedicationRequest) => r.extension?.forEach((extension) => delete (extension as Partial<typeof extension>).url)],
      ['a Composition without type', 'Composition', (r: FhirResource) => void delete (r as { type?: unknown }).type],
    ] as Array<[string, string, (resource: never) => void]>
  ).map(
    ([name, type, strip]): FaultCase => ({
      name: `${name} (a required field)`,
      handlers: () =>
        record(
          BASE,
          residentResources.map((resource) => {
            if (resource.resourceType !== type) return resource;
            const copy = structuredClone(resource);
            strip(copy as never);
            return copy;
          }),
        ),
      expected: readable,
    }),
  ),
  {
    name: 'codes nobody knows',
    handlers: () => record(BASE, unknownCodesRecord()),
    expected: readable,
  },
  {
    name: 'next links that loop (page 2 points back to page 1)',
    handlers: () => [
      nextLinkHandler(BASE, (url) => {
        const next = new URL(url);
        if (next.searchParams.has('_loop')) next.searchParams.delete('_loop');
        else next.searchParams.set('_loop', '2');
        return next.href;
      }),
      ...record(),
    ],
    expected: data,
    click: true,
    check: (requests) => {
      const counts = new Map<string, number>();
      for (const request of requests) counts.set(request.url, (counts.get(request.url) ?? 0) + 1);
      for (const [url, count] of counts) expect(count, `${url} requested again and again`).to.be.at.most(2 * careRecordElements.length);
    },
  },
  {
    name: 'a next link to another origin (never followed: the token stays home)',
    handlers: () => [nextLinkHandler(BASE, (url) => `${ATTACKER_ORIGIN}/page-2${url.search}`), ...record()],
    expected: data,
    click: true,
    check: (requests) => expect(requests.filter((request) => request.url.startsWith(ATTACKER_ORIGIN))).to.deep.equal([]),
  },
  {
    // Each list's own searches (what its lists are made of), one element at a time.
    name: 'an enormous page (5,000 entries in one page of each list search)',
    handlers: () => [enormousPageHandler(BASE, 5000, ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'DiagnosticReport', 'CarePlan', 'Encounter', 'DocumentReference', 'Composition']), ...record()],
    expected: data,
    timed: true,
  },
];

describe('Fault matrix: every element ends in a state a person can read', () => {
  const worker = setupWorker();
  const traffic = watchTraffic(worker, ORIGINS);
  const seen: SeenRequest[] = [];
  let tripwires: Tripwires;
  let tried = 0;
  /** How long each element took in the slow cases (informative: no assertion on time). */
  const timingReport: string[] = [];

  worker.events.on('request:start', ({ request }) => seen.push({ url: request.url, authorization: request.headers.get('Authorization') }));

  before(async () => {
    tripwires = installTripwires(ORIGINS);
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  });
  beforeEach(() => {
    traffic.reset();
    tripwires.reset();
    seen.length = 0;
  });
  afterEach(() => worker.resetHandlers());
  after(() => {
    worker.stop();
    tripwires.uninstall();
    console.log(`Fault matrix: ${CASES.length} faults × ${careRecordElements.length} elements = ${tried} element states checked`);
    if (timingReport.length) console.log(`Time to a readable state with a 5,000-entry page: ${timingReport.join(', ')}`);
  });

  /** Each element's visible text (its provider's message first), by tag. */
  function textByTag(root: HTMLElement): Map<string, string> {
    return new Map([...root.children].map((provider) => [(provider as HTMLElement).dataset.tag!, deepText(provider)]));
  }

  /** Renders `providers`, waits for them to settle (and clicks, when the case asks), and says what is wrong. */
  async function problemsWith(fault: FaultCase, providers: HTMLElement[]): Promise<string[]> {
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    root.append(...providers);
    const waiting = { timeoutMs: 60000, allowInFlight: fault.hangs ?? false };
    const started = performance.now();
    await settle(root, traffic, waiting);
    if (fault.click) {
      await clickEveryButton(root, traffic, { allowInFlight: fault.hangs ?? false });
      await settle(root, traffic, waiting);
    }
    const problems: string[] = [];
    const timings: string[] = [];
    for (const [tag, text] of textByTag(root)) {
      tried++;
      const provider = root.querySelector<HTMLElement>(`[data-tag="${tag}"]`)!;
      const own = fault.provider ? text.replace(fault.provider, '').trim() : text;
      if (fault.provider && !fault.provider.test(text)) problems.push(`<${tag}>: the provider's message is missing: "${text.slice(0, 200)}"`);
      if ([...deepElements(provider)].some((element) => element.getAttribute('aria-busy') === 'true')) problems.push(`<${tag}> is still loading: "${own.slice(0, 200)}"`);
      else if (!fault.expected(tag).test(own)) problems.push(`<${tag}> shows "${own.slice(0, 240)}", expected ${fault.expected(tag)}`);
      timings.push(`${tag} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    if (fault.timed) timingReport.push(...timings);
    root.remove();
    return problems;
  }

  for (const fault of CASES) {
    it(`${fault.name}`, async function () {
      this.timeout(fault.timed ? 240000 : 60000);
      worker.use(http.all(`${ATTACKER_ORIGIN}/*`, () => new HttpResponse(null, { status: 204 })), ...fault.handlers());
      const providers = everyElement({ base: BASE, ...fault.page });
      // Slow cases one element at a time, so one element's work never starves another's requests.
      const problems: string[] = [];
      if (fault.timed) for (const provider of providers) problems.push(...(await problemsWith(fault, [provider])));
      else problems.push(...(await problemsWith(fault, providers)));
      expect(traffic.foreign, 'requests to other origins').to.deep.equal([]);
      fault.check?.(seen);
      expect(tripwires.uncaught, 'uncaught exceptions').to.deep.equal([]);
      expect(problems, 'elements not in their expected state').to.deep.equal([]);
    });
  }

  it('Try again recovers every element once the fault clears', async function () {
    this.timeout(30000);
    let failing = true;
    worker.use(fhirFault(BASE, { match: (request) => failing && notPatient(request), status: 500 }), ...record());
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    root.append(...everyElement({ base: BASE, ...quick }));
    await settle(root, traffic);
    const failed = [...textByTag(root)].filter(([tag, text]) => failure('HTTP 500')(tag).test(text) && !UNAFFECTED.has(tag)).map(([tag]) => tag);
    expect(failed.length, 'elements showing the failure').to.equal(careRecordElements.filter(({ tag }) => !UNAFFECTED.has(tag)).length);

    failing = false;
    const retries = [...deepElements(root)].filter((element): element is HTMLButtonElement => element instanceof HTMLButtonElement && /\bretry-button\b/.test(element.getAttribute('part') ?? ''));
    expect(retries.length).to.be.at.least(failed.length);
    for (const button of retries) button.click();
    await settle(root, traffic);
    const problems = [...textByTag(root)].filter(([tag, text]) => !data(tag).test(text)).map(([tag, text]) => `<${tag}>: ${text.slice(0, 200)}`);
    expect(problems, 'elements still failing after Try again').to.deep.equal([]);
    expect(tripwires.uncaught).to.deep.equal([]);
  });

  it('<care-record-summary>: a section whose search fails says so, and every other section still shows the record', async function () {
    this.timeout(30000);
    for (const type of SUMMARY_TYPES) {
      worker.use(fhirFault(summaryBase(type), { resourceType: type, status: 500 }), ...record(summaryBase(type)));
    }
    const root = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const type of SUMMARY_TYPES) {
      const [provider] = everyElement({ base: summaryBase(type), client: () => quickClient(summaryBase(type)), without: careRecordElements.map(({ tag }) => tag).filter((tag) => tag !== 'care-record-summary') });
      provider!.dataset.faulted = type;
      root.append(provider!);
    }
    await settle(root, traffic);
    const CARD: Record<string, string> = { AllergyIntolerance: 'allergies', Condition: 'problems', MedicationRequest: 'medications', Composition: 'discharges', Encounter: 'encounters', DiagnosticReport: 'results', CarePlan: 'care-plans' };
    const problems: string[] = [];
    for (const provider of root.children) {
      const faulted = (provider as HTMLElement).dataset.faulted!;
      const summary = provider.querySelector('care-record-summary')!;
      const cards = [...summary.shadowRoot!.querySelectorAll('[part~="section"]')];
      expect(cards.length, 'summary cards').to.be.at.least(SUMMARY_TYPES.length);
      for (const card of cards) {
        const name = Object.values(CARD).find((section) => card.getAttribute('part')!.split(/\s+/).includes(section));
        if (!name) continue;
        const text = deepText(card);
        const failed = /could not be loaded|unavailable/.test(text) && /HTTP 500/.test(text);
        tried++;
        if (name === CARD[faulted] && !failed) problems.push(`${faulted} failed but its card (${name}) says "${text.slice(0, 160)}"`);
        if (name !== CARD[faulted] && failed) problems.push(`${faulted} failed and blanked the ${name} card too: "${text.slice(0, 160)}"`);
        if (name !== CARD[faulted] && !text.trim()) problems.push(`${name} card is empty when ${faulted} failed`);
      }
    }
    expect(problems).to.deep.equal([]);
    expect(tripwires.uncaught).to.deep.equal([]);
  });
});
