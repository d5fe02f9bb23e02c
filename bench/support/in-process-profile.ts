import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import * as path from 'node:path';

/** The parts of V8's .cpuprofile format (Chrome DevTools Profiler.Profile) used here. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface OriginShare {
  origin: string;
  selfMs: number;
  percentOfBusy: number;
}

export interface InProcessProfileSummary {
  profileFile: string;
  busyMs: number;
  idleMs: number;
  byOrigin: OriginShare[];
  hottest: Array<{ functionName: string; location: string; origin: string; selfMs: number; percentOfBusy: number }>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Sampling every 500 µs: fine enough for phases of seconds, cheap enough not to distort them much. */
const SAMPLING_INTERVAL_US = 500;

/**
 * Runs `work` under V8's CPU profiler in this process (the projections run here; the event-store node is another
 * process), writes the profile to `file` and says where the time went.
 */
export async function profileInProcess<T>(file: string, work: () => Promise<T>): Promise<{ result: T; summary: InProcessProfileSummary }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
    let result: T;
    try {
      result = await work();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
    }
    return { result, summary: summariseInProcessProfile(file) };
  } finally {
    session.disconnect();
  }
}

/**
 * Self time by origin. Builtins and native bindings (JSON.parse, better-sqlite3's Statement.run) have no script of
 * their own: they are charged to what called them ("JSON.parse/stringify ← libs/projections"), which is what tells
 * decoding the client's payloads from serialising entries, and SQLite's own work from the code that drives it.
 */
export function summariseInProcessProfile(file: string, top = 20): InProcessProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const originOfNode = new Map<number, string>();
  const scriptOriginOf = (id: number): string => {
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const frame = byId.get(current)!.callFrame;
      if (frame.url !== '') return originOfScript(frame.url);
    }
    return 'no script (top level)';
  };
  const originOf = (id: number): string => {
    const known = originOfNode.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)!.callFrame;
    let origin: string;
    if (frame.functionName === '(garbage collector)') origin = 'V8 garbage collector';
    else if (frame.functionName === '(program)') origin = '(program): V8 and native code outside any JS function';
    else if (frame.url !== '') origin = originOfScript(frame.url);
    else origin = `${nativeKindOf(frame.functionName)} ← ${scriptOriginOf(id)}`;
    originOfNode.set(id, origin);
    return origin;
  };

  const selfUs = new Map<number, number>();
  let busyUs = 0;
  let idleUs = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const duration = index + 1 < profile.timeDeltas.length ? profile.timeDeltas[index + 1] : 0;
    const id = profile.samples[index];
    if (byId.get(id)!.callFrame.functionName === '(idle)') {
      idleUs += duration;
      continue;
    }
    busyUs += duration;
    selfUs.set(id, (selfUs.get(id) ?? 0) + duration);
  }
  const share = (us: number) => ({ selfMs: us / 1000, percentOfBusy: (100 * us) / Math.max(1, busyUs) });
  const origins = new Map<string, number>();
  const functions = new Map<string, { functionName: string; location: string; origin: string; us: number }>();
  for (const [id, us] of selfUs) {
    const origin = originOf(id);
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    const frame = byId.get(id)!.callFrame;
    const location = frame.url ? `${shortenUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}\u0000${location}\u0000${origin}`;
    const entry = functions.get(key) ?? { functionName: frame.functionName || '(anonymous)', location, origin, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  return {
    profileFile: file,
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    byOrigin: [...origins.entries()].sort((a, b) => b[1] - a[1]).map(([origin, us]) => ({ origin, ...share(us) })),
    hottest: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({ functionName: entry.functionName, location: entry.location, origin: entry.origin, ...share(entry.us) })),
  };
}

function nativeKindOf(functionName: string): string {
  if (functionName === 'parse' || functionName === 'stringify') return `JSON.${functionName}`;
  // better-sqlite3's Statement and Database methods: SQLite itself runs inside them.
  if (['run', 'all', 'get', 'iterate', 'prepare', 'exec', 'raw', 'pluck', 'bind', 'columns', 'reader'].includes(functionName)) return `SQLite (better-sqlite3 native ${functionName})`;
  return `builtin or native ${functionName || '(anonymous)'}`;
}

function originOfScript(url: string): string {
  const location = shortenUrl(url);
  const inRepo = /^(libs|apps|bench)\/([^/]+)\/(src\/)?([^/]+)?/.exec(location);
  if (inRepo) {
    if (inRepo[1] === 'bench') return 'benchmark harness (bench/)';
    if (inRepo[2] === 'projections') return `libs/projections/${inRepo[4] ?? ''}`.replace(/\.ts$/, '');
    return `${inRepo[1]}/${inRepo[2]}`;
  }
  if (location.startsWith('@eventstore/db-client/')) return 'client: @eventstore/db-client';
  if (location.startsWith('@grpc/grpc-js/')) return 'client: @grpc/grpc-js';
  if (location.startsWith('google-protobuf/') || /_pb\.js$/.test(location)) return 'client: google-protobuf decode';
  if (location.startsWith('kysely/')) return 'Kysely (query building, SQL compile)';
  if (location.startsWith('better-sqlite3/')) return 'better-sqlite3 (JS wrapper)';
  if (location.startsWith('pg/') || location.startsWith('pg-protocol/') || location.startsWith('pg-pool/')) return 'pg (PostgreSQL client)';
  if (location.startsWith('rxjs/')) return 'rxjs';
  if (location.startsWith('node:')) return 'Node.js core (node:*)';
  return `other: ${location.split('/')[0]}`;
}

function shortenUrl(url: string): string {
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  return file.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, file) : file;
}
