import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { cooperationSideNames, namesFor, streamTimeline, TIMELINE_PROJECTION, timelineReference, type HistoryCut, type ProjectionDb, type TimelineFilter } from '@app/projections';
import { Access } from '../auth/access.decorator';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { cutOf, minPositionOf } from '../read-models/cut-query.dto';
import { ProjectionsRuntime } from '../read-models/projections-runtime';
import { ReadYourWrites } from '../read-models/read-your-writes';
import { timelineFilterOf } from '../read-models/timeline-query.dto';
import { EntityIdPipe } from '../shared-dto/entity-id';
import { latestEntries } from './latest-entries';
import { describeSvgQuery, TimelineSvgQueryDto } from './timeline-svg-query.dto';
import { renderTimelineSvg } from './timeline-svg';

/** A picture holds at most this many entries, the latest: beyond, it says so, and the filters narrow it down. */
export const MAX_DRAWN_ENTRIES = 1000;

interface SvgRequest {
  db: ProjectionDb;
  cut: HistoryCut;
  filter: TimelineFilter;
  query: TimelineSvgQueryDto;
}

/** Timelines as SVG pictures, from the same projection, with the same filters and cuts, as the JSON timelines. */
@ApiTags('pictures')
@Access('query')
@Controller()
export class TimelineSvgController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get('regions/:id/timeline.svg')
  @ApiTimelineSvg("A region's timeline as an SVG picture, with every region within it")
  async region(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineSvgQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const request = await this.prepare(query, minPosition);
    const region = await timelineReference(request.db, 'region', id);
    if (!region) throw new Problem(404, 'REGION_NOT_FOUND', `no region ${id} is known to the timelines`, 'id');
    await this.draw(reply, request, `region:${id}`, region.name, 'Region timeline, with the regions within it');
  }

  @Get('cooperations/:id/timeline.svg')
  @ApiTimelineSvg("A cooperation's timeline as an SVG picture")
  async cooperation(@Param('id', new EntityIdPipe()) id: string, @Query() query: TimelineSvgQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const request = await this.prepare(query, minPosition);
    const cooperation = await timelineReference(request.db, 'cooperation', id);
    if (!cooperation) throw new Problem(404, 'COOPERATION_NOT_FOUND', `no cooperation ${id} is known to the timelines`, 'id');
    const sides = await cooperationSideNames(request.db, cooperation);
    await this.draw(reply, request, `cooperation:${id}`, `${sides.ours} ↔ ${sides.partner}`, `Cooperation ${id}`);
  }

  /** Parameters checked before anything is read (400 naming the parameter), then read-your-writes. */
  private async prepare(query: TimelineSvgQueryDto, minPosition: string | undefined): Promise<SvgRequest> {
    const cut = cutOf(query);
    const { order: _order, limit: _limit, ...filter } = timelineFilterOf(query);
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [TIMELINE_PROJECTION]);
    return { db: this.runtime.reader.db, cut, filter, query };
  }

  private async draw(reply: FastifyReply, { db, cut, filter, query }: SvgRequest, scope: string, title: string, what: string): Promise<void> {
    // Newest first, so that a timeline too long to draw loses its oldest entries, not its latest.
    const { items, more } = await latestEntries(streamTimeline(db, { scope, cut, order: 'desc', ...filter }), MAX_DRAWN_ENTRIES);
    const svg = renderTimelineSvg({
      title,
      subtitle: [what, describeSvgQuery(query)].filter((part) => part !== '').join(' · '),
      items,
      names: await namesFor(db, items),
      ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
      ...(more ? { note: `Only the latest ${MAX_DRAWN_ENTRIES} entries are drawn; narrow the picture with from, to or types.` } : {}),
    });
    void reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
  }
}

function ApiTimelineSvg(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    ApiRead()(target, key, descriptor);
    ApiProduces('image/svg+xml')(target, key, descriptor);
    ApiOkResponse({ description: `${summary}: a time axis with year ticks, one lane per entry type, each entry a mark with a label and a tooltip; at most ${MAX_DRAWN_ENTRIES} entries, the latest`, content: { 'image/svg+xml': { schema: { type: 'string' } } } })(target, key, descriptor);
  };
}
