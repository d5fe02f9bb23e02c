import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * Whether this API process is shutting down, and how many HTTP requests it is still serving. Readiness answers 503
 * from the moment a shutdown begins; the shutdown gate refuses new requests and counts the admitted ones, so the
 * shutdown can wait for them (see graceful-shutdown.ts).
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy {
  private draining = false;
  private inFlight = 0;
  private readonly waitingForIdle = new Set<() => void>();

  get shuttingDown(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  begin(): void {
    this.draining = true;
  }

  /** An app closed without a signal (a test, an embedding program) is shutting down too, from its first hook on. */
  onModuleDestroy(): void {
    this.begin();
  }

  /** Counts one request in flight; the returned function counts it out (once, however often it is called). */
  track(): () => void {
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of [...this.waitingForIdle]) wake();
    };
  }

  /** Resolves true once no request is in flight, or false when `timeoutMs` passed first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.waitingForIdle.delete(wake);
        resolve(idle);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waitingForIdle.add(wake);
    });
  }
}
