import type { ChainLink } from './chain/event-chain';

/** Where a fact comes from, as auditors need to trace it. */
export interface SourceReference {
  kind: string;
  title: string;
  publisher?: string;
  publishedOn?: string;
  url?: string;
}

/**
 * What travels beside every event's payload (never inside it): who did it in which role, when it was written down,
 * the request and command chain that caused it, the source it cites and the reason given. This is the audit trail.
 */
export interface EventMetadata {
  actor: { id: string; role: string };
  /** ISO timestamp of when we wrote the fact down (not when it happened). */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  requestId: string;
  source?: SourceReference;
  reason?: string;
  /** The command that decided this event (`RecordMeeting`), so the trail shows what was asked, not only what resulted. */
  command?: string;
  /** The Idempotency-Key the command came with, and a digest of the request, so a retry can be told from a reuse. */
  idempotencyKey?: string;
  requestFingerprint?: string;
  /** Payload schema version of this event type when it was written; older versions are upcast on read. */
  schemaVersion: number;
  /** Tamper evidence: the hash chaining this event to its stream's previous event and to its lane's (v1: to `$all`'s). */
  chain?: ChainLink;
}

/** The same metadata for every event of one command, before each event's schema version and chain link are known. */
export type CommandMetadata = Omit<EventMetadata, 'schemaVersion' | 'chain'>;

export function isEventMetadata(value: unknown): value is EventMetadata {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<EventMetadata>;
  return (
    typeof candidate.actor?.id === 'string' &&
    typeof candidate.actor.role === 'string' &&
    typeof candidate.recordedAt === 'string' &&
    typeof candidate.correlationId === 'string' &&
    typeof candidate.causationId === 'string' &&
    typeof candidate.requestId === 'string' &&
    typeof candidate.schemaVersion === 'number'
  );
}
