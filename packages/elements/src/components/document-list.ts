import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml } from 'lit/static-html.js';
import {
  classifyAttachment,
  codeableConceptText,
  compareFhirDates,
  describeReference,
  formatAttachmentSize,
  formatDate,
  mergeDischargeDocuments,
  referenceString,
} from '@care-record/fhir';
import type { ClinicalDocumentItem, ClinicalDocumentList, DocumentReference, FhirClient, FhirResource, Patient, Reference, ResourceLookup } from '@care-record/fhir';
import { CareRecordElement } from '../base/care-record-element.js';
import { nestedTag } from '../base/nested-tag.js';
import { createRecordTask } from '../base/record-task.js';
import { documentReferenceSearch } from '../base/queries.js';
import { renderSearchNotes, searchOutcomeTexts } from '../base/states.js';
import { inDayRange, listControlStyles, renderDateControl, renderListControls, renderListCount, renderSelectControl } from '../base/list-controls.js';
import { pageSizeOf, searchPages } from '../base/paged-list.js';
import type { SearchPages } from '../base/paged-list.js';
import { fetchReferences, recordLookup } from '../base/record-parties.js';
import { CareRecordSelectEvent } from '../events.js';
import type { CareRecordSelectDetail } from '../events.js';
import { CareRecordDocumentViewer } from './document-viewer.js';
import { documentListStyles } from './document-list.styles.js';
import { documentListStrings } from './document-list.strings.js';
import type { DocumentListStrings } from './document-list.strings.js';

export { documentListStrings } from './document-list.strings.js';
export type { DocumentListStrings } from './document-list.strings.js';

export type DocumentSort = 'newest' | 'oldest';
export type DocumentStatusFilter = 'all' | 'current';

/** IHE format codes that only say "the MIME type is enough": nothing for a person to read. */
const UNINFORMATIVE_FORMATS = new Set(['urn:ihe:iti:xds:2017:mimeTypeSufficient']);
const NOT_KNOWN_TYPE = '\u0000not-known';

/** The documents loaded so far, with the authors and organisations the search did not include, fetched by reference. */
export type DocumentPage = SearchPages<DocumentReference>;

interface DocumentView {
  list: ClinicalDocumentList;
  raw: Map<string, DocumentReference>;
  lookup: ResourceLookup;
}

/**
 * Authors and custodians without a display that the search did not include, in one batched request
 * per type. Conditional references (`Practitioner?identifier=…`, as Synthea writes) are not fetched.
 * A failure leaves them as "Not known": the documents must still show.
 */
async function fetchDocumentParties(
  client: FhirClient,
  documents: readonly DocumentReference[],
  lookup: ResourceLookup,
  known: ReadonlyMap<string, FhirResource>,
  signal: AbortSignal,
): Promise<Map<string, FhirResource>> {
  const parties = new Map(known);
  const wanted = new Map<string, Reference>();
  const want = (reference: Reference | undefined, from: DocumentReference) => {
    const text = referenceString(reference);
    if (!reference || !text || reference.display || text.startsWith('#') || text.startsWith('urn:') || text.includes('?')) return;
    if (lookup(reference, from) || parties.has(text)) return;
    wanted.set(text, reference);
  };
  for (const document of documents) {
    want(document.custodian, document);
    document.author?.forEach((author) => want(author, document));
  }
  await fetchReferences(client, wanted, parties, signal);
  return parties;
}

/**
 * Every document shared in the resident's record (`DocumentReference`: letters, clinic notes, scanned
 * and PDF reports, care plan reports…), newest first. Each shows its title, type, category, date,
 * author, the organisation holding it, the care setting, its status in words (documents replaced by a
 * newer version are shown, marked "Replaced by a newer version"; preliminary and amended ones say so)
 * and each of its files with format and size ("PDF, 340 KB"). "View document" fires
 * `care-record-select`; unless the host calls `preventDefault()`, the files open below the row in
 * `<care-record-document-viewer>` (PDF links, sanitised HTML, text). Documents marked as entered in
 * error are left out with a notice. Filters by type, status and date, and sorts newest or oldest first.
 *
 * Searches `DocumentReference?patient={id}&_sort=-date&_include=DocumentReference:author&_include=DocumentReference:custodian&_count={page-size}`
 * one page at a time ("Showing 20 of 62" and Load more). Authors and organisations the search did not
 * include are fetched in one batched request per type.
 *
 * @tag document-list
 * @summary Shared documents with type, author, organisation, status and files, newest first.
 *
 * @fires care-record-select - "View document" was chosen (detail `{ resource, reference }`); cancelable: `preventDefault()` keeps the files from opening here.
 * @fires care-record-error - The documents could not be loaded (detail `{ error, source }`).
 *
 * @csspart section - The whole widget.
 * @csspart heading - Headings (also `item-heading`).
 * @csspart controls - The sort and filter controls; each has part `control`.
 * @csspart count - "8 documents", or "Showing 3 of 8" while filters hide some.
 * @csspart notice - Notices (entered in error, what the server noted).
 * @csspart list - The list of documents.
 * @csspart item - One document; also `item-superseded` when replaced by a newer version.
 * @csspart badge - Status badges (current, replaced, preliminary, amended).
 * @csspart details - A document's details.
 * @csspart files - A document's list of files.
 * @csspart view-button - The button that shows or hides a document's files.
 * @csspart viewer - The `<care-record-document-viewer>` showing them; its own parts are exported as `attachment`, `narrative`, `link`.
 * @csspart source - Where and when each document was recorded.
 * @csspart state - Shared states (loading, empty, error, signed out, partial…).
 * @csspart button - Every button (view, retry, load more, clear filters).
 *
 * @cssprop --care-record-document-list-superseded-color - Text of documents replaced by a newer version (defaults to the secondary text colour).
 */
