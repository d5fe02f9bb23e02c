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

/** A stored record located in a buffer, with its log position. */
export interface RecordRef {
  buffer: Buffer;
  offset: number;
  position: number;
}

/** Where the parts of a stored record are, and how large its RecordedEvent encoding is. */
class RecordedEventLayout {
  readonly streamStart: number;
  readonly typeStart: number;
  readonly metadataStart: number;
  readonly dataStart: number;
  readonly dataEnd: number;
  readonly isTombstone: boolean;
  readonly revision: number;
  readonly created: Buffer;
  readonly contentType: Buffer;
  readonly size: number;

  constructor(readonly ref: RecordRef) {
    const { buffer, offset, position } = ref;
    const flags = buffer[offset + 9];
    this.streamStart = offset + RECORD_HEADER_SIZE;
    this.typeStart = this.streamStart + buffer.readUInt16LE(offset + 10);
    this.metadataStart = this.typeStart + buffer.readUInt16LE(offset + 12);
    this.dataStart = this.metadataStart + buffer.readUInt32LE(offset + 48);
    this.dataEnd = this.dataStart + buffer.readUInt32LE(offset + 52);
    this.isTombstone = (flags & RecordFlags.Tombstone) !== 0;
    this.revision = this.isTombstone ? 0 : Number(buffer.readBigInt64LE(offset + 16));
    this.created = Buffer.from(buffer.readBigInt64LE(offset + 24).toString());
    this.contentType = flags & RecordFlags.Json ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE;
    const streamLength = this.typeStart - this.streamStart;
    const metadataLength = this.dataStart - this.metadataStart;
    const dataLength = this.dataEnd - this.dataStart;
    this.size =
      delimitedSize(delimitedSize(UUID_STRING_LENGTH)) +
      delimitedSize(delimitedSize(streamLength)) +
      1 + (this.isTombstone ? TOMBSTONE_REVISION_VARINT.length : varintSize(this.revision)) +
      2 * (1 + varintSize(position)) +
      mapEntrySize(KEY_TYPE.length, this.metadataStart - this.typeStart) +
      mapEntrySize(KEY_CONTENT_TYPE.length, this.contentType.length) +
      mapEntrySize(KEY_CREATED.length, this.created.length) +
      (metadataLength > 0 ? delimitedSize(metadataLength) : 0) +
      (dataLength > 0 ? delimitedSize(dataLength) : 0);
  }

  /** Writes the RecordedEvent as field `field` of the enclosing ReadEvent. */
  write(target: Buffer, out: number, field: number): number {
    const { buffer, offset, position } = this.ref;
    const streamLength = this.typeStart - this.streamStart;
    out = writeDelimitedHeader(target, out, tag(field, LD), this.size);
    out = writeDelimitedHeader(target, out, tag(1, LD), delimitedSize(UUID_STRING_LENGTH));
    out = writeDelimitedHeader(target, out, tag(2, LD), UUID_STRING_LENGTH);
    out += target.write(readUuid(buffer, offset + 32), out, 'latin1');
    out = writeDelimitedHeader(target, out, tag(2, LD), delimitedSize(streamLength));
    out = writeDelimitedHeader(target, out, tag(3, LD), streamLength);
    out += buffer.copy(target, out, this.streamStart, this.typeStart);
    target[out++] = tag(3, WIRE_VARINT);
    if (this.isTombstone) out += TOMBSTONE_REVISION_VARINT.copy(target, out);
    else out = writeVarint(target, out, this.revision);
    target[out++] = tag(4, WIRE_VARINT);
    out = writeVarint(target, out, position);
    target[out++] = tag(5, WIRE_VARINT);
    out = writeVarint(target, out, position);
    out = writeMapEntry(target, out, KEY_TYPE, buffer.subarray(this.typeStart, this.metadataStart));
    out = writeMapEntry(target, out, KEY_CONTENT_TYPE, this.contentType);
    out = writeMapEntry(target, out, KEY_CREATED, this.created);
    if (this.dataStart > this.metadataStart) {
      out = writeDelimitedHeader(target, out, tag(7, LD), this.dataStart - this.metadataStart);
      out += buffer.copy(target, out, this.metadataStart, this.dataStart);
    }
    if (this.dataEnd > this.dataStart) {
      out = writeDelimitedHeader(target, out, tag(8, LD), this.dataEnd - this.dataStart);
      out += buffer.copy(target, out, this.dataStart, this.dataEnd);
    }
    return out;
  }
}

/**
 * Encodes a ReadResp carrying one event, copying stream name, type, metadata and data straight from the stored
 * record bytes.
 */
export function encodeEventResponse(buffer: Buffer, offset: number, position: number): Buffer {
  return encodeResolved({ buffer, offset, position }, null);
}

/**
 * A resolved link (`$>` event read with resolveLinkTos): `event` is the target, absent when it no longer exists, and
 * `link` the link record, whose position is the one reported for the read.
 */
export function encodeResolved(event: RecordRef | null, link: RecordRef | null): Buffer {
  const eventLayout = event ? new RecordedEventLayout(event) : undefined;
  const linkLayout = link ? new RecordedEventLayout(link) : undefined;
  const reported = (link ?? event)!.position;
  const readEventSize =
    (eventLayout ? delimitedSize(eventLayout.size) : 0) + (linkLayout ? delimitedSize(linkLayout.size) : 0) + 1 + varintSize(reported);
  const target = Buffer.allocUnsafe(delimitedSize(readEventSize));
  let out = writeDelimitedHeader(target, 0, tag(1, LD), readEventSize);
  if (eventLayout) out = eventLayout.write(target, out, 1);
  if (linkLayout) out = linkLayout.write(target, out, 2);
  target[out++] = tag(3, WIRE_VARINT);
  writeVarint(target, out, reported);
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
