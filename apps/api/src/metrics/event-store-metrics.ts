import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { EventStoreHealth } from '../event-store/event-store-health';

/** Whether the event store answers, probed at each scrape exactly as GET /health probes it. */
@Injectable()
export class EventStoreMetrics {
  constructor(registry: Registry, health: EventStoreHealth) {
    new Gauge({
      name: 'kontakt_event_store_up',
      help: '1 when the event store answered a read at this scrape (within 2 s), 0 when not; mode: embedded or external',
      labelNames: ['mode'],
      registers: [registry],
      async collect() {
        const report = await health.check();
        this.reset();
        this.set({ mode: report.mode }, report.reachable ? 1 : 0);
      },
    });
  }
}
