import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { EventStoreHealth, type EventStoreHealthReport } from '../event-store/event-store-health';

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  eventStore: EventStoreHealthReport;
}

@Controller('health')
export class HealthController {
  constructor(private readonly eventStoreHealth: EventStoreHealth) {}

  /** 200 when the event store answers a read, 503 (same body shape) when it does not. */
  @Get()
  async check(): Promise<HealthResponse> {
    const eventStore = await this.eventStoreHealth.check();
    if (!eventStore.reachable) throw new ServiceUnavailableException({ status: 'unavailable', eventStore } satisfies HealthResponse);
    return { status: 'ok', eventStore };
  }
}
