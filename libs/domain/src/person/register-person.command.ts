import { DomainCommand } from '../shared/message';
import { PersonRegisteredData } from './person-registered.event';

export const REGISTER_PERSON = 'RegisterPerson';
export type RegisterPerson = DomainCommand<typeof REGISTER_PERSON, PersonRegisteredData>;
