import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';

export const FAIR_ROLES = ['exhibitor', 'visitor', 'organiser'] as const;
export type FairRole = (typeof FAIR_ROLES)[number];

export const FAIR_ATTENDED = 'FairAttended';

export interface FairAttendedData {
  readonly entryId: string;
  readonly fairId: string;
  /** Which edition, as the fair names it: '2017' or 'TransRussia 2017'. */
  readonly edition: string;
  readonly occurredOn: HistoricalDateText;
  /** Our organisation's role at the fair. */
  readonly role: FairRole;
  readonly source?: SourceCitation;
}

export type FairAttended = DomainEvent<typeof FAIR_ATTENDED, FairAttendedData>;
