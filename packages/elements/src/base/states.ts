import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CareRecordError, FhirHttpError, formatDate, formatRelativeAge } from '@care-record/fhir';
import type { SearchResult } from '@care-record/fhir';
import type { Strings } from '../strings.js';
import type { PatientHold } from '../context/patient-context.js';
import type { GovernanceStrings } from '../governance/strings.js';

/*
 * The shared state templates, so every widget looks and behaves the same when loading, empty,
 * failed, signed out… Widgets normally reach them through `CareRecordElement` (`this.renderLoading()`);
 * these plain functions are for templates outside it. Styles live in `host.styles.ts`.
 */

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A heading level within 1–6 (widgets sit in someone else's page outline); 2 when not a number. */
export function clampHeadingLevel(level: unknown, fallback: HeadingLevel = 2): HeadingLevel {
  const n = typeof level === 'number' ? level : Number(level);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(6, Math.max(1, Math.round(n))) as HeadingLevel;
}

export interface HeadingOptions {
  id?: string;
  /** `part` names, default `heading`. */
  part?: string;
}

/** `<h1>`…`<h6>` by level: the host page decides where our headings sit in its outline. */
export function renderHeading(level: HeadingLevel, content: unknown, options: HeadingOptions = {}): TemplateResult {
  const part = options.part ?? 'heading';
  const id = ifDefined(options.id);
  switch (level) {
    case 1:
      return html`<h1 class="heading" part=${part} id=${id}>${content}</h1>`;
    case 2:
      return html`<h2 class="heading" part=${part} id=${id}>${content}</h2>`;
    case 3:
      return html`<h3 class="heading" part=${part} id=${id}>${content}</h3>`;
    case 4:
      return html`<h4 class="heading" part=${part} id=${id}>${content}</h4>`;
    case 5:
      return html`<h5 class="heading" part=${part} id=${id}>${content}</h5>`;
    default:
      return html`<h6 class="heading" part=${part} id=${id}>${content}</h6>`;
  }
}

/** Skeleton lines while something loads; screen readers hear "Loading…". */
export function renderLoading(strings: Strings, label: string = strings.loading): TemplateResult {
  return html`<div class="state loading" part="state loading" aria-busy="true">
    <span class="visually-hidden">${label}</span>
    <div class="skeleton" aria-hidden="true">
      <span class="skeleton-line"></span><span class="skeleton-line"></span><span class="skeleton-line"></span>
    </div>
  </div>`;
}

/** Nothing to show, said plainly (e.g. "No allergies recorded"). */
export function renderEmpty(message: string): TemplateResult {
  return html`<p class="state empty" part="state empty">${message}</p>`;
}

/**
 * What the FHIR server said about a failure: the OperationOutcome issues' text (or diagnostics),
 * without repeats.
 */
export function serverMessages(error: unknown): string[] {
  if (!(error instanceof FhirHttpError)) return [];
  const messages = error.issues
    .map((issue) => (issue.text ?? issue.diagnostics)?.trim())
    .filter((message): message is string => Boolean(message));
  // FhirHttpError messages often quote the server already ("… The server said: …"): no repeats.
  return [...new Set(messages)].filter((message) => !error.message.includes(message));
}

/** What the server noted about a search: its OperationOutcome issues (other than information), without repeats. */
export function searchOutcomeTexts(result: SearchResult): string[] {
  const texts = result.outcomes
    .flatMap((outcome) => outcome.issue ?? [])
    .filter((issue) => issue.severity !== 'information')
    .map((issue) => (issue.details?.text ?? issue.diagnostics)?.trim())
    .filter((text): text is string => !!text);
  return [...new Set(texts)];
}

/** The server's notes on a search ("The record server noted: …") as one notice; nothing when there are none. */
export function renderSearchNotes(texts: readonly string[], serverNoted: (message: string) => string): TemplateResult | typeof nothing {
  return texts.length ? html`<div class="notice" part="notice" role="note">${texts.map((text) => html`<p>${serverNoted(text)}</p>`)}</div>` : nothing;
}

/**
 * A failure, with a Retry button when `onRetry` is given. Our own errors carry a message written for
 * a person and it is shown; anything else (a bug) gets the general title only.
 */
export function renderError(strings: Strings, error: unknown, onRetry?: () => void): TemplateResult {
  const message = error instanceof CareRecordError ? error.message : undefined;
  return html`<div class="state error" part="state error" role="alert">
    <p class="state-title">${strings.errorTitle}</p>
    ${message ? html`<p>${message}</p>` : nothing}
    ${serverMessages(error).map((text) => html`<p class="server-message">${strings.serverSaid(text)}</p>`)}
    ${onRetry
      ? html`<button class="button secondary-button" part="button retry-button" type="button" @click=${onRetry}>
          ${strings.retry}
        </button>`
      : nothing}
  </div>`;
}

/** Not signed in: a prompt, and a Sign in button when there is a session to sign in with. */
export function renderSignedOut(strings: Strings, onSignIn?: () => void): TemplateResult {
  return html`<div class="state signed-out" part="state signed-out">
    <p>${strings.signedOut}</p>
    ${onSignIn
      ? html`<button class="button" part="button sign-in-button" type="button" @click=${onSignIn}>${strings.signIn}</button>`
      : nothing}
  </div>`;
}

/** The session ended (idle timeout, or renewal failed): say so, and offer to sign in again. */
export function renderSessionEnded(strings: Strings, onSignIn?: () => void): TemplateResult {
  return html`<div class="state session-ended" part="state session-ended" role="alert">
    <p>${strings.sessionEnded}</p>
    ${onSignIn
      ? html`<button class="button" part="button sign-in-button" type="button" @click=${onSignIn}>${strings.signIn}</button>`
      : nothing}
  </div>`;
}

/** The server refused (403): the person may not see this record. */
export function renderAccessDenied(strings: Strings): TemplateResult {
  return html`<div class="state access-denied" part="state access-denied" role="alert">
    <p>${strings.accessDenied}</p>
  </div>`;
}

/** No patient chosen (or the chosen one could not be found, when a message is given). */
export function renderNoPatient(strings: Strings, message: string = strings.noPatient): TemplateResult {
  return html`<p class="state no-patient" part="state no-patient">${message}</p>`;
}

export interface PartialOptions {
  /** How many items are on screen. */
  shown: number;
  /** How many there are in all, when the server said (Bundle.total). */
  total?: number;
  /** Fetches the next page; no button without it. */
  onLoadMore?: () => void;
  /** True while the next page loads (the button is disabled). */
  loading?: boolean;
}

/** "Showing 50 of 212" and a Load more button: a long list is never silently cut short. */
export function renderPartial(strings: Strings, options: PartialOptions): TemplateResult {
  const { shown, total, onLoadMore, loading = false } = options;
  const text = total !== undefined && total > shown ? strings.showingOf(shown, total) : strings.showingSome(shown);
  return html`<div class="state partial" part="state partial">
    <p aria-live="polite">${text}</p>
    ${onLoadMore
      ? html`<button
          class="button secondary-button"
          part="button load-more-button"
          type="button"
          ?disabled=${loading}
          aria-busy=${loading ? 'true' : 'false'}
          @click=${onLoadMore}
        >
          ${strings.loadMore}
        </button>`
      : nothing}
  </div>`;
}

export interface SourceLineOptions {
  locale?: string;
  timeZone?: string;
  /** "Now", for the age of the data (tests). */
  now?: Date;
}

/**
 * Where an item came from and when it was recorded, with its age, because batch-fed sources can lag:
 * "From Royal Free Hospital · recorded 12-Mar-2024 (3 days ago)". Only the precision recorded is shown.
 */
export function sourceLine(
  strings: Strings,
  organisation: string | undefined,
  date: string | undefined,
  options: SourceLineOptions = {},
): string {
  const parts: string[] = [];
  const org = organisation?.trim();
  if (org) parts.push(strings.sourceFrom(org));
  if (date) {
    const display = { locale: options.locale, timeZone: options.timeZone };
    const formatted = formatDate(date, display) ?? date;
    parts.push(strings.sourceRecorded(formatted, formatRelativeAge(date, options.now, display)));
  }
  return parts.length ? parts.join(strings.sourceSeparator) : strings.sourceUnknown;
}

/**
 * The record is held back until the person gives a reason for opening it, or confirms opening a
 * restricted record: the provider asks; widgets say what they are waiting for, and show nothing else.
 */
export function renderRecordHold(strings: GovernanceStrings, hold: PatientHold): TemplateResult {
  if (hold === 'break-glass') {
    return html`<div class="state restricted" part="state restricted break-glass" role="status">
      <p class="state-title"><span class="padlock" aria-hidden="true">🔒</span> ${strings.restrictedPendingTitle}</p>
      <p>${strings.breakGlassPending}</p>
    </div>`;
  }
  return html`<p class="state access-reason" part="state access-reason" role="status">${strings.accessReasonPending}</p>`;
}

/** The signed-in person's SMART scopes do not cover this section: said plainly, nothing requested. */
export function renderScopeDenied(strings: GovernanceStrings, what: string): TemplateResult {
  return html`<p class="state scope-denied" part="state scope-denied">${strings.scopeDenied(what)}</p>`;
}
