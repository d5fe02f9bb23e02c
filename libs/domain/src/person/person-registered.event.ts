import { DomainEvent } from '../shared/message';

export const PERSON_REGISTERED = 'PersonRegistered';

export interface PersonRegisteredData {
  readonly personId: string;
  readonly name: string;
}

export type PersonRegistered = DomainEvent<typeof PERSON_REGISTERED, PersonRegisteredData>;
