import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';

export const OPPORTUNITY_IDENTIFIED = 'OpportunityIdentified';

export interface OpportunityIdentifiedData {
  readonly entryId: string;
  readonly opportunityId: string;
  readonly title: string;
  readonly occurredOn: HistoricalDateText;
  readonly description?: string;
  readonly source?: SourceCitation;
}

export type OpportunityIdentified = DomainEvent<typeof OPPORTUNITY_IDENTIFIED, OpportunityIdentifiedData>;
