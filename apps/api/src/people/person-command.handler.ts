import { CommandHandler } from '@nestjs/cqrs';
import type { PersonCommand, PersonEvent, PersonState } from '@app/domain';
import { AggregateCommand, AggregateCommandHandler } from '../commands/aggregate-command';
import { EntityDirectory, type Reference } from '../commands/entity-directory';
import { PersonRepository } from './person.repository';

export class ExecutePersonCommand extends AggregateCommand<PersonCommand> {}

/** A role is held in an organisation, which must be recorded first. */
export function personReferences(command: PersonCommand): Reference[] {
  if (command.type !== 'AssumeRole') return [];
  return [{ field: 'organisationId', kind: 'organisation', id: command.data.organisationId }];
}

@CommandHandler(ExecutePersonCommand)
export class PersonCommandHandler extends AggregateCommandHandler<PersonCommand, PersonEvent, PersonState> {
  constructor(repository: PersonRepository, directory: EntityDirectory) {
    super(repository, directory, personReferences);
  }
}
