import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { personDecider, type PersonCommand, type PersonEvent, type PersonState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';
import { PersonalDataVault } from '../personal-data/personal-data-vault';

/** People, one stream each: `person-<id>`; names and contact details sealed with the person's key. */
@Injectable()
export class PersonRepository extends AggregateRepository<PersonCommand, PersonEvent, PersonState> {
  constructor(store: AggregateEventStore, eventBus: EventBus, personalData: PersonalDataVault) {
    super(store, eventBus, { category: 'person', noun: 'person', decider: personDecider }, { personalData });
  }
}
