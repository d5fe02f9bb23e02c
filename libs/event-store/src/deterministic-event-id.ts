import { createHash } from 'node:crypto';

/** Namespace for Kontakt's name-based event ids (a fixed random UUID; changing it would break idempotent retries). */
const KONTAKT_EVENT_NAMESPACE = '6f1d3c1e-8a52-4c1b-9a7e-2f0c5b8d9e41';

/**
 * An RFC 4122 version-5 (SHA-1, name-based) UUID. A retried command with the same idempotency key yields the same
 * event ids, so EventStoreDB's own idempotent append turns the retry into a no-op instead of a duplicate.
 */
export function nameBasedUuid(name: string, namespace = KONTAKT_EVENT_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event appended to `streamName` by the command carrying `idempotencyKey`. */
export function deterministicEventId(idempotencyKey: string, streamName: string, index: number): string {
  return nameBasedUuid(`${idempotencyKey}\u0000${streamName}\u0000${index}`);
}
