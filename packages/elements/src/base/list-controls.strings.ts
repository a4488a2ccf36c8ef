/** The sentences the list controls show, overridable like every other string (see each widget's strings). */
export interface ListControlStrings {
  /** Accessible name of the group of controls, e.g. "Sort and filter allergies". */
  controlsLabel: (items: string) => string;
  /** "Showing 3 of 8" once filters hide some items. */
  filteredCount: (shown: number, total: number) => string;
  clearFilters: string;
  /** When a filter leaves nothing. */
  noMatches: string;
}

export const defaultListControlStrings: ListControlStrings = {
  controlsLabel: (items) => `Sort and filter ${items}`,
  filteredCount: (shown, total) => `Showing ${shown} of ${total}`,
  clearFilters: 'Clear filters',
  noMatches: 'Nothing matches these filters.',
};
