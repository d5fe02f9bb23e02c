import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { organisationDecider, type OrganisationCommand, type OrganisationEvent, type OrganisationState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';

/** Organisations, one stream each: `organisation-<id>`. */
@Injectable()
export class OrganisationRepository extends AggregateRepository<OrganisationCommand, OrganisationEvent, OrganisationState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: 'organisation', noun: 'organisation', decider: organisationDecider });
  }
}
