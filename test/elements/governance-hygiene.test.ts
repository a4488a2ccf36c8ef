import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { CareRecordProvider } from '../../packages/elements/src/components/care-record-provider.js';
import '../../packages/elements/src/patient-banner.js';
import '../../packages/elements/src/allergy-list.js';
import { BASE, MARGARET, MARGARET_SHOWN, deepText, fhirServer, giveReason, shown, text } from './governance-helpers.js';
import type { GovTestAllergies } from './governance-helpers.js';

const server = fhirServer();

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** Everything written to the console from now on (still written, so nothing is hidden from the test runner). */
function captureConsole() {
  const written: string[] = [];
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      written.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
      (original as (...args: unknown[]) => void).apply(console, args);
    };
  }
  return {
    written,
    restore: () => {
      for (const [method, original] of originals) (console as unknown as Record<string, unknown>)[method] = original;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function storageText(storage: Storage): string {
  const parts: string[] = [];
  for (let index = 0; index < storage.length; index++) {
    const key = storage.key(index)!;
    parts.push(key, storage.getItem(key) ?? '');
  }
  return parts.join('\n');
}

/** Every IndexedDB database's name and every record in it. */
async function indexedDbText(): Promise<string> {
  const parts: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    parts.push(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of db.objectStoreNames) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      parts.push(store, safeJson(records));
    }
    db.close();
  }
  return parts.join('\n');
}

async function mount() {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider
      fhir-base-url=${BASE}
      patient-id=${MARGARET.id}
      require-access-reason
      .tokenProvider=${() => 'token-1'}
    >
      <patient-banner></patient-banner>
      <allergy-list></allergy-list>
      <gov-test-allergies></gov-test-allergies>
    </care-record-provider>
  `);
  await giveReason(provider, 'care');
  const banner = provider.querySelector('patient-banner')!;
  const allergies = provider.querySelector('allergy-list')!;
  const widget = provider.querySelector('gov-test-allergies') as GovTestAllergies;
  await shown(banner, 'WHITFIELD');
  await shown(allergies, 'Allergy to penicillin');
  await shown(widget, 'Allergy to penicillin');
  return { provider, banner, allergies, widget };
}

describe('governance: session hygiene', () => {
  before(() => server.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  beforeEach(() => {
    server.seen.length = 0;
    server.worker.use(...server.residentHandlers());
  });
  afterEach(() => server.worker.resetHandlers());
  after(() => server.worker.stop());

  it('leaves nothing of the record in web storage, cookies, IndexedDB, the address or the console', async () => {
    const consoleOutput = captureConsole();
    const addressBefore = location.href;
    try {
      const { provider } = await mount();
      expect(deepText(provider)).to.match(MARGARET_SHOWN, 'the record is on screen');
      await provider.auth!.signOut();
    } finally {
      consoleOutput.restore();
    }
    expect(storageText(localStorage)).not.to.match(MARGARET_SHOWN);
    expect(storageText(sessionStorage)).not.to.match(MARGARET_SHOWN);
    expect(localStorage.length).to.equal(0);
    expect(document.cookie).not.to.match(MARGARET_SHOWN);
    expect(await indexedDbText()).not.to.match(MARGARET_SHOWN);
    expect(location.href).to.equal(addressBefore);
    expect(consoleOutput.written.join('\n')).not.to.match(MARGARET_SHOWN);
    // Resource ids aside, the requests carried nothing of the record in their addresses either.
    for (const request of server.seen) expect(decodeURIComponent(request.url.href)).not.to.match(MARGARET_SHOWN);
  });

  it('sign-out removes the record from every shadow root, the loaded data and the client cache', async () => {
    const { provider, banner, allergies, widget } = await mount();
    // Widgets memoise view models of the record in `_…Cache` fields: they must not outlive sign-out.
    const derivedRecordData = () =>
      Object.entries(allergies as unknown as Record<string, unknown>)
        .filter(([key, value]) => /^_\w*Cache$/.test(key) && value !== undefined)
        .map(([key]) => key);
    expect(derivedRecordData()).not.to.deep.equal([], 'the allergy list keeps a view model while the record is shown');
    await provider.auth!.signOut();
    await waitUntil(() => text(widget).includes("Sign in to see this person's record."), 'the widget never showed the signed-out state');
    await shown(allergies, "Sign in to see this person's record.");
    await shown(banner, "Sign in to see this person's record.");
    expect(deepText(provider)).not.to.match(MARGARET_SHOWN);
    expect(deepText(document.body)).not.to.match(MARGARET_SHOWN);
    expect(widget.allergies.value).to.equal(undefined, 'the loaded allergies stayed in memory');
    expect(derivedRecordData()).to.deep.equal([], 'a view model of the record stayed in memory');
    expect(provider.patient).to.equal(undefined);
    expect(provider.accessReason).to.equal(undefined);

    // Signing in again fetches from the server, not from what the last person left in the cache.
    const patientReads = () => server.seen.filter((request) => request.url.pathname === `/R4/Patient/${MARGARET.id}`).length;
    const before = patientReads();
    await provider.auth!.signIn();
    await waitUntil(() => patientReads() > before, 'the Patient came from the old cache');
  });

  it("clears up the same way when the host's token runs out, and asks for a reason again", async () => {
    let token: string | undefined = 'token-1';
    const provider = await fixture<CareRecordProvider>(html`
      <care-record-provider fhir-base-url=${BASE} patient-id=${MARGARET.id} require-access-reason .tokenProvider=${() => token}>
        <gov-test-allergies></gov-test-allergies>
      </care-record-provider>
    `);
    const widget = provider.querySelector('gov-test-allergies') as GovTestAllergies;
    await giveReason(provider, 'care');
    await shown(widget, 'Codeine');
    token = undefined;
    // What the client does before its next request.
    await provider.auth!.getAccessToken();
    await shown(widget, "Sign in to see this person's record.");
    expect(deepText(provider)).not.to.match(MARGARET_SHOWN);
    expect(widget.allergies.value).to.equal(undefined);
    // A new session (perhaps someone else at the terminal) gives its own reason.
    token = 'token-2';
    await provider.auth!.getAccessToken();
    await waitUntil(() => provider.shadowRoot!.querySelector('[part~="access-prompt"]'), 'the reason outlived the session');
  });

  it('signs out after the idle time-out and shows nothing of the record', async () => {
    const { provider, widget } = await mount();
    // Set once the record is on screen: 0.3 s without a key press or a pointer.
    provider.idleTimeout = 0.005;
    await waitUntil(() => provider.auth!.status === 'signed-out', 'never timed out', { timeout: 5000 });
    await shown(widget, "Sign in to see this person's record.");
    expect(deepText(provider)).not.to.match(MARGARET_SHOWN);
    await expect(provider).to.be.accessible();
  });
});
