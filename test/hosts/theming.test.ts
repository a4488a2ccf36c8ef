// Theming as a vendor does it: the shipped theme stylesheets (packages/elements/themes) set the
// `--care-record-*` tokens on an ancestor, and the widgets inside their shadow roots take them up.
import { expect, fixture, html } from '@open-wc/testing';
import { TokenProviderSession } from '@care-record/auth';
import { tokenNames } from '@care-record/elements';
import type { CareRecordSignIn } from '@care-record/elements';
import '@care-record/elements/care-record-provider.js';
import '@care-record/elements/care-record-sign-in.js';

const themes = {
  nhs: { file: '/packages/elements/themes/nhs.css', className: 'care-record-theme-nhs' },
  heather: { file: '/packages/elements/themes/vendor-example.css', className: 'care-record-theme-heather' },
};

/** `#5b2a86` → `rgb(91, 42, 134)`, as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function loadStylesheet(href: string): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', reject, { once: true });
  });
  document.head.append(link);
  await loaded;
  return link;
}

/** A signed-in <care-record-sign-in> (it shows the person and a Sign out button) inside `classes`. */
async function signInWidget(classes: string): Promise<{ widget: CareRecordSignIn; button: HTMLButtonElement }> {
  const session = new TokenProviderSession({ tokenProvider: () => 't', user: { subject: 'u-1', name: 'Priya Patel' } });
  const container = await fixture<HTMLDivElement>(html`
    <div class=${classes}>
      <care-record-provider fhir-base-url="https://fhir.test/R4" .auth=${session}><care-record-sign-in></care-record-sign-in></care-record-provider>
    </div>
  `);
  const widget = container.querySelector('care-record-sign-in')!;
  await widget.updateComplete;
  const button = [...widget.shadowRoot!.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Sign out')!;
  return { widget, button };
}

function looks(widget: HTMLElement, button: HTMLElement) {
  const host = getComputedStyle(widget);
  const control = getComputedStyle(button);
  return {
    text: host.color,
    background: host.backgroundColor,
    font: host.fontFamily,
    fontSize: host.fontSize,
    primary: control.borderTopColor,
    radius: control.borderTopLeftRadius,
  };
}

describe('theme stylesheets', () => {
  const links: HTMLLinkElement[] = [];
  before(async () => {
    for (const theme of Object.values(themes)) links.push(await loadStylesheet(theme.file));
  });
  after(() => links.forEach((link) => link.remove()));

  for (const [name, theme] of Object.entries(themes)) {
    it(`${name}: sets every design token, light and dark, and no token that does not exist`, async () => {
      const css = await (await fetch(theme.file)).text();
      const blocks = css.split('}').filter((block) => block.includes('--care-record-'));
      const light = blocks.find((block) => block.includes(`.${theme.className} {`))!;
      const declared = (block: string) => [...block.matchAll(/(--care-record-[a-z0-9-]+)\s*:/g)].map((match) => match[1]);
      expect([...declared(light)].sort()).to.deep.equal([...tokenNames].sort());
      for (const block of blocks) expect(declared(block).filter((token) => !(tokenNames as readonly string[]).includes(token!))).to.deep.equal([]);
    });
  }

  it('nhs: looks exactly like the widgets with no theme at all', async () => {
    const plain = await signInWidget('care-record-light');
    const themed = await signInWidget('care-record-theme-nhs care-record-light');
    expect(looks(themed.widget, themed.button)).to.deep.equal(looks(plain.widget, plain.button));
    expect(looks(themed.widget, themed.button).primary).to.equal(rgb('#005eb8'));
  });

  it('heather: the widgets take the vendor\'s colours, font, size and corners', async () => {
    const { widget, button } = await signInWidget('care-record-theme-heather care-record-light');
    expect(looks(widget, button)).to.deep.equal({
      text: rgb('#231b2e'),
      background: rgb('#fffdfb'),
      font: '"Nunito Sans", "Segoe UI", Arial, sans-serif',
      fontSize: '17px',
      primary: rgb('#5b2a86'),
      radius: '12px',
    });
    await expect(widget).to.be.accessible();
  });

  it('heather, dark: pinned with care-record-dark whatever the system prefers', async () => {
    const { widget, button } = await signInWidget('care-record-theme-heather care-record-dark');
    const look = looks(widget, button);
    expect([look.text, look.background, look.primary]).to.deep.equal([rgb('#f4eff9'), rgb('#1c1723'), rgb('#d0b5f2')]);
    await expect(widget).to.be.accessible();
  });
});
