/**
 * A search value already in FHIR syntax (escaped where needed). Build one with `token()` or
 * `anyOf()`; plain strings passed to `search()` are sent exactly as given.
 */
export class SearchValue {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** One parameter's value(s): an array repeats the parameter (AND); `undefined`/`null` leaves it out. */
export type SearchParamValue =
  | string
  | number
  | boolean
  | SearchValue
  | undefined
  | null
  | Array<string | number | SearchValue>;

/** Search parameters as a record, URLSearchParams or name/value pairs (the latter two sent as given). */
export type SearchParams = Record<string, SearchParamValue> | URLSearchParams | Array<[string, string]>;

/**
 * Escapes FHIR's search special characters `\ , $ |` with a backslash, so that a value containing
 * them is read as one literal value (FHIR R4 search, "Escaping Search Parameters").
 */
export function escapeSearchValue(value: string | number | boolean): string {
  return String(value).replace(/[\\,$|]/g, (character) => `\\${character}`);
}

/**
 * A token value `system|code`, each part escaped. `system` undefined → any system (`code`);
 * `''` → no system (`|code`); `code` undefined → any code in the system (`system|`).
 */
export function token(system: string | undefined, code?: string | number): SearchValue {
  const codePart = code === undefined ? '' : escapeSearchValue(code);
  if (system === undefined) return new SearchValue(codePart);
  return new SearchValue(`${escapeSearchValue(system)}|${codePart}`);
}

/** Any of the values (comma-joined, OR). Strings and numbers are escaped; SearchValues are kept. */
export function anyOf(...values: Array<string | number | SearchValue>): SearchValue {
  return new SearchValue(values.map((value) => (value instanceof SearchValue ? value.value : escapeSearchValue(value))).join(','));
}

// Parameters whose several values are one comma-separated list, never a repeated parameter.
const LIST_PARAMETERS = new Set(['_sort', '_elements']);

/** The parameters as ordered name/value pairs (arrays repeat the parameter; `_sort`/`_elements` arrays are comma-joined). */
export function searchParamPairs(params: SearchParams | undefined): Array<[string, string]> {
  if (!params) return [];
  if (params instanceof URLSearchParams) return [...params.entries()];
  if (Array.isArray(params)) return params.map(([name, value]) => [name, value]);
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const values = value.map(String);
      if (LIST_PARAMETERS.has(name)) pairs.push([name, values.join(',')]);
      else for (const one of values) pairs.push([name, one]);
    } else {
      pairs.push([name, String(value)]);
    }
  }
  return pairs;
}

/**
 * The query string (without `?`). Values are percent-encoded, but `: / | , $ @` stay readable:
 * servers decode them the same either way, and logged URLs and cache keys stay legible.
 */
export function searchQueryString(params: SearchParams | undefined): string {
  return searchParamPairs(params)
    .map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`)
    .join('&');
}

function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%(3A|2F|7C|2C|24|40)/gi, (encoded) => decodeURIComponent(encoded));
}
