import { performance } from 'node:perf_hooks';
import { acquireLease, readLeases, releaseLease, renewLease, type LeaseHolding, type ProjectionLease, type ReadModelDatabase } from '@app/read-model';
import type { LeaseSettings } from './lease-settings';
import type { EngineLogger } from './projection';

/** Told when this process comes to hold a projection's lease after the first round, and when it loses one. */
export interface LeaseListener {
  gained(projection: string): void;
  lost(projection: string, reason: string): void;
}

export type LeaseAttempt = { acquired: true } | { acquired: false; holder: ProjectionLease | undefined };

interface Held {
  token: number;
  /** performance.now() until which the lease surely holds: the moment the renewal was *sent*, plus the TTL. */
  validUntil: number;
}

/**
 * Keeps this process's projection leases (see @app/read-model's projection-leases): every TTL/3 it renews the ones it
 * holds and tries to take those it follows but does not hold (a standby polling for a failed owner). A lease counts
 * as held only until the TTL has passed since its last renewal was sent, by this process's monotonic clock, which
 * never runs ahead of the database's expiry; past that, it is given up here even if the database has not been able
 * to say so (a store that does not answer). The fencing token in each transaction is what keeps the data exact; this
 * is what keeps an owner from doing work it would have to throw away.
 */
export class ProjectionLeaseKeeper {
  private readonly held = new Map<string, Held>();
  private followed: readonly string[] = [];
  private timer?: NodeJS.Timeout;
  private round: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly store: ReadModelDatabase,
    readonly settings: LeaseSettings,
    private readonly logger: EngineLogger,
    private readonly listener: LeaseListener,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get owner(): string {
    return this.settings.owner;
  }

  /** Renewals and attempts to take over come this often: a third of the TTL, so two renewals may fail in a row. */
  get intervalMs(): number {
    return Math.max(50, Math.floor(this.settings.ttlMs / 3));
  }

  /**
   * Follows `projections`: takes the free ones now (returned, without telling the listener: the caller starts them),
   * then keeps renewing and polling in the background.
   */
  async follow(projections: readonly string[]): Promise<string[]> {
    this.stopped = false;
    this.followed = projections;
    const gained = await this.runRound(false);
    this.schedule();
    return gained;
  }

  /** One attempt at a projection's lease now (a rebuild needs it); renewed from then on, as the followed ones. */
  async acquire(projection: string): Promise<LeaseAttempt> {
    if (this.holding(projection)) return { acquired: true };
    const sentAt = this.now();
    const lease = await acquireLease(this.store, projection, this.owner, this.settings.ttlMs);
    if (!lease) {
      // A round of ours may have taken it meanwhile.
      if (this.holding(projection)) return { acquired: true };
      return { acquired: false, holder: (await readLeases(this.store)).find((row) => row.projection === projection) };
    }
    this.held.set(projection, { token: lease.token, validUntil: sentAt + this.settings.ttlMs });
    this.logger.info('projection lease acquired', { projection, owner: this.owner, token: lease.token });
    this.schedule();
    return { acquired: true };
  }

  /** The proof of holding `projection`'s lease for a transaction; undefined when it is not (or no longer surely) held. */
  holding(projection: string): LeaseHolding | undefined {
    const held = this.held.get(projection);
    if (!held) return undefined;
    if (this.now() >= held.validUntil) {
      this.drop(projection, held.token, 'the lease expired before it could be renewed');
      return undefined;
    }
    return { projection, owner: this.owner, token: held.token };
  }

  /** A transaction found the lease under `holding` gone: stop counting it as held (unless held again since, anew). */
  forget(holding: LeaseHolding, reason: string): void {
    this.drop(holding.projection, holding.token, reason);
  }

  /** Gives one lease up at once, so that another process (or this one, at its next attempt) starts it afresh. */
  async release(projection: string): Promise<void> {
    const held = this.held.get(projection);
    if (!held) return;
    this.held.delete(projection);
    await releaseLease(this.store, { projection, owner: this.owner, token: held.token });
  }

  /** Stops renewing and releases every lease held, so that standbys take over at their next attempt. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    const held = [...this.held];
    this.held.clear();
    for (const [projection, { token }] of held) {
      try {
        await releaseLease(this.store, { projection, owner: this.owner, token });
        this.logger.info('projection lease released', { projection, owner: this.owner, token });
      } catch (error) {
        // It expires on its own; standbys take over then.
        this.logger.warn('could not release a projection lease; it expires on its own', { projection, error: (error as Error).message });
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped || (this.followed.length === 0 && this.held.size === 0)) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound(true).finally(() => this.schedule());
    }, this.intervalMs);
    // Not unref'd: a standby worker has nothing else to do than this polling, and must stay alive for it.
  }

  /** Renews what is held, tries to take what is followed and free; returns what it took. */
  private async runRound(tell: boolean): Promise<string[]> {
    const gained: string[] = [];
    for (const projection of new Set([...this.held.keys(), ...this.followed])) {
      if (this.stopped) break;
      const held = this.held.get(projection);
      const sentAt = this.now();
      try {
        if (held) {
          const renewed = await renewLease(this.store, { projection, owner: this.owner, token: held.token }, this.settings.ttlMs);
          if (this.held.get(projection) !== held) continue;
          if (renewed) held.validUntil = sentAt + this.settings.ttlMs;
          else this.drop(projection, held.token, 'another process took the lease over');
        } else if (this.followed.includes(projection)) {
          const lease = await acquireLease(this.store, projection, this.owner, this.settings.ttlMs);
          if (!lease) continue;
          if (this.stopped) {
            await releaseLease(this.store, { projection, owner: this.owner, token: lease.token });
            continue;
          }
          this.held.set(projection, { token: lease.token, validUntil: sentAt + this.settings.ttlMs });
          this.logger.info('projection lease acquired', { projection, owner: this.owner, token: lease.token });
          gained.push(projection);
          if (tell) this.listener.gained(projection);
        }
      } catch (error) {
        this.logger.warn('projection lease: the read-model store did not answer', { projection, error: (error as Error).message });
        // Counts as lost once its time is up, whatever the store says later.
        this.holding(projection);
      }
    }
    return gained;
  }

  private drop(projection: string, token: number, reason: string): void {
    if (this.held.get(projection)?.token !== token) return;
    this.held.delete(projection);
    this.logger.warn('projection lease lost', { projection, owner: this.owner, token, reason });
    this.listener.lost(projection, reason);
  }
}
