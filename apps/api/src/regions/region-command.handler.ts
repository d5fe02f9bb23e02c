import { CommandHandler } from '@nestjs/cqrs';
import type { RegionCommand, RegionEvent, RegionState } from '@app/domain';
import { AggregateCommand, AggregateCommandHandler } from '../commands/aggregate-command';
import { EntityDirectory, type Reference } from '../commands/entity-directory';
import { RegionRepository } from './region.repository';

export class ExecuteRegionCommand extends AggregateCommand<RegionCommand> {}

/** A region may lie in another, which must be recorded first. */
export function regionReferences(command: RegionCommand): Reference[] {
  const { parentRegionId } = command.data;
  return parentRegionId === undefined ? [] : [{ field: 'parentRegionId', kind: 'region', id: parentRegionId }];
}

@CommandHandler(ExecuteRegionCommand)
export class RegionCommandHandler extends AggregateCommandHandler<RegionCommand, RegionEvent, RegionState> {
  constructor(repository: RegionRepository, directory: EntityDirectory) {
    super(repository, directory, regionReferences);
  }
}
