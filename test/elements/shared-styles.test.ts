import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createFhirHandlers, residents } from '@care-record/mocks';
import type { Bundle, FhirResource } from '@care-record/fhir';
import { CarePlanList, DiagnosticReportList, DocumentList, EncounterList } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/allergy-list.js';
import '../../packages/elements/src/care-plan-list.js';
import '../../packages/elements/src/diagnostic-report-list.js';
import '../../packages/elements/src/discharge-list.js';
import '../../packages/elements/src/document-list.js';
import '../../packages/elements/src/encounter-list.js';
import '../../packages/elements/src/medication-list.js';
import '../../packages/elements/src/problem-list.js';
import '../../packages/elements/src/test-results.js';

// The list widgets share rules (record cards, label/value details, notices, document badges, report
// cards) through base/*.styles.ts and test-results.styles.ts. These tests check what a person sees in
// each widget that uses them, with the default NHS tokens (16px, 8px space).

const BASE = 'https://fhir.test/R4';
const margaret = residents.find((r) => r.id === 'margaret-whitfield')!;
const arthur = residents.find((r) => r.id === 'arthur-pemberton')!;

const NHS_BLUE = 'rgb(0, 94, 184)';
const BORDER_GREY = 'rgb(216, 221, 224)';
const SURFACE = 'rgb(240, 244, 245)';
const WARNING = 'rgb(255, 184, 28)';
const ERROR_RED = 'rgb(213, 40, 27)';

/** Margaret's records of `type`, copied until there are `count` (new ids, same content). */
function manyOf(type: string, count: number): Bundle {
  const resources = (margaret.bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
  const patterns = resources.filter((r) => r.resourceType === type && (r as { status?: string }).status !== 'entered-in-error');
  const copies = Array.from({ length: count }, (_, i) => ({ ...structuredClone(patterns[i % patterns.length]), id: `${type}-${i}` }) as FhirResource);
  return { resourceType: 'Bundle', type: 'collection', entry: [...resources.filter((r) => r.resourceType !== type), ...copies].map((resource) => ({ resource })) };
}

/** Every rule an element class adopts, as text (shared modules are nested arrays). */
function cssOf(element: { styles?: unknown }): string {
  return [element.styles]
    .flat(Infinity)
    .map((style) => (style as { cssText?: string }).cssText ?? '')
    .join('\n');
}

/** Margaret's record plus one of each kind of record entered in error, and documents in each status. */
function margaretWithCorrections(): Bundle {
  const resources = (margaret.bundle.entry ?? []).map((entry) => entry.resource!).filter(Boolean);
  const copyOf = (type: string, id: string, change: Record<string, unknown>) =>
    ({ ...structuredClone(resources.find((r) => r.resourceType === type)!), id, ...change }) as FhirResource;
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      ...resources,
      copyOf('CarePlan', 'plan-in-error', { status: 'entered-in-error' }),
      copyOf('DocumentReference', 'document-in-error', { status: 'entered-in-error' }),
      copyOf('DocumentReference', 'document-superseded', { status: 'superseded' }),
      copyOf('DocumentReference', 'document-preliminary', { docStatus: 'preliminary' }),
      copyOf('Encounter', 'encounter-in-error', { status: 'entered-in-error' }),
    ].map((resource) => ({ resource })),
  };
}

async function mount(tag: string, patientId: string, ready: string): Promise<ShadowRoot> {
  const widget = document.createElement(tag);
  widget.setAttribute('status-filter', 'all');
  await fixture<HTMLElement>(html`
    <div style="width: 900px">
      <care-record-provider fhir-base-url=${BASE} patient-id=${patientId} auth-mode="token" restricted-access="host" .tokenProvider=${() => 't'}>
        ${widget}
      </care-record-provider>
    </div>
  `);
  const root = widget.shadowRoot!;
  await waitUntil(() => root.querySelector(ready), `<${tag}> never showed ${ready}`, { timeout: 10000 });
  return root;
}

