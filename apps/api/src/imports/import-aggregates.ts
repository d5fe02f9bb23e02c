import { Injectable } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { cooperationDecider, fairDecider, organisationDecider, personDecider, regionDecider, type Decider } from '@app/domain';
import type { DomainEventShape } from '@app/event-store';
import type { AggregateCommand } from '../commands/aggregate-command';
import type { AggregateRepository } from '../commands/aggregate-repository';
import type { CommandContext } from '../commands/command-context';
import type { EntityKind, Reference } from '../commands/entity-directory';
import { ExecuteCooperationCommand } from '../cooperations/cooperation-command.handler';
import { cooperationReferences } from '../cooperations/cooperation.references';
import { CooperationRepository } from '../cooperations/cooperation.repository';
import { ExecuteFairCommand, fairReferences } from '../fairs/fair-command.handler';
import { FairRepository } from '../fairs/fair.repository';
import { ExecuteOrganisationCommand, organisationReferences } from '../organisations/organisation-command.handler';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { ExecutePersonCommand, personReferences } from '../people/person-command.handler';
import { PersonRepository } from '../people/person.repository';
import { ExecuteRegionCommand, regionReferences } from '../regions/region-command.handler';
import { RegionRepository } from '../regions/region.repository';
import type { ImportedCommand } from './import-facts';

/** An entity as the import sees it on the way in: its state now, its version, and the Idempotency-Keys it answered. */
export interface ImportedEntity {
  state: unknown;
  version: number;
  /** Request fingerprints by Idempotency-Key. */
  answered: ReadonlyMap<string, string | undefined>;
}

/**
 * What the import needs of one kind of aggregate, whatever its command and event types: the same repository,
 * decider, reference check and command-bus command as its routes use. (Methods, so that the typed parts below fit.)
 */
export interface ImportAggregate {
  readonly kind: EntityKind;
  load(id: string): Promise<ImportedEntity>;
  decide(command: ImportedCommand, state: unknown): DomainEventShape[];
  evolve(state: unknown, event: DomainEventShape): unknown;
  references(command: ImportedCommand): Reference[];
  busCommand(id: string, command: ImportedCommand, context: CommandContext): ICommand;
}

function aggregate<C, E extends DomainEventShape, S>(
  kind: EntityKind,
  repository: AggregateRepository<C, E, S>,
  decider: Decider<C, E, S>,
  references: (command: C) => Reference[],
  busCommand: (id: string, command: C, context: CommandContext) => AggregateCommand<C>,
): ImportAggregate {
  // The fact catalogue pairs each fact with its aggregate, so a command handed to this aggregate is one of its own.
  return {
    kind,
    load: async (id) => {
      const loaded = await repository.load(id);
      return { state: loaded.state, version: loaded.version, answered: new Map([...loaded.answered].map(([key, answer]) => [key, answer.fingerprint])) };
    },
    decide: (command, state) => decider.decide(command as C, state as S),
    evolve: (state, event) => decider.evolve(state as S, event as E),
    references: (command) => references(command as C),
    busCommand: (id, command, context) => busCommand(id, command as C, context),
  };
}

/** The five aggregates a row may record a fact of, by kind. */
@Injectable()
export class ImportAggregates {
  private readonly byKind: ReadonlyMap<EntityKind, ImportAggregate>;

  constructor(regions: RegionRepository, organisations: OrganisationRepository, people: PersonRepository, fairs: FairRepository, cooperations: CooperationRepository) {
    this.byKind = new Map<EntityKind, ImportAggregate>([
      ['region', aggregate('region', regions, regionDecider, regionReferences, (id, command, context) => new ExecuteRegionCommand(id, command, context))],
      ['organisation', aggregate('organisation', organisations, organisationDecider, organisationReferences, (id, command, context) => new ExecuteOrganisationCommand(id, command, context))],
      ['person', aggregate('person', people, personDecider, personReferences, (id, command, context) => new ExecutePersonCommand(id, command, context))],
      ['fair', aggregate('fair', fairs, fairDecider, fairReferences, (id, command, context) => new ExecuteFairCommand(id, command, context))],
      ['cooperation', aggregate('cooperation', cooperations, cooperationDecider, cooperationReferences, (id, command, context) => new ExecuteCooperationCommand(id, command, context))],
    ]);
  }

  of(kind: EntityKind): ImportAggregate {
    const found = this.byKind.get(kind);
    if (found === undefined) throw new Error(`no aggregate of kind ${kind} to import into`);
    return found;
  }
}
