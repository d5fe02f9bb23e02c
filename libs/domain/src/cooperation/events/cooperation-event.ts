import { ContactEstablished } from './contact-established.event';
import { CooperationOpened } from './cooperation-opened.event';
import { CooperationStageChanged } from './cooperation-stage-changed.event';
import { DelegationVisited } from './delegation-visited.event';
import { EntryRetracted } from './entry-retracted.event';
import { FactCorrected } from './fact-corrected.event';
import { FairAttended } from './fair-attended.event';
import { MeetingHeld } from './meeting-held.event';
import { MembershipCrossLinked } from './membership-cross-linked.event';
import { OpportunityIdentified } from './opportunity-identified.event';

export type CooperationEvent =
  | CooperationOpened
  | ContactEstablished
  | MeetingHeld
  | FairAttended
  | MembershipCrossLinked
  | DelegationVisited
  | OpportunityIdentified
  | CooperationStageChanged
  | FactCorrected
  | EntryRetracted;
