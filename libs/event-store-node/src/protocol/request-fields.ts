import type { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { isUuid } from '../storage/log-record';
import { ExpectedRevision } from '../engine/expected-revision';

/** A request the node cannot act on; answered with INVALID_ARGUMENT naming the field. */
export class InvalidRequestError extends Error {}

export function streamNameOf(identifier: StreamIdentifier | undefined, field: string): string {
  if (!identifier) throw new InvalidRequestError(`${field} is required`);
  const name = Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
  if (name.length === 0) throw new InvalidRequestError(`${field} must not be empty`);
  if (Buffer.byteLength(name) > 65_535) throw new InvalidRequestError(`${field} is longer than 65535 bytes`);
  return name;
}

/** A UUID as the client sent it: a string, or two signed 64-bit halves (the "structured" form). */
export type WireUuid = { string: string } | { mostSignificantBits: bigint; leastSignificantBits: bigint };

export function uuidOf(id: UUID | undefined, field: string): string {
  const structured = id?.getStructured();
  if (id && !id.hasString() && structured) {
    return uuidText({ mostSignificantBits: BigInt(structured.getMostSignificantBits()), leastSignificantBits: BigInt(structured.getLeastSignificantBits()) }, field);
  }
  return uuidText(id?.hasString() ? { string: id.getString() } : undefined, field);
}

/** The canonical lower-case text form of an event id. */
export function uuidText(uuid: WireUuid | undefined, field: string): string {
  if (!uuid) throw new InvalidRequestError(`${field} is required`);
  if ('string' in uuid) {
    const value = uuid.string.toLowerCase();
    if (!isUuid(value)) throw new InvalidRequestError(`${field} is not a UUID: ${uuid.string}`);
    return value;
  }
  const hex = BigInt.asUintN(64, uuid.mostSignificantBits).toString(16).padStart(16, '0') + BigInt.asUintN(64, uuid.leastSignificantBits).toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The expected-revision oneof shared (under different field names) by append, batch append, delete and tombstone. */
export interface ExpectedRevisionFields {
  any: boolean;
  noStream: boolean;
  streamExists: boolean;
  revision?: string;
}

export function expectedRevisionOf(fields: ExpectedRevisionFields): ExpectedRevision {
  if (fields.revision !== undefined) {
    const revision = Number(fields.revision);
    if (!Number.isSafeInteger(revision) || revision < 0) throw new InvalidRequestError(`expected revision ${fields.revision} is out of range`);
    return { kind: 'exact', revision };
  }
  if (fields.noStream) return { kind: 'no_stream' };
  if (fields.streamExists) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

/** The expected-revision oneof as Append, Delete and Tombstone options carry it (`revision`, `no_stream`, ...). */
export interface ExpectedRevisionOptions {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
  hasRevision(): boolean;
  getRevision(): string;
}

export function expectedRevisionOfOptions(options: ExpectedRevisionOptions): ExpectedRevision {
  return expectedRevisionOf({
    any: options.hasAny(),
    noStream: options.hasNoStream(),
    streamExists: options.hasStreamExists(),
    revision: options.hasRevision() ? options.getRevision() : undefined,
  });
}

export function uint64Of(value: string, field: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidRequestError(`${field} is not an unsigned integer: ${value}`);
  return Math.min(parsed, Number.MAX_SAFE_INTEGER);
}

