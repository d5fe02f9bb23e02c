import { readFileSync } from 'node:fs';
import type { ComparedStore } from './compared-stores';
import { summariseLatencies, type LatencySummary } from './phase-measurement';
import { monotonicMicroseconds, ticksToMilliseconds } from './process-stats';
import { meetingHeld, meetingsHeld } from './sample-events';

/** One phase on one store: throughput, latency when calls are timed, and the whole machine's CPU per event. */
export interface ComparedResult {
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  latency?: LatencySummary;
  /**
   * Busy CPU of the whole machine (all processes: this client, the node or PostgreSQL's backends, fsync work) per
   * event, from /proc/stat: the fair way to charge a server that runs as many processes.
   */
  machineCpuUsPerEvent: number;
}

export interface ComparedPhase {
  id: string;
  title: string;
  run(store: ComparedStore, streamPrefix: string): Promise<{ events: number; latenciesNs?: Float64Array }>;
}

export function sequentialSingles(appends: number): ComparedPhase {
  return {
    id: 'single',
    title: 'Durable appends, 1 event/call, one caller',
    run: async (store, prefix) => {
      const latenciesNs = new Float64Array(appends);
      for (let call = 0; call < appends; call++) {
        const started = process.hrtime.bigint();
        await store.append(`${prefix}-${call % 100}`, [meetingHeld(call)]);
        latenciesNs[call] = Number(process.hrtime.bigint() - started);
      }
      return { events: appends, latenciesNs };
    },
  };
}

/** Independent callers, each on its own stream: whether concurrent commits share a disk flush (group commit). */
export function concurrentSingles(appends: number, callers: number): ComparedPhase {
  return {
    id: 'concurrent',
    title: `Durable appends, 1 event/call, ${callers} concurrent callers`,
    run: async (store, prefix) => {
      const latenciesNs = new Float64Array(appends);
      let next = 0;
      const caller = async (index: number) => {
        for (let call = next++; call < appends; call = next++) {
          const started = process.hrtime.bigint();
          await store.append(`${prefix}-${index}`, [meetingHeld(call)]);
          latenciesNs[call] = Number(process.hrtime.bigint() - started);
        }
      };
      await Promise.all(Array.from({ length: callers }, (_, index) => caller(index)));
      return { events: appends, latenciesNs };
    },
  };
}

export function sequentialBatches(events: number, batchSize: number): ComparedPhase {
  return {
    id: 'batched',
    title: `Durable appends, ${batchSize} events/call, one caller`,
    run: async (store, prefix) => {
      for (let written = 0, call = 0; written < events; call++) {
        const count = Math.min(batchSize, events - written);
        await store.append(`${prefix}-${call % 100}`, meetingsHeld(written, count));
        written += count;
      }
      return { events };
    },
  };
}

export function readEverything(): ComparedPhase {
  return {
    id: 'read',
    title: 'Read the whole log forwards',
    run: async (store) => ({ events: await store.readAll() }),
  };
}

export async function measureCompared(phase: ComparedPhase, store: ComparedStore, streamPrefix: string): Promise<ComparedResult> {
  const cpuBefore = machineBusyTicks();
  const startUs = monotonicMicroseconds();
  const done = await phase.run(store, streamPrefix);
  const wallMs = (monotonicMicroseconds() - startUs) / 1000;
  const busyMs = ticksToMilliseconds(machineBusyTicks() - cpuBefore);
  return {
    events: done.events,
    wallMs,
    eventsPerSecond: done.events / (wallMs / 1000),
    latency: done.latenciesNs ? summariseLatencies(done.latenciesNs) : undefined,
    machineCpuUsPerEvent: (busyMs * 1000) / done.events,
  };
}

/** All CPUs' ticks spent on anything but idle and I/O wait, since boot. */
function machineBusyTicks(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  // guest and guest_nice (fields 9, 10) are already counted in user and nice.
  return ticks.slice(0, 8).reduce((sum, value) => sum + value, 0) - idle;
}
