// Display helpers: pure functions used by every widget so that the same date, name or number never
// looks two ways. They return undefined (never '') when there is nothing to show.
export { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from './options.js';
export type { DisplayOptions } from './options.js';
export * from './nhs-number.js';
export * from './coding.js';
export * from './names.js';
export * from './dates.js';
export * from './age.js';
export * from './quantity.js';
export * from './address.js';
