/**
 * SMART App Launch styling: when an EHR launches the widgets, its token response may carry a
 * `smart_style_url` whose JSON (`color_background`, `color_highlight`, `dim_font_size`…) says how
 * the EHR looks. These functions map that style onto our `--care-record-*` design tokens, set on the
 * provider (custom properties inherit into every widget's shadow root), so the widgets match the EHR.
 *
 * ```js
 * import { applySmartStyleFromUrl } from '@care-record/elements/smart-style.js';
 * await applySmartStyleFromUrl(provider, tokenResponse.smart_style_url);
 * ```
 *
 * `<care-record-provider>` does this by itself when its session has a `smartStyleUrl` (a
 * `CareRecordSession` after a SMART launch whose token response carried `smart_style_url`), as does
 * `connectSmartStyle(provider)` for any session with that hook ({@link SmartStyleSource}). Values are
 * checked with `CSS.supports` before use: a style document can only set colours, lengths and fonts,
 * never `url(…)` or other CSS. Add the style URL's origin to the page's `connect-src`.
 */
import { CareRecordError, isAbortError } from '@care-record/fhir';

/**
 * The EHR's style document could not be used (code `smart-style-unavailable`): not reachable (the
 * network, or a `connect-src` that does not list its origin), refused, or not JSON. The widgets
 * keep their own look.
 */
export class SmartStyleError extends CareRecordError {
  readonly url: string;

  constructor(message: string, url: string, options?: { cause?: unknown }) {
    super(message, 'smart-style-unavailable', options);
    this.url = url;
  }
}

/** The SMART style document (SMART App Launch 2.x, "Styling"). */
export interface SmartStyle {
  color_background?: string;
  color_error?: string;
  color_highlight?: string;
  color_modal_backdrop?: string;
  color_success?: string;
  color_text?: string;
  dim_border_radius?: string;
  dim_font_size?: string;
  dim_spacing_size?: string;
  font_family_body?: string;
  font_family_heading?: string;
}

type Check = 'color' | 'length' | 'font-family';

/**
 * SMART style field → our token, and what the value must be. `color_highlight` ("an area or item of
 * focus, such as a button used to submit a form") is our primary colour; text on it is chosen for
 * contrast, and it is darkened (or lightened) where it is too pale to read as link text. Fields without a token are left out: `color_modal_backdrop` (no widget shows a modal),
 * `color_success` (no success colour yet) and `font_family_heading` (headings use the body font).
 */
export const smartStyleTokens: Readonly<Partial<Record<keyof SmartStyle, { token: string; check: Check }>>> = Object.freeze({
  color_background: { token: '--care-record-color-background', check: 'color' },
  color_error: { token: '--care-record-color-error', check: 'color' },
  color_highlight: { token: '--care-record-color-primary', check: 'color' },
  color_text: { token: '--care-record-color-text', check: 'color' },
  dim_border_radius: { token: '--care-record-radius', check: 'length' },
  dim_font_size: { token: '--care-record-font-size', check: 'length' },
  dim_spacing_size: { token: '--care-record-space', check: 'length' },
  font_family_body: { token: '--care-record-font-family', check: 'font-family' },
});

/** What a style gave: the tokens and values to set, the fields left out (with why) and the colours made readable. */
export interface SmartStyleTokens {
  tokens: Record<string, string>;
  ignored: Array<{ field: string; reason: 'no token' | 'invalid value' }>;
  /** Colours changed to reach WCAG AA contrast on the background (4.5:1), hue kept. */
  adjusted: Array<{ field: string; from: string; to: string }>;
}

