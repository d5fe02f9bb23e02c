import type { CooperationCommand, FairCommand, OrganisationCommand, PersonCommand, RegionCommand } from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import type { EntityKind } from '../commands/entity-directory';
import { newId } from '../commands/new-id';
import {
  changeStage,
  correctFact,
  establishContact,
  identifyOpportunity,
  linkMemberships,
  openCooperation,
  recordDelegationVisit,
  recordFairAttendance,
  recordMeeting,
  retractEntry,
} from '../cooperations/cooperation-commands';
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
import { registerFair } from '../fairs/fair-commands';
import { RegisterOrganisationDto } from '../organisations/dto/register-organisation.dto';
import { RenameOrganisationDto } from '../organisations/dto/rename-organisation.dto';
import { registerOrganisation, renameOrganisation } from '../organisations/organisation-commands';
import { AssumeRoleDto } from '../people/dto/assume-role.dto';
import { EndRoleDto } from '../people/dto/end-role.dto';
import { RegisterPersonDto } from '../people/dto/register-person.dto';
import { assumeRole, endRole, registerPerson } from '../people/person-commands';
import { RegisterRegionDto } from '../regions/dto/register-region.dto';
import { registerRegion } from '../regions/region-commands';

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
 * Every fact a row may record, its command built by the same function its route uses (`<aggregate>-commands.ts`):
 * a row must append what a POST of the same body to the same route would. test/api/imports.spec.ts checks that the
 * press story imported from a file and posted through the routes ends up the same.
 */
const FACTS: readonly ImportFact[] = [
  fact('RegionRegistered', {
    aggregate: 'region',
    dto: RegisterRegionDto,
    collection: 'regions',
    command: registerRegion,
  }),
  fact('OrganisationRegistered', {
    aggregate: 'organisation',
    dto: RegisterOrganisationDto,
    collection: 'organisations',
    command: registerOrganisation,
  }),
  fact('OrganisationRenamed', {
    aggregate: 'organisation',
    dto: RenameOrganisationDto,
    collection: 'organisations',
    about: { target: 'organisationId', path: 'renames' },
    command: renameOrganisation,
  }),
  fact('PersonRegistered', {
    aggregate: 'person',
    dto: RegisterPersonDto,
    collection: 'people',
    command: registerPerson,
  }),
  fact('RoleAssumed', {
    aggregate: 'person',
    dto: AssumeRoleDto,
    collection: 'people',
    about: { target: 'personId', path: 'roles' },
    command: assumeRole,
  }),
  fact('RoleEnded', {
    aggregate: 'person',
    dto: EndRoleDto,
    collection: 'people',
    about: { target: 'personId', path: 'role-endings' },
    command: endRole,
  }),
  fact('FairRegistered', {
    aggregate: 'fair',
    dto: RegisterFairDto,
    collection: 'fairs',
    command: registerFair,
  }),
  fact('CooperationOpened', {
    aggregate: 'cooperation',
    dto: OpenCooperationDto,
    collection: 'cooperations',
    command: openCooperation,
  }),
  fact('ContactEstablished', {
    aggregate: 'cooperation',
    dto: EstablishContactDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'contacts' },
    command: establishContact,
  }),
  fact('MeetingHeld', {
    aggregate: 'cooperation',
    dto: RecordMeetingDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'meetings' },
    command: recordMeeting,
  }),
  fact('FairAttended', {
    aggregate: 'cooperation',
    dto: RecordFairAttendanceDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'fair-attendances' },
    command: recordFairAttendance,
  }),
  fact('MembershipCrossLinked', {
    aggregate: 'cooperation',
    dto: LinkMembershipsDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'cross-memberships' },
    command: linkMemberships,
  }),
  fact('DelegationVisited', {
    aggregate: 'cooperation',
    dto: RecordDelegationVisitDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'delegation-visits' },
    command: recordDelegationVisit,
  }),
  fact('OpportunityIdentified', {
    aggregate: 'cooperation',
    dto: IdentifyOpportunityDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'opportunities' },
    command: identifyOpportunity,
  }),
  fact('CooperationStageChanged', {
    aggregate: 'cooperation',
    dto: ChangeStageDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'stage-changes' },
    command: changeStage,
  }),
  fact('FactCorrected', {
    aggregate: 'cooperation',
    dto: CorrectFactDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'corrections' },
    command: correctFact,
  }),
  fact('EntryRetracted', {
    aggregate: 'cooperation',
    dto: RetractEntryDto,
    collection: 'cooperations',
    about: { target: 'cooperationId', path: 'retractions' },
    command: retractEntry,
  }),
];

/** The facts a row may name, by name. (PersonErased is not among them: erasure is an admin's decision, one person at a time.) */
export const IMPORT_FACTS: ReadonlyMap<string, ImportFact> = new Map(FACTS.map((definition) => [definition.name, definition]));
