import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * Writes pre-encoded responses to a server-streaming call and respects HTTP/2 flow control: when `send` returns
 * false the caller awaits `drained()` instead of buffering without bound (a slow subscriber must not grow the
 * node's memory).
 */
export class ResponseSink<Request> {
  private cancelledFlag = false;
  private wakers: Array<() => void> = [];
  private drainWaiters: Array<() => void> = [];

  constructor(private readonly call: ServerWritableStream<Request, Buffer>) {
    const cancel = () => {
      this.cancelledFlag = true;
      this.release('all');
    };
    call.on('cancelled', cancel);
    call.on('close', cancel);
    call.on('error', cancel);
    // One listener for the life of the call: adding one per wait would pile up while a subscriber stays slow.
    call.on('drain', () => this.release('drain'));
  }

  get cancelled(): boolean {
    return this.cancelledFlag || this.call.cancelled || this.call.destroyed;
  }

  /** Returns false when the caller should wait for `drained()` before sending more. */
  send(response: Buffer): boolean {
    return this.call.write(response);
  }

  /** Resolves when the call can take more (HTTP/2 'drain') or is cancelled; new events do not end this wait. */
  drained(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Resolves on the next call to `wake` (new events) or on cancellation. */
  waitForWake(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  wake(): void {
    this.release('wake');
  }

  private release(which: 'wake' | 'drain' | 'all'): void {
    if (which !== 'drain') {
      const wakers = this.wakers;
      this.wakers = [];
      for (const waker of wakers) waker();
    }
    if (which !== 'wake') {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const waiter of waiters) waiter();
    }
  }

  /** Ends the call; the sink then counts as cancelled so no loop writes after the end. */
  end(): void {
    if (!this.cancelled) this.call.end();
    this.cancelledFlag = true;
    this.release('all');
  }

  fail(error: Error): void {
    if (!this.cancelled) this.call.emit('error', error);
    this.cancelledFlag = true;
    this.release('all');
  }
}
