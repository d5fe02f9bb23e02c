import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import type { PersonCommand, PersonEvent } from '@app/domain';
import { commandAccepted, CommandAcceptedDto } from '../commands/command-accepted.dto';
import type { CommandContext } from '../commands/command-context';
import { CommandContextOf } from '../commands/command-context.decorator';
import type { CommandOutcome } from '../commands/command-outcome';
import { newId } from '../commands/new-id';
import { assumeRole, endRole, registerPerson } from './person-commands';
import { readEntity } from '../commands/read-entity';
import { ApiCommand, ApiRead } from '../http/api-docs.decorators';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { AssumeRoleDto } from './dto/assume-role.dto';
import { EndRoleDto } from './dto/end-role.dto';
import { ErasePersonDto } from './dto/erase-person.dto';
import { PersonDto } from './dto/person.dto';
import { RegisterPersonDto } from './dto/register-person.dto';
import { ExecutePersonCommand } from './person-command.handler';
import { PersonErasure } from './person-erasure';
import { PersonRepository } from './person.repository';

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly people: PersonRepository,
    private readonly erasure: PersonErasure,
  ) {}

  @Access('command')
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
    return commandAccepted(reply, await this.execute(personId, registerPerson(body, personId), context), `/people/${personId}`);
  }

  /**
   * Erases the person on request (crypto-shredding): records PersonErased with the reason and destroys the key their
   * name and contact details were sealed with. The events stay as stored; every reader shows "erased person".
   */
  @Post(':id/erasure')
  @Access('admin')
  @HttpCode(201)
  @ApiCommand()
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async erase(
    @Param('id', new EntityIdPipe()) id: string,
    @Body() body: ErasePersonDto,
    @CommandContextOf() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAcceptedDto> {
    return commandAccepted(reply, await this.erasure.erase(id, body.reason, context));
  }

  /** Records that the person took on a role in an organisation (President, Minister of Transport, Chair). */
  @Access('command')
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
    return commandAccepted(reply, await this.execute(id, assumeRole(body, id), context));
  }

  /** Records that the person left a role they held. */
  @Access('command')
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
    return commandAccepted(reply, await this.execute(id, endRole(body, id), context));
  }

  @Access('query')
  @Get(':id')
  @ApiRead()
  @ApiOkResponse({ type: PersonDto })
  async get(@Param('id', new EntityIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonDto> {
    return readEntity(this.people, id, reply, (state, version) => (state.status === 'unregistered' ? undefined : PersonDto.of(state, version)));
  }

  private execute(id: string, command: PersonCommand, context: CommandContext): Promise<CommandOutcome<PersonEvent>> {
    return this.commandBus.execute(new ExecutePersonCommand(id, command, context));
  }
}
