import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { personDecider, type PersonCommand, type PersonEvent, type PersonState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';

/** People, one stream each: `person-<id>`. */
@Injectable()
export class PersonRepository extends AggregateRepository<PersonCommand, PersonEvent, PersonState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: 'person', noun: 'person', decider: personDecider });
  }
}
