import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { regionDecider, type RegionCommand, type RegionEvent, type RegionState } from '@app/domain';
import { AggregateEventStore } from '@app/event-store';
import { AggregateRepository } from '../commands/aggregate-repository';

/** Regions, one stream each: `region-<id>`. */
@Injectable()
export class RegionRepository extends AggregateRepository<RegionCommand, RegionEvent, RegionState> {
  constructor(store: AggregateEventStore, eventBus: EventBus) {
    super(store, eventBus, { category: 'region', noun: 'region', decider: regionDecider });
  }
}
