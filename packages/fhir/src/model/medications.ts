import { EPS_BUSINESS_STATUS_EXTENSION } from '../codes.js';
import type {
  CodeableConcept,
  Coding,
  Dosage,
  Extension,
  FhirResource,
  Identifier,
  Medication,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Quantity,
  Reference,
} from '../fhir-types.js';
import {
  byNewest,
  compact,
  conceptText,
  conceptTexts,
  dateKey,
  extensionCoding,
  findExtension,
  firstCode,
  isBefore,
  labelDate,
  notesText,
  quantityText,
  unique,
  unitKey,
} from './internal.js';
import { describeReference, isEnteredInError, sourceOf, type RecordSource, type ReferencedParty } from './provenance.js';
import { createResourceLookup, referenceString, referenceTo, type ResourceLookup } from './references.js';

/** Where a prescription is, as care-home staff ask it: raised by the prescriber? reached the pharmacy? supplied? */
export type PrescriptionStatus =
  | 'authorised'
  | 'issued'
  | 'with-pharmacy'
  | 'dispensed'
  | 'partially-dispensed'
  | 'not-dispensed'
  | 'cancelled'
  | 'expired'
  | 'stopped'
  | 'on-hold'
  | 'unknown';

/** Which record decided the status (see `buildMedicationList` for the precedence). */
export type PrescriptionStatusSource = 'eps' | 'dispense' | 'request' | 'statement';

export interface PrescriptionStatusView {
  status: PrescriptionStatus;
  /** Plain English: "Issued by GP", "Sent to pharmacy (awaiting collection by pharmacy)", "Dispensed 12-Mar-2024". */
  label: string;
  /** Raw FHIR date the status refers to (handed over, issued…). */
  date?: string;
  source: PrescriptionStatusSource;
  /** The EPS business status coding when that decided it. */
  eps?: Coding;
}

const REPEAT_INFORMATION_URL = 'MedicationRepeatInformation';
const LAST_ISSUE_DATE_URL = 'MedicationStatementLastIssueDate';

/**
 * EPS prescription business status (Extension-EPS-TaskBusinessStatus) → our status. 0001 "To be
 * dispensed" means released to the Spine, waiting for a pharmacy to download it — not yet with a pharmacy.
 * 0008 Claimed and 0009 No-Claimed follow 0006/0007 once the dispenser has claimed payment.
 */
export const EPS_BUSINESS_STATUS: Readonly<Record<string, { status: PrescriptionStatus; label: string }>> = {
  '0001': { status: 'issued', label: 'Sent to pharmacy (awaiting collection by pharmacy)' },
  '0002': { status: 'with-pharmacy', label: 'With pharmacy' },
  '0003': { status: 'with-pharmacy', label: 'With pharmacy (being dispensed)' },
  '0004': { status: 'expired', label: 'Expired' },
  '0005': { status: 'cancelled', label: 'Cancelled' },
  '0006': { status: 'dispensed', label: 'Dispensed' },
  '0007': { status: 'not-dispensed', label: 'Not dispensed' },
  '0008': { status: 'dispensed', label: 'Dispensed' },
  '0009': { status: 'not-dispensed', label: 'Not dispensed' },
};

// How far along the EPS lifecycle a code is: the furthest one seen wins, whichever record carried it.
const EPS_RANK: Readonly<Record<string, number>> = { '0001': 1, '0002': 2, '0003': 3, '0004': 4, '0005': 4, '0006': 4, '0007': 4, '0008': 5, '0009': 5 };

/**
 * EPS item-level dispense status (MedicationDispense.type, CodeSystem medicationdispense-type): 0001 Item
 * fully dispensed, 0002 Item not dispensed, 0003 Item dispensed - partial, 0004 Item not dispensed owing,
 * 0005 Item cancelled, 0006 Expired, 0007 Item to be dispensed, 0008 Item with dispenser.
 */
const EPS_DISPENSE_TYPE_SYSTEM = 'https://fhir.nhs.uk/CodeSystem/medicationdispense-type';
const EPS_DISPENSE_TYPE: Readonly<Record<string, { status: PrescriptionStatus; label: string; dated?: boolean }>> = {
  '0001': { status: 'dispensed', label: 'Dispensed', dated: true },
  '0002': { status: 'not-dispensed', label: 'Not dispensed' },
  '0003': { status: 'partially-dispensed', label: 'Partially dispensed', dated: true },
  '0004': { status: 'with-pharmacy', label: 'With pharmacy (owed, to follow)' },
  '0005': { status: 'cancelled', label: 'Cancelled' },
  '0006': { status: 'expired', label: 'Expired' },
  '0007': { status: 'with-pharmacy', label: 'With pharmacy' },
  '0008': { status: 'with-pharmacy', label: 'With pharmacy' },
};

const ISSUE_INTENTS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);
const HOSPITAL_CATEGORIES = new Set(['inpatient', 'outpatient', 'discharge']);

