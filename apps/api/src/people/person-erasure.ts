import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, ERASE_PERSON, type PersonEvent } from '@app/domain';
import type { CommandContext } from '../commands/command-context';
import type { CommandOutcome } from '../commands/command-outcome';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { ExecutePersonCommand } from './person-command.handler';

/**
 * Erases a person: appends PersonErased, then destroys their data key. In that order, because the event is what
 * makes the erasure a fact every reader honours (the projections show the person as erased from it on, with or
 * without the key; GET /people/:id says so), and a key destroyed first would leave a person whose data is gone but
 * who is not recorded as erased, with an erasure that a failed append could not take back.
 *
 * Should the process die between the two, the event is stored and the key is not: read models and the API already
 * show the person as erased, but the sealed fields could still be opened by whoever holds the key table. Asking for
 * the erasure again completes it: the answer is 409 (already erased), and the key is destroyed before it is given.
 */
@Injectable()
export class PersonErasure {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly vault: PersonalDataVault,
  ) {}

  async erase(personId: string, reason: string, context: CommandContext): Promise<CommandOutcome<PersonEvent>> {
    let outcome: CommandOutcome<PersonEvent>;
    try {
      outcome = await this.commandBus.execute(new ExecutePersonCommand(personId, { type: ERASE_PERSON, data: { personId, reason } }, context));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PERSON_ALREADY_ERASED') await this.vault.destroyKey(personId);
      throw error;
    }
    await this.vault.destroyKey(personId);
    return outcome;
  }
}
