import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readModelTargetFrom, type ReadModelTarget } from '@app/read-model';

/** A fresh, empty read-model store for one test file, and how to throw it away. */
export interface ScratchStore {
  name: 'SQLite' | 'PostgreSQL';
  target: ReadModelTarget;
  /** A second, equally fresh store of the same kind (for comparing a rebuild with the original). */
  another(): Promise<ReadModelTarget>;
  cleanUp(): Promise<void>;
}

/**
 * The read-model stores tests run against: SQLite always; PostgreSQL too when READ_MODEL_URL names a server (CI
 * starts one from Debian's package). Each PostgreSQL store is a database of its own, created here and dropped after,
 * so test files running in parallel never share tables.
 */
export function readModelStores(): [string, () => Promise<ScratchStore>][] {
  const stores: [string, () => Promise<ScratchStore>][] = [['SQLite', scratchSqlite]];
  const url = process.env.READ_MODEL_URL;
  if (url) stores.push(['PostgreSQL', () => scratchPostgres(url)]);
  return stores;
}

async function scratchSqlite(): Promise<ScratchStore> {
  const dirs: string[] = [];
  const make = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kontakt-read-model-'));
    dirs.push(dir);
    return readModelTargetFrom(undefined, dir);
  };
  return {
    name: 'SQLite',
    target: await make(),
    another: make,
    cleanUp: async () => {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

async function scratchPostgres(adminUrl: string): Promise<ScratchStore> {
  const created: string[] = [];
  const make = async () => {
    const name = `kontakt_test_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return readModelTargetFrom(url.toString(), tmpdir());
  };
  return {
    name: 'PostgreSQL',
    target: await make(),
    another: make,
    cleanUp: async () => {
      for (const name of created) await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
