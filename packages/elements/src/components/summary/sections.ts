/** The sections of `<care-record-summary>`, in their default order (allergies first: they can harm most). */
export const SUMMARY_SECTIONS = ['allergies', 'problems', 'medications', 'discharges', 'encounters', 'results', 'care-plans'] as const;

/** A section name: the `sections` attribute's words, and `care-record-navigate`'s `detail.section`. */
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export function isSummarySection(name: string): name is SummarySection {
  return (SUMMARY_SECTIONS as readonly string[]).includes(name);
}

/** One entry of the parsed `sections` attribute: a known section, or a name we do not know. */
export type SectionChoice = { section: SummarySection } | { unknown: string };

/**
 * The sections asked for, in the order given: comma- or space-separated names, any case, repeats
 * dropped. Unknown names stay in place so the widget can say what is wrong where the section would
 * have been. Nothing given (or only separators): every section in the default order.
 */
export function parseSections(value: string | null | undefined): SectionChoice[] {
  const names = (value ?? '')
    .split(/[\s,]+/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return SUMMARY_SECTIONS.map((section) => ({ section }));
  const seen = new Set<string>();
  const choices: SectionChoice[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    choices.push(isSummarySection(name) ? { section: name } : { unknown: name });
  }
  return choices;
}
