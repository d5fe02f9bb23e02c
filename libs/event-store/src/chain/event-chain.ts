import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Version of the hash input below; a verifier refuses links of a version it does not know. */
export const CHAIN_VERSION = 1;

/**
 * The tamper-evidence link in an event's metadata. One hash covers the event and both of its predecessors, so it
 * chains the event into its stream (`streamPrev`: the hash of the stream's previous event) and into the global chain
 * in append order (`globalPrev`: the hash of the event appended before it by this writer). Null: no predecessor.
 */
export interface ChainLink {
  v: number;
  hash: string;
  streamPrev: string | null;
  globalPrev: string | null;
}

/** What the hash is taken over: the event as stored, except the chain link itself, plus the two predecessors. */
export interface ChainSubject {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  /** The payload as JSON, or for a binary payload its bytes. */
  data: unknown;
  /** The metadata as stored, without `chain`. */
  metadata: unknown;
}

/**
 * sha256 (hex) of the canonical JSON of `{ v, streamId, revision, eventId, type, data, metadata, streamPrev,
 * globalPrev }`. Binary payloads and metadata enter as `{ base64 }`, so nothing stored escapes the hash.
 */
export function chainHash(subject: ChainSubject, streamPrev: string | null, globalPrev: string | null): string {
  const input = {
    v: CHAIN_VERSION,
    streamId: subject.streamId,
    revision: subject.revision,
    eventId: subject.eventId,
    type: subject.type,
    data: jsonable(subject.data),
    metadata: jsonable(subject.metadata),
    streamPrev,
    globalPrev,
  };
  return createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
}

/** The chain link an event's metadata carries, if it carries a well-formed one. */
export function chainLinkOf(metadata: unknown): ChainLink | undefined {
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array) return undefined;
  const chain = (metadata as { chain?: Partial<ChainLink> }).chain;
  if (!chain || typeof chain !== 'object') return undefined;
  const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
  const isPrev = (value: unknown) => value === null || isHash(value);
  if (typeof chain.v !== 'number' || !isHash(chain.hash) || !isPrev(chain.streamPrev) || !isPrev(chain.globalPrev)) return undefined;
  return chain as ChainLink;
}

/** The metadata as it entered the hash: everything but `chain`. */
export function metadataWithoutChain(metadata: unknown): unknown {
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array || !('chain' in metadata)) return metadata;
  const { chain: _chain, ...rest } = metadata as Record<string, unknown>;
  return rest;
}

/**
 * What a successor links to: a chained event's stored hash, or, for an event without a link (written before chaining
 * existed, or by another writer), the hash of its content with no predecessors. The successor's link then still
 * commits to that event's content.
 */
export function linkDigestOf(subject: ChainSubject): string {
  return chainLinkOf(subject.metadata)?.hash ?? chainHash({ ...subject, metadata: metadataWithoutChain(subject.metadata) }, null, null);
}

function jsonable(value: unknown): unknown {
  return value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value;
}
