import { CareRecordError } from '@care-record/fhir';
import type { Patient } from '@care-record/fhir';

/** What the host knows about the resident, to check the record found is theirs. */
export interface ExpectedIdentity {
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  familyName?: string;
}

/** Which of the host's details the record contradicts. */
export type IdentityMismatch = 'birthDate' | 'familyName';

/**
 * The record the provider found contradicts the date of birth or family name the host gave: it is
 * not shown. `mismatches` names what differed; neither value is put in the message or the error,
 * so logging the error does not log the person's details.
 */
export class IdentityMismatchError extends CareRecordError {
  readonly mismatches: readonly IdentityMismatch[];
  /** FHIR id of the record that was found (and not shown). */
  readonly patientId: string | undefined;

  constructor(message: string, mismatches: readonly IdentityMismatch[], patientId: string | undefined) {
    super(message, 'patient-mismatch');
    this.mismatches = mismatches;
    this.patientId = patientId;
  }
}

const FULL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a `YYYY-MM-DD` date that exists (no 31 February). */
export function isFullDate(value: string): boolean {
  if (!FULL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Letters only, without accents, case or punctuation: "O'Brien-Smith" and "OBRIEN SMITH" agree. */
function nameKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-GB')
    .replace(/[^\p{L}]/gu, '');
}

/**
 * Where the record contradicts what the host knows. A detail the record does not have cannot
 * contradict (as with the NHS number check); a birth date recorded to the month or year only must
 * agree as far as it goes. Every family name the record holds counts (maiden and former names too),
 * because the host may still use an earlier one.
 */
export function identityMismatches(patient: Patient, expected: ExpectedIdentity): IdentityMismatch[] {
  const mismatches: IdentityMismatch[] = [];
  const birthDate = expected.birthDate?.trim();
  const recordedBirthDate = patient.birthDate?.trim();
  if (birthDate && recordedBirthDate && !birthDate.startsWith(recordedBirthDate)) mismatches.push('birthDate');

  const familyName = expected.familyName ? nameKey(expected.familyName) : '';
  const recordedNames = (patient.name ?? []).map((name) => (name.family ? nameKey(name.family) : '')).filter(Boolean);
  if (familyName && recordedNames.length > 0 && !recordedNames.includes(familyName)) mismatches.push('familyName');
  return mismatches;
}
