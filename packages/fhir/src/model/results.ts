import type {
  Attachment,
  CodeableConcept,
  DiagnosticReport,
  FhirResource,
  Observation,
  ObservationReferenceRange,
  Quantity,
  Range,
  Reference,
} from '../fhir-types.js';
import { byNewest, compact, conceptText, conceptTexts, dateKey, LOINC, notesText, quantityText, SNOMED, unitKey } from './internal.js';
import { classifyAttachment, type DocumentAttachmentView } from './documents.js';
import { describeReference, isEnteredInError, sourceOf, type RecordSource, type ReferencedParty } from './provenance.js';
import { createResourceLookup, referenceString, referenceTo, type ResourceLookup } from './references.js';

/**
 * Normalised interpretation: the v3 ObservationInterpretation codes care staff meet (H, L, HH, LL, A, AA,
 * N); 'outside-range' when no interpretation was sent but the value lies outside the reference range
 * (derived here, deliberately not called H or L: the laboratory did not say so); 'other' for the rest
 * (positive, susceptible, off scale…), shown with the sender's text.
 */
export type InterpretationFlag = 'H' | 'L' | 'HH' | 'LL' | 'A' | 'AA' | 'N' | 'outside-range' | 'other';

export interface InterpretationView {
  flag: InterpretationFlag;
  /** The code as sent (e.g. 'HU' normalises to flag 'H'). */
  code?: string;
  /** "High", "Critically low", "Outside reference range", or the sender's text. */
  label: string;
  abnormal: boolean;
  critical: boolean;
  /** True when derived from the reference range rather than sent. */
  derived?: boolean;
}

const INTERPRETATIONS: Readonly<Record<string, { flag: InterpretationFlag; label: string; abnormal: boolean; critical: boolean }>> = {
  N: { flag: 'N', label: 'Normal', abnormal: false, critical: false },
  H: { flag: 'H', label: 'High', abnormal: true, critical: false },
  L: { flag: 'L', label: 'Low', abnormal: true, critical: false },
  HU: { flag: 'H', label: 'Significantly high', abnormal: true, critical: false },
  LU: { flag: 'L', label: 'Significantly low', abnormal: true, critical: false },
  HH: { flag: 'HH', label: 'Critically high', abnormal: true, critical: true },
  LL: { flag: 'LL', label: 'Critically low', abnormal: true, critical: true },
  A: { flag: 'A', label: 'Abnormal', abnormal: true, critical: false },
  AA: { flag: 'AA', label: 'Critically abnormal', abnormal: true, critical: true },
};

// Interpretations sent as text only (common from UK pathology feeds).
const INTERPRETATION_WORDS: Readonly<Record<string, string>> = {
  normal: 'N',
  high: 'H',
  low: 'L',
  abnormal: 'A',
  'critically high': 'HH',
  'critical high': 'HH',
  'critically low': 'LL',
  'critical low': 'LL',
  'critically abnormal': 'AA',
  'critical abnormal': 'AA',
};

/** One interpretation CodeableConcept, normalised. */
export function normaliseInterpretation(concept: CodeableConcept): InterpretationView {
  for (const coding of concept.coding ?? []) {
    const known = coding.code && INTERPRETATIONS[coding.code];
    if (known) return { ...known, code: coding.code, label: concept.text?.trim() || known.label };
  }
  const text = concept.text?.trim();
  const word = text && (INTERPRETATION_WORDS[text.toLowerCase()] ?? (INTERPRETATIONS[text.toUpperCase()] ? text.toUpperCase() : undefined));
  if (word) return { ...INTERPRETATIONS[word], code: word };
  const code = concept.coding?.find((c) => c.code)?.code;
  return compact({ flag: 'other' as const, code, label: conceptText(concept) ?? 'See result', abnormal: false, critical: false });
}

const SEVERITY: Record<InterpretationFlag, number> = { HH: 4, LL: 4, AA: 4, H: 3, L: 3, A: 3, 'outside-range': 2, other: 1, N: 0 };

function mostSevere(views: InterpretationView[]): InterpretationView | undefined {
  return [...views].sort((a, b) => SEVERITY[b.flag] - SEVERITY[a.flag])[0];
}

export interface ReferenceRangeView {
  low?: Quantity;
  high?: Quantity;
  text?: string;
  type?: string;
  appliesTo: string[];
  age?: Range;
}

