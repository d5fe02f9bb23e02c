import * as serverInterceptors from '@grpc/grpc-js/build/src/server-interceptors';

/**
 * Several responses of one server-streaming call, already in gRPC's length-prefixed framing, to go out as one HTTP/2
 * write.
 *
 * Why: grpc-js writes each response with its own socket write and waits for it before the next, which cost ~16 µs
 * of server CPU per event read (measured: 1 write syscall per event; 18 µs per 300-byte message one per write,
 * 1.5 µs at 16 per write). gRPC's wire format allows any number of messages in one DATA frame, so the node frames
 * responses itself and grpc-js passes these bytes through unchanged.
 */
export class FramedMessages {
  constructor(readonly bytes: Buffer) {}
}

/** gRPC message framing (PROTOCOL-HTTP2.md, "Length-Prefixed-Message"): uncompressed flag, u32 big-endian length. */
export function frameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(5);
  header[0] = 0;
  header.writeUInt32BE(length, 1);
  return header;
}

let installed: boolean | undefined;

/**
 * Teaches grpc-js (pinned at 1.14.7) to send a FramedMessages value as is: its BaseServerInterceptingCall frames
 * every response in `serializeMessage`, which is where this hooks in. Returns false, and changes nothing, when the
 * grpc-js in use has no such method; callers then write responses one by one.
 */
export function enableFramedMessages(): boolean {
  if (installed !== undefined) return installed;
  const prototype = (serverInterceptors as unknown as { BaseServerInterceptingCall?: { prototype: Record<string, unknown> } })
    .BaseServerInterceptingCall?.prototype;
  const original = prototype?.serializeMessage;
  if (!prototype || typeof original !== 'function') return (installed = false);
  prototype.serializeMessage = function serializeMessage(this: unknown, value: unknown): Buffer {
    return value instanceof FramedMessages ? value.bytes : (original as (value: unknown) => Buffer).call(this, value);
  };
  return (installed = true);
}

/** Responses gathered for one write: each framed as it is added, concatenated once when taken. */
export class FramedBatch {
  private parts: Buffer[] = [];
  private length = 0;

  get bytes(): number {
    return this.length;
  }

  add(message: Uint8Array): void {
    this.parts.push(frameHeader(message.length), message as Buffer);
    this.length += message.length + 5;
  }

  take(): FramedMessages | undefined {
    if (this.length === 0) return undefined;
    const bytes = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return new FramedMessages(bytes);
  }
}
