import type { EventStoreProcess } from './event-store-process';
import { monotonicMicroseconds, ticksToMilliseconds } from './process-stats';

/** What a phase did, as counted by the phase itself. */
export interface PhaseWork {
  events: number;
  calls: number;
  /** Per-call latencies in nanoseconds, when the phase times its calls. */
  latenciesNs?: Float64Array;
}

export interface LatencySummary {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PhaseResult {
  id: string;
  title: string;
  events: number;
  calls: number;
  wallMs: number;
  eventsPerSecond: number;
  callsPerSecond: number;
  serverCpuMs: number;
  clientCpuMs: number;
  serverCpuUsPerEvent: number;
  clientCpuUsPerEvent: number;
  /** The node's syscall I/O (files and sockets) per event: a read path that re-reads the log shows up here. */
  serverIo: { readBytesPerEvent: number; writtenBytesPerEvent: number; readCallsPerEvent: number; writeCallsPerEvent: number };
  latency?: LatencySummary;
  /** Monotonic µs, to cut the phase out of a CPU profile of the node. */
  window: { startUs: number; endUs: number };
}

/**
 * Runs `work` and charges it the wall time, the node's CPU (utime + stime of all its threads, clock-tick resolution)
 * and this process's CPU spent meanwhile.
 */
export async function measurePhase(node: EventStoreProcess, id: string, title: string, work: () => Promise<PhaseWork>): Promise<PhaseResult> {
  const serverIoBefore = node.io();
  const serverTicksBefore = node.cpuTicks();
  const clientBefore = process.cpuUsage();
  const startUs = monotonicMicroseconds();
  const done = await work();
  const endUs = monotonicMicroseconds();
  const client = process.cpuUsage(clientBefore);
  const serverCpuMs = ticksToMilliseconds(node.cpuTicks() - serverTicksBefore);
  const serverIo = node.io();
  const clientCpuMs = (client.user + client.system) / 1000;
  const wallMs = (endUs - startUs) / 1000;
  return {
    id,
    title,
    events: done.events,
    calls: done.calls,
    wallMs,
    eventsPerSecond: done.events / (wallMs / 1000),
    callsPerSecond: done.calls / (wallMs / 1000),
    serverCpuMs,
    clientCpuMs,
    serverCpuUsPerEvent: (serverCpuMs * 1000) / done.events,
    clientCpuUsPerEvent: (clientCpuMs * 1000) / done.events,
    serverIo: {
      readBytesPerEvent: (serverIo.readBytes - serverIoBefore.readBytes) / done.events,
      writtenBytesPerEvent: (serverIo.writtenBytes - serverIoBefore.writtenBytes) / done.events,
      readCallsPerEvent: (serverIo.readCalls - serverIoBefore.readCalls) / done.events,
      writeCallsPerEvent: (serverIo.writeCalls - serverIoBefore.writeCalls) / done.events,
    },
    latency: done.latenciesNs ? summariseLatencies(done.latenciesNs) : undefined,
    window: { startUs, endUs },
  };
}

/** Nearest-rank percentiles. */
export function summariseLatencies(latenciesNs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latenciesNs).sort();
  const rank = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] / 1e6;
  return { p50Ms: rank(0.5), p99Ms: rank(0.99), maxMs: sorted[sorted.length - 1] / 1e6 };
}
