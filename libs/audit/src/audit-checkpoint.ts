import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditPosition } from './audited-event';

/**
 * Where a verification ended: the last event it covered, how many events the log held up to it, and the global
 * chain's head there. Signed, it can be published outside the system and checked later: an unchanged log still has
 * an event at that position whose link digest is that head.
 */
export interface AuditCheckpoint {
  /** Null for an empty log. */
  position: AuditPosition | null;
  events: number;
  globalHead: string | null;
}

export interface SignedCheckpoint extends AuditCheckpoint {
  /** HMAC-SHA256 (hex) of the token's body. */
  signature: string;
  /** `kontakt-audit:v1:<commit>:<prepare>:<events>:<globalHead>:<signature>`: one line to publish and pass back. */
  token: string;
}

/** A checkpoint token that is malformed or was not signed with this key. */
export class InvalidCheckpointError extends Error {
  readonly code = 'INVALID_CHECKPOINT';
  override readonly name = 'InvalidCheckpointError';
}

const PREFIX = 'kontakt-audit:v1';
const NONE = 'none';
const TOKEN = /^kontakt-audit:v1:(\d{1,20}|none):(\d{1,20}|none):(\d{1,15}):([0-9a-f]{64}|none):([0-9a-f]{64})$/;

function tokenBody(checkpoint: AuditCheckpoint): string {
  const { position, events, globalHead } = checkpoint;
  return `${PREFIX}:${position?.commit ?? NONE}:${position?.prepare ?? NONE}:${events}:${globalHead ?? NONE}`;
}

function hmac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('hex');
}

export function signCheckpoint(checkpoint: AuditCheckpoint, key: Buffer): SignedCheckpoint {
  const body = tokenBody(checkpoint);
  const signature = hmac(key, body);
  return { ...checkpoint, signature, token: `${body}:${signature}` };
}

/** The checkpoint a token names, once its signature is checked against `key`. */
export function parseCheckpointToken(token: string, key: Buffer): AuditCheckpoint {
  const match = TOKEN.exec(token.trim());
  if (!match) throw new InvalidCheckpointError(`not a checkpoint token: expected ${PREFIX}:<commit>:<prepare>:<events>:<globalHead>:<signature>`);
  const [, commit, prepare, events, head, signature] = match;
  if ((commit === NONE) !== (prepare === NONE) || (commit === NONE) !== (head === NONE) || (commit === NONE) !== (events === '0')) {
    throw new InvalidCheckpointError('checkpoint token is inconsistent: an empty log has no position and no head, and only it');
  }
  const checkpoint: AuditCheckpoint = {
    position: commit === NONE ? null : { commit, prepare },
    events: Number(events),
    globalHead: head === NONE ? null : head,
  };
  const expected = Buffer.from(hmac(key, tokenBody(checkpoint)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw new InvalidCheckpointError('checkpoint token signature does not match: it was altered, or signed with another AUDIT_HMAC_KEY');
  }
  return checkpoint;
}
