import type { AllergyIntolerance, CodeableConcept, Reference } from '../fhir-types.js';
import { byNewest, codingsOf, compact, conceptText, firstCode, hasCode, notesText, SNOMED } from './internal.js';
import type { ListWarning } from './lists.js';
import { isEnteredInError, sourceOf, type RecordSource } from './provenance.js';
import { referenceTo, type ResourceLookup } from './references.js';

/**
 * The three states a loaded allergy record can be in. Clinical safety (DOMAIN): "No known allergies"
 * (a positive statement) ≠ "No allergies recorded" ≠ "Could not load allergies" — the fourth state,
 * "unavailable", belongs to the widget because only it knows the request failed.
 */
export type AllergyListState = 'list' | 'no-known-allergies' | 'none-recorded';

/** What a "no known allergy" statement covers. */
export type NoKnownAllergyScope = 'all' | 'medication' | 'food' | 'environment' | 'latex';

/**
 * SNOMED CT situations that positively state there is no known allergy (DOMAIN), with their scope:
 * 716186003 No known allergy, 409137002 No known drug allergy, 429625007 No known food allergy,
 * 428607008 No known environmental allergy; also 716184000 No known latex allergy (HL7's NKLA example),
 * which would otherwise read as a latex allergy.
 */
export const NO_KNOWN_ALLERGY_CODES: Readonly<Record<string, NoKnownAllergyScope>> = {
  '716186003': 'all',
  '409137002': 'medication',
  '429625007': 'food',
  '428607008': 'environment',
  '716184000': 'latex',
};

// Senders that only have free text (or a local code) still write these; matched on the whole text only.
const NO_KNOWN_TEXT: Array<[RegExp, NoKnownAllergyScope]> = [
  [/^(nka|no known allerg(y|ies))\.?$/i, 'all'],
  [/^(nkda|no known (drug|medication) allerg(y|ies))\.?$/i, 'medication'],
  [/^(nkfa|no known food allerg(y|ies))\.?$/i, 'food'],
  [/^no known environmental allerg(y|ies)\.?$/i, 'environment'],
  [/^(nkla|no known latex allerg(y|ies))\.?$/i, 'latex'],
];

export interface AllergyReactionView {
  /** Manifestations as text ("Urticarial rash"). */
  manifestations: string[];
  severity?: 'mild' | 'moderate' | 'severe';
  description?: string;
  /** Specific substance of this reaction when it differs from the allergy's. */
  substance?: string;
  onset?: string;
  exposureRoute?: string;
  notes: string[];
}

export interface AllergyItem {
  id?: string;
  reference?: string;
  /** The substance (or the statement, for "no known allergy"): code text, then dm+d/SNOMED display. */
  substance?: string;
  code?: CodeableConcept;
  categories: Array<'food' | 'medication' | 'environment' | 'biologic'>;
  criticality?: 'low' | 'high' | 'unable-to-assess';
  type?: 'allergy' | 'intolerance';
  clinicalStatus?: string;
  verificationStatus?: string;
  /** verificationStatus unconfirmed: show "Unconfirmed". */
  unconfirmed: boolean;
  /** clinicalStatus inactive or resolved: show as no longer current. */
  inactive: boolean;
  resolved: boolean;
  refuted: boolean;
  /** The worst reaction severity recorded. */
  highestSeverity?: 'mild' | 'moderate' | 'severe';
  reactions: AllergyReactionView[];
  /** onsetDateTime, onsetPeriod.start (raw FHIR dates). */
  onsetDate?: string;
  /** onsetString, or onsetAge/onsetRange as text. */
  onsetText?: string;
  lastOccurrence?: string;
  recordedDate?: string;
  recorder?: Reference;
  asserter?: Reference;
  /** Organisation and person the statement came from. */
  source: RecordSource;
  notes: string[];
  /** Set on "no known allergy" statements. */
  noKnownScope?: NoKnownAllergyScope;
}

