import type { CarePlan } from '@care-record/fhir';
import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';

/** A FHIR Timing, as care plan activities schedule them. */
export type Timing = NonNullable<NonNullable<NonNullable<CarePlan['activity']>[number]['detail']>['scheduledTiming']>;
export type TimingUnit = NonNullable<NonNullable<Timing['repeat']>['periodUnit']>;

/** Every sentence `<care-plan-list>` shows; hosts override any of them through the provider's `strings`. */
export interface CarePlanListStrings extends ListControlStrings {
  carePlanHeading: string;
  carePlanLoading: string;
  carePlanUnavailable: string;
  carePlanNoneRecorded: string;
  carePlanNoneActive: string;
  /** "1 care plan marked as entered in error is not shown". */
  carePlanEnteredInError: (count: number) => string;
  carePlanCount: (count: number) => string;
  carePlanCurrentHeading: (count: number) => string;
  carePlanEndedHeading: (count: number) => string;
  carePlanUntitled: string;
  /** CarePlan.status in words. */
  carePlanStatus: (status: string) => string;
  /** CarePlan.intent in words, when it is not simply a plan. */
  carePlanIntent: (intent: string) => string;
  statusPrefix: string;
  importantPrefix: string;
  labelStatus: string;
  labelPeriod: string;
  carePlanLabelCategory: string;
  labelWrittenBy: string;
  labelAddresses: string;
  labelDescription: string;
  labelIntent: string;
  labelNotes: string;
  notKnown: string;
  goalsHeading: (count: number) => string;
  goalUntitled: string;
  /** Goal.lifecycleStatus in words. */
  goalLifecycle: (status: string) => string;
  /** Goal.achievementStatus in words (goal-achievement codes), else the recorded text. */
  goalAchievement: (code: string | undefined, text: string | undefined) => string | undefined;
  goalLifecycleLabel: string;
  goalAchievementLabel: string;
  goalPriority: (priority: string) => string;
  goalStarted: (date: string) => string;
  /** "Target: HbA1c ≤ 58 mmol/mol, by 10-Mar-2027". */
  goalTarget: (measure: string | undefined, detail: string | undefined, due: string | undefined) => string;
  /** Goals the plan names but the record did not provide. */
  goalsMissing: (count: number) => string;
  activitiesHeading: (count: number) => string;
  activityUntitled: string;
  /** CarePlan.activity.detail.status in words. */
  activityStatus: (status: string | undefined) => string;
  activityDoNotPerform: string;
  activityWhen: (when: string) => string;
  activityBy: (who: string) => string;
  activityWhere: (where: string) => string;
  activityStatusReason: (reason: string) => string;
  activityOutcome: (outcomes: string) => string;
  activityProgress: string;
  activitiesEnteredInError: (count: number) => string;
  /** "Twice a day", "Every 3 months", "3 times a week". */
  timingFrequency: (frequency: number, period: number, unit: TimingUnit) => string;
  timingDays: (days: string[]) => string;
  timingTimes: (times: string[]) => string;
  timingDuration: (duration: string) => string;
  timingCount: (count: number) => string;
  /** Event codes such as "before breakfast" (Timing.repeat.when). */
  timingWhen: (code: string) => string;
  narrativeHeading: string;
  narrativeShow: string;
  carePlanNarrativeRemoved: string;
  statusFilterLabel: string;
  statusFilterAll: string;
  statusFilterActive: string;
  carePlanItems: string;
  carePlanLoadMoreFailed: string;
  serverNoted: (message: string) => string;
}

const words = (code: string) => {
  const text = code.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const PLAN_STATUS: Record<string, string> = {
  draft: 'Draft',
  active: 'Active',
  'on-hold': 'On hold',
  revoked: 'Stopped',
  completed: 'Completed',
  'entered-in-error': 'Entered in error',
  unknown: 'Status not known',
};

const PLAN_INTENT: Record<string, string> = {
  proposal: 'Proposed',
  plan: 'Plan',
  order: 'Ordered',
  option: 'Option',
};

const GOAL_LIFECYCLE: Record<string, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Active',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
};

const GOAL_ACHIEVEMENT: Record<string, string> = {
  'in-progress': 'In progress',
  improving: 'Improving',
  worsening: 'Worsening',
  'no-change': 'No change',
  achieved: 'Achieved',
  sustaining: 'Sustaining',
  'not-achieved': 'Not achieved',
  'no-progress': 'No progress',
  'not-attainable': 'Not attainable',
};

const ACTIVITY_STATUS: Record<string, string> = {
  'not-started': 'Not started',
  scheduled: 'Scheduled',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  stopped: 'Stopped',
  unknown: 'Status not known',
  'entered-in-error': 'Entered in error',
};

