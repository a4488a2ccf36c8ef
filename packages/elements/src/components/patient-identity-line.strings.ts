// The English (UK) sentences of the patient banner and identity line, apart from the element so
// that translations can import them alone.

/** Text of the banner and identity line; hosts override any of them through the provider's `strings`. */
export interface PatientIdentityStrings {
  /** Accessible name of the banner region. */
  patientBannerLabel: string;
  nameNotKnown: string;
  born: string;
  gender: string;
  nhsNumber: string;
  notKnown: string;
  genderMale: string;
  genderFemale: string;
  genderOther: string;
  genderUnknown: string;
  copyNhsNumber: string;
  /** Completes the Copy button's accessible name ("Copy NHS number"). */
  copyNhsNumberHidden: string;
  nhsNumberCopied: string;
  nhsNumberCopyFailed: string;
  nhsNumberInvalid: string;
  /** Read before warnings, because the warning colour is not seen by everyone. */
  warningPrefix: string;
  deceased: string;
  deceasedDateNotKnown: string;
  gpPractice: string;
  odsCode: (code: string) => string;
  address: string;
  gpPracticeUnavailable: string;
  restrictedTitle: string;
  restrictedBody: string;
  /** Marks a restricted record that has been opened (break glass). */
  restrictedOpened: string;
  identitySeparator: string;
}

export const patientIdentityStrings: PatientIdentityStrings = {
  patientBannerLabel: 'Patient details',
  nameNotKnown: 'Name not known',
  born: 'Born',
  gender: 'Gender',
  nhsNumber: 'NHS No.',
  notKnown: 'Not known',
  genderMale: 'Male',
  genderFemale: 'Female',
  genderOther: 'Other',
  genderUnknown: 'Not known',
  copyNhsNumber: 'Copy',
  copyNhsNumberHidden: ' NHS number',
  nhsNumberCopied: 'NHS number copied',
  nhsNumberCopyFailed: 'The NHS number could not be copied. Select it and copy it instead.',
  nhsNumberInvalid: 'NHS number fails its check digit: confirm identity',
  warningPrefix: 'Warning: ',
  deceased: 'Deceased',
  deceasedDateNotKnown: 'date not known',
  gpPractice: 'GP practice',
  odsCode: (code) => `ODS code ${code}`,
  address: 'Address',
  gpPracticeUnavailable: 'Could not be loaded',
  restrictedTitle: 'This record is restricted',
  restrictedBody:
    "The person's details are not shown. If you need to see this record, follow your organisation's process for restricted records.",
  restrictedOpened: 'Restricted record',
  identitySeparator: ' · ',
};
