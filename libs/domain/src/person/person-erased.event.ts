import { DomainEvent } from '../shared/message';

export const PERSON_ERASED = 'PersonErased';

/**
 * The person asked to be forgotten and was: their personal fields, sealed in earlier events under their data key, can
 * no longer be read once the key is destroyed (crypto-shredding; the events themselves stay as stored).
 */
export interface PersonErasedData {
  readonly personId: string;
  /** Why, e.g. the request it answers ("GDPR Art. 17 request of 2026-03-02"); not a place for the person's name. */
  readonly reason: string;
}

export type PersonErased = DomainEvent<typeof PERSON_ERASED, PersonErasedData>;
