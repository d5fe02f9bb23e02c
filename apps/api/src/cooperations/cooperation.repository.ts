import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { cooperationDecider, type CooperationCommand, type CooperationEvent, type CooperationState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';

/** Cooperations, one stream each: `cooperation-<id>`. */
@Injectable()
export class CooperationRepository extends AggregateRepository<CooperationCommand, CooperationEvent, CooperationState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: 'cooperation', noun: 'cooperation', decider: cooperationDecider });
  }
}
