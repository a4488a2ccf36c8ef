import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareRecordError, classifyAttachment, formatAttachmentSize, formatDate, InvalidResponseError, isAbortError } from '@care-record/fhir';
import type { Attachment, AttachmentKind, FhirClient } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { serverMessages } from '../base/states.js';
import { sanitizedContainer } from '../security/sanitize.js';
export { sanitizedContainer } from '../security/sanitize.js';
import { documentViewerStyles } from './document-viewer.styles.js';
import { defaultDocumentViewerStrings } from './document-viewer.strings.js';
import type { DocumentViewerStrings } from './document-viewer.strings.js';
export { defaultDocumentViewerStrings } from './document-viewer.strings.js';
export type { DocumentViewerStrings } from './document-viewer.strings.js';

/** Bytes of base64 data; throws on data that is not base64. */
function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Prepared =
  /** Content on screen or behind a blob: URL (made from inline data or fetched from the FHIR server). */
  | { state: 'ready'; blobUrl?: string; html?: HTMLElement; removedCount?: number; text?: string; bytes: number; contentType?: string }
  /** A link to another site: opened in a new tab, never fetched (our token must not go there). */
  | { state: 'external'; href: string }
  | { state: 'pending' }
  | { state: 'error'; error: unknown }
  /** Data that is not base64, or a body that could not be decoded. */
  | { state: 'unreadable' }
  | { state: 'unsafe-link' }
  | { state: 'missing' };

interface Fetched {
  bytes: Uint8Array<ArrayBuffer>;
  contentType?: string;
}

/**
 * An attachment URL resolved against the FHIR server: only http(s) addresses are ever used; relative
 * ones (`Binary/123`) belong to the server.
 */
function resolveAttachmentUrl(url: string, client: FhirClient | undefined): { href: string; onServer: boolean } | 'unsafe' {
  let resolved: URL;
  try {
    resolved = client ? new URL(url, `${client.baseUrl}/`) : new URL(url);
  } catch {
    return 'unsafe';
  }
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') return 'unsafe';
  const onServer = !!client && resolved.origin === new URL(client.baseUrl).origin;
  return { href: resolved.href, onServer };
}

/**
 * Shows the files of a document (FHIR `Attachment`s: `DocumentReference.content`,
 * `DiagnosticReport.presentedForm`) in ways that work under a strict Content Security Policy:
 *
 * - **PDF**: an "Open PDF" link (new tab, the browser's own viewer) and a "Download" link with type
 *   and size. Inline `data` becomes a `blob:` URL; a `url` on the FHIR server is fetched with the
 *   client (so with the signed-in person's token) and becomes a `blob:` URL too; any other `url` is a
 *   plain link opening in a new tab (`rel="noopener noreferrer"`), never fetched with our token.
 *   PDFs are deliberately **not embedded** (`<embed>`, `<object>`, `<iframe>`): strict CSP hosts
 *   forbid plugin content (`object-src 'none'`) and frames.
 * - **HTML**: decoded (UTF-8), sanitised with `sanitizeNarrative` (FHIR narrative rules) and shown
 *   inline, with a notice when something was removed.
 * - **Plain text**: shown in a `<pre>` that wraps.
 * - **Anything else** (images, Word files, CDA…): a Download link with type and size.
 *
 * `blob:` URLs are revoked when the attachments change and when the element is disconnected (and
 * made again if it is connected again).
 *
 * Used on its own it starts with the person's identity line (part `identity-line`, left out with
 * `patient-banner="host"`); inside another widget's shadow root that widget says whose record it is.
 *
 * @tag care-record-document-viewer
 * @summary The files of a document: PDF links, sanitised HTML, text, downloads.
 *
 * @csspart list - The list of attachments.
 * @csspart attachment - One attachment.
 * @csspart attachment-title - Its title.
 * @csspart attachment-meta - Its type, size and creation date.
 * @csspart narrative - Sanitised HTML content; also `text` for plain text.
 * @csspart link - The Open and Download links; also `open-link`, `download-link`.
 * @csspart notice - The notice that unsafe content was removed.
 * @csspart button - The Try again button (also `retry-button`).
 *
 * @cssprop --care-record-document-viewer-max-height - Largest height of inline text or HTML before it scrolls (default none).
 */
export class CareRecordDocumentViewer extends CareRecordElement {
  static override stringsNamespace = 'care-record-document-viewer';

