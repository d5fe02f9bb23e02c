import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CooperationsModule } from '../cooperations/cooperations.module';
import { FairsModule } from '../fairs/fairs.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { RegionsModule } from '../regions/regions.module';
import { ImportAggregates } from './import-aggregates';
import { ImportBodyParsers } from './import-body-parsers';
import { ImportPlanner } from './import-planner';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';

/** POST /imports: a history from a CSV or NDJSON file, checked as a whole, then appended through the command bus. */
@Module({
  imports: [CommandsModule, RegionsModule, OrganisationsModule, PeopleModule, FairsModule, CooperationsModule],
  controllers: [ImportsController],
  providers: [ImportAggregates, ImportPlanner, ImportRunner, ImportBodyParsers],
})
export class ImportsModule {}
