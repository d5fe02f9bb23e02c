import { CONTACT_ESTABLISHED, ContactEstablished } from './contact-established.event';
import { DELEGATION_VISITED, DelegationVisited } from './delegation-visited.event';
import { FAIR_ATTENDED, FairAttended } from './fair-attended.event';
import { MEETING_HELD, MeetingHeld } from './meeting-held.event';
import { MEMBERSHIP_CROSS_LINKED, MembershipCrossLinked } from './membership-cross-linked.event';
import { OPPORTUNITY_IDENTIFIED, OpportunityIdentified } from './opportunity-identified.event';

/** The events that record a fact with an `entryId`, and so can be corrected or retracted. */
export type RecordedFact =
  | ContactEstablished
  | MeetingHeld
  | FairAttended
  | MembershipCrossLinked
  | DelegationVisited
  | OpportunityIdentified;

export type RecordedFactType = RecordedFact['type'];
export type RecordedFactData = RecordedFact['data'];

/** Corrected values for some fields of one type of entry. */
export type FactCorrections = RecordedFact extends infer Fact
  ? Fact extends RecordedFact
    ? Partial<Omit<Fact['data'], 'entryId'>>
    : never
  : never;

type FieldsOf<Fact extends RecordedFact> = readonly Exclude<keyof Fact['data'], 'entryId'>[];

/** The fields of each type of fact besides its entryId: those a command may set and a correction may change. */
export const FACT_FIELDS: { readonly [Type in RecordedFactType]: FieldsOf<Extract<RecordedFact, { type: Type }>> } = {
  [CONTACT_ESTABLISHED]: ['occurredOn', 'place', 'occasion', 'participants', 'summary', 'source'],
  [MEETING_HELD]: ['occurredOn', 'place', 'participants', 'topics', 'outcome', 'source'],
  [FAIR_ATTENDED]: ['fairId', 'edition', 'occurredOn', 'role', 'source'],
  [MEMBERSHIP_CROSS_LINKED]: ['organisationId', 'otherOrganisationId', 'since', 'source'],
  [DELEGATION_VISITED]: ['direction', 'occurredOn', 'destination', 'participants', 'purpose', 'source'],
  [OPPORTUNITY_IDENTIFIED]: ['opportunityId', 'title', 'occurredOn', 'description', 'source'],
};
