import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { readGraph, toGraphMl } from '@app/projections';
import { ApiRead } from '../http/api-docs.decorators';
import { Problem } from '../problems/problem';
import { ENTITY_ID_PATTERN } from '../shared-dto/entity-id';
import { cutOf, CutQueryDto, describeCut, minPositionOf } from './cut-query.dto';
import { ProjectionsRuntime } from './projections-runtime';
import { ReadYourWrites } from './read-your-writes';
import { Access } from '../auth/access.decorator';
import { Optional } from '../shared-dto/optional';

export class GraphQueryDto extends CutQueryDto {
  @ApiPropertyOptional({ description: "Only the part of the graph around this region's entries (the region and every region within it)", example: 'tatarstan' })
  @Optional()
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'region must be a region id' })
  region?: string;

  @ApiPropertyOptional({ description: "Only the part of the graph around this organisation's entries", example: 'logistics-network' })
  @Optional()
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'organisation must be an organisation id' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'json (default) or graphml (for Gephi, yEd, NetworkX); also chosen by Accept: application/graphml+xml', enum: ['json', 'graphml'] })
  @Optional()
  @IsIn(['json', 'graphml'], { message: 'format must be json or graphml' })
  format?: string;
}

/** The relationship graph for network analysis: organisations, regions and people; memberships, meetings, cooperations. */
@ApiTags('graph')
@Access('query')
@Controller('graph')
export class GraphController {
  constructor(
    private readonly runtime: ProjectionsRuntime,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiRead()
  @ApiProduces('application/json', 'application/graphml+xml')
  @ApiOkResponse({ description: 'Nodes {id, kind, label} and edges {kind, source, target, weight, firstDate, lastDate}' })
  async graph(@Query() query: GraphQueryDto, @Headers('x-min-position') minPosition: string | undefined, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (query.region !== undefined && query.organisation !== undefined) throw Problem.badRequest('give region or organisation, not both', 'organisation');
    const cut = cutOf(query);
    const hasCut = cut.asOf !== undefined || cut.knownAtMs !== undefined;
    await this.readYourWrites.reach(minPositionOf(query, minPosition), [hasCut ? 'timeline' : 'graph']);
    const graph = await readGraph(this.runtime.reader.db, {
      ...(hasCut ? { cut } : {}),
      ...(query.region === undefined ? {} : { region: query.region }),
      ...(query.organisation === undefined ? {} : { organisation: query.organisation }),
    });
    if (!graph) {
      const field = query.region !== undefined ? 'region' : 'organisation';
      throw new Problem(404, `${field.toUpperCase()}_NOT_FOUND`, `no ${field} ${query.region ?? query.organisation} is known to the read model`, field);
    }
    const graphMl = query.format === 'graphml' || (query.format === undefined && /application\/graphml\+xml/.test(accept ?? ''));
    if (graphMl) {
      void reply.header('content-type', 'application/graphml+xml; charset=utf-8').send(toGraphMl(graph));
      return;
    }
    void reply.header('content-type', 'application/json; charset=utf-8').send({ ...describeCut(query), ...graph });
  }
}

