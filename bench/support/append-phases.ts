import { ANY, type EventStoreDBClient } from '@eventstore/db-client';
import type { PhaseWork } from './phase-measurement';
import { meetingHeld, meetingsHeld } from './sample-events';

/** One event per call, each call awaited before the next: the latency of one durable append end to end. */
export async function sequentialSingleAppends(client: EventStoreDBClient, calls: number, streamPrefix: string): Promise<PhaseWork> {
  const latenciesNs = new Float64Array(calls);
  for (let call = 0; call < calls; call++) {
    const started = process.hrtime.bigint();
    await client.appendToStream(`${streamPrefix}-${call % 100}`, meetingHeld(call), { expectedRevision: ANY });
    latenciesNs[call] = Number(process.hrtime.bigint() - started);
  }
  return { events: calls, calls, latenciesNs };
}

export interface BatchedAppendPlan {
  events: number;
  batchSize: number;
  /** Call `n` goes to stream `n % streams`. */
  streams: number;
  streamPrefix: string;
}

/** `batchSize` events per call (the last call takes the remainder), calls one after another. */
export async function sequentialBatchedAppends(client: EventStoreDBClient, plan: BatchedAppendPlan): Promise<PhaseWork> {
  let calls = 0;
  for (let written = 0; written < plan.events; calls++) {
    const count = Math.min(plan.batchSize, plan.events - written);
    await client.appendToStream(`${plan.streamPrefix}-${calls % plan.streams}`, meetingsHeld(written, count), { expectedRevision: ANY });
    written += count;
  }
  return { events: plan.events, calls };
}

/** `callers` writers of `batchSize` events per call, each awaiting its previous call: client and node work overlap. */
export async function concurrentBatchedAppends(
  client: EventStoreDBClient,
  plan: BatchedAppendPlan & { callers: number },
): Promise<PhaseWork> {
  const calls = Math.ceil(plan.events / plan.batchSize);
  let next = 0;
  const caller = async () => {
    for (let call = next++; call < calls; call = next++) {
      const first = call * plan.batchSize;
      const count = Math.min(plan.batchSize, plan.events - first);
      await client.appendToStream(`${plan.streamPrefix}-${call % plan.streams}`, meetingsHeld(first, count), { expectedRevision: ANY });
    }
  };
  await Promise.all(Array.from({ length: plan.callers }, caller));
  return { events: plan.events, calls };
}

/** `callers` independent writers, each on its own stream, each awaiting its previous append: group commit at work. */
export async function concurrentSingleAppends(client: EventStoreDBClient, appends: number, callers: number, streamPrefix: string): Promise<PhaseWork> {
  const latenciesNs = new Float64Array(appends);
  let next = 0;
  const caller = async (callerIndex: number) => {
    for (let call = next++; call < appends; call = next++) {
      const started = process.hrtime.bigint();
      await client.appendToStream(`${streamPrefix}-${callerIndex}`, meetingHeld(call), { expectedRevision: ANY });
      latenciesNs[call] = Number(process.hrtime.bigint() - started);
    }
  };
  await Promise.all(Array.from({ length: callers }, (_, index) => caller(index)));
  return { events: appends, calls: appends, latenciesNs };
}
