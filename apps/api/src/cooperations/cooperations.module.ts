import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CooperationCommandHandler } from './cooperation-command.handler';
import { CooperationRepository } from './cooperation.repository';
import { CooperationsController } from './cooperations.controller';

@Module({
  imports: [CommandsModule],
  controllers: [CooperationsController],
  providers: [CooperationRepository, CooperationCommandHandler],
  exports: [CooperationRepository],
})
export class CooperationsModule {}
