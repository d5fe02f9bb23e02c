import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';
import { Participant } from '../participant';
import { Place } from '../place';

export const CONTACT_ESTABLISHED = 'ContactEstablished';

export interface ContactOccasion {
  readonly name: string;
  readonly fairId?: string;
}

export interface ContactEstablishedData {
  readonly entryId: string;
  readonly occurredOn: HistoricalDateText;
  readonly place?: Place;
  /** What brought the two sides together: a fair, a state visit. */
  readonly occasion?: ContactOccasion;
  readonly participants: readonly Participant[];
  readonly summary: string;
  readonly source?: SourceCitation;
}

export type ContactEstablished = DomainEvent<typeof CONTACT_ESTABLISHED, ContactEstablishedData>;
