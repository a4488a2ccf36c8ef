import type { FhirResource, OperationOutcomeIssue } from '@care-record/fhir';
import type { JsonObject } from '../json.js';
import type { ResourceIndex } from '../resource-index.js';
import { R4_RESOURCE_TYPES } from '../resource-types.js';
import { sortInstant } from './dates.js';
import { findParam, type ParamDefinition } from './definitions.js';
import { collectIncludes, parseInclude, type IncludeSpec } from './include.js';
import { compileValue, InvalidSearchError, isSupportedModifier, type ResourceFilter } from './match.js';
import { firstValues, normaliseText, splitEscaped } from './values.js';

export { InvalidSearchError };

export interface SearchSettings {
  baseUrl: string;
  /** Page size when the request has no `_count`. */
  defaultCount: number;
  /** Largest page served, whatever `_count` asks. */
  maxCount: number;
}

export interface SearchResultPage {
  /** The page of matches. */
  matches: FhirResource[];
  /** `_include` / `_revinclude` resources for this page. */
  included: FhirResource[];
  /** Warnings about parameters the server ignored (returned as an OperationOutcome entry). */
  warnings: OperationOutcomeIssue[];
  /** All matches, across pages. */
  total: number;
  offset: number;
  count: number;
  /** `_summary=count` (or `_count=0`): only the total is wanted. */
  countOnly: boolean;
  /** `_total=none`: leave the total out. */
  omitTotal: boolean;
}

// Parameters that shape the result rather than filter it.
const IGNORED_RESULT_PARAMS = new Set(['_format', '_pretty', '_contained', '_containedType', '_elements']);

interface SortKey {
  descending: boolean;
  key: (resource: FhirResource) => number | string | undefined;
}

function sortKey(definition: ParamDefinition): SortKey['key'] | undefined {
  switch (definition.type) {
    case 'date':
      return (resource) => {
        const instants = firstValues(resource, definition.paths).map(sortInstant).filter((n): n is number => n !== undefined);
        return instants.length ? Math.min(...instants) : undefined;
      };
    case 'token':
      return (resource) => {
        // Tokens sort by their code (system|code servers differ; the code is what repeats across systems).
        const value = firstValues(resource, definition.paths)[0];
        if (typeof value !== 'object' || value === null) return value === undefined ? undefined : String(value);
        const v = value as { code?: string; value?: string; coding?: Array<{ code?: string }>; text?: string };
        return v.coding?.[0]?.code ?? v.code ?? v.value ?? v.text;
      };
    case 'string':
    case 'uri':
      return (resource) => {
        const value = firstValues(resource, definition.paths)[0];
        if (typeof value === 'string') return normaliseText(value);
        if (typeof value !== 'object' || value === null) return undefined;
        const v = value as { text?: string; family?: string; given?: string[]; city?: string };
        const text = v.family ?? v.text ?? v.given?.[0] ?? v.city;
        return text === undefined ? undefined : normaliseText(text);
      };
    default:
      return undefined;
  }
}

