import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CooperationCommandHandler } from './cooperation-command.handler';
import { CooperationRepository } from './cooperation.repository';
import { CooperationsController } from './cooperations.controller';

@Module({
  imports: [CommandsModule, ReadModelsModule],
  controllers: [CooperationsController],
  providers: [CooperationRepository, CooperationCommandHandler],
  exports: [CooperationRepository],
})
export class CooperationsModule {}
