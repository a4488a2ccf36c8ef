import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import {
  ACT_CODE_SYSTEM,
  formatBorn,
  formatDate,
  formatNhsNumber,
  formatPatientName,
  isValidNhsNumber,
  nhsNumberOf,
} from '@care-record/fhir';
import type { Coding, Patient } from '@care-record/fhir';
import type { CareRecordSettings } from '../context/settings-context.js';
import { overlayStrings } from '../strings.js';
import { patientIdentityStrings } from './patient-identity-line.strings.js';
import type { PatientIdentityStrings } from './patient-identity-line.strings.js';
export { patientIdentityStrings } from './patient-identity-line.strings.js';
export type { PatientIdentityStrings } from './patient-identity-line.strings.js';

/*
 * Who the record belongs to, in NHS patient banner conventions, shared by `<patient-banner>`,
 * `<care-record-summary>` and any widget used on its own (`renderPatientIdentityLine`).
 */

/**
 * A padlock drawn inline (emoji fonts are missing on many care-home PCs), hidden from assistive
 * technology: the words beside it say the same.
 */
export const padlockIcon = html`<svg class="padlock" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="1em" height="1em">
  <path
    fill="currentColor"
    d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3H9z"
  />
</svg>`;

/** HL7 v3 Confidentiality: `R` restricted and `V` very restricted mean the record must not be shown as usual. */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const RESTRICTED_CONFIDENTIALITY_CODES: ReadonlySet<string> = new Set(['R', 'V']);

/**
 * HL7 v3 ActCode security labels that restrict a whole record when found on the Patient's
 * `meta.security`: the information sensitivity policies of FHIR's security-labels value set (HIV,
 * psychiatry, sexual or domestic violence, taboo…) and the obligation to redact. A label on the
 * Patient itself says the person's record as a whole needs protecting.
 */
export const RESTRICTED_ACT_CODES: ReadonlySet<string> = new Set([
  'ETH',
  'GDIS',
  'HIV',
  'MST',
  'PSY',
  'SCA',
  'SDV',
  'SEX',
  'SPI',
  'STD',
  'TBOO',
  'BH',
  'COGN',
  'DVD',
  'EMOTDIS',
  'MH',
  'PSYTHPN',
  'SUD',
  'SICKLE',
  'REDACT',
]);

function isRestrictingLabel(label: Coding): boolean {
  if (!label.code) return false;
  if (label.system === CONFIDENTIALITY_SYSTEM) return RESTRICTED_CONFIDENTIALITY_CODES.has(label.code);
  if (label.system === ACT_CODE_SYSTEM) return RESTRICTED_ACT_CODES.has(label.code);
  return false;
}

/**
 * True when the Patient is marked sealed or restricted (`meta.security` R or V from v3-Confidentiality,
 * or one of {@link RESTRICTED_ACT_CODES}). Such records show a restricted state and none of their
 * details until they have been opened through a break-glass step (see {@link restrictedRecordOpened}).
 */
export function isRestrictedRecord(patient: Patient | null | undefined): boolean {
  return (patient?.meta?.security ?? []).some(isRestrictingLabel);
}

/**
 * The break-glass extension point: true when whoever handed a widget its patient has already decided
 * the signed-in person may see a restricted record. A provider with governance (one that gives widgets
 * a `governance` service through context) holds a restricted record back until the person breaks the
 * glass, or until the host says it runs its own step, and only then makes the patient 'ready': its
 * widgets then show the record, marked "Restricted record". Without one, restricted records stay shut.
 */
export function restrictedRecordOpened(element: { governance?: unknown }): boolean {
  return element.governance != null;
}

/** What the banner and identity line say about a person, formatted. */
export interface PatientIdentity {
  restricted: boolean;
  /** False for a restricted record that has not been opened: then nothing else is given. */
  revealed: boolean;
  /** 'SMITH, John (Mr)', or undefined when no name was recorded. */
  name?: string;
  /** '14-Jul-1945 (81y)', '14-Jul-1945 (died aged 80y)'. */
  born?: string;
  gender?: string;
  /** The NHS number as recorded (ten digits when it has ten). */
  nhsNumber?: string;
  /** '943 476 5919'. */
  nhsNumberDisplay?: string;
  /** False when an NHS number is recorded but fails Modulus 11 (or is not ten digits). */
  nhsNumberValid: boolean;
  deceased: boolean;
  /** The date of death, formatted, when recorded. */
  deceasedDate?: string;
}

function genderText(gender: Patient['gender'], strings: PatientIdentityStrings): string | undefined {
  switch (gender) {
    case 'male':
      return strings.genderMale;
    case 'female':
      return strings.genderFemale;
    case 'other':
      return strings.genderOther;
    case 'unknown':
      return strings.genderUnknown;
    default:
      return undefined;
  }
}