function isValid(check: Check, value: string): boolean {
  if (/url\(|expression\(|[;{}<>\\]/i.test(value)) return false;
  if (check === 'color') return CSS.supports('color', value);
  // SMART examples give lengths with units ("6px"); a bare number is taken as pixels below.
  if (check === 'length') return CSS.supports('width', value) && !/^-/.test(value.trim());
  return CSS.supports('font-family', value);
}

function asLength(value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) ? `${value}px` : value;
}

type Rgb = [number, number, number];

/** A colour the browser understands, as sRGB channels (alpha ignored). */
function toRgb(color: string): Rgb | undefined {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.hidden = true;
  document.body.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const channels = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(computed);
  return channels ? (channels.slice(1, 4).map(Number) as Rgb) : undefined;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const NHS_TEXT: Rgb = [0x21, 0x2b, 0x32];
/** WCAG 2.2 AA for normal text: our primary and error colours are also text colours (links, messages). */
const MINIMUM_CONTRAST = 4.5;

/**
 * `color` darkened (on a light background) or lightened (on a dark one) just enough to reach AA
 * contrast with `background`, keeping its hue: an EHR's highlight colour is often a pale accent
 * that works on its buttons but not as text, and care-home staff must be able to read every link.
 */
function readableOn(color: Rgb, background: Rgb): Rgb {
  if (contrast(color, background) >= MINIMUM_CONTRAST) return color;
  const towards = luminance(background) > 0.18 ? 0 : 255;
  const mix = (amount: number) => color.map((channel) => Math.round(channel + (towards - channel) * amount)) as Rgb;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 12; step += 1) {
    const middle = (low + high) / 2;
    if (contrast(mix(middle), background) >= MINIMUM_CONTRAST) high = middle;
    else low = middle;
  }
  return mix(high);
}

const rgbText = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;

/** Maps a SMART style document onto our tokens (nothing is applied). */
export function smartStyleToTokens(style: unknown): SmartStyleTokens {
  const result: SmartStyleTokens = { tokens: {}, ignored: [], adjusted: [] };
  if (typeof style !== 'object' || style === null) return result;
  for (const [field, raw] of Object.entries(style)) {
    const mapping = smartStyleTokens[field as keyof SmartStyle];
    if (!mapping) {
      result.ignored.push({ field, reason: 'no token' });
      continue;
    }
    const value = mapping.check === 'length' ? asLength(raw) : raw;
    if (typeof value !== 'string' || !isValid(mapping.check, value)) {
      result.ignored.push({ field, reason: 'invalid value' });
      continue;
    }
    result.tokens[mapping.token] = value.trim();
  }
  // Colours that are also text must read on the background (the EHR's, else ours: white).
  const background = toRgb(result.tokens['--care-record-color-background'] ?? '#ffffff') ?? WHITE;
  const textColours = [
    ['color_highlight', '--care-record-color-primary'],
    ['color_error', '--care-record-color-error'],
    ['color_text', '--care-record-color-text'],
  ] as const;
  for (const [field, token] of textColours) {
    const value = result.tokens[token];
    const rgb = value === undefined ? undefined : toRgb(value);
    if (value === undefined || !rgb) continue;
    const readable = readableOn(rgb, background);
    if (readable !== rgb) {
      result.tokens[token] = rgbText(readable);
      result.adjusted.push({ field, from: value, to: rgbText(readable) });
    }
  }
  // Text on primary buttons: white or our text colour, whichever reads better on the primary.
  const primary = result.tokens['--care-record-color-primary'];
  const primaryRgb = primary === undefined ? undefined : toRgb(primary);
  if (primaryRgb) result.tokens['--care-record-color-primary-contrast'] = contrast(WHITE, primaryRgb) >= contrast(NHS_TEXT, primaryRgb) ? '#ffffff' : '#212b32';
  return result;
}

/**
 * Sets the style's tokens on `target` (a `<care-record-provider>`, or any ancestor of the widgets).
 * Returns what was set and left out. Calling it again replaces the previous style's tokens.
 */
export function applySmartStyle(target: HTMLElement, style: unknown): SmartStyleTokens {
  const mapped = smartStyleToTokens(style);
  clearSmartStyle(target);
  for (const [token, value] of Object.entries(mapped.tokens)) target.style.setProperty(token, value);
  applied.set(target, Object.keys(mapped.tokens));
  return mapped;
}

const applied = new WeakMap<HTMLElement, string[]>();

/** Removes the tokens a previous {@link applySmartStyle} set on `target`. */
export function clearSmartStyle(target: HTMLElement): void {
  for (const token of applied.get(target) ?? []) target.style.removeProperty(token);
  applied.delete(target);
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Fetches the style document at `smart_style_url` (a plain GET, without credentials). Rejects with a
 * {@link SmartStyleError} when it cannot be had; an abort rejects with the `AbortError` as it is.
 */
export async function fetchSmartStyle(url: string | URL, options: { signal?: AbortSignal } = {}): Promise<SmartStyle> {
  const address = String(url);
  if (!isHttpUrl(address)) {
    throw new SmartStyleError(`The EHR's style address “${address}” is not a web address starting with https:// or http://.`, address);
  }
  let response: Response;
  try {
    response = await fetch(address, { headers: { Accept: 'application/json' }, credentials: 'omit', signal: options.signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    // A page whose Content-Security-Policy connect-src leaves the EHR's origin out fails here too.
    throw new SmartStyleError(`The EHR's style at ${address} could not be loaded (no answer: check the connection, and that the page's connect-src allows it).`, address, { cause: error });
  }
  if (!response.ok) throw new SmartStyleError(`The EHR's style at ${address} could not be loaded (HTTP ${response.status}).`, address);
  try {
    return (await response.json()) as SmartStyle;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new SmartStyleError(`The EHR's style at ${address} is not a style document (JSON).`, address, { cause: error });
  }
}

/** {@link fetchSmartStyle} then {@link applySmartStyle}. */
export async function applySmartStyleFromUrl(target: HTMLElement, url: string | URL, options: { signal?: AbortSignal } = {}): Promise<SmartStyleTokens> {
  return applySmartStyle(target, await fetchSmartStyle(url, options));
}

/**
 * The hook a session implements to pass on the SMART launch's style: `smartStyleUrl` from the token
 * response (`smart_style_url`), and a `change` event when it changes (as `CareRecordAuth` has).
 */
export interface SmartStyleSource extends EventTarget {
  readonly smartStyleUrl?: string;
}

/**
 * Keeps `provider`'s tokens in step with its session's SMART style: whenever the session (its
 * `auth`) dispatches `change` with a new `smartStyleUrl`, the style is fetched and applied; when the
 * URL goes away (sign-out), the tokens are removed. A style that cannot be loaded leaves the
 * widgets' own look and is reported to `onError`. Returns a function that stops watching.
 */
export function connectSmartStyle(
  provider: HTMLElement & { auth?: unknown },
  options: { onError?: (error: unknown) => void } = {},
): () => void {
  let source: SmartStyleSource | undefined;
  let currentUrl: string | undefined;
  let controller: AbortController | undefined;
  const sync = () => {
    const auth = provider.auth as SmartStyleSource | undefined;
    if (auth !== source) {
      source?.removeEventListener('change', sync);
      source = auth;
      source?.addEventListener('change', sync);
    }
    const url = typeof source?.smartStyleUrl === 'string' ? source.smartStyleUrl : undefined;
    if (url === currentUrl) return;
    currentUrl = url;
    controller?.abort();
    controller = undefined;
    if (!url) {
      clearSmartStyle(provider);
      return;
    }
    const current = new AbortController();
    controller = current;
    applySmartStyleFromUrl(provider, url, { signal: current.signal }).catch((error: unknown) => {
      if (!current.signal.aborted) options.onError?.(error);
    });
  };
  // The provider creates its session when it connects; a session replaced later is picked up here.
  provider.addEventListener('care-record-session-change', sync);
  sync();
  return () => {
    provider.removeEventListener('care-record-session-change', sync);
    source?.removeEventListener('change', sync);
    controller?.abort();
  };
}
