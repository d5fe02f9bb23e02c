import { randomBytes } from 'node:crypto';
import type { Position } from '@eventstore/db-client';

/** Lanes per writer when none is configured: up to this many appends of one process share the node's fsync. */
export const DEFAULT_CHAIN_LANES = 8;

/** The most lanes a writer may have; more only adds lane ends a verifier cannot check (see the README, Audit). */
export const MAX_CHAIN_LANES = 64;

/** A lane's last event (or its anchor): its link digest and where it sits in `$all` (null/undefined: an empty log). */
export interface LaneHead {
  digest: string | null;
  position: Position | undefined;
}

/**
 * One serial strand of a writer's chain: its events link to each other in the order it appended them. Its head is
 * the last event it wrote, or, before its first append, the anchor it starts from: the last event of `$all` read when
 * it is first used. Undefined: not anchored yet.
 */
export class ChainLane {
  head: LaneHead | undefined;
  private retiredFlag = false;

  constructor(readonly id: string) {}

  get retired(): boolean {
    return this.retiredFlag;
  }

  /**
   * After an append whose outcome is unknown the lane's head is unknown too: the lane is never used again, and a
   * fresh one (new id, anchored on the log as it then is) takes its place. Simpler than finding the lane's last event
   * in `$all`, and just as sound: the retired lane simply ends.
   */
  retire(): void {
    this.retiredFlag = true;
  }
}

/**
 * A writer's lanes. An append takes a free lane for its whole duration, so each lane is serial, and up to `size`
 * appends are in flight at once. The most recently freed lane is reused first, and a new lane is opened only when
 * every open one is busy: appends that never overlap all go through one lane, in strict order as with a single chain,
 * and a process leaves as few lane ends behind as its concurrency needed.
 */
export class ChainLanes {
  /** Random per writer (96 bits), so lane ids are unique across processes and restarts without coordination. */
  private readonly writerId = randomBytes(12).toString('hex');
  private opened = 0;
  private live = 0;
  private readonly free: ChainLane[] = [];
  private readonly waiting: ((lane: ChainLane) => void)[] = [];

  constructor(readonly size: number = DEFAULT_CHAIN_LANES) {
    if (!Number.isInteger(size) || size < 1 || size > MAX_CHAIN_LANES) throw new RangeError(`chain lanes must be an integer from 1 to ${MAX_CHAIN_LANES}, got ${size}`);
  }

  /** Runs `task` with a lane of its own; waits for one when all `size` are busy (first come, first served). */
  async run<T>(task: (lane: ChainLane) => Promise<T>): Promise<T> {
    const lane = await this.acquire();
    try {
      return await task(lane);
    } finally {
      this.release(lane);
    }
  }

  private acquire(): Promise<ChainLane> {
    const free = this.free.pop();
    if (free !== undefined) return Promise.resolve(free);
    if (this.live < this.size) {
      this.live += 1;
      return Promise.resolve(this.open());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(lane: ChainLane): void {
    const next = this.waiting.shift();
    if (!lane.retired) {
      if (next) next(lane);
      else this.free.push(lane);
    } else if (next) {
      next(this.open());
    } else {
      this.live -= 1;
    }
  }

  private open(): ChainLane {
    const number = this.opened;
    this.opened += 1;
    return new ChainLane(`${this.writerId}${(number >>> 0).toString(16).padStart(8, '0')}`);
  }
}