export type MedicationCourse = 'acute' | 'repeat' | 'repeat-dispensing' | 'unknown';

export interface MedicationDispenseView {
  id?: string;
  reference?: string;
  status?: MedicationDispense['status'];
  /** Dispense type text ("Item fully dispensed"). */
  type?: string;
  quantity?: Quantity;
  quantityText?: string;
  daysSupply?: Quantity;
  whenPrepared?: string;
  whenHandedOver?: string;
  pharmacy?: ReferencedParty;
  epsBusinessStatus?: Coding;
  notes: string[];
}

/** One issue (intent=order) of an authorisation, or a prescription on its own. */
export interface MedicationIssueView extends PrescriptionStatusView {
  id?: string;
  reference?: string;
  intent: MedicationRequest['intent'];
  requestStatus: MedicationRequest['status'];
  authoredOn?: string;
  quantity?: Quantity;
  quantityText?: string;
  supplyDuration?: Quantity;
  supplyDurationText?: string;
  /** dispenseRequest.validityPeriod.end: after this the prescription can no longer be dispensed. */
  validUntil?: string;
  dispenses: MedicationDispenseView[];
}

export interface MedicationItem {
  /** Stable key for lists (id, identifier or position). */
  key: string;
  id?: string;
  reference?: string;
  /**
   * prescribed: from MedicationRequests; recorded: a MedicationStatement with no prescription here (e.g.
   * recorded by a hospital); dispensed: a dispense whose prescription is not in the record.
   */
  kind: 'prescribed' | 'recorded' | 'dispensed';
  /** Medicine name: code text, dm+d display of the code or of the referenced/contained/included Medication. */
  name?: string;
  medicationCode?: CodeableConcept;
  /** Dosage instruction text, or built from dose, timing and "when required". */
  doseText?: string;
  patientInstruction?: string;
  route?: string;
  quantity?: Quantity;
  quantityText?: string;
  supplyDuration?: Quantity;
  supplyDurationText?: string;
  course: MedicationCourse;
  courseText?: string;
  repeatsAllowed?: number;
  repeatsIssued?: number;
  authorisationExpiryDate?: string;
  authorisedDate?: string;
  lastIssuedDate?: string;
  prescriber?: ReferencedParty;
  /** Status of the authorisation (or of the prescription when there is no authorisation). */
  requestStatus?: string;
  status: PrescriptionStatus;
  statusLabel: string;
  statusDate?: string;
  statusSource: PrescriptionStatusSource;
  epsBusinessStatus?: Coding;
  /** Issues newest first. */
  issues: MedicationIssueView[];
  /** Every dispense for this item, newest first. */
  dispenses: MedicationDispenseView[];
  /** MedicationStatement status for recorded items. */
  statementStatus?: MedicationStatement['status'];
  categories: string[];
  reasons: string[];
  notes: string[];
  source: RecordSource;
}

export interface MedicationList {
  current: MedicationItem[];
  past: MedicationItem[];
  /** Entered-in-error requests, statements and dispenses: not shown, counted. */
  excluded: { enteredInError: number };
}

export interface BuildMedicationListInput {
  requests?: MedicationRequest[];
  statements?: MedicationStatement[];
  dispenses?: MedicationDispense[];
  /** `_include`d resources: Medication (names), Practitioner, PractitionerRole, Organization. */
  included?: FhirResource[];
  /** Further lookup, e.g. a search result's `resolve`, or one built over an EPS message bundle. */
  resolve?: ResourceLookup;
  /** Reference time for expiry (defaults to now). */
  now?: Date;
}

// ---------------------------------------------------------------------------------------------------
// Dose text

const PERIOD_UNITS: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

const WHEN_TEXT: Record<string, string> = {
  MORN: 'in the morning',
  AFT: 'in the afternoon',
  EVE: 'in the evening',
  NIGHT: 'at night',
  HS: 'at bedtime',
  WAKE: 'on waking',
  C: 'with meals',
  AC: 'before meals',
  PC: 'after meals',
};

