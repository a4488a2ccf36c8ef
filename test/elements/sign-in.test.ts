import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CookieSession, TokenProviderSession } from '@care-record/auth';
import type { SessionUser, SignInOptions } from '@care-record/auth';
import type { CareRecordErrorEvent, CareRecordProvider, CareRecordSessionChangeEvent, CareRecordSignIn } from '../../packages/elements/src/index.js';
import '../../packages/elements/src/care-record-provider.js';
import '../../packages/elements/src/care-record-sign-in.js';

const BASE = 'https://fhir.test/R4';

const nurse: SessionUser = { subject: 'u-1', name: 'Priya Patel', role: 'Registered nurse', organisation: 'Oak Lodge Care Home' };

function text(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function button(element: CareRecordSignIn, name: string): HTMLButtonElement {
  const found = [...element.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!found) throw new Error(`no "${name}" button in: ${text(element)}`);
  return found;
}

async function mount(session: CookieSession | TokenProviderSession) {
  const provider = await fixture<CareRecordProvider>(html`
    <care-record-provider fhir-base-url=${BASE} .auth=${session}>
      <care-record-sign-in></care-record-sign-in>
    </care-record-provider>
  `);
  const signIn = provider.querySelector('care-record-sign-in')!;
  await signIn.updateComplete;
  return { provider, signIn };
}

describe('<care-record-sign-in>', () => {
  it('shows who is signed in, with their role and organisation', async () => {
    const { signIn } = await mount(new TokenProviderSession({ tokenProvider: () => 't', user: nurse }));
    expect(signIn.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Signed in as Priya Patel');
    expect(signIn.shadowRoot!.querySelector('[part="role"]')!.textContent).to.equal('Registered nurse, Oak Lodge Care Home');
    expect(button(signIn, 'Sign out')).to.exist;
    await expect(signIn).to.be.accessible();
  });

  it('says "Signed in" when the token names no one', async () => {
    const { signIn } = await mount(new TokenProviderSession({ tokenProvider: () => 't', user: { subject: 'u-2' } }));
    expect(text(signIn)).to.equal('Signed in Sign out');
  });

  it('signs out, then offers Sign in, and the provider tells the host', async () => {
    let hostSignOuts = 0;
    const session = new TokenProviderSession({ tokenProvider: () => 't', user: nurse, onSignOut: () => void hostSignOuts++ });
    const { provider, signIn } = await mount(session);
    const changes: CareRecordSessionChangeEvent[] = [];
    provider.addEventListener('care-record-session-change', (event) => changes.push(event));

    button(signIn, 'Sign out').click();
    await waitUntil(() => session.status === 'signed-out' && text(signIn) === 'Sign in', 'did not sign out');
    expect(hostSignOuts).to.equal(1);
    expect(changes.map((event) => event.detail.status)).to.deep.equal(['signed-out']);
    await expect(signIn).to.be.accessible();
  });

  it('signs in with the options the host set (popup)', async () => {
    const asked: SignInOptions[] = [];
    const session = new TokenProviderSession({ tokenProvider: () => 't', onSignIn: (options) => void asked.push(options) });
    await session.signOut();
    const signIn = await fixture<CareRecordSignIn>(html`<care-record-sign-in popup .auth=${session}></care-record-sign-in>`);
    button(signIn, 'Sign in').click();
    expect(asked).to.deep.equal([{ popup: true }]);
  });

  it('shows "Signing in…" while sign-in is under way', async () => {
    const session = new CookieSession({ signInUrl: '/login', navigate: () => {} });
    await session.signOut();
    const { signIn } = await mount(session);
    button(signIn, 'Sign in').click();
    await waitUntil(() => text(signIn) === 'Signing in…', 'no progress shown');
    expect(signIn.shadowRoot!.querySelector('[role="status"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(signIn).to.be.accessible();
  });

  it('says the session has ended and offers to sign in again', async () => {
    const session = new TokenProviderSession({ tokenProvider: () => 'refused-token', user: nurse });
    const { signIn } = await mount(session);
    await session.getAccessToken();
    expect(await session.renew()).to.equal(false);
    await waitUntil(() => text(signIn).includes('Your session has ended. Sign in again to see records.'), 'no session-ended message');
    expect(signIn.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Your session has ended. Sign in again to see records.');
    expect(button(signIn, 'Sign in')).to.exist;
    await expect(signIn).to.be.accessible();
  });

  it('says when sign-in did not work, and tells the host', async () => {
    const session = new TokenProviderSession({
      tokenProvider: () => 't',
      onSignIn: () => Promise.reject(new Error('popup blocked')),
    });
    await session.signOut();
    const { signIn } = await mount(session);
    const errors: CareRecordErrorEvent[] = [];
    signIn.addEventListener('care-record-error', (event) => errors.push(event));
    button(signIn, 'Sign in').click();
    await waitUntil(() => signIn.shadowRoot!.querySelector('[role="alert"]'), 'no failure message');
    expect(text(signIn)).to.contain('Sign-in did not work.');
    expect(errors.map((event) => [event.detail.error.message, event.detail.source])).to.deep.equal([['popup blocked', 'care-record-sign-in']]);
    await expect(signIn).to.be.accessible();
  });

  it('shows nothing when there is no session to sign in to', async () => {
    const signIn = await fixture<CareRecordSignIn>(html`<care-record-sign-in></care-record-sign-in>`);
    expect(text(signIn)).to.equal('');
    expect(signIn.shadowRoot!.querySelector('button')).to.equal(null);
  });
});