function rangeView(range: ObservationReferenceRange): ReferenceRangeView {
  return compact({
    low: range.low,
    high: range.high,
    text: range.text,
    type: conceptText(range.type),
    appliesTo: conceptTexts(range.appliesTo),
    age: range.age,
  });
}

/**
 * 'outside-range' when a plain numeric value (no comparator) lies outside the first reference range
 * whose units agree (a range without units is taken to share the value's).
 */
function outsideRange(quantity: Quantity | undefined, ranges: ObservationReferenceRange[] | undefined): InterpretationView | undefined {
  if (quantity?.value === undefined || quantity.comparator || !ranges?.length) return undefined;
  const comparable = (q: Quantity | undefined) => !q || (!q.unit && !q.code) || unitKey(q) === unitKey(quantity) || q.unit === quantity.unit;
  const range = ranges.find((r) => (r.low || r.high) && comparable(r.low) && comparable(r.high));
  if (!range) return undefined;
  const below = range.low?.value !== undefined && quantity.value < range.low.value;
  const above = range.high?.value !== undefined && quantity.value > range.high.value;
  return below || above ? { flag: 'outside-range', label: 'Outside reference range', abnormal: true, critical: false, derived: true } : undefined;
}

export type ObservationValueKind =
  | 'quantity'
  | 'concept'
  | 'string'
  | 'boolean'
  | 'integer'
  | 'range'
  | 'ratio'
  | 'sampled-data'
  | 'time'
  | 'date-time'
  | 'period'
  | 'components'
  | 'absent';

interface ValueView {
  valueKind: ObservationValueKind;
  valueText?: string;
  value?: number;
  comparator?: string;
  unit?: string;
  quantity?: Quantity;
  dataAbsentReason?: string;
}

type ValueCarrier = Pick<
  Observation,
  | 'valueQuantity'
  | 'valueCodeableConcept'
  | 'valueString'
  | 'valueBoolean'
  | 'valueInteger'
  | 'valueRange'
  | 'valueRatio'
  | 'valueSampledData'
  | 'valueTime'
  | 'valueDateTime'
  | 'valuePeriod'
  | 'dataAbsentReason'
>;

function valueOf(carrier: ValueCarrier): ValueView {
  if (carrier.valueQuantity) {
    const q = carrier.valueQuantity;
    return compact({ valueKind: 'quantity' as const, valueText: quantityText(q), value: q.value, comparator: q.comparator, unit: q.unit ?? q.code, quantity: q });
  }
  if (carrier.valueCodeableConcept) return compact({ valueKind: 'concept' as const, valueText: conceptText(carrier.valueCodeableConcept) });
  if (carrier.valueString !== undefined) return { valueKind: 'string', valueText: carrier.valueString };
  if (carrier.valueBoolean !== undefined) return { valueKind: 'boolean', valueText: carrier.valueBoolean ? 'Yes' : 'No' };
  if (carrier.valueInteger !== undefined) return { valueKind: 'integer', valueText: String(carrier.valueInteger), value: carrier.valueInteger };
  if (carrier.valueRange) {
    const { low, high } = carrier.valueRange;
    return { valueKind: 'range', valueText: `${low?.value ?? ''} to ${quantityText(high) ?? ''}`.trim() };
  }
  if (carrier.valueRatio) {
    const { numerator, denominator } = carrier.valueRatio;
    return { valueKind: 'ratio', valueText: `${quantityText(numerator) ?? ''}/${quantityText(denominator) ?? ''}` };
  }
  if (carrier.valueSampledData) return { valueKind: 'sampled-data', valueText: 'Sampled data' };
  if (carrier.valueTime) return { valueKind: 'time', valueText: carrier.valueTime };
  if (carrier.valueDateTime) return { valueKind: 'date-time', valueText: carrier.valueDateTime };
  if (carrier.valuePeriod) return compact({ valueKind: 'period' as const, valueText: [carrier.valuePeriod.start, carrier.valuePeriod.end].filter(Boolean).join(' to ') || undefined });
  return compact({ valueKind: 'absent' as const, dataAbsentReason: conceptText(carrier.dataAbsentReason) });
}

