import type { CarePlan, CarePlanActivity, FhirResource, Goal, Period, Reference } from '../fhir-types.js';
import { byNewest, compact, conceptText, conceptTexts, firstCode, notesText, quantityText } from './internal.js';
import { describeReference, isEnteredInError, sourceOf, type RecordSource, type ReferencedParty } from './provenance.js';
import { referencesResource, referenceString, referenceTo, resolveWith, type ResourceLookup } from './references.js';

type Timing = NonNullable<NonNullable<CarePlanActivity['detail']>['scheduledTiming']>;

export interface GoalTargetView {
  measure?: string;
  /** The target as text ("< 7.0 %", "Walk unaided"). */
  detail?: string;
  /** dueDate (raw), or dueDuration as text. */
  due?: string;
}

export interface GoalView {
  id?: string;
  reference?: string;
  description?: string;
  lifecycleStatus: Goal['lifecycleStatus'];
  achievementStatus?: string;
  /** Achievement code (in-progress, achieved, not-achieved…), for styling. */
  achievementCode?: string;
  priority?: string;
  startDate?: string;
  targets: GoalTargetView[];
  notes: string[];
}

export interface CarePlanActivityView {
  /** What is to be done: detail code text, else its description, else the referenced request's name. */
  title?: string;
  description?: string;
  status?: string;
  statusReason?: string;
  /** Activity kind (ServiceRequest, Appointment…). */
  kind?: string;
  /** Raw schedule: widgets format timing and periods. */
  scheduled?: { timing?: Timing; period?: Period; text?: string };
  performers: ReferencedParty[];
  location?: ReferencedParty;
  /** An activity given as a reference to a request (ServiceRequest, MedicationRequest, Appointment…). */
  reference?: ReferencedParty;
  outcomes: string[];
  /** Marked "do not perform": the plan says this must not be done. */
  doNotPerform: boolean;
  notes: string[];
}

export interface CarePlanItem {
  id?: string;
  reference?: string;
  status: CarePlan['status'];
  intent: CarePlan['intent'];
  title?: string;
  description?: string;
  categories: string[];
  period?: Period;
  created?: string;
  author?: ReferencedParty;
  /** Problems the plan addresses. */
  addresses: string[];
  goals: GoalView[];
  /** Goals the plan names but that were not provided. */
  missingGoals: Array<{ reference?: string; display?: string }>;
  activities: CarePlanActivityView[];
  notes: string[];
  /** Raw XHTML narrative (text.div). The widget sanitises it before rendering. */
  narrative?: string;
  source: RecordSource;
}

export interface CarePlanList {
  /** Active first, then newest. */
  items: CarePlanItem[];
  excluded: { enteredInError: number };
}

export interface CarePlanItemsOptions {
  goals?: Goal[];
  resolve?: ResourceLookup;
}

function targetDetail(target: NonNullable<Goal['target']>[number]): string | undefined {
  if (target.detailQuantity) return quantityText(target.detailQuantity);
  if (target.detailRange) {
    const { low, high } = target.detailRange;
    if (low && high) return `${low.value ?? ''} to ${quantityText(high) ?? ''}`;
    if (low) return `≥ ${quantityText(low)}`;
    if (high) return `≤ ${quantityText(high)}`;
  }
  if (target.detailCodeableConcept) return conceptText(target.detailCodeableConcept);
  if (target.detailString) return target.detailString;
  if (target.detailBoolean !== undefined) return target.detailBoolean ? 'Yes' : 'No';
  if (target.detailInteger !== undefined) return String(target.detailInteger);
  if (target.detailRatio) return `${quantityText(target.detailRatio.numerator) ?? ''}/${quantityText(target.detailRatio.denominator) ?? ''}`;
  return undefined;
}

function goalView(goal: Goal): GoalView {
  return compact({
    id: goal.id,
    reference: referenceTo(goal),
    description: conceptText(goal.description),
    lifecycleStatus: goal.lifecycleStatus,
    achievementStatus: conceptText(goal.achievementStatus),
    achievementCode: firstCode(goal.achievementStatus),
    priority: conceptText(goal.priority),
    startDate: goal.startDate,
    targets: (goal.target ?? []).map((t) =>
      compact({ measure: conceptText(t.measure), detail: targetDetail(t), due: t.dueDate ?? quantityText(t.dueDuration) }),
    ),
    notes: notesText(goal.note),
  });
}

