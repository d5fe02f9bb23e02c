import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';
import { Participant } from '../participant';
import { Place } from '../place';

export const MEETING_HELD = 'MeetingHeld';

export interface MeetingHeldData {
  readonly entryId: string;
  readonly occurredOn: HistoricalDateText;
  readonly place: Place;
  readonly participants: readonly Participant[];
  readonly topics: readonly string[];
  readonly outcome?: string;
  readonly source?: SourceCitation;
}

export type MeetingHeld = DomainEvent<typeof MEETING_HELD, MeetingHeldData>;
