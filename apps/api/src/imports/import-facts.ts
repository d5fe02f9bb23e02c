import {
  ASSUME_ROLE,
  CHANGE_STAGE,
  CORRECT_FACT,
  END_ROLE,
  ESTABLISH_CONTACT,
  IDENTIFY_OPPORTUNITY,
  LINK_MEMBERSHIPS,
  OPEN_COOPERATION,
  RECORD_DELEGATION_VISIT,
  RECORD_FAIR_ATTENDANCE,
  RECORD_MEETING,
  REGISTER_FAIR,
  REGISTER_ORGANISATION,
  REGISTER_PERSON,
  REGISTER_REGION,
  RENAME_ORGANISATION,
  RETRACT_ENTRY,
  type CooperationCommand,
  type FactCorrections,
  type FairCommand,
  type OrganisationCommand,
  type PersonCommand,
  type RegionCommand,
} from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import type { EntityKind } from '../commands/entity-directory';
import { newId } from '../commands/new-id';
import { ChangeStageDto } from '../cooperations/dto/change-stage.dto';
import { CorrectFactDto } from '../cooperations/dto/correct-fact.dto';
import { EstablishContactDto } from '../cooperations/dto/establish-contact.dto';
import { IdentifyOpportunityDto } from '../cooperations/dto/identify-opportunity.dto';
import { LinkMembershipsDto } from '../cooperations/dto/link-memberships.dto';
import { OpenCooperationDto } from '../cooperations/dto/open-cooperation.dto';
import { RecordDelegationVisitDto } from '../cooperations/dto/record-delegation-visit.dto';
import { RecordFairAttendanceDto } from '../cooperations/dto/record-fair-attendance.dto';
import { RecordMeetingDto } from '../cooperations/dto/record-meeting.dto';
import { RetractEntryDto } from '../cooperations/dto/retract-entry.dto';
import { RegisterFairDto } from '../fairs/dto/register-fair.dto';
import { RegisterOrganisationDto } from '../organisations/dto/register-organisation.dto';
import { RenameOrganisationDto } from '../organisations/dto/rename-organisation.dto';
import { AssumeRoleDto } from '../people/dto/assume-role.dto';
import { EndRoleDto } from '../people/dto/end-role.dto';
import { RegisterPersonDto } from '../people/dto/register-person.dto';
import { RegisterRegionDto } from '../regions/dto/register-region.dto';

export type ImportedCommand = RegionCommand | OrganisationCommand | PersonCommand | FairCommand | CooperationCommand;

/**
 * What one kind of row stands for: the POST route it replaces, the DTO that route validates its body with, and the
 * command its controller builds from that body. A row is that body, plus `fact` and, for a fact about an entity
 * recorded before, the column naming the entity (the route's `:id`).
 */
export interface ImportFact {
  /** The event the row records, as the row's `fact` names it: `MeetingHeld`. */
  readonly name: string;
  readonly aggregate: EntityKind;
  readonly dto: new () => object;
  /** The column naming the entity the fact is about (`cooperationId`); absent for facts that record a new entity. */
  readonly target?: string;
  /** The route the row stands for, e.g. `/cooperations/logistics-network--tatarstan/meetings`. */
  route(id: string | undefined): string;
  /** The entity the command is for: the target column's id, else the body's `id` or one derived from the row's key. */
  entityId(body: object, target: string | undefined, context: CommandContext): string;
  command(body: object, id: string, context: CommandContext): ImportedCommand;
}

interface FactDefinition<D extends object> {
  aggregate: EntityKind;
  dto: new () => D;
  /** Facts about a recorded entity: the column naming it, and the route's path after `/<collection>/<id>`. */
  about?: { target: string; path: string };
  collection: string;
  command(body: D, id: string, context: CommandContext): ImportedCommand;
}

/** A validated DTO as the plain JSON data an event holds (no class instances, no undefined fields). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A body with the command's `reason` (metadata, not payload) taken out. */
function payloadOf<T extends { reason?: string }>(body: T): Omit<T, 'reason'> {
  const { reason: _reason, ...payload } = body;
  return plain(payload);
}

const entryIdOf = (cooperationId: string, given: string | undefined, context: CommandContext): string => given ?? newId(`entry\u0000${cooperationId}`, context);

function fact<D extends object>(name: string, definition: FactDefinition<D>): ImportFact {
  const { aggregate, dto, about, collection } = definition;
  return {
    name,
    aggregate,
    dto,
    ...(about === undefined ? {} : { target: about.target }),
    route: (id) => (about === undefined ? `/${collection}` : `/${collection}/${id}/${about.path}`),
    // The same ids as the route gives: newId derives from the Idempotency-Key, here the row's key.
    entityId: (body, target, context) => target ?? (body as { id?: string }).id ?? newId(aggregate, context),
    command: (body, id, context) => definition.command(body as D, id, context),
  };
}

/**
 * Every fact a row may record, built exactly as the controllers build them (regions.controller.ts and the others):
 * a row must append what a POST of the same body to the same route would. test/api/imports.spec.ts checks that the
 * press story imported from a file and posted through the routes ends up the same.
 */
