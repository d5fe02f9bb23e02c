import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { cooperationDecider, type CooperationCommand, type CooperationEvent, type CooperationState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';
import { PersonalDataVault } from '../personal-data/personal-data-vault';

/** Cooperations, one stream each: `cooperation-<id>`; participants linked to a person sealed with that person's key. */
@Injectable()
export class CooperationRepository extends AggregateRepository<CooperationCommand, CooperationEvent, CooperationState> {
  constructor(store: AggregateEventStore, eventBus: EventBus, personalData: PersonalDataVault) {
    super(store, eventBus, { category: 'cooperation', noun: 'cooperation', decider: cooperationDecider }, { personalData });
  }
}
