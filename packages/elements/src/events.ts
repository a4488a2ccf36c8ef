import type { FhirResource } from '@care-record/fhir';
import type { SessionStatus, SessionUser } from '@care-record/auth';

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

/** `care-record-select`: a person chose an item (a result, a document, a discharge summary…). */
export class CareRecordSelectEvent extends CustomEvent<CareRecordSelectDetail> {
  static readonly eventName = 'care-record-select';
  constructor(detail: CareRecordSelectDetail) {
    super(CareRecordSelectEvent.eventName, { ...eventInit, detail });
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
 * Detail of `care-record-viewed`: what a person was shown, for the host's audit trail (the event
 * itself comes with the audit work).
 */
export interface CareRecordViewedDetail {
  patientId: string;
  /** The section shown, e.g. `allergies`. */
  section: string;
  /** `Type/id` of each resource shown. */
  references: string[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-record-error': CareRecordErrorEvent;
    'care-record-select': CareRecordSelectEvent;
    'care-record-navigate': CareRecordNavigateEvent;
    'care-record-session-change': CareRecordSessionChangeEvent;
    'care-record-viewed': CustomEvent<CareRecordViewedDetail>;
  }
  interface HTMLElementEventMap {
    'care-record-error': CareRecordErrorEvent;
    'care-record-select': CareRecordSelectEvent;
    'care-record-navigate': CareRecordNavigateEvent;
    'care-record-session-change': CareRecordSessionChangeEvent;
    'care-record-viewed': CustomEvent<CareRecordViewedDetail>;
  }
}
