import { createContext } from '@lit/context';
import type { CareRecordAuth } from '@care-record/auth';

/**
 * The signed-in session (or none) that widgets use to show who is signed in, to offer sign-in and
 * to tell "signed out" from "session ended". Provided by `<care-record-provider>`.
 */
export const authContext = createContext<CareRecordAuth | undefined>(Symbol('care-record-auth'));
