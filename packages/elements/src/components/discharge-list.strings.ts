// The English (UK) sentences of <discharge-list>, apart from the element so that translations
// can import them alone.
import { defaultDischargeSummaryStrings } from './discharge-summary.strings.js';
import type { DischargeSummaryStrings } from './discharge-summary.strings.js';

/** Which summaries the list shows. */
export type DischargeListKind = 'discharge' | 'emergency-department' | 'all';

/** Every sentence `<discharge-list>` shows; override any of them through the provider's `strings`. */
export interface DischargeListStrings extends DischargeSummaryStrings {
  listHeading: (kind: DischargeListKind) => string;
  listEmpty: (kind: DischargeListKind) => string;
  listLoading: string;
  /** Nothing of this kind on the pages loaded so far, but there are more pages. */
  listNoneLoadedYet: string;
  /** "1 summary marked as entered in error is not shown". */
  listEnteredInError: (count: number) => string;
  /** One of the two searches failed; the other's summaries are shown. */
  listPartFailed: (part: 'compositions' | 'documents') => string;
  /** The person's permissions cover only one of the two kinds of record. */
  listPartNotPermitted: (part: 'compositions' | 'documents') => string;
  /** What the list shows, for "You don't have permission to see …". */
  listScopeLabel: string;
  loadMoreFailed: string;
  filtersLabel: string;
  filterFrom: string;
  filterTo: string;
  filterOrganisation: string;
  filterAllOrganisations: string;
  filterOrganisationNotKnown: string;
  /** "3 of 20 loaded summaries match these filters". */
  filteredCount: (shown: number, total: number) => string;
  /** "20 summaries". */
  summaryCount: (count: number) => string;
  clearFilters: string;
  noMatches: string;
  rowAuthor: (name: string) => string;
  rowCareSetting: (setting: string) => string;
  rowStay: (admitted: string | undefined, discharged: string | undefined) => string;
  /** An emergency department or ambulance attendance: "Attended 28-Oct-2026". */
  rowAttended: (date: string) => string;
  rowFiles: (kinds: string) => string;
  /** What the server noted about a search (OperationOutcome warnings). */
  serverNoted: (message: string) => string;
}

export const defaultDischargeListStrings: DischargeListStrings = {
  ...defaultDischargeSummaryStrings,
  listHeading: (kind) =>
    kind === 'discharge' ? 'Hospital discharge summaries' : kind === 'emergency-department' ? 'Emergency department summaries' : 'Hospital and emergency summaries',
  listEmpty: (kind) =>
    kind === 'discharge'
      ? 'No hospital discharge summaries recorded'
      : kind === 'emergency-department'
        ? 'No emergency department summaries recorded'
        : 'No discharge, emergency department or ambulance summaries recorded',
  listLoading: 'Loading summaries…',
  listNoneLoadedYet: 'None found in the newest documents. Load more to look further back.',
  listEnteredInError: (count) =>
    count === 1 ? '1 summary marked as entered in error is not shown.' : `${count} summaries marked as entered in error are not shown.`,
  listPartFailed: (part) =>
    part === 'compositions'
      ? 'Structured summaries could not be loaded, so some may be missing. Documents (such as PDFs) are shown.'
      : 'Documents (such as PDF summaries) could not be loaded, so some may be missing. Structured summaries are shown.',
  listPartNotPermitted: (part) =>
    part === 'compositions'
      ? "You don't have permission to see structured summaries, so some may be missing. Documents (such as PDFs) are shown."
      : "You don't have permission to see documents (such as PDF summaries), so some may be missing. Structured summaries are shown.",
  listScopeLabel: 'discharge summaries',
  loadMoreFailed: 'More summaries could not be loaded.',
  filtersLabel: 'Filter summaries',
  filterFrom: 'From date',
  filterTo: 'To date',
  filterOrganisation: 'Hospital or service',
  filterAllOrganisations: 'All',
  filterOrganisationNotKnown: 'Not known',
  filteredCount: (shown, total) => `${shown} of ${total} loaded summaries match these filters`,
  summaryCount: (count) => (count === 1 ? '1 summary' : `${count} summaries`),
  clearFilters: 'Clear filters',
  noMatches: 'No summaries match these filters.',
  rowAuthor: (name) => `Author: ${name}`,
  rowCareSetting: (setting) => `Care setting: ${setting}`,
  rowStay: (admitted, discharged) =>
    [admitted ? `Admitted ${admitted}` : undefined, discharged ? `Discharged ${discharged}` : undefined].filter(Boolean).join(' · '),
  rowAttended: (date) => `Attended ${date}`,
  rowFiles: (kinds) => `Files: ${kinds}`,
  serverNoted: (message) => `The record server noted: ${message}`,
};
