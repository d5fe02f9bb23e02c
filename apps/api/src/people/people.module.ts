import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { PeopleController } from './people.controller';
import { PersonCommandHandler } from './person-command.handler';
import { PersonErasure } from './person-erasure';
import { PersonRepository } from './person.repository';

@Module({
  imports: [CommandsModule],
  controllers: [PeopleController],
  providers: [PersonRepository, PersonCommandHandler, PersonErasure],
  exports: [PersonRepository],
})
export class PeopleModule {}
