import { sharedWhilePending } from './shared-while-pending';

describe('sharedWhilePending', () => {
  it('gives callers that come while a call is pending the same promise, and starts afresh once it settled', async () => {
    let calls = 0;
    const read = sharedWhilePending(async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return calls;
    });
    const first = read();
    const second = read();
    expect(second).toBe(first);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(await read()).toBe(2);
  });

  it('starts afresh after a rejection too', async () => {
    let calls = 0;
    const read = sharedWhilePending(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store closed');
      return calls;
    });
    await expect(read()).rejects.toThrow('store closed');
    expect(await read()).toBe(2);
  });
});
