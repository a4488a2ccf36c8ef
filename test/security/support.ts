// What the security suites share: tripwires that notice a payload executing or loading anything,
// a scan of every shadow root for markup that must never come out of record data, a FHIR server
// (msw) that counts what is in flight, and ways to wait for widgets to settle and to open every
// part of them.
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import { ATTACKER_ORIGIN } from './xss-payloads.js';

export const BASE = 'https://fhir.test/R4';

declare global {
  interface Window {
    __xss: (id: string) => void;
  }
}

/** Every element under `root`, descending into open shadow roots (and the content of `<template>`s). */
export function* deepElements(root: Node): Generator<Element> {
  const children = root instanceof HTMLTemplateElement ? root.content.children : (root as ParentNode).children;
  if (!children) return;
  for (const child of Array.from(children)) {
    yield child;
    if (child.shadowRoot) yield* deepElements(child.shadowRoot);
    yield* deepElements(child);
  }
}

/** Text a person could read under `root`, through shadow roots, whitespace collapsed. */
export function deepText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Text and attribute values under `root`: anything payload ids could hide in. */
export function deepTextAndAttributes(root: Node): string {
  const parts = [deepText(root)];
  for (const element of deepElements(root)) for (const name of element.getAttributeNames()) parts.push(element.getAttribute(name) ?? '');
  return parts.join(' ');
}

const FORBIDDEN_ELEMENTS = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'STYLE', 'BASE', 'META', 'LINK', 'NOSCRIPT', 'PORTAL', 'FENCEDFRAME']);
const URL_ATTRIBUTES = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'srcset', 'ping', 'codebase', 'cite', 'manifest', 'lowsrc', 'dynsrc'];
/** Attributes whose URL is loaded as soon as the element exists (a link is only followed on purpose). */
const LOADING_ATTRIBUTES = new Set(['src', 'data', 'poster', 'background', 'srcset', 'ping', 'codebase', 'lowsrc', 'dynsrc']);
const CLOBBER_NAMES = new Set(['__xss', 'document', 'cookie', 'getelementbyid', 'alert', 'confirm', 'defaultview', 'attributes', 'location', 'top', 'self']);

/** A URL as a browser reads its scheme: control characters and white space anywhere are dropped. */
function schemeOf(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200d\ufeff]/g, '').toLowerCase();
}

/**
 * Markup that must never come out of record data, anywhere under `root` (through shadow roots):
 * script-capable or document-level elements, event-handler attributes, srcdoc, dangerous URLs,
 * anything that loads from the attacker's origin, CSS that loads or runs, clobbering names.
 */
