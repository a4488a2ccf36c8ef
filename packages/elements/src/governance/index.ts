// Information governance: access reasons and break glass, audit (care-record-viewed, BALP
// AuditEvents and their delivery), SMART scopes, identity checks.
export { ACT_REASON_SYSTEM, accessReasonFor, forgetAccessReasons, purposeOfUse, rememberAccessReason } from './access.js';
export type { AccessReason, AccessReasonKind } from './access.js';
export { BALP_ENTITY_TYPE, BALP_PATIENT_QUERY, BALP_PATIENT_READ, auditEventFor, auditOutcome, errorSummary, viewedDetail } from './audit.js';
export type { ViewContext, ViewReport } from './audit.js';
export { AuditDeliveryError, AuditQueue, DEFAULT_AUDIT_RETRY, auditEndpointUrl } from './audit-delivery.js';
export type { AuditRetryOptions, AuditSender } from './audit-delivery.js';
export { renderAccessNote, renderAccessPrompt } from './access-prompt.js';
export type { AccessPromptErrors, AccessPromptOptions } from './access-prompt.js';
export { IdentityMismatchError, identityMismatches, isFullDate } from './identity-check.js';
export type { ExpectedIdentity, IdentityMismatch } from './identity-check.js';
export { RequestLog, RequestRecorder, describeRequestUrl, normaliseUrl, requestLogFor } from './request-log.js';
export { resourceTypeLabel, resourceTypeLabels, scopeGrants, scopesAllow } from './scopes.js';
export type { ScopeInteraction } from './scopes.js';
export { governanceStrings, mergeGovernanceStrings } from './strings.js';
export type { GovernanceStrings } from './strings.js';
export { renderRecordHold, renderScopeDenied } from '../base/states.js';