export interface ObservationComponentView extends ValueView {
  name?: string;
  code: CodeableConcept;
  codeKey?: string;
  interpretation: InterpretationView[];
  flag?: InterpretationView;
  abnormal: boolean;
  critical: boolean;
  referenceRanges: ReferenceRangeView[];
}

export interface ObservationView extends ValueView {
  id?: string;
  reference?: string;
  name?: string;
  code: CodeableConcept;
  codeKey?: string;
  status: Observation['status'];
  /** "Preliminary", "Amended", "Corrected", "Cancelled", "Awaiting result"; undefined when final. */
  statusLabel?: string;
  preliminary: boolean;
  amended: boolean;
  cancelled: boolean;
  categories: string[];
  components: ObservationComponentView[];
  referenceRanges: ReferenceRangeView[];
  interpretation: InterpretationView[];
  /** The most severe interpretation (critical, then high/low/abnormal, then outside range…). */
  flag?: InterpretationView;
  abnormal: boolean;
  critical: boolean;
  /** Specimen collection / observation time (effective[x], raw). */
  effective?: string;
  effectiveEnd?: string;
  issued?: string;
  performers: ReferencedParty[];
  specimen?: Reference;
  method?: string;
  bodySite?: string;
  notes: string[];
  /** Panel members (hasMember), resolved. */
  members: ObservationView[];
  source: RecordSource;
}

const STATUS_LABELS: Partial<Record<string, string>> = {
  registered: 'Awaiting result',
  partial: 'Partial',
  preliminary: 'Preliminary',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Appended',
  cancelled: 'Cancelled',
  unknown: 'Status not known',
};

function statusFlags(status: string): { preliminary: boolean; amended: boolean; cancelled: boolean } {
  return {
    preliminary: status === 'preliminary' || status === 'registered' || status === 'partial',
    amended: status === 'amended' || status === 'corrected' || status === 'appended',
    cancelled: status === 'cancelled',
  };
}

// LOINC systolic and diastolic blood pressure: shown together as "120/80 mmHg".
const SYSTOLIC = '8480-6';
const DIASTOLIC = '8462-4';

/** `system|code` of the first LOINC or SNOMED coding (else the first coded one): the key for trends. */
export function observationCodeKey(observation: Pick<Observation, 'code'> | undefined): string | undefined {
  const codings = observation?.code?.coding ?? [];
  const chosen = codings.find((c) => c.code && (c.system === LOINC || c.system === SNOMED)) ?? codings.find((c) => c.code && c.system);
  return chosen ? `${chosen.system}|${chosen.code}` : undefined;
}

function interpretationsOf(concepts: CodeableConcept[] | undefined, carrier: ValueCarrier, ranges: ObservationReferenceRange[] | undefined): InterpretationView[] {
  const sent = (concepts ?? []).map(normaliseInterpretation);
  if (sent.length) return sent;
  const derived = outsideRange(carrier.valueQuantity, ranges);
  return derived ? [derived] : [];
}

function componentView(component: NonNullable<Observation['component']>[number]): ObservationComponentView {
  const interpretation = interpretationsOf(component.interpretation, component, component.referenceRange);
  const flag = mostSevere(interpretation);
  return compact({
    ...valueOf(component),
    name: conceptText(component.code),
    code: component.code,
    codeKey: observationCodeKey(component),
    interpretation,
    flag,
    abnormal: interpretation.some((i) => i.abnormal),
    critical: interpretation.some((i) => i.critical),
    referenceRanges: (component.referenceRange ?? []).map(rangeView),
  });
}

function componentsText(components: ObservationComponentView[]): string | undefined {
  const systolic = components.find((c) => c.code.coding?.some((d) => d.system === LOINC && d.code === SYSTOLIC));
  const diastolic = components.find((c) => c.code.coding?.some((d) => d.system === LOINC && d.code === DIASTOLIC));
  if (systolic?.value !== undefined && diastolic?.value !== undefined && (systolic.unit ?? '') === (diastolic.unit ?? '')) {
    return `${systolic.value}/${diastolic.value}${systolic.unit ? ` ${systolic.unit}` : ''}`;
  }
  const parts = components.map((c) => `${c.name ?? 'Component'}: ${c.valueText ?? c.dataAbsentReason ?? 'no value'}`);
  return parts.join('; ') || undefined;
}

interface BuildContext {
  lookup: ResourceLookup;
  excluded: Set<Observation>;
  placed: Set<Observation>;
}

