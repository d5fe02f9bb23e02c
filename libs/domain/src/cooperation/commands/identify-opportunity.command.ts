import { DomainCommand } from '../../shared/message';
import { OpportunityIdentifiedData } from '../events/opportunity-identified.event';

export const IDENTIFY_OPPORTUNITY = 'IdentifyOpportunity';
export type IdentifyOpportunity = DomainCommand<
  typeof IDENTIFY_OPPORTUNITY,
  { readonly cooperationId: string } & OpportunityIdentifiedData
>;
