import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Version of the hash input writers use now (lanes); a verifier refuses links of a version it does not know. */
export const CHAIN_VERSION = 2;

/**
 * Version 1, written by a single writer: `globalPrev` is the link digest of the event appended before it, the
 * previous event of `$all`. Still verified in old data folders; no longer written.
 */
export interface GlobalChainLink {
  v: 1;
  hash: string;
  streamPrev: string | null;
  globalPrev: string | null;
}

/**
 * Version 2, written through lanes (see chain-lanes.ts): `lanePrev` is the link digest of the previous event of the
 * same lane, or, for a lane's first event, of the last event of `$all` when the lane started (its anchor; null on an
 * empty log). Lanes let several appends be in flight at once, in one process and across replicas.
 */
export interface LaneChainLink {
  v: 2;
  hash: string;
  streamPrev: string | null;
  /** 32 hex digits, unique per lane: the writer's random id, then the lane's number within it. */
  lane: string;
  lanePrev: string | null;
}

/**
 * The tamper-evidence link in an event's metadata. One hash covers the event and its predecessors, so it chains the
 * event into its stream (`streamPrev`: the link digest of the stream's previous event) and into its writer's order
 * (`globalPrev` in v1, `lane`/`lanePrev` in v2). Null: no predecessor.
 */
export type ChainLink = GlobalChainLink | LaneChainLink;

/** A link without its hash: what the hash is taken over besides the event. */
export type ChainPredecessors = Omit<GlobalChainLink, 'hash'> | Omit<LaneChainLink, 'hash'>;

/** What the hash is taken over: the event as stored, except the chain link itself, plus its predecessors. */
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
 * sha256 (hex) of the canonical JSON of `{ v, streamId, revision, eventId, type, data, metadata }` and the link's
 * predecessors (v1: `streamPrev, globalPrev`; v2: `streamPrev, lane, lanePrev`). Binary payloads and metadata enter as
 * `{ base64 }`, so nothing stored escapes the hash. Only the named fields enter: anything else in a stored link is
 * not covered, and chainLinkOf does not return it.
 */
export function chainHash(subject: ChainSubject, link: ChainPredecessors): string {
  const predecessors = link.v === 1 ? { streamPrev: link.streamPrev, globalPrev: link.globalPrev } : { streamPrev: link.streamPrev, lane: link.lane, lanePrev: link.lanePrev };
  const input = {
    v: link.v,
    streamId: subject.streamId,
    revision: subject.revision,
    eventId: subject.eventId,
    type: subject.type,
    data: jsonable(subject.data),
    metadata: jsonable(subject.metadata),
    ...predecessors,
  };
  return createHash('sha256').update(canonicalJson(input), 'utf8').digest('hex');
}

const HASH = /^[0-9a-f]{64}$/;
const LANE = /^[0-9a-f]{32}$/;

/** The chain link an event's metadata carries, if it carries a well-formed one of a known version. */
export function chainLinkOf(metadata: unknown): ChainLink | undefined {
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array) return undefined;
  const chain = (metadata as { chain?: Record<string, unknown> }).chain;
  if (!chain || typeof chain !== 'object') return undefined;
  const isHash = (value: unknown): value is string => typeof value === 'string' && HASH.test(value);
  const isPrev = (value: unknown): value is string | null => value === null || isHash(value);
  const { hash, streamPrev } = chain;
  if (!isHash(hash) || !isPrev(streamPrev)) return undefined;
  if (chain.v === 1 && isPrev(chain.globalPrev)) return { v: 1, hash, streamPrev, globalPrev: chain.globalPrev };
  if (chain.v === 2 && typeof chain.lane === 'string' && LANE.test(chain.lane) && isPrev(chain.lanePrev)) return { v: 2, hash, streamPrev, lane: chain.lane, lanePrev: chain.lanePrev };
  return undefined;
}

/** The metadata as it entered the hash: everything but `chain`. */
export function metadataWithoutChain(metadata: unknown): unknown {
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array || !('chain' in metadata)) return metadata;
  const { chain: _chain, ...rest } = metadata as Record<string, unknown>;
  return rest;
}

/**
 * What a successor links to: a chained event's stored hash, or, for an event without a link (written before chaining
 * existed, or by another writer), the hash of its content with no predecessors (in the v1 form, as it always was).
 * The successor's link then still commits to that event's content.
 */
export function linkDigestOf(subject: ChainSubject): string {
  return chainLinkOf(subject.metadata)?.hash ?? chainHash({ ...subject, metadata: metadataWithoutChain(subject.metadata) }, { v: 1, streamPrev: null, globalPrev: null });
}

function jsonable(value: unknown): unknown {
  return value instanceof Uint8Array ? { base64: Buffer.from(value).toString('base64') } : value;
}
