import { createContext } from '@lit/context';
import type { Patient } from '@care-record/fhir';

/**
 * The person whose record is shown.
 *
 * `patientId` is known as soon as the host names the patient by id (so widgets can start loading
 * while the Patient resource itself is still on its way); with an NHS number it is known once the
 * search has found exactly one person (and, with the provider's governance settings, once the
 * record's identity checks pass and the person has given any reason the provider asks for).
 */
export interface PatientState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  patientId?: string;
  patient?: Patient;
  error?: Error;
  /**
   * Why the record is held back while `status` is 'idle': the person must first give a reason for
   * opening it (`access-reason`), or confirm opening a restricted record (`break-glass`). The provider
   * asks; widgets show nothing of the record (neither `patientId` nor `patient` is given) until then.
   */
  hold?: PatientHold;
}

/** What the person must do before the record is opened. */
export type PatientHold = 'access-reason' | 'break-glass';

export const patientContext = createContext<PatientState>(Symbol('care-record-patient'));

/** No patient chosen yet. */
export const idlePatientState: PatientState = Object.freeze({ status: 'idle' }) as PatientState;
