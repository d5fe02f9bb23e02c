import { CommandHandler } from '@nestjs/cqrs';
import type { OrganisationCommand, OrganisationEvent, OrganisationState } from '@app/domain';
import { AggregateCommand, AggregateCommandHandler } from '../commands/aggregate-command';
import { EntityDirectory, type Reference } from '../commands/entity-directory';
import { OrganisationRepository } from './organisation.repository';

export class ExecuteOrganisationCommand extends AggregateCommand<OrganisationCommand> {}

/** An organisation may be placed in a region, which must be recorded first. */
export function organisationReferences(command: OrganisationCommand): Reference[] {
  if (command.type !== 'RegisterOrganisation' || command.data.regionId === undefined) return [];
  return [{ field: 'regionId', kind: 'region', id: command.data.regionId }];
}

@CommandHandler(ExecuteOrganisationCommand)
export class OrganisationCommandHandler extends AggregateCommandHandler<OrganisationCommand, OrganisationEvent, OrganisationState> {
  constructor(repository: OrganisationRepository, directory: EntityDirectory) {
    super(repository, directory, organisationReferences);
  }
}
