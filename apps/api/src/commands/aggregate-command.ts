import type { ICommand, ICommandHandler } from '@nestjs/cqrs';
import type { DomainEventShape } from '@app/event-store';
import type { AggregateRepository } from './aggregate-repository';
import type { CommandContext } from './command-context';
import type { CommandOutcome } from './command-outcome';
import type { EntityDirectory, Reference } from './entity-directory';

/** A domain command for the entity `id`, with its context, as sent on the Nest command bus. */
export abstract class AggregateCommand<C> implements ICommand {
  constructor(
    readonly id: string,
    readonly command: C,
    readonly context: CommandContext,
  ) {}
}

/**
 * Runs an aggregate's commands: every entity the command refers to must exist (422 naming the field otherwise), then
 * load, decide, append. One handler per aggregate, because the steps are the same for each of its commands; what
 * differs (the rules) lives in the domain's decider.
 */
export abstract class AggregateCommandHandler<C, E extends DomainEventShape, S>
  implements ICommandHandler<AggregateCommand<C>, CommandOutcome<E>>
{
  protected constructor(
    private readonly repository: AggregateRepository<C, E, S>,
    private readonly directory: EntityDirectory,
    private readonly referencesOf: (command: C) => Reference[],
  ) {}

  async execute({ id, command, context }: AggregateCommand<C>): Promise<CommandOutcome<E>> {
    await this.directory.requireAll(this.referencesOf(command));
    return this.repository.execute(id, command, context);
  }
}