export interface PatientIdentityOptions {
  /** The moment ages are measured to (default now). */
  now?: Date;
  /**
   * The restricted record has been opened (break glass): give its details. See {@link restrictedRecordOpened}.
   * Default false for `patientIdentity`, true for `renderPatientIdentityLine` (see there).
   */
  restrictedOpened?: boolean;
}

/**
 * The person's identity as shown on screen, in the settings' locale and time zone. A restricted
 * record gives nothing else unless it has been opened.
 */
export function patientIdentity(
  patient: Patient,
  settings: Pick<CareRecordSettings, 'locale' | 'timeZone'>,
  strings: PatientIdentityStrings = patientIdentityStrings,
  options: PatientIdentityOptions = {},
): PatientIdentity {
  const { now = new Date(), restrictedOpened = false } = options;
  const restricted = isRestrictedRecord(patient);
  if (restricted && !restrictedOpened) return { restricted, revealed: false, nhsNumberValid: true, deceased: false };
  const display = { locale: settings.locale, timeZone: settings.timeZone };
  const deceased = patient.deceasedDateTime ?? patient.deceasedBoolean;
  const nhsNumber = nhsNumberOf(patient);
  return {
    restricted,
    revealed: true,
    name: formatPatientName(patient, now),
    born: formatBorn(patient.birthDate, deceased, now, display),
    gender: genderText(patient.gender, strings),
    nhsNumber,
    nhsNumberDisplay: formatNhsNumber(nhsNumber),
    nhsNumberValid: nhsNumber === undefined || isValidNhsNumber(nhsNumber),
    deceased: deceased === true || (typeof deceased === 'string' && deceased.trim() !== ''),
    deceasedDate: typeof deceased === 'string' ? formatDate(deceased, display) : undefined,
  };
}

/**
 * The person on one line, for widgets used on their own (without `<patient-banner>`):
 * "SMITH, John (Mr) · Born 14-Jul-1945 (81y) · NHS No. 943 476 5919". A deceased person is marked
 * "Deceased" in words; an NHS number failing its check digit is flagged. Style it with
 * {@link patientIdentityLineStyles}.
 *
 * A widget draws this line beside record data it is showing, and a governing provider gives widgets a
 * restricted record only once it has been opened (break glass): so by default a restricted record's
 * line names the person after "Restricted record", letting staff check whose data it is. Pass
 * `restrictedOpened: false` (e.g. `restrictedRecordOpened(this)`) where the record may not be open:
 * the line then says only "This record is restricted".
 *
 * @param settings the widget's `settings` (locale, time zone and string overrides).
 */
export function renderPatientIdentityLine(
  patient: Patient | undefined,
  settings: CareRecordSettings,
  options: PatientIdentityOptions = {},
): TemplateResult | typeof nothing {
  if (!patient) return nothing;
  // The banner's words, under "patient-banner" wherever the identity line shows.
  const strings = overlayStrings(patientIdentityStrings, settings.strings, ['patient-banner']);
  const identity = patientIdentity(patient, settings, strings, { ...options, restrictedOpened: options.restrictedOpened ?? true });
  if (!identity.revealed) {
    return html`<p class="identity-line restricted" part="identity-line">
      ${padlockIcon} ${strings.restrictedTitle}
    </p>`;
  }
  const separator = html`<span aria-hidden="true">${strings.identitySeparator}</span>`;
  return html`<p class="identity-line" part="identity-line">
    ${identity.restricted ? html`<strong class="identity-restricted">${padlockIcon} ${strings.restrictedOpened}</strong>${separator}` : nothing}<strong class="identity-name">${identity.name ?? strings.nameNotKnown}</strong>${separator}<span
      >${strings.born} ${identity.born ?? strings.notKnown}</span
    >${identity.deceased
      ? html`${separator}<strong class="identity-deceased"
            >${strings.deceased}${identity.deceasedDate ? ` ${identity.deceasedDate}` : ''}</strong
          >`
      : nothing}${separator}<span
      >${strings.nhsNumber} <span class="identity-nhs-number">${identity.nhsNumberDisplay ?? strings.notKnown}</span></span
    >${identity.nhsNumberValid
      ? nothing
      : html`${separator}<strong class="identity-warning"><span class="visually-hidden">${strings.warningPrefix}</span>${strings.nhsNumberInvalid}</strong>`}
  </p>`;
}

/** Styles for {@link renderPatientIdentityLine}: add them to a widget's `styles`. */
export const patientIdentityLineStyles = css`
  .identity-line {
    margin: 0 0 var(--_cr-space);
    padding: calc(var(--_cr-space) / 2) 0;
    border-bottom: 1px solid var(--_cr-border);
    overflow-wrap: anywhere;
  }

  .padlock {
    vertical-align: -0.125em;
  }

  .identity-nhs-number {
    white-space: nowrap;
  }

  .identity-deceased,
  .identity-restricted,
  .identity-warning {
    font-weight: 600;
  }

  .identity-warning {
    color: var(--_cr-error);
  }
`;
