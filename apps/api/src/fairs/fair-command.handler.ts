import { CommandHandler } from '@nestjs/cqrs';
import type { FairCommand, FairEvent, FairState } from '@app/domain';
import { AggregateCommand, AggregateCommandHandler } from '../commands/aggregate-command';
import { EntityDirectory, type Reference } from '../commands/entity-directory';
import { FairRepository } from './fair.repository';

export class ExecuteFairCommand extends AggregateCommand<FairCommand> {}

/** A fair takes place in a region, which must be recorded first. */
export function fairReferences(command: FairCommand): Reference[] {
  return [{ field: 'regionId', kind: 'region', id: command.data.regionId }];
}

@CommandHandler(ExecuteFairCommand)
export class FairCommandHandler extends AggregateCommandHandler<FairCommand, FairEvent, FairState> {
  constructor(repository: FairRepository, directory: EntityDirectory) {
    super(repository, directory, fairReferences);
  }
}
