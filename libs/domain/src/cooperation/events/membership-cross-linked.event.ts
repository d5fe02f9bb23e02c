import { HistoricalDateText } from '../../shared/historical-date';
import { DomainEvent } from '../../shared/message';
import { SourceCitation } from '../../shared/source-citation';

export const MEMBERSHIP_CROSS_LINKED = 'MembershipCrossLinked';

/** Two organisations became members of each other. */
export interface MembershipCrossLinkedData {
  readonly entryId: string;
  readonly organisationId: string;
  readonly otherOrganisationId: string;
  readonly since: HistoricalDateText;
  readonly source?: SourceCitation;
}

export type MembershipCrossLinked = DomainEvent<typeof MEMBERSHIP_CROSS_LINKED, MembershipCrossLinkedData>;
