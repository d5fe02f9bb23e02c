import { sql } from 'kysely';
import type { ReadModelDatabase } from '@app/read-model';

export type ReadModelHealthReport = { reachable: true; latencyMs: number } | { reachable: false; error: string };

const PROBE_DEADLINE_MS = 2_000;

/** Whether the read-model store answers a trivial query, within a deadline (a PostgreSQL pool waits for a connection). */
export async function checkReadModel(store: ReadModelDatabase): Promise<ReadModelHealthReport> {
  const startedAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_DEADLINE_MS} ms`)), PROBE_DEADLINE_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(store.db), deadline]);
    return { reachable: true, latencyMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