const FACTS: readonly ImportFact[] = [
  fact('RegionRegistered', {
    aggregate: 'region',
    dto: RegisterRegionDto,
    collection: 'regions',
    command: ({ name, kind, parentRegionId }, regionId) => ({ type: REGISTER_REGION, data: { regionId, name, kind, parentRegionId } }),
  }),
  fact('OrganisationRegistered', {
    aggregate: 'organisation',
    dto: RegisterOrganisationDto,
    collection: 'organisations',
    command: ({ name, kind, regionId, memberCount }, organisationId) => ({ type: REGISTER_ORGANISATION, data: { organisationId, name, kind, regionId, memberCount } }),
  }),
  fact('OrganisationRenamed', {
    aggregate: 'organisation',
    dto: RenameOrganisationDto,
    collection: 'organisations',
    about: { target: 'organisationId', path: 'renames' },
    command: ({ name }, organisationId) => ({ type: RENAME_ORGANISATION, data: { organisationId, name } }),
  }),
  fact('PersonRegistered', {
    aggregate: 'person',
    dto: RegisterPersonDto,
    collection: 'people',
    command: ({ name, email, phone }, personId) => ({
      type: REGISTER_PERSON,
      data: { personId, name, ...(email === undefined ? {} : { email }), ...(phone === undefined ? {} : { phone }) },
    }),
  }),
  fact('RoleAssumed', {
    aggregate: 'person',
    dto: AssumeRoleDto,
    collection: 'people',
    about: { target: 'personId', path: 'roles' },
    command: ({ organisationId, role, from, level }, personId) => ({ type: ASSUME_ROLE, data: { personId, organisationId, role, from, level } }),
  }),
  fact('RoleEnded', {
    aggregate: 'person',
    dto: EndRoleDto,
    collection: 'people',
    about: { target: 'personId', path: 'role-endings' },
    command: ({ organisationId, role, until }, personId) => ({ type: END_ROLE, data: { personId, organisationId, role, until } }),
  }),
  fact('FairRegistered', {
    aggregate: 'fair',
    dto: RegisterFairDto,
    collection: 'fairs',
    command: ({ name, regionId, recurrence }, fairId) => ({ type: REGISTER_FAIR, data: { fairId, name, regionId, recurrence } }),
  }),
  fact('CooperationOpened', {
    aggregate: 'cooperation',
    dto: OpenCooperationDto,
    collection: 'cooperations',
    command: (body, cooperationId) => {
      const { ourOrganisationId, partner, openedOn } = payloadOf(body);
      return { type: OPEN_COOPERATION, data: { cooperationId, ourOrganisationId, partner, openedOn } };
    },
  }),
  fact('ContactEstablished', {
    aggregate: 'cooperation',
    dto: EstablishContactDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'contacts' },
    command: (body, id, context) => ({ type: ESTABLISH_CONTACT, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } }),
  }),
  fact('MeetingHeld', {
    aggregate: 'cooperation',
    dto: RecordMeetingDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'meetings' },
    command: (body, id, context) => ({ type: RECORD_MEETING, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } }),
  }),
  fact('FairAttended', {
    aggregate: 'cooperation',
    dto: RecordFairAttendanceDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'fair-attendances' },
    command: (body, id, context) => ({ type: RECORD_FAIR_ATTENDANCE, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } }),
  }),
  fact('MembershipCrossLinked', {
    aggregate: 'cooperation',
    dto: LinkMembershipsDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'cross-memberships' },
    command: (body, id, context) => ({ type: LINK_MEMBERSHIPS, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } }),
  }),
  fact('DelegationVisited', {
    aggregate: 'cooperation',
    dto: RecordDelegationVisitDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'delegation-visits' },
    command: (body, id, context) => ({ type: RECORD_DELEGATION_VISIT, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context) } }),
  }),
  fact('OpportunityIdentified', {
    aggregate: 'cooperation',
    dto: IdentifyOpportunityDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'opportunities' },
    command: (body, id, context) => {
      const opportunityId = body.opportunityId ?? newId(`opportunity\u0000${id}`, context);
      return { type: IDENTIFY_OPPORTUNITY, data: { ...payloadOf(body), cooperationId: id, entryId: entryIdOf(id, body.entryId, context), opportunityId } };
    },
  }),
  fact('CooperationStageChanged', {
    aggregate: 'cooperation',
    dto: ChangeStageDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'stage-changes' },
    command: ({ to, occurredOn, reason }, cooperationId) => ({ type: CHANGE_STAGE, data: { cooperationId, to, occurredOn, ...(reason === undefined ? {} : { reason }) } }),
  }),
  fact('FactCorrected', {
    aggregate: 'cooperation',
    dto: CorrectFactDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'corrections' },
    command: (body, cooperationId) => ({
      type: CORRECT_FACT,
      data: { cooperationId, entryId: body.entryId, corrections: plain(body.corrections) as FactCorrections, reason: body.reason },
    }),
  }),
  fact('EntryRetracted', {
    aggregate: 'cooperation',
    dto: RetractEntryDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'retractions' },
    command: ({ entryId, reason }, cooperationId) => ({ type: RETRACT_ENTRY, data: { cooperationId, entryId, reason } }),
  }),
];

/** The facts a row may name, by name. (PersonErased is not among them: erasure is an admin's decision, one person at a time.) */
export const IMPORT_FACTS: ReadonlyMap<string, ImportFact> = new Map(FACTS.map((definition) => [definition.name, definition]));
