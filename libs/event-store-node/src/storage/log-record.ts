import { crc32 } from 'node:zlib';

/**
 * On-disk layout of one event record (little-endian). The length is written at both ends so the log can be walked
 * backwards (reading `$all` backwards) as cheaply as forwards, and the CRC32 covers everything between them so a torn
 * or corrupted record is recognised on recovery.
 *
 *   0  u32  total length L (this field through the trailing length)
 *   4  u32  crc32 of bytes [8, L - 4)
 *   8  u8   kind (1 = event)
 *   9  u8   flags (see RecordFlags)
 *  10  u16  stream id length (utf8 bytes)
 *  12  u16  event type length (utf8 bytes)
 *  14  u16  reserved, 0
 *  16  i64  stream revision
 *  24  i64  created, .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports it
 *  32  16B  event id (UUID bytes, RFC 4122 order)
 *  48  u32  custom metadata length
 *  52  u32  data length
 *  56  ...  stream id, event type, custom metadata, data
 * L-4  u32  total length L
 */
export const RECORD_HEADER_SIZE = 56;
export const RECORD_TRAILER_SIZE = 4;
export const RECORD_OVERHEAD = RECORD_HEADER_SIZE + RECORD_TRAILER_SIZE;
export const RECORD_KIND_EVENT = 1;

export enum RecordFlags {
  /** Last record of one append: an append is all-or-nothing, so recovery cuts back to the last such record. */
  EndOfTransaction = 1,
  /** Content type `application/json` (otherwise `application/octet-stream`). */
  Json = 2,
  /** A `$streamDeleted` tombstone (hard delete). */
  Tombstone = 4,
}

export interface NewRecord {
  streamId: string;
  revision: number;
  eventId: string;
  eventType: string;
  isJson: boolean;
  isTombstone: boolean;
  createdTicks: bigint;
  customMetadata: Uint8Array;
  data: Uint8Array;
}

/** A record as stored, with its log position (byte offset), which is both its commit and prepare position. */
export interface StoredRecord extends NewRecord {
  position: number;
  size: number;
}

/** Revision EventStoreDB gives a tombstone: long.MaxValue. */
export const TOMBSTONE_REVISION = 9223372036854775807n;

export function encodedRecordSize(streamIdBytes: number, typeBytes: number, metadataBytes: number, dataBytes: number): number {
  return RECORD_OVERHEAD + streamIdBytes + typeBytes + metadataBytes + dataBytes;
}

/** Writes `record` into `target` at `offset`; returns the number of bytes written. */
export function encodeRecord(record: NewRecord, endOfTransaction: boolean, target: Buffer, offset: number): number {
  const streamLength = Buffer.byteLength(record.streamId);
  const typeLength = Buffer.byteLength(record.eventType);
  const size = encodedRecordSize(streamLength, typeLength, record.customMetadata.length, record.data.length);
  let flags = 0;
  if (endOfTransaction) flags |= RecordFlags.EndOfTransaction;
  if (record.isJson) flags |= RecordFlags.Json;
  if (record.isTombstone) flags |= RecordFlags.Tombstone;
  target.writeUInt32LE(size, offset);
  target.writeUInt8(RECORD_KIND_EVENT, offset + 8);
  target.writeUInt8(flags, offset + 9);
  target.writeUInt16LE(streamLength, offset + 10);
  target.writeUInt16LE(typeLength, offset + 12);
  target.writeUInt16LE(0, offset + 14);
  target.writeBigInt64LE(record.isTombstone ? TOMBSTONE_REVISION : BigInt(record.revision), offset + 16);
  target.writeBigInt64LE(record.createdTicks, offset + 24);
  writeUuid(record.eventId, target, offset + 32);
  target.writeUInt32LE(record.customMetadata.length, offset + 48);
  target.writeUInt32LE(record.data.length, offset + 52);
  let cursor = offset + RECORD_HEADER_SIZE;
  cursor += target.write(record.streamId, cursor, 'utf8');
  cursor += target.write(record.eventType, cursor, 'utf8');
  target.set(record.customMetadata, cursor);
  cursor += record.customMetadata.length;
  target.set(record.data, cursor);
  cursor += record.data.length;
  target.writeUInt32LE(size, cursor);
  target.writeUInt32LE(crc32(target.subarray(offset + 8, cursor)), offset + 4);
  return size;
}

