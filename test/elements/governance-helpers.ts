// Shared pieces of the governance tests: a small widget built the way widgets are, a FHIR server
// over the packaged residents, and ways to see what a person (or a snooper) could see.
import { html } from 'lit';
import { waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import { codeableConceptText } from '@care-record/fhir';
import type { AllergyIntolerance, SearchResult } from '@care-record/fhir';
import { CareRecordElement } from '../../packages/elements/src/base/care-record-element.js';
import { createRecordTask } from '../../packages/elements/src/base/record-task.js';
import type { CareRecordViewedEvent } from '../../packages/elements/src/events.js';
import '../../packages/elements/src/care-record-provider.js';

export const BASE = 'https://fhir.test/R4';

/** What of Margaret's record a person would recognise on screen (her id, which the host gives, is not record data). */
export const MARGARET_SHOWN = /WHITFIELD|Whitfield|Margaret|999 120 4563|9991204563|02-May-1938|penicillin|Latex|Codeine|peanuts/;

/** Margaret Whitfield, as the packaged resident records her. */
export const MARGARET = {
  id: 'margaret-whitfield',
  nhsNumber: '9991204563',
  birthDate: '1938-05-02',
  family: 'Whitfield',
  allergies: ['Allergy to penicillin', 'Latex allergy', 'Codeine', 'Allergy to peanuts'],
};

export const EVELYN_SHOWN = /MARSH|Marsh|Evelyn|999 660 1544|9996601544|08-Mar-1947|aspirin/;

/** Evelyn Marsh's record is restricted (v3-Confidentiality R). */
export const EVELYN = { id: 'evelyn-marsh', family: 'Marsh', nhsNumber: '9996601544', allergy: 'Allergy to aspirin' };

/** A widget as the others are written: one record task over allergies, the identity line on top. */
export class GovTestAllergies extends CareRecordElement {
  readonly allergies = createRecordTask(this, {
    resourceTypes: ['AllergyIntolerance'],
    section: 'allergies',
    task: ({ client, patientId, signal }) =>
      client.search<AllergyIntolerance>('AllergyIntolerance', { patient: patientId }, { signal }),
  });

  override render() {
    return html`${this.renderIdentityLine()}
      <section aria-labelledby="heading">
        ${this.renderHeading('Allergies', { id: 'heading' })}
        ${this.allergies.render({
          complete: (result: SearchResult<AllergyIntolerance>) =>
            result.matches.length
              ? html`<ul>
                  ${result.matches.map((allergy) => html`<li>${codeableConceptText(allergy.code)}</li>`)}
                </ul>`
              : this.renderEmpty('No allergies recorded'),
        })}
      </section>`;
  }
}
if (!customElements.get('gov-test-allergies')) customElements.define('gov-test-allergies', GovTestAllergies);

declare global {
  interface HTMLElementTagNameMap {
    'gov-test-allergies': GovTestAllergies;
  }
}

/** One msw worker per test file, and every request it sees (with the headers that matter here). */
export interface SeenRequest {
  url: URL;
  method: string;
  requestId: string | null;
  authorization: string | null;
}

export function fhirServer() {
  const worker = setupWorker();
  const seen: SeenRequest[] = [];
  worker.events.on('request:start', ({ request }) => {
    seen.push({
      url: new URL(request.url),
      method: request.method,
      requestId: request.headers.get('X-Request-Id'),
      authorization: request.headers.get('Authorization'),
    });
  });
  return {
    worker,
    seen,
    residentHandlers: () => createFhirHandlers({ baseUrl: BASE, bundles: residents.map((resident) => resident.bundle) }),
    /** Requests to the FHIR server, as `METHOD /R4/Type…` (search parameters left out). */
    paths: () => seen.filter((request) => request.url.origin === new URL(BASE).origin).map((request) => `${request.method} ${request.url.pathname}`),
  };
}

/** The visible text of an element's shadow root (or of the element). */
export function text(element: Element | null | undefined): string {
  const root = element?.shadowRoot ?? element;
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Every piece of text under `root`, through every shadow root on the way: what anyone with the
 * DOM (devtools, a screen reader, a browser extension) could read.
 */
export function deepText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element) {
      for (const attribute of node.getAttributeNames()) parts.push(node.getAttribute(attribute) ?? '');
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/** Collects `care-record-viewed` events from the moment it is called. */
export function collectViews() {
  const events: CareRecordViewedEvent[] = [];
  const record = (event: CareRecordViewedEvent) => events.push(event);
  document.addEventListener('care-record-viewed', record);
  return {
    events,
    section: (name: string) => events.filter((event) => event.detail.section === name),
    stop: () => document.removeEventListener('care-record-viewed', record),
  };
}

export async function shown(element: Element, content: string, message = `"${content}" never shown`): Promise<void> {
  await waitUntil(() => text(element).includes(content), message, { timeout: 5000 });
}

/** Chooses a reason in the provider's access form and submits it. */
export async function giveReason(provider: Element, choice: 'care' | 'other', words = '', confirm = false): Promise<void> {
  const root = provider.shadowRoot!;
  await waitUntil(() => root.querySelector('form'), 'no access form');
  root.querySelector<HTMLInputElement>(`#reason-${choice}`)!.click();
  if (choice === 'other') {
    await waitUntil(() => !root.querySelector<HTMLElement>('#reason-other-details')!.hidden, 'the reason box never opened');
    root.querySelector<HTMLTextAreaElement>('#reason-text')!.value = words;
  }
  if (confirm) root.querySelector<HTMLInputElement>('#break-glass-confirm')!.click();
  root.querySelector<HTMLButtonElement>('[part~="access-submit-button"]')!.click();
}