export class DocumentList extends CareRecordElement {
  static override stringsNamespace = 'document-list';

  static override styles = [CareRecordElement.styles, listControlStyles, documentListStyles];

  /** Documents asked for per request (`_count`, 1–100, default 20); more come with Load more. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** `newest` (default) or `oldest` first, by document date. */
  @property() sort: DocumentSort = 'newest';

  /** `all` (default: current and replaced documents) or `current` (replaced ones hidden). */
  @property({ attribute: 'status-filter' }) statusFilter: DocumentStatusFilter = 'all';

  @state() private _type = '';
  @state() private _from = '';
  @state() private _to = '';
  /** Keys of the documents whose files are open. */
  @state() private _open = new Set<string>();

  private _viewCache?: { page: DocumentPage; patient: Patient | undefined; view: DocumentView };

  private readonly _documents = createRecordTask(this, {
    args: () => [pageSizeOf(this.pageSize, 20)] as const,
    resourceTypes: ['DocumentReference'],
    section: 'documents',
    // What the audit trail is told was shown: the documents on screen (entered-in-error ones are not).
    count: (page: DocumentPage) => this._view(page).list.items.length,
    task: async ({ client, patientId, signal, args: [count] }): Promise<DocumentPage> =>
      this._pages.withParties(client, await client.search<DocumentReference>(...documentReferenceSearch(patientId, count), { signal, maxPages: 1 }), signal),
  });

  private readonly _pages = searchPages(this, {
    base: () => this._documents.value,
    section: 'documents',
    resourceType: 'DocumentReference',
    fetchParties: fetchDocumentParties,
    lookup: (result, parties) => recordLookup(result, parties, this.patient),
    onError: (error) => this.dispatchError(error),
    // A new search (another resident, a retry, a new page size): no document of the old one stays open.
    onNewBase: () => {
      this._open = new Set();
      this._type = '';
    },
  });

