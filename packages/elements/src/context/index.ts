export { authContext } from './auth-context.js';
export { clientContext } from './client-context.js';
export { patientContext, idlePatientState } from './patient-context.js';
export type { PatientHold, PatientState } from './patient-context.js';
export { settingsContext, defaultSettings } from './settings-context.js';
export type { CareRecordSettings } from './settings-context.js';
export { governanceContext } from './governance-context.js';
export type { CareRecordGovernance } from './governance-context.js';
