import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * Writes pre-encoded responses to a server-streaming call and respects HTTP/2 flow control: when `send` returns
 * false the caller awaits `drained()` instead of buffering without bound (a slow subscriber must not grow the
 * node's memory).
 */
export class ResponseSink<Request> {
  private cancelledFlag = false;
  private wakers: Array<() => void> = [];

  constructor(private readonly call: ServerWritableStream<Request, Buffer>) {
    const cancel = () => {
      this.cancelledFlag = true;
      this.wake();
    };
    call.on('cancelled', cancel);
    call.on('close', cancel);
    call.on('error', cancel);
  }

  get cancelled(): boolean {
    return this.cancelledFlag || this.call.cancelled || this.call.destroyed;
  }

  /** Returns false when the caller should wait for `drained()` before sending more. */
  send(response: Buffer): boolean {
    return this.call.write(response);
  }

  drained(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      this.wakers.push(resolve);
      this.call.once('drain', () => this.wake());
    });
  }

  /** Resolves on the next call to `wake` (new events) or on cancellation. */
  waitForWake(): Promise<void> {
    if (this.cancelled) return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const waker of wakers) waker();
  }

  end(): void {
    if (!this.cancelled) this.call.end();
  }

  fail(error: Error): void {
    if (!this.cancelled) this.call.emit('error', error);
  }
}