export interface AllergySummary {
  state: AllergyListState;
  /** Allergies and intolerances to show: active before inactive, then high criticality, severe reaction, confirmed, newest. */
  items: AllergyItem[];
  /** The newest current "no known allergy" statement. */
  noKnown?: AllergyItem;
  /** Every "no known allergy" statement (current or not), newest first. */
  noKnownStatements: AllergyItem[];
  /** True when the list came with a List.emptyReason "nil known" instead of a statement resource. */
  noKnownFromList: boolean;
  /**
   * A current "no known allergy" statement exists alongside a current allergy it contradicts (same
   * scope: NKDA contradicts a drug allergy, not a food allergy). Show the list and say so.
   */
  conflictingNoKnownStatement: boolean;
  /** Entered-in-error records are not shown; the count lets the widget say some were withdrawn. */
  excluded: { enteredInError: number };
  /** verificationStatus refuted: shown apart ("Ruled out"), never as an allergy. */
  refuted: AllergyItem[];
  /** List.emptyReason text, when the source said why the list is empty. */
  emptyReason?: string;
  /** Warnings passed through from the list (e.g. confidential items withheld). */
  warnings: string[];
}

export interface SummariseAllergiesOptions {
  /** List.emptyReason of the list the allergies came in (GP Connect, UK Core). */
  listEmptyReason?: CodeableConcept;
  /** Warnings for the list: sentences, or the output of `listWarnings`. */
  warnings?: Array<string | ListWarning>;
  /** Resolves recorder/asserter and contained organisations for the source. */
  resolve?: ResourceLookup;
}

const SEVERITY_RANK = { mild: 1, moderate: 2, severe: 3 } as const;

/** The scope of a "no known allergy" statement, or undefined when the record is a real allergy. */
export function noKnownAllergyScope(allergy: AllergyIntolerance): NoKnownAllergyScope | undefined {
  for (const coding of codingsOf(allergy.code)) {
    if (coding.system === SNOMED && coding.code && NO_KNOWN_ALLERGY_CODES[coding.code]) return NO_KNOWN_ALLERGY_CODES[coding.code];
  }
  const text = allergy.code?.text?.trim();
  if (text && !allergy.code?.coding?.some((c) => c.system === SNOMED && c.code)) {
    for (const [pattern, scope] of NO_KNOWN_TEXT) if (pattern.test(text)) return scope;
  }
  return undefined;
}

function reactionView(reaction: NonNullable<AllergyIntolerance['reaction']>[number]): AllergyReactionView {
  const view: AllergyReactionView = {
    manifestations: (reaction.manifestation ?? []).map(conceptText).filter((t): t is string => !!t),
    notes: notesText(reaction.note),
  };
  if (reaction.severity) view.severity = reaction.severity;
  if (reaction.description) view.description = reaction.description;
  const substance = conceptText(reaction.substance);
  if (substance) view.substance = substance;
  if (reaction.onset) view.onset = reaction.onset;
  const route = conceptText(reaction.exposureRoute);
  if (route) view.exposureRoute = route;
  return view;
}

function allergyItem(allergy: AllergyIntolerance, resolve?: ResourceLookup): AllergyItem {
  const clinicalStatus = firstCode(allergy.clinicalStatus);
  const verificationStatus = firstCode(allergy.verificationStatus);
  const reactions = (allergy.reaction ?? []).map(reactionView);
  const highest = reactions.reduce<AllergyReactionView['severity']>(
    (worst, r) => (r.severity && (!worst || SEVERITY_RANK[r.severity] > SEVERITY_RANK[worst]) ? r.severity : worst),
    undefined,
  );
  return compact({
    id: allergy.id,
    reference: referenceTo(allergy),
    substance: conceptText(allergy.code) ?? reactions.find((r) => r.substance)?.substance,
    code: allergy.code,
    categories: allergy.category ?? [],
    criticality: allergy.criticality,
    type: allergy.type,
    clinicalStatus,
    verificationStatus,
    unconfirmed: verificationStatus === 'unconfirmed',
    inactive: clinicalStatus === 'inactive' || clinicalStatus === 'resolved',
    resolved: clinicalStatus === 'resolved',
    refuted: verificationStatus === 'refuted',
    highestSeverity: highest,
    reactions,
    onsetDate: allergy.onsetDateTime ?? allergy.onsetPeriod?.start,
    onsetText: allergy.onsetString ?? (allergy.onsetAge ? `${allergy.onsetAge.value ?? ''} ${allergy.onsetAge.unit ?? ''}`.trim() : undefined),
    lastOccurrence: allergy.lastOccurrence,
    recordedDate: allergy.recordedDate,
    recorder: allergy.recorder,
    asserter: allergy.asserter,
    source: sourceOf(allergy, resolve),
    notes: notesText(allergy.note),
    noKnownScope: noKnownAllergyScope(allergy),
  });
}

