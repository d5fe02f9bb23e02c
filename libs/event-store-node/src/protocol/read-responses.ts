import { RECORD_HEADER_SIZE, RecordFlags, readUuid } from '../storage/log-record';
import {
  bigVarintBytes,
  delimitedSize,
  tag,
  varintSize,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  writeDelimitedHeader,
  writeVarint,
} from './protobuf-writer';

/*
 * Field numbers from EventStoreDB's streams.proto / shared.proto (event_store.client.streams.ReadResp):
 *   ReadResp { ReadEvent event = 1; SubscriptionConfirmation confirmation = 2; Checkpoint checkpoint = 3;
 *              StreamNotFound stream_not_found = 4; CaughtUp caught_up = 8; FellBehind fell_behind = 9; }
 *   ReadEvent { RecordedEvent event = 1; RecordedEvent link = 2; uint64 commit_position = 3; Empty no_position = 4; }
 *   RecordedEvent { UUID id = 1; StreamIdentifier stream_identifier = 2; uint64 stream_revision = 3;
 *                   uint64 prepare_position = 4; uint64 commit_position = 5; map<string,string> metadata = 6;
 *                   bytes custom_metadata = 7; bytes data = 8; }
 *   UUID { Structured structured = 1; string string = 2; }   StreamIdentifier { bytes stream_name = 3; }
 *   Checkpoint { uint64 commit_position = 1; uint64 prepare_position = 2; }
 */
const LD = WIRE_LENGTH_DELIMITED;
const TOMBSTONE_REVISION_VARINT = bigVarintBytes(9223372036854775807n);
const KEY_TYPE = Buffer.from('type');
const KEY_CONTENT_TYPE = Buffer.from('content-type');
const KEY_CREATED = Buffer.from('created');
const JSON_CONTENT_TYPE = Buffer.from('application/json');
const BINARY_CONTENT_TYPE = Buffer.from('application/octet-stream');
const UUID_STRING_LENGTH = 36;

function mapEntrySize(key: number, value: number): number {
  return delimitedSize(delimitedSize(key) + delimitedSize(value));
}

function writeMapEntry(target: Buffer, offset: number, key: Buffer, value: Buffer | Uint8Array): number {
  offset = writeDelimitedHeader(target, offset, tag(6, LD), delimitedSize(key.length) + delimitedSize(value.length));
  offset = writeDelimitedHeader(target, offset, tag(1, LD), key.length);
  offset += key.copy(target, offset);
  offset = writeDelimitedHeader(target, offset, tag(2, LD), value.length);
  target.set(value, offset);
  return offset + value.length;
}

/**
 * Encodes a ReadResp carrying the stored record at `offset` in `record` (log position `position`), copying stream
 * name, type, metadata and data straight from the record bytes.
 */
