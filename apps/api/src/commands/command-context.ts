import type { Actor } from '../request-context/request-context';

/** Everything about a command that is not its payload: who, which request, and the caller's preconditions. */
export interface CommandContext {
  actor: Actor;
  requestId: string;
  correlationId: string;
  /** What caused the command: for a command from HTTP, the request itself. */
  causationId: string;
  /**
   * From the Idempotency-Key header: a retry with the same key appends nothing and gets the first answer. The
   * fingerprint (a digest of method, path and body) tells a retry from the key reused for a different request.
   */
  idempotency?: { key: string; fingerprint: string };
  /** From If-Match: the version the caller last read; the command is refused (412) when the entity has moved on. */
  expectedVersion?: number;
  /** The caller's free-text reason, kept in the events' metadata for auditors. */
  reason?: string;
}
