import { DomainEvent } from '../../shared/message';

export const ENTRY_RETRACTED = 'EntryRetracted';

/** A recorded fact turned out not to be true at all. It stays in history, marked as withdrawn. */
export interface EntryRetractedData {
  readonly entryId: string;
  readonly reason: string;
}

export type EntryRetracted = DomainEvent<typeof ENTRY_RETRACTED, EntryRetractedData>;
