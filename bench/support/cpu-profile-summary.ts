import * as fs from 'node:fs';
import * as path from 'node:path';

/** The parts of V8's .cpuprofile format (Chrome DevTools Profiler.Profile) used here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  functionName: string;
  location: string;
  selfMs: number;
  /** Share of the samples in the window that were not idle. */
  percentOfBusy: number;
}

export interface ProfileWindowSummary {
  busyMs: number;
  idleMs: number;
  hottest: HotFunction[];
  /** Self time grouped by where the code comes from (the node's own code, protobuf, grpc-js, Node.js core...). */
  byOrigin: Array<{ origin: string; selfMs: number; percentOfBusy: number }>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Self time per function among the samples taken in [startUs, endUs] (V8 stamps samples with CLOCK_MONOTONIC µs,
 * the clock of process.hrtime, so a phase timed in the benchmark can be cut out of the node's profile).
 */
export function summariseProfileWindow(profileFile: string, window: { startUs: number; endUs: number }, top = 15): ProfileWindowSummary {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, { functionName: string; location: string; us: number }>();
  let busyUs = 0;
  let idleUs = 0;
  let timestamp = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    timestamp += profile.timeDeltas[index];
    if (timestamp < window.startUs || timestamp > window.endUs) continue;
    // A sample stands for the time until the next one.
    const duration = index + 1 < profile.timeDeltas.length ? profile.timeDeltas[index + 1] : 0;
    const frame = frames.get(profile.samples[index])!;
    if (frame.functionName === '(idle)') {
      idleUs += duration;
      continue;
    }
    busyUs += duration;
    const location = frame.url ? `${shortenUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}\u0000${location}`;
    const entry = selfUs.get(key) ?? { functionName: frame.functionName || '(anonymous)', location, us: 0 };
    entry.us += duration;
    selfUs.set(key, entry);
  }
  const share = (us: number) => ({ selfMs: us / 1000, percentOfBusy: (100 * us) / Math.max(1, busyUs) });
  const hottest = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((entry) => ({ functionName: entry.functionName, location: entry.location, ...share(entry.us) }));
  const originUs = new Map<string, number>();
  for (const entry of selfUs.values()) {
    const origin = originOf(entry.functionName, entry.location);
    originUs.set(origin, (originUs.get(origin) ?? 0) + entry.us);
  }
  const byOrigin = [...originUs.entries()].sort((a, b) => b[1] - a[1]).map(([origin, us]) => ({ origin, ...share(us) }));
  return { busyMs: busyUs / 1000, idleMs: idleUs / 1000, hottest, byOrigin };
}

function originOf(functionName: string, location: string): string {
  if (functionName === '(garbage collector)') return 'V8 garbage collector';
  if (functionName === '(program)') return '(program): native code outside JS (http2, libuv, V8)';
  if (location === '') return 'native bindings called from JS (socket writes, fs, crc32)';
  if (location.startsWith('libs/') || location.startsWith('apps/')) return `${location.split('/').slice(0, 2).join('/')} (this repository)`;
  if (location.startsWith('google-protobuf/') || /_pb\.js:/.test(location)) return 'google-protobuf and generated messages';
  if (location.startsWith('@grpc/grpc-js/')) return '@grpc/grpc-js';
  if (location.startsWith('node:')) return 'Node.js core (node:*)';
  return 'other';
}

function shortenUrl(url: string): string {
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}
