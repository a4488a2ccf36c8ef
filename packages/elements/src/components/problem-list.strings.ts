import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';

export type ProblemGroupName = 'active' | 'pastSignificant' | 'inactive' | 'resolved' | 'refuted';

/** Every sentence `<problem-list>` shows; hosts override any of them through the provider's `strings`. */
export interface ProblemListStrings extends ListControlStrings {
  problemHeading: string;
  problemUnavailable: string;
  problemNoneRecorded: string;
  problemEnteredInError: (count: number) => string;
  problemGroup: (group: ProblemGroupName, count: number) => string;
  problemGroupHint: (group: ProblemGroupName) => string | undefined;
  problemGroupEmpty: (group: ProblemGroupName) => string;
  problemCount: (count: number) => string;
  problemFlagVerification: (status: string) => string;
  problemFlagSignificance: (significance: 'major' | 'minor') => string;
  problemCategory: (code: string | undefined, text: string | undefined) => string;
  problemClinicalStatus: (status: string) => string;
  problemVerificationStatus: (status: string) => string;
  problemAtAge: (age: string) => string;
  problemAroundYear: (year: number) => string;
  problemEndedNoDate: string;
  labelStatus: string;
  labelOnset: string;
  labelEnded: string;
  labelSeverity: string;
  labelCategory: string;
  labelBodySite: string;
  labelStage: string;
  labelRecordedBy: string;
  labelNotes: string;
  notKnown: string;
  searchLabel: string;
  searchHint: string;
  groupLabel: string;
  groupAll: string;
  sortLabel: string;
  sortOnset: string;
  sortRecorded: string;
  sortName: string;
  problemItems: string;
  loadMoreFailed: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/-/g, ' ');

const GROUP_NAMES: Record<ProblemGroupName, string> = {
  active: 'Active problems',
  pastSignificant: 'Past significant history',
  inactive: 'Inactive',
  resolved: 'Resolved',
  refuted: 'Ruled out',
};

export const problemListStrings: ProblemListStrings = {
  ...defaultListControlStrings,
  problemHeading: 'Problems and medical history',
  problemUnavailable: 'Problems and medical history could not be loaded',
  problemNoneRecorded: 'No problems or diagnoses recorded',
  problemEnteredInError: (count) => enteredInErrorNotice(count, 'entry', 'entries'),
  problemGroup: (group, count) => `${GROUP_NAMES[group]} (${count})`,
  problemGroupHint: (group) =>
    group === 'pastSignificant'
      ? 'Ended problems marked as significant, or from long ago. They can explain how someone feels or behaves today.'
      : undefined,
  problemGroupEmpty: (group) => (group === 'active' ? 'No active problems recorded.' : group === 'pastSignificant' ? 'No significant past history recorded.' : 'None.'),
  problemCount: (count) => `${count} ${plural(count, 'problem or diagnosis', 'problems and diagnoses')}`,
  problemFlagVerification: (status) => capitalise(status),
  problemFlagSignificance: (significance) => (significance === 'major' ? 'Significant' : 'Minor'),
  problemCategory: (code, text) =>
    code === 'problem-list-item' ? 'Problem list' : code === 'encounter-diagnosis' ? 'Diagnosis at an encounter' : capitalise(text ?? code ?? ''),
  problemClinicalStatus: (status) => capitalise(status),
  problemVerificationStatus: (status) => capitalise(status),
  problemAtAge: (age) => `At age ${age}`,
  problemAroundYear: (year) => `around ${year}`,
  problemEndedNoDate: 'Yes, date not recorded',
  labelStatus: 'Status',
  labelOnset: 'Began',
  labelEnded: 'Ended',
  labelSeverity: 'Severity',
  labelCategory: 'Recorded as',
  labelBodySite: 'Body site',
  labelStage: 'Stage',
  labelRecordedBy: 'Recorded by',
  labelNotes: 'Notes',
  notKnown: 'Not known',
  searchLabel: 'Search by name',
  searchHint: 'For example, dementia or fracture',
  groupLabel: 'Show',
  groupAll: 'All groups',
  sortLabel: 'Sort by',
  sortOnset: 'Began (newest first)',
  sortRecorded: 'Recorded (newest first)',
  sortName: 'Name (A to Z)',
  problemItems: 'problems',
  loadMoreFailed: 'More problems could not be loaded.',
};
