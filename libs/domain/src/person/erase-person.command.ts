import { DomainCommand } from '../shared/message';
import { PersonErasedData } from './person-erased.event';

export const ERASE_PERSON = 'ErasePerson';
export type ErasePerson = DomainCommand<typeof ERASE_PERSON, PersonErasedData>;
