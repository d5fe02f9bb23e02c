import { DomainCommand } from '../shared/message';
import { RoleEndedData } from './role-ended.event';

export const END_ROLE = 'EndRole';
export type EndRole = DomainCommand<typeof END_ROLE, RoleEndedData>;
