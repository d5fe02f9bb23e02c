import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { FastifyReply } from 'fastify';
import { EntityStreamNotFoundError, InvalidCheckpointError, parseCheckpointToken, readEntityHistory, verifyEventStore, type AuditCheckpoint, type VerificationResult } from '@app/audit';
import { AUDIT_PROJECTION, InvalidAuditCursorError, readAuditTrail, streamAuditTrail } from '@app/projections';
import { Access } from '../auth/access.decorator';
import { ApiRead } from '../http/api-docs.decorators';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import { Problem } from '../problems/problem';
import { minPositionOf } from '../read-models/cut-query.dto';
import { ProjectionsRuntime } from '../read-models/projections-runtime';
import { ReadYourWrites } from '../read-models/read-your-writes';
import { sendExport } from '../read-models/timeline-export';
import { AUDIT_CSV } from './audit-export';
import { AUDIT_KEY } from './audit-key.provider';
import { auditFilterOf, AuditQueryDto, STREAM_NAME } from './audit-query.dto';
import { AuditPageDto, EntityHistoryDto, VerificationResultDto } from './audit-responses.dto';
import { AuditVerifyQueryDto } from './audit-verify-query.dto';

/**
 * The audit trail: who recorded what, when, why and on which source (from the audit projection), the full history
 * of one entity (from the event store itself), and the verification of the hash chains over the whole log.
 */
@ApiTags('audit')
@Access('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
    private readonly client: EventStoreDBClient,
    @Inject(AUDIT_KEY) private readonly key: Buffer,
    private readonly personalData: PersonalDataVault,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every event with actor, role, recordedAt, occurredOn, command, request, reason, source and position in $all; filtered, paged by cursor, or exported' })
  @ApiRead()
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProduces('application/json', 'text/csv', 'application/x-ndjson')
  async trail(@Query() query: AuditQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const { limit, ...filter } = auditFilterOf(query);
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [AUDIT_PROJECTION]);
    const db = this.runtime.reader.db;
    if (query.format === 'csv' || query.format === 'ndjson') {
      sendExport(reply, query.format, streamAuditTrail(db, filter), 'audit', AUDIT_CSV);
      return;
    }
    let page;
    try {
      page = await readAuditTrail(db, { ...filter, limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) });
    } catch (error) {
      if (error instanceof InvalidAuditCursorError) throw Problem.badRequest(error.message, 'cursor');
      throw error;
    }
    void reply.header('content-type', 'application/json; charset=utf-8').send(page);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes both hash chains over $all; reports the first broken link and a signed checkpoint digest to publish' })
  @ApiRead()
  @ApiOkResponse({ type: VerificationResultDto })
  async verify(@Query() query: AuditVerifyQueryDto): Promise<VerificationResult> {
    if (query.from !== undefined && query.checkpoint !== undefined) throw Problem.badRequest('give from (verify after a checkpoint) or checkpoint (verify all against one), not both', 'checkpoint');
    const from = query.from === undefined ? undefined : this.checkpointOf(query.from, 'from');
    const expected = query.checkpoint === undefined ? undefined : this.checkpointOf(query.checkpoint, 'checkpoint');
    return verifyEventStore(this.client, { key: this.key, ...(from ? { from } : {}), ...(expected ? { expect: [expected] } : {}) });
  }

  @Get('entities/:stream')
  @ApiOperation({ summary: "One entity's full history read from the event store, with each correction beside the value it replaced" })
  @ApiParam({ name: 'stream', description: 'The entity stream, <category>-<id>', example: 'cooperation-logistics-network--tatarstan' })
  @ApiRead()
  @ApiOkResponse({ type: EntityHistoryDto })
  async entity(@Param('stream') stream: string): Promise<EntityHistoryDto> {
    if (!STREAM_NAME.test(stream)) throw Problem.badRequest('path parameter stream must be an entity stream <category>-<id>, e.g. cooperation-logistics-network--tatarstan', 'stream');
    try {
      // The stored events hold personal fields sealed: shown opened, or as an erased person's once the key is gone.
      const history = await readEntityHistory(this.client, stream, { reveal: (events) => this.personalData.reveal(events) });
      return { stream, ...history };
    } catch (error) {
      if (error instanceof EntityStreamNotFoundError) throw new Problem(404, 'STREAM_NOT_FOUND', error.message, 'stream');
      throw error;
    }
  }

  private checkpointOf(token: string, field: string): AuditCheckpoint {
    try {
      return parseCheckpointToken(token, this.key);
    } catch (error) {
      if (error instanceof InvalidCheckpointError) throw Problem.badRequest(`${field}: ${error.message}`, field);
      throw error;
    }
  }
}
