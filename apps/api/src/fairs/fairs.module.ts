import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { FairCommandHandler } from './fair-command.handler';
import { FairRepository } from './fair.repository';
import { FairsController } from './fairs.controller';

@Module({
  imports: [CommandsModule],
  controllers: [FairsController],
  providers: [FairRepository, FairCommandHandler],
  exports: [FairRepository],
})
export class FairsModule {}
