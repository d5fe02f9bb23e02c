import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { fairDecider, type FairCommand, type FairEvent, type FairState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';

/** Fairs, one stream each: `fair-<id>`. */
@Injectable()
export class FairRepository extends AggregateRepository<FairCommand, FairEvent, FairState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: 'fair', noun: 'fair', decider: fairDecider });
  }
}
