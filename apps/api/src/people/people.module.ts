import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { PeopleController } from './people.controller';
import { PersonCommandHandler } from './person-command.handler';
import { PersonRepository } from './person.repository';

@Module({
  imports: [CommandsModule],
  controllers: [PeopleController],
  providers: [PersonRepository, PersonCommandHandler],
  exports: [PersonRepository],
})
export class PeopleModule {}
