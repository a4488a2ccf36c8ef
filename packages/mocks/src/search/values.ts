import { isJsonObject } from '../json.js';

/** Values of one dotted path (`context.period`, `effective[x]`) in a resource, arrays flattened. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (!isJsonObject(item)) continue;
      if (segment.endsWith('[x]')) {
        const stem = segment.slice(0, -3);
        for (const [key, value] of Object.entries(item)) {
          if (key.startsWith(stem) && /^[A-Z]/.test(key.slice(stem.length))) push(next, value);
        }
      } else {
        push(next, item[segment]);
      }
    }
    current = next;
  }
  return current;
}

function push(into: unknown[], value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) if (item !== undefined && item !== null) into.push(item);
  } else into.push(value);
}

/** Values of the first of `paths` that has any (paths are fallbacks: effective[x], else issued). */
export function firstValues(resource: unknown, paths: readonly string[]): unknown[] {
  for (const path of paths) {
    const values = valuesAt(resource, path);
    if (values.length > 0) return values;
  }
  return [];
}

/**
 * Splits a search value on unescaped separators, keeping escapes (`\,` `\|` `\$` `\\`) in the parts
 * so that a later split or {@link unescapeValue} reads them right (R4 search §3.1.1.5.7).
 */
export function splitEscaped(value: string, separator: ',' | '|' | '$'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i]!;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Removes any remaining escapes from a value that needs no further splitting. */
export function unescapeValue(value: string): string {
  return value.replace(/\\([\\,|$])/g, '$1');
}

/** Lower case without accents, for string search ("Zoë" finds "zoe"). */
export function normaliseText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
