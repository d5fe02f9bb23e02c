import {
  CHANGE_STAGE,
  CORRECT_FACT,
  ESTABLISH_CONTACT,
  IDENTIFY_OPPORTUNITY,
  LINK_MEMBERSHIPS,
  OPEN_COOPERATION,
  RECORD_DELEGATION_VISIT,
  RECORD_FAIR_ATTENDANCE,
  RECORD_MEETING,
  RETRACT_ENTRY,
  type CooperationCommand,
  type FactCorrections,
} from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import { newId } from '../commands/new-id';
import type { ChangeStageDto } from './dto/change-stage.dto';
import type { CorrectFactDto } from './dto/correct-fact.dto';
import type { EstablishContactDto } from './dto/establish-contact.dto';
import type { IdentifyOpportunityDto } from './dto/identify-opportunity.dto';
import type { LinkMembershipsDto } from './dto/link-memberships.dto';
import type { OpenCooperationDto } from './dto/open-cooperation.dto';
import type { RecordDelegationVisitDto } from './dto/record-delegation-visit.dto';
import type { RecordFairAttendanceDto } from './dto/record-fair-attendance.dto';
import type { RecordMeetingDto } from './dto/record-meeting.dto';
import type { RetractEntryDto } from './dto/retract-entry.dto';

// The command each cooperation route builds from its validated body, in one place: the routes
// (cooperations.controller.ts) and file imports (imports/import-facts.ts) must append the same for the same body.

/** A validated DTO as the plain JSON data an event holds (no class instances, no undefined fields). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A body with the command's `reason` (metadata, not payload) taken out. */
function payloadOf<T extends { reason?: string }>(body: T): Omit<T, 'reason'> {
  const { reason: _reason, ...payload } = body;
  return plain(payload);
}

/** The entry's id as given, else derived from the request's Idempotency-Key (so a retry names the same entry). */
function entryIdOf(cooperationId: string, given: string | undefined, context: CommandContext): string {
  return given ?? newId(`entry\u0000${cooperationId}`, context);
}

export function openCooperation(body: OpenCooperationDto, cooperationId: string): CooperationCommand {
  const { ourOrganisationId, partner, openedOn } = payloadOf(body);
  return { type: OPEN_COOPERATION, data: { cooperationId, ourOrganisationId, partner, openedOn } };
}

export function establishContact(body: EstablishContactDto, id: string, context: CommandContext): CooperationCommand {
  return { type: ESTABLISH_CONTACT, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } };
}

export function recordMeeting(body: RecordMeetingDto, id: string, context: CommandContext): CooperationCommand {
  return { type: RECORD_MEETING, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } };
}

export function recordFairAttendance(body: RecordFairAttendanceDto, id: string, context: CommandContext): CooperationCommand {
  return { type: RECORD_FAIR_ATTENDANCE, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } };
}

export function linkMemberships(body: LinkMembershipsDto, id: string, context: CommandContext): CooperationCommand {
  return { type: LINK_MEMBERSHIPS, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } };
}

export function recordDelegationVisit(body: RecordDelegationVisitDto, id: string, context: CommandContext): CooperationCommand {
  return { type: RECORD_DELEGATION_VISIT, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } };
}

export function identifyOpportunity(body: IdentifyOpportunityDto, id: string, context: CommandContext): CooperationCommand {
  const opportunityId = body.opportunityId ?? newId(`opportunity\u0000${id}`, context);
  return { type: IDENTIFY_OPPORTUNITY, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context), opportunityId } };
}

export function changeStage({ to, occurredOn, reason }: ChangeStageDto, cooperationId: string): CooperationCommand {
  return { type: CHANGE_STAGE, data: { cooperationId, to, occurredOn, ...(reason === undefined ? {} : { reason }) } };
}

export function correctFact(body: CorrectFactDto, cooperationId: string): CooperationCommand {
  return { type: CORRECT_FACT, data: { cooperationId, entryId: body.entryId, corrections: plain(body.corrections) as FactCorrections, reason: body.reason } };
}

export function retractEntry({ entryId, reason }: RetractEntryDto, cooperationId: string): CooperationCommand {
  return { type: RETRACT_ENTRY, data: { cooperationId, entryId, reason } };
}
