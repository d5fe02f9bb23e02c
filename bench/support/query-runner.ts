import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { ReadModelTarget } from '@app/read-model';
import type { QueryProcessMessage, QueryProcessPlan } from './query-process';
import type { QueryPlan, QueryResult } from './query-phases';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TS_REGISTER = path.join(REPO_ROOT, 'scripts', 'register-ts.js');
const QUERY_PROCESS_MAIN = path.join(__dirname, 'query-process.ts');

export interface QueryRunPlan {
  target: ReadModelTarget;
  events: number;
  seed: string;
  plan: QueryPlan;
  built: readonly string[];
}

/**
 * Measures every kind of query in a child process on its own read connection, as the API reads beside the engine.
 * A query that takes the process down (a fold of a whole country's history can exhaust the heap) is reported as
 * failed, and a new process goes on with the kinds after it: one such query does not cost the whole run.
 */
export async function runQueriesApart(run: QueryRunPlan, progress: (message: string) => void): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (;;) {
    const outcome = await oneProcess({ ...run, built: [...run.built], skip: results.map((result) => result.id) }, (result) => {
      results.push(result);
      progress(result.failure ? `query ${result.title}: FAILED ${result.failure}` : `query ${result.title}: p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms over ${result.samples.toLocaleString('en-US')}`);
    });
    if (outcome.done) return results;
    if (outcome.running === undefined) throw new Error(`the query process exited (${outcome.exit}) before measuring anything`);
    const failure = `the query process died (${outcome.exit}) while running it; out of memory?`;
    results.push({ id: outcome.running.id, group: outcome.running.id.split('-')[0] as QueryResult['group'], title: outcome.running.title, samples: 0, stoppedByTime: false, p50Ms: 0, p99Ms: 0, maxMs: 0, meanMs: 0, meanItems: 0, failure });
    progress(`query ${outcome.running.title}: FAILED ${failure}`);
  }
}

function oneProcess(plan: QueryProcessPlan, onResult: (result: QueryResult) => void): Promise<{ done: boolean; running?: { id: string; title: string }; exit: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', TS_REGISTER, QUERY_PROCESS_MAIN, JSON.stringify(plan)], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    let running: { id: string; title: string } | undefined;
    let done = false;
    child.on('message', (message: QueryProcessMessage) => {
      if (message.type === 'start') running = { id: message.id, title: message.title };
      else if (message.type === 'result') {
        running = undefined;
        onResult(message.result);
      } else done = true;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ done, ...(running ? { running } : {}), exit: signal ? `signal ${signal}` : `code ${code}` });
    });
  });
}
