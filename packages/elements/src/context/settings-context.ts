import { createContext } from '@lit/context';
import type { StringOverrides } from '../strings.js';

/** Display settings shared by a provider's widgets. */
export interface CareRecordSettings {
  /** BCP 47 locale for dates and numbers, default `en-GB`. */
  locale: string;
  /** IANA time zone for times, default `Europe/London`. */
  timeZone: string;
  /** Overrides for the English (UK) strings: shared keys, and each widget's under its tag name. */
  strings?: StringOverrides;
  /**
   * 'host' when the host page shows the person's banner itself (the provider's `patient-banner`
   * attribute): widgets then leave out their own identity line.
   */
  patientBanner?: 'host';
}

export const settingsContext = createContext<CareRecordSettings>(Symbol('care-record-settings'));

export const defaultSettings: CareRecordSettings = Object.freeze({ locale: 'en-GB', timeZone: 'Europe/London' });
