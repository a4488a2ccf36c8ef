// Turns a resident's record into an attack: every string a person could be shown (names,
// displays, texts, notes, narratives, titles, conclusions, descriptions, attachment contents and
// URLs…) is replaced by payloads from the XSS corpus. What a server needs to find the data stays
// as it was (resource types, ids, references, dates, code systems and codes, statuses and other
// FHIR code values, the NHS number), so every widget still loads, sorts and groups the record.
import type { Attachment, Bundle, Composition, DocumentReference, FhirResource, OperationOutcome } from '@care-record/fhir';
import { urlPayloads, xssPayloads } from './xss-payloads.js';
import type { XssPayload } from './xss-payloads.js';

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const XHTML = 'http://www.w3.org/1999/xhtml';

/** Keys whose string values are identifiers, codes or URIs that searches, sorting and grouping rely on. */
const KEPT_KEYS = new Set([
  'resourceType', 'id', 'reference', 'system', 'code', 'version', 'url', 'fullUrl', 'status', 'intent',
  'priority', 'use', 'gender', 'criticality', 'severity', 'mode', 'kind', 'docStatus', 'comparator',
  'relation', 'contentType', 'language', 'profile', 'periodUnit', 'durationUnit', 'when', 'dayOfWeek',
  'lifecycleStatus', 'versionId', 'lastUpdated', 'source', 'hash', 'type', 'category', 'timestamp',
  'implicitRules', 'valueCode', 'valueUri', 'valueUrl', 'valueCanonical', 'valueId', 'valueOid',
  'valueUuid', 'valueDate', 'valueDateTime', 'valueInstant', 'valueTime', 'birthDate', 'instantiatesCanonical',
  'instantiatesUri', 'confidentiality',
]);

const DATE_LIKE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const TIME_LIKE = /^\d{2}:\d{2}(:\d{2})?$/;
const ATTACHMENT_KEYS = new Set(['attachment', 'presentedForm', 'photo']);

export interface PoisonOptions {
  /** Where in the corpus the rotation starts (vary it between residents so payloads land in other fields). */
  offset?: number;
  /** Payloads per field (joined by a space in text, concatenated in HTML). */
  perField?: number;
  /** Give every resource a narrative (`text.div`) made of payloads when it has none. */
  addNarratives?: boolean;
  /** Add an attachment with a dangerous URL to every DocumentReference and report. */
  addUrlAttachments?: boolean;
}

/** What a poisoning did, so tests can say which payloads each widget was given. */
export interface Poisoned<T> {
  value: T;
  /** `Type/id` → ids of the payloads placed in that resource. */
  placed: Map<string, Set<string>>;
  /** The poisoned values of plain text fields (what a widget should show as text, unchanged). */
  texts: Set<string>;
  /** How many fields were poisoned. */
  fields: number;
}

/** UTF-8 text as base64 (FHIR Attachment.data). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const xhtmlDiv = (content: string): string => `<div xmlns="${XHTML}">${content}</div>`;

class Poisoner {
  private counter = 0;
  private urlCounter = 0;
  readonly placed = new Map<string, Set<string>>();
  readonly texts = new Set<string>();
  fields = 0;
  private current?: Set<string>;

  constructor(private readonly options: Required<PoisonOptions>) {}

  private take(pool: readonly XssPayload[], count: number, kind: 'any' | 'url'): XssPayload[] {
    const taken: XssPayload[] = [];
    for (let i = 0; i < count; i++) {
      const position = kind === 'url' ? this.urlCounter++ : this.counter++;
      taken.push(pool[(this.options.offset + position) % pool.length]!);
    }
    for (const payload of taken) this.current?.add(payload.id);
    this.fields++;
    return taken;
  }

  text(): string {
    const value = this.take(xssPayloads, this.options.perField, 'any').map((p) => p.payload).join(' ');
    this.texts.add(value);
    return value;
  }

  markup(): string {
    return this.take(xssPayloads, this.options.perField, 'any').map((p) => p.payload).join('');
  }

  url(): string {
    return this.take(urlPayloads, 1, 'url')[0]!.payload;
  }

  resource<T extends FhirResource>(resource: T): T {
    const copy = structuredClone(resource) as T & { text?: { status: string; div: string } };
    const key = `${copy.resourceType}/${copy.id}`;
    this.current = this.placed.get(key) ?? new Set<string>();
    this.placed.set(key, this.current);
    if (this.options.addNarratives && copy.resourceType !== 'Bundle' && !copy.text) {
      copy.text = { status: 'generated', div: xhtmlDiv('') };
    }
    if (this.options.addUrlAttachments) {
      if (copy.resourceType === 'DocumentReference') {
        (copy as DocumentReference).content = [...((copy as DocumentReference).content ?? []), { attachment: { contentType: 'application/pdf', url: 'x', title: 'x' } }];
      }
      if (copy.resourceType === 'DiagnosticReport') {
        copy.presentedForm = [...(copy.presentedForm ?? []), { contentType: 'application/pdf', url: 'x', title: 'x' }];
      }
    }
    this.walk(copy as unknown as Record<string, unknown>, undefined);
    this.current = undefined;
    return copy;
  }

  private walk(node: Record<string, unknown>, parentKey: string | undefined): void {
    const isAttachment = parentKey !== undefined && ATTACHMENT_KEYS.has(parentKey);
    if (isAttachment) this.attachment(node as Attachment);
    for (const [key, value] of Object.entries(node)) {
      if (isAttachment && (key === 'data' || key === 'url' || key === 'contentType')) continue;
      if (key === 'div' && typeof value === 'string') {
        node[key] = xhtmlDiv(this.markup());
        continue;
      }
      if (key === 'resource' && value && typeof value === 'object') continue; // nested Bundles are not walked
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (typeof item === 'string') {
            if (!this.keep(key, item, node)) value[index] = this.text();
          } else if (item && typeof item === 'object') {
            this.walk(item as Record<string, unknown>, key);
          }
        });
      } else if (typeof value === 'string') {
        if (!this.keep(key, value, node)) node[key] = this.text();
      } else if (value && typeof value === 'object') {
        this.walk(value as Record<string, unknown>, key);
      }
    }
  }

  private keep(key: string, value: string, node: Record<string, unknown>): boolean {
    if (KEPT_KEYS.has(key)) return true;
    if (key === 'value' && node.system === NHS_NUMBER_SYSTEM) return true;
    return DATE_LIKE.test(value) || TIME_LIKE.test(value);
  }

  /** HTML or text in `data` (base64), or a dangerous `url`: alternately, so both paths are tried. */
  private attachment(attachment: Attachment): void {
    delete attachment.size;
    delete attachment.hash;
    if (attachment.data !== undefined || attachment.url === undefined) {
      const asText = this.fields % 3 === 2;
      const content = asText ? this.text() : `<!doctype html><html><head><title>x</title></head><body>${this.markup()}</body></html>`;
      attachment.contentType = asText ? 'text/plain' : 'text/html';
      attachment.data = base64Utf8(content);
      delete attachment.url;
    } else {
      attachment.url = this.url();
      attachment.contentType = 'application/pdf';
    }
  }
}

