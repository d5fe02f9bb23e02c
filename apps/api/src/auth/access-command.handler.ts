import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { AccessCommand, AccessEvent } from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import type { CommandOutcome } from '../commands/command-outcome';
import { AccessRepository } from './access.repository';
import { AccessStreamFollower } from './access-stream-follower';
import { ACCESS_AGGREGATE } from './access-stream';

/** A grant or revocation, as sent on the Nest command bus. */
export class ExecuteAccessCommand implements ICommand {
  constructor(
    readonly command: AccessCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteAccessCommand)
export class AccessCommandHandler implements ICommandHandler<ExecuteAccessCommand, CommandOutcome<AccessEvent>> {
  constructor(
    private readonly repository: AccessRepository,
    private readonly follower: AccessStreamFollower,
  ) {}

  async execute({ command, context }: ExecuteAccessCommand): Promise<CommandOutcome<AccessEvent>> {
    const outcome = await this.repository.execute(ACCESS_AGGREGATE.id, command, context);
    // In force here before the answer leaves: the next request with a revoked token is refused, whatever the
    // subscription's delay (other replicas follow through it within moments).
    await this.follower.catchUp();
    return outcome;
  }
}
