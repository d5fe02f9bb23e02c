import { DomainCommand } from '../shared/message';
import { FairRegisteredData } from './fair-registered.event';

export const REGISTER_FAIR = 'RegisterFair';
export type RegisterFair = DomainCommand<typeof REGISTER_FAIR, FairRegisteredData>;
