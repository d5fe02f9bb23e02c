/** Where an append ended in `$all`, as strings (JSON has no 64-bit integers); read models report the same. */
export interface LogPosition {
  commit: string;
  prepare: string;
}

export function toLogPosition(position: { commit: bigint; prepare: bigint }): LogPosition {
  return { commit: String(position.commit), prepare: String(position.prepare) };
}

/** What a command did: the answer the API gives, and gives again to a retry with the same Idempotency-Key. */
export interface CommandOutcome<E> {
  /** The entity's id. */
  id: string;
  /** The entity's version after the command: how many events its stream holds. Sent as ETag. */
  version: number;
  eventIds: string[];
  position?: LogPosition;
  events: E[];
  /** True when this answers a retry: nothing new was appended. */
  replayed: boolean;
}
