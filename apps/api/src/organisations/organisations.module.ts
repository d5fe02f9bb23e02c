import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { OrganisationCommandHandler } from './organisation-command.handler';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationsController } from './organisations.controller';

@Module({
  imports: [CommandsModule],
  controllers: [OrganisationsController],
  providers: [OrganisationRepository, OrganisationCommandHandler],
  exports: [OrganisationRepository],
})
export class OrganisationsModule {}
