import { kontaktEventSchemas } from '@app/event-store';
import { KONTAKT_PROJECTIONS, ProjectionEngine } from '@app/projections';
import { readCheckpoint } from '@app/read-model';
import type { ProjectorConnections } from '../projector-connections';
import { projectionReport, type ProjectionReport } from '../projection-report';
import { formatStatusTable } from '../status-table';

/** `status`: where each stored projection stands against the head of the log, as a table or as JSON. */
export async function showStatus(
  json: boolean,
  { client, store }: ProjectorConnections,
  stdout: Pick<NodeJS.WriteStream, 'write'> = process.stdout,
): Promise<number> {
  const engine = new ProjectionEngine({ client, store, definitions: KONTAKT_PROJECTIONS, schemas: kontaktEventSchemas() });
  // Read first, and let it fail: the engine's status reports an unreachable log as no lag at all.
  const head = await engine.head();
  const reports: ProjectionReport[] = [];
  for (const status of await engine.status()) reports.push(projectionReport(status, await readCheckpoint(store.db, status.name)));
  if (json) {
    stdout.write(`${JSON.stringify({ head: head ? { commit: head.commit.toString(), prepare: head.prepare.toString() } : null, projections: reports }, null, 2)}\n`);
  } else {
    stdout.write(formatStatusTable(reports));
  }
  return 0;
}
