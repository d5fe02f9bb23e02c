import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { bearerTokenMatches } from '@app/metrics';
import { Access } from '../auth/access.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Problem } from '../problems/problem';

@ApiTags('operations')
// Public unless METRICS_TOKEN is set: the metrics hold counts, durations and positions, no personal data and no
// ids (labels are route patterns, command and event types). Unthrottled, like /health: scrapers call it often.
@Access('public')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Prometheus text exposition format 0.0.4: appends, commands, HTTP requests, projections, the event store, the process. */
  @Get()
  @ApiOperation({ security: [], description: 'Prometheus metrics. Open, unless the API was started with METRICS_TOKEN: then send Authorization: Bearer <METRICS_TOKEN>.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics, in the Prometheus text format (version 0.0.4)', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 401, description: 'METRICS_TOKEN is set, and the request does not carry it as a bearer token' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const token = this.config.operations.metricsToken;
    if (token !== undefined && !bearerTokenMatches(token, authorization)) {
      void reply.header('www-authenticate', 'Bearer realm="kontakt-metrics"');
      throw new Problem(401, 'UNAUTHENTICATED', 'the metrics need the token this API was started with: send Authorization: Bearer <METRICS_TOKEN>', 'Authorization');
    }
    const text = await this.registry.metrics();
    void reply.header('content-type', this.registry.contentType).header('cache-control', 'no-store');
    return text;
  }
}
