import { nothing } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml } from 'lit/static-html.js';
import type { ClinicalDocumentItem, DocumentReference } from '@care-record/fhir';
import { DischargeSummary } from '../components/discharge-summary.js';
import { CareRecordSelectEvent } from '../events.js';
import type { CareRecordNavigateEvent, CareRecordSelectDetail } from '../events.js';
import { nestedTag } from './nested-tag.js';

/** What the summary is opened with, besides the document. */
export interface InlineSummaryOptions {
  /** DocumentReferences that render the document (its PDF or HTML), shown as its files. */
  renderings: DocumentReference[];
  headingLevel: number;
  patientBanner?: string;
  /** Marked replaced by a newer version. */
  superseded?: boolean;
}

/**
 * A discharge, ED or ambulance summary opened in place of a list (`<discharge-list>`, the
 * `<encounter-list>` timeline), so staff read it without leaving the widget. Choosing one fires a
 * cancelable `care-record-select` (a host that shows documents its own way cancels it); the summary
 * takes focus; "Back to list" or Escape closes it and focus returns to the control that opened it,
 * which `opener(key)` finds after the list is shown again.
 */
export class InlineSummaryController implements ReactiveController {
  private _open?: { item: ClinicalDocumentItem; key: string };
  private _focusAfterClose?: string;

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _opener: (key: string) => HTMLElement | undefined,
  ) {
    _host.addController(this);
  }

  /** The open document, if one is. */
  get open(): ClinicalDocumentItem | undefined {
    return this._open?.item;
  }

  async select(item: ClinicalDocumentItem, key: string): Promise<void> {
    const detail: CareRecordSelectDetail = { resource: item.resource, reference: item.reference ?? '' };
    if (!this._host.dispatchEvent(new CareRecordSelectEvent(detail, { cancelable: true }))) return;
    this._open = { item, key };
    this._host.requestUpdate();
    await this._host.updateComplete;
    const summary = this._host.shadowRoot?.querySelector('.summary-view')?.firstElementChild as DischargeSummary | null | undefined;
    await summary?.updateComplete;
    summary?.focus();
  }

  /** Back to the list, focus on what opened the summary. */
  close(): void {
    if (!this._open) return;
    this._focusAfterClose = this._open.key;
    this._open = undefined;
    this._host.requestUpdate();
  }

  /** Forgets the open summary without moving focus (a new search: another resident, a retry). */
  reset(): void {
    this._open = undefined;
  }

  hostUpdated(): void {
    if (this._focusAfterClose === undefined) return;
    const key = this._focusAfterClose;
    this._focusAfterClose = undefined;
    this._opener(key)?.focus();
  }

  /** The open summary, or nothing. */
  render(options: InlineSummaryOptions): TemplateResult | typeof nothing {
    const item = this._open?.item;
    if (!item) return nothing;
    const renderings = options.renderings.filter((dr) => dr.id && item.mergedReferences.includes(`DocumentReference/${dr.id}`));
    const isComposition = item.resource.resourceType === 'Composition' && !!item.resource.id;
    const tag = nestedTag(DischargeSummary, 'discharge-summary');
    return staticHtml`<div class="summary-view" @keydown=${this._onKeydown}>
      <${tag}
        back-to-list
        exportparts="header, section, narrative, attachment, badge"
        heading-level=${options.headingLevel}
        patient-banner=${ifDefined(options.patientBanner)}
        .reference=${isComposition ? `Composition/${item.resource.id}` : undefined}
        .document=${isComposition ? undefined : item.resource}
        .renderings=${renderings}
        ?superseded=${!!options.superseded}
        @care-record-navigate=${this._onNavigate}
      ></${tag}>
    </div>`;
  }

  private readonly _onNavigate = (event: CareRecordNavigateEvent): void => {
    if (event.detail.section !== 'discharges') return;
    // "Back to list" comes back here: the list the summary was opened from is the place it means.
    event.stopPropagation();
    this.close();
  };

  private readonly _onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.close();
    }
  };
}
