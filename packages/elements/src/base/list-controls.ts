import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { parseFhirDate } from '@care-record/fhir';
import type { ListControlStrings } from './list-controls.strings.js';

/*
 * Shared sort / filter / search controls and the "Showing N of M" count for list widgets, so that
 * every list in the record is sorted and filtered the same way. Plain functions returning templates
 * (like states.ts) plus `listControlStyles`; the widget keeps the chosen values in its own `@state`s.
 *
 * ```ts
 * static override styles = [CareRecordElement.styles, listControlStyles, styles];
 * renderListControls(this.listControlStrings.controlsLabel('allergies'), [
 *   renderSelectControl({ id: 'sort', label: 'Sort by', value: this._sort, options, onChange: (v) => (this._sort = v) }),
 *   renderSearchControl({ id: 'search', label: 'Search by name', value: this._query, onInput: (v) => (this._query = v) }),
 * ]);
 * ```
 */

export { defaultListControlStrings } from './list-controls.strings.js';
export type { ListControlStrings } from './list-controls.strings.js';

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
}

export interface SelectControlOptions<V extends string = string> {
  /** Unique within the widget's shadow root (labels point at it). */
  id: string;
  label: string;
  value: V;
  options: ReadonlyArray<SelectOption<V>>;
  onChange: (value: V) => void;
  /** Extra `part` names (the select always has part `control select`). */
  part?: string;
}

/** A labelled `<select>`: sort orders and filters with a handful of choices. */
export function renderSelectControl<V extends string>(control: SelectControlOptions<V>): TemplateResult {
  const onChange = (event: Event) => control.onChange((event.target as HTMLSelectElement).value as V);
  return html`<div class="control">
    <label class="control-label" for=${control.id}>${control.label}</label>
    <select
      id=${control.id}
      class="control-input"
      part=${`control select${control.part ? ` ${control.part}` : ''}`}
      .value=${live(control.value)}
      @change=${onChange}
    >
      ${control.options.map(
        (option) => html`<option value=${option.value} ?selected=${option.value === control.value}>${option.label}</option>`,
      )}
    </select>
  </div>`;
}

export interface SearchControlOptions {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** Extra `part` names (the input always has part `control search`). */
  part?: string;
  /** Hint under the label (not a placeholder: placeholders vanish as people type). */
  hint?: string;
}

/** A labelled search box that filters as people type. */
export function renderSearchControl(control: SearchControlOptions): TemplateResult {
  const hintId = control.hint ? `${control.id}-hint` : undefined;
  const onInput = (event: Event) => control.onInput((event.target as HTMLInputElement).value);
  return html`<div class="control control-search">
    <label class="control-label" for=${control.id}>${control.label}</label>
    ${control.hint ? html`<span class="control-hint" id=${hintId!}>${control.hint}</span>` : nothing}
    <input
      id=${control.id}
      class="control-input"
      part=${`control search${control.part ? ` ${control.part}` : ''}`}
      type="search"
      autocomplete="off"
      spellcheck="false"
      aria-describedby=${ifDefined(hintId)}
      .value=${live(control.value)}
      @input=${onInput}
    />
  </div>`;
}

export interface DateControlOptions {
  id: string;
  label: string;
  /** 'YYYY-MM-DD', or '' for none. */
  value: string;
  onChange: (value: string) => void;
}

