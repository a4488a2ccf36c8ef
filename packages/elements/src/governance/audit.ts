import { AccessDeniedError, CareRecordError, FhirHttpError, NotFoundError } from '@care-record/fhir';
import type { AuditEvent, Reference } from '@care-record/fhir';
import type { SessionUser } from '@care-record/auth';
import type { CareRecordViewedDetail } from '../events.js';
import { purposeOfUse } from './access.js';
import type { AccessReason } from './access.js';
import { describeRequestUrl } from './request-log.js';

/**
 * What a widget tells the audit trail after it has shown data (`this.reportViewed(…)`). Record tasks
 * report on their own; call it yourself only for what they do not cover (e.g. a page fetched with
 * Load more, a document opened).
 */
export interface ViewReport {
  /** The section shown, e.g. `allergies`. */
  section: string;
  /** Resource types shown; worked out from `requestUrls` when not given. */
  resourceTypes?: readonly string[];
  /** How many items were shown. */
  count?: number;
  /** `Type/id` of each resource shown. */
  references?: readonly string[];
  /** The `X-Request-Id`s of the requests that fed the view, when the widget knows them. */
  requestIds?: readonly string[];
  /** The request URLs that fed the view (e.g. a SearchResult's `requestUrls`): their ids are looked up. */
  requestUrls?: readonly string[];
  /** Default `success`. */
  outcome?: 'success' | 'failure';
  /** For a failure: what went wrong. */
  error?: unknown;
}

/** What the provider (or the widget alone) adds to a report. */
export interface ViewContext {
  patientId: string | undefined;
  user: SessionUser | undefined;
  reason: AccessReason | undefined;
  source: string;
  /** The FHIR base URL, to read resource types and interactions from request URLs. */
  baseUrl: string | undefined;
  /** Looks up the X-Request-Id of each URL. */
  requestIdsFor: (urls: readonly string[]) => string[];
  /** The host application, as the audit's observer (`AuditEvent.source.observer`). */
  observer: string;
  now?: Date;
}

type AuditEventAgent = AuditEvent['agent'][number];
type AuditEventEntity = NonNullable<AuditEvent['entity']>[number];

