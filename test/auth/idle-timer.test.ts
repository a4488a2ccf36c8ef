import { expect, waitUntil } from '@open-wc/testing';
import { IdleTimer, activityEvents } from '@care-record/auth';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleTimer', () => {
  it('calls back once after the time-out with no activity', async () => {
    let idle = 0;
    const timer = new IdleTimer(100, () => idle++);
    timer.start();
    await waitUntil(() => idle > 0, 'never idle', { timeout: 2000 });
    await pause(150);
    expect(idle).to.equal(1);
    expect(timer.running).to.equal(false);
  });

  for (const type of activityEvents) {
    it(`counts ${type} as activity and waits for a full quiet period`, async () => {
      let idle = 0;
      // Generous against the activity gaps, so a busy machine does not look idle.
      const timer = new IdleTimer(500, () => idle++);
      timer.start();
      for (let i = 0; i < 8; i++) {
        await pause(100);
        document.body.dispatchEvent(new Event(type, { bubbles: true }));
      }
      // 800 ms have passed, longer than the time-out, with activity throughout.
      expect(idle).to.equal(0);
      await waitUntil(() => idle > 0, 'never idle after the activity stopped', { timeout: 3000 });
      expect(idle).to.equal(1);
    });
  }

  it('does not call back once stopped', async () => {
    let idle = 0;
    const timer = new IdleTimer(50, () => idle++);
    timer.start();
    timer.stop();
    await pause(150);
    expect(idle).to.equal(0);
  });

  it('never fires when the time-out is 0 (disabled)', async () => {
    let idle = 0;
    const timer = new IdleTimer(0, () => idle++);
    timer.start();
    await pause(30);
    expect(timer.running).to.equal(false);
    expect(idle).to.equal(0);
  });
});
