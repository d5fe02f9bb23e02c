import { Module } from '@nestjs/common';
import { EventStoreDBClient } from '@eventstore/db-client';
import { PersonalDataRevealer } from '@app/personal-data';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventStoreModule } from '../event-store/event-store.module';
import { PersonalDataModule } from '../personal-data/personal-data.module';
import { CLOCK, systemClock } from './clock';
import { CooperationAtCut } from './cooperation-at-cut';
import { GraphController } from './graph.controller';
import { ProjectionsController } from './projections.controller';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadModelStoreModule } from './read-model-store.module';
import { ReadModelWriter } from './read-model-writer';
import { ReadYourWrites } from './read-your-writes';
import { ReferenceListsController } from './reference-lists.controller';
import { StatusController } from './status.controller';
import { TimelinesController } from './timelines.controller';

/** The read side: the projections, their store, and the query endpoints over them. */
@Module({
  imports: [EventStoreModule, ReadModelStoreModule, PersonalDataModule],
  controllers: [TimelinesController, StatusController, GraphController, ProjectionsController, ReferenceListsController],
  providers: [
    {
      provide: ProjectionsRuntime,
      useFactory: (config: AppConfig, client: EventStoreDBClient, writer: ReadModelWriter, revealer: PersonalDataRevealer) => ProjectionsRuntime.open(config, client, writer, revealer),
      inject: [APP_CONFIG, EventStoreDBClient, ReadModelWriter, PersonalDataRevealer],
    },
    ReadYourWrites,
    CooperationAtCut,
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [ProjectionsRuntime, ReadYourWrites, CooperationAtCut],
})
export class ReadModelsModule {}
