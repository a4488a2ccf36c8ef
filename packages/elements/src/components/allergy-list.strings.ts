import { defaultListControlStrings } from '../base/list-controls.strings.js';
import type { ListControlStrings } from '../base/list-controls.strings.js';
import { enteredInErrorNotice, plural } from '../base/english.strings.js';

/** Every sentence `<allergy-list>` shows; hosts override any of them through the provider's `strings`. */
export interface AllergyListStrings extends ListControlStrings {
  allergyHeading: string;
  /** The fourth allergy state: the request failed (DOMAIN: ≠ "No allergies recorded"). */
  allergyUnavailable: string;
  allergyNoneRecorded: string;
  allergyNoneRecordedHint: string;
  /** A positive "no known allergy" statement, by scope (`all`, `medication`, `food`, `environment`, `latex`). */
  allergyNoKnown: (scope: string, text?: string) => string;
  allergyStatementBy: (who: string) => string;
  allergyNoKnownFromList: string;
  allergyPastStatement: (statement: string) => string;
  allergyAlsoRecorded: string;
  allergyConflict: (statement: string) => string;
  allergyConflictAction: string;
  allergyEnteredInError: (count: number) => string;
  allergyCurrentHeading: (count: number) => string;
  allergyInactiveHeading: (count: number) => string;
  allergyRefutedHeading: (count: number) => string;
  allergyNoneCurrent: string;
  allergyCount: (count: number) => string;
  importantPrefix: string;
  warningPrefix: string;
  allergyCriticality: (criticality: 'low' | 'high' | 'unable-to-assess') => string;
  /** The criticality in the details list ("High"), beside its label. */
  allergyCriticalityValue: (criticality: 'low' | 'high' | 'unable-to-assess') => string;
  allergyFlagUnconfirmed: string;
  allergyFlagRefuted: string;
  allergyFlagInactive: string;
  allergyFlagResolved: string;
  allergyFlagTransferred: string;
  allergyTransferredHint: string;
  allergySeverity: (severity: 'mild' | 'moderate' | 'severe') => string;
  allergyCategory: (category: string) => string;
  allergyType: (type: 'allergy' | 'intolerance') => string;
  allergyClinicalStatus: (status: string) => string;
  allergyVerificationStatus: (status: string) => string;
  allergyOnsetAge: (age: string) => string;
  allergyReactionOnset: (date: string) => string;
  allergyReactionRoute: (route: string) => string;
  allergyReactionSubstance: (substance: string) => string;
  labelReaction: string;
  labelCriticality: string;
  labelCategory: string;
  labelType: string;
  labelStatus: string;
  labelOnset: string;
  labelLastOccurrence: string;
  labelRecordedBy: string;
  labelReportedBy: string;
  labelNotes: string;
  notKnown: string;
  sortLabel: string;
  sortCriticality: string;
  sortDate: string;
  sortName: string;
  categoryLabel: string;
  categoryAll: string;
  statusLabel: string;
  statusAll: string;
  statusActive: string;
  statusInactive: string;
  allergyItems: string;
  loadMoreFailed: string;
  listWarningsFailed: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/-/g, ' ');

export const allergyListStrings: AllergyListStrings = {
  ...defaultListControlStrings,
  allergyHeading: 'Allergies and adverse reactions',
  allergyUnavailable: 'Allergy information unavailable',
  allergyNoneRecorded: 'No allergies recorded',
  allergyNoneRecordedHint:
    'This does not mean the person has no allergies. Ask them, their family or their GP before giving a new medicine or food.',
  allergyNoKnown: (scope, text) =>
    ({
      all: 'No known allergies',
      medication: 'No known drug allergies',
      food: 'No known food allergies',
      environment: 'No known environmental allergies',
      latex: 'No known latex allergy',
    })[scope] ??
    text ??
    'No known allergies',
  allergyStatementBy: (who) => `Recorded by ${who}`,
  allergyNoKnownFromList: "The GP record's allergy list says none are known (nil known).",
  allergyPastStatement: (statement) => `Earlier statement, no longer current: ${statement}`,
  allergyAlsoRecorded: 'Also recorded',
  allergyConflict: (statement) => `The record also says “${statement}”, but allergies are recorded below.`,
  allergyConflictAction: 'Treat the allergies as correct and check with the GP or pharmacist.',
  allergyEnteredInError: (count) => enteredInErrorNotice(count, 'entry', 'entries'),
  allergyCurrentHeading: (count) => `Current (${count})`,
  allergyInactiveHeading: (count) => `No longer active (${count})`,
  allergyRefutedHeading: (count) => `Ruled out (${count})`,
  allergyNoneCurrent: 'No current allergies recorded.',
  allergyCount: (count) => `${count} ${plural(count, 'allergy or adverse reaction', 'allergies and adverse reactions')}`,
  importantPrefix: 'Important: ',
  warningPrefix: 'Warning: ',
  allergyCriticality: (criticality) =>
    criticality === 'high' ? 'High criticality' : criticality === 'low' ? 'Low criticality' : 'Criticality unable to assess',
  allergyCriticalityValue: (criticality) => (criticality === 'unable-to-assess' ? 'Unable to assess' : capitalise(criticality)),
  allergyFlagUnconfirmed: 'Unconfirmed',
  allergyFlagRefuted: 'Ruled out',
  allergyFlagInactive: 'Inactive',
  allergyFlagResolved: 'Resolved',
  allergyFlagTransferred: 'Transferred without a code',
  allergyTransferredHint: 'This entry came from another GP system without its code: check the details with the GP.',
  allergySeverity: (severity) => `${capitalise(severity)} reaction`,
  allergyCategory: (category) => capitalise(category),
  allergyType: (type) => capitalise(type),
  allergyClinicalStatus: (status) => capitalise(status),
  allergyVerificationStatus: (status) => capitalise(status),
  allergyOnsetAge: (age) => `At age ${age}`,
  allergyReactionOnset: (date) => `began ${date}`,
  allergyReactionRoute: (route) => `exposure: ${route}`,
  allergyReactionSubstance: (substance) => `to ${substance}`,
  labelReaction: 'Reaction',
  labelCriticality: 'Criticality',
  labelCategory: 'Category',
  labelType: 'Type',
  labelStatus: 'Status',
  labelOnset: 'Onset',
  labelLastOccurrence: 'Last reaction',
  labelRecordedBy: 'Recorded by',
  labelReportedBy: 'Reported by',
  labelNotes: 'Notes',
  notKnown: 'Not known',
  sortLabel: 'Sort by',
  sortCriticality: 'Most serious first',
  sortDate: 'Most recently recorded',
  sortName: 'Name (A to Z)',
  categoryLabel: 'Category',
  categoryAll: 'All categories',
  statusLabel: 'Status',
  statusAll: 'Active and inactive',
  statusActive: 'Active only',
  statusInactive: 'Inactive or ruled out',
  allergyItems: 'allergies',
  loadMoreFailed: 'More allergies could not be loaded.',
  listWarningsFailed: "Warnings from the GP record's allergy list could not be loaded.",
};
