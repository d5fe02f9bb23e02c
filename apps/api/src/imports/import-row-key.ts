import { requestFingerprint } from '../commands/command-preconditions';

/**
 * The Idempotency-Key of a row, derived from what it says (its fact, the entity it is about, its fields) and not from
 * where it stands in the file, so the same history exported again, reordered or converted from CSV to NDJSON is
 * recognised row by row. The fingerprint is the one a POST of the same body to the same route would have.
 */
export function importRowKey(route: string, body: Record<string, unknown>): { key: string; fingerprint: string } {
  const fingerprint = requestFingerprint('POST', route, body);
  return { key: `import-${fingerprint}`, fingerprint };
}
