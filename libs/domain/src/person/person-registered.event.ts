import { DomainEvent } from '../shared/message';

export const PERSON_REGISTERED = 'PersonRegistered';

export interface PersonRegisteredData {
  readonly personId: string;
  readonly name: string;
  /** Contact details, personal data like the name (sealed in the stored event). */
  readonly email?: string;
  readonly phone?: string;
}

export type PersonRegistered = DomainEvent<typeof PERSON_REGISTERED, PersonRegisteredData>;
