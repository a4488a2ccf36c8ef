/*
 * Small helpers the English (UK) default strings share. No imports: a strings module stays tiny.
 */

/** `one` for 1, else `other`. */
export const plural = (count: number, one: string, other: string): string => (count === 1 ? one : other);

/** "2 entries marked as entered in error are not shown" (`one`/`other`: what was left out). */
export const enteredInErrorNotice = (count: number, one: string, other: string): string =>
  `${count} ${plural(count, one, other)} marked as entered in error ${plural(count, 'is', 'are')} not shown`;
