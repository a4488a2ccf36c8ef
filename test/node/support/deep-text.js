// Reading what a person sees on a page whose widgets render in shadow roots.

/**
 * The visible text of the page, descending into open shadow roots and slotted content.
 * Runs in the browser (pass to page.evaluate).
 */
export function deepText() {
  /** @param {Node} node @returns {string} */
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (!(node instanceof Element) && !(node instanceof DocumentFragment)) return '';
    if (node instanceof HTMLElement && (node.hidden || node.tagName === 'SCRIPT' || node.tagName === 'STYLE')) return '';
    let text = '';
    if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
    else if (node instanceof HTMLSlotElement) for (const child of node.assignedNodes({ flatten: true })) text += walk(child);
    else for (const child of node.childNodes) text += walk(child);
    return `${text} `;
  };
  return walk(document.body).replace(/\s+/g, ' ');
}

/**
 * Clicks the first button (in any shadow root) whose text includes `label`. Runs in the browser.
 * @param {string} label
 */
export function clickDeepButton(label) {
  /** @param {Document | ShadowRoot} root @returns {HTMLButtonElement | undefined} */
  const find = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element instanceof HTMLButtonElement && element.textContent?.includes(label)) return element;
      if (element.shadowRoot) {
        const found = find(element.shadowRoot);
        if (found) return found;
      }
    }
    return undefined;
  };
  const button = find(document);
  if (!button) throw new Error(`No button "${label}"`);
  button.click();
}
