import type { LogPosition } from '../events/projected-event';

/**
 * What a ProjectionEngine did, as it happens: for metrics and other observers that must not reach into the engine.
 * `status()` says where the projections stand; these say what moved them there.
 */
export type ProjectionActivity =
  /** A live batch committed: `events` more applied to `projection`, its checkpoint now at `position`. */
  | { kind: 'applied'; projection: string; events: number; position: LogPosition }
  /** A live batch rolled back; the engine retries it from the checkpoints. */
  | { kind: 'batch-failed'; projections: string[]; error: string }
  /** The subscription to `$all` was opened; `restart` unless it is the engine's first since it was created. */
  | { kind: 'subscribed'; restart: boolean }
  /** The subscription to `$all` failed (a lost connection, a server error); the engine resubscribes later. */
  | { kind: 'subscription-failed'; error: string };
