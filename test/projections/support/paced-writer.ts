import { EventStoreDBClient, jsonEvent, type JSONType } from '@eventstore/db-client';
import fc from 'fast-check';
import { comparePositions, type LogPosition } from '@app/projections';
import { delay } from '../../support/event-store-node.harness';
import { historyScripts, writeHistory, type KontaktHistory } from './history.arbitrary';

/** `count` Kontakt histories drawn from `seed`, each in a namespace of its own and recorded after the one before. */
export function drawHistories(seed: number, count: number, steps: { minLength: number; maxLength: number }, prefix: string): KontaktHistory[] {
  const scripts = fc.sample(historyScripts(steps), { seed, numRuns: count });
  let startMs = Date.UTC(2024, 0, 1);
  return scripts.map((script, index) => {
    const history = writeHistory(script, `${prefix}${index}`, startMs);
    startMs = Math.max(startMs, history.lastRecordedMs) + 3_600_000;
    return history;
  });
}

/** Appends a history one command's event at a time, as the API does; the position of its last event. */
export async function appendHistory(client: EventStoreDBClient, history: KontaktHistory): Promise<LogPosition> {
  let last: LogPosition | undefined;
  for (const event of history.events) {
    last = (await client.appendToStream(event.streamId, jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }))).position;
  }
  if (!last) throw new Error(`history ${history.namespace} has no events`);
  return last;
}

/**
 * Appends histories side by side in `lanes` (each history in order: references before the facts that use them), one
 * command's event at a time as the API does, at most `rate` events per second in all, until stopped or done.
 */
export class PacedWriter {
  private started = 0;
  private appended = 0;
  private stopped = false;
  private last?: LogPosition;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly histories: readonly KontaktHistory[],
    private readonly rate: number,
    private readonly lanes: number,
  ) {}

  /** Events appended so far. */
  get count(): number {
    return this.appended;
  }

  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<{ events: number; last: LogPosition }> {
    const queue = [...this.histories];
    const startedMs = Date.now();
    const lane = async () => {
      for (let history = queue.shift(); history && !this.stopped; history = queue.shift()) {
        for (const event of history.events) {
          if (this.stopped) return;
          const dueMs = startedMs + (this.started * 1000) / this.rate;
          this.started += 1;
          if (dueMs > Date.now()) await delay(dueMs - Date.now());
          const result = await this.client.appendToStream(event.streamId, jsonEvent({ type: event.type, data: event.data as JSONType, metadata: event.metadata as unknown as JSONType }));
          this.appended += 1;
          if (result.position && (!this.last || comparePositions(result.position, this.last) > 0)) this.last = result.position;
        }
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
    if (!this.last) throw new Error('nothing appended');
    return { events: this.appended, last: this.last };
  }
}
