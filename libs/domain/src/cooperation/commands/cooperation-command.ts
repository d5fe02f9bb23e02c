import { ChangeStage } from './change-stage.command';
import { CorrectFact } from './correct-fact.command';
import { EstablishContact } from './establish-contact.command';
import { IdentifyOpportunity } from './identify-opportunity.command';
import { LinkMemberships } from './link-memberships.command';
import { OpenCooperation } from './open-cooperation.command';
import { RecordDelegationVisit } from './record-delegation-visit.command';
import { RecordFairAttendance } from './record-fair-attendance.command';
import { RecordMeeting } from './record-meeting.command';
import { RetractEntry } from './retract-entry.command';

export type CooperationCommand =
  | OpenCooperation
  | EstablishContact
  | RecordMeeting
  | RecordFairAttendance
  | LinkMemberships
  | RecordDelegationVisit
  | IdentifyOpportunity
  | ChangeStage
  | CorrectFact
  | RetractEntry;