function withDefaults(options: PoisonOptions): Required<PoisonOptions> {
  return { offset: 0, perField: 3, addNarratives: true, addUrlAttachments: true, ...options };
}

/** A copy of `bundle` with payloads in every displayable string of every resource. */
export function poisonBundle(bundle: Bundle, options: PoisonOptions = {}): Poisoned<Bundle> {
  const poisoner = new Poisoner(withDefaults(options));
  const value: Bundle = {
    ...bundle,
    entry: (bundle.entry ?? []).map((entry) => (entry.resource ? { ...entry, resource: poisoner.resource(entry.resource) } : entry)),
  };
  return { value, placed: poisoner.placed, texts: poisoner.texts, fields: poisoner.fields };
}

/** A copy of one resource with payloads in every displayable string. */
export function poisonResource<T extends FhirResource>(resource: T, options: PoisonOptions = {}): Poisoned<T> {
  const poisoner = new Poisoner(withDefaults(options));
  const value = poisoner.resource(resource);
  return { value, placed: poisoner.placed, texts: poisoner.texts, fields: poisoner.fields };
}

/** An OperationOutcome whose diagnostics and details are payloads (for error states). */
export function poisonedOutcome(offset = 0): OperationOutcome {
  const pick = (n: number) => xssPayloads[(offset + n) % xssPayloads.length]!.payload;
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'exception', diagnostics: pick(0), details: { text: pick(1) } },
      { severity: 'error', code: 'processing', diagnostics: `${pick(2)} ${pick(3)}` },
    ],
  };
}

const SNOMED = 'http://snomed.info/sct';
const DISCHARGE_TYPE = { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] };

/**
 * Documents built to try each payload on its own: a discharge summary with one section per payload
 * (title and narrative), and a DocumentReference with one HTML file per payload, text files, and one
 * file per dangerous URL. Also the summary as a `document` Bundle, for `.document`.
 */
export function payloadDocuments(patientId: string): { composition: Composition; documentReference: DocumentReference; documentBundle: Bundle } {
  const subject = { reference: `Patient/${patientId}` };
  const composition: Composition = {
    resourceType: 'Composition',
    id: 'xss-gauntlet-summary',
    status: 'final',
    type: DISCHARGE_TYPE,
    subject,
    date: '2026-11-20T10:00:00+00:00',
    author: [{ display: xssPayloads[0]!.payload }],
    title: xssPayloads[1]!.payload,
    section: xssPayloads.map((payload) => ({
      title: payload.payload,
      code: { coding: [{ system: SNOMED, code: '1', display: payload.payload }], text: payload.payload },
      text: { status: 'additional' as const, div: xhtmlDiv(payload.payload) },
    })),
  };
  const files: Attachment[] = [
    ...xssPayloads.map((payload) => ({
      contentType: 'text/html',
      title: payload.payload,
      data: base64Utf8(`<!doctype html><html><body>${payload.payload}</body></html>`),
    })),
    ...xssPayloads.filter((_, index) => index % 4 === 0).map((payload) => ({ contentType: 'text/plain', title: payload.id, data: base64Utf8(payload.payload) })),
    ...urlPayloads.map((payload) => ({ contentType: 'application/pdf', title: payload.id, url: payload.payload })),
    ...urlPayloads.map((payload) => ({ contentType: 'text/html', title: payload.id, url: payload.payload })),
  ];
  const documentReference: DocumentReference = {
    resourceType: 'DocumentReference',
    id: 'xss-gauntlet-files',
    status: 'current',
    docStatus: 'final',
    type: DISCHARGE_TYPE,
    subject,
    date: '2026-11-20T10:05:00+00:00',
    description: xssPayloads[2]!.payload,
    content: files.map((attachment) => ({ attachment })),
  };
  const documentBundle: Bundle = {
    resourceType: 'Bundle',
    id: 'xss-gauntlet-document',
    type: 'document',
    timestamp: '2026-11-20T10:00:00+00:00',
    entry: [{ fullUrl: `urn:uuid:${composition.id}`, resource: composition }],
  };
  return { composition, documentReference, documentBundle };
}
