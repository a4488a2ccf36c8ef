import type { Address } from '../fhir-types.js';

// The record is a UK one: a UK country adds nothing to an address line, other countries do.
const UK_COUNTRIES = new Set(['uk', 'gb', 'gbr', 'united kingdom', 'great britain', 'england', 'scotland', 'wales', 'northern ireland']);

/**
 * An address on one line in UK order: lines, town (`city`), county (`district`), postcode, then the
 * country unless it is the UK (`'1 High Street, Leeds, West Yorkshire, LS1 1AA'`). Blank and repeated
 * parts are dropped. `text` is used only when the address has no parts.
 *
 * @returns undefined when the address has nothing to show.
 */
export function formatAddress(address: Address | null | undefined): string | undefined {
  if (!address) return undefined;
  const country = address.country?.trim();
  const candidates = [
    ...(address.line ?? []),
    address.city,
    address.district,
    address.postalCode,
    country && !UK_COUNTRIES.has(country.toLowerCase()) ? country : undefined,
  ];
  const shown: string[] = [];
  for (const candidate of candidates) {
    const part = candidate?.replace(/\s+/g, ' ').trim();
    if (part && !shown.some((existing) => existing.toLowerCase() === part.toLowerCase())) shown.push(part);
  }
  if (shown.length > 0) return shown.join(', ');
  return address.text?.replace(/\s+/g, ' ').trim() || undefined;
}
