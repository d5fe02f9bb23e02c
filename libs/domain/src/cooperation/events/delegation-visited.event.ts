import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';
import { Participant } from '../participant';
import { Place } from '../place';

export const DELEGATION_DIRECTIONS = ['inbound', 'outbound'] as const;
/** 'outbound': our delegation travelled to the partner; 'inbound': the partner's delegation came to us. */
export type DelegationDirection = (typeof DELEGATION_DIRECTIONS)[number];

export const DELEGATION_VISITED = 'DelegationVisited';

export interface DelegationVisitedData {
  readonly entryId: string;
  readonly direction: DelegationDirection;
  readonly occurredOn: HistoricalDateText;
  readonly destination: Place;
  readonly participants: readonly Participant[];
  readonly purpose: string;
  readonly source?: SourceCitation;
}

export type DelegationVisited = DomainEvent<typeof DELEGATION_VISITED, DelegationVisitedData>;
