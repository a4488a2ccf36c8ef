import { createContext } from '@lit/context';
import type { FhirClient } from '@care-record/fhir';

/** The one FHIR client of a provider: every nested widget shares its cache and its token. */
export const clientContext = createContext<FhirClient | undefined>(Symbol('care-record-client'));