const AUDIT_EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const RESTFUL_INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
const PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const ROLE_CLASS = 'http://terminology.hl7.org/CodeSystem/v3-RoleClass';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const SOURCE_TYPE = 'http://terminology.hl7.org/CodeSystem/security-source-type';
/** IHE BALP's own entity type for the HTTP `X-Request-Id`. */
export const BALP_ENTITY_TYPE = 'https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType';
export const BALP_PATIENT_READ = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead';
export const BALP_PATIENT_QUERY = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientQuery';

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A failure as the audit may hold it: code, status and message, never record content. */
export function errorSummary(error: unknown): { code?: string; status?: number; message: string } {
  if (error instanceof FhirHttpError) return { code: error.code, status: error.status, message: error.message };
  if (error instanceof CareRecordError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { message: error.message };
  return { message: String(error) };
}

/**
 * DICOM/FHIR audit outcome: 0 success; 4 minor failure (the request was refused or found nothing:
 * access denied, not found, the wrong person); 8 serious failure (the server or network failed).
 */
export function auditOutcome(outcome: 'success' | 'failure', error: unknown): '0' | '4' | '8' {
  if (outcome === 'success') return '0';
  if (error instanceof AccessDeniedError || error instanceof NotFoundError) return '4';
  if (error instanceof FhirHttpError) return error.status < 500 ? '4' : '8';
  if (error instanceof CareRecordError && ['patient-not-found', 'patient-ambiguous', 'patient-mismatch', 'configuration'].includes(error.code)) return '4';
  return '8';
}

/** The full detail of `care-record-viewed` for a widget's report. */
export function viewedDetail(report: ViewReport, context: ViewContext): CareRecordViewedDetail {
  const outcome = report.outcome ?? 'success';
  const requestUrls = unique(report.requestUrls ?? []);
  const described = context.baseUrl ? requestUrls.map((url) => describeRequestUrl(url, context.baseUrl as string)) : [];
  const resourceTypes = unique(
    report.resourceTypes?.length ? report.resourceTypes : described.map((item) => item.resourceType).filter((type): type is string => Boolean(type)),
  );
  const interaction = described.some((item) => item.interaction === 'search-type') || (!described.length && report.count !== undefined) ? 'search-type' : 'read';
  const requestIds = unique([...(report.requestIds ?? []), ...context.requestIdsFor(requestUrls)]);
  const detail: Omit<CareRecordViewedDetail, 'auditEvent'> = {
    ...(context.patientId ? { patientId: context.patientId } : {}),
    section: report.section,
    resourceTypes,
    ...(report.count !== undefined ? { count: report.count } : {}),
    references: unique(report.references ?? []),
    outcome,
    ...(outcome === 'failure' ? { error: errorSummary(report.error) } : {}),
    interaction,
    recorded: (context.now ?? new Date()).toISOString(),
    ...(context.user ? { user: { ...context.user } } : {}),
    ...(context.reason ? { purposeOfUse: { ...context.reason } } : {}),
    requestIds,
    requestUrls,
    source: context.source,
  };
  return { ...detail, auditEvent: auditEventFor(detail, report.error, context) };
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function userReference(user: SessionUser): Reference {
  const fhirUser = user.fhirUser?.trim();
  // fhirUser is `Practitioner/123` or an absolute URL to it: a reference the audit can follow.
  const reference = fhirUser && (/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(fhirUser) || /^https?:\/\//.test(fhirUser)) ? fhirUser : undefined;
  return {
    ...(reference ? { reference } : {}),
    ...(user.subject ? { identifier: { value: user.subject } } : {}),
    ...(user.name ? { display: user.name } : {}),
  };
}

/**
 * The view as a FHIR R4 AuditEvent after IHE Basic Audit Log Patterns (BALP): PatientQuery for
 * searches (subtype `search-type`, action E, the query base64-encoded), PatientRead for reads
 * (subtype `read`, action R); type `rest`; the user as the requestor with role, organisation and
 * purpose of use; the host application as the observer; the patient, every request's
 * `X-Request-Id` and the resources read as entities. Failures keep the same shape with outcome 4
 * or 8 and do not claim the BALP profile (BALP profiles successes only).
 * https://profiles.ihe.net/ITI/BALP/
 */
export function auditEventFor(
  detail: Omit<CareRecordViewedDetail, 'auditEvent'>,
  error: unknown,
  context: Pick<ViewContext, 'baseUrl' | 'observer'>,
): AuditEvent {
  const search = detail.interaction === 'search-type';
  const outcome = auditOutcome(detail.outcome, error);
  const agents: AuditEventAgent[] = [];
  const user = detail.user;
  if (user) {
    agents.push({
      type: { coding: [{ system: PARTICIPATION_TYPE, code: 'IRCP', display: 'information recipient' }] },
      who: userReference(user),
      ...(user.name ? { name: user.name } : {}),
      requestor: true,
      ...(user.role ? { role: [{ text: user.role }] } : {}),
      ...(detail.purposeOfUse ? { purposeOfUse: purposeOfUse(detail.purposeOfUse) } : {}),
    });
    if (user.organisation) {
      agents.push({
        type: { coding: [{ system: ROLE_CLASS, code: 'PROV', display: 'healthcare provider' }] },
        who: { display: user.organisation },
        requestor: false,
      });
    }
  }
  // DICOM's convention: the client is the Source Role ID and the server the Destination Role ID.
  agents.push({
    type: { coding: [{ system: DICOM, code: '110153', display: 'Source Role ID' }] },
    who: { display: context.observer },
    requestor: false,
    network: { address: typeof location === 'undefined' ? context.observer : location.hostname, type: '1' },
  });
  if (context.baseUrl) {
    agents.push({
      type: { coding: [{ system: DICOM, code: '110152', display: 'Destination Role ID' }] },
      who: { display: context.baseUrl },
      requestor: false,
      network: { address: context.baseUrl, type: '5' },
    });
  }

  const entities: AuditEventEntity[] = [];
  if (detail.patientId) {
    entities.push({
      what: { reference: `Patient/${detail.patientId}` },
      type: { system: ENTITY_TYPE, code: '1', display: 'Person' },
      role: { system: OBJECT_ROLE, code: '1', display: 'Patient' },
    });
  }
  for (const id of detail.requestIds) {
    entities.push({ what: { identifier: { value: id } }, type: { system: BALP_ENTITY_TYPE, code: 'XrequestId' } });
  }
  for (const url of detail.requestUrls) {
    const described = context.baseUrl ? describeRequestUrl(url, context.baseUrl) : { interaction: 'read' as const };
    if (described.interaction !== 'search-type') continue;
    entities.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      description: url,
      query: base64(url),
    });
  }
  if (!search) {
    for (const reference of detail.references) {
      entities.push({
        what: { reference },
        type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
        role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' },
      });
    }
  }

  return {
    resourceType: 'AuditEvent',
    ...(outcome === '0' && detail.patientId ? { meta: { profile: [search ? BALP_PATIENT_QUERY : BALP_PATIENT_READ] } } : {}),
    type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'Restful Operation' },
    subtype: [{ system: RESTFUL_INTERACTION, code: detail.interaction, display: detail.interaction }],
    action: search ? 'E' : 'R',
    recorded: detail.recorded,
    outcome,
    ...(detail.error ? { outcomeDesc: detail.error.message } : {}),
    agent: agents,
    source: {
      observer: { display: context.observer },
      type: [{ system: SOURCE_TYPE, code: '1', display: 'User Device' }],
    },
    entity: entities,
  };
}
