import type { AuditEvent, FhirResource } from '@care-record/fhir';
import type { SessionStatus, SessionUser } from '@care-record/auth';
import type { AccessReason } from './governance/access.js';

/*
 * Every event our elements fire: one typed class per name, all `bubbles: true, composed: true` so a
 * host can listen once on a container (or `document`) whatever shadow roots lie between.
 */

const eventInit = { bubbles: true, composed: true } as const;

/** Detail of `care-record-error`. */
export interface CareRecordErrorDetail {
  /** A `CareRecordError` from `@care-record/fhir` where we know what went wrong (`ConfigurationError`, `FhirHttpError`, …). */
  error: Error;
  /** The tag of the element that met the error, e.g. `care-record-provider`. */
  source: string;
}

/**
 * `care-record-error`: something went wrong that the host may want to log or act on. The element
 * also shows a message in place; the event is for the host, not instead of that message.
 */
export class CareRecordErrorEvent extends CustomEvent<CareRecordErrorDetail> {
  static readonly eventName = 'care-record-error';
  constructor(detail: CareRecordErrorDetail) {
    super(CareRecordErrorEvent.eventName, { ...eventInit, detail });
  }
}

/** Detail of `care-record-select`. */
export interface CareRecordSelectDetail {
  resource: FhirResource;
  /** `Type/id` of the chosen resource. */
  reference: string;
}

/**
 * `care-record-select`: a person chose an item (a result, a document, a discharge summary…).
 * Cancelable where the widget would open the item itself: `preventDefault()` keeps it closed so the
 * host can show it its own way.
 */
export class CareRecordSelectEvent extends CustomEvent<CareRecordSelectDetail> {
  static readonly eventName = 'care-record-select';
  constructor(detail: CareRecordSelectDetail, options: { cancelable?: boolean } = {}) {
    super(CareRecordSelectEvent.eventName, { ...eventInit, cancelable: options.cancelable ?? false, detail });
  }
}

/** Detail of `care-record-navigate`. */
export interface CareRecordNavigateDetail {
  /** The section asked for, e.g. `allergies`, `medication`, `discharges`. */
  section: string;
}

/** `care-record-navigate`: a person asked to go to another section (e.g. "See all results"). */
export class CareRecordNavigateEvent extends CustomEvent<CareRecordNavigateDetail> {
  static readonly eventName = 'care-record-navigate';
  constructor(detail: CareRecordNavigateDetail) {
    super(CareRecordNavigateEvent.eventName, { ...eventInit, detail });
  }
}

/** Detail of `care-record-session-change`. */
export interface CareRecordSessionChangeDetail {
  status: SessionStatus;
  user: SessionUser | undefined;
}

/** `care-record-session-change`: the sign-in status or the signed-in user changed. */
export class CareRecordSessionChangeEvent extends CustomEvent<CareRecordSessionChangeDetail> {
  static readonly eventName = 'care-record-session-change';
  constructor(detail: CareRecordSessionChangeDetail) {
    super(CareRecordSessionChangeEvent.eventName, { ...eventInit, detail });
  }
}

/**
 * Detail of `care-record-viewed`: what a person was shown (or tried to see), for the host's audit
 * trail. Fired once per view: the provider's patient lookup, and each widget section after it has
 * rendered the data (or failed to load it).
 */
export interface CareRecordViewedDetail {
  /** FHIR id of the person whose record was viewed; absent when no one was found. */
  patientId?: string;
  /** The section shown, e.g. `patient`, `allergies`, or the widget's tag. */
  section: string;
  /** FHIR resource types shown, e.g. `['AllergyIntolerance', 'Practitioner']`. */
  resourceTypes: string[];
  /** How many items were shown, when the widget knows. */
  count?: number;
  /** `Type/id` of each resource shown (the matches of a search, the resources read). */
  references: string[];
  /** `success` when the data was shown; `failure` when loading it failed (access refused, not found, server error…). */
  outcome: 'success' | 'failure';
  /** For failures: the error's stable code, HTTP status and message (never record content). */
  error?: { code?: string; status?: number; message: string };
  /** `read` (resources by id) or `search-type` (any search). */
  interaction: 'read' | 'search-type';
  /** When the view happened (ISO 8601, UTC). */
  recorded: string;
  /** Who viewed: the signed-in user (subject, name, role, organisation, SMART `fhirUser`). */
  user?: SessionUser;
  /** Why: the reason the person gave (provider `require-access-reason`, or break glass for a restricted record). */
  purposeOfUse?: AccessReason;
  /** Correlation ids: the `X-Request-Id` of each FHIR request that fed the view. */
  requestIds: string[];
  /** The FHIR request URLs that fed the view. */
  requestUrls: string[];
  /** The tag of the element that showed the data, e.g. `allergy-list`, `care-record-provider`. */
  source: string;
  /** The view as a FHIR AuditEvent (IHE BALP PatientRead/PatientQuery), as POSTed to the provider's `audit-endpoint`. */
  auditEvent: AuditEvent;
}

/**
 * `care-record-viewed`: a person was shown part of a record (or loading it failed). Hosts keep it in
 * their own audit trail; with `audit-endpoint` on the provider it is also sent as a FHIR AuditEvent.
 */
export class CareRecordViewedEvent extends CustomEvent<CareRecordViewedDetail> {
  static readonly eventName = 'care-record-viewed';
  constructor(detail: CareRecordViewedDetail) {
    super(CareRecordViewedEvent.eventName, { ...eventInit, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-record-error': CareRecordErrorEvent;
    'care-record-select': CareRecordSelectEvent;
    'care-record-navigate': CareRecordNavigateEvent;
    'care-record-session-change': CareRecordSessionChangeEvent;
    'care-record-viewed': CareRecordViewedEvent;
  }
  interface HTMLElementEventMap {
    'care-record-error': CareRecordErrorEvent;
    'care-record-select': CareRecordSelectEvent;
    'care-record-navigate': CareRecordNavigateEvent;
    'care-record-session-change': CareRecordSessionChangeEvent;
    'care-record-viewed': CareRecordViewedEvent;
  }
}
