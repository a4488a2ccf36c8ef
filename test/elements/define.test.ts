import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { TokenProviderSession } from '@care-record/auth';
import {
  CareRecordElement,
  CareRecordProvider,
  CareRecordSignIn,
  careRecordElements,
  defineCareRecordElements,
  defineElement,
} from '../../packages/elements/src/index.js';

// Order matters in this file: the custom element registry is global to the page.
describe('registering the elements', () => {
  it('registers nothing when the package index is imported', () => {
    expect(customElements.get('care-record-provider')).to.equal(undefined);
    expect(customElements.get('care-record-sign-in')).to.equal(undefined);
  });

  it('lists every element for defineCareRecordElements', () => {
    expect(careRecordElements.map((entry) => entry.tag)).to.include.members(['care-record-provider', 'care-record-sign-in']);
  });

  it('registers every element under its own name', () => {
    defineCareRecordElements();
    expect(customElements.get('care-record-provider')).to.equal(CareRecordProvider);
    expect(customElements.get('care-record-sign-in')).to.equal(CareRecordSignIn);
    expect(document.createElement('care-record-provider')).to.be.instanceOf(CareRecordProvider);
  });

  it('skips tags already defined, so registration modules can be imported in any order', async () => {
    defineCareRecordElements();
    await import('../../packages/elements/src/care-record-provider.js');
    await import('../../packages/elements/src/care-record-sign-in.js');
    expect(customElements.get('care-record-provider')).to.equal(CareRecordProvider);
  });

  it("keeps a host's own element when the tag is taken", () => {
    class HostWidget extends HTMLElement {}
    customElements.define('acme-care-record-sign-in', HostWidget);
    expect(defineElement('acme-care-record-sign-in', CareRecordSignIn)).to.equal(HostWidget);
    expect(customElements.get('acme-care-record-sign-in')).to.equal(HostWidget);
  });

  it('registers every element under a prefix, and the prefixed elements work together', async () => {
    defineCareRecordElements({ prefix: 'partner' });
    expect(customElements.get('partner-care-record-provider')).to.exist;
    const session = new TokenProviderSession({ tokenProvider: () => 't', user: { subject: 's', name: 'Sam Okafor' } });
    const provider = await fixture(html`
      <partner-care-record-provider fhir-base-url="https://fhir.test/R4" .auth=${session}>
        <partner-care-record-sign-in></partner-care-record-sign-in>
      </partner-care-record-provider>
    `);
    expect(provider).to.be.instanceOf(CareRecordProvider);
    const signIn = provider.querySelector('partner-care-record-sign-in') as CareRecordSignIn;
    expect(signIn).to.be.instanceOf(CareRecordSignIn);
    await waitUntil(() => signIn.shadowRoot?.textContent?.includes('Signed in as Sam Okafor'), 'prefixed sign-in not connected');
    await expect(provider).to.be.accessible();
  });

  it('registers elements added to the list by later modules', () => {
    class LaterWidget extends CareRecordElement {}
    careRecordElements.push({ tag: 'later-widget', ctor: LaterWidget });
    try {
      defineCareRecordElements({ prefix: 'acme' });
      expect(customElements.get('acme-later-widget')).to.equal(LaterWidget);
      expect(customElements.get('acme-care-record-provider')).to.exist;
    } finally {
      careRecordElements.pop();
    }
  });

  it('refuses a prefix that cannot start a custom element name', () => {
    expect(() => defineCareRecordElements({ prefix: '1st' })).to.throw(TypeError, 'cannot start a custom element name');
    expect(() => defineCareRecordElements({ prefix: 'Acme Ltd' })).to.throw(TypeError);
  });
});
