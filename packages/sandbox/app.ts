// The sandbox host page: written the way a vendor's care-home system would embed the widgets, with
// plain DOM calls (no framework) and under a strict Content-Security-Policy with Trusted Types.
import { careRecordElements, defineCareRecordElements } from '@care-record/elements';
import { formatNhsNumber } from '@care-record/fhir';

interface SandboxConfig {
  fhirBaseUrl: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

interface ResidentSummary {
  id: string;
  name: string;
  nhsNumber: string;
  description: string;
}

defineCareRecordElements();

const config = JSON.parse(document.getElementById('sandbox-config')?.textContent ?? '{}') as SandboxConfig;
const residentStorageKey = 'sandbox-resident-id';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// The flagship widgets first, then every other widget the library registers. The document viewer
// and the discharge summary open from the lists, so they get no frame of their own.
const leadingTags = ['patient-banner', 'care-record-summary', 'discharge-list'];
const openedFromLists = ['care-record-provider', 'care-record-sign-in', 'care-record-document-viewer', 'discharge-summary'];
const registeredTags = careRecordElements.map((entry) => entry.tag).filter((tag) => !openedFromLists.includes(tag));
const widgetTags = [...leadingTags.filter((tag) => registeredTags.includes(tag)), ...registeredTags.filter((tag) => !leadingTags.includes(tag))];

const provider = element('care-record-provider', {
  'fhir-base-url': config.fhirBaseUrl,
  issuer: config.issuer,
  'client-id': config.clientId,
  'redirect-uri': config.redirectUri,
  scope: config.scope,
  // The page shows <patient-banner> at the top, so widgets need not repeat the identity line.
  'patient-banner': 'host',
});
provider.append(element('care-record-sign-in'));
const grid = element('div', { class: 'widget-grid' });
for (const tag of widgetTags) {
  const frame = element('div', { class: 'widget-frame' }, element('h3', {}, `<${tag}>`), document.createElement(tag));
  grid.append(frame);
}
provider.append(grid);
document.getElementById('record-root')?.append(provider);

function chooseResident(resident: ResidentSummary, buttons: HTMLButtonElement[]): void {
  provider.setAttribute('patient-id', resident.id);
  // The resident id is not record data; keeping it across the sign-in redirect is what a host does.
  sessionStorage.setItem(residentStorageKey, resident.id);
  for (const button of buttons) button.setAttribute('aria-current', String(button.dataset.residentId === resident.id));
}

async function listResidents(): Promise<void> {
  const response = await fetch('/api/residents');
  const residents = (await response.json()) as ResidentSummary[];
  const list = document.getElementById('resident-list');
  const buttons: HTMLButtonElement[] = [];
  for (const resident of residents) {
    const button = element(
      'button',
      { type: 'button', 'data-resident-id': resident.id, 'aria-current': 'false' },
      element('span', { class: 'resident-name' }, resident.name),
      element('span', { class: 'resident-detail' }, `NHS No. ${formatNhsNumber(resident.nhsNumber) ?? resident.nhsNumber}`),
      element('span', { class: 'resident-detail' }, resident.description),
    );
    button.addEventListener('click', () => chooseResident(resident, buttons));
    buttons.push(button);
    list?.append(element('li', {}, button));
  }
  const remembered = residents.find((resident) => resident.id === sessionStorage.getItem(residentStorageKey)) ?? residents[0];
  if (remembered) chooseResident(remembered, buttons);
}

void listResidents();