function observationView(observation: Observation, context: BuildContext, path: Set<Observation> = new Set()): ObservationView {
  path.add(observation);
  const components = (observation.component ?? []).map(componentView);
  const value = valueOf(observation);
  const ownInterpretation = interpretationsOf(observation.interpretation, observation, observation.referenceRange);
  const interpretation = ownInterpretation.length ? ownInterpretation : components.flatMap((c) => c.interpretation);
  const members: ObservationView[] = [];
  for (const ref of observation.hasMember ?? []) {
    const member = context.lookup(ref, observation);
    if (member?.resourceType !== 'Observation' || path.has(member)) continue;
    if (isEnteredInError(member)) {
      context.excluded.add(member);
      continue;
    }
    context.placed.add(member);
    members.push(observationView(member, context, new Set(path)));
  }
  const status = observation.status;
  const combined = value.valueKind === 'absent' && components.length ? { ...value, valueKind: 'components' as const, valueText: componentsText(components) } : value;
  if (combined.valueKind === 'components') delete combined.dataAbsentReason;
  return compact({
    ...combined,
    id: observation.id,
    reference: referenceTo(observation),
    name: conceptText(observation.code),
    code: observation.code,
    codeKey: observationCodeKey(observation),
    status,
    statusLabel: STATUS_LABELS[status],
    ...statusFlags(status),
    categories: conceptTexts(observation.category),
    components,
    referenceRanges: (observation.referenceRange ?? []).map(rangeView),
    interpretation,
    flag: mostSevere(interpretation),
    abnormal: interpretation.some((i) => i.abnormal) || members.some((m) => m.abnormal),
    critical: interpretation.some((i) => i.critical) || members.some((m) => m.critical),
    effective: observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start ?? observation.effectiveTiming?.event?.[0],
    effectiveEnd: observation.effectivePeriod?.end,
    issued: observation.issued,
    performers: (observation.performer ?? []).map((p) => describeReference(p, observation, context.lookup)).filter((p): p is ReferencedParty => !!p),
    specimen: observation.specimen,
    method: conceptText(observation.method),
    bodySite: conceptText(observation.bodySite),
    notes: notesText(observation.note),
    members,
    source: sourceOf(observation, context.lookup),
  });
}

export interface DiagnosticReportView {
  id?: string;
  reference?: string;
  name?: string;
  code: CodeableConcept;
  status: DiagnosticReport['status'];
  statusLabel?: string;
  preliminary: boolean;
  amended: boolean;
  cancelled: boolean;
  categories: string[];
  issued?: string;
  /** Specimen collection / clinically relevant time (raw). */
  effective?: string;
  effectiveEnd?: string;
  performers: ReferencedParty[];
  resultsInterpreters: ReferencedParty[];
  /** Result observations, resolved, in the report's order. */
  results: ObservationView[];
  /** Results the report names that were not provided (shown as "not available", never dropped). */
  missingResults: Array<{ reference?: string; display?: string }>;
  conclusion?: string;
  conclusionCodes: string[];
  presentedForm: DocumentAttachmentView[];
  specimens: Reference[];
  abnormalCount: number;
  criticalCount: number;
  source: RecordSource;
}

export interface ResultsGroups {
  /** Newest first (effective, else issued). */
  reports: DiagnosticReportView[];
  /** Observations not referenced by any report (nor members of another shown panel), newest first. */
  observations: ObservationView[];
  /** Entered-in-error reports and observations: not shown, counted. */
  excluded: { enteredInError: number };
}

export interface GroupResultsInput {
  reports?: DiagnosticReport[];
  observations?: Observation[];
  resolve?: ResourceLookup;
}

function presentedFormView(attachment: Attachment): DocumentAttachmentView {
  return compact({
    kind: classifyAttachment(attachment),
    contentType: attachment.contentType,
    url: attachment.url,
    size: attachment.size,
    title: attachment.title,
    language: attachment.language,
    creation: attachment.creation,
    hasData: !!attachment.data,
  });
}

function flatten(views: ObservationView[]): ObservationView[] {
  return views.flatMap((v) => [v, ...flatten(v.members)]);
}

