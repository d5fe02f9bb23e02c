import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How a process takes part in running projections beside others (see ProjectionLeaseKeeper). */
export interface LeaseSettings {
  /** Names this process in the lease table and in status output; unique per process start (leaseOwnerId). */
  owner: string;
  /** How long a lease lasts without renewal: after a crash, the time until another process takes over. */
  ttlMs: number;
}

export const DEFAULT_LEASE_TTL_MS = 15_000;
/** Below this a lease would need renewing more often than a busy process (or a slow database) can promise. */
export const MIN_LEASE_TTL_MS = 300;
export const MAX_LEASE_TTL_MS = 600_000;

/**
 * `<role>@<host>/<pid>/<random>`: who runs a projection, for an operator reading the status, and unique even when a
 * process id is reused (a restarted container is often pid 1 again): a restarted process must not pass for the dead
 * one, whose batches may still be in flight somewhere.
 */
export function leaseOwnerId(role: string): string {
  return `${role}@${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}
