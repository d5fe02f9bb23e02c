import { ShutdownState } from './shutdown-state';

describe('ShutdownState', () => {
  it('is not shutting down until begin() or the first destroy hook', () => {
    const state = new ShutdownState();
    expect(state.shuttingDown).toBe(false);
    state.onModuleDestroy();
    expect(state.shuttingDown).toBe(true);
  });

  it('counts requests in flight, each released once however often its release is called', () => {
    const state = new ShutdownState();
    const first = state.track();
    const second = state.track();
    first();
    first();
    expect(state.requestsInFlight).toBe(1);
    second();
    expect(state.requestsInFlight).toBe(0);
  });

  it('is idle at once with nothing in flight, and once the last request is released', async () => {
    const state = new ShutdownState();
    await expect(state.whenIdle(60_000)).resolves.toBe(true);
    const release = state.track();
    const idle = state.whenIdle(60_000);
    setImmediate(release);
    await expect(idle).resolves.toBe(true);
  });

  it('gives up waiting after the timeout while a request is still in flight', async () => {
    const state = new ShutdownState();
    const release = state.track();
    await expect(state.whenIdle(5)).resolves.toBe(false);
    expect(state.requestsInFlight).toBe(1);
    release();
  });
});
