import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readModelTargetFrom, type ReadModelTarget } from '@app/read-model';
import { withPostgresClient } from './postgres-client';
import { makeScratchFolder } from './scratch-folders';

export type StoreLabel = 'SQLite' | 'PostgreSQL';

/** One empty read-model store for one measurement, and how to size and throw it away. */
export interface BenchReadModel {
  label: StoreLabel;
  target: ReadModelTarget;
  sizeBytes(): Promise<number>;
  drop(): Promise<void>;
}

/** Makes fresh read-model stores of one kind: a new SQLite file, or a new PostgreSQL database, per measurement. */
export interface BenchReadModelKind {
  label: StoreLabel;
  create(purpose: string): Promise<BenchReadModel>;
}

export function sqliteReadModels(): BenchReadModelKind {
  return {
    label: 'SQLite',
    create: async (purpose) => {
      const folder = makeScratchFolder(`read-model-${purpose}`);
      const target = readModelTargetFrom(undefined, folder);
      const file = target.kind === 'sqlite' ? target.file : path.join(folder, 'read-model.sqlite');
      return {
        label: 'SQLite',
        target,
        // The write-ahead log holds what was not checkpointed into the file yet.
        sizeBytes: async () => [file, `${file}-wal`].reduce((sum, name) => sum + (fs.existsSync(name) ? fs.statSync(name).size : 0), 0),
        drop: async () => fs.rmSync(folder, { recursive: true, force: true }),
      };
    },
  };
}

/** Each measurement gets a database of its own on the server `adminUrl` names, dropped afterwards. */
export function postgresReadModels(adminUrl: string): BenchReadModelKind {
  return {
    label: 'PostgreSQL',
    create: async (purpose) => {
      const name = `kontakt_bench_${purpose.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
      await withPostgresClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      return {
        label: 'PostgreSQL',
        target: readModelTargetFrom(databaseUrl, '.'),
        sizeBytes: () => withPostgresClient(databaseUrl, async (client) => Number((await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0].size)),
        drop: async () => {
          await withPostgresClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
    },
  };
}
