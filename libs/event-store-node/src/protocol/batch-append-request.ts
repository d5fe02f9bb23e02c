import { ProtobufReader } from './protobuf-reader';
import { ExpectedRevisionFields, InvalidRequestError, uuidText, WireUuid } from './request-fields';
import { ProposedEvent } from '../engine/proposed-event';

/*
 * BatchAppendReq, decoded by hand: it carries every appended event, and decoding it through google-protobuf message
 * objects was about a third of the node's CPU per appended event. Field numbers from streams.proto / shared.proto:
 *   BatchAppendReq { UUID correlation_id = 1; Options options = 2; repeated ProposedMessage proposed_messages = 3;
 *                    bool is_final = 4; }
 *   Options { StreamIdentifier stream_identifier = 1; uint64 stream_position = 2; Empty no_stream = 3;
 *             Empty any = 4; Empty stream_exists = 5; Timestamp deadline = 6; }
 *   ProposedMessage { UUID id = 1; map<string,string> metadata = 2; bytes custom_metadata = 3; bytes data = 4; }
 *   UUID { Structured structured = 1 { int64 most_significant_bits = 1; int64 least_significant_bits = 2; };
 *          string string = 2; }    StreamIdentifier { bytes stream_name = 3; }
 */

export interface BatchAppendRequest {
  correlationId?: WireUuid;
  options?: { streamName: string; expected: ExpectedRevisionFields };
  events: ProposedEvent[];
  /** A message that could not be decoded: the whole append is refused with this reason. */
  invalid?: string;
  isFinal: boolean;
}

export function decodeBatchAppendRequest(bytes: Uint8Array): BatchAppendRequest {
  const reader = new ProtobufReader(bytes);
  const request: BatchAppendRequest = { events: [], isFinal: false };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 2) request.correlationId = decodeUuid(reader.sub(reader.delimited()));
    else if (field === 2 && wireType === 2) request.options = decodeOptions(reader.sub(reader.delimited()));
    else if (field === 3 && wireType === 2) {
      const range = reader.delimited();
      if (request.invalid) continue;
      try {
        request.events.push(decodeProposedMessage(reader.sub(range), request.events.length));
      } catch (error) {
        request.invalid = (error as Error).message;
      }
    } else if (field === 4 && wireType === 0) request.isFinal = reader.varint() !== 0;
    else reader.skip(wireType);
  }
  return request;
}

function decodeUuid(reader: ProtobufReader): WireUuid {
  let mostSignificantBits = 0n;
  let leastSignificantBits = 0n;
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 2 && wireType === 2) return { string: reader.stringOf(reader.delimited()) };
    if (field === 1 && wireType === 2) {
      const structured = reader.sub(reader.delimited());
      while (!structured.done) {
        const inner = structured.tag();
        if (inner.field === 1 && inner.wireType === 0) mostSignificantBits = structured.int64();
        else if (inner.field === 2 && inner.wireType === 0) leastSignificantBits = structured.int64();
        else structured.skip(inner.wireType);
      }
    } else reader.skip(wireType);
  }
  return { mostSignificantBits, leastSignificantBits };
}

function decodeOptions(reader: ProtobufReader): BatchAppendRequest['options'] {
  let streamName = '';
  const expected: ExpectedRevisionFields = { any: false, noStream: false, streamExists: false };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 2) {
      const identifier = reader.sub(reader.delimited());
      while (!identifier.done) {
        const inner = identifier.tag();
        if (inner.field === 3 && inner.wireType === 2) streamName = identifier.stringOf(identifier.delimited());
        else identifier.skip(inner.wireType);
      }
    } else if (field === 2 && wireType === 0) expected.revision = String(reader.int64());
    else if (wireType === 2 && field >= 3 && field <= 5) {
      reader.delimited();
      if (field === 3) expected.noStream = true;
      else if (field === 4) expected.any = true;
      else expected.streamExists = true;
    } else reader.skip(wireType);
  }
  return { streamName, expected };
}

function decodeProposedMessage(reader: ProtobufReader, index: number): ProposedEvent {
  let id: WireUuid | undefined;
  let eventType: string | undefined;
  let contentType = 'application/octet-stream';
  let customMetadata: Uint8Array = new Uint8Array(0);
  let data: Uint8Array = new Uint8Array(0);
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === 2) id = decodeUuid(reader.sub(reader.delimited()));
    else if (field === 2 && wireType === 2) {
      const entry = reader.sub(reader.delimited());
      let key = '';
      let value = '';
      while (!entry.done) {
        const inner = entry.tag();
        if (inner.field === 1 && inner.wireType === 2) key = entry.stringOf(entry.delimited());
        else if (inner.field === 2 && inner.wireType === 2) value = entry.stringOf(entry.delimited());
        else entry.skip(inner.wireType);
      }
      if (key === 'type') eventType = value;
      else if (key === 'content-type') contentType = value;
    } else if (field === 3 && wireType === 2) customMetadata = reader.bytesOf(reader.delimited());
    else if (field === 4 && wireType === 2) data = reader.bytesOf(reader.delimited());
    else reader.skip(wireType);
  }
  if (!eventType) throw new InvalidRequestError(`proposed_messages[${index}].metadata.type is required`);
  return { eventId: uuidText(id, `proposed_messages[${index}].id`), eventType, isJson: contentType === 'application/json', data, customMetadata };
}
