import { createHash } from 'node:crypto';

/**
 * The running digest of the whole log: sha256 over the previous log digest and the next event's link digest, event
 * by event in `$all` order (system records aside). The chains only tie an event to its stream and its lane, so the
 * last event's hash no longer commits to everything before it once several lanes write; this does, and it is what a
 * checkpoint signs, so a checkpoint pins every event up to it, in order. Null: an empty log.
 */
export function nextLogDigest(previous: string | null, linkDigest: string): string {
  return createHash('sha256').update(`kontakt-log:${previous ?? 'none'}:${linkDigest}`, 'utf8').digest('hex');
}