export type RecordCheck = { ok: true; size: number } | { ok: false; reason: string };

/** Validates the record starting at `offset` within `buffer` (which must hold at least its first 4 bytes). */
export function checkRecord(buffer: Buffer, offset: number, available: number): RecordCheck {
  if (available < 4) return { ok: false, reason: 'truncated length' };
  const size = buffer.readUInt32LE(offset);
  if (size === 0) return { ok: false, reason: 'zero length' };
  if (size < RECORD_OVERHEAD) return { ok: false, reason: `impossible length ${size}` };
  if (size > available) return { ok: false, reason: `record of ${size} bytes cut off after ${available}` };
  if (buffer.readUInt32LE(offset + size - 4) !== size) return { ok: false, reason: 'length prefix and suffix differ' };
  if (buffer.readUInt8(offset + 8) !== RECORD_KIND_EVENT) return { ok: false, reason: 'unknown record kind' };
  const expected = buffer.readUInt32LE(offset + 4);
  if (crc32(buffer.subarray(offset + 8, offset + size - 4)) !== expected) return { ok: false, reason: 'checksum mismatch' };
  return { ok: true, size };
}

export function recordSizeAt(buffer: Buffer, offset: number): number {
  return buffer.readUInt32LE(offset);
}

export function isEndOfTransaction(buffer: Buffer, offset: number): boolean {
  return (buffer.readUInt8(offset + 9) & RecordFlags.EndOfTransaction) !== 0;
}

/** The fields the index needs, read without copying payloads. */
export interface RecordHeader {
  flags: number;
  streamId: string;
  eventType: string;
  revision: number;
}

export function decodeHeader(buffer: Buffer, offset: number): RecordHeader {
  const streamLength = buffer.readUInt16LE(offset + 10);
  const typeLength = buffer.readUInt16LE(offset + 12);
  const nameStart = offset + RECORD_HEADER_SIZE;
  const flags = buffer.readUInt8(offset + 9);
  return {
    flags,
    streamId: buffer.toString('utf8', nameStart, nameStart + streamLength),
    eventType: buffer.toString('utf8', nameStart + streamLength, nameStart + streamLength + typeLength),
    revision: flags & RecordFlags.Tombstone ? Number.MAX_SAFE_INTEGER : Number(buffer.readBigInt64LE(offset + 16)),
  };
}

export function decodeRecord(buffer: Buffer, offset: number, position: number): StoredRecord {
  const size = buffer.readUInt32LE(offset);
  const header = decodeHeader(buffer, offset);
  const streamLength = buffer.readUInt16LE(offset + 10);
  const typeLength = buffer.readUInt16LE(offset + 12);
  const metadataLength = buffer.readUInt32LE(offset + 48);
  const dataLength = buffer.readUInt32LE(offset + 52);
  const metadataStart = offset + RECORD_HEADER_SIZE + streamLength + typeLength;
  const dataStart = metadataStart + metadataLength;
  return {
    position,
    size,
    streamId: header.streamId,
    eventType: header.eventType,
    revision: header.revision,
    isJson: (header.flags & RecordFlags.Json) !== 0,
    isTombstone: (header.flags & RecordFlags.Tombstone) !== 0,
    createdTicks: buffer.readBigInt64LE(offset + 24),
    eventId: readUuid(buffer, offset + 32),
    customMetadata: buffer.subarray(metadataStart, metadataStart + metadataLength),
    data: buffer.subarray(dataStart, dataStart + dataLength),
  };
}

/** EventStoreDB's link events: type `$>`, data `<revision>@<stream>`. */
const LINK_TYPE = Buffer.from('$>');

export function isLinkRecord(buffer: Buffer, offset: number): boolean {
  const typeLength = buffer.readUInt16LE(offset + 12);
  if (typeLength !== LINK_TYPE.length) return false;
  const typeStart = offset + RECORD_HEADER_SIZE + buffer.readUInt16LE(offset + 10);
  return buffer[typeStart] === LINK_TYPE[0] && buffer[typeStart + 1] === LINK_TYPE[1];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function readUuid(buffer: Buffer, offset: number): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[buffer[offset + i]];
  }
  return out;
}

export function writeUuid(uuid: string, target: Buffer, offset: number): void {
  const hex = uuid.replace(/-/g, '');
  target.write(hex, offset, 16, 'hex');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
