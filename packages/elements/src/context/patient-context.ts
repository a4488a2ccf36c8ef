import { createContext } from '@lit/context';
import type { Patient } from '@care-record/fhir';

/**
 * The person whose record is shown.
 *
 * `patientId` is known as soon as the host names the patient by id (so widgets can start loading
 * while the Patient resource itself is still on its way); with an NHS number it is known once the
 * search has found exactly one person.
 */
export interface PatientState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  patientId?: string;
  patient?: Patient;
  error?: Error;
}

export const patientContext = createContext<PatientState>(Symbol('care-record-patient'));

/** No patient chosen yet. */
export const idlePatientState: PatientState = Object.freeze({ status: 'idle' }) as PatientState;