export function encodeEventResponse(record: Buffer, offset: number, position: number): Buffer {
  const flags = record[offset + 9];
  const streamLength = record.readUInt16LE(offset + 10);
  const typeLength = record.readUInt16LE(offset + 12);
  const metadataLength = record.readUInt32LE(offset + 48);
  const dataLength = record.readUInt32LE(offset + 52);
  const streamStart = offset + RECORD_HEADER_SIZE;
  const typeStart = streamStart + streamLength;
  const metadataStart = typeStart + typeLength;
  const dataStart = metadataStart + metadataLength;
  const isTombstone = (flags & RecordFlags.Tombstone) !== 0;
  const revision = isTombstone ? 0 : Number(record.readBigInt64LE(offset + 16));
  const created = Buffer.from(record.readBigInt64LE(offset + 24).toString());
  const contentType = flags & RecordFlags.Json ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE;

  const uuidSize = delimitedSize(UUID_STRING_LENGTH);
  const streamIdSize = delimitedSize(streamLength);
  const revisionSize = isTombstone ? TOMBSTONE_REVISION_VARINT.length : varintSize(revision);
  const positionSize = varintSize(position);
  const recordedSize =
    delimitedSize(uuidSize) +
    delimitedSize(streamIdSize) +
    1 + revisionSize +
    2 * (1 + positionSize) +
    mapEntrySize(KEY_TYPE.length, typeLength) +
    mapEntrySize(KEY_CONTENT_TYPE.length, contentType.length) +
    mapEntrySize(KEY_CREATED.length, created.length) +
    (metadataLength > 0 ? delimitedSize(metadataLength) : 0) +
    (dataLength > 0 ? delimitedSize(dataLength) : 0);
  const readEventSize = delimitedSize(recordedSize) + 1 + positionSize;
  const target = Buffer.allocUnsafe(delimitedSize(readEventSize));

  let out = writeDelimitedHeader(target, 0, tag(1, LD), readEventSize);
  out = writeDelimitedHeader(target, out, tag(1, LD), recordedSize);
  out = writeDelimitedHeader(target, out, tag(1, LD), uuidSize);
  out = writeDelimitedHeader(target, out, tag(2, LD), UUID_STRING_LENGTH);
  out += target.write(readUuid(record, offset + 32), out, 'latin1');
  out = writeDelimitedHeader(target, out, tag(2, LD), streamIdSize);
  out = writeDelimitedHeader(target, out, tag(3, LD), streamLength);
  out += record.copy(target, out, streamStart, typeStart);
  target[out++] = tag(3, WIRE_VARINT);
  if (isTombstone) out += TOMBSTONE_REVISION_VARINT.copy(target, out);
  else out = writeVarint(target, out, revision);
  target[out++] = tag(4, WIRE_VARINT);
  out = writeVarint(target, out, position);
  target[out++] = tag(5, WIRE_VARINT);
  out = writeVarint(target, out, position);
  out = writeMapEntry(target, out, KEY_TYPE, record.subarray(typeStart, metadataStart));
  out = writeMapEntry(target, out, KEY_CONTENT_TYPE, contentType);
  out = writeMapEntry(target, out, KEY_CREATED, created);
  if (metadataLength > 0) {
    out = writeDelimitedHeader(target, out, tag(7, LD), metadataLength);
    out += record.copy(target, out, metadataStart, dataStart);
  }
  if (dataLength > 0) {
    out = writeDelimitedHeader(target, out, tag(8, LD), dataLength);
    out += record.copy(target, out, dataStart, dataStart + dataLength);
  }
  target[out++] = tag(3, WIRE_VARINT);
  writeVarint(target, out, position);
  return target;
}

export function encodeConfirmation(subscriptionId: string): Buffer {
  const id = Buffer.from(subscriptionId);
  const bodySize = delimitedSize(id.length);
  const target = Buffer.allocUnsafe(delimitedSize(bodySize));
  let out = writeDelimitedHeader(target, 0, tag(2, LD), bodySize);
  out = writeDelimitedHeader(target, out, tag(1, LD), id.length);
  id.copy(target, out);
  return target;
}

export function encodeCheckpoint(position: number): Buffer {
  const bodySize = 2 * (1 + varintSize(position));
  const target = Buffer.allocUnsafe(delimitedSize(bodySize));
  let out = writeDelimitedHeader(target, 0, tag(3, LD), bodySize);
  target[out++] = tag(1, WIRE_VARINT);
  out = writeVarint(target, out, position);
  target[out++] = tag(2, WIRE_VARINT);
  writeVarint(target, out, position);
  return target;
}

export function encodeStreamNotFound(streamId: string): Buffer {
  const name = Buffer.from(streamId);
  const identifierSize = delimitedSize(name.length);
  const bodySize = delimitedSize(identifierSize);
  const target = Buffer.allocUnsafe(delimitedSize(bodySize));
  let out = writeDelimitedHeader(target, 0, tag(4, LD), bodySize);
  out = writeDelimitedHeader(target, out, tag(1, LD), identifierSize);
  out = writeDelimitedHeader(target, out, tag(3, LD), name.length);
  name.copy(target, out);
  return target;
}

/** An empty CaughtUp message: the subscription has delivered everything written so far and is now live. */
export const CAUGHT_UP_RESPONSE = Buffer.from([tag(8, LD), 0]);