  static override styles = [CareRecordElement.styles, documentViewerStyles];

  /** The files to show (e.g. `documentReference.content.map((c) => c.attachment)`). */
  @property({ attribute: false }) attachments: Attachment[] = [];

  /** A name for the downloads when attachments have no title (e.g. "Discharge summary 12-Mar-2024"). */
  @property({ attribute: 'document-title' }) documentTitle?: string;

  @state() private _prepared: Prepared[] = [];

  private _blobUrls = new Set<string>();
  private _controller?: AbortController;
  private _stale = false;
  private _readable?: boolean;

  /** The viewer's strings with the host's overrides. */
  get viewerStrings(): DocumentViewerStrings {
    return this.localStrings(defaultDocumentViewerStrings);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._stale) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._release();
    this._stale = true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Signing in or out changes what may be fetched: prepare again (and revoke what was made).
    const readable = this.canRead && !this._withheld;
    if (this._stale || readable !== this._readable || changed.has('attachments') || changed.has('client')) {
      this._readable = readable;
      if (readable) {
        this._prepareAll();
      } else {
        // Nothing is fetched (and nothing made earlier is kept) until the person is confirmed.
        this._release();
        this._stale = false;
        this._prepared = [];
      }
    }
  }

  override render(): TemplateResult {
    const strings = this.viewerStrings;
    if (!this.canRead) return this.renderSignedOut();
    // Files a host hands over belong to the provider's person: while that person is being found,
    // could not be confirmed, or their record waits for a reason or break glass, none is shown or fetched.
    if (this._withheld) {
      const { status } = this.patientState;
      if (status === 'error') return this.renderNoPatient(this.strings.patientUnavailable);
      if (this.recordHold) return this.renderRecordHold(this.recordHold);
      return status === 'loading' ? this.renderLoading() : this.renderNoPatient();
    }
    const attachments = this.attachments ?? [];
    // Inside another widget (a document list, a discharge summary) that widget says whose record it is.
    const identity = this._nested ? nothing : this.renderIdentityLine();
    if (attachments.length === 0) return html`${identity}<p class="state empty" part="state empty">${strings.noAttachments}</p>`;
    return html`${identity}<ul class="attachments" part="list" aria-label=${strings.attachmentsLabel}>
      ${attachments.map((attachment, index) => this._renderAttachment(attachment, index))}
    </ul>`;
  }

  /** True while a standalone viewer's person is unconfirmed (none chosen, loading, not found, or held for a reason). */
  private get _withheld(): boolean {
    const status = this.patientState.status;
    return !this._nested && (status !== 'ready' || this.recordHold !== undefined);
  }

  /** True when the viewer is part of another Care Record widget (rendered in its shadow root). */
  private get _nested(): boolean {
    const root = this.getRootNode();
    return root instanceof ShadowRoot && root.host instanceof CareRecordElement;
  }

  private _release(): void {
    this._controller?.abort();
    this._controller = undefined;
    for (const url of this._blobUrls) URL.revokeObjectURL(url);
    this._blobUrls.clear();
  }

  private _prepareAll(): void {
    this._release();
    this._stale = false;
    const controller = new AbortController();
    this._controller = controller;
    this._prepared = (this.attachments ?? []).map((attachment, index) => this._prepare(attachment, index, controller.signal));
  }

  private _prepare(attachment: Attachment, index: number, signal: AbortSignal): Prepared {
    if (attachment.data) {
      try {
        return this._fromBytes(attachment, { bytes: decodeBase64(attachment.data), contentType: attachment.contentType });
      } catch {
        return { state: 'unreadable' };
      }
    }
    if (!attachment.url) return { state: 'missing' };
    const target = resolveAttachmentUrl(attachment.url, this.client);
    if (target === 'unsafe') return { state: 'unsafe-link' };
    if (!target.onServer || !this.client) return { state: 'external', href: target.href };
    if (!this.canRead) return { state: 'pending' };
    void this._fetchInto(index, attachment, target.href, this.client, signal);
    return { state: 'pending' };
  }

  private async _fetchInto(index: number, attachment: Attachment, href: string, client: FhirClient, signal: AbortSignal): Promise<void> {
    let prepared: Prepared;
    try {
      const fetched = await this._fetchFromServer(href, client, attachment.contentType, signal);
      prepared = this._fromBytes(attachment, fetched);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      prepared = error instanceof DecodeError ? { state: 'unreadable' } : { state: 'error', error };
    }
    if (signal.aborted) {
      if (prepared.state === 'ready' && prepared.blobUrl) URL.revokeObjectURL(prepared.blobUrl);
      return;
    }
    const next = [...this._prepared];
    next[index] = prepared;
    this._prepared = next;
  }

  /**
   * A file on the FHIR server, fetched with the client's token. FHIR servers answer a `Binary` read
   * with `Accept: application/fhir+json` as a Binary resource (FHIR R4 §Binary), which goes through
   * the client (token, interceptors, retries, renewal on 401). Some servers send the raw bytes
   * whatever we accept; then the file is fetched again as bytes, with the session's token, on this
   * same origin only.
   */
  private async _fetchFromServer(href: string, client: FhirClient, contentType: string | undefined, signal: AbortSignal): Promise<Fetched> {
    try {
      const body = await client.get<{ resourceType?: string; contentType?: string; data?: string }>(href, { signal });
      if (body?.resourceType === 'Binary') {
        if (!body.data) return { bytes: new Uint8Array(0), contentType: body.contentType ?? contentType };
        try {
          return { bytes: decodeBase64(body.data), contentType: body.contentType ?? contentType };
        } catch {
          throw new DecodeError();
        }
      }
      throw new DecodeError();
    } catch (error) {
      if (!(error instanceof InvalidResponseError)) throw error;
    }
    const headers = new Headers({ Accept: contentType ?? '*/*' });
    const credentials = this.auth?.credentials;
    if (credentials !== 'include') {
      const token = await this.auth?.getAccessToken();
      if (token) headers.set('Authorization', `Bearer ${token}`);
    }
    const response = await fetch(href, { headers, credentials: credentials ?? 'same-origin', signal, redirect: 'error' });
    if (!response.ok) throw new Error(`The server answered ${response.status}.`);
    const responseType = response.headers.get('Content-Type') ?? '';
    // FHIR JSON (here broken, or it would have parsed above) is the server's answer, not the file:
    // never show it to a person as the document's text.
    if (/^application\/(fhir\+)?json/i.test(responseType) && !/json/i.test(contentType ?? '')) throw new DecodeError();
    return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: responseType || contentType };
  }

  private _fromBytes(attachment: Attachment, fetched: Fetched): Prepared {
    const contentType = attachment.contentType ?? fetched.contentType;
    const kind = classifyAttachment({ ...attachment, contentType });
    if (kind === 'html' || kind === 'text') {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(fetched.bytes);
      } catch {
        return { state: 'unreadable' };
      }
      if (kind === 'text') return { state: 'ready', text, bytes: fetched.bytes.length, contentType };
      const { element, removedCount } = sanitizedContainer(text, 'narrative', 'narrative');
      return { state: 'ready', html: element, removedCount, bytes: fetched.bytes.length, contentType };
    }
    // Served as a download only: the type is given so the browser picks the right application.
    const blob = new Blob([fetched.bytes], { type: kind === 'pdf' ? 'application/pdf' : 'application/octet-stream' });
    const blobUrl = URL.createObjectURL(blob);
    this._blobUrls.add(blobUrl);
    return { state: 'ready', blobUrl, bytes: fetched.bytes.length, contentType };
  }

  private _retry(index: number): void {
    const attachment = this.attachments[index];
    const controller = this._controller;
    if (!attachment || !controller) return;
    const next = [...this._prepared];
    next[index] = this._prepare(attachment, index, controller.signal);
    this._prepared = next;
  }

  private _kindLabel(kind: AttachmentKind): string {
    const strings = this.viewerStrings;
    switch (kind) {
      case 'pdf':
        return strings.kindPdf;
      case 'html':
        return strings.kindHtml;
      case 'text':
        return strings.kindText;
      case 'image':
        return strings.kindImage;
      default:
        return strings.kindOther;
    }
  }

  private _title(attachment: Attachment, index: number): string {
    return attachment.title?.trim() || (this.attachments.length === 1 && this.documentTitle) || this.viewerStrings.untitledAttachment(index + 1);
  }

  /** "PDF, 340 KB": the type (its MIME type when we have no name for it) and size, as known. */
  private _details(kind: AttachmentKind, contentType: string | undefined, bytes: number | undefined): string {
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const type = kind === 'other' || kind === 'image' ? (contentType?.split(';')[0].trim() ?? this._kindLabel(kind)) : this._kindLabel(kind);
    return [type, formatAttachmentSize(bytes, display)].filter(Boolean).join(', ');
  }

  /** A file name for Download: the title, made safe for file systems, with an extension for PDFs. */
  private _fileName(attachment: Attachment, index: number, kind: AttachmentKind): string {
    const base = this._title(attachment, index).replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'document';
    return kind === 'pdf' && !/\.pdf$/i.test(base) ? `${base}.pdf` : base;
  }

  private _renderAttachment(attachment: Attachment, index: number): TemplateResult {
    const strings = this.viewerStrings;
    const prepared = this._prepared[index] ?? { state: 'missing' };
    const contentType = prepared.state === 'ready' ? (attachment.contentType ?? prepared.contentType) : attachment.contentType;
    const kind = classifyAttachment({ ...attachment, contentType });
    const bytes = attachment.size ?? (prepared.state === 'ready' ? prepared.bytes : undefined);
    const created = formatDate(attachment.creation, { locale: this.settings.locale, timeZone: this.settings.timeZone });
    const title = this._title(attachment, index);
    const meta = [this._details(kind, contentType, bytes), created ? strings.createdOn(created) : undefined].filter(Boolean).join(' · ');
    return html`<li class="attachment" part="attachment">
      <p class="attachment-title" part="attachment-title">${title}</p>
      <p class="attachment-meta" part="attachment-meta">${meta}</p>
      ${this._renderContent(attachment, index, prepared, kind, contentType, bytes, title)}
    </li>`;
  }

  private _renderContent(
    attachment: Attachment,
    index: number,
    prepared: Prepared,
    kind: AttachmentKind,
    contentType: string | undefined,
    bytes: number | undefined,
    title: string,
  ): TemplateResult {
    const strings = this.viewerStrings;
    const hiddenTitle = html`<span class="visually-hidden">: ${title}</span>`;
    const newTab = html`<span class="visually-hidden"> ${strings.opensInNewTab}</span>`;
    switch (prepared.state) {
      case 'pending':
        return html`<p class="attachment-state" part="state loading" aria-busy="true">${strings.preparing}</p>`;
      case 'missing':
        return html`<p class="attachment-state" part="state empty">${strings.noContent}</p>`;
      case 'unreadable':
        return html`<p class="attachment-state" part="state error">${strings.notReadable}</p>`;
      case 'unsafe-link':
        return html`<p class="attachment-state" part="state error">${strings.unsafeLink}</p>`;
      case 'error': {
        const error = prepared.error;
        const message = error instanceof CareRecordError ? error.message : undefined;
        return html`<div class="attachment-state error" part="state error" role="alert">
          <p>${strings.loadFailed}</p>
          ${message ? html`<p>${message}</p>` : nothing}
          ${serverMessages(error).map((text) => html`<p>${this.strings.serverSaid(text)}</p>`)}
          <button class="button secondary-button" part="button retry-button" type="button" @click=${() => this._retry(index)}>
            ${strings.retry}
          </button>
        </div>`;
      }
      case 'external':
        return html`<p class="links">
          <a part="link open-link" href=${prepared.href} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer"
            >${kind === 'pdf' ? strings.openPdf : strings.openDocument}${hiddenTitle}${newTab}</a
          >
        </p>`;
      case 'ready':
        break;
    }
    if (prepared.html) {
      return html`${prepared.removedCount
          ? html`<p class="notice" part="notice" role="note">${strings.contentRemoved}</p>`
          : nothing}${prepared.html}`;
    }
    if (prepared.text !== undefined) return html`<pre class="text" part="narrative text">${prepared.text}</pre>`;
    const download = html`<a part="link download-link" href=${prepared.blobUrl ?? ''} download=${this._fileName(attachment, index, kind)}
      >${strings.download(this._details(kind, contentType, bytes))}${hiddenTitle}</a
    >`;
    if (kind !== 'pdf') return html`<p class="links">${download}</p>`;
    return html`<p class="links">
      <a part="link open-link" href=${prepared.blobUrl ?? ''} target="_blank" rel="noopener"
        >${strings.openPdf}${hiddenTitle}${newTab}</a
      >
      ${download}
    </p>`;
  }
}

/** A decoded body that is not what it claims to be. */
class DecodeError extends Error {}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-document-viewer': CareRecordDocumentViewer;
  }
}
