import type { Identifier, Reference } from '@care-record/fhir';
import { isJsonObject, type JsonObject } from '../json.js';
import { parseReference } from '../references.js';
import { compareRange, dateRange, elementRange, splitPrefix } from './dates.js';
import type { ParamDefinition, ParamType } from './definitions.js';
import { firstValues, normaliseText, splitEscaped, unescapeValue } from './values.js';

/** A search value the server cannot read (a bad date): answered with 400 and an OperationOutcome. */
export class InvalidSearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSearchError';
  }
}

/** A test of one resource against one search value (one of a comma-separated list). */
export type ResourceFilter = (resource: JsonObject) => boolean;

export const SUPPORTED_MODIFIERS: Readonly<Record<ParamType, readonly string[]>> = {
  token: ['missing', 'not', 'text'],
  reference: ['missing', 'identifier'],
  date: ['missing'],
  string: ['missing', 'exact', 'contains'],
  uri: ['missing', 'below', 'above'],
};

/** Whether `modifier` is usable with a parameter of this type (reference types take `:Patient` etc.). */
export function isSupportedModifier(type: ParamType, modifier: string): boolean {
  return SUPPORTED_MODIFIERS[type].includes(modifier) || (type === 'reference' && /^[A-Z][A-Za-z]+$/.test(modifier));
}

interface TokenCandidate {
  system?: string;
  code?: string;
  texts: string[];
}

function tokenCandidates(value: unknown): TokenCandidate[] {
  if (typeof value === 'string') return [{ code: value, texts: [] }];
  if (typeof value === 'boolean' || typeof value === 'number') return [{ code: String(value), texts: [] }];
  if (!isJsonObject(value)) return [];
  if (Array.isArray(value.coding) || typeof value.text === 'string') {
    // CodeableConcept: every coding, each also searchable by the concept's text.
    const text = typeof value.text === 'string' ? [value.text] : [];
    const codings = (value.coding as unknown[] | undefined) ?? [];
    const candidates = codings.filter(isJsonObject).map((coding) => ({
      system: coding.system as string | undefined,
      code: coding.code as string | undefined,
      texts: [...text, ...(typeof coding.display === 'string' ? [coding.display] : [])],
    }));
    return candidates.length ? candidates : [{ texts: text }];
  }
  if ('code' in value) {
    return [{ system: value.system as string | undefined, code: value.code as string | undefined, texts: typeof value.display === 'string' ? [value.display] : [] }];
  }
  if ('value' in value) {
    // Identifier, ContactPoint.
    const type = isJsonObject(value.type) && typeof value.type.text === 'string' ? [value.type.text] : [];
    return [{ system: value.system as string | undefined, code: String(value.value), texts: type }];
  }
  return [];
}

function tokenMatcher(raw: string): (candidate: TokenCandidate) => boolean {
  const parts = splitEscaped(raw, '|');
  if (parts.length === 1) {
    const code = unescapeValue(parts[0]!);
    return (candidate) => candidate.code === code;
  }
  const system = unescapeValue(parts[0]!);
  const code = unescapeValue(parts.slice(1).join('|'));
  if (system === '') return (candidate) => !candidate.system && candidate.code === code;
  if (code === '') return (candidate) => candidate.system === system;
  return (candidate) => candidate.system === system && candidate.code === code;
}

function textMatches(text: string, search: string): boolean {
  const normalised = normaliseText(text);
  return normalised.startsWith(search) || normalised.includes(` ${search}`);
}

function stringCandidates(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!isJsonObject(value)) return [];
  const out: string[] = [];
  for (const key of ['text', 'family', 'given', 'prefix', 'suffix', 'line', 'city', 'district', 'state', 'postalCode', 'country']) {
    const v = value[key];
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  return out;
}

function referenceMatcher(raw: string, definition: ParamDefinition, modifier: string | undefined, baseUrl: string): (reference: Reference) => boolean {
  const value = unescapeValue(raw);
  const typeModifier = modifier && /^[A-Z]/.test(modifier) ? modifier : undefined;
  const local = value.startsWith(`${baseUrl}/`) ? value.slice(baseUrl.length + 1) : value;
  const parsed = parseReference(local);
  const targetType = parsed?.type ?? typeModifier ?? (definition.targets?.length === 1 ? definition.targets[0] : undefined);
  const targetId = parsed?.id ?? local;
  const allowed = definition.targets;
  return (reference) => {
    const candidate = parseReference(reference.reference);
    if (!candidate || candidate.id !== targetId) return false;
    if (targetType && candidate.type !== targetType) return false;
    return !allowed || allowed.includes(candidate.type);
  };
}

/**
 * Compiles one search value (one item of a comma-separated list) of a parameter into a filter.
 * `:not` is applied by the caller across the whole list.
 * @throws InvalidSearchError for a value the parameter cannot take (a malformed date).
 */
export function compileValue(name: string, definition: ParamDefinition, modifier: string | undefined, raw: string, baseUrl: string): ResourceFilter {
  const values = (resource: JsonObject) => firstValues(resource, definition.paths);
  if (modifier === 'missing') {
    if (raw !== 'true' && raw !== 'false') throw new InvalidSearchError(`${name}:missing takes true or false, not "${raw}"`);
    const missing = raw === 'true';
    return (resource) => (values(resource).length === 0) === missing;
  }
  switch (definition.type) {
    case 'token': {
      if (modifier === 'text') {
        const search = normaliseText(unescapeValue(raw));
        return (resource) => values(resource).some((v) => tokenCandidates(v).some((c) => c.texts.some((t) => textMatches(t, search))));
      }
      const matches = tokenMatcher(raw);
      return (resource) => values(resource).some((v) => tokenCandidates(v).some(matches));
    }
    case 'reference': {
      if (modifier === 'identifier') {
        const matches = tokenMatcher(raw);
        return (resource) =>
          values(resource).some((v) => isJsonObject(v) && tokenCandidates(v.identifier as Identifier | undefined).some(matches));
      }
      const matches = referenceMatcher(raw, definition, modifier, baseUrl);
      return (resource) => values(resource).some((v) => isJsonObject(v) && typeof v.reference === 'string' && matches(v as Reference));
    }
    case 'date': {
      // A `+` time zone sent unencoded arrives as a space; no date has spaces, so put it back.
      const { prefix, date } = splitPrefix(unescapeValue(raw).replace(/ /g, '+'));
      const search = dateRange(date);
      if (!search) throw new InvalidSearchError(`"${raw}" is not a valid date for the search parameter ${name}`);
      return (resource) =>
        values(resource).some((v) => {
          const target = elementRange(v);
          return target !== undefined && compareRange(prefix, target, search);
        });
    }
    case 'string': {
      const search = normaliseText(unescapeValue(raw));
      const test =
        modifier === 'exact'
          ? (s: string) => s === unescapeValue(raw)
          : modifier === 'contains'
            ? (s: string) => normaliseText(s).includes(search)
            : (s: string) => normaliseText(s).startsWith(search);
      return (resource) => values(resource).some((v) => stringCandidates(v).some(test));
    }
    case 'uri': {
      const search = unescapeValue(raw);
      const test =
        modifier === 'below' ? (s: string) => s.startsWith(search) : modifier === 'above' ? (s: string) => search.startsWith(s) : (s: string) => s === search;
      return (resource) => values(resource).some((v) => typeof v === 'string' && test(v));
    }
  }
}
