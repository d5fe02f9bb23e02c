import { randomUUID } from 'node:crypto';
import { nameBasedUuid } from '@app/event-store';
import type { CommandContext } from './command-context';

/**
 * An id the server chooses (for an entity or an entry the caller did not name). With an Idempotency-Key it derives
 * from the key, so a retry names the same entity and is recognised as a retry.
 */
export function newId(purpose: string, context: CommandContext): string {
  return context.idempotency === undefined ? randomUUID() : nameBasedUuid(`${purpose}\u0000${context.idempotency.key}`);
}
