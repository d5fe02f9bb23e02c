/** Just enough of the protobuf wire format to decode the hot request (BatchAppendReq) without message objects. */
export class ProtobufReader {
  private offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  get done(): boolean {
    return this.offset >= this.end;
  }

  /** Next field: number and wire type. */
  tag(): { field: number; wireType: number } {
    const value = this.varint();
    return { field: Math.floor(value / 8), wireType: value % 8 };
  }

  varint(): number {
    let result = 0;
    let multiplier = 1;
    for (;;) {
      if (this.offset >= this.end) throw new RangeError('truncated varint');
      const byte = this.bytes[this.offset++];
      result += (byte & 127) * multiplier;
      if (byte < 128) return result;
      multiplier *= 128;
      if (multiplier > 2 ** 63) throw new RangeError('varint too long');
    }
  }

  /** A varint as a signed 64-bit integer (int64 fields), exactly. */
  int64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.offset >= this.end) throw new RangeError('truncated varint');
      const byte = this.bytes[this.offset++];
      result |= BigInt(byte & 127) << shift;
      if (byte < 128) return BigInt.asIntN(64, result);
      shift += 7n;
      if (shift > 63n) throw new RangeError('varint too long');
    }
  }

  /** A length-delimited field's body as [start, end) offsets into the underlying bytes. */
  delimited(): { start: number; end: number } {
    const length = this.varint();
    const start = this.offset;
    if (start + length > this.end) throw new RangeError('truncated length-delimited field');
    this.offset += length;
    return { start, end: start + length };
  }

  bytesOf(range: { start: number; end: number }): Uint8Array {
    return this.bytes.subarray(range.start, range.end);
  }

  stringOf(range: { start: number; end: number }): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + range.start, range.end - range.start).toString('utf8');
  }

  sub(range: { start: number; end: number }): ProtobufReader {
    return new ProtobufReader(this.bytes, range.start, range.end);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.offset += 8;
        return;
      case 2:
        this.delimited();
        return;
      case 5:
        this.offset += 4;
        return;
      default:
        throw new RangeError(`unsupported wire type ${wireType}`);
    }
  }
}