function compare(a: number | string | undefined, b: number | string | undefined): number {
  if (a === b) return 0;
  // Resources without a value sort last, whichever the direction.
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

/** Whether a type can be searched: any R4 type, or one present in the index (custom data). */
export function isKnownType(index: ResourceIndex, type: string): boolean {
  return R4_RESOURCE_TYPES.has(type) || index.types().includes(type);
}

function warning(diagnostics: string, code: OperationOutcomeIssue['code'] = 'not-supported'): OperationOutcomeIssue {
  return { severity: 'warning', code, diagnostics };
}

/**
 * Runs a FHIR search over the index: filters (comma = OR, repeated parameter = AND), sorts, pages and
 * adds includes. Unknown parameters and modifiers are ignored with a warning, as lenient servers do.
 * @throws InvalidSearchError for malformed values (dates, `_count`), answered with 400.
 */
export function runSearch(index: ResourceIndex, resourceType: string, params: ReadonlyArray<[string, string]>, offset: number, settings: SearchSettings): SearchResultPage {
  const filters: ResourceFilter[] = [];
  const warnings: OperationOutcomeIssue[] = [];
  const includes: IncludeSpec[] = [];
  const revincludes: IncludeSpec[] = [];
  const sortKeys: SortKey[] = [];
  let count = settings.defaultCount;
  let countOnly = false;
  let omitTotal = false;

  for (const [key, value] of params) {
    const [name = '', ...modifiers] = key.split(':');
    const modifier = modifiers.length ? modifiers.join(':') : undefined;
    if (name === '_include' || name === '_revinclude') {
      const iterate = modifier === 'iterate' || modifier === 'recurse';
      for (const item of value.split(',')) {
        const spec = parseInclude(item.trim(), iterate);
        if (!spec) warnings.push(warning(`${name}=${item} is not Type:parameter[:TargetType]; it was ignored`, 'invalid'));
        else (name === '_include' ? includes : revincludes).push(spec);
      }
      continue;
    }
    if (name === '_count') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new InvalidSearchError(`_count must be a whole number, not "${value}"`);
      count = Math.min(n, settings.maxCount);
      if (n === 0) countOnly = true;
      continue;
    }
    if (name === '_summary') {
      if (value === 'count') countOnly = true;
      else if (!['true', 'false', 'text', 'data'].includes(value)) warnings.push(warning(`_summary=${value} is not supported; it was ignored`));
      continue;
    }
    if (name === '_total') {
      omitTotal = value === 'none';
      continue;
    }
    if (name === '_sort') {
      for (const item of value.split(',')) {
        const descending = item.startsWith('-');
        const sortName = descending ? item.slice(1) : item;
        const definition = findParam(resourceType, sortName);
        const keyOf = definition && sortKey(definition);
        if (!keyOf) warnings.push(warning(`Cannot sort ${resourceType} by "${sortName}"; that sort key was ignored`));
        else sortKeys.push({ descending, key: keyOf });
      }
      continue;
    }
    if (IGNORED_RESULT_PARAMS.has(name)) continue;
    const definition = findParam(resourceType, name);
    if (!definition) {
      warnings.push(warning(`The search parameter "${name}" is not supported for ${resourceType}; it was ignored`));
      continue;
    }
    if (modifier && !isSupportedModifier(definition.type, modifier)) {
      warnings.push(warning(`The modifier ":${modifier}" is not supported for "${name}"; the parameter was ignored`));
      continue;
    }
    if (value === '') continue; // FHIR: an empty value is ignored.
    const negate = modifier === 'not';
    const alternatives = splitEscaped(value, ',').map((item) => compileValue(name, definition, negate ? undefined : modifier, item, settings.baseUrl));
    filters.push((resource) => alternatives.some((test) => test(resource)) !== negate);
  }

  let matches = index.ofType(resourceType).filter((resource) => filters.every((test) => test(resource as unknown as JsonObject)));
  if (sortKeys.length > 0) {
    const decorated = matches.map((resource) => ({ resource, keys: sortKeys.map((s) => s.key(resource)) }));
    decorated.sort((a, b) => {
      for (let i = 0; i < sortKeys.length; i++) {
        const [x, y] = [a.keys[i], b.keys[i]];
        if (x === undefined || y === undefined) {
          const c = compare(x, y);
          if (c !== 0) return c;
          continue;
        }
        const c = compare(x, y) * (sortKeys[i]!.descending ? -1 : 1);
        if (c !== 0) return c;
      }
      return 0;
    });
    matches = decorated.map((d) => d.resource);
  }

  const total = matches.length;
  const page = countOnly ? [] : matches.slice(offset, offset + count);
  const included = page.length ? collectIncludes(index, page, includes, revincludes) : [];
  return { matches: page, included, warnings, total, offset, count, countOnly, omitTotal };
}
