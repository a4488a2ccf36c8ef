import { expect } from '@open-wc/testing';
import { TokenProviderSession } from '@care-record/auth';
import type { SessionUser } from '@care-record/auth';

const nurse: SessionUser = { subject: 'nurse-1', name: 'Alex Morgan', role: 'Care Home Nurse' };

function recordEvents(target: EventTarget): string[] {
  const events: string[] = [];
  target.addEventListener('change', () => events.push('change'));
  target.addEventListener('signed-out', () => events.push('signed-out'));
  return events;
}

describe('TokenProviderSession', () => {
  it("hands out the host's token on every request, as a bearer session", async () => {
    let calls = 0;
    const session = new TokenProviderSession({ tokenProvider: () => `token-${++calls}`, user: nurse });
    expect(await session.getAccessToken()).to.equal('token-1');
    expect(await session.getAccessToken()).to.equal('token-2');
    expect(session.status).to.equal('signed-in');
    expect(session.user).to.deep.equal(nurse);
    expect(session.credentials).to.equal(undefined);
  });

  it('accepts an async token provider', async () => {
    const session = new TokenProviderSession({ tokenProvider: async () => 'async-token' });
    expect(await session.getAccessToken()).to.equal('async-token');
  });

  it('is signed out while the host has no token', async () => {
    const session = new TokenProviderSession({ tokenProvider: () => undefined, user: nurse });
    const events = recordEvents(session);
    expect(await session.getAccessToken()).to.equal(undefined);
    expect(session.status).to.equal('signed-out');
    expect(session.user).to.equal(undefined);
    expect(events).to.deep.equal(['change']);
  });

  it('renews by asking the host again, once for concurrent callers', async () => {
    const asked: Array<{ renew: boolean } | undefined> = [];
    let next = 1;
    const session = new TokenProviderSession({
      tokenProvider: async (context) => {
        asked.push(context);
        await new Promise((resolve) => setTimeout(resolve, 10));
        return `token-${next++}`;
      },
    });
    await session.getAccessToken();
    const results = await Promise.all([session.renew(), session.renew(), session.renew()]);
    expect(results).to.deep.equal([true, true, true]);
    expect(asked).to.deep.equal([undefined, { renew: true }]);
    expect(session.status).to.equal('signed-in');
  });

  it('ends the session when the host can only give the token the server refused', async () => {
    const session = new TokenProviderSession({ tokenProvider: () => 'token-1', user: nurse });
    const events = recordEvents(session);
    await session.getAccessToken();
    expect(await session.renew()).to.equal(false);
    expect(session.status).to.equal('session-ended');
    expect(session.user).to.equal(undefined);
    expect(events).to.deep.equal(['change', 'signed-out']);
  });

  it('ends the session when the token provider fails', async () => {
    const session = new TokenProviderSession({
      tokenProvider: (context) => {
        if (context?.renew) throw new Error('host session gone');
        return 'token-1';
      },
    });
    await session.getAccessToken();
    expect(await session.renew()).to.equal(false);
    expect(session.status).to.equal('session-ended');
  });

  it('signs out: clears caches, calls the host, and hands out no token until signed in again', async () => {
    let signOuts = 0;
    let signIns = 0;
    const session = new TokenProviderSession({
      tokenProvider: () => 'token-1',
      user: nurse,
      onSignOut: () => void signOuts++,
      onSignIn: () => void signIns++,
    });
    const events = recordEvents(session);
    await session.signOut();
    expect(session.status).to.equal('signed-out');
    expect(events).to.deep.equal(['change', 'signed-out']);
    expect(signOuts).to.equal(1);
    expect(await session.getAccessToken()).to.equal(undefined);
    expect(await session.renew()).to.equal(false);

    await session.signIn();
    expect(signIns).to.equal(1);
    expect(session.status).to.equal('signed-in');
    expect(session.user).to.deep.equal(nurse);
    expect(await session.getAccessToken()).to.equal('token-1');
  });

  it('reports a new user from the host', async () => {
    const session = new TokenProviderSession({ tokenProvider: () => 'token-1' });
    const events = recordEvents(session);
    session.setUser(nurse);
    expect(session.user).to.deep.equal(nurse);
    expect(events).to.deep.equal(['change']);
  });

  it('passes on launch context the host already has', () => {
    const session = new TokenProviderSession({
      tokenProvider: () => 'token-1',
      patientId: 'resident-1',
      grantedScopes: ['patient/*.rs'],
    });
    expect(session.patientId).to.equal('resident-1');
    expect(session.grantedScopes).to.deep.equal(['patient/*.rs']);
  });
});