function timesText(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function timingText(dosage: Dosage): string | undefined {
  const timing = dosage.timing;
  if (!timing) return undefined;
  const repeat = timing.repeat;
  const parts: string[] = [];
  if (repeat?.period !== undefined && repeat.periodUnit) {
    const [one, many] = PERIOD_UNITS[repeat.periodUnit] ?? [repeat.periodUnit, repeat.periodUnit];
    const frequency = repeat.frequency ?? 1;
    const upTo = repeat.frequencyMax && repeat.frequencyMax !== frequency ? ` to ${repeat.frequencyMax}` : '';
    if (repeat.period === 1) parts.push(frequency === 1 && !upTo ? (one === 'hour' ? 'every hour' : `once a ${one}`) : `${upTo ? frequency : timesText(frequency)}${upTo}${upTo ? ' times' : ''} a ${one}`);
    else if (frequency === 1 && !upTo) parts.push(`every ${repeat.period} ${many}`);
    else parts.push(`${frequency}${upTo} times every ${repeat.period} ${many}`);
  } else if (timing.code) {
    const text = conceptText(timing.code);
    if (text) parts.push(text);
  }
  for (const when of repeat?.when ?? []) if (WHEN_TEXT[when]) parts.push(WHEN_TEXT[when]);
  if (repeat?.boundsDuration?.value !== undefined) {
    const unit = repeat.boundsDuration.code ?? repeat.boundsDuration.unit ?? '';
    const names = PERIOD_UNITS[unit];
    const value = repeat.boundsDuration.value;
    parts.push(`for ${value} ${names ? names[value === 1 ? 0 : 1] : unit}`.trim());
  }
  return parts.join(' ') || undefined;
}

function doseQuantityText(dosage: Dosage): string | undefined {
  const rate = dosage.doseAndRate?.[0];
  if (rate?.doseQuantity) return quantityText(rate.doseQuantity);
  if (rate?.doseRange) {
    const { low, high } = rate.doseRange;
    const unit = high?.unit ?? low?.unit ?? '';
    return `${low?.value ?? ''} to ${high?.value ?? ''} ${unit}`.trim();
  }
  return undefined;
}

function builtDoseText(dosage: Dosage): string | undefined {
  const parts = [doseQuantityText(dosage), timingText(dosage)];
  if (dosage.asNeededBoolean) parts.push('when required');
  else if (dosage.asNeededCodeableConcept) parts.push(`when required for ${conceptText(dosage.asNeededCodeableConcept) ?? 'symptoms'}`);
  const additional = conceptTexts(dosage.additionalInstruction);
  return [...parts, ...additional].filter(Boolean).join(', ').replace(/, (?=(once|twice|\d+ times|every|when required|for ))/g, ' ') || undefined;
}

/** Dosage instruction as one line: each dosage's text (duplicates dropped), else built from its structure. */
export function dosageText(dosages: Dosage[] | undefined): string | undefined {
  const lines = unique((dosages ?? []).map((d) => d.text?.trim() || builtDoseText(d)).filter((t): t is string => !!t));
  return lines.join('; ') || undefined;
}

// ---------------------------------------------------------------------------------------------------
// Status

function epsCoding(resource: { extension?: Extension[] } | undefined): Coding | undefined {
  const coding = extensionCoding(findExtension(resource?.extension, EPS_BUSINESS_STATUS_EXTENSION, 'Extension-EPS-TaskBusinessStatus'));
  return coding?.code && EPS_BUSINESS_STATUS[coding.code] ? coding : undefined;
}

/** The furthest EPS business status among the records (dispenses newest first, then the request). */
function furthestEps(records: Array<{ extension?: Extension[] } | undefined>): Coding | undefined {
  let best: Coding | undefined;
  for (const record of records) {
    const coding = epsCoding(record);
    if (coding?.code && (!best?.code || EPS_RANK[coding.code] > EPS_RANK[best.code])) best = coding;
  }
  return best;
}

const dispenseNewest = byNewest<MedicationDispense>((d) => d.whenHandedOver ?? d.whenPrepared);

function sameUnit(a: Quantity | undefined, b: Quantity | undefined): boolean {
  if (!a || !b) return false;
  return (!!a.unit && a.unit === b.unit) || (!!unitKey(a) && unitKey(a) === unitKey(b) && a.system === b.system);
}

function statusFromDispenses(dispenses: MedicationDispense[], request: MedicationRequest | undefined): PrescriptionStatusView | undefined {
  const sorted = dispenses.filter((d) => d.status !== 'entered-in-error' && d.status !== 'unknown').sort(dispenseNewest);
  const latest = sorted[0];
  if (!latest) return undefined;
  const date = latest.whenHandedOver ?? latest.whenPrepared;
  const view = (status: PrescriptionStatus, label: string, withDate = false): PrescriptionStatusView =>
    compact({ status, label: withDate && date ? `${label} ${labelDate(date)}` : label, date, source: 'dispense' as const });
  const itemStatus = latest.type?.coding?.find((c) => c.system === EPS_DISPENSE_TYPE_SYSTEM && c.code && EPS_DISPENSE_TYPE[c.code])?.code;
  if (itemStatus) {
    const mapped = EPS_DISPENSE_TYPE[itemStatus];
    return view(mapped.status, mapped.label, mapped.dated);
  }
  switch (latest.status) {
    case 'completed': {
      const ordered = request?.dispenseRequest?.quantity;
      const completed = sorted.filter((d) => d.status === 'completed');
      const comparable = completed.filter((d) => d.quantity?.value !== undefined && (!ordered || sameUnit(d.quantity, ordered)));
      const total = comparable.reduce((sum, d) => sum + (d.quantity?.value ?? 0), 0);
      if (comparable.length === completed.length && total === 0) return view('not-dispensed', 'Not dispensed');
      const short = ordered?.value !== undefined && comparable.length > 0 && total < ordered.value;
      return short ? view('partially-dispensed', 'Partially dispensed', true) : view('dispensed', 'Dispensed', true);
    }
    case 'in-progress':
    case 'preparation':
      return view('with-pharmacy', 'With pharmacy (being prepared)');
    case 'on-hold':
      return view('with-pharmacy', 'With pharmacy (on hold)');
    default:
      // declined, stopped, cancelled
      return view('not-dispensed', 'Not dispensed');
  }
}

function issuedLabel(request: MedicationRequest): string {
  const category = (request.category ?? []).map((c) => firstCode(c));
  return category.some((c) => c && HOSPITAL_CATEGORIES.has(c)) ? 'Issued by hospital' : 'Issued by GP';
}

function statusFromRequest(request: MedicationRequest, now: Date, expiry: string | undefined): PrescriptionStatusView {
  const isIssue = ISSUE_INTENTS.has(request.intent);
  const view = (status: PrescriptionStatus, label: string, date?: string): PrescriptionStatusView => compact({ status, label, date, source: 'request' as const });
  switch (request.status) {
    case 'active':
      if (isBefore(expiry, now)) return view('expired', isIssue ? 'Expired' : 'Authorisation expired', expiry);
      return isIssue ? view('issued', issuedLabel(request), request.authoredOn) : view('authorised', 'Authorised (not yet issued)', request.authoredOn);
    case 'completed':
      // GP systems mark an issue completed once it is issued; without EPS or dispense records the
      // supply itself is not known. A completed authorisation is a finished course.
      return isIssue ? view('issued', issuedLabel(request), request.authoredOn) : view('unknown', 'Course completed');
    case 'on-hold':
      return view('on-hold', 'On hold');
    case 'cancelled':
      return view('cancelled', 'Cancelled');
    case 'stopped':
      return view('stopped', 'Stopped');
    case 'draft':
      return view('unknown', 'Draft (not yet issued)');
    default:
      return view('unknown', 'Status not known');
  }
}

// Outcomes a dispense record gives for one item, more precise than the prescription-level 0003.
const ITEM_OUTCOMES = new Set<PrescriptionStatus>(['dispensed', 'partially-dispensed', 'not-dispensed', 'cancelled', 'expired']);

/**
 * Status of one prescription (an issue, or a request standing alone). Precedence:
 * 1. EPS business status, when any record carries it (the furthest along wins) — except that
 *    0003 "With dispenser – active" is prescription-level and means dispensing has begun, so an
 *    item-level outcome from this item's dispense record (dispensed, partially dispensed, not
 *    dispensed, cancelled, expired) is shown instead; 0006 Dispensed takes its date from the dispense.
 * 2. Dispense records: the newest decides — its EPS item status (MedicationDispense.type) when coded,
 *    else its status: completed → dispensed (partially when less than ordered was supplied in total,
 *    not dispensed when nothing was); in progress/preparation/on hold → with pharmacy;
 *    declined/stopped/cancelled → not dispensed.
 * 3. The request's own status and intent (issue active/completed → issued; authorisation active →
 *    authorised; past its validity/authorisation expiry → expired; on hold, cancelled, stopped).
 */
export function prescriptionStatus(
  request: MedicationRequest | undefined,
  dispenses: MedicationDispense[] = [],
  opts: { now?: Date; expiry?: string } = {},
): PrescriptionStatusView {
  const now = opts.now ?? new Date();
  const sortedDispenses = [...dispenses].sort(dispenseNewest);
  const eps = furthestEps([...sortedDispenses, request]);
  const fromDispenses = statusFromDispenses(sortedDispenses, request);
  if (eps?.code) {
    const mapped = EPS_BUSINESS_STATUS[eps.code];
    if (eps.code === '0003' && fromDispenses && ITEM_OUTCOMES.has(fromDispenses.status)) return { ...fromDispenses, eps };
    const handedOver = sortedDispenses.find((d) => d.status === 'completed')?.whenHandedOver;
    if (mapped.status === 'dispensed' && handedOver) {
      return { status: mapped.status, label: `${mapped.label} ${labelDate(handedOver)}`, date: handedOver, source: 'eps', eps };
    }
    return { status: mapped.status, label: mapped.label, source: 'eps', eps };
  }
  if (fromDispenses) return fromDispenses;
  if (!request) return { status: 'unknown', label: 'Status not known', source: 'dispense' };
  const expiry = opts.expiry ?? request.dispenseRequest?.validityPeriod?.end;
  return statusFromRequest(request, now, expiry);
}

// ---------------------------------------------------------------------------------------------------
// Building the list

interface RepeatInformation {
  allowed?: number;
  issued?: number;
  expiry?: string;
}

function repeatInformation(request: MedicationRequest): RepeatInformation {
  const ext = findExtension(request.extension, REPEAT_INFORMATION_URL, 'Extension-CareConnect-MedicationRepeatInformation-1');
  const part = (name: string) => ext?.extension?.find((e) => e.url === name);
  const number = (name: string) => part(name)?.valueUnsignedInt ?? part(name)?.valuePositiveInt ?? part(name)?.valueInteger;
  return compact({
    allowed: number('numberOfRepeatPrescriptionsAllowed'),
    issued: number('numberOfRepeatPrescriptionsIssued') ?? number('numberOfPrescriptionsIssued'),
    expiry: part('authorisationExpiryDate')?.valueDateTime ?? part('authorisationExpiryDate')?.valueDate,
  });
}

function courseOf(request: MedicationRequest, repeats: RepeatInformation): MedicationCourse {
  const code = firstCode(request.courseOfTherapyType);
  if (code === 'acute') return 'acute';
  // UK Core spells repeat dispensing 'continuous-repeating-dispensing'; HL7 UK drafts 'continuous-repeat-dispensing'.
  if (code && /^continuous-repeat(ing)?-dispensing$/.test(code)) return 'repeat-dispensing';
  if (code === 'continuous' || code === 'seasonal') return 'repeat';
  if ((repeats.allowed ?? 0) > 0 || (request.dispenseRequest?.numberOfRepeatsAllowed ?? 0) > 0) return 'repeat';
  return 'unknown';
}

interface MedicationSource {
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
}

function medicationOf(record: MedicationSource & FhirResource, lookup: ResourceLookup): { name?: string; code?: CodeableConcept } {
  if (record.medicationCodeableConcept) return { name: conceptText(record.medicationCodeableConcept), code: record.medicationCodeableConcept };
  const reference = record.medicationReference;
  const medication = reference ? lookup(reference, record) : undefined;
  if (medication?.resourceType === 'Medication') {
    return compact({ name: conceptText(medication.code) ?? compoundName(medication) ?? reference?.display, code: medication.code });
  }
  return compact({ name: reference?.display });
}

/** A medicine with no code (a compound) is named by its ingredients and form: "A + B (Ointment)". */
function compoundName(medication: Medication): string | undefined {
  const ingredients = unique(
    (medication.ingredient ?? []).map((i) => conceptText(i.itemCodeableConcept) ?? i.itemReference?.display).filter((n): n is string => !!n),
  );
  if (!ingredients.length) return undefined;
  const form = conceptText(medication.form);
  return `${ingredients.join(' + ')}${form ? ` (${form})` : ''}`;
}

function dispenseView(dispense: MedicationDispense, lookup: ResourceLookup): MedicationDispenseView {
  return compact({
    id: dispense.id,
    reference: referenceTo(dispense),
    status: dispense.status,
    type: conceptText(dispense.type),
    quantity: dispense.quantity,
    quantityText: quantityText(dispense.quantity),
    daysSupply: dispense.daysSupply,
    whenPrepared: dispense.whenPrepared,
    whenHandedOver: dispense.whenHandedOver,
    pharmacy: pharmacyOf(dispense, lookup),
    epsBusinessStatus: epsCoding(dispense),
    notes: notesText(dispense.note),
  });
}

function pharmacyOf(dispense: MedicationDispense, lookup: ResourceLookup): ReferencedParty | undefined {
  for (const performer of dispense.performer ?? []) {
    const actor = lookup(performer.actor, dispense);
    if (actor?.resourceType === 'PractitionerRole' && actor.organization) return describeReference(actor.organization, dispense, lookup);
    if (actor?.resourceType === 'Organization') return describeReference(performer.actor, dispense, lookup);
  }
  return undefined;
}

function identifierKeys(identifiers: Identifier[] | undefined): string[] {
  return (identifiers ?? []).filter((i) => i.value).map((i) => `${i.system ?? ''}|${i.value}`);
}

interface Group {
  key: string;
  /** The authorisation (intent=plan), or the request standing alone. */
  head: MedicationRequest;
  issues: MedicationRequest[];
  dispensesByIssue: Map<MedicationRequest, MedicationDispense[]>;
  /** Dispenses authorised directly by the head. */
  headDispenses: MedicationDispense[];
  statements: MedicationStatement[];
  /** The head is a dispense's contained copy of its prescription: it has no id of its own on the server. */
  contained?: boolean;
}

function issueView(request: MedicationRequest, dispenses: MedicationDispense[], lookup: ResourceLookup, now: Date): MedicationIssueView {
  const status = prescriptionStatus(request, dispenses, { now });
  return compact({
    ...status,
    id: request.id,
    reference: referenceTo(request),
    intent: request.intent,
    requestStatus: request.status,
    authoredOn: request.authoredOn,
    quantity: request.dispenseRequest?.quantity,
    quantityText: quantityText(request.dispenseRequest?.quantity),
    supplyDuration: request.dispenseRequest?.expectedSupplyDuration,
    supplyDurationText: quantityText(request.dispenseRequest?.expectedSupplyDuration),
    validUntil: request.dispenseRequest?.validityPeriod?.end,
    dispenses: [...dispenses].sort(dispenseNewest).map((d) => dispenseView(d, lookup)),
  });
}

const ENDED = new Set<PrescriptionStatus>(['cancelled', 'expired', 'stopped']);

function prescribedItem(group: Group, lookup: ResourceLookup, now: Date): { item: MedicationItem; current: boolean } {
  const { head } = group;
  const isAuthorisation = !ISSUE_INTENTS.has(head.intent);
  const repeats = repeatInformation(head);
  const issueRequests = [...group.issues].sort(byNewest((r) => r.authoredOn));
  const issues = issueRequests.map((issue) => issueView(issue, group.dispensesByIssue.get(issue) ?? [], lookup, now));
  const latestIssue = issues[0];
  const primary = issueRequests[0] ?? head;
  const expiry = repeats.expiry ?? (isAuthorisation ? head.dispenseRequest?.validityPeriod?.end : undefined);
  const lastIssueFromStatement = group.statements
    .map((s) => findExtension(s.extension, LAST_ISSUE_DATE_URL)?.valueDateTime)
    .find((d): d is string => !!d);

  // Item status: a stopped/cancelled/on-hold authorisation says so; otherwise its latest issue speaks.
  let status: PrescriptionStatusView;
  if (!isAuthorisation || !latestIssue || head.status === 'stopped' || head.status === 'cancelled' || head.status === 'on-hold') {
    status = isAuthorisation ? prescriptionStatus(head, group.headDispenses, { now, expiry }) : latestIssue;
  } else {
    status = latestIssue;
  }

  const dosageSource = head.dosageInstruction?.length ? head : primary;
  const medication = medicationOf(head, lookup);
  const supply = primary.dispenseRequest ?? head.dispenseRequest;
  const allDispenses = [...group.headDispenses, ...[...group.dispensesByIssue.values()].flat()].sort(dispenseNewest);
  const authorisationLive = ['active', 'on-hold', 'draft', 'unknown'].includes(head.status) && !isBefore(expiry, now);
  const awaitingSupply = status.status === 'with-pharmacy' || (status.source === 'eps' && status.status === 'issued');
  const item: MedicationItem = compact({
    key: group.key,
    id: group.contained ? undefined : head.id,
    reference: group.contained ? undefined : referenceTo(head),
    kind: 'prescribed' as const,
    name: medication.name ?? medicationOf(primary, lookup).name,
    medicationCode: medication.code,
    doseText: dosageText(dosageSource.dosageInstruction),
    patientInstruction: dosageSource.dosageInstruction?.find((d) => d.patientInstruction)?.patientInstruction,
    route: conceptText(dosageSource.dosageInstruction?.find((d) => d.route)?.route),
    quantity: supply?.quantity,
    quantityText: quantityText(supply?.quantity),
    supplyDuration: supply?.expectedSupplyDuration,
    supplyDurationText: quantityText(supply?.expectedSupplyDuration),
    course: courseOf(head, repeats),
    courseText: conceptText(head.courseOfTherapyType),
    repeatsAllowed: repeats.allowed ?? head.dispenseRequest?.numberOfRepeatsAllowed,
    repeatsIssued: repeats.issued,
    authorisationExpiryDate: expiry,
    authorisedDate: head.authoredOn,
    lastIssuedDate: (isAuthorisation ? latestIssue?.authoredOn : head.authoredOn) ?? lastIssueFromStatement,
    prescriber: describeReference(head.requester, head, lookup),
    requestStatus: head.status,
    status: status.status,
    statusLabel: status.label,
    statusDate: status.date,
    statusSource: status.source,
    epsBusinessStatus: status.eps,
    issues: group.contained ? issues.map(({ id: _id, reference: _reference, ...rest }) => rest) : issues,
    dispenses: allDispenses.map((d) => dispenseView(d, lookup)),
    categories: conceptTexts(head.category),
    reasons: [...conceptTexts(head.reasonCode), ...(head.reasonReference ?? []).map((r) => describeReference(r, head, lookup)?.name).filter((n): n is string => !!n)],
    notes: unique([...notesText(head.note), ...group.statements.flatMap((s) => notesText(s.note))]),
    source: sourceOf(head, lookup),
  });
  // A prescription on its own that was cancelled, expired or stopped is over, whatever its request says.
  const ended = !isAuthorisation && ENDED.has(status.status);
  return { item, current: awaitingSupply || (authorisationLive && status.status !== 'expired' && !ended) };
}

const STATEMENT_LABELS: Record<MedicationStatement['status'], [PrescriptionStatus, string]> = {
  active: ['unknown', 'Taking (recorded)'],
  intended: ['unknown', 'Intended (recorded)'],
  completed: ['unknown', 'Completed (recorded)'],
  stopped: ['stopped', 'Stopped'],
  'on-hold': ['on-hold', 'On hold'],
  'not-taken': ['unknown', 'Not taken (recorded)'],
  unknown: ['unknown', 'Recorded'],
  'entered-in-error': ['unknown', 'Entered in error'],
};

function recordedItem(statement: MedicationStatement, key: string, lookup: ResourceLookup): { item: MedicationItem; current: boolean } {
  const [status, label] = STATEMENT_LABELS[statement.status] ?? ['unknown', 'Recorded'];
  const medication = medicationOf(statement, lookup);
  const item: MedicationItem = compact({
    key,
    id: statement.id,
    reference: referenceTo(statement),
    kind: 'recorded' as const,
    name: medication.name,
    medicationCode: medication.code,
    doseText: dosageText(statement.dosage),
    patientInstruction: statement.dosage?.find((d) => d.patientInstruction)?.patientInstruction,
    route: conceptText(statement.dosage?.find((d) => d.route)?.route),
    course: 'unknown' as const,
    authorisedDate: statement.effectiveDateTime ?? statement.effectivePeriod?.start,
    lastIssuedDate: findExtension(statement.extension, LAST_ISSUE_DATE_URL)?.valueDateTime,
    status,
    statusLabel: label,
    statusDate: statement.dateAsserted ?? statement.effectiveDateTime ?? statement.effectivePeriod?.start,
    statusSource: 'statement' as const,
    statementStatus: statement.status,
    issues: [],
    dispenses: [],
    categories: conceptTexts(statement.category ? [statement.category] : []),
    reasons: conceptTexts(statement.reasonCode),
    notes: notesText(statement.note),
    source: sourceOf(statement, lookup),
  });
  return { item, current: ['active', 'intended', 'on-hold', 'unknown'].includes(statement.status) };
}

function dispensedItem(dispenses: MedicationDispense[], key: string, lookup: ResourceLookup, now: Date): { item: MedicationItem; current: boolean } {
  const sorted = [...dispenses].sort(dispenseNewest);
  const latest = sorted[0];
  const status = prescriptionStatus(undefined, sorted, { now });
  const medication = medicationOf(latest, lookup);
  // Without the prescription, a supply is current while the days it covers last.
  const handedOver = dateKey(latest.whenHandedOver);
  const days = latest.daysSupply?.value;
  const supplyLasting = handedOver !== undefined && days !== undefined && handedOver + days * 86_400_000 > now.getTime();
  const item: MedicationItem = compact({
    key,
    id: latest.id,
    reference: referenceTo(latest),
    kind: 'dispensed' as const,
    name: medication.name,
    medicationCode: medication.code,
    doseText: dosageText(latest.dosageInstruction),
    route: conceptText(latest.dosageInstruction?.find((d) => d.route)?.route),
    quantity: latest.quantity,
    quantityText: quantityText(latest.quantity),
    supplyDuration: latest.daysSupply,
    supplyDurationText: quantityText(latest.daysSupply),
    course: 'unknown' as const,
    lastIssuedDate: undefined,
    status: status.status,
    statusLabel: status.label,
    statusDate: status.date,
    statusSource: status.source,
    epsBusinessStatus: status.eps,
    issues: [],
    dispenses: sorted.map((d) => dispenseView(d, lookup)),
    categories: conceptTexts(latest.category ? [latest.category] : []),
    reasons: [],
    notes: notesText(latest.note),
    source: sourceOf(latest, lookup),
  });
  return { item, current: status.status === 'with-pharmacy' || supplyLasting };
}

const byActivity = byNewest<MedicationItem>((i) => i.lastIssuedDate ?? i.statusDate ?? i.authorisedDate);

function dedupe<T extends FhirResource>(resources: T[] | undefined): T[] {
  const seen = new Set<string>();
  return (resources ?? []).filter((r) => {
    if (!r.id) return true;
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the medication list from requests, statements and dispenses.
 *
 * - An authorisation (intent=plan) groups its issues (order, original-order, instance-order… basedOn
 *   the plan); a request with no plan here stands alone as its own issue.
 * - Dispenses join the issue named by authorizingPrescription — directly, or via the identifier of a
 *   contained copy of the prescription (EPS dispense notifications carry one). A dispense whose
 *   prescription is absent becomes a 'dispensed' item; a contained prescription becomes the item.
 * - A MedicationStatement basedOn/derivedFrom a request here adds to that item (last issue date, notes);
 *   otherwise it is a 'recorded' item with its source (e.g. a hospital's record).
 * - Status precedence: see `prescriptionStatus`. For an authorisation the item shows a stopped,
 *   cancelled or on-hold authorisation as such, else its latest issue's status.
 * - Current: a live authorisation (active, on hold, draft or unknown, not past its expiry), or anything
 *   awaiting supply (EPS "to be dispensed", with pharmacy). Recorded: statement active, intended, on
 *   hold or unknown. Everything else is past. Both lists newest first.
 * - Entered-in-error records are left out and counted; an authorisation's issues go with it.
 */
export function buildMedicationList(input: BuildMedicationListInput): MedicationList {
  const now = input.now ?? new Date();
  const requests = dedupe(input.requests);
  const statements = dedupe(input.statements);
  const dispenses = dedupe(input.dispenses);
  const lookup = createResourceLookup([...requests, ...statements, ...dispenses, ...(input.included ?? [])], input.resolve);
  let enteredInError = 0;

  const live = new Set<MedicationRequest>();
  const erroneousPlans = new Set<MedicationRequest>();
  for (const request of requests) {
    if (isEnteredInError(request)) {
      enteredInError++;
      if (request.intent === 'plan') erroneousPlans.add(request);
    } else live.add(request);
  }
  const groups = new Map<MedicationRequest, Group>();
  const groupOf = new Map<MedicationRequest, Group>();
  const newGroup = (head: MedicationRequest, index: number, contained = false): Group => {
    const key = (contained ? undefined : head.id) ?? identifierKeys(head.identifier)[0] ?? `request-${index}`;
    const group: Group = { key, contained, head, issues: [], dispensesByIssue: new Map(), headDispenses: [], statements: [] };
    groups.set(head, group);
    groupOf.set(head, group);
    return group;
  };
  requests.forEach((request, index) => {
    if (live.has(request) && !ISSUE_INTENTS.has(request.intent)) newGroup(request, index);
  });
  requests.forEach((request, index) => {
    if (!live.has(request) || !ISSUE_INTENTS.has(request.intent)) return;
    const basis = (request.basedOn ?? []).map((ref) => lookup(ref, request)).find((r): r is MedicationRequest => r?.resourceType === 'MedicationRequest');
    if (basis && erroneousPlans.has(basis)) {
      enteredInError++;
      live.delete(request);
      return;
    }
    const plan = basis && groups.get(basis);
    if (plan) {
      plan.issues.push(request);
      groupOf.set(request, plan);
    } else newGroup(request, index).issues.push(request);
  });

  // Requests known by identifier, for dispenses that carry a contained copy of their prescription.
  const byIdentifier = new Map<string, MedicationRequest>();
  for (const request of live) for (const key of identifierKeys(request.identifier)) if (!byIdentifier.has(key)) byIdentifier.set(key, request);

  const orphanDispenses = new Map<string, MedicationDispense[]>();
  dispenses.forEach((dispense, index) => {
    if (isEnteredInError(dispense)) {
      enteredInError++;
      return;
    }
    let target: MedicationRequest | undefined;
    let containedCopy: MedicationRequest | undefined;
    for (const ref of dispense.authorizingPrescription ?? []) {
      const found = lookup(ref, dispense);
      if (found?.resourceType !== 'MedicationRequest') continue;
      if (live.has(found)) target = found;
      else {
        target = identifierKeys(found.identifier).map((k) => byIdentifier.get(k)).find((r) => !!r);
        if (!target && (dispense.contained ?? []).includes(found)) containedCopy = found;
      }
      if (target) break;
    }
    if (!target && containedCopy) {
      // The dispense notification's own copy of the prescription stands in for it.
      const key = identifierKeys(containedCopy.identifier)[0];
      const existing = key ? byIdentifier.get(key) : undefined;
      if (existing) target = existing;
      else {
        live.add(containedCopy);
        if (key) byIdentifier.set(key, containedCopy);
        newGroup(containedCopy, requests.length + index, true).issues.push(containedCopy);
        target = containedCopy;
      }
    }
    const group = target && groupOf.get(target);
    if (target && group) {
      if (group.head === target && !ISSUE_INTENTS.has(target.intent)) group.headDispenses.push(dispense);
      else group.dispensesByIssue.set(target, [...(group.dispensesByIssue.get(target) ?? []), dispense]);
      return;
    }
    const key = referenceString(dispense.authorizingPrescription?.[0]) ?? dispense.id ?? `dispense-${index}`;
    orphanDispenses.set(key, [...(orphanDispenses.get(key) ?? []), dispense]);
  });

  const results: Array<{ item: MedicationItem; current: boolean }> = [];
  statements.forEach((statement, index) => {
    if (isEnteredInError(statement)) {
      enteredInError++;
      return;
    }
    const basis = [...(statement.basedOn ?? []), ...(statement.derivedFrom ?? [])]
      .map((ref) => lookup(ref, statement))
      .find((r): r is MedicationRequest => r?.resourceType === 'MedicationRequest' && live.has(r));
    const group = basis && groupOf.get(basis);
    if (group) group.statements.push(statement);
    else results.push(recordedItem(statement, statement.id ?? `statement-${index}`, lookup));
  });
  for (const group of groups.values()) results.push(prescribedItem(group, lookup, now));
  for (const [key, list] of orphanDispenses) results.push(dispensedItem(list, key, lookup, now));

  return {
    current: results.filter((r) => r.current).map((r) => r.item).sort(byActivity),
    past: results.filter((r) => !r.current).map((r) => r.item).sort(byActivity),
    excluded: { enteredInError },
  };
}
