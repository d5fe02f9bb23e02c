import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidCursorError, namesFor, readTimeline, referenceExists, streamTimeline, TIMELINE_PROJECTION, type TimelineQuery } from '@app/projections';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { cutOf, describeCut, minPositionOf } from './cut-query.dto';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { sendTimelineExport } from './timeline-export';
import { timelineFilterOf, TimelineQueryDto } from './timeline-query.dto';
import { TimelinePageDto } from './timeline-page.dto';
import { Access } from '../auth/access.decorator';

type TimelineOwner = 'region' | 'organisation' | 'person' | 'cooperation';

/**
 * Timelines, read from the timeline projection: the global one and one per region (with every region within it),
 * organisation, person and cooperation. Ordered by date honouring its precision, then recording order; corrected
 * and retracted entries shown as such.
 */
@ApiTags('timelines')
@Access('query')
@Controller()
export class TimelinesController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('timeline')
  @ApiTimeline('Every entry of the history')
  global(@Query() query: TimelineQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('all', undefined, query, minPosition, reply);
  }

  @Get('regions/:id/timeline')
  @ApiTimeline("A region's timeline, with every region within it (Tatarstan's includes Kazan)")
  region(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('region', id, query, minPosition, reply);
  }

  @Get('organisations/:id/timeline')
  @ApiTimeline("An organisation's timeline")
  organisation(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('organisation', id, query, minPosition, reply);
  }

  @Get('people/:id/timeline')
  @ApiTimeline("A person's timeline: what they took part in, and their roles")
  person(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('person', id, query, minPosition, reply);
  }

  @Get('cooperations/:id/timeline')
  @ApiTimeline("A cooperation's timeline")
  cooperation(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    return this.serve('cooperation', id, query, minPosition, reply);
  }

  private async serve(owner: TimelineOwner | 'all', id: string | undefined, dto: TimelineQueryDto, minPositionHeader: string | undefined, reply: FastifyReply): Promise<void> {
    const cut = cutOf(dto);
    const { order, limit, ...filter } = timelineFilterOf(dto);
    await this.readYourWrites.reach(minPositionOf(dto, minPositionHeader), [TIMELINE_PROJECTION]);
    const db = this.runtime.reader.db;
    const scope = owner === 'all' ? 'all' : `${owner}:${id}`;
    const base: Omit<TimelineQuery, 'limit' | 'cursor'> = { scope, cut, order, ...filter };
    const exportFormat = dto.format === 'csv' || dto.format === 'ndjson' ? dto.format : undefined;
    // A page is read while the owner's existence is checked: one round trip less on PostgreSQL. Its answer (or error)
    // is only used once the owner is known.
    const reading = exportFormat ? undefined : readTimeline(db, { ...base, limit, ...(dto.cursor === undefined ? {} : { cursor: dto.cursor }) });
    reading?.catch(() => undefined);
    if (owner !== 'all' && !(await referenceExists(db, owner, id!))) {
      throw new Problem(404, `${owner.toUpperCase()}_NOT_FOUND`, `no ${owner} ${id} is known to the timelines`, 'id');
    }
    if (exportFormat) {
      sendTimelineExport(reply, exportFormat, streamTimeline(db, base), `timeline-${scope.replace(':', '-')}`);
      return;
    }
    let page;
    try {
      page = await reading!;
    } catch (error) {
      if (error instanceof InvalidCursorError) throw Problem.badRequest(error.message, 'cursor');
      throw error;
    }
    const body: TimelinePageDto = {
      timeline: owner === 'all' ? { kind: 'all' } : { kind: owner, id: id! },
      ...describeCut(dto),
      items: page.items,
      nextCursor: page.nextCursor,
      names: await namesFor(db, page.items),
    };
    void reply.header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

function ApiTimeline(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    ApiRead()(target, key, descriptor);
    ApiOkResponse({ type: TimelinePageDto, description: summary })(target, key, descriptor);
    ApiProduces('application/json', 'text/csv', 'application/x-ndjson')(target, key, descriptor);
  };
}