const newest = byNewest<AllergyItem>((i) => i.recordedDate ?? i.onsetDate);

/**
 * Orders allergies so that what can harm most is read first: current before inactive/resolved, then
 * criticality high, then a severe reaction, then confirmed before unconfirmed, then newest recorded.
 */
function compareAllergies(a: AllergyItem, b: AllergyItem): number {
  const keys = (i: AllergyItem) => [i.inactive ? 1 : 0, i.criticality === 'high' ? 0 : 1, i.highestSeverity === 'severe' ? 0 : 1, i.unconfirmed ? 1 : 0];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return newest(a, b);
}

function contradicts(scope: NoKnownAllergyScope, allergy: AllergyItem): boolean {
  if (scope === 'latex') return /latex/i.test(allergy.substance ?? '');
  if (scope === 'all' || allergy.categories.length === 0) return true;
  return allergy.categories.includes(scope === 'medication' ? 'medication' : scope === 'food' ? 'food' : 'environment');
}

// FHIR list-empty-reason "nilknown" is a clinical judgement that there are none: the same as a statement.
const NIL_KNOWN = new Set(['nilknown', 'nil-known']);

/**
 * Turns the allergy records of one person into what the allergy widget shows.
 *
 * - Entered-in-error records are removed and counted (`excluded.enteredInError`).
 * - Refuted records go to `refuted`, never into `items`.
 * - "No known allergy" statements (SNOMED 716186003, 409137002, 428607008, 429625007, or the same
 *   words as the whole code text) are not allergies: the newest current one is `noKnown`.
 * - State: `list` when any allergy remains; else `no-known-allergies` when a current statement (or a
 *   List.emptyReason "nil known") says so; else `none-recorded`.
 * - A current statement contradicted by a current allergy in its scope sets `conflictingNoKnownStatement`.
 */
export function summariseAllergies(resources: AllergyIntolerance[], opts: SummariseAllergiesOptions = {}): AllergySummary {
  let enteredInError = 0;
  const items: AllergyItem[] = [];
  const refuted: AllergyItem[] = [];
  const noKnownStatements: AllergyItem[] = [];
  const seen = new Set<string>();
  for (const allergy of resources) {
    if (allergy.id) {
      if (seen.has(allergy.id)) continue;
      seen.add(allergy.id);
    }
    if (isEnteredInError(allergy)) {
      enteredInError++;
      continue;
    }
    const item = allergyItem(allergy, opts.resolve);
    if (item.refuted) refuted.push(item);
    else if (item.noKnownScope) noKnownStatements.push(item);
    else items.push(item);
  }
  items.sort(compareAllergies);
  refuted.sort(newest);
  noKnownStatements.sort(newest);
  const noKnown = noKnownStatements.find((s) => !s.inactive);
  const noKnownFromList = !noKnown && items.length === 0 && hasCode(opts.listEmptyReason, NIL_KNOWN);
  const conflictingNoKnownStatement = !!noKnown && items.some((i) => !i.inactive && contradicts(noKnown.noKnownScope ?? 'all', i));
  const state: AllergyListState = items.length > 0 ? 'list' : noKnown || noKnownFromList ? 'no-known-allergies' : 'none-recorded';
  const summary: AllergySummary = {
    state,
    items,
    noKnownStatements,
    noKnownFromList,
    conflictingNoKnownStatement,
    excluded: { enteredInError },
    refuted,
    warnings: (opts.warnings ?? []).map((w) => (typeof w === 'string' ? w : w.text)),
  };
  if (noKnown) summary.noKnown = noKnown;
  const emptyReason = conceptText(opts.listEmptyReason);
  if (emptyReason) summary.emptyReason = emptyReason;
  return summary;
}
