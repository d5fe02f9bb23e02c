import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { RegionCommandHandler } from './region-command.handler';
import { RegionRepository } from './region.repository';
import { RegionsController } from './regions.controller';

@Module({
  imports: [CommandsModule],
  controllers: [RegionsController],
  providers: [RegionRepository, RegionCommandHandler],
  exports: [RegionRepository],
})
export class RegionsModule {}