/** A unit of time in words, singular and plural. */
export const UNIT_WORDS: Record<TimingUnit, [string, string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

// HL7 v3 TimingEvent and FHIR event-timing codes people meet in care plans.
const WHEN_WORDS: Record<string, string> = {
  MORN: 'in the morning',
  AFT: 'in the afternoon',
  EVE: 'in the evening',
  NIGHT: 'at night',
  HS: 'at bedtime',
  WAKE: 'on waking',
  C: 'with a meal',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with the evening meal',
  AC: 'before a meal',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before the evening meal',
  PC: 'after a meal',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after the evening meal',
};

export const carePlanListStrings: CarePlanListStrings = {
  ...defaultListControlStrings,
  carePlanHeading: 'Care plans',
  carePlanLoading: 'Loading care plans…',
  carePlanUnavailable: 'Care plans could not be loaded',
  carePlanNoneRecorded: 'No care plans recorded',
  carePlanNoneActive: 'No active care plans. Choose "All care plans" to see completed and stopped ones.',
  carePlanEnteredInError: (count) => enteredInErrorNotice(count, 'care plan', 'care plans'),
  carePlanCount: (count) => `${count} ${plural(count, 'care plan', 'care plans')}`,
  carePlanCurrentHeading: (count) => `Current (${count})`,
  carePlanEndedHeading: (count) => `Completed, stopped or not known (${count})`,
  carePlanUntitled: 'Care plan',
  carePlanStatus: (status) => PLAN_STATUS[status] ?? words(status),
  carePlanIntent: (intent) => PLAN_INTENT[intent] ?? words(intent),
  statusPrefix: 'Status: ',
  importantPrefix: 'Important: ',
  labelStatus: 'Status',
  labelPeriod: 'Period',
  carePlanLabelCategory: 'Category',
  labelWrittenBy: 'Written by',
  labelAddresses: 'For',
  labelDescription: 'Description',
  labelIntent: 'Intent',
  labelNotes: 'Notes',
  notKnown: 'Not known',
  goalsHeading: (count) => `Goals (${count})`,
  goalUntitled: 'Goal without a description',
  goalLifecycle: (status) => GOAL_LIFECYCLE[status] ?? words(status),
  goalAchievement: (code, text) => (code && GOAL_ACHIEVEMENT[code]) || text,
  goalLifecycleLabel: 'Goal status',
  goalAchievementLabel: 'Progress',
  goalPriority: (priority) => `Priority: ${priority}`,
  goalStarted: (date) => `Started ${date}`,
  goalTarget: (measure, detail, due) => {
    const what = [measure, detail].filter(Boolean).join(' ');
    if (!what) return due ? `Target date: ${due}` : 'Target not stated';
    return `Target: ${what}${due ? `, by ${due}` : ''}`;
  },
  goalsMissing: (count) =>
    `${count} ${plural(count, 'goal', 'goals')} named by this plan ${plural(count, 'was', 'were')} not found in the record:`,
  activitiesHeading: (count) => `Activities (${count})`,
  activityUntitled: 'Activity without a description',
  activityStatus: (status) => (status ? (ACTIVITY_STATUS[status] ?? words(status)) : 'Status not known'),
  activityDoNotPerform: 'Do not do this',
  activityWhen: (when) => `When: ${when}`,
  activityBy: (who) => `By: ${who}`,
  activityWhere: (where) => `Where: ${where}`,
  activityStatusReason: (reason) => `Reason: ${reason}`,
  activityOutcome: (outcomes) => `Outcome: ${outcomes}`,
  activityProgress: 'Progress notes',
  activitiesEnteredInError: (count) => enteredInErrorNotice(count, 'activity', 'activities'),
  timingFrequency: (frequency, period, unit) => {
    const [one, many] = UNIT_WORDS[unit] ?? [unit, unit];
    const article = unit === 'h' ? 'an' : 'a';
    if (period === 1) {
      if (frequency === 1) return `Once ${article} ${one}`;
      if (frequency === 2) return `Twice ${article} ${one}`;
      return `${frequency} times ${article} ${one}`;
    }
    if (frequency === 1) return `Every ${period} ${many}`;
    return `${frequency} times every ${period} ${many}`;
  },
  timingDays: (days) => `on ${days.join(', ')}`,
  timingTimes: (times) => `at ${times.join(', ')}`,
  timingDuration: (duration) => `for ${duration}`,
  timingCount: (count) => (count === 1 ? 'once only' : `${count} times in all`),
  timingWhen: (code) => WHEN_WORDS[code] ?? code.toLowerCase().replace(/-/g, ' '),
  narrativeHeading: 'Plan text',
  narrativeShow: 'Show full plan text',
  carePlanNarrativeRemoved: 'Some content in this plan could not be shown safely and was removed (for example scripts or pictures from other websites).',
  statusFilterLabel: 'Show',
  statusFilterAll: 'All care plans',
  statusFilterActive: 'Active care plans only',
  carePlanItems: 'care plans',
  carePlanLoadMoreFailed: 'More care plans could not be loaded.',
  serverNoted: (message) => `The record server noted: ${message}`,
};
