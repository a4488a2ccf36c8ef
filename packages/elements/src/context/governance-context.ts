import { createContext } from '@lit/context';
import type { ViewReport } from '../governance/audit.js';

/**
 * The provider's audit service for nested widgets: a widget reports what it showed, the provider adds
 * who, why and the correlation ids, fires `care-record-viewed` from the widget and sends the
 * AuditEvent to its `audit-endpoint`.
 */
export interface CareRecordGovernance {
  reportViewed(report: ViewReport, from: Element): void;
}

export const governanceContext = createContext<CareRecordGovernance | undefined>(Symbol('care-record-governance'));
