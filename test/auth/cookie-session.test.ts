import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { CookieSession } from '@care-record/auth';

const worker = setupWorker();

function cookieSession(options: Partial<ConstructorParameters<typeof CookieSession>[0]> = {}) {
  const visited: string[] = [];
  const session = new CookieSession({
    signInUrl: 'https://care-system.test/sign-in',
    navigate: (url) => visited.push(url),
    ...options,
  });
  const events: string[] = [];
  session.addEventListener('change', () => events.push(`change:${session.status}`));
  session.addEventListener('signed-out', () => events.push('signed-out'));
  return { session, visited, events };
}

describe('CookieSession', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  it('sends the cookie and never a bearer token', async () => {
    const { session } = cookieSession({ user: { subject: 'nurse-1', name: 'Alex Morgan' } });
    expect(session.credentials).to.equal('include');
    expect(await session.getAccessToken()).to.equal(undefined);
    expect(session.status).to.equal('signed-in');
    expect(session.user?.name).to.equal('Alex Morgan');

    let authorization: string | null = 'not seen';
    worker.use(
      http.get('https://bff.test/fhir/Patient/1', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ resourceType: 'Patient', id: '1' });
      }),
    );
    const token = await session.getAccessToken();
    await fetch('https://bff.test/fhir/Patient/1', {
      credentials: session.credentials,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    expect(authorization).to.equal(null);
  });

  it("goes to the host's sign-in page, with the way back, when the server answers 401", async () => {
    const { session, visited, events } = cookieSession();
    expect(await session.renew()).to.equal(false);
    expect(visited).to.have.length(1);
    const signIn = new URL(visited[0]!);
    expect(signIn.origin + signIn.pathname).to.equal('https://care-system.test/sign-in');
    expect(signIn.searchParams.get('returnTo')).to.equal(location.href);
    expect(events).to.deep.equal(['change:session-ended', 'signed-out', 'change:signing-in']);
  });

  it('only reports the ended session when the host handles sign-in itself', async () => {
    const { session, visited } = cookieSession({ signInOnUnauthorized: false });
    expect(await session.renew()).to.equal(false);
    expect(session.status).to.equal('session-ended');
    expect(visited).to.deep.equal([]);
    await session.signIn();
    expect(visited).to.have.length(1);
  });

  it("signs out: clears caches and goes to the host's sign-out address", async () => {
    const { session, visited, events } = cookieSession({ signOutUrl: '/sign-out', user: { subject: 'nurse-1' } });
    await session.signOut();
    expect(session.status).to.equal('signed-out');
    expect(session.user).to.equal(undefined);
    expect(events).to.deep.equal(['change:signed-out', 'signed-out']);
    expect(visited).to.deep.equal([new URL('/sign-out', location.href).href]);
  });
});
