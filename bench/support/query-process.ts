// Runs the read side's queries in a process of its own, as the API reads in its own: started by runQueriesApart
// (query-runner.ts) with its plan as the one argument, it reports each kind's figures over the IPC channel.
import { openReadModelDatabase, type ReadModelTarget } from '@app/read-model';
import type { ProjectionDb } from '@app/projections';
import { buildKontaktWorld } from './kontakt-world';
import { measureKind, queryKinds, type QueryPlan, type QueryResult } from './query-phases';

export interface QueryProcessPlan {
  target: ReadModelTarget;
  /** The world is rebuilt here from its seed: the same ids the history was written with. */
  events: number;
  seed: string;
  plan: QueryPlan;
  /** Projections present in the store: kinds that need others are left out. */
  built: string[];
  /** Kinds already measured (or failed) by an earlier process. */
  skip: string[];
}

export type QueryProcessMessage = { type: 'start'; id: string; title: string } | { type: 'result'; result: QueryResult } | { type: 'done' };

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2]) as QueryProcessPlan;
  const send = (message: QueryProcessMessage) => new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
  const world = buildKontaktWorld(plan.events, plan.seed);
  const store = await openReadModelDatabase(plan.target);
  try {
    const built = new Set(plan.built);
    for (const kind of queryKinds(store.db as unknown as ProjectionDb, world)) {
      if (plan.skip.includes(kind.id) || !kind.needs.every((name) => built.has(name))) continue;
      await send({ type: 'start', id: kind.id, title: kind.title });
      let result: QueryResult;
      try {
        result = await measureKind(kind, plan.plan);
      } catch (error) {
        result = { id: kind.id, group: kind.group, title: kind.title, samples: 0, stoppedByTime: false, p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0, meanItems: 0, failure: error instanceof Error ? error.message : String(error) };
      }
      await send({ type: 'result', result });
    }
  } finally {
    await store.close();
  }
  await send({ type: 'done' });
  process.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`query process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