export function findUnsafeMarkup(root: Node): string[] {
  const problems: string[] = [];
  const describe = (element: Element) => {
    const host = (element.getRootNode() as ShadowRoot).host;
    return `<${element.localName}>${host ? ` in <${host.localName}>` : ''}`;
  };
  for (const element of deepElements(root)) {
    if (FORBIDDEN_ELEMENTS.has(element.tagName.toUpperCase())) problems.push(`${describe(element)} element`);
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${describe(element)} has event handler ${name}="${value.slice(0, 60)}"`);
      if (lower === 'srcdoc') problems.push(`${describe(element)} has srcdoc`);
      if (URL_ATTRIBUTES.includes(lower)) {
        const scheme = schemeOf(value);
        if (/^(javascript|vbscript|livescript):/.test(scheme)) problems.push(`${describe(element)} ${name}="${value.slice(0, 60)}"`);
        if (/^data:(text\/html|image\/svg|application\/(xhtml|javascript|x-javascript)|text\/javascript)/.test(scheme)) problems.push(`${describe(element)} ${name}="${value.slice(0, 60)}"`);
        if (LOADING_ATTRIBUTES.has(lower) && (scheme.includes('attacker.test') || (scheme.startsWith('http') && !scheme.startsWith(location.origin.toLowerCase())))) {
          problems.push(`${describe(element)} loads ${name}="${value.slice(0, 60)}"`);
        }
      }
      if (lower === 'style' && /url\s*\(|expression\s*\(|behavio(u)?r\s*:|@import|-moz-binding/i.test(value)) problems.push(`${describe(element)} style="${value.slice(0, 60)}"`);
      // Form controls are the widgets' own (record markup may contain none: the sanitiser forbids them).
      const control = element instanceof HTMLInputElement || element instanceof HTMLButtonElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;
      if ((lower === 'id' || lower === 'name') && !control && CLOBBER_NAMES.has(value.toLowerCase())) problems.push(`${describe(element)} ${name}="${value}" (clobbering)`);
      if (lower === 'http-equiv') problems.push(`${describe(element)} http-equiv`);
    }
  }
  return problems;
}

export interface Tripwires {
  /** Ids passed to `__xss`. */
  calls: string[];
  /** alert/confirm/prompt/open calls. */
  dialogs: string[];
  /** Resources the page loaded from anywhere but itself and the FHIR server (PerformanceObserver). */
  foreignLoads: string[];
  /** Anything the page itself noticed: uncaught errors and unhandled rejections. */
  uncaught: string[];
  /** Clears what was recorded. */
  reset(): void;
  /** What went wrong, in words; empty when nothing did. */
  findings(): string[];
  uninstall(): void;
}

/** Installs the sentinel and the tripwires for the test file. */
export function installTripwires(allowedOrigins: readonly string[] = [new URL(BASE).origin]): Tripwires {
  const calls: string[] = [];
  const dialogs: string[] = [];
  const foreignLoads: string[] = [];
  const uncaught: string[] = [];
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, open: window.open };
  const sentinel = (id: string) => {
    calls.push(String(id));
  };
  window.__xss = sentinel;
  window.alert = (message?: unknown) => {
    dialogs.push(`alert(${String(message)})`);
  };
  window.confirm = (message?: string) => {
    dialogs.push(`confirm(${String(message)})`);
    return false;
  };
  window.prompt = (message?: string) => {
    dialogs.push(`prompt(${String(message)})`);
    return null;
  };
  window.open = (url?: string | URL) => {
    dialogs.push(`open(${String(url)})`);
    return null;
  };
  const allowed = new Set([location.origin, ...allowedOrigins]);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const url = entry.name;
      if (/^(data|blob|about):/.test(url)) continue;
      let origin: string;
      try {
        origin = new URL(url).origin;
      } catch {
        origin = url;
      }
      if (!allowed.has(origin)) foreignLoads.push(url);
    }
  });
  observer.observe({ type: 'resource', buffered: false });
  const onError = (event: ErrorEvent) => uncaught.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String((event.reason as Error)?.message ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    calls,
    dialogs,
    foreignLoads,
    uncaught,
    reset() {
      calls.length = 0;
      dialogs.length = 0;
      foreignLoads.length = 0;
      uncaught.length = 0;
    },
    findings() {
      const found: string[] = [];
      if (window.__xss !== sentinel) found.push('window.__xss was clobbered or replaced');
      if (calls.length) found.push(`payloads executed: ${[...new Set(calls)].join(', ')}`);
      if (dialogs.length) found.push(`dialogs opened: ${dialogs.join(', ')}`);
      if (foreignLoads.length) found.push(`resources loaded from other origins: ${foreignLoads.join(', ')}`);
      return found;
    },
    uninstall() {
      observer.disconnect();
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      Object.assign(window, saved);
    },
  };
}

/** Counts msw traffic: what is in flight, and every request that went anywhere but the FHIR server. */
export interface Traffic {
  inFlight: number;
  /** Every request URL seen, in order. */
  urls: string[];
  /** Requests to origins other than the page's and the FHIR server's. */
  foreign: string[];
  reset(): void;
}

export function watchTraffic(worker: SetupWorker, allowedOrigins: readonly string[] = [new URL(BASE).origin]): Traffic {
  const allowed = new Set([location.origin, ...allowedOrigins]);
  const pending = new Set<string>();
  const traffic: Traffic = {
    inFlight: 0,
    urls: [],
    foreign: [],
    reset() {
      this.urls.length = 0;
      this.foreign.length = 0;
      // Requests left hanging by an earlier test (aborted, never ended) no longer count.
      pending.clear();
      this.inFlight = 0;
    },
  };
  worker.events.on('request:start', ({ request, requestId }) => {
    pending.add(requestId);
    traffic.inFlight = pending.size;
    traffic.urls.push(request.url);
    if (!allowed.has(new URL(request.url).origin)) traffic.foreign.push(request.url);
  });
  worker.events.on('request:end', ({ requestId }) => {
    pending.delete(requestId);
    traffic.inFlight = pending.size;
  });
  return traffic;
}

/** Answers the attacker's origin (so a load, if it ever happened, succeeds and is seen by every tripwire). */
export const attackerHandler = http.all(`${ATTACKER_ORIGIN}/*`, () => new HttpResponse(null, { status: 204 }));

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for every Lit element under `root` to finish updating. */
async function updatesDone(root: Node): Promise<void> {
  const pending = [...deepElements(root)]
    .map((element) => (element as Element & { updateComplete?: Promise<unknown> }).updateComplete)
    .filter((promise): promise is Promise<unknown> => promise instanceof Promise);
  await Promise.all(pending);
}

function busy(root: Node): boolean {
  for (const element of deepElements(root)) if (element.getAttribute('aria-busy') === 'true') return true;
  return false;
}

/**
 * Waits until nothing is loading under `root`: no request in flight, no `aria-busy`, every element
 * updated, for a few quiet frames in a row. Gives up after `timeoutMs` (the caller's assertions then
 * say what it shows).
 */
export async function settle(root: Node, traffic: Traffic, { timeoutMs = 8000, allowBusy = false, allowInFlight = false } = {}): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let quiet = 0;
  while (performance.now() < deadline) {
    await updatesDone(root);
    await nextFrame();
    if ((allowInFlight || traffic.inFlight === 0) && (allowBusy || !busy(root))) quiet++;
    else quiet = 0;
    if (quiet >= 3) return true;
    await sleep(quiet ? 15 : 30);
  }
  return false;
}

/**
 * Clicks every button under `root` once (disclosures, rows that open summaries, "Show as table",
 * Load more, Retry…), then the buttons that appeared, for a few rounds. "Sign out" is left alone
 * (it would empty the widgets). Returns how many were clicked.
 */
export async function clickEveryButton(root: Node, traffic: Traffic, { rounds = 4, max = 400, skip = /^\s*Sign out\s*$/, allowInFlight = false } = {}): Promise<number> {
  const clicked = new WeakSet<Element>();
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    const buttons = [...deepElements(root)].filter(
      (element): element is HTMLButtonElement =>
        element instanceof HTMLButtonElement && !clicked.has(element) && !element.disabled && !skip.test(element.textContent ?? ''),
    );
    if (buttons.length === 0) break;
    for (const button of buttons) {
      if (count >= max) return count;
      clicked.add(button);
      if (!button.isConnected) continue;
      button.click();
      count++;
      await updatesDone(root);
    }
    await settle(root, traffic, { timeoutMs: 5000, allowBusy: true, allowInFlight });
  }
  return count;
}
