/**
 * What the governance features say to a person: the access-reason and break-glass prompt, the
 * states widgets show while the record waits for it, the identity check and missing permissions.
 *
 * Hosts reword any of them through the provider's `strings` property, like the foundation strings
 * (`provider.strings = { accessReasonCare: 'I look after this resident' }`).
 */
import { overlayStrings } from '../strings.js';
import type { StringOverrides } from '../strings.js';

export interface GovernanceStrings {
  // The prompt
  accessReasonTitle: string;
  accessReasonIntro: string;
  accessReasonLegend: string;
  accessReasonCare: string;
  accessReasonOther: string;
  accessReasonOtherLabel: string;
  accessReasonOtherHint: string;
  accessReasonSubmit: string;
  accessReasonChooseError: string;
  accessReasonTextError: string;
  /** Read before error messages, because the error colour is not seen by everyone. */
  errorPrefix: string;
  /** Read before the restricted-record warning. */
  importantPrefix: string;
  restrictedPromptTitle: string;
  restrictedPromptWarning: string;
  restrictedPromptLegend: string;
  breakGlassConfirm: string;
  breakGlassConfirmError: string;
  breakGlassSubmit: string;
  /** Shown above the record once a reason was given. */
  accessReasonGiven: (reason: string) => string;
  breakGlassGiven: (reason: string) => string;
  // What widgets show while the record waits
  accessReasonPending: string;
  breakGlassPending: string;
  restrictedPendingTitle: string;
  // Permissions (SMART scopes)
  scopeDenied: (what: string) => string;
  // Right person
  identityMismatch: (details: string) => string;
  identityMismatchBirthDate: string;
  identityMismatchFamilyName: string;
  identityMismatchBoth: string;
  invalidBirthDate: (value: string) => string;
  // Audit
  auditDeliveryFailed: (attempts: number) => string;
}

export const governanceStrings: GovernanceStrings = {
  accessReasonTitle: 'Why are you opening this record?',
  accessReasonIntro: 'Your reason is recorded with your name and the time each time you look at this record.',
  accessReasonLegend: 'Your reason',
  accessReasonCare: "I am involved in this resident's care",
  accessReasonOther: 'Another reason',
  accessReasonOtherLabel: 'Give your reason',
  accessReasonOtherHint: 'For example: checking medicines for a hospital transfer.',
  accessReasonSubmit: 'Open the record',
  accessReasonChooseError: 'Choose a reason for opening this record',
  accessReasonTextError: 'Write your reason for opening this record',
  errorPrefix: 'Error: ',
  importantPrefix: 'Important: ',
  restrictedPromptTitle: 'This record is restricted',
  restrictedPromptWarning:
    "This person's record is marked as restricted (sealed). Open it only if you need it for their care now. Your name, your reason and the time are recorded and may be checked.",
  restrictedPromptLegend: 'Why do you need to open this restricted record?',
  breakGlassConfirm: 'I confirm I need to see this restricted record now, and I understand that this is recorded',
  breakGlassConfirmError: 'Confirm that you need to see this restricted record',
  breakGlassSubmit: 'Open the restricted record',
  accessReasonGiven: (reason) => `You opened this record because: ${reason}`,
  breakGlassGiven: (reason) => `Restricted record opened with emergency access. Your reason: ${reason}. This access is recorded.`,
  accessReasonPending: 'Give your reason for opening this record to see it.',
  breakGlassPending: 'Confirm why you need to open it to see it.',
  restrictedPendingTitle: 'This record is restricted',
  scopeDenied: (what) => `You don't have permission to see ${what}`,
  identityMismatch: (details) => `The record found does not match this resident's ${details}, so it is not shown. Check the resident's details.`,
  identityMismatchBirthDate: 'date of birth',
  identityMismatchFamilyName: 'family name',
  identityMismatchBoth: 'date of birth and family name',
  invalidBirthDate: (value) => `“${value}” is not a date of birth in the form YYYY-MM-DD.`,
  auditDeliveryFailed: (attempts) =>
    `A record of who viewed this record could not be sent to the audit service after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}. It is kept on this page until it can be sent.`,
};

/** The governance strings with the host's overrides of the same keys (entries set to undefined keep the default). */
export function mergeGovernanceStrings(overrides: StringOverrides | object | undefined, namespaces: readonly string[] = []): GovernanceStrings {
  return overlayStrings(governanceStrings, overrides, namespaces);
}