  /** The document list's strings with the host's overrides. */
  get documentStrings(): DocumentListStrings {
    return this.localStrings(documentListStrings);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.sort !== 'newest' && this.sort !== 'oldest') this.sort = 'newest';
    if (this.statusFilter !== 'all' && this.statusFilter !== 'current') this.statusFilter = 'all';
  }

  protected override renderLoading(label: string = this.documentStrings.documentLoading): TemplateResult {
    return super.renderLoading(label);
  }

  override render(): TemplateResult {
    const s = this.documentStrings;
    return html`<section class="document-list" part="section" aria-labelledby="document-heading">
      ${this.renderHeading(s.documentHeading, { id: 'document-heading' })} ${this.renderIdentityLine()}
      ${this._documents.render({
        complete: (page) => this._renderLoaded(this._pages.data(page)),
        errorTitle: s.documentUnavailable,
      })}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Data

  private _view(page: DocumentPage): DocumentView {
    const cache = this._viewCache;
    if (cache && cache.page === page && cache.patient === this.patient) return cache.view;
    const lookup = recordLookup(page.result, page.parties, this.patient);
    const list = mergeDischargeDocuments([], page.result.matches, { resolve: lookup });
    const raw = new Map(page.result.matches.filter((d) => d.id).map((d) => [`DocumentReference/${d.id}`, d]));
    const view = { list, raw, lookup };
    this._viewCache = { page, patient: this.patient, view };
    return view;
  }

  private _key(item: ClinicalDocumentItem, index: number): string {
    return item.reference ?? `document-${index}`;
  }

  private _typeKey(item: ClinicalDocumentItem): string {
    return item.typeText?.trim() || NOT_KNOWN_TYPE;
  }

  private _shown(items: ClinicalDocumentItem[]): ClinicalDocumentItem[] {
    const timeZone = this.settings.timeZone;
    const shown = items.filter((item) => {
      if (this.statusFilter === 'current' && item.superseded) return false;
      if (this._type && this._typeKey(item) !== this._type) return false;
      // An undated document cannot be said to fall in a range: it is left out while dates filter.
      return inDayRange(item.date, item.date, this._from, this._to, timeZone);
    });
    // The model's order is newest first; oldest first keeps undated documents last too.
    return this.sort === 'oldest' ? shown.sort((a, b) => compareFhirDates(a.date, b.date)) : shown;
  }

  private readonly _clearFilters = (): void => {
    this._type = '';
    this._from = '';
    this._to = '';
    this.statusFilter = 'all';
  };

  private _toggle(item: ClinicalDocumentItem, key: string): void {
    if (this._open.has(key)) {
      const open = new Set(this._open);
      open.delete(key);
      this._open = open;
      return;
    }
    const detail: CareRecordSelectDetail = { resource: item.resource, reference: item.reference ?? '' };
    // Cancelable, so a host that shows documents its own way can call preventDefault().
    if (!this.dispatchEvent(new CareRecordSelectEvent(detail, { cancelable: true }))) return;
    // A disclosure: focus stays on the button, which now says "Hide document".
    this._open = new Set(this._open).add(key);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private _renderLoaded(page: DocumentPage): TemplateResult {
    const s = this.documentStrings;
    const view = this._view(page);
    const { result } = page;
    const items = view.list.items;
    const shown = this._shown(items);
    const excluded = view.list.excludedEnteredInError;
    const keys = new Map(items.map((item, index) => [item, this._key(item, index)]));
    return html`
      ${renderSearchNotes(searchOutcomeTexts(result), s.serverNoted)}
      ${excluded ? html`<p class="notice" part="notice" role="note">${s.documentEnteredInError(excluded)}</p>` : nothing}
      ${items.length === 0 && result.complete
        ? this.renderEmpty(s.documentNoneRecorded)
        : html`${this._renderControls(items, shown.length)}
            ${shown.length
              ? html`<ul class="documents" part="list">
                  ${shown.map((item) => this._renderItem(item, keys.get(item)!, view))}
                </ul>`
              : html`<p class="state empty" part="state empty">${s.noMatches}</p>`}`}
      ${this._pages.renderMore(result, s.documentLoadMoreFailed)}
    `;
  }

  private _renderControls(items: ClinicalDocumentItem[], shown: number): TemplateResult {
    const s = this.documentStrings;
    const types = [...new Set(items.map((item) => item.typeText?.trim()).filter((type): type is string => !!type))].sort((a, b) =>
      a.localeCompare(b, this.settings.locale),
    );
    const typeOptions = [
      { value: '', label: s.filterAllTypes },
      ...types.map((type) => ({ value: type, label: type })),
      ...(items.some((item) => !item.typeText?.trim()) ? [{ value: NOT_KNOWN_TYPE, label: s.filterTypeNotKnown }] : []),
    ];
    return html`${renderListControls(s.documentFiltersLabel, [
        renderSelectControl<DocumentSort>({
          id: 'document-sort',
          label: s.sortLabel,
          value: this.sort,
          options: [
            { value: 'newest', label: s.sortNewest },
            { value: 'oldest', label: s.sortOldest },
          ],
          onChange: (value) => (this.sort = value),
        }),
        renderSelectControl({
          id: 'document-type',
          label: s.filterType,
          value: typeOptions.some((option) => option.value === this._type) ? this._type : '',
          options: typeOptions,
          onChange: (value) => (this._type = value),
        }),
        renderSelectControl<DocumentStatusFilter>({
          id: 'document-status',
          label: s.filterStatus,
          value: this.statusFilter,
          options: [
            { value: 'all', label: s.filterStatusAll },
            { value: 'current', label: s.filterStatusCurrent },
          ],
          onChange: (value) => (this.statusFilter = value),
        }),
        renderDateControl({ id: 'document-from', label: s.filterFrom, value: this._from, onChange: (value) => (this._from = value) }),
        renderDateControl({ id: 'document-to', label: s.filterTo, value: this._to, onChange: (value) => (this._to = value) }),
      ])}
      ${renderListCount(s, { shown, total: items.length, allText: s.documentCount(items.length), onClear: this._clearFilters })}`;
  }

  private _renderItem(item: ClinicalDocumentItem, key: string, view: DocumentView): TemplateResult {
    const s = this.documentStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    const raw = item.reference ? view.raw.get(item.reference) : undefined;
    const resource = raw ?? (item.resource.resourceType === 'DocumentReference' ? item.resource : undefined);
    const title = item.title?.trim() || item.typeText || s.documentUntitled;
    const categories = (resource?.category ?? []).map((category) => codeableConceptText(category)).filter((text): text is string => !!text);
    const periodStart = formatDate(item.periodStart, display);
    const periodEnd = formatDate(item.periodEnd, display);
    const period = periodStart && periodEnd && periodStart !== periodEnd ? `${periodStart} to ${periodEnd}` : (periodStart ?? periodEnd);
    const open = this._open.has(key);
    const viewerTag = open ? nestedTag(CareRecordDocumentViewer, 'care-record-document-viewer') : undefined;
    const viewerId = `viewer-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const headingId = `heading-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const replaces = (resource?.relatesTo ?? []).some((relation) => relation.code === 'replaces');
    const badges: string[] = [item.superseded ? 'superseded' : (resource?.status ?? 'current')];
    if (item.status === 'preliminary' || item.status === 'amended') badges.push(item.status);
    const detail = (label: string, value: unknown) => html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
    // `content` is required, but a record without it must still be listed, with no files.
    const attachments = (resource?.content ?? []).map((content) => content.attachment);
    // Every person who wrote it whose name is known (the first author may be a reference we cannot resolve).
    const authors = [
      ...new Set(
        (resource?.author ?? [])
          .map((author) => describeReference(author, resource, view.lookup))
          .filter((party) => party?.resourceType !== 'Organization')
          .map((party) => party?.name)
          .filter((name): name is string => !!name),
      ),
    ];
    return html`<li class="document ${item.superseded ? 'superseded' : ''}" part="item${item.superseded ? ' item-superseded' : ''}">
      <div class="document-header">
        ${this.renderHeading(title, { offset: 1, part: 'heading item-heading', id: headingId })}
        <p class="badges">
          ${badges.map(
            (status) => html`<span class="badge badge-${status}" part="badge"><span class="visually-hidden">${s.statusPrefix}</span>${s.documentStatus(status)}</span>`,
          )}
        </p>
      </div>
      ${replaces ? html`<p class="hint">${s.replacesEarlier}</p>` : nothing}
      <dl class="details" part="details">
        ${detail(s.labelDate, formatDate(item.date, display) ?? s.notKnown)} ${detail(s.labelType, item.typeText ?? s.notKnown)}
        ${categories.length ? detail(s.documentLabelCategory, categories.join(', ')) : nothing} ${detail(s.labelAuthor, authors.length ? authors.join(', ') : (item.author?.name ?? s.notKnown))}
        ${detail(s.labelOrganisation, item.organisation?.name ?? s.notKnown)}
        ${item.careSetting ? detail(s.labelCareSetting, item.careSetting) : nothing} ${period ? detail(s.labelCovers, period) : nothing}
        ${detail(s.labelFiles, attachments.length ? this._renderFiles(resource!) : s.noFiles)}
      </dl>
      ${attachments.length
        ? html`<button
            class="button secondary-button view-button"
            part="button view-button"
            type="button"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${ifDefined(open ? viewerId : undefined)}
            aria-describedby=${headingId}
            @click=${() => this._toggle(item, key)}
          >
            ${open ? s.hideDocument : s.viewDocument}
          </button>`
        : nothing}
      ${open
        ? staticHtml`<${viewerTag}
            id=${viewerId}
            class="viewer"
            part="viewer"
            data-key=${key}
            exportparts="attachment, narrative, link"
            heading-level=${this.effectiveHeadingLevel + 2}
            document-title=${title}
            .attachments=${attachments}
          ></${viewerTag}>`
        : nothing}
      <p class="source" part="source">${this.sourceLine(item.organisation?.name, item.date)}</p>
    </li>`;
  }

  private _renderFiles(resource: DocumentReference): TemplateResult {
    const s = this.documentStrings;
    const display = { locale: this.settings.locale, timeZone: this.settings.timeZone };
    return html`<ul class="files" part="files">
      ${(resource.content ?? []).map((content) => {
        const attachment = content.attachment;
        const kind = classifyAttachment(attachment);
        const format = content.format && !UNINFORMATIVE_FORMATS.has(content.format.code ?? '') ? (content.format.display ?? content.format.code) : undefined;
        const parts = [
          s.attachmentKind(kind, attachment.contentType),
          formatAttachmentSize(attachment.size, display),
          format ? s.attachmentFormat(format) : undefined,
          attachment.language ? s.attachmentLanguage(attachment.language) : undefined,
        ].filter(Boolean);
        return html`<li>${attachment.title?.trim() ? html`<span class="file-title">${attachment.title.trim()}</span>: ` : nothing}${parts.join(', ')}</li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'document-list': DocumentList;
  }
}
