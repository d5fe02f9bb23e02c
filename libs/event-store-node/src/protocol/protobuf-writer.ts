/**
 * Just enough protobuf wire format (https://protobuf.dev/programming-guides/encoding/) to encode read responses by
 * hand: building them through google-protobuf message objects cost several times more CPU per event than the rest of
 * the read path together.
 */
export const WIRE_VARINT = 0;
export const WIRE_LENGTH_DELIMITED = 2;

export function tag(field: number, wireType: number): number {
  return (field << 3) | wireType;
}

export function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

export function writeVarint(target: Buffer, offset: number, value: number): number {
  while (value >= 128) {
    target[offset++] = (value % 128) | 128;
    value = Math.floor(value / 128);
  }
  target[offset++] = value;
  return offset;
}

export function bigVarintBytes(value: bigint): Buffer {
  const bytes: number[] = [];
  while (value >= 128n) {
    bytes.push(Number(value & 127n) | 128);
    value >>= 7n;
  }
  bytes.push(Number(value));
  return Buffer.from(bytes);
}

/** Size of a length-delimited field (tag + length + body), for a tag below 16. */
export function delimitedSize(bodyLength: number): number {
  return 1 + varintSize(bodyLength) + bodyLength;
}

export function writeDelimitedHeader(target: Buffer, offset: number, fieldTag: number, bodyLength: number): number {
  target[offset++] = fieldTag;
  return writeVarint(target, offset, bodyLength);
}
