import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { EventStoreHealth, type EventStoreHealthReport } from '../event-store/event-store-health';
import { Access } from '../auth/access.decorator';
import { ShutdownState } from '../shutdown/shutdown-state';
import { Readiness, type ReadinessReport } from './readiness';

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  eventStore: EventStoreHealthReport;
}

export interface LivenessResponse {
  status: 'alive';
  uptimeSeconds: number;
  shuttingDown: boolean;
}

@ApiTags('health')
// Open and unthrottled: load balancers and orchestrators probe it without credentials, and often.
@Access('public')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly eventStoreHealth: EventStoreHealth,
    private readonly readiness: Readiness,
    private readonly shutdown: ShutdownState,
  ) {}

  /** 200 when the event store answers a read, 503 (same body shape, for load balancers and people alike) when not. */
  @Get()
  @ApiOperation({ security: [] })
  @ApiResponse({ status: 200, description: 'The event store answers' })
  @ApiResponse({ status: 503, description: 'The event store does not answer; the body says why' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const eventStore = await this.eventStoreHealth.check();
    if (!eventStore.reachable) {
      void reply.status(503);
      return { status: 'unavailable', eventStore };
    }
    return { status: 'ok', eventStore };
  }

  /**
   * Liveness: the process runs and its event loop turns (a blocked loop makes this time out). Asks nothing of the
   * event store or the read models, and stays 200 while shutting down: restarting a process for an outage it cannot
   * fix, or in the middle of finishing its requests, only loses work.
   */
  @Get('live')
  @ApiOperation({ security: [] })
  @ApiResponse({ status: 200, description: 'The process is alive' })
  live(): LivenessResponse {
    return { status: 'alive', uptimeSeconds: Math.round(process.uptime()), shuttingDown: this.shutdown.shuttingDown };
  }

  /**
   * Readiness: 200 when this instance should get traffic (not shutting down, event store and read-model store
   * answering, the projections run here started and none failed); 503 with the reasons otherwise.
   */
  @Get('ready')
  @ApiOperation({ security: [] })
  @ApiResponse({ status: 200, description: 'Ready for traffic' })
  @ApiResponse({ status: 503, description: 'Not ready: shutting down, a store does not answer, or the projections have not started or failed; `reasons` says which' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    if (report.status !== 'ready') void reply.status(503).header('retry-after', '1');
    return report;
  }
}
