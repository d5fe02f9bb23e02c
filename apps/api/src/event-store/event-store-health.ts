import { Injectable } from '@nestjs/common';
import { StreamNotFoundError } from '@eventstore/db-client';
import { EventStoreConnection, type EventStoreMode } from './event-store-connection';

export type EventStoreHealthReport =
  | { reachable: true; mode: EventStoreMode; latencyMs: number }
  | { reachable: false; mode: EventStoreMode; error: string };

/** Nobody writes this stream, so reading it costs the server one index lookup; any user may read a non-system stream. */
const PROBE_STREAM = 'kontakt-health-probe';
const PROBE_DEADLINE_MS = 2_000;

@Injectable()
export class EventStoreHealth {
  constructor(private readonly connection: EventStoreConnection) {}

  async check(): Promise<EventStoreHealthReport> {
    const { client, mode } = this.connection;
    const startedAt = performance.now();
    try {
      // Read to the end (at most one event): an abandoned read would keep client.dispose() from finishing.
      for await (const _event of client.readStream(PROBE_STREAM, { maxCount: 1, deadline: PROBE_DEADLINE_MS })) continue;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) {
        return { reachable: false, mode, error: error instanceof Error ? error.message : String(error) };
      }
    }
    return { reachable: true, mode, latencyMs: Math.round(performance.now() - startedAt) };
  }
}