function styleOf(root: ShadowRoot, selector: string): CSSStyleDeclaration {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`nothing matches ${selector}`);
  return getComputedStyle(element);
}

describe('styles shared between the list widgets', () => {
  const worker = setupWorker();
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('record cards (allergies, medicines, problems)', () => {
    beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [margaret.bundle] })));

    it('draws each allergy as a bordered card whose heavy red left edge marks high criticality', async () => {
      const root = await mount('allergy-list', margaret.id, '.item.critical');
      const card = styleOf(root, '.item:not(.critical)');
      expect([card.borderTopWidth, card.borderLeftWidth, card.padding, card.borderRadius]).to.deep.equal(['1px', '4px', '8px 12px', '4px']);
      const critical = styleOf(root, '.item.critical');
      expect([critical.borderLeftWidth, critical.borderLeftColor, critical.borderTopColor]).to.deep.equal(['8px', ERROR_RED, ERROR_RED]);
      const flag = styleOf(root, '.flag:not(.flag-critical)');
      // A flex item: the flag's inline-flex (icon beside words) is blockified to flex.
      expect([flag.display, flag.fontWeight, flag.fontSize, flag.borderTopWidth, flag.padding]).to.deep.equal(['flex', '600', '14px', '1px', '0px 4px']);
      expect(styleOf(root, '.flag-critical').borderTopWidth).to.equal('2px');
      expect(styleOf(root, '.details').display).to.equal('grid');
      expect(styleOf(root, '.details dt').fontWeight).to.equal('600');
      expect(styleOf(root, '.details dd').marginLeft).to.equal('0px');
    });

    it('gives current medicines an 8px blue left edge and their tags a thin border', async () => {
      const root = await mount('medication-list', margaret.id, '.item.current .tag');
      const current = styleOf(root, '.item.current');
      expect([current.borderTopWidth, current.borderLeftWidth, current.borderLeftColor, current.marginBottom]).to.deep.equal(['1px', '8px', NHS_BLUE, '8px']);
      const tag = styleOf(root, '.tag');
      expect([tag.padding, tag.borderTopWidth, tag.fontWeight, tag.fontSize]).to.deep.equal(['0px 4px', '1px', '600', '14px']);
      expect(styleOf(root, '.item-header').display).to.equal('flex');
    });

    it('draws problems as plain cards with a slightly smaller heading', async () => {
      const root = await mount('problem-list', margaret.id, '.item');
      const card = styleOf(root, '.item');
      expect([card.borderLeftWidth, card.borderLeftColor, card.padding, card.overflowWrap]).to.deep.equal(['1px', BORDER_GREY, '8px 12px', 'anywhere']);
      expect(styleOf(root, '.item-header .heading').fontSize).to.equal('17px');
    });
  });

  describe('notices and document badges', () => {
    beforeEach(() => worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [margaretWithCorrections()] })));

    for (const tag of ['care-plan-list', 'document-list', 'encounter-list']) {
      it(`shows <${tag}>'s notice of records entered in error on a tinted panel with a grey left edge`, async () => {
        const root = await mount(tag, margaret.id, '.notice');
        const notice = styleOf(root, '.notice');
        expect([notice.backgroundColor, notice.borderLeftWidth, notice.borderLeftColor, notice.padding, notice.marginBottom]).to.deep.equal([
          SURFACE,
          '4px',
          BORDER_GREY,
          '8px',
          '8px',
        ]);
      });
    }

    it('marks a superseded document with a dashed badge and a preliminary one with a yellow left edge', async () => {
      const root = await mount('document-list', margaret.id, '.badge-preliminary');
      const preliminary = styleOf(root, '.badge-preliminary');
      expect([preliminary.borderLeftWidth, preliminary.borderLeftColor, preliminary.borderTopWidth, preliminary.fontWeight]).to.deep.equal(['4px', WARNING, '1px', '600']);
      expect(styleOf(root, '.badge-superseded').borderTopStyle).to.equal('dashed');
      expect(styleOf(root, '.badges').marginBottom).to.equal('4px');
    });
  });

  it("draws discharge badges like the discharge summary's: greyed when superseded, a yellow edge when preliminary", async () => {
    worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [arthur.bundle] }));
    const root = await mount('discharge-list', arthur.id, '.badge');
    const badge = styleOf(root, '.badge');
    expect([badge.fontSize, badge.lineHeight, badge.borderTopWidth, badge.padding]).to.deep.equal(['14px', '21px', '1px', '0px 4px']);
    expect(styleOf(root, '.badge-superseded').color).to.equal('rgb(76, 98, 114)');
    expect(styleOf(root, '.badge-preliminary').borderLeftColor).to.equal(WARNING);
  });

  for (const tag of ['diagnostic-report-list', 'test-results']) {
    it(`gives <${tag}>'s abnormal reports a red left edge`, async () => {
      worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [arthur.bundle] }));
      const root = await mount(tag, arthur.id, '.report.abnormal');
      const abnormal = styleOf(root, '.report.abnormal:not(.critical)');
      expect([abnormal.borderTopWidth, abnormal.borderTopColor, abnormal.padding, abnormal.marginBottom]).to.deep.equal(['1px', BORDER_GREY, '8px 12px', '12px']);
      expect([abnormal.borderLeftWidth, abnormal.borderLeftColor]).to.deep.equal(['4px', ERROR_RED]);
      expect(styleOf(root, '.report.critical').borderLeftWidth).to.equal('8px');
      expect(styleOf(root, '.report-header').rowGap).to.equal(tag === 'test-results' ? '0px' : '4px');
    });
  }

  describe('long lists', () => {
    const lists = [
      { tag: 'care-plan-list', type: 'CarePlan', row: '.plan', element: CarePlanList },
      { tag: 'document-list', type: 'DocumentReference', row: '.document', element: DocumentList },
      { tag: 'encounter-list', type: 'Encounter', row: '.item', element: EncounterList },
      { tag: 'diagnostic-report-list', type: 'DiagnosticReport', row: '.report', element: DiagnosticReportList },
    ];

    for (const { tag, type, row, element } of lists) {
      it(`lets <${tag}> skip laying out rows out of view, which stay focusable, and prints every row`, async () => {
        worker.use(...createFhirHandlers({ baseUrl: BASE, bundles: [manyOf(type, 60)] }));
        const widget = document.createElement(tag);
        widget.setAttribute('page-size', '100');
        widget.setAttribute('status-filter', 'all');
        await fixture<HTMLElement>(html`
          <div style="width: 900px">
            <care-record-provider fhir-base-url=${BASE} patient-id=${margaret.id} auth-mode="token" .tokenProvider=${() => 't'}>${widget}</care-record-provider>
          </div>
        `);
        const root = widget.shadowRoot!;
        await waitUntil(() => root.querySelectorAll(row).length === 60, `<${tag}> showed ${root.querySelectorAll(row).length} rows`, { timeout: 10000 });
        const rows = [...root.querySelectorAll<HTMLElement>(row)];
        for (const each of [rows[0], rows[59]]) {
          expect(getComputedStyle(each).getPropertyValue('content-visibility')).to.equal('auto');
          expect(getComputedStyle(each).getPropertyValue('contain-intrinsic-size')).to.match(/^auto \d+px$/);
        }
        const last = rows[59];
        expect(last.getBoundingClientRect().top, 'the last row is out of view').to.be.greaterThan(window.innerHeight);
        // As the widgets move focus to a heading (after "Show more", back from a summary).
        const heading = last.querySelector<HTMLElement>('.heading')!;
        heading.tabIndex = -1;
        heading.focus();
        expect(root.activeElement).to.equal(heading);
        expect(cssOf(element)).to.match(new RegExp(`@media print[\\s\\S]*\\${row} \\{[^}]*content-visibility: visible`));
      });
    }
  });
});
