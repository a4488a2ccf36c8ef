import type { ClinicalDocumentItem, EncounterKind } from '@care-record/fhir';
import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';

/** The kinds people filter by: community, virtual and other contacts are grouped as `other`. */
export type EncounterFilterKind = 'inpatient' | 'emergency' | 'ambulance' | 'outpatient' | 'other';

/** Every sentence `<encounter-list>` shows; override any of them through the provider's `strings`. */
export interface EncounterListStrings extends ListControlStrings {
  encounterHeading: string;
  encounterLoading: string;
  encounterUnavailable: string;
  encounterNoneRecorded: string;
  /** "1 visit marked as entered in error is not shown". */
  encounterEnteredInError: (count: number) => string;
  encounterCount: (count: number) => string;
  /** The kind of an encounter, in words (shown beside its icon). */
  encounterKindLabel: (kind: EncounterKind) => string;
  /** The filter checkbox for a group of kinds. */
  filterKind: (kind: EncounterFilterKind, count: number) => string;
  filterKindsLabel: string;
  filterFrom: string;
  filterTo: string;
  encounterFiltersLabel: string;
  /** Encounter.status in words; inpatient stays in progress read "Still in hospital". */
  encounterStatus: (status: string, kind: EncounterKind) => string;
  statusPrefix: string;
  kindPrefix: string;
  labelWhen: string;
  labelAdmitted: string;
  labelDischarged: string;
  labelLengthOfStay: string;
  labelStatus: string;
  labelReason: string;
  labelDiagnoses: string;
  labelWhere: string;
  labelAdmissionSource: string;
  labelDischargedTo: string;
  labelProvider: string;
  labelSeenBy: string;
  notKnown: string;
  /** Nights in hospital: "5 days"; 0 is "Same day". */
  lengthOfStay: (days: number, ongoing: boolean) => string;
  summariesLabel: string;
  /** The button opening a summary written for the visit, by kind; other documents use their title. */
  summaryButton: (kind: ClinicalDocumentItem['kind'], title: string | undefined) => string;
  /** Status words on a summary button (preliminary, amended, superseded). */
  summaryStatus: (status: string) => string;
  summaryWritten: (date: string) => string;
  summariesFailed: string;
  encounterLoadMoreFailed: string;
  serverNoted: (message: string) => string;
}

const words = (code: string | undefined) => {
  // Encounter.status is required, but records arrive without it: say so rather than fail.
  if (!code) return 'Status not known';
  const text = code.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const KIND_WORDS: Record<EncounterKind, string> = {
  inpatient: 'Hospital stay',
  emergency: 'Emergency department',
  ambulance: 'Ambulance',
  outpatient: 'Outpatient or clinic',
  community: 'Home or community visit',
  virtual: 'Phone or video',
  other: 'Other contact',
};

const FILTER_WORDS: Record<EncounterFilterKind, string> = {
  inpatient: 'Hospital stays',
  emergency: 'Emergency department',
  ambulance: 'Ambulance',
  outpatient: 'Outpatient and clinic',
  other: 'Other',
};

const STATUS_WORDS: Record<string, string> = {
  planned: 'Planned',
  arrived: 'Arrived',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  onleave: 'On leave',
  finished: 'Finished',
  cancelled: 'Cancelled',
  'entered-in-error': 'Entered in error',
  unknown: 'Status not known',
};

export const encounterListStrings: EncounterListStrings = {
  ...defaultListControlStrings,
  encounterHeading: 'Visits and hospital stays',
  encounterLoading: 'Loading visits and hospital stays…',
  encounterUnavailable: 'Visits and hospital stays could not be loaded',
  encounterNoneRecorded: 'No visits or hospital stays recorded',
  encounterEnteredInError: (count) => enteredInErrorNotice(count, 'visit', 'visits'),
  encounterCount: (count) => `${count} ${plural(count, 'visit or stay', 'visits and stays')}`,
  encounterKindLabel: (kind) => KIND_WORDS[kind] ?? KIND_WORDS.other,
  filterKind: (kind, count) => `${FILTER_WORDS[kind]} (${count})`,
  filterKindsLabel: 'Show',
  filterFrom: 'From date',
  filterTo: 'To date',
  encounterFiltersLabel: 'Filter visits and hospital stays',
  encounterStatus: (status, kind) =>
    status === 'in-progress' && kind === 'inpatient' ? 'Still in hospital' : (STATUS_WORDS[status] ?? words(status)),
  statusPrefix: 'Status: ',
  kindPrefix: 'Kind: ',
  labelWhen: 'When',
  labelAdmitted: 'Admitted',
  labelDischarged: 'Discharged',
  labelLengthOfStay: 'Length of stay',
  labelStatus: 'Status',
  labelReason: 'Reason',
  labelDiagnoses: 'Diagnoses',
  labelWhere: 'Where',
  labelAdmissionSource: 'Admitted from',
  labelDischargedTo: 'Discharged to',
  labelProvider: 'Hospital or service',
  labelSeenBy: 'Seen by',
  notKnown: 'Not known',
  lengthOfStay: (days, ongoing) => {
    const length = days === 0 ? 'Same day' : `${days} ${plural(days, 'day', 'days')}`;
    return ongoing ? `${length} so far` : length;
  },
  summariesLabel: 'Summaries',
  summaryButton: (kind, title) =>
    kind === 'discharge'
      ? 'Discharge summary'
      : kind === 'emergency-department'
        ? 'ED summary'
        : kind === 'ambulance'
          ? 'Ambulance summary'
          : (title ?? 'Document'),
  summaryStatus: (status) => ({ preliminary: 'preliminary', amended: 'amended', superseded: 'replaced by a newer version' })[status] ?? status,
  summaryWritten: (date) => `written ${date}`,
  summariesFailed: 'Summaries written for these visits could not be loaded, so some may be missing.',
  encounterLoadMoreFailed: 'More visits could not be loaded.',
  serverNoted: (message) => `The record server noted: ${message}`,
};
