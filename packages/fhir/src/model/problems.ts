import type { CodeableConcept, Condition } from '../fhir-types.js';
import { byNewest, compact, conceptText, conceptTexts, dateKey, extensionCoding, firstCode, notesText } from './internal.js';
import { isEnteredInError, sourceOf, type RecordSource } from './provenance.js';
import { referenceTo, type ResourceLookup } from './references.js';

export interface ProblemItem {
  id?: string;
  reference?: string;
  name?: string;
  code?: CodeableConcept;
  clinicalStatus?: string;
  verificationStatus?: string;
  /** unconfirmed, provisional or differential: show as not confirmed. */
  unconfirmed: boolean;
  categories: string[];
  /** Category codes (problem-list-item, encounter-diagnosis…). */
  categoryCodes: string[];
  severity?: string;
  /** GP Connect / UK Core problem significance. */
  significance?: 'major' | 'minor';
  /** onsetDateTime or onsetPeriod.start (raw). */
  onsetDate?: string;
  /** onsetString, or onsetAge/onsetRange as words ("at age 45 years"). */
  onsetText?: string;
  abatementDate?: string;
  abatementText?: string;
  recordedDate?: string;
  bodySites: string[];
  stage?: string;
  notes: string[];
  /** Began (else ended or was recorded) longer ago than the past-history threshold. */
  longPast: boolean;
  source: RecordSource;
}

export interface ProblemGroups {
  /** active, recurrence, relapse (or no status and no end): newest first. */
  active: ProblemItem[];
  /** inactive or in remission, not significant past history. */
  inactive: ProblemItem[];
  /** resolved, not significant past history. */
  resolved: ProblemItem[];
  /**
   * Past history worth finding (DOMAIN: a trauma many years ago can explain distress today): ended
   * problems marked major, or that began longer ago than the threshold (unless marked minor).
   */
  pastSignificant: ProblemItem[];
  /** Entered-in-error (counted, not shown) and refuted (shown apart as "ruled out"). */
  excluded: { enteredInError: number; refuted: ProblemItem[] };
}

export interface GroupProblemsOptions {
  /** Reference time (defaults to now). */
  now?: Date;
  /** Years after which an ended problem counts as long past (default 10). */
  pastYears?: number;
  resolve?: ResourceLookup;
}

const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const UNCONFIRMED = new Set(['unconfirmed', 'provisional', 'differential']);

function significanceOf(condition: Condition): 'major' | 'minor' | undefined {
  const ext = condition.extension?.find((e) => /ProblemSignificance/i.test(e.url));
  const code = extensionCoding(ext)?.code?.toLowerCase();
  return code === 'major' || code === 'minor' ? code : undefined;
}

function ageText(value: { value?: number; unit?: string } | undefined): string | undefined {
  return value?.value !== undefined ? `at age ${value.value} ${value.unit ?? ''}`.trim() : undefined;
}

function problemItem(condition: Condition, now: Date, pastYears: number, resolve?: ResourceLookup): ProblemItem {
  const verificationStatus = firstCode(condition.verificationStatus);
  const onsetDate = condition.onsetDateTime ?? condition.onsetPeriod?.start;
  const abatementDate = condition.abatementDateTime ?? condition.abatementPeriod?.end ?? condition.abatementPeriod?.start;
  const since = dateKey(onsetDate ?? abatementDate ?? condition.recordedDate);
  const threshold = new Date(now);
  threshold.setFullYear(threshold.getFullYear() - pastYears);
  return compact({
    id: condition.id,
    reference: referenceTo(condition),
    name: conceptText(condition.code),
    code: condition.code,
    clinicalStatus: firstCode(condition.clinicalStatus),
    verificationStatus,
    unconfirmed: !!verificationStatus && UNCONFIRMED.has(verificationStatus),
    categories: conceptTexts(condition.category),
    categoryCodes: (condition.category ?? []).map((c) => firstCode(c)).filter((c): c is string => !!c),
    severity: conceptText(condition.severity),
    significance: significanceOf(condition),
    onsetDate,
    onsetText:
      condition.onsetString ??
      ageText(condition.onsetAge) ??
      (condition.onsetRange
        ? `at age ${condition.onsetRange.low?.value ?? '?'} to ${condition.onsetRange.high?.value ?? '?'} ${condition.onsetRange.high?.unit ?? condition.onsetRange.low?.unit ?? ''}`.trim()
        : undefined),
    abatementDate,
    abatementText: condition.abatementString ?? ageText(condition.abatementAge),
    recordedDate: condition.recordedDate,
    bodySites: conceptTexts(condition.bodySite),
    stage: conceptText(condition.stage?.[0]?.summary),
    notes: notesText(condition.note),
    longPast: since !== undefined && since < threshold.getTime(),
    source: sourceOf(condition, resolve),
  });
}

/**
 * Groups conditions (problems and diagnoses, of any category: Synthea files everything as
 * encounter-diagnosis) into active, inactive, resolved and significant past history, newest first within
 * each group. Every condition lands in exactly one place: entered-in-error ones are counted, refuted ones
 * listed apart. Unconfirmed/provisional/differential stay in their group, flagged.
 */
export function groupProblems(conditions: Condition[], opts: GroupProblemsOptions = {}): ProblemGroups {
  const now = opts.now ?? new Date();
  const pastYears = opts.pastYears ?? 10;
  const groups: ProblemGroups = { active: [], inactive: [], resolved: [], pastSignificant: [], excluded: { enteredInError: 0, refuted: [] } };
  const seen = new Set<string>();
  for (const condition of conditions) {
    const key = referenceTo(condition);
    if (key) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (isEnteredInError(condition)) {
      groups.excluded.enteredInError++;
      continue;
    }
    const item = problemItem(condition, now, pastYears, opts.resolve);
    if (item.verificationStatus === 'refuted') {
      groups.excluded.refuted.push(item);
      continue;
    }
    const status = item.clinicalStatus;
    const ended = status ? !ACTIVE.has(status) : !!(item.abatementDate || item.abatementText);
    if (!ended) groups.active.push(item);
    else if (item.significance === 'major' || (item.significance !== 'minor' && item.longPast)) groups.pastSignificant.push(item);
    else if (status === 'inactive' || status === 'remission') groups.inactive.push(item);
    else groups.resolved.push(item);
  }
  const newest = byNewest<ProblemItem>((i) => i.onsetDate ?? i.recordedDate ?? i.abatementDate);
  for (const list of [groups.active, groups.inactive, groups.resolved, groups.pastSignificant, groups.excluded.refuted]) list.sort(newest);
  return groups;
}
