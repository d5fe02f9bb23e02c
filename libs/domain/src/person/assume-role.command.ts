import { DomainCommand } from '../shared/message';
import { RoleAssumedData } from './role-assumed.event';

export const ASSUME_ROLE = 'AssumeRole';
export type AssumeRole = DomainCommand<typeof ASSUME_ROLE, RoleAssumedData>;