function dedupe<T extends FhirResource>(resources: T[] | undefined): T[] {
  const seen = new Set<string>();
  return (resources ?? []).filter((r) => {
    const key = referenceTo(r);
    if (!key) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A report's view; `resultViews` gives views of its results made before (by Observation) and keeps the ones made here. */
function reportView(report: DiagnosticReport, context: BuildContext, resultViews?: WeakMap<Observation, ObservationView>): DiagnosticReportView {
  const results: ObservationView[] = [];
  const missingResults: DiagnosticReportView['missingResults'] = [];
  for (const ref of report.result ?? []) {
    const observation = context.lookup(ref, report);
    if (observation?.resourceType !== 'Observation') {
      missingResults.push(compact({ reference: referenceString(ref), display: ref.display }));
      continue;
    }
    if (isEnteredInError(observation)) {
      context.excluded.add(observation);
      continue;
    }
    context.placed.add(observation);
    let view = resultViews?.get(observation);
    if (!view) {
      view = observationView(observation, context);
      resultViews?.set(observation, view);
    }
    results.push(view);
  }
  const all = flatten(results);
  const status = report.status;
  return compact({
    id: report.id,
    reference: referenceTo(report),
    name: conceptText(report.code),
    code: report.code,
    status,
    statusLabel: STATUS_LABELS[status],
    ...statusFlags(status),
    categories: conceptTexts(report.category),
    issued: report.issued,
    effective: report.effectiveDateTime ?? report.effectivePeriod?.start,
    effectiveEnd: report.effectivePeriod?.end,
    performers: (report.performer ?? []).map((p) => describeReference(p, report, context.lookup)).filter((p): p is ReferencedParty => !!p),
    resultsInterpreters: (report.resultsInterpreter ?? []).map((p) => describeReference(p, report, context.lookup)).filter((p): p is ReferencedParty => !!p),
    results,
    missingResults,
    conclusion: report.conclusion,
    conclusionCodes: conceptTexts(report.conclusionCode),
    presentedForm: (report.presentedForm ?? []).map(presentedFormView),
    specimens: report.specimen ?? [],
    abnormalCount: all.filter((o) => o.abnormal && !o.members.length).length,
    criticalCount: all.filter((o) => o.critical && !o.members.length).length,
    source: sourceOf(report, context.lookup),
  });
}

/** One result's view (with its panel members) as `groupResults` makes it: for a widget that makes views as results come on screen. */
export function observationResultView(observation: Observation, resolve?: ResourceLookup): ObservationView {
  return observationView(observation, { lookup: createResourceLookup([observation], resolve), excluded: new Set(), placed: new Set() });
}

/**
 * One report's view as `groupResults` makes it (undefined when entered in error). `resultViews`: views
 * of results made before, by Observation (e.g. from `observationResultView`), reused and added to, so
 * that a widget showing results in and out of their reports builds each once.
 */
export function diagnosticReportView(
  report: DiagnosticReport,
  resolve?: ResourceLookup,
  resultViews?: WeakMap<Observation, ObservationView>,
): DiagnosticReportView | undefined {
  if (isEnteredInError(report)) return undefined;
  return reportView(report, { lookup: createResourceLookup([report], resolve), excluded: new Set(), placed: new Set() }, resultViews);
}

/**
 * Groups results for display: each DiagnosticReport with its result Observations resolved (panels with
 * their members), and the Observations no report refers to. Entered-in-error reports and observations
 * are removed and counted; cancelled, preliminary and amended ones stay, flagged. Interpretation flags are
 * normalised (see `InterpretationFlag`); without one, a value outside its reference range is flagged
 * 'outside-range' — never H or L, which only the laboratory may say.
 */
export function groupResults(input: GroupResultsInput): ResultsGroups {
  const reports = dedupe(input.reports);
  const observations = dedupe(input.observations);
  const context: BuildContext = {
    lookup: createResourceLookup([...reports, ...observations], input.resolve),
    excluded: new Set(),
    placed: new Set(),
  };
  let erroneousReports = 0;
  const reportViews: DiagnosticReportView[] = [];
  for (const report of reports) {
    if (isEnteredInError(report)) {
      erroneousReports++;
      continue;
    }
    reportViews.push(reportView(report, context));
  }
  // Members of standalone panels are shown inside their panel, not again on their own.
  const members = new Set<Observation>();
  for (const observation of observations) {
    if (isEnteredInError(observation)) continue;
    for (const ref of observation.hasMember ?? []) {
      const member = context.lookup(ref, observation);
      if (member?.resourceType === 'Observation' && member !== observation) members.add(member);
    }
  }
  const standalone: ObservationView[] = [];
  for (const observation of observations) {
    if (context.placed.has(observation) || members.has(observation)) continue;
    if (isEnteredInError(observation)) {
      context.excluded.add(observation);
      continue;
    }
    standalone.push(observationView(observation, context));
  }
  return {
    reports: reportViews.sort(byNewest((r) => r.effective ?? r.issued)),
    observations: standalone.sort(byNewest((o) => o.effective ?? o.issued)),
    excluded: { enteredInError: erroneousReports + context.excluded.size },
  };
}

export interface ObservationHistoryPoint {
  /** effective (else issued), raw. */
  date: string;
  value: number;
  comparator?: string;
  unit?: string;
  flag?: InterpretationFlag;
  abnormal: boolean;
  id?: string;
  reference?: string;
  status: Observation['status'];
  /** 'component' when the value came from a component (e.g. systolic of a blood pressure). */
  from: 'value' | 'component';
}

export interface ObservationHistory {
  codeKey: string;
  name?: string;
  /** The unit when all points share one. */
  unit?: string;
  units: string[];
  /** False when points were recorded in different units: a chart must not join them. */
  consistentUnits: boolean;
  /** Oldest first, for charting. */
  points: ObservationHistoryPoint[];
  excluded: { enteredInError: number; cancelled: number; nonNumeric: number; undated: number };
}

function matchesKey(code: CodeableConcept | undefined, codeKey: string): boolean {
  return (code?.coding ?? []).some((c) => `${c.system}|${c.code}` === codeKey);
}

/**
 * The numeric history of one test (`codeKey` as from `observationCodeKey`, matched against any coding of
 * the observation or of its components) for a trend chart: oldest first, with a unit consistency check.
 * Entered-in-error and cancelled results, non-numeric values and undated results are left out and counted.
 */
export function observationHistory(observations: Observation[], codeKey: string): ObservationHistory {
  const excluded = { enteredInError: 0, cancelled: 0, nonNumeric: 0, undated: 0 };
  const points: ObservationHistoryPoint[] = [];
  let name: string | undefined;
  for (const observation of dedupe(observations)) {
    const own = matchesKey(observation.code, codeKey);
    const component = own ? undefined : observation.component?.find((c) => matchesKey(c.code, codeKey));
    if (!own && !component) continue;
    name ??= conceptText(component ? component.code : observation.code);
    if (isEnteredInError(observation)) {
      excluded.enteredInError++;
      continue;
    }
    if (observation.status === 'cancelled') {
      excluded.cancelled++;
      continue;
    }
    const carrier: ValueCarrier = component ?? observation;
    const quantity = carrier.valueQuantity;
    const value = quantity?.value ?? carrier.valueInteger;
    if (value === undefined) {
      excluded.nonNumeric++;
      continue;
    }
    const date = observation.effectiveDateTime ?? observation.effectiveInstant ?? observation.effectivePeriod?.start ?? observation.issued;
    if (!date || dateKey(date) === undefined) {
      excluded.undated++;
      continue;
    }
    const interpretation = interpretationsOf(component ? component.interpretation : observation.interpretation, carrier, component ? component.referenceRange : observation.referenceRange);
    const flag = mostSevere(interpretation);
    points.push(
      compact({
        date,
        value,
        comparator: quantity?.comparator,
        unit: quantity ? (quantity.unit ?? quantity.code) : undefined,
        flag: flag?.flag,
        abnormal: interpretation.some((i) => i.abnormal),
        id: observation.id,
        reference: referenceTo(observation),
        status: observation.status,
        from: component ? ('component' as const) : ('value' as const),
      }),
    );
  }
  points.sort((a, b) => (dateKey(a.date) ?? 0) - (dateKey(b.date) ?? 0));
  const unitKeys = new Map<string, string>();
  for (const point of points) {
    const key = point.unit ?? '';
    if (!unitKeys.has(key.toLowerCase())) unitKeys.set(key.toLowerCase(), key);
  }
  const units = [...unitKeys.values()].filter(Boolean);
  const consistentUnits = unitKeys.size <= 1;
  return compact({ codeKey, name, unit: consistentUnits ? units[0] : undefined, units, consistentUnits, points, excluded });
}
