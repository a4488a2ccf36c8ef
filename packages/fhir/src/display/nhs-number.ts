import { IDENTIFIER_SYSTEMS } from '../codes.js';
import type { Patient } from '../fhir-types.js';

// Identifier systems that carry an NHS number: the current one, and the one GP Connect's DSTU2
// interfaces used (still seen in older feeds).
const NHS_NUMBER_SYSTEMS: readonly string[] = [IDENTIFIER_SYSTEMS.nhsNumber, 'http://fhir.nhs.net/Id/nhs-number'];

/**
 * The ten digits of an NHS number written with spaces or hyphens (`'943 476 5919'`,
 * `'943-476-5919'`). The check digit is not checked: see {@link isValidNhsNumber}.
 *
 * @returns the ten digits, or undefined when the value is not ten digits once separators are removed.
 */
export function normaliseNhsNumber(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

/**
 * Whether a value is a well-formed NHS number: ten digits (spaces and hyphens allowed) whose last
 * digit is the Modulus 11 check digit of the first nine (weights 10 down to 2; check digit is
 * 11 − (sum mod 11); 11 becomes 0; 10 means no valid number has those nine digits).
 *
 * Only Modulus 11 decides: numbers such as `'0000000000'` or `'1111111111'` pass it and are accepted,
 * although no one is issued them. A valid check digit catches typing slips; it does not prove the
 * number belongs to the person (that is a Personal Demographics Service trace).
 */
export function isValidNhsNumber(value: string | null | undefined): boolean {
  const digits = normaliseNhsNumber(value);
  if (digits === undefined) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * An NHS number in the 3-3-4 format of the NHS patient banner: `'9434765919'` → `'943 476 5919'`.
 * Any ten digits are formatted, whatever their check digit.
 *
 * @returns the formatted number; the value as given (trimmed) when it is not ten digits; undefined
 *   when there is no value.
 */
export function formatNhsNumber(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const digits = normaliseNhsNumber(value);
  if (digits === undefined) return value.trim();
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/**
 * The NHS number of a patient, from `Patient.identifier` with system
 * `https://fhir.nhs.uk/Id/nhs-number` (identifiers marked `old` are skipped). Format it with
 * {@link formatNhsNumber}.
 *
 * @returns the ten digits when the value is ten digits, else the value as recorded (trimmed);
 *   undefined when the patient has no NHS number.
 */
export function nhsNumberOf(patient: Patient | null | undefined): string | undefined {
  const identifiers = (patient?.identifier ?? []).filter(
    (identifier) =>
      identifier.system !== undefined &&
      NHS_NUMBER_SYSTEMS.includes(identifier.system) &&
      identifier.use !== 'old' &&
      typeof identifier.value === 'string' &&
      identifier.value.trim() !== '',
  );
  const value = identifiers[0]?.value;
  if (value === undefined) return undefined;
  return normaliseNhsNumber(value) ?? value.trim();
}
