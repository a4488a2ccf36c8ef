import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';

/**
 * Untrusted HTML from the record (FHIR narrative XHTML, section texts, HTML attachments) is only
 * ever rendered after this sanitiser, and as a DOM fragment rather than an HTML string, so Lit never
 * parses record content and nothing from it can execute.
 *
 * The allow-list follows the FHIR R4 narrative rules (https://hl7.org/fhir/R4/narrative.html):
 * basic formatting elements only; no scripts, forms, frames, objects, `base`/`link`, event
 * attributes or `javascript:` URLs. We go further than the specification where a vendor's page is
 * at stake: `style` and `class` attributes are dropped (CSS can load remote images and overlay our
 * UI; our own class names would dress record text up as our controls), images
 * may only be inline `data:` images (a remote image would tell a third party that the record was
 * opened), and links open in a new browsing context without referrer or opener.
 */

const NARRATIVE_TAGS = [
  'a', 'abbr', 'acronym', 'b', 'big', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'dfn', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li',
  'ol', 'p', 'pre', 'q', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var',
];

// No `class`: record markup sits inside our shadow roots, where our own class names (`button`,
// `state error`, `visually-hidden`, `skeleton`…) would let it pass for our controls and messages, or
// hide part of the record from sighted readers.
const NARRATIVE_ATTRIBUTES = [
  'href', 'name', 'title', 'alt', 'src', 'colspan', 'rowspan', 'scope', 'headers', 'lang', 'dir',
  'id', 'width', 'height', 'align', 'valign', 'start', 'type', 'value',
];

/** Inline images only: PNG, JPEG or GIF as base64 data. SVG data URLs are refused (they can script). */
const SAFE_IMAGE_SOURCE = /^data:image\/(?:png|jpe?g|gif);base64,[a-z0-9+/=\s]+$/i;
/** Links the reader may follow on purpose; an in-document anchor, web pages, e-mail and telephone. */
const SAFE_LINK = /^(?:#|https?:|mailto:|tel:)/i;

const CONFIG: Config = {
  ALLOWED_TAGS: NARRATIVE_TAGS,
  ALLOWED_ATTR: NARRATIVE_ATTRIBUTES,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Element ids from the record could shadow globals in the host page (DOM clobbering).
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  FORBID_TAGS: ['style', 'script', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'base', 'link', 'meta', 'svg', 'math', 'template'],
  FORBID_ATTR: ['style', 'class'],
  RETURN_DOM_FRAGMENT: true,
};

let hooksInstalled = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!SAFE_IMAGE_SOURCE.test(src.trim())) {
        node.removeAttribute('src');
        node.setAttribute('data-care-record-blocked', 'remote-image');
        if (!node.getAttribute('alt')) node.setAttribute('alt', 'Image not shown');
      }
    }
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (href && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
      if (href && !href.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
        node.setAttribute('referrerpolicy', 'no-referrer');
      }
    }
  });
}

/** What the sanitiser removed, so a widget can say "Some content was removed for safety". */
export interface SanitizeReport {
  fragment: DocumentFragment;
  removedCount: number;
}

/**
 * Sanitises untrusted (X)HTML to the narrative allow-list and returns it as a DocumentFragment to be
 * rendered directly in a Lit template (`${fragment}`); never a string for `innerHTML`.
 */
export function sanitizeNarrative(html: string | undefined | null): SanitizeReport {
  installHooks();
  const fragment = DOMPurify.sanitize(html ?? '', CONFIG) as unknown as DocumentFragment;
  // DOMPurify lists the wrapper <body> it parsed into as "removed"; only count the record's content.
  // Nor the XHTML namespace declaration every FHIR narrative carries, nor class names: dropping them
  // changes nothing a person reads.
  const removedCount = DOMPurify.removed.filter((entry) => {
    if ('attribute' in entry) return entry.attribute?.name !== 'xmlns' && entry.attribute?.name !== 'class';
    const element = 'element' in entry ? entry.element : undefined;
    return !(element instanceof HTMLBodyElement || element instanceof HTMLHeadElement || element instanceof HTMLHtmlElement);
  }).length;
  return { fragment, removedCount };
}

/** Sanitised text content only: for places where no markup at all is wanted (titles, summaries). */
export function narrativeToText(html: string | undefined | null): string {
  const { fragment } = sanitizeNarrative(html);
  return (fragment.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Sanitises record HTML with `sanitizeNarrative` into a container element made once, so that Lit can
 * move it between renders without re-parsing. The XHTML namespace declaration that every FHIR
 * narrative carries on its root `div` (FHIR R4 §2.4 Narrative) is taken off first: it is not content,
 * and the sanitiser would otherwise count it as something removed.
 */
export function sanitizedContainer(markup: string, className: string, part: string): { element: HTMLElement; removedCount: number } {
  const { fragment, removedCount } = sanitizeNarrative(markup.replace(/\s+xmlns\s*=\s*(["'])http:\/\/www\.w3\.org\/1999\/xhtml\1/g, ''));
  const element = document.createElement('div');
  element.className = className;
  element.setAttribute('part', part);
  element.append(fragment);
  return { element, removedCount };
}
