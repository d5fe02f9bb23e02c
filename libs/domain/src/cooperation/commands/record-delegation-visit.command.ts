import { DomainCommand } from '../../shared/message';
import { DelegationVisitedData } from '../events/delegation-visited.event';

export const RECORD_DELEGATION_VISIT = 'RecordDelegationVisit';
export type RecordDelegationVisit = DomainCommand<
  typeof RECORD_DELEGATION_VISIT,
  { readonly cooperationId: string } & DelegationVisitedData
>;
