import { ChainLanes, type ChainLane } from './chain-lanes';

/** A task that holds its lane until released, recording which lane it got. */
function holding(lanes: ChainLanes, got: string[]): { done: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const done = lanes.run(async (lane: ChainLane) => {
    got.push(lane.id);
    await held;
  });
  return { done, release };
}

describe('ChainLanes', () => {
  it('runs tasks that never overlap through one lane', async () => {
    const lanes = new ChainLanes(8);
    const used: string[] = [];
    for (let index = 0; index < 5; index++) await lanes.run(async (lane) => void used.push(lane.id));
    expect(new Set(used).size).toBe(1);
    expect(used[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives each concurrent task a lane of its own up to its size, then the next freed lane in arrival order', async () => {
    const lanes = new ChainLanes(2);
    const got: string[] = [];
    const [first, second, third, fourth] = [holding(lanes, got), holding(lanes, got), holding(lanes, got), holding(lanes, got)];
    await Promise.resolve();
    expect(got).toHaveLength(2);
    expect(got[0]).not.toBe(got[1]);
    second.release();
    await second.done;
    expect(got[2]).toBe(got[1]); // the third waited for a lane and got the one freed
    first.release();
    await first.done;
    expect(got[3]).toBe(got[0]);
    third.release();
    fourth.release();
    await Promise.all([third.done, fourth.done]);
  });

  it('never uses a retired lane again: the next task gets a fresh lane, with a new id', async () => {
    const lanes = new ChainLanes(1);
    let retired: ChainLane | undefined;
    await expect(
      lanes.run(async (lane) => {
        retired = lane;
        lane.retire();
        throw new Error('outcome unknown');
      }),
    ).rejects.toThrow('outcome unknown');
    const next = await lanes.run(async (lane) => lane);
    expect(next).not.toBe(retired);
    expect(next.id).not.toBe(retired!.id);
    expect(next.id.slice(0, 24)).toBe(retired!.id.slice(0, 24)); // same writer
  });

  it('hands a waiting task a fresh lane when the lane it waited for retires', async () => {
    const lanes = new ChainLanes(1);
    const got: ChainLane[] = [];
    let release!: () => void;
    const first = lanes.run(async (lane) => {
      got.push(lane);
      await new Promise<void>((resolve) => (release = resolve));
      lane.retire();
    });
    const second = lanes.run(async (lane) => void got.push(lane));
    await Promise.resolve();
    release();
    await Promise.all([first, second]);
    expect(got[1]).not.toBe(got[0]);
    expect(got[1].retired).toBe(false);
  });

  it('gives lanes of different writers different ids', async () => {
    const ids = await Promise.all([new ChainLanes(), new ChainLanes()].map((lanes) => lanes.run(async (lane) => lane.id)));
    expect(ids[0].slice(0, 24)).not.toBe(ids[1].slice(0, 24));
  });

  it.each([0, 65, 1.5])('refuses %p lanes', (size) => {
    expect(() => new ChainLanes(size)).toThrow(/chain lanes must be an integer from 1 to 64/);
  });
});