function activityView(activity: CarePlanActivity, plan: CarePlan, resolve?: ResourceLookup): CarePlanActivityView {
  const detail = activity.detail;
  const referenced = activity.reference ? describeReference(activity.reference, plan, resolve) : undefined;
  const target = activity.reference ? resolveWith(resolve, activity.reference, plan) : undefined;
  const targetName = target && 'code' in target ? conceptText(target.code as Parameters<typeof conceptText>[0]) : undefined;
  const scheduled = detail
    ? compact({ timing: detail.scheduledTiming, period: detail.scheduledPeriod, text: detail.scheduledString })
    : undefined;
  return compact({
    title: conceptText(detail?.code) ?? detail?.description ?? targetName ?? referenced?.name,
    description: detail?.code ? detail.description : undefined,
    status: detail?.status,
    statusReason: conceptText(detail?.statusReason),
    kind: detail?.kind ?? referenced?.resourceType,
    scheduled: scheduled && Object.keys(scheduled).length ? scheduled : undefined,
    performers: (detail?.performer ?? []).map((p) => describeReference(p, plan, resolve)).filter((p): p is ReferencedParty => !!p),
    location: describeReference(detail?.location, plan, resolve),
    reference: referenced,
    outcomes: [...conceptTexts(activity.outcomeCodeableConcept), ...(activity.outcomeReference ?? []).map((r) => r.display).filter((d): d is string => !!d)],
    doNotPerform: detail?.doNotPerform === true,
    notes: notesText(activity.progress),
  });
}

function findGoal(reference: Reference, plan: CarePlan, goals: Goal[], resolve?: ResourceLookup): Goal | undefined {
  const listed = goals.find((g) => referencesResource(reference, g));
  if (listed) return listed;
  const found = resolveWith(resolve, reference, plan) as FhirResource | undefined;
  return found?.resourceType === 'Goal' ? found : undefined;
}

// Active (and on-hold) plans first: they are what staff act on today.
const CURRENT = new Set(['active', 'on-hold', 'draft']);

/**
 * Care plans as staff read them: status, intent, period, categories, title/description, author, goals
 * (CarePlan.goal resolved among `goals`, contained or via `resolve`), activities (detail or referenced
 * request: what, status, schedule, who, where), notes and the raw narrative; active first, then newest.
 * Entered-in-error plans are removed and counted.
 */
export function carePlanItems(carePlans: CarePlan[], opts: CarePlanItemsOptions = {}): CarePlanList {
  const goals = opts.goals ?? [];
  let enteredInError = 0;
  const items: CarePlanItem[] = [];
  const seen = new Set<string>();
  for (const plan of carePlans) {
    const key = referenceTo(plan);
    if (key) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (isEnteredInError(plan)) {
      enteredInError++;
      continue;
    }
    const resolvedGoals: GoalView[] = [];
    const missingGoals: CarePlanItem['missingGoals'] = [];
    for (const reference of plan.goal ?? []) {
      const goal = findGoal(reference, plan, goals, opts.resolve);
      if (goal && !isEnteredInError(goal)) resolvedGoals.push(goalView(goal));
      else if (!goal) missingGoals.push(compact({ reference: referenceString(reference), display: reference.display }));
    }
    items.push(
      compact({
        id: plan.id,
        reference: key,
        status: plan.status,
        intent: plan.intent,
        title: plan.title,
        description: plan.description,
        categories: conceptTexts(plan.category),
        period: plan.period,
        created: plan.created,
        author: describeReference(plan.author, plan, opts.resolve),
        addresses: (plan.addresses ?? []).map((r) => {
          const target = resolveWith(opts.resolve, r, plan);
          return (target?.resourceType === 'Condition' ? conceptText(target.code) : undefined) ?? r.display;
        }).filter((t): t is string => !!t),
        goals: resolvedGoals,
        missingGoals,
        activities: (plan.activity ?? []).map((a) => activityView(a, plan, opts.resolve)),
        notes: notesText(plan.note),
        narrative: plan.text?.div,
        source: sourceOf(plan, opts.resolve),
      }),
    );
  }
  const newest = byNewest<CarePlanItem>((i) => i.period?.start ?? i.created ?? i.period?.end);
  items.sort((a, b) => Number(!CURRENT.has(a.status)) - Number(!CURRENT.has(b.status)) || newest(a, b));
  return { items, excluded: { enteredInError } };
}
