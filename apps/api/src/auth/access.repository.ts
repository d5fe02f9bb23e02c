import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { accessDecider, type AccessCommand, type AccessEvent, type AccessState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';
import { ACCESS_AGGREGATE } from './access-stream';

/** Grants and revocations go through the same write path as every other command: decide, append with metadata. */
@Injectable()
export class AccessRepository extends AggregateRepository<AccessCommand, AccessEvent, AccessState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: ACCESS_AGGREGATE.category, noun: 'access', decider: accessDecider });
  }
}
