import type { CodeableConcept } from '@care-record/fhir';

/*
 * Why a person opened a record: asked once per person, resident and session (provider attribute
 * `require-access-reason`), and always, with an explicit confirmation, for a restricted record
 * ("break glass"). The answer goes into every audit record of what they then see.
 */

/** `care`: a legitimate relationship (involved in the resident's care); `other`: a reason in their own words. */
export type AccessReasonKind = 'care' | 'other';

/** The reason a person gave for opening a record (the audit's purpose of use). */
export interface AccessReason {
  kind: AccessReasonKind;
  /** The reason as the person chose or wrote it ("I am involved in this resident's care", or their words). */
  text: string;
  /** True when they confirmed opening a restricted record (break glass). */
  breakGlass: boolean;
  /** When they gave it (ISO 8601). */
  at: string;
}

export const ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/**
 * The reason as FHIR `purposeOfUse`: v3-ActReason `TREAT` for a care relationship, the person's own
 * words for another reason, and `BTG` (break the glass) added for restricted records.
 */
export function purposeOfUse(reason: AccessReason | undefined): CodeableConcept[] {
  if (!reason) return [];
  const coding = [];
  if (reason.kind === 'care') coding.push({ system: ACT_REASON_SYSTEM, code: 'TREAT', display: 'treatment' });
  if (reason.breakGlass) coding.push({ system: ACT_REASON_SYSTEM, code: 'BTG', display: 'break the glass' });
  return [{ ...(coding.length ? { coding } : {}), text: reason.text }];
}

// Per session object (the provider's auth, or its client when there is no sign-in), per user, per
// patient: a WeakMap, so a session that is gone takes its answers with it.
const decisions = new WeakMap<object, Map<string, AccessReason>>();

function key(user: string | undefined, patientId: string): string {
  return `${user ?? ''}\n${patientId}`;
}

/** The reason this user gave for this patient in this session, if any. */
export function accessReasonFor(session: object, user: string | undefined, patientId: string): AccessReason | undefined {
  return decisions.get(session)?.get(key(user, patientId));
}

/** Remembers the reason for the rest of the session. */
export function rememberAccessReason(session: object, user: string | undefined, patientId: string, reason: AccessReason): void {
  let map = decisions.get(session);
  if (!map) {
    map = new Map();
    decisions.set(session, map);
  }
  map.set(key(user, patientId), reason);
}

/** Forgets every reason given in the session (sign-out, idle time-out). */
export function forgetAccessReasons(session: object): void {
  decisions.delete(session);
}
