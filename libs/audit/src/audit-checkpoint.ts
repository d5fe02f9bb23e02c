import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditPosition } from './audited-event';

/**
 * Where a verification ended: the last event it covered, how many events the log held up to it, the link digest of
 * that last event, and the log digest there (log-digest.ts). Signed, it can be published outside the system and
 * checked later: an unchanged log still has that many events up to that position, the same event at it, and the same
 * log digest.
 */
export interface AuditCheckpoint {
  /** Null for an empty log. */
  position: AuditPosition | null;
  events: number;
  /** The link digest of the event at `position`: the head of `$all` there. */
  globalHead: string | null;
  /**
   * Commits to every event up to `position`, in order. Absent in v1 tokens (signed before lanes, when the single
   * chain's head committed to everything before it): those are checked by their head alone.
   */
  logDigest?: string | null;
}

export interface SignedCheckpoint extends AuditCheckpoint {
  /** HMAC-SHA256 (hex) of the token's body. */
  signature: string;
  /** `kontakt-audit:v2:<commit>:<prepare>:<events>:<globalHead>:<logDigest>:<signature>`: one line to publish and pass back. */
  token: string;
}

/** A checkpoint token that is malformed or was not signed with this key. */
export class InvalidCheckpointError extends Error {
  readonly code = 'INVALID_CHECKPOINT';
  override readonly name = 'InvalidCheckpointError';
}

const PREFIX = 'kontakt-audit';
const NONE = 'none';
const V1 = /^kontakt-audit:v1:(\d{1,20}|none):(\d{1,20}|none):(\d{1,15}):([0-9a-f]{64}|none):([0-9a-f]{64})$/;
const V2 = /^kontakt-audit:v2:(\d{1,20}|none):(\d{1,20}|none):(\d{1,15}):([0-9a-f]{64}|none):([0-9a-f]{64}|none):([0-9a-f]{64})$/;

function tokenBody(checkpoint: AuditCheckpoint): string {
  const { position, events, globalHead, logDigest } = checkpoint;
  const common = `${position?.commit ?? NONE}:${position?.prepare ?? NONE}:${events}:${globalHead ?? NONE}`;
  return logDigest === undefined ? `${PREFIX}:v1:${common}` : `${PREFIX}:v2:${common}:${logDigest ?? NONE}`;
}

function hmac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

/** Signs a checkpoint: a v2 token when it has a log digest (every verification gives one), else v1. */
export function signCheckpoint(checkpoint: AuditCheckpoint, key: Buffer): SignedCheckpoint {
  const body = tokenBody(checkpoint);
  const signature = hmac(key, body);
  return { ...checkpoint, signature, token: `${body}:${signature}` };
}

/** The checkpoint a token names (v2, or v1 as signed before lanes), once its signature is checked against `key`. */
export function parseCheckpointToken(token: string, key: Buffer): AuditCheckpoint {
  const text = token.trim();
  const v2 = V2.exec(text);
  const v1 = v2 ? null : V1.exec(text);
  const match = v2 ?? v1;
  if (!match) throw new InvalidCheckpointError(`not a checkpoint token: expected ${PREFIX}:v2:<commit>:<prepare>:<events>:<globalHead>:<logDigest>:<signature> (or a v1 token)`);
  const [commit, prepare, events, head] = match.slice(1, 5);
  const log = v2 ? v2[5] : undefined;
  const signature = match[match.length - 1];
  const empty = commit === NONE;
  if (empty !== (prepare === NONE) || empty !== (head === NONE) || empty !== (events === '0') || (log !== undefined && empty !== (log === NONE))) {
    throw new InvalidCheckpointError('checkpoint token is inconsistent: an empty log has no position, no head and no log digest, and only it');
  }
  const checkpoint: AuditCheckpoint = {
    position: empty ? null : { commit, prepare },
    events: Number(events),
    globalHead: head === NONE ? null : head,
    ...(log === undefined ? {} : { logDigest: log === NONE ? null : log }),
  };
  const expected = Buffer.from(hmac(key, tokenBody(checkpoint)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw new InvalidCheckpointError('checkpoint token signature does not match: it was altered, or signed with another AUDIT_HMAC_KEY');
  }
  return checkpoint;
}
