import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { OrganisationCommand, OrganisationEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { registerOrganisation, renameOrganisation } from './organisation-commands';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { OrganisationDto } from './dto/organisation.dto';
import { RegisterOrganisationDto } from './dto/register-organisation.dto';
import { RenameOrganisationDto } from './dto/rename-organisation.dto';
import { ExecuteOrganisationCommand } from './organisation-command.handler';
import { OrganisationRepository } from './organisation.repository';
import { Access } from '../auth/access.decorator';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** Records an organisation: our network, a member company, a ministry, an association, a fair organiser. */
  @Access('command')
  @Post()
  @HttpCode(201)
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async register(
    @Body() body: RegisterOrganisationDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const organisationId = body.id ?? newId('organisation', context);
    return commandAccepted(reply, await this.execute(organisationId, registerOrganisation(body, organisationId), context), `/organisations/${organisationId}`);
  }

  /** Records that the organisation is now called differently; its history keeps the former name. */
  @Access('command')
  @Post(':id/renames')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async rename(
    @Param('id', new EntityIdPipe()) id: string,
    @Body() body: RenameOrganisationDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.execute(id, renameOrganisation(body, id), context));
  }

  @Access('query')
  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: OrganisationDto })
  async get(@Param('id', new EntityIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrganisationDto> {
    return readEntity(this.organisations, id, reply, (state, version) => (state.status === 'registered' ? OrganisationDto.of(state, version) : undefined));
  }

  private execute(id: string, command: OrganisationCommand, context: CommandContext): Promise<CommandOutcome<OrganisationEvent>> {
    return this.commandBus.execute(new ExecuteOrganisationCommand(id, command, context));
  }
}
