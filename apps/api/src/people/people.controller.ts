import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ASSUME_ROLE, END_ROLE, REGISTER_PERSON, type PersonCommand, type PersonEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { AssumeRoleDto } from './dto/assume-role.dto';
import { EndRoleDto } from './dto/end-role.dto';
import { PersonDto } from './dto/person.dto';
import { RegisterPersonDto } from './dto/register-person.dto';
import { ExecutePersonCommand } from './person-command.handler';
import { PersonRepository } from './person.repository';

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly people: PersonRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiCommand({ creates: true })
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async register(
    @Body() body: RegisterPersonDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const personId = body.id ?? newId('person', context);
    return commandAccepted(reply, await this.execute(personId, { type: REGISTER_PERSON, data: { personId, name: body.name } }, context), `/people/${personId}`);
  }

  /** Records that the person took on a role in an organisation (President, Minister of Transport, Chair). */
  @Post(':id/roles')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async assumeRole(
    @Param('id', new EntityIdPipe()) id: string,
    @Body() body: AssumeRoleDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const { organisationId, role, from, level } = body;
    return commandAccepted(reply, await this.execute(id, { type: ASSUME_ROLE, data: { personId: id, organisationId, role, from, level } }, context));
  }

  /** Records that the person left a role they held. */
  @Post(':id/role-endings')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async endRole(
    @Param('id', new EntityIdPipe()) id: string,
    @Body() body: EndRoleDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    const { organisationId, role, until } = body;
    return commandAccepted(reply, await this.execute(id, { type: END_ROLE, data: { personId: id, organisationId, role, until } }, context));
  }

  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: PersonDto })
  async get(@Param('id', new EntityIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonDto> {
    return readEntity(this.people, id, reply, (state, version) => (state.status === 'registered' ? PersonDto.of(state, version) : undefined));
  }

  private execute(id: string, command: PersonCommand, context: CommandContext): Promise<CommandOutcome<PersonEvent>> {
    return this.commandBus.execute(new ExecutePersonCommand(id, command, context));
  }
}