/** A labelled date box (part `control date`), for "From date" / "To date" filters. */
export function renderDateControl(control: DateControlOptions): TemplateResult {
  const onChange = (event: Event) => control.onChange((event.target as HTMLInputElement).value);
  return html`<div class="control control-date">
    <label class="control-label" for=${control.id}>${control.label}</label>
    <input id=${control.id} class="control-input" part="control date" type="date" .value=${live(control.value)} @change=${onChange} />
  </div>`;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar days ('YYYY-MM-DD') a FHIR date covers in the display time zone ('2024-03' covers all of March). */
export function dayRange(value: string | undefined, timeZone: string): [string, string] | undefined {
  const parsed = parseFhirDate(value, { timeZone });
  if (!parsed || !value) return undefined;
  if (parsed.precision === 'year') return [`${value.slice(0, 4)}-01-01`, `${value.slice(0, 4)}-12-31`];
  if (parsed.precision === 'month') return [`${value.slice(0, 7)}-01`, `${value.slice(0, 7)}-31`];
  if (parsed.precision === 'day') return [value.slice(0, 10), value.slice(0, 10)];
  // A formatter per time zone: making one costs far more than formatting (thousands of rows).
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const day = formatter.format(parsed.date);
  return [day, day];
}

/**
 * Whether something from `start` to `end` (FHIR dates) falls, in part, between the days `from` and
 * `to` ('YYYY-MM-DD', '' for no limit). Undated things cannot be said to fall in a range: false
 * while either limit is set.
 */
export function inDayRange(start: string | undefined, end: string | undefined, from: string, to: string, timeZone: string): boolean {
  if (!from && !to) return true;
  const first = dayRange(start, timeZone);
  const last = dayRange(end, timeZone);
  if (!first || !last) return false;
  return !(from && last[1] < from) && !(to && first[0] > to);
}

/** The controls in one labelled group (part `controls`), wrapping onto several lines when narrow. */
export function renderListControls(label: string, controls: ReadonlyArray<TemplateResult | typeof nothing>): TemplateResult {
  return html`<div class="list-controls" part="controls" role="group" aria-label=${label}>${controls}</div>`;
}

export interface CountOptions {
  /** Items on screen after filtering. */
  shown: number;
  /** Items loaded (before filtering). */
  total: number;
  /** What to say when nothing is filtered out ("8 allergies"); nothing is said without it. */
  allText?: string;
  /** Clears every filter; a "Clear filters" button appears while some items are hidden. */
  onClear?: () => void;
}

/**
 * "Showing 3 of 8" while filters hide items (with Clear filters), else `allText` ("8 allergies").
 * Announced politely, so people using a screen reader hear what a filter did.
 */
export function renderListCount(strings: ListControlStrings, options: CountOptions): TemplateResult {
  const filtered = options.shown < options.total;
  return html`<div class="list-count" part="count">
    <p aria-live="polite">${filtered ? strings.filteredCount(options.shown, options.total) : (options.allText ?? '')}</p>
    ${filtered && options.onClear
      ? html`<button class="link-button" part="button clear-filters-button" type="button" @click=${options.onClear}>
          ${strings.clearFilters}
        </button>`
      : nothing}
  </div>`;
}

/** Case- and accent-insensitive "contains", for search boxes. An empty query matches everything. */
export function matchesQuery(query: string, ...texts: Array<string | undefined>): boolean {
  const needle = foldText(query);
  if (!needle) return true;
  return texts.some((text) => text !== undefined && foldText(text).includes(needle));
}

function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Styles for the controls, the count and link-style buttons; add after `CareRecordElement.styles`. */
export const listControlStyles = css`
  .list-controls {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_cr-space) calc(var(--_cr-space) * 2);
    margin: 0 0 var(--_cr-space);
  }

  .control {
    display: flex;
    flex-direction: column;
    flex: 1 1 10em;
    min-width: 0;
    max-width: 100%;
  }

  .control-search {
    flex-basis: 14em;
  }

  .control-label {
    font-weight: 600;
  }

  .control-hint {
    color: var(--_cr-text-secondary);
    font-size: 0.875em;
  }

  .control-input {
    min-height: 44px;
    width: 100%;
    max-width: 100%;
    padding: calc(var(--_cr-space) / 2) var(--_cr-space);
    border: 2px solid var(--_cr-text);
    border-radius: 0;
    color: var(--_cr-text);
    background-color: var(--_cr-background);
    font: inherit;
  }

  /* NHS focus style for inputs: yellow outline with a dark inner ring. */
  .control-input:focus-visible {
    outline: 3px solid var(--_cr-focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_cr-focus-text);
  }

  .list-count {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_cr-space);
    margin: 0 0 var(--_cr-space);
  }

  .list-count p {
    margin: 0;
    color: var(--_cr-text-secondary);
  }

  .link-button {
    min-height: 24px;
    min-width: 24px;
    margin: 0;
    padding: 2px;
    border: 0;
    color: var(--_cr-primary);
    background: none;
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .link-button:focus-visible {
    outline: 4px solid transparent;
    color: var(--_cr-focus-text);
    background-color: var(--_cr-focus);
    box-shadow:
      0 -2px var(--_cr-focus),
      0 4px var(--_cr-focus-text);
    text-decoration: none;
  }

  @media (forced-colors: active) {
    .control-input:focus-visible,
    .link-button:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
