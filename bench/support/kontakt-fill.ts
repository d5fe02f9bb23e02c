import { jsonEvent, NO_STREAM, type EventStoreDBClient } from '@eventstore/db-client';
import { CooperationHistory, recordedAtOfEvent, referenceStreams, type BenchEvent } from './kontakt-history';
import type { KontaktWorld } from './kontakt-world';
import type { PhaseWork } from './phase-measurement';
import { SeededRandom } from './seeded-random';

export interface FillPlan {
  /** Events per append call on cooperation streams. */
  batchSize: number;
  /** Concurrent append calls in flight. */
  callers: number;
}

export interface FilledHistory extends PhaseWork {
  /** Events written, by type. */
  byType: Record<string, number>;
}

interface ScheduledBatch {
  cooperation: number;
  batch: number;
  recordedAtMs: number;
}

/**
 * Writes the world's history through the client as the write side would have: reference data first (a region's
 * parent before it, organisations before the people who hold roles in them), then the cooperation streams, batch by
 * batch in the order they were recorded, so `$all` interleaves the cooperations as years of use would. Each stream's
 * appends expect its exact revision: an append out of order fails the fill instead of writing a wrong history.
 */
export async function fillKontaktHistory(client: EventStoreDBClient, world: KontaktWorld, plan: FillPlan, progress: (message: string) => void): Promise<FilledHistory> {
  const random = new SeededRandom(world.seed).fork('history');
  const byType: Record<string, number> = {};
  const revisions = new Map<string, bigint>();
  let events = 0;
  let calls = 0;
  const append = async (stream: string, batch: BenchEvent[]) => {
    const expected = revisions.get(stream);
    await client.appendToStream(
      stream,
      batch.map((event) => jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata as unknown as Record<string, never> })),
      { expectedRevision: expected ?? NO_STREAM },
    );
    revisions.set(stream, (expected ?? -1n) + BigInt(batch.length));
    for (const event of batch) byType[event.type] = (byType[event.type] ?? 0) + 1;
    events += batch.length;
    calls += 1;
  };

  // Reference streams hold one to four events each: many small calls, so more of them in flight.
  for (const level of referenceStreams(world, random.fork('references'))) {
    await inParallel(level.length, plan.callers * 4, (index) => append(level[index].stream, level[index].events));
  }
  progress(`fill: ${events.toLocaleString('en-US')} reference events written; now ${world.cooperations.length.toLocaleString('en-US')} cooperation streams`);

  const histories = new Map<number, CooperationHistory>();
  const historyOf = (index: number) => {
    let history = histories.get(index);
    if (!history) {
      history = new CooperationHistory(world, world.cooperations[index], random);
      histories.set(index, history);
    }
    return history;
  };
  const schedule = scheduleBatches(world, plan.batchSize);
  // A cooperation's next batch waits for its previous one: the same stream never has two appends in flight.
  const previous = new Map<number, Promise<void>>();
  const reportEvery = Math.max(1, Math.floor(schedule.length / 10));
  await inParallel(schedule.length, plan.callers, async (index) => {
    const { cooperation } = schedule[index];
    const before = previous.get(cooperation) ?? Promise.resolve();
    const done = before.then(async () => {
      const history = historyOf(cooperation);
      await append(history.stream, history.take(plan.batchSize));
      if (history.remaining === 0) histories.delete(cooperation);
    });
    previous.set(cooperation, done);
    await done;
    if (index % reportEvery === reportEvery - 1) progress(`fill: ${events.toLocaleString('en-US')} events`);
  });
  return { events, calls, byType };
}

/** Every batch of every cooperation stream, in the order their first events were recorded. */
function scheduleBatches(world: KontaktWorld, batchSize: number): ScheduledBatch[] {
  const schedule: ScheduledBatch[] = [];
  world.cooperations.forEach((cooperation, index) => {
    for (let batch = 0; batch * batchSize < cooperation.events; batch++) schedule.push({ cooperation: index, batch, recordedAtMs: recordedAtOfEvent(cooperation, batch * batchSize) });
  });
  return schedule.sort((a, b) => a.recordedAtMs - b.recordedAtMs || a.cooperation - b.cooperation || a.batch - b.batch);
}

/** Runs `work(0..count-1)` with at most `concurrency` calls in flight, in index order. */
async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) await work(index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
