import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { EventStoreHealth, type EventStoreHealthReport } from '../event-store/event-store-health';
import { Access } from '../auth/access.decorator';

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  eventStore: EventStoreHealthReport;
}

@ApiTags('health')
// Open and unthrottled: load balancers and orchestrators probe it without credentials, and often.
@Access('public')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly eventStoreHealth: EventStoreHealth) {}

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
}
