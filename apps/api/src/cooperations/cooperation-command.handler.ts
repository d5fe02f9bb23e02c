import { CommandHandler } from '@nestjs/cqrs';
import type { CooperationCommand, CooperationEvent, CooperationState } from '@app/domain';
import { AggregateCommand, AggregateCommandHandler } from '../commands/aggregate-command';
import { EntityDirectory } from '../commands/entity-directory';
import { cooperationReferences } from './cooperation.references';
import { CooperationRepository } from './cooperation.repository';

export class ExecuteCooperationCommand extends AggregateCommand<CooperationCommand> {}

@CommandHandler(ExecuteCooperationCommand)
export class CooperationCommandHandler extends AggregateCommandHandler<CooperationCommand, CooperationEvent, CooperationState> {
  constructor(repository: CooperationRepository, directory: EntityDirectory) {
    super(repository, directory, cooperationReferences);
  }
}
