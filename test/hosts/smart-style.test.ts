// A SMART App Launch from an EHR that publishes its look (`smart_style_url`): the widgets take the
// EHR's colours, font, size, spacing and corners through the design tokens, and nothing else.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { TokenProviderSession } from '@care-record/auth';
import type { CareRecordProvider, CareRecordSignIn } from '@care-record/elements';
import { applySmartStyle, applySmartStyleFromUrl, connectSmartStyle, smartStyleToTokens } from '@care-record/elements/smart-style.js';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/care-record-sign-in.js';

const STYLE_URL = 'https://ehr.test/smart-style.json';
// The example from the SMART App Launch specification ("Styling").
const ehrStyle = {
  color_background: '#edeae3',
  color_error: '#9e2d2d',
  color_highlight: '#69b5ce',
  color_modal_backdrop: '',
  color_success: '#498e49',
  color_text: '#303030',
  dim_border_radius: '6px',
  dim_font_size: '13px',
  dim_spacing_size: '20px',
  font_family_body: "Georgia, Times, 'Times New Roman', serif",
  font_family_heading: "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif;",
};

const worker = setupWorker();

async function mount(): Promise<{ provider: CareRecordProvider; widget: CareRecordSignIn; session: TokenProviderSession }> {
  const session = new TokenProviderSession({ tokenProvider: () => 't', user: { subject: 'u-1', name: 'Priya Patel' } });
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url="https://fhir.test/R4" .auth=${session}><care-record-sign-in></care-record-sign-in></care-record-provider>
  `);
  const widget = provider.querySelector('care-record-sign-in')!;
  await widget.updateComplete;
  return { provider, widget, session };
}

/** `#69b5ce` or `rgb(1, 2, 3)` → channels. */
function channels(color: string): [number, number, number] {
  if (color.startsWith('#')) return [1, 3, 5].map((index) => parseInt(color.slice(index, index + 2), 16)) as [number, number, number];
  return color.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
}

/** WCAG contrast ratio. */
function contrast(a: [number, number, number], b: [number, number, number]): number {
  const luminance = (rgb: number[]) =>
    rgb.map((channel) => channel / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const readablePrimary = () => smartStyleToTokens(ehrStyle).tokens['--care-record-color-primary'];

function looks(widget: CareRecordSignIn) {
  const host = getComputedStyle(widget);
  const button = getComputedStyle(widget.shadowRoot!.querySelector('button')!);
  return { text: host.color, background: host.backgroundColor, font: host.fontFamily, fontSize: host.fontSize, primary: button.borderTopColor, radius: button.borderTopLeftRadius };
}

describe('SMART styling (smart_style_url)', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it("maps the EHR's style onto the design tokens, with readable text on its highlight colour", () => {
    const { tokens, ignored, adjusted } = smartStyleToTokens(ehrStyle);
    const { '--care-record-color-primary': primary, ...others } = tokens;
    expect(others).to.deep.equal({
      '--care-record-color-background': '#edeae3',
      '--care-record-color-error': '#9e2d2d',
      '--care-record-color-primary-contrast': '#ffffff',
      '--care-record-color-text': '#303030',
      '--care-record-radius': '6px',
      '--care-record-font-size': '13px',
      '--care-record-space': '20px',
      '--care-record-font-family': "Georgia, Times, 'Times New Roman', serif",
    });
    expect(ignored.map(({ field, reason }) => `${field}: ${reason}`)).to.deep.equal([
      'color_modal_backdrop: no token',
      'color_success: no token',
      'font_family_heading: no token',
    ]);
    // The spec's pale blue reads at 1.9:1 as link text on its background: darkened to AA, same hue.
    expect(adjusted).to.deep.equal([{ field: 'color_highlight', from: '#69b5ce', to: primary }]);
    const [r, g, b] = channels(primary!);
    expect(contrast([r, g, b], channels('#edeae3'))).to.be.within(4.5, 4.7);
    expect(r < g && g < b).to.equal(true);
    expect(contrast([r, g, b], [255, 255, 255])).to.be.at.least(4.5);
  });

  it('takes nothing but colours, lengths and fonts (no url(), no other CSS)', () => {
    const { tokens, ignored } = smartStyleToTokens({
      color_background: 'url(https://tracker.example/pixel.png)',
      color_text: 'red; background: url(x)',
      dim_font_size: '-4px',
      dim_spacing_size: 12,
      font_family_body: 'Arial} :host { display: none',
      color_highlight: 'rebeccapurple',
    });
    expect(tokens).to.deep.equal({ '--care-record-space': '12px', '--care-record-color-primary': 'rebeccapurple', '--care-record-color-primary-contrast': '#ffffff' });
    expect(ignored.map(({ field }) => field)).to.deep.equal(['color_background', 'color_text', 'dim_font_size', 'font_family_body']);
  });

  it('restyles the widgets when the style is fetched from the launch', async () => {
    worker.use(http.get(STYLE_URL, () => HttpResponse.json(ehrStyle)));
    const { provider, widget } = await mount();
    await applySmartStyleFromUrl(provider, STYLE_URL);
    expect(looks(widget)).to.deep.equal({
      text: 'rgb(48, 48, 48)',
      background: 'rgb(237, 234, 227)',
      font: 'Georgia, Times, "Times New Roman", serif',
      fontSize: '13px',
      primary: readablePrimary(),
      radius: '6px',
    });
    await expect(widget).to.be.accessible();
  });

  it("follows the session's smartStyleUrl (the hook), and puts the widgets' own look back when it goes", async () => {
    worker.use(http.get(STYLE_URL, () => HttpResponse.json(ehrStyle)));
    const { provider, widget, session } = await mount();
    const plain = looks(widget);
    // A session that passes on the launch's smart_style_url, as the SmartStyleSource hook describes.
    Object.defineProperty(session, 'smartStyleUrl', { configurable: true, get: () => STYLE_URL });
    const stop = connectSmartStyle(provider);
    await waitUntil(() => looks(widget).primary === readablePrimary(), 'the style was not applied');

    Object.defineProperty(session, 'smartStyleUrl', { configurable: true, get: () => undefined });
    session.dispatchEvent(new Event('change'));
    expect(looks(widget)).to.deep.equal(plain);
    stop();
  });

  it('reports a style that cannot be loaded and keeps the widgets as they were', async () => {
    worker.use(http.get(STYLE_URL, () => new HttpResponse(null, { status: 404 })));
    const { provider, widget, session } = await mount();
    const plain = looks(widget);
    Object.defineProperty(session, 'smartStyleUrl', { configurable: true, get: () => STYLE_URL });
    const errors: unknown[] = [];
    const stop = connectSmartStyle(provider, { onError: (error) => errors.push(error) });
    await waitUntil(() => errors.length === 1, 'no error reported');
    expect(String(errors[0])).to.contain('HTTP 404');
    expect(looks(widget)).to.deep.equal(plain);
    stop();
  });

  it('replaces the previous style when a new one is applied', async () => {
    const { provider, widget } = await mount();
    applySmartStyle(provider, ehrStyle);
    applySmartStyle(provider, { color_text: '#000000' });
    expect(looks(widget).text).to.equal('rgb(0, 0, 0)');
    expect(looks(widget).radius).to.equal('4px');
  });
});
