import type { ProjectedEvent } from '../events/projected-event';

/**
 * Turns a batch of events as stored into events as projections read them, before any projection sees them: for
 * Kontakt, personal fields sealed in the events opened with their person's key, or shown as erased once the key is
 * gone (@app/personal-data's PersonalDataRevealer). The reducer and projections stay pure and never touch keys.
 */
export interface EventRevealer {
  reveal(events: readonly ProjectedEvent[]): Promise<ProjectedEvent[]>;
}
